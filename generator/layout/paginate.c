/*
 * layout/paginate.c: slices to pages.
 *
 * First every slice gets a page and a y (placements): slices fill the type area in order; when one
 * does not fit, the break moves back over slices that keep with their next (headings, the first and
 * next-to-last lines of a paragraph, table header rows) as long as that leaves something on the
 * page. A table continued on a new page gets its continuation caption and its header rows again.
 * Then the placements are emitted as items, and what depends on where things landed is drawn:
 * box frames and span cells per page, toc page numbers and leaders, running headers and footers
 * with page numbers, outline entries and destinations.
 *
 * Page numbers in the text (ref) change the text they sit in: the document is laid out again with
 * the numbers found, until they no longer change (layout_document). The toc needs no second pass:
 * its numbers sit in a column of their own, set after placement.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/layout.h"
#include "layout-int.h"

struct placement {
	const struct slice	*slice;		/* borrowed: a flow slice or a table's continued caption */
	size_t			 index;		/* slice index in the flow, or SIZE_MAX for a repeat */
	size_t			 page;
	double			 y;		/* pt from the top of the type area */
};

struct placer {
	struct placement	*v;
	size_t			 n, cap;
	size_t			 page;		/* current page index */
	size_t			 page_start;	/* index in v of the first placement on the page */
	double			 y;
	bool			 oom;
};

static void
place(struct placer *pl, const struct slice *s, size_t index, double y)
{
	struct placement	*g;

	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 256;
		if ((g = realloc(pl->v, pl->cap * sizeof(*g))) == NULL) {
			pl->oom = true;
			return;
		}
		pl->v = g;
	}
	pl->v[pl->n].slice = s;
	pl->v[pl->n].index = index;
	pl->v[pl->n].page = pl->page;
	pl->v[pl->n].y = y;
	pl->n++;
}

static void
new_page(struct placer *pl)
{
	pl->page++;
	pl->page_start = pl->n;
	pl->y = 0;
}

/* At the top of a page inside a table's body: its continuation caption and header rows again. */
static void
repeat_head(struct flow *f, struct placer *pl, const struct slice *s)
{
	struct table_ctx	*t = s->table;
	size_t			 k;

	if (t == NULL || s->head || t->head_count == 0)
		return;
	if (t->continued != NULL) {
		place(pl, t->continued, SIZE_MAX, pl->y);
		pl->y += t->continued->height;
	}
	for (k = t->head_first; k < t->head_first + t->head_count; k++) {
		place(pl, &f->slices[k], SIZE_MAX, pl->y);
		pl->y += f->slices[k].height;
	}
}

/* Assigns every slice a page and a y. Title-page slices come first, on pages of their own. */
static bool
assign(struct flow *f, struct placer *pl)
{
	size_t	 i = 0, j, first_on_page = 0;
	double	 sb;
	const double eps = 0.01;

	memset(pl, 0, sizeof(*pl));
	while (i < f->n && !pl->oom) {
		const struct slice *s = &f->slices[i];

		if (s->kind == SLICE_BREAK) {
			if (pl->n > pl->page_start)
				new_page(pl);
			first_on_page = i + 1;
			i++;
			continue;
		}
		sb = pl->n == pl->page_start ? 0 : s->space_before;
		if (pl->n == pl->page_start || pl->y + sb + s->height <= f->H + eps) {
			place(pl, s, i, pl->y + sb);
			pl->y += sb + s->height;
			i++;
			continue;
		}
		/* It does not fit: break before the last slice that does not keep with its previous. */
		for (j = i; j > first_on_page && f->slices[j - 1].keep_with_next; j--)
			;
		if (j <= first_on_page)
			j = i;	/* the keeps cover the whole page: break where it is full */
		while (pl->n > pl->page_start && pl->v[pl->n - 1].index != SIZE_MAX &&
		    pl->v[pl->n - 1].index >= j)
			pl->n--;
		new_page(pl);
		first_on_page = j;
		repeat_head(f, pl, &f->slices[j]);
		i = j;
		/* Space before is dropped at the top of a page, so the slice always fits now. */
		if (f->slices[j].kind != SLICE_BREAK) {
			place(pl, &f->slices[j], j, pl->y);
			pl->y += f->slices[j].height;
			i = j + 1;
		}
	}
	return !pl->oom;
}

static bool
add(struct flow *f, struct layout_page *pg, const struct layout_item *it)
{
	if (!page_add(pg, it)) {
		f->oom = true;
		return false;
	}
	return true;
}

