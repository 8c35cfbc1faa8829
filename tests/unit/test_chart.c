/*
 * test_chart.c: the chart module. Tables for the small parts (nice ticks, numbers, periods), the
 * overlap checker on boxes made by hand, the label layouts on the hard cases (long labels, thirty
 * categories, negative values, one point, no data) at slide and page sizes with the geometry
 * checked for overlaps and clipping, bad data reported with its line, the inline marks, and the
 * proof that a chart on a PDF page and the same chart as SVG come from one drawing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <math.h>

#include <cmocka.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <libxml/parser.h>
#include <pango/pangocairo.h>

#include "planrep/chart.h"
#include "planrep/diag.h"
#include "planrep/xml.h"

static PangoContext *pc;

/* ---- helpers ---------------------------------------------------------------------------------- */

/* Parses a chart from text. The document is kept in *doc for the caller to free. */
static struct chart *
parse(const char *text, xmlDocPtr *doc, struct diag_list *d)
{
	*doc = xml_doc_parse(text, strlen(text), "t.xml", d);
	if (*doc == NULL)
		return NULL;
	return chart_parse(xmlDocGetRootElement(*doc), "t.xml", d);
}

static cairo_status_t
discard(void *closure, const unsigned char *data, unsigned int length)
{
	(void)closure;
	(void)data;
	(void)length;
	return CAIRO_STATUS_SUCCESS;
}

/* Draws c at w × h into an SVG surface that writes nowhere, filling geo. */
static bool
draw_svg(const struct chart *c, double w, double h, struct chart_geometry *geo, struct diag_list *d)
{
	cairo_surface_t	*s = cairo_svg_surface_create_for_stream(discard, NULL, w, h);
	cairo_t		*cr = cairo_create(s);
	bool		 ok = chart_draw(cr, c, 0, 0, w, h, pc, geo, d);

	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return ok;
}

static char *
dump(const struct chart_geometry *g)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);

	chart_geometry_dump(g, f);
	fclose(f);
	return buf;
}

static size_t
count_role(const struct chart_geometry *g, enum chart_label_role r)
{
	size_t	 i, n = 0;

	for (i = 0; i < g->label_count; i++)
		n += g->labels[i].role == r;
	return n;
}

static const struct chart_label *
find_label(const struct chart_geometry *g, const char *text)
{
	size_t	 i;

	for (i = 0; i < g->label_count; i++)
		if (strcmp(g->labels[i].text, text) == 0)
			return &g->labels[i];
	return NULL;
}

/* ---- nice ticks ------------------------------------------------------------------------------- */

static void
nice_ticks(void **state)
{
	static const struct {
		double	 lo, hi;
		size_t	 max;
		double	 min, top, step;
		size_t	 count;
		int	 decimals;
	} rows[] = {
		{ 0, 100, 6, 0, 100, 20, 6, 0 },
		{ 0, 78.8, 6, 0, 80, 20, 5, 0 },
		{ 77.8, 78.8, 6, 77.8, 78.8, 0.2, 6, 1 },
		{ 77.8, 78.8, 3, 77, 79, 1, 3, 0 },	/* 0.5 would need four ticks */
		{ 1.64, 4.2, 6, 1, 5, 1, 5, 0 },	/* 0.5 would need seven */
		{ 1.64, 4.2, 7, 1.5, 4.5, 0.5, 7, 1 },
		{ 1.64, 4.2, 5, 1, 5, 1, 5, 0 },
		{ -3, 7, 6, -5, 10, 5, 4, 0 },
		{ -3.25, 1.1, 8, -4, 2, 1, 7, 0 },
		{ 0, 0.003, 5, 0, 0.003, 0.001, 4, 3 },
		{ 0, 12345, 6, 0, 15000, 5000, 4, 0 },
		{ 0, 1, 11, 0, 1, 0.1, 11, 1 },
		{ 5, 5, 5, 4.5, 5.5, 0.5, 3, 1 },	/* one value: widened by a tenth */
		{ 0, 0, 5, -1, 1, 0.5, 5, 1 },
		{ 7, 3, 5, 3, 7, 1, 5, 0 },		/* the ends given the wrong way round */
	};
	struct chart_ticks	 t;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_true(chart_ticks_nice(rows[i].lo, rows[i].hi, rows[i].max, &t));
		if (fabs(t.min - rows[i].min) > 1e-9 || fabs(t.max - rows[i].top) > 1e-9 ||
		    fabs(t.step - rows[i].step) > 1e-12 || t.count != rows[i].count ||
		    t.decimals != rows[i].decimals)
			fail_msg("row %zu: %g..%g max %zu gave %g..%g step %g count %zu decimals %d", i,
			    rows[i].lo, rows[i].hi, rows[i].max, t.min, t.max, t.step, t.count, t.decimals);
	}
	/* Every step is 1, 2 or 5 times a power of ten, over many ranges. */
	for (i = 1; i < 2000; i++) {
		double	 hi = i * 0.37, m;

		assert_true(chart_ticks_nice(-hi / 3, hi, 2 + i % 9, &t));
		m = t.step / pow(10, floor(log10(t.step) + 1e-9));
		assert_true(fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6);
		assert_true(t.count <= 2 + i % 9);
		assert_true(t.min <= -hi / 3 + t.step * 1e-6 && t.max >= hi - t.step * 1e-6);
	}
	assert_false(chart_ticks_nice(NAN, 1, 5, &t));
	assert_false(chart_ticks_nice(0, INFINITY, 5, &t));
	assert_false(chart_ticks_nice(0, 1, 1, &t));
}

