/*
 * doc/style.c: the page geometry, the named text styles, and the parse of lengths and colours.
 *
 * Styles come from two places: the built-in defaults below, and the <style> elements of a document.
 * Each style has a base it inherits every attribute it does not set from:
 *
 *   - a built-in's base is named in the table below, and found by name, so a document that
 *     redefines `default` changes every built-in style that rests on it;
 *   - a document's style takes the base its `base` attribute names, else the built-in style of the
 *     same name (so `<style name="p" size="16pt"/>` keeps p's 2 em indent), else `default`.
 *
 * What is inherited is the value as written ("2em", "1.6"), resolved against the inheriting style's
 * own size: `p` at 16 pt indents 32 pt and sets lines 25.6 pt apart even though `2em` and `1.6` were
 * written for 12 pt. The size itself is inherited as a number, and em in `size` is the base's size.
 * chars-per-line divides the page's type area, so the page is read first.
 *
 * Lookups of a name go to the document's styles, then to the built-ins. A document's styles are
 * sorted by name once (a hostile document may define many), and their base chains are resolved with
 * an explicit stack (it may chain them deep), so both stay linear and cannot exhaust the C stack.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "planrep/diag.h"
#include "planrep/doc.h"
#include "planrep/xml.h"
#include "doc-int.h"

#define MM		(72.0 / 25.4)
#define MAX_LENGTH	100000.0	/* pt; keeps Pango units (pt × 1024) far inside an int */
#define NONE		((size_t)-1)

/* ---- Numbers, lengths, colours ------------------------------------------------------------------ */

bool
doc_number_parse(const char *s, const char **end, double *out)
{
	double	 mant = 0, scale = 1;
	bool	 neg = false;
	size_t	 digits = 0;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		mant = mant * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
			mant = mant * 10 + (*s - '0');
			scale *= 10;
		}
	if (digits == 0)
		return false;
	*end = s;
	*out = neg ? -(mant / scale) : mant / scale;
	return true;
}

bool
doc_length_parse(const char *text, double em_size, double *out)
{
	static const struct {
		const char	*unit;
		double		 pt;
	} units[] = {
		{ "", 1 }, { "pt", 1 }, { "mm", MM }, { "cm", 10 * MM }, { "in", 72 },
	};
	const char	*end;
	double		 v;
	size_t		 i;

	if (text == NULL || *text == '+' || *text == '-' || !doc_number_parse(text, &end, &v))
		return false;
	if (strcmp(end, "em") == 0) {
		if (!(em_size > 0) || !isfinite(em_size))
			return false;
		v *= em_size;
	} else {
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (strcmp(end, units[i].unit) == 0)
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			return false;
		v *= units[i].pt;
	}
	if (!isfinite(v) || v < 0 || v > MAX_LENGTH)
		return false;
	*out = v;
	return true;
}

/* A length that may be negative (letter-spacing). */
static bool
signed_length_parse(const char *text, double em_size, double *out)
{
	if (text[0] == '-') {
		if (!doc_length_parse(text + 1, em_size, out))
			return false;
		*out = -*out;
		return true;
	}
	return doc_length_parse(text, em_size, out);
}

bool
doc_color_parse(const char *s, uint32_t *out)
{
	uint32_t	 v = 0;
	size_t		 i;
	int		 d;

	if (s[0] != '#')
		return false;
	for (i = 1; i <= 6; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			return false;
		v = v << 4 | (uint32_t)d;
	}
	if (s[7] != '\0')
		return false;
	*out = v;
	return true;
}

/* ---- The page ----------------------------------------------------------------------------------- */

static const struct {
	const char	*name;
	double		 width, height;	/* pt, as the name is usually set */
} page_sizes[] = {
	{ "A4", 210 * MM, 297 * MM },
	{ "A5", 148 * MM, 210 * MM },
	{ "A3", 297 * MM, 420 * MM },
	{ "letter", 612, 792 },
	{ "16:9", 960, 540 },	/* slides: 13.33 × 7.5 in, as presentation programs make them */
};

