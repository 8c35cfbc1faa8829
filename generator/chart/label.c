/*
 * chart/label.c: texts on a chart. Each label is one PangoLayout made with the run's context and
 * measured before it is placed; a label longer than its room is wrapped (pango breaks Chinese between
 * any two characters and Latin between words), and, when two lines are not enough, cut short with
 * "…" and a note mark whose note gives the full text. The placer keeps every label inside the canvas
 * and off every label placed before it, testing rotated boxes exactly (separating axes), so a chart
 * cannot come out with colliding or clipped text: a label with no free place is dropped and counted.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "planrep/chart.h"
#include "chart-int.h"

/* Boxes may touch; they overlap when they share more than this, pt. */
#define OVERLAP_EPS	0.01

static void
extents(struct chart_text *t)
{
	PangoRectangle	 lg;

	pango_layout_get_extents(t->pl, NULL, &lg);
	t->w = lg.width / (double)PANGO_SCALE;
	t->h = lg.height / (double)PANGO_SCALE;
	t->ox = lg.x / (double)PANGO_SCALE;
	t->oy = lg.y / (double)PANGO_SCALE;
	t->lines = (size_t)pango_layout_get_line_count(t->pl);
	t->baseline = pango_layout_get_baseline(t->pl) / (double)PANGO_SCALE - t->oy;
}

