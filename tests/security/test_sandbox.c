/*
 * test_sandbox.c: what a hostile template cannot do (issue 9, docs/security.md). Beyond
 * tests/unit/test_template.c (exsl:document, document() outside by ../ file:// http://, a symbolic
 * link to a file, runaway recursion): xsl:include and xsl:import from outside, percent-encoded
 * escapes, a symbolic link to a folder, XInclude, every writing extension element libxslt and
 * libexslt register, reads hidden in dynamic XPath, and runaway templates that loop, explode an
 * XPath expression or grow memory without deep recursion. Each one must fail with a clear error and
 * read or write nothing; the runaway ones must also stop quickly (CTest gives this program a timeout).
 *
 * The stylesheets are written into a temporary folder laid out as tpl/ (templates), in/ (the input)
 * and out/ (somewhere else, holding a secret a template must not read and where it must not write).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/tree.h>
#include <libxslt/transform.h>

#include "planrep/template.h"
#include "planrep/xml.h"
#include "testlib.h"

static char tmpdir[] = "/tmp/planrep-test-sandbox-XXXXXX";

#define SECRET	"TOP-SECRET-7f3a"

#define XSL_HEAD \
	"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"" \
	" xmlns:exsl=\"http://exslt.org/common\" xmlns:str=\"http://exslt.org/strings\"" \
	" xmlns:dyn=\"http://exslt.org/dynamic\" xmlns:func=\"http://exslt.org/functions\"" \
	" xmlns:my=\"urn:my\" extension-element-prefixes=\"exsl func\">\n"
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

/* True when no diagnostic quotes the secret: a refusal must not leak what it refused to read. */
static bool
no_secret(const struct diag_list *d)
{
	size_t	 i;

	for (i = 0; i < d->count; i++)
		if (strstr(d->items[i].message, SECRET) != NULL)
			return false;
	return true;
}

/* True when the result document holds the secret anywhere in its text. */
static bool
leaked(xmlDocPtr out)
{
	xmlChar	*s;
	bool	 yes;

	if (out == NULL)
		return false;
	s = xmlNodeGetContent((xmlNodePtr)out);
	yes = s != NULL && strstr((const char *)s, SECRET) != NULL;
	xmlFree(s);
	return yes;
}

/* Loads tpl/name (written from text) and applies it to in/in.xml. Returns the result or NULL. */
static xmlDocPtr
run(const char *name, const char *text, struct diag_list *d)
{
	char		 tplname[256];
	struct template	*t;
	xmlDocPtr	 in, out = NULL;
	const char	*inpath;

	snprintf(tplname, sizeof(tplname), "tpl/%s", name);
	t = template_load(put(tplname, text), d);
	if (t == NULL)
		return NULL;
	inpath = put("in/in.xml", "<plan xmlns=\"urn:planrep:plan\"><x>1</x><x>2</x></plan>\n");
	assert_non_null(in = xml_doc_load(inpath, d));
	out = template_apply(t, in, inpath, NULL, d);
	xmlFreeDoc(in);
	template_free(t);
	return out;
}