/* Reads a page length attribute into *out when present. Returns false (recorded) when it is bad. */
static bool
page_length(struct doc_build *b, xmlNodePtr el, const char *name, double *out)
{
	char	*s;
	bool	 ok = true;

	if ((s = doc_attr(b, el, name)) == NULL)
		return true;
	if (!doc_length_parse(s, 0, out)) {
		doc_error(b, xmlGetLineNo(el), "page %s=\"%s\" is not a length of at most 100000 pt",
		    name, s);
		ok = false;
	}
	free(s);
	return ok;
}

bool
doc_page_load(struct doc_build *b, xmlNodePtr el)
{
	struct doc_page	*p = &b->doc->page;
	char		*s;
	double		 t;
	size_t		 i;
	bool		 ok = true;
	long		 line = 0;

	p->width = page_sizes[0].width;
	p->height = page_sizes[0].height;
	p->margin_top = p->margin_bottom = p->margin_left = p->margin_right = 25 * MM;
	p->header_offset = 10 * MM;
	p->footer_offset = 7 * MM;	/* GB/T 9704: the page number 7 mm below the type area */
	p->mirror = false;
	if (el != NULL) {
		line = xmlGetLineNo(el);
		if ((s = doc_attr(b, el, "size")) != NULL) {
			for (i = 0; i < sizeof(page_sizes) / sizeof(page_sizes[0]); i++)
				if (strcmp(s, page_sizes[i].name) == 0) {
					p->width = page_sizes[i].width;
					p->height = page_sizes[i].height;
				}
			free(s);
		}
		ok &= page_length(b, el, "width", &p->width);
		ok &= page_length(b, el, "height", &p->height);
		/* Orientation turns the sheet only when it is the other way (16:9 is already wide). */
		if ((s = doc_attr(b, el, "orientation")) != NULL) {
			if ((strcmp(s, "landscape") == 0) == (p->width < p->height)) {
				t = p->width;
				p->width = p->height;
				p->height = t;
			}
			free(s);
		}
		ok &= page_length(b, el, "margin-top", &p->margin_top);
		ok &= page_length(b, el, "margin-bottom", &p->margin_bottom);
		ok &= page_length(b, el, "margin-left", &p->margin_left);
		ok &= page_length(b, el, "margin-right", &p->margin_right);
		ok &= page_length(b, el, "header-offset", &p->header_offset);
		ok &= page_length(b, el, "footer-offset", &p->footer_offset);
		s = doc_attr(b, el, "mirror");
		p->mirror = s != NULL && strcmp(s, "true") == 0;
		free(s);
	}
	if (ok && (p->width - p->margin_left - p->margin_right <= 0 ||
	    p->height - p->margin_top - p->margin_bottom <= 0)) {
		doc_error(b, line, "the margins leave no room for text on a %.2f × %.2f pt page",
		    p->width, p->height);
		ok = false;
	}
	return ok && !b->oom;
}

/* ---- Styles ------------------------------------------------------------------------------------- */

enum prop {
	P_FONT,
	P_SIZE,
	P_WEIGHT,
	P_ITALIC,
	P_SYNTHETIC_BOLD,
	P_LINE_HEIGHT,
	P_INDENT,
	P_HANGING,
	P_SPACE_BEFORE,
	P_SPACE_AFTER,
	P_LETTER_SPACING,
	P_CHARS_PER_LINE,
	P_ALIGN,
	P_COLOR,
	P_BACKGROUND,
	P_KEEP_WITH_NEXT,
	P__COUNT
};

/* The attribute of each property, as written in <style>. */
static const char *const prop_attr[P__COUNT] = {
	"font", "size", "weight", "italic", "synthetic-bold", "line-height", "indent", "hanging",
	"space-before", "space-after", "letter-spacing", "chars-per-line", "align", "color",
	"background", "keep-with-next",
};

