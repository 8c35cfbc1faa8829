/*
 * build/plan.c: from the manifest to the list of jobs, each with what it depends on, and from the
 * state to why each job must be built (or that it need not be).
 *
 * A job is one product of one plan, or of all its plans together; the list is in a stable order
 * (manifest order, then plan ids sorted), which is what --shard counts in, so that N machines
 * reading the same manifest and inputs agree on who builds what without talking to each other.
 *
 * What a job depends on, each input by a name a person recognises and the hash of its content:
 * the planrep version; the product's own entry in the manifest (template, plans, parameters,
 * output, formats, dpi); the template, every stylesheet it includes or imports, every file it reads
 * with document('a literal path'), and, for a document() call on a computed path (the theme), the
 * .xml files under that stylesheet's folder named by a parameter's value or an xsl:param's literal
 * default (themes/gbt9704.xml), or every .xml file there when none is so named; the catalog; and for
 * each plan, its file and its observations. Files are named relative to the input folder or to the
 * data folder, so that a state moved to another machine (a gathered shard) still matches.
 */
#include <dirent.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "config.h"
#include "planrep/xml.h"
#include "build-int.h"

#define XSLT_NS		"http://www.w3.org/1999/XSL/Transform"
#define HASH_ABSENT	0	/* a file that is not there (observations may be missing) */

struct hash_entry {
	char		*path;		/* owned: as opened */
	uint64_t	 hash;
	bool		 exists;
};

struct build_hash_cache {
	struct hash_entry	*items;	/* owned */
	size_t			 count;
};

/* The hash of the file at path, read once per build. */
static bool
cached_hash(struct build_hash_cache *c, const char *path, uint64_t *out)
{
	struct hash_entry	*grown;
	uint64_t		 h = HASH_ABSENT;
	bool			 exists;
	size_t			 i;

	for (i = 0; i < c->count; i++)
		if (strcmp(c->items[i].path, path) == 0) {
			*out = c->items[i].hash;
			return c->items[i].exists;
		}
	exists = build_hash_file(path, &h);
	if (!exists)
		h = HASH_ABSENT;
	if ((grown = realloc(c->items, (c->count + 1) * sizeof(*grown))) != NULL) {
		c->items = grown;
		if ((grown[c->count].path = strdup(path)) != NULL) {
			grown[c->count].hash = h;
			grown[c->count++].exists = exists;
		}
	}
	*out = h;
	return exists;
}

char *
build_plan_obs_path(const char *input, const char *id)
{
	size_t	 n = strlen(input) + strlen(id) + 24;
	char	*p;

	if ((p = malloc(n)) != NULL)
		snprintf(p, n, "%s/observations/%s.xml", input, id);
	return p;
}

/* A list of dependencies being built. */
struct deps {
	struct build_dep	*items;
	size_t			 count;
	bool			 oom;
};

static void
dep_add(struct deps *d, const char *name, uint64_t hash)
{
	struct build_dep	*grown;
	size_t			 i;

	for (i = 0; i < d->count; i++)
		if (strcmp(d->items[i].name, name) == 0)
			return;
	if ((grown = realloc(d->items, (d->count + 1) * sizeof(*grown))) == NULL) {
		d->oom = true;
		return;
	}
	d->items = grown;
	if ((grown[d->count].name = strdup(name)) == NULL) {
		d->oom = true;
		return;
	}
	grown[d->count++].hash = hash;
}

static void
deps_free(struct deps *d)
{
	size_t	 i;

	for (i = 0; i < d->count; i++)
		free(d->items[i].name);
	free(d->items);
	memset(d, 0, sizeof(*d));
}

/* The name a template file goes by in the state: relative to the data folder when under it. */
static void
template_name(const char *path, char *out, size_t size)
{
	char	*real = realpath(path, NULL), *data = realpath(xml_data_dir(), NULL);
	size_t	 n;

	if (real != NULL && data != NULL && (n = strlen(data)) > 0 && strncmp(real, data, n) == 0 &&
	    real[n] == '/')
		snprintf(out, size, "%s", real + n + 1);
	else
		snprintf(out, size, "%s", path);
	free(real);
	free(data);
}