static bool
add_rect(struct flow *f, struct layout_page *pg, double x, double y, double w, double h, uint32_t fill,
    double lw, const struct doc_node *node)
{
	struct layout_item	 it = layout_item_shape(LAYOUT_ITEM_RECT, x, y, w, h, fill, lw, 0, node);

	return add(f, pg, &it);
}

static bool
add_rule(struct flow *f, struct layout_page *pg, double x, double y, double w, double h, double lw,
    double dash, const struct doc_node *node)
{
	struct layout_item	 it = layout_item_shape(LAYOUT_ITEM_RULE, x, y, w, h, DOC_NO_COLOR, lw, dash,
				    node);

	return add(f, pg, &it);
}

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct id_page *)a)->id, ((const struct id_page *)b)->id);
}

static const struct id_page *
find_id(const struct flow *f, const char *id)
{
	struct id_page	 key;

	if (f->ids == NULL || id == NULL)
		return NULL;
	key.id = id;
	return bsearch(&key, f->ids, f->id_count, sizeof(key), by_id);
}

const char *
flow_ref(void *arg, const char *id)
{
	struct flow		*f = arg;
	const struct id_page	*ip = find_id(f, id);
	char			*buf;

	if (ip == NULL)
		return NULL;
	buf = f->numbuf[f->numbuf_next++ % 64];
	snprintf(buf, sizeof(f->numbuf[0]), "%d", ip->page);
	return buf;
}

/* Records where every destination landed, for refs, the toc and links. */
static bool
record_ids(struct flow *f, const struct placer *pl, const int *numbers)
{
	size_t	 i, n = 0;

	free(f->ids);
	f->ids = NULL;
	f->id_count = 0;
	for (i = 0; i < pl->n; i++)
		if (pl->v[i].index != SIZE_MAX && pl->v[i].slice->dest != NULL)
			n++;
	if (n == 0)
		return true;
	if ((f->ids = calloc(n, sizeof(*f->ids))) == NULL)
		return false;
	for (i = 0; i < pl->n; i++) {
		const struct placement *p = &pl->v[i];

		if (p->index == SIZE_MAX || p->slice->dest == NULL)
			continue;
		f->ids[f->id_count].id = p->slice->dest;
		f->ids[f->id_count].page = numbers[p->page];
		f->ids[f->id_count].index = p->page;
		f->ids[f->id_count].y = f->y0 + p->y;
		f->id_count++;
	}
	qsort(f->ids, f->id_count, sizeof(*f->ids), by_id);
	return true;
}

/* Sets a short text (a page number) as a paragraph kept in the result. */
static struct para *
text_para(struct flow *f, const char *text, const struct doc_style *st, enum doc_align align, double w)
{
	struct para_input	 in;

	memset(&in, 0, sizeof(in));
	in.bold_font = f->bold_font;
	in.style = st;
	in.text = text;
	in.width = w;
	in.align = align;
	in.file = f->doc->path;
	return flow_para(f, &in);
}

/* Items of a paragraph's lines straight onto a page, first line box top at y. */
static bool
para_on_page(struct flow *f, struct layout_page *pg, const struct para *p, double x, double y,
    const struct doc_node *node)
{
	struct slice	 tmp;
	size_t		 i, k;
	bool		 ok = true;

	memset(&tmp, 0, sizeof(tmp));
	for (i = 0; i < p->line_count && ok; i++)
		ok = para_items(f, &tmp, p, i, x, y + p->pitch * (double)i, node);
	for (k = 0; k < tmp.count && ok; k++)
		ok = add(f, pg, &tmp.items[k]);
	free(tmp.items);
	return ok;
}

static const struct doc_style *
named(const struct flow *f, const char *name)
{
	const struct doc_style	*s = doc_style_find(f->doc, name);

	return s != NULL ? s : doc_style_find(f->doc, "default");
}

