/*
 * chart/parse.c: the <chart> element into a struct chart, and the checks every kind shares.
 *
 * The element may come from a document that passed schema/document.rng, or from a standalone file
 * that did too, or from a caller that validated nothing: every value is checked again here. A bad
 * point or reference is reported with its line and left out, and the first error becomes the chart's
 * problem, which chart_draw shows instead of a misleading chart (STYLE 1.3, 3.5). Kind-specific
 * checks (periods for a line, categories for bars, two series for a dumbbell) are in each kind's
 * file. Attributes and elements in other namespaces belong to whoever wrote them and are ignored
 * without a word; ours that a chart does not know are errors, as in the schema.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "planrep/chart.h"
#include "planrep/diag.h"
#include "planrep/xml.h"
#include "chart-int.h"

/* Where the parse is, for diagnostics and the limits. */
struct parse {
	struct chart		*c;
	struct diag_list	*diags;
	size_t			 points;	/* so far, over all series */
	bool			 sample;	/* the chart's own sample attribute */
	bool			 oom;
};

static void
report(struct chart *c, struct diag_list *d, enum diag_severity sev, long line, const char *fmt,
    va_list ap)
{
	char	 msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	diag_add(d, sev, c->file, line, 0, "%s", msg);
	if (sev >= DIAG_ERROR && c->problem == NULL) {
		size_t	 n = strlen(msg) + 32;

		if ((c->problem = malloc(n)) != NULL)
			snprintf(c->problem, n, "line %ld: %s", line, msg);
	}
}

void
chart_error(struct chart *c, struct diag_list *d, long line, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	report(c, d, DIAG_ERROR, line, fmt, ap);
	va_end(ap);
}

void
chart_warn(struct chart *c, struct diag_list *d, long line, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	report(c, d, DIAG_WARNING, line, fmt, ap);
	va_end(ap);
}

static bool
ours(const xmlNode *n)
{
	return n->ns != NULL && strcmp((const char *)n->ns->href, CHART_NS) == 0;
}

/*
 * The attribute without a namespace, whitespace trimmed, or NULL. Owned by the caller. xmlGetProp
 * would also return a foreign x:value for "value".
 */
static char *
attr(struct parse *p, xmlNodePtr el, const char *name)
{
	xmlChar		*s = xmlGetNoNsProp(el, (const xmlChar *)name);
	const char	*b;
	char		*r;
	size_t		 n;

	if (s == NULL)
		return NULL;
	for (b = (const char *)s; *b == ' ' || *b == '\t' || *b == '\n' || *b == '\r'; b++)
		;
	n = strlen(b);
	while (n > 0 && (b[n - 1] == ' ' || b[n - 1] == '\t' || b[n - 1] == '\n' || b[n - 1] == '\r'))
		n--;
	if ((r = malloc(n + 1)) == NULL)
		p->oom = true;
	else {
		memcpy(r, b, n);
		r[n] = '\0';
	}
	xmlFree(s);
	return r;
}

/*
 * Reports attributes without a namespace that the element does not take (known is NULL-terminated):
 * errors, as the schema has them, except on an axis, which the schema lets keep an earlier draft's.
 */
static void
unknown_attrs(struct parse *p, xmlNodePtr el, const char *const *known)
{
	const xmlAttr	*a;
	size_t		 i;

	for (a = el->properties; a != NULL; a = a->next) {
		if (a->ns != NULL)
			continue;
		for (i = 0; known[i] != NULL; i++)
			if (strcmp((const char *)a->name, known[i]) == 0)
				break;
		if (known[i] == NULL && xml_is(el, "axis"))
			chart_warn(p->c, p->diags, xmlGetLineNo(el), "<%s> takes no attribute %s; ignored",
			    (const char *)el->name, (const char *)a->name);
		else if (known[i] == NULL)
			chart_error(p->c, p->diags, xmlGetLineNo(el), "<%s> takes no attribute %s (in another "
			    "namespace it would be ignored)", (const char *)el->name, (const char *)a->name);
	}
}

