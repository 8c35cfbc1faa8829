/*
 * layout/flow.c: blocks to slices.
 *
 * Every block becomes a run of slices (see layout-int.h): a paragraph one slice a line, a table one
 * slice a row, a figure one slice. The keeps that pagination must honour are set here: headings keep
 * with what follows, a paragraph keeps two lines together at either end of a page break (widows and
 * orphans), table header rows keep with the first body row. Positions inside a slice are final; only
 * the slice's vertical place is left to pagination.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/layout.h"
#include "layout-int.h"

bool
layout_grow(void **v, size_t *cap, size_t n, size_t size)
{
	void	*g;
	size_t	 c;

	if (n < *cap)
		return true;
	c = *cap ? *cap * 2 : 16;
	if ((g = realloc(*v, c * size)) == NULL)
		return false;
	*v = g;
	*cap = c;
	return true;
}

bool
slice_add(struct slice *s, const struct layout_item *it)
{
	if (!layout_grow((void **)&s->items, &s->cap, s->count, sizeof(*it)))
		return false;
	s->items[s->count++] = *it;
	return true;
}

bool
page_add(struct layout_page *p, const struct layout_item *it)
{
	if (!layout_grow((void **)&p->items, &p->cap, p->count, sizeof(*it)))
		return false;
	p->items[p->count++] = *it;
	return true;
}

struct para *
flow_keep(struct flow *f, struct para *p)
{
	struct layout_result	*r = f->res;

	if (p == NULL)
		return NULL;
	if (!layout_grow((void **)&r->paras, &r->para_cap, r->para_count, sizeof(*r->paras))) {
		para_free(p);
		f->oom = true;
		return NULL;
	}
	r->paras[r->para_count++] = p;
	return p;
}

static unsigned long
mix(unsigned long h, const void *p, size_t n)
{
	const unsigned char	*b = p;

	while (n-- > 0)
		h = (h ^ *b++) * 1099511628211UL;
	return h;
}

static unsigned long
input_hash(const struct para_input *in)
{
	unsigned long	 h = 14695981039346656037UL;

	h = mix(h, &in->style, sizeof(in->style));
	h = mix(h, &in->node, sizeof(in->node));
	h = mix(h, &in->width, sizeof(in->width));
	h = mix(h, &in->indent, sizeof(in->indent));
	h = mix(h, &in->hanging, sizeof(in->hanging));
	h = mix(h, &in->align, sizeof(in->align));
	if (in->text != NULL)
		h = mix(h, in->text, strlen(in->text));
	return h;
}

static bool
same_input(const struct para_input *a, const struct para_input *b)
{
	return a->style == b->style && a->node == b->node && a->width == b->width &&
	    a->bold_font == b->bold_font &&
	    a->indent == b->indent && a->hanging == b->hanging && a->align == b->align &&
	    (a->text == NULL) == (b->text == NULL) && (a->text == NULL || strcmp(a->text, b->text) == 0);
}

struct para *
flow_para(struct flow *f, const struct para_input *in)
{
	struct para	*p = NULL;
	unsigned long	 h = input_hash(in);
	size_t		 i, mask = f->memo_cap - 1;

	/* Open addressing: the slots from h's own on, until an empty one. */
	for (i = h & mask; f->memo_cap > 0 && f->memo[i] != NULL; i = (i + 1) & mask)
		if (f->memo[i] != (struct para *)f && f->memo[i]->made_hash == h &&
		    same_input(&f->memo[i]->made_of, in)) {
			p = f->memo[i];
			f->memo[i] = (struct para *)f;	/* taken: a tombstone keeps the chain */
			return flow_keep(f, p);
		}
	if ((p = para_layout(f->fonts, in, f->diags)) == NULL)
		return NULL;
	p->made_of = *in;
	p->made_of.fields = NULL;
	p->made_hash = h;
	if (in->text != NULL && (p->made_of.text = strdup(in->text)) == NULL) {
		para_free(p);
		return NULL;
	}
	return flow_keep(f, p);
}

void
flow_memo_free(struct flow *f)
{
	size_t	 i;

	for (i = 0; i < f->memo_cap; i++)
		if (f->memo[i] != NULL && f->memo[i] != (struct para *)f)
			para_free(f->memo[i]);
	free(f->memo);
	f->memo = NULL;
	f->memo_cap = 0;
}

