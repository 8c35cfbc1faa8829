/*
 * doc-int.h: what the files of the doc module share, and nothing else may include.
 *
 * Loading runs in passes over one struct doc_build: load.c turns the XML into nodes, style.c reads
 * the page and the styles, space.c applies the whitespace rule to each block's text, check.c is the
 * normalising pass that gives every node its style and checks what the schema cannot.
 */
#ifndef PLANREP_DOC_INT_H
#define PLANREP_DOC_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "planrep/diag.h"
#include "planrep/doc.h"

/* A node made from an element, with that element: the normalising pass reads its attributes. */
struct doc_source {
	struct doc_node	*node;		/* borrowed from the tree being built */
	xmlNodePtr	 el;		/* borrowed from the xmlDoc, valid while loading */
};

/* One piece of a block's inline content, as the whitespace rule sees it (space.c). */
struct doc_seg {
	char		*text;		/* borrowed: a text node's text, NULL for another inline */
	struct doc_node	*node;		/* borrowed: the node, NULL for a string on its own */
	bool		 is_break;	/* br */
	size_t		 orig;		/* bytes of text before the rule */
	size_t		 len;		/* bytes of text after it */
};

/* The state of one doc_from_xml call. */
struct doc_build {
	struct doc		*doc;		/* the document being built, owned by the caller */
	const char		*name;		/* borrowed: the file name in diagnostics */
	struct diag_list	*diags;		/* borrowed */
	size_t			 nodes;		/* nodes created so far, against DOC_MAX_NODES */
	bool			 oom;		/* an allocation failed */
	bool			 stop;		/* a limit was hit: build no more */
	struct doc_node		*text;		/* the text node last appended to, or NULL */
	size_t			 text_len;	/* its length in bytes */
	size_t			 text_cap;	/* its allocation */
	struct doc_source	*src;		/* owned: element nodes in document order */
	size_t			 src_count, src_cap;
	struct doc_seg		*segs;		/* owned: scratch for the whitespace rule */
	size_t			 seg_cap;
};

/* The private index behind doc_find_id: open addressing on the id's hash. */
struct doc_ids {
	struct doc_node	**slots;	/* owned array of cap entries, NULL when free; nodes borrowed */
	size_t		  cap;		/* a power of two */
	size_t		  count;
};

/* load.c. An owned copy of the attribute, or NULL when absent; sets b->oom when the copy fails. */
char		*doc_attr(struct doc_build *b, xmlNodePtr el, const char *name);

/* Frees a node, its payload and its children. NULL does nothing. */
void		 doc_node_free(struct doc_node *);

/* Unlinks a node from its parent and siblings (it keeps its children). */
void		 doc_node_unlink(struct doc_node *);

/*
 * style.c. Reads <page> (NULL: all defaults) into b->doc->page. Returns false after recording an
 * error (a type area with no room left inside the margins).
 */
bool		 doc_page_load(struct doc_build *b, xmlNodePtr page);

/*
 * style.c. Builds b->doc->styles: the built-in defaults, each <style> of the <styles> element (NULL:
 * none) merged over them, every value resolved to points. Needs the page (chars-per-line). Returns
 * false after recording errors (unknown base, a base chain that loops, a name defined twice) or on
 * running out of memory (b->oom).
 */
bool		 doc_styles_load(struct doc_build *b, xmlNodePtr styles);

/* style.c. Parses a decimal number, "-1.5", "+2", ".5", "3.": no exponent, no spaces, no locale.
 * Stores where it stopped in *end. Returns false when no digit was read. */
bool		 doc_number_parse(const char *s, const char **end, double *out);

/* style.c. Parses a colour #rrggbb. Returns false when it is not one. */
bool		 doc_color_parse(const char *s, uint32_t *out);

/*
 * space.c. Applies the whitespace rule (docs/document.md, "Whitespace") to the inline content of one
 * block (p, h1–h4, caption, a cell of inlines, header, footer) and removes text nodes left empty.
 * Returns false when out of memory.
 */
bool		 doc_space_block(struct doc_build *b, struct doc_node *block);

/* space.c. The same rule on a string on its own (the watermark), in place. */
void		 doc_space_string(char *s);

/* check.c. The normalising pass: whitespace, styles, the attributes that depend on a style, link
 * targets. Returns false when out of memory; errors in the input go to the diagnostics. */
bool		 doc_check(struct doc_build *b);

/* load.c. Records an error at line, in the file being loaded. */
void		 doc_error(struct doc_build *b, long line, const char *fmt, ...) DIAG_PRINTF(3, 4);

#endif
