/*
 * render/prewarm.c: glyph outlines loaded ahead, on a second thread, for the PDF being drawn.
 *
 * The first time a PDF shows a glyph of a face, cairo 1.16 has FreeType load its outline (layout
 * loaded only its metrics, at the face's em size): some 3,000 loads for a full plan, on the thread that
 * draws. This thread asks cairo for those outlines, in the order the pages show them, while the pages
 * are drawn. cairo keeps them in the scaled font's glyph cache, under the lock it takes for every use
 * of that cache, and the drawing finds them there; what the drawing reaches first it loads itself,
 * and this thread then finds it loaded. The thread touches nothing but cairo: the glyphs and their
 * scaled fonts are collected beforehand, on the drawing thread.
 *
 * cairo lets one thread at a time use a face's FreeType face, so the loads cannot run beside other
 * loads of the same face (the layout's, say); they run beside the drawing's other work: recording,
 * writing operators, compressing (bench/PROFILE.md). Each outline is read once, so the pages of the
 * font files they were read from are given back as the thread goes (layout_fonts_trim).
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
#include "render-int.h"

/* Outlines asked for at once: the scaled font's lock is held that long (some 16 × 10 µs). */
#define BATCH		16

/* Batches between two returns of the font pages read (some 500 glyphs, a few MB of pages). */
#define TRIM_EVERY	32

/* A glyph to load, at the first size its face is shown in: a PDF embeds a face's glyph once. */
struct want {
	cairo_scaled_font_t	*font;		/* borrowed from fonts[] */
	unsigned long		 glyph;
};

/* A face, and a bit for each glyph id below 65,536 already wanted. */
struct face {
	cairo_font_face_t	*face;		/* borrowed from a scaled font in fonts[] */
	uint8_t			*seen;		/* owned */
};

struct render_prewarm {
	pthread_t		 thread;
	struct face		*faces;		/* owned */
	size_t			 face_count, face_cap;
	cairo_scaled_font_t	**fonts;	/* owned, each referenced */
	size_t			 font_count, font_cap;
	struct want		*wants;		/* owned, in the order the pages show them */
	size_t			 want_count, want_cap;
	atomic_bool		 stop;
	bool			 started;
};

/* Grows an array of n elements of size sz to hold one more. False when out of memory. */
static bool
grow(void **a, size_t *cap, size_t n, size_t sz)
{
	void	*m;
	size_t	 c;

	if (n < *cap)
		return true;
	c = *cap ? *cap * 2 : 64;
	if ((m = realloc(*a, c * sz)) == NULL)
		return false;
	*a = m;
	*cap = c;
	return true;
}

static struct face *
face_for(struct render_prewarm *p, cairo_scaled_font_t *font)
{
	cairo_font_face_t	*ff = cairo_scaled_font_get_font_face(font);
	struct face		*f;
	size_t			 i;

	for (i = 0; i < p->font_count && p->fonts[i] != font; i++)
		;
	if (i == p->font_count) {
		if (!grow((void **)&p->fonts, &p->font_cap, p->font_count, sizeof(*p->fonts)))
			return NULL;
		p->fonts[p->font_count++] = cairo_scaled_font_reference(font);
	}
	for (i = 0; i < p->face_count; i++)
		if (p->faces[i].face == ff)
			return &p->faces[i];
	if (!grow((void **)&p->faces, &p->face_cap, p->face_count, sizeof(*p->faces)))
		return NULL;
	f = &p->faces[p->face_count];
	f->face = ff;
	if ((f->seen = calloc(65536 / 8, 1)) == NULL)
		return NULL;
	p->face_count++;
	return f;
}

/* Adds the glyphs of one item not wanted before. False when out of memory. */
static bool
collect(struct render_prewarm *p, const PangoGlyphItem *gi)
{
	cairo_scaled_font_t	*font;
	struct face		*f;

	if (gi->item->analysis.font == NULL ||
	    (font = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(gi->item->analysis.font))) == NULL)
		return true;
	if ((f = face_for(p, font)) == NULL)
		return false;
	for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
		PangoGlyph id = gi->glyphs->glyphs[g].glyph;

		/* Empty glyphs and the boxes pango draws for missing ones have no outline in the font. */
		if (id >= 65536 || (f->seen[id / 8] & (1u << (id % 8))))
			continue;
		f->seen[id / 8] |= (uint8_t)(1u << (id % 8));
		if (!grow((void **)&p->wants, &p->want_cap, p->want_count, sizeof(*p->wants)))
			return false;
		p->wants[p->want_count++] = (struct want){ font, id };
	}
	return true;
}

/*
 * A batch of one scaled font's glyphs at a time, on a PDF surface of its own, whose font options are
 * those of the one being drawn: the same options, the same scaled font, the same cache.
 */
static void *
work(void *arg)
{
	struct render_prewarm	*p = arg;
	cairo_surface_t		*s = cairo_pdf_surface_create_for_stream(NULL, NULL, 1, 1);
	cairo_t			*cr = cairo_create(s);
	cairo_glyph_t		 batch[BATCH];
	size_t			 i = 0, n, batches = 0;

	while (i < p->want_count && !atomic_load(&p->stop)) {
		cairo_scaled_font_t *font = p->wants[i].font;

		for (n = 0; n < BATCH && i < p->want_count && p->wants[i].font == font; n++, i++)
			batch[n] = (cairo_glyph_t){ .index = p->wants[i].glyph };
		cairo_set_scaled_font(cr, font);
		cairo_glyph_path(cr, batch, (int)n);
		cairo_new_path(cr);
		/* Each outline is read once: the font pages it came from can go (layout_fonts_trim). */
		if (++batches % TRIM_EVERY == 0)
			layout_fonts_trim();
	}
	layout_fonts_trim();
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return NULL;
}

struct render_prewarm *
render_prewarm_start(const struct layout_result *lr)
{
	struct render_prewarm	*p;
	size_t			 i, k, g;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	atomic_init(&p->stop, false);
	for (i = 0; i < layout_page_count(lr); i++) {
		const struct layout_page *pg = layout_page_get(lr, i);

		for (k = 0; k < pg->count; k++) {
			const struct layout_item *it = &pg->items[k];

			/* Outlines drawn as paths (the watermark) are at another size and angle. */
			if (it->type != LAYOUT_ITEM_TEXT || it->as_path || it->line == NULL)
				continue;
			for (g = 0; g < it->line->glyph_count; g++)
				if (!collect(p, it->line->glyphs[g].item)) {
					render_prewarm_finish(p);
					return NULL;
				}
		}
	}
	p->started = pthread_create(&p->thread, NULL, work, p) == 0;
	return p;
}

void
render_prewarm_finish(struct render_prewarm *p)
{
	if (p == NULL)
		return;
	atomic_store(&p->stop, true);
	if (p->started)
		pthread_join(p->thread, NULL);
	for (size_t i = 0; i < p->face_count; i++)
		free(p->faces[i].seen);
	for (size_t i = 0; i < p->font_count; i++)
		cairo_scaled_font_destroy(p->fonts[i]);
	free(p->faces);
	free(p->fonts);
	free(p->wants);
	free(p);
}
