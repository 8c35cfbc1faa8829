/*
 * xml: the one safe way planrep reads an XML file. Every input (plans, catalog, observations, documents,
 * manifests) goes through here, so the parser options are decided once: no network, no DTD loading, no
 * entity substitution, no DOCTYPE at all, a size limit, and every problem as file:line:col.
 *
 * May be included by every module that reads XML input.
 */
#ifndef PLANREP_XML_H
#define PLANREP_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/dict.h>

#include "planrep/diag.h"

/* The largest input file accepted, in bytes. */
#define XML_MAX_FILE_SIZE	(64u * 1024u * 1024u)
/* The deepest element nesting accepted. */
#define XML_MAX_DEPTH		64
/*
 * Attributes on one element. libxml2 2.9 checks each attribute against all the element's earlier
 * ones: 50,000 attributes on one element (540 KB) took 21 s to parse, a file of 64 MB would take days.
 * planrep's elements have at most 20; the limit is checked on the bytes before libxml2 sees them.
 */
#define XML_MAX_ATTRS		256

/*
 * Parses the file at path. Returns the document, owned by the caller (xmlFreeDoc), or NULL after
 * recording why in diags (missing file, too large, not well-formed, DOCTYPE present, too deep).
 */
xmlDocPtr	xml_doc_load(const char *path, struct diag_list *diags);

/*
 * The same, with dict (when not NULL) as the document's dictionary: for libxslt's loader, whose
 * stylesheets, documents and result trees must share one dictionary (libxslt frees a string as its
 * own only when that dictionary holds it).
 */
xmlDocPtr	xml_doc_load_dict(const char *path, xmlDictPtr dict, struct diag_list *diags);

/* The same from memory; name is used in diagnostics. */
xmlDocPtr	xml_doc_parse(const char *data, size_t size, const char *name, struct diag_list *diags);

/*
 * Validates doc against the RELAX NG schema named (e.g. "plan" for schema/plan.rng, found under
 * the data folder). Returns true when valid; records each violation as file:line: message.
 * Compiled schemas are cached for the life of the process.
 */
bool		xml_doc_validate(xmlDocPtr doc, const char *schema, const char *path,
		    struct diag_list *diags);

/* The schema name ("plan", "catalog", …) that the root element's namespace calls for, or NULL. */
const char	*xml_doc_schema_name(xmlDocPtr doc);

/* The folder holding schema/ and templates/: $PLANREP_DATADIR, else the one compiled in. Borrowed. */
const char	*xml_data_dir(void);

/* Frees the cached schemas. */
void		 xml_cleanup(void);

/* Helpers for loaders walking a validated tree. */
bool		 xml_is(const xmlNode *n, const char *name);	/* element of that local name */
char		*xml_text(const xmlNode *n);	/* owned copy of the text content, "" when empty */
char		*xml_attr(const xmlNode *n, const char *name);	/* owned copy, or NULL if absent */

#endif
