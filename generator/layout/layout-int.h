/*
 * layout-int.h: shared by the files of the layout module only.
 *
 *   fonts.c     the font map and context, font descriptions from styles, missing fonts
 *   text.c      one paragraph: shaping, Chinese spacing, line breaking, justification
 *   flow.c      blocks to slices: paragraphs, headings, tables, boxes, figures, the toc
 *   paginate.c  slices to pages, running matter, page numbers, the toc passes
 *   dump.c      the text dump of the result
 */
#ifndef PLANREP_LAYOUT_INT_H
#define PLANREP_LAYOUT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <fontconfig/fontconfig.h>
#include <pango/pango.h>

#include "planrep/diag.h"
#include "planrep/doc.h"
#include "planrep/layout.h"

struct layout_fonts {
	PangoFontMap	*map;		/* owned: one cairo font map for the run */
	PangoContext	*context;	/* owned: 72 dpi, no hinting */
	FcFontSet	*faces;		/* owned: the faces the map sees, by file and index (fonts.c
					 * says why): those of the families documents name */
	GHashTable	*families;	/* owned: family looked up -> installed (0 or 1) */
	GHashTable	*bold;		/* owned: family list -> whether its family has a bold face */
	bool		 changed;	/* faces has a face the map does not see yet */
	bool		 for_pdf;	/* the run writes PDFs: CFF faces opened by planrep (fonts.c) */
	struct layout_warm *warm;	/* owned: metrics loaded ahead of a document's layout (warm.c) */
	bool		 warm_metrics;	/* whether to (layout_fonts_warm_metrics) */
};

/*
 * Starts a thread that has cairo load the metrics of the document's glyphs ahead of its layout
 * (warm.c says why); end it with layout_warm_end. NULL when there is nothing to do or it cannot start:
 * the layout then loads them itself.
 */
struct layout_warm *fonts_warm_metrics(struct layout_fonts *, const struct doc *, const char *bold_font);

/*
 * Makes a font description for a style (family list, size, weight as fonts_weight gives it, italic).
 * Caller frees.
 */
PangoFontDescription *fonts_describe(struct layout_fonts *, const struct doc_style *);

/*
 * The weight to ask for text of this weight in this family list: the weight itself, unless it is bold,
 * the first installed family has no bold face and synthetic (a style's synthetic-bold) is false; then
 * the normal weight, so that the family's face is not emboldened.
 */
int	fonts_weight(struct layout_fonts *, const char *families, int weight, bool synthetic);

/* Warns once per style when none of its font families is installed. */
void	fonts_check_style(struct layout_fonts *, const struct doc_style *, const char *file,
	    struct diag_list *);

/* Values the inline walker substitutes for page-number, page-count, section-title, ref. */
struct para_fields {
	const char	*page_number;	/* NULL: the node's text is a placeholder of that width */
	const char	*page_count;
	const char	*section_title;
	/* the page number an id is set on, or NULL while unknown */
	const char	*(*ref)(void *arg, const char *id);
	void		*arg;
};

/* An inline mark that becomes an item of its own once the line is placed: links, placeholders. */
struct para_span {
	size_t			 start, end;	/* byte range in the paragraph text */
	const struct doc_node	*node;		/* DOC_LINK, DOC_BADGE, DOC_BAR */
};

/* What to set: either a block's inline children or a plain text, in a style, at a width. */
struct para_input {
	const struct doc_style	*style;		/* the block's style */
	const struct doc_node	*node;		/* a block whose children are inlines, or NULL */
	const char		*text;		/* plain text when node is NULL */
	double			 width;		/* pt, the measure */
	double			 indent;	/* pt, first line (from the style unless overridden) */
	double			 hanging;	/* pt, other lines */
	enum doc_align		 align;
	const struct para_fields *fields;	/* for page numbers and refs, or NULL */
	const char		*bold_font;	/* family list of b, or NULL: the block's own (style "b") */
	const char		*file;		/* for diagnostics */
};