/*
 * The built-in styles, as docs/document.md "Built-in defaults" gives them; the first is the root of
 * every chain and sets every property but chars-per-line and background (none).
 *   default	 Noto Serif CJK SC 12 pt, normal, line height 1.6 × size, justified, black
 *   p		 indents the first line 2 em
 *   h1–h4	 Noto Sans CJK SC bold, 18/16/14/12 pt, left, keep-with-next, space before 1 em
 *		 (the document says "with space before" without an amount: 1 em is ours)
 *   caption	 bold, centred
 *   th		 bold, centred, on td (so header and body cells share a size)
 *   td		 10.5 pt, left
 *   box-title	 bold, centred
 *   toc1–toc4	 every line indented 0/1/2/3 em (indent and hanging)
 *   header	 10.5 pt; footer the same
 *   box, toc, toc-title, title-page: as default
 */
static const struct builtin {
	const char	*name;
	const char	*base;
	const char	*value[P__COUNT];
} builtins[] = {
	{ "default", NULL, {
	    [P_FONT] = "Noto Serif CJK SC", [P_SIZE] = "12pt", [P_WEIGHT] = "normal",
	    [P_ITALIC] = "false", [P_SYNTHETIC_BOLD] = "false", [P_LINE_HEIGHT] = "1.6",
	    [P_INDENT] = "0", [P_HANGING] = "0", [P_SPACE_BEFORE] = "0", [P_SPACE_AFTER] = "0",
	    [P_LETTER_SPACING] = "0", [P_ALIGN] = "justify", [P_COLOR] = "#000000",
	    [P_KEEP_WITH_NEXT] = "false" } },
	{ "p", "default", { [P_INDENT] = "2em" } },
	{ "h1", "default", {
	    [P_FONT] = "Noto Sans CJK SC", [P_SIZE] = "18pt", [P_WEIGHT] = "bold",
	    [P_ALIGN] = "left", [P_KEEP_WITH_NEXT] = "true", [P_SPACE_BEFORE] = "1em" } },
	{ "h2", "default", {
	    [P_FONT] = "Noto Sans CJK SC", [P_SIZE] = "16pt", [P_WEIGHT] = "bold",
	    [P_ALIGN] = "left", [P_KEEP_WITH_NEXT] = "true", [P_SPACE_BEFORE] = "1em" } },
	{ "h3", "default", {
	    [P_FONT] = "Noto Sans CJK SC", [P_SIZE] = "14pt", [P_WEIGHT] = "bold",
	    [P_ALIGN] = "left", [P_KEEP_WITH_NEXT] = "true", [P_SPACE_BEFORE] = "1em" } },
	{ "h4", "default", {
	    [P_FONT] = "Noto Sans CJK SC", [P_SIZE] = "12pt", [P_WEIGHT] = "bold",
	    [P_ALIGN] = "left", [P_KEEP_WITH_NEXT] = "true", [P_SPACE_BEFORE] = "1em" } },
	{ "caption", "default", { [P_WEIGHT] = "bold", [P_ALIGN] = "center" } },
	{ "th", "td", { [P_WEIGHT] = "bold", [P_ALIGN] = "center" } },
	{ "td", "default", { [P_SIZE] = "10.5pt", [P_ALIGN] = "left" } },
	{ "box", "default", { NULL } },
	{ "box-title", "default", { [P_WEIGHT] = "bold", [P_ALIGN] = "center" } },
	{ "toc", "default", { NULL } },
	{ "toc-title", "default", { NULL } },
	{ "toc1", "default", { [P_INDENT] = "0", [P_HANGING] = "0" } },
	{ "toc2", "default", { [P_INDENT] = "1em", [P_HANGING] = "1em" } },
	{ "toc3", "default", { [P_INDENT] = "2em", [P_HANGING] = "2em" } },
	{ "toc4", "default", { [P_INDENT] = "3em", [P_HANGING] = "3em" } },
	{ "header", "default", { [P_SIZE] = "10.5pt" } },
	{ "footer", "default", { [P_SIZE] = "10.5pt" } },
	{ "title-page", "default", { NULL } },
};

