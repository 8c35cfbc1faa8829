/*
 * cli/main.c: the planrep program. Parses the command line, dispatches to one command, and is the
 * only place that turns diagnostics into an exit status (0 ok, 1 a product failed, 2 bad usage,
 * 65 bad input data).
 */
#include <getopt.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "planrep/xml.h"
#include "cli-int.h"

static const char usage_text[] =
"usage: planrep COMMAND [OPTION]... [ARG]...\n"
"\n"
"planrep turns the XML-encoded five-year health plans in input/ into reports.\n"
"\n"
"Commands:\n"
"  build              every product of input/build.xml for every plan into output/\n"
"  validate FILE...   check plans, catalog and observations against their schemas\n"
"  eval PLAN          where each indicator of a plan stands against its 2025 target\n"
"  render DOC -o OUT  lay out a document (or a template applied to a plan) as PDF/SVG/PNG\n"
"  chart FILE -o OUT  draw a chart (or each chart of a document) as SVG/PNG/PDF\n"
"  fonts              which font files serve the font families the themes ask for\n"
"\n"
"Options:\n"
"  -h, --help         show this help, or a command's help with COMMAND --help\n"
"  -V, --version      show the version\n"
"\n"
"Exit status: 0 ok, 1 some product failed, 2 bad usage, 65 bad input data.\n"
"Environment: PLANREP_DATADIR, the folder holding schema/ (default " PLANREP_DATADIR ").\n";

void
cli_error(const char *fmt, ...)
{
	va_list	 ap;

	fputs("planrep: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_report(struct diag_list *diags)
{
	diag_list_print(diags, stderr);
	return diag_failed(diags) ? EXIT_DATA : EXIT_OK;
}

static const struct {
	const char	*name;
	int		(*run)(int, char **);
} commands[] = {
	{ "build", cmd_build },
	{ "validate", cmd_validate },
	{ "eval", cmd_eval },
	{ "render", cmd_render },
	{ "chart", cmd_chart },
	{ "fonts", cmd_fonts },
};

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	size_t	 i;
	int	 c, rc;

	/*
	 * cairo's PDF font subsetter copies a CFF font whole, twice a font (20 MB each for Noto CJK).
	 * glibc maps a block that large afresh each time and the kernel zeroes and faults in every
	 * page: 19,000 of a full plan's 25,000 page faults. From the heap, the second copy reuses
	 * the first one's pages. (A build's workers give the heap back between jobs: build/run.c.)
	 */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);

	/* Stop at the command name: what follows it belongs to the command. */
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_OK;
		case 'V':
			printf("planrep %s\n", PLANREP_VERSION);
			return EXIT_OK;
		default:
			fputs("Try 'planrep --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name) != 0)
			continue;
		argc -= optind;
		argv += optind;
		optind = 0;	/* glibc: 0 re-initialises getopt for the command's own options */
		rc = commands[i].run(argc, argv);
		xml_cleanup();
		return rc;
	}
	cli_error("unknown command '%s'", argv[optind]);
	fputs("Try 'planrep --help'.\n", stderr);
	return EXIT_USAGE;
}