/* A paragraph set at one width: its lines, and what keeps their glyphs alive. */
struct para {
	char			*text;		/* owned UTF-8 */
	PangoLayout		*pl;		/* owned while the paragraph is set; NULL after: the lines'
						 * glyph items are copies that keep their fonts */
	struct layout_line	*lines;		/* owned */
	size_t			 line_count;
	double			 pitch;		/* pt from one baseline to the next */
	double			 ascent, descent; /* pt */
	double			 top;		/* pt from the top of a line box to its baseline */
	struct para_span	*spans;		/* owned */
	size_t			 span_count;
	bool			 has_fields;	/* refs or page numbers: set again when they change */
	struct para_input	 made_of;	/* what flow_para set it from (text: owned copy) */
	unsigned long		 made_hash;
	size_t			 char_count;
	double			*xpos_store;	/* owned: x of each character in its line */
	double			*wid_store;	/* owned: width of each character */
	size_t			*off_store;	/* owned: byte offset of each character */
};

/* Sets a paragraph. Returns it (caller frees) or NULL when out of memory (recorded in diags). */
struct para	*para_layout(struct layout_fonts *, const struct para_input *, struct diag_list *);
void		 para_free(struct para *);

/* The x range [x0, x1) that bytes [start, end) take in a line, relative to its origin. False when
 * the line does not contain them. */
bool		 para_line_range(const struct para *, const struct layout_line *, size_t start, size_t end,
		    double *x0, double *x1);

/* ---- flow: blocks to slices ---- */

/*
 * A slice is the unit pages are made of: a line of a paragraph, a table row, a figure, a space. It
 * has a height, says whether a page may break after it, and carries its items at positions
 * relative to its own top.
 */
enum slice_kind {
	SLICE_LINE,
	SLICE_ROW,	/* a table row (header rows have table != NULL and head) */
	SLICE_FIGURE,
	SLICE_SPACE,	/* vertical space, dropped at the top of a page */
	SLICE_BREAK	/* page-break */
};

struct table_ctx;
struct box_ctx;

struct slice {
	enum slice_kind		 kind;
	double			 height;	/* pt */
	double			 space_before;	/* pt, dropped at the top of a page */
	bool			 keep_with_next; /* no page break between this slice and the next */
	struct layout_item	*items;		/* owned; y relative to the slice's top */
	size_t			 count, cap;
	struct table_ctx	*table;		/* a row of this table, or NULL */
	bool			 head;		/* a header row, repeated on continuation pages */
	struct box_ctx		*box;		/* the innermost box the slice is in, or NULL */
	const struct doc_node	*heading;	/* the first line of this heading */
	const struct doc_node	*node;		/* the block the slice comes from */
	bool			 title_page;	/* part of the title page */
	const char		*dest;		/* an id set at the slice's top, or NULL */
	const struct doc_node	*toc_entry;	/* a toc entry for this heading: its number is set
						 * when the page is known */
	double			 toc_num_x;	/* pt: the right edge of the entry's page number */
	double			 toc_baseline;	/* pt: baseline of the entry's last line, from the top */
	double			 toc_text_end;	/* pt: where the entry's text ends on that line */
	size_t			 page;		/* set by pagination */
	double			 y;		/* set by pagination: top on the page */
};

/* A span cell of a table, drawn over its rows on each page after pagination. */
struct span_cell {
	double			 x, w;		/* pt */
	struct para		*para;		/* borrowed from the result */
	size_t			 first, last;	/* slice indexes of the rows it spans */
	const struct doc_node	*node;
	enum doc_valign		 valign;
	double			 pad;
	uint32_t		 fill;
};

struct table_ctx {
	const struct doc_node	*node;
	size_t			 head_first, head_count; /* slice indexes of the header rows */
	struct slice		*continued;	/* owned caption slice for continuation pages, or NULL */
	struct span_cell	*spans;		/* owned */
	size_t			 span_count, span_cap;
	double			 x, w;		/* pt, the table's frame */
};

struct box_ctx {
	const struct doc_node	*node;
	struct box_ctx		*parent;
	double			 x, w;		/* pt, the frame */
	size_t			 first, last;	/* slice indexes */
};