/* A number attribute. Returns false when absent; an error when present and not a number. */
static bool
number_get(struct parse *p, xmlNodePtr el, const char *name, double *v, int *decimals, bool *bad)
{
	char	*s = attr(p, el, name);
	bool	 ok;

	if (s == NULL)
		return false;
	ok = chart_number_parse(s, v, decimals);
	if (!ok)
		chart_error(p->c, p->diags, xmlGetLineNo(el),
		    "<%s> %s=\"%s\" is not a number (write a plain decimal such as 78.5)",
		    (const char *)el->name, name, s);
	else if (fabs(*v) > CHART_MAX_VALUE) {
		chart_error(p->c, p->diags, xmlGetLineNo(el),
		    "<%s> %s=\"%s\" is out of range (at most %g in magnitude)", (const char *)el->name,
		    name, s, CHART_MAX_VALUE);
		ok = false;
	}
	if (!ok && bad != NULL)
		*bad = true;
	free(s);
	return ok;
}

/* true/false (or 1/0, as xsd:boolean). Absent: dflt. */
static bool
bool_get(struct parse *p, xmlNodePtr el, const char *name, bool dflt)
{
	char	*s = attr(p, el, name);
	bool	 v = dflt;

	if (s == NULL)
		return dflt;
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
		v = true;
	else if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
		v = false;
	else
		chart_error(p->c, p->diags, xmlGetLineNo(el), "<%s> %s=\"%s\" is neither true nor false",
		    (const char *)el->name, name, s);
	free(s);
	return v;
}

/* A length as the document vocabulary writes it: 16cm, 90mm, 5in, 960pt, 960 (pt), 40em (12 pt). */
static bool
length_get(struct parse *p, xmlNodePtr el, const char *name, double *out)
{
	static const struct {
		const char	*unit;
		double		 pt;
	} units[] = { { "pt", 1 }, { "mm", 72 / 25.4 }, { "cm", 72 / 2.54 }, { "in", 72 }, { "em", 12 },
	    { "", 1 } };
	char	*s = attr(p, el, name), *end;
	double	 v;
	size_t	 i;

	if (s == NULL)
		return false;
	v = strtod(s, &end);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (end != s && ((*s >= '0' && *s <= '9') || *s == '.') && strcmp(end, units[i].unit) == 0)
			break;
	if (i == sizeof(units) / sizeof(units[0]) || !isfinite(v) || v * units[i].pt > 100000) {
		chart_error(p->c, p->diags, xmlGetLineNo(el),
		    "<%s> %s=\"%s\" is not a length (16cm, 90mm, 960pt …)", (const char *)el->name, name, s);
		free(s);
		return false;
	}
	*out = v * units[i].pt;
	free(s);
	return true;
}

/*
 * The text of an element, trimmed, with the XML's line breaks and indentation dropped between
 * Chinese characters and made one space elsewhere (as the document's inlines are). Owned.
 */
static char *
text_get(struct parse *p, xmlNodePtr el)
{
	xmlChar		*s = xmlNodeGetContent(el);
	const char	*in = s != NULL ? (const char *)s : "";
	char		*out;
	size_t		 n = 0, i, j;

	if ((out = malloc(strlen(in) + 1)) == NULL) {
		p->oom = true;
		xmlFree(s);
		return NULL;
	}
	for (i = 0; in[i] != '\0'; i = j) {
		bool	 nl = false;

		if (strchr(" \t\r\n", in[i]) == NULL) {
			out[n++] = in[i];
			j = i + 1;
			continue;
		}
		for (j = i; in[j] != '\0' && strchr(" \t\r\n", in[j]) != NULL; j++)
			nl = nl || in[j] == '\n' || in[j] == '\r';
		if (n == 0 || in[j] == '\0')
			continue;
		/* Both sides outside ASCII: Chinese, where a line break is no space. */
		if (nl && (unsigned char)out[n - 1] >= 0x80 && (unsigned char)in[j] >= 0x80)
			continue;
		out[n++] = ' ';
	}
	out[n] = '\0';
	xmlFree(s);
	return out;
}

