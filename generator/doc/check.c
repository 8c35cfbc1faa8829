/*
 * doc/check.c: the normalising pass between building the tree and handing it on (STYLE 1.3).
 *
 * After it, layout trusts the tree: every text has been through the whitespace rule, every node that
 * sets text has its style (the root, header, footer, every block, span; by its style attribute, else
 * by its element's name, else `default`), every cell its alignment, every length that may be written
 * in em its value in points, and every a and ref points at an id that exists. Problems are recorded
 * with their line and the pass goes on, so one run reports them all.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "planrep/diag.h"
#include "planrep/doc.h"
#include "doc-int.h"

/* Inline nodes other than span have no style of their own: they take their block's. */
static bool
has_style(enum doc_type type)
{
	return type <= DOC_PAGE_BREAK || type == DOC_SPAN;
}

/* The style of n: its style attribute's, else its element's name's, else default. */
static void
style_resolve(struct doc_build *b, struct doc_node *n, xmlNodePtr el)
{
	const struct doc_style	*s;
	char			*name;

	if ((name = doc_attr(b, el, "style")) != NULL) {
		if ((s = doc_style_find(b->doc, name)) == NULL)
			doc_error(b, n->line, "unknown style \"%s\"", name);
		free(name);
	} else
		s = doc_style_find(b->doc, (const char *)el->name);
	n->style = s != NULL ? s : doc_style_find(b->doc, "default");
}

/* A length attribute in points, em being the node's style size; *out is left alone when absent. */
static void
length_get(struct doc_build *b, struct doc_node *n, xmlNodePtr el, const char *name, double *out)
{
	char	*s;

	if ((s = doc_attr(b, el, name)) == NULL)
		return;
	if (!doc_length_parse(s, n->style->size, out))
		doc_error(b, n->line, "%s=\"%s\" is not a length of at most 100000 pt", name, s);
	free(s);
}

/* A col width: a length in points, "N%" a share of N/100, "*" a share of 1. */
static void
col_width(struct doc_build *b, struct doc_node *n, xmlNodePtr el)
{
	const char	*end;
	char		*s;
	size_t		 len;

	if ((s = doc_attr(b, el, "width")) == NULL)
		return;
	len = strlen(s);
	if (strcmp(s, "*") == 0) {
		n->u.col.relative = true;
		n->u.col.width = 1;
	} else if (len > 1 && s[len - 1] == '%') {
		n->u.col.relative = true;
		if (s[0] == '-' || s[0] == '+' || !doc_number_parse(s, &end, &n->u.col.width) ||
		    *end != '%' || n->u.col.width > 100000)
			doc_error(b, n->line, "width=\"%s\" is not a percentage", s);
		n->u.col.width /= 100;
	} else if (!doc_length_parse(s, n->style->size, &n->u.col.width))
		doc_error(b, n->line, "width=\"%s\" is not a length of at most 100000 pt", s);
	free(s);
}

static enum doc_align
cell_align(xmlNodePtr el, enum doc_align dflt)
{
	xmlChar		*s = xmlGetProp(el, (const xmlChar *)"align");
	enum doc_align	 a = dflt;

	if (s != NULL) {
		if (strcmp((const char *)s, "left") == 0)
			a = DOC_ALIGN_LEFT;
		else if (strcmp((const char *)s, "center") == 0)
			a = DOC_ALIGN_CENTER;
		else if (strcmp((const char *)s, "right") == 0)
			a = DOC_ALIGN_RIGHT;
		else if (strcmp((const char *)s, "justify") == 0)
			a = DOC_ALIGN_JUSTIFY;
	}
	xmlFree(s);
	return a;
}

/* True for a node whose children are the inline content of one block. */
static bool
holds_text(const struct doc_node *n)
{
	switch (n->type) {
	case DOC_PARAGRAPH:
	case DOC_HEADING:
	case DOC_CAPTION:
	case DOC_HEADER:
	case DOC_FOOTER:
		return true;
	case DOC_CELL:
		return n->first == NULL || n->first->type != DOC_PARAGRAPH;
	default:
		return false;
	}
}

bool
doc_check(struct doc_build *b)
{
	struct doc_node	*n;
	xmlNodePtr	 el;
	size_t		 i;

	for (i = 0; i < b->src_count; i++)
		if (holds_text(b->src[i].node) && !doc_space_block(b, b->src[i].node))
			return false;
	for (i = 0; i < b->src_count && !b->oom; i++) {
		n = b->src[i].node;
		el = b->src[i].el;
		if (has_style(n->type))
			style_resolve(b, n, el);
		switch (n->type) {
		case DOC_HEADER:
		case DOC_FOOTER:
			length_get(b, n, el, "indent", &n->u.running.indent);
			break;
		case DOC_COL:
			col_width(b, n, el);
			break;
		case DOC_CELL:
			n->u.cell.align = cell_align(el, n->style->align);
			break;
		case DOC_CHART:
		case DOC_IMAGE:
			length_get(b, n, el, "width", &n->u.figure.width);
			length_get(b, n, el, "height", &n->u.figure.height);
			break;
		case DOC_LINK:
		case DOC_REF:
			if (doc_find_id(b->doc, n->u.link.target) == NULL)
				doc_error(b, n->line, "%s to unknown id \"%s\"",
				    n->type == DOC_LINK ? "link" : "ref", n->u.link.target);
			break;
		default:
			break;
		}
	}
	return !b->oom;
}
