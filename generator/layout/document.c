/*
 * layout/document.c: the entry point. Sets up the type area, flows the document into slices,
 * paginates, and lays out again while page numbers quoted in the text (ref) change.
 */
#include <stdlib.h>
#include <string.h>

#include "planrep/layout.h"
#include "layout-int.h"

static void
flow_clear(struct flow *f)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		free(f->slices[i].items);
	free(f->slices);
	f->slices = NULL;
	f->n = f->cap = 0;
	for (i = 0; i < f->table_count; i++) {
		if (f->tables[i]->continued != NULL)
			free(f->tables[i]->continued->items);
		free(f->tables[i]->continued);
		free(f->tables[i]->spans);
		free(f->tables[i]);
	}
	free(f->tables);
	f->tables = NULL;
	f->table_count = 0;
	for (i = 0; i < f->box_count; i++)
		free(f->boxes[i]);
	free(f->boxes);
	f->boxes = NULL;
	f->box_count = 0;
	f->box = NULL;
	f->pending_space = 0;
	f->total = 0;
}

static void
result_clear(struct layout_result *r)
{
	size_t	 i;

	for (i = 0; i < r->page_count; i++)
		free(r->pages[i].items);
	free(r->pages);
	r->pages = NULL;
	r->page_count = 0;
	for (i = 0; i < r->outline_count; i++) {
		free(r->outline[i].title);
		free(r->outline[i].dest);
	}
	free(r->outline);
	r->outline = NULL;
	r->outline_count = r->outline_cap = 0;
	for (i = 0; i < r->para_count; i++)
		para_free(r->paras[i]);
	free(r->paras);
	r->paras = NULL;
	r->para_count = r->para_cap = 0;
}

/* A fingerprint of where every id landed: when it stops changing, refs are right. */
static unsigned long
ids_hash(const struct flow *f)
{
	unsigned long	 h = 5381;
	size_t		 i;

	for (i = 0; i < f->id_count; i++)
		h = h * 33 + (unsigned long)f->ids[i].page;
	return h;
}

static bool
has_refs(const struct layout_result *r)
{
	size_t	 i;

	for (i = 0; i < r->para_count; i++)
		if (r->paras[i]->has_fields)
			return true;
	return false;
}

struct layout_result *
layout_document(struct layout_fonts *fonts, const struct doc *doc, struct diag_list *diags)
{
	struct flow		 f;
	struct layout_result	*r;
	unsigned long		 before;
	size_t			 i, pass;
	bool			 ok = false;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		diag_add(diags, DIAG_FATAL, doc->path, 0, 0, "out of memory");
		return NULL;
	}
	r->page = doc->page;
	memset(&f, 0, sizeof(f));
	f.fonts = fonts;
	f.doc = doc;
	f.diags = diags;
	f.res = r;
	/* A style "b" with a font sets bold text in that family: 黑体 in 宋体 text, as Chinese print does. */
	{
		const struct doc_style *bs = doc_style_find(doc, "b");

		f.bold_font = bs != NULL && bs->font != NULL && *bs->font != '\0' ? bs->font : NULL;
	}
	f.x0 = doc->page.margin_left;
	f.y0 = doc->page.margin_top;
	f.W = doc->page.width - doc->page.margin_left - doc->page.margin_right;
	f.H = doc->page.height - doc->page.margin_top - doc->page.margin_bottom;
	if (f.W < 36 || f.H < 36) {
		diag_add(diags, DIAG_ERROR, doc->path, 0, 0,
		    "the type area is %.0f × %.0f pt: the margins leave no room on the page", f.W, f.H);
		free(r);
		return NULL;
	}
	for (i = 0; i < doc->style_count; i++)
		fonts_check_style(fonts, &doc->styles[i], doc->path, diags);
	layout_warm_end(fonts->warm);
	fonts->warm = fonts_warm_metrics(fonts, doc, f.bold_font);
	/* Page numbers in the text: lay out again until they stop moving (rarely more than twice). */
	for (pass = 0; pass < 4; pass++) {
		before = ids_hash(&f);
		if (!flow_document(&f) || !paginate(&f))
			goto out;
		if (!has_refs(r) || ids_hash(&f) == before)
			break;
		flow_clear(&f);
		flow_memo_take(&f);
		result_clear(r);
	}
	ok = true;
out:
	layout_warm_end(fonts->warm);
	fonts->warm = NULL;
	if (!ok && f.too_long)
		diag_add(diags, DIAG_ERROR, doc->path, 0, 0, "the document runs to more than %d pages, the "
		    "most a document may have: split it into several", LAYOUT_MAX_PAGES);
	else if (!ok && !diag_failed(diags))
		diag_add(diags, DIAG_FATAL, doc->path, 0, 0, "out of memory during layout");
	flow_clear(&f);
	flow_memo_free(&f);
	free(f.ids);
	free(f.anon);
	if (!ok) {
		layout_result_free(r);
		return NULL;
	}
	return r;
}

void
layout_result_free(struct layout_result *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	result_clear(r);
	for (i = 0; i < r->anon_count; i++)
		free(r->anon_ids[i]);
	free(r->anon_ids);
	free(r);
}

size_t
layout_page_count(const struct layout_result *r)
{
	return r->page_count;
}

const struct layout_page *
layout_page_get(const struct layout_result *r, size_t i)
{
	return i < r->page_count ? &r->pages[i] : NULL;
}

size_t
layout_outline_count(const struct layout_result *r)
{
	return r->outline_count;
}

const struct layout_outline *
layout_outline_get(const struct layout_result *r, size_t i)
{
	return i < r->outline_count ? &r->outline[i] : NULL;
}

void
layout_page_size(const struct layout_result *r, double *w, double *h)
{
	*w = r->page.width;
	*h = r->page.height;
}
