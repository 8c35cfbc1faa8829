/*
 * chart/line.c: values over periods. The x axis is time: a period is placed at its end (2021Q1 at
 * 2020.25, 2021 at 2021.0, chart_period_parse), so annual and quarterly values share one axis and
 * 2020's baseline sits where the plan's period starts. Drawn, back to front: bands (a ranged target
 * such as 27左右, qualitative bands), the grid, the baseline (dotted, with a square at its period),
 * the target (dashed, with a diamond at its period), the trajectory (the straight line from the
 * baseline to the target that the status is judged against), then each series: real values as
 * filled circles joined by solid lines, sample values as hollow circles joined by dashed ones, and
 * the legend says 示例数据. The value axis does not hold zero: a line's values are read by position.
 * The last value of each series is labelled; references are labelled at an end of their line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/chart.h"
#include "chart-int.h"

/* A period or a reference's at: its time, or an error. */
static bool
period_get(struct chart *c, struct diag_list *d, const char *s, long line, const char *what,
    double *t)
{
	if (s == NULL) {
		chart_error(c, d, line, "%s has no period: a line chart's points need x=\"2023\" (or "
		    "period=\"2023Q2\")", what);
		return false;
	}
	if (!chart_period_parse(s, t)) {
		chart_error(c, d, line, "%s=\"%s\" is not a period (2023, 2023Q2, 2023H1, 2023-06)", what, s);
		return false;
	}
	return true;
}

void
chart_line_check(struct chart *c, struct diag_list *d)
{
	size_t	 i, k, j;

	for (i = 0; i < c->series_count; i++) {
		struct chart_series *s = &c->series[i];

		for (k = 0; k < s->point_count;) {
			struct chart_point *p = &s->points[k];

			if (!period_get(c, d, p->x, p->line, "<point> x", &p->t) ||
			    (c->x.has_min && p->t < c->x.min - 1e-9) || (c->x.has_max && p->t > c->x.max + 1e-9)) {
				if (p->x != NULL && chart_period_parse(p->x, &p->t))
					chart_error(c, d, p->line, "<point> period %s is outside the x axis "
					    "(line %ld)", p->x, c->x.line);
				chart_point_drop(s, k);
				continue;
			}
			k++;
		}
		/* In time order, whatever the order written (insertion sort: series are short and
		 * usually sorted). Two values for one period cannot both be right. */
		for (k = 1; k < s->point_count; k++) {
			struct chart_point p = s->points[k];

			for (j = k; j > 0 && s->points[j - 1].t > p.t; j--)
				s->points[j] = s->points[j - 1];
			s->points[j] = p;
		}
		for (k = 1; k < s->point_count;) {
			if (fabs(s->points[k].t - s->points[k - 1].t) < 1e-9) {
				chart_error(c, d, s->points[k].line, "a second value for period %s in this series "
				    "(line %ld)", s->points[k].x, s->points[k - 1].line);
				chart_point_drop(s, k);
				continue;
			}
			k++;
		}
	}
	for (i = 0; i < c->ref_count;) {
		struct chart_ref *r = &c->refs[i];

		if (r->at != NULL && !period_get(c, d, r->at, r->line, "<reference> at", &r->at_t)) {
			chart_ref_drop(c, i);
			continue;
		}
		i++;
	}
	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];

		if (r->kind != CHART_REF_TRAJECTORY || r->range)
			continue;
		if (chart_ref_find(c, CHART_REF_BASELINE) == NULL || chart_ref_find(c, CHART_REF_TARGET) == NULL)
			chart_error(c, d, r->line, "a trajectory runs from the baseline to the target: give "
			    "both references, or from=\"…\" to=\"…\" on the trajectory");
		else if (chart_ref_find(c, CHART_REF_TARGET)->range)
			chart_error(c, d, r->line, "a trajectory needs a target value, not a range: give it "
			    "from=\"…\" to=\"…\" itself");
	}
}

static bool
any_named(const struct chart *c)
{
	size_t	 i;

	for (i = 0; i < c->series_count; i++)
		if (c->series[i].name != NULL)
			return true;
	return false;
}

