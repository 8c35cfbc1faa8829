/*
 * chart/dumbbell.c: one row per category (a jurisdiction, or an indicator), from the first series's
 * value to the last series's: 2020 → the 2025 target. The start is a circle, the end a diamond
 * (shape as well as colour), series between them small triangles (the latest value, say); an arrow
 * head on the connector shows which way the row moves. When the chart says which way is good, the
 * connector is bluish green for a move that way and vermillion for a move the other way; the arrow
 * and the axis title (越低越好 ←) say the same without colour. The value axis does not hold zero: a
 * dumbbell is read by position.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "planrep/chart.h"
#include "chart-int.h"

static const enum chart_symbol	 start_symbol = CHART_SYMBOL_CIRCLE, end_symbol = CHART_SYMBOL_DIAMOND;

void
chart_dumbbell_check(struct chart *c, struct diag_list *d)
{
	size_t	 i;

	for (i = 0; i < c->ref_count;) {
		if (c->refs[i].kind == CHART_REF_TRAJECTORY || c->refs[i].kind == CHART_REF_BAND) {
			chart_warn(c, d, c->refs[i].line, "a %s is not drawn on a dumbbell chart",
			    c->refs[i].kind == CHART_REF_BAND ? "band" : "trajectory");
			chart_ref_drop(c, i);
			continue;
		}
		i++;
	}
	if (c->series_count < 2)
		chart_error(c, d, c->line, "a dumbbell chart needs two series, the start (2020) and the end "
		    "(the 2025 target); it has %zu", c->series_count);
	if (!chart_categories_make(c, d))
		chart_error(c, d, c->line, "out of memory");
}

static enum chart_symbol
symbol(const struct chart *c, size_t i)
{
	if (i == 0)
		return start_symbol;
	return i + 1 == c->series_count ? end_symbol : CHART_SYMBOL_TRIANGLE;
}

void
chart_dumbbell_legend(struct chart_ctx *x)
{
	const struct chart	*c = x->c;
	char			 name[32];
	size_t			 i;

	for (i = 0; i < c->series_count; i++) {
		snprintf(name, sizeof(name), i == 0 ? "起点" : i + 1 == c->series_count ? "终点" : "系列%zu",
		    i + 1);
		chart_legend_add(x, CHART_SWATCH_SYMBOL, chart_series_color(i), CHART_DASH_SOLID, symbol(c, i),
		    false, c->series[i].name != NULL ? c->series[i].name : name);
	}
	if (c->sample)
		chart_legend_add(x, CHART_SWATCH_SYMBOL, CHART_INK_SOFT, CHART_DASH_SOLID, CHART_SYMBOL_CIRCLE,
		    true, "示例数据");
	/* Reference lines run through every row: the legend names them. */
	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];
		char buf[256];

		if (r->range)
			continue;
		if (r->label != NULL)
			snprintf(buf, sizeof(buf), "%s", r->label);
		else
			chart_ref_label(buf, sizeof(buf), c, r);
		chart_legend_add(x, CHART_SWATCH_LINE, r->kind == CHART_REF_TARGET ? CHART_TARGET :
		    CHART_BASELINE, r->kind == CHART_REF_TARGET ? CHART_DASH_DASHED : CHART_DASH_DOTTED,
		    CHART_SYMBOL__COUNT, false, buf);
	}
}

/* The point of series s in category i, or NULL. */
static const struct chart_point *
at(const struct chart *c, size_t s, size_t i)
{
	size_t	 k;

	for (k = 0; k < c->series[s].point_count; k++)
		if ((size_t)c->series[s].points[k].t == i)
			return &c->series[s].points[k];
	return NULL;
}

/* The widest value label. */
static double
values_width(struct chart_ctx *x)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	char			 buf[64];
	double			 w = 0;
	size_t			 i, k;

	for (i = 0; i < c->series_count; i++)
		for (k = 0; k < c->series[i].point_count; k++) {
			chart_value_format(buf, sizeof(buf), c, c->series[i].points[k].y);
			if (!chart_text_make(x, &t, CHART_FONT_SMALL, buf, 0, 1, PANGO_ALIGN_LEFT))
				return w;
			w = fmax(w, t.w);
			chart_text_free(&t);
		}
	return w;
}

static void
value_label(struct chart_ctx *x, const struct chart_point *p, double px, double cy, bool before)
{
	struct chart_text	 t;
	char			 buf[64];

	chart_value_format(buf, sizeof(buf), x->c, p->y);
	if (!chart_text_make(x, &t, CHART_FONT_SMALL, buf, 0, 1, PANGO_ALIGN_LEFT))
		return;
	{
		/* Outside the end; else above or below it. */
		double		 d = before ? -1 : 1, r = t.h * 0.5;
		struct chart_spot sp[3] = {
			{ px, cy, before ? 1 : 0, 0.5 }, { px - d * r, cy - r, 0.5, 1 }, { px - d * r, cy + r, 0.5, 0 }
		};

		if (chart_text_place_first(x, &t, CHART_LABEL_VALUE, sp, 3, CHART_INK))
			chart_text_halo(x);
		else
			x->geo->dropped++;
	}
	chart_text_free(&t);
}