#define NBUILTIN	(sizeof(builtins) / sizeof(builtins[0]))
#define ROOT_SIZE	12.0	/* what em in default's own size is relative to */

/* One style definition, built-in or from the document, while the chains are resolved. */
struct spec {
	const char	*name;			/* borrowed: the table's, or str[0] */
	const char	*base;			/* borrowed, NULL: the rule above */
	const char	*value[P__COUNT];	/* borrowed: as written here, NULL when not set here */
	char		*str[P__COUNT + 2];	/* owned: a document style's name, base and values */
	long		 line;			/* of the <style>; 0 for a built-in */
	bool		 builtin;
	bool		 ignored;		/* a second definition of a name */
	size_t		 parent;		/* index, NONE for the root */
	int		 state;			/* 0 not yet, 1 on the stack, 2 resolved */
	const char	*eff[P__COUNT];		/* borrowed: the value in force, here or inherited */
	size_t		 from[P__COUNT];	/* the spec that wrote it */
	uint32_t	 reported;		/* bits of the values already reported as bad */
	double		 size;			/* pt, resolved */
};

struct sorted {
	const char	*name;
	size_t		 index;
};

struct styleset {
	struct doc_build	*b;
	struct spec		*specs;		/* owned: NBUILTIN built-ins, then the document's */
	size_t			 count;
	struct sorted		*sorted;	/* owned: the document's live specs by name */
	size_t			 nsorted;
};

static int
sorted_cmp(const void *a, const void *b)
{
	const struct sorted	*x = a, *y = b;
	int			 c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static size_t
builtin_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < NBUILTIN; i++)
		if (strcmp(builtins[i].name, name) == 0)
			return i;
	return NONE;
}

/* The spec a name means: the document's, else the built-in one, else NONE. */
static size_t
spec_find(const struct styleset *set, const char *name)
{
	size_t	 lo = 0, hi = set->nsorted, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(name, set->sorted[mid].name)) == 0)
			return set->sorted[mid].index;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return builtin_find(name);
}

/* Reads the document's <style> elements into set->specs after the built-ins. Returns false on OOM. */
static bool
specs_load(struct styleset *set, xmlNodePtr styles)
{
	struct doc_build	*b = set->b;
	struct spec		*s;
	xmlNodePtr		 c;
	size_t			 n = 0, i, p;

	for (c = styles != NULL ? styles->children : NULL; c != NULL; c = c->next)
		if (xml_is(c, "style"))
			n++;
	if ((set->specs = calloc(NBUILTIN + n, sizeof(*set->specs))) == NULL ||
	    (n > 0 && (set->sorted = calloc(n, sizeof(*set->sorted))) == NULL))
		return false;
	for (i = 0; i < NBUILTIN; i++) {
		s = &set->specs[i];
		s->name = builtins[i].name;
		s->base = builtins[i].base;
		memcpy(s->value, builtins[i].value, sizeof(s->value));
		s->builtin = true;
	}
	set->count = NBUILTIN;
	for (c = styles != NULL ? styles->children : NULL; c != NULL; c = c->next) {
		if (!xml_is(c, "style"))
			continue;
		s = &set->specs[set->count++];	/* counted first: its strings are freed with it */
		s->line = xmlGetLineNo(c);
		s->name = s->str[0] = doc_attr(b, c, "name");
		s->base = s->str[1] = doc_attr(b, c, "base");
		for (p = 0; p < P__COUNT; p++)
			s->value[p] = s->str[2 + p] = doc_attr(b, c, prop_attr[p]);
		if (b->oom || s->name == NULL)
			return false;
		set->sorted[set->nsorted].name = s->name;
		set->sorted[set->nsorted++].index = set->count - 1;
	}
	/* A name defined twice: the first definition stands. */
	if (set->nsorted > 1)
		qsort(set->sorted, set->nsorted, sizeof(*set->sorted), sorted_cmp);
	for (i = 0, n = 0; i < set->nsorted; i++) {
		if (n > 0 && strcmp(set->sorted[n - 1].name, set->sorted[i].name) == 0) {
			s = &set->specs[set->sorted[i].index];
			doc_error(b, s->line, "style \"%s\" is defined twice (first on line %ld)", s->name,
			    set->specs[set->sorted[n - 1].index].line);
			s->ignored = true;
			continue;
		}
		set->sorted[n++] = set->sorted[i];
	}
	set->nsorted = n;
	return true;
}

