/*
 * doc: the document tree. Loads document XML (urn:planrep:doc, schema/document.rng) written by a
 * template or by hand into a tree of blocks and inlines, resolves every node's style, and dumps the
 * tree as text. Knows nothing of plans, pango or cairo.
 *
 * May be included by template (which produces documents), layout (which consumes them) and cli.
 */
#ifndef PLANREP_DOC_H
#define PLANREP_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "planrep/diag.h"

/* Limits against hostile documents (STYLE 1.8): nesting, text, count of nodes. */
#define DOC_MAX_DEPTH		48
#define DOC_MAX_TEXT		(4u * 1024u * 1024u)	/* bytes of text in one node */
#define DOC_MAX_NODES		2000000u

enum doc_type {
	/* the root */
	DOC_DOCUMENT,
	/* running matter: children are inlines */
	DOC_HEADER,
	DOC_FOOTER,
	/* blocks */
	DOC_TITLE_PAGE,		/* children: blocks, set on pages of their own before the body */
	DOC_TOC,		/* generated table of contents; no children */
	DOC_HEADING,		/* h1–h4: children are inlines */
	DOC_PARAGRAPH,		/* p: children are inlines */
	DOC_TABLE,		/* children: caption?, col*, thead?, tr* */
	DOC_CAPTION,		/* table caption: children are inlines */
	DOC_COL,		/* a column width; no children */
	DOC_THEAD,		/* header rows, repeated on every page the table spans */
	DOC_ROW,		/* tr: children are cells */
	DOC_CELL,		/* th or td: children are inlines, or blocks (p) */
	DOC_BOX,		/* a titled frame (专栏): children are blocks */
	DOC_CHART,		/* a chart (drawn by the chart stage; a placeholder box until then) */
	DOC_IMAGE,		/* a PNG or SVG file */
	DOC_PAGE_BREAK,
	/* inlines */
	DOC_TEXT,		/* a run of text; no children */
	DOC_BOLD,		/* b */
	DOC_ITALIC,		/* i */
	DOC_SPAN,		/* span, with a style */
	DOC_LINK,		/* a: internal link to an id */
	DOC_REF,		/* ref: the page number of an id */
	DOC_PAGE_NUMBER,
	DOC_PAGE_COUNT,
	DOC_SECTION_TITLE,	/* the title of the current h1 (or level given) */
	DOC_BADGE,		/* a status mark (drawn by the chart stage; placeholder until then) */
	DOC_BAR,		/* an inline progress bar (same) */
	DOC_LINE_BREAK,		/* br */
	DOC__COUNT
};

enum doc_align {
	DOC_ALIGN_JUSTIFY,	/* both margins; the default for Chinese body text */
	DOC_ALIGN_LEFT,
	DOC_ALIGN_CENTER,
	DOC_ALIGN_RIGHT,
	DOC_ALIGN_OUTSIDE,	/* right on odd pages, left on even (running matter, GB/T 9704) */
	DOC_ALIGN_INSIDE
};

enum doc_valign {
	DOC_VALIGN_MIDDLE,
	DOC_VALIGN_TOP,
	DOC_VALIGN_BOTTOM
};

/*
 * A named text style, fully resolved: every field holds a value (defaults are filled in by the
 * loader's normalising pass). Lengths in points.
 */
struct doc_style {
	char		*name;		/* owned */
	char		*font;		/* owned: a fontconfig family list, "仿宋_GB2312, FangSong, Noto Serif CJK SC" */
	double		 size;		/* pt */
	int		 weight;	/* 100–900; 400 normal, 700 bold */
	bool		 italic;
	bool		 synthetic_bold; /* embolden when the family has no bold face (仿宋, 楷体) */
	double		 line_height;	/* pt from baseline to baseline; 0 = the font's own */
	double		 indent;	/* pt, first line */
	double		 hanging;	/* pt, lines after the first (a hanging indent when > indent) */
	double		 space_before;	/* pt */
	double		 space_after;	/* pt */
	double		 letter_spacing; /* pt added after every character */
	double		 char_pitch;	/* pt per full-width character on a grid (GB/T 9704: 442.2/28); 0 = none */
	enum doc_align	 align;
	uint32_t	 color;		/* 0xRRGGBB */
	uint32_t	 background;	/* 0xRRGGBB, or DOC_NO_COLOR */
	bool		 keep_with_next;
	long		 line;		/* source line of the <style>, 0 for built-in defaults */
};

#define DOC_NO_COLOR 0xFFFFFFFFu

/* The page geometry, in points. */
struct doc_page {
	double		 width, height;
	double		 margin_top, margin_bottom, margin_left, margin_right;
	double		 header_offset;	/* baseline of the header, above the type area */
	double		 footer_offset;	/* top of the footer, below the type area (GB/T 9704: 7 mm) */
	bool		 mirror;	/* swap left and right margins on even pages */
};