/* ---- numbers and periods ---------------------------------------------------------------------- */

static void
number_format(void **state)
{
	static const struct {
		double		 v;
		int		 decimals;
		bool		 sign;
		const char	*want;
	} rows[] = {
		{ 78.8, 1, false, "78.8" },
		{ 78, 1, false, "78.0" },
		{ 1.64, 2, false, "1.64" },
		{ 1.6449, 2, false, "1.64" },
		{ 0.125, 2, false, "0.13" },
		{ -1.8, 2, false, "\xE2\x88\x92" "1.80" },	/* − U+2212 */
		{ -0.04, 1, false, "0.0" },			/* never −0.0 */
		{ -0.04, 1, true, "0.0" },
		{ 0.7, 1, true, "+0.7" },
		{ -0.7, 1, true, "\xE2\x88\x92" "0.7" },
		{ 12345.6, 1, false, "12,345.6" },
		{ 1234, 0, false, "1234" },			/* four digits stay together */
		{ 1234567, 0, false, "1,234,567" },
		{ 3, 0, false, "3" },
		{ NAN, 1, false, "—" },
	};
	char	 buf[64];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		chart_number_format(buf, sizeof(buf), rows[i].v, rows[i].decimals, rows[i].sign);
		if (strcmp(buf, rows[i].want) != 0)
			fail_msg("row %zu: %g at %d gave \"%s\", want \"%s\"", i, rows[i].v, rows[i].decimals,
			    buf, rows[i].want);
	}
}

static void
number_parse(void **state)
{
	static const struct {
		const char	*in;
		bool		 ok;
		double		 v;
		int		 decimals;
	} rows[] = {
		{ "78.5", true, 78.5, 1 }, { "1.64", true, 1.64, 2 }, { "0", true, 0, 0 },
		{ "-3.25", true, -3.25, 2 }, { "+3", true, 3, 0 }, { ".5", true, 0.5, 1 },
		{ "5.", true, 5, 0 }, { " 21.04 ", true, 21.04, 2 }, { "78.80", true, 78.8, 2 },
		{ "", false, 0, 0 }, { "abc", false, 0, 0 }, { "NaN", false, 0, 0 }, { "inf", false, 0, 0 },
		{ "1e3", false, 0, 0 }, { "78.5岁", false, 0, 0 }, { "1,234", false, 0, 0 }, { ".", false, 0, 0 },
		{ "-", false, 0, 0 }, { "1 2", false, 0, 0 }, { "0x10", false, 0, 0 },
	};
	double	 v;
	int	 d;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		bool	 ok = chart_number_parse(rows[i].in, &v, &d);

		if (ok != rows[i].ok || (ok && (fabs(v - rows[i].v) > 1e-12 || d != rows[i].decimals)))
			fail_msg("row %zu \"%s\": %s %g %d", i, rows[i].in, ok ? "ok" : "refused", v, d);
	}
}

