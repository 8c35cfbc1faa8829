/*
 * layout/text.c: one paragraph, set as Chinese readers expect.
 *
 * pango shapes the paragraph once, as a single unbroken line (one PangoLayout per paragraph, width
 * -1). Everything after that is ours, on an array of characters with their advances:
 *
 *   spacing      a ¼ em gap between a Han character and a Latin letter or digit, whether or not the
 *                text has a space there (a typed space becomes the gap, never a stretchable space);
 *                adjacent full-width punctuation compressed by half an em (。” ”， ）、), as ctex
 *                does; on a character grid (GB/T 9704) every full-width character takes one pitch
 *                and a run of Latin and digits is widened to whole half pitches, so the Han characters
 *                after it stay in their columns, and nothing is compressed;
 *   breaking     greedy, at pango's UAX #14 opportunities, plus our kinsoku: no closing punctuation
 *                (，。、；：？！）》」”…%‰) at a line start, no opening punctuation （《「“ at a line end,
 *                no break between a number and its unit (2025年, 30%) or inside —— and ……; a single
 *                closing punctuation that would start the next line is taken in by closing the
 *                line's gaps a little (off the grid) or hangs in the margin (on the grid, as word
 *                processors allow), else the line gives up characters until it may break;
 *   justifying   the slack of a full line is spread over the gaps between Chinese characters and at
 *                the CJK–Latin boundaries (and Latin word spaces), never inside a Latin word or a
 *                number; a closing punctuation that ends a line gives up its blank half so that its
 *                ink, not its blank, meets the right margin.
 *
 * The glyphs of each line are copies of pango's glyph items, cut at the line's ends, with their
 * widths and offsets changed to the positions decided here; render draws them with
 * pango_cairo_show_glyph_item, which keeps the text of every glyph for extraction from the PDF.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pango.h>

#include "planrep/layout.h"
#include "layout-int.h"

enum cc {
	CC_IDEO,	/* Han characters, kana, hangul */
	CC_OPEN,	/* opening punctuation: blank on the left half */
	CC_CLOSE,	/* closing punctuation: blank on the right half, never starts a line */
	CC_MIDDLE,	/* — … · ～: full-width, never split from its twin */
	CC_FULL,	/* other full-width forms: ideographic space, ％, ＡＢＣ, Ⅲ */
	CC_LATIN,	/* letters, digits, % ‰ ° */
	CC_LPUNCT,	/* other narrow punctuation */
	CC_SPACE,
	CC_OBJECT	/* an inline object (badge, bar) or a zero-width break mark */
};

static bool
is_cjk(enum cc c)
{
	return c <= CC_FULL;
}

static enum cc
classify(uint32_t c)
{
	switch (c) {
	case 0x201C: case 0x2018: case 0xFF08: case 0x300A: case 0x300C: case 0x300E:
	case 0x3010: case 0x3014: case 0x3008: case 0x3016: case 0xFF3B: case 0xFF5B:
		return CC_OPEN;
	case 0x201D: case 0x2019: case 0xFF09: case 0x300B: case 0x300D: case 0x300F:
	case 0x3011: case 0x3015: case 0x3009: case 0x3017: case 0xFF3D: case 0xFF5D:
	case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF1F:
	case 0xFF01: case 0xFF0E:
		return CC_CLOSE;
	case 0x2014: case 0x2026: case 0x00B7: case 0x30FB: case 0xFF5E: case 0x2015:
		return CC_MIDDLE;
	case 0x20: case 0xA0:
		return CC_SPACE;
	case 0xFFFC: case 0x200B:
		return CC_OBJECT;
	case 0x2030: case 0x00B0: case 0x2103: case 0x00B1: case 0x00D7:
		return CC_LATIN;
	default:
		break;
	}
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) ||
	    (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) ||
	    (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3005 && c <= 0x3007) || (c >= 0x31C0 && c <= 0x31EF))
		return CC_IDEO;
	if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x2160 && c <= 0x217F) || (c >= 0x2460 && c <= 0x24FF) ||
	    (c >= 0x3200 && c <= 0x33FF))
		return CC_FULL;
	if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '%' ||
	    (c >= 0xC0 && c <= 0x24F) || (c >= 0x370 && c <= 0x3FF))
		return CC_LATIN;
	return CC_LPUNCT;
}

/* Closing punctuation whose glyph sits in the left half of its em in Chinese fonts. */
static bool
compressible_close(uint32_t c)
{
	return classify(c) == CC_CLOSE && c != 0xFF1F && c != 0xFF01;
}

/* A growable text buffer with its attribute list, built from the inline tree. */
struct builder {
	char		*text;
	size_t		 len, cap;
	PangoAttrList	*attrs;
	struct para_span *spans;
	size_t		 span_count, span_cap;
	size_t		*breaks;	/* byte offsets of br marks */
	size_t		 break_count, break_cap;
	const struct para_fields *fields;
	bool		 has_fields;
	bool		 oom;
	double		 em;		/* pt, the block's font size */
	const char	*bold_font;	/* b's family list, or NULL: the block's */
	struct layout_fonts *fonts;
	const struct doc_style *style;	/* the block's */
};

