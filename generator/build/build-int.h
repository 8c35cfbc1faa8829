/*
 * build-int.h: shared by the files of the build module (generator/build/) only.
 */
#ifndef PLANREP_BUILD_INT_H
#define PLANREP_BUILD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "planrep/build.h"
#include "planrep/diag.h"

/* A growable byte buffer (STYLE 4.3). */
struct build_buf {
	char	*data;		/* owned, NUL-terminated when not NULL */
	size_t	 len;
	size_t	 cap;
	bool	 oom;		/* an append failed: the content is incomplete */
};

void	build_buf_add(struct build_buf *, const void *data, size_t size);
void	build_buf_puts(struct build_buf *, const char *);
void	build_buf_printf(struct build_buf *, const char *fmt, ...) DIAG_PRINTF(2, 3);
void	build_buf_free(struct build_buf *);

/* One input a product depends on: a name people recognise and the hash of its content. */
struct build_dep {
	char		*name;		/* owned: "plans/yuncheng.xml", "templates/plan.xsl", "product" */
	uint64_t	 hash;
};

/* What the last build recorded about one plan, for the index page. */
struct build_plan_info {
	char		*id;		/* owned */
	char		*jurisdiction;	/* owned */
	char		*period;	/* owned: the period evaluated at, "" when no observations */
	uint64_t	 hash;		/* plan, observations and catalog, as when evaluated */
	bool		 samples;	/* sample observations were used: 示例数据 */
	size_t		 counts[6];	/* per enum model_status */
};

/* What the state file says of one product (and what a worker reports). */
struct build_record {
	char			*key;		/* owned: "plan/yuncheng" */
	struct build_dep	*deps;		/* owned, sorted by name */
	size_t			 dep_count;
	char			**outputs;	/* owned paths relative to output/, in the order written */
	size_t			 output_count;
	char			*thumb;		/* owned, relative to output/, or NULL */
	char			*title;		/* owned, or NULL */
	size_t			 pages;
};

void	build_record_clear(struct build_record *);
bool	build_record_add_output(struct build_record *, const char *path);

struct build_state {
	struct build_record	*records;	/* owned */
	size_t			 count;
	size_t			*slots;		/* owned: records by key, open addressing, 1 + index (0: empty) */
	size_t			 slot_count;	/* a power of two, at least twice count; 0: no index yet */
	struct build_plan_info *plans;	/* owned */
	size_t		 plan_count;
};

/* Reads a state file; a missing file is an empty state. Returns false with a warning when unreadable. */
bool	build_state_load(struct build_state *, const char *path, struct diag_list *);
/* Writes the state atomically (temporary file, then rename). Returns false with diagnostics. */
bool	build_state_save(const struct build_state *, const char *path, struct diag_list *);
void	build_state_free(struct build_state *);
/* The record of a job's key, or NULL: a hash lookup, so that a build of thousands of jobs stays linear. */
struct build_record	*build_state_find(const struct build_state *, const char *key);
/* Puts r in the state in place of the record of the same key; takes r's content (r is cleared). */
bool	build_state_put(struct build_state *, struct build_record *);
void	build_state_drop(struct build_state *, const char *key);
struct build_plan_info *build_state_plan(const struct build_state *, const char *id);
bool	build_state_put_plan(struct build_state *, struct build_plan_info *);
void	build_plan_info_clear(struct build_plan_info *);

/* One product of one plan (or of all of them together): the unit that is built, selected, sharded. */
struct build_job {
	const struct build_product *product;	/* borrowed from the manifest */
	char			*key;		/* owned: "<name>/<id>", or "<name>" when together */
	char			**plan_ids;	/* owned */
	char			**plan_paths;	/* owned: <input>/plans/<id>.xml */
	size_t			 plan_count;
	char			*path;		/* owned: the pattern with {id} and the first format */
	struct build_dep	*deps;		/* owned, sorted by name */
	size_t			 dep_count;
	char			*reason;	/* owned: why it is built, or NULL when up to date */
	bool			 selected;	/* by --shard and --only */
};

void	build_job_clear(struct build_job *);

