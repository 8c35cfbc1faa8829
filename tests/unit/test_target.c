/*
 * test_target.c: the target parser. One row per printed form found in the five plans' indicator
 * tables (baselines and targets), plus the forms DESIGN.md names, plus hostile text. A row added for
 * a bug names the bug.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "planrep/model.h"

#define N NAN

struct row {
	const char		*text;
	enum model_target_kind	 kind;
	double			 number;
	bool			 strict;
	enum model_direction	 hint;
	enum model_unit_sense	 sense;
};

#define HI MODEL_DIR_HIGHER
#define LO MODEL_DIR_LOWER
#define NO MODEL_DIR_NONE
#define SAME MODEL_UNIT_SAME
#define PCT MODEL_UNIT_PERCENT
#define PTS MODEL_UNIT_POINTS

static const struct row rows[] = {
	/* plain values */
	{ "27", MODEL_TARGET_VALUE, 27, false, NO, SAME },
	{ "90", MODEL_TARGET_VALUE, 90, false, NO, SAME },
	{ "7.7", MODEL_TARGET_VALUE, 7.7, false, NO, SAME },
	{ "3.0", MODEL_TARGET_VALUE, 3.0, false, NO, SAME },
	{ "0", MODEL_TARGET_VALUE, 0, false, NO, SAME },
	{ "2.20", MODEL_TARGET_VALUE, 2.2, false, NO, SAME },
	{ "50.0", MODEL_TARGET_VALUE, 50, false, NO, SAME },
	{ "100", MODEL_TARGET_VALUE, 100, false, NO, SAME },
	{ "26.5%", MODEL_TARGET_VALUE, 26.5, false, NO, SAME },
	/* ≤ with and without a space */
	{ "≤4.2", MODEL_TARGET_AT_MOST, 4.2, false, LO, SAME },
	{ "≤ 9.0", MODEL_TARGET_AT_MOST, 9.0, false, LO, SAME },
	{ "≤ 13", MODEL_TARGET_AT_MOST, 13, false, LO, SAME },
	{ "≤ 4.0", MODEL_TARGET_AT_MOST, 4.0, false, LO, SAME },
	{ "≤ 5.0", MODEL_TARGET_AT_MOST, 5.0, false, LO, SAME },
	{ "≤15", MODEL_TARGET_AT_MOST, 15, false, LO, SAME },
	{ "≤4", MODEL_TARGET_AT_MOST, 4, false, LO, SAME },
	{ "≤4.1", MODEL_TARGET_AT_MOST, 4.1, false, LO, SAME },
	{ "≤5.3", MODEL_TARGET_AT_MOST, 5.3, false, LO, SAME },
	{ "≤9.5", MODEL_TARGET_AT_MOST, 9.5, false, LO, SAME },
	/* ≥ */
	{ "≥70", MODEL_TARGET_AT_LEAST, 70, false, HI, SAME },
	{ "≥35", MODEL_TARGET_AT_LEAST, 35, false, HI, SAME },
	{ "≥4", MODEL_TARGET_AT_LEAST, 4, false, HI, SAME },
	{ "≥60", MODEL_TARGET_AT_LEAST, 60, false, HI, SAME },
	{ "≥65", MODEL_TARGET_AT_LEAST, 65, false, HI, SAME },
	/* full-width and ASCII > < */
	{ "＞78.2", MODEL_TARGET_ABOVE, 78.2, true, HI, SAME },
	{ "＞4.3", MODEL_TARGET_ABOVE, 4.3, true, HI, SAME },
	{ "＞25", MODEL_TARGET_ABOVE, 25, true, HI, SAME },
	{ ">4.3", MODEL_TARGET_ABOVE, 4.3, true, HI, SAME },
	{ ">85", MODEL_TARGET_ABOVE, 85, true, HI, SAME },
	{ ">90", MODEL_TARGET_ABOVE, 90, true, HI, SAME },
	{ "＜6.6", MODEL_TARGET_BELOW, 6.6, true, LO, SAME },
	{ "＜5.2", MODEL_TARGET_BELOW, 5.2, true, LO, SAME },
	{ "＜14.5", MODEL_TARGET_BELOW, 14.5, true, LO, SAME },
	{ "＜15", MODEL_TARGET_BELOW, 15, true, LO, SAME },
	{ "<0.17", MODEL_TARGET_BELOW, 0.17, true, LO, SAME },
	{ "<40", MODEL_TARGET_BELOW, 40, true, LO, SAME },
	/* 以上 / 以下 / 以内, inclusive */
	{ "85以上", MODEL_TARGET_AT_LEAST, 85, false, HI, SAME },
	{ "80以上", MODEL_TARGET_AT_LEAST, 80, false, HI, SAME },
	{ "65以上", MODEL_TARGET_AT_LEAST, 65, false, HI, SAME },
	{ "98以上", MODEL_TARGET_AT_LEAST, 98, false, HI, SAME },
	{ "70以上", MODEL_TARGET_AT_LEAST, 70, false, HI, SAME },
	{ "60以上", MODEL_TARGET_AT_LEAST, 60, false, HI, SAME },
	{ "6.5以下", MODEL_TARGET_AT_MOST, 6.5, false, LO, SAME },
	{ "5.25以下", MODEL_TARGET_AT_MOST, 5.25, false, LO, SAME },
	{ "12.5以下", MODEL_TARGET_AT_MOST, 12.5, false, LO, SAME },
	{ "10以下", MODEL_TARGET_AT_MOST, 10, false, LO, SAME },
	{ "控制在20%以内", MODEL_TARGET_AT_MOST, 20, false, LO, SAME },
	{ "全部达到100", MODEL_TARGET_AT_LEAST, 100, false, HI, SAME },
	/* 左右, with the printed space */
	{ "7.5左右", MODEL_TARGET_ABOUT, 7.5, false, NO, SAME },
	{ "30 左右", MODEL_TARGET_ABOUT, 30, false, NO, SAME },
	{ "27左右", MODEL_TARGET_ABOUT, 27, false, NO, SAME },
	{ "85左右", MODEL_TARGET_ABOUT, 85, false, NO, SAME },
	/* increases, in units, percent of baseline, percentage points */
	{ "提高1岁", MODEL_TARGET_INCREASE_BY, 1, false, HI, SAME },
	{ "提高 1 岁", MODEL_TARGET_INCREASE_BY, 1, false, HI, SAME },
	{ "提高 1岁", MODEL_TARGET_INCREASE_BY, 1, false, HI, SAME },
	{ "提高30％", MODEL_TARGET_INCREASE_PCT, 30, false, HI, PCT },
	{ "比“十三五”末提高 30%", MODEL_TARGET_INCREASE_PCT, 30, false, HI, PCT },
	{ "比“十三五”末提高1岁", MODEL_TARGET_INCREASE_BY, 1, false, HI, SAME },
	{ "减少15%", MODEL_TARGET_DECREASE_PCT, 15, false, LO, PCT },
	{ "下降2个百分点", MODEL_TARGET_INCREASE_BY, -2, false, LO, PTS },
	{ "力争年均下降 1个百分点", MODEL_TARGET_ANNUAL_CHANGE, -1, false, LO, PTS },
	{ "力争每年降低1个百分点以上", MODEL_TARGET_ANNUAL_CHANGE, -1, false, LO, PTS },
	{ "年均提高0.5个百分点", MODEL_TARGET_ANNUAL_CHANGE, 0.5, false, HI, PTS },
	/* qualitative */
	{ "同比例提高", MODEL_TARGET_TREND, N, false, HI, SAME },
	{ "逐年下降", MODEL_TARGET_TREND, N, false, LO, SAME },
	{ "稳步提高", MODEL_TARGET_TREND, N, false, HI, SAME },
	{ "巩固提升", MODEL_TARGET_TREND, N, false, HI, SAME },
	{ "持续保持", MODEL_TARGET_TREND, N, false, NO, SAME },
	{ "按省下达目标", MODEL_TARGET_EXTERNAL, N, false, NO, SAME },
	/* nothing printed */
	{ "—", MODEL_TARGET_NONE, N, false, NO, SAME },
	{ "——", MODEL_TARGET_NONE, N, false, NO, SAME },
	{ "", MODEL_TARGET_NONE, N, false, NO, SAME },
	{ " ", MODEL_TARGET_NONE, N, false, NO, SAME },
	/* baselines */
	{ "100、100、98.5、100", MODEL_TARGET_LIST, N, false, NO, SAME },
	/* full-width digits and signs fold */
	{ "≤４．２", MODEL_TARGET_AT_MOST, 4.2, false, LO, SAME },
	/* hostile or unknown text is qualitative, never a crash */
	{ "1e309", MODEL_TARGET_TREND, N, false, NO, SAME },
	{ "NaN", MODEL_TARGET_TREND, N, false, NO, SAME },
	{ "-0", MODEL_TARGET_TREND, N, false, NO, SAME },
	{ "99999999999999999999", MODEL_TARGET_TREND, N, false, NO, SAME },
	{ "≤", MODEL_TARGET_TREND, N, false, NO, SAME },
	{ "提高", MODEL_TARGET_TREND, N, false, HI, SAME },
	{ "\xff\xfe", MODEL_TARGET_TREND, N, false, NO, SAME },
	{ "达到国家标准", MODEL_TARGET_TREND, N, false, NO, SAME },
};