/* The folder of path, into out. */
static void
folder_of(const char *path, char *out, size_t size)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(out, size, ".");
	else if (slash == path)
		snprintf(out, size, "/");
	else
		snprintf(out, size, "%.*s", (int)(slash - path), path);
}

/* The stylesheets seen while following includes, and what they read. */
struct closure {
	char		**seen;		/* owned paths */
	size_t		 seen_count;
	char		**dynamic;	/* owned: folders of stylesheets reading a computed path */
	size_t		 dynamic_count;
	char		**values;	/* owned: literal xsl:param defaults, candidate file stems */
	size_t		 value_count;
	struct deps	*deps;
	struct build_hash_cache *cache;
};

static bool
list_add(char ***list, size_t *count, const char *s)
{
	char	**grown;
	size_t	 i;

	for (i = 0; i < *count; i++)
		if (strcmp((*list)[i], s) == 0)
			return true;
	if ((grown = realloc(*list, (*count + 1) * sizeof(*grown))) == NULL)
		return false;
	*list = grown;
	if ((grown[*count] = strdup(s)) == NULL)
		return false;
	(*count)++;
	return true;
}

static void
list_free(char **list, size_t count)
{
	while (count > 0)
		free(list[--count]);
	free(list);
}

static void closure_file(struct closure *, const char *path);

/* Looks through one attribute value for document(...) calls. */
static void
scan_document_calls(struct closure *cl, const char *value, const char *dir)
{
	const char	*p = value, *q;
	char		 path[PATH_MAX], lit[PATH_MAX];
	uint64_t	 h;
	char		 name[PATH_MAX];

	while ((p = strstr(p, "document(")) != NULL) {
		p += 9;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if ((*p == '\'' || *p == '"') && (q = strchr(p + 1, *p)) != NULL &&
		    (size_t)(q - p) < sizeof(lit)) {
			snprintf(lit, sizeof(lit), "%.*s", (int)(q - p - 1), p + 1);
			if (*lit == '\0')
				continue;	/* document('') is the stylesheet itself */
			if ((size_t)snprintf(path, sizeof(path), "%s%s%s", *lit == '/' ? "" : dir,
			    *lit == '/' ? "" : "/", lit) >= sizeof(path))
				continue;
			cached_hash(cl->cache, path, &h);
			template_name(path, name, sizeof(name));
			dep_add(cl->deps, name, h);
		} else if (!list_add(&cl->dynamic, &cl->dynamic_count, dir))
			cl->deps->oom = true;
	}
}

static void
closure_node(struct closure *cl, xmlNodePtr n, const char *dir)
{
	xmlAttrPtr	 a;
	xmlChar		*v;
	char		 path[PATH_MAX];
	size_t		 len;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (a = n->properties; a != NULL; a = a->next) {
			if ((v = xmlNodeListGetString(n->doc, a->children, 1)) == NULL)
				continue;
			scan_document_calls(cl, (const char *)v, dir);
			xmlFree(v);
		}
		if (n->ns != NULL && strcmp((const char *)n->ns->href, XSLT_NS) == 0) {
			if ((xml_is(n, "include") || xml_is(n, "import")) &&
			    (v = xmlGetProp(n, (const xmlChar *)"href")) != NULL) {
				if (*v == '/')
					snprintf(path, sizeof(path), "%s", (const char *)v);
				else
					snprintf(path, sizeof(path), "%s/%s", dir, (const char *)v);
				xmlFree(v);
				closure_file(cl, path);
			} else if (xml_is(n, "param") && n->parent != NULL && xml_is(n->parent, "stylesheet") &&
			    (v = xmlGetProp(n, (const xmlChar *)"select")) != NULL) {
				len = strlen((const char *)v);
				if (len >= 2 && (*v == '\'' || *v == '"') && v[len - 1] == *v) {
					snprintf(path, sizeof(path), "%.*s", (int)(len - 2), (const char *)v + 1);
					if (!list_add(&cl->values, &cl->value_count, path))
						cl->deps->oom = true;
				}
				xmlFree(v);
			}
		}
		closure_node(cl, n->children, dir);
	}
}

