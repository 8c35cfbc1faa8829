/*
 * build/manifest.c: reading the build manifest (input/build.xml) into struct build_manifest.
 *
 * The schema (schema/build.rng) checks the shape; this file checks what it cannot: unique product
 * names, and output patterns that cannot leave output/ whatever the values put into them. A pattern
 * is checked once, here, as text: no absolute path, no empty, "." or ".." component, no component
 * starting with a dot (those names are the build's own: state, thumbnails, temporary files), known
 * variables only. The values put in later are checked where they are made (plan ids by the plan
 * schema and files.c, periods by the model, chart ids in worker.c), and none may hold a '/' or start
 * with a dot, so a checked pattern stays a checked path. Symbolic links are checked when writing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "planrep/build.h"
#include "planrep/xml.h"
#include "build-int.h"

static const char *const variables[] = { "id", "period", "chart", "format" };

/* Counts the uses of each variable; false (reported) on an unknown one or a stray brace. */
static bool
scan_variables(const char *p, size_t used[4], const char *file, long line, struct diag_list *diags)
{
	const char	*close;
	size_t		 i, n;

	memset(used, 0, 4 * sizeof(used[0]));
	for (; *p != '\0'; p++) {
		if (*p == '}') {
			diag_add(diags, DIAG_ERROR, file, line, 0, "output: a '}' without its '{'");
			return false;
		}
		if (*p != '{')
			continue;
		if ((close = strchr(p, '}')) == NULL) {
			diag_add(diags, DIAG_ERROR, file, line, 0, "output: a '{' without its '}'");
			return false;
		}
		n = (size_t)(close - p - 1);
		for (i = 0; i < 4; i++)
			if (strlen(variables[i]) == n && strncmp(p + 1, variables[i], n) == 0)
				break;
		if (i == 4) {
			diag_add(diags, DIAG_ERROR, file, line, 0,
			    "output: unknown variable {%.*s} (known: {id}, {period}, {chart}, {format})",
			    (int)n, p + 1);
			return false;
		}
		used[i]++;
		p = close;
	}
	return true;
}

bool
build_pattern_check(const char *pattern, enum build_shape shape, bool together, unsigned formats,
    const char *file, long line, struct diag_list *diags)
{
	const char	*c, *end;
	size_t		 used[4], len, nformats;

	if (*pattern == '\0') {
		diag_add(diags, DIAG_ERROR, file, line, 0, "output: empty path");
		return false;
	}
	if (*pattern == '/') {
		diag_add(diags, DIAG_ERROR, file, line, 0,
		    "output \"%s\" is an absolute path: outputs are written inside the output folder, "
		    "give a path relative to it", pattern);
		return false;
	}
	if (strchr(pattern, '\\') != NULL) {
		diag_add(diags, DIAG_ERROR, file, line, 0, "output \"%s\": use '/' between folders", pattern);
		return false;
	}
	for (c = pattern; ; c = end + 1) {
		end = strchr(c, '/');
		len = end != NULL ? (size_t)(end - c) : strlen(c);
		if (len == 2 && strncmp(c, "..", 2) == 0) {
			diag_add(diags, DIAG_ERROR, file, line, 0,
			    "output \"%s\" leads out of the output folder (\"..\")", pattern);
			return false;
		}
		if (len == 0 || (len == 1 && *c == '.')) {
			diag_add(diags, DIAG_ERROR, file, line, 0,
			    "output \"%s\" has an empty or \".\" folder name", pattern);
			return false;
		}
		if (*c == '.') {
			diag_add(diags, DIAG_ERROR, file, line, 0,
			    "output \"%s\": a name may not start with '.' (the build keeps its own files "
			    "under such names)", pattern);
			return false;
		}
		if (end == NULL)
			break;
	}
	if (strcmp(pattern, "index.html") == 0) {
		diag_add(diags, DIAG_ERROR, file, line, 0, "output: index.html is the build's own page");
		return false;
	}
	if (!scan_variables(pattern, used, file, line, diags))
		return false;
	if (!together && used[0] == 0) {
		diag_add(diags, DIAG_ERROR, file, line, 0,
		    "output \"%s\" needs {id}: the product is made once per plan", pattern);
		return false;
	}
	if (together && used[0] > 0) {
		diag_add(diags, DIAG_ERROR, file, line, 0,
		    "output \"%s\": {id} has no value in a product made from all plans together", pattern);
		return false;
	}
	if (shape == BUILD_CHARTS && used[2] == 0) {
		diag_add(diags, DIAG_ERROR, file, line, 0,
		    "output \"%s\" needs {chart}: a chart set writes one file per chart", pattern);
		return false;
	}
	if (shape == BUILD_DOCUMENT && used[2] > 0) {
		diag_add(diags, DIAG_ERROR, file, line, 0,
		    "output \"%s\": {chart} is for chart sets (<charts>)", pattern);
		return false;
	}
	nformats = ((formats & BUILD_FORMAT_PDF) != 0) + ((formats & BUILD_FORMAT_SVG) != 0) +
	    ((formats & BUILD_FORMAT_PNG) != 0);
	if (nformats > 1 && used[3] == 0) {
		diag_add(diags, DIAG_ERROR, file, line, 0,
		    "output \"%s\" needs {format}: the product is written in %zu formats", pattern, nformats);
		return false;
	}
	return true;
}

