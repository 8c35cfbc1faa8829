/*
 * cli/chart.c: planrep chart — charts as standalone SVG, PNG or PDF files, for slides. The chart
 * comes from a file whose root is a <chart> element, or from a document (every chart in it, one
 * file each). The charts are parsed and checked (chart_parse), the file is validated against
 * schema/document.rng, and only when both pass is anything drawn; each output is written beside its
 * target under a temporary name and renamed when all are complete.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <libxml/tree.h>
#include <pango/pango.h>

#include "planrep/chart.h"
#include "planrep/diag.h"
#include "planrep/layout.h"
#include "planrep/render.h"
#include "planrep/template.h"
#include "planrep/xml.h"
#include "cli-int.h"

#define DOC_NS	"urn:planrep:doc"

static const char help[] =
"usage: planrep chart CHART.xml -o OUT [OPTION]...\n"
"       planrep chart --plan PLAN.xml --indicator ID_OR_SEQ [--kind KIND] -o OUT [OPTION]...\n"
"\n"
"Draws a chart (urn:planrep:doc, see docs/charts.md) as SVG, PNG or PDF, e.g. for slides.\n"
"CHART.xml is a file whose root is a <chart> element, drawn into OUT; or a <document>,\n"
"whose charts are each drawn, in document order, into OUT without extension + -001.svg,\n"
"-002.svg, ...\n"
"With --plan, the chart of one indicator of a plan, made by templates/charts.xsl from the\n"
"evaluated plan (its observations and catalog found beside it): ID_OR_SEQ is the row's\n"
"catalog id (life-expectancy) or its sequence number in the plan (7).\n"
"\n"
"  -p, --plan PLAN.xml       a plan (input/plans/<id>.xml) instead of CHART.xml\n"
"  -i, --indicator ID        with --plan: the indicator, by catalog id or sequence number\n"
"  -k, --kind KIND           with --plan: line (its values over the periods with the\n"
"                            trajectory and target; the default), bullet (the latest value\n"
"                            against baseline and target) or kpi (a tile)\n"
"      --period P            with --plan: the period evaluated at (default: the latest)\n"
"  -o, --output OUT          the file to write; .svg, .png or .pdf gives the format\n"
"  -f, --format FORMAT       svg, png or pdf (default: from OUT's extension)\n"
"  -s, --size WxH            the output's size: points for SVG and PDF, pixels for PNG\n"
"                            (default: the chart's width and height if it gives them,\n"
"                            else 960x540 pt, a 16:9 slide; a PNG is that times --scale,\n"
"                            1920x1080 px)\n"
"      --scale N             PNG only: pixels per point, 0.25 to 16 (default 2)\n"
"      --dump-geometry FILE  also write what each chart placed as text: the plot area,\n"
"                            the ticks chosen, every label's box and lines; - for\n"
"                            standard output\n"
"  -h, --help                show this help\n"
"\n"
"Bad chart data is reported as file:line and nothing is written. A chart without data\n"
"points is drawn as a 无数据 (no data) panel, with a warning. The output appears only when\n"
"complete: a failure leaves no file.\n"
"Exit status: 0 ok, 1 the output could not be written, 2 bad usage, 65 bad chart data.\n";

/* "1920x1080" → 1920, 1080. */
static bool
size_parse(const char *s, double *w, double *h)
{
	char	*end;

	*w = strtod(s, &end);
	if (end == s || (*end != 'x' && *end != 'X'))
		return false;
	s = end + 1;
	*h = strtod(s, &end);
	return end != s && *end == '\0' && *w >= 16 && *h >= 16 && *w <= 20000 && *h <= 20000;
}

/* The chart elements of the file, in document order: the root itself, or a document's charts. */
static size_t
charts_find(xmlNodePtr n, xmlNodePtr *out, size_t cap, size_t count)
{
	xmlNodePtr	 k;

	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(k, "chart") && k->ns != NULL && strcmp((const char *)k->ns->href, DOC_NS) == 0) {
			if (count < cap)
				out[count] = k;
			count++;
			continue;
		}
		count = charts_find(k, out, cap, count);
	}
	return count;
}

struct job {
	enum render_format	 format;
	double			 w, h;		/* pt: the chart's box */
	double			 scale;		/* PNG: pixels per pt */
	PangoContext		*pc;
	FILE			*dump;		/* or NULL */
};

/* Draws c into out. Returns false with diagnostics; out is then still open (the caller aborts). */
static bool
draw_one(const struct job *j, const struct chart *c, struct render_out *out, const char *name,
    struct diag_list *diags)
{
	struct chart_geometry	 geo;
	struct render_target	 t;
	struct render_options	 meta;
	bool			 ok;

