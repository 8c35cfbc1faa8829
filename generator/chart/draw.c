/*
 * chart/draw.c: chart_draw. Lays out the frame every kind shares (the title and subtitle, the
 * 示例数据 mark, the legend, notes and the source line), leaves the plot region to the kind, and
 * paints the scene the kind made. Also the panels drawn instead of a plot: 无数据 when the chart has
 * no data, and a panel naming the problem when its data was bad.
 *
 * The frame is laid out again when a kind asks for more room (a note for an abbreviated label, a
 * legend entry for a reference label with no free place): at most three passes, each from scratch,
 * and only the last is painted. Drawing happens in one place, paint(), from marks whose positions
 * were all decided before: the same marks on a PDF page, an SVG and a PNG.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "planrep/chart.h"
#include "chart-int.h"

#define PASSES	3

PangoContext *
chart_context_new(PangoFontMap *map)
{
	PangoContext		*pc;
	cairo_font_options_t	*opt;

	if (map == NULL)
		map = pango_cairo_font_map_get_default();
	if ((pc = pango_font_map_create_context(map)) == NULL)
		return NULL;
	/* As the layout's context: 72 dpi (a pango unit is 1/1024 pt), outlines and metrics unhinted,
	 * so that a chart measures the same on a PDF page, an SVG and a PNG. */
	pango_cairo_context_set_resolution(pc, 72.0);
	opt = cairo_font_options_create();
	cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(opt, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pc, opt);
	cairo_font_options_destroy(opt);
	pango_context_set_language(pc, pango_language_from_string("zh-cn"));
	pango_context_set_round_glyph_positions(pc, FALSE);
	return pc;
}

/* ---- The scene ------------------------------------------------------------------------------ */

struct chart_mark *
chart_mark_add(struct chart_ctx *x, enum chart_mark_type type)
{
	struct chart_mark	*m;

	if (x->oom)
		return NULL;
	if (x->mark_count == x->mark_cap) {
		size_t	 cap = x->mark_cap ? x->mark_cap * 2 : 64;

		if ((m = realloc(x->marks, cap * sizeof(*m))) == NULL) {
			x->oom = true;
			return NULL;
		}
		x->marks = m;
		x->mark_cap = cap;
	}
	m = &x->marks[x->mark_count++];
	memset(m, 0, sizeof(*m));
	m->type = type;
	m->fill = m->stroke = CHART_NO_COLOR;
	return m;
}

void
chart_rect_add(struct chart_ctx *x, double rx, double ry, double rw, double rh, uint32_t fill,
    uint32_t stroke, double width, bool hatch)
{
	struct chart_mark	*m;

	if (rw < 0) {
		rx += rw;
		rw = -rw;
	}
	if (rh < 0) {
		ry += rh;
		rh = -rh;
	}
	if ((m = chart_mark_add(x, CHART_MARK_RECT)) == NULL)
		return;
	m->x = rx;
	m->y = ry;
	m->w = rw;
	m->h = rh;
	m->fill = fill;
	m->stroke = stroke;
	m->width = width;
	m->hatch = hatch;
}

void
chart_path_add(struct chart_ctx *x, const double *pts, size_t n, uint32_t color, double width,
    enum chart_dash dash, bool closed, uint32_t fill)
{
	struct chart_mark	*m;

	if (n == 0 || (m = chart_mark_add(x, CHART_MARK_PATH)) == NULL)
		return;
	if ((m->pts = malloc(n * 2 * sizeof(*m->pts))) == NULL) {
		x->mark_count--;
		x->oom = true;
		return;
	}
	memcpy(m->pts, pts, n * 2 * sizeof(*m->pts));
	m->npts = n;
	m->stroke = color;
	m->width = width;
	m->dash = dash;
	m->closed = closed;
	m->fill = fill;
}

void
chart_line_add(struct chart_ctx *x, double x0, double y0, double x1, double y1, uint32_t color,
    double width, enum chart_dash dash)
{
	double	 pts[4] = { x0, y0, x1, y1 };

	chart_path_add(x, pts, 2, color, width, dash, false, CHART_NO_COLOR);
}

