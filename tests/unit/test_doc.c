/*
 * test_doc.c: the document tree. Lengths, the whitespace rule, styles and the page, ids and links,
 * the limits, and every node type built from a small document; bad documents give file:line
 * diagnostics and no tree.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/tree.h>

#include "planrep/doc.h"
#include "planrep/xml.h"
#include "testlib.h"

#define HEAD	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document xmlns=\"urn:planrep:doc\">\n"
#define TAIL	"</document>\n"
#define MM	(72.0 / 25.4)

static char tmpdir[] = "/tmp/planrep-test-doc-XXXXXX";

/* Parses text and builds its tree as "t.xml" with base "/base". NULL with the reasons in d. */
static struct doc *
build(const char *text, struct diag_list *d)
{
	xmlDocPtr	 xml;
	struct doc	*doc;

	if ((xml = xml_doc_parse(text, strlen(text), "t.xml", d)) == NULL)
		return NULL;
	doc = doc_from_xml(xml, "t.xml", "/base", d);
	xmlFreeDoc(xml);
	return doc;
}

/* True when some diagnostic is an error at that line (0: any) whose message contains needle. */
static bool
has(const struct diag_list *d, long line, const char *needle)
{
	return test_diag_has(d, DIAG_ERROR, line, needle);
}

/* Builds HEAD body TAIL, which must fail with an error at line containing needle. */
static void
fails(const char *body, long line, const char *needle)
{
	struct diag_list	 d;
	char			*text;
	size_t			 n = strlen(HEAD) + strlen(body) + strlen(TAIL) + 1;

	assert_non_null(text = malloc(n));
	snprintf(text, n, "%s%s%s", HEAD, body, TAIL);
	diag_list_init(&d);
	assert_null(build(text, &d));
	assert_true(has(&d, line, needle));
	diag_list_clear(&d);
	free(text);
}

/* The first node of that type, depth first. */
static const struct doc_node *
find(const struct doc_node *n, enum doc_type type)
{
	const struct doc_node	*c, *r;

	if (n->type == type)
		return n;
	for (c = n->first; c != NULL; c = c->next)
		if ((r = find(c, type)) != NULL)
			return r;
	return NULL;
}

/* The text of n's inline content: br as '|', another inline that is not text as '#'. */
static void
flatten(const struct doc_node *n, char *buf, size_t size)
{
	const struct doc_node	*c;
	size_t			 len;

	for (c = n->first; c != NULL; c = c->next) {
		len = strlen(buf);
		switch (c->type) {
		case DOC_TEXT:
			snprintf(buf + len, size - len, "%s", c->u.text.text);
			break;
		case DOC_BOLD:
		case DOC_ITALIC:
		case DOC_SPAN:
		case DOC_LINK:
			flatten(c, buf, size);
			break;
		case DOC_LINE_BREAK:
			snprintf(buf + len, size - len, "|");
			break;
		default:
			snprintf(buf + len, size - len, "#");
			break;
		}
	}
}

/* Builds one paragraph and returns its flattened text in buf. */
static void
paragraph_text(const char *inner, char *buf, size_t size)
{
	struct diag_list	 d;
	struct doc		*doc;
	char			 text[2048];

	snprintf(text, sizeof(text), HEAD "<p>%s</p>\n" TAIL, inner);
	diag_list_init(&d);
	doc = build(text, &d);
	if (doc == NULL)
		diag_list_print(&d, stderr);
	assert_non_null(doc);
	buf[0] = '\0';
	flatten(find(doc->root, DOC_PARAGRAPH), buf, size);
	doc_free(doc);
	diag_list_clear(&d);
}

/* ---- Lengths ------------------------------------------------------------------------------------ */

static void
lengths(void **state)
{
	static const struct {
		const char	*text;
		double		 em;
		double		 pt;	/* -1: refused */
	} rows[] = {
		{ "16pt", 12, 16 },
		{ "12", 12, 12 },
		{ "0", 12, 0 },
		{ "10.5pt", 12, 10.5 },
		{ ".5pt", 12, 0.5 },
		{ "3.", 12, 3 },
		{ "25.4mm", 12, 72 },
		{ "37mm", 12, 37 * MM },
		{ "1.5cm", 12, 15 * MM },
		{ "0.5in", 12, 36 },
		{ "2em", 12, 24 },
		{ "2em", 16, 32 },
		{ "100000pt", 12, 100000 },
		{ "", 12, -1 },
		{ "pt", 12, -1 },
		{ ".", 12, -1 },
		{ "abc", 12, -1 },
		{ "12px", 12, -1 },
		{ "12PT", 12, -1 },
		{ "12 pt", 12, -1 },
		{ " 12pt", 12, -1 },
		{ "12pt ", 12, -1 },
		{ "-3pt", 12, -1 },
		{ "+3pt", 12, -1 },
		{ "1e3", 12, -1 },
		{ "1,5mm", 12, -1 },
		{ "1.2.3", 12, -1 },
		{ "0x10", 12, -1 },
		{ "nan", 12, -1 },
		{ "inf", 12, -1 },
		{ "infinity", 12, -1 },
		{ "10%", 12, -1 },
		{ "100001pt", 12, -1 },
		{ "99999999999999999999999999999999999999999999999999pt", 12, -1 },
		{ "2em", 0, -1 },
		{ "2em", -12, -1 },
	};
	double	 v;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		v = -99;
		if (rows[i].pt < 0) {
			if (doc_length_parse(rows[i].text, rows[i].em, &v))
				fail_msg("\"%s\" should be refused, gave %g", rows[i].text, v);
			assert_true(v == -99);	/* untouched */
		} else {
			if (!doc_length_parse(rows[i].text, rows[i].em, &v))
				fail_msg("\"%s\" should parse", rows[i].text);
			assert_float_equal(v, rows[i].pt, 1e-9);
		}
	}
	assert_false(doc_length_parse(NULL, 12, &v));
}

