/*
 * test_load.c: loading plans, catalogs and observations, and the safe XML reader under them.
 * Good files load into the right structs; bad ones give file:line diagnostics and no struct.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "planrep/model.h"
#include "planrep/xml.h"
#include "testlib.h"

static char tmpdir[] = "/tmp/planrep-test-load-XXXXXX";

/* Writes text to a file in the test's folder and returns its path. */
static const char *
put(const char *name, const char *text)
{
	return test_put(tmpdir, name, text);
}

/* True when some diagnostic is an error at that line (0: any) whose message contains needle. */
static bool
has(const struct diag_list *d, long line, const char *needle)
{
	return test_diag_has(d, DIAG_ERROR, line, needle);
}

#define PLAN_HEAD \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<plan xmlns=\"urn:planrep:plan\" id=\"test\">\n" \
	"  <meta>\n" \
	"    <jurisdiction level=\"district\" province=\"河南省\" parent=\"郑州市\">测试区</jurisdiction>\n" \
	"    <title>测试区“十四五”规划</title>\n" \
	"    <status printed=\"（征求意见稿）\">draft</status>\n" \
	"    <period start=\"2021\" end=\"2025\" baseline=\"2020\"/>\n" \
	"    <source>test</source>\n" \
	"  </meta>\n"

static const char good_plan[] = PLAN_HEAD
	"  <text>\n"
	"    <section num=\"一、\"><heading>发展基础</heading>\n"
	"      <p>正文。</p>\n"
	"      <indicators>\n"
	"        <caption>主要指标</caption>\n"
	"        <category name=\"健康水平\">\n"
	"          <indicator seq=\"1\" ref=\"life-expectancy\">\n"
	"            <name>人均预期寿命</name><unit>岁</unit>\n"
	"            <baseline>77.8</baseline><target>提高 1岁</target><attribute>预期性</attribute>\n"
	"          </indicator>\n"
	"          <indicator seq=\"2\" direction=\"lower\" mark=\"*\">\n"
	"            <name>婴儿死亡率</name><unit>‰</unit>\n"
	"            <baseline>1.64</baseline><target>≤4.2</target><attribute>约束性</attribute>\n"
	"          </indicator>\n"
	"        </category>\n"
	"      </indicators>\n"
	"      <box num=\"1\"><title>工程</title><list><item><label>甲</label>乙。</item></list></box>\n"
	"    </section>\n"
	"  </text>\n"
	"</plan>\n";

static void
loads_a_plan(void **state)
{
	struct diag_list	 d;
	struct model_plan	*p;

	(void)state;
	diag_list_init(&d);
	p = model_plan_load(put("good.xml", good_plan), &d);
	assert_non_null(p);
	assert_int_equal(d.count, 0);
	assert_string_equal(p->id, "test");
	assert_string_equal(p->jurisdiction, "测试区");
	assert_string_equal(p->parent, "郑州市");
	assert_true(p->draft);
	assert_string_equal(p->status_printed, "（征求意见稿）");
	assert_int_equal(p->baseline_year, 2020);
	assert_int_equal(p->period_end, 2025);
	assert_int_equal(p->indicator_count, 2);
	assert_int_equal(p->section_count, 1);
	assert_int_equal(p->box_count, 1);
	assert_string_equal(p->indicators[0].category, "健康水平");
	assert_string_equal(p->indicators[0].target_text, "提高 1岁");
	assert_int_equal(p->indicators[0].target.kind, MODEL_TARGET_INCREASE_BY);
	assert_string_equal(p->indicators[0].ref, "life-expectancy");
	assert_int_equal(p->indicators[0].line, 16);
	assert_int_equal(p->indicators[1].direction_attr, MODEL_DIR_LOWER);
	assert_string_equal(p->indicators[1].mark, "*");
	assert_null(p->indicators[1].ref);
	assert_non_null(model_plan_find(p, 2));
	assert_null(model_plan_find(p, 3));
	model_plan_free(p);
	diag_list_clear(&d);
}

/* The same plan from memory (model_plan_parse), named as given; a bad one says where. */
static void
parses_a_plan_from_memory(void **state)
{
	struct diag_list	 d;
	struct model_plan	*p;
	static const char	 bad[] = "<plan xmlns=\"urn:planrep:plan\" id=\"x\">\n<meta>\n</plan>\n";

	(void)state;
	diag_list_init(&d);
	p = model_plan_parse(good_plan, sizeof(good_plan) - 1, "mem.xml", &d);
	assert_non_null(p);
	assert_int_equal(d.count, 0);
	assert_string_equal(p->path, "mem.xml");
	assert_int_equal(p->indicator_count, 2);
	assert_int_equal(p->indicators[0].line, 16);
	model_plan_free(p);
	assert_null(model_plan_parse(bad, sizeof(bad) - 1, "bad.xml", &d));
	assert_true(has(&d, 3, ""));
	assert_string_equal(d.items[0].file, "bad.xml");
	diag_list_clear(&d);
}