static void
period_parse(void **state)
{
	static const struct {
		const char	*in;
		bool		 ok;
		double		 t;
	} rows[] = {
		{ "2020", true, 2020 }, { "2025", true, 2025 }, { "2021Q1", true, 2020.25 },
		{ "2021Q4", true, 2021 }, { "2024q2", true, 2023.5 }, { "2023H1", true, 2022.5 },
		{ "2023H2", true, 2023 }, { "2023-06", true, 2022.5 }, { "2023-12", true, 2023 },
		{ "2021Q5", false, 0 }, { "2021Q0", false, 0 }, { "2023H3", false, 0 }, { "2023-13", false, 0 },
		{ "1899", false, 0 }, { "20", false, 0 }, { "2020年", false, 0 }, { "商丘市", false, 0 },
		{ "2021Q12", false, 0 },
	};
	double	 t;
	size_t	 i;
	char	 buf[32];

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		bool	 ok = chart_period_parse(rows[i].in, &t);

		if (ok != rows[i].ok || (ok && fabs(t - rows[i].t) > 1e-9))
			fail_msg("row %zu \"%s\": %s %g", i, rows[i].in, ok ? "ok" : "refused", t);
	}
	assert_true(chart_status_parse("on-track", &(enum chart_status){ 0 }));
	assert_false(chart_status_parse("great", &(enum chart_status){ 0 }));
	assert_string_equal(chart_status_text(CHART_STATUS_BEHIND), "进度滞后");
	assert_string_equal(chart_status_text(CHART_STATUS_NOT_ASSESSABLE), "不可评估");
	(void)buf;
}

/* ---- the overlap checker itself --------------------------------------------------------------- */

static void
overlap_checker(void **state)
{
	struct chart_label	 a = { .x = 0, .y = 0, .w = 10, .h = 10 };
	struct chart_label	 b = { .x = 10, .y = 0, .w = 10, .h = 10 };	/* touching */
	struct chart_label	 c = { .x = 9, .y = 9, .w = 10, .h = 10 };	/* one corner in */
	struct chart_label	 d = { .x = 2, .y = 2, .w = 2, .h = 2 };	/* inside a */
	struct chart_label	 r1, r2;
	struct chart_geometry	 g;
	struct diag_list	 dl;

	(void)state;
	assert_false(chart_label_overlap(&a, &b));
	assert_false(chart_label_overlap(&b, &a));
	assert_true(chart_label_overlap(&a, &c));
	assert_true(chart_label_overlap(&a, &d));
	assert_true(chart_label_overlap(&d, &a));
	/*
	 * Two labels turned 45°, 30 pt long, side by side 12 pt apart along x: their bounding boxes
	 * overlap, the labels do not (their strips are 12·√½ = 8.5 pt apart, each 8 pt thick).
	 */
	r1 = (struct chart_label){ .x = 100, .y = 100, .w = 30, .h = 8, .angle = -M_PI / 4 };
	r2 = r1;
	r2.x += 12;
	assert_false(chart_label_overlap(&r1, &r2));
	r2.x = r1.x + 10;	/* 7.07 pt apart: they do */
	assert_true(chart_label_overlap(&r1, &r2));
	/* Turned and straight: a straight label across the turned one's strip. */
	c = (struct chart_label){ .x = 105, .y = 80, .w = 30, .h = 8 };
	assert_true(chart_label_overlap(&r1, &c));
	c.y = 40;
	assert_false(chart_label_overlap(&r1, &c));
	/* Inside: a corner out by a point is out. */
	assert_true(chart_label_inside(&a, 10, 10));
	assert_false(chart_label_inside(&a, 9, 10));
	r1 = (struct chart_label){ .x = 5, .y = 5, .w = 30, .h = 8, .angle = -M_PI / 2 };	/* upwards */
	assert_false(chart_label_inside(&r1, 100, 100));
	r1.y = 40;
	assert_true(chart_label_inside(&r1, 100, 100));
	/* The checker names each overlap and each label outside: c leaves the canvas and overlaps a,
	 * d overlaps a. */
	c = (struct chart_label){ .x = 9, .y = 9, .w = 10, .h = 10 };
	chart_geometry_init(&g);
	g.width = 15;
	g.height = 15;
	g.labels = (struct chart_label[]){ a, c, d };
	g.labels[0].text = "a";
	g.labels[1].text = "c";
	g.labels[2].text = "d";
	g.label_count = 3;
	diag_list_init(&dl);
	assert_int_equal(chart_geometry_check(&g, "g", &dl), 3);
	assert_int_equal(dl.count, 3);
	diag_list_clear(&dl);
}

/* ---- parsing: bad data with its line ---------------------------------------------------------- */

#define HEAD "<chart xmlns=\"urn:planrep:doc\" "