static void
axis_parse(struct parse *p, xmlNodePtr el, char **xmin, char **xmax, long *xline)
{
	static const char *const known[] = { "name", "title", "unit", "min", "max", NULL };
	struct chart		*c = p->c;
	struct chart_axis	*a;
	char			*name = attr(p, el, "name");
	long			 line = xmlGetLineNo(el);
	int			 dec;

	unknown_attrs(p, el, known);
	if (name == NULL || (strcmp(name, "x") != 0 && strcmp(name, "y") != 0)) {
		chart_error(c, p->diags, line, "<axis> needs name=\"x\" (categories or periods) or "
		    "name=\"y\" (values)%s%s%s", name ? ", not \"" : "", name ? name : "", name ? "\"" : "");
		free(name);
		return;
	}
	a = name[0] == 'x' ? &c->x : &c->y;
	if (a->line != 0) {
		chart_error(c, p->diags, line, "a second <axis name=\"%s\"> (the first is on line %ld)", name,
		    a->line);
		free(name);
		return;
	}
	a->line = line;
	a->title = attr(p, el, "title");
	a->unit = attr(p, el, "unit");
	if (a == &c->y) {
		a->has_min = number_get(p, el, "min", &a->min, &dec, NULL);
		a->has_max = number_get(p, el, "max", &a->max, &dec, NULL);
		if (a->has_min && a->has_max && a->min >= a->max) {
			chart_error(c, p->diags, line, "<axis name=\"y\"> min=\"%g\" is not below max=\"%g\"",
			    a->min, a->max);
			a->has_min = a->has_max = false;
		}
	} else {
		/* The x range is periods for a line and means nothing for categories: the kind decides. */
		*xmin = attr(p, el, "min");
		*xmax = attr(p, el, "max");
		*xline = line;
	}
	free(name);
}

/* The first of the attributes named that is present (an error when two are). Owned. */
static char *
alias_get(struct parse *p, xmlNodePtr el, const char *const *names, const char **which)
{
	char	*r = NULL, *s;
	size_t	 i;

	*which = NULL;
	for (i = 0; names[i] != NULL; i++) {
		if ((s = attr(p, el, names[i])) == NULL)
			continue;
		if (r != NULL) {
			chart_error(p->c, p->diags, xmlGetLineNo(el), "<%s> has both %s and %s: give one",
			    (const char *)el->name, *which, names[i]);
			free(s);
			continue;
		}
		r = s;
		*which = names[i];
	}
	return r;
}

static void
point_parse(struct parse *p, struct chart_series *s, xmlNodePtr el, bool sample)
{
	static const char *const known[] = { "x", "label", "period", "y", "value", "sample", NULL };
	static const char *const xs[] = { "x", "label", "period", NULL };
	static const char *const ys[] = { "y", "value", NULL };
	struct chart_point	 pt;
	struct chart_point	*grown;
	const char		*which;
	char			*v;
	long			 line = xmlGetLineNo(el);

	unknown_attrs(p, el, known);
	memset(&pt, 0, sizeof(pt));
	pt.line = line;
	pt.x = alias_get(p, el, xs, &which);
	pt.sample = bool_get(p, el, "sample", sample);
	if ((v = alias_get(p, el, ys, &which)) == NULL) {
		chart_error(p->c, p->diags, line, "<point> has no value (y=\"…\" or value=\"…\")");
		free(pt.x);
		return;
	}
	if (!chart_number_parse(v, &pt.y, &pt.decimals)) {
		chart_error(p->c, p->diags, line,
		    "<point> %s=\"%s\" is not a number (write a plain decimal such as 78.5)", which, v);
		goto drop;
	}
	if (fabs(pt.y) > CHART_MAX_VALUE) {
		chart_error(p->c, p->diags, line, "<point> %s=\"%s\" is out of range (at most %g in magnitude)",
		    which, v, CHART_MAX_VALUE);
		goto drop;
	}
	if (++p->points > CHART_MAX_POINTS) {
		if (p->points == CHART_MAX_POINTS + 1)
			chart_error(p->c, p->diags, line, "more than %d points in one chart", CHART_MAX_POINTS);
		goto drop;
	}
	if ((grown = realloc(s->points, (s->point_count + 1) * sizeof(*grown))) == NULL) {
		p->oom = true;
		goto drop;
	}
	s->points = grown;
	s->points[s->point_count++] = pt;
	if (pt.sample)
		p->c->sample = true;
	free(v);
	return;
drop:
	free(v);
	free(pt.x);
}