/* ---- Whitespace --------------------------------------------------------------------------------- */

static void
whitespace_rule(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} rows[] = {
		{ "健康\n    中国", "健康中国" },			/* CJK/CJK across a line break */
		{ "WHO\n  标准", "WHO 标准" },			/* Latin/CJK: one space */
		{ "标准\n  WHO", "标准 WHO" },
		{ "2020年 4.43张", "2020年 4.43张" },		/* typed spaces are text */
		{ "床位数从 2015年", "床位数从 2015年" },
		{ "a  b\tc", "a  b\tc" },			/* a run without a line break stays */
		{ "one\n\n   two", "one two" },
		{ "  \n 开头与结尾 \n ", "开头与结尾" },	/* trimmed at the block's edges */
		{ " 开头", "开头" },
		{ "“十四五”\n规划", "“十四五”规划" },		/* CJK punctuation */
		{ "发展。\n  （一）", "发展。（一）" },
		{ "率（‰）\n 持续", "率（‰）持续" },
		{ "1.64‰\n下降", "1.64‰ 下降" },		/* ‰ is not CJK */
		{ "77.8\n78.8", "77.8 78.8" },
		{ "中 \n 文", "中文" },				/* the run is all of " \n " */
		{ "中\r\n文", "中文" },
		{ "한국\n어", "한국 어" },			/* Hangul separates words with spaces */
		{ "", "" },
		{ " \n ", "" },
	};
	char	 buf[512];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		paragraph_text(rows[i].in, buf, sizeof(buf));
		if (strcmp(buf, rows[i].out) != 0)
			fail_msg("\"%s\" gave \"%s\", not \"%s\"", rows[i].in, buf, rows[i].out);
	}
}

/* A run crosses element boundaries and is decided as a whole; its space goes where it starts. */
static void
whitespace_across_elements(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} rows[] = {
		{ "<b>健康 \n</b>\n  中国", "健康中国" },
		{ "<b>WHO\n</b>\n  标准", "WHO 标准" },
		{ "推进<i>健康</i>\n<b>中国</b>建设", "推进健康中国建设" },
		{ "推进<i>健康</i> <b>中国</b>", "推进健康 中国" },
		{ "<b> \n <i> \n </i> \n</b>中国", "中国" },
		{ "A<b> \n <i> </i> \n</b>中国", "A 中国" },
		{ "A<b> </b><i> </i>B", "A  B" },			/* kept: no line break */
		{ "第一行\n<br/>\n第二行", "第一行|第二行" },	/* a br ends the line */
		{ "line one\n<br/>\nline two", "line one|line two" },
		{ "a <br/> b", "a | b" },
		{ "第\n<page-number/>\n页", "第 # 页" },		/* an inline that is not text */
		{ "第<page-number/>页", "第#页" },
		{ "详见<a href=\"#x\">附表</a>\n（第<ref to=\"x\"/>页）<span id=\"x\">。</span>",
		    "详见附表（第#页）。" },
	};
	char	 buf[512];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		paragraph_text(rows[i].in, buf, sizeof(buf));
		if (strcmp(buf, rows[i].out) != 0)
			fail_msg("\"%s\" gave \"%s\", not \"%s\"", rows[i].in, buf, rows[i].out);
	}
}

/* The space a run becomes stays in the text node where the run starts; emptied nodes go. */
static void
whitespace_nodes(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	const struct doc_node	*p, *b;

	(void)state;
	diag_list_init(&d);
	doc = build(HEAD "<p><b>WHO\n</b>\n  标准<i> \n </i></p>\n" TAIL, &d);
	assert_non_null(doc);
	p = find(doc->root, DOC_PARAGRAPH);
	b = p->first;
	assert_int_equal(b->type, DOC_BOLD);
	assert_string_equal(b->first->u.text.text, "WHO ");
	assert_int_equal(b->next->type, DOC_TEXT);
	assert_string_equal(b->next->u.text.text, "标准");
	assert_int_equal(b->next->next->type, DOC_ITALIC);
	assert_null(b->next->next->first);	/* its text was only blanks at the block's end */
	assert_ptr_equal(p->last, b->next->next);
	doc_free(doc);
	diag_list_clear(&d);
}

/* Adjacent text (a comment between) is one node; the watermark follows the rule too. */
static void
text_merged(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	const struct doc_node	*p;

	(void)state;
	diag_list_init(&d);
	doc = build(HEAD "<watermark>\n  征求\n  意见稿\n</watermark>\n"
	    "<p>健康<!-- a note -->中国<?pi x?>行动 &amp; A</p>\n" TAIL, &d);
	assert_non_null(doc);
	assert_string_equal(doc->watermark, "征求意见稿");
	p = find(doc->root, DOC_PARAGRAPH);
	assert_ptr_equal(p->first, p->last);
	assert_string_equal(p->first->u.text.text, "健康中国行动 & A");
	assert_int_equal(p->first->line, 7);
	doc_free(doc);
	diag_list_clear(&d);
}

/* ---- Styles ------------------------------------------------------------------------------------- */

