/*
 * cli/build.c: planrep build — the main job, on top of the build module (include/planrep/build.h):
 * parses the options, shows the build as it goes (a progress line rewritten in place on a
 * terminal, one line per finished product in a log, each diagnostic once), prints the summary and
 * turns the outcome into the exit status.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planrep/build.h"
#include "cli-int.h"

static const char help[] =
"usage: planrep build [OPTION]...\n"
"\n"
"Builds every product of the manifest (input/build.xml, see docs/build.md) for the plans in\n"
"input/plans/ into output/, in parallel worker processes, rebuilding only products whose inputs\n"
"changed (content hashes kept in output/.planrep-state), and writes output/index.html.\n"
"By default: output/<id>/plan.pdf, the full plan in the official layout (GB/T 9704-2012).\n"
"\n"
"  -i, --input DIR      the input folder (default: input)\n"
"  -o, --output DIR     the output folder (default: output)\n"
"  -m, --manifest FILE  the manifest (default: DIR/build.xml of --input)\n"
"  -j, --jobs N         worker processes (default: the number of cores)\n"
"  -f, --force          rebuild every selected product, changed or not\n"
"  -n, --dry-run        say what would be built and why; change nothing\n"
"      --only GLOB      only products with an output path matching GLOB, relative to the\n"
"                       output folder, e.g. 'yuncheng/*' ('*' also matches '/')\n"
"      --shard K/N      only every N-th product from the K-th (1 <= K <= N), in a stable\n"
"                       order: N machines share a build (docs/distributed.md)\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 ok, 1 some product failed, 2 bad usage, 65 bad manifest or input folder,\n"
"130 interrupted (SIGINT), 143 terminated (SIGTERM).\n";

/* What the event callback needs to print. */
struct view {
	bool		 tty;		/* standard output is a terminal: one line, rewritten */
	bool		 line_shown;	/* the progress line is on screen */
	char		**seen;		/* owned: diagnostics printed already, to print each once */
	size_t		 seen_count;
};

static void
clear_line(struct view *v)
{
	if (v->tty && v->line_shown) {
		fputs("\r\033[K", stdout);
		fflush(stdout);
		v->line_shown = false;
	}
}

/* Prints the diagnostics not printed before (a plan's warnings come with each of its products). */
static void
print_diags(struct view *v, const struct diag_list *d)
{
	struct diag_list	 one;
	char			*line = NULL, **grown;
	size_t			 i, k, len;
	FILE			*mem;

	for (i = 0; i < d->count; i++) {
		one = *d;
		one.items = &d->items[i];
		one.count = 1;
		one.oom = false;
		if ((mem = open_memstream(&line, &len)) == NULL)
			continue;
		diag_list_print(&one, mem);
		fclose(mem);
		for (k = 0; k < v->seen_count; k++)
			if (strcmp(v->seen[k], line) == 0)
				break;
		if (k < v->seen_count) {
			free(line);
			continue;
		}
		fputs(line, stderr);
		if ((grown = realloc(v->seen, (v->seen_count + 1) * sizeof(*grown))) != NULL) {
			v->seen = grown;
			v->seen[v->seen_count++] = line;
		} else
			free(line);
	}
	if (d->oom)
		fputs("planrep: fatal: out of memory while recording diagnostics\n", stderr);
}