static void
series_parse(struct parse *p, xmlNodePtr el)
{
	static const char *const known[] = { "name", "sample", NULL };
	struct chart		*c = p->c;
	struct chart_series	*s, *grown;
	xmlNodePtr		 k;
	bool			 sample;

	unknown_attrs(p, el, known);
	if (c->series_count == CHART_MAX_SERIES) {
		chart_error(c, p->diags, xmlGetLineNo(el), "more than %d series in one chart", CHART_MAX_SERIES);
		return;
	}
	if ((grown = realloc(c->series, (c->series_count + 1) * sizeof(*grown))) == NULL) {
		p->oom = true;
		return;
	}
	c->series = grown;
	s = &c->series[c->series_count++];
	memset(s, 0, sizeof(*s));
	s->line = xmlGetLineNo(el);
	s->name = attr(p, el, "name");
	sample = bool_get(p, el, "sample", p->sample);
	for (k = el->children; k != NULL && !p->oom; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || !ours(k))
			continue;
		if (xml_is(k, "point"))
			point_parse(p, s, k, sample);
		else
			chart_error(c, p->diags, xmlGetLineNo(k), "<%s> does not belong in a <series>, which "
			    "holds <point> elements", (const char *)k->name);
	}
}

static void
ref_parse(struct parse *p, xmlNodePtr el)
{
	static const char *const known[] = { "kind", "value", "from", "to", "at", "label", NULL };
	static const char *const kinds[] = { "target", "baseline", "trajectory", "band", NULL };
	struct chart		*c = p->c;
	struct chart_ref	 r, *grown;
	char			*kind = attr(p, el, "kind");
	long			 line = xmlGetLineNo(el);
	bool			 has_value, has_from, has_to, bad = false;
	int			 d1 = 0, d2 = 0, d3 = 0;
	size_t			 i;

	unknown_attrs(p, el, known);
	memset(&r, 0, sizeof(r));
	r.line = line;
	r.at_t = NAN;
	for (i = 0; kind != NULL && kinds[i] != NULL; i++)
		if (strcmp(kind, kinds[i]) == 0)
			break;
	if (kind == NULL || kinds[i] == NULL) {
		chart_error(c, p->diags, line, "<reference> needs kind=\"target\", \"baseline\", "
		    "\"trajectory\" or \"band\"%s%s%s", kind ? ", not \"" : "", kind ? kind : "",
		    kind ? "\"" : "");
		free(kind);
		return;
	}
	free(kind);
	r.kind = (enum chart_ref_kind)i;
	has_value = number_get(p, el, "value", &r.value, &d1, &bad);
	has_from = number_get(p, el, "from", &r.from, &d2, &bad);
	has_to = number_get(p, el, "to", &r.to, &d3, &bad);
	if (bad)
		return;
	r.decimals = d1 > d2 ? (d1 > d3 ? d1 : d3) : (d2 > d3 ? d2 : d3);
	if (has_from != has_to) {
		chart_error(c, p->diags, line, "<reference> gives %s without %s", has_from ? "from" : "to",
		    has_from ? "to" : "from");
		return;
	}
	r.range = has_from;
	switch (r.kind) {
	case CHART_REF_TARGET:
		if (has_value == r.range) {
			chart_error(c, p->diags, line, "<reference kind=\"target\"> takes value=\"…\" (a line) "
			    "or from=\"…\" to=\"…\" (a band), one of the two");
			return;
		}
		break;
	case CHART_REF_BASELINE:
		if (!has_value || r.range) {
			chart_error(c, p->diags, line, "<reference kind=\"baseline\"> takes value=\"…\"%s",
			    r.range ? ", not from and to" : "");
			return;
		}
		break;
	case CHART_REF_BAND:
		if (!r.range || has_value) {
			chart_error(c, p->diags, line, "<reference kind=\"band\"> takes from=\"…\" and "
			    "to=\"…\"%s", has_value ? ", not value" : "");
			return;
		}
		break;
	case CHART_REF_TRAJECTORY:
		if (has_value) {
			chart_error(c, p->diags, line, "<reference kind=\"trajectory\"> takes no value: it "
			    "runs from the baseline to the target, or from=\"…\" to=\"…\"");
			return;
		}
		break;
	}
	/* A range is low to high, whichever way it was written; a trajectory runs from its from. */
	if (r.range && r.kind != CHART_REF_TRAJECTORY && r.from > r.to) {
		double	 t = r.from;

		r.from = r.to;
		r.to = t;
	}
	r.at = attr(p, el, "at");
	r.label = attr(p, el, "label");
	if ((grown = realloc(c->refs, (c->ref_count + 1) * sizeof(*grown))) == NULL) {
		free(r.at);
		free(r.label);
		p->oom = true;
		return;
	}
	c->refs = grown;
	c->refs[c->ref_count++] = r;
}

