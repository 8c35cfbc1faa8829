/*
 * chart/bullet.c: bullet charts, one row per category (an indicator, or a jurisdiction), after
 * Stephen Few: qualitative bands behind (reference kind="band", light to dark in the order given),
 * the latest value as a bar, the target as a heavy tick, the baseline as a light one. References
 * with at="row" belong to that row; without, to every row. The value is the chart's last series
 * (earlier series are refused with a warning: a bullet shows one value per row).
 *
 * A bar's length is its value, so the bar is drawn only when the axis starts at zero. When the
 * values sit far from zero (life expectancy 77.8 → 78.8), an axis from zero would squeeze them into
 * a sliver; the axis then starts near the data and the value is drawn as a marker, not a bar, and
 * the geometry says so.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "planrep/chart.h"
#include "chart-int.h"

static const uint32_t band_shades[] = { 0xEEEEEE, 0xDDDDDD, 0xCBCBCB, 0xB9B9B9 };

void
chart_bullet_check(struct chart *c, struct diag_list *d)
{
	size_t	 i;

	for (i = 0; i < c->ref_count;) {
		if (c->refs[i].kind == CHART_REF_TRAJECTORY) {
			chart_warn(c, d, c->refs[i].line, "a trajectory belongs on a line chart; ignored on a "
			    "bullet chart");
			chart_ref_drop(c, i);
			continue;
		}
		i++;
	}
	if (c->series_count > 1)
		chart_warn(c, d, c->series[0].line, "a bullet chart shows one value a row: the last series "
		    "(line %ld); the others are not drawn", c->series[c->series_count - 1].line);
	if (!chart_categories_make(c, d))
		chart_error(c, d, c->line, "out of memory");
}

static const struct chart_series *
shown(const struct chart *c)
{
	return c->series_count > 0 ? &c->series[c->series_count - 1] : NULL;
}

static void
band_text(char *buf, size_t size, const struct chart *c, const struct chart_ref *r)
{
	if (r->label != NULL)
		snprintf(buf, size, "%s", r->label);
	else
		chart_ref_label(buf, size, c, r);
}

void
chart_bullet_legend(struct chart_ctx *x)
{
	const struct chart		*c = x->c;
	const struct chart_series	*s = shown(c);
	char				 buf[256];
	size_t				 i, b = 0;

	chart_legend_add(x, CHART_SWATCH_RECT, chart_series_color(0), CHART_DASH_SOLID, CHART_SYMBOL__COUNT,
	    false, s != NULL && s->name != NULL ? s->name : "实际值");
	if (chart_ref_find(c, CHART_REF_TARGET) != NULL)
		chart_legend_add(x, CHART_SWATCH_TICK, CHART_INK, CHART_DASH_SOLID, CHART_SYMBOL__COUNT, false,
		    "目标");
	if (chart_ref_find(c, CHART_REF_BASELINE) != NULL)
		chart_legend_add(x, CHART_SWATCH_TICK, CHART_BASELINE, CHART_DASH_DASHED, CHART_SYMBOL__COUNT,
		    false, "基线");
	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];

		if (r->kind != CHART_REF_BAND)
			continue;
		band_text(buf, sizeof(buf), c, r);
		chart_legend_add(x, CHART_SWATCH_RECT, band_shades[b++ % 4], CHART_DASH_SOLID,
		    CHART_SYMBOL__COUNT, false, buf);
	}
	if (c->sample)
		chart_legend_add(x, CHART_SWATCH_RECT, CHART_INK_SOFT, CHART_DASH_SOLID, CHART_SYMBOL__COUNT,
		    true, "示例数据");
}

/* Does reference r apply to row i? */
static bool
on_row(const struct chart_ref *r, size_t i)
{
	return isnan(r->at_t) || (size_t)r->at_t == i;
}

