/*
 * model: the plan model. Loads plans, the catalog and observations into plain C structs, parses the
 * printed baselines and targets, and evaluates each indicator at a period. The rest of the program
 * never walks the raw XML of a plan. Knows nothing of templates, layout or cairo.
 *
 * May be included by cli and by any later stage that reads plans (template enrichment); never by
 * layout, render or chart.
 */
#ifndef PLANREP_MODEL_H
#define PLANREP_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "planrep/diag.h"

/* ---- Targets: printed text, parsed ------------------------------------------------------------ */

enum model_target_kind {
	MODEL_TARGET_NONE,		/* — —— or empty: nothing printed */
	MODEL_TARGET_VALUE,		/* 27, 7.7 */
	MODEL_TARGET_AT_MOST,		/* ≤4.2, 5.25以下, 控制在20%以内 */
	MODEL_TARGET_BELOW,		/* ＜6.6, <0.17 */
	MODEL_TARGET_AT_LEAST,		/* ≥70, 85以上, 全部达到100 */
	MODEL_TARGET_ABOVE,		/* ＞78.2, >4.3 */
	MODEL_TARGET_ABOUT,		/* 7.5左右 */
	MODEL_TARGET_INCREASE_BY,	/* 提高1岁: baseline + number */
	MODEL_TARGET_INCREASE_PCT,	/* 提高30%: baseline × (1 + number/100) */
	MODEL_TARGET_DECREASE_PCT,	/* 减少15%: baseline × (1 − number/100) */
	MODEL_TARGET_ANNUAL_CHANGE,	/* 力争年均下降1个百分点: baseline + years × number (signed) */
	MODEL_TARGET_TREND,		/* 逐年下降, 稳步提高, …: qualitative */
	MODEL_TARGET_EXTERNAL,		/* 按省下达目标: set elsewhere */
	MODEL_TARGET_LIST		/* 100、100、98.5、100: several values, no single number */
};

enum model_direction {
	MODEL_DIR_NONE,		/* nothing says which way is better */
	MODEL_DIR_HIGHER,	/* higher is better */
	MODEL_DIR_LOWER,	/* lower is better */
	MODEL_DIR_NEITHER	/* said explicitly: neither way is better, reach the value */
};

enum model_unit_sense {
	MODEL_UNIT_SAME,	/* the number is in the indicator's unit */
	MODEL_UNIT_PERCENT,	/* the number is a percentage of the baseline */
	MODEL_UNIT_POINTS	/* the number is percentage points */
};

struct model_target {
	enum model_target_kind	 kind;
	double			 number;	/* the printed number; NaN when none (trend, external, none) */
	bool			 strict;	/* bound excludes the number (<, >) */
	bool			 aspirational;	/* 力争: a goal to strive for */
	enum model_unit_sense	 unit_sense;
	enum model_direction	 hint;		/* the direction the wording implies, MODEL_DIR_NONE if none */
};

/*
 * Parses a printed baseline or target. Never fails: text it cannot read is MODEL_TARGET_TREND (a
 * qualitative target). Returns false only for that fallback, so callers can tell "read" from "guessed".
 */
bool		model_target_parse(const char *text, struct model_target *out);

const char	*model_target_kind_name(enum model_target_kind);
const char	*model_direction_name(enum model_direction);

/* The number a baseline states (value, about, a bound), or NaN when it states none. */
double		model_target_baseline_value(const struct model_target *baseline);

/*
 * The numeric target that follows from the parsed target and the baseline over `years` years, or NaN
 * when none follows (qualitative, external, or a relative target without a numeric baseline).
 */
double		model_target_derive(const struct model_target *target, double baseline, int years);

/* ---- Catalog ------------------------------------------------------------------------------------ */

struct model_catalog_entry {
	char			 *id;		/* owned */
	char			 *name_zh;	/* owned */
	char			 *name_en;	/* owned */
	char			 *unit;		/* owned, canonical unit */
	enum model_direction	  direction;
	char			**aliases;	/* owned array of owned strings */
	size_t			  alias_count;
	long			  line;		/* source line */
};

struct model_catalog {
	char				*path;		/* owned */
	struct model_catalog_entry	*entries;	/* owned */
	size_t				 count;
};

/* Loads and validates the catalog. Returns it (caller frees) or NULL with the reasons in diags. */
struct model_catalog	*model_catalog_load(const char *path, struct diag_list *);
void			 model_catalog_free(struct model_catalog *);
/* The entry with that id, or NULL. Borrowed from the catalog. */
const struct model_catalog_entry *model_catalog_find(const struct model_catalog *, const char *id);

