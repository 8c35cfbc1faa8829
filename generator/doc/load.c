/*
 * doc/load.c: document XML (urn:planrep:doc) into the document tree.
 *
 * The XML has passed schema/document.rng before this file walks it, so the walk trusts its shape and
 * builds one struct doc_node per element (a tbody is dropped: its rows join the table) and one per
 * run of text. What the schema cannot say is checked here (ids unique, the limits of doc.h) and in
 * check.c, the normalising pass that runs once the tree is built: whitespace (space.c), styles
 * (style.c), link targets. The xmlDoc is only read; everything the tree keeps is copied out of it.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "planrep/diag.h"
#include "planrep/doc.h"
#include "planrep/xml.h"
#include "doc-int.h"

#define DOC_NS	"urn:planrep:doc"

static bool	build_blocks(struct doc_build *, struct doc_node *, xmlNodePtr);
static bool	build_inlines(struct doc_build *, struct doc_node *, xmlNodePtr);

void
doc_error(struct doc_build *b, long line, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_addv(b->diags, DIAG_ERROR, b->name, line, 0, fmt, ap);
	va_end(ap);
}

char *
doc_attr(struct doc_build *b, xmlNodePtr el, const char *name)
{
	char	*s;

	if ((s = xml_attr(el, name)) == NULL && xmlHasProp(el, (const xmlChar *)name) != NULL)
		b->oom = true;
	return s;
}

/* True when the attribute is there and has exactly this value. */
static bool
attr_is(xmlNodePtr el, const char *name, const char *value)
{
	xmlChar	*s = xmlGetProp(el, (const xmlChar *)name);
	bool	 is;

	is = s != NULL && strcmp((const char *)s, value) == 0;
	xmlFree(s);
	return is;
}

/* ---- Ids ---------------------------------------------------------------------------------------- */

