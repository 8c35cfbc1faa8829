/*
 * model/target.c: printed baselines and targets, parsed.
 *
 * The plans print targets as ≤4.2, ＞4.3, 27左右, 80以上, 提高 1岁, 比“十三五”末提高 30%, 减少15%,
 * 力争年均下降 1个百分点, 逐年下降, 按省下达目标, —, and baselines as 70以上, >90, 100、100、98.5、100.
 * The printed text stays the source of truth (reports show it); this file only reads it.
 *
 * The text is first normalised: spaces dropped (they are spacing, "30 左右"), full-width digits and
 * signs folded to ASCII (＞ → >, ％ → %). Then a small set of shapes is tried in order. A text that fits
 * none is a qualitative target (MODEL_TARGET_TREND), never an error: a plan may always say something we
 * have not seen. 以上/以下/以内 are read inclusively, as Chinese statistical usage does.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/model.h"

#define NORM_MAX 256

/* Decodes one UTF-8 code point at *s, advancing it; returns 0xFFFD on a bad sequence. */
static unsigned long
utf8_next(const unsigned char **s)
{
	const unsigned char	*p = *s;
	unsigned long		 c;
	int			 n, i;

	if (p[0] < 0x80) {
		*s = p + 1;
		return p[0];
	}
	if ((p[0] & 0xE0) == 0xC0) {
		c = p[0] & 0x1F;
		n = 1;
	} else if ((p[0] & 0xF0) == 0xE0) {
		c = p[0] & 0x0F;
		n = 2;
	} else if ((p[0] & 0xF8) == 0xF0) {
		c = p[0] & 0x07;
		n = 3;
	} else {
		*s = p + 1;
		return 0xFFFD;
	}
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*s = p + i;
			return 0xFFFD;
		}
		c = (c << 6) | (p[i] & 0x3F);
	}
	*s = p + n + 1;
	return c;
}

static size_t
utf8_put(char *out, unsigned long c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Folds the printed text into the form the shapes below are written in. False if it is too long. */
static bool
normalise(const char *in, char *out, size_t size)
{
	const unsigned char	*s = (const unsigned char *)in;
	unsigned long		 c;
	size_t			 n = 0;

	while (*s != '\0') {
		c = utf8_next(&s);
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0)
			continue;
		if (c >= 0xFF10 && c <= 0xFF19)	/* full-width digits */
			c = '0' + (c - 0xFF10);
		else if (c == 0xFF0E)
			c = '.';
		else if (c == 0xFF05)
			c = '%';
		else if (c == 0xFF1C)
			c = '<';
		else if (c == 0xFF1E)
			c = '>';
		else if (c == 0x2266)	/* ≦ */
			c = 0x2264;
		else if (c == 0x2267)	/* ≧ */
			c = 0x2265;
		else if (c == 0xFF0D || c == 0x2014 || c == 0x2015 || c == 0x2013 || c == 0x2500)
			c = '-';	/* the dashes a table prints for "nothing" */
		if (n + 4 >= size)
			return false;
		n += utf8_put(out + n, c);
	}
	out[n] = '\0';
	return true;
}

/* True when s starts with prefix; *s then points past it. */
static bool
eat(const char **s, const char *prefix)
{
	size_t	 n = strlen(prefix);

	if (strncmp(*s, prefix, n) != 0)
		return false;
	*s += n;
	return true;
}

/*
 * Reads a plain decimal number (digits, optionally a point and digits) at *s. No sign, no exponent,
 * no "nan" or "inf": what plans print. At most 15 significant digits, so the value is exact enough.
 */
static bool
number(const char **s, double *out)
{
	const char	*p = *s;
	char		 buf[32];
	size_t		 n = 0, digits = 0;

	while (*p >= '0' && *p <= '9') {
		if (n + 1 >= sizeof(buf))
			return false;
		buf[n++] = *p++;
		digits++;
	}
	if (digits == 0)
		return false;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
		buf[n++] = *p++;
		while (*p >= '0' && *p <= '9') {
			if (n + 1 >= sizeof(buf))
				return false;
			buf[n++] = *p++;
			digits++;
		}
	}
	if (digits > 15)
		return false;
	buf[n] = '\0';
	*out = strtod(buf, NULL);
	*s = p;
	return true;
}

/* The units a plan may print after a number inside a target cell. */
static const char *const units[] = {
	"%", "‰", "岁", "张", "人", "个", "元", "天", "/10万", "1/10万", NULL
};

