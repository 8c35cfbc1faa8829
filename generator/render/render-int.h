/*
 * render-int.h: what the files of the render module share and no other module needs.
 */
#ifndef PLANREP_RENDER_INT_H
#define PLANREP_RENDER_INT_H

#include <stdbool.h>

#include <cairo.h>

#include "planrep/render.h"

/*
 * Encodes an opaque image surface (CAIRO_FORMAT_RGB24) as an RGB PNG into out. Returns false when
 * libpng failed or a write did (out->failed then says which).
 */
bool	render_png_write(cairo_surface_t *, struct render_out *);

#endif