void
flow_memo_take(struct flow *f)
{
	struct layout_result	*r = f->res;
	size_t			 i, k, cap = 16;

	flow_memo_free(f);
	while (cap < 2 * r->para_count)
		cap *= 2;
	if ((f->memo = calloc(cap, sizeof(*f->memo))) == NULL)
		return;		/* no memo: the next pass sets everything again */
	f->memo_cap = cap;
	for (i = 0; i < r->para_count; i++) {
		if (r->paras[i]->has_fields) {
			para_free(r->paras[i]);
			continue;
		}
		for (k = r->paras[i]->made_hash & (cap - 1); f->memo[k] != NULL; k = (k + 1) & (cap - 1))
			continue;
		f->memo[k] = r->paras[i];
	}
	r->para_count = 0;
}

/* A new slice at the end; the pointer is valid until the next push. */
static struct slice *
push(struct flow *f, enum slice_kind kind, double height, const struct doc_node *node)
{
	struct slice	*s;

	/* The slices of LAYOUT_MAX_PAGES full pages: the document is too long; stop before the rest. */
	f->total += height;
	if (f->total > LAYOUT_MAX_PAGES * f->H) {
		f->too_long = true;
		return NULL;
	}
	if (!layout_grow((void **)&f->slices, &f->cap, f->n, sizeof(*s))) {
		f->oom = true;
		return NULL;
	}
	s = &f->slices[f->n++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->height = height;
	s->node = node;
	s->box = f->box;
	s->title_page = f->in_title;
	return s;
}

/* The style named, else the fallback's, else the default: always a style. */
static const struct doc_style *
style(const struct flow *f, const char *name, const char *fallback)
{
	const struct doc_style	*s;

	if ((s = doc_style_find(f->doc, name)) != NULL)
		return s;
	if (fallback != NULL && (s = doc_style_find(f->doc, fallback)) != NULL)
		return s;
	return doc_style_find(f->doc, "default");
}

/* The destination id of a node: its own, or the one made for a heading without. */
static const char *
dest_of(const struct flow *f, const struct doc_node *n)
{
	size_t	 i;

	if (n->id != NULL)
		return n->id;
	for (i = 0; i < f->anon_count; i++)
		if (f->anon[i] == n)
			return f->anon_ids[i];
	return NULL;
}

bool
para_items(struct flow *f, struct slice *s, const struct para *p, size_t li, double x, double y,
    const struct doc_node *node)
{
	const struct layout_line	*line = &p->lines[li];
	struct layout_item		 it;
	double				 x0, x1, base = y + p->top;
	size_t				 k;

	memset(&it, 0, sizeof(it));
	it.type = LAYOUT_ITEM_TEXT;
	it.x = x;
	it.y = base;
	it.line = line;
	it.node = node;
	it.fill = DOC_NO_COLOR;
	if (!slice_add(s, &it))
		return false;
	for (k = 0; k < p->span_count; k++) {
		const struct para_span *sp = &p->spans[k];

		if (!para_line_range(p, line, sp->start, sp->end, &x0, &x1))
			continue;
		memset(&it, 0, sizeof(it));
		it.node = sp->node;
		it.fill = DOC_NO_COLOR;
		if (sp->node->type == DOC_LINK || sp->node->type == DOC_REF) {
			it.type = LAYOUT_ITEM_LINK;
			it.target = sp->node->u.link.target;
			it.x = x + x0;
			it.y = y;
			it.w = x1 - x0;
			it.h = p->pitch;
		} else {
			it.type = LAYOUT_ITEM_PLACEHOLDER;
			it.x = x + x0;
			it.w = x1 - x0;
			it.h = sp->node->type == DOC_BAR ? p->ascent * 0.6 : p->ascent;
			it.y = base - it.h;
			it.color = 0x999999;
			it.line_width = 0.5;
		}
		if (!slice_add(s, &it))
			return false;
	}
	(void)f;
	return true;
}

/*
 * Sets a paragraph-like block (p, h1–h4, caption, a toc title) as line slices at x, width w.
 * Returns the paragraph (kept in the result) or NULL when it failed.
 */
static struct para *
lines(struct flow *f, const struct doc_node *node, const char *text, const struct doc_style *st,
    double x, double w, bool heading)
{
	struct para_input	 in;
	struct para		*p;
	struct slice		*s;
	struct para_fields	 fields;
	size_t			 i, m;

	memset(&in, 0, sizeof(in));
	in.bold_font = f->bold_font;
	memset(&fields, 0, sizeof(fields));
	fields.ref = flow_ref;
	fields.arg = f;
	in.style = st;
	in.node = text == NULL ? node : NULL;
	in.text = text;
	in.width = w;
	in.indent = st->indent;
	in.hanging = st->hanging;
	in.align = st->align;
	in.fields = &fields;
	in.file = f->doc->path;
	if ((p = flow_para(f, &in)) == NULL) {
		f->oom = true;
		return NULL;
	}
	m = p->line_count;
	for (i = 0; i < m; i++) {
		if ((s = push(f, SLICE_LINE, p->pitch, node)) == NULL)
			return NULL;
		if (i == 0) {
			s->space_before = fmax(f->pending_space, st->space_before);
			s->dest = node ? dest_of(f, node) : NULL;
			s->heading = heading ? node : NULL;
		}
		/* Widows and orphans: two lines stay together at either side of a break. */
		if (i + 1 == m)
			s->keep_with_next = st->keep_with_next || heading;
		else if (m <= 3 || i == 0 || i + 2 == m)
			s->keep_with_next = true;
		else
			s->keep_with_next = heading;
		if (!para_items(f, s, p, i, x, 0, node))
			return NULL;
	}
	f->pending_space = st->space_after;
	return p;
}

#define MAX_COLS 64

static bool block(struct flow *, const struct doc_node *, double x, double w);

/* True when a node's children are blocks (a cell or box holding p), not inlines. */
static bool
has_blocks(const struct doc_node *n)
{
	const struct doc_node	*c;

	for (c = n->first; c != NULL; c = c->next)
		if (c->type == DOC_PARAGRAPH || c->type == DOC_TABLE || c->type == DOC_BOX ||
		    c->type == DOC_HEADING || c->type == DOC_CHART || c->type == DOC_IMAGE)
			return true;
	return false;
}

static bool
figure(struct flow *f, const struct doc_node *n, double x, double w)
{
	struct slice		*s;
	struct layout_item	 it;
	double			 fw = n->u.figure.width > 0 ? fmin(n->u.figure.width, w) : w;
	double			 fh = n->u.figure.height > 0 ? n->u.figure.height : fw * 9.0 / 16.0;

	if (fh > f->H)
		fh = f->H;
	if ((s = push(f, SLICE_FIGURE, fh, n)) == NULL)
		return false;
	s->space_before = fmax(f->pending_space, 6);
	s->dest = n->id;
	memset(&it, 0, sizeof(it));
	it.type = n->type == DOC_IMAGE ? LAYOUT_ITEM_IMAGE : LAYOUT_ITEM_PLACEHOLDER;
	it.x = x + (w - fw) / 2;
	it.y = 0;
	it.w = fw;
	it.h = fh;
	it.color = 0x999999;
	it.fill = DOC_NO_COLOR;
	it.line_width = 0.5;
	it.target = n->type == DOC_IMAGE ? n->u.figure.src : NULL;
	it.node = n;
	f->pending_space = 6;
	return slice_add(s, &it);
}

/* Column widths of a table: from col (absolute, then shares of what is left), else equal. */
static bool
columns(const struct doc_node *t, double w, double **out, size_t *ncols)
{
	const struct doc_node	*c, *r, *cell;
	double			*cw, fixed = 0, shares = 0;
	size_t			 n = 0, i, k, span;

	for (c = t->first; c != NULL; c = c->next)
		if (c->type == DOC_COL)
			n++;
	if (n == 0) {
		/* No col: as many columns as the widest row spans. */
		for (r = t->first; r != NULL; r = r->next) {
			const struct doc_node *row = r;

			if (r->type == DOC_THEAD) {
				for (row = r->first; row != NULL; row = row->next) {
					for (k = 0, cell = row->first; cell != NULL; cell = cell->next)
						k += cell->u.cell.colspan ? cell->u.cell.colspan : 1;
					n = k > n ? k : n;
				}
				continue;
			}
			if (r->type != DOC_ROW)
				continue;
			for (k = 0, cell = row->first; cell != NULL; cell = cell->next)
				k += cell->u.cell.colspan ? cell->u.cell.colspan : 1;
			n = k > n ? k : n;
		}
		if (n == 0)
			n = 1;
		if ((cw = calloc(n, sizeof(*cw))) == NULL)
			return false;
		for (i = 0; i < n; i++)
			cw[i] = w / (double)n;
		*out = cw;
		*ncols = n;
		return true;
	}
	if ((cw = calloc(n, sizeof(*cw))) == NULL)
		return false;
	for (i = 0, c = t->first; c != NULL; c = c->next) {
		if (c->type != DOC_COL)
			continue;
		if (c->u.col.relative)
			shares += c->u.col.width;
		else
			fixed += c->u.col.width;
		i++;
	}
	for (i = 0, c = t->first; c != NULL; c = c->next) {
		if (c->type != DOC_COL)
			continue;
		if (c->u.col.relative)
			cw[i] = shares > 0 ? (w - fixed) * c->u.col.width / shares : 0;
		else
			cw[i] = c->u.col.width;
		i++;
	}
	/* Absolute widths wider than the measure shrink to fit it. */
	for (fixed = 0, i = 0; i < n; i++)
		fixed += cw[i];
	if (fixed > w + 0.01)
		for (i = 0; i < n; i++)
			cw[i] *= w / fixed;
	(void)span;
	*out = cw;
	*ncols = n;
	return true;
}

/* The widest thing in a cell that cannot break (a number with its unit, a word), padding included. */
static double
min_width(struct flow *f, const struct doc_node *cell)
{
	const struct doc_style	*st = cell->style ? cell->style :
	    style(f, cell->u.cell.head ? "th" : "td", "default");
	struct para_input	 in;
	struct para		*p;
	double			 m = 0;
	size_t			 i;

	if (has_blocks(cell))
		return 0;
	memset(&in, 0, sizeof(in));
	in.bold_font = f->bold_font;
	in.style = st;
	in.node = cell;
	in.width = 1;
	in.align = DOC_ALIGN_LEFT;
	in.file = f->doc->path;
	if ((p = flow_para(f, &in)) == NULL)
		return 0;
	for (i = 0; i < p->line_count; i++)
		if (p->lines[i].natural > m)
			m = p->lines[i].natural;
	return m + 2 * 0.3 * st->size;
}

/*
 * Columns narrower than their widest unbreakable content (2025年 in a narrow year column) take the
 * width from columns that have room to spare, in proportion to it. Cells spanning columns are left
 * out of the measure.
 */
static bool
widen(struct flow *f, const struct doc_node *t, double *cw, size_t ncols, double w)
{
	double			 need[MAX_COLS] = { 0 }, short_by = 0, spare = 0, m;
	const struct doc_node	*c, *row, *cell;
	size_t			 k, col;

	for (c = t->first; c != NULL; c = c->next) {
		const struct doc_node *r0 = c->type == DOC_THEAD ? c->first : c->type == DOC_ROW ? c : NULL;

		for (row = r0; row != NULL; row = c->type == DOC_THEAD ? row->next : NULL) {
			col = 0;
			for (cell = row->first; cell != NULL && col < ncols; cell = cell->next) {
				size_t span = cell->u.cell.colspan ? cell->u.cell.colspan : 1;

				if (span == 1 && cell->u.cell.rowspan <= 1 && (m = min_width(f, cell)) > need[col])
					need[col] = m;
				col += span;
			}
		}
	}
	for (k = 0; k < ncols; k++) {
		if (need[k] > cw[k])
			short_by += need[k] - cw[k];
		else
			spare += cw[k] - need[k];
	}
	if (short_by <= 0 || spare <= 0)
		return true;
	if (short_by > spare)
		short_by = spare;
	for (k = 0; k < ncols; k++) {
		if (need[k] > cw[k])
			cw[k] = need[k];
		else
			cw[k] -= (cw[k] - need[k]) * short_by / spare;
	}
	(void)w;
	return true;
}

/* The content of a cell set at width w: its paragraphs' lines stacked, items relative to (x, y). */
struct cellset {
	struct para	*paras[16];
	size_t		 count;
	double		 height;
};

static bool
cell_layout(struct flow *f, const struct doc_node *cell, double w, struct cellset *cs)
{
	const struct doc_style	*st = cell->style ? cell->style :
	    style(f, cell->u.cell.head ? "th" : "td", "default");
	struct para_input	 in;
	struct para_fields	 fields;
	const struct doc_node	*c;
	struct para		*p;

	memset(cs, 0, sizeof(*cs));
	memset(&in, 0, sizeof(in));
	in.bold_font = f->bold_font;
	memset(&fields, 0, sizeof(fields));
	fields.ref = flow_ref;
	fields.arg = f;
	in.width = w;
	in.align = cell->u.cell.align;
	in.fields = &fields;
	in.file = f->doc->path;
	if (!has_blocks(cell)) {
		in.style = st;
		in.node = cell;
		in.indent = 0;
		in.hanging = 0;
		if ((p = flow_para(f, &in)) == NULL)
			return false;
		cs->paras[cs->count++] = p;
		cs->height = p->pitch * (double)p->line_count;
		return true;
	}
	for (c = cell->first; c != NULL && cs->count < 16; c = c->next) {
		if (c->type != DOC_PARAGRAPH)
			continue;
		in.style = c->style ? c->style : st;
		in.node = c;
		in.indent = in.style->indent;
		in.hanging = in.style->hanging;
		in.align = in.style->align;
		if ((p = flow_para(f, &in)) == NULL)
			return false;
		cs->paras[cs->count++] = p;
		cs->height += p->pitch * (double)p->line_count;
	}
	return true;
}

static bool
cell_items(struct flow *f, struct slice *s, const struct cellset *cs, double x, double y,
    const struct doc_node *node)
{
	size_t	 i, k;

	for (i = 0; i < cs->count; i++)
		for (k = 0; k < cs->paras[i]->line_count; k++) {
			if (!para_items(f, s, cs->paras[i], k, x, y, node))
				return false;
			y += cs->paras[i]->pitch;
		}
	return true;
}

struct layout_item
layout_item_shape(enum layout_item_type type, double x, double y, double w, double h, uint32_t fill,
    double line_width, double dash, const struct doc_node *node)
{
	struct layout_item	 it;

	memset(&it, 0, sizeof(it));
	it.type = type;
	it.x = x;
	it.y = y;
	it.w = w;
	it.h = h;
	it.color = 0x000000;
	it.fill = fill;
	it.line_width = line_width;
	it.dash = dash;
	it.node = node;
	return it;
}

static bool
rect(struct slice *s, double x, double y, double w, double h, uint32_t fill, double lw,
    const struct doc_node *node)
{
	struct layout_item	 it = layout_item_shape(LAYOUT_ITEM_RECT, x, y, w, h, fill, lw, 0, node);

	return slice_add(s, &it);
}

/*
 * A table: caption lines, then one slice per row. Cells are placed on a grid that remembers the
 * columns rows above still cover (rowspan). A cell spanning rows is drawn after pagination, over
 * the rows it spans on each page (span_cell), so that a table split inside a 健康水平 group shows
 * the category on both pages.
 */
static bool
table(struct flow *f, const struct doc_node *t, double x, double w)
{
	struct table_ctx	*tc;
	const struct doc_node	*c, *row, *cell;
	const struct doc_node	**rows = NULL;
	bool			*headrow = NULL;
	size_t			 nrows = 0, ncols, r, col, k, covered[MAX_COLS] = { 0 };
	size_t			 first_row_slice;
	double			*cw = NULL, colx[MAX_COLS + 1];
	const double		 lw = 0.5;
	bool			 ok = false;

	struct table_ctx	**tg;

	if ((tc = calloc(1, sizeof(*tc))) == NULL ||
	    (tg = realloc(f->tables, (f->table_count + 1) * sizeof(*tg))) == NULL) {
		free(tc);
		f->oom = true;
		return false;
	}
	f->tables = tg;
	f->tables[f->table_count++] = tc;
	tc->node = t;
	tc->x = x;
	tc->w = w;
	if (!columns(t, w, &cw, &ncols))
		goto out;
	if (ncols > MAX_COLS) {
		/* Cut, the columns past the last would be lost without a word: refused instead. */
		diag_add(f->diags, DIAG_ERROR, f->doc->path, t->line, 0,
		    "a table of %zu columns: at most %d can be set", ncols, MAX_COLS);
		free(cw);
		return false;
	}
	if (!widen(f, t, cw, ncols, w))
		goto out;
	colx[0] = x;
	for (k = 0; k < ncols; k++)
		colx[k + 1] = colx[k] + cw[k];

	for (c = t->first; c != NULL; c = c->next)
		if (c->type == DOC_ROW)
			nrows++;
		else if (c->type == DOC_THEAD)
			for (row = c->first; row != NULL; row = row->next)
				nrows += row->type == DOC_ROW;
	if ((rows = calloc(nrows + 1, sizeof(*rows))) == NULL ||
	    (headrow = calloc(nrows + 1, sizeof(*headrow))) == NULL) {
		f->oom = true;
		goto out;
	}
	nrows = 0;
	for (c = t->first; c != NULL; c = c->next) {
		if (c->type == DOC_CAPTION) {
			if (lines(f, c, NULL, c->style ? c->style : style(f, "caption", NULL), x, w, false) == NULL)
				goto out;
			f->slices[f->n - 1].keep_with_next = true;
		} else if (c->type == DOC_THEAD) {
			for (row = c->first; row != NULL; row = row->next)
				if (row->type == DOC_ROW) {
					headrow[nrows] = true;
					rows[nrows++] = row;
				}
		} else if (c->type == DOC_ROW) {
			headrow[nrows] = false;
			rows[nrows++] = c;
		}
	}
	if (t->u.table.continued != NULL) {
		/* The continuation caption: a slice kept aside, placed by pagination. */
		struct para_input	 in;
		const struct doc_style	*st = style(f, "caption", NULL);
		struct para		*p;

		memset(&in, 0, sizeof(in));
		in.bold_font = f->bold_font;
		in.style = st;
		in.text = t->u.table.continued;
		in.width = w;
		in.align = DOC_ALIGN_LEFT;
		in.file = f->doc->path;
		if ((p = flow_para(f, &in)) == NULL ||
		    (tc->continued = calloc(1, sizeof(*tc->continued))) == NULL)
			goto out;
		tc->continued->kind = SLICE_LINE;
		tc->continued->height = p->pitch;
		tc->continued->keep_with_next = true;
		if (!para_items(f, tc->continued, p, 0, x, 0, t))
			goto out;
	}

	first_row_slice = f->n;
	tc->head_first = f->n;
	for (r = 0; r < nrows; r++) {
		struct slice	*s;
		struct cellset	 cs[MAX_COLS];
		const struct doc_node *cells[MAX_COLS];
		size_t		 cstart[MAX_COLS], ccount = 0, i;
		double		 h = 0, pad;

		row = rows[r];
		/* Place the cells on the grid, past columns covered from above. */
		col = 0;
		for (cell = row->first; cell != NULL && ccount < MAX_COLS; cell = cell->next) {
			size_t cs_span = cell->u.cell.colspan ? cell->u.cell.colspan : 1;
			size_t rs_span = cell->u.cell.rowspan ? cell->u.cell.rowspan : 1;
			const struct doc_style *st = cell->style ? cell->style :
			    style(f, cell->u.cell.head ? "th" : "td", NULL);
			double cwid;

			while (col < ncols && covered[col] > 0)
				col++;
			if (col >= ncols)
				break;
			if (col + cs_span > ncols)
				cs_span = ncols - col;
			pad = 0.3 * st->size;
			cwid = colx[col + cs_span] - colx[col] - 2 * pad;
			if (!cell_layout(f, cell, cwid > 1 ? cwid : 1, &cs[ccount]))
				goto out;
			cells[ccount] = cell;
			cstart[ccount] = col;
			if (rs_span > 1) {
				struct span_cell *sc;

				if (!layout_grow((void **)&tc->spans, &tc->span_cap, tc->span_count, sizeof(*sc)))
					goto out;
				sc = &tc->spans[tc->span_count++];
				memset(sc, 0, sizeof(*sc));
				sc->x = colx[col];
				sc->w = colx[col + cs_span] - colx[col];
				sc->para = cs[ccount].count ? cs[ccount].paras[0] : NULL;
				sc->first = f->n;
				sc->last = f->n + rs_span - 1;
				sc->node = cell;
				sc->valign = cell->u.cell.valign;
				sc->pad = pad;
				sc->fill = st->background;
				for (k = col; k < col + cs_span; k++)
					covered[k] = rs_span;
			} else if (cs[ccount].height + 2 * 0.2 * st->size > h)
				h = cs[ccount].height + 2 * 0.2 * st->size;
			ccount++;
			col += cs_span;
		}
		if (h <= 0)
			h = style(f, "td", NULL)->size * 1.6;
		if ((s = push(f, SLICE_ROW, h, row)) == NULL)
			goto out;
		s->table = tc;
		s->head = headrow[r];
		s->keep_with_next = headrow[r];
		if (r == 0) {
			s->space_before = fmax(f->pending_space, 0);
			s->dest = t->id;
		}
		for (i = 0; i < ccount; i++) {
			size_t cs_span = cells[i]->u.cell.colspan ? cells[i]->u.cell.colspan : 1;
			size_t rs_span = cells[i]->u.cell.rowspan ? cells[i]->u.cell.rowspan : 1;
			const struct doc_style *st = cells[i]->style ? cells[i]->style :
			    style(f, cells[i]->u.cell.head ? "th" : "td", NULL);
			double cx = colx[cstart[i]], cwid, y;

			if (cstart[i] + cs_span > ncols)
				cs_span = ncols - cstart[i];
			cwid = colx[cstart[i] + cs_span] - cx;
			if (rs_span > 1)
				continue;	/* drawn over its rows after pagination */
			pad = 0.3 * st->size;
			if (!rect(s, cx, 0, cwid, h, st->background, lw, cells[i]))
				goto out;
			y = cells[i]->u.cell.valign == DOC_VALIGN_TOP ? 0.2 * st->size :
			    cells[i]->u.cell.valign == DOC_VALIGN_BOTTOM ? h - cs[i].height - 0.2 * st->size :
			    (h - cs[i].height) / 2;
			if (!cell_items(f, s, &cs[i], cx + pad, y, cells[i]))
				goto out;
		}
		/* One row fewer for every column still covered from above. */
		for (k = 0; k < ncols; k++)
			if (covered[k] > 0)
				covered[k]--;
		if (headrow[r])
			tc->head_count++;
	}
	/*
	 * Widows and orphans of a table: at least two body rows on either side of a page break, and a
	 * table of three body rows or fewer does not split at all.
	 */
	{
		size_t	 b0 = first_row_slice + tc->head_count, nb = f->n - b0;

		for (k = 0; k < nb; k++)
			if (nb <= 3 ? k + 1 < nb : (k == 0 || k + 2 == nb))
				f->slices[b0 + k].keep_with_next = true;
	}
	/* A span cell taller than its rows makes its last row taller. */
	for (k = 0; k < tc->span_count; k++) {
		struct span_cell *sc = &tc->spans[k];
		double need, have = 0;

		if (sc->last >= f->n)
			sc->last = f->n - 1;
		need = sc->para ? sc->para->pitch * (double)sc->para->line_count + 2 * sc->pad : 0;
		for (r = sc->first; r <= sc->last; r++)
			have += f->slices[r].height;
		if (need > have)
			f->slices[sc->last].height += need - have;
	}
	f->pending_space = 6;
	ok = true;
out:
	free(cw);
	free(rows);
	free(headrow);
	if (!ok)
		f->oom = true;
	return ok;
}

/* A box: a frame drawn by pagination around its slices, with a title and padding. */
static bool
box(struct flow *f, const struct doc_node *b, double x, double w)
{
	struct box_ctx		*bc;
	const struct doc_style	*st = b->style ? b->style : style(f, "box", NULL);
	const struct doc_style	*ts = style(f, "box-title", "caption");
	const struct doc_node	*c;
	struct slice		*s;
	struct box_ctx		**g;
	double			 pad = 0.6 * st->size;

	if ((bc = calloc(1, sizeof(*bc))) == NULL ||
	    (g = realloc(f->boxes, (f->box_count + 1) * sizeof(*g))) == NULL) {
		free(bc);
		f->oom = true;
		return false;
	}
	f->boxes = g;
	f->boxes[f->box_count++] = bc;
	bc->node = b;
	bc->parent = f->box;
	bc->x = x;
	bc->w = w;
	bc->first = f->n;
	if ((s = push(f, SLICE_SPACE, pad, b)) == NULL)
		return false;
	s->space_before = fmax(f->pending_space, 6);
	s->dest = b->id;
	s->keep_with_next = true;
	s->box = bc;
	f->box = bc;
	f->pending_space = 0;
	if (b->u.box.title != NULL) {
		if (lines(f, b, b->u.box.title, ts, x + pad, w - 2 * pad, false) == NULL)
			return false;
		f->slices[f->n - 1].keep_with_next = true;
		f->pending_space = 0.3 * st->size;
	}
	for (c = b->first; c != NULL; c = c->next)
		if (!block(f, c, x + pad, w - 2 * pad))
			return false;
	if ((s = push(f, SLICE_SPACE, pad, b)) == NULL)
		return false;
	s->box = bc;
	bc->last = f->n - 1;
	f->box = bc->parent;
	f->pending_space = 6;
	return true;
}

/* A toc entry: the heading's text at its level's indent, leaders and the page number later. */
static bool
toc_entry(struct flow *f, const struct doc_node *h, double x, double w)
{
	char			 name[8];
	const struct doc_style	*st;
	struct para		*p;
	struct slice		*s;
	const struct layout_line *last;
	double			 numw;

	snprintf(name, sizeof(name), "toc%d", h->u.heading.level);
	st = style(f, name, "toc");
	numw = 2.5 * st->size;
	if ((p = lines(f, h, NULL, st, x, w - numw - st->size, false)) == NULL)
		return false;
	/* lines() took the heading as the node: the entry is no destination, it links to one. */
	s = &f->slices[f->n - 1];
	for (size_t i = f->n - p->line_count; i < f->n; i++) {
		f->slices[i].dest = NULL;
		f->slices[i].heading = NULL;
		f->slices[i].keep_with_next = i + 1 < f->n;
	}
	last = &p->lines[p->line_count - 1];
	s->toc_entry = h;
	s->toc_num_x = x + w;
	s->toc_baseline = p->top;
	s->toc_text_end = x + (p->line_count == 1 ? st->indent : st->hanging) + last->natural;
	return true;
}

static bool
toc_walk(struct flow *f, const struct doc_node *n, int depth, double x, double w)
{
	const struct doc_node	*c;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->type == DOC_HEADING && c->u.heading.in_toc && c->u.heading.level <= depth) {
			if (!toc_entry(f, c, x, w))
				return false;
		} else if (c->type == DOC_BOX && !toc_walk(f, c, depth, x, w))
			return false;
	}
	return true;
}

