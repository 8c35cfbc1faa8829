/*
 * layout: sets a document tree on pages. Shapes text with pango (one PangoLayout per paragraph,
 * shaped once), breaks lines itself with Chinese rules (kinsoku, punctuation compression, CJK–Latin
 * gaps, justification over the gaps between Chinese characters, a character grid), flows blocks
 * down pages (tables with repeated headers, boxes with continued frames, keeps, widows and orphans),
 * numbers the pages and fills in the table of contents until the numbers are stable.
 *
 * The result is pages of positioned items; layout decides every position, render only draws. Knows
 * nothing of plans, templates or cairo surfaces.
 *
 * May be included by render and cli.
 */
#ifndef PLANREP_LAYOUT_H
#define PLANREP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <pango/pango.h>

#include "planrep/diag.h"
#include "planrep/doc.h"

/*
 * The most pages a document may have. The layout holds every page until it is drawn (a table of
 * contents needs the last page number before the first page is written), about 0.2 MB a page of
 * text: 2,000 pages is some 400 MB and a few seconds. A longer document stops with an error saying so
 * before it gets there, rather than taking the machine's memory (docs/security.md).
 */
#define LAYOUT_MAX_PAGES	2000

/* The fonts and the pango context of a run: made once, used for every document of the run. */
struct layout_fonts;

/* A thread loading glyphs ahead of the thread that lays out and draws (layout/warm.c). */
struct layout_warm;

/*
 * Starts reading the system's fontconfig configuration in a thread, so that it overlaps loading the
 * document; layout_fonts_new waits for it. For a process that draws once (render, chart); not before
 * a fork.
 */
void			 layout_fonts_prepare(void);

/*
 * Makes the font map and context (72 dpi, no hinting: PDF, SVG and PNG set the same lines). for_pdf:
 * the run writes PDFs, whose font subsetter reads whole fonts; planrep then opens its CFF faces
 * itself so that what is read does not stay resident (layout/fonts.c). Opening them costs some 6 ms,
 * for nothing when only SVG or PNG is written.
 */
struct layout_fonts	*layout_fonts_new(bool for_pdf, struct diag_list *);
void			 layout_fonts_free(struct layout_fonts *);

/*
 * Whether a thread loads each document's glyph metrics ahead of its layout (layout/warm.c; on by
 * default). Worth a spare core, a loss without one: a build with a worker per core turns it off.
 */
void			 layout_fonts_warm_metrics(struct layout_fonts *, bool on);

/*
 * Gives back the pages of the font files planrep opened itself that glyphs were read from so far
 * (layout/fonts.c says why): read again from the page cache when needed. Safe from any thread.
 */
void			 layout_fonts_trim(void);

/* The run's font map (borrowed), for what measures text outside a layout: charts drawn alone. */
PangoFontMap		*layout_fonts_map(const struct layout_fonts *);

/*
 * Writes which font file serves each family of the list (as fontconfig resolves it) to f, one line
 * each, and says when none of a list's families is installed. Returns false when some list has no
 * family installed.
 */
bool			 layout_fonts_report(struct layout_fonts *, const char *const *families, FILE *);

/* One line of text, ready to draw: pango glyph items at x offsets from the line's origin. */
struct layout_glyphs {
	PangoGlyphItem	*item;		/* owned copy, widths already adjusted for spacing */
	double		 x;		/* pt from the line's origin */
	uint32_t	 color;		/* 0xRRGGBB */
	bool		 underline;	/* links on screen */
};

enum layout_break {
	LAYOUT_BREAK_END,	/* the paragraph's last line */
	LAYOUT_BREAK_FIT,	/* the line was full */
	LAYOUT_BREAK_KINSOKU,	/* moved back so that no punctuation starts the next line */
	LAYOUT_BREAK_HANG,	/* full, with a closing punctuation hanging in the margin */
	LAYOUT_BREAK_FORCED,	/* br */
	LAYOUT_BREAK_EMERGENCY	/* no allowed break: cut where the line was full */
};