	memset(&meta, 0, sizeof(meta));
	meta.title = c->title;
	render_target_open(&t, j->format, j->w, j->h, j->scale * 72.0, &meta, out);
	/* Slides may be dark: a chart file has its own white ground, whatever the format. */
	cairo_set_source_rgb(t.cr, 1, 1, 1);
	cairo_paint(t.cr);
	chart_geometry_init(&geo);
	ok = chart_draw(t.cr, c, 0, 0, j->w, j->h, j->pc, &geo, diags);
	if (ok && j->dump != NULL)
		chart_geometry_dump(&geo, j->dump);
	chart_geometry_clear(&geo);
	ok = render_target_close(&t, name, diags) && ok;
	return ok;
}

/*
 * The chart of one indicator of a plan: the plan evaluated and written into its tree, then
 * templates/charts.xsl with the indicator and kind as parameters. Returns the document the template
 * wrote (with one chart, or none when the plan has no such indicator), or NULL with diagnostics.
 */
static xmlDocPtr
indicator_chart(const char *plan, const char *indicator, const char *kind, const char *period,
    struct diag_list *diags)
{
	const char	*params[] = { "indicator", indicator, "kind", kind, NULL };
	char		 path[4096];
	char		*inputs[1];

	snprintf(path, sizeof(path), "%s/templates/charts.xsl", xml_data_dir());
	inputs[0] = (char *)plan;
	return cli_template_apply(path, inputs, 1, params, period, diags);
}