static bool
toc(struct flow *f, const struct doc_node *t, double x, double w)
{
	/* toc title="" asks for no title line. */
	if (t->u.toc.title != NULL) {
		if (lines(f, t, t->u.toc.title, style(f, "toc-title", "h1"), x, w, false) == NULL)
			return false;
		f->slices[f->n - 1].keep_with_next = true;
	}
	return toc_walk(f, f->doc->root, t->u.toc.depth > 0 ? t->u.toc.depth : 2, x, w);
}

static bool
block(struct flow *f, const struct doc_node *n, double x, double w)
{
	struct slice	*s;

	if (f->oom)
		return false;
	switch (n->type) {
	case DOC_PARAGRAPH:
		return lines(f, n, NULL, n->style ? n->style : style(f, "p", NULL), x, w, false) != NULL;
	case DOC_HEADING: {
		char name[4];

		snprintf(name, sizeof(name), "h%d", n->u.heading.level);
		return lines(f, n, NULL, n->style ? n->style : style(f, name, NULL), x, w, true) != NULL;
	}
	case DOC_TABLE:
		return table(f, n, x, w);
	case DOC_BOX:
		return box(f, n, x, w);
	case DOC_CHART:
	case DOC_IMAGE:
		return figure(f, n, x, w);
	case DOC_TOC:
		return toc(f, n, x, w);
	case DOC_PAGE_BREAK:
		if ((s = push(f, SLICE_BREAK, 0, n)) == NULL)
			return false;
		f->pending_space = 0;
		return true;
	default:
		return true;	/* running matter, styles and the like are not blocks of the flow */
	}
}

