/*
 * doc/dump.c: the document tree as text (STYLE 1.7), for golden tests and for people debugging.
 *
 * One node a line, indented two spaces a level: its type, its fields, its style, then @line. Text is
 * quoted with \n, \t, \", \\ and control characters escaped. After the tree: the page (margins top,
 * bottom, left, right), the watermark, then every resolved style. Numbers are printed with %.2f so the output does not depend on the last
 * bits of a double; strings are printed as they are (UTF-8). Keep the format stable: the golden files
 * under tests/golden/ are this output.
 */
#include <stdio.h>

#include <libxml/tree.h>

#include "planrep/doc.h"
#include "doc-int.h"

const char *
doc_type_name(enum doc_type type)
{
	static const char *const names[DOC__COUNT] = {
		[DOC_DOCUMENT] = "document",
		[DOC_HEADER] = "header",
		[DOC_FOOTER] = "footer",
		[DOC_TITLE_PAGE] = "title-page",
		[DOC_TOC] = "toc",
		[DOC_HEADING] = "heading",
		[DOC_PARAGRAPH] = "paragraph",
		[DOC_TABLE] = "table",
		[DOC_CAPTION] = "caption",
		[DOC_COL] = "col",
		[DOC_THEAD] = "thead",
		[DOC_ROW] = "row",
		[DOC_CELL] = "cell",
		[DOC_BOX] = "box",
		[DOC_CHART] = "chart",
		[DOC_IMAGE] = "image",
		[DOC_PAGE_BREAK] = "page-break",
		[DOC_TEXT] = "text",
		[DOC_BOLD] = "bold",
		[DOC_ITALIC] = "italic",
		[DOC_SPAN] = "span",
		[DOC_LINK] = "link",
		[DOC_REF] = "ref",
		[DOC_PAGE_NUMBER] = "page-number",
		[DOC_PAGE_COUNT] = "page-count",
		[DOC_SECTION_TITLE] = "section-title",
		[DOC_BADGE] = "badge",
		[DOC_BAR] = "bar",
		[DOC_LINE_BREAK] = "line-break",
	};

	if ((unsigned)type >= DOC__COUNT || names[type] == NULL)
		return "?";
	return names[type];
}

static const char *
align_name(enum doc_align a)
{
	switch (a) {
	case DOC_ALIGN_JUSTIFY:
		return "justify";
	case DOC_ALIGN_LEFT:
		return "left";
	case DOC_ALIGN_CENTER:
		return "center";
	case DOC_ALIGN_RIGHT:
		return "right";
	case DOC_ALIGN_OUTSIDE:
		return "outside";
	case DOC_ALIGN_INSIDE:
		return "inside";
	}
	return "?";
}

static const char *
valign_name(enum doc_valign a)
{
	switch (a) {
	case DOC_VALIGN_MIDDLE:
		return "middle";
	case DOC_VALIGN_TOP:
		return "top";
	case DOC_VALIGN_BOTTOM:
		return "bottom";
	}
	return "?";
}

/* Writes s in double quotes, escaped so that one value stays on one line. */
static void
quote(FILE *f, const char *s)
{
	const unsigned char	*p;

	putc('"', f);
	for (p = (const unsigned char *)(s != NULL ? s : ""); *p != '\0'; p++) {
		switch (*p) {
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(f, "\\x%02x", *p);
			else
				putc(*p, f);
		}
	}
	putc('"', f);
}

/* Writes " key=\"value\"" when value is set. */
static void
field(FILE *f, const char *key, const char *value)
{
	if (value == NULL)
		return;
	fprintf(f, " %s=", key);
	quote(f, value);
}

