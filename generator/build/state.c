/*
 * build/state.c: the state file, output/.planrep-state (or .planrep-state-K-of-N for a shard): what
 * the last builds made, so that the next one rebuilds only what changed. Text, one record a line,
 * tab-separated fields (tabs, newlines and '%' in a field are written %XX):
 *
 *   planrep-state 1
 *   plan <id> <inputs hash> <samples 0|1> <6 status counts> <period> <jurisdiction>
 *   job <key> <pages> <title>
 *   dep <name> <hash>       each input of the job above
 *   out <path>              each file it wrote, relative to output/
 *   thumb <path>
 *
 * A job is recorded only once every file it wrote has been renamed into place, and the file itself
 * is written through render/output.c (a temporary file renamed over the old one), so a build killed
 * at any moment leaves the old state or the new one, never half of one. A state that cannot be read
 * is a warning and an empty state: everything is rebuilt, which is slow but right.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/render.h"
#include "build-int.h"

#define STATE_MAGIC	"planrep-state\t1"

void
build_record_clear(struct build_record *r)
{
	size_t	 i;

	free(r->key);
	for (i = 0; i < r->dep_count; i++)
		free(r->deps[i].name);
	free(r->deps);
	for (i = 0; i < r->output_count; i++)
		free(r->outputs[i]);
	free(r->outputs);
	free(r->thumb);
	free(r->title);
	memset(r, 0, sizeof(*r));
}

bool
build_record_add_output(struct build_record *r, const char *path)
{
	char	**grown;

	if ((grown = realloc(r->outputs, (r->output_count + 1) * sizeof(*grown))) == NULL)
		return false;
	r->outputs = grown;
	if ((grown[r->output_count] = strdup(path)) == NULL)
		return false;
	r->output_count++;
	return true;
}

static bool
record_add_dep(struct build_record *r, const char *name, uint64_t hash)
{
	struct build_dep	*grown;

	if ((grown = realloc(r->deps, (r->dep_count + 1) * sizeof(*grown))) == NULL)
		return false;
	r->deps = grown;
	if ((grown[r->dep_count].name = strdup(name)) == NULL)
		return false;
	grown[r->dep_count++].hash = hash;
	return true;
}

void
build_plan_info_clear(struct build_plan_info *p)
{
	free(p->id);
	free(p->jurisdiction);
	free(p->period);
	memset(p, 0, sizeof(*p));
}

void
build_state_free(struct build_state *s)
{
	size_t	 i;

	for (i = 0; i < s->count; i++)
		build_record_clear(&s->records[i]);
	free(s->records);
	free(s->slots);
	for (i = 0; i < s->plan_count; i++)
		build_plan_info_clear(&s->plans[i]);
	free(s->plans);
	memset(s, 0, sizeof(*s));
}

static size_t
key_slot(const char *key, size_t slot_count)
{
	return (size_t)build_hash_string(0xcbf29ce484222325ULL, key) & (slot_count - 1);
}

/* Puts record i in the index (which has room). */
static void
index_add(struct build_state *s, size_t i)
{
	size_t	 k;

	for (k = key_slot(s->records[i].key, s->slot_count); s->slots[k] != 0; k = (k + 1) & (s->slot_count - 1))
		continue;
	s->slots[k] = i + 1;
}

/* Makes the index again for the records as they are. False when out of memory (no index then). */
static bool
index_rebuild(struct build_state *s)
{
	size_t	 n = 16, i;

	while (n < 2 * s->count + 2)
		n *= 2;
	free(s->slots);
	s->slot_count = 0;
	if ((s->slots = calloc(n, sizeof(*s->slots))) == NULL)
		return false;
	s->slot_count = n;
	for (i = 0; i < s->count; i++)
		index_add(s, i);
	return true;
}

struct build_record *
build_state_find(const struct build_state *s, const char *key)
{
	size_t	 i, k;

	if (s->slot_count == 0) {
		/* No index (none yet, or no memory for one): look at every record. */
		for (i = 0; i < s->count; i++)
			if (strcmp(s->records[i].key, key) == 0)
				return &s->records[i];
		return NULL;
	}
	for (k = key_slot(key, s->slot_count); s->slots[k] != 0; k = (k + 1) & (s->slot_count - 1))
		if (strcmp(s->records[s->slots[k] - 1].key, key) == 0)
			return &s->records[s->slots[k] - 1];
	return NULL;
}