/* Adds the stylesheet at path and what it includes, imports and reads. */
static void
closure_file(struct closure *cl, const char *path)
{
	struct diag_list	 quiet;
	xmlDocPtr		 doc;
	char			 dir[PATH_MAX], name[PATH_MAX];
	uint64_t		 h;
	size_t			 i;

	for (i = 0; i < cl->seen_count; i++)
		if (strcmp(cl->seen[i], path) == 0)
			return;
	if (!list_add(&cl->seen, &cl->seen_count, path)) {
		cl->deps->oom = true;
		return;
	}
	cached_hash(cl->cache, path, &h);
	template_name(path, name, sizeof(name));
	dep_add(cl->deps, name, h);
	/* A stylesheet that cannot be read is the worker's to report, with file:line. */
	diag_list_init(&quiet);
	doc = xml_doc_load(path, &quiet);
	diag_list_clear(&quiet);
	if (doc == NULL)
		return;
	folder_of(path, dir, sizeof(dir));
	closure_node(cl, xmlDocGetRootElement(doc), dir);
	xmlFreeDoc(doc);
}

/* The .xml files under dir (recursively) whose stem is one of names (all of them when none is). */
static void
closure_dynamic(struct closure *cl, const char *dir, char *const *names, size_t name_count,
    bool all)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	char		 path[PATH_MAX], name[PATH_MAX];
	uint64_t	 h;
	size_t		 len, i;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= sizeof(path))
			continue;
		if (stat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			closure_dynamic(cl, path, names, name_count, all);
			continue;
		}
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		for (i = 0; !all && i < name_count; i++)
			if (strlen(names[i]) == len - 4 && strncmp(names[i], e->d_name, len - 4) == 0)
				break;
		if (!all && i == name_count)
			continue;
		cached_hash(cl->cache, path, &h);
		template_name(path, name, sizeof(name));
		dep_add(cl->deps, name, h);
	}
	closedir(d);
}

/* Counts the .xml files under dir named by names. */
static size_t
count_named(const char *dir, char *const *names, size_t name_count)
{
	struct deps	 d = { 0 };
	struct closure	 cl;
	size_t		 n;

	memset(&cl, 0, sizeof(cl));
	cl.deps = &d;
	cl.cache = &(struct build_hash_cache){ 0 };
	closure_dynamic(&cl, dir, names, name_count, false);
	n = d.count;
	deps_free(&d);
	for (size_t i = 0; i < cl.cache->count; i++)
		free(cl.cache->items[i].path);
	free(cl.cache->items);
	return n;
}

/* The template's part of a product's dependencies. */
static void
template_deps(struct build_plan_ctx *ctx, const struct build_product *p, struct deps *d)
{
	struct closure	 cl;
	char		**names = NULL;
	size_t		 n = 0, i;

	memset(&cl, 0, sizeof(cl));
	cl.deps = d;
	cl.cache = ctx->cache;
	closure_file(&cl, p->template_path);
	for (i = 0; i < p->param_count; i++)
		if (!list_add(&names, &n, p->params[i].value))
			d->oom = true;
	for (i = 0; i < cl.value_count; i++)
		if (!list_add(&names, &n, cl.values[i]))
			d->oom = true;
	for (i = 0; i < cl.dynamic_count; i++)
		closure_dynamic(&cl, cl.dynamic[i], names, n, count_named(cl.dynamic[i], names, n) == 0);
	list_free(names, n);
	list_free(cl.seen, cl.seen_count);
	list_free(cl.dynamic, cl.dynamic_count);
	list_free(cl.values, cl.value_count);
}

