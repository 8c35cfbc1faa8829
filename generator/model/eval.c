/*
 * model/eval.c: where an indicator stands at a period.
 *
 * The trajectory is linear from the numeric baseline at the end of the baseline year (2020) to the
 * numeric target at the end of the plan (2025). At a period, the latest observation at or before it
 * is judged, direction-aware:
 *   met            the value satisfies the target (a bound, or reaching the value in the good
 *                  direction). Checked first, so a ceiling already satisfied at baseline (婴儿死亡率
 *                  1.64 against ≤4.2) is met, never "behind";
 *   off-track      worse than the baseline;
 *   on-track       at or past the trajectory's value at that time;
 *   behind         between the baseline and the trajectory; not met at or after the plan's end;
 *                  or (without a numeric baseline, where no trajectory exists) simply not met yet;
 *   no-data        no observation at or before the period;
 *   not-assessable no numeric target follows from the printed one (qualitative, external, none).
 * "Worse than" and "past" allow MODEL_EVAL_TOLERANCE of |target − baseline|, so a value that sits on
 * the line is not flipped by rounding in print.
 */
#include <math.h>
#include <stddef.h>

#include "planrep/model.h"

/* The effective direction as +1 (higher is better), −1 (lower) or 0 (reach the value). */
static int
sense(enum model_direction dir, double b, double T)
{
	if (dir == MODEL_DIR_HIGHER)
		return 1;
	if (dir == MODEL_DIR_LOWER)
		return -1;
	if (dir == MODEL_DIR_NONE && isfinite(b) && T != b)
		return T > b ? 1 : -1;
	return 0;
}

static bool
is_met(const struct model_target *target, int d, double T, double v)
{
	const double	 eps = 1e-9;

	switch (target->kind) {
	case MODEL_TARGET_AT_MOST:
		return v <= T + eps;
	case MODEL_TARGET_BELOW:
		return v < T;
	case MODEL_TARGET_AT_LEAST:
		return v >= T - eps;
	case MODEL_TARGET_ABOVE:
		return v > T;
	case MODEL_TARGET_ABOUT:
		/* 左右: within 2 % of the value, or past it in the good direction. */
		if (fabs(v - T) <= 0.02 * fabs(T) + eps)
			return true;
		return (d > 0 && v >= T) || (d < 0 && v <= T);
	default:
		if (d > 0)
			return v >= T - eps;
		if (d < 0)
			return v <= T + eps;
		return fabs(v - T) <= 0.005 * fabs(T) + eps;
	}
}

enum model_status
model_eval_status(const struct model_target *target, enum model_direction dir, double b, double T,
    double t0, double t1, double v, double t)
{
	double	 tol, frac, traj;
	int	 d = sense(dir, b, T);

	if (!isfinite(T))
		return MODEL_STATUS_NOT_ASSESSABLE;
	if (!isfinite(v))
		return MODEL_STATUS_NO_DATA;
	if (is_met(target, d, T, v))
		return MODEL_STATUS_MET;
	if (!isfinite(b) || d == 0)
		return MODEL_STATUS_BEHIND;
	tol = MODEL_EVAL_TOLERANCE * fabs(T - b);
	if (tol < 1e-9)
		tol = 1e-9;
	if (d * (v - b) < -tol)
		return MODEL_STATUS_OFF_TRACK;
	frac = t1 > t0 ? (t - t0) / (t1 - t0) : 1;
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	/* At the end of the plan the trajectory is the target: an unmet target is not on track. */
	if (frac >= 1)
		return MODEL_STATUS_BEHIND;
	traj = b + (T - b) * frac;
	return d * (v - traj) >= -tol ? MODEL_STATUS_ON_TRACK : MODEL_STATUS_BEHIND;
}

void
model_eval_indicator(const struct model_plan *plan, const struct model_indicator *ind,
    const struct model_catalog *cat, const struct model_observations *obs, struct model_period at,
    struct model_eval *out)
{
	const struct model_obs	*o;
	double			 t = model_period_time(at), t0, t1, lt = -INFINITY;
	size_t			 i;

	t0 = plan->baseline_year + 1.0;
	t1 = plan->period_end + 1.0;
	out->direction = model_indicator_direction(ind, cat);
	out->baseline = model_target_baseline_value(&ind->baseline);
	out->target = model_target_derive(&ind->target, out->baseline, plan->period_end - plan->baseline_year);
	out->trajectory = NAN;
	out->latest = NULL;
	for (i = 0; obs != NULL && i < obs->count; i++) {
		o = &obs->items[i];
		if (o->seq != ind->seq || model_period_time(o->period) > t)
			continue;
		/* The latest wins; at equal times the later line of the file (a correction) wins. */
		if (model_period_time(o->period) >= lt) {
			lt = model_period_time(o->period);
			out->latest = o;
		}
	}
	if (isfinite(out->target) && isfinite(out->baseline)) {
		double frac = (t - t0) / (t1 - t0);

		frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
		out->trajectory = out->baseline + (out->target - out->baseline) * frac;
	}
	out->status = model_eval_status(&ind->target, out->direction, out->baseline, out->target, t0, t1,
	    out->latest ? out->latest->value : NAN, out->latest ? model_period_time(out->latest->period) : t);
}

const char *
model_status_name(enum model_status s)
{
	static const char *const names[MODEL_STATUS_COUNT] = {
		"met", "on-track", "behind", "off-track", "no-data", "not-assessable"
	};

	return (size_t)s < MODEL_STATUS_COUNT ? names[s] : "?";
}