/* Finds each spec's base, reporting the unknown ones (they rest on the built-in default). */
static void
parents_find(struct styleset *set)
{
	struct spec	*s;
	size_t		 i;

	for (i = 0; i < set->count; i++) {
		s = &set->specs[i];
		if (s->ignored)
			continue;
		if (s->builtin)
			s->parent = s->base != NULL ? spec_find(set, s->base) : NONE;
		else if (s->base != NULL) {
			if ((s->parent = spec_find(set, s->base)) == NONE) {
				doc_error(set->b, s->line, "style \"%s\": no style \"%s\" to base it on",
				    s->name, s->base);
				s->parent = 0;
			}
		} else if ((s->parent = builtin_find(s->name)) == NONE)
			s->parent = spec_find(set, "default");
	}
}

/* Records that the value of prop that spec i uses is bad, once per place it is written. */
static void
bad_value(struct styleset *set, size_t i, enum prop prop, const char *why)
{
	struct spec	*w = &set->specs[set->specs[i].from[prop]];

	if (w->reported & (1u << prop))
		return;
	w->reported |= 1u << prop;
	doc_error(set->b, w->line, "style \"%s\": %s=\"%s\" %s", w->name, prop_attr[prop],
	    set->specs[i].eff[prop], why);
}

/* Resolves spec i once its parent is: the values in force, and the size. */
static void
spec_resolve(struct styleset *set, size_t i)
{
	struct spec	*s = &set->specs[i];
	const struct spec *p = s->parent != NONE ? &set->specs[s->parent] : NULL;
	double		 em = p != NULL ? p->size : ROOT_SIZE;
	size_t		 k;

	for (k = 0; k < P__COUNT; k++) {
		if (s->value[k] != NULL) {
			s->eff[k] = s->value[k];
			s->from[k] = i;
		} else if (p != NULL) {
			s->eff[k] = p->eff[k];
			s->from[k] = p->from[k];
		} else {
			s->eff[k] = NULL;
			s->from[k] = i;
		}
	}
	s->size = em;
	if (s->value[P_SIZE] != NULL) {
		if (!doc_length_parse(s->value[P_SIZE], em, &s->size)) {
			bad_value(set, i, P_SIZE, "is not a length of at most 100000 pt");
			s->size = em;
		} else if (s->size <= 0) {
			bad_value(set, i, P_SIZE, "must be more than 0");
			s->size = em;
		}
	}
	s->state = 2;
}

/*
 * Reports the loop that spec t's base chain makes back to p (on the stack). The message names the
 * styles in the loop, from the document's first one in it.
 */
static void
loop_report(struct styleset *set, size_t p)
{
	char		 msg[512];
	size_t		 i, first = p, n, len;
	const struct spec *s;

	for (i = set->specs[p].parent; i != p; i = set->specs[i].parent)
		if (!set->specs[i].builtin && (set->specs[first].builtin ||
		    set->specs[i].line < set->specs[first].line))
			first = i;
	len = (size_t)snprintf(msg, sizeof(msg), "%s", set->specs[first].name);
	for (i = set->specs[first].parent, n = 0; len < sizeof(msg); i = set->specs[i].parent, n++) {
		if (n == 8 && i != first) {
			snprintf(msg + len, sizeof(msg) - len, " → …");
			break;
		}
		len += (size_t)snprintf(msg + len, sizeof(msg) - len, " → %s", set->specs[i].name);
		if (i == first)
			break;
	}
	s = &set->specs[first];
	doc_error(set->b, s->line, "style \"%s\": its base chain loops (%s)", s->name, msg);
}

