/*
 * build/run.c: build_run, the batch build from start to end.
 *
 *  1. Read the manifest and list the plans; expand the products into jobs, in a stable order, each
 *     with the hashes of what it depends on (plan.c). Select by --shard, then --only.
 *  2. Read the state (state.c) and decide which selected jobs are out of date and why. Nothing has
 *     been loaded yet but hashes: a build with nothing to do stops after this and the index check,
 *     having written nothing.
 *  3. Remove what a killed build left (temporary files) and the outputs of jobs the manifest no
 *     longer has.
 *  4. Load the fonts, the catalog and the templates the jobs need, once, then fork -j workers: they
 *     share what was loaded (copy on write) and pay only for their own plans, layout and drawing.
 *     A worker takes one job at a time through a pipe and reports on another (worker.c), and lives
 *     until the queue is empty, so that its fonts, shaping and glyph caches, warmed by its first job,
 *     serve the next ones (a warm product costs about two thirds of a cold one). A worker that
 *     crashes fails its job and nothing else; the next job gets a new worker.
 *  5. Record each job that succeeded in the state, after its files are in place; save the state
 *     now and then (atomically) so that a killed build loses little, and at the end.
 *  6. Write output/index.html when its content changes.
 * SIGINT and SIGTERM stop the workers, remove the temporary files they leave, save the state of
 * what was finished, and return BUILD_INTERRUPTED.
 *
 * The output folder is locked (flock) for the build, so that two builds into one folder do not
 * remove each other's temporary files.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include "planrep/layout.h"
#include "planrep/model.h"
#include "planrep/render.h"
#include "planrep/template.h"
#include "planrep/xml.h"
#include "build-int.h"

#define STATE_NAME	".planrep-state"
#define SAVE_EVERY	1.0	/* seconds between saves of the state while building */

/* The signal that asked the build to stop, and the pipe that wakes poll() for it. */
static volatile sig_atomic_t	 stop_signal;
static int			 wake[2] = { -1, -1 };

