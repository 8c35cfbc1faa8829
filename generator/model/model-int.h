/*
 * model-int.h: helpers shared by the files of the model module only.
 */
#ifndef PLANREP_MODEL_INT_H
#define PLANREP_MODEL_INT_H

#include <libxml/tree.h>

#include "planrep/diag.h"

/* Loads path, refuses a root element other than `root`, validates against schema/<schema>.rng. */
xmlDocPtr	model_xml_open(const char *path, const char *schema, const char *root,
		    struct diag_list *);

/*
 * The checks of model_xml_open on doc, already parsed from path (doc may be NULL: a failed parse).
 * Returns doc, or NULL after freeing it and recording why.
 */
xmlDocPtr	model_xml_accept(xmlDocPtr doc, const char *path, const char *schema, const char *root,
		    struct diag_list *);

/* The first element child of n named name, or NULL. */
xmlNodePtr	model_xml_child(xmlNodePtr n, const char *name);

/* Owned copy of the text of the first child named name, or NULL when absent. */
char		*model_xml_child_text(xmlNodePtr n, const char *name);

#endif
