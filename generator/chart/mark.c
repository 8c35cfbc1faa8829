/*
 * chart/mark.c: colours, marker symbols, and the two inline marks of table cells: the status badge
 * and the progress bar.
 *
 * A status is never shown by colour alone: each has its own shape (met a circle with a tick, on
 * track a diamond, behind a triangle with "!", off track a square with a cross, no data a hollow
 * circle with a dash, not assessable a hollow square with a slash) and, where there is room, its
 * words. The colours are Okabe and Ito's, which stay apart for the common colour-blindnesses.
 */
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "planrep/chart.h"
#include "chart-int.h"

/* Okabe–Ito, in the order series take them: blue, orange, bluish green, vermillion, reddish purple,
 * sky blue, yellow (last: it is pale on white), black. */
static const uint32_t palette[] = {
	0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x000000
};

uint32_t
chart_series_color(size_t i)
{
	return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}

uint32_t
chart_status_color(enum chart_status s)
{
	switch (s) {
	case CHART_STATUS_MET:
		return 0x009E73;
	case CHART_STATUS_ON_TRACK:
		return 0x0072B2;
	case CHART_STATUS_BEHIND:
		return 0xE69F00;
	case CHART_STATUS_OFF_TRACK:
		return 0xD55E00;
	case CHART_STATUS_NO_DATA:
	case CHART_STATUS_NOT_ASSESSABLE:
	case CHART_STATUS_NONE:
		break;
	}
	return 0x8C8C8C;
}

uint32_t
chart_tint(uint32_t c, double a)
{
	unsigned	 r = (c >> 16) & 0xFF, g = (c >> 8) & 0xFF, b = c & 0xFF;

	r = (unsigned)lround(r + (255 - r) * a);
	g = (unsigned)lround(g + (255 - g) * a);
	b = (unsigned)lround(b + (255 - b) * a);
	return r << 16 | g << 8 | b;
}

void
chart_color_set(cairo_t *cr, uint32_t c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

static const struct {
	const char	*name;
	const char	*text;
} statuses[] = {
	[CHART_STATUS_NONE] = { "", "" },
	[CHART_STATUS_MET] = { "met", "达标" },
	[CHART_STATUS_ON_TRACK] = { "on-track", "进度正常" },
	[CHART_STATUS_BEHIND] = { "behind", "进度滞后" },
	[CHART_STATUS_OFF_TRACK] = { "off-track", "偏离" },
	[CHART_STATUS_NO_DATA] = { "no-data", "无数据" },
	[CHART_STATUS_NOT_ASSESSABLE] = { "not-assessable", "不可评估" },
};

bool
chart_status_parse(const char *s, enum chart_status *out)
{
	size_t	 i;

	for (i = 1; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(s, statuses[i].name) == 0) {
			*out = (enum chart_status)i;
			return true;
		}
	return false;
}

const char *
chart_status_name(enum chart_status s)
{
	return (size_t)s < sizeof(statuses) / sizeof(statuses[0]) ? statuses[s].name : "";
}

const char *
chart_status_text(enum chart_status s)
{
	return (size_t)s < sizeof(statuses) / sizeof(statuses[0]) ? statuses[s].text : "";
}

void
chart_symbol_path(cairo_t *cr, enum chart_symbol sym, double x, double y, double size)
{
	double	 r = size / 2;

	switch (sym) {
	case CHART_SYMBOL_CIRCLE:
	case CHART_SYMBOL__COUNT:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		break;
	case CHART_SYMBOL_SQUARE:
		r *= 0.88;	/* squares look larger than circles of the same width */
		cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
		break;
	case CHART_SYMBOL_DIAMOND:
		r *= 1.1;
		cairo_move_to(cr, x, y - r);
		cairo_line_to(cr, x + r, y);
		cairo_line_to(cr, x, y + r);
		cairo_line_to(cr, x - r, y);
		cairo_close_path(cr);
		break;
	case CHART_SYMBOL_TRIANGLE:
		r *= 1.1;
		cairo_move_to(cr, x, y - r);
		cairo_line_to(cr, x + r * 0.95, y + r * 0.7);
		cairo_line_to(cr, x - r * 0.95, y + r * 0.7);
		cairo_close_path(cr);
		break;
	case CHART_SYMBOL_TRIANGLE_DOWN:
		r *= 1.1;
		cairo_move_to(cr, x, y + r);
		cairo_line_to(cr, x + r * 0.95, y - r * 0.7);
		cairo_line_to(cr, x - r * 0.95, y - r * 0.7);
		cairo_close_path(cr);
		break;
	}
}

void
chart_status_shape(cairo_t *cr, enum chart_status s, double x, double y, double size)
{
	double	 r = size / 2, lw = fmax(size * 0.12, 0.4);
	uint32_t col = chart_status_color(s);

	cairo_save(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	chart_color_set(cr, col);
	switch (s) {
	case CHART_STATUS_MET:
		chart_symbol_path(cr, CHART_SYMBOL_CIRCLE, x, y, size);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, lw * 1.2);
		cairo_move_to(cr, x - r * 0.45, y + r * 0.02);
		cairo_line_to(cr, x - r * 0.1, y + r * 0.38);
		cairo_line_to(cr, x + r * 0.5, y - r * 0.35);
		cairo_stroke(cr);
		break;
	case CHART_STATUS_ON_TRACK:
		chart_symbol_path(cr, CHART_SYMBOL_DIAMOND, x, y, size * 0.95);
		cairo_fill(cr);
		break;
	case CHART_STATUS_BEHIND:
		chart_symbol_path(cr, CHART_SYMBOL_TRIANGLE, x, y + r * 0.1, size);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, lw * 1.1);
		cairo_move_to(cr, x, y - r * 0.4);
		cairo_line_to(cr, x, y + r * 0.25);
		cairo_stroke(cr);
		cairo_arc(cr, x, y + r * 0.52, lw * 0.6, 0, 2 * M_PI);
		cairo_fill(cr);
		break;
	case CHART_STATUS_OFF_TRACK:
		chart_symbol_path(cr, CHART_SYMBOL_SQUARE, x, y, size);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, lw * 1.1);
		cairo_move_to(cr, x - r * 0.38, y - r * 0.38);
		cairo_line_to(cr, x + r * 0.38, y + r * 0.38);
		cairo_move_to(cr, x + r * 0.38, y - r * 0.38);
		cairo_line_to(cr, x - r * 0.38, y + r * 0.38);
		cairo_stroke(cr);
		break;
	case CHART_STATUS_NO_DATA:
	case CHART_STATUS_NONE:
		cairo_set_line_width(cr, lw);
		chart_symbol_path(cr, CHART_SYMBOL_CIRCLE, x, y, size - lw);
		cairo_stroke(cr);
		cairo_move_to(cr, x - r * 0.4, y);
		cairo_line_to(cr, x + r * 0.4, y);
		cairo_stroke(cr);
		break;
	case CHART_STATUS_NOT_ASSESSABLE:
		cairo_set_line_width(cr, lw);
		chart_symbol_path(cr, CHART_SYMBOL_SQUARE, x, y, size - lw);
		cairo_stroke(cr);
		cairo_move_to(cr, x - r * 0.5, y + r * 0.5);
		cairo_line_to(cr, x + r * 0.5, y - r * 0.5);
		cairo_stroke(cr);
		break;
	}
	cairo_restore(cr);
}

