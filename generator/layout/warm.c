/*
 * layout/warm.c: glyphs loaded ahead, on a second thread, before the thread that lays out and draws
 * needs them.
 *
 * cairo 1.16 has FreeType load every glyph twice, on the thread that asks: its metrics, at the face's
 * em size, when pango measures a paragraph (pango 1.50.12's pango_layout_check_lines ends with a
 * pango_layout_get_size, so every paragraph broken is measured), and its outline, at the size drawn,
 * when a PDF first embeds it. Some 7,000 loads for a full plan, a quarter of its time. So a second
 * thread asks cairo for them first, in the order they will be needed:
 *
 * - metrics, when the layout of a document starts: the glyph of each character of its text, in the
 *   font of its style (HarfBuzz's cmap lookup: what shaping substitutes or a fallback font sets is
 *   left to the layout), each new to its scaled font. Only when a core is spare
 *   (layout_fonts_warm_metrics): with every core busy, as in a batch build, the thread cost the build
 *   4 % more CPU for no gain in time;
 * - outlines, when a PDF's pages start to be drawn: the glyphs of the laid-out pages, each new to its
 *   face, at the first size shown (a PDF embeds a face's glyph once, whatever its size).
 *
 * cairo keeps both in the scaled font's glyph cache, under the lock it takes for every use of it; what
 * the main thread reaches first it loads itself, and this thread finds it loaded. cairo lets one thread
 * at a time use a face, so the loads run beside the main thread's other work (shaping, breaking,
 * recording pages, writing operators, compressing), not beside its loads (bench/PROFILE.md). The fonts
 * are found with pango on the main thread before the thread starts; the thread touches only cairo and
 * HarfBuzz's fonts, which may be read from any thread.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "planrep/layout.h"
#include "layout-int.h"

/* Glyphs asked for at once: the scaled font's lock is held that long (some 8 × 10 µs). */
#define BATCH		8

/* Batches of outlines between two returns of the font pages read (some 250 glyphs). */
#define TRIM_EVERY	32

struct item {
	cairo_scaled_font_t	*font;		/* referenced in fonts[] */
	unsigned		 glyph;
};

/* The glyphs listed so far of a scaled font (metrics) or a face (outlines). */
struct seen {
	const void		*key;		/* borrowed */
	uint8_t			*bits;		/* owned: a bit per glyph id below 65,536 */
};

/* A style's font, plain or bold, as the layout will find it (metrics only). */
struct style_font {
	const struct doc_style	*style;
	bool			 bold;
	PangoFont		*pango;		/* referenced, or NULL when it could not be had */
};

struct layout_warm {
	pthread_t		 thread;
	atomic_bool		 stop;
	bool			 started;
	bool			 outlines;	/* what the items are for */
	struct item		*items;		/* owned, in the order they will be needed */
	size_t			 count, cap;
	cairo_scaled_font_t	**fonts;	/* owned, each referenced */
	size_t			 font_count, font_cap;
	struct seen		*seen;		/* owned */
	size_t			 seen_count, seen_cap;
	struct style_font	*styles;	/* owned */
	size_t			 style_count, style_cap;
	bool			 oom;
};

/* The bits of the glyphs listed of key, NULL when out of memory. */
static uint8_t *
seen_for(struct layout_warm *w, const void *key)
{
	struct seen *s;

	for (size_t i = 0; i < w->seen_count; i++)
		if (w->seen[i].key == key)
			return w->seen[i].bits;
	if (!layout_grow((void **)&w->seen, &w->seen_cap, w->seen_count, sizeof(*w->seen)))
		return NULL;
	s = &w->seen[w->seen_count];
	s->key = key;
	if ((s->bits = calloc(65536 / 8, 1)) == NULL)
		return NULL;
	w->seen_count++;
	return s->bits;
}