static void
bad_data(void **state)
{
	static const struct {
		const char	*xml;
		long		 line;
		const char	*says;
	} rows[] = {
		{ HEAD "kind=\"bar\">\n<series>\n<point label=\"a\" value=\"abc\"/></series></chart>", 3,
		    "value=\"abc\" is not a number" },
		{ HEAD "kind=\"bar\">\n<series>\n<point label=\"a\" value=\"NaN\"/></series></chart>", 3,
		    "is not a number" },
		{ HEAD "kind=\"bar\">\n<series>\n<point label=\"a\"/></series></chart>", 3, "has no value" },
		{ HEAD "kind=\"bar\">\n<series>\n<point label=\"a\" value=\"1e300\"/></series></chart>", 3,
		    "is not a number" },
		{ HEAD "kind=\"bar\">\n<series>\n<point label=\"a\" value=\"9000000000000\"/></series></chart>",
		    3, "out of range" },
		{ HEAD "kind=\"bar\">\n<axis min=\"0\"/><series><point label=\"a\" value=\"1\"/></series></chart>",
		    2, "<axis> needs name" },
		{ HEAD "kind=\"bar\">\n<axis name=\"y\" min=\"0\" max=\"100\"/>\n<series>\n"
		    "<point label=\"a\" value=\"1500\"/></series></chart>", 4, "outside the y axis range" },
		{ HEAD "kind=\"line\">\n<series>\n<point x=\"商丘市\" y=\"1\"/></series></chart>", 3,
		    "is not a period" },
		{ HEAD "kind=\"line\">\n<series><point x=\"2020\" y=\"1\"/></series>\n"
		    "<reference kind=\"trajectory\"/></chart>", 3, "a trajectory runs from the baseline" },
		{ HEAD "kind=\"dumbbell\">\n<series><point x=\"a\" y=\"1\"/></series></chart>", 1,
		    "needs two series" },
		{ HEAD "kind=\"pie\">\n<series><point x=\"a\" y=\"1\"/></series></chart>", 1,
		    "kind=\"pie\" is none of" },
		{ HEAD "kind=\"bar\">\n<series>\n<point x=\"a\" label=\"b\" y=\"1\"/></series></chart>", 3,
		    "has both x and label" },
		{ HEAD "kind=\"bar\">\n<series><point x=\"a\" y=\"1\"/>\n<point x=\"a\" y=\"2\"/></series></chart>",
		    3, "a second point for \"a\"" },
		{ HEAD "kind=\"bar\">\n<reference kind=\"band\" value=\"3\"/><series><point x=\"a\" y=\"1\"/>"
		    "</series></chart>", 2, "takes from=" },
	};
	struct diag_list	 d;
	struct chart		*c;
	xmlDocPtr		 doc;
	size_t			 i, k;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		bool	 found = false;

		diag_list_init(&d);
		c = parse(rows[i].xml, &doc, &d);
		assert_non_null(c);
		assert_true(diag_failed(&d));
		assert_non_null(c->problem);
		for (k = 0; k < d.count; k++)
			if (d.items[k].severity == DIAG_ERROR && d.items[k].line == rows[i].line &&
			    strstr(d.items[k].message, rows[i].says) != NULL)
				found = true;
		if (!found) {
			diag_list_print(&d, stderr);
			fail_msg("row %zu: no error on line %ld saying \"%s\"", i, rows[i].line, rows[i].says);
		}
		/* Drawing a chart with a problem gives a panel that names it, not a crash. */
		{
			struct chart_geometry	 g;
			struct diag_list	 d2;

			chart_geometry_init(&g);
			diag_list_init(&d2);
			assert_true(draw_svg(c, 960, 540, &g, &d2));
			assert_int_equal(count_role(&g, CHART_LABEL_PANEL), 2);
			assert_int_equal(chart_geometry_check(&g, "panel", &d2), 0);
			chart_geometry_clear(&g);
			diag_list_clear(&d2);
		}
		chart_free(c);
		xmlFreeDoc(doc);
		diag_list_clear(&d);
	}
	/* Not a chart at all. */
	diag_list_init(&d);
	doc = xml_doc_parse("<chart/>", 8, "t.xml", &d);
	assert_null(chart_parse(xmlDocGetRootElement(doc), "t.xml", &d));
	assert_true(diag_failed(&d));
	xmlFreeDoc(doc);
	diag_list_clear(&d);
}

