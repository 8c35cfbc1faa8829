/*
 * chart-int.h: shared by the files of the chart module only.
 *
 *   parse.c     the <chart> element into struct chart, and the checks every kind shares
 *   kind.c      the one place that chooses a kind's functions
 *   draw.c      chart_draw: the frame (title, 示例数据 mark, legend, notes, source), the passes, the
 *               no-data and problem panels, and the painter that draws the marks a pass made
 *   axis.c      nice ticks, value axes, the axis titles with units and the good direction
 *   category.c  category and row labels: flat, wrapped, turned, cut short, one in n
 *   format.c    numbers, periods, units
 *   label.c     texts measured with pango, wrapped, abbreviated, and placed without overlap
 *   geometry.c  the geometry report, its dump and its checker
 *   mark.c      symbols, the status badge and the inline progress bar
 *   bar.c, line.c, bullet.c, dumbbell.c, kpi.c: one kind each (bar.c draws bar and hbar)
 *
 * A draw is done in passes. A pass lays out the frame, leaves the plot region to the kind, and the
 * kind adds marks (rectangles, paths, symbols, texts) to the pass's scene; nothing is drawn yet. When
 * the kind had to abbreviate a label (its full text goes to the notes) or found no place for a
 * reference label (it goes to the legend), the frame grows and the pass runs again. The last pass's
 * scene is painted. So positions are decided once, apart from drawing (STYLE 1.5), and every label
 * goes through one placer that refuses overlaps and anything outside the canvas.
 */
#ifndef PLANREP_CHART_INT_H
#define PLANREP_CHART_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <pango/pango.h>

#include "planrep/chart.h"
#include "planrep/diag.h"

#define CHART_NS	"urn:planrep:doc"
#define CHART_FAMILY	"Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans-serif"

/* Colours, 0xRRGGBB. The series palette is Okabe and Ito's, safe for colour-blind readers. */
#define CHART_NO_COLOR	0xFFFFFFFFu
#define CHART_INK	0x222222u	/* text */
#define CHART_INK_SOFT	0x555555u	/* secondary text */
#define CHART_GRID	0xE3E3E3u
#define CHART_AXIS	0x888888u
#define CHART_GOOD	0x009E73u	/* bluish green */
#define CHART_BAD	0xD55E00u	/* vermillion */
#define CHART_TARGET	0x009E73u
#define CHART_SAMPLE	0xD55E00u	/* the 示例数据 mark */
#define CHART_BASELINE	0x7A7A7Au

uint32_t	chart_series_color(size_t index);
uint32_t	chart_status_color(enum chart_status);
/* c mixed with white: amount 0 gives c, 1 white. */
uint32_t	chart_tint(uint32_t c, double amount);

enum chart_font {
	CHART_FONT_TITLE,
	CHART_FONT_SUBTITLE,
	CHART_FONT_LABEL,	/* ticks, categories, values, legend */
	CHART_FONT_SMALL,	/* notes, source, the sample mark */
	CHART_FONT_BIG,		/* the KPI number */
	CHART_FONT_MEDIUM,	/* the KPI unit and change */
	CHART_FONT__COUNT
};

enum chart_symbol {
	CHART_SYMBOL_CIRCLE,
	CHART_SYMBOL_SQUARE,
	CHART_SYMBOL_DIAMOND,
	CHART_SYMBOL_TRIANGLE,
	CHART_SYMBOL_TRIANGLE_DOWN,
	CHART_SYMBOL__COUNT
};

enum chart_dash {
	CHART_DASH_SOLID,
	CHART_DASH_DASHED,
	CHART_DASH_DOTTED
};

enum chart_mark_type {
	CHART_MARK_RECT,	/* x, y, w, h: filled and/or stroked, hatched for sample data */
	CHART_MARK_PATH,	/* pts: a polyline, or a polygon when closed */
	CHART_MARK_SYMBOL,	/* a marker centred on (x, y), w across */
	CHART_MARK_STATUS,	/* a status shape centred on (x, y), w across */
	CHART_MARK_TEXT		/* texts[text], at its label's box */
};