static void
every_printed_form(void **state)
{
	struct model_target	 t;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];

		model_target_parse(r->text, &t);
		if (t.kind != r->kind)
			fail_msg("\"%s\": kind %s, expected %s", r->text, model_target_kind_name(t.kind),
			    model_target_kind_name(r->kind));
		if (isnan(r->number) ? !isnan(t.number) : fabs(t.number - r->number) > 1e-12)
			fail_msg("\"%s\": number %g, expected %g", r->text, t.number, r->number);
		if (t.strict != r->strict)
			fail_msg("\"%s\": strict %d, expected %d", r->text, t.strict, r->strict);
		if (t.hint != r->hint)
			fail_msg("\"%s\": hint %s, expected %s", r->text, model_direction_name(t.hint),
			    model_direction_name(r->hint));
		if (t.unit_sense != r->sense)
			fail_msg("\"%s\": unit sense %d, expected %d", r->text, t.unit_sense, r->sense);
	}
}

static void
aspirational(void **state)
{
	struct model_target	 t;

	(void)state;
	model_target_parse("力争年均下降 1个百分点", &t);
	assert_true(t.aspirational);
	model_target_parse("≤4.2", &t);
	assert_false(t.aspirational);
}

static void
parse_says_whether_it_read(void **state)
{
	struct model_target	 t;

	(void)state;
	assert_true(model_target_parse("≤4.2", &t));
	assert_true(model_target_parse("逐年下降", &t));
	assert_false(model_target_parse("达到国家标准", &t));
	assert_false(model_target_parse(NULL, &t));
	assert_int_equal(t.kind, MODEL_TARGET_TREND);
}