/* FNV-1a: ids are short, and the index only needs a spread, not a secret. */
static size_t
id_hash(const char *s)
{
	uint64_t	 h = 14695981039346656037ull;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

static struct doc_node **
id_slot(const struct doc_ids *ids, const char *id)
{
	size_t	 i = id_hash(id) & (ids->cap - 1);

	while (ids->slots[i] != NULL && strcmp(ids->slots[i]->id, id) != 0)
		i = (i + 1) & (ids->cap - 1);
	return &ids->slots[i];
}

/* Doubles the table. Returns false when out of memory (the old table stays). */
static bool
ids_grow(struct doc_ids *ids)
{
	struct doc_ids	 grown;
	size_t		 i;

	grown.cap = ids->cap ? ids->cap * 2 : 64;
	grown.count = ids->count;
	if ((grown.slots = calloc(grown.cap, sizeof(*grown.slots))) == NULL)
		return false;
	for (i = 0; i < ids->cap; i++)
		if (ids->slots[i] != NULL)
			*id_slot(&grown, ids->slots[i]->id) = ids->slots[i];
	free(ids->slots);
	*ids = grown;
	return true;
}

/* Returns the node already holding node's id, or NULL after adding it (or, b->oom set, failing to). */
static struct doc_node *
ids_add(struct doc_build *b, struct doc_node *node)
{
	struct doc_ids	 *ids = b->doc->ids;
	struct doc_node	**slot;

	if (ids == NULL && (ids = b->doc->ids = calloc(1, sizeof(*ids))) == NULL) {
		b->oom = true;
		return NULL;
	}
	if (2 * (ids->count + 1) > ids->cap && !ids_grow(ids)) {
		b->oom = true;
		return NULL;
	}
	slot = id_slot(ids, node->id);
	if (*slot != NULL)
		return *slot;
	*slot = node;
	ids->count++;
	return NULL;
}

static void
ids_free(struct doc_ids *ids)
{
	if (ids == NULL)
		return;
	free(ids->slots);
	free(ids);
}

struct doc_node *
doc_find_id(const struct doc *doc, const char *id)
{
	if (doc == NULL || doc->ids == NULL || id == NULL)
		return NULL;
	return *id_slot(doc->ids, id);
}

/* ---- Nodes -------------------------------------------------------------------------------------- */

void
doc_node_unlink(struct doc_node *n)
{
	if (n->prev != NULL)
		n->prev->next = n->next;
	else if (n->parent != NULL)
		n->parent->first = n->next;
	if (n->next != NULL)
		n->next->prev = n->prev;
	else if (n->parent != NULL)
		n->parent->last = n->prev;
	n->parent = n->prev = n->next = NULL;
}

void
doc_node_free(struct doc_node *n)
{
	struct doc_node	*c, *next;

	if (n == NULL)
		return;
	for (c = n->first; c != NULL; c = next) {
		next = c->next;
		doc_node_free(c);
	}
	switch (n->type) {
	case DOC_TEXT:
		free(n->u.text.text);
		break;
	case DOC_TOC:
		free(n->u.toc.title);
		break;
	case DOC_TABLE:
		free(n->u.table.continued);
		break;
	case DOC_BOX:
		free(n->u.box.title);
		break;
	case DOC_CHART:
	case DOC_IMAGE:
		free(n->u.figure.src);
		if (n->u.figure.spec != NULL)
			xmlFreeNode(n->u.figure.spec);
		break;
	case DOC_LINK:
	case DOC_REF:
		free(n->u.link.target);
		break;
	case DOC_BADGE:
	case DOC_BAR:
		free(n->u.mark.status);
		break;
	default:
		break;
	}
	free(n->id);
	free(n);
}

/*
 * Makes a node of that type as the last child of parent (NULL: the root), from the element or text
 * node `from`. An element's node is remembered for the normalising pass and gets the element's id.
 * Returns NULL when out of memory or past DOC_MAX_NODES (recorded; b->stop is set).
 */
static struct doc_node *
node_add(struct doc_build *b, struct doc_node *parent, enum doc_type type, xmlNodePtr from)
{
	struct doc_node		*n, *first;
	struct doc_source	*src;
	size_t			 cap;

	if (b->oom || b->stop)
		return NULL;
	if (b->nodes == DOC_MAX_NODES) {
		doc_error(b, xmlGetLineNo(from), "more than %u nodes: the document is too large to set",
		    DOC_MAX_NODES);
		b->stop = true;
		return NULL;
	}
	if ((n = calloc(1, sizeof(*n))) == NULL) {
		b->oom = true;
		return NULL;
	}
	n->type = type;
	n->line = xmlGetLineNo(from);
	if ((n->parent = parent) != NULL) {
		if ((n->prev = parent->last) != NULL)
			parent->last->next = n;
		else
			parent->first = n;
		parent->last = n;
	}
	b->nodes++;
	if (from->type != XML_ELEMENT_NODE)
		return n;
	if (b->src_count == b->src_cap) {
		cap = b->src_cap ? b->src_cap * 2 : 256;
		if ((src = realloc(b->src, cap * sizeof(*src))) == NULL) {
			b->oom = true;
			return n;	/* linked (or the root): freed with the tree */
		}
		b->src = src;
		b->src_cap = cap;
	}
	b->src[b->src_count].node = n;
	b->src[b->src_count++].el = from;
	if ((n->id = doc_attr(b, from, "id")) != NULL && (first = ids_add(b, n)) != NULL)
		doc_error(b, n->line, "id \"%s\" is already used on line %ld", n->id, first->line);
	return n;
}

/*
 * The line a text node's first non-blank character is on. libxml2 2.9 stamps a text node with the
 * line its parser had reached when it delivered the node's first chunk: the run of ASCII the text
 * starts with (its fast path), else about 300 bytes (the buffer of its slow path); a reference
 * (&amp;) ends a chunk too. Counting back the line breaks of that chunk gives the line the text
 * starts on, then forward over its leading blanks. Never before the parent element's line.
 */
static long
text_line(xmlNodePtr t)
{
	const unsigned char	*s = t->content;
	long			 line = xmlGetLineNo(t);
	size_t			 i, chunk = 0;

	if (line <= 0 || s == NULL || t->type != XML_TEXT_NODE)
		return line;
	if (s[0] < 0x80)
		while (s[chunk] != '\0' && s[chunk] < 0x80 && s[chunk] != '&' && s[chunk] != '<')
			chunk++;
	else
		while (s[chunk] != '\0' && s[chunk] != '&' && s[chunk] != '<' && chunk < 300)
			for (chunk++; (s[chunk] & 0xC0) == 0x80; chunk++)
				continue;
	for (i = 0; i < chunk; i++)
		if (s[i] == '\n')
			line--;
	for (i = 0; s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'; i++)
		if (s[i] == '\n')
			line++;
	if (t->parent != NULL && xmlGetLineNo(t->parent) > line)
		line = xmlGetLineNo(t->parent);
	return line;
}

/*
 * Appends a text node's text to parent: to its last child when that is the text node last written
 * (the two were adjacent in the source, with at most comments between), else as a new node.
 * Returns false when out of memory or past DOC_MAX_TEXT (recorded).
 */
static bool
text_add(struct doc_build *b, struct doc_node *parent, xmlNodePtr t)
{
	const char	*s = (const char *)t->content;
	size_t		 n, cap;
	char		*grown;

	if (s == NULL || (n = strlen(s)) == 0)
		return true;
	if (b->text == NULL || parent->last != b->text) {
		if ((b->text = node_add(b, parent, DOC_TEXT, t)) == NULL)
			return false;
		b->text->line = text_line(t);
		b->text_len = b->text_cap = 0;
	}
	if (n > DOC_MAX_TEXT - b->text_len) {
		doc_error(b, b->text->line, "more than %u bytes of text in one run: refused",
		    DOC_MAX_TEXT);
		b->stop = true;
		return false;
	}
	if (b->text_len + n + 1 > b->text_cap) {
		cap = b->text_cap * 2 > b->text_len + n + 1 ? b->text_cap * 2 : b->text_len + n + 1;
		if ((grown = realloc(b->text->u.text.text, cap)) == NULL) {
			b->oom = true;
			return false;
		}
		b->text->u.text.text = grown;
		b->text_cap = cap;
	}
	memcpy(b->text->u.text.text + b->text_len, s, n + 1);
	b->text_len += n;
	return true;
}

/* Parses a level attribute "1"–"4" (the schema allows no other), or returns dflt when absent. */
static int
level_get(xmlNodePtr el, const char *name, int dflt)
{
	xmlChar	*s = xmlGetProp(el, (const xmlChar *)name);
	int	 level = dflt;

	if (s != NULL && s[0] >= '1' && s[0] <= '4' && s[1] == '\0')
		level = s[0] - '0';
	xmlFree(s);
	return level;
}

/* A link target without its '#'. */
static char *
target_get(struct doc_build *b, xmlNodePtr el, const char *name)
{
	char	*s, *t;

	if ((s = doc_attr(b, el, name)) == NULL) {
		b->oom = true;	/* the schema requires it: only memory can be missing */
		return NULL;
	}
	if (s[0] != '#')
		return s;
	t = strdup(s + 1);
	free(s);
	if (t == NULL)
		b->oom = true;
	return t;
}

/* A decimal attribute of a bar. Returns false (recorded) when it is not a finite number. */
static bool
decimal_get(struct doc_build *b, xmlNodePtr el, const char *name, double *out)
{
	xmlChar		*s = xmlGetProp(el, (const xmlChar *)name);
	const char	*end;
	bool		 ok = true;

	if (s == NULL)
		return true;
	if (!doc_number_parse((const char *)s, &end, out) || *end != '\0' || !isfinite(*out)) {
		doc_error(b, xmlGetLineNo(el), "%s=\"%s\" is not a number", name, (const char *)s);
		ok = false;
	}
	xmlFree(s);
	return ok;
}

/* ---- Inlines ------------------------------------------------------------------------------------ */

/*
 * The build_* functions below make the nodes of one element (and its content) under a parent. Each
 * returns false when building must stop (out of memory, or a limit reached: both recorded in b) and
 * true otherwise; a problem in the input is recorded and building goes on past it.
 */

static const struct {
	const char	*name;
	enum doc_type	 type;
} inline_types[] = {
	{ "b", DOC_BOLD },
	{ "i", DOC_ITALIC },
	{ "span", DOC_SPAN },
	{ "a", DOC_LINK },
	{ "ref", DOC_REF },
	{ "br", DOC_LINE_BREAK },
	{ "page-number", DOC_PAGE_NUMBER },
	{ "page-count", DOC_PAGE_COUNT },
	{ "section-title", DOC_SECTION_TITLE },
	{ "badge", DOC_BADGE },
	{ "bar", DOC_BAR },
};

static bool
build_inline(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	struct doc_node	*n;
	size_t		 i;

	for (i = 0; i < sizeof(inline_types) / sizeof(inline_types[0]); i++)
		if (xml_is(el, inline_types[i].name))
			break;
	if (i == sizeof(inline_types) / sizeof(inline_types[0])) {
		doc_error(b, xmlGetLineNo(el), "<%s> is not allowed in text", (const char *)el->name);
		return true;
	}
	if ((n = node_add(b, parent, inline_types[i].type, el)) == NULL)
		return false;
	switch (n->type) {
	case DOC_LINK:
		n->u.link.target = target_get(b, el, "href");
		break;
	case DOC_REF:
		n->u.link.target = target_get(b, el, "to");
		break;
	case DOC_SECTION_TITLE:
		n->u.section.level = level_get(el, "level", 1);
		break;
	case DOC_BADGE:
		if ((n->u.mark.status = doc_attr(b, el, "status")) == NULL)
			b->oom = true;
		break;
	case DOC_BAR:
		n->u.mark.max = 1;
		if (decimal_get(b, el, "value", &n->u.mark.value) &&
		    decimal_get(b, el, "max", &n->u.mark.max) && n->u.mark.max <= 0)
			doc_error(b, n->line, "bar max=\"%g\" must be more than 0", n->u.mark.max);
		break;
	default:
		break;
	}
	if (b->oom)
		return false;
	switch (n->type) {
	case DOC_BOLD:
	case DOC_ITALIC:
	case DOC_SPAN:
	case DOC_LINK:
		return build_inlines(b, n, el);
	default:
		return true;
	}
}

/* Builds the inline content of el under parent. Returns false when building must stop. */
static bool
build_inlines(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	xmlNodePtr	 c;

	for (c = el->children; c != NULL; c = c->next) {
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (!text_add(b, parent, c))
				return false;
			break;
		case XML_ELEMENT_NODE:
			if (!build_inline(b, parent, c))
				return false;
			break;
		default:	/* comments and processing instructions are not text */
			break;
		}
	}
	return !b->oom && !b->stop;
}

/* ---- Blocks ------------------------------------------------------------------------------------- */

static bool
build_heading(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	struct doc_node	*n;

	if ((n = node_add(b, parent, DOC_HEADING, el)) == NULL)
		return false;
	n->u.heading.level = el->name[1] - '0';
	n->u.heading.in_toc = !attr_is(el, "toc", "no");
	return build_inlines(b, n, el);
}

static bool
build_paragraph(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	struct doc_node	*n;

	if ((n = node_add(b, parent, DOC_PARAGRAPH, el)) == NULL)
		return false;
	return build_inlines(b, n, el);
}

/* toc: title 目录 when absent, none (NULL) when title="". */
static bool
build_toc(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	struct doc_node	*n;
	char		*title;

	if ((n = node_add(b, parent, DOC_TOC, el)) == NULL)
		return false;
	n->u.toc.depth = level_get(el, "depth", 2);
	if ((title = doc_attr(b, el, "title")) == NULL && !b->oom)
		title = strdup("目录");
	else if (title != NULL && title[0] == '\0') {
		free(title);
		return true;
	}
	if ((n->u.toc.title = title) == NULL)
		b->oom = true;
	return !b->oom;
}

/* A th or td: inline content, or paragraphs when it has any. Align comes in check.c (the style's). */
static bool
build_cell(struct doc_build *b, struct doc_node *row, xmlNodePtr el)
{
	struct doc_node	*n;
	xmlNodePtr	 c;
	xmlChar		*s;

	if ((n = node_add(b, row, DOC_CELL, el)) == NULL)
		return false;
	n->u.cell.head = xml_is(el, "th");
	n->u.cell.colspan = n->u.cell.rowspan = 1;
	if ((s = xmlGetProp(el, (const xmlChar *)"colspan")) != NULL)
		n->u.cell.colspan = strtoul((const char *)s, NULL, 10);
	xmlFree(s);
	if ((s = xmlGetProp(el, (const xmlChar *)"rowspan")) != NULL)
		n->u.cell.rowspan = strtoul((const char *)s, NULL, 10);
	xmlFree(s);
	n->u.cell.valign = attr_is(el, "valign", "top") ? DOC_VALIGN_TOP :
	    attr_is(el, "valign", "bottom") ? DOC_VALIGN_BOTTOM : DOC_VALIGN_MIDDLE;
	for (c = el->children; c != NULL; c = c->next)
		if (xml_is(c, "p"))
			return build_blocks(b, n, el);
	return build_inlines(b, n, el);
}

static bool
build_row(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	struct doc_node	*n;
	xmlNodePtr	 c;

	if ((n = node_add(b, parent, DOC_ROW, el)) == NULL)
		return false;
	for (c = el->children; c != NULL; c = c->next)
		if ((xml_is(c, "th") || xml_is(c, "td")) && !build_cell(b, n, c))
			return false;
	return true;
}

/* Builds the rows among el's children under parent: tr, and the rows of a tbody. */
static bool
build_rows(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	xmlNodePtr	 c;

	for (c = el->children; c != NULL; c = c->next) {
		if (xml_is(c, "tr")) {
			if (!build_row(b, parent, c))
				return false;
		} else if (xml_is(c, "tbody") && !build_rows(b, parent, c))
			return false;
	}
	return true;
}

static bool
build_table(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	struct doc_node	*n, *k;
	xmlNodePtr	 c;

	if ((n = node_add(b, parent, DOC_TABLE, el)) == NULL)
		return false;
	n->u.table.continued = doc_attr(b, el, "continued");
	for (c = el->children; c != NULL && !b->oom; c = c->next) {
		if (xml_is(c, "caption")) {
			if ((k = node_add(b, n, DOC_CAPTION, c)) == NULL || !build_inlines(b, k, c))
				return false;
		} else if (xml_is(c, "col")) {
			if (node_add(b, n, DOC_COL, c) == NULL)	/* width: check.c */
				return false;
		} else if (xml_is(c, "thead")) {
			if ((k = node_add(b, n, DOC_THEAD, c)) == NULL || !build_rows(b, k, c))
				return false;
		}
	}
	return !b->oom && build_rows(b, n, el);
}

static bool
build_box(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	struct doc_node	*n;

	if ((n = node_add(b, parent, DOC_BOX, el)) == NULL)
		return false;
	n->u.box.title = doc_attr(b, el, "title");
	return !b->oom && build_blocks(b, n, el);
}

/* A chart keeps a copy of its element, the specification the chart stage reads. Size: check.c. */
static bool
build_chart(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	struct doc_node	*n;

	if ((n = node_add(b, parent, DOC_CHART, el)) == NULL)
		return false;
	if ((n->u.figure.spec = xmlCopyNode(el, 1)) == NULL)
		b->oom = true;
	return !b->oom;
}

/* An image's src, resolved against the document's folder unless absolute. Size: check.c. */
static bool
build_image(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	struct doc_node	*n;
	const char	*base = b->doc->base;
	char		*src;
	size_t		 size;

	if ((n = node_add(b, parent, DOC_IMAGE, el)) == NULL)
		return false;
	if ((src = doc_attr(b, el, "src")) == NULL) {
		b->oom = true;
		return false;
	}
	if (src[0] == '/' || base == NULL || base[0] == '\0' || strcmp(base, ".") == 0) {
		n->u.figure.src = src;
		return true;
	}
	size = strlen(base) + 1 + strlen(src) + 1;
	if ((n->u.figure.src = malloc(size)) == NULL)
		b->oom = true;
	else
		snprintf(n->u.figure.src, size, "%s%s%s", base,
		    base[strlen(base) - 1] == '/' ? "" : "/", src);
	free(src);
	return !b->oom;
}

static bool
build_block(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	if (xml_is(el, "h1") || xml_is(el, "h2") || xml_is(el, "h3") || xml_is(el, "h4"))
		return build_heading(b, parent, el);
	if (xml_is(el, "p"))
		return build_paragraph(b, parent, el);
	if (xml_is(el, "toc"))
		return build_toc(b, parent, el);
	if (xml_is(el, "table"))
		return build_table(b, parent, el);
	if (xml_is(el, "box"))
		return build_box(b, parent, el);
	if (xml_is(el, "chart"))
		return build_chart(b, parent, el);
	if (xml_is(el, "image"))
		return build_image(b, parent, el);
	if (xml_is(el, "page-break"))
		return node_add(b, parent, DOC_PAGE_BREAK, el) != NULL;
	doc_error(b, xmlGetLineNo(el), "<%s> is not a block", (const char *)el->name);
	return true;
}

/* Builds the block children of el under parent; text between blocks is layout of the XML. */
static bool
build_blocks(struct doc_build *b, struct doc_node *parent, xmlNodePtr el)
{
	xmlNodePtr	 c;

	for (c = el->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !build_block(b, parent, c))
			return false;
	return !b->oom && !b->stop;
}

static bool
build_running(struct doc_build *b, struct doc_node *root, xmlNodePtr el)
{
	struct doc_node	*n;

	if ((n = node_add(b, root, xml_is(el, "header") ? DOC_HEADER : DOC_FOOTER, el)) == NULL)
		return false;
	n->u.running.align = attr_is(el, "align", "left") ? DOC_ALIGN_LEFT :
	    attr_is(el, "align", "right") ? DOC_ALIGN_RIGHT :
	    attr_is(el, "align", "outside") ? DOC_ALIGN_OUTSIDE :
	    attr_is(el, "align", "inside") ? DOC_ALIGN_INSIDE : DOC_ALIGN_CENTER;
	n->u.running.pages = attr_is(el, "pages", "odd") ? 1 : attr_is(el, "pages", "even") ? 2 : 0;
	n->u.running.first = attr_is(el, "first", "true");
	return build_inlines(b, n, el);	/* indent: check.c */
}

static bool
build_watermark(struct doc_build *b, xmlNodePtr el)
{
	char	*s;

	if ((s = xml_text(el)) == NULL) {
		b->oom = true;
		return false;
	}
	if (strlen(s) > DOC_MAX_TEXT) {
		doc_error(b, xmlGetLineNo(el), "more than %u bytes of text in one run: refused",
		    DOC_MAX_TEXT);
		free(s);
		return false;
	}
	doc_space_string(s);
	free(b->doc->watermark);
	b->doc->watermark = s;
	if (s[0] == '\0') {	/* only blanks: no watermark */
		free(s);
		b->doc->watermark = NULL;
	}
	return true;
}

/* The root: metadata, running matter, the title page and the body (page and styles come first). */
static bool
build_document(struct doc_build *b, xmlNodePtr el)
{
	struct doc	*doc = b->doc;
	struct doc_node	*n;
	xmlNodePtr	 c;

	if ((doc->root = node_add(b, NULL, DOC_DOCUMENT, el)) == NULL)
		return false;
	if ((doc->lang = doc_attr(b, el, "lang")) == NULL && !b->oom)
		doc->lang = strdup("zh-CN");
	doc->title = doc_attr(b, el, "title");
	doc->author = doc_attr(b, el, "author");
	doc->subject = doc_attr(b, el, "subject");
	doc->keywords = doc_attr(b, el, "keywords");
	doc->creator = doc_attr(b, el, "creator");
	if (doc->lang == NULL)
		b->oom = true;
	for (c = el->children; c != NULL && !b->oom && !b->stop; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || xml_is(c, "page") || xml_is(c, "styles"))
			continue;
		if (xml_is(c, "header") || xml_is(c, "footer")) {
			if (!build_running(b, doc->root, c))
				return false;
		} else if (xml_is(c, "watermark")) {
			if (!build_watermark(b, c))
				return false;
		} else if (xml_is(c, "title-page")) {
			if ((n = node_add(b, doc->root, DOC_TITLE_PAGE, c)) == NULL ||
			    !build_blocks(b, n, c))
				return false;
		} else if (!build_block(b, doc->root, c))
			return false;
	}
	return !b->oom && !b->stop;
}