void
chart_line_legend(struct chart_ctx *x)
{
	const struct chart	*c = x->c;
	const struct chart_ref	*r;
	char			 name[256];
	size_t			 i;

	if (c->series_count > 1 || any_named(c))
		for (i = 0; i < c->series_count; i++) {
			snprintf(name, sizeof(name), "系列%zu", i + 1);
			chart_legend_add(x, CHART_SWATCH_LINE, chart_series_color(i), CHART_DASH_SOLID,
			    CHART_SYMBOL_CIRCLE, false, c->series[i].name ? c->series[i].name : name);
		}
	if (c->sample)
		chart_legend_add(x, CHART_SWATCH_SYMBOL, CHART_INK_SOFT, CHART_DASH_SOLID, CHART_SYMBOL_CIRCLE,
		    true, "示例数据");
	if ((r = chart_ref_find(c, CHART_REF_TRAJECTORY)) != NULL) {
		if (r->label != NULL)
			snprintf(name, sizeof(name), "%s", r->label);
		else
			chart_ref_label(name, sizeof(name), c, r);
		chart_legend_add(x, CHART_SWATCH_LINE, CHART_INK, CHART_DASH_DASHED, CHART_SYMBOL__COUNT, false,
		    name);
	}
}

/* The time span the x axis shows: the axis's, else the points' and references' periods. */
static void
time_range(const struct chart *c, double *t0, double *t1)
{
	size_t	 i, k;

	*t0 = INFINITY;
	*t1 = -INFINITY;
	for (i = 0; i < c->series_count; i++)
		for (k = 0; k < c->series[i].point_count; k++) {
			*t0 = fmin(*t0, c->series[i].points[k].t);
			*t1 = fmax(*t1, c->series[i].points[k].t);
		}
	for (i = 0; i < c->ref_count; i++)
		if (!isnan(c->refs[i].at_t)) {
			*t0 = fmin(*t0, c->refs[i].at_t);
			*t1 = fmax(*t1, c->refs[i].at_t);
		}
	if (c->x.has_min)
		*t0 = c->x.min;
	if (c->x.has_max)
		*t1 = c->x.max;
	if (*t1 - *t0 < 1e-9) {
		*t0 -= 1;
		*t1 += 1;
	}
}

/* True when every point falls on a year's end: the axis then never ticks between years. */
static bool
yearly(const struct chart *c)
{
	size_t	 i, k;

	for (i = 0; i < c->series_count; i++)
		for (k = 0; k < c->series[i].point_count; k++)
			if (fabs(c->series[i].points[k].t - round(c->series[i].points[k].t)) > 1e-9)
				return false;
	return true;
}

/* Period ticks: the smallest step of a quarter, half a year, 1, 2, 5, 10 … years that fits. */
static void
time_ticks(double t0, double t1, size_t budget, bool years, struct chart_ticks *tk)
{
	static const double	 steps[] = { 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100 };
	double			 first, last;
	size_t			 i;

	memset(tk, 0, sizeof(*tk));
	for (i = years ? 2 : 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		first = ceil(t0 / steps[i] - 1e-9) * steps[i];
		last = floor(t1 / steps[i] + 1e-9) * steps[i];
		tk->count = (size_t)llround((last - first) / steps[i]) + 1;
		tk->min = first;
		tk->max = last;
		tk->step = steps[i];
		if (tk->count <= budget)
			break;
	}
	tk->decimals = tk->step < 1 ? 2 : 0;
}

/* The width of the widest period label. */
static double
periods_width(struct chart_ctx *x, const struct chart_ticks *tk)
{
	struct chart_text	 t;
	char			 buf[32];
	double			 w = 0;
	size_t			 i;

	for (i = 0; i < tk->count; i++) {
		chart_period_format(buf, sizeof(buf), tk->min + (double)i * tk->step, tk->step);
		if (!chart_text_make(x, &t, CHART_FONT_LABEL, buf, 0, 1, PANGO_ALIGN_CENTER))
			break;
		w = fmax(w, t.w);
		chart_text_free(&t);
	}
	return w;
}

struct plot {
	struct chart_scale	 y;		/* values */
	double			 t0, t1;	/* the time span */
	double			 px, pw;	/* pt */
	double			 top, ph;	/* pt */
};

static double
tx(const struct plot *p, double t)
{
	/* Inset by 3 %, so that markers at the ends stay off the plot's edges. */
	double	 span = p->t1 - p->t0, in = p->pw * 0.03;

	return p->px + in + (t - p->t0) / span * (p->pw - 2 * in);
}