/* Splits a space-separated list into an owned array. Returns false when out of memory. */
static bool
split(const char *text, char ***out, size_t *count)
{
	const char	*p = text, *start;
	char		**list = NULL, **grown;
	size_t		 n = 0;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		if ((grown = realloc(list, (n + 1) * sizeof(*list))) == NULL)
			goto fail;
		list = grown;
		if ((list[n] = strndup(start, (size_t)(p - start))) == NULL)
			goto fail;
		n++;
	}
	*out = list;
	*count = n;
	return true;
fail:
	while (n > 0)
		free(list[--n]);
	free(list);
	return false;
}

/* The template attribute: a bare file name is one of the data folder's templates/, else manifest-relative. */
static char *
resolve_template(const char *manifest, const char *tpl)
{
	const char	*slash;
	char		*r;
	size_t		 n;

	if (strchr(tpl, '/') == NULL) {
		n = strlen(xml_data_dir()) + strlen(tpl) + 12;
		if ((r = malloc(n)) != NULL)
			snprintf(r, n, "%s/templates/%s", xml_data_dir(), tpl);
		return r;
	}
	if (*tpl == '/' || (slash = strrchr(manifest, '/')) == NULL)
		return strdup(tpl);
	n = (size_t)(slash - manifest) + strlen(tpl) + 2;
	if ((r = malloc(n)) != NULL)
		snprintf(r, n, "%.*s/%s", (int)(slash - manifest), manifest, tpl);
	return r;
}

/* True when path's canonical form lies in the folder dir (canonical too), or at it. */
static bool
inside(const char *path, const char *dir)
{
	char	*cp = realpath(path, NULL), *cd = realpath(dir, NULL);
	size_t	 n;
	bool	 in = false;

	if (cp != NULL && cd != NULL) {
		n = strlen(cd);
		in = strncmp(cp, cd, n) == 0 && (cp[n] == '/' || cp[n] == '\0');
	}
	free(cp);
	free(cd);
	return in;
}

/*
 * A manifest may name templates in the data folder's templates/ or in its own folder (and below),
 * nothing else: a manifest from elsewhere must not make the build read /etc/passwd as a stylesheet.
 * A template that does not exist is left for the template loader to report.
 */