static void
styles_default(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	const struct doc_style	*s;

	(void)state;
	diag_list_init(&d);
	assert_non_null(doc = build(HEAD TAIL, &d));
	assert_non_null(s = doc_style_find(doc, "default"));
	assert_string_equal(s->font, "Noto Serif CJK SC");
	assert_float_equal(s->size, 12, 1e-9);
	assert_float_equal(s->line_height, 19.2, 1e-9);
	assert_int_equal(s->weight, 400);
	assert_int_equal(s->align, DOC_ALIGN_JUSTIFY);
	assert_int_equal(s->color, 0);
	assert_int_equal(s->background, DOC_NO_COLOR);
	assert_int_equal(s->line, 0);
	s = doc_style_find(doc, "p");
	assert_float_equal(s->indent, 24, 1e-9);
	assert_int_equal(s->align, DOC_ALIGN_JUSTIFY);
	s = doc_style_find(doc, "h1");
	assert_string_equal(s->font, "Noto Sans CJK SC");
	assert_float_equal(s->size, 18, 1e-9);
	assert_int_equal(s->weight, 700);
	assert_int_equal(s->align, DOC_ALIGN_LEFT);
	assert_true(s->keep_with_next);
	assert_true(s->space_before > 0);
	assert_float_equal(doc_style_find(doc, "h2")->size, 16, 1e-9);
	assert_float_equal(doc_style_find(doc, "h3")->size, 14, 1e-9);
	assert_float_equal(doc_style_find(doc, "h4")->size, 12, 1e-9);
	s = doc_style_find(doc, "th");
	assert_int_equal(s->weight, 700);
	assert_int_equal(s->align, DOC_ALIGN_CENTER);
	s = doc_style_find(doc, "td");
	assert_float_equal(s->size, 10.5, 1e-9);
	assert_int_equal(s->align, DOC_ALIGN_LEFT);
	assert_int_equal(doc_style_find(doc, "caption")->align, DOC_ALIGN_CENTER);
	assert_int_equal(doc_style_find(doc, "box-title")->weight, 700);
	assert_float_equal(doc_style_find(doc, "toc1")->indent, 0, 1e-9);
	assert_float_equal(doc_style_find(doc, "toc3")->indent, 24, 1e-9);
	assert_float_equal(doc_style_find(doc, "toc4")->indent, 36, 1e-9);
	assert_float_equal(doc_style_find(doc, "header")->size, 10.5, 1e-9);
	assert_float_equal(doc_style_find(doc, "footer")->size, 10.5, 1e-9);
	assert_non_null(doc_style_find(doc, "box"));
	assert_non_null(doc_style_find(doc, "toc"));
	assert_non_null(doc_style_find(doc, "toc-title"));
	assert_non_null(doc_style_find(doc, "title-page"));
	assert_null(doc_style_find(doc, "nonesuch"));
	assert_ptr_equal(doc->root->style, doc_style_find(doc, "default"));
	doc_free(doc);
	diag_list_clear(&d);
}

/* A style of a built-in's name replaces what it sets and keeps the rest; em and multiples follow
 * the new size. */
static void
style_override(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	const struct doc_style	*s;

	(void)state;
	diag_list_init(&d);
	doc = build(HEAD "<styles>\n"
	    "<style name=\"p\" size=\"16pt\" color=\"#1A2b3c\" background=\"#ffffff\"/>\n"
	    "<style name=\"default\" font=\"仿宋_GB2312, FangSong, Noto Serif CJK SC\"/>\n"
	    "<style name=\"td\" size=\"9pt\" line-height=\"14pt\" letter-spacing=\"-0.5pt\"/>\n"
	    "</styles>\n" TAIL, &d);
	assert_non_null(doc);
	s = doc_style_find(doc, "p");
	assert_float_equal(s->size, 16, 1e-9);
	assert_float_equal(s->indent, 32, 1e-9);	/* 2em of 16 pt */
	assert_float_equal(s->line_height, 25.6, 1e-9);	/* 1.6 × 16 pt */
	assert_string_equal(s->font, "仿宋_GB2312, FangSong, Noto Serif CJK SC");
	assert_int_equal(s->color, 0x1A2B3C);
	assert_int_equal(s->background, 0xFFFFFF);
	assert_int_equal(s->line, 4);
	/* th rests on td: it takes td's new size, and its own weight and alignment. */
	s = doc_style_find(doc, "th");
	assert_float_equal(s->size, 9, 1e-9);
	assert_float_equal(s->line_height, 14, 1e-9);
	assert_float_equal(s->letter_spacing, -0.5, 1e-9);
	assert_int_equal(s->weight, 700);
	assert_string_equal(doc_style_find(doc, "h1")->font, "Noto Sans CJK SC");
	assert_string_equal(doc_style_find(doc, "toc")->font, "仿宋_GB2312, FangSong, Noto Serif CJK SC");
	doc_free(doc);
	diag_list_clear(&d);
}

static void
style_base_chain(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	const struct doc_style	*s;
	const struct doc_node	*p;

	(void)state;
	diag_list_init(&d);
	doc = build(HEAD "<styles>\n"
	    "<style name=\"c\" base=\"b\" weight=\"600\" line-height=\"2\"/>\n"
	    "<style name=\"b\" base=\"a\" size=\"1.5em\" italic=\"true\" align=\"right\"/>\n"
	    "<style name=\"a\" base=\"h2\" indent=\"1em\" space-after=\"6pt\" hanging=\"2em\""
	    " synthetic-bold=\"true\" keep-with-next=\"false\"/>\n"
	    "<style name=\"h1\" base=\"p\" font=\"Noto Sans CJK SC\" indent=\"0\"/>\n"
	    "</styles>\n<p style=\"c\">x</p>\n" TAIL, &d);
	assert_non_null(doc);
	s = doc_style_find(doc, "c");
	assert_float_equal(s->size, 24, 1e-9);		/* 1.5em of h2's 16 pt */
	assert_float_equal(s->line_height, 48, 1e-9);	/* 2 × 24 */
	assert_float_equal(s->indent, 24, 1e-9);	/* a's 1em, at c's size */
	assert_float_equal(s->hanging, 48, 1e-9);
	assert_float_equal(s->space_after, 6, 1e-9);
	assert_int_equal(s->weight, 600);
	assert_true(s->italic);
	assert_true(s->synthetic_bold);
	assert_false(s->keep_with_next);
	assert_int_equal(s->align, DOC_ALIGN_RIGHT);
	assert_string_equal(s->font, "Noto Sans CJK SC");
	assert_int_equal(s->line, 4);
	/* With a base, a built-in's name inherits from that base, not from the built-in. */
	s = doc_style_find(doc, "h1");
	assert_float_equal(s->size, 12, 1e-9);
	assert_int_equal(s->weight, 400);
	assert_int_equal(s->align, DOC_ALIGN_JUSTIFY);
	assert_float_equal(s->indent, 0, 1e-9);
	p = find(doc->root, DOC_PARAGRAPH);
	assert_ptr_equal(p->style, doc_style_find(doc, "c"));
	/* The document's own styles come after the built-in names, in the order written. */
	assert_string_equal(doc->styles[doc->style_count - 3].name, "c");
	assert_string_equal(doc->styles[doc->style_count - 1].name, "a");
	doc_free(doc);
	diag_list_clear(&d);
}

