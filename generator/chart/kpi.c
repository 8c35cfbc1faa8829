/*
 * chart/kpi.c: a KPI tile. The last value of the first series as a big number with its unit and
 * period; its change since the baseline (or, without one, since the value before), with an arrow
 * for the way the value moved and, when the chart says which way is good, 向好 or 变差 in words as
 * well as in colour; the target; the status (shape and words, chart attribute status); when there
 * are a baseline and a target value, how far the value has come from one to the other; and, on a
 * tile wide enough, the series as a sparkline beside the words.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/chart.h"
#include "chart-int.h"

void
chart_kpi_check(struct chart *c, struct diag_list *d)
{
	struct chart_series	*s;
	size_t			 i, k, j;
	bool			 periods = true;

	for (i = 0; i < c->ref_count;) {
		if (c->refs[i].kind == CHART_REF_TRAJECTORY || c->refs[i].kind == CHART_REF_BAND) {
			chart_warn(c, d, c->refs[i].line, "a %s is not drawn on a KPI tile",
			    c->refs[i].kind == CHART_REF_BAND ? "band" : "trajectory");
			chart_ref_drop(c, i);
			continue;
		}
		i++;
	}
	if (c->series_count > 1)
		chart_warn(c, d, c->series[1].line, "a KPI tile shows the first series; the others are not "
		    "drawn");
	if (c->series_count == 0)
		return;
	/* Periods are put in time order, so that "the last value" is the latest, as written or not. */
	s = &c->series[0];
	for (k = 0; k < s->point_count && periods; k++)
		periods = s->points[k].x != NULL && chart_period_parse(s->points[k].x, &s->points[k].t);
	if (!periods)
		return;
	for (k = 1; k < s->point_count; k++) {
		struct chart_point p = s->points[k];

		for (j = k; j > 0 && s->points[j - 1].t > p.t; j--)
			s->points[j] = s->points[j - 1];
		s->points[j] = p;
	}
}

void
chart_kpi_legend(struct chart_ctx *x)
{
	(void)x;	/* a tile explains itself */
}

/*
 * The series in the box (sx, sy, sw, sh): its line, sample values hollow, the target dashed, the
 * first and the last period under it. No axis: the tile's words give the numbers.
 */
static void
sparkline(struct chart_ctx *x, const struct chart_series *s, const struct chart_ref *goal, double sx,
    double sy, double sw, double sh)
{
	struct chart_text	 t;
	double			 lo = INFINITY, hi = -INFINITY, t0, t1, pad, lh, *pts, px, py;
	double			 r = 8 * x->k;
	size_t			 k, n = s->point_count;

	lh = x->size[CHART_FONT_SMALL] * 1.5;
	sh -= lh + x->gap * 0.5;
	if (sh < 30 * x->k || (pts = calloc(n * 2, sizeof(*pts))) == NULL)
		return;
	for (k = 0; k < n; k++) {
		lo = fmin(lo, s->points[k].y);
		hi = fmax(hi, s->points[k].y);
	}
	if (goal != NULL && !goal->range) {
		lo = fmin(lo, goal->value);
		hi = fmax(hi, goal->value);
	}
	pad = hi > lo ? (hi - lo) * 0.1 : fmax(fabs(hi) * 0.1, 1);
	lo -= pad;
	hi += pad;
	t0 = s->points[0].t;
	t1 = s->points[n - 1].t;
	if (t1 <= t0)
		t1 = t0 + 1;
	for (k = 0; k < n; k++) {
		pts[2 * k] = sx + r + (s->points[k].t - t0) / (t1 - t0) * (sw - 2 * r);
		pts[2 * k + 1] = sy + sh - (s->points[k].y - lo) / (hi - lo) * sh;
	}
	chart_line_add(x, sx, sy + sh, sx + sw, sy + sh, CHART_GRID, 1.0 * x->k, CHART_DASH_SOLID);
	py = goal != NULL && !goal->range ? sy + sh - (goal->value - lo) / (hi - lo) * sh : NAN;
	if (!isnan(py))
		chart_line_add(x, sx, py, sx + sw, py, CHART_TARGET, 1.6 * x->k, CHART_DASH_DASHED);
	chart_path_add(x, pts, n, chart_series_color(0), 2.4 * x->k, CHART_DASH_SOLID, false,
	    CHART_NO_COLOR);
	for (k = 0; k + 1 < n; k++)
		chart_obstacle_segment(x, pts[2 * k], pts[2 * k + 1], pts[2 * k + 2], pts[2 * k + 3], 3 * x->k);
	for (k = 0; k < n; k++)
		chart_symbol_add(x, CHART_SYMBOL_CIRCLE, pts[2 * k], pts[2 * k + 1], k + 1 == n ? r * 1.4 : r,
		    chart_series_color(0), s->points[k].sample);
	if (!isnan(py)) {
		if (chart_text_make(x, &t, CHART_FONT_SMALL, "目标", 0, 1, PANGO_ALIGN_LEFT)) {
			struct chart_spot sp[2] = { { sx, py - x->k, 0, 1 }, { sx, py + x->k, 0, 0 } };

			if (!chart_text_place_first(x, &t, CHART_LABEL_KPI, sp, 2, CHART_TARGET))
				x->geo->dropped++;
			chart_text_free(&t);
		}
	}
	for (k = 0; k < n; k += n - 1) {
		if (s->points[k].x == NULL ||
		    !chart_text_make(x, &t, CHART_FONT_SMALL, s->points[k].x, 0, 1, PANGO_ALIGN_LEFT))
			break;
		px = pts[2 * k];
		chart_text_put(x, &t, CHART_LABEL_KPI, px, sy + sh + x->gap * 0.4, k == 0 ? 0 : 1, 0, 0,
		    CHART_INK_SOFT);
		if (n == 1)
			break;
	}
	free(pts);
}