/* ---- Loading ------------------------------------------------------------------------------------ */

/* The first element child of el named name, or NULL. */
static xmlNodePtr
child_get(xmlNodePtr el, const char *name)
{
	xmlNodePtr	 c;

	for (c = el->children; c != NULL; c = c->next)
		if (xml_is(c, name))
			return c;
	return NULL;
}

static xmlNodePtr
next_element(xmlNodePtr n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

/*
 * The first element nested deeper than DOC_MAX_DEPTH (the root is depth 1), or NULL. Walks without
 * recursion: a template's result has not been through the file loader's own depth check, and the
 * builder's recursion is safe only below this limit.
 */
static xmlNodePtr
too_deep(xmlNodePtr root)
{
	xmlNodePtr	 n = root, c;
	size_t		 depth = 1;

	for (;;) {
		if (depth > DOC_MAX_DEPTH)
			return n;
		if ((c = next_element(n->children)) != NULL) {
			n = c;
			depth++;
			continue;
		}
		while (n != root && (c = next_element(n->next)) == NULL) {
			n = n->parent;
			depth--;
		}
		if (n == root)
			return NULL;
		n = c;
	}
}

/* True when an error or worse was recorded since diagnostic number `since`. */
static bool
failed_since(const struct diag_list *diags, size_t since)
{
	size_t	 i;

	for (i = since; i < diags->count; i++)
		if (diags->items[i].severity >= DIAG_ERROR)
			return true;
	return diags->oom;
}

struct doc *
doc_from_xml(xmlDocPtr xml, const char *name, const char *base, struct diag_list *diags)
{
	struct doc_build	 b;
	struct doc		*doc = NULL;
	xmlNodePtr		 root, deep;
	size_t			 before = diags->count;

	memset(&b, 0, sizeof(b));
	b.name = name != NULL ? name : "<document>";
	b.diags = diags;
	root = xml != NULL ? xmlDocGetRootElement(xml) : NULL;
	if (root == NULL || !xml_is(root, "document") || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, DOC_NS) != 0) {
		diag_add(diags, DIAG_ERROR, b.name, root != NULL ? xmlGetLineNo(root) : 0, 0,
		    "expected a <document> element in namespace " DOC_NS);
		return NULL;
	}
	if ((deep = too_deep(root)) != NULL) {
		diag_add(diags, DIAG_ERROR, b.name, xmlGetLineNo(deep), 0,
		    "elements nested more than %d deep", DOC_MAX_DEPTH);
		return NULL;
	}
	if (!xml_doc_validate(xml, "document", b.name, diags))
		return NULL;
	if ((doc = b.doc = calloc(1, sizeof(*doc))) == NULL ||
	    (doc->path = strdup(b.name)) == NULL ||
	    (doc->base = strdup(base != NULL ? base : ".")) == NULL) {
		b.oom = true;
		goto out;
	}
	/* The page before the styles (chars-per-line divides its type area), both before the body. */
	doc_page_load(&b, child_get(root, "page"));
	if (!doc_styles_load(&b, child_get(root, "styles")) && b.oom)
		goto out;
	if (build_document(&b, root)) {
		b.text = NULL;
		doc_check(&b);
	}
out:
	free(b.src);
	free(b.segs);
	if (b.oom)
		diag_add(diags, DIAG_FATAL, b.name, 0, 0, "out of memory");
	if (failed_since(diags, before)) {
		doc_free(doc);
		return NULL;
	}
	return doc;
}