static void
style_cycle(void **state)
{
	(void)state;
	fails("<styles>\n"
	    "<style name=\"a\" base=\"b\"/>\n"
	    "<style name=\"b\" base=\"c\"/>\n"
	    "<style name=\"c\" base=\"a\"/>\n"
	    "</styles>\n", 4, "style \"a\": its base chain loops (a → b → c → a)");
	fails("<styles><style name=\"s\" base=\"s\"/></styles>\n", 3, "loops (s → s)");
	/* default resting on p, which rests on default. */
	fails("<styles>\n<style name=\"default\" base=\"p\"/>\n</styles>\n", 4,
	    "loops (default → p → default)");
}

static void
style_unknown(void **state)
{
	(void)state;
	fails("<p>a</p>\n<p style=\"nonesuch\">b</p>\n", 4, "unknown style \"nonesuch\"");
	fails("<p><span style=\"nonesuch\">b</span></p>\n", 3, "unknown style \"nonesuch\"");
	fails("<styles>\n<style name=\"x\" base=\"nonesuch\"/>\n</styles>\n", 4,
	    "style \"x\": no style \"nonesuch\" to base it on");
	fails("<styles>\n<style name=\"x\"/>\n<style name=\"x\" size=\"3pt\"/>\n</styles>\n", 5,
	    "style \"x\" is defined twice (first on line 4)");
	fails("<styles><style name=\"x\" size=\"0\"/></styles>\n", 3, "must be more than 0");
	fails("<styles><style name=\"x\" size=\"10000em\"/></styles>\n", 3,
	    "size=\"10000em\" is not a length");
}

/* Each node's style: its attribute's, else its element's name's, else default; none for inlines. */
static void
style_of_nodes(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	const struct doc_node	*n;

	(void)state;
	diag_list_init(&d);
	doc = build(HEAD "<styles><style name=\"table\" size=\"9pt\"/><style name=\"em\"/></styles>\n"
	    "<h3>t</h3><p style=\"h1\">a<b>b</b><span>c</span><span style=\"em\">d</span></p>\n"
	    "<table><tr><th>x</th><td>y</td></tr></table>\n" TAIL, &d);
	assert_non_null(doc);
	assert_string_equal(find(doc->root, DOC_HEADING)->style->name, "h3");
	n = find(doc->root, DOC_PARAGRAPH);
	assert_string_equal(n->style->name, "h1");
	assert_null(n->first->style);			/* text */
	assert_null(n->first->next->style);		/* b */
	assert_string_equal(n->first->next->next->style->name, "default");	/* span */
	assert_string_equal(n->last->style->name, "em");
	assert_string_equal(find(doc->root, DOC_TABLE)->style->name, "table");
	assert_string_equal(find(doc->root, DOC_ROW)->style->name, "default");
	n = find(doc->root, DOC_CELL);
	assert_string_equal(n->style->name, "th");
	assert_int_equal(n->u.cell.align, DOC_ALIGN_CENTER);	/* from the style */
	assert_string_equal(n->next->style->name, "td");
	assert_int_equal(n->next->u.cell.align, DOC_ALIGN_LEFT);
	doc_free(doc);
	diag_list_clear(&d);
}

/* ---- The page ----------------------------------------------------------------------------------- */

static void
page_sizes(void **state)
{
	static const struct {
		const char	*attrs;
		double		 width, height;
	} rows[] = {
		{ "", 595.276, 841.89 },
		{ "size=\"A4\"", 595.276, 841.89 },
		{ "size=\"A4\" orientation=\"landscape\"", 841.89, 595.276 },
		{ "size=\"A4\" orientation=\"portrait\"", 595.276, 841.89 },
		{ "size=\"A5\"", 419.528, 595.276 },
		{ "size=\"A3\"", 841.89, 1190.551 },
		{ "size=\"letter\"", 612, 792 },
		{ "size=\"16:9\"", 960, 540 },
		{ "size=\"16:9\" orientation=\"landscape\"", 960, 540 },
		{ "size=\"16:9\" orientation=\"portrait\"", 540, 960 },
		{ "width=\"100mm\" height=\"50mm\"", 100 * MM, 50 * MM },
		{ "width=\"100mm\" height=\"50mm\" orientation=\"portrait\"", 50 * MM, 100 * MM },
	};
	struct diag_list	 d;
	struct doc		*doc;
	char			 text[512];
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(text, sizeof(text), HEAD "<page %s margin-left=\"10mm\" margin-right=\"10mm\""
		    " margin-top=\"10mm\" margin-bottom=\"10mm\"/>\n" TAIL, rows[i].attrs);
		diag_list_init(&d);
		doc = build(text, &d);
		if (doc == NULL)
			diag_list_print(&d, stderr);
		assert_non_null(doc);
		if (fabs(doc->page.width - rows[i].width) > 0.001 ||
		    fabs(doc->page.height - rows[i].height) > 0.001)
			fail_msg("<page %s> gave %.3f × %.3f", rows[i].attrs, doc->page.width,
			    doc->page.height);
		doc_free(doc);
		diag_list_clear(&d);
	}
}