static void
missing_file(void **state)
{
	struct diag_list	 d;

	(void)state;
	diag_list_init(&d);
	assert_null(model_plan_load("/nonexistent/plan.xml", &d));
	assert_true(has(&d, 0, "cannot open"));
	assert_string_equal(d.items[0].file, "/nonexistent/plan.xml");
	diag_list_clear(&d);
}

static void
malformed_xml(void **state)
{
	struct diag_list	 d;

	(void)state;
	diag_list_init(&d);
	assert_null(model_plan_load(put("bad.xml", "<plan xmlns=\"urn:planrep:plan\">\n<meta>\n</plan>\n"), &d));
	assert_true(has(&d, 3, "mismatch"));
	assert_true(d.items[0].column > 0);
	diag_list_clear(&d);
}

static void
empty_file(void **state)
{
	struct diag_list	 d;

	(void)state;
	diag_list_init(&d);
	assert_null(model_plan_load(put("empty.xml", ""), &d));
	assert_true(has(&d, 1, "empty"));
	diag_list_clear(&d);
}

static void
schema_violation(void **state)
{
	struct diag_list	 d;
	char			 bad[sizeof(good_plan) + 64];
	char			*at;

	(void)state;
	/* An attribute value outside the schema's choice, on line 17. */
	snprintf(bad, sizeof(bad), "%s", good_plan);
	at = strstr(bad, "<attribute>预期性</attribute>");
	memcpy(at, "<attribute>参考性</attribute>", strlen("<attribute>参考性</attribute>"));
	diag_list_init(&d);
	assert_null(model_plan_load(put("schema.xml", bad), &d));
	assert_true(has(&d, 18, "attribute"));
	diag_list_clear(&d);
}

