/*
 * template: runs XSLT 1.0 stylesheets (libxslt, with EXSLT) that turn an input tree (a plan, enriched
 * or not) into document XML (urn:planrep:doc). A stylesheet is compiled once by template_load and
 * applied many times by template_apply: a batch build applies one template to many plans.
 *
 * Every read goes through the safe XML reader (planrep/xml.h): no network, no DTD, no entity
 * substitution. Every transform runs under libxslt's security preferences:
 *  - no file is written and no folder created (xsl:document, exsl:document are refused);
 *  - nothing is read from or written to the network;
 *  - document() may read only files under the template's folder and the input file's folder
 *    (canonicalised with realpath, so neither "..", nor a symbolic link, leads outside);
 *  - xsl:include and xsl:import may read only files under the template's folder and the data
 *    folder's templates/ (so a template kept elsewhere may still include common.xsl);
 *  - recursion stops at TEMPLATE_MAX_DEPTH nested templates, TEMPLATE_MAX_VARS live variables and
 *    TEMPLATE_MAX_OPS executed instructions, with a clear error.
 * Problems become diagnostics, with the stylesheet's file:line where libxslt knows it.
 *
 * May be included by cli and by the batch build; never by doc, layout, render or chart (they see
 * only the document the template wrote).
 */
#ifndef PLANREP_TEMPLATE_H
#define PLANREP_TEMPLATE_H

#include <libxml/tree.h>

#include "planrep/diag.h"

/* The deepest nesting of template calls (and of EXSLT function calls) in one transform. */
#define TEMPLATE_MAX_DEPTH	1000
/* The most variables and parameters alive at once in one transform. */
#define TEMPLATE_MAX_VARS	10000
/* The most instructions one transform may execute (a plan needs well under a million). */
#define TEMPLATE_MAX_OPS	50000000ul
/*
 * The most XPath steps (nodes visited, operations evaluated) in one transform: the comparison of the
 * five plans takes 1.4 million, a plan 20 000; a runaway reaches 100 million in about 3 s (Debug).
 */
#define TEMPLATE_MAX_XPATH_STEPS	200000000ul
/* The most memory a transform may hold (bytes; counted on glibc): far above what a plan needs. */
#define TEMPLATE_MAX_MEMORY	((size_t)512 * 1024 * 1024)

struct template;

/*
 * Reads and compiles the stylesheet at path, and what it includes and imports. Returns the compiled
 * template, owned by the caller (template_free), or NULL after recording why in diags (file missing or
 * not well-formed, with file:line:col; XSLT errors, with file:line).
 */
struct template	*template_load(const char *path, struct diag_list *diags);

/*
 * Applies the template to input. input_path names the input file: its folder may be read by
 * document(), and diagnostics about the input name it; when NULL, input's own URL is used, and when
 * that is NULL too only the template's folder may be read. params holds string parameters as pairs
 * name, value, …, ended by NULL (params itself may be NULL); each value is passed as an XPath string
 * literal, so quotes in it are text, never XPath. Returns the result document, owned by the caller
 * (xmlFreeDoc), or NULL after recording why in diags: a runtime error, xsl:message terminate="yes",
 * a refused or failed read, runaway recursion. xsl:message without terminate is a warning.
 */
xmlDocPtr	 template_apply(struct template *tpl, xmlDocPtr input, const char *input_path,
		    const char *const *params, struct diag_list *diags);

/* The path the template was loaded from. Borrowed: valid until template_free. */
const char	*template_path(const struct template *tpl);

/* Frees the compiled template. template_free(NULL) does nothing. */
void		 template_free(struct template *tpl);

#endif
