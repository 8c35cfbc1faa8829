/*
 * doc/space.c: the whitespace rule (docs/document.md, "Whitespace").
 *
 * Line breaks and indentation in document XML are layout of the XML, not text: a template or a person
 * breaks a long Chinese paragraph wherever the editor wraps it, and the break must not become a gap in
 * the middle of a word. But a space typed in the text is text (the plans keep the space in
 * "2020年 4.43张" as printed). So, over the whole inline content of one block, across the b, i, span
 * and a elements inside it:
 *
 *   - whitespace at the start and the end of the block's content is removed;
 *   - a run of whitespace that holds no line break is kept as it is;
 *   - a run that holds a line break is removed when both characters around it are CJK (Han, kana,
 *     CJK punctuation and full-width forms, and the quotation marks, dashes and ellipsis Chinese text
 *     uses) or when it touches a br, and becomes one space otherwise (Latin words, digits, or an
 *     inline such as page-number or ref on either side).
 *
 * "Whitespace" is what XML calls so (space, tab, line feed, carriage return); U+3000 is a CJK
 * character, not whitespace. A run may cross element boundaries (`康 </b>\n 中`): it is decided as a
 * whole, and its one space, if any, goes where the run starts. The text is rewritten in place (it only
 * ever shrinks); text nodes left empty are removed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/doc.h"
#include "doc-int.h"

/* What borders a run of whitespace on one side. */
enum side {
	SIDE_EDGE,	/* the start or the end of the block */
	SIDE_BREAK,	/* a br */
	SIDE_INLINE,	/* an inline that is not text (page-number, ref, badge, …) */
	SIDE_CJK,
	SIDE_OTHER
};

/* A run of whitespace not yet decided. */
struct run {
	bool	 open;
	bool	 newline;
	size_t	 seg;		/* the segment it starts in */
	size_t	 w;		/* where its result goes in that segment */
	size_t	 r;		/* where it starts in that segment's source */
};

/*
 * True for the characters the rule counts as CJK. Hangul is not among them: Korean separates
 * words with spaces, so a line break there is a space.
 */
static bool
is_cjk(uint32_t c)
{
	static const struct {
		uint32_t	 lo, hi;
	} ranges[] = {
		{ 0x00B7, 0x00B7 },	/* · middle dot (names) */
		{ 0x2014, 0x2015 },	/* — dashes (——) */
		{ 0x2018, 0x2019 },	/* ‘ ’ */
		{ 0x201C, 0x201D },	/* “ ” */
		{ 0x2026, 0x2026 },	/* … */
		{ 0x2E3A, 0x2E3B },	/* two- and three-em dashes */
		{ 0x2E80, 0x2FDF },	/* CJK and Kangxi radicals */
		{ 0x3000, 0x303F },	/* CJK symbols and punctuation: 、。〈〉《》「」【】〔〕 */
		{ 0x3040, 0x30FF },	/* hiragana, katakana */
		{ 0x3100, 0x312F },	/* bopomofo */
		{ 0x31C0, 0x31EF },	/* CJK strokes */
		{ 0x31F0, 0x31FF },	/* katakana extensions */
		{ 0x3200, 0x33FF },	/* enclosed CJK, CJK compatibility */
		{ 0x3400, 0x4DBF },	/* CJK extension A */
		{ 0x4E00, 0x9FFF },	/* CJK unified ideographs */
		{ 0xF900, 0xFAFF },	/* CJK compatibility ideographs */
		{ 0xFE10, 0xFE1F },	/* vertical forms */
		{ 0xFE30, 0xFE4F },	/* CJK compatibility forms */
		{ 0xFF00, 0xFFEF },	/* full-width forms: （），：；！？ and full-width digits */
		{ 0x20000, 0x3FFFF },	/* CJK extensions B and later */
	};
	size_t	 i;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (c >= ranges[i].lo && c <= ranges[i].hi)
			return true;
	return false;
}

