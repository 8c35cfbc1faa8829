/*
 * test_eval.c: status of an indicator at a period. Every status, both directions, every target kind,
 * missing baseline, missing observation, an observation after 2025, and the trajectory arithmetic.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "planrep/model.h"

/* The plan's times: baseline at the end of 2020, target at the end of 2025. */
#define T0 2021.0
#define T1 2026.0

struct row {
	const char		*baseline;
	const char		*target;
	enum model_direction	 dir;
	double			 value;
	const char		*period;
	enum model_status	 expected;
	const char		*why;
};

#define HI MODEL_DIR_HIGHER
#define LO MODEL_DIR_LOWER
#define NO MODEL_DIR_NONE
#define NE MODEL_DIR_NEITHER
#define MET MODEL_STATUS_MET
#define ON MODEL_STATUS_ON_TRACK
#define BEH MODEL_STATUS_BEHIND
#define OFF MODEL_STATUS_OFF_TRACK
#define NOD MODEL_STATUS_NO_DATA
#define NA MODEL_STATUS_NOT_ASSESSABLE

static const struct row rows[] = {
	/* higher is better: 77.8 → 78.8 (提高1岁); halfway (end of 2023 is 3/5) is 78.4 */
	{ "77.8", "提高1岁", HI, 78.8, "2024", MET, "reached the derived target" },
	{ "77.8", "提高1岁", HI, 78.5, "2023", ON, "past the trajectory (78.4)" },
	{ "77.8", "提高1岁", HI, 78.4, "2023", ON, "on the trajectory" },
	{ "77.8", "提高1岁", HI, 78.0, "2023", BEH, "better than baseline, short of 78.4" },
	{ "77.8", "提高1岁", HI, 77.5, "2023", OFF, "worse than the baseline" },
	{ "77.8", "提高1岁", HI, 77.8, "2020", ON, "at baseline, at the baseline time" },
	{ "77.8", "提高1岁", HI, NAN, "2023", NOD, "no observation" },
	/* lower is better: 51.1 → 46.1 (年均下降1个百分点); end of 2022Q2 is 1.5 years in: 49.6 */
	{ "51.1", "力争年均下降 1个百分点", LO, 46.0, "2024Q4", MET, "below the target" },
	{ "51.1", "力争年均下降 1个百分点", LO, 49.5, "2022Q2", ON, "below the trajectory (49.6)" },
	{ "51.1", "力争年均下降 1个百分点", LO, 50.5, "2022Q2", BEH, "between baseline and trajectory" },
	{ "51.1", "力争年均下降 1个百分点", LO, 52.0, "2022Q2", OFF, "above the baseline" },
	/* a ceiling already met at baseline is met, not behind */
	{ "1.64", "≤4.2", LO, 1.64, "2020", MET, "婴儿死亡率 1.64 against ≤4.2" },
	{ "1.64", "≤4.2", LO, 4.2, "2024", MET, "≤ includes the bound" },
	{ "1.64", "≤4.2", LO, 4.3, "2024", OFF, "over the ceiling and worse than baseline" },
	{ "6.6", "＜6.6", LO, 6.6, "2024", ON, "< excludes the bound; on the flat trajectory" },
	{ "2.20", "＞4.3", HI, 4.3, "2025", BEH, "> excludes the bound" },
	{ "2.20", "＞4.3", HI, 4.31, "2025", MET, "above the bound" },
	{ "45", "≥60", HI, 60, "2024", MET, "≥ includes the bound" },
	{ "45", "≥60", HI, 52, "2023", BEH, "short of the trajectory (54)" },
	{ "85左右", "90以上", HI, 90, "2024", MET, "以上 is inclusive" },
	/* about: within 2 %, or past it in the good direction */
	{ "27.38", "27左右", LO, 27.5, "2024", MET, "within 2 % of 27" },
	{ "27.38", "27左右", LO, 26, "2024", MET, "past it, lower is better" },
	{ "27.38", "27左右", LO, 28.5, "2024", OFF, "worse than the baseline" },
	{ "—", "7.5左右", HI, 5, "2024", BEH, "no baseline: unmet means behind" },
	/* percent targets */
	{ "0.94", "比“十三五”末提高 30%", HI, 1.222, "2025", MET, "0.94 × 1.3 exactly" },
	{ "0.94", "比“十三五”末提高 30%", HI, 1.1, "2023", BEH, "short of the trajectory at 3/5, 1.1092" },
	{ "0.94", "比“十三五”末提高 30%", HI, 1.11, "2023", ON, "past the trajectory, 1.1092" },
	{ "20", "减少15%", LO, 17, "2025", MET, "20 × 0.85" },
	{ "20", "减少15%", LO, 21, "2023", OFF, "worse than the baseline" },
	/* direction from the wording when none is given */
	{ "5.41", "7.7", NO, 7.7, "2025", MET, "direction from baseline to value" },
	{ "5.41", "7.7", NO, 5.0, "2023", OFF, "below the baseline, the target above it" },
	{ "2.98", "2.9", HI, 2.95, "2023", MET, "target below baseline, higher better: met" },
	/* neither: reach the value */
	{ "10", "12", NE, 12.01, "2025", MET, "within 0.5 %" },
	{ "10", "12", NE, 13, "2025", BEH, "overshot: not met, no sense to judge by" },
	/* not assessable whatever the data */
	{ "17.58", "逐年下降", LO, 10, "2023", NA, "qualitative" },
	{ "66.1", "按省下达目标", HI, 70, "2023", NA, "external" },
	{ "—", "同比例提高", HI, 70, "2023", NA, "qualitative without baseline" },
	{ "—", "—", NO, 1, "2023", NA, "no target printed" },
	{ "——", "减少15%", LO, 20, "2023", NA, "relative target without a baseline" },
	/* after 2025 the trajectory stays at the target */
	{ "77.8", "提高1岁", HI, 78.7, "2026", BEH, "after 2025, short of the target" },
	{ "77.8", "提高1岁", HI, 77.0, "2027Q1", OFF, "after 2025, worse than baseline" },
	{ "77.8", "提高1岁", HI, 78.9, "2026", MET, "after 2025, reached" },
};