/* The hash of the product's entry: everything in it that changes what it makes. */
static uint64_t
product_hash(const struct build_product *p)
{
	uint64_t	 h = BUILD_HASH_INIT;
	size_t		 i;
	char		 num[64];

	/* The title is left out: it shows on the index page only, never in a product. */
	h = build_hash_string(h, p->name);
	h = build_hash_string(h, p->shape == BUILD_CHARTS ? "charts" : "document");
	h = build_hash_string(h, p->template);
	h = build_hash_string(h, p->output);
	h = build_hash_string(h, p->together ? "together" : "each");
	for (i = 0; i < p->plan_count; i++)
		h = build_hash_string(h, p->plans[i]);
	snprintf(num, sizeof(num), "%u %.3f", p->formats, p->dpi);
	h = build_hash_string(h, num);
	for (i = 0; i < p->param_count; i++) {
		h = build_hash_string(h, p->params[i].name);
		h = build_hash_string(h, p->params[i].value);
	}
	return h;
}

static void
plan_deps(struct build_plan_ctx *ctx, const char *id, struct deps *d)
{
	char		 path[PATH_MAX], name[PATH_MAX];
	uint64_t	 h;

	snprintf(path, sizeof(path), "%s/plans/%s.xml", ctx->input, id);
	cached_hash(ctx->cache, path, &h);
	snprintf(name, sizeof(name), "plans/%s.xml", id);
	dep_add(d, name, h);
	snprintf(path, sizeof(path), "%s/observations/%s.xml", ctx->input, id);
	cached_hash(ctx->cache, path, &h);
	snprintf(name, sizeof(name), "observations/%s.xml", id);
	dep_add(d, name, h);
}

uint64_t
build_plan_input_hash(struct build_plan_ctx *ctx, const char *id)
{
	char		 path[PATH_MAX];
	uint64_t	 h, all = BUILD_HASH_INIT;

	snprintf(path, sizeof(path), "%s/plans/%s.xml", ctx->input, id);
	cached_hash(ctx->cache, path, &h);
	all = build_hash_bytes(all, &h, sizeof(h));
	snprintf(path, sizeof(path), "%s/observations/%s.xml", ctx->input, id);
	cached_hash(ctx->cache, path, &h);
	all = build_hash_bytes(all, &h, sizeof(h));
	snprintf(path, sizeof(path), "%s/catalog.xml", ctx->input);
	cached_hash(ctx->cache, path, &h);
	return build_hash_bytes(all, &h, sizeof(h));
}

static const char *
format_ext(unsigned formats)
{
	return (formats & BUILD_FORMAT_PDF) ? "pdf" : (formats & BUILD_FORMAT_SVG) ? "svg" : "png";
}


void
build_job_clear(struct build_job *j)
{
	size_t	 i;

	free(j->key);
	for (i = 0; i < j->plan_count; i++) {
		free(j->plan_ids[i]);
		free(j->plan_paths[i]);
	}
	free(j->plan_ids);
	free(j->plan_paths);
	free(j->path);
	for (i = 0; i < j->dep_count; i++)
		free(j->deps[i].name);
	free(j->deps);
	free(j->reason);
	memset(j, 0, sizeof(*j));
}

static int
by_dep_name(const void *a, const void *b)
{
	return strcmp(((const struct build_dep *)a)->name, ((const struct build_dep *)b)->name);
}