bool
build_state_put(struct build_state *s, struct build_record *r)
{
	struct build_record	*old, *grown;

	if ((old = build_state_find(s, r->key)) != NULL) {
		build_record_clear(old);
		*old = *r;
		memset(r, 0, sizeof(*r));
		return true;
	}
	if ((grown = realloc(s->records, (s->count + 1) * sizeof(*grown))) == NULL)
		return false;
	s->records = grown;
	grown[s->count++] = *r;
	memset(r, 0, sizeof(*r));
	if (s->slot_count >= 2 * s->count + 2)
		index_add(s, s->count - 1);
	else
		index_rebuild(s);	/* doubles: amortised constant; without memory, finds scan */
	return true;
}

void
build_state_drop(struct build_state *s, const char *key)
{
	struct build_record	*r;

	if ((r = build_state_find(s, key)) == NULL)
		return;
	build_record_clear(r);
	*r = s->records[--s->count];
	index_rebuild(s);	/* a record moved: drops are rare (products the manifest lost) */
}

struct build_plan_info *
build_state_plan(const struct build_state *s, const char *id)
{
	size_t	 i;

	for (i = 0; i < s->plan_count; i++)
		if (strcmp(s->plans[i].id, id) == 0)
			return &s->plans[i];
	return NULL;
}

bool
build_state_put_plan(struct build_state *s, struct build_plan_info *p)
{
	struct build_plan_info	*old, *grown;

	if ((old = build_state_plan(s, p->id)) != NULL) {
		build_plan_info_clear(old);
		*old = *p;
		memset(p, 0, sizeof(*p));
		return true;
	}
	if ((grown = realloc(s->plans, (s->plan_count + 1) * sizeof(*grown))) == NULL)
		return false;
	s->plans = grown;
	grown[s->plan_count++] = *p;
	memset(p, 0, sizeof(*p));
	return true;
}

/* Splits line (modified) at tabs into at most max unescaped fields. Returns the count, or -1 (oom). */
static int
fields(char *line, char **out, int max)
{
	int	 n = 0, i;
	char	*tab;

	while (n < max) {
		tab = strchr(line, '\t');
		if (tab != NULL)
			*tab = '\0';
		if ((out[n] = build_field_unescape(line)) == NULL) {
			for (i = 0; i < n; i++)
				free(out[i]);
			return -1;
		}
		n++;
		if (tab == NULL)
			break;
		line = tab + 1;
	}
	return n;
}

/* Reads one line of the file into the state. Returns false when the line makes no sense. */
static bool
parse_line(struct build_state *s, char *line, struct build_record **cur)
{
	char			*f[14], *end;
	struct build_record	 r;
	struct build_plan_info	 p;
	uint64_t		 h;
	int			 n, i;
	bool			 ok = false;

	if ((n = fields(line, f, 14)) < 0)
		return false;
	if (strcmp(f[0], "plan") == 0 && n >= 12) {
		memset(&p, 0, sizeof(p));
		p.id = f[1];
		p.hash = strtoull(f[2], &end, 16);
		p.samples = strcmp(f[3], "1") == 0;
		for (i = 0; i < 6; i++)
			p.counts[i] = (size_t)strtoul(f[4 + i], NULL, 10);
		p.period = f[10];
		p.jurisdiction = f[11];
		f[1] = f[10] = f[11] = NULL;
		/* f[12] is room for fields a later version adds */
		ok = build_state_put_plan(s, &p);
		build_plan_info_clear(&p);
	} else if (strcmp(f[0], "job") == 0 && n >= 4) {
		memset(&r, 0, sizeof(r));
		r.key = f[1];
		r.pages = (size_t)strtoul(f[2], NULL, 10);
		r.title = *f[3] != '\0' ? f[3] : NULL;
		f[1] = NULL;
		if (r.title != NULL)
			f[3] = NULL;
		if (build_state_find(s, r.key) != NULL) {
			build_record_clear(&r);
			*cur = NULL;	/* a second copy of a job: keep the first */
			ok = true;
		} else {
			ok = build_state_put(s, &r);
			*cur = ok ? &s->records[s->count - 1] : NULL;
			build_record_clear(&r);
		}
	} else if (strcmp(f[0], "dep") == 0 && n == 3) {
		h = strtoull(f[2], &end, 16);
		ok = *end == '\0' && (*cur == NULL || record_add_dep(*cur, f[1], h));
	} else if (strcmp(f[0], "out") == 0 && n == 2) {
		ok = *cur == NULL || build_record_add_output(*cur, f[1]);
	} else if (strcmp(f[0], "thumb") == 0 && n == 2) {
		ok = true;
		if (*cur != NULL && (*cur)->thumb == NULL) {
			(*cur)->thumb = f[1];
			f[1] = NULL;
		}
	}
	for (i = 0; i < n; i++)
		free(f[i]);
	return ok;
}