static void
append(struct builder *b, const char *s, size_t n)
{
	char	*t;
	size_t	 cap, i;

	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((t = realloc(b->text, cap)) == NULL) {
			b->oom = true;
			return;
		}
		b->text = t;
		b->cap = cap;
	}
	memcpy(b->text + b->len, s, n);
	/* One line per paragraph for pango: the breaks are ours. */
	for (i = b->len; i < b->len + n; i++)
		if (b->text[i] == '\n' || b->text[i] == '\r' || b->text[i] == '\t')
			b->text[i] = ' ';
	b->len += n;
	b->text[b->len] = '\0';
}

static void
append_str(struct builder *b, const char *s)
{
	append(b, s, strlen(s));
}

static void
add_span(struct builder *b, size_t start, const struct doc_node *n)
{
	struct para_span	*s;

	if (b->span_count == b->span_cap) {
		b->span_cap = b->span_cap ? b->span_cap * 2 : 8;
		if ((s = realloc(b->spans, b->span_cap * sizeof(*s))) == NULL) {
			b->oom = true;
			return;
		}
		b->spans = s;
	}
	b->spans[b->span_count].start = start;
	b->spans[b->span_count].end = b->len;
	b->spans[b->span_count].node = n;
	b->span_count++;
}

static void
add_attr(struct builder *b, PangoAttribute *a, size_t start)
{
	a->start_index = (guint)start;
	a->end_index = (guint)b->len;
	pango_attr_list_insert(b->attrs, a);
}

/* An inline object of w × h em, drawn later by the chart stage: a shaped U+FFFC. */
static void
object(struct builder *b, const struct doc_node *n, double w, double h)
{
	PangoRectangle	 r;
	size_t		 start = b->len;

	r.x = 0;
	r.y = (int)(-h * b->em * 0.8 * PANGO_SCALE);
	r.width = (int)(w * b->em * PANGO_SCALE);
	r.height = (int)(h * b->em * PANGO_SCALE);
	append_str(b, "\xEF\xBF\xBC");
	add_attr(b, pango_attr_shape_new(&r, &r), start);
	add_span(b, start, n);
}

