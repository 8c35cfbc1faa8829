/*
 * cli/render.c: planrep render — one document to PDF, SVG or PNG, either written by hand (document
 * XML) or made by a template from a plan. Also the fonts command, which says what serves each font
 * family the themes ask for.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "planrep/doc.h"
#include "planrep/layout.h"
#include "planrep/render.h"
#include "planrep/template.h"
#include "planrep/xml.h"
#include "cli-int.h"

static const char help[] =
"usage: planrep render DOCUMENT.xml -o OUT [OPTION]...\n"
"       planrep render TEMPLATE.xsl PLAN.xml... -o OUT [--param NAME=VALUE]... [OPTION]...\n"
"\n"
"Lays out a document (urn:planrep:doc, see docs/document.md) and writes it as PDF, SVG or PNG.\n"
"With a template (.xsl), the template first turns the plan into a document; the plan is\n"
"evaluated first and the results written into the tree the template reads (the period: the\n"
"template parameter period, else the latest observed). Several plans are gathered under one\n"
"root for a template that compares them. For example:\n"
"  planrep render templates/plan.xsl input/plans/shangqiu.xml -o shangqiu.pdf\n"
"  planrep render templates/briefing.xsl input/plans/shangqiu.xml -o briefing.pdf\n"
"  planrep render templates/compare.xsl input/plans/*.xml -o comparison.pdf\n"
"\n"
"  -o, --output OUT        the file to write; SVG and PNG write one file per page,\n"
"                          OUT without extension + -001.svg, -002.svg, ...\n"
"  -f, --format FORMAT     pdf, svg or png (default: from OUT's extension, else pdf)\n"
"  -p, --param NAME=VALUE  a template parameter (repeatable), e.g. --param theme=gbt9704\n"
"      --dpi N             PNG resolution (default 150)\n"
"      --dump-layout FILE  also write the layout as text (pages, items, lines and why\n"
"                          they broke); - for standard output\n"
"      --dump-tree FILE    also write the document tree as text; - for standard output\n"
"  -h, --help              show this help\n"
"\n"
"The output appears only when complete: a failure leaves no file.\n"
"Exit status: 0 ok, 1 the output could not be written, 2 bad usage, 65 bad input.\n";

static bool
ends_with(const char *s, const char *suffix)
{
	size_t	 a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static FILE *
open_dump(const char *path)
{
	return strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
}

static void
close_dump(FILE *f)
{
	if (f != NULL && f != stdout)
		fclose(f);
}

/* The template's document over the inputs, as a tree for layout; NULL with diagnostics. */
static struct doc *
from_template(const char *tpl_path, char *const *inputs, size_t count, const char *const *params,
    const char *period, struct diag_list *diags)
{
	xmlDocPtr	 out;
	struct doc	*doc;
	char		 name[4096];

	if ((out = cli_template_apply(tpl_path, inputs, count, params, period, diags)) == NULL)
		return NULL;
	if (count == 1)
		snprintf(name, sizeof(name), "%s applied to %s", tpl_path, inputs[0]);
	else
		snprintf(name, sizeof(name), "%s applied to %zu plans", tpl_path, count);
	doc = doc_from_xml(out, name, ".", diags);
	xmlFreeDoc(out);
	return doc;
}