static void
on_event(const struct build_event *e, void *arg)
{
	struct view	*v = arg;

	switch (e->type) {
	case BUILD_EVENT_PLANNED:
		printf("%-8s %s  (%s: %s)\n", "BUILD", e->path, e->product, e->reason);
		return;
	case BUILD_EVENT_REMOVED:
		clear_line(v);
		printf("%-8s %s  (%s)\n", "REMOVE", e->path, e->reason);
		break;
	case BUILD_EVENT_FINISHED:
		clear_line(v);
		fflush(stdout);
		print_diags(v, e->diags);
		if (!e->ok)
			printf("%-8s %s  (%s)\n", "FAILED", e->path, e->product);
		else if (!v->tty)
			printf("%-8s %s  (%zu file%s, %zu %s%s, %.2f s; %s)\n", "BUILT", e->path, e->files,
			    e->files == 1 ? "" : "s", e->pages, e->chart_set ? "chart" : "page",
			    e->pages == 1 ? "" : "s", e->seconds, e->reason != NULL ? e->reason : "");
		break;
	default:
		break;
	}
	if (v->tty && e->total > 0 && e->type != BUILD_EVENT_REMOVED) {
		printf("\r\033[K[%zu/%zu] %zu failed  %s  %.1f s", e->done, e->total, e->failed,
		    e->done < e->total && e->running != NULL ? e->running : "", e->elapsed);
		v->line_shown = true;
	}
	fflush(stdout);
}

int
cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "output", required_argument, NULL, 'o' },
		{ "manifest", required_argument, NULL, 'm' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "force", no_argument, NULL, 'f' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "only", required_argument, NULL, 'O' },
		{ "shard", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct build_options	 o;
	struct build_summary	 sum;
	struct diag_list	 diags;
	struct view		 v;
	enum build_outcome	 outcome;
	char			*end;
	unsigned long		 n;
	size_t			 i;
	int			 c, rc;

	memset(&o, 0, sizeof(o));
	memset(&v, 0, sizeof(v));
	o.input = "input";
	o.output = "output";
	while ((c = getopt_long(argc, argv, "i:o:m:j:fnh", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			o.input = optarg;
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'm':
			o.manifest = optarg;
			break;
		case 'j':
			n = strtoul(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end != '\0' || n < 1 || n > 1024) {
				cli_error("build: -j takes a number from 1 to 1024, not '%s'", optarg);
				return EXIT_USAGE;
			}
			o.jobs = n;
			break;
		case 'f':
			o.force = true;
			break;
		case 'n':
			o.dry_run = true;
			break;
		case 'O':
			o.only = optarg;
			break;
		case 'S':
			if (!build_shard_parse(optarg, &o.shard_k, &o.shard_n)) {
				cli_error("build: --shard takes K/N with 1 <= K <= N, not '%s'", optarg);
				return EXIT_USAGE;
			}
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
	v.tty = isatty(STDOUT_FILENO) == 1;
	o.tick = v.tty ? 0.2 : 0;
	o.event = on_event;
	o.event_arg = &v;
	diag_list_init(&diags);
	outcome = build_run(&o, &sum, &diags);
	clear_line(&v);
	fflush(stdout);
	print_diags(&v, &diags);
	diag_list_clear(&diags);
	for (i = 0; i < v.seen_count; i++)
		free(v.seen[i]);
	free(v.seen);

	switch (outcome) {
	case BUILD_BAD_INPUT:
		return EXIT_DATA;
	case BUILD_INTERRUPTED:
		printf("planrep build: interrupted (signal %d): %zu built, %zu failed, %.2f s\n", sum.signal,
		    sum.built, sum.failed, sum.seconds);
		/* As a shell reports a command killed by the signal: 130 for SIGINT, 143 for SIGTERM. */
		return 128 + sum.signal;
	default:
		break;
	}
	if (o.dry_run)
		printf("planrep build: dry run, %zu product%s, %zu selected: %zu to build, %zu up to date\n",
		    sum.products, sum.products == 1 ? "" : "s", sum.selected, sum.selected - sum.up_to_date,
		    sum.up_to_date);
	else {
		printf("planrep build: %zu product%s", sum.selected, sum.selected == 1 ? "" : "s");
		if (sum.selected != sum.products)
			printf(" of %zu", sum.products);
		printf(": %zu built, %zu up to date, %zu failed", sum.built, sum.up_to_date, sum.failed);
		if (sum.removed > 0)
			printf(", %zu stale file%s removed", sum.removed, sum.removed == 1 ? "" : "s");
		printf(", %.2f s\n", sum.seconds);
	}
	rc = outcome == BUILD_OK ? EXIT_OK : EXIT_FAILED;
	return rc;
}
