/*
 * model/check.c: the checks a careful planner wants flagged. The data stays as printed; a warning
 * says where the print is doubtful (a target below its baseline for a higher-is-better indicator, a
 * unit other than the catalog's). Only a dangling catalog reference is an error: it would join the
 * wrong rows in a comparison.
 */
#include <math.h>
#include <string.h>

#include "planrep/model.h"

/* Compares units as meant, not as typed: spaces dropped, ％ as %, 1/10万 as /10万. */
static void
unit_key(const char *in, char *out, size_t size)
{
	size_t	 n = 0;

	if (strncmp(in, "1/", 2) == 0)
		in++;
	while (*in != '\0' && n + 4 < size) {
		if (*in == ' ') {
			in++;
			continue;
		}
		if (strncmp(in, "％", strlen("％")) == 0) {
			out[n++] = '%';
			in += strlen("％");
			continue;
		}
		out[n++] = *in++;
	}
	out[n] = '\0';
}

/* Names compared without spaces: the seeds keep a space between Chinese and digits ("5 岁以下"). */
static bool
same_name(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (*a != *b)
			return false;
		if (*a == '\0')
			return true;
		a++;
		b++;
	}
}

static void
check_indicator(const struct model_plan *p, const struct model_indicator *ind,
    const struct model_catalog *cat, struct diag_list *diags)
{
	const struct model_catalog_entry	*e = NULL;
	enum model_direction			 dir;
	char					 u1[64], u2[64];
	double					 b, T;
	size_t					 i;
	bool					 found = false;

	if (ind->ref != NULL && cat != NULL) {
		if ((e = model_catalog_find(cat, ind->ref)) == NULL) {
			diag_add(diags, DIAG_ERROR, p->path, ind->line, 0,
			    "indicator %zu refers to \"%s\", which is not in %s", ind->seq, ind->ref, cat->path);
		} else {
			for (i = 0; i < e->alias_count && !found; i++)
				found = same_name(e->aliases[i], ind->name);
			if (!found)
				diag_add_coded(diags, DIAG_WARNING, p->path, ind->line, "alias", (long)ind->seq,
				    "indicator %zu \"%s\" refers to %s, but matches none of its aliases",
				    ind->seq, ind->name, e->id);
			unit_key(ind->unit, u1, sizeof(u1));
			unit_key(e->unit, u2, sizeof(u2));
			if (strcmp(u1, u2) != 0)
				diag_add_coded(diags, DIAG_WARNING, p->path, ind->line, "unit", (long)ind->seq,
				    "indicator %zu \"%s\" is in \"%s\", the catalog's %s in \"%s\"",
				    ind->seq, ind->name, ind->unit, e->id, e->unit);
		}
	}
	/*
	 * A bound already met at baseline (≤4.2 from 1.64) is a ceiling, not a mistake; only targets that
	 * name a value can sit on the wrong side of the baseline.
	 */
	switch (ind->target.kind) {
	case MODEL_TARGET_AT_MOST:
	case MODEL_TARGET_BELOW:
	case MODEL_TARGET_AT_LEAST:
	case MODEL_TARGET_ABOVE:
		return;
	default:
		break;
	}
	dir = model_indicator_direction(ind, cat);
	b = model_target_baseline_value(&ind->baseline);
	T = model_target_derive(&ind->target, b, p->period_end - p->baseline_year);
	if (!isfinite(b) || !isfinite(T))
		return;
	/* A rate cannot fall below zero: 力争年均下降1个百分点 from 1.62 would derive −3.38. */
	if (T < 0 && b >= 0)
		diag_add_coded(diags, DIAG_WARNING, p->path, ind->line, "derived-negative", (long)ind->seq,
		    "indicator %zu \"%s\": target %s from the baseline %s derives %g, below zero",
		    ind->seq, ind->name, ind->target_text, ind->baseline_text, T);
	if ((dir == MODEL_DIR_HIGHER && T < b) || (dir == MODEL_DIR_LOWER && T > b))
		diag_add_coded(diags, DIAG_WARNING, p->path, ind->line, "wrong-side", (long)ind->seq,
		    "indicator %zu \"%s\": target %s (%g) is %s the baseline %s though %s is better",
		    ind->seq, ind->name, ind->target_text, T, T < b ? "below" : "above", ind->baseline_text,
		    dir == MODEL_DIR_HIGHER ? "higher" : "lower");
}

void
model_plan_check(const struct model_plan *p, const struct model_catalog *cat, struct diag_list *diags)
{
	size_t	 i;

	for (i = 0; i < p->indicator_count; i++)
		check_indicator(p, &p->indicators[i], cat, diags);
}

void
model_observations_check(const struct model_observations *o, const struct model_plan *p,
    struct diag_list *diags)
{
	const struct model_indicator	*ind;
	const struct model_obs		*ob;
	double				 b;
	size_t				 i;

	if (strcmp(o->plan, p->id) != 0) {
		diag_add(diags, DIAG_ERROR, o->path, 0, 0, "observations are for plan \"%s\", not \"%s\"",
		    o->plan, p->id);
		return;
	}
	for (i = 0; i < o->count; i++) {
		ob = &o->items[i];
		if ((ind = model_plan_find(p, ob->seq)) == NULL) {
			diag_add_coded(diags, DIAG_WARNING, o->path, ob->line, "unknown-indicator", (long)ob->seq,
			    "observation for indicator %zu, which %s does not have", ob->seq, p->path);
			continue;
		}
		b = model_target_baseline_value(&ind->baseline);
		if (!ob->sample && ob->period.quarter == 0 && ob->period.year == p->baseline_year &&
		    isfinite(b) && fabs(ob->value - b) > 1e-9)
			diag_add_coded(diags, DIAG_WARNING, o->path, ob->line, "baseline-differs", (long)ob->seq,
			    "indicator %zu \"%s\": %d value %s differs from the printed baseline %s",
			    ob->seq, ind->name, p->baseline_year, ob->value_text, ind->baseline_text);
	}
}
