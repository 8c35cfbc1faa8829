/*
 * chart/geometry.c: the report of what a draw placed, as text for golden files, and the checker
 * tests run on it: no two labels overlap, none leaves the canvas.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/chart.h"
#include "chart-int.h"

void
chart_geometry_init(struct chart_geometry *g)
{
	memset(g, 0, sizeof(*g));
}

void
chart_geometry_clear(struct chart_geometry *g)
{
	size_t	 i;

	if (g == NULL)
		return;
	for (i = 0; i < g->label_count; i++)
		free(g->labels[i].text);
	for (i = 0; i < g->decision_count; i++)
		free(g->decisions[i]);
	free(g->labels);
	free(g->decisions);
	chart_geometry_init(g);
}

const char *
chart_label_role_name(enum chart_label_role r)
{
	switch (r) {
	case CHART_LABEL_TITLE:
		return "title";
	case CHART_LABEL_SUBTITLE:
		return "subtitle";
	case CHART_LABEL_SAMPLE:
		return "sample";
	case CHART_LABEL_LEGEND:
		return "legend";
	case CHART_LABEL_AXIS_TITLE:
		return "axis-title";
	case CHART_LABEL_TICK:
		return "tick";
	case CHART_LABEL_CATEGORY:
		return "category";
	case CHART_LABEL_VALUE:
		return "value";
	case CHART_LABEL_REFERENCE:
		return "reference";
	case CHART_LABEL_NOTE:
		return "note";
	case CHART_LABEL_SOURCE:
		return "source";
	case CHART_LABEL_KPI:
		return "kpi";
	case CHART_LABEL_PANEL:
		return "panel";
	}
	return "?";
}

static void
quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			fputs("\" / \"", f);
		else {
			if (*s == '"' || *s == '\\')
				fputc('\\', f);
			fputc(*s, f);
		}
	}
	fputc('"', f);
}

static void
ticks(FILE *f, const char *name, const struct chart_ticks *t)
{
	size_t	 i;
	char	 buf[64];

	if (t->count == 0)
		return;
	fprintf(f, "%s", name);
	for (i = 0; i < t->count; i++) {
		double	 v = t->min + (double)i * t->step;

		/* Plain ASCII minus here, the dump being for diff and grep; and never "-0". */
		if (fabs(v) < t->step * 1e-9)
			v = 0;
		snprintf(buf, sizeof(buf), "%.*f", t->decimals, v);
		fprintf(f, " %s", buf);
	}
	fprintf(f, " (step %g)\n", t->step);
}

void
chart_geometry_dump(const struct chart_geometry *g, FILE *f)
{
	size_t	 i;

	fprintf(f, "chart %s %.2f x %.2f\n", g->kind != NULL ? g->kind : "?", g->width, g->height);
	if (g->plot_w > 0 || g->plot_h > 0)
		fprintf(f, "plot %.2f %.2f %.2f %.2f\n", g->plot_x, g->plot_y, g->plot_w, g->plot_h);
	ticks(f, "ticks", &g->ticks);
	ticks(f, "periods", &g->xticks);
	for (i = 0; i < g->decision_count; i++)
		fprintf(f, "decision %s\n", g->decisions[i]);
	for (i = 0; i < g->label_count; i++) {
		const struct chart_label *l = &g->labels[i];

		fprintf(f, "label %s %.2f %.2f %.2f %.2f", chart_label_role_name(l->role), l->x, l->y, l->w,
		    l->h);
		if (l->angle != 0)
			fprintf(f, " rotate %.0f", l->angle * 180 / M_PI);
		fputc(' ', f);
		quoted(f, l->text);
		fputc('\n', f);
	}
	if (g->dropped > 0)
		fprintf(f, "dropped %zu\n", g->dropped);
}

size_t
chart_geometry_check(const struct chart_geometry *g, const char *name, struct diag_list *d)
{
	size_t	 i, j, bad = 0;

	for (i = 0; i < g->label_count; i++) {
		const struct chart_label *a = &g->labels[i];

		if (!chart_label_inside(a, g->width, g->height)) {
			diag_add(d, DIAG_ERROR, name, 0, 0, "%s label \"%s\" leaves the %.2f x %.2f canvas",
			    chart_label_role_name(a->role), a->text, g->width, g->height);
			bad++;
		}
		for (j = i + 1; j < g->label_count; j++)
			if (chart_label_overlap(a, &g->labels[j])) {
				diag_add(d, DIAG_ERROR, name, 0, 0, "%s label \"%s\" overlaps %s label \"%s\"",
				    chart_label_role_name(a->role), a->text,
				    chart_label_role_name(g->labels[j].role), g->labels[j].text);
				bad++;
			}
	}
	return bad;
}