static void
page_defaults(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;

	(void)state;
	diag_list_init(&d);
	assert_non_null(doc = build(HEAD TAIL, &d));
	assert_float_equal(doc->page.margin_top, 25 * MM, 1e-9);
	assert_float_equal(doc->page.margin_right, 25 * MM, 1e-9);
	assert_float_equal(doc->page.header_offset, 10 * MM, 1e-9);
	assert_float_equal(doc->page.footer_offset, 7 * MM, 1e-9);
	assert_false(doc->page.mirror);
	assert_string_equal(doc->lang, "zh-CN");
	assert_null(doc->title);
	assert_null(doc->watermark);
	doc_free(doc);
	diag_list_init(&d);
	assert_non_null(doc = build(HEAD "<page mirror=\"true\" header-offset=\"12mm\""
	    " footer-offset=\"0\"/>\n" TAIL, &d));
	assert_true(doc->page.mirror);
	assert_float_equal(doc->page.header_offset, 12 * MM, 1e-9);
	assert_float_equal(doc->page.footer_offset, 0, 1e-9);
	doc_free(doc);
	diag_list_clear(&d);
}

/* GB/T 9704: A4, margins 28 mm and 26 mm, 28 characters a line: a pitch of 442.2 / 28 pt. */
static void
chars_per_line(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	const struct doc_style	*s;

	(void)state;
	diag_list_init(&d);
	doc = build(HEAD "<page size=\"A4\" margin-top=\"37mm\" margin-bottom=\"35mm\""
	    " margin-left=\"28mm\" margin-right=\"26mm\"/>\n"
	    "<styles><style name=\"p\" size=\"16pt\" chars-per-line=\"28\"/>"
	    "<style name=\"q\" base=\"p\" size=\"12pt\"/></styles>\n" TAIL, &d);
	assert_non_null(doc);
	s = doc_style_find(doc, "p");
	assert_float_equal(s->char_pitch, 442.2 / 28, 0.05);
	assert_float_equal(doc->page.width - doc->page.margin_left - doc->page.margin_right, 442.2,
	    0.05);
	assert_float_equal(doc_style_find(doc, "q")->char_pitch, s->char_pitch, 1e-9);
	assert_float_equal(doc_style_find(doc, "default")->char_pitch, 0, 1e-9);
	doc_free(doc);
	diag_list_clear(&d);
}

static void
margins_too_wide(void **state)
{
	(void)state;
	fails("<page size=\"A5\" margin-left=\"100mm\" margin-right=\"50mm\"/>\n", 3,
	    "the margins leave no room for text");
	fails("<page width=\"0\" height=\"100mm\" margin-left=\"0\" margin-right=\"0\"/>\n", 3,
	    "no room");
	fails("<page width=\"1000000pt\" height=\"100mm\"/>\n", 3,
	    "page width=\"1000000pt\" is not a length");
}

/* ---- Ids and links ------------------------------------------------------------------------------ */

static void
ids_unique(void **state)
{
	(void)state;
	fails("<h1 id=\"s1\">一</h1>\n<p>x</p>\n<h2 id=\"s1\">二</h2>\n", 5,
	    "id \"s1\" is already used on line 3");
	fails("<p><span id=\"x\">a</span></p>\n<table id=\"x\"><tr><td>b</td></tr></table>\n", 4,
	    "id \"x\" is already used on line 3");
}

static void
links_resolved(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	const struct doc_node	*n;

	(void)state;
	fails("<p>见<a href=\"#nowhere\">这里</a></p>\n", 3, "link to unknown id \"nowhere\"");
	fails("<h1 id=\"s1\">一</h1>\n<p>第<ref to=\"s2\"/>页</p>\n", 4, "ref to unknown id \"s2\"");
	diag_list_init(&d);
	doc = build(HEAD "<p><a href=\"#later\">a</a><a href=\"later\">b</a><ref to=\"#later\"/></p>\n"
	    "<h1 id=\"later\">t</h1>\n" TAIL, &d);
	assert_non_null(doc);
	n = find(doc->root, DOC_LINK);
	assert_string_equal(n->u.link.target, "later");
	assert_string_equal(n->next->u.link.target, "later");
	assert_string_equal(n->next->next->u.link.target, "later");
	assert_ptr_equal(doc_find_id(doc, "later"), find(doc->root, DOC_HEADING));
	assert_null(doc_find_id(doc, "#later"));
	assert_null(doc_find_id(doc, "nowhere"));
	doc_free(doc);
	diag_list_clear(&d);
}

/* Many ids: the index grows and still finds each one. */
static void
many_ids(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	char			*text, id[32];
	size_t			 i, n = 5000, len = 0, cap = 64 * 5000 + 256;

	(void)state;
	assert_non_null(text = malloc(cap));
	len += (size_t)snprintf(text + len, cap - len, HEAD);
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "<p id=\"p%zu\"><ref to=\"p%zu\"/></p>\n",
		    i, n - 1 - i);
	snprintf(text + len, cap - len, TAIL);
	diag_list_init(&d);
	assert_non_null(doc = build(text, &d));
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "p%zu", i);
		assert_non_null(doc_find_id(doc, id));
		assert_string_equal(doc_find_id(doc, id)->id, id);
		assert_int_equal(doc_find_id(doc, id)->line, (long)i + 3);
	}
	doc_free(doc);
	diag_list_clear(&d);
	free(text);
}

/* ---- Limits ------------------------------------------------------------------------------------- */

static void
depth_limit(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	char			 text[4096];
	size_t			 i, len, levels;

	(void)state;
	/* document (1) > p (2) > b … : 46 b's make 48 levels, which is allowed; 47 are not. */
	for (levels = 46; levels <= 47; levels++) {
		len = (size_t)snprintf(text, sizeof(text), HEAD "<p>");
		for (i = 0; i < levels; i++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, "<b>");
		len += (size_t)snprintf(text + len, sizeof(text) - len, "深");
		for (i = 0; i < levels; i++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, "</b>");
		snprintf(text + len, sizeof(text) - len, "</p>\n" TAIL);
		diag_list_init(&d);
		doc = build(text, &d);
		if (levels == 46) {
			assert_non_null(doc);
			assert_string_equal(find(doc->root, DOC_TEXT)->u.text.text, "深");
		} else {
			assert_null(doc);
			assert_true(has(&d, 3, "elements nested more than 48 deep"));
		}
		doc_free(doc);
		diag_list_clear(&d);
	}
}