/* ---- Plans -------------------------------------------------------------------------------------- */

struct model_indicator {
	size_t			 seq;		/* printed (or assigned) sequence number, unique in a plan */
	bool			 seq_printed;
	char			*category;	/* owned, as printed; "" when the table has none */
	char			*name;		/* owned, as printed, without unit */
	char			*unit;		/* owned, as printed; "" when none */
	char			*baseline_text;	/* owned, as printed */
	char			*target_text;	/* owned, as printed */
	char			*attribute;	/* owned: 预期性 or 约束性 */
	char			*ref;		/* owned catalog id, or NULL */
	char			*mark;		/* owned mark after the name (*), or NULL */
	enum model_direction	 direction_attr; /* the row's @direction, MODEL_DIR_NONE if absent */
	struct model_target	 baseline;
	struct model_target	 target;
	long			 line;		/* source line of the <indicator> */
};

struct model_plan {
	char			*path;		/* owned: the file it was loaded from */
	char			*id;		/* owned: plan/@id */
	char			*jurisdiction;	/* owned */
	char			*level;		/* owned */
	char			*province;	/* owned */
	char			*parent;	/* owned, or NULL */
	char			*title;		/* owned */
	char			*issuer;	/* owned, or NULL */
	char			*doc_number;	/* owned, or NULL */
	char			*date;		/* owned, or NULL */
	bool			 draft;
	char			*status_printed; /* owned, or NULL */
	int			 period_start;	/* 2021 */
	int			 period_end;	/* 2025 */
	int			 baseline_year;	/* 2020 */
	char			*source;	/* owned: the seed file */
	char			*caption;	/* owned: the indicator table's caption, or NULL */
	struct model_indicator	*indicators;	/* owned, in printed order */
	size_t			 indicator_count;
	size_t			 section_count;	/* sections in the text, all levels */
	size_t			 box_count;	/* 专栏 boxes */
	size_t			 paragraph_count;
};

/*
 * Loads and validates a plan file (schema/plan.rng, then the checks the schema cannot express:
 * unique seq). Returns the plan (caller frees with model_plan_free) or NULL with the reasons in diags.
 */
struct model_plan	*model_plan_load(const char *path, struct diag_list *);
/* The same from the size bytes at data (a plan file's content); name is used in diagnostics. */
struct model_plan	*model_plan_parse(const char *data, size_t size, const char *name,
			    struct diag_list *);
void			 model_plan_free(struct model_plan *);
const struct model_indicator *model_plan_find(const struct model_plan *, size_t seq);

/* The direction used for an indicator: its @direction, the catalog's, the target's wording. */
enum model_direction	 model_indicator_direction(const struct model_indicator *,
			    const struct model_catalog *);

/* ---- Observations ------------------------------------------------------------------------------- */

struct model_period {
	int		 year;
	int		 quarter;	/* 1–4, or 0 for a whole year */
};

/* Parses "2023" or "2024Q2". Returns false when the text is neither. */
bool	model_period_parse(const char *text, struct model_period *out);
/* The period's end as a time in years: end of 2020 is 2021.0, end of 2024Q2 is 2024.5. */
double	model_period_time(struct model_period);
/* Writes "2023" or "2024Q2" into buf (at least 8 bytes). */
void	model_period_format(struct model_period, char *buf, size_t size);

struct model_obs {
	size_t			 seq;		/* indicator seq in the plan */
	struct model_period	 period;
	double			 value;
	char			*value_text;	/* owned, as written in the file */
	bool			 sample;	/* invented: must be labelled 示例数据 */
	char			*source;	/* owned */
	long			 line;
};

struct model_observations {
	char			*path;		/* owned */
	char			*plan;		/* owned: the plan id they belong to */
	struct model_obs	*items;		/* owned, in file order */
	size_t			 count;
};

/* Loads and validates an observations file. Returns it (caller frees) or NULL with reasons in diags. */
struct model_observations *model_observations_load(const char *path, struct diag_list *);
void			 model_observations_free(struct model_observations *);
/* The latest period observed for any indicator; false when there is none. */
bool			 model_observations_latest(const struct model_observations *, struct model_period *);

/* ---- Evaluation --------------------------------------------------------------------------------- */

enum model_status {
	MODEL_STATUS_MET,
	MODEL_STATUS_ON_TRACK,
	MODEL_STATUS_BEHIND,
	MODEL_STATUS_OFF_TRACK,
	MODEL_STATUS_NO_DATA,
	MODEL_STATUS_NOT_ASSESSABLE
};
#define MODEL_STATUS_COUNT 6