/* Makes one job of product p for the plans ids[0..n). Returns false when out of memory. */
static bool
job_make(struct build_plan_ctx *ctx, const struct build_product *p, const struct deps *common,
    char *const *ids, size_t n, struct build_job *j)
{
	struct deps	 d = { 0 };
	char		 key[PATH_MAX], path[PATH_MAX];
	size_t		 i;

	memset(j, 0, sizeof(*j));
	j->product = p;
	if (p->together)
		snprintf(key, sizeof(key), "%s", p->name);
	else
		snprintf(key, sizeof(key), "%s/%s", p->name, ids[0]);
	if ((j->key = strdup(key)) == NULL ||
	    (j->path = build_pattern_expand(p->output, p->together ? NULL : ids[0], NULL, NULL, format_ext(p->formats))) == NULL ||
	    (j->plan_ids = calloc(n ? n : 1, sizeof(char *))) == NULL ||
	    (j->plan_paths = calloc(n ? n : 1, sizeof(char *))) == NULL)
		return false;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/plans/%s.xml", ctx->input, ids[i]);
		if ((j->plan_ids[i] = strdup(ids[i])) == NULL || (j->plan_paths[i] = strdup(path)) == NULL)
			return false;
		j->plan_count++;
	}
	for (i = 0; i < common->count; i++)
		dep_add(&d, common->items[i].name, common->items[i].hash);
	for (i = 0; i < n; i++)
		plan_deps(ctx, ids[i], &d);
	if (d.oom) {
		deps_free(&d);
		return false;
	}
	qsort(d.items, d.count, sizeof(*d.items), by_dep_name);
	j->deps = d.items;
	j->dep_count = d.count;
	return true;
}

static bool
push_job(struct build_job **jobs, size_t *count, size_t *cap)
{
	struct build_job	*grown;

	if (*count < *cap)
		return true;
	if ((grown = realloc(*jobs, (*cap ? *cap * 2 : 16) * sizeof(*grown))) == NULL)
		return false;
	*jobs = grown;
	*cap = *cap ? *cap * 2 : 16;
	return true;
}

bool
build_plan_jobs(struct build_plan_ctx *ctx, struct build_job **jobs, size_t *count, struct diag_list *diags)
{
	const struct build_manifest	*m = ctx->manifest;
	const struct build_product	*p;
	struct build_job		*list = NULL;
	struct deps			 common;
	char				 path[PATH_MAX], name[128], **ids;
	uint64_t			 h;
	size_t				 n = 0, cap = 0, i, k, nids;
	bool				 ok = true;

	if (ctx->cache == NULL && (ctx->cache = calloc(1, sizeof(*ctx->cache))) == NULL) {
		diag_add(diags, DIAG_FATAL, NULL, 0, 0, "out of memory");
		return false;
	}
	for (i = 0; i < m->count && ok; i++) {
		p = &m->products[i];
		/* Plans a product names must exist: said at the product's line. */
		for (k = 0; k < p->plan_count; k++) {
			snprintf(path, sizeof(path), "%s/plans/%s.xml", ctx->input, p->plans[k]);
			if (!cached_hash(ctx->cache, path, &h)) {
				diag_add(diags, DIAG_ERROR, m->path, p->line, 0, "product %s names plan %s, "
				    "but there is no %s", p->name, p->plans[k], path);
				ok = false;
			}
		}
		if (!ok)
			break;
		memset(&common, 0, sizeof(common));
		dep_add(&common, "planrep", build_hash_string(BUILD_HASH_INIT, PLANREP_VERSION));
		snprintf(name, sizeof(name), "manifest:%s", p->name);
		dep_add(&common, name, product_hash(p));
		snprintf(path, sizeof(path), "%s/catalog.xml", ctx->input);
		cached_hash(ctx->cache, path, &h);
		dep_add(&common, "catalog.xml", h);
		template_deps(ctx, p, &common);
		ids = p->plans != NULL ? p->plans : ctx->plan_ids;
		nids = p->plans != NULL ? p->plan_count : ctx->plan_count;
		if (p->together) {
			if (!push_job(&list, &n, &cap) || !job_make(ctx, p, &common, ids, nids, &list[n])) {
				if (n < cap)
					build_job_clear(&list[n]);
				ok = false;
			} else
				n++;
		}
		for (k = 0; !p->together && k < nids && ok; k++) {
			if (!push_job(&list, &n, &cap) || !job_make(ctx, p, &common, &ids[k], 1, &list[n])) {
				if (n < cap)
					build_job_clear(&list[n]);
				ok = false;
			} else
				n++;
		}
		if (common.oom)
			ok = false;
		deps_free(&common);
		if (!ok && !diag_failed(diags))
			diag_add(diags, DIAG_FATAL, m->path, p->line, 0, "out of memory");
	}
	/* Two jobs writing the same files would overwrite each other, and each remove the other's. */
	for (i = 0; ok && i < n; i++)
		for (k = 0; k < i; k++)
			if (strcmp(list[i].path, list[k].path) == 0) {
				diag_add(diags, DIAG_ERROR, m->path, list[i].product->line, 0,
				    "%s writes %s, as %s does (line %ld)", list[i].key, list[i].path,
				    list[k].key, list[k].product->line);
				ok = false;
				break;
			}
	if (!ok) {
		for (i = 0; i < n; i++)
			build_job_clear(&list[i]);
		free(list);
		return false;
	}
	*jobs = list;
	*count = n;
	return true;
}

