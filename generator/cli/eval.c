/*
 * cli/eval.c: planrep eval PLAN — one row per indicator: printed baseline and target, the parsed
 * target, the derived numeric target, the latest observation and the status at a period.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-int.h"

static const char help[] =
"usage: planrep eval PLAN [--period P] [--observations FILE] [--catalog FILE] [--format text|csv]\n"
"\n"
"Evaluates every indicator of PLAN (input/plans/<id>.xml) at period P (2023 = end of 2023,\n"
"2024Q2 = end of June 2024; default: the latest period observed) against its 2025 target.\n"
"\n"
"  -p, --period P          the period to evaluate at\n"
"  -o, --observations FILE observations (default: <input>/observations/<id>.xml if it exists)\n"
"  -c, --catalog FILE      catalog (default: <input>/catalog.xml if it exists)\n"
"  -f, --format FORMAT     text (an aligned table and a summary; default) or csv\n"
"  -h, --help              show this help\n"
"\n"
"CSV columns: seq,category,name,unit,baseline,target,attribute,ref,target_kind,target_value,\n"
"latest_value,latest_period,status. Printed texts appear exactly as in the plan; target_value\n"
"is the derived numeric target or empty; status is one of met, on-track, behind, off-track,\n"
"no-data, not-assessable.\n"
"\n"
"Exit status: 0 ok, 2 bad usage, 65 bad input data.\n";

/* Writes one CSV field with RFC 4180 quoting. */
static void
csv_field(FILE *f, const char *s, bool last)
{
	const char	*p;

	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', f);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	} else
		fputs(s, f);
	fputc(last ? '\n' : ',', f);
}

static void
format_number(double x, char *buf, size_t size)
{
	if (isfinite(x))
		snprintf(buf, size, "%.10g", x);
	else
		buf[0] = '\0';
}

static void
print_csv(const struct cli_plan_set *set, const struct model_eval *ev)
{
	const struct model_plan	*p = set->plan;
	char			 seq[32], tv[64], period[16];
	size_t			 i;

	fputs("seq,category,name,unit,baseline,target,attribute,ref,target_kind,target_value,"
	    "latest_value,latest_period,status\n", stdout);
	for (i = 0; i < p->indicator_count; i++) {
		const struct model_indicator *ind = &p->indicators[i];

		snprintf(seq, sizeof(seq), "%zu", ind->seq);
		format_number(ev[i].target, tv, sizeof(tv));
		period[0] = '\0';
		if (ev[i].latest != NULL)
			model_period_format(ev[i].latest->period, period, sizeof(period));
		csv_field(stdout, seq, false);
		csv_field(stdout, ind->category, false);
		csv_field(stdout, ind->name, false);
		csv_field(stdout, ind->unit, false);
		csv_field(stdout, ind->baseline_text, false);
		csv_field(stdout, ind->target_text, false);
		csv_field(stdout, ind->attribute, false);
		csv_field(stdout, ind->ref, false);
		csv_field(stdout, model_target_kind_name(ind->target.kind), false);
		csv_field(stdout, tv, false);
		csv_field(stdout, ev[i].latest ? ev[i].latest->value_text : "", false);
		csv_field(stdout, period, false);
		csv_field(stdout, model_status_name(ev[i].status), true);
	}
}

/* Copies s into buf, cut to at most width columns with an ellipsis. */
static void
clip(const char *s, size_t width, char *buf, size_t size)
{
	size_t	 n = 0, w;

	snprintf(buf, size, "%s", s);
	if (cli_text_width(buf) <= width)
		return;
	/* Cut whole UTF-8 characters until the text and "…" fit. */
	for (n = strlen(buf); n > 0; ) {
		do
			n--;
		while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80);
		buf[n] = '\0';
		w = cli_text_width(buf);
		if (w + 1 <= width)
			break;
	}
	snprintf(buf + n, size - n, "…");
}