/* Warnings are not errors: foreign namespaces, unknown attributes, text, an empty chart. */
static void
tolerated(void **state)
{
	struct diag_list	 d;
	struct chart		*c;
	xmlDocPtr		 doc;

	(void)state;
	diag_list_init(&d);
	c = parse(HEAD "kind=\"line\" xmlns:x=\"urn:x\" x:theme=\"1\">\n<axis name=\"y\" y=\"value\"/>\n"
	    "<series name=\"s\"><point period=\"2023\" value=\"1\"/><x:extra/></series>text\n"
	    "<x:note/></chart>", &doc, &d);
	assert_non_null(c);
	assert_false(diag_failed(&d));
	assert_null(c->problem);
	assert_int_equal(diag_count(&d, DIAG_WARNING), 2);	/* axis y="value"; the text */
	assert_int_equal(c->series[0].point_count, 1);
	assert_true(fabs(c->series[0].points[0].t - 2023) < 1e-9);
	chart_free(c);
	xmlFreeDoc(doc);
	diag_list_clear(&d);

	/* No data: a warning, and the chart draws the 无数据 panel. */
	diag_list_init(&d);
	c = parse(HEAD "kind=\"bar\" title=\"托位数\" source=\"无\"><series name=\"a\"/></chart>", &doc, &d);
	assert_non_null(c);
	assert_false(diag_failed(&d));
	assert_int_equal(diag_count(&d, DIAG_WARNING), 1);
	{
		struct chart_geometry g;

		chart_geometry_init(&g);
		assert_true(draw_svg(c, 960, 540, &g, &d));
		assert_non_null(find_label(&g, "无数据 / no data"));
		assert_non_null(find_label(&g, "托位数"));
		assert_non_null(find_label(&g, "数据来源：无"));
		chart_geometry_clear(&g);
	}
	chart_free(c);
	xmlFreeDoc(doc);
	diag_list_clear(&d);
}

/* ---- the hard label cases --------------------------------------------------------------------- */

static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*s;
	long	 n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	s[n] = '\0';
	fclose(f);
	return s;
}

static struct chart *
load_case(const char *name, xmlDocPtr *doc)
{
	struct diag_list	 d;
	struct chart		*c;
	char			 path[1024], *text;

	snprintf(path, sizeof(path), "%s/chart/%s.xml", TEST_SRC_DIR, name);
	assert_non_null(text = slurp(path));
	diag_list_init(&d);
	c = parse(text, doc, &d);
	free(text);
	if (c == NULL || diag_failed(&d))
		diag_list_print(&d, stderr);
	assert_non_null(c);
	assert_false(diag_failed(&d));
	diag_list_clear(&d);
	return c;
}

/* Every case, at a slide's size, at A4 and half-A4 figure sizes and smaller: nothing overlaps,
 * nothing leaves the canvas. */
static void
no_overlaps(void **state)
{
	static const char *const cases[] = { "line", "bar", "hbar", "bullet", "dumbbell", "kpi",
	    "long-labels", "many", "negative", "one-point", "empty", "lower" };
	static const double sizes[][2] = { { 960, 540 }, { 1920, 1080 }, { 453.5, 255.1 }, { 425.2, 175.7 },
	    { 320, 240 }, { 240, 320 }, { 600, 200 } };
	struct chart_geometry	 g;
	struct diag_list	 d;
	struct chart		*c;
	xmlDocPtr		 doc;
	size_t			 i, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = load_case(cases[i], &doc);
		for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
			char	 name[128];

			snprintf(name, sizeof(name), "%s at %gx%g", cases[i], sizes[k][0], sizes[k][1]);
			chart_geometry_init(&g);
			diag_list_init(&d);
			assert_true(draw_svg(c, sizes[k][0], sizes[k][1], &g, &d));
			if (chart_geometry_check(&g, name, &d) > 0) {
				diag_list_print(&d, stderr);
				fail_msg("%s: labels overlap or leave the canvas", name);
			}
			/* The title is always there, and so is the sample mark on sample data. */
			if (c->title != NULL)
				assert_int_equal(count_role(&g, CHART_LABEL_TITLE), 1);
			if (c->sample)
				assert_int_equal(count_role(&g, CHART_LABEL_SAMPLE), 1);
			chart_geometry_clear(&g);
			diag_list_clear(&d);
		}
		chart_free(c);
		xmlFreeDoc(doc);
	}
}

