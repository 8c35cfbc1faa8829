/*
 * render/render.c: pages of items onto cairo surfaces.
 *
 * render_page draws one page into any cairo context; the three formats differ only in the surface
 * made around it: a PDF surface for the whole document (with metadata, named destinations, links and
 * the outline), an SVG surface per page, an image surface per page written as PNG. Text is drawn
 * with pango_cairo_show_glyph_item, which passes each glyph's text to cairo, so that the PDF's text
 * extracts exactly as set (no radicals or private-use code points in place of Han characters).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zlib.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "planrep/chart.h"
#include "planrep/render.h"
#include "render-int.h"

static void
color(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

static void
text(cairo_t *cr, const struct layout_item *it)
{
	const struct layout_line	*l = it->line;
	size_t				 k;

	cairo_save(cr);
	cairo_translate(cr, it->x, it->y);
	if (it->angle != 0)
		cairo_rotate(cr, it->angle);
	for (k = 0; k < l->glyph_count; k++) {
		/* A watermark keeps its own light colour; other text its run's colour. */
		color(cr, it->as_path ? it->color : l->glyphs[k].color);
		cairo_move_to(cr, l->glyphs[k].x, 0);
		if (it->as_path) {
			pango_cairo_glyph_string_path(cr, l->glyphs[k].item->item->analysis.font,
			    l->glyphs[k].item->glyphs);
			cairo_fill(cr);
		} else
			pango_cairo_show_glyph_item(cr, l->text, l->glyphs[k].item);
	}
	cairo_restore(cr);
}

/* Escapes a value for a cairo tag attribute string ('…' with \' and \\). */
static void
attr_escape(char *out, size_t size, const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0' && n + 3 < size; s++) {
		if (*s == '\'' || *s == '\\')
			out[n++] = '\\';
		out[n++] = *s;
	}
	out[n] = '\0';
}

static void
image(cairo_t *cr, const struct layout_item *it)
{
	cairo_surface_t	*img;
	double		 w, h;

	img = cairo_image_surface_create_from_png(it->target);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		cairo_save(cr);
		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(cr, 0.5);
		cairo_rectangle(cr, it->x, it->y, it->w, it->h);
		cairo_stroke(cr);
		cairo_restore(cr);
		return;
	}
	w = cairo_image_surface_get_width(img);
	h = cairo_image_surface_get_height(img);
	cairo_save(cr);
	cairo_translate(cr, it->x, it->y);
	cairo_scale(cr, it->w / w, it->h / h);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(img);
}

/*
 * The pango context charts on this page measure their labels with: one of the font map the layout
 * set the page's text with (reached through a text item's font), so that a process keeps one font
 * map and charts use the run's fonts. A page without text falls back to pango's default map.
 * Caller unrefs it.
 */
static PangoContext *
page_context(const struct layout_page *pg)
{
	PangoFontMap	*map = NULL;
	size_t		 i;

	for (i = 0; i < pg->count && map == NULL; i++) {
		const struct layout_item *it = &pg->items[i];

		if (it->type == LAYOUT_ITEM_TEXT && it->line != NULL && it->line->glyph_count > 0 &&
		    it->line->glyphs[0].item->item->analysis.font != NULL)
			map = pango_font_get_font_map(it->line->glyphs[0].item->item->analysis.font);
	}
	return chart_context_new(map);
}

/*
 * A chart, badge or bar, drawn by the chart stage into the box layout gave it. render_page has no
 * diagnostics to report into: a chart whose data is bad draws a panel that names the problem
 * (documents are validated against schema/document.rng when loaded, which catches most of it).
 */
static void
figure(cairo_t *cr, const struct layout_item *it, const struct layout_page *pg, PangoContext **pc)
{
	const struct doc_node	*n = it->node;
	struct diag_list	 d;
	struct chart		*c;
	enum chart_status	 st = CHART_STATUS_NONE;

	if (n == NULL)
		return;
	if (*pc == NULL && (n->type == DOC_CHART || n->type == DOC_BADGE))
		*pc = page_context(pg);
	diag_list_init(&d);
	switch (n->type) {
	case DOC_CHART:
		if ((c = chart_parse(n->u.figure.spec, NULL, &d)) != NULL)
			chart_draw(cr, c, it->x, it->y, it->w, it->h, *pc, NULL, &d);
		chart_free(c);
		break;
	case DOC_BADGE:
		if (n->u.mark.status != NULL)
			chart_status_parse(n->u.mark.status, &st);
		chart_badge_draw(cr, st, it->x, it->y, it->w, it->h, *pc);
		break;
	case DOC_BAR:
		chart_inline_bar_draw(cr, n->u.mark.value, n->u.mark.max, it->x, it->y, it->w, it->h);
		break;
	default:
		break;
	}
	diag_list_clear(&d);
}