/* True when s is empty or is exactly one of the units. */
static bool
only_unit(const char *s)
{
	size_t	 i;

	if (*s == '\0')
		return true;
	for (i = 0; units[i] != NULL; i++)
		if (strcmp(s, units[i]) == 0)
			return true;
	return false;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t	 a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Words that say which way a change goes. */
static const char *const up_words[] = { "提高", "提升", "增加", "增长", "上升", NULL };
static const char *const down_words[] = { "下降", "降低", "减少", "降至", NULL };

static int
eat_change_word(const char **s)
{
	size_t	 i;

	for (i = 0; up_words[i] != NULL; i++)
		if (eat(s, up_words[i]))
			return 1;
	for (i = 0; down_words[i] != NULL; i++)
		if (eat(s, down_words[i]))
			return -1;
	return 0;
}

static bool
contains_any(const char *s, const char *const *words)
{
	size_t	 i;

	for (i = 0; words[i] != NULL; i++)
		if (strstr(s, words[i]) != NULL)
			return true;
	return false;
}

static void
set(struct model_target *t, enum model_target_kind kind, double n, enum model_direction hint)
{
	t->kind = kind;
	t->number = n;
	t->hint = hint;
}

/* A change: 提高1岁, 提高30%, 减少15%, 下降2个百分点. s points past the change word; sign is ±1. */
static bool
change(const char *s, int sign, struct model_target *t)
{
	double		 n;
	enum model_direction hint = sign > 0 ? MODEL_DIR_HIGHER : MODEL_DIR_LOWER;

	if (!number(&s, &n))
		return false;
	if (strcmp(s, "%") == 0) {
		set(t, sign > 0 ? MODEL_TARGET_INCREASE_PCT : MODEL_TARGET_DECREASE_PCT, n, hint);
		t->unit_sense = MODEL_UNIT_PERCENT;
		return true;
	}
	if (eat(&s, "个百分点")) {
		if (*s != '\0' && strcmp(s, "以上") != 0)
			return false;
		set(t, MODEL_TARGET_INCREASE_BY, sign * n, hint);
		t->unit_sense = MODEL_UNIT_POINTS;
		return true;
	}
	if (!only_unit(s))
		return false;
	set(t, MODEL_TARGET_INCREASE_BY, sign * n, hint);
	return true;
}

/* 年均下降1个百分点, 每年降低1个百分点以上: a change every year, in percentage points or units. */
static bool
annual(const char *s, struct model_target *t)
{
	int	 sign;
	double	 n;

	if (!eat(&s, "年均") && !eat(&s, "每年"))
		return false;
	if ((sign = eat_change_word(&s)) == 0 || !number(&s, &n))
		return false;
	if (eat(&s, "个百分点"))
		t->unit_sense = MODEL_UNIT_POINTS;
	else if (strcmp(s, "%") == 0)
		return false;	/* a compound rate; no shape in the plans, left qualitative */
	if (*s != '\0' && strcmp(s, "以上") != 0 && !only_unit(s))
		return false;
	set(t, MODEL_TARGET_ANNUAL_CHANGE, sign * n, sign > 0 ? MODEL_DIR_HIGHER : MODEL_DIR_LOWER);
	return true;
}

/* A number followed by a unit and one of 以上/以下/以内/左右, or by nothing but a unit. */
static bool
number_with_suffix(const char *s, struct model_target *t)
{
	double	 n;
	char	 rest[NORM_MAX];

	if (!number(&s, &n))
		return false;
	snprintf(rest, sizeof(rest), "%s", s);
	if (ends_with(rest, "以上")) {
		rest[strlen(rest) - strlen("以上")] = '\0';
		if (!only_unit(rest))
			return false;
		set(t, MODEL_TARGET_AT_LEAST, n, MODEL_DIR_HIGHER);
		return true;
	}
	if (ends_with(rest, "以下") || ends_with(rest, "以内")) {
		rest[strlen(rest) - strlen("以下")] = '\0';
		if (!only_unit(rest))
			return false;
		set(t, MODEL_TARGET_AT_MOST, n, MODEL_DIR_LOWER);
		return true;
	}
	if (ends_with(rest, "左右")) {
		rest[strlen(rest) - strlen("左右")] = '\0';
		if (!only_unit(rest))
			return false;
		set(t, MODEL_TARGET_ABOUT, n, MODEL_DIR_NONE);
		return true;
	}
	if (!only_unit(rest))
		return false;
	set(t, MODEL_TARGET_VALUE, n, MODEL_DIR_NONE);
	return true;
}

/* ≤4.2, <0.17, ≥70, >4.3 */
static bool
bound(const char *s, struct model_target *t)
{
	enum model_target_kind	 kind;
	double			 n;

	if (eat(&s, "≤"))
		kind = MODEL_TARGET_AT_MOST;
	else if (eat(&s, "≥"))
		kind = MODEL_TARGET_AT_LEAST;
	else if (eat(&s, "<"))
		kind = MODEL_TARGET_BELOW;
	else if (eat(&s, ">"))
		kind = MODEL_TARGET_ABOVE;
	else
		return false;
	if (!number(&s, &n) || !only_unit(s))
		return false;
	set(t, kind, n, kind == MODEL_TARGET_AT_MOST || kind == MODEL_TARGET_BELOW ?
	    MODEL_DIR_LOWER : MODEL_DIR_HIGHER);
	t->strict = kind == MODEL_TARGET_BELOW || kind == MODEL_TARGET_ABOVE;
	return true;
}

/* 100、100、98.5、100: numbers separated by 、 */
static bool
list(const char *s)
{
	double	 n;
	size_t	 count = 0;

	do {
		if (!number(&s, &n))
			return false;
		(void)only_unit;
		count++;
	} while (eat(&s, "、"));
	return *s == '\0' && count > 1;
}

bool
model_target_parse(const char *text, struct model_target *t)
{
	char		 norm[NORM_MAX];
	const char	*s;
	int		 sign;

	memset(t, 0, sizeof(*t));
	t->number = NAN;
	if (text == NULL || !normalise(text, norm, sizeof(norm))) {
		t->kind = MODEL_TARGET_TREND;
		return false;
	}
	s = norm;
	if (*s == '\0' || strspn(s, "-") == strlen(s)) {
		t->kind = MODEL_TARGET_NONE;
		return true;
	}
	if (strstr(s, "下达") != NULL) {
		t->kind = MODEL_TARGET_EXTERNAL;
		return true;
	}
	if (list(s)) {
		t->kind = MODEL_TARGET_LIST;
		return true;
	}
	if (eat(&s, "力争"))
		t->aspirational = true;
	/* 比“十三五”末提高30%: the comparison base is the baseline, so the clause adds nothing. */
	if (strncmp(s, "比", strlen("比")) == 0 && strstr(s, "末") != NULL)
		s = strstr(s, "末") + strlen("末");
	if (bound(s, t) || annual(s, t) || number_with_suffix(s, t))
		return true;
	if (eat(&s, "控制在")) {
		if (number_with_suffix(s, t) && t->kind == MODEL_TARGET_AT_MOST)
			return true;
		memset(t, 0, sizeof(*t));
		t->number = NAN;
	} else if (eat(&s, "全部达到") || eat(&s, "达到")) {
		if (number_with_suffix(s, t) && t->kind == MODEL_TARGET_VALUE) {
			t->kind = MODEL_TARGET_AT_LEAST;
			t->hint = MODEL_DIR_HIGHER;
			return true;
		}
		memset(t, 0, sizeof(*t));
		t->number = NAN;
	} else if ((sign = eat_change_word(&s)) != 0) {
		if (change(s, sign, t))
			return true;
		memset(t, 0, sizeof(*t));
		t->number = NAN;
	}
	/* Qualitative: keep the way the words point, for display and for the direction. */
	t->kind = MODEL_TARGET_TREND;
	if (contains_any(norm, down_words))
		t->hint = MODEL_DIR_LOWER;
	else if (contains_any(norm, up_words))
		t->hint = MODEL_DIR_HIGHER;
	return strstr(norm, "提高") != NULL || strstr(norm, "下降") != NULL ||
	    strstr(norm, "提升") != NULL || strstr(norm, "保持") != NULL || strstr(norm, "巩固") != NULL;
}

double
model_target_baseline_value(const struct model_target *b)
{
	switch (b->kind) {
	case MODEL_TARGET_VALUE:
	case MODEL_TARGET_ABOUT:
	case MODEL_TARGET_AT_MOST:
	case MODEL_TARGET_BELOW:
	case MODEL_TARGET_AT_LEAST:
	case MODEL_TARGET_ABOVE:
		return b->number;
	default:
		return NAN;
	}
}

/* Derived targets are rounded to 1e-9 so that 0.94 × 1.3 is 1.222, not 1.2220000000000002. */
static double
tidy(double x)
{
	return round(x * 1e9) / 1e9;
}

double
model_target_derive(const struct model_target *t, double b, int years)
{
	switch (t->kind) {
	case MODEL_TARGET_VALUE:
	case MODEL_TARGET_ABOUT:
	case MODEL_TARGET_AT_MOST:
	case MODEL_TARGET_BELOW:
	case MODEL_TARGET_AT_LEAST:
	case MODEL_TARGET_ABOVE:
		return t->number;
	case MODEL_TARGET_INCREASE_BY:
		return isfinite(b) ? tidy(b + t->number) : NAN;
	case MODEL_TARGET_INCREASE_PCT:
		return isfinite(b) ? tidy(b * (1 + t->number / 100)) : NAN;
	case MODEL_TARGET_DECREASE_PCT:
		return isfinite(b) ? tidy(b * (1 - t->number / 100)) : NAN;
	case MODEL_TARGET_ANNUAL_CHANGE:
		return isfinite(b) ? tidy(b + years * t->number) : NAN;
	default:
		return NAN;
	}
}

const char *
model_target_kind_name(enum model_target_kind k)
{
	static const char *const names[] = {
		"none", "value", "at-most", "below", "at-least", "above", "about", "increase-by",
		"increase-pct", "decrease-pct", "annual-change", "trend", "external", "list"
	};

	return (size_t)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

const char *
model_direction_name(enum model_direction d)
{
	switch (d) {
	case MODEL_DIR_HIGHER:
		return "higher";
	case MODEL_DIR_LOWER:
		return "lower";
	case MODEL_DIR_NEITHER:
		return "neither";
	case MODEL_DIR_NONE:
		break;
	}
	return "none";
}