static void
every_status(void **state)
{
	struct model_target	 b, t;
	struct model_period	 p;
	enum model_status	 got;
	double			 bv, tv;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];

		model_target_parse(r->baseline, &b);
		model_target_parse(r->target, &t);
		assert_true(model_period_parse(r->period, &p));
		bv = model_target_baseline_value(&b);
		tv = model_target_derive(&t, bv, 5);
		got = model_eval_status(&t, r->dir, bv, tv, T0, T1, r->value, model_period_time(p));
		if (got != r->expected)
			fail_msg("row %zu (%s → %s, %g at %s: %s): %s, expected %s", i, r->baseline,
			    r->target, r->value, r->period, r->why, model_status_name(got),
			    model_status_name(r->expected));
	}
}

static void
periods(void **state)
{
	struct model_period	 p;
	char			 buf[16];

	(void)state;
	assert_true(model_period_parse("2023", &p));
	assert_true(model_period_time(p) == 2024.0);
	assert_true(model_period_parse("2024Q2", &p));
	assert_true(model_period_time(p) == 2024.5);
	model_period_format(p, buf, sizeof(buf));
	assert_string_equal(buf, "2024Q2");
	assert_true(model_period_parse("2020Q4", &p));
	assert_true(model_period_time(p) == 2021.0);
	assert_false(model_period_parse("2024Q5", &p));
	assert_false(model_period_parse("2024Q", &p));
	assert_false(model_period_parse("24", &p));
	assert_false(model_period_parse("2024-06", &p));
	assert_false(model_period_parse(NULL, &p));
}