struct chart_mark {
	enum chart_mark_type	 type;
	double			 x, y, w, h;	/* pt, canvas */
	double			*pts;		/* owned: x, y pairs (PATH) */
	size_t			 npts;		/* pairs */
	uint32_t		 fill;		/* or CHART_NO_COLOR */
	uint32_t		 stroke;	/* or CHART_NO_COLOR */
	double			 width;		/* pt, stroke */
	enum chart_dash		 dash;
	bool			 hatch;		/* RECT: sample data */
	bool			 closed;	/* PATH: a polygon */
	bool			 hollow;	/* SYMBOL: outline only (sample data) */
	enum chart_symbol	 symbol;
	enum chart_status	 status;
	size_t			 text;		/* TEXT: index into the scene's texts */
};

/* A text measured with pango, not yet placed. */
struct chart_text {
	PangoLayout		*pl;		/* owned */
	double			 w, h;		/* pt, the logical box */
	double			 ox, oy;	/* pt, the logical box's offset from the layout's origin */
	double			 baseline;	/* pt from the box's top to the first line's baseline */
	size_t			 lines;
	bool			 fits;		/* inside the width and number of lines asked for */
	bool			 abbreviated;	/* shortened, with a note mark */
};

/* A text placed: its layout and the geometry label it became. */
struct chart_placed {
	PangoLayout		*pl;		/* owned */
	double			 ox, oy;
	uint32_t		 color;
	bool			 halo;		/* a pale ground, for text over lines and bars */
	size_t			 label;		/* index into the geometry's labels */
};

enum chart_swatch {
	CHART_SWATCH_RECT,	/* a bar */
	CHART_SWATCH_LINE,	/* a line, with a symbol unless symbol is __COUNT */
	CHART_SWATCH_SYMBOL,
	CHART_SWATCH_TICK	/* a short upright stroke (bullet targets) */
};

struct chart_legend {
	enum chart_swatch	 swatch;
	uint32_t		 color;
	enum chart_dash		 dash;
	enum chart_symbol	 symbol;
	bool			 hollow;	/* sample data: a hollow symbol, a hatched rect */
	char			*text;		/* owned */
};

/* Everything one chart_draw works with. */
struct chart_ctx {
	cairo_t			*cr;
	PangoContext		*pc;		/* borrowed */
	const struct chart	*c;
	struct chart_geometry	*geo;		/* the caller's, or the draw's own */
	struct diag_list	*diags;
	double			 w, h;		/* pt, the canvas */
	double			 k;		/* scale of type and strokes, 1 at 960 × 540 */
	double			 pad;		/* pt, canvas edge to content */
	double			 gap;		/* pt, between neighbours */
	PangoFontDescription	*fonts[CHART_FONT__COUNT]; /* owned */
	double			 size[CHART_FONT__COUNT];  /* pt */
	double			 line_h[CHART_FONT__COUNT]; /* pt, the logical height of one line */
	/* the region the frame leaves for the kind */
	double			 rx, ry, rw, rh;
	/* the scene of this pass */
	struct chart_mark	*marks;		/* owned */
	size_t			 mark_count, mark_cap;
	struct chart_placed	*texts;		/* owned */
	size_t			 text_count, text_cap;
	/* marks that labels keep off when they can: x, y, w, h boxes */
	double			*obstacles;	/* owned */
	size_t			 obstacle_count, obstacle_cap;
	/* legend entries: the kind's, then references that found no place */
	struct chart_legend	*legend;	/* owned */
	size_t			 legend_count, legend_cap;
	size_t			 legend_kind;	/* how many of them the kind gave */
	/* notes of abbreviated labels (their full texts, without marks): those the frame made room for,
	 * which only grow from pass to pass so that their numbers hold, and those this pass asked for */
	char			**notes;	/* owned: the reserved ones, drawn as ① … */
	size_t			 note_count;
	char			**pass_notes;	/* owned: asked for by this pass */
	size_t			 pass_note_count;
	int			 pass;		/* 0, 1, … */
	bool			 grow;		/* this pass asked for notes or legend entries not reserved */
	bool			 oom;
};