int
cmd_chart(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "size", required_argument, NULL, 's' },
		{ "scale", required_argument, NULL, 'S' },
		{ "dump-geometry", required_argument, NULL, 'G' },
		{ "plan", required_argument, NULL, 'p' },
		{ "indicator", required_argument, NULL, 'i' },
		{ "kind", required_argument, NULL, 'k' },
		{ "period", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct diag_list	 diags;
	struct job		 j;
	struct layout_fonts	*fonts = NULL;
	const char		*plan = NULL, *indicator = NULL, *kind = "line", *period = NULL;
	struct render_out	*outs = NULL;
	struct chart		**charts = NULL;
	xmlNodePtr		*els = NULL, root;
	xmlDocPtr		 xml = NULL;
	const char		*out = NULL, *format = NULL, *dump = NULL, *path;
	char			 name[4096], *end;
	double			 sw = 0, sh = 0;
	size_t			 n = 0, i, opened = 0;
	int			 c, rc = EXIT_OK;
	bool			 ok = true, doc, scaled = false;

	memset(&j, 0, sizeof(j));
	j.scale = 2;
	while ((c = getopt_long(argc, argv, "o:f:s:p:i:k:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			plan = optarg;
			break;
		case 'i':
			indicator = optarg;
			break;
		case 'k':
			kind = optarg;
			break;
		case 'P':
			period = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 's':
			if (!size_parse(optarg, &sw, &sh)) {
				cli_error("chart: --size takes WIDTHxHEIGHT, each 16 to 20000, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'S':
			j.scale = strtod(optarg, &end);
			if (*end != '\0' || !(j.scale >= 0.25 && j.scale <= 16)) {
				cli_error("chart: --scale takes a number from 0.25 to 16, not '%s'", optarg);
				return EXIT_USAGE;
			}
			scaled = true;
			break;
		case 'G':
			dump = optarg;
			break;
		case 'h':
			fputs(help, stdout);
			return EXIT_OK;
		default:
			fputs("Try 'planrep chart --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (plan != NULL) {
		if (optind != argc || indicator == NULL || out == NULL) {
			cli_error(optind != argc ? "chart: --plan takes no chart file" : indicator == NULL ?
			    "chart: --plan needs --indicator" : "chart: no output given (-o OUT)");
			return EXIT_USAGE;
		}
		if (strcmp(kind, "line") != 0 && strcmp(kind, "bullet") != 0 && strcmp(kind, "kpi") != 0) {
			cli_error("chart: unknown kind '%s' for a plan's indicator (line, bullet or kpi)", kind);
			return EXIT_USAGE;
		}
	} else if (indicator != NULL || period != NULL) {
		cli_error("chart: --indicator and --period go with --plan");
		return EXIT_USAGE;
	} else if (optind >= argc || out == NULL) {
		cli_error(optind >= argc ? "chart: no chart file given" : "chart: no output given (-o OUT)");
		fputs("Try 'planrep chart --help'.\n", stderr);
		return EXIT_USAGE;
	} else if (optind + 1 != argc) {
		cli_error("chart: one chart file at a time");
		return EXIT_USAGE;
	}
	if (format != NULL) {
		if (!render_format_parse(format, &j.format)) {
			cli_error("chart: unknown format '%s' (svg, png or pdf)", format);
			return EXIT_USAGE;
		}
	} else if (!render_format_from_path(out, &j.format)) {
		cli_error("chart: '%s' does not end in .svg, .png or .pdf: give --format", out);
		return EXIT_USAGE;
	}
	if (scaled && j.format != RENDER_PNG) {
		cli_error("chart: --scale is for PNG; SVG and PDF take their size in points (--size)");
		return EXIT_USAGE;
	}
	path = plan != NULL ? plan : argv[optind];

	/* Ctrl-C or kill while the files are being written leaves no temporary file behind. */
	render_out_cleanup_on_signals();
	layout_fonts_prepare();
	diag_list_init(&diags);
	if (plan != NULL)
		xml = indicator_chart(plan, indicator, kind, period, &diags);
	else
		xml = xml_doc_load(path, &diags);
	if (xml == NULL) {
		rc = EXIT_DATA;
		goto out;
	}
	root = xmlDocGetRootElement(xml);
	if (root == NULL || root->ns == NULL || strcmp((const char *)root->ns->href, DOC_NS) != 0 ||
	    !(xml_is(root, "chart") || xml_is(root, "document"))) {
		diag_add(&diags, DIAG_ERROR, path, root ? xmlGetLineNo(root) : 0, 0,
		    "expected a <chart> or a <document> element in namespace " DOC_NS);
		rc = EXIT_DATA;
		goto out;
	}
	doc = xml_is(root, "document");
	n = doc ? charts_find(root, NULL, 0, 0) : 1;
	if (n == 0 && plan != NULL) {
		diag_add(&diags, DIAG_ERROR, path, 0, 0, "no indicator \"%s\" with a numeric baseline, target or "
		    "observation in this plan (give its catalog id or its sequence number)", indicator);
		rc = EXIT_DATA;
		goto out;
	}
	if (n == 0) {
		diag_add(&diags, DIAG_ERROR, path, xmlGetLineNo(root), 0, "the document has no <chart>");
		rc = EXIT_DATA;
		goto out;
	}
	if ((els = calloc(n, sizeof(*els))) == NULL || (charts = calloc(n, sizeof(*charts))) == NULL ||
	    (outs = calloc(n, sizeof(*outs))) == NULL) {
		diag_add(&diags, DIAG_FATAL, path, 0, 0, "out of memory");
		rc = EXIT_FAILED;
		goto out;
	}
	if (doc)
		charts_find(root, els, n, 0);
	else
		els[0] = root;
	/* Every chart is checked before any is drawn: bad data writes nothing. */
	for (i = 0; i < n; i++)
		if ((charts[i] = chart_parse(els[i], path, &diags)) == NULL)
			ok = false;
	if (!ok || diag_failed(&diags)) {
		rc = diags.worst == DIAG_FATAL && !diag_count(&diags, DIAG_ERROR) ? EXIT_FAILED : EXIT_DATA;
		goto out;
	}
	/* The schema after the charts' own checks, whose messages name the point and what is wrong
	 * with it; it still holds a document's other parts, and a chart's, to the vocabulary. */
	if (!xml_doc_validate(xml, "document", path, &diags)) {
		rc = EXIT_DATA;
		goto out;
	}
	if (dump != NULL && (j.dump = strcmp(dump, "-") == 0 ? stdout : fopen(dump, "w")) == NULL) {
		cli_error("chart: cannot write %s", dump);
		rc = EXIT_FAILED;
		goto out;
	}
	if ((fonts = layout_fonts_new(j.format == RENDER_PDF, &diags)) == NULL) {
		rc = EXIT_FAILED;
		goto out;
	}
	if ((j.pc = chart_context_new(layout_fonts_map(fonts))) == NULL) {
		diag_add(&diags, DIAG_FATAL, NULL, 0, 0, "no pango context");
		rc = EXIT_FAILED;
		goto out;
	}
	for (i = 0; i < n && ok; i++) {
		const struct chart *ch = charts[i];

		/* The box in points: --size (pixels for PNG), else the chart's own size, else 16:9. */
		if (sw > 0) {
			j.w = j.format == RENDER_PNG ? sw / j.scale : sw;
			j.h = j.format == RENDER_PNG ? sh / j.scale : sh;
		} else if (ch->width > 0 || ch->height > 0) {
			j.w = ch->width > 0 ? ch->width : ch->height * 16 / 9;
			j.h = ch->height > 0 ? ch->height : ch->width * 9 / 16;
		} else {
			j.w = 960;
			j.h = 540;
		}
		if (doc && plan == NULL)
			render_numbered_path(name, sizeof(name), out, i + 1);
		else
			snprintf(name, sizeof(name), "%s", out);
		if (!render_out_open(&outs[i], name, &diags)) {
			ok = false;
			break;
		}
		opened = i + 1;
		ok = draw_one(&j, ch, &outs[i], name, &diags);
	}
	/* All written, then all renamed: a failure leaves none of them. */
	ok = render_out_commit_all(outs, opened, ok, &diags);
	if (!ok)
		rc = EXIT_FAILED;
out:
	diag_list_print(&diags, stderr);
	diag_list_clear(&diags);
	if (j.dump != NULL && j.dump != stdout)
		fclose(j.dump);
	if (j.pc != NULL)
		g_object_unref(j.pc);
	layout_fonts_free(fonts);
	for (i = 0; charts != NULL && i < n; i++)
		chart_free(charts[i]);
	free(charts);
	free(els);
	free(outs);
	xmlFreeDoc(xml);
	return rc;
}