static void
print_text(const struct cli_plan_set *set, const struct model_eval *ev, const char *period_label)
{
	static const size_t	 wseq = 4, wcat = 10, wname = 40, wnum = 12, wstat = 14;
	const struct model_plan	*p = set->plan;
	size_t			 i, counts[MODEL_STATUS_COUNT] = { 0 };
	char			 name[256], cell[128], tv[64], period[16];
	bool			 samples = false;
	int			 s;

	printf("%s%s\n", p->title, p->draft ? "（征求意见稿）" : "");
	printf("%s, evaluated at %s; observations: %s\n\n", p->jurisdiction, period_label,
	    set->obs ? set->obs->path : "none");
	cli_print_padded(stdout, "seq", wseq);
	cli_print_padded(stdout, "category", wcat);
	cli_print_padded(stdout, "indicator (unit)", wname);
	cli_print_padded(stdout, "2020", wnum);
	cli_print_padded(stdout, "2025 target", wnum + 4);
	cli_print_padded(stdout, "derived", wnum);
	cli_print_padded(stdout, "latest", wnum + 6);
	fputs("status\n", stdout);
	for (i = 0; i < p->indicator_count; i++) {
		const struct model_indicator *ind = &p->indicators[i];

		snprintf(cell, sizeof(cell), "%zu", ind->seq);
		cli_print_padded(stdout, cell, wseq);
		clip(ind->category, wcat - 1, cell, sizeof(cell));
		cli_print_padded(stdout, cell, wcat);
		snprintf(cell, sizeof(cell), "%s%s%s%s", ind->name, *ind->unit ? "（" : "", ind->unit,
		    *ind->unit ? "）" : "");
		clip(cell, wname - 1, name, sizeof(name));
		cli_print_padded(stdout, name, wname);
		clip(ind->baseline_text, wnum - 1, cell, sizeof(cell));
		cli_print_padded(stdout, cell, wnum);
		clip(ind->target_text, wnum + 3, cell, sizeof(cell));
		cli_print_padded(stdout, cell, wnum + 4);
		format_number(ev[i].target, tv, sizeof(tv));
		cli_print_padded(stdout, *tv ? tv : "-", wnum);
		if (ev[i].latest != NULL) {
			model_period_format(ev[i].latest->period, period, sizeof(period));
			snprintf(cell, sizeof(cell), "%s%s (%s)", ev[i].latest->value_text,
			    ev[i].latest->sample ? "*" : "", period);
			samples = samples || ev[i].latest->sample;
		} else
			snprintf(cell, sizeof(cell), "-");
		cli_print_padded(stdout, cell, wnum + 6);
		printf("%s\n", model_status_name(ev[i].status));
		counts[ev[i].status]++;
	}
	(void)wstat;
	printf("\n%zu indicators:", p->indicator_count);
	for (s = 0; s < MODEL_STATUS_COUNT; s++)
		printf("%s %zu %s", s ? "," : "", counts[s], model_status_name((enum model_status)s));
	putchar('\n');
	if (samples)
		puts("* 示例数据，非官方统计 (sample values, not official statistics)");
}

int
cmd_eval(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "period", required_argument, NULL, 'p' },
		{ "observations", required_argument, NULL, 'o' },
		{ "catalog", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_plan_set	 set;
	struct diag_list	 diags;
	struct model_period	 at;
	struct model_eval	*ev = NULL;
	const char		*period = NULL, *obs = NULL, *catalog = NULL, *format = "text";
	char			 label[32];
	size_t			 i;
	int			 c, rc;
	bool			 have_period;

	while ((c = getopt_long(argc, argv, "p:o:c:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			period = optarg;
			break;
		case 'o':
			obs = optarg;
			break;
		case 'c':
			catalog = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			fputs(help, stdout);
			return EXIT_OK;
		default:
			fputs("Try 'planrep eval --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		cli_error(optind >= argc ? "eval: no plan given" : "eval: one plan at a time");
		fputs("Try 'planrep eval --help'.\n", stderr);
		return EXIT_USAGE;
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0) {
		cli_error("eval: unknown format '%s' (text or csv)", format);
		return EXIT_USAGE;
	}
	if (period != NULL && !model_period_parse(period, &at)) {
		cli_error("eval: bad period '%s' (a year like 2023 or a quarter like 2024Q2)", period);
		return EXIT_USAGE;
	}
	diag_list_init(&diags);
	if (!cli_plan_set_load(&set, argv[optind], true, obs, catalog, &diags)) {
		rc = cli_report(&diags);
		diag_list_clear(&diags);
		return rc;
	}
	/* Warnings go to stderr; the table is stdout's alone, so CSV stays clean. */
	diag_list_print(&diags, stderr);
	diag_list_clear(&diags);
	have_period = period != NULL || model_observations_latest(set.obs, &at);
	if (!have_period) {
		at.year = set.plan->period_end;
		at.quarter = 0;
	}
	model_period_format(at, label, sizeof(label));
	if (!have_period)
		snprintf(label, sizeof(label), "%d (no observations)", set.plan->period_end);
	if ((ev = calloc(set.plan->indicator_count ? set.plan->indicator_count : 1, sizeof(*ev))) == NULL) {
		cli_error("out of memory");
		cli_plan_set_free(&set);
		return EXIT_DATA;
	}
	for (i = 0; i < set.plan->indicator_count; i++)
		model_eval_indicator(set.plan, &set.plan->indicators[i], set.catalog, set.obs, at, &ev[i]);
	if (strcmp(format, "csv") == 0)
		print_csv(&set, ev);
	else
		print_text(&set, ev, label);
	free(ev);
	cli_plan_set_free(&set);
	return EXIT_OK;
}
