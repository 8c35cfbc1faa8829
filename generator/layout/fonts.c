/*
 * layout/fonts.c: the font map and pango context for a run, and fonts for styles.
 *
 * One PangoCairoFontMap and one PangoContext serve every document of a run (a batch build lays out
 * hundreds), so fontconfig is read once. The context is at 72 dpi, where a pango unit is 1/1024 pt,
 * with hinting off for outlines and metrics: the same lines come out in PDF, SVG and PNG.
 *
 * The font map looks in a fontconfig configuration of its own, not the system's. The system's holds
 * every installed font (some 270 faces on a plain Debian with Noto CJK) and pango sorts them all for
 * each new font description: 190 M instructions of the 2.2 G a full plan took, and 40 % of a chart
 * drawn alone. planrep's holds the faces of the families its documents name (their folders read from
 * fontconfig's caches, the folders' other faces dropped); a family a document names later joins it
 * then. Its one rule is the system's synthetic bold and oblique (90-synthetic.conf), which is how 仿宋
 * gets bold.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <fontconfig/fcfreetype.h>	/* after fontconfig.h and FreeType's, which it needs */
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "planrep/layout.h"
#include "layout-int.h"

/*
 * What the built-in styles, the themes and charts fall back to, and what fontconfig falls back to for
 * a character none of those has (DejaVu on Debian): in the configuration from the start.
 */
static const char *const base_families[] = {
	"Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai", "sans-serif", "serif", NULL
};

/* 90-synthetic.conf: a family with no bold face is emboldened, one with no italic slanted. */
static const char synthetic_rules[] =
"<match target=\"font\">"
"<test name=\"weight\" compare=\"less_eq\"><const>medium</const></test>"
"<test target=\"pattern\" name=\"weight\" compare=\"more_eq\"><const>bold</const></test>"
"<edit name=\"embolden\" mode=\"assign\"><bool>true</bool></edit>"
"<edit name=\"weight\" mode=\"assign\"><const>bold</const></edit>"
"</match>"
"<match target=\"font\">"
"<test name=\"slant\"><const>roman</const></test>"
"<test name=\"matrix\" qual=\"any\" compare=\"eq\"><matrix><double>1</double><double>0</double>"
"<double>0</double><double>1</double></matrix></test>"
"<test target=\"pattern\" name=\"slant\" compare=\"not_eq\"><const>roman</const></test>"
"<edit name=\"slant\" mode=\"assign\"><const>oblique</const></edit>"
"<edit name=\"matrix\" mode=\"assign\"><times><name>matrix</name><matrix><double>1</double>"
"<double>0.2</double><double>0</double><double>1</double></matrix></times></edit>"
"</match>";

/* Appends s to b escaped as XML text. */
static void
xml_append_text(GString *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': g_string_append(b, "&amp;"); break;
		case '<': g_string_append(b, "&lt;"); break;
		case '>': g_string_append(b, "&gt;"); break;
		default: g_string_append_c(b, *s); break;
		}
}

/* True when one of the first n patterns is the face of this file and index. */
static bool
has_face(FcPattern *const *fonts, int n, const FcChar8 *file, int index)
{
	FcChar8	*f;
	int	 i;

	for (int k = 0; k < n; k++)
		if (FcPatternGetString(fonts[k], FC_FILE, 0, &f) == FcResultMatch &&
		    FcPatternGetInteger(fonts[k], FC_INDEX, 0, &i) == FcResultMatch &&
		    i == index && strcmp((const char *)f, (const char *)file) == 0)
			return true;
	return false;
}

/*
 * CFF faces opened by planrep instead of by cairo. cairo 1.16's PDF font subsetter copies the whole
 * CFF table of a face it embeds (20 MB for Noto Serif CJK) out of FreeType's map of the file, and the
 * pages of that map then count in the process's resident memory until it exits: 70 MB of the 126 MB
 * a full plan took. Through a stream of planrep's own, a read of STREAM_PREAD bytes or more goes by
 * pread() straight into the reader's buffer; a smaller one (a glyph's outline) is copied from planrep's
 * own map of the file. The pages of that map glyphs were read from (a full plan reads 2,000 glyphs
 * scattered over 20 MB) are given back before the pages are drawn, as the outlines are read and
 * before the subsetter runs (layout_fonts_trim). Faces live as long as the process, like fontconfig's
 * caches: cairo keeps fonts it has made after their last user, and a face freed under them would be
 * used after its end.
 */
#define STREAM_PREAD	(256 * 1024)

struct font_file {
	int		 fd;
	unsigned char	*map;
};