static void
text_limit(void **state)
{
	struct diag_list	 d;
	char			*text;
	size_t			 n = DOC_MAX_TEXT + 16, len;

	(void)state;
	assert_non_null(text = malloc(n + 256));
	len = (size_t)snprintf(text, 256, HEAD "<p>\n");
	/* Two runs of text with a comment between: one node once merged, too large together. */
	memset(text + len, 'x', n / 2);
	len += n / 2;
	len += (size_t)snprintf(text + len, 32, "<!---->");
	memset(text + len, 'y', n / 2);
	len += n / 2;
	snprintf(text + len, 256, "</p>\n" TAIL);
	diag_list_init(&d);
	assert_null(build(text, &d));
	assert_true(has(&d, 4, "more than 4194304 bytes of text in one run"));
	diag_list_clear(&d);
	free(text);
}

/* A pathological document: one node more than DOC_MAX_NODES (about a second; 1.3 GB under ASan). */
static void
node_limit(void **state)
{
	struct diag_list	 d;
	char			*text;
	size_t			 i, len, n = DOC_MAX_NODES - 1;	/* + document + p = one too many */

	(void)state;
	assert_non_null(text = malloc(n * 5 + 256));
	len = (size_t)snprintf(text, 256, HEAD "<p>\n");
	for (i = 0; i < n; i++, len += 5)
		memcpy(text + len, "<br/>", 5);
	snprintf(text + len, 256, "\n</p>\n" TAIL);
	diag_list_init(&d);
	assert_null(build(text, &d));
	assert_true(has(&d, 4, "more than 2000000 nodes"));
	assert_int_equal(d.count, 1);
	diag_list_clear(&d);
	free(text);
}

/* ---- Every node type ---------------------------------------------------------------------------- */

static const char every[] = HEAD
	"<page size=\"A4\"/>\n"								/*  3 */
	"<styles><style name=\"big\" size=\"20pt\"/></styles>\n"			/*  4 */
	"<header align=\"left\" pages=\"odd\" first=\"true\">题<section-title/></header>\n"	/*  5 */
	"<footer align=\"outside\" pages=\"even\" indent=\"2em\"><page-number/>/<page-count/></footer>\n"
	"<watermark>草稿</watermark>\n"							/*  7 */
	"<title-page><p>封面</p></title-page>\n"					/*  8 */
	"<toc depth=\"3\"/>\n"								/*  9 */
	"<toc title=\"\"/>\n"								/* 10 */
	"<h1 id=\"s1\">一</h1><h2 toc=\"no\">二</h2><h3>三</h3><h4 toc=\"yes\">四</h4>\n"	/* 11 */
	"<p>甲<b>乙</b><i>丙</i><span style=\"big\">丁</span><a href=\"#s1\">戊</a><ref to=\"s1\"/>"
	"<br/><section-title level=\"2\"/><badge status=\"off-track\"/><bar value=\"0.25\" max=\"2\"/>"
	"<bar value=\"3\"/></p>\n"							/* 12 */
	"<table continued=\"续表\" id=\"t\">\n"						/* 13 */
	"<caption>表1</caption>\n"							/* 14 */
	"<col width=\"30mm\"/><col width=\"25%\"/><col width=\"*\"/><col width=\"2em\"/>\n"	/* 15 */
	"<thead><tr><th colspan=\"2\">a</th><th>b</th><th>c</th></tr></thead>\n"	/* 16 */
	"<tbody><tr><td rowspan=\"2\" align=\"right\" valign=\"top\">1</td>"
	"<td align=\"justify\" valign=\"bottom\"><p>x</p><p>y</p></td><td/><td/></tr></tbody>\n"
	"<tr><td>2</td><td>3</td><td>4</td></tr>\n"					/* 18 */
	"</table>\n"
	"<box title=\"专栏1\"><p>内</p><box><p>嵌</p></box></box>\n"			/* 20 */
	"<chart kind=\"line\" width=\"10cm\" height=\"10em\" xmlns:x=\"urn:x\" x:y=\"1\">"
	"<series name=\"s\"><point period=\"2023\" value=\"1\"/></series><x:note/></chart>\n"
	"<image src=\"fig/a.png\" width=\"50mm\"/>\n"					/* 22 */
	"<image src=\"/abs/b.svg\"/>\n"							/* 23 */
	"<page-break/>\n"								/* 24 */
	TAIL;

