/*
 * test_diag.c: the diagnostics list and its printed form, which users and tests grep.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "planrep/diag.h"

static void
worst_and_format(void **state)
{
	struct diag_list	 d;
	char			*buf = NULL;
	size_t			 len = 0;
	FILE			*f;

	(void)state;
	diag_list_init(&d);
	assert_false(diag_failed(&d));
	diag_add(&d, DIAG_WARNING, "a.xml", 3, 0, "unit %s", "岁");
	assert_false(diag_failed(&d));
	diag_add(&d, DIAG_ERROR, "b.xml", 7, 12, "bad %d", 42);
	diag_add(&d, DIAG_NOTE, NULL, 0, 0, "plain");
	diag_add(&d, DIAG_ERROR, "c.xml", 0, 0, "whole file");
	assert_true(diag_failed(&d));
	assert_int_equal(d.worst, DIAG_ERROR);
	assert_int_equal(diag_count(&d, DIAG_ERROR), 2);
	assert_non_null(f = open_memstream(&buf, &len));
	diag_list_print(&d, f);
	fclose(f);
	assert_string_equal(buf,
	    "a.xml:3: warning: unit 岁\n"
	    "b.xml:7:12: error: bad 42\n"
	    "planrep: note: plain\n"
	    "c.xml: error: whole file\n");
	free(buf);
	diag_list_clear(&d);
	assert_int_equal(d.count, 0);
	assert_false(diag_failed(&d));
}

static void
many(void **state)
{
	struct diag_list	 d;
	size_t			 i;

	(void)state;
	diag_list_init(&d);
	for (i = 0; i < 1000; i++)
		diag_add(&d, DIAG_NOTE, "x", (long)i, 0, "n%zu", i);
	assert_int_equal(d.count, 1000);
	assert_string_equal(d.items[999].message, "n999");
	diag_list_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(worst_and_format),
		cmocka_unit_test(many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