/* Lists a glyph of a scaled font unless a glyph of the same key (the font, or its face) was. */
static void
add(struct layout_warm *w, cairo_scaled_font_t *font, unsigned glyph)
{
	const void	*key = w->outlines ? (const void *)cairo_scaled_font_get_font_face(font) : font;
	uint8_t		*bits;
	size_t		 i;

	/* Empty glyphs and the boxes pango draws for missing ones are not in the font. */
	if (w->oom || glyph >= 65536)
		return;
	if ((bits = seen_for(w, key)) == NULL) {
		w->oom = true;
		return;
	}
	if (bits[glyph / 8] & (1u << (glyph % 8)))
		return;
	bits[glyph / 8] |= (uint8_t)(1u << (glyph % 8));
	for (i = 0; i < w->font_count && w->fonts[i] != font; i++)
		;
	if (i == w->font_count) {
		if (!layout_grow((void **)&w->fonts, &w->font_cap, w->font_count, sizeof(*w->fonts))) {
			w->oom = true;
			return;
		}
		w->fonts[w->font_count++] = cairo_scaled_font_reference(font);
	}
	if (!layout_grow((void **)&w->items, &w->cap, w->count, sizeof(*w->items))) {
		w->oom = true;
		return;
	}
	w->items[w->count++] = (struct item){ font, glyph };
}

/*
 * Batches of one scaled font's glyphs, in order. Outlines on a PDF surface of the thread's own, whose
 * font options are those of the PDF being drawn: the same options, the same scaled font, the same
 * cache. Each outline is read once, so the pages of the font files they came from are given back as
 * the thread goes (layout_fonts_trim).
 */
static void *
work(void *arg)
{
	struct layout_warm	*w = arg;
	cairo_surface_t		*s = NULL;
	cairo_t			*cr = NULL;
	cairo_glyph_t		 batch[BATCH];
	cairo_text_extents_t	 ext;
	size_t			 i = 0, n, batches = 0;

	if (w->outlines) {
		s = cairo_pdf_surface_create_for_stream(NULL, NULL, 1, 1);
		cr = cairo_create(s);
	}
	while (i < w->count && !atomic_load(&w->stop)) {
		cairo_scaled_font_t *font = w->items[i].font;

		for (n = 0; n < BATCH && i < w->count && w->items[i].font == font; n++, i++)
			batch[n] = (cairo_glyph_t){ .index = w->items[i].glyph };
		if (!w->outlines) {
			cairo_scaled_font_glyph_extents(font, batch, (int)n, &ext);
			continue;
		}
		cairo_set_scaled_font(cr, font);
		cairo_glyph_path(cr, batch, (int)n);
		cairo_new_path(cr);
		if (++batches % TRIM_EVERY == 0)
			layout_fonts_trim();
	}
	if (w->outlines) {
		layout_fonts_trim();
		cairo_destroy(cr);
		cairo_surface_destroy(s);
	}
	return NULL;
}

static struct layout_warm *
warm_new(bool outlines)
{
	struct layout_warm *w;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return NULL;
	atomic_init(&w->stop, false);
	w->outlines = outlines;
	return w;
}

/* Starts the thread on what was listed; frees w and returns NULL when there is nothing to do. */
static struct layout_warm *
warm_run(struct layout_warm *w)
{
	if (!w->oom && w->count > 0)
		w->started = pthread_create(&w->thread, NULL, work, w) == 0;
	if (!w->started) {
		layout_warm_end(w);
		return NULL;
	}
	return w;
}

void
layout_warm_end(struct layout_warm *w)
{
	if (w == NULL)
		return;
	atomic_store(&w->stop, true);
	if (w->started)
		pthread_join(w->thread, NULL);
	for (size_t i = 0; i < w->seen_count; i++)
		free(w->seen[i].bits);
	for (size_t i = 0; i < w->font_count; i++)
		cairo_scaled_font_destroy(w->fonts[i]);
	for (size_t i = 0; i < w->style_count; i++)
		if (w->styles[i].pango != NULL)
			g_object_unref(w->styles[i].pango);
	free(w->seen);
	free(w->fonts);
	free(w->styles);
	free(w->items);
	free(w);
}

/* ---- Metrics, from the document's text ------------------------------------------------------ */