/*
 * Relative tolerance of the trajectory and baseline comparisons, as a share of |target − baseline|:
 * a value within it counts as on the trajectory (on track) or at the baseline (not off track).
 */
#define MODEL_EVAL_TOLERANCE 0.01

struct model_eval {
	enum model_status	 status;
	enum model_direction	 direction;	/* the direction used */
	double			 baseline;	/* numeric baseline, NaN if none */
	double			 target;	/* numeric 2025 target, NaN if none */
	double			 trajectory;	/* the trajectory's value at the period, NaN if none */
	const struct model_obs	*latest;	/* borrowed from the observations, NULL if none */
};

/*
 * Evaluates one indicator at period (observations at or before it count; the latest wins).
 * obs and catalog may be NULL.
 */
void	model_eval_indicator(const struct model_plan *, const struct model_indicator *,
	    const struct model_catalog *, const struct model_observations *,
	    struct model_period, struct model_eval *out);

/*
 * The status of value v at time t (years, see model_period_time) against numeric baseline b (at
 * time t0) and target T (at time t1), for direction dir and target kind. The core rule, exposed so
 * that tests can pin it down.
 */
enum model_status model_eval_status(const struct model_target *target, enum model_direction dir,
	    double b, double T, double t0, double t1, double v, double t);

const char	*model_status_name(enum model_status);

/* ---- Checks a careful planner wants flagged (warnings, never errors) ---------------------------- */

/*
 * Cross-checks a plan against the catalog (which may be NULL): an unknown ref is an error; a target
 * on the wrong side of the baseline for the direction, a unit other than the catalog's, a ref whose
 * printed name matches none of the entry's aliases are warnings. Appends them, with file:line.
 */
void	model_plan_check(const struct model_plan *, const struct model_catalog *, struct diag_list *);

/*
 * Cross-checks observations against their plan: an observation for an indicator the plan lacks, or
 * a real observation of the baseline year that differs from the printed baseline, is a warning; a
 * file for another plan is an error.
 */
void	model_observations_check(const struct model_observations *, const struct model_plan *,
	    struct diag_list *);

/* ---- The enriched tree templates read ----------------------------------------------------- */

#define MODEL_EVAL_NS "urn:planrep:eval"

/*
 * Writes the evaluation of every indicator into doc, the parsed plan file the plan was loaded from,
 * so that templates read status and numbers instead of computing them (docs/templates.md, "The
 * enriched plan"): an e:eval child on each indicator (period, status, direction, parsed and derived
 * target, baseline value, trajectory, latest and previous observation and status, progress, the
 * observations themselves), and an e:summary on the plan (status counts, whether samples were used,
 * the previous period, the data-quality warnings in `warnings`). have_period false: no observations.
 * Returns false when out of memory or when doc does not match plan.
 */
bool	model_plan_enrich(xmlDocPtr doc, const struct model_plan *, const struct model_catalog *,
	    const struct model_observations *, struct model_period at, bool have_period,
	    const struct diag_list *warnings, struct diag_list *);

/* One plan file made ready for a template: the model, the period, and the enriched tree. */
struct model_enriched {
	struct model_plan		*plan;	/* owned */
	struct model_observations	*obs;	/* owned, or NULL when there are none */
	struct model_period		 at;	/* the period evaluated at */
	bool				 have;	/* false: no observations and no period given */
	xmlDocPtr			 doc;	/* owned: the plan's tree with e:eval and e:summary */
};

/*
 * Loads the plan at path and the observations at obs_path (NULL: none), checks them against the
 * catalog (may be NULL), picks the period (period, else the latest observed, else the plan's end
 * year), parses the plan's tree and writes the evaluation into it, with the data warnings found.
 * Returns false with the reasons in diags (the struct is then empty); free with model_enriched_free.
 */
bool	model_enriched_load(struct model_enriched *, const char *path, const char *obs_path,
	    const struct model_catalog *, const char *period, struct diag_list *);
void	model_enriched_free(struct model_enriched *);

/*
 * A tree of several enriched plans for templates that look across jurisdictions: an e:plans root
 * holding a copy of each plan's root element, in the order given, and of the catalog's (when not
 * NULL). Returns it (caller frees with xmlFreeDoc) or NULL when out of memory (recorded in diags).
 */
xmlDocPtr model_plans_tree(xmlDocPtr const *plans, size_t count, xmlDocPtr catalog, struct diag_list *);

/* The period before p: the previous quarter of a quarter, the previous year of a year. */
struct model_period model_period_previous(struct model_period p);

#endif