static unsigned long
stream_read(FT_Stream st, unsigned long offset, unsigned char *buf, unsigned long count)
{
	struct font_file	*ff = st->descriptor.pointer;
	unsigned long		 done = 0;
	ssize_t			 n;

	if (count == 0)			/* a seek: 0 when it is inside the file */
		return offset <= st->size ? 0 : 1;
	if (offset >= st->size)
		return 0;
	if (count > st->size - offset)
		count = st->size - offset;
	if (count < STREAM_PREAD) {
		memcpy(buf, ff->map + offset, count);
		return count;
	}
	while (done < count) {
		n = pread(ff->fd, buf + done, count - done, (off_t)(offset + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (unsigned long)n;
	}
	return done;
}

static void
stream_close(FT_Stream st)
{
	struct font_file *ff = st->descriptor.pointer;

	munmap(ff->map, st->size);
	close(ff->fd);
	free(ff);
	free(st);
}

static FT_Library	 own_lib;
static GHashTable	*own_faces;	/* "index:file" -> FT_Face */

/* The face of this file and index, opened once per process; NULL when it cannot be. */
static FT_Face
own_face(const char *file, int index)
{
	struct font_file	*ff = NULL;
	FT_StreamRec		*st = NULL;
	FT_Open_Args		 args;
	FT_Face			 face = NULL;
	struct stat		 sb;
	char			*key;

	if (own_faces == NULL) {
		if (FT_Init_FreeType(&own_lib) != 0)
			return NULL;
		own_faces = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	}
	key = g_strdup_printf("%d:%s", index, file);
	if ((face = g_hash_table_lookup(own_faces, key)) != NULL) {
		g_free(key);
		return face;
	}
	if ((ff = calloc(1, sizeof(*ff))) == NULL || (st = calloc(1, sizeof(*st))) == NULL ||
	    (ff->fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		goto fail;
	if (fstat(ff->fd, &sb) != 0 || sb.st_size <= 0 ||
	    (ff->map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, ff->fd, 0)) == MAP_FAILED) {
		close(ff->fd);
		goto fail;
	}
	st->size = (unsigned long)sb.st_size;
	st->descriptor.pointer = ff;
	st->read = stream_read;
	st->close = stream_close;
	memset(&args, 0, sizeof(args));
	args.flags = FT_OPEN_STREAM;
	args.stream = st;
	/* On failure FreeType has closed the stream (stream_close freed ff and st). */
	if (FT_Open_Face(own_lib, &args, index, &face) != 0) {
		g_free(key);
		return NULL;
	}
	g_hash_table_insert(own_faces, key, face);
	return face;
fail:
	g_free(key);
	free(ff);
	free(st);
	return NULL;
}

void
layout_fonts_trim(void)
{
	GHashTableIter	 it;
	gpointer	 face;

	if (own_faces == NULL)
		return;
	g_hash_table_iter_init(&it, own_faces);
	while (g_hash_table_iter_next(&it, NULL, &face)) {
		FT_Stream		 st = ((FT_Face)face)->stream;
		struct font_file	*ff = st->descriptor.pointer;

		madvise(ff->map, st->size, MADV_DONTNEED);
	}
}

/* A copy of a CFF face's pattern that hands cairo planrep's own face; the pattern itself otherwise. */
static FcPattern *
with_own_face(FcPattern *p)
{
	FcChar8		*file, *format;
	FcPattern	*dup;
	FT_Face		 face;
	int		 index;

	if (FcPatternGetString(p, FC_FONTFORMAT, 0, &format) != FcResultMatch ||
	    strcmp((const char *)format, "CFF") != 0 ||
	    FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch ||
	    FcPatternGetInteger(p, FC_INDEX, 0, &index) != FcResultMatch ||
	    (face = own_face((const char *)file, index)) == NULL ||
	    (dup = FcPatternDuplicate(p)) == NULL)
		return p;
	if (!FcPatternAddFTFace(dup, FC_FT_FACE, face)) {
		FcPatternDestroy(dup);
		return p;
	}
	FcPatternDestroy(p);
	return dup;
}

/*
 * A configuration holding the faces of the set: their folders read from the system's cache folders
 * (so read, not scanned), then every other face of those folders dropped (Noto CJK's collections
 * hold ten faces a file, and pango would sort them all). With own, its CFF faces are opened by
 * planrep (own_face).
 */
static FcConfig *
private_config(const FcFontSet *faces, bool own)
{
	FcConfig	*cfg;
	FcFontSet	*set;
	FcStrList	*caches;
	FcChar8		*dir, *file;
	GString		*xml;
	GHashTable	*dirs;
	FcBool		 ok;
	int		 index, k = 0;

	if ((cfg = FcConfigCreate()) == NULL)
		return NULL;
	xml = g_string_new("<fontconfig>");
	if ((caches = FcConfigGetCacheDirs(NULL)) != NULL) {
		while ((dir = FcStrListNext(caches)) != NULL) {
			g_string_append(xml, "<cachedir>");
			xml_append_text(xml, (const char *)dir);
			g_string_append(xml, "</cachedir>");
		}
		FcStrListDone(caches);
	}
	g_string_append(xml, synthetic_rules);
	g_string_append(xml, "</fontconfig>");
	ok = FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)xml->str, FcTrue);
	g_string_free(xml, TRUE);
	dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (int i = 0; ok && i < faces->nfont; i++) {
		gchar *d;

		if (FcPatternGetString(faces->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
			continue;
		d = g_path_get_dirname((const char *)file);
		if (g_hash_table_contains(dirs, d))
			g_free(d);
		else {
			g_hash_table_add(dirs, d);
			ok = FcConfigAppFontAddDir(cfg, (const FcChar8 *)d);
		}
	}
	g_hash_table_destroy(dirs);
	if (!ok || (set = FcConfigGetFonts(cfg, FcSetApplication)) == NULL) {
		FcConfigDestroy(cfg);
		return NULL;
	}
	for (int i = 0; i < set->nfont; i++)
		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
		    FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index) == FcResultMatch &&
		    has_face(faces->fonts, faces->nfont, file, index) &&
		    !has_face(set->fonts, k, file, index))
			set->fonts[k++] = own ? with_own_face(set->fonts[i]) : set->fonts[i];
		else
			FcPatternDestroy(set->fonts[i]);
	set->nfont = k;
	return cfg;
}

/* Adds the face of this file and index to the set unless it holds it. True when it added it. */
static bool
add_face(FcFontSet *set, const FcChar8 *file, int index)
{
	FcPattern *p;

	if (has_face(set->fonts, set->nfont, file, index) || (p = FcPatternCreate()) == NULL)
		return false;
	FcPatternAddString(p, FC_FILE, file);
	FcPatternAddInteger(p, FC_INDEX, index);
	if (!FcFontSetAdd(set, p)) {
		FcPatternDestroy(p);
		return false;
	}
	return true;
}

/*
 * Looks up the system's faces of a family (by any of its names; a generic name such as sans-serif by
 * the system's best match for it) and adds those not yet in f->faces. Returns whether the family is
 * installed; sets f->changed when it added a face.
 */
static bool
add_family(struct layout_fonts *f, const char *family)
{
	FcPattern	*p, *m;
	FcObjectSet	*os;
	FcFontSet	*fs;
	FcResult	 res;
	FcChar8		*file;
	gpointer	 known;
	int		 index;
	bool		 installed;

	if (g_hash_table_lookup_extended(f->families, family, NULL, &known))
		return GPOINTER_TO_INT(known) != 0;
	p = FcPatternCreate();
	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	os = FcObjectSetBuild(FC_FILE, FC_INDEX, (char *)NULL);
	fs = FcFontList(NULL, p, os);
	FcObjectSetDestroy(os);
	if (fs != NULL && fs->nfont == 0 && (strcmp(family, "sans-serif") == 0 ||
	    strcmp(family, "serif") == 0 || strcmp(family, "monospace") == 0)) {
		FcConfigSubstitute(NULL, p, FcMatchPattern);
		FcDefaultSubstitute(p);
		if ((m = FcFontMatch(NULL, p, &res)) != NULL)
			FcFontSetAdd(fs, m);
	}
	FcPatternDestroy(p);
	installed = fs != NULL && fs->nfont > 0;
	for (int i = 0; fs != NULL && i < fs->nfont; i++)
		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
		    FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &index) == FcResultMatch &&
		    add_face(f->faces, file, index))
			f->changed = true;
	if (fs != NULL)
		FcFontSetDestroy(fs);
	g_hash_table_insert(f->families, g_strdup(family), GINT_TO_POINTER(installed));
	return installed;
}