/* At a slide's size the hard cases lose no label. */
static void
hard_cases(void **state)
{
	struct chart_geometry	 g;
	struct diag_list	 d;
	struct chart		*c;
	xmlDocPtr		 doc;
	const struct chart_label *l;
	size_t			 k;

	(void)state;
	diag_list_init(&d);

	/* Thirty categories: every one labelled, turned, none over another. */
	c = load_case("many", &doc);
	chart_geometry_init(&g);
	assert_true(draw_svg(c, 960, 540, &g, &d));
	assert_int_equal(count_role(&g, CHART_LABEL_CATEGORY), 30);
	assert_int_equal(count_role(&g, CHART_LABEL_VALUE), 30);
	assert_int_equal(g.dropped, 0);
	assert_non_null(l = find_label(&g, "管城回族区"));
	assert_true(l->angle != 0);
	chart_geometry_clear(&g);
	/* … and at the size of a figure in an A4 document, still all thirty. */
	chart_geometry_init(&g);
	assert_true(draw_svg(c, 453.5, 255.1, &g, &d));
	assert_int_equal(count_role(&g, CHART_LABEL_CATEGORY), 30);
	chart_geometry_clear(&g);
	chart_free(c);
	xmlFreeDoc(doc);

	/* Long labels: wrapped evenly to two lines, the longest cut short with its note. */
	c = load_case("long-labels", &doc);
	chart_geometry_init(&g);
	assert_true(draw_svg(c, 960, 540, &g, &d));
	assert_int_equal(count_role(&g, CHART_LABEL_CATEGORY), 6);
	assert_non_null(find_label(&g, "县级医院综\n合能力提升"));
	assert_non_null(find_label(&g, "中医药传承创新"));
	assert_non_null(l = find_label(&g, "① 基层医疗卫生机构标准化建设与设备更新改造项目（含村卫生室）"));
	assert_int_equal(l->role, CHART_LABEL_NOTE);
	for (k = 0; k < g.label_count; k++)
		if (g.labels[k].role == CHART_LABEL_CATEGORY)
			assert_true(g.labels[k].line_count <= 2);
	assert_int_equal(g.dropped, 0);
	chart_geometry_clear(&g);
	chart_free(c);
	xmlFreeDoc(doc);

	/* Negative values: zero on the axis, the negative bars' values below them. */
	c = load_case("negative", &doc);
	chart_geometry_init(&g);
	assert_true(draw_svg(c, 960, 540, &g, &d));
	assert_true(g.ticks.min < 0 && g.ticks.max > 0);
	assert_non_null(l = find_label(&g, "\xE2\x88\x92" "3.25"));
	assert_true(l->y > g.plot_y + g.plot_h / 2);
	assert_int_equal(count_role(&g, CHART_LABEL_VALUE), 5);
	chart_geometry_clear(&g);
	chart_free(c);
	xmlFreeDoc(doc);

	/* One point: an axis with ticks around it, the point labelled. */
	c = load_case("one-point", &doc);
	chart_geometry_init(&g);
	assert_true(draw_svg(c, 960, 540, &g, &d));
	assert_true(g.ticks.count >= 3);
	assert_true(g.xticks.count >= 2);
	assert_non_null(find_label(&g, "3.1"));
	chart_geometry_clear(&g);
	chart_free(c);
	xmlFreeDoc(doc);

	/* Lower is better: the axis title says so, the way its arrow points. */
	c = load_case("lower", &doc);
	chart_geometry_init(&g);
	assert_true(draw_svg(c, 960, 540, &g, &d));
	assert_non_null(find_label(&g, "单位：%　↓ 越低越好"));
	chart_geometry_clear(&g);
	chart_free(c);
	xmlFreeDoc(doc);
	c = load_case("hbar", &doc);
	chart_geometry_init(&g);
	assert_true(draw_svg(c, 960, 540, &g, &d));
	assert_non_null(find_label(&g, "婴儿死亡率（‰）　← 越低越好"));
	assert_non_null(find_label(&g, "示例数据"));
	assert_non_null(find_label(&g, "数据来源：监测数据（示例）。示例数据，非官方统计"));
	chart_geometry_clear(&g);
	chart_free(c);
	xmlFreeDoc(doc);
	diag_list_clear(&d);
}