void
chart_symbol_add(struct chart_ctx *x, enum chart_symbol sym, double cx, double cy, double size,
    uint32_t color, bool hollow)
{
	struct chart_mark	*m;

	if ((m = chart_mark_add(x, CHART_MARK_SYMBOL)) == NULL)
		return;
	m->symbol = sym;
	m->x = cx;
	m->y = cy;
	m->w = size;
	m->fill = color;
	m->hollow = hollow;
}

void
chart_decide(struct chart_ctx *x, const char *fmt, ...)
{
	struct chart_geometry	*g = x->geo;
	char			 buf[256], **d;
	va_list			 ap;
	size_t			 i;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (i = 0; i < g->decision_count; i++)
		if (strcmp(g->decisions[i], buf) == 0)
			return;
	if ((d = realloc(g->decisions, (g->decision_count + 1) * sizeof(*d))) == NULL) {
		x->oom = true;
		return;
	}
	g->decisions = d;
	if ((d[g->decision_count] = strdup(buf)) == NULL)
		x->oom = true;
	else
		g->decision_count++;
}

bool
chart_last_pass(const struct chart_ctx *x)
{
	return x->pass >= PASSES - 1;
}

/* Empties the scene and the geometry for a new pass; keeps the legend and the reserved notes. */
static void
scene_reset(struct chart_ctx *x)
{
	struct chart_geometry	*g = x->geo;
	size_t			 i;

	for (i = 0; i < x->mark_count; i++)
		free(x->marks[i].pts);
	x->mark_count = 0;
	for (i = 0; i < x->text_count; i++)
		g_object_unref(x->texts[i].pl);
	x->text_count = 0;
	x->obstacle_count = 0;
	for (i = 0; i < x->pass_note_count; i++)
		free(x->pass_notes[i]);
	x->pass_note_count = 0;
	chart_geometry_clear(g);
	g->width = x->w;
	g->height = x->h;
	g->kind = chart_kind_name(x->c->kind);
	x->grow = false;
}

/* The pass's new notes join the ones the frame makes room for, after them (so numbers hold). */
static void
notes_promote(struct chart_ctx *x)
{
	char	**n;
	size_t	 i;

	for (i = 0; i < x->pass_note_count; i++) {
		if (chart_note_reserved(x, x->pass_notes[i]))
			continue;
		if ((n = realloc(x->notes, (x->note_count + 1) * sizeof(*n))) == NULL) {
			x->oom = true;
			return;
		}
		x->notes = n;
		x->notes[x->note_count++] = x->pass_notes[i];
		x->pass_notes[i] = NULL;
	}
}

/* ---- The frame ------------------------------------------------------------------------------ */

/* The legend: entries in rows, each a swatch and its text, wrapping at the width. Returns the
 * height used. */
static double
legend(struct chart_ctx *x, double left, double top, double width)
{
	struct chart_text	 t;
	double			 lh = x->size[CHART_FONT_LABEL], cx = left, cy = top, sw, rowh = 0;
	size_t			 i;

	for (i = 0; i < x->legend_count && !x->oom; i++) {
		const struct chart_legend *e = &x->legend[i];

		if (!chart_text_fit(x, &t, CHART_FONT_LABEL, e->text, width * 0.6, 1, PANGO_ALIGN_LEFT))
			break;
		sw = e->swatch == CHART_SWATCH_LINE ? lh * 2.2 : lh * 1.1;
		if (cx > left && cx + sw + lh * 0.4 + t.w > left + width) {
			cx = left;
			cy += rowh + x->gap * 0.5;
			rowh = 0;
		}
		if (t.h > rowh)
			rowh = t.h;
		/* The swatch, centred on the text's line. */
		{
			double	 my = cy + t.h / 2, s = lh * 0.8;

			switch (e->swatch) {
			case CHART_SWATCH_RECT:
				/* Sample data: hatched and outlined, as the bars are. */
				chart_rect_add(x, cx + (sw - s) / 2, my - s / 2, s, s, e->color,
				    e->hollow ? e->color : CHART_NO_COLOR, 1.0 * x->k, e->hollow);
				break;
			case CHART_SWATCH_LINE:
				chart_line_add(x, cx, my, cx + sw, my, e->color, 2.0 * x->k, e->dash);
				if (e->symbol != CHART_SYMBOL__COUNT)
					chart_symbol_add(x, e->symbol, cx + sw / 2, my, lh * 0.55, e->color,
					    e->hollow);
				break;
			case CHART_SWATCH_SYMBOL:
				chart_symbol_add(x, e->symbol, cx + sw / 2, my, lh * 0.65, e->color, e->hollow);
				break;
			case CHART_SWATCH_TICK:
				chart_line_add(x, cx + sw / 2, my - s * 0.6, cx + sw / 2, my + s * 0.6, e->color,
				    e->dash == CHART_DASH_SOLID ? 3.0 * x->k : 1.6 * x->k, e->dash);
				break;
			}
		}
		chart_text_put(x, &t, CHART_LABEL_LEGEND, cx + sw + lh * 0.35, cy, 0, 0, 0, CHART_INK);
		cx += sw + lh * 0.35 + t.w + lh * 1.2;
	}
	return x->legend_count > 0 ? cy + rowh - top : 0;
}