static void
refs_draw(struct chart_ctx *x, const struct plot *p)
{
	const struct chart	*c = x->c;
	const struct chart_ref	*b = chart_ref_find(c, CHART_REF_BASELINE), *g = chart_ref_find(c,
				    CHART_REF_TARGET);
	double			 a, e, pts[4];
	size_t			 i;

	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];

		if (r->kind == CHART_REF_TRAJECTORY || !r->range)
			continue;
		a = chart_scale_pos(&p->y, r->from);
		e = chart_scale_pos(&p->y, r->to);
		chart_rect_add(x, p->px, e, p->pw, a - e, r->kind == CHART_REF_TARGET ?
		    chart_tint(CHART_TARGET, 0.82) : 0xEBEBEB, CHART_NO_COLOR, 0, false);
	}
	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];

		if (r->range || r->kind == CHART_REF_TRAJECTORY || r->kind == CHART_REF_BAND)
			continue;
		a = chart_scale_pos(&p->y, r->value);
		if (r->kind == CHART_REF_TARGET) {
			chart_line_add(x, p->px, a, p->px + p->pw, a, CHART_TARGET, 1.8 * x->k, CHART_DASH_DASHED);
			chart_symbol_add(x, CHART_SYMBOL_DIAMOND, tx(p, isnan(r->at_t) ? p->t1 : r->at_t), a,
			    9 * x->k, CHART_TARGET, false);
		} else {
			chart_line_add(x, p->px, a, p->px + p->pw, a, CHART_BASELINE, 1.4 * x->k,
			    CHART_DASH_DOTTED);
			chart_symbol_add(x, CHART_SYMBOL_SQUARE, tx(p, isnan(r->at_t) ? p->t0 : r->at_t), a,
			    8 * x->k, CHART_BASELINE, false);
		}
	}
	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];

		if (r->kind != CHART_REF_TRAJECTORY)
			continue;
		/* From the baseline at its period to the target at its period (the axis's ends when the
		 * references give none), or between the values the trajectory itself gives. */
		pts[0] = tx(p, b != NULL && !isnan(b->at_t) ? b->at_t : p->t0);
		pts[2] = tx(p, g != NULL && !isnan(g->at_t) ? g->at_t : p->t1);
		if (r->range) {
			pts[1] = chart_scale_pos(&p->y, r->from);
			pts[3] = chart_scale_pos(&p->y, r->to);
		} else if (b != NULL && g != NULL && !g->range) {
			pts[1] = chart_scale_pos(&p->y, b->value);
			pts[3] = chart_scale_pos(&p->y, g->value);
		} else
			continue;
		chart_path_add(x, pts, 2, CHART_INK, 1.6 * x->k, CHART_DASH_DASHED, false, CHART_NO_COLOR);
		chart_obstacle_segment(x, pts[0], pts[1], pts[2], pts[3], 3 * x->k);
	}
}

/* Labels of the target and baseline at an end of their line; the legend when no end is free. */
static void
refs_label(struct chart_ctx *x, const struct plot *p)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	char			 buf[256];
	double			 a, e = 2.5 * x->k, l = p->px + e, r0 = p->px + p->pw - e;
	size_t			 i, placed;

	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];
		bool right = r->kind == CHART_REF_TARGET;

		if (r->kind == CHART_REF_TRAJECTORY)
			continue;
		if (r->label != NULL)
			snprintf(buf, sizeof(buf), "%s", r->label);
		else
			chart_ref_label(buf, sizeof(buf), c, r);
		if (chart_legend_has(x, buf))
			continue;
		if (!chart_text_make(x, &t, CHART_FONT_SMALL, buf, 0, 1, PANGO_ALIGN_LEFT))
			return;
		a = chart_scale_pos(&p->y, r->range ? r->to : r->value);
		/* The target at the right (where its period is), the baseline at the left; above the
		 * line, else below, else at the other end. */
		{
			double	 near = right ? r0 - 12 * x->k : l + 10 * x->k, far = right ? l : r0;
			double	 fn = right ? 1 : 0;
			struct chart_spot sp[4] = {
				{ near, a - e, fn, 1 }, { near, a + e, fn, 0 },
				{ far, a - e, 1 - fn, 1 }, { far, a + e, 1 - fn, 0 }
			};

			if (r->range) {
				sp[1] = sp[2];
				placed = chart_text_place_first(x, &t, CHART_LABEL_REFERENCE, sp, 2, CHART_INK);
			} else
				placed = chart_text_place_first(x, &t, CHART_LABEL_REFERENCE, sp, 4, CHART_INK);
		}
		if (placed)
			chart_text_halo(x);
		else if (r->range)
			chart_legend_defer(x, CHART_SWATCH_RECT, r->kind == CHART_REF_TARGET ?
			    chart_tint(CHART_TARGET, 0.82) : 0xEBEBEB, CHART_DASH_SOLID, CHART_SYMBOL__COUNT, buf);
		else
			chart_legend_defer(x, CHART_SWATCH_LINE, r->kind == CHART_REF_TARGET ? CHART_TARGET :
			    CHART_BASELINE, r->kind == CHART_REF_TARGET ? CHART_DASH_DASHED : CHART_DASH_DOTTED,
			    r->kind == CHART_REF_TARGET ? CHART_SYMBOL_DIAMOND : CHART_SYMBOL_SQUARE, buf);
		chart_text_free(&t);
	}
}

