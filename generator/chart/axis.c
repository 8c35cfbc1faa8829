/*
 * chart/axis.c: value axes. Ticks fall on round numbers (1, 2 or 5 × 10^k, Heckbert's "nice numbers"
 * in the form that takes the smallest step needing no more ticks than there is room for); the axis
 * title carries the unit and which way is good. Bars keep zero on their axis (chart_value_range),
 * and a scale may reach a little past its last tick to leave a bar's label room (chart_scale_room).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "planrep/chart.h"
#include "chart-int.h"

bool
chart_ticks_nice(double lo, double hi, size_t max_count, struct chart_ticks *out)
{
	static const double	 mult[] = { 1, 2, 5 };
	double			 span, base, step, tmin, tmax, pad;
	size_t			 count, i;
	int			 e;

	memset(out, 0, sizeof(*out));
	if (!isfinite(lo) || !isfinite(hi) || max_count < 2)
		return false;
	if (lo > hi) {
		double	 t = lo;

		lo = hi;
		hi = t;
	}
	if (hi - lo < fabs(hi) * 1e-9 || hi == lo) {
		/* One value: a range around it, from zero when the value is positive and small. */
		pad = lo == 0 ? 1 : fabs(lo) * 0.1;
		lo -= pad;
		hi += pad;
	}
	span = hi - lo;
	/* Start a decade below the step that would give max_count ticks, and walk up 1-2-5. */
	e = (int)floor(log10(span / (double)(max_count - 1))) - 1;
	for (; e < 400; e++) {
		base = pow(10, e);
		for (i = 0; i < 3; i++) {
			step = mult[i] * base;
			/* A relative tolerance keeps 0.3 / 0.1 from becoming 3.0000000000000004 ticks. */
			tmin = floor(lo / step + 1e-9) * step;
			tmax = ceil(hi / step - 1e-9) * step;
			count = (size_t)llround((tmax - tmin) / step) + 1;
			if (count <= max_count) {
				out->min = tmin;
				out->max = tmax;
				out->step = step;
				out->count = count;
				out->decimals = e < 0 ? -e : 0;
				return true;
			}
		}
	}
	return false;
}

double
chart_scale_pos(const struct chart_scale *s, double v)
{
	double	 lo = s->hi > s->lo ? s->lo : s->t.min, hi = s->hi > s->lo ? s->hi : s->t.max;

	if (hi == lo)
		return s->p0;
	return s->p0 + (v - lo) / (hi - lo) * (s->p1 - s->p0);
}

void
chart_scale_room(struct chart_scale *s, double v, double need, double len)
{
	double	 f = need / len;

	if (!(s->hi > s->lo)) {
		s->lo = s->t.min;
		s->hi = s->t.max;
	}
	/* Past 60 % of the axis the label would crush the bars: it is better dropped. */
	if (len <= 0 || f >= 0.6 || s->hi == s->lo)
		return;
	if (v > 0 && (v - s->lo) / (s->hi - s->lo) > 1 - f)
		s->hi = s->lo + (v - s->lo) / (1 - f);
	if (v < 0 && (s->hi - v) / (s->hi - s->lo) > 1 - f)
		s->lo = s->hi - (s->hi - v) / (1 - f);
}

static void
widen(double *lo, double *hi, double v)
{
	if (!isfinite(v))
		return;
	if (v < *lo)
		*lo = v;
	if (v > *hi)
		*hi = v;
}

void
chart_value_range(const struct chart *c, bool zero, double *lo, double *hi)
{
	size_t	 i, k;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = 0; i < c->series_count; i++)
		for (k = 0; k < c->series[i].point_count; k++)
			widen(lo, hi, c->series[i].points[k].y);
	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];

		if (r->range) {
			widen(lo, hi, r->from);
			widen(lo, hi, r->to);
		} else if (r->kind != CHART_REF_TRAJECTORY)
			widen(lo, hi, r->value);
	}
	if (c->y.has_min)
		widen(lo, hi, c->y.min);
	if (c->y.has_max)
		widen(lo, hi, c->y.max);
	if (zero)
		widen(lo, hi, 0);
	if (*lo > *hi) {
		*lo = 0;
		*hi = 1;
	}
}