static void
note_parse(struct parse *p, xmlNodePtr el)
{
	struct chart	*c = p->c;
	char		*t, **grown;

	if ((t = text_get(p, el)) == NULL)
		return;
	if (*t == '\0') {
		free(t);
		return;
	}
	if ((grown = realloc(c->notes, (c->note_count + 1) * sizeof(*grown))) == NULL) {
		free(t);
		p->oom = true;
		return;
	}
	c->notes = grown;
	c->notes[c->note_count++] = t;
}

void
chart_point_drop(struct chart_series *s, size_t i)
{
	free(s->points[i].x);
	memmove(&s->points[i], &s->points[i + 1], (s->point_count - i - 1) * sizeof(s->points[0]));
	s->point_count--;
}

void
chart_ref_drop(struct chart *c, size_t i)
{
	free(c->refs[i].at);
	free(c->refs[i].label);
	memmove(&c->refs[i], &c->refs[i + 1], (c->ref_count - i - 1) * sizeof(c->refs[0]));
	c->ref_count--;
}

size_t
chart_point_total(const struct chart *c)
{
	size_t	 i, n = 0;

	for (i = 0; i < c->series_count; i++)
		n += c->series[i].point_count;
	return n;
}

long
chart_category_find(const struct chart *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->category_count; i++)
		if (strcmp(c->categories[i], name) == 0)
			return (long)i;
	return -1;
}

bool
chart_categories_make(struct chart *c, struct diag_list *d)
{
	size_t	 i, k, j;
	long	 at;

	if ((c->categories = calloc(chart_point_total(c) + 1, sizeof(*c->categories))) == NULL)
		return false;
	for (i = 0; i < c->series_count; i++) {
		struct chart_series *s = &c->series[i];

		for (k = 0; k < s->point_count;) {
			struct chart_point *pt = &s->points[k];

			if (pt->x == NULL || *pt->x == '\0') {
				chart_error(c, d, pt->line, "<point> has no category: give it label=\"…\" "
				    "(or x=\"…\")");
				chart_point_drop(s, k);
				continue;
			}
			for (j = 0; j < k; j++)
				if (strcmp(s->points[j].x, pt->x) == 0)
					break;
			if (j < k) {
				chart_error(c, d, pt->line, "a second point for \"%s\" in this series (the first "
				    "is on line %ld)", pt->x, s->points[j].line);
				chart_point_drop(s, k);
				continue;
			}
			k++;
		}
	}
	/* Categories in order of first appearance, so that the writer's order is the chart's. The
	 * strings are borrowed from the points, which nothing drops from now on. */
	for (i = 0; i < c->series_count; i++)
		for (k = 0; k < c->series[i].point_count; k++) {
			struct chart_point *pt = &c->series[i].points[k];

			if ((at = chart_category_find(c, pt->x)) < 0) {
				at = (long)c->category_count;
				c->categories[c->category_count++] = pt->x;
			}
			pt->t = (double)at;
		}
	for (i = 0; i < c->ref_count; i++) {
		struct chart_ref *r = &c->refs[i];

		if (r->at == NULL)
			continue;
		if ((at = chart_category_find(c, r->at)) < 0)
			chart_warn(c, d, r->line, "<reference> at=\"%s\" names no category of the chart; "
			    "drawn across all of them", r->at);
		else
			r->at_t = (double)at;
	}
	return true;
}

const struct chart_ref *
chart_ref_find(const struct chart *c, enum chart_ref_kind kind)
{
	size_t	 i;

	for (i = 0; i < c->ref_count; i++)
		if (c->refs[i].kind == kind)
			return &c->refs[i];
	return NULL;
}

