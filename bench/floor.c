/*
 * bench/floor.c: the least work any pango + cairo generator must do for the full text of a plan: every
 * paragraph laid out by one PangoLayout at the modern theme's measure, font and size, justified, broken
 * into pages of the same type area, a page number on each, written as PDF. No markup, no tables, no
 * Chinese line-breaking rules of our own: the physical floor planrep's own layout is measured against
 * (bench/run). Reads the paragraphs' text from a plan file with libxml2, as planrep does.
 *
 * usage: floor PLAN.xml OUT.pdf
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pango/pangocairo.h>

/* The modern theme (templates/themes/modern.xml): A4, 24 mm side margins, 28/25 mm top/bottom, body
 * Noto Serif CJK SC 11 pt at 1.75 line height. */
#define MM		(72.0 / 25.4)
#define PAGE_W		595.276
#define PAGE_H		841.89
#define LEFT		(24 * MM)
#define TOP		(28 * MM)
#define MEASURE		(PAGE_W - 48 * MM)
#define AREA		(PAGE_H - 53 * MM)
#define SIZE		11.0
#define LEADING		(SIZE * 1.75)

struct pager {
	cairo_t		*cr;
	PangoLayout	*number;
	double		 y;
	int		 page;
};

static void
finish_page(struct pager *pg)
{
	char	 buf[32];

	snprintf(buf, sizeof(buf), "第 %d 页", ++pg->page);
	pango_layout_set_text(pg->number, buf, -1);
	cairo_move_to(pg->cr, PAGE_W / 2 - 20, PAGE_H - 16 * MM);
	pango_cairo_show_layout(pg->cr, pg->number);
	cairo_show_page(pg->cr);
	pg->y = 0;
}

static void
paragraph(struct pager *pg, PangoContext *ctx, const PangoFontDescription *fd, const char *text)
{
	PangoLayout	*l = pango_layout_new(ctx);
	PangoLayoutIter	*it;
	int		 baseline;

	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(MEASURE * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_justify(l, TRUE);
	pango_layout_set_indent(l, (int)(2 * SIZE * PANGO_SCALE));
	pango_layout_set_text(l, text, -1);
	it = pango_layout_get_iter(l);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);

		if (pg->y + LEADING > AREA)
			finish_page(pg);
		baseline = pango_layout_iter_get_baseline(it);
		(void)baseline;
		cairo_move_to(pg->cr, LEFT + (line->is_paragraph_start ? 2 * SIZE : 0), TOP + pg->y + SIZE);
		pango_cairo_show_layout_line(pg->cr, line);
		pg->y += LEADING;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
}

static void
walk(xmlNodePtr n, struct pager *pg, PangoContext *ctx, const PangoFontDescription *fd)
{
	xmlNodePtr	 c;
	xmlChar		*t;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "p") == 0 || strcmp((const char *)c->name, "heading") == 0 ||
		    strcmp((const char *)c->name, "item") == 0) {
			t = xmlNodeGetContent(c);
			paragraph(pg, ctx, fd, (const char *)t);
			xmlFree(t);
		} else
			walk(c, pg, ctx, fd);
	}
}

int
main(int argc, char **argv)
{
	cairo_surface_t		*s;
	PangoFontMap		*map;
	PangoContext		*ctx;
	PangoFontDescription	*fd;
	struct pager		 pg = { 0 };
	xmlDocPtr		 doc;

	if (argc != 3) {
		fprintf(stderr, "usage: floor PLAN.xml OUT.pdf\n");
		return 2;
	}
	if ((doc = xmlReadFile(argv[1], NULL, XML_PARSE_NONET)) == NULL)
		return 1;
	map = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72);
	ctx = pango_font_map_create_context(map);
	fd = pango_font_description_from_string("Noto Serif CJK SC 11");
	pango_font_description_set_absolute_size(fd, SIZE * PANGO_SCALE);
	s = cairo_pdf_surface_create(argv[2], PAGE_W, PAGE_H);
	pg.cr = cairo_create(s);
	pg.number = pango_layout_new(ctx);
	pango_layout_set_font_description(pg.number, fd);
	walk(xmlDocGetRootElement(doc), &pg, ctx, fd);
	finish_page(&pg);
	g_object_unref(pg.number);
	cairo_destroy(pg.cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	pango_font_description_free(fd);
	g_object_unref(ctx);
	g_object_unref(map);
	xmlFreeDoc(doc);
	printf("%d pages\n", pg.page);
	return 0;
}