/*
 * A badge in a table cell: the shape at the left, the words after it at the largest size up to
 * three quarters of the box's height that fits the rest of the width; below 4 pt the words are left
 * out and the shape speaks alone. The layout module gives a badge 3 em by 1 em, where 进度正常 needs
 * a smaller size than the cell's text; the shape keeps the status readable at any size.
 */
void
chart_badge_draw(cairo_t *cr, enum chart_status s, double x, double y, double w, double h,
    PangoContext *pc)
{
	PangoLayout		*pl;
	PangoFontDescription	*fd;
	PangoRectangle		 lg;
	double			 d = fmin(h * 0.9, w), size, tw, th, room;
	const char		*text = chart_status_text(s);

	cairo_save(cr);
	chart_status_shape(cr, s, x + d / 2, y + h / 2, d);
	room = w - d - d * 0.25;
	if (pc != NULL && *text != '\0' && room > 4) {
		pl = pango_layout_new(pc);
		fd = pango_font_description_from_string(CHART_FAMILY);
		size = h * 0.75;
		pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
		pango_layout_set_font_description(pl, fd);
		pango_layout_set_text(pl, text, -1);
		pango_layout_get_extents(pl, NULL, &lg);
		tw = lg.width / (double)PANGO_SCALE;
		if (tw > room) {
			/* Text width scales with the size: one more layout at the size that fits. */
			size *= room / tw;
			pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
			pango_layout_set_font_description(pl, fd);
			pango_layout_get_extents(pl, NULL, &lg);
		}
		pango_font_description_free(fd);
		th = lg.height / (double)PANGO_SCALE;
		if (size >= 4) {
			chart_color_set(cr, CHART_INK);
			cairo_move_to(cr, x + d * 1.25 - lg.x / (double)PANGO_SCALE,
			    y + (h - th) / 2 - lg.y / (double)PANGO_SCALE);
			pango_cairo_show_layout(cr, pl);
		}
		g_object_unref(pl);
	}
	cairo_restore(cr);
}

void
chart_inline_bar_draw(cairo_t *cr, double value, double max, double x, double y, double w, double h)
{
	double	 f, lw = fmax(h * 0.08, 0.3);

	cairo_save(cr);
	cairo_set_line_width(cr, lw);
	cairo_rectangle(cr, x + lw / 2, y + lw / 2, w - lw, h - lw);
	if (!isfinite(value) || !isfinite(max) || max <= 0) {
		double	 dash[2] = { h * 0.3, h * 0.3 };

		/* No value to show: an empty track, dashed, rather than a bar at zero that reads as 0 %. */
		cairo_set_dash(cr, dash, 2, 0);
		chart_color_set(cr, 0x8C8C8C);
		cairo_stroke(cr);
		cairo_restore(cr);
		return;
	}
	chart_color_set(cr, 0xEDEDED);
	cairo_fill_preserve(cr);
	chart_color_set(cr, 0x8C8C8C);
	cairo_stroke(cr);
	f = value / max;
	if (f < 0)
		f = 0;
	if (f > 0) {
		chart_color_set(cr, 0x0072B2);
		cairo_rectangle(cr, x + lw, y + lw, (w - 2 * lw) * fmin(f, 1), h - 2 * lw);
		cairo_fill(cr);
	}
	if (f > 1) {
		/* Past the end: a white chevron at the end says "more than full". */
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, lw * 1.5);
		cairo_move_to(cr, x + w - h * 0.75, y + h * 0.2);
		cairo_line_to(cr, x + w - h * 0.4, y + h * 0.5);
		cairo_line_to(cr, x + w - h * 0.75, y + h * 0.8);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
}
