/*
 * layout/fonts.c: the font map and pango context for a run, and fonts for styles.
 *
 * One PangoCairoFontMap and one PangoContext serve every document of a run (a batch build lays out
 * hundreds), so fontconfig is read once. The context is at 72 dpi, where a pango unit is 1/1024 pt,
 * with hinting off for outlines and metrics: the same lines come out in PDF, SVG and PNG.
 */
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "planrep/layout.h"
#include "layout-int.h"

struct layout_fonts *
layout_fonts_new(struct diag_list *diags)
{
	struct layout_fonts	*f;
	cairo_font_options_t	*opt;

	if ((f = calloc(1, sizeof(*f))) == NULL) {
		diag_add(diags, DIAG_FATAL, NULL, 0, 0, "out of memory");
		return NULL;
	}
	f->map = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
	f->context = pango_font_map_create_context(f->map);
	/*
	 * The PDF surface's own font options as the base: drawing merges them into the font's, and a
	 * font whose options differ in any of them (cairo 1.16: round glyph positions, which has no
	 * public setter) is a new cairo scaled font to the PDF, whose every glyph FreeType loads again.
	 */
	{
		cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(NULL, NULL, 595, 842);

		opt = cairo_font_options_create();
		cairo_surface_get_font_options(pdf, opt);
		cairo_surface_destroy(pdf);
	}
	cairo_font_options_set_hint_style(opt, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(opt, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(opt, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(f->context, opt);
	cairo_font_options_destroy(opt);
	pango_context_set_language(f->context, pango_language_from_string("zh-cn"));
	pango_context_set_round_glyph_positions(f->context, FALSE);
	return f;
}

void
layout_fonts_free(struct layout_fonts *f)
{
	if (f == NULL)
		return;
	g_object_unref(f->context);
	g_object_unref(f->map);
	free(f);
}

PangoFontMap *
layout_fonts_map(const struct layout_fonts *f)
{
	return f->map;
}

PangoFontDescription *
fonts_describe(const struct doc_style *s)
{
	PangoFontDescription	*d = pango_font_description_new();

	/* pango takes a comma-separated family list and hands it to fontconfig in order. */
	pango_font_description_set_family(d, s->font);
	pango_font_description_set_absolute_size(d, s->size * PANGO_SCALE);
	pango_font_description_set_weight(d, (PangoWeight)s->weight);
	pango_font_description_set_style(d, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	return d;
}

/* True when fontconfig knows a font of this family (by any of its names, so 仿宋 finds FangSong). */
static bool
family_installed(const char *family)
{
	FcPattern	*p;
	FcObjectSet	*os;
	FcFontSet	*fs;
	bool		 found;

	p = FcPatternCreate();
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
	fs = FcFontList(NULL, p, os);
	found = fs != NULL && fs->nfont > 0;
	if (fs != NULL)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(p);
	return found;
}

/* Splits a family list at commas, trimming spaces; calls fn for each. Stops when fn returns true. */
static bool
each_family(const char *list, bool (*fn)(const char *, void *), void *arg)
{
	char	 buf[256];
	size_t	 n;

	while (*list != '\0') {
		while (*list == ' ' || *list == ',')
			list++;
		n = strcspn(list, ",");
		while (n > 0 && list[n - 1] == ' ')
			n--;
		if (n > 0 && n < sizeof(buf)) {
			memcpy(buf, list, n);
			buf[n] = '\0';
			if (fn(buf, arg))
				return true;
		}
		list += strcspn(list, ",");
	}
	return false;
}

static bool
installed_cb(const char *family, void *arg)
{
	(void)arg;
	return family_installed(family);
}

void
fonts_check_style(struct layout_fonts *f, const struct doc_style *s, const char *file,
    struct diag_list *diags)
{
	(void)f;
	if (!each_family(s->font, installed_cb, NULL))
		diag_add(diags, DIAG_WARNING, file, s->line, 0,
		    "style \"%s\": none of the fonts \"%s\" is installed; fontconfig substitutes another, "
		    "which may lack Chinese glyphs (install fonts-noto-cjk)", s->name, s->font);
}

struct report {
	FILE	*out;
	bool	 printed;
};

static bool
report_cb(const char *family, void *arg)
{
	struct report	*r = arg;
	FcPattern	*p, *m;
	FcResult	 res;
	FcChar8		*file = NULL, *name = NULL;

	if (!family_installed(family)) {
		fprintf(r->out, "  %-28s not installed\n", family);
		return false;
	}
	p = FcPatternCreate();
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	m = FcFontMatch(NULL, p, &res);
	if (m != NULL) {
		FcPatternGetString(m, FC_FILE, 0, &file);
		FcPatternGetString(m, FC_FAMILY, 0, &name);
		fprintf(r->out, "  %-28s %s (%s)%s\n", family, file ? (char *)file : "?",
		    name ? (char *)name : "?", r->printed ? "" : "  <- used");
		FcPatternDestroy(m);
	}
	FcPatternDestroy(p);
	r->printed = true;
	return false;
}

bool
layout_fonts_report(struct layout_fonts *f, const char *const *families, FILE *out)
{
	struct report	 r;
	bool		 ok = true;
	size_t		 i;

	(void)f;
	for (i = 0; families[i] != NULL; i++) {
		fprintf(out, "%s\n", families[i]);
		r.out = out;
		r.printed = false;
		each_family(families[i], report_cb, &r);
		if (!r.printed) {
			fprintf(out, "  none installed: fontconfig will substitute\n");
			ok = false;
		}
	}
	return ok;
}