/* The notes and the source line, upwards from bottom. Returns the new bottom. */
static double
footer(struct chart_ctx *x, double left, double bottom, double width)
{
	struct chart_text	*ts;
	const struct chart	*c = x->c;
	size_t			 n = c->note_count + x->note_count, i;
	double			 total = 0, y;
	char			*src = NULL;
	size_t			 len;

	if (c->source != NULL || c->sample) {
		len = (c->source ? strlen(c->source) : 0) + 128;
		if ((src = malloc(len)) == NULL) {
			x->oom = true;
			return bottom;
		}
		/* Sample data says so in print, beside the source (DESIGN.md, "Data"). */
		if (c->source != NULL)
			snprintf(src, len, "数据来源：%s%s", c->source, c->sample ? "。示例数据，非官方统计" : "");
		else
			snprintf(src, len, "示例数据，非官方统计");
	}
	if ((ts = calloc(n + 1, sizeof(*ts))) == NULL) {
		free(src);
		x->oom = true;
		return bottom;
	}
	for (i = 0; i < n; i++) {
		char	 mark[16], *s;
		size_t	 sz;

		if (i < c->note_count) {
			chart_text_cut(x, &ts[i], CHART_FONT_SMALL, c->notes[i], width, 3, PANGO_ALIGN_LEFT);
		} else {
			/* A cut label's full text, after its mark. */
			chart_note_mark(mark, sizeof(mark), i - c->note_count + 1);
			sz = strlen(mark) + strlen(x->notes[i - c->note_count]) + 2;
			if ((s = malloc(sz)) == NULL) {
				x->oom = true;
				break;
			}
			snprintf(s, sz, "%s %s", mark, x->notes[i - c->note_count]);
			chart_text_cut(x, &ts[i], CHART_FONT_SMALL, s, width, 3, PANGO_ALIGN_LEFT);
			free(s);
		}
		total += ts[i].h;
	}
	if (src != NULL) {
		chart_text_cut(x, &ts[n], CHART_FONT_SMALL, src, width, 2, PANGO_ALIGN_LEFT);
		total += ts[n].h + (n > 0 ? x->gap * 0.3 : 0);
	}
	y = bottom - total;
	for (i = 0; i <= n; i++) {
		double h = ts[i].h;

		if (ts[i].pl == NULL)
			continue;
		if (i == n && n > 0)
			y += x->gap * 0.3;
		chart_text_put(x, &ts[i], i == n ? CHART_LABEL_SOURCE : CHART_LABEL_NOTE, left, y, 0, 0, 0,
		    CHART_INK_SOFT);
		y += h;
	}
	free(ts);
	free(src);
	return total > 0 ? bottom - total - x->gap : bottom;
}

/* Title, subtitle, sample mark and legend at the top; notes and source at the bottom. Sets the
 * region left for the plot. */
