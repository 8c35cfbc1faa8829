/*
 * model/enrich.c: the evaluation written into the plan's own XML, for templates.
 *
 * Templates are XSLT: they should lay out numbers, not compute statuses with XPath. So before a
 * template runs, every <indicator> of the plan gets an e:eval child (namespace urn:planrep:eval)
 * with what model/eval.c decided at the period and at the period before it, and the plan gets an
 * e:summary with the counts. The printed texts stay where they are; the derived numbers are added
 * beside them, never in their place.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "planrep/model.h"
#include "planrep/xml.h"

struct model_period
model_period_previous(struct model_period p)
{
	if (p.quarter == 0) {
		p.year--;
	} else if (p.quarter == 1) {
		p.year--;
		p.quarter = 4;
	} else
		p.quarter--;
	return p;
}

static void
num(xmlNodePtr n, const char *name, double v)
{
	char	 buf[64];

	if (!isfinite(v))
		return;
	snprintf(buf, sizeof(buf), "%.10g", v);
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)buf);
}

static void
str(xmlNodePtr n, const char *name, const char *v)
{
	if (v != NULL)
		xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)v);
}

static void
period(xmlNodePtr n, const char *name, struct model_period p)
{
	char	 buf[16];

	model_period_format(p, buf, sizeof(buf));
	str(n, name, buf);
}

/* Where the value stands between baseline (0) and target (1), for progress bars; NaN when unknown. */
static double
progress(const struct model_eval *e)
{
	double	 v, r;

	if (e->status == MODEL_STATUS_MET)
		return 1;
	if (e->latest == NULL || !isfinite(e->baseline) || !isfinite(e->target) || e->target == e->baseline)
		return NAN;
	v = e->latest->value;
	r = (v - e->baseline) / (e->target - e->baseline);
	return r < 0 ? 0 : r > 1 ? 1 : r;
}

static bool
indicator(xmlNodePtr el, xmlNsPtr ns, const struct model_plan *p, const struct model_indicator *ind,
    const struct model_catalog *cat, const struct model_observations *obs, struct model_period at,
    bool have_period)
{
	struct model_eval			 now, before;
	const struct model_catalog_entry	*ce;
	struct model_period			 prev = model_period_previous(at);
	xmlNodePtr				 e, o;
	size_t					 i;

	if ((e = xmlNewChild(el, ns, (const xmlChar *)"eval", NULL)) == NULL)
		return false;
	model_eval_indicator(p, ind, cat, obs, at, &now);
	model_eval_indicator(p, ind, cat, obs, prev, &before);
	if (have_period)
		period(e, "period", at);
	str(e, "status", model_status_name(now.status));
	str(e, "direction", model_direction_name(now.direction));
	str(e, "target-kind", model_target_kind_name(ind->target.kind));
	str(e, "baseline-kind", model_target_kind_name(ind->baseline.kind));
	num(e, "target-value", now.target);
	num(e, "baseline-value", now.baseline);
	num(e, "trajectory", now.trajectory);
	num(e, "progress", progress(&now));
	if (ind->target.aspirational)
		str(e, "aspirational", "true");
	if (now.latest != NULL) {
		str(e, "latest-value", now.latest->value_text);
		period(e, "latest-period", now.latest->period);
		str(e, "latest-sample", now.latest->sample ? "true" : "false");
		str(e, "latest-source", now.latest->source);
	}
	if (have_period) {
		period(e, "previous-period", prev);
		str(e, "previous-status", model_status_name(before.status));
		if (before.latest != NULL) {
			str(e, "previous-value", before.latest->value_text);
			period(e, "previous-value-period", before.latest->period);
		}
		str(e, "changed", before.status != now.status ? "true" : "false");
		/* A new observation: the latest one came after the previous period. */
		str(e, "new-observation", now.latest != NULL && model_period_time(now.latest->period) >
		    model_period_time(prev) ? "true" : "false");
	}
	if (ind->ref != NULL && (ce = model_catalog_find(cat, ind->ref)) != NULL) {
		str(e, "catalog-name", ce->name_zh);
		str(e, "catalog-name-en", ce->name_en);
		str(e, "catalog-unit", ce->unit);
	}
	for (i = 0; obs != NULL && i < obs->count; i++) {
		const struct model_obs *ob = &obs->items[i];

		if (ob->seq != ind->seq || (have_period && model_period_time(ob->period) > model_period_time(at)))
			continue;
		if ((o = xmlNewChild(e, ns, (const xmlChar *)"obs", NULL)) == NULL)
			return false;
		period(o, "period", ob->period);
		str(o, "value", ob->value_text);
		str(o, "sample", ob->sample ? "true" : "false");
		str(o, "source", ob->source);
	}
	return true;
}

/* Walks the plan's text in document order, as model/plan.c did, pairing elements with rows. */
static bool
walk(xmlNodePtr n, xmlNsPtr ns, const struct model_plan *p, size_t *k, const struct model_catalog *cat,
    const struct model_observations *obs, struct model_period at, bool have_period)
{
	xmlNodePtr	 c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(c, "indicator")) {
			if (*k >= p->indicator_count || xmlGetLineNo(c) != p->indicators[*k].line)
				return false;
			if (!indicator(c, ns, p, &p->indicators[*k], cat, obs, at, have_period))
				return false;
			(*k)++;
		} else if (!walk(c, ns, p, k, cat, obs, at, have_period))
			return false;
	}
	return true;
}

