/*
 * chart/bar.c: bar (vertical) and hbar (horizontal) charts: one group of bars per category, one bar
 * per series, on a value axis that always holds zero (a bar's length is its value). Each bar carries
 * its value where there is room: above it (below it when negative), turned upright when the bar is
 * too narrow for the number, left out when the bar is thinner than a line. The value axis grows by a
 * tick when the tallest bar would push its label out of the plot. References are lines across the
 * plot (a target, a baseline), shaded ranges (a band, a ranged target), or, with at="category", a
 * mark over that category's group only. A trajectory has no meaning here and is refused.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "planrep/chart.h"
#include "chart-int.h"

enum values {
	VALUES_NONE,
	VALUES_FLAT,
	VALUES_TURNED
};

void
chart_bar_check(struct chart *c, struct diag_list *d)
{
	size_t	 i;

	for (i = 0; i < c->ref_count;) {
		if (c->refs[i].kind == CHART_REF_TRAJECTORY) {
			chart_warn(c, d, c->refs[i].line, "a trajectory belongs on a line chart; ignored on "
			    "a %s chart", chart_kind_name(c->kind));
			chart_ref_drop(c, i);
			continue;
		}
		i++;
	}
	if (!chart_categories_make(c, d))
		chart_error(c, d, c->line, "out of memory");
}

void
chart_bar_legend(struct chart_ctx *x)
{
	const struct chart	*c = x->c;
	char			 name[32];
	size_t			 i;

	if (c->series_count > 1)
		for (i = 0; i < c->series_count; i++) {
			snprintf(name, sizeof(name), "系列%zu", i + 1);
			chart_legend_add(x, CHART_SWATCH_RECT, chart_series_color(i), CHART_DASH_SOLID,
			    CHART_SYMBOL__COUNT, false, c->series[i].name ? c->series[i].name : name);
		}
	if (c->sample)
		chart_legend_add(x, CHART_SWATCH_RECT, CHART_INK_SOFT, CHART_DASH_SOLID, CHART_SYMBOL__COUNT,
		    true, "示例数据");
}

static uint32_t
ref_color(const struct chart_ref *r)
{
	switch (r->kind) {
	case CHART_REF_TARGET:
		return CHART_TARGET;
	case CHART_REF_BASELINE:
		return CHART_BASELINE;
	case CHART_REF_BAND:
	case CHART_REF_TRAJECTORY:
		break;
	}
	return CHART_INK_SOFT;
}

/* The widest and tallest value label (small type). */
static void
value_extent(struct chart_ctx *x, double *w, double *h)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	char			 buf[64];
	size_t			 i, k;

	*w = *h = 0;
	for (i = 0; i < c->series_count; i++)
		for (k = 0; k < c->series[i].point_count; k++) {
			chart_value_format(buf, sizeof(buf), c, c->series[i].points[k].y);
			if (!chart_text_make(x, &t, CHART_FONT_SMALL, buf, 0, 1, PANGO_ALIGN_LEFT))
				return;
			*w = fmax(*w, t.w);
			*h = fmax(*h, t.h);
			chart_text_free(&t);
		}
}

static void
point_extremes(const struct chart *c, double *lo, double *hi)
{
	size_t	 i, k;

	*lo = 0;
	*hi = 0;
	for (i = 0; i < c->series_count; i++)
		for (k = 0; k < c->series[i].point_count; k++) {
			*lo = fmin(*lo, c->series[i].points[k].y);
			*hi = fmax(*hi, c->series[i].points[k].y);
		}
}

/*
 * References. Bands and ranged targets are drawn first (under the bars), lines after them. across
 * is the value axis's direction: vertical charts draw a reference as a horizontal line.
 */