/* The folder of path ("." when it has none), owned, or NULL when out of memory. */
static char *
folder_of(const char *path)
{
	const char	*slash = strrchr(path, '/');
	char		*dir;

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	if ((dir = malloc((size_t)(slash - path) + 1)) != NULL) {
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
	}
	return dir;
}

struct doc *
doc_load(const char *path, struct diag_list *diags)
{
	xmlDocPtr	 xml;
	struct doc	*doc;
	char		*base;

	if ((xml = xml_doc_load(path, diags)) == NULL)
		return NULL;
	if ((base = folder_of(path)) == NULL) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		xmlFreeDoc(xml);
		return NULL;
	}
	doc = doc_from_xml(xml, path, base, diags);
	xmlFreeDoc(xml);
	free(base);
	return doc;
}

void
doc_free(struct doc *doc)
{
	size_t	 i;

	if (doc == NULL)
		return;
	doc_node_free(doc->root);
	for (i = 0; i < doc->style_count; i++) {
		free(doc->styles[i].name);
		free(doc->styles[i].font);
	}
	free(doc->styles);
	ids_free(doc->ids);
	free(doc->path);
	free(doc->base);
	free(doc->lang);
	free(doc->title);
	free(doc->author);
	free(doc->subject);
	free(doc->keywords);
	free(doc->creator);
	free(doc->watermark);
	free(doc);
}
