/*
 * model/plan.c: loading a plan file into struct model_plan.
 *
 * The schema (schema/plan.rng) has checked the shape before this file walks the tree, so the walk
 * trusts it; what the schema cannot say (seq unique within the plan) is checked here. Only the
 * metadata and the indicator table become structs: the text stays in the XML, which the template
 * stage reads on its own.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "planrep/model.h"
#include "planrep/xml.h"
#include "model-int.h"

xmlDocPtr
model_xml_open(const char *path, const char *schema, const char *root, struct diag_list *diags)
{
	return model_xml_accept(xml_doc_load(path, diags), path, schema, root, diags);
}

xmlDocPtr
model_xml_accept(xmlDocPtr doc, const char *path, const char *schema, const char *root,
    struct diag_list *diags)
{
	xmlNodePtr	 r;

	if (doc == NULL)
		return NULL;
	r = xmlDocGetRootElement(doc);
	if (!xml_is(r, root) || xml_doc_schema_name(doc) == NULL ||
	    strcmp(xml_doc_schema_name(doc), schema) != 0) {
		diag_add(diags, DIAG_ERROR, path, xmlGetLineNo(r), 0,
		    "expected a <%s> element in namespace urn:planrep:%s", root, schema);
		xmlFreeDoc(doc);
		return NULL;
	}
	if (!xml_doc_validate(doc, schema, path, diags)) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

xmlNodePtr
model_xml_child(xmlNodePtr n, const char *name)
{
	xmlNodePtr	 c;

	for (c = n ? n->children : NULL; c != NULL; c = c->next)
		if (xml_is(c, name))
			return c;
	return NULL;
}

char *
model_xml_child_text(xmlNodePtr n, const char *name)
{
	xmlNodePtr	 c = model_xml_child(n, name);

	return c != NULL ? xml_text(c) : NULL;
}

static enum model_direction
direction_parse(const char *s)
{
	if (s == NULL)
		return MODEL_DIR_NONE;
	if (strcmp(s, "higher") == 0)
		return MODEL_DIR_HIGHER;
	if (strcmp(s, "lower") == 0)
		return MODEL_DIR_LOWER;
	if (strcmp(s, "neither") == 0)
		return MODEL_DIR_NEITHER;
	return MODEL_DIR_NONE;
}

/* Appends one <indicator> row. Returns false when out of memory. */
static bool
indicator_add(struct model_plan *p, xmlNodePtr n, const char *category, size_t *cap)
{
	struct model_indicator	*ind, *grown;
	char			*s;

	if (p->indicator_count == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		if ((grown = realloc(p->indicators, *cap * sizeof(*grown))) == NULL)
			return false;
		p->indicators = grown;
	}
	ind = &p->indicators[p->indicator_count++];
	memset(ind, 0, sizeof(*ind));
	ind->line = xmlGetLineNo(n);
	s = xml_attr(n, "seq");
	ind->seq = s ? strtoul(s, NULL, 10) : 0;
	free(s);
	s = xml_attr(n, "seq-printed");
	ind->seq_printed = s == NULL || strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
	free(s);
	s = xml_attr(n, "direction");
	ind->direction_attr = direction_parse(s);
	free(s);
	ind->ref = xml_attr(n, "ref");
	ind->mark = xml_attr(n, "mark");
	ind->category = strdup(category);
	ind->name = model_xml_child_text(n, "name");
	ind->unit = model_xml_child_text(n, "unit");
	ind->baseline_text = model_xml_child_text(n, "baseline");
	ind->target_text = model_xml_child_text(n, "target");
	ind->attribute = model_xml_child_text(n, "attribute");
	if (ind->category == NULL || ind->name == NULL || ind->unit == NULL ||
	    ind->baseline_text == NULL || ind->target_text == NULL || ind->attribute == NULL)
		return false;
	model_target_parse(ind->baseline_text, &ind->baseline);
	model_target_parse(ind->target_text, &ind->target);
	return true;
}

/* Walks the text: counts sections, boxes and paragraphs, and loads the (first) indicator table. */
static bool
walk(struct model_plan *p, xmlNodePtr n, size_t *cap, struct diag_list *diags)
{
	xmlNodePtr	 c, r;
	char		*cat;
	bool		 ok = true;

	for (c = n->children; c != NULL && ok; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(c, "section")) {
			p->section_count++;
			ok = walk(p, c, cap, diags);
		} else if (xml_is(c, "box")) {
			p->box_count++;
			ok = walk(p, c, cap, diags);
		} else if (xml_is(c, "p")) {
			p->paragraph_count++;
		} else if (xml_is(c, "indicators")) {
			if (p->caption != NULL) {
				diag_add(diags, DIAG_ERROR, p->path, xmlGetLineNo(c), 0,
				    "a plan has one indicator table; this is a second one");
				continue;
			}
			if ((p->caption = model_xml_child_text(c, "caption")) == NULL)
				return false;
			for (r = c->children; r != NULL && ok; r = r->next) {
				if (xml_is(r, "indicator"))
					ok = indicator_add(p, r, "", cap);
				else if (xml_is(r, "category")) {
					cat = xml_attr(r, "name");
					for (xmlNodePtr i = r->children; i != NULL && ok; i = i->next)
						if (xml_is(i, "indicator"))
							ok = indicator_add(p, i, cat ? cat : "", cap);
					free(cat);
				}
			}
		}
	}
	return ok;
}