static void
frame(struct chart_ctx *x)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	double			 left = x->pad, right = x->w - x->pad, top = x->pad;
	double			 bottom = x->h - x->pad;
	double			 title_right = right, mark_bottom = top, padx;
	size_t			 i;

	if (c->sample && chart_text_make(x, &t, CHART_FONT_SMALL, "示例数据", 0, 1, PANGO_ALIGN_LEFT)) {
		/* The mark is framed: widen its box so that the frame stays off the letters. */
		padx = x->size[CHART_FONT_SMALL] * 0.45;
		t.w += 2 * padx;
		t.ox -= padx;
		if ((i = chart_text_place(x, &t, CHART_LABEL_SAMPLE, right, top, 1, 0, 0, CHART_SAMPLE))) {
			const struct chart_label *l = &x->geo->labels[i - 1];

			chart_rect_add(x, l->x + 0.5 * x->k, l->y + 0.5 * x->k, l->w - x->k, l->h - x->k,
			    CHART_NO_COLOR, CHART_SAMPLE, 1.0 * x->k, false);
			title_right = l->x - x->gap;
			mark_bottom = l->y + l->h;
		} else
			x->geo->dropped++;
		chart_text_free(&t);
	}
	if (c->title != NULL && *c->title != '\0' &&
	    chart_text_fit(x, &t, CHART_FONT_TITLE, c->title, title_right - left, 2, PANGO_ALIGN_LEFT)) {
		double	 h = t.h;

		if (chart_text_put(x, &t, CHART_LABEL_TITLE, left, top, 0, 0, 0, CHART_INK))
			top += h + x->gap * 0.25;
	}
	if (c->subtitle != NULL && *c->subtitle != '\0' &&
	    chart_text_fit(x, &t, CHART_FONT_SUBTITLE, c->subtitle, title_right - left, 2,
	    PANGO_ALIGN_LEFT)) {
		double	 h = t.h;

		if (chart_text_put(x, &t, CHART_LABEL_SUBTITLE, left, top, 0, 0, 0, CHART_INK_SOFT))
			top += h;
	}
	if (top < mark_bottom)
		top = mark_bottom;
	if (x->legend_count > 0 && c->kind != CHART_KPI) {
		top += x->gap;
		top += legend(x, left, top, right - left);
	}
	bottom = footer(x, left, bottom, right - left);
	top += x->gap * 1.5;
	x->rx = left;
	x->ry = top;
	x->rw = right - left;
	x->rh = bottom - top;
	if (x->rh < 0)
		x->rh = 0;
}

/* A panel across the region, saying there is nothing to chart, or why the chart cannot be drawn. */
static void
panel(struct chart_ctx *x, const char *problem)
{
	struct chart_text	 t;
	double			 cy = x->ry + x->rh / 2, h;

	chart_rect_add(x, x->rx, x->ry, x->rw, x->rh, 0xF4F4F4, 0xBBBBBB, 1.0 * x->k, false);
	if (chart_text_make(x, &t, CHART_FONT_SUBTITLE, problem ? "图表数据有误 / bad chart data" :
	    "无数据 / no data", x->rw * 0.9, 2, PANGO_ALIGN_CENTER)) {
		h = t.h;
		chart_text_put(x, &t, CHART_LABEL_PANEL, x->rx + x->rw / 2, problem ? cy - h / 2 : cy, 0.5,
		    problem ? 0.5 : 0.5, 0, CHART_INK_SOFT);
		if (problem != NULL &&
		    chart_text_cut(x, &t, CHART_FONT_SMALL, problem, x->rw * 0.9, 3, PANGO_ALIGN_CENTER))
			chart_text_put(x, &t, CHART_LABEL_PANEL, x->rx + x->rw / 2, cy + h * 0.1, 0.5, 0, 0,
			    CHART_INK_SOFT);
	}
	x->geo->plot_x = x->rx;
	x->geo->plot_y = x->ry;
	x->geo->plot_w = x->rw;
	x->geo->plot_h = x->rh;
}

/* ---- Painting ------------------------------------------------------------------------------- */

