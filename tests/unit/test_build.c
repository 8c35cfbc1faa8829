/*
 * test_build.c: the pieces of the batch build that decide what is built and where: the content hash,
 * the output path patterns (nothing may leave output/), the manifest loader, --only and --shard.
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

#include "planrep/build.h"

/* FNV-1a 64 against the published test vectors. */
static void
hash_vectors(void **state)
{
	char	 path[] = "/tmp/planrep-test-build-XXXXXX";
	uint64_t h;
	int	 fd;

	(void)state;
	assert_true(build_hash_bytes(BUILD_HASH_INIT, "", 0) == 0xcbf29ce484222325ull);
	assert_true(build_hash_bytes(BUILD_HASH_INIT, "a", 1) == 0xaf63dc4c8601ec8cull);
	assert_true(build_hash_bytes(BUILD_HASH_INIT, "foobar", 6) == 0x85944171f73967e8ull);
	/* a string hashes with its terminating 0: "ab" then "c" differs from "a" then "bc" */
	assert_true(build_hash_string(build_hash_string(BUILD_HASH_INIT, "ab"), "c") !=
	    build_hash_string(build_hash_string(BUILD_HASH_INIT, "a"), "bc"));
	assert_true((fd = mkstemp(path)) != -1);
	assert_int_equal(write(fd, "foobar", 6), 6);
	close(fd);
	assert_true(build_hash_file(path, &h));
	assert_true(h == 0x85944171f73967e8ull);
	unlink(path);
	assert_false(build_hash_file(path, &h));
}