/* The toc entry's page number and dotted leader. */
static bool
toc_number(struct flow *f, struct layout_page *pg, const struct slice *s, double y)
{
	const struct id_page	*ip;
	const char		*dest = s->toc_entry->id;
	char			 num[16], name[8];
	const struct doc_style	*st;
	struct para		*p;
	struct layout_item	 it;
	double			 base = y + s->toc_baseline, nw;
	size_t			 i;

	for (i = 0; dest == NULL && i < f->anon_count; i++)
		if (f->anon[i] == s->toc_entry)
			dest = f->anon_ids[i];
	if ((ip = find_id(f, dest)) == NULL)
		return true;
	snprintf(name, sizeof(name), "toc%d", s->toc_entry->u.heading.level);
	st = named(f, name);
	snprintf(num, sizeof(num), "%d", ip->page);
	if ((p = text_para(f, num, st, DOC_ALIGN_RIGHT, 2.5 * st->size)) == NULL)
		return false;
	nw = p->lines[0].natural;
	if (!para_on_page(f, pg, p, s->toc_num_x - 2.5 * st->size, y, s->toc_entry))
		return false;
	if (s->toc_num_x - nw - 0.4 * st->size > s->toc_text_end + 0.6 * st->size &&
	    !add_rule(f, pg, s->toc_text_end + 0.4 * st->size, base, s->toc_num_x - nw - 0.4 * st->size -
	    (s->toc_text_end + 0.4 * st->size), 0, 0.8, 0.25 * st->size, s->toc_entry))
		return false;
	memset(&it, 0, sizeof(it));
	it.type = LAYOUT_ITEM_LINK;
	it.x = f->x0;
	it.y = y - s->height * 0;
	it.w = s->toc_num_x - f->x0;
	it.h = s->height;
	it.target = dest;
	it.node = s->toc_entry;
	return add(f, pg, &it);
}

/* Box frames, one piece per page: sides always, top where it starts, bottom where it ends. */
static bool
frames(struct flow *f, const struct placer *pl)
{
	size_t	 b, i;

	for (b = 0; b < f->box_count; b++) {
		const struct box_ctx	*bc = f->boxes[b];
		size_t			 page = SIZE_MAX;
		double			 top = 0, bottom = 0;
		bool			 starts = false, ends = false;

		for (i = 0; i <= pl->n; i++) {
			const struct placement *p = i < pl->n ? &pl->v[i] : NULL;
			bool inside = p != NULL && p->index != SIZE_MAX && p->index >= bc->first &&
			    p->index <= bc->last;

			if (page != SIZE_MAX && (p == NULL || p->page != page || !inside)) {
				struct layout_page *pg = &f->res->pages[page];
				double x = bc->x, w = bc->w, y0 = f->y0 + top, y1 = f->y0 + bottom;

				if (p == NULL || p->page != page || !inside) {
					if (!add_rule(f, pg, x, y0, 0, y1 - y0, 0.8, 0, bc->node) ||
					    !add_rule(f, pg, x + w, y0, 0, y1 - y0, 0.8, 0, bc->node) ||
					    (starts && !add_rule(f, pg, x, y0, w, 0, 0.8, 0, bc->node)) ||
					    (ends && !add_rule(f, pg, x, y1, w, 0, 0.8, 0, bc->node)))
						return false;
					page = SIZE_MAX;
				}
			}
			if (!inside)
				continue;
			if (page == SIZE_MAX) {
				page = p->page;
				top = p->y;
				starts = p->index == bc->first;
			}
			bottom = p->y + p->slice->height;
			ends = p->index == bc->last;
		}
	}
	return true;
}

/* One page's piece of a span cell: emitted just before the first of its rows on that page. */
struct span_piece {
	const struct span_cell	*sc;
	size_t			 at;		/* placement index of its first row on the page */
	size_t			 page;
	double			 top, bottom;	/* pt from the top of the type area */
};

/*
 * Span cells of tables: over the rows they span on each page, text repeated on each. The pieces are
 * found before emission so that each is drawn at its place in reading order (a PDF's text then comes
 * out as category, then its rows, not the category after the next paragraph).
 */
static bool
span_pieces(struct flow *f, const struct placer *pl, struct span_piece **out, size_t *count)
{
	struct span_piece	*v = NULL, *g;
	size_t			 n = 0, cap = 0, t, k, i;

	for (t = 0; t < f->table_count; t++) {
		const struct table_ctx *tc = f->tables[t];

		for (k = 0; k < tc->span_count; k++) {
			const struct span_cell	*sc = &tc->spans[k];
			struct span_piece	*cur = NULL;

			for (i = 0; i < pl->n; i++) {
				const struct placement *p = &pl->v[i];

				if (p->index == SIZE_MAX || p->index < sc->first || p->index > sc->last)
					continue;
				if (cur == NULL || cur->page != p->page) {
					if (n == cap) {
						cap = cap ? cap * 2 : 16;
						if ((g = realloc(v, cap * sizeof(*g))) == NULL) {
							free(v);
							return false;
						}
						v = g;
					}
					cur = &v[n++];
					cur->sc = sc;
					cur->at = i;
					cur->page = p->page;
					cur->top = p->y;
				}
				cur->bottom = p->y + p->slice->height;
			}
		}
	}
	*out = v;
	*count = n;
	return true;
}