void
render_page(cairo_t *cr, const struct layout_page *pg)
{
	PangoContext	*pc = NULL;
	char		 attrs[512], esc[256];
	size_t		 i;

	for (i = 0; i < pg->count; i++) {
		const struct layout_item *it = &pg->items[i];

		switch (it->type) {
		case LAYOUT_ITEM_TEXT:
			text(cr, it);
			break;
		case LAYOUT_ITEM_RULE:
			cairo_save(cr);
			color(cr, it->color);
			cairo_set_line_width(cr, it->line_width > 0 ? it->line_width : 0.5);
			if (it->dash > 0) {
				double d[2] = { 0, it->dash };

				cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
				cairo_set_dash(cr, d, 2, 0);
			}
			cairo_move_to(cr, it->x, it->y);
			cairo_line_to(cr, it->x + it->w, it->y + it->h);
			cairo_stroke(cr);
			cairo_restore(cr);
			break;
		case LAYOUT_ITEM_PLACEHOLDER:
			figure(cr, it, pg, &pc);
			break;
		case LAYOUT_ITEM_RECT:
			cairo_save(cr);
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			if (it->fill != DOC_NO_COLOR) {
				color(cr, it->fill);
				cairo_fill_preserve(cr);
			}
			if (it->line_width > 0) {
				color(cr, it->color);
				cairo_set_line_width(cr, it->line_width);
				cairo_stroke(cr);
			} else
				cairo_new_path(cr);
			cairo_restore(cr);
			break;
		case LAYOUT_ITEM_IMAGE:
			image(cr, it);
			break;
		case LAYOUT_ITEM_LINK:
			attr_escape(esc, sizeof(esc), it->target ? it->target : "");
			snprintf(attrs, sizeof(attrs), "dest='%s' rect=[%.2f %.2f %.2f %.2f]", esc,
			    it->x, it->y, it->w, it->h);
			cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
			cairo_tag_end(cr, CAIRO_TAG_LINK);
			break;
		case LAYOUT_ITEM_DEST:
			attr_escape(esc, sizeof(esc), it->target ? it->target : "");
			snprintf(attrs, sizeof(attrs), "name='%s' x=%.2f y=%.2f", esc, it->x, it->y);
			cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs);
			cairo_tag_end(cr, CAIRO_TAG_DEST);
			break;
		}
	}
	if (pc != NULL)
		g_object_unref(pc);
}

bool
render_format_parse(const char *name, enum render_format *out)
{
	if (strcmp(name, "pdf") == 0)
		*out = RENDER_PDF;
	else if (strcmp(name, "svg") == 0)
		*out = RENDER_SVG;
	else if (strcmp(name, "png") == 0)
		*out = RENDER_PNG;
	else
		return false;
	return true;
}

bool
render_format_from_path(const char *path, enum render_format *out)
{
	const char	*dot = strrchr(path, '.');

	return dot != NULL && strchr(dot, '/') == NULL && render_format_parse(dot + 1, out);
}

/* SOURCE_DATE_EPOCH, when set, fixes the creation date, so the same input gives the same bytes. */
static void
pdf_date(cairo_surface_t *s)
{
	const char	*e = getenv("SOURCE_DATE_EPOCH");
	char		 buf[32];
	time_t		 t;
	struct tm	 tm;
	char		*end;

	if (e == NULL || *e == '\0')
		return;
	t = (time_t)strtoll(e, &end, 10);
	if (*end != '\0' || gmtime_r(&t, &tm) == NULL)
		return;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, buf);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, buf);
}