/*
 * Resolves every spec, bases first, with an explicit stack. A loop is reported once and broken
 * where it was found: that style rests on the built-in default, so the rest resolve and the
 * loader goes on to find other problems. Returns false when out of memory.
 */
static bool
specs_resolve(struct styleset *set)
{
	size_t	*stack, top, i, t, p;

	if ((stack = malloc(set->count * sizeof(*stack))) == NULL)
		return false;
	for (i = 0; i < set->count; i++) {
		if (set->specs[i].ignored || set->specs[i].state == 2)
			continue;
		top = 0;
		stack[top++] = i;
		set->specs[i].state = 1;
		while (top > 0) {
			t = stack[top - 1];
			p = set->specs[t].parent;
			if (p == NONE || set->specs[p].state == 2) {
				spec_resolve(set, t);
				top--;
			} else if (set->specs[p].state == 1) {
				loop_report(set, p);
				set->specs[t].parent = 0;
			} else {
				stack[top++] = p;
				set->specs[p].state = 1;
			}
		}
	}
	free(stack);
	return true;
}

static bool
bool_value(const char *s)
{
	return s != NULL && strcmp(s, "true") == 0;
}

/* Fills out, named name, from resolved spec i. Returns false when out of memory. */
static bool
style_fill(struct styleset *set, size_t i, const char *name, struct doc_style *out)
{
	const struct doc_page	*page = &set->b->doc->page;
	struct spec		*s = &set->specs[i];
	const char		*v, *end;
	double			 n, measure;
	struct {
		enum prop	 prop;
		double		*field;
	} lengths[] = {
		{ P_INDENT, &out->indent },
		{ P_HANGING, &out->hanging },
		{ P_SPACE_BEFORE, &out->space_before },
		{ P_SPACE_AFTER, &out->space_after },
	};
	size_t			 k;

	memset(out, 0, sizeof(*out));
	out->line = s->line;
	out->size = s->size;
	out->background = DOC_NO_COLOR;
	if ((out->name = strdup(name)) == NULL ||
	    (out->font = strdup(s->eff[P_FONT] != NULL ? s->eff[P_FONT] : "")) == NULL)
		return false;

	v = s->eff[P_WEIGHT];
	if (v == NULL || strcmp(v, "normal") == 0)
		out->weight = 400;
	else if (strcmp(v, "bold") == 0)
		out->weight = 700;
	else if (doc_number_parse(v, &end, &n) && *end == '\0' && n >= 100 && n <= 900 &&
	    fmod(n, 100) == 0)
		out->weight = (int)n;
	else {
		bad_value(set, i, P_WEIGHT, "is not normal, bold or 100–900");
		out->weight = 400;
	}
	out->italic = bool_value(s->eff[P_ITALIC]);
	out->synthetic_bold = bool_value(s->eff[P_SYNTHETIC_BOLD]);
	out->keep_with_next = bool_value(s->eff[P_KEEP_WITH_NEXT]);

	/* line-height: a bare number is a multiple of the size, else a length. */
	if ((v = s->eff[P_LINE_HEIGHT]) != NULL) {
		if (doc_number_parse(v, &end, &n) && *end == '\0' && v[0] != '-' && v[0] != '+')
			out->line_height = n * out->size;
		else if (!doc_length_parse(v, out->size, &out->line_height))
			bad_value(set, i, P_LINE_HEIGHT, "is not a length or a multiple");
		if (!isfinite(out->line_height) || out->line_height > MAX_LENGTH) {
			bad_value(set, i, P_LINE_HEIGHT, "is too large");
			out->line_height = 0;
		}
	}
	for (k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++)
		if ((v = s->eff[lengths[k].prop]) != NULL &&
		    !doc_length_parse(v, out->size, lengths[k].field))
			bad_value(set, i, lengths[k].prop, "is not a length of at most 100000 pt");
	if ((v = s->eff[P_LETTER_SPACING]) != NULL &&
	    !signed_length_parse(v, out->size, &out->letter_spacing))
		bad_value(set, i, P_LETTER_SPACING, "is not a length of at most 100000 pt");

	/* chars-per-line: that many full-width characters fill the type area's width exactly. */
	if ((v = s->eff[P_CHARS_PER_LINE]) != NULL) {
		measure = page->width - page->margin_left - page->margin_right;
		if (!doc_number_parse(v, &end, &n) || *end != '\0' || n < 1 || n != floor(n))
			bad_value(set, i, P_CHARS_PER_LINE, "is not a whole number of characters");
		else if (measure > 0)
			out->char_pitch = measure / n;
	}

	v = s->eff[P_ALIGN];
	if (v == NULL || strcmp(v, "justify") == 0)
		out->align = DOC_ALIGN_JUSTIFY;
	else if (strcmp(v, "left") == 0)
		out->align = DOC_ALIGN_LEFT;
	else if (strcmp(v, "center") == 0)
		out->align = DOC_ALIGN_CENTER;
	else if (strcmp(v, "right") == 0)
		out->align = DOC_ALIGN_RIGHT;
	else
		bad_value(set, i, P_ALIGN, "is not justify, left, center or right");

	if ((v = s->eff[P_COLOR]) != NULL && !doc_color_parse(v, &out->color))
		bad_value(set, i, P_COLOR, "is not a colour #rrggbb");
	if ((v = s->eff[P_BACKGROUND]) != NULL && !doc_color_parse(v, &out->background))
		bad_value(set, i, P_BACKGROUND, "is not a colour #rrggbb");
	return true;
}