/* Values outside an explicit y range cannot be drawn: an error each, and the point goes. */
static void
range_check(struct chart *c, struct diag_list *d)
{
	char	 lo[64], hi[64];
	size_t	 i, k;

	if (!c->y.has_min && !c->y.has_max)
		return;
	snprintf(lo, sizeof(lo), "%g", c->y.has_min ? c->y.min : -INFINITY);
	snprintf(hi, sizeof(hi), "%g", c->y.has_max ? c->y.max : INFINITY);
	for (i = 0; i < c->series_count; i++)
		for (k = 0; k < c->series[i].point_count;) {
			struct chart_point *pt = &c->series[i].points[k];

			if ((c->y.has_min && pt->y < c->y.min) || (c->y.has_max && pt->y > c->y.max)) {
				chart_error(c, d, pt->line, "<point> value %g is outside the y axis range %s to "
				    "%s (line %ld)", pt->y, lo, hi, c->y.line);
				chart_point_drop(&c->series[i], k);
				continue;
			}
			k++;
		}
	for (i = 0; i < c->ref_count; i++) {
		const struct chart_ref *r = &c->refs[i];
		double v0 = r->range ? r->from : r->value, v1 = r->range ? r->to : r->value;

		if (r->kind == CHART_REF_TRAJECTORY && !r->range)
			continue;
		if ((c->y.has_min && v0 < c->y.min) || (c->y.has_max && v1 > c->y.max))
			chart_error(c, d, r->line, "<reference> value is outside the y axis range %s to %s "
			    "(line %ld)", lo, hi, c->y.line);
	}
}

/* The data's precision: the most decimals a point is written with (a reference's own value keeps
 * its own, chart_ref_label); the references' when there are no points. */
static void
precision(struct chart *c)
{
	size_t	 i, k;

	c->decimals = 0;
	for (i = 0; i < c->series_count; i++)
		for (k = 0; k < c->series[i].point_count; k++)
			if (c->series[i].points[k].decimals > c->decimals)
				c->decimals = c->series[i].points[k].decimals;
	if (chart_point_total(c) == 0)
		for (i = 0; i < c->ref_count; i++)
			if (c->refs[i].decimals > c->decimals)
				c->decimals = c->refs[i].decimals;
	if (c->decimals > 6)
		c->decimals = 6;
}

/* The chart's own attributes. Returns false when it has no kind we know. */
static bool
chart_attrs(struct parse *p, xmlNodePtr el)
{
	static const char *const known[] = { "id", "style", "kind", "width", "height", "title", "subtitle",
	    "source", "unit", "sample", "direction", "status", NULL };
	struct chart	*c = p->c;
	char		*s;
	long		 line = c->line;
	bool		 kind = false;

	unknown_attrs(p, el, known);
	if ((s = attr(p, el, "kind")) == NULL)
		chart_error(c, p->diags, line, "<chart> has no kind (bar, hbar, line, bullet, dumbbell, kpi)");
	else if (!(kind = chart_kind_parse(s, &c->kind)))
		chart_error(c, p->diags, line, "<chart> kind=\"%s\" is none of bar, hbar, line, bullet, "
		    "dumbbell, kpi", s);
	free(s);
	length_get(p, el, "width", &c->width);
	length_get(p, el, "height", &c->height);
	c->title = attr(p, el, "title");
	c->subtitle = attr(p, el, "subtitle");
	c->source = attr(p, el, "source");
	c->unit = attr(p, el, "unit");
	c->sample = p->sample = bool_get(p, el, "sample", false);
	if ((s = attr(p, el, "direction")) != NULL) {
		if (strcmp(s, "higher") == 0)
			c->direction = CHART_DIRECTION_HIGHER;
		else if (strcmp(s, "lower") == 0)
			c->direction = CHART_DIRECTION_LOWER;
		else if (strcmp(s, "neither") != 0)
			chart_error(c, p->diags, line, "<chart> direction=\"%s\" is none of higher, lower, "
			    "neither", s);
		free(s);
	}
	if ((s = attr(p, el, "status")) != NULL) {
		if (!chart_status_parse(s, &c->status))
			chart_error(c, p->diags, line, "<chart> status=\"%s\" is none of met, on-track, "
			    "behind, off-track, no-data, not-assessable", s);
		free(s);
	}
	return kind;
}