static void
refs_draw(struct chart_ctx *x, const struct chart_scale *sc, bool vertical, double p0, double plen,
    double slot, bool under)
{
	const struct chart	*c = x->c;
	double			 a, b, s0, s1;
	size_t			 i;

	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];

		if (r->range != under)
			continue;
		s0 = p0;
		s1 = p0 + plen;
		if (!isnan(r->at_t)) {
			s0 = p0 + (r->at_t + 0.04) * slot;
			s1 = p0 + (r->at_t + 0.96) * slot;
		}
		if (r->range) {
			a = chart_scale_pos(sc, r->from);
			b = chart_scale_pos(sc, r->to);
			if (vertical)
				chart_rect_add(x, s0, b, s1 - s0, a - b, r->kind == CHART_REF_TARGET ?
				    chart_tint(CHART_TARGET, 0.82) : 0xEBEBEB, CHART_NO_COLOR, 0, false);
			else
				chart_rect_add(x, a, s0, b - a, s1 - s0, r->kind == CHART_REF_TARGET ?
				    chart_tint(CHART_TARGET, 0.82) : 0xEBEBEB, CHART_NO_COLOR, 0, false);
			continue;
		}
		a = chart_scale_pos(sc, r->value);
		if (vertical)
			chart_line_add(x, s0, a, s1, a, ref_color(r), (r->kind == CHART_REF_TARGET ? 2.0 : 1.6) *
			    x->k, r->kind == CHART_REF_TARGET ? CHART_DASH_DASHED : CHART_DASH_DOTTED);
		else
			chart_line_add(x, a, s0, a, s1, ref_color(r), (r->kind == CHART_REF_TARGET ? 2.0 : 1.6) *
			    x->k, r->kind == CHART_REF_TARGET ? CHART_DASH_DASHED : CHART_DASH_DOTTED);
	}
}

/* A reference's words: beside its line, or in the legend when there is no free place. */
static void
refs_label(struct chart_ctx *x, const struct chart_scale *sc, bool vertical, double p0, double plen,
    double q0, double qlen)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	char			 buf[256];
	double			 a, e = 2 * x->k;
	size_t			 i;

	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];
		enum chart_dash dash = r->kind == CHART_REF_TARGET ? CHART_DASH_DASHED : CHART_DASH_DOTTED;
		enum chart_swatch sw = r->range ? CHART_SWATCH_RECT : CHART_SWATCH_LINE;
		uint32_t col = r->range ? (r->kind == CHART_REF_TARGET ? chart_tint(CHART_TARGET, 0.82) :
		    0xEBEBEB) : ref_color(r);
		size_t placed = 0;

		if (r->label != NULL)
			snprintf(buf, sizeof(buf), "%s", r->label);
		else
			chart_ref_label(buf, sizeof(buf), c, r);
		/* One per category, or already moved to the legend: the legend says it. */
		if (!isnan(r->at_t) || chart_legend_has(x, buf)) {
			if (!chart_legend_has(x, buf))
				chart_legend_defer(x, sw, col, dash, CHART_SYMBOL__COUNT, buf);
			continue;
		}
		if (!chart_text_make(x, &t, CHART_FONT_SMALL, buf, 0, 1, PANGO_ALIGN_LEFT))
			return;
		a = chart_scale_pos(sc, r->range ? r->to : r->value);
		if (vertical) {
			/* Right end above the line, right end below, left end above, left end below. */
			struct chart_spot sp[4] = {
				{ p0 + plen - e, a - e, 1, 1 }, { p0 + plen - e, a + e, 1, 0 },
				{ p0 + e, a - e, 0, 1 }, { p0 + e, a + e, 0, 0 }
			};

			placed = chart_text_place_first(x, &t, CHART_LABEL_REFERENCE, sp, r->range ? 1 : 4,
			    CHART_INK);
			if (!placed && r->range)
				placed = chart_text_place_first(x, &t, CHART_LABEL_REFERENCE, sp + 2, 1,
				    CHART_INK);
		} else {
			/* At the top of the plot, right of the line, then left of it; then at the bottom. */
			struct chart_spot sp[4] = {
				{ a + e, q0 + e, 0, 0 }, { a - e, q0 + e, 1, 0 },
				{ a + e, q0 + qlen - e, 0, 1 }, { a - e, q0 + qlen - e, 1, 1 }
			};

			placed = chart_text_place_first(x, &t, CHART_LABEL_REFERENCE, sp, 4, CHART_INK);
		}
		if (placed)
			chart_text_halo(x);
		else
			chart_legend_defer(x, sw, col, dash, CHART_SYMBOL__COUNT, buf);
		chart_text_free(&t);
	}
}