/* ---- kind.c: one switch for every kind (STYLE 1.4) ---- */

/* Kind-specific checks after parsing; reports with chart_error / chart_warn. */
void	chart_kind_check(struct chart *, struct diag_list *);
/* The kind's legend entries, before the frame is laid out. */
void	chart_kind_legend(struct chart_ctx *);
/* Lays the kind out in the region (rx, ry, rw, rh), adding marks and texts to the scene. */
void	chart_kind_layout(struct chart_ctx *);

void	chart_bar_check(struct chart *, struct diag_list *);
void	chart_bar_legend(struct chart_ctx *);
void	chart_bar_layout(struct chart_ctx *);
void	chart_line_check(struct chart *, struct diag_list *);
void	chart_line_legend(struct chart_ctx *);
void	chart_line_layout(struct chart_ctx *);
void	chart_bullet_check(struct chart *, struct diag_list *);
void	chart_bullet_legend(struct chart_ctx *);
void	chart_bullet_layout(struct chart_ctx *);
void	chart_dumbbell_check(struct chart *, struct diag_list *);
void	chart_dumbbell_legend(struct chart_ctx *);
void	chart_dumbbell_layout(struct chart_ctx *);
void	chart_kpi_check(struct chart *, struct diag_list *);
void	chart_kpi_legend(struct chart_ctx *);
void	chart_kpi_layout(struct chart_ctx *);

/* ---- parse.c ---- */

/* An error in the chart: recorded in diags, and the first becomes the chart's problem. */
void	chart_error(struct chart *, struct diag_list *, long line, const char *fmt, ...) DIAG_PRINTF(4, 5);
void	chart_warn(struct chart *, struct diag_list *, long line, const char *fmt, ...) DIAG_PRINTF(4, 5);
/* Removes point i of series s. */
void	chart_point_drop(struct chart_series *, size_t i);
/* Removes reference i. */
void	chart_ref_drop(struct chart *, size_t i);
/* Numbers the distinct x of all points as categories (t = index), in order of appearance. */
bool	chart_categories_make(struct chart *, struct diag_list *);
/* The category index of name, or -1. */
long	chart_category_find(const struct chart *, const char *name);
/* The chart's references of that kind: the first one, or NULL. */
const struct chart_ref *chart_ref_find(const struct chart *, enum chart_ref_kind);
/* Number of points over all series. */
size_t	chart_point_total(const struct chart *);

/* ---- format.c ---- */

/* Formats a value with the chart's precision. */
void	chart_value_format(char *buf, size_t size, const struct chart *, double v);
/* "78.5岁", "1.64‰", "12/10万". */
void	chart_value_unit_format(char *buf, size_t size, const struct chart *, double v, bool sign);
/* The label of a period tick at time t on a step-year axis: 2021, or 2021Q3 for quarter steps. */
void	chart_period_format(char *buf, size_t size, double t, double step);
/* The default label of a reference: "2025年目标 78.8", "基线 77.8". */
void	chart_ref_label(char *buf, size_t size, const struct chart *, const struct chart_ref *);
/* The n-th note mark: ①, ②, … ⑳, then [21] … */
void	chart_note_mark(char *buf, size_t size, size_t n);

/* ---- axis.c ---- */

/* A value axis mapped onto a span of the canvas: value min at p0, max at p1. */
struct chart_scale {
	struct chart_ticks	 t;
	double			 lo, hi;	/* the values at p0 and p1 when hi > lo; else t.min, t.max */
	double			 p0, p1;	/* pt */
};

double	chart_scale_pos(const struct chart_scale *, double v);
/*
 * Widens the scale past its ticks, as little as needed, so that a bar ending at v leaves need pt of
 * the len pt axis beyond its end for its label.
 */