/* The x axis's min and max: periods on a line chart, nothing elsewhere. */
static void
x_range(struct chart *c, struct diag_list *d, char *xmin, char *xmax, long line)
{
	double	 t;

	if (xmin == NULL && xmax == NULL)
		return;
	if (c->kind != CHART_LINE) {
		chart_warn(c, d, line, "<axis name=\"x\"> min and max are periods, for a line chart; ignored");
		return;
	}
	if (xmin != NULL) {
		if (chart_period_parse(xmin, &t)) {
			c->x.min = t;
			c->x.has_min = true;
		} else
			chart_error(c, d, line, "<axis name=\"x\"> min=\"%s\" is not a period (2020, "
			    "2021Q1, 2021H1, 2021-03)", xmin);
	}
	if (xmax != NULL) {
		if (chart_period_parse(xmax, &t)) {
			c->x.max = t;
			c->x.has_max = true;
		} else
			chart_error(c, d, line, "<axis name=\"x\"> max=\"%s\" is not a period (2020, "
			    "2021Q1, 2021H1, 2021-03)", xmax);
	}
	if (c->x.has_min && c->x.has_max && c->x.min >= c->x.max) {
		chart_error(c, d, line, "<axis name=\"x\"> min=\"%s\" is not before max=\"%s\"", xmin, xmax);
		c->x.has_min = c->x.has_max = false;
	}
}

struct chart *
chart_parse(xmlNodePtr el, const char *file, struct diag_list *d)
{
	struct parse	 p;
	struct chart	*c;
	xmlNodePtr	 k;
	char		*xmin = NULL, *xmax = NULL;
	long		 xline = 0;
	bool		 text_warned = false, kind;

	if (el == NULL || !xml_is(el, "chart") || !ours(el)) {
		diag_add(d, DIAG_ERROR, file, el != NULL ? xmlGetLineNo(el) : 0, 0,
		    "expected a <chart> element in namespace " CHART_NS);
		return NULL;
	}
	memset(&p, 0, sizeof(p));
	if ((c = p.c = calloc(1, sizeof(*c))) == NULL ||
	    (file != NULL && (c->file = strdup(file)) == NULL)) {
		diag_add(d, DIAG_FATAL, file, 0, 0, "out of memory");
		free(c);
		return NULL;
	}
	p.diags = d;
	c->line = xmlGetLineNo(el);
	kind = chart_attrs(&p, el);
	for (k = el->children; k != NULL && !p.oom; k = k->next) {
		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)k->content;

			if (!text_warned && t != NULL && t[strspn(t, " \t\r\n")] != '\0') {
				chart_warn(c, d, xmlGetLineNo(k), "text directly inside <chart> is not drawn "
				    "(write it in a <note>)");
				text_warned = true;
			}
			continue;
		}
		if (k->type != XML_ELEMENT_NODE || !ours(k))
			continue;
		if (xml_is(k, "axis"))
			axis_parse(&p, k, &xmin, &xmax, &xline);
		else if (xml_is(k, "series"))
			series_parse(&p, k);
		else if (xml_is(k, "reference"))
			ref_parse(&p, k);
		else if (xml_is(k, "note"))
			note_parse(&p, k);
		else
			chart_error(c, d, xmlGetLineNo(k), "<%s> is not part of a chart (axis, series, "
			    "reference, note)", (const char *)k->name);
	}
	if (!p.oom) {
		x_range(c, d, xmin, xmax, xline);
		range_check(c, d);
		if (kind)
			chart_kind_check(c, d);
		precision(c);
		if (chart_point_total(c) == 0 && c->problem == NULL)
			chart_warn(c, d, c->line, "the chart has no data points; it is drawn as 无数据 (no data)");
	}
	free(xmin);
	free(xmax);
	if (p.oom) {
		diag_add(d, DIAG_FATAL, file, c->line, 0, "out of memory");
		chart_free(c);
		return NULL;
	}
	return c;
}

void
chart_free(struct chart *c)
{
	size_t	 i, k;

	if (c == NULL)
		return;
	for (i = 0; i < c->series_count; i++) {
		for (k = 0; k < c->series[i].point_count; k++)
			free(c->series[i].points[k].x);
		free(c->series[i].points);
		free(c->series[i].name);
	}
	free(c->series);
	for (i = 0; i < c->ref_count; i++) {
		free(c->refs[i].at);
		free(c->refs[i].label);
	}
	free(c->refs);
	for (i = 0; i < c->note_count; i++)
		free(c->notes[i]);
	free(c->notes);
	free(c->categories);
	free(c->x.title);
	free(c->x.unit);
	free(c->y.title);
	free(c->y.unit);
	free(c->title);
	free(c->subtitle);
	free(c->source);
	free(c->unit);
	free(c->file);
	free(c->problem);
	free(c);
}