/* Generated extremes, at extreme sizes: never a crash, never an overlap or a label off the canvas. */
static void
extremes(void **state)
{
	static const double sizes[][2] = { { 960, 540 }, { 60, 40 }, { 16, 16 }, { 3000, 200 }, { 200, 3000 } };
	struct chart_geometry	 g;
	struct diag_list	 d;
	struct chart		*c;
	xmlDocPtr		 doc;
	char			*buf;
	size_t			 i, k, n, cap = 1 << 20;
	const char		*kinds[] = { "bar", "hbar", "line", "bullet", "dumbbell", "kpi" };

	(void)state;
	assert_non_null(buf = malloc(cap));
	for (i = 0; i < 6 * 4; i++) {
		const char *kind = kinds[i % 6];
		int variant = (int)(i / 6);

		n = (size_t)snprintf(buf, cap, HEAD "kind=\"%s\" title=\"%s\" unit=\"%%\" direction=\"%s\">"
		    "<reference kind=\"target\" value=\"%s\"/><reference kind=\"baseline\" value=\"0\"/>",
		    kind, variant == 3 ? "一个非常非常长的标题，长到两行也放不下，必须截短并在注释里给出全文，"
		    "再长一些，再长一些，再长一些，再长一些，再长一些，再长一些，再长一些，再长一些" : "极端情况",
		    variant == 1 ? "lower" : "higher", variant == 2 ? "-5" : "50");
		for (k = 0; k < 2; k++) {
			size_t	 p, count = variant == 0 ? 200 : variant == 1 ? 1 : 40;

			n += (size_t)snprintf(buf + n, cap - n, "<series name=\"第%zu组\"%s>", k,
			    k == 1 ? " sample=\"true\"" : "");
			for (p = 0; p < count; p++) {
				/* Periods for a line, names for the rest; zero, negative and large values. */
				if (strcmp(kind, "line") == 0 || strcmp(kind, "kpi") == 0)
					n += (size_t)snprintf(buf + n, cap - n, "<point x=\"%zuQ%zu\" y=\"%s%zu.%zu\"/>",
					    1950 + p / 4, p % 4 + 1, variant == 2 ? "-" : "", variant == 1 ? 0 :
					    p * 37 % 1000, p % 10);
				else
					n += (size_t)snprintf(buf + n, cap - n, "<point label=\"%s%zu\" y=\"%s%zu\"/>",
					    variant == 3 ? "很长很长很长很长很长很长很长很长的名字" : "类", p,
					    variant == 2 && p % 2 ? "-" : "", variant == 1 ? 0 : p * 7919 % 100000);
			}
			n += (size_t)snprintf(buf + n, cap - n, "</series>");
		}
		n += (size_t)snprintf(buf + n, cap - n, "</chart>");
		diag_list_init(&d);
		c = parse(buf, &doc, &d);
		assert_non_null(c);
		for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
			char	 name[64];

			snprintf(name, sizeof(name), "%s variant %d at %gx%g", kind, variant, sizes[k][0],
			    sizes[k][1]);
			chart_geometry_init(&g);
			assert_true(draw_svg(c, sizes[k][0], sizes[k][1], &g, &d));
			if (chart_geometry_check(&g, name, &d) > 0) {
				diag_list_print(&d, stderr);
				fail_msg("%s: labels overlap or leave the canvas", name);
			}
			chart_geometry_clear(&g);
		}
		chart_free(c);
		xmlFreeDoc(doc);
		diag_list_clear(&d);
	}
	free(buf);
}

/* ---- one drawing for PDF pages, SVG and PNG --------------------------------------------------- */

static void
same_drawing(void **state)
{
	static const char *const cases[] = { "line", "bar", "dumbbell", "kpi" };
	struct chart_geometry	 g1, g2, g3;
	struct diag_list	 d;
	cairo_surface_t		*s;
	cairo_t			*cr;
	struct chart		*c;
	xmlDocPtr		 doc;
	char			*a, *b, *e;
	size_t			 i;

	(void)state;
	diag_list_init(&d);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = load_case(cases[i], &doc);
		chart_geometry_init(&g1);
		chart_geometry_init(&g2);
		chart_geometry_init(&g3);
		/* On an A4 PDF page, at a figure's place below some text. */
		s = cairo_pdf_surface_create_for_stream(discard, NULL, 595.28, 841.89);
		cr = cairo_create(s);
		cairo_move_to(cr, 70, 70);
		cairo_show_text(cr, "text before the figure");
		assert_true(chart_draw(cr, c, 70.87, 180, 453.54, 255.12, pc, &g1, &d));
		cairo_show_page(cr);
		cairo_destroy(cr);
		cairo_surface_finish(s);
		assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
		cairo_surface_destroy(s);
		/* As an SVG of its own. */
		assert_true(draw_svg(c, 453.54, 255.12, &g2, &d));
		/* As a PNG at twice the size in pixels. */
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 907, 510);
		cr = cairo_create(s);
		cairo_scale(cr, 2, 2);
		assert_true(chart_draw(cr, c, 0, 0, 453.54, 255.12, pc, &g3, &d));
		cairo_destroy(cr);
		cairo_surface_destroy(s);
		a = dump(&g1);
		b = dump(&g2);
		e = dump(&g3);
		assert_string_equal(a, b);
		assert_string_equal(a, e);
		free(a);
		free(b);
		free(e);
		chart_geometry_clear(&g1);
		chart_geometry_clear(&g2);
		chart_geometry_clear(&g3);
		chart_free(c);
		xmlFreeDoc(doc);
	}
	diag_list_clear(&d);
}