static void
dash_set(struct chart_ctx *x, enum chart_dash d)
{
	double	 dashed[2] = { 6 * x->k, 4 * x->k }, dotted[2] = { 0, 3.2 * x->k };

	switch (d) {
	case CHART_DASH_SOLID:
		cairo_set_dash(x->cr, NULL, 0, 0);
		break;
	case CHART_DASH_DASHED:
		cairo_set_dash(x->cr, dashed, 2, 0);
		break;
	case CHART_DASH_DOTTED:
		cairo_set_line_cap(x->cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(x->cr, dotted, 2, 0);
		break;
	}
}

/* Sample bars: a pale fill crossed by diagonal lines of the series' colour, so that a sample
 * reads as a sample in grey print too. */
static void
hatch(struct chart_ctx *x, const struct chart_mark *m)
{
	cairo_t	*cr = x->cr;
	double	 step = 5 * x->k, d;

	cairo_save(cr);
	cairo_rectangle(cr, m->x, m->y, m->w, m->h);
	cairo_clip(cr);
	chart_color_set(cr, chart_tint(m->fill, 0.8));
	cairo_paint(cr);
	chart_color_set(cr, m->fill);
	cairo_set_line_width(cr, 0.9 * x->k);
	for (d = -m->h; d < m->w + m->h; d += step) {
		cairo_move_to(cr, m->x + d, m->y + m->h);
		cairo_line_to(cr, m->x + d + m->h, m->y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void
paint(struct chart_ctx *x)
{
	cairo_t	*cr = x->cr;
	size_t	 i, k;

	for (i = 0; i < x->mark_count; i++) {
		const struct chart_mark *m = &x->marks[i];

		cairo_save(cr);
		switch (m->type) {
		case CHART_MARK_RECT:
			if (m->hatch && m->fill != CHART_NO_COLOR)
				hatch(x, m);
			else if (m->fill != CHART_NO_COLOR) {
				chart_color_set(cr, m->fill);
				cairo_rectangle(cr, m->x, m->y, m->w, m->h);
				cairo_fill(cr);
			}
			if (m->stroke != CHART_NO_COLOR && m->width > 0) {
				chart_color_set(cr, m->stroke);
				cairo_set_line_width(cr, m->width);
				cairo_rectangle(cr, m->x, m->y, m->w, m->h);
				cairo_stroke(cr);
			}
			break;
		case CHART_MARK_PATH:
			cairo_move_to(cr, m->pts[0], m->pts[1]);
			for (k = 1; k < m->npts; k++)
				cairo_line_to(cr, m->pts[2 * k], m->pts[2 * k + 1]);
			if (m->closed)
				cairo_close_path(cr);
			if (m->fill != CHART_NO_COLOR) {
				chart_color_set(cr, m->fill);
				cairo_fill_preserve(cr);
			}
			if (m->stroke != CHART_NO_COLOR && m->width > 0) {
				cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
				dash_set(x, m->dash);
				chart_color_set(cr, m->stroke);
				cairo_set_line_width(cr, m->width);
				cairo_stroke(cr);
			} else
				cairo_new_path(cr);
			break;
		case CHART_MARK_SYMBOL:
			chart_symbol_path(cr, m->symbol, m->x, m->y, m->w);
			/* Hollow for sample data; a white rim keeps filled markers apart where lines cross. */
			if (m->hollow) {
				cairo_set_source_rgb(cr, 1, 1, 1);
				cairo_fill_preserve(cr);
				chart_color_set(cr, m->fill);
				cairo_set_line_width(cr, fmax(m->w * 0.2, 1.0 * x->k));
			} else {
				chart_color_set(cr, m->fill);
				cairo_fill_preserve(cr);
				cairo_set_source_rgb(cr, 1, 1, 1);
				cairo_set_line_width(cr, 0.8 * x->k);
			}
			cairo_stroke(cr);
			break;
		case CHART_MARK_STATUS:
			chart_status_shape(cr, m->status, m->x, m->y, m->w);
			break;
		case CHART_MARK_TEXT: {
			const struct chart_placed *p = &x->texts[m->text];
			const struct chart_label *l = &x->geo->labels[p->label];

			cairo_translate(cr, l->x, l->y);
			if (l->angle != 0)
				cairo_rotate(cr, l->angle);
			if (p->halo) {
				/* A pale ground in the label's own box keeps it legible over lines and bars.
				 * (A rim stroked round the glyphs looks finer, but costs SVG a path per glyph.) */
				cairo_rectangle(cr, 0, 0, l->w, l->h);
				cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
				cairo_fill(cr);
			}
			chart_color_set(cr, p->color);
			cairo_move_to(cr, -p->ox, -p->oy);
			pango_cairo_show_layout(cr, p->pl);
			break;
		}
		}
		cairo_restore(cr);
	}
}

/* ---- chart_draw ------------------------------------------------------------------------------ */

static void
fonts_make(struct chart_ctx *x)
{
	static const double	 base[CHART_FONT__COUNT] = { 24, 16, 14, 12, 80, 24 };
	static const double	 least[CHART_FONT__COUNT] = { 9, 7, 6, 5.5, 16, 8 };
	size_t			 i;

	for (i = 0; i < CHART_FONT__COUNT; i++) {
		PangoFontDescription *fd = pango_font_description_new();

		x->size[i] = fmax(base[i] * x->k, least[i]);
		pango_font_description_set_family(fd, CHART_FAMILY);
		pango_font_description_set_absolute_size(fd, x->size[i] * PANGO_SCALE);
		if (i == CHART_FONT_TITLE || i == CHART_FONT_BIG)
			pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
		x->fonts[i] = fd;
	}
}

static void
ctx_free(struct chart_ctx *x)
{
	size_t	 i;

	scene_reset(x);
	free(x->marks);
	free(x->texts);
	free(x->obstacles);
	for (i = 0; i < CHART_FONT__COUNT; i++)
		if (x->fonts[i] != NULL)
			pango_font_description_free(x->fonts[i]);
	for (i = 0; i < x->legend_count; i++)
		free(x->legend[i].text);
	free(x->legend);
	for (i = 0; i < x->note_count; i++)
		free(x->notes[i]);
	free(x->notes);
	free(x->pass_notes);
}

bool
chart_draw(cairo_t *cr, const struct chart *c, double x0, double y0, double w, double h,
    PangoContext *pc, struct chart_geometry *geo, struct diag_list *diags)
{
	struct chart_ctx	 x;
	struct chart_geometry	 own;
	cairo_status_t		 st;
	bool			 ok = true, empty;

	if (c == NULL || pc == NULL || !(w > 0) || !(h > 0) || !isfinite(w) || !isfinite(h) ||
	    !isfinite(x0) || !isfinite(y0)) {
		diag_add(diags, DIAG_ERROR, c != NULL ? c->file : NULL, c != NULL ? c->line : 0, 0,
		    "chart: nothing to draw into (no chart, no pango context, or a box of no size)");
		return false;
	}
	memset(&x, 0, sizeof(x));
	chart_geometry_init(&own);
	x.cr = cr;
	x.pc = pc;
	x.c = c;
	x.geo = geo != NULL ? geo : &own;
	x.diags = diags;
	x.w = w;
	x.h = h;
	/* Type and strokes scale with the box, 1 at a 960 × 540 pt slide, within reason. */
	x.k = fmin(w / 960, h / 540);
	x.k = fmin(fmax(x.k, 0.45), 8);
	fonts_make(&x);
	x.pad = fmax(20 * x.k, 6);
	x.gap = x.size[CHART_FONT_LABEL] * 0.5;
	empty = chart_point_total(c) == 0;
	for (x.pass = 0; x.pass < PASSES; x.pass++) {
		scene_reset(&x);
		if (x.pass == 0 && c->problem == NULL && !empty) {
			chart_kind_legend(&x);
			x.legend_kind = x.legend_count;
		}
		frame(&x);
		if (c->problem != NULL || empty)
			panel(&x, c->problem);
		else
			chart_kind_layout(&x);
		if (x.oom || !x.grow)
			break;
		notes_promote(&x);
	}
	if (x.oom) {
		diag_add(diags, DIAG_FATAL, c->file, c->line, 0, "out of memory drawing the chart");
		ok = false;
		goto out;
	}
	cairo_save(cr);
	cairo_translate(cr, x0, y0);
	paint(&x);
	cairo_restore(cr);
	if ((st = cairo_status(cr)) != CAIRO_STATUS_SUCCESS) {
		diag_add(diags, DIAG_ERROR, c->file, c->line, 0, "drawing the chart failed: %s",
		    cairo_status_to_string(st));
		ok = false;
	}
out:
	/* The texts' layouts go with the scene; the labels stay in the geometry. */
	{
		size_t	 i;

		for (i = 0; i < x.mark_count; i++)
			free(x.marks[i].pts);
		x.mark_count = 0;
		for (i = 0; i < x.text_count; i++)
			g_object_unref(x.texts[i].pl);
		x.text_count = 0;
	}
	x.geo = &own;	/* ctx_free clears this one, not the caller's */
	ctx_free(&x);
	return ok;
}