static void
pdf_outline(cairo_surface_t *s, const struct layout_result *r)
{
	int	 parents[5] = { CAIRO_PDF_OUTLINE_ROOT, 0, 0, 0, 0 };
	char	 attrs[300], esc[256];
	size_t	 i;
	int	 level, id, p;

	for (i = 0; i < layout_outline_count(r); i++) {
		const struct layout_outline *o = layout_outline_get(r, i);

		level = o->level < 1 ? 1 : o->level > 4 ? 4 : o->level;
		/* A level-3 entry right under a level 1 hangs from the nearest level above it. */
		for (p = level - 1; p > 0 && parents[p] == 0; p--)
			;
		attr_escape(esc, sizeof(esc), o->dest);
		snprintf(attrs, sizeof(attrs), "dest='%s'", esc);
		id = cairo_pdf_surface_add_outline(s, parents[p], o->title, attrs,
		    level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		parents[level] = id;
		for (p = level + 1; p <= 4; p++)
			parents[p] = 0;
	}
}

static bool
check(cairo_surface_t *s, cairo_t *cr, const char *path, struct diag_list *diags)
{
	cairo_status_t	 st = cr ? cairo_status(cr) : cairo_surface_status(s);

	if (st == CAIRO_STATUS_SUCCESS && cr != NULL)
		st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "drawing failed: %s", cairo_status_to_string(st));
		return false;
	}
	return true;
}

void
render_target_open(struct render_target *t, enum render_format format, double w, double h, double dpi,
    const struct render_options *o, struct render_out *out)
{
	double	 scale = (dpi > 0 ? dpi : 150) / 72.0;

	t->format = format;
	t->out = out;
	switch (format) {
	case RENDER_SVG:
		t->surface = cairo_svg_surface_create_for_stream(render_out_write, out, w, h);
		cairo_svg_surface_set_document_unit(t->surface, CAIRO_SVG_UNIT_PT);
		t->cr = cairo_create(t->surface);
		break;
	case RENDER_PDF:
		t->surface = cairo_pdf_surface_create_for_stream(render_out_write, out, w, h);
		cairo_pdf_surface_restrict_to_version(t->surface, CAIRO_PDF_VERSION_1_5);
		if (o != NULL && o->title)
			cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_TITLE, o->title);
		if (o != NULL && o->author)
			cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_AUTHOR, o->author);
		if (o != NULL && o->subject)
			cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_SUBJECT, o->subject);
		if (o != NULL && o->keywords)
			cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_KEYWORDS, o->keywords);
		cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_CREATOR,
		    o != NULL && o->creator ? o->creator : "planrep");
		pdf_date(t->surface);
		t->cr = cairo_create(t->surface);
		break;
	case RENDER_PNG:
		/* A PNG has no page colour of its own: white, like paper and most slides. */
		/* The nearest whole pixel: 16:9 at 144 dpi is exactly 1920 × 1080. */
		t->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)lround(w * scale),
		    (int)lround(h * scale));
		t->cr = cairo_create(t->surface);
		cairo_set_source_rgb(t->cr, 1, 1, 1);
		cairo_paint(t->cr);
		cairo_scale(t->cr, scale, scale);
		break;
	}
}

bool
render_target_close(struct render_target *t, const char *path, struct diag_list *diags)
{
	bool	 ok = check(t->surface, t->cr, path, diags);

	cairo_destroy(t->cr);
	t->cr = NULL;
	if (ok && t->format == RENDER_PNG && !render_png_write(t->surface, t->out)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write the PNG%s", t->out->failed ?
		    ": write error" : "");
		ok = false;
	}
	/* A PDF's fonts are subset now, each a 20 MB copy: the glyph pages read so far go first. */
	layout_fonts_trim();
	cairo_surface_finish(t->surface);
	ok = ok && check(t->surface, NULL, path, diags);
	cairo_surface_destroy(t->surface);
	t->surface = NULL;
	return ok;
}

/*
 * cairo 1.16 deflates a PDF's streams (page content, font subsets) at zlib's default level 6 and has
 * no setting for it: a fifth of a full plan's time (bench/PROFILE.md). zlib's fastest level makes the
 * same PDF 3 % larger in 8 % less time. cairo is the only caller of deflateInit_ in the process (libpng
 * and libxml2 call deflateInit2_): this definition in the program takes its place.
 */