bool
model_plan_enrich(xmlDocPtr doc, const struct model_plan *p, const struct model_catalog *cat,
    const struct model_observations *obs, struct model_period at, bool have_period,
    const struct diag_list *warnings, struct diag_list *diags)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc), sum, w;
	xmlNsPtr	 ns;
	size_t		 k = 0, i, counts[MODEL_STATUS_COUNT] = { 0 }, samples = 0;
	char		 buf[32];
	int		 s;

	if (root == NULL || (ns = xmlNewNs(root, (const xmlChar *)MODEL_EVAL_NS, (const xmlChar *)"e")) == NULL)
		goto fail;
	if (!walk(root, ns, p, &k, cat, obs, at, have_period) || k != p->indicator_count)
		goto fail;
	for (i = 0; i < p->indicator_count; i++) {
		struct model_eval ev;

		model_eval_indicator(p, &p->indicators[i], cat, obs, at, &ev);
		counts[ev.status]++;
		if (ev.latest != NULL && ev.latest->sample)
			samples++;
	}
	if ((sum = xmlNewChild(root, ns, (const xmlChar *)"summary", NULL)) == NULL)
		goto fail;
	if (have_period) {
		period(sum, "period", at);
		period(sum, "previous-period", model_period_previous(at));
	}
	snprintf(buf, sizeof(buf), "%zu", p->indicator_count);
	str(sum, "indicators", buf);
	for (s = 0; s < MODEL_STATUS_COUNT; s++) {
		snprintf(buf, sizeof(buf), "%zu", counts[s]);
		str(sum, model_status_name((enum model_status)s), buf);
	}
	str(sum, "samples", samples > 0 ? "true" : "false");
	str(sum, "observations", obs != NULL ? obs->path : NULL);
	for (i = 0; warnings != NULL && i < warnings->count; i++) {
		const struct diag *d = &warnings->items[i];

		if (d->severity != DIAG_WARNING)
			continue;
		if ((w = xmlNewTextChild(sum, ns, (const xmlChar *)"warning", (const xmlChar *)d->message)) == NULL)
			goto fail;
		str(w, "file", d->file);
		snprintf(buf, sizeof(buf), "%ld", d->line);
		str(w, "line", buf);
		str(w, "code", d->code);
		if (d->subject > 0) {
			snprintf(buf, sizeof(buf), "%ld", d->subject);
			str(w, "seq", buf);
		}
	}
	return true;
fail:
	diag_add(diags, DIAG_FATAL, p->path, 0, 0, "could not write the evaluation into the plan's tree");
	return false;
}

xmlDocPtr
model_plans_tree(xmlDocPtr const *plans, size_t count, xmlDocPtr catalog, struct diag_list *diags)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, copy;
	xmlNsPtr	 ns;
	size_t		 i;

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (root = xmlNewDocNode(doc, NULL, (const xmlChar *)"plans", NULL)) == NULL)
		goto fail;
	xmlDocSetRootElement(doc, root);
	if ((ns = xmlNewNs(root, (const xmlChar *)MODEL_EVAL_NS, (const xmlChar *)"e")) == NULL)
		goto fail;
	xmlSetNs(root, ns);
	for (i = 0; i < count; i++) {
		if ((copy = xmlDocCopyNode(xmlDocGetRootElement(plans[i]), doc, 1)) == NULL ||
		    xmlAddChild(root, copy) == NULL)
			goto fail;
	}
	if (catalog != NULL && ((copy = xmlDocCopyNode(xmlDocGetRootElement(catalog), doc, 1)) == NULL ||
	    xmlAddChild(root, copy) == NULL))
		goto fail;
	return doc;
fail:
	xmlFreeDoc(doc);
	diag_add(diags, DIAG_FATAL, NULL, 0, 0, "out of memory building the tree of plans");
	return NULL;
}

bool
model_enriched_load(struct model_enriched *e, const char *path, const char *obs_path,
    const struct model_catalog *cat, const char *period, struct diag_list *diags)
{
	struct diag_list	 warnings;
	size_t			 before = diags->count, k;
	bool			 ok = false;

	memset(e, 0, sizeof(*e));
	diag_list_init(&warnings);
	if ((e->plan = model_plan_load(path, diags)) == NULL)
		goto out;
	if (obs_path != NULL) {
		if ((e->obs = model_observations_load(obs_path, diags)) == NULL)
			goto out;
		model_observations_check(e->obs, e->plan, diags);
	}
	model_plan_check(e->plan, cat, diags);
	for (k = before; k < diags->count; k++)
		if (diags->items[k].severity >= DIAG_ERROR)
			goto out;
	if (period != NULL) {
		if (!model_period_parse(period, &e->at)) {
			diag_add(diags, DIAG_ERROR, NULL, 0, 0, "\"%s\" is not a period (2024 or 2024Q2)", period);
			goto out;
		}
		e->have = true;
	} else if (!(e->have = model_observations_latest(e->obs, &e->at))) {
		e->at.year = e->plan->period_end;
		e->at.quarter = 0;
	}
	/* The warnings go into the tree too, for templates to print (a copy: diags grows below). */
	for (k = before; k < diags->count; k++)
		diag_add_coded(&warnings, diags->items[k].severity, diags->items[k].file, diags->items[k].line,
		    diags->items[k].code, diags->items[k].subject, "%s", diags->items[k].message);
	if ((e->doc = xml_doc_load(path, diags)) == NULL)
		goto out;
	ok = model_plan_enrich(e->doc, e->plan, cat, e->obs, e->at, e->have, &warnings, diags);
out:
	diag_list_clear(&warnings);
	if (!ok)
		model_enriched_free(e);
	return ok;
}

void
model_enriched_free(struct model_enriched *e)
{
	model_plan_free(e->plan);
	model_observations_free(e->obs);
	if (e->doc != NULL)
		xmlFreeDoc(e->doc);
	memset(e, 0, sizeof(*e));
}
