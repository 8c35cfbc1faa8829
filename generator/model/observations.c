/*
 * model/observations.c: loading input/observations/<id>.xml and reading periods.
 *
 * A period is a year ("2023", meaning its end) or a quarter ("2024Q2", the end of June 2024). Time is
 * measured in years from the start of year 0, so the end of 2020 is 2021.0 and the end of 2024Q2 is
 * 2024.5: the trajectory from the baseline to the target is linear in that time.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "planrep/model.h"
#include "planrep/xml.h"
#include "model-int.h"

bool
model_period_parse(const char *s, struct model_period *out)
{
	int	 i;

	if (s == NULL || strlen(s) < 4)
		return false;
	for (i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	out->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	out->quarter = 0;
	if (s[4] == '\0')
		return true;
	if (s[4] == 'Q' && s[5] >= '1' && s[5] <= '4' && s[6] == '\0') {
		out->quarter = s[5] - '0';
		return true;
	}
	return false;
}

double
model_period_time(struct model_period p)
{
	return p.quarter == 0 ? p.year + 1.0 : p.year + p.quarter / 4.0;
}

void
model_period_format(struct model_period p, char *buf, size_t size)
{
	if (p.quarter == 0)
		snprintf(buf, size, "%d", p.year);
	else
		snprintf(buf, size, "%dQ%d", p.year, p.quarter);
}

struct model_observations *
model_observations_load(const char *path, struct diag_list *diags)
{
	xmlDocPtr			 doc;
	xmlNodePtr			 c;
	struct model_observations	*o;
	struct model_obs		*ob;
	size_t				 n = 0, before = diags->count;
	char				*s, *end;
	bool				 ok = true;

	if ((doc = model_xml_open(path, "observations", "observations", diags)) == NULL)
		return NULL;
	for (c = xmlDocGetRootElement(doc)->children; c != NULL; c = c->next)
		if (xml_is(c, "obs"))
			n++;
	if ((o = calloc(1, sizeof(*o))) == NULL ||
	    (o->items = calloc(n ? n : 1, sizeof(*o->items))) == NULL ||
	    (o->path = strdup(path)) == NULL ||
	    (o->plan = xml_attr(xmlDocGetRootElement(doc), "plan")) == NULL) {
		model_observations_free(o);
		xmlFreeDoc(doc);
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return NULL;
	}
	for (c = xmlDocGetRootElement(doc)->children; c != NULL && ok; c = c->next) {
		if (!xml_is(c, "obs"))
			continue;
		ob = &o->items[o->count++];
		ob->line = xmlGetLineNo(c);
		s = xml_attr(c, "seq");
		ob->seq = s ? strtoul(s, NULL, 10) : 0;
		free(s);
		s = xml_attr(c, "period");
		if (!model_period_parse(s, &ob->period))
			diag_add(diags, DIAG_ERROR, path, ob->line, 0, "bad period \"%s\"", s ? s : "");
		free(s);
		ob->value_text = xml_attr(c, "value");
		ob->value = ob->value_text ? strtod(ob->value_text, &end) : NAN;
		if (ob->value_text == NULL || *end != '\0' || !isfinite(ob->value))
			diag_add(diags, DIAG_ERROR, path, ob->line, 0, "bad value \"%s\"",
			    ob->value_text ? ob->value_text : "");
		s = xml_attr(c, "sample");
		ob->sample = s != NULL && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);
		free(s);
		ob->source = xml_attr(c, "source");
		ok = ob->value_text != NULL && ob->source != NULL;
	}
	xmlFreeDoc(doc);
	if (!ok)
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
	if (!ok || (diags->count > before && diag_failed(diags))) {
		model_observations_free(o);
		return NULL;
	}
	return o;
}

void
model_observations_free(struct model_observations *o)
{
	size_t	 i;

	if (o == NULL)
		return;
	for (i = 0; i < o->count; i++) {
		free(o->items[i].value_text);
		free(o->items[i].source);
	}
	free(o->items);
	free(o->path);
	free(o->plan);
	free(o);
}

bool
model_observations_latest(const struct model_observations *o, struct model_period *out)
{
	size_t	 i;
	bool	 found = false;

	for (i = 0; o != NULL && i < o->count; i++)
		/* At equal times (2024 and 2024Q4) the quarter names the period: briefings are quarterly. */
		if (!found || model_period_time(o->items[i].period) > model_period_time(*out) ||
		    (model_period_time(o->items[i].period) == model_period_time(*out) &&
		    o->items[i].period.quarter != 0)) {
			*out = o->items[i].period;
			found = true;
		}
	return found;
}