int
deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	(void)level;
	return deflateInit2_(strm, Z_BEST_SPEED, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
	    stream_size);
}

static bool
render_pdf(const struct layout_result *r, const char *path, const struct render_options *o,
    struct diag_list *diags)
{
	struct render_out	 out;
	struct render_target	 t;
	struct layout_warm	*warm;
	cairo_t			*cr;
	double			 w, h;
	size_t			 i;
	bool			 ok = true;

	if (!render_out_open(&out, path, diags))
		return false;
	layout_page_size(r, &w, &h);
	render_target_open(&t, RENDER_PDF, w, h, 0, o, &out);
	cr = t.cr;
	/*
	 * One structure element around everything: cairo 1.16 gives each link a structure element and
	 * writes a broken reference (a missing object) when there is no structure tree to hang it on.
	 */
	cairo_tag_begin(cr, "Document", "");
	/*
	 * The font pages the layout read go back before drawing: the first page a face is drawn on,
	 * cairo copies its whole CFF table. The outlines read them again, on the thread of layout/warm.c.
	 */
	layout_fonts_trim();
	warm = layout_warm_outlines(r);
	for (i = 0; i < layout_page_count(r) && ok; i++) {
		render_page(cr, layout_page_get(r, i));
		if (i + 1 == layout_page_count(r))
			cairo_tag_end(cr, "Document");
		cairo_show_page(cr);
		ok = check(t.surface, cr, path, diags);
	}
	layout_warm_end(warm);
	if (ok)
		pdf_outline(t.surface, r);
	ok = render_target_close(&t, path, diags) && ok;
	if (ok && !out.failed)
		render_pdf_language(out.fd, o->lang, path, diags);
	if (!ok) {
		render_out_abort(&out);
		return false;
	}
	return render_out_commit(&out, diags);
}

void
render_numbered_path(char *buf, size_t size, const char *path, size_t n)
{
	const char	*dot = strrchr(path, '.');
	bool		 ext = dot != NULL && strchr(dot, '/') == NULL;
	int		 stem = ext ? (int)(dot - path) : (int)strlen(path);

	snprintf(buf, size, "%.*s-%03zu%s", stem, path, n, ext ? dot : "");
}

static bool
render_pages(const struct layout_result *r, const char *path, const struct render_options *o,
    struct diag_list *diags)
{
	struct render_out	*outs;
	struct render_target	 t;
	char			 name[4096], *pattern;
	double			 w, h;
	size_t			 i, n = layout_page_count(r), done = 0;
	bool			 ok = true;

	if ((outs = calloc(n ? n : 1, sizeof(*outs))) == NULL) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return false;
	}
	layout_page_size(r, &w, &h);
	/* Every page is written before any is renamed: a failure leaves no pages at all. */
	/* The files are named after path with the format's extension: out/report → out/report-001.svg. */
	if ((pattern = malloc(strlen(path) + 8)) == NULL) {
		free(outs);
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return false;
	}
	{
		const char	*dot = strrchr(path, '.');
		int		 stem = dot != NULL && strchr(dot, '/') == NULL ? (int)(dot - path) :
				    (int)strlen(path);

		sprintf(pattern, "%.*s%s", stem, path, o->format == RENDER_SVG ? ".svg" : ".png");
	}
	for (i = 0; i < n && ok; i++) {
		render_numbered_path(name, sizeof(name), pattern, i + 1);
		if (!render_out_open(&outs[i], name, diags)) {
			ok = false;
			break;
		}
		done = i + 1;
		render_target_open(&t, o->format, w, h, o->dpi, o, &outs[i]);
		render_page(t.cr, layout_page_get(r, i));
		ok = render_target_close(&t, name, diags);
	}
	free(pattern);
	ok = render_out_commit_all(outs, done, ok, diags);
	free(outs);
	return ok;
}

bool
render_layout(const struct layout_result *r, const char *path, const struct render_options *o,
    struct diag_list *diags)
{
	switch (o->format) {
	case RENDER_PDF:
		return render_pdf(r, path, o, diags);
	case RENDER_SVG:
	case RENDER_PNG:
		return render_pages(r, path, o, diags);
	}
	return false;
}
