/*
 * chart/format.c: numbers, periods and units as charts print them.
 *
 * A value is printed with the precision it was written with (1.64 stays 1.64, 78 next to 77.8 becomes
 * 78.0: a chart shows the most decimals any of its values has), a real minus sign, and its unit as the
 * plans print it (岁, ‰, %, 张, /10万: attached without a space). Nothing here depends on the locale:
 * snprintf's %f is only given the C locale's point because planrep never calls setlocale for
 * LC_NUMERIC.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/chart.h"
#include "chart-int.h"

bool
chart_number_parse(const char *s, double *out, int *decimals)
{
	const char	*p = s, *digits;
	char		 buf[64];
	size_t		 n, intd = 0, frac = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	digits = p;
	if (*p == '+' || *p == '-')
		p++;
	while (*p >= '0' && *p <= '9') {
		p++;
		intd++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			frac++;
		}
	}
	n = (size_t)(p - digits);
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	/* The grammar of xsd:decimal, which the schema checks too: no exponent, NaN or infinity. */
	if (*p != '\0' || intd + frac == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, digits, n);
	buf[n] = '\0';
	*out = strtod(buf, NULL);
	if (decimals != NULL)
		*decimals = frac > 9 ? 9 : (int)frac;
	return isfinite(*out);
}

/* Inserts a comma every three digits of the integer part of a formatted number (digits only). */
static void
group(char *s, size_t size)
{
	char	 tmp[96];
	size_t	 intlen = strcspn(s, "."), i, o = 0;

	if (intlen < 5 || strlen(s) + intlen / 3 + 1 >= sizeof(tmp))
		return;
	for (i = 0; s[i] != '\0'; i++) {
		if (i < intlen && i > 0 && (intlen - i) % 3 == 0)
			tmp[o++] = ',';
		tmp[o++] = s[i];
	}
	tmp[o] = '\0';
	snprintf(s, size, "%s", tmp);
}

int
chart_number_format(char *buf, size_t size, double v, int decimals, bool sign)
{
	char	 digits[96];
	double	 scale;
	bool	 neg;

	if (!isfinite(v))
		return snprintf(buf, size, "—");
	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	/* Round first, so that −0.04 at one decimal prints as 0.0, not −0.0. */
	scale = pow(10, decimals);
	if (fabs(v) < 1e15 / scale)
		v = round(v * scale) / scale;
	neg = v < 0;
	snprintf(digits, sizeof(digits), "%.*f", decimals, fabs(v));
	group(digits, sizeof(digits));
	if (neg)
		return snprintf(buf, size, "\xE2\x88\x92%s", digits);	/* U+2212 MINUS SIGN */
	if (sign && v > 0)
		return snprintf(buf, size, "+%s", digits);
	return snprintf(buf, size, "%s", digits);
}

void
chart_value_format(char *buf, size_t size, const struct chart *c, double v)
{
	chart_number_format(buf, size, v, c->decimals, false);
}

void
chart_value_unit_format(char *buf, size_t size, const struct chart *c, double v, bool sign)
{
	char	 num[96];

	chart_number_format(num, sizeof(num), v, c->decimals, sign);
	snprintf(buf, size, "%s%s", num, c->unit != NULL ? c->unit : "");
}

/* Reads exactly n digits. */
static bool
digits_get(const char *s, size_t n, int *out)
{
	size_t	 i;
	int	 v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool
chart_period_parse(const char *s, double *t)
{
	int	 year, part;

	if (s == NULL || !digits_get(s, 4, &year) || year < 1900 || year > 2100)
		return false;
	s += 4;
	/* A period is placed at its end: 2023 ends at 2023.0, as 2023Q4 does, and 2023Q1 a year earlier
	 * plus a quarter. Annual and quarterly values then share one axis. */
	if (*s == '\0') {
		*t = year;
		return true;
	}
	if ((s[0] == 'Q' || s[0] == 'q') && digits_get(s + 1, 1, &part) && part >= 1 && part <= 4 &&
	    s[2] == '\0') {
		*t = year - 1 + part / 4.0;
		return true;
	}
	if ((s[0] == 'H' || s[0] == 'h') && digits_get(s + 1, 1, &part) && part >= 1 && part <= 2 &&
	    s[2] == '\0') {
		*t = year - 1 + part / 2.0;
		return true;
	}
	if (s[0] == '-' && digits_get(s + 1, 2, &part) && part >= 1 && part <= 12 && s[3] == '\0') {
		*t = year - 1 + part / 12.0;
		return true;
	}
	return false;
}

void
chart_period_format(char *buf, size_t size, double t, double step)
{
	long	 year = lround(floor(t + 1e-6));
	double	 frac = t - year;
	int	 q;

	if (step >= 1 - 1e-9 || fabs(frac) < 1e-6) {
		snprintf(buf, size, "%ld", lround(t));
		return;
	}
	/* 2021.25 is the end of 2022Q1. */
	q = (int)lround(frac * 4);
	if (q >= 1 && q <= 3 && fabs(frac * 4 - q) < 1e-6)
		snprintf(buf, size, "%ldQ%d", year + 1, q);
	else
		snprintf(buf, size, "%.2f", t);
}

void
chart_ref_label(char *buf, size_t size, const struct chart *c, const struct chart_ref *r)
{
	char		 a[96], b[96];
	const char	*what;
	char		 at[64] = "";

	switch (r->kind) {
	case CHART_REF_TARGET:
		what = "目标";
		break;
	case CHART_REF_BASELINE:
		what = "基线";
		break;
	case CHART_REF_TRAJECTORY:
		snprintf(buf, size, "目标轨迹");
		return;
	case CHART_REF_BAND:
	default:
		what = "";
		break;
	}
	/* A year reads as 2025年目标; a category or quarter as written. */
	if (r->at != NULL)
		snprintf(at, sizeof(at), "%s%s", r->at,
		    strlen(r->at) == 4 && strspn(r->at, "0123456789") == 4 ? "年" : " ");
	(void)c;
	if (r->range) {
		chart_number_format(a, sizeof(a), r->from, r->decimals, false);
		chart_number_format(b, sizeof(b), r->to, r->decimals, false);
		snprintf(buf, size, "%s%s %s–%s", at, what, a, b);
	} else {
		chart_number_format(a, sizeof(a), r->value, r->decimals, false);
		snprintf(buf, size, "%s%s %s", at, what, a);
	}
}

void
chart_note_mark(char *buf, size_t size, size_t n)
{
	/* ① is U+2460: UTF-8 E2 91 A0; ⑳ is U+2473. */
	if (n >= 1 && n <= 20) {
		unsigned	 cp = 0x2460 + (unsigned)(n - 1);

		snprintf(buf, size, "%c%c%c", 0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F),
		    0x80 | (cp & 0x3F));
	} else
		snprintf(buf, size, "[%zu]", n);
}