struct doc_node {
	enum doc_type		 type;
	struct doc_node		*parent;
	struct doc_node		*first, *last;	/* children, owned */
	struct doc_node		*prev, *next;	/* siblings */
	char			*id;		/* owned, or NULL: target of a, ref, toc entries */
	const struct doc_style	*style;		/* borrowed from the doc's styles; resolved for every node
						 * that sets text (the root, header, footer, blocks and
						 * spans), NULL for the other inlines */
	long			 line;		/* source line */
	union {
		struct {	/* DOC_TEXT */
			char	*text;		/* owned UTF-8, never empty: whitespace as in the source
						 * except that runs of XML layout whitespace are collapsed
						 * (docs/document.md, "Whitespace") */
		} text;
		struct {	/* DOC_HEADING */
			int	 level;		/* 1–4 */
			bool	 in_toc;	/* false when toc="no" */
		} heading;
		struct {	/* DOC_HEADER, DOC_FOOTER */
			enum doc_align	 align;
			int		 pages;	/* 0 all, 1 odd, 2 even */
			bool		 first;	/* also on the first body page */
			double		 indent; /* pt from the aligned edge (em: the node's style) */
		} running;
		struct {	/* DOC_TOC */
			char	*title;		/* owned: 目录 unless the document gives one; NULL
						 * when it says title="" (no title) */
			int	 depth;		/* deepest heading level listed */
		} toc;
		struct {	/* DOC_TABLE */
			char	*continued;	/* owned caption prefix on continuation pages (续表), or NULL */
		} table;
		struct {	/* DOC_COL */
			double	 width;		/* pt, or a share when relative */
			bool	 relative;	/* width is a share of the free space (percent / 100 or 1 for "*") */
		} col;
		struct {	/* DOC_CELL */
			bool		 head;	/* th */
			size_t		 colspan, rowspan;
			enum doc_align	 align;
			enum doc_valign	 valign;
		} cell;
		struct {	/* DOC_BOX */
			char	*title;		/* owned, or NULL */
		} box;
		struct {	/* DOC_CHART, DOC_IMAGE */
			double	 width, height;	/* pt; 0 = full measure / natural */
			char	*src;		/* owned: image path, resolved against the document's folder */
			xmlNodePtr spec;	/* owned copy of the <chart> element for the chart stage, or NULL */
		} figure;
		struct {	/* DOC_LINK, DOC_REF */
			char	*target;	/* owned id, without '#' */
		} link;
		struct {	/* DOC_BADGE, DOC_BAR */
			char	*status;	/* owned: met, on-track, … (badge) */
			double	 value, max;	/* bar */
		} mark;
		struct {	/* DOC_SECTION_TITLE */
			int	 level;
		} section;
	} u;
};

struct doc_ids;	/* private to the doc module: the index behind doc_find_id */

struct doc {
	char			*path;		/* owned: where it was loaded from, for diagnostics */
	char			*base;		/* owned: folder relative paths (image src) resolve against */
	struct doc_node		*root;		/* owned tree */
	struct doc_page		 page;
	struct doc_style	*styles;	/* owned array */
	size_t			 style_count;
	/* metadata, owned, NULL when absent */
	char			*lang;		/* "zh-CN" */
	char			*title;
	char			*author;
	char			*subject;
	char			*keywords;
	char			*creator;
	char			*watermark;	/* text drawn across every body page, or NULL */
	struct doc_ids		*ids;		/* owned, private: id → node, for doc_find_id */
};

/*
 * Loads a document file, validates it against schema/document.rng, builds the tree and resolves
 * styles. Returns the document (caller frees with doc_free) or NULL with the reasons in diags.
 */
struct doc	*doc_load(const char *path, struct diag_list *);

/*
 * The same from a parsed document (a template's result); name is used in diagnostics, base resolves
 * relative paths. Does not take ownership of xml.
 */
struct doc	*doc_from_xml(xmlDocPtr xml, const char *name, const char *base, struct diag_list *);

void		 doc_free(struct doc *);

/* The style named name, or NULL. Borrowed from the doc. */
const struct doc_style *doc_style_find(const struct doc *, const char *name);

/* The node with that id, or NULL. */
struct doc_node	*doc_find_id(const struct doc *, const char *id);

/* Writes the tree as indented text, one node a line with its source line (tests compare this). */
void		 doc_dump(const struct doc *, FILE *);

const char	*doc_type_name(enum doc_type);

/* Parses a length ("16pt", "37mm", "2em", "1.5cm", "0.5in", "12") into points; em is relative to
 * em_size. Returns false when the text is not a length: anything but digits, an optional fraction and
 * one of those units (no sign, no exponent, no spaces), a value above 100000 pt, or em when em_size is
 * not positive. Never depends on the locale. */
bool		 doc_length_parse(const char *text, double em_size, double *out);

#endif
