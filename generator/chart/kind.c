/*
 * chart/kind.c: the one place that chooses between the kinds (STYLE 1.4). Every kind's file exports
 * the same three functions: _check (after parsing: what this kind needs of the data), _legend (its
 * legend entries, before the frame is laid out) and _layout (its marks and labels in the plot
 * region). bar.c serves both bar and hbar.
 */
#include <string.h>

#include "planrep/chart.h"
#include "chart-int.h"

static const char *const names[CHART__KIND_COUNT] = {
	[CHART_BAR] = "bar",
	[CHART_HBAR] = "hbar",
	[CHART_LINE] = "line",
	[CHART_BULLET] = "bullet",
	[CHART_DUMBBELL] = "dumbbell",
	[CHART_KPI] = "kpi",
};

const char *
chart_kind_name(enum chart_kind k)
{
	return k < CHART__KIND_COUNT ? names[k] : "?";
}

bool
chart_kind_parse(const char *s, enum chart_kind *out)
{
	size_t	 i;

	for (i = 0; i < CHART__KIND_COUNT; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum chart_kind)i;
			return true;
		}
	return false;
}

void
chart_kind_check(struct chart *c, struct diag_list *d)
{
	switch (c->kind) {
	case CHART_BAR:
	case CHART_HBAR:
		chart_bar_check(c, d);
		break;
	case CHART_LINE:
		chart_line_check(c, d);
		break;
	case CHART_BULLET:
		chart_bullet_check(c, d);
		break;
	case CHART_DUMBBELL:
		chart_dumbbell_check(c, d);
		break;
	case CHART_KPI:
		chart_kpi_check(c, d);
		break;
	case CHART__KIND_COUNT:
		break;
	}
}

void
chart_kind_legend(struct chart_ctx *x)
{
	switch (x->c->kind) {
	case CHART_BAR:
	case CHART_HBAR:
		chart_bar_legend(x);
		break;
	case CHART_LINE:
		chart_line_legend(x);
		break;
	case CHART_BULLET:
		chart_bullet_legend(x);
		break;
	case CHART_DUMBBELL:
		chart_dumbbell_legend(x);
		break;
	case CHART_KPI:
		chart_kpi_legend(x);
		break;
	case CHART__KIND_COUNT:
		break;
	}
}

void
chart_kind_layout(struct chart_ctx *x)
{
	switch (x->c->kind) {
	case CHART_BAR:
	case CHART_HBAR:
		chart_bar_layout(x);
		break;
	case CHART_LINE:
		chart_line_layout(x);
		break;
	case CHART_BULLET:
		chart_bullet_layout(x);
		break;
	case CHART_DUMBBELL:
		chart_dumbbell_layout(x);
		break;
	case CHART_KPI:
		chart_kpi_layout(x);
		break;
	case CHART__KIND_COUNT:
		break;
	}
}