static void
series_draw(struct chart_ctx *x, const struct plot *p)
{
	const struct chart	*c = x->c;
	double			 pts[4], r = 7.5 * x->k;
	size_t			 i, k;

	for (i = 0; i < c->series_count; i++) {
		const struct chart_series *s = &c->series[i];
		uint32_t col = chart_series_color(i);

		/* Segment by segment: one that touches a sample value is dashed. */
		for (k = 1; k < s->point_count; k++) {
			pts[0] = tx(p, s->points[k - 1].t);
			pts[1] = chart_scale_pos(&p->y, s->points[k - 1].y);
			pts[2] = tx(p, s->points[k].t);
			pts[3] = chart_scale_pos(&p->y, s->points[k].y);
			chart_path_add(x, pts, 2, col, 2.4 * x->k, s->points[k - 1].sample || s->points[k].sample ?
			    CHART_DASH_DASHED : CHART_DASH_SOLID, false, CHART_NO_COLOR);
		}
		for (k = 0; k < s->point_count; k++) {
			double px = tx(p, s->points[k].t), py = chart_scale_pos(&p->y, s->points[k].y);

			chart_symbol_add(x, CHART_SYMBOL_CIRCLE, px, py, r, col, s->points[k].sample);
			chart_obstacle_add(x, px - r / 2, py - r / 2, r, r);
			if (k > 0)
				chart_obstacle_segment(x, tx(p, s->points[k - 1].t),
				    chart_scale_pos(&p->y, s->points[k - 1].y), px, py, 3 * x->k);
		}
	}
}

/* The last value of each series, beside its marker: right, above, below or left, whichever is free. */
static void
values_label(struct chart_ctx *x, const struct plot *p)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	char			 buf[64];
	double			 px, py, e = 6 * x->k;
	size_t			 i;

	for (i = 0; i < c->series_count; i++) {
		const struct chart_series *s = &c->series[i];
		const struct chart_point *last;

		if (s->point_count == 0)
			continue;
		last = &s->points[s->point_count - 1];
		px = tx(p, last->t);
		py = chart_scale_pos(&p->y, last->y);
		chart_value_format(buf, sizeof(buf), c, last->y);
		if (!chart_text_make(x, &t, CHART_FONT_LABEL, buf, 0, 1, PANGO_ALIGN_LEFT))
			return;
		{
			struct chart_spot sp[4] = {
				{ px + e, py, 0, 0.5 }, { px, py - e, 0.5, 1 }, { px, py + e, 0.5, 0 },
				{ px - e, py, 1, 0.5 }
			};

			if (chart_text_place_first(x, &t, CHART_LABEL_VALUE, sp, 4, chart_series_color(i)))
				chart_text_halo(x);
			else
				x->geo->dropped++;
		}
		chart_text_free(&t);
	}
}

