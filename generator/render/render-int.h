/*
 * render-int.h: what the files of the render module share and no other module needs.
 */
#ifndef PLANREP_RENDER_INT_H
#define PLANREP_RENDER_INT_H

#include <stdbool.h>

#include <cairo.h>

#include "planrep/layout.h"
#include "planrep/render.h"

/*
 * Encodes an opaque image surface (CAIRO_FORMAT_RGB24) as an RGB PNG into out. Returns false when
 * libpng failed or a write did (out->failed then says which).
 */
bool	render_png_write(cairo_surface_t *, struct render_out *);

/*
 * Starts a thread that has cairo load the outlines of the layout's glyphs ahead of the PDF drawing
 * them (prewarm.c says why). NULL when out of memory: the PDF is drawn without it.
 */
struct render_prewarm	*render_prewarm_start(const struct layout_result *);

/* Stops the thread (what it has not loaded, the drawing loads) and frees it. NULL is a no-op. */
void			 render_prewarm_finish(struct render_prewarm *);

#endif
