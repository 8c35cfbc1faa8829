/*
 * chart/category.c: the labels of categories, under a horizontal axis (bar) or beside rows (hbar,
 * bullet, dumbbell). Every label of one axis is set the same way, chosen in this order, the first
 * that fits:
 *
 *   flat     one line, when every label fits its slot;
 *   wrap     two lines at the slot's width (pango breaks Chinese between any characters), when
 *            most labels fit so, the rest cut short with a note;
 *   rotate   45°, then 90°, when the slots are too narrow for even two lines but as wide as a line
 *            is high (45° needs √2 times that), labels longer than a third of the plot cut short;
 *   every n  rotated 90°, only every n-th category labelled, when slots are thinner than a line.
 *
 * Rows work alike with the column's width in place of the slot: one or two lines, cut short beyond
 * that, every n-th row when rows are thinner than a line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/chart.h"
#include "chart-int.h"

#define SQRT1_2	0.70710678118654752440

/* The single-line width of each category's label; the widest goes to *wmax. NULL when out of memory. */
static double *
widths(struct chart_ctx *x, double *wmax)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	double			*w;
	size_t			 i;

	*wmax = 0;
	if ((w = calloc(c->category_count + 1, sizeof(*w))) == NULL) {
		x->oom = true;
		return NULL;
	}
	for (i = 0; i < c->category_count; i++) {
		if (!chart_text_make(x, &t, CHART_FONT_LABEL, c->categories[i], 0, 1, PANGO_ALIGN_LEFT))
			break;
		w[i] = t.w;
		if (t.w > *wmax)
			*wmax = t.w;
		chart_text_free(&t);
	}
	return w;
}

static double
line_height(struct chart_ctx *x)
{
	struct chart_text	 t;
	double			 h = x->size[CHART_FONT_LABEL] * 1.45;

	if (chart_text_make(x, &t, CHART_FONT_LABEL, "国0", 0, 1, PANGO_ALIGN_LEFT)) {
		h = t.h;
		chart_text_free(&t);
	}
	return h;
}

/*
 * A label cut short to its room: with a note giving it in full, unless only every n-th label is
 * shown, where the note would name a label among many unnamed ones.
 */
static bool
cut(struct chart_ctx *x, struct chart_text *t, const struct chart_cats *k, const char *text,
    double width, size_t lines, PangoAlignment align)
{
	if (k->every > 1)
		return chart_text_cut(x, t, CHART_FONT_LABEL, text, width, lines, align);
	return chart_text_fit(x, t, CHART_FONT_LABEL, text, width, lines, align);
}

/*
 * A label in at most lines lines of width: when it needs two, at the width that splits it evenly
 * (县级医院综 / 合能力提升, not 县级医院综合能力提 / 升), else as chart_text_fit makes it.
 */
static bool
balanced(struct chart_ctx *x, struct chart_text *t, const struct chart_cats *k, const char *text,
    double width, size_t lines, PangoAlignment align)
{
	double	 half;

	if (!chart_text_make(x, t, CHART_FONT_LABEL, text, 0, 1, align))
		return false;
	if (t->w <= width || lines < 2) {
		chart_text_free(t);
		return cut(x, t, k, text, width, lines, align);
	}
	half = t->w / 2 + x->size[CHART_FONT_LABEL] * 0.6;
	chart_text_free(t);
	if (half < width) {
		if (!chart_text_make(x, t, CHART_FONT_LABEL, text, half, lines, align))
			return false;
		if (t->fits)
			return true;
		chart_text_free(t);
	}
	return cut(x, t, k, text, width, lines, align);
}

void
chart_cats_decide(struct chart_ctx *x, double slot, double max_band, struct chart_cats *k)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	double			*w, wmax, lh = line_height(x), room = slot * 0.92, len;
	size_t			 i, fit = 0, n = c->category_count;

	memset(k, 0, sizeof(*k));
	k->every = 1;
	k->lh = lh;
	if (n == 0 || (w = widths(x, &wmax)) == NULL)
		return;
	if (wmax <= room) {
		k->mode = CHART_CATS_FLAT;
		k->lines = 1;
		k->width = room;
		k->band = lh;
		goto out;
	}
	/* Two lines at the slot's width: every label that fits so counts. */
	if (room >= lh && 2 * lh * 1.02 <= max_band) {
		for (i = 0; i < n; i++) {
			if (!chart_text_make(x, &t, CHART_FONT_LABEL, c->categories[i], room, 2,
			    PANGO_ALIGN_CENTER))
				goto out;
			fit += t.fits;
			chart_text_free(&t);
		}
		/* Wrapped labels of three characters a line read badly; rotated ones read better. */
		if (fit * 4 >= n * 3 && room >= 3 * x->size[CHART_FONT_LABEL]) {
			k->mode = CHART_CATS_WRAP;
			k->lines = 2;
			k->width = room;
			k->band = 2 * lh;
			goto out;
		}
	}
	len = fmin(wmax, max_band);
	k->lines = 1;
	if (slot >= lh * 1.45) {
		/* At 45° a label takes (w + h)·√½ of height, and neighbours √2·h of slot. */
		k->mode = CHART_CATS_ROT45;
		len = fmin(wmax, max_band / SQRT1_2 - lh);
		k->width = len;
		k->band = (len + lh) * SQRT1_2;
	} else {
		k->mode = CHART_CATS_ROT90;
		k->width = len;
		k->band = len;
		/* Slots narrower than a line: label every n-th. A slot of no width (a box too small
		 * for a plot, which the caller then reports) leaves only the first one. */
		if (slot < lh * 1.05)
			k->every = slot > 0 && lh * 1.05 / slot < (double)n ?
			    (size_t)ceil(lh * 1.05 / slot) : n;
	}