int
cmd_render(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "param", required_argument, NULL, 'p' },
		{ "dpi", required_argument, NULL, 'd' },
		{ "dump-layout", required_argument, NULL, 'L' },
		{ "dump-tree", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct diag_list	 diags;
	struct render_options	 ro;
	struct layout_fonts	*fonts = NULL;
	struct layout_result	*lr = NULL;
	struct doc		*doc = NULL;
	const char		*out = NULL, *format = NULL, *dump_layout = NULL, *dump_tree = NULL;
	const char		*period = NULL;
	const char		*params[66];
	char			*eq, *end;
	size_t			 np = 0;
	int			 c, rc = EXIT_OK;
	FILE			*df;

	memset(&ro, 0, sizeof(ro));
	while ((c = getopt_long(argc, argv, "o:f:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'p':
			if ((eq = strchr(optarg, '=')) == NULL || eq == optarg) {
				cli_error("render: --param takes NAME=VALUE, not '%s'", optarg);
				return EXIT_USAGE;
			}
			if (np + 2 >= sizeof(params) / sizeof(params[0])) {
				cli_error("render: too many --param");
				return EXIT_USAGE;
			}
			*eq = '\0';
			params[np++] = optarg;
			params[np++] = eq + 1;
			break;
		case 'd':
			ro.dpi = strtod(optarg, &end);
			if (*end != '\0' || ro.dpi < 10 || ro.dpi > 2400) {
				cli_error("render: --dpi takes a number from 10 to 2400, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'L':
			dump_layout = optarg;
			break;
		case 'T':
			dump_tree = optarg;
			break;
		case 'h':
			fputs(help, stdout);
			return EXIT_OK;
		default:
			fputs("Try 'planrep render --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	params[np] = NULL;
	/* The template parameter period also picks the period the plan is evaluated at. */
	for (size_t k = 0; k + 1 < np; k += 2)
		if (strcmp(params[k], "period") == 0)
			period = params[k + 1];
	if (optind >= argc || out == NULL) {
		cli_error(optind >= argc ? "render: no document given" : "render: no output given (-o OUT)");
		fputs("Try 'planrep render --help'.\n", stderr);
		return EXIT_USAGE;
	}
	if (format != NULL) {
		if (!render_format_parse(format, &ro.format)) {
			cli_error("render: unknown format '%s' (pdf, svg or png)", format);
			return EXIT_USAGE;
		}
	} else if (!render_format_from_path(out, &ro.format))
		ro.format = RENDER_PDF;
	if (ends_with(argv[optind], ".xsl")) {
		if (optind + 2 > argc) {
			cli_error("render: a template needs a plan (or several)");
			return EXIT_USAGE;
		}
	} else if (optind + 1 != argc || np > 0) {
		cli_error(np > 0 ? "render: --param needs a template" : "render: one document at a time");
		return EXIT_USAGE;
	}

	/* Ctrl-C or kill while the file is being written leaves no temporary file behind. */
	render_out_cleanup_on_signals();
	layout_fonts_prepare();
	diag_list_init(&diags);
	if (ends_with(argv[optind], ".xsl"))
		doc = from_template(argv[optind], argv + optind + 1, (size_t)(argc - optind - 1), params,
		    period, &diags);
	else
		doc = doc_load(argv[optind], &diags);
	if (doc == NULL) {
		rc = EXIT_DATA;
		goto out;
	}
	if (dump_tree != NULL) {
		if ((df = open_dump(dump_tree)) == NULL) {
			cli_error("render: cannot write %s", dump_tree);
			rc = EXIT_FAILED;
			goto out;
		}
		doc_dump(doc, df);
		close_dump(df);
	}
	if ((fonts = layout_fonts_new(ro.format == RENDER_PDF, &diags)) == NULL ||
	    (lr = layout_document(fonts, doc, &diags)) == NULL) {
		rc = diag_failed(&diags) ? EXIT_DATA : EXIT_FAILED;
		goto out;
	}
	if (dump_layout != NULL) {
		if ((df = open_dump(dump_layout)) == NULL) {
			cli_error("render: cannot write %s", dump_layout);
			rc = EXIT_FAILED;
			goto out;
		}
		layout_dump(lr, df);
		close_dump(df);
	}
	ro.title = doc->title;
	ro.author = doc->author;
	ro.subject = doc->subject;
	ro.keywords = doc->keywords;
	ro.creator = doc->creator;
	ro.lang = doc->lang;
	if (!render_layout(lr, out, &ro, &diags))
		rc = EXIT_FAILED;
out:
	diag_list_print(&diags, stderr);
	if (rc == EXIT_OK && diag_failed(&diags))
		rc = EXIT_DATA;
	diag_list_clear(&diags);
	layout_result_free(lr);
	doc_free(doc);
	layout_fonts_free(fonts);
	return rc;
}

static const char fonts_help[] =
"usage: planrep fonts\n"
"\n"
"Says which font file serves each font family list the themes use, as fontconfig resolves it\n"
"on this machine, and which families are not installed. Debian packages no simplified 仿宋\n"
"(FangSong): where 仿宋_GB2312 and FangSong are missing, 仿宋 text is set in Noto Serif CJK SC.\n"
"\n"
"Exit status: 0 when every list has an installed family, 1 when one has none.\n";

int
cmd_fonts(int argc, char **argv)
{
	static const char *const lists[] = {
		"仿宋_GB2312, FangSong, STFangsong, Noto Serif CJK SC",
		"方正小标宋简体, FZXiaoBiaoSong-B05S, Noto Serif CJK SC",
		"黑体, SimHei, Noto Sans CJK SC",
		"楷体_GB2312, KaiTi, LXGW WenKai, Noto Serif CJK SC",
		"宋体, SimSun, Noto Serif CJK SC",
		"Noto Serif CJK SC",
		"Noto Sans CJK SC",
		NULL
	};
	struct diag_list	 diags;
	struct layout_fonts	*f;
	bool			 ok;

	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs(fonts_help, stdout);
		return EXIT_OK;
	}
	if (argc > 1) {
		cli_error("fonts: takes no arguments");
		return EXIT_USAGE;
	}
	diag_list_init(&diags);
	if ((f = layout_fonts_new(false, &diags)) == NULL) {
		diag_list_print(&diags, stderr);
		diag_list_clear(&diags);
		return EXIT_FAILED;
	}
	ok = layout_fonts_report(f, lists, stdout);
	layout_fonts_free(f);
	diag_list_clear(&diags);
	return ok ? EXIT_OK : EXIT_FAILED;
}