/* The font the layout will set a style's text in, plain or bold; NULL when pango has none. */
static PangoFont *
style_font(struct layout_warm *w, struct layout_fonts *lf, const struct doc_style *s, bool bold,
    const char *bold_font)
{
	PangoFontDescription	*fd;
	struct style_font	*sf;

	for (size_t i = 0; i < w->style_count; i++)
		if (w->styles[i].style == s && w->styles[i].bold == bold)
			return w->styles[i].pango;
	if (!layout_grow((void **)&w->styles, &w->style_cap, w->style_count, sizeof(*w->styles))) {
		w->oom = true;
		return NULL;
	}
	sf = &w->styles[w->style_count++];
	sf->style = s;
	sf->bold = bold;
	fd = fonts_describe(lf, s);
	if (bold) {
		pango_font_description_set_weight(fd, (PangoWeight)fonts_weight(lf,
		    bold_font ? bold_font : s->font, PANGO_WEIGHT_BOLD, s->synthetic_bold));
		if (bold_font != NULL)
			pango_font_description_set_family(fd, bold_font);
	}
	sf->pango = pango_font_map_load_font(lf->map, lf->context, fd);
	pango_font_description_free(fd);
	if (sf->pango != NULL && !PANGO_IS_CAIRO_FONT(sf->pango)) {
		g_object_unref(sf->pango);
		sf->pango = NULL;
	}
	return sf->pango;
}

static void
walk(struct layout_warm *w, struct layout_fonts *lf, const struct doc_node *n,
    const struct doc_style *style, bool bold, const char *bold_font)
{
	if (n->style != NULL)
		style = n->style;
	if (n->type == DOC_BOLD)
		bold = true;
	if (n->type == DOC_TEXT && style != NULL) {
		PangoFont		*font = style_font(w, lf, style, bold, bold_font);
		cairo_scaled_font_t	*sf = font ? pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)) : NULL;
		hb_font_t		*hb = font ? pango_font_get_hb_font(font) : NULL;

		for (const char *t = n->u.text.text; sf != NULL && hb != NULL && *t != '\0';
		    t = g_utf8_next_char(t)) {
			hb_codepoint_t g;

			if (hb_font_get_nominal_glyph(hb, g_utf8_get_char(t), &g))
				add(w, sf, g);
		}
	}
	for (const struct doc_node *c = n->first; c != NULL && !w->oom; c = c->next)
		walk(w, lf, c, style, bold, bold_font);
}

struct layout_warm *
fonts_warm_metrics(struct layout_fonts *lf, const struct doc *doc, const char *bold_font)
{
	struct layout_warm *w;

	if (!lf->warm_metrics || (w = warm_new(false)) == NULL)
		return NULL;
	walk(w, lf, doc->root, NULL, false, bold_font);
	return warm_run(w);
}

/* ---- Outlines, from the laid-out pages -------------------------------------------------------- */

struct layout_warm *
layout_warm_outlines(const struct layout_result *lr)
{
	struct layout_warm *w;

	if ((w = warm_new(true)) == NULL)
		return NULL;
	for (size_t i = 0; i < layout_page_count(lr) && !w->oom; i++) {
		const struct layout_page *pg = layout_page_get(lr, i);

		for (size_t k = 0; k < pg->count; k++) {
			const struct layout_item *it = &pg->items[k];

			/* Outlines drawn as paths (the watermark) are at another size and angle. */
			if (it->type != LAYOUT_ITEM_TEXT || it->as_path || it->line == NULL)
				continue;
			for (size_t g = 0; g < it->line->glyph_count; g++) {
				const PangoGlyphItem	*gi = it->line->glyphs[g].item;
				cairo_scaled_font_t	*sf;

				if (gi->item->analysis.font == NULL || (sf = pango_cairo_font_get_scaled_font(
				    PANGO_CAIRO_FONT(gi->item->analysis.font))) == NULL)
					continue;
				for (int j = 0; j < gi->glyphs->num_glyphs; j++)
					add(w, sf, gi->glyphs->glyphs[j].glyph);
			}
		}
	}
	return warm_run(w);
}