/* The chart's specification, briefly: its own attributes and how many elements it holds. */
static void
chart_spec(FILE *f, xmlNodePtr spec)
{
	const xmlAttr	*a;
	xmlNodePtr	 c;
	xmlChar		*v;
	size_t		 n = 0;

	if (spec == NULL)
		return;
	fputs(" spec=<chart", f);
	for (a = spec->properties; a != NULL; a = a->next) {
		if (a->ns == NULL && (xmlStrEqual(a->name, (const xmlChar *)"id") ||
		    xmlStrEqual(a->name, (const xmlChar *)"style") ||
		    xmlStrEqual(a->name, (const xmlChar *)"width") ||
		    xmlStrEqual(a->name, (const xmlChar *)"height")))
			continue;
		v = xmlNodeListGetString(spec->doc, a->children, 1);
		fprintf(f, " %s%s%s=", a->ns != NULL && a->ns->prefix != NULL ?
		    (const char *)a->ns->prefix : "", a->ns != NULL && a->ns->prefix != NULL ? ":" : "",
		    (const char *)a->name);
		quote(f, (const char *)v);
		xmlFree(v);
	}
	for (c = spec->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			n++;
	fprintf(f, "> elements=%zu", n);
}

static void
node_dump(FILE *f, const struct doc_node *n, size_t depth)
{
	const struct doc_node	*c;
	size_t			 i;

	for (i = 0; i < depth; i++)
		fputs("  ", f);
	fputs(doc_type_name(n->type), f);
	switch (n->type) {
	case DOC_TEXT:
		putc(' ', f);
		quote(f, n->u.text.text);
		break;
	case DOC_HEADING:
		fprintf(f, " level=%d%s", n->u.heading.level, n->u.heading.in_toc ? "" : " toc=no");
		break;
	case DOC_HEADER:
	case DOC_FOOTER:
		fprintf(f, " align=%s pages=%s first=%s indent=%.2f", align_name(n->u.running.align),
		    n->u.running.pages == 1 ? "odd" : n->u.running.pages == 2 ? "even" : "all",
		    n->u.running.first ? "yes" : "no", n->u.running.indent);
		break;
	case DOC_TOC:
		field(f, "title", n->u.toc.title);
		fprintf(f, " depth=%d", n->u.toc.depth);
		break;
	case DOC_TABLE:
		field(f, "continued", n->u.table.continued);
		break;
	case DOC_COL:
		if (n->u.col.relative)
			fprintf(f, " share=%.2f", n->u.col.width);
		else
			fprintf(f, " width=%.2f", n->u.col.width);
		break;
	case DOC_CELL:
		fprintf(f, " %s", n->u.cell.head ? "th" : "td");
		if (n->u.cell.colspan != 1)
			fprintf(f, " colspan=%zu", n->u.cell.colspan);
		if (n->u.cell.rowspan != 1)
			fprintf(f, " rowspan=%zu", n->u.cell.rowspan);
		fprintf(f, " align=%s valign=%s", align_name(n->u.cell.align),
		    valign_name(n->u.cell.valign));
		break;
	case DOC_BOX:
		field(f, "title", n->u.box.title);
		break;
	case DOC_CHART:
	case DOC_IMAGE:
		field(f, "src", n->u.figure.src);
		fprintf(f, " width=%.2f height=%.2f", n->u.figure.width, n->u.figure.height);
		chart_spec(f, n->u.figure.spec);
		break;
	case DOC_LINK:
	case DOC_REF:
		field(f, "to", n->u.link.target);
		break;
	case DOC_BADGE:
		field(f, "status", n->u.mark.status);
		break;
	case DOC_BAR:
		fprintf(f, " value=%.2f max=%.2f", n->u.mark.value, n->u.mark.max);
		break;
	case DOC_SECTION_TITLE:
		fprintf(f, " level=%d", n->u.section.level);
		break;
	default:
		break;
	}
	field(f, "id", n->id);
	if (n->style != NULL)
		fprintf(f, " style=%s", n->style->name);
	fprintf(f, " @%ld\n", n->line);
	for (c = n->first; c != NULL; c = c->next)
		node_dump(f, c, depth + 1);
}

static void
style_dump(FILE *f, const struct doc_style *s)
{
	fputs("style ", f);
	fputs(s->name, f);
	field(f, "font", s->font);
	fprintf(f, " size=%.2f weight=%d line-height=%.2f indent=%.2f align=%s char-pitch=%.2f",
	    s->size, s->weight, s->line_height, s->indent, align_name(s->align), s->char_pitch);
	/* The rest only where it differs from nothing, to keep the lines short. */
	if (s->hanging != 0)
		fprintf(f, " hanging=%.2f", s->hanging);
	if (s->space_before != 0)
		fprintf(f, " space-before=%.2f", s->space_before);
	if (s->space_after != 0)
		fprintf(f, " space-after=%.2f", s->space_after);
	if (s->letter_spacing != 0)
		fprintf(f, " letter-spacing=%.2f", s->letter_spacing);
	if (s->italic)
		fputs(" italic", f);
	if (s->synthetic_bold)
		fputs(" synthetic-bold", f);
	if (s->keep_with_next)
		fputs(" keep-with-next", f);
	if (s->color != 0)
		fprintf(f, " color=#%06x", (unsigned)s->color);
	if (s->background != DOC_NO_COLOR)
		fprintf(f, " background=#%06x", (unsigned)s->background);
	if (s->line > 0)
		fprintf(f, " @%ld", s->line);
	putc('\n', f);
}

void
doc_dump(const struct doc *doc, FILE *f)
{
	const struct doc_page	*p = &doc->page;
	const struct doc_node	*c;
	size_t			 i;

	if (doc->root != NULL) {
		/* The root's line carries the metadata. */
		fputs("document", f);
		field(f, "lang", doc->lang);
		field(f, "title", doc->title);
		field(f, "author", doc->author);
		field(f, "subject", doc->subject);
		field(f, "keywords", doc->keywords);
		field(f, "creator", doc->creator);
		field(f, "id", doc->root->id);
		if (doc->root->style != NULL)
			fprintf(f, " style=%s", doc->root->style->name);
		fprintf(f, " @%ld\n", doc->root->line);
		for (c = doc->root->first; c != NULL; c = c->next)
			node_dump(f, c, 1);
	}
	fprintf(f, "page width=%.2f height=%.2f margins=%.2f,%.2f,%.2f,%.2f header-offset=%.2f "
	    "footer-offset=%.2f mirror=%s\n", p->width, p->height, p->margin_top, p->margin_bottom,
	    p->margin_left, p->margin_right, p->header_offset, p->footer_offset,
	    p->mirror ? "yes" : "no");
	if (doc->watermark != NULL) {
		fputs("watermark ", f);
		quote(f, doc->watermark);
		putc('\n', f);
	}
	for (i = 0; i < doc->style_count; i++)
		style_dump(f, &doc->styles[i]);
}
