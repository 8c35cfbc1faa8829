/*
 * render/png.c: PNG files, written with libpng rather than cairo_surface_write_to_png. Cairo's writer
 * keeps an alpha channel our opaque pages do not have and compresses at zlib's default level with
 * every filter tried on every row: 39 ms for a 1920 × 1080 chart, four fifths of a chart's cost in a
 * batch. Pages and charts are large flat areas, which zlib's fastest level packs as well (measured on
 * the build's charts: 122 KB against cairo's 121 KB) in 11 ms, without row filters.
 */
#include <setjmp.h>
#include <stdint.h>

#include <png.h>

#include "render-int.h"

static void
png_out(png_structp png, png_bytep data, png_size_t length)
{
	struct render_out *o = png_get_io_ptr(png);

	/* A failed write is remembered in o; the rest of the image is encoded and thrown away. */
	while (length > 0 && !o->failed) {
		unsigned int chunk = length > 1u << 30 ? 1u << 30 : (unsigned int)length;

		if (render_out_write(o, data, chunk) != CAIRO_STATUS_SUCCESS)
			break;
		data += chunk;
		length -= chunk;
	}
}

static void
png_flush(png_structp png)
{
	(void)png;
}

/* libpng reports errors by longjmp; warnings (none expected when writing) are not worth a line. */
static void
png_warn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

bool
render_png_write(cairo_surface_t *img, struct render_out *out)
{
	png_structp		 png;
	png_infop		 info = NULL;
	const unsigned char	*data;
	int			 w, h, stride;
	volatile int		 y;
	const uint32_t		 one = 1;

	cairo_surface_flush(img);
	if (cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24 ||
	    (data = cairo_image_surface_get_data(img)) == NULL)
		return false;
	w = cairo_image_surface_get_width(img);
	h = cairo_image_surface_get_height(img);
	stride = cairo_image_surface_get_stride(img);
	if ((png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, png_warn)) == NULL)
		return false;
	if ((info = png_create_info_struct(png)) == NULL || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return false;
	}
	png_set_write_fn(png, out, png_out, png_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(png, 1);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_write_info(png, info);
	/*
	 * A pixel of RGB24 is a native-endian 32-bit 0xXXRRGGBB: bytes B G R X on a little-endian machine,
	 * X R G B on a big-endian one. libpng drops the unused byte and reorders as told.
	 */
	if (*(const unsigned char *)&one == 1) {
		png_set_bgr(png);
		png_set_filler(png, 0, PNG_FILLER_AFTER);
	} else
		png_set_filler(png, 0, PNG_FILLER_BEFORE);
	for (y = 0; y < h; y++)
		png_write_row(png, data + (size_t)y * (size_t)stride);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	return !out->failed;
}