static void
entity_declaration_refused(void **state)
{
	struct diag_list	 d;
	const char		*bomb =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE plan [\n"
	    "  <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
	    "  <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    "  <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    "  <!ENTITY x SYSTEM \"file:///etc/passwd\">\n"
	    "]>\n"
	    "<plan xmlns=\"urn:planrep:plan\" id=\"x\">&c;&x;</plan>\n";

	(void)state;
	diag_list_init(&d);
	assert_null(model_plan_load(put("entity.xml", bomb), &d));
	assert_true(has(&d, 2, "DOCTYPE"));
	assert_int_equal(d.count, 1);
	diag_list_clear(&d);
}

static void
duplicate_seq(void **state)
{
	struct diag_list	 d;
	char			 bad[sizeof(good_plan)];

	(void)state;
	snprintf(bad, sizeof(bad), "%s", good_plan);
	*strstr(bad, "seq=\"2\"") = '\0';
	snprintf(bad + strlen(bad), sizeof(bad) - strlen(bad), "seq=\"1\"%s",
	    strstr(good_plan, "seq=\"2\"") + strlen("seq=\"2\""));
	diag_list_init(&d);
	assert_null(model_plan_load(put("dup.xml", bad), &d));
	assert_true(has(&d, 20, "seq 1 is used twice (first on line 16)"));
	diag_list_clear(&d);
}

static void
wrong_root(void **state)
{
	struct diag_list	 d;

	(void)state;
	diag_list_init(&d);
	assert_null(model_plan_load(put("root.xml",
	    "<catalog xmlns=\"urn:planrep:catalog\"/>\n"), &d));
	assert_true(has(&d, 1, "expected a <plan> element"));
	diag_list_clear(&d);
}

static void
too_deep(void **state)
{
	struct diag_list	 d;
	char			 buf[8192];
	size_t			 i, n = 0;

	(void)state;
	for (i = 0; i < 100; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "<a>\n");
	for (i = 0; i < 100; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "</a>");
	diag_list_init(&d);
	assert_null(xml_doc_parse(buf, n, "deep.xml", &d));
	assert_true(has(&d, XML_MAX_DEPTH + 1, "nested"));
	diag_list_clear(&d);
}

static void
observations(void **state)
{
	struct diag_list		 d;
	struct model_observations	*o;
	struct model_period		 p;
	char				 buf[16];

	(void)state;
	diag_list_init(&d);
	o = model_observations_load(put("obs.xml",
	    "<observations xmlns=\"urn:planrep:observations\" plan=\"test\">\n"
	    "  <obs seq=\"1\" period=\"2015\" value=\"75.9\" source=\"seed:39\"/>\n"
	    "  <obs seq=\"1\" period=\"2024Q2\" value=\"78.1\" sample=\"true\" source=\"tool\"/>\n"
	    "  <obs seq=\"2\" period=\"2024\" value=\"1.5\" source=\"seed:41\"/>\n"
	    "</observations>\n"), &d);
	assert_non_null(o);
	assert_int_equal(o->count, 3);
	assert_false(o->items[0].sample);
	assert_true(o->items[1].sample);
	assert_string_equal(o->items[1].value_text, "78.1");
	assert_int_equal(o->items[1].line, 3);
	assert_true(model_observations_latest(o, &p));
	model_period_format(p, buf, sizeof(buf));
	assert_string_equal(buf, "2024");
	model_observations_free(o);

	/* a value that is no number is refused by the schema, with its line */
	o = model_observations_load(put("obs-bad.xml",
	    "<observations xmlns=\"urn:planrep:observations\" plan=\"test\">\n"
	    "  <obs seq=\"1\" period=\"2015\" value=\"1e309\" source=\"x\"/>\n"
	    "  <obs seq=\"1\" period=\"2016\" value=\"NaN\" source=\"x\"/>\n"
	    "</observations>\n"), &d);
	assert_null(o);
	assert_true(has(&d, 2, "value=\"1e309\""));
	assert_true(has(&d, 3, "value=\"NaN\""));
	diag_list_clear(&d);
}

static void
checks_warn(void **state)
{
	struct diag_list		 d;
	struct model_plan		*p;
	struct model_catalog		*cat;
	struct model_observations	*o;
	size_t				 i;
	bool				 unit = false, wrongside = false, alias = false, obs = false, base = false;

	(void)state;
	diag_list_init(&d);
	cat = model_catalog_load(put("catalog.xml",
	    "<catalog xmlns=\"urn:planrep:catalog\">\n"
	    "  <indicator id=\"life-expectancy\" group=\"健康水平\" direction=\"lower\" unit=\"月\">\n"
	    "    <name xml:lang=\"zh\">人均预期寿命</name><name xml:lang=\"en\">Life expectancy</name>\n"
	    "    <alias>预期寿命</alias>\n"
	    "  </indicator>\n"
	    "</catalog>\n"), &d);
	assert_non_null(cat);
	p = model_plan_load(put("good.xml", good_plan), &d);
	assert_non_null(p);
	o = model_observations_load(put("obs.xml",
	    "<observations xmlns=\"urn:planrep:observations\" plan=\"test\">\n"
	    "  <obs seq=\"9\" period=\"2021\" value=\"1\" source=\"x\"/>\n"
	    "  <obs seq=\"1\" period=\"2020\" value=\"77.9\" source=\"x\"/>\n"
	    "</observations>\n"), &d);
	assert_non_null(o);
	model_plan_check(p, cat, &d);
	model_observations_check(o, p, &d);
	assert_false(diag_failed(&d));
	for (i = 0; i < d.count; i++) {
		unit = unit || strstr(d.items[i].message, "the catalog's life-expectancy in \"月\"");
		wrongside = wrongside || strstr(d.items[i].message, "above the baseline 77.8 though lower");
		alias = alias || strstr(d.items[i].message, "matches none of its aliases");
		obs = obs || (strstr(d.items[i].message, "indicator 9") && d.items[i].line == 2);
		base = base || (strstr(d.items[i].message, "differs from the printed baseline") &&
		    d.items[i].line == 3);
	}
	assert_true(unit && wrongside && alias && obs && base);
	model_catalog_free(cat);

	/* a ref the catalog lacks is an error */
	cat = model_catalog_load(put("catalog2.xml",
	    "<catalog xmlns=\"urn:planrep:catalog\">\n"
	    "  <indicator id=\"other\" group=\"健康水平\" direction=\"lower\" unit=\"岁\">\n"
	    "    <name xml:lang=\"zh\">别的</name><name xml:lang=\"en\">Other</name><alias>别的</alias>\n"
	    "  </indicator>\n"
	    "</catalog>\n"), &d);
	model_plan_check(p, cat, &d);
	assert_true(has(&d, 16, "\"life-expectancy\", which is not in"));
	model_catalog_free(cat);
	model_plan_free(p);
	model_observations_free(o);
	diag_list_clear(&d);
}

/* A relative target that derives a negative number is flagged: a rate cannot fall below zero. */
static void
derived_negative_warned(void **state)
{
	struct diag_list	 d;
	struct model_plan	*p;
	char			 buf[sizeof(good_plan) + 64];
	char			*at;
	size_t			 i;
	bool			 found = false;

	(void)state;
	snprintf(buf, sizeof(buf), "%s", good_plan);
	at = strstr(buf, "<baseline>1.64</baseline><target>≤4.2</target>");
	assert_non_null(at);
	memmove(at + strlen("<baseline>1.62</baseline><target>力争年均下降1个百分点</target>"),
	    at + strlen("<baseline>1.64</baseline><target>≤4.2</target>"),
	    strlen(at + strlen("<baseline>1.64</baseline><target>≤4.2</target>")) + 1);
	memcpy(at, "<baseline>1.62</baseline><target>力争年均下降1个百分点</target>",
	    strlen("<baseline>1.62</baseline><target>力争年均下降1个百分点</target>"));
	diag_list_init(&d);
	assert_non_null(p = model_plan_load(put("neg.xml", buf), &d));
	model_plan_check(p, NULL, &d);
	for (i = 0; i < d.count; i++)
		found = found || (d.items[i].code != NULL && strcmp(d.items[i].code, "derived-negative") == 0 &&
		    d.items[i].subject == 2 && strstr(d.items[i].message, "-3.38") != NULL);
	assert_true(found);
	model_plan_free(p);
	diag_list_clear(&d);
}

/* The evaluation written into the plan's tree, where templates read it. */
static void
enriched_tree(void **state)
{
	struct diag_list		 d, warn;
	struct model_plan		*p;
	struct model_observations	*o;
	struct model_period		 at;
	xmlDocPtr			 doc;
	xmlNodePtr			 root, n, e = NULL, sum = NULL;
	xmlChar				*v;

	(void)state;
	diag_list_init(&d);
	diag_list_init(&warn);
	assert_non_null(p = model_plan_load(put("good.xml", good_plan), &d));
	assert_non_null(o = model_observations_load(put("obs.xml",
	    "<observations xmlns=\"urn:planrep:observations\" plan=\"test\">\n"
	    "  <obs seq=\"1\" period=\"2024Q2\" value=\"78.3\" sample=\"true\" source=\"t\"/>\n"
	    "  <obs seq=\"1\" period=\"2024Q3\" value=\"78.7\" sample=\"true\" source=\"t\"/>\n"
	    "</observations>\n"), &d));
	diag_add(&warn, DIAG_WARNING, "good.xml", 16, 0, "a warning for the briefing");
	assert_non_null(doc = xml_doc_load(put("good.xml", good_plan), &d));
	assert_true(model_period_parse("2024Q3", &at));
	assert_true(model_plan_enrich(doc, p, NULL, o, at, true, &warn, &d));
	root = xmlDocGetRootElement(doc);
	/* the first indicator's e:eval, found by walking: text/section/indicators/category/indicator */
	for (n = root; n != NULL; ) {
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)"eval") && e == NULL)
			e = n;
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, (const xmlChar *)"summary"))
			sum = n;
		if (n->children != NULL)
			n = n->children;
		else {
			while (n != NULL && n->next == NULL)
				n = n->parent;
			if (n != NULL)
				n = n->next;
		}
	}
	assert_non_null(e);
	assert_string_equal((const char *)e->ns->href, MODEL_EVAL_NS);
	assert_string_equal((v = xmlGetProp(e, (const xmlChar *)"status")), "on-track");
	xmlFree(v);
	assert_string_equal((v = xmlGetProp(e, (const xmlChar *)"previous-status")), "behind");
	xmlFree(v);
	assert_string_equal((v = xmlGetProp(e, (const xmlChar *)"changed")), "true");
	xmlFree(v);
	assert_string_equal((v = xmlGetProp(e, (const xmlChar *)"target-value")), "78.8");
	xmlFree(v);
	assert_string_equal((v = xmlGetProp(e, (const xmlChar *)"latest-value")), "78.7");
	xmlFree(v);
	assert_string_equal((v = xmlGetProp(e, (const xmlChar *)"latest-sample")), "true");
	xmlFree(v);
	assert_non_null(sum);
	assert_string_equal((v = xmlGetProp(sum, (const xmlChar *)"samples")), "true");
	xmlFree(v);
	assert_string_equal((v = xmlGetProp(sum, (const xmlChar *)"on-track")), "1");
	xmlFree(v);
	assert_non_null(sum->children);
	xmlFreeDoc(doc);
	model_plan_free(p);
	model_observations_free(o);
	diag_list_clear(&d);
	diag_list_clear(&warn);
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
		cmocka_unit_test(loads_a_plan),
		cmocka_unit_test(parses_a_plan_from_memory),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(malformed_xml),
		cmocka_unit_test(empty_file),
		cmocka_unit_test(schema_violation),
		cmocka_unit_test(entity_declaration_refused),
		cmocka_unit_test(duplicate_seq),
		cmocka_unit_test(wrong_root),
		cmocka_unit_test(too_deep),
		cmocka_unit_test(observations),
		cmocka_unit_test(checks_warn),
		cmocka_unit_test(enriched_tree),
		cmocka_unit_test(derived_negative_warned),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
