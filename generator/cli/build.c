/*
 * cli/build.c: planrep build — the main job. Validates the catalog, every plan in input/plans/ and
 * its observations, evaluates every indicator, and writes each plan's products: today the full plan
 * in the official layout, output/<id>/plan.pdf. Fonts and the template are loaded once for all plans.
 * A plan that fails fails its own products; the others still build.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/tree.h>

#include "planrep/doc.h"
#include "planrep/layout.h"
#include "planrep/render.h"
#include "planrep/template.h"
#include "planrep/xml.h"
#include "cli-int.h"

static const char help[] =
"usage: planrep build [--input DIR] [--output DIR]\n"
"\n"
"Validates input/catalog.xml, every plan in input/plans/ and its observations, evaluates every\n"
"indicator at the latest period observed, and writes for each plan <id>:\n"
"  output/<id>/plan.pdf    the full plan in the official layout (GB/T 9704-2012)\n"
"Briefings, charts and the comparison are not built yet.\n"
"\n"
"  -i, --input DIR   the input folder (default: input)\n"
"  -o, --output DIR  the output folder (default: output)\n"
"  -h, --help        show this help\n"
"\n"
"Exit status: 0 ok, 1 some product failed, 2 bad usage.\n";

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

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* mkdir -p of the folder that will hold path's file. */
static bool
make_dirs(char *dir, struct diag_list *diags)
{
	char	*p;

	for (p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char	 c = *p;

			*p = '\0';
			if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
				diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot create folder: %s", strerror(errno));
				*p = c;
				return false;
			}
			*p = c;
			if (c == '\0')
				return true;
		}
	}
}

/* The full plan, official theme: template, document, layout, PDF. Returns the page count or 0. */
static size_t
product_plan(struct template *tpl, struct layout_fonts *fonts, const struct cli_plan_set *set,
    const char *plan_path, const char *id, const char *outdir, const struct diag_list *warnings,
    struct diag_list *diags)
{
	static const char *const params[] = { "theme", "gbt9704", NULL };
	xmlDocPtr		 in, out = NULL;
	struct doc		*doc = NULL;
	struct layout_result	*lr = NULL;
	struct render_options	 ro;
	char			 dir[4096], path[4200];
	size_t			 pages = 0;

	if ((in = cli_enrich(set, plan_path, NULL, warnings, diags)) == NULL)
		return 0;
	out = template_apply(tpl, in, plan_path, params, diags);
	xmlFreeDoc(in);
	if (out == NULL)
		return 0;
	doc = doc_from_xml(out, plan_path, ".", diags);
	xmlFreeDoc(out);
	if (doc == NULL || (lr = layout_document(fonts, doc, diags)) == NULL)
		goto out;
	snprintf(dir, sizeof(dir), "%s/%s", outdir, id);
	snprintf(path, sizeof(path), "%s/plan.pdf", dir);
	if (!make_dirs(dir, diags))
		goto out;
	memset(&ro, 0, sizeof(ro));
	ro.format = RENDER_PDF;
	ro.title = doc->title;
	ro.author = doc->author;
	ro.subject = doc->subject;
	ro.keywords = doc->keywords;
	ro.creator = doc->creator;
	ro.lang = doc->lang;
	if (render_layout(lr, path, &ro, diags))
		pages = layout_page_count(lr);
out:
	layout_result_free(lr);
	doc_free(doc);
	return pages;
}

int
cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct layout_fonts	*fonts = NULL;
	struct template		*tpl = NULL;
	const char		*output = "output";
	char			 tpath[4096];
	size_t			 pages, built = 0, printed;
	struct diag_list	 more;
	double			 t0, t1;
	struct cli_plan_set	 set;
	struct diag_list	 diags;
	struct model_period	 at;
	struct model_eval	 ev;
	const char		*input = "input";
	char			**plans = NULL;
	long			 n, i;
	size_t			 k, counts[MODEL_STATUS_COUNT];
	int			 c, s, bad = 0;

	while ((c = getopt_long(argc, argv, "i:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			input = optarg;
			break;
		case 'o':
			output = optarg;
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
	t0 = now();
	diag_list_init(&diags);
	snprintf(tpath, sizeof(tpath), "%s/templates/plan.xsl", xml_data_dir());
	if ((fonts = layout_fonts_new(&diags)) == NULL || (tpl = template_load(tpath, &diags)) == NULL) {
		diag_list_print(&diags, stderr);
		diag_list_clear(&diags);
		layout_fonts_free(fonts);
		for (i = 0; i < n; i++)
			free(plans[i]);
		free(plans);
		return EXIT_FAILED;
	}
	diag_list_clear(&diags);
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
			t1 = now();
			printed = diags.count;
			pages = product_plan(tpl, fonts, &set, plans[i], set.plan->id, output, &diags, &diags);
			/* Only what the product added: the data warnings were printed above. */
			more = diags;
			more.items += printed;
			more.count -= printed;
			diag_list_print(&more, stderr);
			if (pages > 0) {
				printf("%-8s %s/%s/plan.pdf (%zu pages, %.2f s)\n", "BUILT", output, set.plan->id,
				    pages, now() - t1);
				built++;
			} else {
				printf("%-8s %s/%s/plan.pdf\n", "FAILED", output, set.plan->id);
				bad++;
			}
			cli_plan_set_free(&set);
		}
		diag_list_clear(&diags);
		free(plans[i]);
	}
	free(plans);
	template_free(tpl);
	layout_fonts_free(fonts);
	printf("planrep build: %ld plan%s, %zu product%s built, %d failed, %.2f s\n", n, n == 1 ? "" : "s",
	    built, built == 1 ? "" : "s", bad, now() - t0);
	return bad ? EXIT_FAILED : EXIT_OK;
}