static void
on_signal(int sig)
{
	int	 saved = errno;

	stop_signal = sig;
	if (wake[1] != -1)
		(void)write(wake[1], "", 1);
	errno = saved;
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A worker process: started when first needed, given jobs one at a time until the queue is empty. */
struct slot {
	pid_t			 pid;		/* 0: no process */
	int			 fd;		/* read end of its report pipe */
	int			 cmd;		/* write end of its job pipe */
	bool			 busy;		/* building job */
	size_t			 job;		/* index into the jobs */
	struct build_buf	 data;		/* what it reported of job so far */
	double			 started;
};

/* Everything one build_run keeps. */
struct run {
	const struct build_options	*o;
	struct build_summary		*sum;
	struct diag_list		*diags;
	struct build_manifest		*manifest;
	struct build_plan_ctx		 ctx;
	struct build_job		*jobs;
	size_t				 job_count;
	struct build_state		 state;
	char				 state_path[PATH_MAX];
	bool				 state_changed;
	struct build_worker_env		 env;
	struct slot			*slots;
	size_t				 slot_count;
	size_t				*queue;		/* indices of the jobs to build */
	size_t				 queue_count;
	size_t				 next;		/* next in the queue to start */
	size_t				 running;
	struct build_index_failure	*failures;	/* owned array; messages owned */
	size_t				 failure_count;
	const char			*last_started;
	double				 t0, last_save;
	struct diag_list		 common;	/* what fails every job (catalog) */
};

static void
emit(struct run *r, struct build_event *ev)
{
	ev->done = r->sum->built + r->sum->failed;
	ev->total = r->queue_count;
	ev->failed = r->sum->failed;
	ev->running = r->last_started;
	ev->elapsed = now() - r->t0;
	if (r->o->event != NULL)
		r->o->event(ev, r->o->event_arg);
}

/* True when a plan's file name is an id: [a-z][a-z0-9-]{0,63}. */
static bool
id_ok(const char *id)
{
	size_t	 i, n = strlen(id);

	if (n == 0 || n > 64 || id[0] < 'a' || id[0] > 'z')
		return false;
	for (i = 1; i < n; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') || id[i] == '-'))
			return false;
	return true;
}

/* --only: the glob against every path the job makes or made. */
static bool
only_matches(struct run *r, const struct build_job *j)
{
	static const char *const exts[] = { "pdf", "svg", "png" };
	const struct build_record	*rec;
	char				 path[PATH_MAX];
	const char			*p, *id = j->plan_count ? j->plan_ids[0] : "";
	size_t				 i, k, o;

	if (build_glob_match(r->o->only, j->path))
		return true;
	/* The pattern again with each of its formats: j->path holds the first only. */
	if (strstr(j->product->output, "{format}") != NULL)
		for (k = 0; k < 3; k++) {
			if ((j->product->formats & (1u << k)) == 0)
				continue;
			for (p = j->product->output, o = 0; *p != '\0' && o + 16 < sizeof(path); p++) {
				if (strncmp(p, "{format}", 8) == 0) {
					o += (size_t)snprintf(path + o, sizeof(path) - o, "%s", exts[k]);
					p += 7;
				} else if (strncmp(p, "{id}", 4) == 0 && !j->product->together) {
					o += (size_t)snprintf(path + o, sizeof(path) - o, "%s", id);
					p += 3;
				} else
					path[o++] = *p;
				if (o >= sizeof(path))
					o = sizeof(path) - 1;
			}
			path[o] = '\0';
			if (build_glob_match(r->o->only, path))
				return true;
		}
	if ((rec = build_state_find(&r->state, j->key)) != NULL)
		for (i = 0; i < rec->output_count; i++)
			if (build_glob_match(r->o->only, rec->outputs[i]))
				return true;
	return false;
}

/* Reads the state: this build's own file and, unsharded, what shards gathered here left. */
static void
load_state(struct run *r)
{
	struct build_state	 other;
	DIR			*d;
	struct dirent		*e;
	char			 path[PATH_MAX];
	size_t			 i;

	if (r->o->shard_n > 0)
		snprintf(r->state_path, sizeof(r->state_path), "%s/%s-%zu-of-%zu", r->o->output, STATE_NAME,
		    r->o->shard_k, r->o->shard_n);
	else
		snprintf(r->state_path, sizeof(r->state_path), "%s/%s", r->o->output, STATE_NAME);
	build_state_load(&r->state, r->state_path, r->diags);
	if (r->o->shard_n > 0 || (d = opendir(r->o->output)) == NULL)
		return;
	/* Shards' states gathered into this folder: their jobs are as good as ours (docs/distributed.md). */
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, STATE_NAME "-", sizeof(STATE_NAME)) != 0 ||
		    build_files_is_temporary(e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", r->o->output, e->d_name);
		memset(&other, 0, sizeof(other));
		if (build_state_load(&other, path, r->diags)) {
			for (i = 0; i < other.count; i++)
				if (build_state_find(&r->state, other.records[i].key) == NULL)
					build_state_put(&r->state, &other.records[i]);
			for (i = 0; i < other.plan_count; i++)
				if (build_state_plan(&r->state, other.plans[i].id) == NULL)
					build_state_put_plan(&r->state, &other.plans[i]);
		}
		build_state_free(&other);
		if (!r->o->dry_run) {
			unlink(path);	/* merged: this folder's state holds it from now on */
			r->state_changed = true;
		}
	}
	closedir(d);
}

/* Removes the outputs of jobs the manifest no longer has (with their records). */
static void
prune(struct run *r)
{
	struct build_record	*rec;
	struct build_event	 ev;
	size_t			 i, k;
	bool			*kept;

	/* The records some job still has, found by key: linear in jobs, not jobs × records. */
	if ((kept = calloc(r->state.count + 1, sizeof(*kept))) == NULL)
		return;		/* nothing pruned this time; the next build tries again */
	for (k = 0; k < r->job_count; k++)
		if ((rec = build_state_find(&r->state, r->jobs[k].key)) != NULL)
			kept[rec - r->state.records] = true;
	for (i = 0; i < r->state.count; ) {
		rec = &r->state.records[i];
		if (kept[i]) {
			i++;
			continue;
		}
		for (k = 0; k < rec->output_count; k++) {
			memset(&ev, 0, sizeof(ev));
			ev.type = BUILD_EVENT_REMOVED;
			ev.product = rec->key;
			ev.path = rec->outputs[k];
			ev.reason = "no product of the manifest makes it any more";
			emit(r, &ev);
			if (!r->o->dry_run)
				build_files_remove(r->o->output, rec->outputs[k]);
			r->sum->removed++;
		}
		if (r->o->dry_run) {
			i++;
			continue;
		}
		if (rec->thumb != NULL)
			build_files_remove(r->o->output, rec->thumb);
		/* The last record moves into this place: so does its mark. */
		kept[i] = kept[r->state.count - 1];
		build_state_drop(&r->state, rec->key);
		r->state_changed = true;
	}
	free(kept);
}

/* Loads what every worker shares. Returns false with diagnostics when the fonts cannot be had. */
static bool
load_shared(struct run *r)
{
	char	 path[PATH_MAX];
	size_t	 i, k;
	bool	*needed;

	r->env.input = r->o->input;
	r->env.output = r->o->output;
	r->env.manifest = r->manifest;
	if ((r->env.fonts = layout_fonts_new(true, r->diags)) == NULL)
		return false;
	snprintf(path, sizeof(path), "%s/catalog.xml", r->o->input);
	if (access(path, F_OK) == 0) {
		r->env.catalog_path = strdup(path);
		/* A bad catalog fails every product: said once for each, with its file:line. */
		if ((r->env.catalog = model_catalog_load(path, &r->common)) == NULL &&
		    !diag_failed(&r->common))
			diag_add(&r->common, DIAG_ERROR, path, 0, 0, "cannot read the catalog");
	}
	if ((r->env.templates = calloc(r->manifest->count + 1, sizeof(*r->env.templates))) == NULL ||
	    (needed = calloc(r->manifest->count + 1, sizeof(*needed))) == NULL) {
		diag_add(r->diags, DIAG_FATAL, NULL, 0, 0, "out of memory");
		return false;
	}
	for (i = 0; i < r->queue_count; i++)
		needed[r->jobs[r->queue[i]].product - r->manifest->products] = true;
	for (k = 0; k < r->manifest->count; k++) {
		struct diag_list	 tdiags;

		if (!needed[k])
			continue;
		diag_list_init(&tdiags);
		r->env.templates[k] = template_load(r->manifest->products[k].template_path, &tdiags);
		/* A template that does not compile fails its products, each saying why. */
		if (r->env.templates[k] == NULL) {
			for (i = 0; i < tdiags.count; i++)
				diag_add(&r->common, tdiags.items[i].severity, tdiags.items[i].file,
				    tdiags.items[i].line, tdiags.items[i].column, "%s (product %s)",
				    tdiags.items[i].message, r->manifest->products[k].name);
			if (tdiags.count == 0)
				diag_add(&r->common, DIAG_ERROR, r->manifest->products[k].template_path, 0, 0,
				    "cannot compile the template (product %s)",
				    r->manifest->products[k].name);
		}
		diag_list_clear(&tdiags);
	}
	free(needed);
	return true;
}

static void
free_shared(struct run *r)
{
	size_t	 k;

	for (k = 0; r->env.templates != NULL && k < r->manifest->count; k++)
		template_free(r->env.templates[k]);
	free(r->env.templates);
	model_catalog_free(r->env.catalog);
	free(r->env.catalog_path);
	layout_fonts_free(r->env.fonts);
	free(r->env.output_real);
	memset(&r->env, 0, sizeof(r->env));
}

/* True when the job cannot be built at all: the catalog, or its template, failed. */
static bool
job_doomed(struct run *r, const struct build_job *j, struct diag_list *out)
{
	const struct build_product	*p = j->product;
	size_t				 i;
	bool				 doomed = false;

	for (i = 0; i < r->common.count; i++) {
		const struct diag *d = &r->common.items[i];
		bool mine = r->env.catalog_path != NULL && d->file != NULL &&
		    strcmp(d->file, r->env.catalog_path) == 0 && r->env.catalog == NULL;

		if (!mine && r->env.templates[p - r->manifest->products] == NULL &&
		    strstr(d->message, p->name) != NULL)
			mine = true;
		if (mine) {
			diag_add(out, d->severity, d->file, d->line, d->column, "%s", d->message);
			doomed = true;
		}
	}
	return doomed || (r->env.catalog_path != NULL && r->env.catalog == NULL) ||
	    r->env.templates[p - r->manifest->products] == NULL;
}

static void
save_state(struct run *r)
{
	if (r->o->dry_run || !r->state_changed)
		return;
	if (build_state_save(&r->state, r->state_path, r->diags))
		r->state_changed = false;
	r->last_save = now();
}

/* What a worker reported: record the job, or its failure. */
static void
finish(struct run *r, struct slot *s, int status)
{
	struct build_job	*j = &r->jobs[s->job];
	struct build_record	 rec, *old;
	struct diag_list	 jd;
	struct build_event	 ev;
	struct build_state	 seen;
	bool			 ok = false, complete;
	size_t			 i, k;

	/* A worker stopped with the build (Ctrl-C reaches the whole process group) did not fail. */
	if (stop_signal != 0 && WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT ||
	    WTERMSIG(status) == SIGTERM))
		return;
	memset(&rec, 0, sizeof(rec));
	memset(&seen, 0, sizeof(seen));
	diag_list_init(&jd);
	complete = build_worker_result_parse(s->data.data != NULL ? s->data.data : (char *)"", s->data.len, &rec,
	    &seen, &jd, &ok);
	if (!complete) {
		if (WIFSIGNALED(status))
			diag_add(&jd, DIAG_ERROR, NULL, 0, 0, "the worker building %s died of signal %d",
			    j->key, WTERMSIG(status));
		else
			diag_add(&jd, DIAG_ERROR, NULL, 0, 0, "the worker building %s stopped without a "
			    "report (exit status %d)", j->key, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		ok = false;
	}
	for (i = 0; i < seen.plan_count; i++) {
		seen.plans[i].hash = build_plan_input_hash(&r->ctx, seen.plans[i].id);
		build_state_put_plan(&r->state, &seen.plans[i]);
		r->state_changed = true;
	}
	if (ok) {
		/* Files the job made last time and not this time (a chart gone, a new period) go. */
		if ((old = build_state_find(&r->state, j->key)) != NULL) {
			for (i = 0; i < old->output_count; i++) {
				for (k = 0; k < rec.output_count; k++)
					if (strcmp(old->outputs[i], rec.outputs[k]) == 0)
						break;
				if (k == rec.output_count) {
					build_files_remove(r->o->output, old->outputs[i]);
					r->sum->removed++;
				}
			}
			if (old->thumb != NULL && (rec.thumb == NULL || strcmp(old->thumb, rec.thumb) != 0))
				build_files_remove(r->o->output, old->thumb);
		}
		rec.key = strdup(j->key);
		rec.deps = calloc(j->dep_count ? j->dep_count : 1, sizeof(*rec.deps));
		if (rec.key != NULL && rec.deps != NULL)
			for (i = 0; i < j->dep_count; i++) {
				if ((rec.deps[i].name = strdup(j->deps[i].name)) == NULL)
					break;
				rec.deps[i].hash = j->deps[i].hash;
				rec.dep_count++;
			}
		if (rec.key == NULL || rec.deps == NULL || rec.dep_count < j->dep_count ||
		    !build_state_put(&r->state, &rec)) {
			diag_add(&jd, DIAG_FATAL, NULL, 0, 0, "out of memory recording %s", j->key);
			ok = false;
		} else
			r->state_changed = true;
	}
	if (ok)
		r->sum->built++;
	else {
		struct build_index_failure	*grown;
		const char			*first = "failed";

		r->sum->failed++;
		for (i = 0; i < jd.count; i++)
			if (jd.items[i].severity >= DIAG_ERROR) {
				first = jd.items[i].message;
				break;
			}
		grown = realloc(r->failures, (r->failure_count + 1) * sizeof(*grown));
		if (grown != NULL) {
			r->failures = grown;
			grown[r->failure_count].key = j->key;
			grown[r->failure_count].path = j->path;
			if ((grown[r->failure_count].message = strdup(first)) != NULL)
				r->failure_count++;
		}
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = BUILD_EVENT_FINISHED;
	ev.product = j->key;
	ev.path = rec.output_count > 0 ? rec.outputs[0] : j->path;
	ev.reason = j->reason;
	ev.ok = ok;
	ev.chart_set = j->product->shape == BUILD_CHARTS;
	ev.files = rec.output_count;
	ev.pages = rec.pages;
	ev.seconds = now() - s->started;
	ev.diags = &jd;
	if (ok && (old = build_state_find(&r->state, j->key)) != NULL) {
		ev.path = old->output_count > 0 ? old->outputs[0] : j->path;
		ev.files = old->output_count;
		ev.pages = old->pages;
	}
	emit(r, &ev);
	build_record_clear(&rec);
	build_state_free(&seen);
	diag_list_clear(&jd);
	if (now() - r->last_save >= SAVE_EVERY)
		save_state(r);
}

/* Closes a worker's pipes and forgets its process (already reaped or never started). */
static void
slot_close(struct slot *s)
{
	if (s->fd != -1)
		close(s->fd);
	if (s->cmd != -1)
		close(s->cmd);
	s->fd = s->cmd = -1;
	s->pid = 0;
	s->busy = false;
}

/* Reads job numbers, one per line, from fd until it closes, and builds each. Never returns. */
static void
serve(struct run *r, int in, int out)
{
	char		 line[32];
	size_t		 n = 0, idx;
	ssize_t		 got;

	for (;;) {
		if ((got = read(in, line + n, 1)) < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		if (line[n] != '\n') {
			if (++n == sizeof(line))
				break;
			continue;
		}
		line[n] = '\0';
		n = 0;
		idx = (size_t)strtoul(line, NULL, 10);
		if (idx >= r->job_count)
			break;
		build_worker_run(&r->env, &r->jobs[idx], out);
		/*
		 * A worker lives for the whole build: what a job freed goes back to the system before
		 * the next, or each job's peak would stack on the heap the last one left.
		 */
		malloc_trim(0);
	}
	close(in);
	close(out);
	_exit(0);
}

/* Starts slot s's worker process. Returns false (with a diagnostic) when it cannot. */
static bool
spawn(struct run *r, struct slot *s)
{
	int	 res[2], cmd[2];
	pid_t	 pid;
	size_t	 i;

	if (pipe(res) == -1) {
		diag_add(r->diags, DIAG_ERROR, NULL, 0, 0, "cannot start a worker: %s", strerror(errno));
		return false;
	}
	if (pipe(cmd) == -1) {
		diag_add(r->diags, DIAG_ERROR, NULL, 0, 0, "cannot start a worker: %s", strerror(errno));
		close(res[0]);
		close(res[1]);
		return false;
	}
	if ((pid = fork()) == -1) {
		diag_add(r->diags, DIAG_ERROR, NULL, 0, 0, "cannot start a worker: %s", strerror(errno));
		close(res[0]);
		close(res[1]);
		close(cmd[0]);
		close(cmd[1]);
		return false;
	}
	if (pid == 0) {
		/*
		 * The worker: a copy of this process that builds the jobs it is given and ends. It must
		 * end with _exit, not return: returning would run the parent's code (and flush its
		 * buffers) a second time. Outcomes go through the pipe, never through its exit status.
		 * The other workers' pipe ends are closed, or they would never see their pipes close.
		 */
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		close(res[0]);
		close(cmd[1]);
		close(wake[0]);
		close(wake[1]);
		for (i = 0; i < r->slot_count; i++)
			if (&r->slots[i] != s && r->slots[i].pid > 0) {
				close(r->slots[i].fd);
				close(r->slots[i].cmd);
			}
		serve(r, cmd[0], res[1]);
	}
	close(res[1]);
	close(cmd[0]);
	s->pid = pid;
	s->fd = res[0];
	s->cmd = cmd[1];
	return true;
}

/*
 * Starts the next queued job in slot s (or finishes it at once when its template or the catalog
 * failed). Returns false when no worker can be started: the job stays queued for the caller to fail.
 */
static bool
start(struct run *r, struct slot *s)
{
	struct build_event	 ev;
	struct diag_list	 dd;
	struct build_job	*j;
	char			 line[32];
	int			 len, tries;

	s->job = r->queue[r->next++];
	j = &r->jobs[s->job];
	s->started = now();
	memset(&s->data, 0, sizeof(s->data));
	diag_list_init(&dd);
	if (job_doomed(r, j, &dd)) {
		/* Reported as a worker's failure would be, without a worker. */
		struct build_buf	 fake = { 0 };
		size_t			 i;

		for (i = 0; i < dd.count; i++) {
			char	*f = build_field_escape(dd.items[i].file ? dd.items[i].file : "");
			char	*m = build_field_escape(dd.items[i].message);

			build_buf_printf(&fake, "diag\t%d\t%ld\t%ld\t%s\t%s\n", (int)dd.items[i].severity,
			    dd.items[i].line, dd.items[i].column, f ? f : "", m ? m : "");
			free(f);
			free(m);
		}
		build_buf_puts(&fake, "done\t0\n");
		diag_list_clear(&dd);
		s->data = fake;
		finish(r, s, 0);
		build_buf_free(&s->data);
		return true;
	}
	diag_list_clear(&dd);
	len = snprintf(line, sizeof(line), "%zu\n", s->job);
	/* A worker that died while idle is replaced (once). */
	for (tries = 0; ; tries++) {
		if (s->pid == 0 && !spawn(r, s)) {
			r->next--;
			return false;
		}
		if (write(s->cmd, line, (size_t)len) == len)
			break;
		kill(s->pid, SIGKILL);
		while (waitpid(s->pid, NULL, 0) == -1 && errno == EINTR)
			continue;
		slot_close(s);
		if (tries == 1) {
			diag_add(r->diags, DIAG_ERROR, NULL, 0, 0, "cannot give a worker its job: %s",
			    strerror(errno));
			r->next--;
			return false;
		}
	}
	s->busy = true;
	r->running++;
	r->last_started = j->key;
	memset(&ev, 0, sizeof(ev));
	ev.type = BUILD_EVENT_STARTED;
	ev.product = j->key;
	ev.path = j->path;
	ev.reason = j->reason;
	emit(r, &ev);
	return true;
}

/* True when a worker's report of its job is complete: its last line is "done". */
static bool
report_complete(const struct build_buf *b)
{
	const char	*last;

	if (b->len == 0 || b->data[b->len - 1] != '\n')
		return false;
	for (last = b->data + b->len - 1; last > b->data && last[-1] != '\n'; last--)
		continue;
	return strncmp(last, "done\t", 5) == 0;
}

/* Stops every worker (SIGTERM) and waits for them. */
static void
stop_workers(struct run *r)
{
	size_t	 i;
	int	 status;

	for (i = 0; i < r->slot_count; i++)
		if (r->slots[i].pid > 0)
			kill(r->slots[i].pid, SIGTERM);
	for (i = 0; i < r->slot_count; i++) {
		if (r->slots[i].pid <= 0)
			continue;
		while (waitpid(r->slots[i].pid, &status, 0) == -1 && errno == EINTR)
			continue;
		build_buf_free(&r->slots[i].data);
		slot_close(&r->slots[i]);
	}
	r->running = 0;
}

/* Ends the idle workers once the queue is done: their job pipe closes and they exit. */
static void
end_workers(struct run *r)
{
	size_t	 i;

	for (i = 0; i < r->slot_count; i++) {
		if (r->slots[i].pid <= 0)
			continue;
		close(r->slots[i].cmd);
		r->slots[i].cmd = -1;
		while (waitpid(r->slots[i].pid, NULL, 0) == -1 && errno == EINTR)
			continue;
		slot_close(&r->slots[i]);
	}
}

/* Runs the queue through the workers. Returns false when interrupted. */
static bool
work(struct run *r)
{
	struct pollfd		*pfd;
	struct build_event	 ev;
	char			 block[65536];
	ssize_t			 n;
	size_t			 i, k, np;
	int			 status, timeout;
	void			 (*old_pipe)(int);

	if ((pfd = calloc(r->slot_count + 1, sizeof(*pfd))) == NULL)
		return true;
	for (i = 0; i < r->slot_count; i++)
		r->slots[i].fd = r->slots[i].cmd = -1;
	/* A worker that died idle is found by a failed write, not by SIGPIPE ending the build. */
	old_pipe = signal(SIGPIPE, SIG_IGN);
	timeout = r->o->tick > 0 ? (int)(r->o->tick * 1000) : -1;
	while (r->next < r->queue_count || r->running > 0) {
		if (stop_signal != 0)
			break;
		for (i = 0; i < r->slot_count && r->next < r->queue_count; i++)
			if (!r->slots[i].busy && !start(r, &r->slots[i])) {
				/* No worker: the rest fail rather than spin. */
				r->sum->failed += r->queue_count - r->next;
				r->next = r->queue_count;
			}
		if (r->running == 0)
			continue;
		np = 0;
		pfd[np].fd = wake[0];
		pfd[np++].events = POLLIN;
		for (i = 0; i < r->slot_count; i++)
			if (r->slots[i].busy) {
				pfd[np].fd = r->slots[i].fd;
				pfd[np++].events = POLLIN;
			}
		if (poll(pfd, np, timeout) == 0) {
			memset(&ev, 0, sizeof(ev));
			ev.type = BUILD_EVENT_TICK;
			emit(r, &ev);
			continue;
		}
		if (stop_signal != 0)
			break;
		for (k = 1; k < np; k++) {
			if ((pfd[k].revents & (POLLIN | POLLHUP | POLLERR)) == 0)
				continue;
			for (i = 0; i < r->slot_count; i++)
				if (r->slots[i].busy && r->slots[i].fd == pfd[k].fd)
					break;
			if (i == r->slot_count)
				continue;
			n = read(pfd[k].fd, block, sizeof(block));
			if (n < 0 && errno == EINTR)
				continue;
			if (n > 0) {
				build_buf_add(&r->slots[i].data, block, (size_t)n);
				if (!report_complete(&r->slots[i].data))
					continue;
				/* The job is done; the worker waits for the next. */
				r->slots[i].busy = false;
				r->running--;
				finish(r, &r->slots[i], 0);
				build_buf_free(&r->slots[i].data);
				continue;
			}
			/* End of the pipe in the middle of a job: the worker died. */
			while (waitpid(r->slots[i].pid, &status, 0) == -1 && errno == EINTR)
				continue;
			slot_close(&r->slots[i]);
			r->running--;
			finish(r, &r->slots[i], status);
			build_buf_free(&r->slots[i].data);
		}
	}
	free(pfd);
	if (stop_signal != 0) {
		stop_workers(r);
		signal(SIGPIPE, old_pipe);
		return false;
	}
	end_workers(r);
	signal(SIGPIPE, old_pipe);
	return true;
}

/*
 * Forgets what the state says of plans that are gone or have changed since they were evaluated
 * (their status counts no longer hold), so that the index page never shows stale counts.
 */
static void
drop_stale_plans(struct run *r)
{
	struct build_plan_info	*p;
	size_t			 i, k;

	for (i = 0; i < r->state.plan_count; ) {
		p = &r->state.plans[i];
		for (k = 0; k < r->ctx.plan_count; k++)
			if (strcmp(r->ctx.plan_ids[k], p->id) == 0)
				break;
		if (k < r->ctx.plan_count && build_plan_input_hash(&r->ctx, p->id) == p->hash) {
			i++;
			continue;
		}
		build_plan_info_clear(p);
		r->state.plans[i] = r->state.plans[--r->state.plan_count];
		r->state_changed = true;
	}
}

/* Writes output/index.html when what it would say differs from what it says. */
static void
write_index(struct run *r)
{
	struct render_out	 out;
	char			 path[PATH_MAX], *html, *old = NULL;
	FILE			*f;
	long			 size;
	size_t			 len;

	html = build_index_html(r->jobs, r->job_count, &r->state, r->failures, r->failure_count);
	if (html == NULL) {
		diag_add(r->diags, DIAG_WARNING, NULL, 0, 0, "out of memory writing index.html");
		return;
	}
	len = strlen(html);
	snprintf(path, sizeof(path), "%s/index.html", r->o->output);
	if ((f = fopen(path, "rb")) != NULL) {
		if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && (size_t)size == len &&
		    fseek(f, 0, SEEK_SET) == 0 && (old = malloc(len + 1)) != NULL &&
		    fread(old, 1, len, f) != len) {
			free(old);
			old = NULL;
		}
		fclose(f);
	}
	if (old == NULL || memcmp(old, html, len) != 0) {
		if (render_out_open(&out, path, r->diags)) {
			render_out_write(&out, (const unsigned char *)html, (unsigned int)len);
			render_out_commit(&out, r->diags);
		}
	}
	free(old);
	free(html);
}

static void
run_free(struct run *r)
{
	size_t	 i;

	for (i = 0; i < r->job_count; i++)
		build_job_clear(&r->jobs[i]);
	free(r->jobs);
	for (i = 0; i < r->failure_count; i++)
		free((char *)r->failures[i].message);
	free(r->failures);
	free(r->queue);
	free(r->slots);
	build_state_free(&r->state);
	build_plan_ctx_free(&r->ctx);
	free_shared(r);
	build_manifest_free(r->manifest);
	diag_list_clear(&r->common);
}

/*
 * Makes the output folder (with its parents) when missing, resolves it and locks it for the build.
 * Returns BUILD_OK, or the outcome to stop with after recording why in diags.
 */
static enum build_outcome
output_ready(struct run *r, int *lock)
{
	const char	*out = r->o->output;
	struct stat	 st;

	if (stat(out, &st) == -1) {
		/* With its parents: a shard's out/out-3 of a fresh checkout. */
		snprintf(r->state_path, sizeof(r->state_path), "%s/" STATE_NAME, out);
		if (!build_files_make_dirs(r->state_path, r->diags))
			return BUILD_BAD_INPUT;
	} else if (!S_ISDIR(st.st_mode)) {
		diag_add(r->diags, DIAG_ERROR, out, 0, 0, "the output folder is not a folder");
		return BUILD_BAD_INPUT;
	}
	if ((r->env.output_real = realpath(out, NULL)) == NULL) {
		diag_add(r->diags, DIAG_ERROR, out, 0, 0, "cannot resolve the output folder: %s",
		    strerror(errno));
		return BUILD_BAD_INPUT;
	}
	if ((*lock = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    flock(*lock, LOCK_EX | LOCK_NB) == -1) {
		diag_add(r->diags, DIAG_ERROR, out, 0, 0, "another planrep build is writing this folder; "
		    "wait for it to end");
		return BUILD_FAILED;
	}
	return BUILD_OK;
}

enum build_outcome
build_run(const struct build_options *o, struct build_summary *sum, struct diag_list *diags)
{
	struct sigaction	 sa, old_int, old_term;
	struct build_event	 ev;
	struct run		 r;
	struct stat		 st;
	char			 manifest[PATH_MAX];
	enum build_outcome	 outcome = BUILD_OK;
	size_t			 i, jobs;
	long			 cores;
	int			 lock = -1;
	bool			 bad_plan = false, handlers = false;

	memset(&r, 0, sizeof(r));
	memset(sum, 0, sizeof(*sum));
	r.o = o;
	r.sum = sum;
	r.diags = diags;
	r.t0 = r.last_save = now();
	diag_list_init(&r.common);
	stop_signal = 0;

	/* 1. The manifest, the plans, the jobs. */
	if (o->manifest != NULL)
		snprintf(manifest, sizeof(manifest), "%s", o->manifest);
	else
		snprintf(manifest, sizeof(manifest), "%s/build.xml", o->input);
	if (!build_files_list_plans(o->input, &r.ctx.plan_ids, &r.ctx.plan_count)) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "cannot read %s/plans (run planrep from the "
		    "repository's top folder, or give --input)", o->input);
		outcome = BUILD_BAD_INPUT;
		goto out;
	}
	for (i = 0; i < r.ctx.plan_count; ) {
		if (id_ok(r.ctx.plan_ids[i])) {
			i++;
			continue;
		}
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "%s/plans/%s.xml: a plan's file is named by its id "
		    "(a lower-case letter, then letters, digits and '-'): left out", o->input,
		    r.ctx.plan_ids[i]);
		bad_plan = true;
		free(r.ctx.plan_ids[i]);
		memmove(&r.ctx.plan_ids[i], &r.ctx.plan_ids[i + 1],
		    (r.ctx.plan_count - i - 1) * sizeof(char *));
		r.ctx.plan_count--;
	}
	if ((r.manifest = build_manifest_load(manifest, diags)) == NULL) {
		outcome = BUILD_BAD_INPUT;
		goto out;
	}
	r.ctx.manifest = r.manifest;
	r.ctx.input = o->input;
	if (!build_plan_jobs(&r.ctx, &r.jobs, &r.job_count, diags)) {
		outcome = BUILD_BAD_INPUT;
		goto out;
	}
	sum->products = r.job_count;

	/* The output folder: made, real, locked (a dry run makes nothing, so a missing one is fine). */
	if ((stat(o->output, &st) == 0 || !o->dry_run) &&
	    (outcome = output_ready(&r, &lock)) != BUILD_OK)
		goto out;

	/* 2. What is out of date, among what is selected. */
	load_state(&r);
	for (i = 0; i < r.job_count; i++) {
		r.jobs[i].selected = build_shard_has(i, o->shard_k, o->shard_n) &&
		    (o->only == NULL || only_matches(&r, &r.jobs[i]));
		if (r.jobs[i].selected)
			sum->selected++;
	}
	build_plan_compare(r.jobs, r.job_count, &r.state, o->output, o->force);
	if ((r.queue = calloc(r.job_count + 1, sizeof(*r.queue))) == NULL) {
		diag_add(diags, DIAG_FATAL, NULL, 0, 0, "out of memory");
		outcome = BUILD_FAILED;
		goto out;
	}
	for (i = 0; i < r.job_count; i++) {
		if (!r.jobs[i].selected)
			continue;
		if (r.jobs[i].reason == NULL)
			sum->up_to_date++;
		else
			r.queue[r.queue_count++] = i;
	}

	/* 3. Leftovers of killed builds, and outputs nothing makes any more. */
	if (!o->dry_run && lock != -1)
		sum->removed += build_files_sweep(o->output);
	prune(&r);

	if (o->dry_run) {
		for (i = 0; i < r.queue_count; i++) {
			memset(&ev, 0, sizeof(ev));
			ev.type = BUILD_EVENT_PLANNED;
			ev.product = r.jobs[r.queue[i]].key;
			ev.path = r.jobs[r.queue[i]].path;
			ev.reason = r.jobs[r.queue[i]].reason;
			emit(&r, &ev);
		}
		goto out;
	}

	/*
	 * 4 and 5. Build. The products made of every plan together (the comparison) go first: they
	 * are the longest, and started last they would leave the other workers idle at the end.
	 */
	{
		size_t	 front = 0, k, q;

		for (k = 0; k < r.queue_count; k++)
			if (r.jobs[r.queue[k]].product->together) {
				q = r.queue[k];
				memmove(&r.queue[front + 1], &r.queue[front], (k - front) * sizeof(*r.queue));
				r.queue[front++] = q;
			}
	}
	if (r.queue_count > 0) {
		if (!load_shared(&r)) {
			outcome = BUILD_FAILED;
			goto out;
		}
		cores = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = o->jobs > 0 ? o->jobs : cores > 0 ? (size_t)cores : 1;
		r.slot_count = jobs < r.queue_count ? jobs : r.queue_count;
		/* A worker per core leaves none for the thread that loads glyph metrics ahead. */
		layout_fonts_warm_metrics(r.env.fonts, cores > 0 && r.slot_count < (size_t)cores);
		if ((r.slots = calloc(r.slot_count, sizeof(*r.slots))) == NULL || pipe(wake) == -1) {
			diag_add(diags, DIAG_FATAL, NULL, 0, 0, "out of memory");
			outcome = BUILD_FAILED;
			goto out;
		}
		fcntl(wake[0], F_SETFL, O_NONBLOCK);
		fcntl(wake[1], F_SETFL, O_NONBLOCK);
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &old_int);
		sigaction(SIGTERM, &sa, &old_term);
		handlers = true;
		if (!work(&r)) {
			/* Interrupted: what the stopped workers were writing goes, what was done stays. */
			sum->removed += build_files_sweep(o->output);
			save_state(&r);
			sum->signal = stop_signal;
			outcome = BUILD_INTERRUPTED;
			goto out;
		}
	}
	drop_stale_plans(&r);
	save_state(&r);

	/* 6. The index page, for the whole folder: not from one shard's part of it. */
	if (o->shard_n == 0)
		write_index(&r);
	if (sum->failed > 0 || bad_plan)
		outcome = BUILD_FAILED;
out:
	if (handlers) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
	}
	for (i = 0; i < 2; i++)
		if (wake[i] != -1) {
			close(wake[i]);
			wake[i] = -1;
		}
	if (lock != -1)
		close(lock);
	sum->seconds = now() - r.t0;
	run_free(&r);
	return outcome;
}
