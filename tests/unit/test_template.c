/*
 * test_template.c: compiling and running XSLT templates under planrep's rules. Parameters are
 * strings that cannot inject XPath; nothing is written; document() reads only under the template's
 * and the input's folders; runaway recursion stops; errors carry the stylesheet's file:line. The
 * stylesheets are written into a temporary folder laid out as tpl/ (templates), in/ (the input) and
 * out/ (somewhere else). Last, templates/plan.xsl runs on the five plans of input/plans/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/tree.h>

#include "planrep/template.h"
#include "planrep/xml.h"
#include "testlib.h"

static char tmpdir[] = "/tmp/planrep-test-template-XXXXXX";

#define XSL_HEAD \
	"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"" \
	" xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\">\n"
#define XSL_TAIL "</xsl:stylesheet>\n"

/* Writes text to a file in the test's folder and returns its path. */
static const char *
put(const char *name, const char *text)
{
	return test_put(tmpdir, name, text);
}

/* True when some diagnostic at least as bad as sev, at that line (0: any), contains needle. */
static bool
has(const struct diag_list *d, enum diag_severity sev, long line, const char *needle)
{
	return test_diag_has(d, sev, line, needle);
}

/* Loads tpl/name (written from text) and applies it to in/in.xml. Returns the result or NULL. */
static xmlDocPtr
run(const char *name, const char *text, const char *const *params, struct diag_list *d)
{
	char		 tplname[256];
	struct template	*t;
	xmlDocPtr	 in, out = NULL;
	const char	*inpath;

	snprintf(tplname, sizeof(tplname), "tpl/%s", name);
	t = template_load(put(tplname, text), d);
	assert_non_null(t);
	inpath = put("in/in.xml", "<plan xmlns=\"urn:planrep:plan\"><x>1</x><x>2</x></plan>\n");
	assert_non_null(in = xml_doc_load(inpath, d));
	out = template_apply(t, in, inpath, params, d);
	xmlFreeDoc(in);
	template_free(t);
	return out;
}

/* The text content of the result's root element (owned). */
static char *
root_text(xmlDocPtr doc)
{
	return xml_text(xmlDocGetRootElement(doc));
}

static void
applies_with_a_param(void **state)
{
	static const char *const params[] = { "who", "世界", NULL };
	struct diag_list	 d;
	struct template		*t;
	xmlDocPtr		 in, out;
	char			*s;
	int			 i;

	(void)state;
	diag_list_init(&d);
	t = template_load(put("tpl/hello.xsl", XSL_HEAD
	    "  <xsl:param name=\"who\" select=\"'nobody'\"/>\n"
	    "  <xsl:template match=\"/\"><out n=\"{count(//*[local-name()='x'])}\">"
	    "<xsl:value-of select=\"concat('你好，', $who)\"/></out></xsl:template>\n"
	    XSL_TAIL), &d);
	assert_non_null(t);
	assert_non_null(in = xml_doc_parse("<a><x/><x/><x/></a>", 19, "mem.xml", &d));
	/* compiled once, applied many times */
	for (i = 0; i < 3; i++) {
		out = template_apply(t, in, NULL, i == 1 ? NULL : params, &d);
		assert_non_null(out);
		s = root_text(out);
		assert_string_equal(s, i == 1 ? "你好，nobody" : "你好，世界");
		free(s);
		s = xml_attr(xmlDocGetRootElement(out), "n");
		assert_string_equal(s, "3");
		free(s);
		xmlFreeDoc(out);
	}
	assert_int_equal(d.count, 0);
	xmlFreeDoc(in);
	template_free(t);
	diag_list_clear(&d);
}

/*
 * Strings of an imported stylesheet reach the result tree, which frees them as its own: the import
 * must be read with the dictionary libxslt offers. Before that fix, xmlFreeDoc of this result free()d
 * a dictionary string (a crash in the briefing, which imports common.xsl).
 */