/* Which value labels fit bars bw wide in slots slot wide. */
static enum values
values_mode(struct chart_ctx *x, double bw, double spare, double vw, double vh)
{
	if (vw <= bw + spare)
		return VALUES_FLAT;
	if (bw >= vh * 0.95) {
		chart_decide(x, "value labels turned upright");
		return VALUES_TURNED;
	}
	chart_decide(x, "value labels left out: bars too narrow");
	return VALUES_NONE;
}

static void
vertical(struct chart_ctx *x)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	struct chart_scale	 sc;
	struct chart_cats	 cats;
	char			 buf[512];
	double			 lo, hi, vlo, vhi, top = x->ry, bottom = x->ry + x->rh, left = x->rx;
	double			 right = x->rx + x->rw, tw, px, pw, ph, slot, group, bw, vw, vh, need;
	double			 cx, y0, y1, gap = x->gap, drop = 0;
	size_t			 n = c->category_count, m = c->series_count, i, k, round;
	enum values		 vmode;

	chart_value_range(c, true, &lo, &hi);
	point_extremes(c, &vlo, &vhi);
	chart_axis_title(buf, sizeof(buf), c, false);
	if (*buf != '\0' && chart_text_fit(x, &t, CHART_FONT_LABEL, buf, x->rw, 1, PANGO_ALIGN_LEFT)) {
		double	 h = t.h;

		if (chart_text_put(x, &t, CHART_LABEL_AXIS_TITLE, left, top, 0, 0, 0, CHART_INK_SOFT))
			top += h + gap * 0.4;
	}
	/* The top tick's label is centred on the plot's top edge: half a line above it. */
	top += x->size[CHART_FONT_LABEL] * 0.75;
	if (c->x.title != NULL &&
	    chart_text_fit(x, &t, CHART_FONT_LABEL, c->x.title, x->rw, 1, PANGO_ALIGN_CENTER)) {
		double	 h = t.h;

		if (chart_text_put(x, &t, CHART_LABEL_AXIS_TITLE, left + x->rw / 2, bottom, 0.5, 1, 0,
		    CHART_INK_SOFT))
			bottom -= h + gap * 0.5;
	}
	/* The plot's height depends on the labels under it, their room on the slot's width, and that
	 * on the tick labels' width: two rounds settle it. */
	ph = bottom - top - 3 * x->size[CHART_FONT_LABEL];
	memset(&cats, 0, sizeof(cats));
	px = left;
	pw = x->rw;
	for (round = 0, tw = -1; round < 2; round++) {
		double	 was = tw;

		chart_ticks_nice(lo, hi, chart_tick_budget(ph, x->size[CHART_FONT_LABEL] * 3), &sc.t);
		tw = chart_ticks_width(x, &sc.t);
		/* The same width: the same slots, so the same labels (measuring them is the cost). */
		if (round > 0 && fabs(tw - was) < 0.01)
			break;
		px = left + tw + gap;
		pw = right - px;
		slot = pw / (double)n;
		chart_cats_decide(x, slot, (bottom - top) * 0.3, &cats);
		/* Rotated labels reach left under the lowest tick label: they start half a line lower. */
		drop = cats.mode == CHART_CATS_ROT45 || cats.mode == CHART_CATS_ROT90 ? cats.lh * 0.5 : 0;
		ph = bottom - top - cats.band - gap * 0.5 - drop;
	}
	slot = pw / (double)n;
	if (ph < 4 * x->k || pw < 4 * x->k) {
		chart_decide(x, "no room for a plot");
		return;
	}
	/* Few categories make wide slots: a bar no wider than 90 pt at slide size. */
	group = fmin(slot * (m == 1 ? 0.62 : 0.82), (double)m * 90 * x->k);
	bw = group / (double)m;
	value_extent(x, &vw, &vh);
	vmode = values_mode(x, bw, m == 1 ? (slot - group) * 0.8 : bw * 0.08, vw, vh);
	need = (vmode == VALUES_FLAT ? vh : vmode == VALUES_TURNED ? vw : 0) + gap * 0.3;
	sc.p0 = top + ph;
	sc.p1 = top;
	/* Headroom for the labels of the tallest and the deepest bar, past the last tick if need be. */
	sc.lo = sc.hi = 0;
	if (vmode != VALUES_NONE) {
		chart_scale_room(&sc, vhi, need, ph);
		chart_scale_room(&sc, vlo, need, ph);
	}
	x->geo->plot_x = px;
	x->geo->plot_y = top;
	x->geo->plot_w = pw;
	x->geo->plot_h = ph;
	x->geo->ticks = sc.t;

	refs_draw(x, &sc, true, px, pw, slot, true);
	chart_axis_vertical(x, &sc, px, px + pw);
	y0 = chart_scale_pos(&sc, 0);
	for (i = 0; i < m; i++)
		for (k = 0; k < c->series[i].point_count; k++) {
			const struct chart_point *p = &c->series[i].points[k];

			cx = px + p->t * slot + (slot - group) / 2 + (double)i * bw;
			y1 = chart_scale_pos(&sc, p->y);
			chart_rect_add(x, cx + bw * (m > 1 ? 0.04 : 0), y1, bw * (m > 1 ? 0.92 : 1), y0 - y1,
			    chart_series_color(i), p->sample ? chart_series_color(i) : CHART_NO_COLOR,
			    1.0 * x->k, p->sample);
			chart_obstacle_add(x, cx, y1, bw, y0 - y1);
		}
	chart_line_add(x, px, y0, px + pw, y0, CHART_AXIS, 1.2 * x->k, CHART_DASH_SOLID);
	refs_draw(x, &sc, true, px, pw, slot, false);
	chart_cats_place(x, &cats, px, slot, top + ph + gap * 0.5 + drop);
	for (i = 0; i < m && vmode != VALUES_NONE; i++)
		for (k = 0; k < c->series[i].point_count; k++) {
			const struct chart_point *p = &c->series[i].points[k];
			bool neg = p->y < 0;

			cx = px + p->t * slot + (slot - group) / 2 + ((double)i + 0.5) * bw;
			y1 = chart_scale_pos(&sc, p->y);
			chart_value_format(buf, sizeof(buf), c, p->y);
			if (!chart_text_make(x, &t, CHART_FONT_SMALL, buf, 0, 1, PANGO_ALIGN_LEFT))
				return;
			/* A pale ground: a reference line may pass behind the number. */
			if (vmode == VALUES_FLAT ? chart_text_put(x, &t, CHART_LABEL_VALUE, cx,
			    neg ? y1 + gap * 0.3 : y1 - gap * 0.3, 0.5, neg ? 0 : 1, 0, CHART_INK) :
			    chart_text_put(x, &t, CHART_LABEL_VALUE, cx, neg ? y1 + gap * 0.3 : y1 - gap * 0.3,
			    neg ? 1 : 0, 0.5, -M_PI / 2, CHART_INK))
				chart_text_halo(x);
		}
	refs_label(x, &sc, true, px, pw, top, ph);
}

