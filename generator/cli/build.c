/*
 * cli/build.c: planrep build — the main job. Until the layout, chart and template stages exist it
 * does what it honestly can: validates the catalog, every plan in input/plans/ and its observations,
 * evaluates every indicator, and says that no report is written yet.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-int.h"

static const char help[] =
"usage: planrep build [--input DIR]\n"
"\n"
"Validates input/catalog.xml, every plan in input/plans/ and its observations, and evaluates\n"
"every indicator at the latest period observed. Report products (PDF, SVG, PNG into output/)\n"
"are not built yet: this version writes nothing.\n"
"\n"
"  -i, --input DIR   the input folder (default: input)\n"
"  -h, --help        show this help\n"
"\n"
"Exit status: 0 ok, 2 bad usage, 65 bad input data.\n";

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the .xml files of <dir>/plans, sorted. Returns the count, or -1 when the folder cannot be read. */
static long
list_plans(const char *dir, char ***out)
{
	char		 path[4096], **names = NULL, **grown;
	DIR		*d;
	struct dirent	*e;
	size_t		 n = 0, len;

	snprintf(path, sizeof(path), "%s/plans", dir);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		if ((grown = realloc(names, (n + 1) * sizeof(*names))) == NULL)
			break;
		names = grown;
		snprintf(path, sizeof(path), "%s/plans/%s", dir, e->d_name);
		if ((names[n] = strdup(path)) == NULL)
			break;
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), by_name);
	*out = names;
	return (long)n;
}

int
cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_plan_set	 set;
	struct diag_list	 diags;
	struct model_period	 at;
	struct model_eval	 ev;
	const char		*input = "input";
	char			**plans = NULL;
	long			 n, i;
	size_t			 k, counts[MODEL_STATUS_COUNT];
	int			 c, s, bad = 0;

	while ((c = getopt_long(argc, argv, "i:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			input = optarg;
			break;
		case 'h':
			fputs(help, stdout);
			return EXIT_OK;
		default:
			fputs("Try 'planrep build --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		cli_error("build: unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	if ((n = list_plans(input, &plans)) < 0) {
		cli_error("build: cannot read %s/plans (run planrep from the repository's top folder, "
		    "or give --input)", input);
		return EXIT_DATA;
	}
	for (i = 0; i < n; i++) {
		diag_list_init(&diags);
		if (!cli_plan_set_load(&set, plans[i], true, NULL, NULL, &diags)) {
			diag_list_print(&diags, stderr);
			printf("%-8s %s\n", "INVALID", plans[i]);
			bad++;
		} else {
			diag_list_print(&diags, stderr);
			memset(counts, 0, sizeof(counts));
			if (!model_observations_latest(set.obs, &at)) {
				at.year = set.plan->period_end;
				at.quarter = 0;
			}
			for (k = 0; k < set.plan->indicator_count; k++) {
				model_eval_indicator(set.plan, &set.plan->indicators[k], set.catalog, set.obs,
				    at, &ev);
				counts[ev.status]++;
			}
			printf("%-8s %s: %s, %zu indicators (", "OK", plans[i], set.plan->jurisdiction,
			    set.plan->indicator_count);
			for (s = 0; s < MODEL_STATUS_COUNT; s++)
				printf("%s%zu %s", s ? ", " : "", counts[s], model_status_name((enum model_status)s));
			puts(")");
			cli_plan_set_free(&set);
		}
		diag_list_clear(&diags);
		free(plans[i]);
	}
	free(plans);
	printf("planrep build: validated and evaluated %ld plan%s, %d invalid. Report products "
	    "(PDF/SVG/PNG) are not built yet; nothing was written to output/.\n", n, n == 1 ? "" : "s", bad);
	return bad ? EXIT_DATA : EXIT_OK;
}