out:
	free(w);
}

void
chart_cats_place(struct chart_ctx *x, const struct chart_cats *k, double x0, double slot, double y)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	double			 cx;
	size_t			 i;

	if (k->mode == CHART_CATS_WRAP)
		chart_decide(x, "category labels wrapped to two lines");
	else if (k->mode == CHART_CATS_ROT45)
		chart_decide(x, "category labels rotated 45");
	else if (k->mode == CHART_CATS_ROT90)
		chart_decide(x, "category labels rotated 90%s", k->every > 1 ? ", some left out" : "");
	if (k->every > 1)
		chart_decide(x, "one in %zu categories labelled", k->every);
	for (i = 0; i < c->category_count && !x->oom; i += k->every) {
		cx = x0 + ((double)i + 0.5) * slot;
		switch (k->mode) {
		case CHART_CATS_FLAT:
		case CHART_CATS_WRAP:
			if (balanced(x, &t, k, c->categories[i], k->width, k->lines, PANGO_ALIGN_CENTER))
				chart_text_put(x, &t, CHART_LABEL_CATEGORY, cx, y, 0.5, 0, 0, CHART_INK);
			break;
		case CHART_CATS_ROT45:
			/* The end of the text at the slot's centre, just under the axis. */
			if (cut(x, &t, k, c->categories[i], k->width, 1, PANGO_ALIGN_LEFT))
				chart_text_put(x, &t, CHART_LABEL_CATEGORY, cx + k->lh * 0.36,
				    y + k->lh * 0.36, 1, 0.5, -M_PI / 4, CHART_INK);
			break;
		case CHART_CATS_ROT90:
			if (cut(x, &t, k, c->categories[i], k->width, 1, PANGO_ALIGN_LEFT))
				chart_text_put(x, &t, CHART_LABEL_CATEGORY, cx, y, 1, 0.5, -M_PI / 2, CHART_INK);
			break;
		}
	}
}

void
chart_rows_decide(struct chart_ctx *x, double band, double max_width, struct chart_cats *k)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	double			*w, wmax, lh = line_height(x), widest = 0;
	size_t			 i, n = c->category_count;

	memset(k, 0, sizeof(*k));
	k->every = 1;
	k->lh = lh;
	k->mode = CHART_CATS_FLAT;
	k->lines = band >= 2 * lh * 1.02 ? 2 : 1;
	/* Bands lower than a line: label every n-th; a band of no height, only the first. */
	if (band < lh * 1.02)
		k->every = band > 0 && lh * 1.02 / band < (double)n ? (size_t)ceil(lh * 1.02 / band) :
		    (n > 0 ? n : 1);
	if (n == 0 || (w = widths(x, &wmax)) == NULL)
		return;
	if (wmax <= max_width) {
		k->width = wmax;
		free(w);
		return;
	}
	/* Wrapped (or cut): the column is as wide as its widest label then is. */
	k->mode = k->lines == 2 ? CHART_CATS_WRAP : CHART_CATS_FLAT;
	for (i = 0; i < n; i += k->every) {
		if (w[i] <= max_width) {
			widest = fmax(widest, w[i]);
			continue;
		}
		if (!chart_text_make(x, &t, CHART_FONT_LABEL, c->categories[i], max_width, k->lines,
		    PANGO_ALIGN_RIGHT))
			break;
		widest = t.fits ? fmax(widest, t.w) : max_width;
		chart_text_free(&t);
	}
	k->width = fmin(widest, max_width);
	free(w);
}

void
chart_rows_place(struct chart_ctx *x, const struct chart_cats *k, double right, double y0, double band)
{
	const struct chart	*c = x->c;
	struct chart_text	 t;
	size_t			 i;

	if (k->mode == CHART_CATS_WRAP)
		chart_decide(x, "row labels wrapped to two lines");
	if (k->every > 1)
		chart_decide(x, "one in %zu rows labelled", k->every);
	for (i = 0; i < c->category_count && !x->oom; i += k->every)
		if (balanced(x, &t, k, c->categories[i], k->width + 0.02, k->lines, PANGO_ALIGN_RIGHT))
			chart_text_put(x, &t, CHART_LABEL_CATEGORY, right, y0 + ((double)i + 0.5) * band, 1,
			    0.5, 0, CHART_INK);
}