static bool
span_draw(struct flow *f, const struct span_piece *sp)
{
	const struct span_cell	*sc = sp->sc;
	struct layout_page	*pg = &f->res->pages[sp->page];
	double			 h = sp->bottom - sp->top, y;
	double			 ch = sc->para ? sc->para->pitch * (double)sc->para->line_count : 0;

	y = sc->valign == DOC_VALIGN_TOP ? sp->top + sc->pad :
	    sc->valign == DOC_VALIGN_BOTTOM ? sp->bottom - ch - sc->pad : sp->top + (h - ch) / 2;
	return add_rect(f, pg, sc->x, f->y0 + sp->top, sc->w, h, sc->fill, 0.5, sc->node) &&
	    (sc->para == NULL || para_on_page(f, pg, sc->para, sc->x + sc->pad, f->y0 + y, sc->node));
}

static bool
outline_add(struct flow *f, const struct doc_node *h, const char *dest, size_t page, double y)
{
	struct layout_result	*r = f->res;
	struct layout_outline	*o;
	char			*title = NULL;
	size_t			 len = 0;
	const struct doc_node	*n;

	if (r->outline_count == r->outline_cap) {
		r->outline_cap = r->outline_cap ? r->outline_cap * 2 : 32;
		if ((o = realloc(r->outline, r->outline_cap * sizeof(*o))) == NULL)
			return false;
		r->outline = o;
	}
	/* The heading's text, without markup: walk its text nodes in order. */
	for (n = h->first; n != NULL; ) {
		if (n->type == DOC_TEXT) {
			size_t k = strlen(n->u.text.text);
			char *t = realloc(title, len + k + 1);

			if (t == NULL) {
				free(title);
				return false;
			}
			title = t;
			memcpy(title + len, n->u.text.text, k + 1);
			len += k;
		}
		if (n->first != NULL)
			n = n->first;
		else {
			while (n != h && n->next == NULL)
				n = n->parent;
			n = n == h ? NULL : n->next;
		}
	}
	o = &r->outline[r->outline_count++];
	o->level = h->u.heading.level;
	o->title = title != NULL ? title : strdup("");
	o->dest = strdup(dest);
	o->page = page;
	o->y = y;
	return o->title != NULL && o->dest != NULL;
}

/* Headers and footers of one body page. */
static bool
running(struct flow *f, size_t index, int number, int count, const char *section)
{
	struct layout_page	*pg = &f->res->pages[index];
	const struct doc_node	*c;
	struct para_fields	 fields;
	struct para_input	 in;
	char			 num[16], cnt[16];
	struct para		*p;

	snprintf(num, sizeof(num), "%d", number);
	snprintf(cnt, sizeof(cnt), "%d", count);
	memset(&fields, 0, sizeof(fields));
	fields.page_number = num;
	fields.page_count = cnt;
	fields.section_title = section ? section : "";
	fields.ref = flow_ref;
	fields.arg = f;
	for (c = f->doc->root->first; c != NULL; c = c->next) {
		enum doc_align	 al;
		double		 y, x, w, indent = 0;

		if (c->type != DOC_HEADER && c->type != DOC_FOOTER)
			continue;
		if ((c->u.running.pages == 1 && number % 2 == 0) || (c->u.running.pages == 2 && number % 2 == 1))
			continue;
		if (number == 1 && !c->u.running.first)
			continue;
		al = c->u.running.align;
		if (al == DOC_ALIGN_OUTSIDE)
			al = number % 2 ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT;
		else if (al == DOC_ALIGN_INSIDE)
			al = number % 2 ? DOC_ALIGN_LEFT : DOC_ALIGN_RIGHT;
		memset(&in, 0, sizeof(in));
		in.bold_font = f->bold_font;
		in.style = c->style ? c->style : named(f, c->type == DOC_HEADER ? "header" : "footer");
		in.node = c;
		/* The indent counts from the aligned edge: the measure shrinks on that side. */
		indent = c->u.running.indent;
		x = f->x0 + (al == DOC_ALIGN_LEFT ? indent : 0);
		w = f->W - (al == DOC_ALIGN_LEFT || al == DOC_ALIGN_RIGHT ? indent : 0);
		in.width = w;
		in.align = al;
		in.indent = 0;
		in.hanging = 0;
		in.fields = &fields;
		in.file = f->doc->path;
		if ((p = flow_para(f, &in)) == NULL)
			return false;
		if (c->type == DOC_HEADER)
			y = f->y0 - f->doc->page.header_offset - p->top;
		else
			y = f->y0 + f->H + f->doc->page.footer_offset;
		if (!para_on_page(f, pg, p, x, y, c))
			return false;
	}
	return true;
}