/* Gives the font map a configuration of f->faces. False when fontconfig cannot make one. */
static bool
use_faces(struct layout_fonts *f)
{
	FcConfig *cfg;

	if ((cfg = private_config(f->faces, f->for_pdf)) == NULL)
		return false;
	/* The map takes its own reference and drops what it sorted with the configuration before. */
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), cfg);
	FcConfigDestroy(cfg);
	f->changed = false;
	return true;
}

static pthread_t	prepare_thread;
static bool		prepare_started;

static void *
prepare_run(void *arg)
{
	(void)arg;
	FcInit();
	return NULL;
}

void
layout_fonts_prepare(void)
{
	if (!prepare_started && pthread_create(&prepare_thread, NULL, prepare_run, NULL) == 0)
		prepare_started = true;
}

struct layout_fonts *
layout_fonts_new(bool for_pdf, struct diag_list *diags)
{
	struct layout_fonts	*f;
	cairo_font_options_t	*opt;

	if ((f = calloc(1, sizeof(*f))) == NULL) {
		diag_add(diags, DIAG_FATAL, NULL, 0, 0, "out of memory");
		return NULL;
	}
	f->for_pdf = for_pdf;
	f->warm_metrics = true;
	f->families = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	f->bold = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	f->faces = FcFontSetCreate();
	if (prepare_started) {
		pthread_join(prepare_thread, NULL);
		prepare_started = false;
	}
	/* Before the map, whose own thread would read the system's configuration a second time. */
	if (f->faces == NULL || !FcInit() ||
	    (f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)) == NULL) {
		diag_add(diags, DIAG_FATAL, NULL, 0, 0, "fontconfig: cannot read its configuration");
		layout_fonts_free(f);
		return NULL;
	}
	for (size_t i = 0; base_families[i] != NULL; i++)
		add_family(f, base_families[i]);
	if (!use_faces(f)) {
		diag_add(diags, DIAG_FATAL, NULL, 0, 0, "fontconfig: cannot read the font folders");
		layout_fonts_free(f);
		return NULL;
	}
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
layout_fonts_warm_metrics(struct layout_fonts *f, bool on)
{
	f->warm_metrics = on;
}