/* Runs a template whose one instruction on line 3 is body; it must fail without the secret. */
static void
refused_body(const char *name, const char *body, const char *why)
{
	struct diag_list	 d;
	char			 xsl[4096];
	xmlDocPtr		 out;
	int			 n;

	n = snprintf(xsl, sizeof(xsl), XSL_HEAD
	    "  <xsl:template match=\"/\">\n"
	    "    <out>%.1700s</out>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, body);
	assert_true(n > 0 && (size_t)n < sizeof(xsl) && strlen(body) <= 1700);
	diag_list_init(&d);
	out = run(name, xsl, &d);
	if (out != NULL || !has(&d, DIAG_ERROR, 0, why) || !no_secret(&d))
		fprintf(stderr, "%s: %s\n", name, body);
	assert_false(leaked(out));
	assert_null(out);
	assert_true(has(&d, DIAG_ERROR, 0, why));
	assert_true(no_secret(&d));
	diag_list_clear(&d);
}

/* Seconds since some fixed point, for the runaway tests' bounds. */
static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- Reading outside ------------------------------------------------------------------------ */

/*
 * xsl:include and xsl:import may read only under the template's folder and the data folder's
 * templates/: a relative path out, an absolute path, a file: URI, a percent-encoded ../ and a
 * symbolic link to a folder outside are all refused when the template is compiled.
 */
static void
include_outside_refused(void **state)
{
	static const char *const kinds[] = { "include", "import" };
	struct diag_list	 d;
	char			 href[6][600], xsl[4096], link[600], target[600];
	size_t			 i, k;

	(void)state;
	put("out/evil.xsl", XSL_HEAD "  <xsl:template match=\"/\"><out>" SECRET "</out></xsl:template>\n"
	    XSL_TAIL);
	snprintf(link, sizeof(link), "%s/tpl/outdir", tmpdir);
	snprintf(target, sizeof(target), "%s/out", tmpdir);
	unlink(link);
	assert_int_equal(symlink(target, link), 0);
	snprintf(href[0], sizeof(href[0]), "../out/evil.xsl");
	snprintf(href[1], sizeof(href[1]), "%s/out/evil.xsl", tmpdir);
	snprintf(href[2], sizeof(href[2]), "file://%s/out/evil.xsl", tmpdir);
	snprintf(href[3], sizeof(href[3]), "%%2e%%2e/out/evil.xsl");
	snprintf(href[4], sizeof(href[4]), "inc/%%2E%%2E%%2F%%2E%%2E%%2Fout%%2Fevil.xsl");
	snprintf(href[5], sizeof(href[5]), "outdir/evil.xsl");
	diag_list_init(&d);
	for (k = 0; k < 2; k++)
		for (i = 0; i < 6; i++) {
			snprintf(xsl, sizeof(xsl), XSL_HEAD
			    "  <xsl:%s href=\"%s\"/>\n"
			    "  <xsl:template match=\"/\"><out/></xsl:template>\n"
			    XSL_TAIL, kinds[k], href[i]);
			if (template_load(put("tpl/inc-out.xsl", xsl), &d) != NULL)
				fail_msg("xsl:%s href=\"%s\" was allowed", kinds[k], href[i]);
			/* the refusal says why; libxslt's report after it gives the line */
			if (!has(&d, DIAG_ERROR, 0, "refused: a template may read only files under") ||
			    !has(&d, DIAG_ERROR, 2, "unable to load"))
				fail_msg("xsl:%s href=\"%s\": no refusal, or not at line 2", kinds[k], href[i]);
			assert_true(no_secret(&d));
			diag_list_clear(&d);
		}
	/* the same file inside the template's folder is fine */
	put("tpl/inc/good.xsl", XSL_HEAD "  <xsl:template match=\"/\"><out>ok</out></xsl:template>\n"
	    XSL_TAIL);
	{
		struct template	*t = template_load(put("tpl/inc-in.xsl", XSL_HEAD
		    "  <xsl:import href=\"inc/good.xsl\"/>\n" XSL_TAIL), &d);

		assert_non_null(t);
		template_free(t);
	}
	assert_false(diag_failed(&d));
	diag_list_clear(&d);
}

/*
 * document() with percent-encoded dots and slashes: the path is decoded once, then made canonical,
 * so %2e%2e is .. and is refused like it; a doubly encoded %252e names a folder called "%2e" that
 * does not exist, and is refused as outside (the folder of a missing file must exist to be judged).
 */
static void
document_encoded_refused(void **state)
{
	char	 body[1024];

	(void)state;
	put("out/secret.xml", "<secret>" SECRET "</secret>\n");
	refused_body("enc1.xsl", "<xsl:value-of select=\"document('%2e%2e/out/secret.xml')\"/>",
	    "secret.xml refused");
	refused_body("enc2.xsl", "<xsl:value-of select=\"document('sub/%2e%2e/%2e%2e/out/secret.xml')\"/>",
	    "secret.xml refused");
	refused_body("enc3.xsl", "<xsl:value-of select=\"document('..%2fout%2fsecret.xml')\"/>",
	    "refused");
	refused_body("enc4.xsl", "<xsl:value-of select=\"document('%2E%2E%2F%2E%2E%2F..%2Fout/secret.xml')\"/>",
	    "refused");
	refused_body("enc5.xsl", "<xsl:value-of select=\"document('%252e%252e/out/secret.xml')\"/>",
	    "refused");
	/* an absolute file: URI with encoded dots, and one through a host name */
	snprintf(body, sizeof(body), "<xsl:value-of select=\"document('file://%s/tpl/%%2e%%2e/out/secret.xml')\"/>",
	    tmpdir);
	refused_body("enc6.xsl", body, "refused");
	snprintf(body, sizeof(body), "<xsl:value-of select=\"document('file://localhost%s/out/secret.xml')\"/>",
	    tmpdir);
	refused_body("enc7.xsl", body, "refused");
	/* the node-set form resolves against the input: its folder's parent is outside too */
	refused_body("enc8.xsl", "<xsl:value-of select=\"document('%2e%2e/out/secret.xml', /)\"/>",
	    "refused");
	/* other schemes */
	refused_body("ftp.xsl", "<xsl:value-of select=\"document('ftp://127.0.0.1/x.xml')\"/>",
	    "network");
	refused_body("data.xsl", "<xsl:value-of select=\"document('data:text/xml,%3Cx/%3E')\"/>",
	    "refused");
}

/* A symbolic link inside the template's folder to a folder outside leads nowhere. */
static void
symlinked_folder_refused(void **state)
{
	char	 link[600], target[600];

	(void)state;
	put("out/secret.xml", "<secret>" SECRET "</secret>\n");
	snprintf(link, sizeof(link), "%s/tpl/outdir", tmpdir);
	snprintf(target, sizeof(target), "%s/out", tmpdir);
	unlink(link);
	assert_int_equal(symlink(target, link), 0);
	refused_body("dirlink.xsl", "<xsl:value-of select=\"document('outdir/secret.xml')\"/>",
	    "outdir/secret.xml refused");
	/* and in the input's folder */
	snprintf(link, sizeof(link), "%s/in/outdir", tmpdir);
	unlink(link);
	assert_int_equal(symlink(target, link), 0);
	refused_body("dirlink2.xsl", "<xsl:value-of select=\"document('outdir/secret.xml', /)\"/>",
	    "outdir/secret.xml refused");
}

/* Reads made where libxslt evaluates XPath at run time go through the same checks. */
static void
dynamic_reads_refused(void **state)
{
	(void)state;
	put("out/secret.xml", "<secret>" SECRET "</secret>\n");
	refused_body("dyn.xsl", "<xsl:value-of select=\"dyn:evaluate(&quot;document('../out/secret.xml')&quot;)\"/>",
	    "refused");
	refused_body("saxon.xsl", "<xsl:value-of xmlns:saxon=\"http://icl.com/saxon\" "
	    "select=\"saxon:evaluate(&quot;document('../out/secret.xml')&quot;)\"/>", "refused");
	/* XSLT 2.0's unparsed-text() does not exist in libxslt: an unknown function, an error */
	refused_body("unparsed.xsl", "<xsl:value-of select=\"unparsed-text('/etc/passwd')\"/>",
	    "unparsed-text");
}

/*
 * XInclude is never processed: not in a template (an xi:include there is a literal element), not in
 * a file document() reads, not in an included stylesheet, even when some other code of the process
 * has turned libxslt's XInclude default on (which would make libxslt run libxml2's own XInclude
 * loader, outside our checks).
 */
static void
xinclude_not_processed(void **state)
{
	struct diag_list	 d;
	xmlDocPtr		 out;
	char			 part[1024];
	int			 pass;

	(void)state;
	put("out/secret.xml", "<secret>" SECRET "</secret>\n");
	snprintf(part, sizeof(part), "<part xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
	    "<xi:include href=\"../../out/secret.xml\"/>"
	    "<xi:include href=\"file://%s/out/secret.xml\" parse=\"text\"/></part>\n", tmpdir);
	put("tpl/sub/xi.xml", part);
	put("tpl/inc/xi.xsl", XSL_HEAD
	    "  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"../../out/evil.xsl\"/>\n"
	    "  <xsl:template name=\"inc\">inc</xsl:template>\n"
	    XSL_TAIL);
	put("out/evil.xsl", XSL_HEAD "  <xsl:template match=\"/\"><out>" SECRET "</out></xsl:template>\n"
	    XSL_TAIL);
	diag_list_init(&d);
	for (pass = 0; pass < 2; pass++) {
		/* the second pass as if a library had called xsltSetXIncludeDefault(1) */
		xsltSetXIncludeDefault(pass);
		out = run("xi.xsl", XSL_HEAD
		    "  <xsl:include href=\"inc/xi.xsl\"/>\n"
		    "  <xsl:template match=\"/\">\n"
		    "    <out xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
		    "<xi:include href=\"../out/secret.xml\"/>"
		    "<xsl:copy-of select=\"document('sub/xi.xml')\"/><xsl:call-template name=\"inc\"/>"
		    "</out>\n"
		    "  </xsl:template>\n"
		    XSL_TAIL, &d);
		xsltSetXIncludeDefault(0);
		if (out == NULL)
			diag_list_print(&d, stderr);
		assert_non_null(out);
		assert_false(leaked(out));
		assert_true(no_secret(&d));
		xmlFreeDoc(out);
		diag_list_clear(&d);
	}
}

/* ---- Writing -------------------------------------------------------------------------------- */

/*
 * Every element libxslt and libexslt register that writes a file (xsl:document, exsl:document,
 * saxon:output, xalan:write, xt:document) is refused, and nothing appears.
 */
static void
writing_elements_refused(void **state)
{
	static const struct {
		const char	*prefix;
		const char	*ns;
		const char	*attr;
	} w[] = {
		{ "saxon", "http://icl.com/saxon", "href" },
		{ "saxon", "http://icl.com/saxon", "file" },
		{ "xalan", "org.apache.xalan.xslt.extensions.Redirect", "file" },
		{ "xt", "http://www.jclark.com/xt", "href" },
		{ "exsl", "http://exslt.org/common", "href" },
	};
	struct diag_list	 d;
	char			 xsl[2048], target[600], name[64];
	struct stat		 st;
	size_t			 i;

	(void)state;
	diag_list_init(&d);
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		snprintf(target, sizeof(target), "%s/out/written-%zu.xml", tmpdir, i);
		snprintf(name, sizeof(name), "write-%zu.xsl", i);
		snprintf(xsl, sizeof(xsl),
		    "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\""
		    " xmlns:%s=\"%s\" extension-element-prefixes=\"%s\">\n"
		    "  <xsl:template match=\"/\">\n"
		    "    <%s:%s %s=\"%s\"><w/></%s:%s><out/>\n"
		    "  </xsl:template>\n"
		    XSL_TAIL, w[i].prefix, w[i].ns, w[i].prefix, w[i].prefix,
		    strcmp(w[i].prefix, "xalan") == 0 ? "write" : strcmp(w[i].prefix, "saxon") == 0 ?
		    "output" : "document", w[i].attr, target, w[i].prefix,
		    strcmp(w[i].prefix, "xalan") == 0 ? "write" : strcmp(w[i].prefix, "saxon") == 0 ?
		    "output" : "document");
		if (run(name, xsl, &d) != NULL)
			fail_msg("%s:%s was allowed", w[i].prefix, w[i].attr);
		if (stat(target, &st) == 0)
			fail_msg("%s wrote %s", w[i].prefix, target);
		assert_true(has(&d, DIAG_ERROR, 3, "refused"));
		diag_list_clear(&d);
	}
	/* xsl:document of XSLT 1.1 (version="1.1"), also relative to the template */
	snprintf(target, sizeof(target), "%s/tpl/xsldoc.xml", tmpdir);
	assert_null(run("xsldoc.xsl",
	    "<xsl:stylesheet version=\"1.1\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
	    "  <xsl:template match=\"/\">\n"
	    "    <xsl:document href=\"xsldoc.xml\"><w/></xsl:document><out/>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, &d));
	assert_int_equal(stat(target, &st), -1);
	assert_true(has(&d, DIAG_ERROR, 3, "may not write files"));
	diag_list_clear(&d);
}

/* ---- Runaway templates ---------------------------------------------------------------------- */

/* Runs a runaway template: it must fail with why, in well under the test's timeout. */
static void
stops(const char *name, const char *xsl, const char *why)
{
	struct diag_list	 d;
	double			 t0 = now(), took;

	diag_list_init(&d);
	assert_null(run(name, xsl, &d));
	took = now() - t0;
	assert_true(has(&d, DIAG_ERROR, 0, why));
	fprintf(stderr, "%s stopped after %.1f s\n", name, took);
	/* a debug build under a sanitizer, on a busy machine: generous, but no hang */
	assert_true(took < 120);
	diag_list_clear(&d);
}

/* A loop by iteration, not recursion: nested for-each over a node-set the template made. */
static void
for_each_loop_stops(void **state)
{
	(void)state;
	stops("foreach.xsl", XSL_HEAD
	    "  <xsl:variable name=\"t\" select=\"str:tokenize(str:padding(100000, 'a'), '')\"/>\n"
	    "  <xsl:template match=\"/\"><out>\n"
	    "    <xsl:for-each select=\"$t\"><xsl:for-each select=\"$t\"><xsl:for-each select=\"$t\">\n"
	    "      <xsl:if test=\"false()\">x</xsl:if>\n"
	    "    </xsl:for-each></xsl:for-each></xsl:for-each>\n"
	    "  </out></xsl:template>\n"
	    XSL_TAIL, "loops without end");
}

/* One XPath expression that does 10^15 steps: libxslt counts instructions, not XPath steps. */
static void
xpath_explosion_stops(void **state)
{
	(void)state;
	stops("xpath.xsl", XSL_HEAD
	    "  <xsl:variable name=\"t\" select=\"str:tokenize(str:padding(100000, 'a'), '')\"/>\n"
	    "  <xsl:template match=\"/\"><out>\n"
	    "    <xsl:value-of select=\"count($t[count($t[count($t[. = 'b']) = 0]) = 0])\"/>\n"
	    "  </out></xsl:template>\n"
	    XSL_TAIL, "XPath steps");
}

/* Deep recursion by call-template with a counter, and by an EXSLT function. */
static void
counted_recursion_stops(void **state)
{
	(void)state;
	stops("count.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\"><out><xsl:call-template name=\"f\"/></out></xsl:template>\n"
	    "  <xsl:template name=\"f\"><xsl:param name=\"n\" select=\"0\"/>\n"
	    "    <xsl:if test=\"$n &lt; 100000000\"><xsl:call-template name=\"f\">"
	    "<xsl:with-param name=\"n\" select=\"$n + 1\"/></xsl:call-template></xsl:if>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, "recurses without end");
	stops("func.xsl", XSL_HEAD
	    "  <func:function name=\"my:f\"><xsl:param name=\"n\"/>"
	    "<func:result select=\"my:f($n + 1)\"/></func:function>\n"
	    "  <xsl:template match=\"/\"><out><xsl:value-of select=\"my:f(0)\"/></out></xsl:template>\n"
	    XSL_TAIL, "nested more than");
}

/*
 * Memory that doubles with each of a few dozen calls: a string (concat($s, $s)) and a tree
 * (a variable holding two copies of the last). A few hundred instructions and no deep nesting, so
 * only a limit on the memory a transform may take stops them before the machine runs out.
 */
static void
memory_explosion_stops(void **state)
{
	(void)state;
	stops("strbomb.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\"><out><xsl:call-template name=\"dbl\">"
	    "<xsl:with-param name=\"s\" select=\"str:padding(1000, 'x')\"/></xsl:call-template></out>"
	    "</xsl:template>\n"
	    "  <xsl:template name=\"dbl\"><xsl:param name=\"s\"/><xsl:param name=\"n\" select=\"0\"/>\n"
	    "    <xsl:choose><xsl:when test=\"$n = 40\"><xsl:value-of select=\"string-length($s)\"/>"
	    "</xsl:when>\n"
	    "    <xsl:otherwise><xsl:call-template name=\"dbl\">"
	    "<xsl:with-param name=\"s\" select=\"concat($s, $s)\"/>"
	    "<xsl:with-param name=\"n\" select=\"$n + 1\"/></xsl:call-template></xsl:otherwise>"
	    "</xsl:choose>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, "MB of memory");
	stops("treebomb.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\"><out><xsl:call-template name=\"dbl\">"
	    "<xsl:with-param name=\"t\" select=\"//*\"/></xsl:call-template></out>"
	    "</xsl:template>\n"
	    "  <xsl:template name=\"dbl\"><xsl:param name=\"t\"/><xsl:param name=\"n\" select=\"0\"/>\n"
	    "    <xsl:variable name=\"u\"><xsl:copy-of select=\"$t\"/><xsl:copy-of select=\"$t\"/>"
	    "</xsl:variable>\n"
	    "    <xsl:choose><xsl:when test=\"$n = 60\"><xsl:value-of select=\"count($t)\"/></xsl:when>\n"
	    "    <xsl:otherwise><xsl:call-template name=\"dbl\">"
	    "<xsl:with-param name=\"t\" select=\"exsl:node-set($u)/node()\"/>"
	    "<xsl:with-param name=\"n\" select=\"$n + 1\"/></xsl:call-template></xsl:otherwise>"
	    "</xsl:choose>\n"
	    "  </xsl:template>\n"
	    XSL_TAIL, "MB of memory");
}

/* After all that, a plain template still runs in the same process: no limit sticks. */
static void
limits_do_not_stick(void **state)
{
	struct diag_list	 d;
	xmlDocPtr		 out;

	(void)state;
	diag_list_init(&d);
	out = run("plain.xsl", XSL_HEAD
	    "  <xsl:template match=\"/\"><out><xsl:value-of select=\"string-length(str:padding(100000, 'a'))\"/>"
	    "</out></xsl:template>\n"
	    XSL_TAIL, &d);
	assert_non_null(out);
	xmlFreeDoc(out);
	assert_false(diag_failed(&d));
	diag_list_clear(&d);
}

static int
setup(void **state)
{
	static const char *const subs[] = { "tpl", "tpl/sub", "tpl/inc", "in", "out" };
	char	 sub[600];
	size_t	 i;

	(void)state;
	if (test_dir_make(tmpdir) != 0)
		return -1;
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		snprintf(sub, sizeof(sub), "%s/%s", tmpdir, subs[i]);
		mkdir(sub, 0755);
	}
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
		cmocka_unit_test(include_outside_refused),
		cmocka_unit_test(document_encoded_refused),
		cmocka_unit_test(symlinked_folder_refused),
		cmocka_unit_test(dynamic_reads_refused),
		cmocka_unit_test(xinclude_not_processed),
		cmocka_unit_test(writing_elements_refused),
		cmocka_unit_test(for_each_loop_stops),
		cmocka_unit_test(xpath_explosion_stops),
		cmocka_unit_test(counted_recursion_stops),
		cmocka_unit_test(memory_explosion_stops),
		cmocka_unit_test(limits_do_not_stick),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