/* What a worker needs, loaded once in the parent before the workers are forked. */
struct build_worker_env {
	const char	*input;		/* borrowed */
	const char	*output;	/* borrowed: the output folder */
	char		*output_real;	/* owned: its canonical path, for the symlink check */
	const struct build_manifest *manifest;	/* borrowed */
	struct layout_fonts	*fonts;		/* owned */
	struct model_catalog	*catalog;	/* owned, or NULL when there is none */
	char			*catalog_path;	/* owned, or NULL */
	struct template		**templates;	/* owned, one per product of the manifest, NULL when
						 * no job of it is built */
};

/*
 * Builds one job in the calling (worker) process and writes what happened to fd as messages
 * (see worker.c). Never returns a value: the parent learns everything from the messages.
 */
void	build_worker_run(const struct build_worker_env *, const struct build_job *, int fd);

/*
 * Reads a worker's messages into r (outputs, thumbnail, pages, title), plans (what it saw of each
 * plan, without the hash) and diags. ok: the worker said it finished and succeeded. Returns false
 * when the messages are cut short (the worker died) or memory ran out.
 */
bool	build_worker_result_parse(char *data, size_t size, struct build_record *r, struct build_state *plans,
	    struct diag_list *diags, bool *ok);

/* ---- Files under output/ (files.c) ---- */

/* mkdir -p of the folder holding the file at path. Returns false with a diagnostic. */
bool	build_files_make_dirs(const char *path, struct diag_list *);

/*
 * True when writing path (a file somewhere under the output folder whose canonical path is root)
 * stays inside it: no existing folder on the way is a symbolic link out, nor is the file itself a
 * symbolic link. Reports otherwise, naming file:line.
 */
bool	build_files_inside(const char *root, const char *path, const char *file, long line,
	    struct diag_list *);

/* True when the name is one render/output.c gives a temporary file: ".<name>.XXXXXX". */
bool	build_files_is_temporary(const char *name);

/* Removes temporary files left anywhere under dir. Returns how many were removed. */
size_t	build_files_sweep(const char *dir);

/* Removes the file at dir/rel and then the folders it leaves empty up to dir. */
void	build_files_remove(const char *dir, const char *rel);

/* Lists the plan ids of <input>/plans/ (files *.xml), sorted. Returns false when the folder cannot be read. */
bool	build_files_list_plans(const char *input, char ***ids, size_t *count);

/* ---- Index page (index.c) ---- */

struct build_index_failure {
	const char	*key;		/* borrowed */
	const char	*path;		/* borrowed */
	const char	*message;	/* borrowed: the first error */
};

/*
 * The HTML of output/index.html for the jobs (in manifest order), the state (whose plan records must
 * be current) and this run's failures. Returns it (caller frees) or NULL when out of memory.
 */
char	*build_index_html(const struct build_job *jobs, size_t job_count, const struct build_state *,
	    const struct build_index_failure *failures, size_t failure_count);

/* ---- Planning (plan.c) ---- */

struct build_plan_ctx {
	const struct build_manifest	*manifest;
	const char			*input;
	char				**plan_ids;	/* every plan in input/plans, sorted */
	size_t				 plan_count;
	struct build_hash_cache		*cache;
};

/* Expands the manifest into jobs in a stable order, with their dependencies. Returns false (diags). */
bool	build_plan_jobs(struct build_plan_ctx *, struct build_job **jobs, size_t *count, struct diag_list *);

/* Fills each job's reason from the state: NULL when its inputs and outputs are as recorded. */
void	build_plan_compare(struct build_job *jobs, size_t count, struct build_state *, const char *output,
	    bool force);

/* The hash of a plan's inputs (plan, observations, catalog) for the index, from the cache. */
uint64_t build_plan_input_hash(struct build_plan_ctx *, const char *id);

void	build_plan_ctx_free(struct build_plan_ctx *);

/* The file name of a plan's observations, "<input>/observations/<id>.xml". Caller frees. */
char	*build_plan_obs_path(const char *input, const char *id);

/* Percent-escapes tab, newline, carriage return and % for the line-based files; caller frees. */
char	*build_field_escape(const char *);
char	*build_field_unescape(const char *);

#endif