struct layout_line {
	const char		*text;		/* borrowed: the paragraph's UTF-8 text */
	double			 measure;	/* pt available to the line (after its indent) */
	size_t			 start, end;	/* byte range of text in the line */
	struct layout_glyphs	*glyphs;	/* owned */
	size_t			 glyph_count;
	double			 width;		/* pt, as set (justified lines: the measure) */
	double			 natural;	/* pt, before justification */
	double			 ascent, descent; /* pt, of the largest font in the line */
	enum layout_break	 reason;
	bool			 justified;
};

enum layout_item_type {
	LAYOUT_ITEM_TEXT,	/* a line of text, origin (x, y) on its baseline */
	LAYOUT_ITEM_RULE,	/* a line from (x, y) to (x + w, y + h) */
	LAYOUT_ITEM_RECT,	/* a rectangle, filled with fill and/or stroked with color */
	LAYOUT_ITEM_PLACEHOLDER, /* a chart, badge or bar the chart stage will draw: a frame */
	LAYOUT_ITEM_IMAGE,	/* an image file scaled into (x, y, w, h) */
	LAYOUT_ITEM_LINK,	/* a clickable area to a destination id */
	LAYOUT_ITEM_DEST	/* a named destination at (x, y) */
};

struct layout_item {
	enum layout_item_type	 type;
	double			 x, y, w, h;	/* pt, page coordinates, y down */
	uint32_t		 color;		/* stroke / text colour, 0xRRGGBB */
	uint32_t		 fill;		/* RECT fill, or DOC_NO_COLOR */
	double			 line_width;	/* pt, RULE and RECT strokes; 0 = none */
	double			 dash;		/* RULE: dot spacing (leaders), 0 = solid */
	double			 angle;		/* TEXT: rotation about (x, y), radians (watermark) */
	bool			 as_path;	/* TEXT: drawn as outlines, not text: decoration (a watermark)
						 * that must not come out of the PDF with the text */
	const struct layout_line *line;		/* TEXT: borrowed from the layout */
	const char		*target;	/* LINK, DEST: borrowed id; IMAGE: borrowed path */
	const struct doc_node	*node;		/* the source node, borrowed from the doc */
};

struct layout_page {
	struct layout_item	*items;		/* owned */
	size_t			 count, cap;
	int			 number;	/* the page number printed, 0 on the title page */
	bool			 title;		/* a title page: no running matter */
};

struct layout_outline {
	int			 level;		/* 1–4 */
	char			*title;		/* owned UTF-8 */
	char			*dest;		/* owned: destination id */
	size_t			 page;		/* index into pages */
	double			 y;		/* pt */
};

struct layout_result;

/*
 * Lays out doc. Returns the pages (caller frees with layout_result_free) or NULL with diagnostics.
 * The result borrows from doc and fonts: free it before them.
 */
struct layout_result	*layout_document(struct layout_fonts *, const struct doc *, struct diag_list *);
void			 layout_result_free(struct layout_result *);

size_t			 layout_page_count(const struct layout_result *);
const struct layout_page *layout_page_get(const struct layout_result *, size_t index);

/*
 * Starts a thread that has cairo load the outlines of the laid-out pages' glyphs ahead of a PDF
 * drawing them (layout/warm.c says why). NULL when there is nothing to do or it cannot start: the
 * drawing then loads them itself.
 */
struct layout_warm	*layout_warm_outlines(const struct layout_result *);

/* Stops such a thread, whatever it has not loaded yet, and frees it. NULL is a no-op. */
void			 layout_warm_end(struct layout_warm *);

size_t			 layout_outline_count(const struct layout_result *);
const struct layout_outline *layout_outline_get(const struct layout_result *, size_t index);
/* The page size, pt. */
void			 layout_page_size(const struct layout_result *, double *width, double *height);

/*
 * Writes the pages as text: each page, each item with its position, each line with its text and
 * break reason. Tests compare it with expected files; people read it when a page looks wrong.
 */
void			 layout_dump(const struct layout_result *, FILE *);

#endif