void
chart_bullet_layout(struct chart_ctx *x)
{
	const struct chart		*c = x->c;
	const struct chart_series	*s = shown(c);
	struct chart_text		 t, title;
	struct chart_scale		 sc;
	struct chart_cats		 rows;
	char				 buf[512];
	double				 lo, hi, dlo = INFINITY, dhi = -INFINITY, top = x->ry;
	double				 bottom = x->ry + x->rh, left = x->rx, right = x->rx + x->rw;
	double				 gap = x->gap, ph, pw, px, band, cy, a, b, vw = 0, h, ath = 0;
	double				 lh = x->size[CHART_FONT_LABEL] * 1.45;
	size_t				 n = c->category_count, i, k, nb, round;
	bool				 bars;

	if (s == NULL || n == 0)
		return;
	/* Zero on the axis when the data come near it; else the data's own range. */
	for (k = 0; k < s->point_count; k++) {
		dlo = fmin(dlo, s->points[k].y);
		dhi = fmax(dhi, s->points[k].y);
	}
	chart_value_range(c, false, &lo, &hi);
	bars = (lo >= 0 && lo <= (hi - lo) * 1.5) || (hi <= 0 && -hi <= (hi - lo) * 1.5) ||
	    (lo < 0 && hi > 0);
	if (c->y.has_min && c->y.min > 0)
		bars = false;
	if (bars)
		chart_value_range(c, true, &lo, &hi);
	else {
		chart_value_pad(c, &lo, &hi);
		chart_decide(x, "values drawn as markers: the axis does not start at zero");
	}
	memset(&title, 0, sizeof(title));
	chart_axis_title(buf, sizeof(buf), c, true);
	if (*buf != '\0' && chart_text_fit(x, &title, CHART_FONT_LABEL, buf, x->rw, 1, PANGO_ALIGN_RIGHT))
		ath = title.h + gap * 0.3;
	/* A line above the rows for the target's and baseline's words. */
	top += lh;
	ph = bottom - top - ath - lh - gap * 0.5;
	if (ph < 4 * x->k) {
		chart_decide(x, "no room for a plot");
		chart_text_free(&title);
		return;
	}
	band = fmin(ph / (double)n, 120 * x->k);
	chart_rows_decide(x, band, x->rw * 0.3, &rows);
	px = left + rows.width + gap;
	for (k = 0; k < s->point_count; k++) {
		chart_value_format(buf, sizeof(buf), c, s->points[k].y);
		if (chart_text_make(x, &t, CHART_FONT_SMALL, buf, 0, 1, PANGO_ALIGN_LEFT)) {
			vw = fmax(vw, t.w);
			chart_text_free(&t);
		}
	}
	pw = right - px - vw - gap;
	memset(&sc, 0, sizeof(sc));
	for (round = 0; round < 2; round++)
		chart_ticks_nice(lo, hi, chart_tick_budget(pw, chart_ticks_width(x, &sc.t) * 1.6 + gap * 2 +
		    x->size[CHART_FONT_LABEL] * 2), &sc.t);
	if (pw < 4 * x->k) {
		chart_decide(x, "no room for a plot");
		chart_text_free(&title);
		return;
	}
	sc.lo = sc.hi = 0;
	sc.p0 = px;
	sc.p1 = px + pw;
	h = band * (double)n;
	x->geo->plot_x = px;
	x->geo->plot_y = top;
	x->geo->plot_w = pw;
	x->geo->plot_h = h;
	x->geo->ticks = sc.t;

	/* Bands, in the order given, light to dark, behind everything. */
	for (i = 0; i < n; i++) {
		cy = top + ((double)i + 0.5) * band;
		for (k = 0, nb = 0; k < c->ref_count; k++) {
			const struct chart_ref *r = &c->refs[k];

			if (!r->range)
				continue;
			a = chart_scale_pos(&sc, r->from);
			b = chart_scale_pos(&sc, r->to);
			if (on_row(r, i))
				chart_rect_add(x, a, cy - band * 0.36, b - a, band * 0.72, r->kind == CHART_REF_BAND ?
				    band_shades[nb % 4] : chart_tint(CHART_TARGET, 0.8), CHART_NO_COLOR, 0, false);
			if (r->kind == CHART_REF_BAND)
				nb++;
		}
	}
	chart_axis_horizontal(x, &sc, top, top + h);
	/* The axis title right under the tick labels, however few the rows. */
	if (title.pl != NULL)
		chart_text_put(x, &title, CHART_LABEL_AXIS_TITLE, right, top + h + gap * 0.5 + lh + gap * 0.3,
		    1, 0, 0, CHART_INK_SOFT);
	for (k = 0; k < s->point_count; k++) {
		const struct chart_point *p = &s->points[k];

		cy = top + (p->t + 0.5) * band;
		a = chart_scale_pos(&sc, bars ? 0 : p->y);
		b = chart_scale_pos(&sc, p->y);
		if (bars)
			chart_rect_add(x, a, cy - band * 0.14, b - a, band * 0.28, chart_series_color(0),
			    p->sample ? chart_series_color(0) : CHART_NO_COLOR, 1.0 * x->k, p->sample);
		else
			chart_symbol_add(x, CHART_SYMBOL_CIRCLE, b, cy, fmin(band * 0.34, 16 * x->k),
			    chart_series_color(0), p->sample);
	}
	for (i = 0; i < n; i++) {
		cy = top + ((double)i + 0.5) * band;
		for (k = 0; k < c->ref_count; k++) {
			const struct chart_ref *r = &c->refs[k];

			if (r->range || !on_row(r, i))
				continue;
			a = chart_scale_pos(&sc, r->value);
			if (r->kind == CHART_REF_TARGET)
				chart_line_add(x, a, cy - band * 0.3, a, cy + band * 0.3, CHART_INK, 3.5 * x->k,
				    CHART_DASH_SOLID);
			else if (r->kind == CHART_REF_BASELINE)
				chart_line_add(x, a, cy - band * 0.3, a, cy + band * 0.3, CHART_BASELINE, 2 * x->k,
				    CHART_DASH_DASHED);
			chart_obstacle_add(x, a - 2 * x->k, cy - band * 0.3, 4 * x->k, band * 0.6);
		}
	}
	chart_rows_place(x, &rows, px - gap, top, band);
	for (k = 0; k < s->point_count; k++) {
		const struct chart_point *p = &s->points[k];

		cy = top + (p->t + 0.5) * band;
		b = chart_scale_pos(&sc, p->y) + (bars ? 0 : fmin(band * 0.17, 8 * x->k));
		chart_value_format(buf, sizeof(buf), c, p->y);
		if (!chart_text_make(x, &t, CHART_FONT_SMALL, buf, 0, 1, PANGO_ALIGN_LEFT))
			return;
		{
			/* Beside the bar's end; past a target tick in the way; under the bar's end. */
			struct chart_spot sp[3] = {
				{ b + gap * 0.4, cy, 0, 0.5 }, { b + gap * 0.4 + 6 * x->k, cy, 0, 0.5 },
				{ b, cy + band * 0.15, 1, 0 }
			};

			if (chart_text_place_first(x, &t, CHART_LABEL_VALUE, sp, 3, CHART_INK))
				chart_text_halo(x);
			else
				x->geo->dropped++;
		}
		chart_text_free(&t);
	}
	/* The target's and baseline's words above the first row, when they apply to every row. */
	for (k = 0; k < c->ref_count; k++) {
		const struct chart_ref *r = &c->refs[k];

		if (r->range || !isnan(r->at_t) || r->kind == CHART_REF_BAND)
			continue;
		band_text(buf, sizeof(buf), c, r);
		if (!chart_text_make(x, &t, CHART_FONT_SMALL, buf, 0, 1, PANGO_ALIGN_CENTER))
			return;
		a = chart_scale_pos(&sc, r->value);
		if (!chart_text_place(x, &t, CHART_LABEL_REFERENCE, a, top + band * 0.5 - band * 0.3 - x->k,
		    0.5, 1, 0, CHART_INK) &&
		    !chart_text_place(x, &t, CHART_LABEL_REFERENCE, a, top + band * 0.5 - band * 0.3 - x->k,
		    0, 1, 0, CHART_INK) &&
		    !chart_text_place(x, &t, CHART_LABEL_REFERENCE, a, top + band * 0.5 - band * 0.3 - x->k,
		    1, 1, 0, CHART_INK))
			x->geo->dropped++;
		chart_text_free(&t);
	}
}