void
chart_line_layout(struct chart_ctx *x)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	struct chart_ticks	 tk;
	struct plot		 p;
	char			 buf[512];
	double			 lo, hi, top = x->ry, bottom = x->ry + x->rh, left = x->rx;
	double			 right = x->rx + x->rw, gap = x->gap, lh, tw, vw = 0, margin, pwid, v;
	double			 drop = 0;
	size_t			 i, k;

	memset(&p, 0, sizeof(p));
	time_range(c, &p.t0, &p.t1);
	chart_value_range(c, false, &lo, &hi);
	chart_value_pad(c, &lo, &hi);
	chart_axis_title(buf, sizeof(buf), c, false);
	if (*buf != '\0' && chart_text_fit(x, &t, CHART_FONT_LABEL, buf, x->rw, 1, PANGO_ALIGN_LEFT)) {
		double	 h = t.h;

		if (chart_text_put(x, &t, CHART_LABEL_AXIS_TITLE, left, top, 0, 0, 0, CHART_INK_SOFT))
			top += h + gap * 0.4;
	}
	if (c->x.title != NULL &&
	    chart_text_fit(x, &t, CHART_FONT_LABEL, c->x.title, x->rw, 1, PANGO_ALIGN_CENTER)) {
		double	 h = t.h;

		if (chart_text_put(x, &t, CHART_LABEL_AXIS_TITLE, left + x->rw / 2, bottom, 0.5, 1, 0,
		    CHART_INK_SOFT))
			bottom -= h + gap * 0.5;
	}
	lh = x->size[CHART_FONT_LABEL] * 1.45;
	/* The top tick's label is centred on the plot's top edge: half a line above it. */
	p.top = top + x->size[CHART_FONT_LABEL] * 0.75;
	p.ph = bottom - p.top - lh - gap * 0.5;
	if (p.ph < 4 * x->k) {
		chart_decide(x, "no room for a plot");
		return;
	}
	chart_ticks_nice(lo, hi, chart_tick_budget(p.ph, x->size[CHART_FONT_LABEL] * 3), &p.y.t);
	tw = chart_ticks_width(x, &p.y.t);
	p.px = left + tw + gap;
	/* Room at the right for the last values' labels. */
	for (i = 0; i < c->series_count; i++) {
		if (c->series[i].point_count == 0)
			continue;
		chart_value_format(buf, sizeof(buf), c,
		    c->series[i].points[c->series[i].point_count - 1].y);
		if (chart_text_make(x, &t, CHART_FONT_LABEL, buf, 0, 1, PANGO_ALIGN_LEFT)) {
			vw = fmax(vw, t.w);
			chart_text_free(&t);
		}
	}
	margin = vw + 8 * x->k;
	p.pw = right - p.px - margin;
	time_ticks(p.t0, p.t1, 40, yearly(c), &tk);
	pwid = periods_width(x, &tk);
	time_ticks(p.t0, p.t1, chart_tick_budget(p.pw, pwid * 1.5), yearly(c), &tk);
	pwid = periods_width(x, &tk);
	if (p.pw < 4 * x->k) {
		chart_decide(x, "no room for a plot");
		return;
	}
	/* A first period label reaching left under the lowest tick label: the plot makes room for both
	 * by ending half a line higher. */
	if (tk.count > 0 && p.px + p.pw * 0.03 - pwid / 2 < p.px - gap) {
		drop = lh * 0.5;
		p.ph -= drop;
		chart_ticks_nice(lo, hi, chart_tick_budget(p.ph, x->size[CHART_FONT_LABEL] * 3), &p.y.t);
	}
	p.y.lo = p.y.hi = 0;
	p.y.p0 = p.top + p.ph;
	p.y.p1 = p.top;
	x->geo->plot_x = p.px;
	x->geo->plot_y = p.top;
	x->geo->plot_w = p.pw;
	x->geo->plot_h = p.ph;
	x->geo->ticks = p.y.t;
	x->geo->xticks = tk;

	refs_draw(x, &p);
	chart_axis_vertical(x, &p.y, p.px, p.px + p.pw);
	chart_line_add(x, p.px, p.top + p.ph, p.px + p.pw, p.top + p.ph, CHART_AXIS, 1.2 * x->k,
	    CHART_DASH_SOLID);
	for (k = 0; k < tk.count; k++) {
		v = tk.min + (double)k * tk.step;
		chart_line_add(x, tx(&p, v), p.top + p.ph, tx(&p, v), p.top + p.ph + gap * 0.4, CHART_AXIS,
		    1.0 * x->k, CHART_DASH_SOLID);
		chart_period_format(buf, sizeof(buf), v, tk.step);
		if (chart_text_make(x, &t, CHART_FONT_LABEL, buf, 0, 1, PANGO_ALIGN_CENTER))
			chart_text_put(x, &t, CHART_LABEL_CATEGORY, tx(&p, v), p.top + p.ph + gap * 0.5 + drop,
			    0.5, 0, 0, CHART_INK);
	}
	series_draw(x, &p);
	values_label(x, &p);
	refs_label(x, &p);
}