void
chart_value_pad(const struct chart *c, double *lo, double *hi)
{
	double	 pad = (*hi - *lo) * 0.06;

	/* An explicit axis end stays where it was put; a positive quantity's axis stays positive. */
	if (!c->y.has_min)
		*lo = *lo >= 0 && *lo - pad < 0 ? 0 : *lo - pad;
	if (!c->y.has_max)
		*hi = *hi <= 0 && *hi + pad > 0 ? 0 : *hi + pad;
}

void
chart_axis_title(char *buf, size_t size, const struct chart *c, bool horizontal)
{
	const char	*title = c->y.title, *unit = c->y.unit != NULL ? c->y.unit : c->unit;
	const char	*dir = "";
	size_t		 n;

	/* Which way is good, with an arrow along the axis: up or right when higher is better. */
	if (c->direction == CHART_DIRECTION_HIGHER)
		dir = horizontal ? "　→ 越高越好" : "　↑ 越高越好";
	else if (c->direction == CHART_DIRECTION_LOWER)
		dir = horizontal ? "　← 越低越好" : "　↓ 越低越好";
	if (title != NULL && unit != NULL && *unit != '\0')
		n = (size_t)snprintf(buf, size, "%s（%s）", title, unit);
	else if (title != NULL)
		n = (size_t)snprintf(buf, size, "%s", title);
	else if (unit != NULL && *unit != '\0')
		n = (size_t)snprintf(buf, size, "单位：%s", unit);
	else
		n = (size_t)snprintf(buf, size, "%s", "");
	if (n < size)
		snprintf(buf + n, size - n, "%s", n == 0 && *dir != '\0' ? dir + 3 : dir);
}

size_t
chart_tick_budget(double span, double room)
{
	double	 n;

	if (room <= 0)
		return 8;
	n = floor(span / room) + 1;
	if (n < 2)
		return 2;
	return n > 9 ? 9 : (size_t)n;
}

double
chart_ticks_width(struct chart_ctx *x, const struct chart_ticks *t)
{
	struct chart_text	 tx;
	char			 buf[64];
	double			 w = 0;
	size_t			 i;

	for (i = 0; i < t->count; i++) {
		chart_number_format(buf, sizeof(buf), t->min + (double)i * t->step, t->decimals, false);
		if (!chart_text_make(x, &tx, CHART_FONT_LABEL, buf, 0, 1, PANGO_ALIGN_LEFT))
			return w;
		if (tx.w > w)
			w = tx.w;
		chart_text_free(&tx);
	}
	return w;
}

void
chart_axis_vertical(struct chart_ctx *x, const struct chart_scale *s, double x0, double x1)
{
	struct chart_text	 tx;
	char			 buf[64];
	double			 v, y;
	size_t			 i;

	for (i = 0; i < s->t.count; i++) {
		v = s->t.min + (double)i * s->t.step;
		y = chart_scale_pos(s, v);
		chart_line_add(x, x0, y, x1, y, fabs(v) < s->t.step * 1e-6 ? CHART_AXIS : CHART_GRID,
		    (fabs(v) < s->t.step * 1e-6 ? 1.0 : 0.6) * x->k, CHART_DASH_SOLID);
		chart_number_format(buf, sizeof(buf), v, s->t.decimals, false);
		if (chart_text_make(x, &tx, CHART_FONT_LABEL, buf, 0, 1, PANGO_ALIGN_RIGHT))
			chart_text_put(x, &tx, CHART_LABEL_TICK, x0 - x->gap, y, 1, 0.5, 0, CHART_INK_SOFT);
	}
}

void
chart_axis_horizontal(struct chart_ctx *x, const struct chart_scale *s, double y0, double y1)
{
	struct chart_text	 tx;
	char			 buf[64];
	double			 v, px;
	size_t			 i;

	for (i = 0; i < s->t.count; i++) {
		v = s->t.min + (double)i * s->t.step;
		px = chart_scale_pos(s, v);
		chart_line_add(x, px, y0, px, y1, fabs(v) < s->t.step * 1e-6 ? CHART_AXIS : CHART_GRID,
		    (fabs(v) < s->t.step * 1e-6 ? 1.0 : 0.6) * x->k, CHART_DASH_SOLID);
		chart_number_format(buf, sizeof(buf), v, s->t.decimals, false);
		if (chart_text_make(x, &tx, CHART_FONT_LABEL, buf, 0, 1, PANGO_ALIGN_CENTER))
			chart_text_put(x, &tx, CHART_LABEL_TICK, px, y1 + x->gap * 0.5, 0.5, 0, 0,
			    CHART_INK_SOFT);
	}
}