static bool
template_allowed(const char *manifest, const char *tpl, long line, struct diag_list *diags)
{
	char		 dir[4096];
	const char	*slash = strrchr(manifest, '/');

	if (access(tpl, F_OK) != 0)
		return true;
	snprintf(dir, sizeof(dir), "%s/templates", xml_data_dir());
	if (inside(tpl, dir))
		return true;
	snprintf(dir, sizeof(dir), "%.*s", slash != NULL ? (int)(slash - manifest) : 1,
	    slash != NULL ? manifest : ".");
	if (inside(tpl, dir))
		return true;
	diag_add(diags, DIAG_ERROR, manifest, line, 0, "template %s is outside templates/ and the "
	    "manifest's folder: a manifest may name only those", tpl);
	return false;
}

static void
product_clear(struct build_product *p)
{
	size_t	 i;

	free(p->name);
	free(p->title);
	free(p->template);
	free(p->template_path);
	for (i = 0; i < p->plan_count; i++)
		free(p->plans[i]);
	free(p->plans);
	free(p->output);
	for (i = 0; i < p->param_count; i++) {
		free(p->params[i].name);
		free(p->params[i].value);
	}
	free(p->params);
}

/* Reads one validated <document> or <charts>. Returns false when out of memory or when it is bad. */
static bool
product_read(struct build_product *p, xmlNodePtr n, const char *path, struct diag_list *diags)
{
	char		*plans = NULL, *together = NULL, *formats = NULL, *dpi = NULL, **list = NULL;
	size_t		 count = 0, i;
	xmlNodePtr	 c;
	struct build_param *grown;
	bool		 ok = false, dup = false;

	memset(p, 0, sizeof(*p));
	p->line = xmlGetLineNo(n);
	p->shape = xml_is(n, "charts") ? BUILD_CHARTS : BUILD_DOCUMENT;
	p->name = xml_attr(n, "name");
	p->title = xml_attr(n, "title");
	p->template = xml_attr(n, "template");
	p->output = xml_attr(n, "output");
	plans = xml_attr(n, "plans");
	together = xml_attr(n, "together");
	formats = xml_attr(n, "formats");
	dpi = xml_attr(n, "dpi");
	if (p->name == NULL || p->template == NULL || p->output == NULL)
		goto oom;
	if ((p->template_path = resolve_template(path, p->template)) == NULL)
		goto oom;
	if (plans != NULL && strcmp(plans, "*") != 0) {
		if (!split(plans, &p->plans, &p->plan_count))
			goto oom;
	}
	p->together = together != NULL && (strcmp(together, "true") == 0 || strcmp(together, "1") == 0);
	if (formats == NULL)
		p->formats = BUILD_FORMAT_PDF;
	else {
		if (!split(formats, &list, &count))
			goto oom;
		for (i = 0; i < count; i++) {
			unsigned bit = strcmp(list[i], "pdf") == 0 ? BUILD_FORMAT_PDF :
			    strcmp(list[i], "svg") == 0 ? BUILD_FORMAT_SVG : BUILD_FORMAT_PNG;

			if (p->formats & bit)
				diag_add(diags, DIAG_WARNING, path, p->line, 0, "format %s listed twice", list[i]);
			p->formats |= bit;
		}
	}
	p->dpi = dpi != NULL ? strtod(dpi, NULL) : 0;
	for (c = n->children; c != NULL; c = c->next) {
		if (!xml_is(c, "param"))
			continue;
		if ((grown = realloc(p->params, (p->param_count + 1) * sizeof(*grown))) == NULL)
			goto oom;
		p->params = grown;
		grown[p->param_count].name = xml_attr(c, "name");
		grown[p->param_count].value = xml_attr(c, "value");
		p->param_count++;
		if (grown[p->param_count - 1].name == NULL || grown[p->param_count - 1].value == NULL)
			goto oom;
		for (i = 0; i + 1 < p->param_count; i++)
			if (strcmp(p->params[i].name, grown[p->param_count - 1].name) == 0) {
				diag_add(diags, DIAG_ERROR, path, xmlGetLineNo(c), 0,
				    "parameter %s given twice", p->params[i].name);
				dup = true;
			}
	}
	ok = build_pattern_check(p->output, p->shape, p->together, p->formats, path, p->line, diags) &&
	    !dup;
	ok = template_allowed(path, p->template_path, p->line, diags) && ok;
	goto out;
oom:
	diag_add(diags, DIAG_FATAL, path, p->line, 0, "out of memory");
out:
	for (i = 0; i < count; i++)
		free(list[i]);
	free(list);
	free(plans);
	free(together);
	free(formats);
	free(dpi);
	return ok;
}