void	chart_scale_room(struct chart_scale *, double v, double need, double len);
/* The values the value axis must show: points, references, the explicit axis range; with zero. */
void	chart_value_range(const struct chart *, bool zero, double *lo, double *hi);
/* Widens lo..hi by a few percent, so that no value sits on the plot's edge (lines, dumbbells). */
void	chart_value_pad(const struct chart *, double *lo, double *hi);
/* The value axis title: "人均预期寿命（岁）↑越高越好"; horizontal says which way the values run. */
void	chart_axis_title(char *buf, size_t size, const struct chart *, bool horizontal);
/* How many ticks fit in span pt when each needs room pt. */
size_t	chart_tick_budget(double span, double room);
/* Adds gridlines, tick labels (left of x0 for a vertical axis, below y0 for a horizontal one). */
void	chart_axis_vertical(struct chart_ctx *, const struct chart_scale *, double x0, double x1);
void	chart_axis_horizontal(struct chart_ctx *, const struct chart_scale *, double y0, double y1);
/* The widest tick label, pt. */
double	chart_ticks_width(struct chart_ctx *, const struct chart_ticks *);

/* ---- category.c ---- */

enum chart_cats_mode {
	CHART_CATS_FLAT,	/* horizontal, lines lines */
	CHART_CATS_WRAP,	/* horizontal, two lines */
	CHART_CATS_ROT45,
	CHART_CATS_ROT90
};

/* How the category labels of one axis are set. */
struct chart_cats {
	enum chart_cats_mode	 mode;
	size_t			 lines;		/* most lines a label may take */
	size_t			 every;		/* label every n-th category (1: all) */
	double			 width;		/* pt: wrap width, or the longest rotated label */
	double			 band;		/* pt: the room the labels take under the axis */
	double			 lh;		/* pt: one line of label text */
};

/* Chooses how to set category labels in slots slot pt wide with at most max_band pt under the axis. */
void	chart_cats_decide(struct chart_ctx *, double slot, double max_band, struct chart_cats *);
/* Places them under an axis at y: category i centred at x0 + (i + ½)·slot. */
void	chart_cats_place(struct chart_ctx *, const struct chart_cats *, double x0, double slot, double y);
/* Chooses how to set row labels in rows band pt high, at most max_width pt wide. */
void	chart_rows_decide(struct chart_ctx *, double band, double max_width, struct chart_cats *);
/* Places them right-aligned at right: row i centred on y0 + (i + ½)·band. */
void	chart_rows_place(struct chart_ctx *, const struct chart_cats *, double right, double y0,
	    double band);

/* ---- label.c ---- */

/*
 * Measures text in font f, wrapped at width pt (0: not wrapped) into at most max_lines. t->fits
 * says whether it kept to both. Returns false when out of memory (ctx->oom set).
 */
bool	chart_text_make(struct chart_ctx *, struct chart_text *, enum chart_font, const char *text,
	    double width, size_t max_lines, PangoAlignment);
/*
 * The same, shortened when it does not fit: the longest start of the text that fits with "…" and a
 * note mark (①, numbered by the note's text, so that it holds from pass to pass), the full text
 * going to the notes. On the last pass, a note the frame has no room for leaves "…" alone.
 */
bool	chart_text_fit(struct chart_ctx *, struct chart_text *, enum chart_font, const char *text,
	    double width, size_t max_lines, PangoAlignment);
/* The same, cut with "…" alone: where a note would not help (only every n-th label is shown). */
bool	chart_text_cut(struct chart_ctx *, struct chart_text *, enum chart_font, const char *text,
	    double width, size_t max_lines, PangoAlignment);
void	chart_text_free(struct chart_text *);
/*
 * Places t with the point (fx·w, fy·h) of its box at (ax, ay), rotated by angle about it, if the box
 * overlaps no placed label and lies inside the canvas. On success the scene takes the layout (t is
 * emptied) and the label's index is returned + 1; on refusal 0, and t stays the caller's.
 */