void
chart_dumbbell_layout(struct chart_ctx *x)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	struct chart_scale	 sc;
	struct chart_cats	 rows;
	char			 buf[512];
	double			 lo, hi, top = x->ry, bottom = x->ry + x->rh, left = x->rx;
	double			 right = x->rx + x->rw, gap = x->gap, ath = 0, ph, pw, px, band;
	double			 lh = x->size[CHART_FONT_LABEL] * 1.45;
	double			 cy, xs, xe, r, vw, room, head, pts[6];
	size_t			 n = c->category_count, m = c->series_count, i, k, round;
	uint32_t		 col;

	if (n == 0 || m < 2)
		return;
	chart_value_range(c, false, &lo, &hi);
	chart_value_pad(c, &lo, &hi);
	chart_axis_title(buf, sizeof(buf), c, true);
	if (*buf != '\0' && chart_text_fit(x, &t, CHART_FONT_LABEL, buf, x->rw, 1, PANGO_ALIGN_RIGHT)) {
		ath = t.h + gap * 0.3;
		chart_text_put(x, &t, CHART_LABEL_AXIS_TITLE, right, bottom, 1, 1, 0, CHART_INK_SOFT);
	}
	ph = bottom - top - ath - lh - gap * 0.5;
	if (ph < 4 * x->k) {
		chart_decide(x, "no room for a plot");
		return;
	}
	band = ph / (double)n;
	r = fmin(band * 0.5, 13 * x->k);
	chart_rows_decide(x, band, x->rw * 0.3, &rows);
	px = left + rows.width + gap;
	vw = values_width(x);
	/* Labels stand outside the ends, so the plot keeps a label's room on either side. */
	room = vw + r / 2 + gap * 0.5;
	px += room;
	pw = right - px - room;
	if (pw < 4 * x->k) {
		chart_decide(x, "no room for a plot");
		return;
	}
	memset(&sc, 0, sizeof(sc));
	for (round = 0; round < 2; round++)
		chart_ticks_nice(lo, hi, chart_tick_budget(pw, chart_ticks_width(x, &sc.t) * 1.6 + gap * 2 +
		    x->size[CHART_FONT_LABEL] * 2), &sc.t);
	sc.lo = sc.hi = 0;
	sc.p0 = px;
	sc.p1 = px + pw;
	x->geo->plot_x = px;
	x->geo->plot_y = top;
	x->geo->plot_w = pw;
	x->geo->plot_h = ph;
	x->geo->ticks = sc.t;

	chart_axis_horizontal(x, &sc, top, top + ph);
	for (i = 0; i < c->ref_count; i++) {
		double a = chart_scale_pos(&sc, c->refs[i].value);

		if (c->refs[i].range)
			continue;
		chart_line_add(x, a, top, a, top + ph, c->refs[i].kind == CHART_REF_TARGET ? CHART_TARGET :
		    CHART_BASELINE, 1.6 * x->k, c->refs[i].kind == CHART_REF_TARGET ? CHART_DASH_DASHED :
		    CHART_DASH_DOTTED);
	}
	for (i = 0; i < n; i++) {
		const struct chart_point *s = at(c, 0, i), *e = at(c, m - 1, i);

		cy = top + ((double)i + 0.5) * band;
		if (s != NULL && e != NULL) {
			xs = chart_scale_pos(&sc, s->y);
			xe = chart_scale_pos(&sc, e->y);
			col = 0xB0B0B0;
			if (c->direction != CHART_DIRECTION_NEITHER && e->y != s->y)
				col = (e->y > s->y) == (c->direction == CHART_DIRECTION_HIGHER) ? CHART_GOOD :
				    CHART_BAD;
			chart_line_add(x, xs, cy, xe, cy, col, fmax(3 * x->k, r * 0.28), CHART_DASH_SOLID);
			/* The arrow head just short of the end marker, pointing along the move. */
			head = fmin(r * 0.9, fabs(xe - xs) * 0.45);
			if (head > 2 * x->k) {
				double	 dir = xe > xs ? 1 : -1, tip = xe - dir * r * 0.75;

				pts[0] = tip;
				pts[1] = cy;
				pts[2] = tip - dir * head;
				pts[3] = cy - head * 0.6;
				pts[4] = tip - dir * head;
				pts[5] = cy + head * 0.6;
				chart_path_add(x, pts, 3, col, 0, CHART_DASH_SOLID, true, col);
			}
		}
		for (k = 0; k < m; k++) {
			const struct chart_point *p = at(c, k, i);

			if (p != NULL) {
				double mx = chart_scale_pos(&sc, p->y), sz = k == 0 || k + 1 == m ? r : r * 0.8;

				chart_symbol_add(x, symbol(c, k), mx, cy, sz, chart_series_color(k), p->sample);
				chart_obstacle_add(x, mx - sz / 2, cy - sz / 2, sz, sz);
			}
		}
	}
	chart_rows_place(x, &rows, left + rows.width, top, band);
	for (i = 0; i < n; i++) {
		const struct chart_point *s = at(c, 0, i), *e = at(c, m - 1, i);

		cy = top + ((double)i + 0.5) * band;
		if (s != NULL && e != NULL && s->y == e->y) {
			value_label(x, e, chart_scale_pos(&sc, e->y) + r / 2 + gap * 0.4, cy, false);
			continue;
		}
		/* Each end's value outside its end: the start on the far side from the end. */
		if (s != NULL) {
			bool before = e == NULL || s->y < e->y;

			xs = chart_scale_pos(&sc, s->y);
			value_label(x, s, before ? xs - r / 2 - gap * 0.4 : xs + r / 2 + gap * 0.4, cy, before);
		}
		if (e != NULL) {
			bool before = s != NULL && e->y < s->y;

			xe = chart_scale_pos(&sc, e->y);
			value_label(x, e, before ? xe - r / 2 - gap * 0.4 : xe + r / 2 + gap * 0.4, cy, before);
		}
	}
}