/* ---- the inline marks ------------------------------------------------------------------------- */

/* The colour at (x, y) of an RGB24 surface. */
static uint32_t
pixel(cairo_surface_t *s, int x, int y)
{
	unsigned char	*data;

	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	return *(uint32_t *)(data + y * cairo_image_surface_get_stride(s) + x * 4) & 0xFFFFFF;
}

static void
inline_marks(void **state)
{
	static const enum chart_status all[] = { CHART_STATUS_NONE, CHART_STATUS_MET, CHART_STATUS_ON_TRACK,
	    CHART_STATUS_BEHIND, CHART_STATUS_OFF_TRACK, CHART_STATUS_NO_DATA, CHART_STATUS_NOT_ASSESSABLE };
	static const double bars[][2] = { { 0.5, 1 }, { 0, 1 }, { 1, 1 }, { 2, 1 }, { -1, 1 }, { NAN, 1 },
	    { 1, 0 }, { 1, -2 }, { INFINITY, 1 } };
	cairo_surface_t	*s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 400);
	cairo_t		*cr = cairo_create(s);
	size_t		 i;

	(void)state;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		chart_badge_draw(cr, all[i], 10, 10 + 30.0 * (double)i, 60, 20, pc);
	/* Tiny boxes draw the shape alone, without failing. */
	chart_badge_draw(cr, CHART_STATUS_MET, 300, 10, 6, 4, pc);
	chart_badge_draw(cr, CHART_STATUS_MET, 300, 30, 0, 0, pc);
	for (i = 0; i < sizeof(bars) / sizeof(bars[0]); i++)
		chart_inline_bar_draw(cr, bars[i][0], bars[i][1], 100, 10 + 30.0 * (double)i, 100, 10);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	/* met is bluish green at the shape's edge; the half bar is blue at its start, grey after. */
	assert_int_equal(pixel(s, 12, 40 + 10), 0x009E73);
	assert_int_equal(pixel(s, 110, 15), 0x0072B2);
	assert_int_equal(pixel(s, 190, 15), 0xEDEDED);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/* ---- speed ------------------------------------------------------------------------------------ */

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median time to draw a chart as SVG in a process that has its fonts: printed, and held to a
 * bound loose enough for sanitizer builds. */
static void
speed(void **state)
{
	static const char *const cases[] = { "line", "bar", "many" };
	struct timespec	 t0, t1;
	struct diag_list d;
	struct chart	*c;
	xmlDocPtr	 doc;
	double		 ms[41];
	size_t		 i, k;

	(void)state;
	diag_list_init(&d);
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		c = load_case(cases[k], &doc);
		for (i = 0; i < 41; i++) {
			clock_gettime(CLOCK_MONOTONIC, &t0);
			assert_true(draw_svg(c, 960, 540, NULL, &d));
			clock_gettime(CLOCK_MONOTONIC, &t1);
			ms[i] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		}
		qsort(ms, 41, sizeof(ms[0]), cmp_double);
		printf("chart %s as SVG: median %.2f ms (min %.2f, max %.2f) over 41 draws\n", cases[k],
		    ms[20], ms[0], ms[40]);
		assert_true(ms[20] < 100);
		chart_free(c);
		xmlFreeDoc(doc);
	}
	diag_list_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nice_ticks),
		cmocka_unit_test(number_format),
		cmocka_unit_test(number_parse),
		cmocka_unit_test(period_parse),
		cmocka_unit_test(overlap_checker),
		cmocka_unit_test(bad_data),
		cmocka_unit_test(tolerated),
		cmocka_unit_test(no_overlaps),
		cmocka_unit_test(hard_cases),
		cmocka_unit_test(extremes),
		cmocka_unit_test(same_drawing),
		cmocka_unit_test(inline_marks),
		cmocka_unit_test(speed),
	};
	int	 rc;

	pc = chart_context_new(NULL);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	g_object_unref(pc);
	xml_cleanup();
	return rc;
}