static void
inlines(struct builder *b, const struct doc_node *n)
{
	const struct doc_node	*c;
	const char		*v;
	size_t			 start;
	PangoFontDescription	*fd;

	for (c = n->first; c != NULL && !b->oom; c = c->next) {
		start = b->len;
		switch (c->type) {
		case DOC_TEXT:
			append_str(b, c->u.text.text);
			break;
		case DOC_BOLD:
			inlines(b, c);
			add_attr(b, pango_attr_weight_new((PangoWeight)fonts_weight(b->fonts,
			    b->bold_font ? b->bold_font : b->style->font, PANGO_WEIGHT_BOLD,
			    b->style->synthetic_bold)), start);
			if (b->bold_font != NULL)
				add_attr(b, pango_attr_family_new(b->bold_font), start);
			break;
		case DOC_ITALIC:
			inlines(b, c);
			add_attr(b, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
			break;
		case DOC_SPAN:
			inlines(b, c);
			if (c->style != NULL) {
				fd = fonts_describe(b->fonts, c->style);
				add_attr(b, pango_attr_font_desc_new(fd), start);
				pango_font_description_free(fd);
				add_attr(b, pango_attr_foreground_new(
				    (guint16)(((c->style->color >> 16) & 0xFF) * 257),
				    (guint16)(((c->style->color >> 8) & 0xFF) * 257),
				    (guint16)((c->style->color & 0xFF) * 257)), start);
			}
			break;
		case DOC_LINK:
			inlines(b, c);
			add_span(b, start, c);
			break;
		case DOC_REF:
			b->has_fields = true;
			v = b->fields && b->fields->ref ? b->fields->ref(b->fields->arg, c->u.link.target) : NULL;
			append_str(b, v ? v : "00");
			add_span(b, start, c);
			break;
		case DOC_PAGE_NUMBER:
			b->has_fields = true;
			v = b->fields ? b->fields->page_number : NULL;
			append_str(b, v ? v : "00");
			break;
		case DOC_PAGE_COUNT:
			b->has_fields = true;
			v = b->fields ? b->fields->page_count : NULL;
			append_str(b, v ? v : "00");
			break;
		case DOC_SECTION_TITLE:
			b->has_fields = true;
			v = b->fields ? b->fields->section_title : NULL;
			append_str(b, v ? v : "");
			break;
		case DOC_BADGE:
			object(b, c, 3.0, 1.0);
			break;
		case DOC_BAR:
			object(b, c, 5.0, 0.7);
			break;
		case DOC_LINE_BREAK:
			if (b->break_count == b->break_cap) {
				size_t *g;

				b->break_cap = b->break_cap ? b->break_cap * 2 : 4;
				if ((g = realloc(b->breaks, b->break_cap * sizeof(*g))) == NULL) {
					b->oom = true;
					break;
				}
				b->breaks = g;
			}
			b->breaks[b->break_count++] = b->len;
			append_str(b, "\xE2\x80\x8B");	/* ZERO WIDTH SPACE: the break mark */
			break;
		default:
			break;
		}
	}
}

/* Per character: what the line breaker works on. Widths in pt. */
struct chars {
	size_t		 n;
	uint32_t	*cp;
	enum cc		*cls;
	size_t		*off;	/* byte offset; off[n] = length */
	double		*adv;	/* advance, after spacing */
	double		*orig;	/* advance as shaped */
	double		*gap;	/* fixed space after the character (CJK–Latin gap) */
	double		*xoff;	/* glyph offset inside its advance */
	double		*extra;	/* justification, per line */
	double		*xpos;	/* x in its line, from the line's origin */
	double		*wid;	/* final width in its line */
	bool		*stretch; /* the gap after this character may take justification */
	bool		*forced; /* a br mark */
	bool		*brk;	/* a break is allowed before this character */
};

static uint32_t
utf8_decode(const char *s, size_t *i)
{
	const unsigned char	*p = (const unsigned char *)s + *i;
	uint32_t		 c;
	int			 n, k;

	if (p[0] < 0x80) {
		*i += 1;
		return p[0];
	}
	n = (p[0] & 0xE0) == 0xC0 ? 1 : (p[0] & 0xF0) == 0xE0 ? 2 : (p[0] & 0xF8) == 0xF0 ? 3 : 0;
	c = p[0] & (0x3F >> n);
	for (k = 1; k <= n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			break;
		c = (c << 6) | (p[k] & 0x3F);
	}
	*i += (size_t)k;
	return n == 0 ? 0xFFFD : c;
}

static void
chars_free(struct chars *ch)
{
	free(ch->cp);
	free(ch->cls);
	free(ch->off);
	free(ch->adv);
	free(ch->orig);
	free(ch->gap);
	free(ch->xoff);
	free(ch->extra);
	free(ch->xpos);
	free(ch->wid);
	free(ch->stretch);
	free(ch->forced);
	free(ch->brk);
}

static bool
chars_alloc(struct chars *ch, size_t n)
{
	size_t	 m = n + 1;

	memset(ch, 0, sizeof(*ch));
	ch->n = n;
	ch->cp = calloc(m, sizeof(*ch->cp));
	ch->cls = calloc(m, sizeof(*ch->cls));
	ch->off = calloc(m, sizeof(*ch->off));
	ch->adv = calloc(m, sizeof(double));
	ch->orig = calloc(m, sizeof(double));
	ch->gap = calloc(m, sizeof(double));
	ch->xoff = calloc(m, sizeof(double));
	ch->extra = calloc(m, sizeof(double));
	ch->xpos = calloc(m, sizeof(double));
	ch->wid = calloc(m, sizeof(double));
	ch->stretch = calloc(m, sizeof(bool));
	ch->forced = calloc(m, sizeof(bool));
	ch->brk = calloc(m, sizeof(bool));
	return ch->cp && ch->cls && ch->off && ch->adv && ch->orig && ch->gap && ch->xoff &&
	    ch->extra && ch->xpos && ch->wid && ch->stretch && ch->forced && ch->brk;
}

/* The char index holding byte offset b (binary search over off[]). */
static size_t
char_at(const struct chars *ch, size_t b)
{
	size_t	 lo = 0, hi = ch->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ch->off[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ch->n && ch->off[lo] > b && lo > 0)
		lo--;
	return lo;
}

/* Spacing before breaking: the CJK–Latin gap, punctuation compression, the grid. */
static void
space(struct chars *ch, double em, double pitch)
{
	double	 g = 0.25 * em;
	size_t	 k, i, j;

	for (k = 0; k < ch->n; k++)
		ch->adv[k] = ch->orig[k];
	for (k = 0; k + 1 < ch->n; k++) {
		enum cc a = ch->cls[k], b = ch->cls[k + 1];

		/* A Han character touching a Latin letter or digit gets the gap… */
		if ((a == CC_IDEO && b == CC_LATIN) || (a == CC_LATIN && b == CC_IDEO))
			ch->gap[k] = g;
		/* …and a typed space between them becomes it; beside CJK punctuation, nothing. */
		if (a == CC_SPACE && k > 0) {
			enum cc p = ch->cls[k - 1];

			if ((is_cjk(p) && b == CC_LATIN) || (p == CC_LATIN && is_cjk(b)))
				ch->adv[k] = (p == CC_IDEO || b == CC_IDEO || p == CC_MIDDLE || b == CC_MIDDLE) ?
				    g : 0;
		}
	}
	if (pitch > 0) {
		for (k = 0; k < ch->n; k++)
			if (is_cjk(ch->cls[k])) {
				ch->xoff[k] = (pitch - ch->orig[k]) / 2;
				ch->adv[k] = pitch;
			}
		/* Widen each run of non-CJK characters to half pitches, half the extra on each side. */
		for (i = 0; i < ch->n; i = j) {
			double	 w = 0, extra;
			bool	 po, pi;

			if (is_cjk(ch->cls[i]) || ch->cls[i] == CC_OBJECT) {
				j = i + 1;
				continue;
			}
			for (j = i; j < ch->n && !is_cjk(ch->cls[j]) && ch->cls[j] != CC_OBJECT; j++)
				w += ch->adv[j] + ch->gap[j];
			if (i > 0)
				w += ch->gap[i - 1];
			/*
			 * Half cells: a whole cell can leave most of a character's width empty beside a
			 * short number (〔2022〕11号); half a cell keeps every line a whole number of cells
			 * wide and the gap never wider than a CJK–Latin space and a half.
			 */
			extra = ceil(w / (pitch / 2) - 1e-6) * (pitch / 2) - w;
			/* Beside one punctuation, which has its own blank, the extra goes to the other side. */
			po = j < ch->n && (ch->cls[j] == CC_OPEN || ch->cls[j] == CC_CLOSE);
			pi = i > 0 && (ch->cls[i - 1] == CC_OPEN || ch->cls[i - 1] == CC_CLOSE);

			if (i > 0 && j < ch->n && po && !pi)
				ch->gap[i - 1] += extra;
			else if (i > 0 && j < ch->n && pi && !po)
				ch->gap[j - 1] += extra;
			else if (i > 0 && j < ch->n) {
				ch->gap[i - 1] += extra / 2;
				ch->gap[j - 1] += extra / 2;
			} else if (i > 0)
				ch->gap[i - 1] += extra;
			else
				ch->gap[j - 1] += extra;
		}
		return;
	}
	/* Off the grid, adjacent punctuation loses one blank half between them. */
	for (k = 0; k + 1 < ch->n; k++) {
		if (ch->cls[k] == CC_CLOSE && compressible_close(ch->cp[k]) &&
		    (ch->cls[k + 1] == CC_CLOSE || ch->cls[k + 1] == CC_OPEN))
			ch->adv[k] = ch->orig[k] / 2;
		else if ((ch->cls[k] == CC_OPEN || ch->cls[k] == CC_CLOSE) && ch->cls[k + 1] == CC_OPEN) {
			ch->adv[k + 1] = ch->orig[k + 1] / 2;
			ch->xoff[k + 1] = -ch->orig[k + 1] / 2;
		}
	}
}

/* Where breaks may go, and which gaps stretch. */
static void
rules(struct chars *ch, const PangoLogAttr *la)
{
	size_t	 k;

	for (k = 1; k < ch->n; k++) {
		uint32_t a = ch->cp[k - 1], b = ch->cp[k];
		enum cc	 ca = ch->cls[k - 1], cb = ch->cls[k];
		bool	 ok = la[k].is_line_break;

		if (cb == CC_CLOSE || ca == CC_OPEN)
			ok = false;			/* kinsoku */
		if (cb == CC_MIDDLE && a == b)
			ok = false;			/* —— …… */
		if (a >= '0' && a <= '9' && cb != CC_SPACE && !(b >= '0' && b <= '9') && cb != CC_OPEN)
			ok = false;			/* 2025年, 30%, 5G */
		if (b == '%' || b == 0x2030 || b == 0xFF05)
			ok = false;
		if (ca == CC_OBJECT && ch->forced[k - 1])
			ok = true;
		ch->brk[k] = ok;
	}
	for (k = 0; k + 1 < ch->n; k++) {
		enum cc	 a = ch->cls[k], b = ch->cls[k + 1];

		ch->stretch[k] = (is_cjk(a) && is_cjk(b) && !(a == CC_MIDDLE && ch->cp[k] == ch->cp[k + 1])) ||
		    (is_cjk(a) && b == CC_LATIN) || (a == CC_LATIN && is_cjk(b)) ||
		    (a == CC_SPACE && ch->adv[k] > 0);
	}
}

/* Width of chars [s, e) as a line: trailing spaces and the last gap do not count. */
static double
line_width(const struct chars *ch, size_t s, size_t e, bool grid, size_t *content_end)
{
	double	 w = 0;
	size_t	 k, last = e;

	while (last > s && (ch->cls[last - 1] == CC_SPACE || (ch->cls[last - 1] == CC_OBJECT &&
	    ch->forced[last - 1])))
		last--;
	for (k = s; k < last; k++)
		w += ch->adv[k] + (k + 1 < last ? ch->gap[k] : 0);
	/* A closing punctuation at the end gives up its blank half (off the grid). */
	if (!grid && last > s && compressible_close(ch->cp[last - 1]) && ch->adv[last - 1] == ch->orig[last - 1])
		w -= ch->orig[last - 1] / 2;
	*content_end = last;
	return w;
}

/* Gaps may close by this share of an em each to take in a line's closing punctuation. */
#define SHRINK_PER_GAP 0.12

/* True when chars [s, e) fit the measure W once their stretchable gaps close a little. */
static bool
squeezable(const struct chars *ch, size_t s, size_t e, double W, double em)
{
	size_t	 ce, k, gaps = 0;
	double	 w = line_width(ch, s, e, false, &ce);

	for (k = s; k + 1 < ce; k++)
		if (ch->stretch[k])
			gaps++;
	return w - W <= (double)gaps * SHRINK_PER_GAP * em;
}

struct brk {
	size_t			 s, e;
	enum layout_break	 reason;
	bool			 hang;
};

/*
 * Greedy first fit. Returns the lines in *out (caller frees) and their count, or 0 when out of
 * memory.
 */
static size_t
breaklines(const struct chars *ch, double first, double rest, bool grid, double em, struct brk **out)
{
	struct brk	*v = NULL, *g;
	size_t		 n = 0, cap = 0, s = 0, e, k, ce, fit;
	double		 W, x;

	do {
		enum layout_break reason;
		bool	 hang = false;

		W = n == 0 ? first : rest;
		/* The longest prefix that fits; a forced break ends it early. */
		x = 0;
		fit = s;
		for (k = s; k < ch->n; k++) {
			if (k > s && line_width(ch, s, k + 1, grid, &ce) > W + 0.01)
				break;
			fit = k + 1;
			if (ch->forced[k])
				break;
		}
		(void)x;
		if (fit == s)
			fit = s + 1;
		if (fit > s && ch->forced[fit - 1]) {
			e = fit;
			reason = LAYOUT_BREAK_FORCED;
		} else if (fit >= ch->n) {
			e = ch->n;
			reason = LAYOUT_BREAK_END;
		} else if (ch->brk[fit]) {
			e = fit;
			reason = LAYOUT_BREAK_FIT;
		} else if (!grid && ch->cls[fit] == CC_CLOSE && (fit + 1 >= ch->n || ch->brk[fit + 1]) &&
		    squeezable(ch, s, fit + 1, W, em)) {
			/* Off the grid the line takes the punctuation in by closing its gaps a little. */
			e = fit + 1;
			reason = e >= ch->n ? LAYOUT_BREAK_END : LAYOUT_BREAK_FIT;
		} else if (ch->cls[fit] == CC_CLOSE && (fit + 1 >= ch->n || ch->brk[fit + 1])) {
			e = fit + 1;
			reason = e >= ch->n ? LAYOUT_BREAK_END : LAYOUT_BREAK_HANG;
			hang = true;
		} else {
			for (e = fit; e > s + 1 && !ch->brk[e]; e--)
				;
			reason = LAYOUT_BREAK_KINSOKU;
			if (e == s + 1 && !ch->brk[e]) {
				/*
				 * Nothing may break in the whole line (a long number, a URL): the line runs over
				 * the measure to the next allowed break rather than cut a number in two.
				 */
				for (e = fit; e < ch->n && !ch->brk[e]; e++)
					;
				reason = LAYOUT_BREAK_EMERGENCY;
			}
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((g = realloc(v, cap * sizeof(*g))) == NULL) {
				free(v);
				return 0;
			}
			v = g;
		}
		v[n].s = s;
		v[n].e = e;
		v[n].reason = reason;
		v[n].hang = hang;
		n++;
		s = e;
	} while (s < ch->n);
	*out = v;
	return n;
}

/* Places the characters of one line: justification, alignment, x positions and widths. */
static void
place(struct chars *ch, const struct brk *b, double W, enum doc_align align, bool grid,
    struct layout_line *line)
{
	size_t	 k, ce, gaps = 0, body_end;
	double	 natural, slack, each = 0, x, offset = 0;

	/* A hanging punctuation is outside the measure. */
	body_end = b->hang ? b->e - 1 : b->e;
	natural = line_width(ch, b->s, body_end, grid, &ce);
	for (k = b->s; k < ch->n && k < b->e; k++)
		ch->extra[k] = 0;
	slack = W - natural;
	line->natural = natural;
	line->measure = W;
	line->justified = false;
	/* Justify a full line; squeeze any line that took its closing punctuation in. */
	if ((align == DOC_ALIGN_JUSTIFY && slack > 0.01 && b->reason != LAYOUT_BREAK_END &&
	    b->reason != LAYOUT_BREAK_FORCED) || slack < -0.01) {
		for (k = b->s; k + 1 < ce; k++)
			if (ch->stretch[k])
				gaps++;
		if (gaps > 0) {
			each = slack / (double)gaps;
			for (k = b->s; k + 1 < ce; k++)
				if (ch->stretch[k])
					ch->extra[k] = each;
			line->justified = true;
		}
	} else if (align == DOC_ALIGN_CENTER && slack > 0)
		offset = slack / 2;
	else if (align == DOC_ALIGN_RIGHT && slack > 0)
		offset = slack;
	x = offset;
	for (k = b->s; k < b->e; k++) {
		double w = ch->adv[k] + ch->extra[k] + (k + 1 < ce ? ch->gap[k] : 0);

		if (k >= ce && !b->hang)
			w = ch->cls[k] == CC_SPACE ? 0 : ch->adv[k];	/* trailing spaces take nothing */
		if (!grid && k + 1 == ce && compressible_close(ch->cp[k]) && ch->adv[k] == ch->orig[k])
			w -= ch->orig[k] / 2;
		ch->xpos[k] = x;
		ch->wid[k] = w;
		x += w;
	}
	line->width = line->justified ? W : natural;
}

/* Cuts pango's run to the byte range [bs, be): a copy the caller owns, or NULL when empty. */
static PangoGlyphItem *
cut(PangoGlyphItem *run, const char *text, int bs, int be)
{
	PangoGlyphItem	*copy, *left;
	int		 io = run->item->offset, ie = run->item->offset + run->item->length;

	if (be <= io || bs >= ie)
		return NULL;
	/* pango_glyph_item_split takes the split point relative to the item's start. */
	copy = pango_glyph_item_copy(run);
	if (bs > io) {
		left = pango_glyph_item_split(copy, text, bs - io);
		pango_glyph_item_free(left);
	}
	if (be < ie) {
		left = pango_glyph_item_split(copy, text, be - copy->item->offset);
		pango_glyph_item_free(copy);
		copy = left;
	}
	return copy;
}

static uint32_t
run_color(const PangoGlyphItem *gi, uint32_t base)
{
	GSList	*l;

	for (l = gi->item->analysis.extra_attrs; l != NULL; l = l->next) {
		PangoAttribute *a = l->data;

		if (a->klass->type == PANGO_ATTR_FOREGROUND) {
			PangoColor c = ((PangoAttrColor *)a)->color;

			return ((uint32_t)(c.red >> 8) << 16) | ((uint32_t)(c.green >> 8) << 8) | (c.blue >> 8);
		}
	}
	return base;
}

/*
 * A dash of a pair (——) moves its ink to the boundary it shares with its twin, so the pair reads as
 * one line, whatever side bearings the font gives U+2014.
 */
static void
join_dashes(const struct chars *ch, size_t k, PangoFont *font, PangoGlyphInfo *gl, double cell)
{
	PangoRectangle	 ink;
	bool		 first = k + 1 < ch->n && ch->cp[k + 1] == 0x2014;
	bool		 second = k > 0 && ch->cp[k - 1] == 0x2014;

	if (first == second)
		return;		/* alone, or in the middle of a longer run: leave it */
	pango_font_get_glyph_extents(font, gl->glyph, &ink, NULL);
	if (ink.width <= 0)
		return;
	if (first)
		gl->geometry.x_offset = (int)lround(cell * PANGO_SCALE) - (ink.x + ink.width);
	else
		gl->geometry.x_offset = -ink.x;
}

/* Makes the glyph items of a placed line, their widths set to the widths decided in place(). */
static bool
glyphs(struct para *p, const struct chars *ch, PangoLayoutLine *pl, const struct brk *b,
    struct layout_line *line, uint32_t color)
{
	GSList		*r;
	size_t		 cap = 4;
	int		 bs = (int)ch->off[b->s], be = (int)ch->off[b->e];

	line->glyphs = calloc(cap, sizeof(*line->glyphs));
	if (line->glyphs == NULL)
		return false;
	for (r = pl ? pl->runs : NULL; r != NULL; r = r->next) {
		PangoGlyphItem	*gi = cut(r->data, p->text, bs, be);
		PangoGlyphString *gs;
		int		 g, h;

		if (gi == NULL)
			continue;
		gs = gi->glyphs;
		/* Each cluster: its characters' decided widths replace the shaped ones. */
		for (g = 0; g < gs->num_glyphs; g = h) {
			size_t	 k0, k1, k;
			double	 want = 0, have = 0;
			size_t	 cb = (size_t)(gi->item->offset + gs->log_clusters[g]), ce;

			for (h = g; h < gs->num_glyphs && gs->log_clusters[h] == gs->log_clusters[g]; h++)
				have += gs->glyphs[h].geometry.width;
			ce = h < gs->num_glyphs ? (size_t)(gi->item->offset + gs->log_clusters[h]) :
			    (size_t)(gi->item->offset + gi->item->length);
			k0 = char_at(ch, cb);
			k1 = char_at(ch, ce);
			if (ce >= ch->off[ch->n])
				k1 = ch->n;
			for (k = k0; k < k1; k++)
				want += ch->wid[k];
			for (int q = g; q < h; q++)
				gs->glyphs[q].geometry.x_offset += (int)lround(ch->xoff[k0] * PANGO_SCALE);
			if (h == g + 1 && ch->cp[k0] == 0x2014)
				join_dashes(ch, k0, gi->item->analysis.font, &gs->glyphs[g], want);
			gs->glyphs[h - 1].geometry.width += (int)lround(want * PANGO_SCALE - have);
		}
		if (line->glyph_count == cap) {
			struct layout_glyphs *grown;

			cap *= 2;
			if ((grown = realloc(line->glyphs, cap * sizeof(*grown))) == NULL) {
				pango_glyph_item_free(gi);
				return false;
			}
			line->glyphs = grown;
		}
		line->glyphs[line->glyph_count].item = gi;
		line->glyphs[line->glyph_count].x = ch->xpos[char_at(ch, (size_t)gi->item->offset)];
		line->glyphs[line->glyph_count].color = run_color(gi, color);
		line->glyphs[line->glyph_count].underline = false;
		line->glyph_count++;
	}
	return true;
}

/*
 * A centred title of several lines is set with lines of even length (GB/T 9704 wants titles in a
 * pyramid or diamond, never with one character left on a line of its own): the narrowest measure that
 * still gives the same number of lines, found by bisection. Lines are still centred on the full measure.
 */
static bool
balance(const struct chars *ch, const struct para_input *in, double indent, double hanging, bool grid,
    struct brk **br, size_t *nbr)
{
	struct brk	*trial;
	double		 lo = in->width / (double)(*nbr + 1), hi = in->width, mid;
	size_t		 n, i;

	for (i = 0; i < 20 && hi - lo > 0.5; i++) {
		mid = (lo + hi) / 2;
		if ((n = breaklines(ch, mid - indent, mid - hanging, grid, in->style->size, &trial)) == 0)
			return false;
		free(trial);
		if (n == *nbr)
			hi = mid;
		else
			lo = mid;
	}
	if ((n = breaklines(ch, hi - indent, hi - hanging, grid, in->style->size, &trial)) == 0)
		return false;
	if (n != *nbr) {
		free(trial);
		return true;
	}
	free(*br);
	*br = trial;
	return true;
}

struct para *
para_layout(struct layout_fonts *f, const struct para_input *in, struct diag_list *diags)
{
	struct builder		 b;
	struct para		*p = NULL;
	struct chars		 ch;
	struct brk		*br = NULL;
	PangoFontDescription	*fd;
	PangoLayoutLine		*pl;
	const PangoLogAttr	*la;
	PangoRectangle		 logical;
	GSList			*r;
	size_t			 i, k, nbr = 0, n = 0;
	int			 nla;
	double			 pitch = in->style->char_pitch, indent = in->indent, hanging = in->hanging;
	bool			 grid = pitch > 0, ok = false;

	memset(&b, 0, sizeof(b));
	memset(&ch, 0, sizeof(ch));
	b.attrs = pango_attr_list_new();
	b.fields = in->fields;
	b.em = in->style->size;
	b.bold_font = in->bold_font;
	b.fonts = f;
	b.style = in->style;
	append(&b, "", 0);
	if (in->node != NULL)
		inlines(&b, in->node);
	else if (in->text != NULL)
		append_str(&b, in->text);
	if (b.oom || (p = calloc(1, sizeof(*p))) == NULL)
		goto out;
	p->text = b.text;
	b.text = NULL;
	p->spans = b.spans;
	p->span_count = b.span_count;
	b.spans = NULL;
	p->has_fields = b.has_fields;

	p->pl = pango_layout_new(f->context);
	fd = fonts_describe(f, in->style);
	pango_layout_set_font_description(p->pl, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(p->pl, -1);
	pango_layout_set_text(p->pl, p->text, (int)b.len);
	pango_layout_set_attributes(p->pl, b.attrs);
	pango_layout_get_extents(p->pl, NULL, &logical);
	p->ascent = pango_layout_get_baseline(p->pl) / (double)PANGO_SCALE;
	p->descent = logical.height / (double)PANGO_SCALE - p->ascent;
	if (p->ascent <= 0) {
		p->ascent = in->style->size * 0.88;
		p->descent = in->style->size * 0.12;
	}
	p->pitch = in->style->line_height > 0 ? in->style->line_height : p->ascent + p->descent;
	p->top = (p->pitch - (p->ascent + p->descent)) / 2 + p->ascent;

	/* Characters, their classes and shaped advances. */
	for (i = 0; i < b.len; n++)
		utf8_decode(p->text, &i);
	if (!chars_alloc(&ch, n))
		goto out;
	for (i = 0, k = 0; i < b.len; k++) {
		ch.off[k] = i;
		ch.cp[k] = utf8_decode(p->text, &i);
		ch.cls[k] = classify(ch.cp[k]);
	}
	ch.off[n] = b.len;
	for (i = 0; i < b.break_count; i++)
		ch.forced[char_at(&ch, b.breaks[i])] = true;
	pl = pango_layout_get_line_readonly(p->pl, 0);
	for (r = pl ? pl->runs : NULL; r != NULL; r = r->next) {
		PangoGlyphItem	*gi = r->data;
		int		 g;

		for (g = 0; g < gi->glyphs->num_glyphs; g++) {
			k = char_at(&ch, (size_t)(gi->item->offset + gi->glyphs->log_clusters[g]));
			ch.orig[k] += gi->glyphs->glyphs[g].geometry.width / (double)PANGO_SCALE;
			if ((gi->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG) && ch.cls[k] != CC_OBJECT &&
			    ch.cp[k] != 0x200B)
				diag_add(diags, DIAG_WARNING, in->file, in->node ? in->node->line : 0, 0,
				    "no installed font has a glyph for U+%04X; it shows as a box", ch.cp[k]);
		}
	}
	for (k = 0; k < n; k++)
		ch.orig[k] += in->style->letter_spacing;
	space(&ch, in->style->size, pitch);
	la = pango_layout_get_log_attrs_readonly(p->pl, &nla);
	if ((size_t)nla < n + 1)
		goto out;
	rules(&ch, la);
	if (grid) {
		indent = round(indent / pitch) * pitch;
		hanging = round(hanging / pitch) * pitch;
	}

	if (n == 0) {
		/* An empty paragraph still takes a line. */
		if ((p->lines = calloc(1, sizeof(*p->lines))) == NULL)
			goto out;
		p->lines[0].text = p->text;
		p->lines[0].reason = LAYOUT_BREAK_END;
		p->lines[0].ascent = p->ascent;
		p->lines[0].descent = p->descent;
		p->line_count = 1;
		ok = true;
		goto out;
	}
	if ((nbr = breaklines(&ch, in->width - indent, in->width - hanging, grid, in->style->size, &br)) == 0)
		goto out;
	if (in->align == DOC_ALIGN_CENTER && nbr > 1 && !balance(&ch, in, indent, hanging, grid, &br, &nbr))
		goto out;
	if ((p->lines = calloc(nbr, sizeof(*p->lines))) == NULL)
		goto out;
	p->line_count = nbr;
	for (i = 0; i < nbr; i++) {
		struct layout_line *line = &p->lines[i];

		line->text = p->text;
		line->start = ch.off[br[i].s];
		line->end = ch.off[br[i].e];
		line->reason = br[i].reason;
		line->ascent = p->ascent;
		line->descent = p->descent;
		place(&ch, &br[i], in->width - (i == 0 ? indent : hanging), in->align, grid, line);
		if (!glyphs(p, &ch, pl, &br[i], line, in->style->color))
			goto out;
		/* Line origins: the indent is part of the glyph positions' frame, not of the line. */
		for (k = 0; k < line->glyph_count; k++)
			line->glyphs[k].x += i == 0 ? indent : hanging;
	}
	/*
	 * The lines hold copies of the glyph items, and each copy keeps its font: the layout (its text,
	 * attributes, log attrs and shaped runs) is no longer needed. Freed now, a 5,000-page document
	 * does not keep every paragraph's PangoLayout alive until it is drawn.
	 */
	g_object_unref(p->pl);
	p->pl = NULL;
	/* Keep each character's x for links and inline objects. */
	if ((p->xpos_store = malloc((n + 1) * sizeof(double))) == NULL ||
	    (p->wid_store = malloc((n + 1) * sizeof(double))) == NULL ||
	    (p->off_store = malloc((n + 1) * sizeof(size_t))) == NULL)
		goto out;
	for (i = 0; i < nbr; i++)
		for (k = br[i].s; k < br[i].e; k++)
			ch.xpos[k] += i == 0 ? indent : hanging;
	memcpy(p->xpos_store, ch.xpos, (n + 1) * sizeof(double));
	memcpy(p->wid_store, ch.wid, (n + 1) * sizeof(double));
	memcpy(p->off_store, ch.off, (n + 1) * sizeof(size_t));
	p->char_count = n;
	ok = true;
out:
	if (b.oom || !ok)
		diag_add(diags, DIAG_FATAL, in->file, 0, 0, "out of memory setting a paragraph");
	free(br);
	chars_free(&ch);
	free(b.text);
	free(b.spans);
	free(b.breaks);
	pango_attr_list_unref(b.attrs);
	if (!ok) {
		para_free(p);
		return NULL;
	}
	return p;
}

void
para_free(struct para *p)
{
	size_t	 i, k;

	if (p == NULL)
		return;
	for (i = 0; i < p->line_count; i++) {
		for (k = 0; k < p->lines[i].glyph_count; k++)
			pango_glyph_item_free(p->lines[i].glyphs[k].item);
		free(p->lines[i].glyphs);
	}
	free(p->lines);
	free(p->spans);
	free((char *)p->made_of.text);
	free(p->xpos_store);
	free(p->wid_store);
	free(p->off_store);
	if (p->pl != NULL)
		g_object_unref(p->pl);
	free(p->text);
	free(p);
}

bool
para_line_range(const struct para *p, const struct layout_line *line, size_t start, size_t end,
    double *x0, double *x1)
{
	size_t	 k;
	bool	 found = false;

	for (k = 0; k < p->char_count; k++) {
		size_t b = p->off_store[k];

		if (b < line->start || b >= line->end || b < start || b >= end)
			continue;
		if (!found) {
			*x0 = p->xpos_store[k];
			found = true;
		}
		*x1 = p->xpos_store[k] + p->wid_store[k];
	}
	return found;
}