static void
imported_strings_are_shared(void **state)
{
	struct diag_list	 d;
	xmlDocPtr		 out;
	xmlNodePtr		 p;
	char			*s;
	int			 i;

	(void)state;
	diag_list_init(&d);
	put("tpl/lib.xsl", XSL_HEAD
	    "  <xsl:template name=\"point\">\n"
	    "    <point v=\"{.}\"><xsl:attribute name=\"sample\">true</xsl:attribute>x</point>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL);
	out = run("main.xsl", XSL_HEAD
	    "  <xsl:import href=\"lib.xsl\"/>\n"
	    "  <xsl:template match=\"/\"><out><xsl:for-each select=\"//*[local-name()='x']\">"
	    "<xsl:call-template name=\"point\"/></xsl:for-each></out></xsl:template>\n"
	    XSL_TAIL, NULL, &d);
	assert_non_null(out);
	for (i = 0, p = xmlDocGetRootElement(out)->children; p != NULL; p = p->next, i++) {
		s = xml_attr(p, "sample");
		assert_string_equal(s, "true");
		free(s);
	}
	assert_int_equal(i, 2);
	xmlFreeDoc(out);
	diag_list_clear(&d);
}

static void
param_with_quotes_is_text(void **state)
{
	static const char	 nasty[] = "a'b\"c') or true() or ('";
	const char *const	 params[] = { "who", nasty, NULL };
	struct diag_list	 d;
	xmlDocPtr		 out;
	char			*s;

	(void)state;
	diag_list_init(&d);
	out = run("quote.xsl", XSL_HEAD
	    "  <xsl:param name=\"who\"/>\n"
	    "  <xsl:template match=\"/\"><out><xsl:value-of select=\"$who\"/></out></xsl:template>\n"
	    XSL_TAIL, params, &d);
	assert_non_null(out);
	s = root_text(out);
	assert_string_equal(s, nasty);
	free(s);
	xmlFreeDoc(out);
	assert_false(diag_failed(&d));
	diag_list_clear(&d);
}

static void
bad_params(void **state)
{
	static const char *const odd[] = { "who", NULL };
	static const char *const unknown[] = { "whom", "x", NULL };
	static const char *const badname[] = { "a b", "x", NULL };
	struct diag_list	 d;
	xmlDocPtr		 out;
	static const char	 xsl[] = XSL_HEAD
	    "  <xsl:param name=\"who\"/>\n"
	    "  <xsl:template match=\"/\"><out/></xsl:template>\n"
	    XSL_TAIL;

	(void)state;
	diag_list_init(&d);
	assert_null(run("params.xsl", xsl, odd, &d));
	assert_true(has(&d, DIAG_ERROR, 0, "parameter who has no value"));
	diag_list_clear(&d);
	assert_null(run("params.xsl", xsl, badname, &d));
	assert_true(has(&d, DIAG_ERROR, 0, "not a parameter name"));
	diag_list_clear(&d);
	/* a parameter the template does not declare is a warning, not a failure */
	out = run("params.xsl", xsl, unknown, &d);
	assert_non_null(out);
	assert_true(has(&d, DIAG_WARNING, 0, "no parameter whom"));
	assert_false(diag_failed(&d));
	xmlFreeDoc(out);
	diag_list_clear(&d);
}

static void
exsl_document_refused(void **state)
{
	struct diag_list	 d;
	char			 xsl[1024], target[512];
	struct stat		 st;

	(void)state;
	snprintf(target, sizeof(target), "%s/out/written.xml", tmpdir);
	snprintf(xsl, sizeof(xsl), XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <exsl:document href=\"%s\"><w/></exsl:document>\n"
	    "    <out/>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, target);
	diag_list_init(&d);
	assert_null(run("write.xsl", xsl, NULL, &d));
	assert_true(has(&d, DIAG_ERROR, 3, "may not write files"));
	assert_int_equal(stat(target, &st), -1);
	/* not next to the template either, nor in a folder it would create */
	snprintf(xsl, sizeof(xsl), XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <exsl:document href=\"newdir/w.xml\"><w/></exsl:document>\n"
	    "    <out/>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL);
	diag_list_clear(&d);
	assert_null(run("write2.xsl", xsl, NULL, &d));
	snprintf(target, sizeof(target), "%s/tpl/newdir", tmpdir);
	assert_int_equal(stat(target, &st), -1);
	assert_true(has(&d, DIAG_ERROR, 3, "refused"));
	diag_list_clear(&d);
}

static void
document_outside_refused(void **state)
{
	struct diag_list	 d;
	char			 xsl[1024], link[512], target[512];

	(void)state;
	put("out/secret.xml", "<secret>s</secret>\n");
	diag_list_init(&d);
	/* a relative path out of the folder */
	assert_null(run("outside.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out><xsl:value-of select=\"document('../out/secret.xml')\"/></out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d));
	assert_true(has(&d, DIAG_ERROR, 3, "refused: a template may read only files under"));
	diag_list_clear(&d);

	/* an absolute file: URI, and the network */
	snprintf(xsl, sizeof(xsl), XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out><xsl:value-of select=\"document('file://%s/out/secret.xml')\"/>"
	    "<xsl:value-of select=\"document('http://127.0.0.1:9/x.xml')\"/></out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, tmpdir);
	assert_null(run("uri.xsl", xsl, NULL, &d));
	assert_true(has(&d, DIAG_ERROR, 3, "secret.xml refused"));
	assert_true(has(&d, DIAG_ERROR, 3, "may not use the network"));
	diag_list_clear(&d);

	/* a symbolic link in the template's folder that leads outside */
	snprintf(link, sizeof(link), "%s/tpl/link.xml", tmpdir);
	snprintf(target, sizeof(target), "%s/out/secret.xml", tmpdir);
	unlink(link);
	assert_int_equal(symlink(target, link), 0);
	assert_null(run("link.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out><xsl:value-of select=\"document('link.xml')\"/></out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d));
	assert_true(has(&d, DIAG_ERROR, 3, "link.xml refused"));
	diag_list_clear(&d);
}

static void
document_inside_allowed(void **state)
{
	struct diag_list	 d;
	xmlDocPtr		 out;
	char			*s;

	(void)state;
	put("tpl/sub/theme.xml", "<theme>主题</theme>\n");
	put("in/data.xml", "<data>数据</data>\n");
	diag_list_init(&d);
	/* relative to the stylesheet, and (node-set base) relative to the input */
	out = run("inside.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out><xsl:value-of select=\"document('sub/theme.xml')\"/>|"
	    "<xsl:value-of select=\"document('data.xml', /)\"/>|"
	    "<xsl:value-of select=\"count(document('')//xsl:template)\"/></out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d);
	assert_non_null(out);
	s = root_text(out);
	assert_string_equal(s, "主题|数据|1");
	free(s);
	xmlFreeDoc(out);
	assert_int_equal(d.count, 0);

	/* a missing file in an allowed folder is an error that names it */
	assert_null(run("missing.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out><xsl:value-of select=\"document('sub/none.xml')\"/></out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d));
	assert_true(has(&d, DIAG_ERROR, 0, "cannot open"));
	diag_list_clear(&d);

	/* what document() reads is read safely: a DOCTYPE is refused */
	put("tpl/sub/dtd.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY e \"x\">]>\n<t>&e;</t>\n");
	assert_null(run("dtd.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out><xsl:value-of select=\"document('sub/dtd.xml')\"/></out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d));
	assert_true(has(&d, DIAG_ERROR, 2, "DOCTYPE"));
	diag_list_clear(&d);
}

static void
infinite_recursion_stops(void **state)
{
	struct diag_list	 d;

	(void)state;
	diag_list_init(&d);
	assert_null(run("loop.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\"><out><xsl:call-template name=\"f\"/></out></xsl:template>\n"
	    "  <xsl:template name=\"f\">\n"
	    "    <xsl:param name=\"n\" select=\"0\"/>\n"
	    "    <xsl:call-template name=\"f\"><xsl:with-param name=\"n\" select=\"$n + 1\"/>"
	    "</xsl:call-template>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d));
	assert_true(has(&d, DIAG_ERROR, 5, "recurses without end"));
	/* the stack dump libxslt prints after it is left out */
	assert_true(d.count <= 2);
	diag_list_clear(&d);

	/* apply-templates on the same node, without a parameter */
	assert_null(run("loop2.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\"><xsl:apply-templates select=\".\" mode=\"m\"/></xsl:template>\n"
	    "  <xsl:template match=\"/\" mode=\"m\"><xsl:apply-templates select=\".\" mode=\"m\"/>"
	    "</xsl:template>\n"
	    XSL_TAIL, NULL, &d));
	assert_true(has(&d, DIAG_ERROR, 0, "recurses without end"));
	diag_list_clear(&d);
}

static void
errors_have_file_and_line(void **state)
{
	struct diag_list	 d;
	const char		*path;

	(void)state;
	diag_list_init(&d);
	/* an XPath syntax error, on line 3 */
	path = put("tpl/syntax.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out><xsl:value-of select=\"//x[\"/></out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL);
	assert_null(template_load(path, &d));
	assert_true(has(&d, DIAG_ERROR, 3, "could not compile select expression"));
	assert_string_equal(d.items[0].file, path);
	diag_list_clear(&d);

	/* a required attribute missing, on line 3 */
	assert_null(template_load(put("tpl/missing.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out><xsl:value-of/></out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL), &d));
	assert_true(has(&d, DIAG_ERROR, 3, "select is missing"));
	diag_list_clear(&d);

	/* an unknown XSLT instruction, on line 4: libxslt compiles it with a warning, then fails there */
	assert_null(run("unknown.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out/>\n"
	    "    <xsl:frobnicate/>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d));
	assert_int_equal(d.items[0].severity, DIAG_WARNING);
	assert_true(has(&d, DIAG_WARNING, 4, "unknown xsl:frobnicate"));
	assert_true(has(&d, DIAG_ERROR, 4, "frobnicate"));
	diag_list_clear(&d);

	/* not well-formed: line and column */
	assert_null(template_load(put("tpl/broken.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL), &d));
	assert_true(has(&d, DIAG_ERROR, 4, "mismatch"));
	assert_true(d.items[0].column > 0);
	diag_list_clear(&d);

	/* an error in an included file names that file */
	put("tpl/inc/part.xsl", XSL_HEAD
	    "\n"
	    "  <xsl:template name=\"part\"><xsl:value-of select=\"1 +\"/></xsl:template>\n"
	    XSL_TAIL);
	assert_null(template_load(put("tpl/main.xsl", XSL_HEAD
	    "  <xsl:include href=\"inc/part.xsl\"/>\n"
	    "  <xsl:template match=\"/\"><out><xsl:call-template name=\"part\"/></out></xsl:template>\n"
	    XSL_TAIL), &d));
	assert_true(has(&d, DIAG_ERROR, 3, "could not compile"));
	assert_non_null(strstr(d.items[0].file, "inc/part.xsl"));
	diag_list_clear(&d);

	/* an include from outside the template's folder is refused */
	put("out/evil.xsl", XSL_HEAD XSL_TAIL);
	assert_null(template_load(put("tpl/import.xsl", XSL_HEAD
	    "  <xsl:import href=\"../out/evil.xsl\"/>\n"
	    "  <xsl:template match=\"/\"><out/></xsl:template>\n"
	    XSL_TAIL), &d));
	assert_true(has(&d, DIAG_ERROR, 0, "evil.xsl refused"));
	diag_list_clear(&d);

	/* a runtime error: a function that does not exist, on line 3 */
	assert_null(run("runtime.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out><xsl:value-of select=\"no-such-function(1)\"/></out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d));
	assert_true(has(&d, DIAG_ERROR, 3, "no-such-function"));
	diag_list_clear(&d);
}

static void
messages(void **state)
{
	struct diag_list	 d;
	xmlDocPtr		 out;

	(void)state;
	diag_list_init(&d);
	/* xsl:message is a warning with its line; terminate="yes" an error that stops the transform */
	out = run("warn.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <xsl:message>注意</xsl:message>\n"
	    "    <out/>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d);
	assert_non_null(out);
	xmlFreeDoc(out);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.items[0].severity, DIAG_WARNING);
	assert_int_equal(d.items[0].line, 3);
	assert_string_equal(d.items[0].message, "注意");
	diag_list_clear(&d);

	assert_null(run("stop.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <xsl:message terminate=\"yes\">no theme <xsl:value-of select=\"count(//*)\"/></xsl:message>\n"
	    "    <out/>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d));
	assert_true(has(&d, DIAG_ERROR, 3, "no theme 3"));
	diag_list_clear(&d);

	/* a flood of messages is cut short, but the one that stopped the run is kept */
	assert_null(run("flood.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\"><xsl:call-template name=\"say\"/></xsl:template>\n"
	    "  <xsl:template name=\"say\"><xsl:param name=\"n\" select=\"0\"/>\n"
	    "    <xsl:message>message <xsl:value-of select=\"$n\"/></xsl:message>\n"
	    "    <xsl:if test=\"$n &lt; 100\"><xsl:call-template name=\"say\">"
	    "<xsl:with-param name=\"n\" select=\"$n + 1\"/></xsl:call-template></xsl:if>\n"
	    "    <xsl:if test=\"$n = 100\"><xsl:message terminate=\"yes\">the end</xsl:message></xsl:if>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, NULL, &d));
	assert_true(d.count <= 52);
	assert_true(has(&d, DIAG_ERROR, 6, "the end"));
	assert_true(has(&d, DIAG_NOTE, 0, "more reports left out"));
	diag_list_clear(&d);
}

static void
stylesheet_read_safely(void **state)
{
	struct diag_list	 d;

	(void)state;
	diag_list_init(&d);
	assert_null(template_load(put("tpl/doctype.xsl",
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE xsl:stylesheet [<!ENTITY x SYSTEM \"/etc/passwd\">]>\n"
	    XSL_HEAD "<xsl:template match=\"/\"><out>&x;</out></xsl:template>" XSL_TAIL), &d));
	assert_true(has(&d, DIAG_ERROR, 2, "DOCTYPE"));
	diag_list_clear(&d);
	assert_null(template_load("/nonexistent/x.xsl", &d));
	assert_true(has(&d, DIAG_ERROR, 0, "cannot open"));
	template_free(NULL);
	diag_list_clear(&d);
}

/* Counts the children of n that are elements of that local name. */
static size_t
count_children(xmlNodePtr n, const char *name)
{
	size_t	 k = 0;

	for (n = n->children; n != NULL; n = n->next)
		k += xml_is(n, name);
	return k;
}

/* Appends s to buf without ASCII whitespace or U+3000 (the full-width space). */
static void
append_squeezed(char **buf, size_t *len, const char *s)
{
	size_t	 n = strlen(s);
	char	*b;

	assert_non_null(b = realloc(*buf, *len + n + 1));
	*buf = b;
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			continue;
		if ((unsigned char)s[0] == 0xe3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80) {
			s += 2;
			continue;
		}
		b[(*len)++] = *s;
	}
	b[*len] = '\0';
}

/*
 * Walks the plan's text in order and checks that each printed text (heading with its number,
 * paragraph with its number, item label and text, box title, caption, indicator name and values,
 * note, letter) is found in the document's text at or after where the previous one was found.
 */
static void
check_texts(xmlNodePtr n, const char *doc_text, size_t *at)
{
	static const char *const leaves[] = {
		"heading", "p", "label", "title", "caption", "name", "baseline", "target", "attribute",
		"note", "signature", "cell"
	};
	char		*want = NULL, *t, *found;
	size_t		 len = 0, i;
	xmlNodePtr	 c;
	bool		 leaf = false;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || xml_is(n, "meta") || xml_is(n, "unit"))
			continue;
		for (i = 0, leaf = false; i < sizeof(leaves) / sizeof(leaves[0]); i++)
			leaf = leaf || xml_is(n, leaves[i]);
		if (xml_is(n, "item")) {
			/* the label is checked as a leaf, then the text after it */
			check_texts(n->children, doc_text, at);
			for (c = n->children; c != NULL; c = c->next)
				if (c->type == XML_TEXT_NODE)
					append_squeezed(&want, &len, (const char *)c->content);
		} else if (leaf) {
			append_squeezed(&want, &len, "");
			if (xml_is(n, "p") && (t = xml_attr(n, "num")) != NULL) {
				append_squeezed(&want, &len, t);
				free(t);
			}
			t = xml_text(n);
			append_squeezed(&want, &len, t);
			free(t);
		} else {
			check_texts(n->children, doc_text, at);
			continue;
		}
		if (want != NULL && *want != '\0') {
			found = strstr(doc_text + *at, want);
			if (found == NULL)
				fprintf(stderr, "not found after offset %zu: %s\n", *at, want);
			assert_non_null(found);
			*at = (size_t)(found - doc_text);
		}
		free(want);
		want = NULL;
		len = 0;
	}
}

/*
 * templates/plan.xsl on the five plans: no diagnostics, a document in urn:planrep:doc with the
 * theme, a title page, a table of contents, an h1 for each top-level section, a watermark on drafts;
 * valid against schema/document.rng.
 */
static void
plan_template_on_the_five_plans(void **state)
{
	static const char *const ids[] = { "shangqiu", "pingdingshan", "guancheng", "yongqiao", "yuncheng" };
	struct diag_list	 d;
	struct template		*t;
	xmlDocPtr		 in, out;
	xmlNodePtr		 root, text;
	char			 path[1024];
	size_t			 i;
	bool			 draft;

	(void)state;
	diag_list_init(&d);
	t = template_load(TEST_SRC_DIR "/../templates/plan.xsl", &d);
	assert_non_null(t);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		snprintf(path, sizeof(path), "%s/../input/plans/%s.xml", TEST_SRC_DIR, ids[i]);
		assert_non_null(in = xml_doc_load(path, &d));
		out = template_apply(t, in, path, NULL, &d);
		assert_non_null(out);
		root = xmlDocGetRootElement(out);
		assert_true(xml_is(root, "document"));
		assert_string_equal((const char *)root->ns->href, "urn:planrep:doc");
		assert_int_equal(count_children(root, "page"), 1);
		assert_int_equal(count_children(root, "styles"), 1);
		assert_int_equal(count_children(root, "footer"), 2);
		assert_int_equal(count_children(root, "title-page"), 1);
		assert_int_equal(count_children(root, "toc"), 1);
		assert_int_equal(count_children(root, "table") >= 1, 1);
		for (text = xmlDocGetRootElement(in)->children; !xml_is(text, "text"); text = text->next)
			continue;
		assert_int_equal(count_children(root, "h1"), count_children(text, "section"));
		draft = strcmp(ids[i], "pingdingshan") != 0 && strcmp(ids[i], "yuncheng") != 0;
		assert_int_equal(count_children(root, "watermark"), draft ? 1 : 0);
		/* every printed text, in order, after the styles (whose names could match short texts) */
		{
			xmlNodePtr	 b;
			char		*all = NULL, *v;
			size_t		 len = 0, at = 0;

			append_squeezed(&all, &len, "");
			for (b = root->children; b != NULL; b = b->next) {
				if (xml_is(b, "styles") || xml_is(b, "page"))
					continue;
				if (xml_is(b, "box") && (v = xml_attr(b, "title")) != NULL) {
					append_squeezed(&all, &len, v);
					free(v);
				}
				if (b->type == XML_ELEMENT_NODE) {
					v = xml_text(b);
					append_squeezed(&all, &len, v);
					free(v);
				}
			}
			check_texts(xmlDocGetRootElement(in)->children, all, &at);
			free(all);
		}
		if (access(TEST_SRC_DIR "/../schema/document.rng", R_OK) == 0)
			assert_true(xml_doc_validate(out, "document", ids[i], &d));
		xmlFreeDoc(out);
		xmlFreeDoc(in);
	}
	if (d.count != 0)
		diag_list_print(&d, stderr);
	assert_int_equal(d.count, 0);

	/* a theme that does not exist, and one that is no theme name */
	snprintf(path, sizeof(path), "%s/../input/plans/shangqiu.xml", TEST_SRC_DIR);
	assert_non_null(in = xml_doc_load(path, &d));
	{
		static const char *const missing[] = { "theme", "no-such-theme", NULL };
		static const char *const bad[] = { "theme", "../../input/plans/shangqiu", NULL };

		assert_null(template_apply(t, in, path, missing, &d));
		assert_true(has(&d, DIAG_ERROR, 0, "themes/no-such-theme.xml is not a theme"));
		diag_list_clear(&d);
		assert_null(template_apply(t, in, path, bad, &d));
		assert_true(has(&d, DIAG_ERROR, 0, "is not a theme name"));
		diag_list_clear(&d);
	}
	xmlFreeDoc(in);
	template_free(t);
}

static int
setup(void **state)
{
	char	 sub[600];

	(void)state;
	if (test_dir_make(tmpdir) != 0)
		return -1;
	snprintf(sub, sizeof(sub), "%s/tpl", tmpdir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/tpl/sub", tmpdir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/tpl/inc", tmpdir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/in", tmpdir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/out", tmpdir);
	mkdir(sub, 0755);
	return 0;
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
		cmocka_unit_test(applies_with_a_param),
		cmocka_unit_test(param_with_quotes_is_text),
		cmocka_unit_test(imported_strings_are_shared),
		cmocka_unit_test(bad_params),
		cmocka_unit_test(exsl_document_refused),
		cmocka_unit_test(document_outside_refused),
		cmocka_unit_test(document_inside_allowed),
		cmocka_unit_test(infinite_recursion_stops),
		cmocka_unit_test(errors_have_file_and_line),
		cmocka_unit_test(messages),
		cmocka_unit_test(stylesheet_read_safely),
		cmocka_unit_test(plan_template_on_the_five_plans),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