/* model_eval_indicator over a plan struct built by hand: latest observation at or before the period. */
static void
latest_observation_wins(void **state)
{
	struct model_plan		 plan;
	struct model_indicator		 ind;
	struct model_observations	 obs;
	struct model_obs		 items[4];
	struct model_period		 at;
	struct model_eval		 ev;

	(void)state;
	memset(&plan, 0, sizeof(plan));
	memset(&ind, 0, sizeof(ind));
	memset(items, 0, sizeof(items));
	plan.baseline_year = 2020;
	plan.period_end = 2025;
	ind.seq = 1;
	model_target_parse("77.8", &ind.baseline);
	model_target_parse("提高1岁", &ind.target);
	items[0] = (struct model_obs){ .seq = 1, .period = { 2022, 0 }, .value = 77.5, .value_text = "77.5" };
	items[1] = (struct model_obs){ .seq = 1, .period = { 2024, 2 }, .value = 78.6, .value_text = "78.6" };
	items[2] = (struct model_obs){ .seq = 2, .period = { 2023, 0 }, .value = 1, .value_text = "1" };
	items[3] = (struct model_obs){ .seq = 1, .period = { 2025, 0 }, .value = 79, .value_text = "79" };
	obs.items = items;
	obs.count = 4;

	model_period_parse("2023", &at);
	model_eval_indicator(&plan, &ind, NULL, &obs, at, &ev);
	assert_ptr_equal(ev.latest, &items[0]);
	assert_int_equal(ev.status, MODEL_STATUS_OFF_TRACK);
	assert_true(fabs(ev.trajectory - 78.4) < 1e-9);
	assert_true(ev.target == 78.8);
	assert_int_equal(ev.direction, MODEL_DIR_HIGHER);

	model_period_parse("2024Q4", &at);
	model_eval_indicator(&plan, &ind, NULL, &obs, at, &ev);
	assert_ptr_equal(ev.latest, &items[1]);
	assert_int_equal(ev.status, MODEL_STATUS_ON_TRACK);

	model_period_parse("2026", &at);
	model_eval_indicator(&plan, &ind, NULL, &obs, at, &ev);
	assert_ptr_equal(ev.latest, &items[3]);
	assert_int_equal(ev.status, MODEL_STATUS_MET);

	model_period_parse("2021", &at);
	model_eval_indicator(&plan, &ind, NULL, &obs, at, &ev);
	assert_null(ev.latest);
	assert_int_equal(ev.status, MODEL_STATUS_NO_DATA);

	model_eval_indicator(&plan, &ind, NULL, NULL, at, &ev);
	assert_int_equal(ev.status, MODEL_STATUS_NO_DATA);
}

/* The row's @direction beats the catalog, which beats the wording of the target. */
static void
direction_order(void **state)
{
	struct model_indicator		 ind;
	struct model_catalog		 cat;
	struct model_catalog_entry	 e;

	(void)state;
	memset(&ind, 0, sizeof(ind));
	memset(&cat, 0, sizeof(cat));
	memset(&e, 0, sizeof(e));
	e.id = "oop-share";
	e.direction = MODEL_DIR_LOWER;
	cat.entries = &e;
	cat.count = 1;
	model_target_parse("提高1", &ind.target);
	assert_int_equal(model_indicator_direction(&ind, NULL), MODEL_DIR_HIGHER);
	ind.ref = "oop-share";
	assert_int_equal(model_indicator_direction(&ind, &cat), MODEL_DIR_LOWER);
	ind.direction_attr = MODEL_DIR_NEITHER;
	assert_int_equal(model_indicator_direction(&ind, &cat), MODEL_DIR_NEITHER);
	ind.direction_attr = MODEL_DIR_NONE;
	ind.ref = "not-in-catalog";
	assert_int_equal(model_indicator_direction(&ind, &cat), MODEL_DIR_HIGHER);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_status),
		cmocka_unit_test(periods),
		cmocka_unit_test(latest_observation_wins),
		cmocka_unit_test(direction_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