static void
every_node_type(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	const struct doc_node	*n, *c;
	bool			 seen[DOC__COUNT] = { false };
	size_t			 i;
	xmlChar			*v;

	(void)state;
	diag_list_init(&d);
	doc = build(every, &d);
	if (doc == NULL)
		diag_list_print(&d, stderr);
	assert_non_null(doc);
	assert_int_equal(d.count, 0);
	/* Every type appears, and the links hold together. */
	for (n = doc->root; n != NULL; ) {
		seen[n->type] = true;
		for (c = n->first; c != NULL; c = c->next) {
			assert_ptr_equal(c->parent, n);
			assert_true(c->prev == NULL || c->prev->next == c);
			assert_true(c->next != NULL || n->last == c);
		}
		if (n->first != NULL)
			n = n->first;
		else {
			while (n != NULL && n->next == NULL)
				n = n->parent;
			if (n != NULL)
				n = n->next;
		}
	}
	for (i = 0; i < DOC__COUNT; i++)
		if (!seen[i])
			fail_msg("no %s node", doc_type_name((enum doc_type)i));

	assert_string_equal(doc->watermark, "草稿");
	n = doc->root->first;
	assert_int_equal(n->type, DOC_HEADER);
	assert_int_equal(n->u.running.align, DOC_ALIGN_LEFT);
	assert_int_equal(n->u.running.pages, 1);
	assert_true(n->u.running.first);
	assert_int_equal(n->last->type, DOC_SECTION_TITLE);
	assert_int_equal(n->last->u.section.level, 1);
	n = n->next;
	assert_int_equal(n->type, DOC_FOOTER);
	assert_int_equal(n->u.running.align, DOC_ALIGN_OUTSIDE);
	assert_int_equal(n->u.running.pages, 2);
	assert_false(n->u.running.first);
	assert_float_equal(n->u.running.indent, 21, 1e-9);	/* 2em of the footer's 10.5 pt */
	assert_string_equal(n->style->name, "footer");
	n = n->next;
	assert_int_equal(n->type, DOC_TITLE_PAGE);
	assert_int_equal(n->first->type, DOC_PARAGRAPH);
	n = n->next;
	assert_int_equal(n->type, DOC_TOC);
	assert_string_equal(n->u.toc.title, "目录");
	assert_int_equal(n->u.toc.depth, 3);
	assert_int_equal(n->line, 9);
	n = n->next;
	assert_null(n->u.toc.title);
	assert_int_equal(n->u.toc.depth, 2);
	n = n->next;
	assert_int_equal(n->u.heading.level, 1);
	assert_true(n->u.heading.in_toc);
	assert_string_equal(n->id, "s1");
	assert_int_equal(n->next->u.heading.level, 2);
	assert_false(n->next->u.heading.in_toc);
	assert_int_equal(n->next->next->next->u.heading.level, 4);
	assert_true(n->next->next->next->u.heading.in_toc);

	n = find(doc->root, DOC_BADGE);
	assert_string_equal(n->u.mark.status, "off-track");
	n = n->next;
	assert_float_equal(n->u.mark.value, 0.25, 1e-9);
	assert_float_equal(n->u.mark.max, 2, 1e-9);
	assert_float_equal(n->next->u.mark.value, 3, 1e-9);
	assert_float_equal(n->next->u.mark.max, 1, 1e-9);
	assert_int_equal(n->prev->prev->type, DOC_SECTION_TITLE);
	assert_int_equal(n->prev->prev->u.section.level, 2);

	n = find(doc->root, DOC_TABLE);
	assert_string_equal(n->u.table.continued, "续表");
	assert_ptr_equal(doc_find_id(doc, "t"), n);
	c = n->first;
	assert_int_equal(c->type, DOC_CAPTION);
	c = c->next;
	assert_int_equal(c->type, DOC_COL);
	assert_false(c->u.col.relative);
	assert_float_equal(c->u.col.width, 30 * MM, 1e-9);
	c = c->next;
	assert_true(c->u.col.relative);
	assert_float_equal(c->u.col.width, 0.25, 1e-9);
	c = c->next;
	assert_true(c->u.col.relative);
	assert_float_equal(c->u.col.width, 1, 1e-9);
	c = c->next;
	assert_false(c->u.col.relative);
	assert_float_equal(c->u.col.width, 24, 1e-9);
	c = c->next;
	assert_int_equal(c->type, DOC_THEAD);
	assert_int_equal(c->first->type, DOC_ROW);
	assert_true(c->first->first->u.cell.head);
	assert_int_equal(c->first->first->u.cell.colspan, 2);
	c = c->next;	/* the tbody's row joins the table */
	assert_int_equal(c->type, DOC_ROW);
	assert_int_equal(c->line, 17);
	assert_false(c->first->u.cell.head);
	assert_int_equal(c->first->u.cell.rowspan, 2);
	assert_int_equal(c->first->u.cell.colspan, 1);
	assert_int_equal(c->first->u.cell.align, DOC_ALIGN_RIGHT);
	assert_int_equal(c->first->u.cell.valign, DOC_VALIGN_TOP);
	assert_int_equal(c->first->next->u.cell.align, DOC_ALIGN_JUSTIFY);
	assert_int_equal(c->first->next->u.cell.valign, DOC_VALIGN_BOTTOM);
	assert_int_equal(c->first->next->first->type, DOC_PARAGRAPH);
	assert_null(c->last->first);
	assert_int_equal(c->last->u.cell.valign, DOC_VALIGN_MIDDLE);
	assert_int_equal(c->next->type, DOC_ROW);
	assert_int_equal(c->next->line, 18);
	assert_null(c->next->next);

	n = find(doc->root, DOC_BOX);
	assert_string_equal(n->u.box.title, "专栏1");
	assert_int_equal(n->last->type, DOC_BOX);
	assert_null(n->last->u.box.title);

	n = find(doc->root, DOC_CHART);
	assert_float_equal(n->u.figure.width, 100 * MM, 1e-9);
	assert_float_equal(n->u.figure.height, 120, 1e-9);	/* 10em of default's 12 pt */
	assert_non_null(n->u.figure.spec);
	assert_string_equal((const char *)n->u.figure.spec->name, "chart");
	assert_non_null(v = xmlGetProp(n->u.figure.spec, (const xmlChar *)"kind"));
	assert_string_equal((const char *)v, "line");
	xmlFree(v);
	assert_string_equal((const char *)n->u.figure.spec->children->name, "series");

	n = find(doc->root, DOC_IMAGE);
	assert_string_equal(n->u.figure.src, "/base/fig/a.png");
	assert_float_equal(n->u.figure.width, 50 * MM, 1e-9);
	assert_float_equal(n->u.figure.height, 0, 1e-9);
	assert_null(n->u.figure.spec);
	assert_string_equal(n->next->u.figure.src, "/abs/b.svg");
	assert_int_equal(n->next->next->type, DOC_PAGE_BREAK);
	assert_int_equal(n->next->next->line, 24);
	doc_free(doc);
	diag_list_clear(&d);
}

