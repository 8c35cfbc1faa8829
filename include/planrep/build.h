/*
 * build: the batch build. Reads a manifest (input/build.xml, schema/build.rng, docs/build.md) that
 * lists products, plans every product for the plans it names, decides by content hashes which of them
 * are out of date, and builds those in parallel worker processes: template, document, layout and
 * drawing, every file written atomically under output/. Records what it built in a state file inside
 * output/ and writes output/index.html.
 *
 * The module never prints: everything a person sees (progress, one line per product, diagnostics,
 * the summary) goes through the event callback the caller gives, and the outcome is returned.
 *
 * May be included by cli only: it is the top of the pipeline and uses every stage below it.
 */
#ifndef PLANREP_BUILD_H
#define PLANREP_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "planrep/diag.h"

/* ---- The manifest --------------------------------------------------------------------------- */

enum build_shape {
	BUILD_DOCUMENT,		/* template → one document → one file per format */
	BUILD_CHARTS		/* template → one document → one file per <chart id> per format */
};

#define BUILD_FORMAT_PDF	0x1u
#define BUILD_FORMAT_SVG	0x2u
#define BUILD_FORMAT_PNG	0x4u

struct build_param {
	char		*name;		/* owned */
	char		*value;		/* owned; may hold {id} and {period} */
};

struct build_product {
	char			*name;		/* owned: unique in the manifest, [a-z0-9-] */
	char			*title;		/* owned: what it is, for the index page, or NULL */
	enum build_shape	 shape;
	char			*template;	/* owned: as written */
	char			*template_path;	/* owned: resolved (see docs/build.md, "template") */
	char			**plans;	/* owned list of plan ids; NULL: every plan in input/plans */
	size_t			 plan_count;
	bool			 together;	/* one document from all its plans (no {id}) */
	char			*output;	/* owned: the path pattern, relative to output/ */
	unsigned		 formats;	/* BUILD_FORMAT_* bits */
	double			 dpi;		/* PNG resolution; 0 = render's default */
	struct build_param	*params;	/* owned */
	size_t			 param_count;
	long			 line;		/* the product's line in the manifest */
};

struct build_manifest {
	char			*path;		/* owned: the file it was read from */
	struct build_product	*products;	/* owned, in manifest order */
	size_t			 count;
};

/*
 * Reads and validates a manifest (schema/build.rng), then checks what the schema cannot: unique
 * names, output patterns that stay inside output/ (no "..", no absolute path, no hidden component,
 * known variables only, {id} exactly when the product is per plan, {chart} exactly for chart sets,
 * {format} when there are several formats). Returns the manifest (caller frees) or NULL with every
 * problem in diags as file:line.
 */
struct build_manifest	*build_manifest_load(const char *path, struct diag_list *);
/* The same from the size bytes at data (a manifest's content); name is used in diagnostics. */
struct build_manifest	*build_manifest_parse(const char *data, size_t size, const char *name,
			    struct diag_list *);
void			 build_manifest_free(struct build_manifest *);

/*
 * The pattern with its variables put in: {id}, {period}, {chart}, {format}; a variable whose value
 * is NULL stays as written (a product's display name before its period is known). Caller frees;
 * NULL when out of memory.
 */
char	*build_pattern_expand(const char *pattern, const char *id, const char *period,
	    const char *chart, const char *ext);

/*
 * Checks one output path pattern as the manifest loader does; errors name file:line. Returns true when
 * the pattern is acceptable. Exposed for tests.
 */
bool	build_pattern_check(const char *pattern, enum build_shape, bool together, unsigned formats,
	    const char *file, long line, struct diag_list *);

/* ---- Hashing -------------------------------------------------------------------------------- */

/* FNV-1a, 64 bits (the offset basis and prime of the published definition). */
#define BUILD_HASH_INIT	0xcbf29ce484222325ull

uint64_t	build_hash_bytes(uint64_t h, const void *data, size_t size);
uint64_t	build_hash_string(uint64_t h, const char *s);	/* the bytes and a terminating 0 */
/* The hash of a file's content; false when it cannot be read (errno says why). */
bool		build_hash_file(const char *path, uint64_t *out);