/*
 * The resolved styles the document ends up with: every built-in name (the document's definition
 * where it has one), then the document's other styles in the order written.
 */
static bool
styles_fill(struct styleset *set)
{
	struct doc	*doc = set->b->doc;
	struct spec	*s;
	size_t		 i, n = NBUILTIN;

	for (i = NBUILTIN; i < set->count; i++)
		if (!set->specs[i].ignored && builtin_find(set->specs[i].name) == NONE)
			n++;
	if ((doc->styles = calloc(n, sizeof(*doc->styles))) == NULL)
		return false;
	for (i = 0; i < NBUILTIN; i++)
		if (!style_fill(set, spec_find(set, builtins[i].name), builtins[i].name,
		    &doc->styles[doc->style_count++]))
			return false;
	for (i = NBUILTIN; i < set->count; i++) {
		s = &set->specs[i];
		if (!s->ignored && builtin_find(s->name) == NONE &&
		    !style_fill(set, i, s->name, &doc->styles[doc->style_count++]))
			return false;
	}
	return true;
}

bool
doc_styles_load(struct doc_build *b, xmlNodePtr styles)
{
	struct styleset	 set;
	size_t		 i, k, before = b->diags->count;
	bool		 ok = false;

	memset(&set, 0, sizeof(set));
	set.b = b;
	if (!specs_load(&set, styles))
		goto out;
	parents_find(&set);
	if (!specs_resolve(&set) || !styles_fill(&set))
		goto out;
	ok = true;
out:
	if (!ok)
		b->oom = true;
	for (i = 0; i < set.count; i++)
		for (k = 0; k < P__COUNT + 2; k++)
			free(set.specs[i].str[k]);
	free(set.specs);
	free(set.sorted);
	return ok && b->diags->count == before;
}

const struct doc_style *
doc_style_find(const struct doc *doc, const char *name)
{
	size_t	 i;

	for (i = 0; doc != NULL && name != NULL && i < doc->style_count; i++)
		if (strcmp(doc->styles[i].name, name) == 0)
			return &doc->styles[i];
	return NULL;
}