struct derive_row {
	const char	*baseline;
	const char	*target;
	double		 expected;	/* NaN: none follows */
};

/* Derived 2025 targets over the five years 2021–2025. */
static const struct derive_row derives[] = {
	{ "77.8", "提高 1岁", 78.8 },		/* 商丘 人均预期寿命 */
	{ "78.21", "提高 1 岁", 79.21 },	/* 平顶山 */
	{ "79.07", "提高1岁", 80.07 },		/* 管城 */
	{ "0.94", "比“十三五”末提高 30%", 1.222 },	/* 商丘 公共卫生人员 */
	{ "0.78", "提高30％", 1.014 },		/* 管城 */
	{ "51.1", "力争年均下降 1个百分点", 46.1 },	/* 商丘 近视率 */
	{ "——", "力争每年降低1个百分点以上", N },	/* 埇桥: no baseline, no number */
	{ "——", "减少15%", N },			/* 运城 吸烟率 */
	{ "20", "减少15%", 17 },
	{ "1.64", "≤4.2", 4.2 },
	{ "2.20", "＞4.3", 4.3 },
	{ "27.38", "27左右", 27 },
	{ "—", "23.3", 23.3 },
	{ "17.58", "逐年下降", N },
	{ "66.1", "按省下达目标", N },
	{ "70以上", "≥70", 70 },
	{ ">90", ">90", 90 },
	{ "85左右", "90", 90 },
	{ "100、100、98.5、100", "全部达到100", 100 },
	{ "100、100、98.5、100", "提高1", N },	/* a list gives no base for a relative target */
};

static void
derived_targets(void **state)
{
	struct model_target	 b, t;
	double			 got;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(derives) / sizeof(derives[0]); i++) {
		model_target_parse(derives[i].baseline, &b);
		model_target_parse(derives[i].target, &t);
		got = model_target_derive(&t, model_target_baseline_value(&b), 5);
		if (isnan(derives[i].expected) ? !isnan(got) : got != derives[i].expected)
			fail_msg("%s → %s: derived %.17g, expected %g", derives[i].baseline,
			    derives[i].target, got, derives[i].expected);
	}
}

static void
baseline_values(void **state)
{
	struct model_target	 b;

	(void)state;
	model_target_parse("70以上", &b);
	assert_true(model_target_baseline_value(&b) == 70);
	model_target_parse(">90", &b);
	assert_true(model_target_baseline_value(&b) == 90);
	model_target_parse("85左右", &b);
	assert_true(model_target_baseline_value(&b) == 85);
	model_target_parse("——", &b);
	assert_true(isnan(model_target_baseline_value(&b)));
	model_target_parse("100、100、98.5、100", &b);
	assert_true(isnan(model_target_baseline_value(&b)));
}

static void
very_long_text(void **state)
{
	char			 buf[4096];
	struct model_target	 t;

	(void)state;
	memset(buf, '1', sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	assert_false(model_target_parse(buf, &t));
	assert_int_equal(t.kind, MODEL_TARGET_TREND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_printed_form),
		cmocka_unit_test(aspirational),
		cmocka_unit_test(parse_says_whether_it_read),
		cmocka_unit_test(derived_targets),
		cmocka_unit_test(baseline_values),
		cmocka_unit_test(very_long_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