static struct build_manifest *manifest_from_doc(xmlDocPtr, const char *, struct diag_list *);

struct build_manifest *
build_manifest_load(const char *path, struct diag_list *diags)
{
	return manifest_from_doc(xml_doc_load(path, diags), path, diags);
}

struct build_manifest *
build_manifest_parse(const char *data, size_t size, const char *name, struct diag_list *diags)
{
	return manifest_from_doc(xml_doc_parse(data, size, name, diags), name, diags);
}

/*
 * Reads the manifest from doc, parsed from path (NULL after a failed parse: returns NULL), and frees
 * doc. Returns the manifest or NULL with the reasons in diags.
 */
static struct build_manifest *
manifest_from_doc(xmlDocPtr doc, const char *path, struct diag_list *diags)
{
	struct build_manifest	*m = NULL;
	struct build_product	*grown;
	xmlNodePtr		 n;
	size_t			 i;
	bool			 ok = true;

	if (doc == NULL)
		return NULL;
	if (!xml_doc_validate(doc, "build", path, diags))
		goto out;
	if ((m = calloc(1, sizeof(*m))) == NULL || (m->path = strdup(path)) == NULL) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		ok = false;
		goto out;
	}
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (!xml_is(n, "document") && !xml_is(n, "charts"))
			continue;
		if ((grown = realloc(m->products, (m->count + 1) * sizeof(*grown))) == NULL) {
			diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
			ok = false;
			break;
		}
		m->products = grown;
		/* Read it even when bad, so that every problem of the manifest is reported at once. */
		if (!product_read(&m->products[m->count], n, path, diags))
			ok = false;
		m->count++;
		for (i = 0; i + 1 < m->count; i++)
			if (m->products[i].name != NULL && m->products[m->count - 1].name != NULL &&
			    strcmp(m->products[i].name, m->products[m->count - 1].name) == 0) {
				diag_add(diags, DIAG_ERROR, path, m->products[m->count - 1].line, 0,
				    "product name %s is used already (line %ld)", m->products[i].name,
				    m->products[i].line);
				ok = false;
			}
	}
out:
	xmlFreeDoc(doc);
	if (m != NULL && !ok) {
		build_manifest_free(m);
		m = NULL;
	}
	return m;
}

void
build_manifest_free(struct build_manifest *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->count; i++)
		product_clear(&m->products[i]);
	free(m->products);
	free(m->path);
	free(m);
}

char *
build_pattern_expand(const char *pattern, const char *id, const char *period, const char *chart,
    const char *ext)
{
	static const struct {
		const char	*name;
		size_t		 len;
	} vars[] = { { "{id}", 4 }, { "{period}", 8 }, { "{chart}", 7 }, { "{format}", 8 } };
	const char		*values[4] = { id, period, chart, ext };
	struct build_buf	 b = { 0 };
	const char		*p;
	size_t			 i;

	build_buf_add(&b, "", 0);
	for (p = pattern; *p != '\0'; p++) {
		for (i = 0; i < 4; i++)
			if (values[i] != NULL && strncmp(p, vars[i].name, vars[i].len) == 0)
				break;
		if (i < 4) {
			build_buf_puts(&b, values[i]);
			p += vars[i].len - 1;
		} else
			build_buf_add(&b, p, 1);
	}
	if (b.oom) {
		build_buf_free(&b);
		return NULL;
	}
	return b.data;
}