static void
type_names(void **state)
{
	size_t	 i, j;

	(void)state;
	for (i = 0; i < DOC__COUNT; i++) {
		assert_string_not_equal(doc_type_name((enum doc_type)i), "?");
		for (j = 0; j < i; j++)
			assert_string_not_equal(doc_type_name((enum doc_type)i),
			    doc_type_name((enum doc_type)j));
	}
	assert_string_equal(doc_type_name(DOC_PARAGRAPH), "paragraph");
	assert_string_equal(doc_type_name(DOC__COUNT), "?");
}

/* ---- Files and bad input ------------------------------------------------------------------------ */

/* doc_load reads a file, and resolves image paths against its folder. */
static void
loads_a_file(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;
	char			 path[600];
	FILE			*f;

	(void)state;
	snprintf(path, sizeof(path), "%s/doc.xml", tmpdir);
	assert_non_null(f = fopen(path, "wb"));
	fputs(HEAD "<image src=\"a.png\"/>\n" TAIL, f);
	fclose(f);
	diag_list_init(&d);
	assert_non_null(doc = doc_load(path, &d));
	assert_string_equal(doc->path, path);
	assert_string_equal(doc->base, tmpdir);
	snprintf(path, sizeof(path), "%s/a.png", tmpdir);
	assert_string_equal(find(doc->root, DOC_IMAGE)->u.figure.src, path);
	doc_free(doc);
	assert_null(doc_load("/nonexistent/doc.xml", &d));
	assert_true(has(&d, 0, "cannot open"));
	diag_list_clear(&d);
	doc_free(NULL);
}

/* The hand-written example of docs/examples validates and loads. */
static void
example_loads(void **state)
{
	struct diag_list	 d;
	struct doc		*doc;

	(void)state;
	diag_list_init(&d);
	doc = doc_load(TEST_SRC_DIR "/../docs/examples/hello.xml", &d);
	if (doc == NULL)
		diag_list_print(&d, stderr);
	assert_non_null(doc);
	assert_int_equal(d.count, 0);
	assert_string_equal(doc->title, "示例区卫生健康事业发展季度简报");
	assert_non_null(find(doc->root, DOC_TITLE_PAGE));
	assert_non_null(find(doc->root, DOC_TOC));
	assert_non_null(find(doc->root, DOC_BOX));
	assert_non_null(find(doc->root, DOC_PAGE_BREAK));
	assert_non_null(find(doc->root, DOC_PAGE_NUMBER));
	assert_non_null(doc_find_id(doc, "t1"));
	doc_free(doc);
	diag_list_clear(&d);
}

static void
schema_violations(void **state)
{
	(void)state;
	fails("<p bogus=\"1\">x</p>\n", 3, "");
	fails("<p><p>nested</p></p>\n", 3, "");
	fails("<styles><style name=\"x\" size=\"12px\"/></styles>\n", 3, "");
	fails("<styles><style name=\"x\" letter-spacing=\"--1pt\"/></styles>\n", 3, "");
	fails("<page margin-left=\"2em\"/>\n", 3, "");	/* no em in the page */
	fails("<table><col width=\"auto\"/></table>\n", 3, "");
	fails("<p><badge status=\"great\"/></p>\n", 3, "");
	fails("<p><bar value=\"NaN\"/></p>\n", 3, "");
	fails("<p><bar value=\"1e3\"/></p>\n", 3, "");
	fails("<chart width=\"-1cm\"/>\n", 3, "");
	fails("<h5>x</h5>\n", 3, "");
	fails("<p>x</p>\n<page/>\n", 4, "");				/* the page comes first */
}

static void
bar_max(void **state)
{
	(void)state;
	fails("<p><bar value=\"1\" max=\"0\"/></p>\n", 3, "bar max=\"0\" must be more than 0");
	fails("<p><bar value=\"1\" max=\"-2\"/></p>\n", 3, "must be more than 0");
}

static void
wrong_root(void **state)
{
	struct diag_list	 d;
	const char		*text = "<document xmlns=\"urn:planrep:plan\"/>";

	(void)state;
	diag_list_init(&d);
	assert_null(build(text, &d));
	assert_true(has(&d, 1, "expected a <document> element in namespace urn:planrep:doc"));
	assert_null(doc_from_xml(NULL, NULL, NULL, &d));
	diag_list_clear(&d);
}

static int
setup(void **state)
{
	(void)state;
	return test_dir_make(tmpdir);
}

static int
teardown(void **state)
{
	(void)state;
	xml_cleanup();
	return test_dir_remove(tmpdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lengths),
		cmocka_unit_test(whitespace_rule),
		cmocka_unit_test(whitespace_across_elements),
		cmocka_unit_test(whitespace_nodes),
		cmocka_unit_test(text_merged),
		cmocka_unit_test(styles_default),
		cmocka_unit_test(style_override),
		cmocka_unit_test(style_base_chain),
		cmocka_unit_test(style_cycle),
		cmocka_unit_test(style_unknown),
		cmocka_unit_test(style_of_nodes),
		cmocka_unit_test(page_sizes),
		cmocka_unit_test(page_defaults),
		cmocka_unit_test(chars_per_line),
		cmocka_unit_test(margins_too_wide),
		cmocka_unit_test(ids_unique),
		cmocka_unit_test(links_resolved),
		cmocka_unit_test(many_ids),
		cmocka_unit_test(depth_limit),
		cmocka_unit_test(text_limit),
		cmocka_unit_test(node_limit),
		cmocka_unit_test(every_node_type),
		cmocka_unit_test(type_names),
		cmocka_unit_test(loads_a_file),
		cmocka_unit_test(example_loads),
		cmocka_unit_test(schema_violations),
		cmocka_unit_test(bar_max),
		cmocka_unit_test(wrong_root),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
