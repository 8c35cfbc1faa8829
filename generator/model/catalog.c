/*
 * model/catalog.c: loading input/catalog.xml, the indicators shared across jurisdictions.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "planrep/model.h"
#include "planrep/xml.h"
#include "model-int.h"

static bool
entry_load(struct model_catalog_entry *e, xmlNodePtr n)
{
	xmlNodePtr	 c;
	char		*s, *lang, **grown;
	size_t		 cap = 0;

	e->line = xmlGetLineNo(n);
	e->id = xml_attr(n, "id");
	e->unit = xml_attr(n, "unit");
	s = xml_attr(n, "direction");
	e->direction = s == NULL ? MODEL_DIR_NONE : strcmp(s, "higher") == 0 ? MODEL_DIR_HIGHER :
	    strcmp(s, "lower") == 0 ? MODEL_DIR_LOWER : MODEL_DIR_NEITHER;
	free(s);
	for (c = n->children; c != NULL; c = c->next) {
		if (xml_is(c, "name")) {
			lang = (char *)xmlNodeGetLang(c);
			if (lang != NULL && strcmp(lang, "en") == 0)
				e->name_en = xml_text(c);
			else
				e->name_zh = xml_text(c);
			xmlFree(lang);
		} else if (xml_is(c, "alias")) {
			if (e->alias_count == cap) {
				cap = cap ? cap * 2 : 4;
				if ((grown = realloc(e->aliases, cap * sizeof(*grown))) == NULL)
					return false;
				e->aliases = grown;
			}
			if ((e->aliases[e->alias_count] = xml_text(c)) == NULL)
				return false;
			e->alias_count++;
		}
	}
	return e->id && e->unit && e->name_zh && e->name_en;
}

struct model_catalog *
model_catalog_load(const char *path, struct diag_list *diags)
{
	xmlDocPtr		 doc;
	xmlNodePtr		 c;
	struct model_catalog	*cat;
	size_t			 n = 0, i, j;
	bool			 ok = true;

	if ((doc = model_xml_open(path, "catalog", "catalog", diags)) == NULL)
		return NULL;
	for (c = xmlDocGetRootElement(doc)->children; c != NULL; c = c->next)
		if (xml_is(c, "indicator"))
			n++;
	if ((cat = calloc(1, sizeof(*cat))) == NULL ||
	    (cat->entries = calloc(n ? n : 1, sizeof(*cat->entries))) == NULL ||
	    (cat->path = strdup(path)) == NULL) {
		model_catalog_free(cat);
		xmlFreeDoc(doc);
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return NULL;
	}
	for (c = xmlDocGetRootElement(doc)->children; c != NULL && ok; c = c->next)
		if (xml_is(c, "indicator"))
			ok = entry_load(&cat->entries[cat->count++], c);
	xmlFreeDoc(doc);
	if (!ok) {
		model_catalog_free(cat);
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return NULL;
	}
	for (i = 0; i < cat->count; i++)
		for (j = 0; j < i; j++)
			if (strcmp(cat->entries[i].id, cat->entries[j].id) == 0)
				diag_add(diags, DIAG_ERROR, path, cat->entries[i].line, 0,
				    "id \"%s\" is used twice (first on line %ld)", cat->entries[i].id,
				    cat->entries[j].line);
	if (diag_failed(diags)) {
		model_catalog_free(cat);
		return NULL;
	}
	return cat;
}

void
model_catalog_free(struct model_catalog *cat)
{
	size_t	 i, j;

	if (cat == NULL)
		return;
	for (i = 0; i < cat->count; i++) {
		struct model_catalog_entry *e = &cat->entries[i];

		free(e->id);
		free(e->name_zh);
		free(e->name_en);
		free(e->unit);
		for (j = 0; j < e->alias_count; j++)
			free(e->aliases[j]);
		free(e->aliases);
	}
	free(cat->entries);
	free(cat->path);
	free(cat);
}

const struct model_catalog_entry *
model_catalog_find(const struct model_catalog *cat, const char *id)
{
	size_t	 i;

	for (i = 0; cat != NULL && id != NULL && i < cat->count; i++)
		if (strcmp(cat->entries[i].id, id) == 0)
			return &cat->entries[i];
	return NULL;
}