/* A readable name for a dependency in a reason. */
static void
dep_label(const char *name, char *out, size_t size)
{
	if (strcmp(name, "planrep") == 0)
		snprintf(out, size, "the planrep version");
	else if (strncmp(name, "manifest:", 9) == 0)
		snprintf(out, size, "its entry in the manifest");
	else
		snprintf(out, size, "%s", name);
}

void
build_plan_compare(struct build_job *jobs, size_t count, struct build_state *s, const char *output, bool force)
{
	struct build_record	*r;
	struct build_buf	 b;
	struct stat		 st;
	char			 label[PATH_MAX], path[PATH_MAX];
	size_t			 i, a, k, shown;
	int			 c;

	for (i = 0; i < count; i++) {
		free(jobs[i].reason);
		jobs[i].reason = NULL;
		memset(&b, 0, sizeof(b));
		r = build_state_find(s, jobs[i].key);
		if (force)
			build_buf_puts(&b, "--force");
		else if (r == NULL)
			build_buf_puts(&b, "not built before");
		else {
			/* Both lists are sorted by name: walk them side by side. */
			shown = 0;
			for (a = k = 0; a < jobs[i].dep_count || k < r->dep_count; ) {
				const char *what = NULL, *name = NULL;

				c = a == jobs[i].dep_count ? 1 : k == r->dep_count ? -1 :
				    strcmp(jobs[i].deps[a].name, r->deps[k].name);
				if (c < 0) {
					name = jobs[i].deps[a++].name;
					what = "is new";
				} else if (c > 0) {
					name = r->deps[k++].name;
					what = "is gone";
				} else {
					if (jobs[i].deps[a].hash != r->deps[k].hash) {
						name = jobs[i].deps[a].name;
						what = "changed";
					}
					a++;
					k++;
				}
				if (name == NULL)
					continue;
				if (shown < 3) {
					dep_label(name, label, sizeof(label));
					build_buf_printf(&b, "%s%s %s", shown ? ", " : "", label, what);
				}
				shown++;
			}
			if (shown > 3)
				build_buf_printf(&b, " and %zu more", shown - 3);
			for (k = 0; shown == 0 && k < r->output_count; k++) {
				snprintf(path, sizeof(path), "%s/%s", output, r->outputs[k]);
				if (lstat(path, &st) == -1 || !S_ISREG(st.st_mode)) {
					build_buf_printf(&b, "%s is missing", r->outputs[k]);
					shown++;
				}
			}
		}
		jobs[i].reason = b.data;
	}
}

void
build_plan_ctx_free(struct build_plan_ctx *ctx)
{
	size_t	 i;

	if (ctx->cache != NULL) {
		for (i = 0; i < ctx->cache->count; i++)
			free(ctx->cache->items[i].path);
		free(ctx->cache->items);
		free(ctx->cache);
	}
	list_free(ctx->plan_ids, ctx->plan_count);
	memset(ctx, 0, sizeof(*ctx));
}