size_t	chart_text_place(struct chart_ctx *, struct chart_text *, enum chart_label_role, double ax,
	    double ay, double fx, double fy, double angle, uint32_t color);
/* The same, refusing also a place on a mark registered with chart_obstacle_add. */
size_t	chart_text_place_clear(struct chart_ctx *, struct chart_text *, enum chart_label_role,
	    double ax, double ay, double fx, double fy, double angle, uint32_t color);
/* A place to try for a label: the point (fx·w, fy·h) of its box at (ax, ay). */
struct chart_spot {
	double			 ax, ay, fx, fy;
};
/*
 * Places t, unrotated, at the first of the n spots that is free of labels and marks, else at the
 * first free of labels. Returns as chart_text_place.
 */
size_t	chart_text_place_first(struct chart_ctx *, struct chart_text *, enum chart_label_role,
	    const struct chart_spot *, size_t n, uint32_t color);
/* A mark (bar, marker, line) that labels should rather not cover: an axis-aligned box. */
void	chart_obstacle_add(struct chart_ctx *, double x, double y, double w, double h);
/* A segment as obstacles: small boxes along it. */
void	chart_obstacle_segment(struct chart_ctx *, double x0, double y0, double x1, double y1, double r);
/* chart_text_place, giving up the text when refused: counts it as dropped and frees it. */
size_t	chart_text_put(struct chart_ctx *, struct chart_text *, enum chart_label_role, double ax,
	    double ay, double fx, double fy, double angle, uint32_t color);
/* Gives the last text placed a pale ground, for text drawn over marks. */
void	chart_text_halo(struct chart_ctx *);
/* Would a box at these coordinates be free? */
bool	chart_box_free(struct chart_ctx *, double x, double y, double w, double h, double angle);
/* Asks for a note (copied); returns false when out of memory. */
bool	chart_note_add(struct chart_ctx *, const char *text);
/* True when the frame has room for this note on the current pass. */
bool	chart_note_reserved(const struct chart_ctx *, const char *text);
/*
 * A label with no free place on the plot goes to the legend instead: on this pass it is dropped and
 * the frame grows for the entry on the next; on the last pass it is only dropped.
 */
void	chart_legend_defer(struct chart_ctx *, enum chart_swatch, uint32_t color, enum chart_dash,
	    enum chart_symbol, const char *text);
/* Adds a legend entry (text copied). */
bool	chart_legend_add(struct chart_ctx *, enum chart_swatch, uint32_t color, enum chart_dash,
	    enum chart_symbol, bool hollow, const char *text);
/* True when a legend entry of that text exists. */
bool	chart_legend_has(const struct chart_ctx *, const char *text);

/* ---- draw.c: the scene ---- */

struct chart_mark *chart_mark_add(struct chart_ctx *, enum chart_mark_type);
void	chart_rect_add(struct chart_ctx *, double x, double y, double w, double h, uint32_t fill,
	    uint32_t stroke, double width, bool hatch);
void	chart_line_add(struct chart_ctx *, double x0, double y0, double x1, double y1, uint32_t color,
	    double width, enum chart_dash);
/* A polyline of n points (copied). */
void	chart_path_add(struct chart_ctx *, const double *pts, size_t n, uint32_t color, double width,
	    enum chart_dash, bool closed, uint32_t fill);
void	chart_symbol_add(struct chart_ctx *, enum chart_symbol, double x, double y, double size,
	    uint32_t color, bool hollow);
/* Records how a label problem was solved, once per text. */
void	chart_decide(struct chart_ctx *, const char *fmt, ...) DIAG_PRINTF(2, 3);
/* True on a pass after which the frame can no longer grow. */
bool	chart_last_pass(const struct chart_ctx *);

/* ---- mark.c ---- */

void	chart_symbol_path(cairo_t *, enum chart_symbol, double x, double y, double size);
/* The status shape and its inner sign, centred on (x, y), size across. */
void	chart_status_shape(cairo_t *, enum chart_status, double x, double y, double size);
void	chart_color_set(cairo_t *, uint32_t);

#endif