/* Gives every heading without an id a destination, in document order, so toc links work. */
static bool
name_headings(struct flow *f, const struct doc_node *n)
{
	const struct doc_node	*c;
	char			 buf[32];

	for (c = n->first; c != NULL; c = c->next) {
		if (c->type == DOC_HEADING && c->id == NULL) {
			const struct doc_node	**a;
			char			**s;

			a = realloc(f->anon, (f->anon_count + 1) * sizeof(*a));
			if (a != NULL)
				f->anon = a;
			s = realloc(f->res->anon_ids, (f->anon_count + 1) * sizeof(*s));
			if (s != NULL)
				f->res->anon_ids = f->anon_ids = s;
			if (a == NULL || s == NULL)
				return false;
			snprintf(buf, sizeof(buf), "planrep-h%zu", f->anon_count + 1);
			if ((f->anon_ids[f->anon_count] = strdup(buf)) == NULL)
				return false;
			f->anon[f->anon_count++] = c;
			f->res->anon_count = f->anon_count;
		}
		if (c->first != NULL && c->type != DOC_HEADING && !name_headings(f, c))
			return false;
	}
	return true;
}

bool
flow_document(struct flow *f)
{
	const struct doc_node	*c, *b;

	if (f->anon_count == 0 && !name_headings(f, f->doc->root)) {
		f->oom = true;
		return false;
	}
	for (c = f->doc->root->first; c != NULL && !f->oom; c = c->next) {
		if (c->type == DOC_TITLE_PAGE) {
			f->in_title = true;
			for (b = c->first; b != NULL; b = b->next)
				if (!block(f, b, f->x0, f->W))
					return false;
			f->in_title = false;
			if (push(f, SLICE_BREAK, 0, c) == NULL)
				return false;
			f->pending_space = 0;
		} else if (!block(f, c, f->x0, f->W))
			return false;
	}
	return !f->oom;
}
