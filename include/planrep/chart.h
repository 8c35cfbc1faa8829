/*
 * chart: charts drawn with cairo and pango from their specification, the <chart> element of the
 * document vocabulary (urn:planrep:doc, docs/charts.md): vertical and horizontal grouped bars, lines
 * over periods with their baseline, trajectory and target, bullets, dumbbells and KPI tiles, and the
 * status badge and progress bar that tables carry inline.
 *
 * A chart is parsed once (chart_parse: the element, checked and normalised, into a struct chart) and
 * drawn into any cairo context at a box (chart_draw): the same code draws it inside a PDF page and as
 * a standalone SVG, PNG or PDF. Labels are measured with the caller's PangoContext, so a run's fonts
 * are loaded once and never per chart. Every label placed is reported in a struct chart_geometry,
 * which tests check for overlaps and for anything outside the canvas.
 *
 * Knows nothing of plans, documents or layout: a template (or a person) writes the numbers, statuses
 * and labels into the element. May be included by render (charts inside pages) and cli.
 */
#ifndef PLANREP_CHART_H
#define PLANREP_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cairo.h>
#include <libxml/tree.h>
#include <pango/pango.h>

#include "planrep/diag.h"

/* Limits against hostile specifications (STYLE 1.8). */
#define CHART_MAX_SERIES	64
#define CHART_MAX_POINTS	10000	/* in one chart, over all its series */
#define CHART_MAX_VALUE		1e12	/* larger magnitudes are refused: nothing we chart is that big */

enum chart_kind {
	CHART_BAR,		/* vertical bars, grouped by series */
	CHART_HBAR,		/* horizontal bars, grouped by series */
	CHART_LINE,		/* values over periods, with baseline, trajectory and target */
	CHART_BULLET,		/* a bar per row against bands, baseline and target */
	CHART_DUMBBELL,		/* per row, the first series to the last (2020 → 2025 target) */
	CHART_KPI,		/* a tile: big number, unit, change, status */
	CHART__KIND_COUNT
};

/* Which way is good. Charts never assume that up is. */
enum chart_direction {
	CHART_DIRECTION_NEITHER,
	CHART_DIRECTION_HIGHER,
	CHART_DIRECTION_LOWER
};

/* An indicator's status at a period (DESIGN.md, "Status of an indicator"). */
enum chart_status {
	CHART_STATUS_NONE,		/* not given */
	CHART_STATUS_MET,		/* 达标 */
	CHART_STATUS_ON_TRACK,		/* 进度正常 */
	CHART_STATUS_BEHIND,		/* 进度滞后 */
	CHART_STATUS_OFF_TRACK,		/* 偏离 */
	CHART_STATUS_NO_DATA,		/* 无数据 */
	CHART_STATUS_NOT_ASSESSABLE	/* 不可评估 */
};

enum chart_ref_kind {
	CHART_REF_TARGET,	/* a line at value, or a band from..to (a target such as 27左右) */
	CHART_REF_BASELINE,	/* a line at value */
	CHART_REF_TRAJECTORY,	/* the straight line from the baseline to the target */
	CHART_REF_BAND		/* a qualitative band from..to */
};

struct chart_point {
	char		*x;		/* owned: the category or period as written; NULL when not given */
	double		 t;		/* line: the period as a time (2021Q1 = 2020.25, 2021 = 2021.0);
					 * other kinds: the category's index */
	double		 y;		/* the value */
	int		 decimals;	/* digits after the point as written: the precision shown */
	bool		 sample;	/* sample data (the point's, its series' or the chart's sample="true") */
	long		 line;		/* source line */
};

struct chart_ref {
	enum chart_ref_kind kind;
	double		 value;		/* target, baseline: the value (when !range) */
	double		 from, to;	/* band, ranged target, trajectory: the values (when range) */
	bool		 range;		/* from and to given */
	int		 decimals;	/* as written */
	char		*at;		/* owned: the period or category it belongs to, or NULL (all) */
	double		 at_t;		/* at as a time (line) or category index; NAN when at is NULL */
	char		*label;		/* owned, or NULL: a default label is made from kind and value */
	long		 line;
};

struct chart_series {
	char		*name;		/* owned, or NULL */
	struct chart_point *points;	/* owned array */
	size_t		 point_count;
	long		 line;
};