struct id_page {
	const char	*id;		/* borrowed */
	int		 page;		/* printed number, 0 on title pages */
	size_t		 index;		/* page index */
	double		 y;
};

/* The state of one layout run. */
struct flow {
	struct layout_fonts	*fonts;
	const struct doc	*doc;
	struct diag_list	*diags;
	struct layout_result	*res;
	double			 x0, y0, W, H;	/* the type area, pt */
	struct slice		*slices;	/* owned */
	size_t			 n, cap;
	struct table_ctx	**tables;	/* owned */
	size_t			 table_count;
	struct box_ctx		**boxes;	/* owned */
	size_t			 box_count;
	struct box_ctx		*box;		/* the box being filled, or NULL */
	double			 pending_space;	/* space after the last block, pt */
	bool			 in_title;
	struct id_page		*ids;		/* sorted by id after pagination */
	size_t			 id_count;
	const struct doc_node	**anon;		/* owned: headings without an id, in order; their
						 * destination is res->anon_ids[index] */
	size_t			 anon_count;
	char			**anon_ids;	/* borrowed: res->anon_ids */
	char			 numbuf[64][16];	/* ref texts handed to para_layout */
	size_t			 numbuf_next;
	double			 total;		/* pt of slices so far: pages at least total / H */
	const char		*bold_font;	/* the document's style "b" font, or NULL (para_input) */
	struct para		**memo;		/* owned: the last pass's paragraphs, hashed by input */
	size_t			 memo_cap;	/* slots, a power of two, or 0 */
	bool			 too_long;	/* past LAYOUT_MAX_PAGES: stopped */
	bool			 oom;
};

struct layout_result {
	struct doc_page		 page;
	struct layout_page	*pages;		/* owned */
	size_t			 page_count;
	struct layout_outline	*outline;	/* owned */
	size_t			 outline_count, outline_cap;
	struct para		**paras;	/* owned: every paragraph set */
	size_t			 para_count, para_cap;
	char			**anon_ids;	/* owned: destinations made for headings without an id,
						 * "planrep-h<n>"; items and the outline refer to them */
	size_t			 anon_count;
};

/* Grows an array of n elements of size bytes each to hold one more (doubling). False when out of memory. */
bool	layout_grow(void **v, size_t *cap, size_t n, size_t size);

/* Keeps p in the result (freed with it). Returns p, or NULL (and frees p) when out of memory. */
struct para	*flow_keep(struct flow *, struct para *);

/*
 * A paragraph set from in and kept in the result: the one an earlier pass set from the same input
 * when there is one without fields (refs, page numbers), else set now. A document with a table of
 * contents is laid out twice (the second time with the page numbers); this makes the second pass
 * cost only what changed.
 */
struct para	*flow_para(struct flow *, const struct para_input *);

/* Moves the result's paragraphs without fields into the flow's memo, for the next pass. */
void		 flow_memo_take(struct flow *);
void		 flow_memo_free(struct flow *);

/* Lays out the blocks of the document (title page, toc, body) into slices. */
bool		 flow_document(struct flow *);

/* A rectangle or rule item (no text): the one place its fields are filled in. */
struct layout_item layout_item_shape(enum layout_item_type, double x, double y, double w, double h,
		    uint32_t fill, double line_width, double dash, const struct doc_node *);

/* Adds an item to a slice, or a page. Returns false when out of memory. */
bool		 slice_add(struct slice *, const struct layout_item *);
bool		 page_add(struct layout_page *, const struct layout_item *);

/* Items for the lines of a paragraph placed with its first line box's top at (x, y). */
bool		 para_items(struct flow *, struct slice *, const struct para *, size_t line, double x,
		    double y, const struct doc_node *);

/* Pages from slices, running matter and the toc until page numbers are stable. */
bool		 paginate(struct flow *);

/* The printed page number of an id, or NULL when not placed. */
const char	*flow_ref(void *flow, const char *id);

#endif