void
layout_fonts_free(struct layout_fonts *f)
{
	if (f == NULL)
		return;
	layout_warm_end(f->warm);
	if (f->context != NULL)
		g_object_unref(f->context);
	if (f->map != NULL)
		g_object_unref(f->map);
	if (f->faces != NULL)
		FcFontSetDestroy(f->faces);
	if (f->families != NULL)
		g_hash_table_destroy(f->families);
	if (f->bold != NULL)
		g_hash_table_destroy(f->bold);
	free(f);
}

PangoFontMap *
layout_fonts_map(const struct layout_fonts *f)
{
	return f->map;
}

static bool	each_family(const char *, bool (*)(const char *, void *), void *);

PangoFontDescription *
fonts_describe(struct layout_fonts *f, const struct doc_style *s)
{
	PangoFontDescription	*d = pango_font_description_new();

	/* pango takes a comma-separated family list and hands it to fontconfig in order. */
	pango_font_description_set_family(d, s->font);
	pango_font_description_set_absolute_size(d, s->size * PANGO_SCALE);
	pango_font_description_set_weight(d, (PangoWeight)fonts_weight(f, s->font, s->weight,
	    s->synthetic_bold));
	pango_font_description_set_style(d, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	return d;
}

/* For has_bold: stops at the first installed family, saying whether it has a face of bold weight. */
static bool
bold_cb(const char *family, void *arg)
{
	FcPattern	*p = FcPatternCreate();
	FcObjectSet	*os = FcObjectSetBuild(FC_WEIGHT, (char *)NULL);
	FcFontSet	*fs;
	bool		 installed;
	int		 w;

	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
	fs = FcFontList(NULL, p, os);
	installed = fs != NULL && fs->nfont > 0;
	for (int i = 0; installed && i < fs->nfont; i++)
		if (FcPatternGetInteger(fs->fonts[i], FC_WEIGHT, 0, &w) == FcResultMatch &&
		    w >= FC_WEIGHT_DEMIBOLD)
			*(bool *)arg = true;
	if (fs != NULL)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(p);
	return installed;
}

/* True when the first installed family of the list has a face of bold weight or heavier (or none is installed). */
static bool
has_bold(struct layout_fonts *f, const char *families)
{
	gpointer	 known;
	bool		 bold = false;

	if (g_hash_table_lookup_extended(f->bold, families, NULL, &known))
		return GPOINTER_TO_INT(known) != 0;
	if (!each_family(families, bold_cb, &bold))
		bold = true;
	g_hash_table_insert(f->bold, g_strdup(families), GINT_TO_POINTER(bold));
	return bold;
}

int
fonts_weight(struct layout_fonts *f, const char *families, int weight, bool synthetic)
{
	/*
	 * Asked for bold, a family with no bold face is emboldened by fontconfig's rule (synthetic_rules),
	 * as 仿宋 wants. A style with synthetic-bold="false" (方正小标宋, a bold design of one weight)
	 * asks for the normal weight instead, so that the family's own face is used as it is.
	 */
	if (weight < PANGO_WEIGHT_SEMIBOLD || synthetic || has_bold(f, families))
		return weight;
	return PANGO_WEIGHT_NORMAL;
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

/* Brings an installed family into the fonts pango sees; stops at the first installed one. */
static bool
installed_cb(const char *family, void *arg)
{
	return add_family(arg, family);
}

void
fonts_check_style(struct layout_fonts *f, const struct doc_style *s, const char *file,
    struct diag_list *diags)
{
	if (each_family(s->font, installed_cb, f)) {
		if (f->changed && !use_faces(f))
			diag_add(diags, DIAG_WARNING, file, s->line, 0,
			    "style \"%s\": fontconfig cannot read the folder of \"%s\"", s->name, s->font);
	} else
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