/* Every pattern that could lead out of output/ is refused; ordinary ones pass. */
static void
patterns(void **state)
{
	static const struct {
		const char		*pattern;
		enum build_shape	 shape;
		bool			 together;
		unsigned		 formats;
		bool			 ok;
	} rows[] = {
		{ "{id}/plan.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, true },
		{ "{id}/briefing-{period}.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, true },
		{ "{id}/charts/{chart}.{format}", BUILD_CHARTS, false, BUILD_FORMAT_SVG | BUILD_FORMAT_PNG, true },
		{ "comparison.pdf", BUILD_DOCUMENT, true, BUILD_FORMAT_PDF, true },
		{ "charts/compare-{chart}.{format}", BUILD_CHARTS, true, BUILD_FORMAT_SVG | BUILD_FORMAT_PNG, true },
		{ "../{id}.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "{id}/../../x.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "{id}/..", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "/etc/{id}", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "{id}//x.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "{id}/./x.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "{id}/.x.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ ".thumbs/{id}.png", BUILD_DOCUMENT, false, BUILD_FORMAT_PNG, false },
		{ "{id}\\x.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "index.html", BUILD_DOCUMENT, true, BUILD_FORMAT_PDF, false },
		{ "{id}/{nope}.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "{id}/{id.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "{id}/id}.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },
		{ "plan.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },		/* no {id} */
		{ "{id}.pdf", BUILD_DOCUMENT, true, BUILD_FORMAT_PDF, false },		/* {id} together */
		{ "{id}/charts/x.svg", BUILD_CHARTS, false, BUILD_FORMAT_SVG, false },	/* no {chart} */
		{ "{id}/{chart}.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF, false },	/* {chart} in a document */
		{ "{id}/plan.pdf", BUILD_DOCUMENT, false, BUILD_FORMAT_PDF | BUILD_FORMAT_SVG, false },
	};
	struct diag_list	 d;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		diag_list_init(&d);
		if (build_pattern_check(rows[i].pattern, rows[i].shape, rows[i].together, rows[i].formats,
		    "m.xml", 7, &d) != rows[i].ok)
			fail_msg("pattern \"%s\": expected %s", rows[i].pattern, rows[i].ok ? "ok" : "refused");
		if (!rows[i].ok) {
			assert_int_equal(d.count, 1);
			assert_string_equal(d.items[0].file, "m.xml");
			assert_int_equal(d.items[0].line, 7);
		}
		diag_list_clear(&d);
	}
}

static char *
write_temp(const char *text)
{
	char	*path = strdup("/tmp/planrep-test-build-XXXXXX");
	int	 fd;

	assert_non_null(path);
	assert_true((fd = mkstemp(path)) != -1);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void
manifest(void **state)
{
	struct build_manifest	*m;
	struct diag_list	 d;
	char			*path;

	(void)state;
	path = write_temp("<build xmlns=\"urn:planrep:build\">\n"
	    "  <document name=\"plan\" template=\"plan.xsl\" output=\"{id}/plan.pdf\">\n"
	    "    <param name=\"theme\" value=\"gbt9704\"/>\n"
	    "  </document>\n"
	    "  <charts name=\"c\" template=\"sub/c.xsl\" plans=\"a b\" output=\"{id}/{chart}.{format}\" "
	    "formats=\"svg png\" dpi=\"144\"/>\n"
	    "</build>\n");
	diag_list_init(&d);
	assert_non_null(m = build_manifest_load(path, &d));
	assert_int_equal(m->count, 2);
	assert_string_equal(m->products[0].name, "plan");
	assert_int_equal(m->products[0].shape, BUILD_DOCUMENT);
	assert_int_equal(m->products[0].formats, BUILD_FORMAT_PDF);
	assert_null(m->products[0].plans);
	assert_int_equal(m->products[0].param_count, 1);
	assert_string_equal(m->products[0].params[0].value, "gbt9704");
	assert_non_null(strstr(m->products[0].template_path, "/templates/plan.xsl"));
	assert_int_equal(m->products[1].shape, BUILD_CHARTS);
	assert_int_equal(m->products[1].plan_count, 2);
	assert_string_equal(m->products[1].plans[1], "b");
	assert_int_equal(m->products[1].formats, BUILD_FORMAT_SVG | BUILD_FORMAT_PNG);
	assert_true(m->products[1].dpi == 144);
	assert_string_equal(m->products[1].template_path, "/tmp/sub/c.xsl");	/* beside the manifest */
	assert_int_equal(m->products[1].line, 5);
	build_manifest_free(m);
	diag_list_clear(&d);
	unlink(path);
	free(path);

	/* every problem at once, each at its line */
	path = write_temp("<build xmlns=\"urn:planrep:build\">\n"
	    "  <document name=\"a\" template=\"a.xsl\" output=\"../{id}.pdf\"/>\n"
	    "  <document name=\"a\" template=\"a.xsl\" output=\"{id}/a.pdf\"/>\n"
	    "</build>\n");
	diag_list_init(&d);
	assert_null(build_manifest_load(path, &d));
	assert_int_equal(d.count, 2);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[1].line, 3);
	assert_non_null(strstr(d.items[1].message, "used already (line 2)"));
	diag_list_clear(&d);
	unlink(path);
	free(path);

	/* the schema: an unknown format */
	path = write_temp("<build xmlns=\"urn:planrep:build\">\n"
	    "  <document name=\"a\" template=\"a.xsl\" output=\"{id}.tiff\" formats=\"tiff\"/>\n"
	    "</build>\n");
	diag_list_init(&d);
	assert_null(build_manifest_load(path, &d));
	assert_true(diag_failed(&d));
	assert_int_equal(d.items[0].line, 2);
	diag_list_clear(&d);
	unlink(path);
	free(path);
}

static void
selection(void **state)
{
	size_t	 k, n, i, owners[12];

	(void)state;
	assert_true(build_glob_match("yuncheng/*", "yuncheng/plan.pdf"));
	assert_true(build_glob_match("yuncheng/*", "yuncheng/charts/a.svg"));	/* '*' crosses '/' */
	assert_false(build_glob_match("yuncheng/*", "shangqiu/plan.pdf"));
	assert_true(build_glob_match("*/charts/*.png", "shangqiu/charts/beds.png"));
	assert_true(build_shard_parse("2/3", &k, &n) && k == 2 && n == 3);
	assert_false(build_shard_parse("0/3", &k, &n));
	assert_false(build_shard_parse("4/3", &k, &n));
	assert_false(build_shard_parse("1/", &k, &n));
	assert_false(build_shard_parse("-1/3", &k, &n));
	assert_false(build_shard_parse("1/3x", &k, &n));
	/* the shards of N cover every index exactly once */
	for (i = 0; i < 12; i++) {
		owners[i] = 0;
		for (k = 1; k <= 5; k++)
			if (build_shard_has(i, k, 5))
				owners[i]++;
		assert_int_equal(owners[i], 1);
		assert_true(build_shard_has(i, 1, 0));	/* no sharding: everything */
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash_vectors),
		cmocka_unit_test(patterns),
		cmocka_unit_test(manifest),
		cmocka_unit_test(selection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