struct chart_axis {
	char		*title;		/* owned, or NULL */
	char		*unit;		/* owned, or NULL: the chart's unit */
	double		 min, max;	/* y: values; x of a line: periods as times */
	bool		 has_min, has_max;
	long		 line;		/* 0 when the chart has no such axis element */
};

/*
 * A chart, checked: every point has a finite value inside the axis range, a line chart's points
 * have periods, categories are numbered. What was wrong was reported and left out (STYLE 1.3);
 * problem then says why the chart cannot be drawn, and chart_draw draws a panel saying so.
 */
struct chart {
	enum chart_kind	 kind;
	char		*title;		/* owned, or NULL */
	char		*subtitle;	/* owned, or NULL */
	char		*source;	/* owned, or NULL: printed as 数据来源：… */
	char		*unit;		/* owned, or NULL: 岁, ‰, %, /10万 … */
	bool		 sample;	/* some data is sample data: the chart says 示例数据 */
	enum chart_direction direction;
	enum chart_status status;	/* kpi: the tile's status */
	double		 width, height;	/* pt, the size asked for; 0 when not given */
	struct chart_axis x, y;
	struct chart_series *series;	/* owned array */
	size_t		 series_count;
	struct chart_ref *refs;		/* owned array, chart-level and per-series references alike */
	size_t		 ref_count;
	char		**notes;	/* owned array of owned strings */
	size_t		 note_count;
	char		**categories;	/* borrowed from the points: the distinct x in order of appearance */
	size_t		 category_count;
	int		 decimals;	/* the data's precision: the most decimals any value is written with */
	char		*file;		/* owned, or NULL: for diagnostics */
	long		 line;		/* the <chart> element's line */
	char		*problem;	/* owned, or NULL: the first error, when the chart cannot be drawn */
};

/* The ticks of an axis: from min to max, every step. */
struct chart_ticks {
	double		 min, max, step;
	size_t		 count;
	int		 decimals;	/* for the tick labels */
};

enum chart_label_role {
	CHART_LABEL_TITLE,
	CHART_LABEL_SUBTITLE,
	CHART_LABEL_SAMPLE,		/* the 示例数据 mark */
	CHART_LABEL_LEGEND,
	CHART_LABEL_AXIS_TITLE,
	CHART_LABEL_TICK,		/* value axis tick labels */
	CHART_LABEL_CATEGORY,		/* category or period labels */
	CHART_LABEL_VALUE,		/* a data value */
	CHART_LABEL_REFERENCE,		/* target, baseline, trajectory, band */
	CHART_LABEL_NOTE,
	CHART_LABEL_SOURCE,
	CHART_LABEL_KPI,		/* the tile's number, unit, change, status, target */
	CHART_LABEL_PANEL		/* the no-data or problem panel */
};

/* A text placed on the chart. */
struct chart_label {
	enum chart_label_role role;
	double		 x, y, w, h;	/* pt from the canvas's top left: the box before rotation */
	double		 angle;		/* radians, clockwise, about (x, y); 0 for most labels */
	char		*text;		/* owned: the lines as set, joined by '\n' */
	size_t		 line_count;
};

/* What chart_draw placed: enough to check that no labels overlap and nothing leaves the canvas. */
struct chart_geometry {
	double		 width, height;	/* pt, the canvas */
	const char	*kind;		/* static */
	double		 plot_x, plot_y, plot_w, plot_h; /* pt, the plot area; all 0 when none */
	struct chart_ticks ticks;	/* the value axis; count 0 when none */
	struct chart_ticks xticks;	/* a line chart's period axis; count 0 when none */
	struct chart_label *labels;	/* owned array */
	size_t		 label_count, label_cap;
	char		**decisions;	/* owned: how labels were made to fit ("category labels rotated 45") */
	size_t		 decision_count;
	size_t		 dropped;	/* labels left out because no place was free */
};

/*
 * Parses a <chart> element (namespace urn:planrep:doc) into a checked chart. file names the source
 * in diagnostics (NULL: none). Bad parts are reported in diags with their line and left out; when
 * the chart cannot be drawn, its problem field says why. Returns the chart (caller frees with
 * chart_free), or NULL when el is not a chart or memory ran out (both recorded in diags).
 */