static struct model_plan *plan_from_doc(xmlDocPtr, const char *, struct diag_list *);

/* Checks what the schema cannot: each seq once. */
static void
check_seq(const struct model_plan *p, struct diag_list *diags)
{
	size_t	 i, j;

	for (i = 0; i < p->indicator_count; i++)
		for (j = 0; j < i; j++)
			if (p->indicators[i].seq == p->indicators[j].seq) {
				diag_add(diags, DIAG_ERROR, p->path, p->indicators[i].line, 0,
				    "seq %zu is used twice (first on line %ld)", p->indicators[i].seq,
				    p->indicators[j].line);
				break;
			}
}

struct model_plan *
model_plan_load(const char *path, struct diag_list *diags)
{
	return plan_from_doc(model_xml_open(path, "plan", "plan", diags), path, diags);
}

struct model_plan *
model_plan_parse(const char *data, size_t size, const char *name, struct diag_list *diags)
{
	return plan_from_doc(model_xml_accept(xml_doc_parse(data, size, name, diags), name, "plan",
	    "plan", diags), name, diags);
}

/*
 * Builds the plan from doc, a validated plan tree (or NULL after a failed load: then returns NULL),
 * and frees doc. Returns the plan or NULL with the reasons in diags.
 */
static struct model_plan *
plan_from_doc(xmlDocPtr doc, const char *path, struct diag_list *diags)
{
	xmlNodePtr		 root, meta, n;
	struct model_plan	*p;
	size_t			 cap = 0, before = diags->count;
	char			*s;
	bool			 ok;

	if (doc == NULL)
		return NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		xmlFreeDoc(doc);
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return NULL;
	}
	root = xmlDocGetRootElement(doc);
	meta = model_xml_child(root, "meta");
	p->path = strdup(path);
	p->id = xml_attr(root, "id");
	n = model_xml_child(meta, "jurisdiction");
	p->jurisdiction = xml_text(n);
	p->level = xml_attr(n, "level");
	p->province = xml_attr(n, "province");
	p->parent = xml_attr(n, "parent");
	p->title = model_xml_child_text(meta, "title");
	p->issuer = model_xml_child_text(meta, "issuer");
	p->doc_number = model_xml_child_text(meta, "doc-number");
	p->date = model_xml_child_text(meta, "date");
	n = model_xml_child(meta, "status");
	s = xml_text(n);
	p->draft = s != NULL && strcmp(s, "draft") == 0;
	free(s);
	p->status_printed = xml_attr(n, "printed");
	n = model_xml_child(meta, "period");
	s = xml_attr(n, "start");
	p->period_start = s ? atoi(s) : 0;
	free(s);
	s = xml_attr(n, "end");
	p->period_end = s ? atoi(s) : 0;
	free(s);
	s = xml_attr(n, "baseline");
	p->baseline_year = s ? atoi(s) : 0;
	free(s);
	p->source = model_xml_child_text(meta, "source");
	ok = p->path && p->id && p->jurisdiction && p->title && p->source &&
	    walk(p, model_xml_child(root, "text"), &cap, diags);
	xmlFreeDoc(doc);
	if (!ok) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		model_plan_free(p);
		return NULL;
	}
	if (p->period_end <= p->baseline_year)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "period end %d is not after the baseline year %d",
		    p->period_end, p->baseline_year);
	check_seq(p, diags);
	if (diags->count > before && diag_failed(diags)) {
		model_plan_free(p);
		return NULL;
	}
	return p;
}

void
model_plan_free(struct model_plan *p)
{
	size_t	 i;

	if (p == NULL)
		return;
	for (i = 0; i < p->indicator_count; i++) {
		struct model_indicator *ind = &p->indicators[i];

		free(ind->category);
		free(ind->name);
		free(ind->unit);
		free(ind->baseline_text);
		free(ind->target_text);
		free(ind->attribute);
		free(ind->ref);
		free(ind->mark);
	}
	free(p->indicators);
	free(p->path);
	free(p->id);
	free(p->jurisdiction);
	free(p->level);
	free(p->province);
	free(p->parent);
	free(p->title);
	free(p->issuer);
	free(p->doc_number);
	free(p->date);
	free(p->status_printed);
	free(p->source);
	free(p->caption);
	free(p);
}

const struct model_indicator *
model_plan_find(const struct model_plan *p, size_t seq)
{
	size_t	 i;

	for (i = 0; i < p->indicator_count; i++)
		if (p->indicators[i].seq == seq)
			return &p->indicators[i];
	return NULL;
}

enum model_direction
model_indicator_direction(const struct model_indicator *ind, const struct model_catalog *cat)
{
	const struct model_catalog_entry	*e;

	if (ind->direction_attr != MODEL_DIR_NONE)
		return ind->direction_attr;
	if (cat != NULL && ind->ref != NULL && (e = model_catalog_find(cat, ind->ref)) != NULL &&
	    e->direction != MODEL_DIR_NONE)
		return e->direction;
	return ind->target.hint;
}