bool
chart_text_make(struct chart_ctx *x, struct chart_text *t, enum chart_font f, const char *text,
    double width, size_t max_lines, PangoAlignment align)
{
	memset(t, 0, sizeof(*t));
	if ((t->pl = pango_layout_new(x->pc)) == NULL) {
		x->oom = true;
		return false;
	}
	pango_layout_set_font_description(t->pl, x->fonts[f]);
	pango_layout_set_alignment(t->pl, align);
	if (width > 0) {
		pango_layout_set_width(t->pl, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(t->pl, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(t->pl, text, -1);
	extents(t);
	t->fits = t->lines <= max_lines && (width <= 0 || t->w <= width + 0.01);
	return true;
}

void
chart_text_free(struct chart_text *t)
{
	if (t->pl != NULL)
		g_object_unref(t->pl);
	t->pl = NULL;
}

/* Byte offset after the first n characters of s. */
static size_t
char_offset(const char *s, size_t n)
{
	const char	*p = s;

	while (n-- > 0 && *p != '\0')
		p = g_utf8_next_char(p);
	return (size_t)(p - s);
}

/*
 * The note mark a label cut short gets: the number of its note among those the frame has room for,
 * else the next after them. Numbers follow the text, not the pass, so that a label keeps its mark
 * when a later pass lays the chart out again.
 */
static size_t
note_number(const struct chart_ctx *x, const char *text)
{
	size_t	 i, fresh = 0;

	for (i = 0; i < x->note_count; i++)
		if (strcmp(x->notes[i], text) == 0)
			return i + 1;
	for (i = 0; i < x->pass_note_count; i++) {
		if (strcmp(x->pass_notes[i], text) == 0)
			return x->note_count + fresh + 1;
		fresh += !chart_note_reserved(x, x->pass_notes[i]);
	}
	return x->note_count + fresh + 1;
}

/* chart_text_fit and chart_text_cut: note says whether a cut label gets a note. */
static bool
fit(struct chart_ctx *x, struct chart_text *t, enum chart_font f, const char *text, double width,
    size_t max_lines, PangoAlignment align, bool note)
{
	char		 mark[16] = "", *buf;
	size_t		 lo, hi, mid, len, chars, n;

	if (!chart_text_make(x, t, f, text, width, max_lines, align) || t->fits)
		return !x->oom;
	/*
	 * Too long: keep the longest start that fits with "…" and the mark of a note that gives the
	 * full text. The search needs a few layouts, but only for labels that overflow. On the last
	 * pass the frame cannot grow, so a note it has no room for leaves the cut without a mark.
	 */
	len = strlen(text);
	n = len + sizeof(mark) + 8;
	if ((buf = malloc(n)) == NULL) {
		x->oom = true;
		chart_text_free(t);
		return false;
	}
	if (note && (!chart_last_pass(x) || chart_note_reserved(x, text)))
		chart_note_mark(mark, sizeof(mark), note_number(x, text));
	chars = (size_t)g_utf8_strlen(text, -1);
	lo = 0;
	hi = chars;
	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		snprintf(buf, n, "%.*s…%s", (int)char_offset(text, mid), text, mark);
		chart_text_free(t);
		if (!chart_text_make(x, t, f, buf, width, max_lines, align))
			break;
		if (t->fits)
			lo = mid;
		else
			hi = mid - 1;
	}
	chart_text_free(t);
	snprintf(buf, n, "%.*s…%s", (int)char_offset(text, lo), text, mark);
	if (chart_text_make(x, t, f, buf, width, max_lines, align)) {
		t->abbreviated = true;
		if (mark[0] != '\0')
			chart_note_add(x, text);
	}
	free(buf);
	return !x->oom;
}

bool
chart_text_fit(struct chart_ctx *x, struct chart_text *t, enum chart_font f, const char *text,
    double width, size_t max_lines, PangoAlignment align)
{
	return fit(x, t, f, text, width, max_lines, align, true);
}

bool
chart_text_cut(struct chart_ctx *x, struct chart_text *t, enum chart_font f, const char *text,
    double width, size_t max_lines, PangoAlignment align)
{
	return fit(x, t, f, text, width, max_lines, align, false);
}

/* The four corners of a label's box, rotated as placed. */
static void
corners(const struct chart_label *l, double px[4], double py[4])
{
	double	 c = cos(l->angle), s = sin(l->angle);
	double	 lx[4] = { 0, l->w, l->w, 0 }, ly[4] = { 0, 0, l->h, l->h };
	int	 i;

	for (i = 0; i < 4; i++) {
		px[i] = l->x + lx[i] * c - ly[i] * s;
		py[i] = l->y + lx[i] * s + ly[i] * c;
	}
}

/* Projects four points on the axis (ax, ay). */
static void
project(const double px[4], const double py[4], double ax, double ay, double *lo, double *hi)
{
	double	 d;
	int	 i;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = 0; i < 4; i++) {
		d = px[i] * ax + py[i] * ay;
		if (d < *lo)
			*lo = d;
		if (d > *hi)
			*hi = d;
	}
}

bool
chart_label_overlap(const struct chart_label *a, const struct chart_label *b)
{
	double	 ax[4], ay[4], bx[4], by[4], angles[4], alo, ahi, blo, bhi, nx, ny;
	int	 i;

	if (a->w <= 0 || a->h <= 0 || b->w <= 0 || b->h <= 0)
		return false;
	corners(a, ax, ay);
	corners(b, bx, by);
	/* Two rectangles are apart when their shadows on one of the four edge directions are apart. */
	angles[0] = a->angle;
	angles[1] = a->angle + M_PI / 2;
	angles[2] = b->angle;
	angles[3] = b->angle + M_PI / 2;
	for (i = 0; i < 4; i++) {
		nx = cos(angles[i]);
		ny = sin(angles[i]);
		project(ax, ay, nx, ny, &alo, &ahi);
		project(bx, by, nx, ny, &blo, &bhi);
		if (ahi <= blo + OVERLAP_EPS || bhi <= alo + OVERLAP_EPS)
			return false;
	}
	return true;
}

bool
chart_label_inside(const struct chart_label *l, double w, double h)
{
	double	 px[4], py[4];
	int	 i;

	corners(l, px, py);
	for (i = 0; i < 4; i++)
		if (px[i] < -OVERLAP_EPS || px[i] > w + OVERLAP_EPS || py[i] < -OVERLAP_EPS ||
		    py[i] > h + OVERLAP_EPS)
			return false;
	return true;
}

bool
chart_box_free(struct chart_ctx *x, double bx, double by, double bw, double bh, double angle)
{
	struct chart_label	 l;
	size_t			 i;

	memset(&l, 0, sizeof(l));
	l.x = bx;
	l.y = by;
	l.w = bw;
	l.h = bh;
	l.angle = angle;
	if (!chart_label_inside(&l, x->w, x->h))
		return false;
	for (i = 0; i < x->geo->label_count; i++)
		if (chart_label_overlap(&l, &x->geo->labels[i]))
			return false;
	return true;
}

/* The lines of a layout as set, joined by '\n'. Owned by the caller, or NULL. */
static char *
lines_text(PangoLayout *pl)
{
	const char	*text = pango_layout_get_text(pl);
	GSList		*l;
	size_t		 n = 0, len = strlen(text) + (size_t)pango_layout_get_line_count(pl) + 1;
	char		*out;
	int		 first = 1;

	if ((out = malloc(len)) == NULL)
		return NULL;
	for (l = pango_layout_get_lines_readonly(pl); l != NULL; l = l->next) {
		PangoLayoutLine	*line = l->data;
		size_t		 k = (size_t)line->length;

		if (!first)
			out[n++] = '\n';
		first = 0;
		/* A wrapped line keeps its trailing space in pango; the dump shows what is visible. */
		while (k > 0 && (text[line->start_index + (int)k - 1] == ' ' ||
		    text[line->start_index + (int)k - 1] == '\n'))
			k--;
		memcpy(out + n, text + line->start_index, k);
		n += k;
	}
	out[n] = '\0';
	return out;
}

void
chart_obstacle_add(struct chart_ctx *x, double bx, double by, double bw, double bh)
{
	double	*o;

	if (bw < 0) {
		bx += bw;
		bw = -bw;
	}
	if (bh < 0) {
		by += bh;
		bh = -bh;
	}
	if (x->obstacle_count == x->obstacle_cap) {
		size_t	 cap = x->obstacle_cap ? x->obstacle_cap * 2 : 64;

		if ((o = realloc(x->obstacles, cap * 4 * sizeof(*o))) == NULL) {
			x->oom = true;
			return;
		}
		x->obstacles = o;
		x->obstacle_cap = cap;
	}
	o = &x->obstacles[4 * x->obstacle_count++];
	o[0] = bx;
	o[1] = by;
	o[2] = bw;
	o[3] = bh;
}

void
chart_obstacle_segment(struct chart_ctx *x, double x0, double y0, double x1, double y1, double r)
{
	double	 len = hypot(x1 - x0, y1 - y0), f;
	size_t	 n = (size_t)ceil(len / fmax(r, 0.5)), i;

	for (i = 0; i <= n && n < 10000; i++) {
		f = n > 0 ? (double)i / (double)n : 0;
		chart_obstacle_add(x, x0 + (x1 - x0) * f - r / 2, y0 + (y1 - y0) * f - r / 2, r, r);
	}
}

/* Does the box, rotated, cover a registered mark? Tested on its bounding box: good enough to keep
 * off marks, which is a preference, not the no-overlap promise labels make to each other. */
static bool
on_obstacle(const struct chart_ctx *x, double bx, double by, double bw, double bh, double angle)
{
	struct chart_label	 l;
	double			 x0, y0, x1, y1, c = cos(angle), s = sin(angle), px, py;
	double			 lx[4] = { 0, bw, bw, 0 }, ly[4] = { 0, 0, bh, bh };
	size_t			 i;

	memset(&l, 0, sizeof(l));
	x0 = y0 = INFINITY;
	x1 = y1 = -INFINITY;
	for (i = 0; i < 4; i++) {
		px = bx + lx[i] * c - ly[i] * s;
		py = by + lx[i] * s + ly[i] * c;
		x0 = fmin(x0, px);
		x1 = fmax(x1, px);
		y0 = fmin(y0, py);
		y1 = fmax(y1, py);
	}
	for (i = 0; i < x->obstacle_count; i++) {
		const double *o = &x->obstacles[4 * i];

		if (x0 < o[0] + o[2] && o[0] < x1 && y0 < o[1] + o[3] && o[1] < y1)
			return true;
	}
	return false;
}

static size_t
place(struct chart_ctx *x, struct chart_text *t, enum chart_label_role role, double ax, double ay,
    double fx, double fy, double angle, uint32_t color, bool clear)
{
	struct chart_geometry	*g = x->geo;
	struct chart_label	*l;
	struct chart_placed	*p;
	struct chart_mark	*m;
	double			 c = cos(angle), s = sin(angle), dx = fx * t->w, dy = fy * t->h;
	double			 bx = ax - (dx * c - dy * s), by = ay - (dx * s + dy * c);

	if (t->pl == NULL || x->oom || !chart_box_free(x, bx, by, t->w, t->h, angle))
		return 0;
	if (clear && on_obstacle(x, bx, by, t->w, t->h, angle))
		return 0;
	if (g->label_count == g->label_cap) {
		size_t	 cap = g->label_cap ? g->label_cap * 2 : 32;

		if ((l = realloc(g->labels, cap * sizeof(*l))) == NULL) {
			x->oom = true;
			return 0;
		}
		g->labels = l;
		g->label_cap = cap;
	}
	if (x->text_count == x->text_cap) {
		size_t	 cap = x->text_cap ? x->text_cap * 2 : 32;

		if ((p = realloc(x->texts, cap * sizeof(*p))) == NULL) {
			x->oom = true;
			return 0;
		}
		x->texts = p;
		x->text_cap = cap;
	}
	if ((m = chart_mark_add(x, CHART_MARK_TEXT)) == NULL)
		return 0;
	l = &g->labels[g->label_count];
	memset(l, 0, sizeof(*l));
	l->role = role;
	l->x = bx;
	l->y = by;
	l->w = t->w;
	l->h = t->h;
	l->angle = angle;
	l->line_count = t->lines;
	if ((l->text = lines_text(t->pl)) == NULL) {
		x->oom = true;
		return 0;
	}
	p = &x->texts[x->text_count];
	p->pl = t->pl;
	p->ox = t->ox;
	p->oy = t->oy;
	p->color = color;
	p->halo = false;
	p->label = g->label_count++;
	m->text = x->text_count++;
	t->pl = NULL;
	return g->label_count;
}

size_t
chart_text_place(struct chart_ctx *x, struct chart_text *t, enum chart_label_role role, double ax,
    double ay, double fx, double fy, double angle, uint32_t color)
{
	return place(x, t, role, ax, ay, fx, fy, angle, color, false);
}

size_t
chart_text_place_clear(struct chart_ctx *x, struct chart_text *t, enum chart_label_role role,
    double ax, double ay, double fx, double fy, double angle, uint32_t color)
{
	return place(x, t, role, ax, ay, fx, fy, angle, color, true);
}

size_t
chart_text_place_first(struct chart_ctx *x, struct chart_text *t, enum chart_label_role role,
    const struct chart_spot *sp, size_t n, uint32_t color)
{
	size_t	 i, r;

	for (i = 0; i < n; i++)
		if ((r = place(x, t, role, sp[i].ax, sp[i].ay, sp[i].fx, sp[i].fy, 0, color, true)) != 0)
			return r;
	for (i = 0; i < n; i++)
		if ((r = place(x, t, role, sp[i].ax, sp[i].ay, sp[i].fx, sp[i].fy, 0, color, false)) != 0)
			return r;
	return 0;
}

size_t
chart_text_put(struct chart_ctx *x, struct chart_text *t, enum chart_label_role role, double ax,
    double ay, double fx, double fy, double angle, uint32_t color)
{
	size_t	 i = chart_text_place(x, t, role, ax, ay, fx, fy, angle, color);

	if (i == 0 && !x->oom)
		x->geo->dropped++;
	chart_text_free(t);
	return i;
}

bool
chart_note_reserved(const struct chart_ctx *x, const char *text)
{
	size_t	 i;

	for (i = 0; i < x->note_count; i++)
		if (strcmp(x->notes[i], text) == 0)
			return true;
	return false;
}

bool
chart_note_add(struct chart_ctx *x, const char *text)
{
	char	**n;
	size_t	 i;

	for (i = 0; i < x->pass_note_count; i++)
		if (strcmp(x->pass_notes[i], text) == 0)
			return true;
	if ((n = realloc(x->pass_notes, (x->pass_note_count + 1) * sizeof(*n))) == NULL) {
		x->oom = true;
		return false;
	}
	x->pass_notes = n;
	if ((n[x->pass_note_count] = strdup(text)) == NULL) {
		x->oom = true;
		return false;
	}
	x->pass_note_count++;
	if (!chart_note_reserved(x, text))
		x->grow = true;
	return true;
}

bool
chart_legend_has(const struct chart_ctx *x, const char *text)
{
	size_t	 i;

	for (i = 0; i < x->legend_count; i++)
		if (strcmp(x->legend[i].text, text) == 0)
			return true;
	return false;
}

bool
chart_legend_add(struct chart_ctx *x, enum chart_swatch sw, uint32_t color, enum chart_dash dash,
    enum chart_symbol sym, bool hollow, const char *text)
{
	struct chart_legend	*e;

	if (chart_legend_has(x, text))
		return true;
	if (x->legend_count == x->legend_cap) {
		size_t	 cap = x->legend_cap ? x->legend_cap * 2 : 8;

		if ((e = realloc(x->legend, cap * sizeof(*e))) == NULL) {
			x->oom = true;
			return false;
		}
		x->legend = e;
		x->legend_cap = cap;
	}
	e = &x->legend[x->legend_count];
	memset(e, 0, sizeof(*e));
	e->swatch = sw;
	e->color = color;
	e->dash = dash;
	e->symbol = sym;
	e->hollow = hollow;
	if ((e->text = strdup(text)) == NULL) {
		x->oom = true;
		return false;
	}
	x->legend_count++;
	return true;
}

void
chart_legend_defer(struct chart_ctx *x, enum chart_swatch sw, uint32_t color, enum chart_dash dash,
    enum chart_symbol sym, const char *text)
{
	x->geo->dropped++;
	if (chart_legend_has(x, text) || chart_last_pass(x))
		return;
	if (chart_legend_add(x, sw, color, dash, sym, false, text))
		x->grow = true;
}

void
chart_text_halo(struct chart_ctx *x)
{
	if (x->text_count > 0)
		x->texts[x->text_count - 1].halo = true;
}