struct chart	*chart_parse(xmlNodePtr el, const char *file, struct diag_list *);
void		 chart_free(struct chart *);

/*
 * Draws the chart into cr in the box (x, y, w, h), pt in cr's user space, measuring text with pc
 * (chart_context_new, or a context of the run's font map). Charts without data draw a 无数据 / no
 * data panel, charts with a problem a panel naming it. When geo is not NULL it receives what was
 * placed, in pt from the box's top left (initialise it with chart_geometry_init, clear it with
 * chart_geometry_clear; a second draw replaces its contents). Returns false when memory ran out or
 * cairo failed (recorded in diags).
 */
bool		 chart_draw(cairo_t *, const struct chart *, double x, double y, double w, double h,
		    PangoContext *, struct chart_geometry *, struct diag_list *);

/*
 * A pango context for charts on font map map (NULL: pango's default cairo font map): 72 dpi, no
 * hinting, Chinese as the language, like the layout's. Caller unrefs it. Making one loads no fonts.
 */
PangoContext	*chart_context_new(PangoFontMap *map);

void		 chart_geometry_init(struct chart_geometry *);
void		 chart_geometry_clear(struct chart_geometry *);

/* Writes the geometry as text, one item a line (golden files compare this). */
void		 chart_geometry_dump(const struct chart_geometry *, FILE *);

/*
 * Checks that no two labels overlap and that every label lies inside the canvas; records each
 * failure in diags (as errors, under name) and returns how many there were.
 */
size_t		 chart_geometry_check(const struct chart_geometry *, const char *name, struct diag_list *);

/* True when the two labels' boxes (rotated as placed) overlap by more than a hundredth of a point. */
bool		 chart_label_overlap(const struct chart_label *, const struct chart_label *);

/* True when the label's box (rotated as placed) lies within (0, 0, w, h). */
bool		 chart_label_inside(const struct chart_label *, double w, double h);

/*
 * The inline marks of table cells. A badge shows a status by shape, colour and, where the box has
 * room, its text (达标 …); the shapes differ so that it reads without colour. A bar shows value / max,
 * clamped to 0..1, with an end mark when the value is past max; a value that is not finite or a max
 * not above 0 draws an empty dashed track.
 */
void		 chart_badge_draw(cairo_t *, enum chart_status, double x, double y, double w, double h,
		    PangoContext *);
void		 chart_inline_bar_draw(cairo_t *, double value, double max, double x, double y, double w,
		    double h);

/* met, on-track, … ⇄ the enum; false for another word. */
bool		 chart_status_parse(const char *, enum chart_status *);
const char	*chart_status_name(enum chart_status);
/* 达标, 进度正常, 进度滞后, 偏离, 无数据, 不可评估; "" for CHART_STATUS_NONE. */
const char	*chart_status_text(enum chart_status);

const char	*chart_kind_name(enum chart_kind);
bool		 chart_kind_parse(const char *, enum chart_kind *);
const char	*chart_label_role_name(enum chart_label_role);

/*
 * The axis ticks for the values lo..hi with at most max_count ticks, on 1-2-5 steps ("nice numbers":
 * the smallest step of 1, 2 or 5 × 10^k that needs no more ticks). lo == hi is widened around the
 * value. Returns false when lo or hi is not finite or max_count < 2.
 */
bool		 chart_ticks_nice(double lo, double hi, size_t max_count, struct chart_ticks *);

/*
 * Parses a plain decimal ("78.5", "-0.25", "+3", ".5", surrounding spaces allowed) and the number of
 * digits after its point. No exponents, no NaN or infinity, no units, no thousands separators.
 */
bool		 chart_number_parse(const char *, double *, int *decimals);

/*
 * Writes v with that many decimals, a real minus sign (−), thousands separated by commas from five
 * digits on, and with sign a + on positive values; never "−0". Returns what snprintf would.
 */
int		 chart_number_format(char *buf, size_t size, double v, int decimals, bool sign);

/*
 * Parses a period: 2023 (the year, at its end: 2023.0), 2023Q2 (2022.5: a quarter ends a quarter
 * of a year later than the one before), 2023H1 (2022.5), 2023-06 (2022.5). Years 1900–2100.
 */
bool		 chart_period_parse(const char *, double *t);

#endif