static void
horizontal(struct chart_ctx *x)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	struct chart_scale	 sc;
	struct chart_cats	 rows;
	char			 buf[512];
	double			 lo, hi, vlo, vhi, top = x->ry, bottom = x->ry + x->rh, left = x->rx;
	double			 right = x->rx + x->rw, px, pw, ph, band, group, bt, vw, vh, lastw;
	double			 cy, x0, x1;
	double			 gap = x->gap, lh = x->size[CHART_FONT_LABEL] * 1.45, ath = 0;
	size_t			 n = c->category_count, m = c->series_count, i, k, round;
	bool			 values;

	chart_value_range(c, true, &lo, &hi);
	point_extremes(c, &vlo, &vhi);
	chart_axis_title(buf, sizeof(buf), c, true);
	if (*buf != '\0' && chart_text_fit(x, &t, CHART_FONT_LABEL, buf, x->rw, 1, PANGO_ALIGN_RIGHT)) {
		ath = t.h + gap * 0.3;
		chart_text_put(x, &t, CHART_LABEL_AXIS_TITLE, right, bottom, 1, 1, 0, CHART_INK_SOFT);
	}
	ph = bottom - top - ath - lh - gap * 0.5;
	band = ph / (double)n;
	if (ph < 4 * x->k) {
		chart_decide(x, "no room for a plot");
		return;
	}
	chart_rows_decide(x, band, x->rw * 0.3, &rows);
	px = left + rows.width + gap;
	value_extent(x, &vw, &vh);
	group = fmin(band * (m == 1 ? 0.62 : 0.8), (double)m * 48 * x->k);
	bt = group / (double)m;
	values = bt >= vh * 0.9 || (m == 1 && band * 0.95 >= vh);
	if (!values)
		chart_decide(x, "value labels left out: bars too thin");
	pw = right - px;
	memset(&sc, 0, sizeof(sc));
	for (round = 0; round < 2; round++) {
		chart_ticks_nice(lo, hi, chart_tick_budget(pw, chart_ticks_width(x, &sc.t) * 1.6 + gap * 2 +
		    x->size[CHART_FONT_LABEL] * 2), &sc.t);
		/* The last tick label is centred on the plot's right edge: half of it must fit. */
		{
			char	 last[64];

			chart_number_format(last, sizeof(last), sc.t.max, sc.t.decimals, false);
			lastw = 0;
			if (chart_text_make(x, &t, CHART_FONT_LABEL, last, 0, 1, PANGO_ALIGN_LEFT)) {
				lastw = t.w;
				chart_text_free(&t);
			}
		}
		pw = right - px - lastw / 2;
	}
	if (pw < 4 * x->k) {
		chart_decide(x, "no room for a plot");
		return;
	}
	sc.p0 = px;
	sc.p1 = px + pw;
	sc.lo = sc.hi = 0;
	if (values) {
		/* The right edge of the labels may pass the plot's into the last tick label's room. */
		chart_scale_room(&sc, vhi, gap * 0.3 + vw - (right - px - pw), pw);
		chart_scale_room(&sc, vlo, gap * 0.3 + vw, pw);
	}
	x->geo->plot_x = px;
	x->geo->plot_y = top;
	x->geo->plot_w = pw;
	x->geo->plot_h = ph;
	x->geo->ticks = sc.t;

	refs_draw(x, &sc, false, top, ph, band, true);
	chart_axis_horizontal(x, &sc, top, top + ph);
	x0 = chart_scale_pos(&sc, 0);
	for (i = 0; i < m; i++)
		for (k = 0; k < c->series[i].point_count; k++) {
			const struct chart_point *p = &c->series[i].points[k];

			cy = top + p->t * band + (band - group) / 2 + (double)i * bt;
			x1 = chart_scale_pos(&sc, p->y);
			chart_rect_add(x, x0, cy + bt * (m > 1 ? 0.04 : 0), x1 - x0, bt * (m > 1 ? 0.92 : 1),
			    chart_series_color(i), p->sample ? chart_series_color(i) : CHART_NO_COLOR,
			    1.0 * x->k, p->sample);
			chart_obstacle_add(x, x0, cy, x1 - x0, bt);
		}
	chart_line_add(x, x0, top, x0, top + ph, CHART_AXIS, 1.2 * x->k, CHART_DASH_SOLID);
	refs_draw(x, &sc, false, top, ph, band, false);
	chart_rows_place(x, &rows, px - gap, top, band);
	for (i = 0; i < m && values; i++)
		for (k = 0; k < c->series[i].point_count; k++) {
			const struct chart_point *p = &c->series[i].points[k];
			bool neg = p->y < 0;

			cy = top + p->t * band + (band - group) / 2 + ((double)i + 0.5) * bt;
			x1 = chart_scale_pos(&sc, p->y);
			chart_value_format(buf, sizeof(buf), c, p->y);
			if (!chart_text_make(x, &t, CHART_FONT_SMALL, buf, 0, 1, PANGO_ALIGN_LEFT))
				return;
			if (chart_text_put(x, &t, CHART_LABEL_VALUE, neg ? x1 - gap * 0.3 : x1 + gap * 0.3, cy,
			    neg ? 1 : 0, 0.5, 0, CHART_INK))
				chart_text_halo(x);
		}
	refs_label(x, &sc, false, px, pw, top, ph);
}

void
chart_bar_layout(struct chart_ctx *x)
{
	if (x->c->category_count == 0)
		return;
	if (x->c->kind == CHART_HBAR)
		horizontal(x);
	else
		vertical(x);
}