static int
by_dep_name(const void *a, const void *b)
{
	return strcmp(((const struct build_dep *)a)->name, ((const struct build_dep *)b)->name);
}

bool
build_state_load(struct build_state *s, const char *path, struct diag_list *diags)
{
	FILE			*f;
	char			*line = NULL, *nl;
	size_t			 cap = 0, i;
	ssize_t			 len;
	long			 lineno = 0;
	struct build_record	*cur = NULL;
	bool			 ok = true;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return true;
		diag_add(diags, DIAG_WARNING, path, 0, 0, "cannot read the build state (%s): everything "
		    "is rebuilt", strerror(errno));
		return false;
	}
	while ((len = getline(&line, &cap, f)) != -1) {
		lineno++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if (lineno == 1) {
			if (strcmp(line, STATE_MAGIC) != 0) {
				ok = false;
				break;
			}
			continue;
		}
		if (*line == '\0' || *line == '#')
			continue;
		if (!parse_line(s, line, &cur)) {
			ok = false;
			break;
		}
	}
	free(line);
	fclose(f);
	if (!ok) {
		diag_add(diags, DIAG_WARNING, path, lineno, 0, "not a build state planrep can read: "
		    "everything is rebuilt");
		build_state_free(s);
		return false;
	}
	for (i = 0; i < s->count; i++)
		qsort(s->records[i].deps, s->records[i].dep_count, sizeof(struct build_dep), by_dep_name);
	return true;
}

static void
field(struct build_buf *b, const char *s)
{
	char	*e = build_field_escape(s != NULL ? s : "");

	build_buf_add(b, "\t", 1);
	if (e == NULL)
		b->oom = true;
	else
		build_buf_puts(b, e);
	free(e);
}

bool
build_state_save(const struct build_state *s, const char *path, struct diag_list *diags)
{
	struct render_out		 out;
	struct build_buf		 b = { 0 };
	const struct build_record	*r;
	const struct build_plan_info	*p;
	size_t				 i, k;
	int				 c;
	bool				 ok;

	build_buf_puts(&b, STATE_MAGIC "\n# planrep build: what was built from which inputs. Delete this "
	    "file to rebuild everything.\n");
	for (i = 0; i < s->plan_count; i++) {
		p = &s->plans[i];
		build_buf_puts(&b, "plan");
		field(&b, p->id);
		build_buf_printf(&b, "\t%016" PRIx64 "\t%d", p->hash, p->samples ? 1 : 0);
		for (c = 0; c < 6; c++)
			build_buf_printf(&b, "\t%zu", p->counts[c]);
		field(&b, p->period);
		field(&b, p->jurisdiction);
		build_buf_puts(&b, "\t\n");
	}
	for (i = 0; i < s->count; i++) {
		r = &s->records[i];
		build_buf_puts(&b, "job");
		field(&b, r->key);
		build_buf_printf(&b, "\t%zu", r->pages);
		field(&b, r->title);
		build_buf_puts(&b, "\n");
		for (k = 0; k < r->dep_count; k++) {
			build_buf_puts(&b, "dep");
			field(&b, r->deps[k].name);
			build_buf_printf(&b, "\t%016" PRIx64 "\n", r->deps[k].hash);
		}
		for (k = 0; k < r->output_count; k++) {
			build_buf_puts(&b, "out");
			field(&b, r->outputs[k]);
			build_buf_puts(&b, "\n");
		}
		if (r->thumb != NULL) {
			build_buf_puts(&b, "thumb");
			field(&b, r->thumb);
			build_buf_puts(&b, "\n");
		}
	}
	if (b.oom) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		build_buf_free(&b);
		return false;
	}
	if (!render_out_open(&out, path, diags)) {
		build_buf_free(&b);
		return false;
	}
	render_out_write(&out, (const unsigned char *)b.data, (unsigned int)b.len);
	ok = render_out_commit(&out, diags);
	build_buf_free(&b);
	return ok;
}