/* A watermark across the page: large, light, turned 30°. */
static bool
watermark(struct flow *f, size_t index)
{
	struct layout_page	*pg = &f->res->pages[index];
	struct doc_style	 st = *named(f, "default");
	struct para		*p;
	struct layout_item	 it;

	st.size = 72;
	st.line_height = 0;
	st.char_pitch = 0;
	st.indent = 0;
	st.color = 0xE6E6E6;
	if ((p = text_para(f, f->doc->watermark, &st, DOC_ALIGN_LEFT, 10000)) == NULL)
		return false;
	memset(&it, 0, sizeof(it));
	it.type = LAYOUT_ITEM_TEXT;
	it.line = &p->lines[0];
	it.angle = -30 * M_PI / 180;
	it.as_path = true;
	it.x = f->doc->page.width / 2 - cos(it.angle) * p->lines[0].natural / 2;
	it.y = f->doc->page.height / 2 - sin(it.angle) * p->lines[0].natural / 2 + p->ascent / 2;
	it.color = st.color;
	it.fill = DOC_NO_COLOR;
	/* Beneath everything else on the page: it must not cover the text. */
	if (!add(f, pg, &it))
		return false;
	memmove(&pg->items[1], &pg->items[0], (pg->count - 1) * sizeof(*pg->items));
	pg->items[0] = it;
	return true;
}

bool
paginate(struct flow *f)
{
	struct placer		 pl;
	struct layout_result	*r = f->res;
	int			*numbers = NULL, body = 0;
	size_t			 i, k, npages;
	const char		**sections = NULL;
	struct span_piece	*pieces = NULL;
	size_t			 npieces = 0;
	bool			 ok = false;

	if (!assign(f, &pl))
		goto out;
	npages = pl.n ? pl.v[pl.n - 1].page + 1 : 1;
	/* Page breaks and keeps can make more pages than the height says. */
	if (npages > LAYOUT_MAX_PAGES) {
		f->too_long = true;
		goto out;
	}
	if ((r->pages = calloc(npages, sizeof(*r->pages))) == NULL ||
	    (numbers = calloc(npages, sizeof(*numbers))) == NULL ||
	    (sections = calloc(npages, sizeof(*sections))) == NULL)
		goto out;
	r->page_count = npages;
	/* Title pages are unnumbered; the body counts from 1. */
	for (i = 0; i < pl.n; i++)
		if (pl.v[i].slice->title_page)
			r->pages[pl.v[i].page].title = true;
	for (i = 0; i < npages; i++)
		numbers[i] = r->pages[i].title ? 0 : ++body;
	for (i = 0; i < npages; i++)
		r->pages[i].number = numbers[i];
	if (!record_ids(f, &pl, numbers) || !span_pieces(f, &pl, &pieces, &npieces))
		goto out;

	for (i = 0; i < pl.n; i++) {
		const struct placement	*p = &pl.v[i];
		const struct slice	*s = p->slice;
		struct layout_page	*pg = &r->pages[p->page];
		double			 y = f->y0 + p->y;

		for (k = 0; k < npieces; k++)
			if (pieces[k].at == i && !span_draw(f, &pieces[k]))
				goto out;

		for (k = 0; k < s->count; k++) {
			struct layout_item it = s->items[k];

			it.y += y;
			if (!add(f, pg, &it))
				goto out;
		}
		if (p->index != SIZE_MAX && s->dest != NULL) {
			struct layout_item it;

			memset(&it, 0, sizeof(it));
			it.type = LAYOUT_ITEM_DEST;
			it.x = f->x0;
			it.y = y;
			it.target = s->dest;
			it.node = s->node;
			if (!add(f, pg, &it))
				goto out;
		}
		if (p->index != SIZE_MAX && s->heading != NULL) {
			if (!outline_add(f, s->heading, s->dest, p->page, y))
				goto out;
			if (s->heading->u.heading.level == 1)
				sections[p->page] = r->outline[r->outline_count - 1].title;
		}
		if (s->toc_entry != NULL && !toc_number(f, pg, s, y))
			goto out;
	}
	if (!frames(f, &pl))
		goto out;
	/* The section of a page is the last chapter begun on or before it. */
	for (i = 1; i < npages; i++)
		if (sections[i] == NULL)
			sections[i] = sections[i - 1];
	for (i = 0; i < npages; i++) {
		if (r->pages[i].title)
			continue;
		if (!running(f, i, numbers[i], body, sections[i]))
			goto out;
		if (f->doc->watermark != NULL && !watermark(f, i))
			goto out;
	}
	ok = !f->oom;
out:
	free(pl.v);
	free(numbers);
	free(sections);
	free(pieces);
	return ok;
}