/* Decodes the UTF-8 character at s (n bytes left) into *c; returns its length. Bad bytes are one
 * character each, neither CJK nor whitespace. */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *c)
{
	size_t	 len, i;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (len == 0 || len > n) {
		*c = 0xFFFD;
		return 1;
	}
	*c = s[0] & (0x7F >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*c = 0xFFFD;
			return 1;
		}
		*c = *c << 6 | (s[i] & 0x3F);
	}
	return len;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Decides the open run, which ends before byte end_r of segment end (a text segment being read, or
 * the inline that ends the run, or n at the block's end), and writes its result. Returns the write
 * position in segment end when that is the text segment being read.
 */
static size_t
run_close(struct doc_seg *segs, struct run *run, size_t end, size_t end_r, enum side left,
    enum side right)
{
	enum { DROP, KEEP, SPACE }	 what;
	struct doc_seg			*s0 = &segs[run->seg];
	size_t				 k, n0;

	if (left == SIDE_EDGE || right == SIDE_EDGE)
		what = DROP;
	else if (!run->newline)
		what = KEEP;
	else if (left == SIDE_BREAK || right == SIDE_BREAK)
		what = DROP;
	else if (left == SIDE_CJK && right == SIDE_CJK)
		what = DROP;
	else
		what = SPACE;
	run->open = false;

	/* The run's first piece, in the segment it starts in. */
	n0 = (run->seg == end ? end_r : s0->orig) - run->r;
	if (what == KEEP)
		memmove(s0->text + run->w, s0->text + run->r, n0);
	else if (what == SPACE)
		s0->text[run->w] = ' ';
	n0 = what == KEEP ? n0 : what == SPACE ? 1 : 0;
	if (run->seg == end)
		return run->w + n0;
	s0->len = run->w + n0;
	/* Whole segments of whitespace in between, then the piece in segment `end`, stay or go. */
	for (k = run->seg + 1; k < end; k++)
		segs[k].len = what == KEEP ? segs[k].orig : 0;
	return what == KEEP ? end_r : 0;
}

/* Applies the rule to segs[0..n), setting each text segment's len and terminating its text. */
static void
space_apply(struct doc_seg *segs, size_t n)
{
	struct run	 run = { false, false, 0, 0, 0 };
	enum side	 left = SIDE_EDGE, side;
	struct doc_seg	*s;
	size_t		 k, r, w, l;
	uint32_t	 c;

	for (k = 0; k < n; k++) {
		s = &segs[k];
		if (s->text == NULL) {
			side = s->is_break ? SIDE_BREAK : SIDE_INLINE;
			if (run.open)
				run_close(segs, &run, k, 0, left, side);
			left = side;
			continue;
		}
		for (r = w = 0; r < s->orig; ) {
			if (is_space(s->text[r])) {
				if (!run.open) {
					run.open = true;
					run.newline = false;
					run.seg = k;
					run.w = w;
					run.r = r;
				}
				if (s->text[r] == '\n' || s->text[r] == '\r')
					run.newline = true;
				r++;
				continue;
			}
			l = utf8_decode((const unsigned char *)s->text + r, s->orig - r, &c);
			side = is_cjk(c) ? SIDE_CJK : SIDE_OTHER;
			if (run.open)
				w = run_close(segs, &run, k, r, left, side);
			memmove(s->text + w, s->text + r, l);
			w += l;
			r += l;
			left = side;
		}
		s->len = w;
	}
	if (run.open)
		run_close(segs, &run, n, 0, left, SIDE_EDGE);
	for (k = 0; k < n; k++)
		if (segs[k].text != NULL)
			segs[k].text[segs[k].len] = '\0';
}

/* Appends the inline content of n to b->segs, descending into b, i, span and a. */
static bool
segs_collect(struct doc_build *b, const struct doc_node *n, size_t *count)
{
	struct doc_node	*c;
	struct doc_seg	*grown, *s;
	size_t		 cap;

	for (c = n->first; c != NULL; c = c->next) {
		switch (c->type) {
		case DOC_BOLD:
		case DOC_ITALIC:
		case DOC_SPAN:
		case DOC_LINK:
			if (!segs_collect(b, c, count))
				return false;
			continue;
		default:
			break;
		}
		if (*count == b->seg_cap) {
			cap = b->seg_cap ? b->seg_cap * 2 : 64;
			if ((grown = realloc(b->segs, cap * sizeof(*grown))) == NULL)
				return false;
			b->segs = grown;
			b->seg_cap = cap;
		}
		s = &b->segs[(*count)++];
		s->node = c;
		s->is_break = c->type == DOC_LINE_BREAK;
		s->text = c->type == DOC_TEXT ? c->u.text.text : NULL;
		s->orig = s->len = s->text != NULL ? strlen(s->text) : 0;
	}
	return true;
}

bool
doc_space_block(struct doc_build *b, struct doc_node *block)
{
	size_t	 n = 0, k;

	if (!segs_collect(b, block, &n)) {
		b->oom = true;
		return false;
	}
	space_apply(b->segs, n);
	for (k = 0; k < n; k++)
		if (b->segs[k].text != NULL && b->segs[k].len == 0) {
			doc_node_unlink(b->segs[k].node);
			doc_node_free(b->segs[k].node);
		}
	return true;
}

void
doc_space_string(char *s)
{
	struct doc_seg	 seg;

	seg.text = s;
	seg.node = NULL;
	seg.is_break = false;
	seg.orig = seg.len = strlen(s);
	space_apply(&seg, 1);
}