/* ---- Selection ------------------------------------------------------------------------------ */

/* True when the glob (fnmatch: *, ?, [...]; * also crosses '/') matches the path. */
bool	build_glob_match(const char *glob, const char *path);

/* Parses "K/N" (1 ≤ K ≤ N ≤ 100000). Returns false when the text is not that. */
bool	build_shard_parse(const char *text, size_t *k, size_t *n);

/* True when the product at index (0-based, in the stable order of the plan) belongs to shard K/N. */
bool	build_shard_has(size_t index, size_t k, size_t n);

/* ---- Running a build ------------------------------------------------------------------------ */

enum build_event_type {
	BUILD_EVENT_PLANNED,	/* dry run: a product that would be built, and why */
	BUILD_EVENT_STARTED,	/* a worker took a product */
	BUILD_EVENT_FINISHED,	/* a product was built, or failed */
	BUILD_EVENT_TICK,	/* nothing new: time passed (for a progress line) */
	BUILD_EVENT_REMOVED	/* an output no product makes any more was removed (or would be) */
};

struct build_event {
	enum build_event_type	 type;
	const char		*product;	/* borrowed: "plan/yuncheng", or NULL */
	const char		*path;		/* borrowed: first output, relative to output/ */
	const char		*reason;	/* borrowed: why it is built (changed inputs), or NULL */
	bool			 ok;		/* FINISHED: every file written */
	size_t			 files;		/* FINISHED: files written */
	size_t			 pages;		/* FINISHED: pages (charts, for a set) */
	bool			 chart_set;	/* the product is a chart set */
	double			 seconds;	/* FINISHED: wall time of the product */
	const struct diag_list	*diags;		/* FINISHED: the product's diagnostics, borrowed */
	/* progress, for every event */
	size_t			 done;		/* products finished (built or failed) */
	size_t			 total;		/* products to build in this run */
	size_t			 failed;
	const char		*running;	/* borrowed: the product started most recently, or NULL */
	double			 elapsed;	/* seconds since the build started */
};

typedef void (*build_event_fn)(const struct build_event *, void *arg);

struct build_options {
	const char	*input;		/* the input folder: plans/, catalog.xml, observations/ */
	const char	*output;	/* the output folder; created when missing */
	const char	*manifest;	/* NULL: <input>/build.xml */
	size_t		 jobs;		/* worker processes; 0: the number of cores */
	bool		 force;		/* rebuild every selected product */
	bool		 dry_run;	/* say what would be built and why; write nothing */
	const char	*only;		/* a glob on output paths relative to output/, or NULL */
	size_t		 shard_k;	/* 1-based; with shard_n */
	size_t		 shard_n;	/* 0: no sharding */
	double		 tick;		/* seconds between TICK events; 0: none */
	build_event_fn	 event;		/* may be NULL */
	void		*event_arg;
};

enum build_outcome {
	BUILD_OK,		/* every selected product is up to date or was built */
	BUILD_FAILED,		/* some product failed (each one said why in its event) */
	BUILD_BAD_INPUT,	/* the manifest or the input folder could not be used; nothing built */
	BUILD_INTERRUPTED	/* SIGINT or SIGTERM: workers stopped, temporary files removed */
};

struct build_summary {
	size_t		 products;	/* in the manifest, all plans expanded */
	size_t		 selected;	/* after --shard and --only */
	size_t		 built;
	size_t		 up_to_date;
	size_t		 failed;
	size_t		 removed;	/* stale files removed: leftovers of a killed build, old outputs */
	double		 seconds;
	int		 signal;	/* BUILD_INTERRUPTED: the signal that stopped the build */
};

/*
 * Runs a build. Problems that stop the whole build (manifest, input folder, output folder) go to
 * diags; each product's own problems go with its FINISHED event. Installs handlers for SIGINT and
 * SIGTERM for its duration and restores the previous ones.
 */
enum build_outcome	 build_run(const struct build_options *, struct build_summary *, struct diag_list *);

#endif