/* One measured line of the tile, waiting for its place. */
struct row {
	struct chart_text	 t;
	uint32_t		 color;
	double			 dx;		/* pt from the tile's left */
};

void
chart_kpi_layout(struct chart_ctx *x)
{
	const struct chart	*c = x->c;
	const struct chart_series *s = c->series_count > 0 ? &c->series[0] : NULL;
	const struct chart_point *last, *prev;
	const struct chart_ref	*base = chart_ref_find(c, CHART_REF_BASELINE);
	const struct chart_ref	*goal = chart_ref_find(c, CHART_REF_TARGET);
	struct chart_text	 num, unit, status, when;
	struct row		 rows[3];
	char			 buf[512], v[96], since[128];
	double			 y, gap = x->gap, size, scale, total, d, from, f = 0, tw, tr, ty, mark;
	double			 colw, block;
	size_t			 nrows = 0, i;
	bool			 progress = false, good, bad, spark;
	uint32_t		 col;

	memset(rows, 0, sizeof(rows));
	if (s == NULL || s->point_count == 0)
		return;
	last = &s->points[s->point_count - 1];
	prev = s->point_count > 1 ? &s->points[s->point_count - 2] : NULL;

	/* The period at the top left, the status at the top right. */
	y = x->ry;
	if (last->x != NULL && chart_text_cut(x, &when, CHART_FONT_LABEL, last->x, x->rw * 0.45, 1,
	    PANGO_ALIGN_LEFT)) {
		double	 h = when.h;

		if (chart_text_put(x, &when, CHART_LABEL_KPI, x->rx, y, 0, 0, 0, CHART_INK_SOFT))
			y = fmax(y, x->ry + h);
	}
	if (c->status != CHART_STATUS_NONE &&
	    chart_text_make(x, &status, CHART_FONT_MEDIUM, chart_status_text(c->status), 0, 1,
	    PANGO_ALIGN_LEFT)) {
		size_t	 li;

		/* The shape stands in the label's box, left of the words. */
		mark = status.h * 0.72;
		status.w += mark + gap * 0.6;
		status.ox -= mark + gap * 0.6;
		if ((li = chart_text_place(x, &status, CHART_LABEL_KPI, x->rx + x->rw, x->ry, 1, 0, 0,
		    CHART_INK))) {
			const struct chart_label *l = &x->geo->labels[li - 1];
			struct chart_mark *m = chart_mark_add(x, CHART_MARK_STATUS);

			if (m != NULL) {
				m->status = c->status;
				m->x = l->x + mark / 2;
				m->y = l->y + l->h / 2;
				m->w = mark;
			}
			y = fmax(y, l->y + l->h);
		} else
			x->geo->dropped++;
		chart_text_free(&status);
	}
	y += gap;

	/* The big number, as large as the tile allows, and its unit on the same baseline. */
	chart_value_format(v, sizeof(v), c, last->y);
	if (!chart_text_make(x, &num, CHART_FONT_BIG, v, 0, 1, PANGO_ALIGN_LEFT))
		return;
	memset(&unit, 0, sizeof(unit));
	if (c->unit != NULL && *c->unit != '\0' &&
	    !chart_text_make(x, &unit, CHART_FONT_MEDIUM, c->unit, 0, 1, PANGO_ALIGN_LEFT)) {
		chart_text_free(&num);
		return;
	}
	/* With room beside the words, the series as a sparkline there. */
	spark = s->point_count >= 3 && x->rw >= 380 * x->k && x->rh >= 120 * x->k;
	colw = spark ? x->rw * 0.52 : x->rw;
	scale = fmin(1.6, fmin(colw * 0.95 / (num.w + unit.w + gap * 0.3), (x->ry + x->rh - y) * 0.45 /
	    num.h));
	if (fabs(scale - 1) > 0.01) {
		size = fmax(x->size[CHART_FONT_BIG] * scale, 8);
		pango_font_description_set_absolute_size(x->fonts[CHART_FONT_BIG], size * PANGO_SCALE);
		chart_text_free(&num);
		if (!chart_text_make(x, &num, CHART_FONT_BIG, v, 0, 1, PANGO_ALIGN_LEFT)) {
			chart_text_free(&unit);
			return;
		}
		pango_font_description_set_absolute_size(x->fonts[CHART_FONT_BIG],
		    x->size[CHART_FONT_BIG] * PANGO_SCALE);
	}

	/* The change, with the words for its direction. */
	if (base != NULL && !base->range) {
		from = base->value;
		snprintf(since, sizeof(since), "较%s%s基线", base->at ? base->at : "",
		    base->at && strlen(base->at) == 4 ? "年" : "");
	} else if (prev != NULL) {
		from = prev->y;
		snprintf(since, sizeof(since), "较%s", prev->x ? prev->x : "上期");
	} else
		from = NAN;
	if (!isnan(from)) {
		char	 amount[96];

		d = last->y - from;
		chart_value_unit_format(amount, sizeof(amount), c, d, true);
		/* Equal at the precision shown is no change. */
		chart_value_format(v, sizeof(v), c, fabs(d));
		if (strspn(v, "0.,") == strlen(v))
			d = 0;
		good = c->direction != CHART_DIRECTION_NEITHER && d != 0 &&
		    (d > 0) == (c->direction == CHART_DIRECTION_HIGHER);
		bad = c->direction != CHART_DIRECTION_NEITHER && d != 0 && !good;
		snprintf(buf, sizeof(buf), "%s %s %s%s", d > 0 ? "▲" : d < 0 ? "▼" : "—", d == 0 ? "持平" :
		    amount, since, good ? "（向好）" : bad ? "（变差）" : "");
		col = good ? CHART_GOOD : bad ? CHART_BAD : CHART_INK_SOFT;
		if (chart_text_fit(x, &rows[nrows].t, CHART_FONT_MEDIUM, buf, colw, 2, PANGO_ALIGN_LEFT)) {
			rows[nrows].color = col;
			nrows++;
		}
	}
	if (goal != NULL) {
		if (goal->label != NULL)
			snprintf(buf, sizeof(buf), "%s", goal->label);
		else {
			chart_ref_label(buf, sizeof(buf), c, goal);
			if (c->unit != NULL)
				strncat(buf, c->unit, sizeof(buf) - strlen(buf) - 1);
		}
		if (chart_text_fit(x, &rows[nrows].t, CHART_FONT_LABEL, buf, colw, 2, PANGO_ALIGN_LEFT)) {
			rows[nrows].color = CHART_INK_SOFT;
			nrows++;
		}
	}
	/*
	 * Progress from the baseline to the target: the share of the way covered. Only when the target
	 * lies the good way from the baseline: a ceiling already kept at the baseline (婴儿死亡率 1.64‰
	 * against ≤4.2‰) has no way to cover.
	 */
	if (base != NULL && goal != NULL && !base->range && !goal->range && goal->value != base->value &&
	    (c->direction == CHART_DIRECTION_NEITHER ||
	    (goal->value > base->value) == (c->direction == CHART_DIRECTION_HIGHER))) {
		f = (last->y - base->value) / (goal->value - base->value);
		chart_number_format(v, sizeof(v), f * 100, 0, false);
		snprintf(buf, sizeof(buf), "目标进度 %s%%", v);
		if (chart_text_make(x, &rows[nrows].t, CHART_FONT_LABEL, buf, 0, 1, PANGO_ALIGN_LEFT)) {
			rows[nrows].color = CHART_INK;
			progress = true;
			nrows++;
		}
	}

	/* Stack what is left in the space under the top line, centred. */
	tw = fmin(colw * 0.6, 360 * x->k);
	total = num.h;
	for (i = 0; i < nrows; i++)
		total += rows[i].t.h + gap * 0.5;
	y += fmax(0, (x->ry + x->rh - y - total) / 2);
	block = y;
	{
		double	 nb = num.baseline, nw = num.w;

		chart_text_put(x, &num, CHART_LABEL_KPI, x->rx, y, 0, 0, 0, CHART_INK);
		if (unit.pl != NULL)
			chart_text_put(x, &unit, CHART_LABEL_KPI, x->rx + nw + gap * 0.3, y + nb - unit.baseline,
			    0, 0, 0, CHART_INK_SOFT);
		y += num.h + gap * 0.5;
	}
	for (i = 0; i < nrows; i++) {
		double	 h = rows[i].t.h;

		if (progress && i + 1 == nrows) {
			/* The track, then its words beside it. */
			ty = y + h * 0.25;
			tr = h * 0.5;
			chart_rect_add(x, x->rx, ty, tw, tr, 0xEDEDED, 0x8C8C8C, 0.6 * x->k, false);
			if (f > 0)
				chart_rect_add(x, x->rx, ty, tw * fmin(f, 1), tr, c->status != CHART_STATUS_NONE ?
				    chart_status_color(c->status) : chart_series_color(0), CHART_NO_COLOR, 0,
				    false);
			chart_text_put(x, &rows[i].t, CHART_LABEL_KPI, x->rx + tw + gap, y, 0, 0, 0,
			    rows[i].color);
		} else
			chart_text_put(x, &rows[i].t, CHART_LABEL_KPI, x->rx, y, 0, 0, 0, rows[i].color);
		y += h + gap * 0.5;
	}
	if (spark)
		sparkline(x, s, goal, x->rx + x->rw * 0.6, block, x->rw * 0.4, y - block);
}
