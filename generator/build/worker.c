/*
 * build/worker.c: one product, built in a worker process, and the messages that tell the parent
 * what happened.
 *
 * The parent loaded the fonts, the catalog and the compiled templates before forking, so a worker
 * pays only for its own plans (load, check, evaluate, enrich), the transform, the layout and the
 * drawing. Each plan is read and checked here, not in the parent: a broken plan then fails the
 * products that need it, with its file:line, and nothing else.
 *
 * A document product lays its document out once and writes it in each format. A chart set loads
 * the template's document (checked against the schema once) and draws every <chart id> of it alone,
 * on a canvas the chart's size, straight into each format's surface, named <pattern with {chart} =
 * id>: no layout, no document per chart (a chart costs its drawing and its encoding, docs/build.md).
 * A thumbnail of the first page (of the first chart, for a set) goes under output/.thumbs/ for the
 * index page.
 *
 * Messages: one line each, tab-separated fields escaped as in the state file:
 *   diag <severity> <line> <column> <file> <message>
 *   out <path>              plan <id> <jurisdiction> <period> <samples> <6 counts>
 *   thumb <path>            info <pages> <title>            done <1 or 0>
 * written in one go at the end; a worker that dies before "done" has failed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo-svg.h>
#include <cairo.h>
#include <libxml/tree.h>

#include "planrep/chart.h"
#include "planrep/doc.h"
#include "planrep/layout.h"
#include "planrep/model.h"
#include "planrep/render.h"
#include "planrep/template.h"
#include "planrep/xml.h"
#include "build-int.h"

#define DOC_NS		"urn:planrep:doc"
#define THUMB_WIDTH	240.0	/* pixels across a thumbnail */
#define MAX_CHARTS	10000	/* charts in one set */

/* What the worker has learnt and made so far, sent to the parent at the end. */
struct work {
	const struct build_worker_env	*env;
	const struct build_job		*job;
	struct diag_list		 diags;
	struct build_buf		 msgs;
	char				 period[16];	/* {period} */
	bool				 thumb_done;
};

static void
msg(struct build_buf *b, const char *kind, const char *const *f, size_t n)
{
	char	*e;
	size_t	 i;

	build_buf_puts(b, kind);
	for (i = 0; i < n; i++) {
		build_buf_add(b, "\t", 1);
		if ((e = build_field_escape(f[i] != NULL ? f[i] : "")) == NULL) {
			b->oom = true;
			return;
		}
		build_buf_puts(b, e);
		free(e);
	}
	build_buf_add(b, "\n", 1);
}

static void
msg_output(struct work *w, const char *kind, const char *rel)
{
	msg(&w->msgs, kind, &rel, 1);
}

/* ---- Plans ---------------------------------------------------------------------------------- */


/* The value of the product's parameter "period" when it is written out (not "{period}"), or NULL. */
static const char *
fixed_period(const struct build_product *p)
{
	size_t	 i;

	for (i = 0; i < p->param_count; i++)
		if (strcmp(p->params[i].name, "period") == 0 && strchr(p->params[i].value, '{') == NULL)
			return p->params[i].value;
	return NULL;
}

/*
 * Loads, checks, evaluates and enriches plan i of the job. Returns the enriched tree (caller frees)
 * or NULL with the reasons in w->diags. at: the period evaluated at; have: observations exist.
 */
static xmlDocPtr
plan_enriched(struct work *w, size_t i, struct model_period *at, bool *have)
{
	const char			*path = w->job->plan_paths[i], *id = w->job->plan_ids[i];
	const char			*fixed = fixed_period(w->job->product);
	struct model_enriched		 e;
	struct model_period		 probe;
	struct model_eval		 ev;
	xmlDocPtr			 doc = NULL;
	char				*obs_path = NULL, counts[6][24], period[16];
	const char			*f[10];
	size_t				 k, n[6] = { 0 };
	bool				 samples = false;
	int				 s;

	if (fixed != NULL && !model_period_parse(fixed, &probe)) {
		diag_add(&w->diags, DIAG_ERROR, w->env->manifest->path, w->job->product->line, 0,
		    "parameter period: \"%s\" is not a period (2024 or 2024Q2)", fixed);
		return NULL;
	}
	if ((obs_path = build_plan_obs_path(w->env->input, id)) == NULL) {
		diag_add(&w->diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return NULL;
	}
	if (!model_enriched_load(&e, path, access(obs_path, F_OK) == 0 ? obs_path : NULL, w->env->catalog,
	    fixed, &w->diags)) {
		free(obs_path);
		return NULL;
	}
	free(obs_path);
	if (strcmp(e.plan->id, id) != 0) {
		diag_add(&w->diags, DIAG_ERROR, path, 2, 0, "the plan's id is \"%s\", but its file is named "
		    "%s.xml: name a plan's file by its id", e.plan->id, id);
		goto out;
	}
	*at = e.at;
	*have = e.have;
	for (k = 0; k < e.plan->indicator_count; k++) {
		model_eval_indicator(e.plan, &e.plan->indicators[k], w->env->catalog, e.obs, *at, &ev);
		n[ev.status]++;
		if (ev.latest != NULL && ev.latest->sample)
			samples = true;
	}
	if (*have)
		model_period_format(*at, period, sizeof(period));
	else
		period[0] = '\0';
	f[0] = e.plan->id;
	f[1] = e.plan->jurisdiction;
	f[2] = period;
	f[3] = samples ? "1" : "0";
	for (s = 0; s < 6; s++) {
		snprintf(counts[s], sizeof(counts[s]), "%zu", n[s]);
		f[4 + s] = counts[s];
	}
	msg(&w->msgs, "plan", f, 10);
	doc = e.doc;
	e.doc = NULL;
out:
	model_enriched_free(&e);
	return doc;
}

/* ---- Paths ---------------------------------------------------------------------------------- */


/* True when a chart id can name a file: letters, digits, '-' and '_', not first. */
static bool
chart_id_ok(const char *id)
{
	size_t	 i, n = strlen(id);

	if (n == 0 || n > 128)
		return false;
	for (i = 0; i < n; i++) {
		char c = id[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    (i > 0 && (c == '-' || c == '_'))))
			return false;
	}
	return true;
}

/* "<output>/<rel>", after checking that it stays inside output/ and making its folder. */
static char *
target(struct work *w, const char *rel)
{
	const struct build_product	*p = w->job->product;
	size_t				 n = strlen(w->env->output) + strlen(rel) + 2;
	char				*full;

	if ((full = malloc(n)) == NULL) {
		diag_add(&w->diags, DIAG_FATAL, NULL, 0, 0, "out of memory");
		return NULL;
	}
	snprintf(full, n, "%s/%s", w->env->output, rel);
	if (!build_files_inside(w->env->output_real, full, w->env->manifest->path, p->line, &w->diags) ||
	    !build_files_make_dirs(full, &w->diags)) {
		free(full);
		return NULL;
	}
	return full;
}

/* ---- Writing -------------------------------------------------------------------------------- */

/*
 * Writes the first page of lr to path as one SVG or PNG (dpi: PNG pixels per inch). Returns true
 * when the file is in place; on failure nothing is left and diags say why.
 */
static bool
write_page(const struct layout_result *lr, const char *path, enum render_format fmt, double dpi,
    struct diag_list *diags)
{
	struct render_out	 out;
	struct render_target	 t;
	double			 w, h;

	if (layout_page_count(lr) == 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "the document has no page to draw");
		return false;
	}
	if (!render_out_open(&out, path, diags))
		return false;
	layout_page_size(lr, &w, &h);
	render_target_open(&t, fmt, w, h, dpi, NULL, &out);
	render_page(t.cr, layout_page_get(lr, 0));
	if (!render_target_close(&t, path, diags)) {
		render_out_abort(&out);
		return false;
	}
	return render_out_commit(&out, diags);
}

static bool	chart_file(const struct chart *, double, double, const char *, enum render_format, double,
		    const struct render_options *, PangoContext *, struct diag_list *);

/* What a thumbnail shows: the first page of a layout, or a chart drawn alone on its w × h pt. */
struct thumb_source {
	const struct layout_result	*lr;
	const struct chart		*chart;
	double				 w, h;
	PangoContext			*pc;
};

/*
 * The thumbnail of the job's first output rel, for the index page: .thumbs/<rel>.png, THUMB_WIDTH
 * pixels across. Only the first output of a job has one; failure is a warning.
 */
static void
thumbnail(struct work *w, const struct thumb_source *src, const char *rel)
{
	struct diag_list	 quiet;
	char			*name, *full;
	double			 pw = src->w, ph = src->h;
	size_t			 n = strlen(rel) + 16;
	bool			 ok;

	if (w->thumb_done || (name = malloc(n)) == NULL)
		return;
	w->thumb_done = true;
	snprintf(name, n, ".thumbs/%s.png", rel);
	diag_list_init(&quiet);
	if (src->lr != NULL)
		layout_page_size(src->lr, &pw, &ph);
	if ((full = target(w, name)) == NULL)
		ok = false;
	else if (src->lr != NULL)
		ok = write_page(src->lr, full, RENDER_PNG, THUMB_WIDTH * 72.0 / pw, &quiet);
	else
		ok = chart_file(src->chart, pw, ph, full, RENDER_PNG, THUMB_WIDTH * 72.0 / pw, NULL, src->pc,
		    &quiet);
	if (ok)
		msg_output(w, "thumb", name);
	else
		diag_add(&w->diags, DIAG_WARNING, NULL, 0, 0, "no thumbnail for %s", rel);
	diag_list_clear(&quiet);
	free(full);
	free(name);
}

static const struct {
	unsigned		 bit;
	const char		*ext;
	enum render_format	 fmt;
} formats[] = {
	{ BUILD_FORMAT_PDF, "pdf", RENDER_PDF },
	{ BUILD_FORMAT_SVG, "svg", RENDER_SVG },
	{ BUILD_FORMAT_PNG, "png", RENDER_PNG },
};

static void
render_opts(struct render_options *ro, const struct doc *doc, enum render_format fmt, double dpi)
{
	memset(ro, 0, sizeof(*ro));
	ro->format = fmt;
	ro->dpi = dpi;
	ro->title = doc->title;
	ro->author = doc->author;
	ro->subject = doc->subject;
	ro->keywords = doc->keywords;
	ro->creator = doc->creator;
	ro->lang = doc->lang;
}

/* Records the files render_layout wrote for rel: itself, or its pages <stem>-001.<ext> … */
static void
record_files(struct work *w, const char *rel, enum render_format fmt, size_t pages)
{
	const char	*dot = strrchr(rel, '.'), *ext = fmt == RENDER_SVG ? ".svg" : ".png";
	int		 stem = dot != NULL && strchr(dot, '/') == NULL ? (int)(dot - rel) : (int)strlen(rel);
	char		*name;
	size_t		 i, n = strlen(rel) + 16;

	if (fmt == RENDER_PDF) {
		msg_output(w, "out", rel);
		return;
	}
	if ((name = malloc(n)) == NULL)
		return;
	for (i = 1; i <= pages; i++) {
		snprintf(name, n, "%.*s-%03zu%s", stem, rel, i, ext);
		msg_output(w, "out", name);
	}
	free(name);
}

static void
msg_info(struct work *w, size_t pages, const char *title)
{
	char		 num[24];
	const char	*f[2] = { num, title };

	snprintf(num, sizeof(num), "%zu", pages);
	msg(&w->msgs, "info", f, 2);
}

/* A document product: one layout, one file (or one per page) per format. */
static bool
write_document(struct work *w, xmlDocPtr result, const char *name, const char *id)
{
	const struct build_product	*p = w->job->product;
	struct render_options		 ro;
	struct layout_result		*lr = NULL;
	struct doc			*doc;
	char				*rel = NULL, *full = NULL, *first = NULL;
	size_t				 i;
	bool				 ok = false;

	if ((doc = doc_from_xml(result, name, ".", &w->diags)) == NULL ||
	    (lr = layout_document(w->env->fonts, doc, &w->diags)) == NULL)
		goto out;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if ((p->formats & formats[i].bit) == 0)
			continue;
		free(rel);
		free(full);
		full = NULL;
		if ((rel = build_pattern_expand(p->output, id, w->period, NULL, formats[i].ext)) == NULL ||
		    (full = target(w, rel)) == NULL)
			goto out;
		render_opts(&ro, doc, formats[i].fmt, p->dpi);
		if (!render_layout(lr, full, &ro, &w->diags))
			goto out;
		record_files(w, rel, formats[i].fmt, layout_page_count(lr));
		if (first == NULL && (first = strdup(rel)) == NULL)
			goto out;
	}
	if (first != NULL) {
		struct thumb_source	 thumb = { lr, NULL, 0, 0, NULL };

		thumbnail(w, &thumb, first);
	}
	msg_info(w, layout_page_count(lr), doc->title);
	ok = true;
out:
	free(first);
	free(rel);
	free(full);
	layout_result_free(lr);
	doc_free(doc);
	return ok;
}

/* Collects the <chart> elements of the document, in document order. */
static void
find_charts(xmlNodePtr n, xmlNodePtr *out, size_t *count)
{
	for (; n != NULL && *count < MAX_CHARTS; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(n, "chart") && n->ns != NULL && strcmp((const char *)n->ns->href, DOC_NS) == 0) {
			out[(*count)++] = n;
			continue;
		}
		find_charts(n->children, out, count);
	}
}

/*
 * One file of a chart: the chart drawn alone on a canvas its own size, in fmt. The chart stage draws
 * it as it draws charts inside pages (render's figure: the same spec, box and font map), without a
 * document and layout of its own.
 */
static bool
chart_file(const struct chart *c, double cw, double ch, const char *path, enum render_format fmt,
    double dpi, const struct render_options *meta, PangoContext *pc, struct diag_list *diags)
{
	struct render_out	 out;
	struct render_target	 t;
	bool			 drawn;

	if (!render_out_open(&out, path, diags))
		return false;
	render_target_open(&t, fmt, cw, ch, dpi, meta, &out);
	drawn = chart_draw(t.cr, c, 0, 0, cw, ch, pc, NULL, diags);
	if (!render_target_close(&t, path, diags) || !drawn) {
		render_out_abort(&out);
		return false;
	}
	return render_out_commit(&out, diags);
}

/* One chart of a set, written in each format (and as the set's thumbnail when it is the first). */
static bool
write_chart(struct work *w, const struct doc *doc, PangoContext *pc, const char *name, const char *id,
    const char *chart_id)
{
	const struct build_product	*p = w->job->product;
	const struct doc_node		*node = doc_find_id(doc, chart_id);
	const struct doc_page		*pg = &doc->page;
	struct render_options		 ro;
	struct thumb_source		 thumb = { NULL, NULL, 0, 0, pc };
	struct chart			*c;
	double				 cw, ch;
	char				*rel = NULL, *full = NULL;
	size_t				 i;
	bool				 ok = false;

	if (node == NULL || node->type != DOC_CHART) {
		diag_add(&w->diags, DIAG_ERROR, name, 0, 0, "chart id \"%s\" names another element too",
		    chart_id);
		return false;
	}
	if ((c = chart_parse(node->u.figure.spec, name, &w->diags)) == NULL)
		return false;
	/* The chart's size as the document gives it; else the type area's width, and 16:9. */
	cw = node->u.figure.width > 0 ? node->u.figure.width : pg->width - pg->margin_left -
	    pg->margin_right;
	ch = node->u.figure.height > 0 ? node->u.figure.height : cw * 9.0 / 16.0;
	thumb.chart = c;
	thumb.w = cw;
	thumb.h = ch;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if ((p->formats & formats[i].bit) == 0)
			continue;
		free(rel);
		free(full);
		full = NULL;
		if ((rel = build_pattern_expand(p->output, id, w->period, chart_id, formats[i].ext)) == NULL ||
		    (full = target(w, rel)) == NULL)
			goto out;
		render_opts(&ro, doc, formats[i].fmt, p->dpi);
		if (!chart_file(c, cw, ch, full, formats[i].fmt, p->dpi, &ro, pc, &w->diags))
			goto out;
		msg_output(w, "out", rel);
		thumbnail(w, &thumb, rel);
	}
	ok = true;
out:
	free(rel);
	free(full);
	chart_free(c);
	return ok;
}

/* A chart set: every <chart id> of the document as files of its own. */
static bool
write_charts(struct work *w, xmlDocPtr result, const char *name, const char *id)
{
	xmlNodePtr	*charts = NULL, root = xmlDocGetRootElement(result);
	struct doc	*doc;
	PangoContext	*pc;
	xmlChar		*cid;
	size_t		 n = 0, i, written = 0;
	bool		 ok = true;

	if ((doc = doc_from_xml(result, name, ".", &w->diags)) == NULL)
		return false;
	if ((charts = calloc(MAX_CHARTS, sizeof(*charts))) == NULL) {
		diag_add(&w->diags, DIAG_FATAL, name, 0, 0, "out of memory");
		doc_free(doc);
		return false;
	}
	pc = chart_context_new(layout_fonts_map(w->env->fonts));
	find_charts(root, charts, &n);
	for (i = 0; i < n; i++) {
		if ((cid = xmlGetProp(charts[i], (const xmlChar *)"id")) == NULL) {
			diag_add(&w->diags, DIAG_WARNING, name, 0, 0,
			    "a chart without an id is not written: a chart set names each file by its chart's id");
			continue;
		}
		if (!chart_id_ok((const char *)cid)) {
			diag_add(&w->diags, DIAG_ERROR, name, xmlGetLineNo(charts[i]), 0,
			    "chart id \"%s\" cannot name a file (letters, digits, '-' and '_')",
			    (const char *)cid);
			ok = false;
		} else if (!write_chart(w, doc, pc, name, id, (const char *)cid))
			ok = false;
		else
			written++;
		xmlFree(cid);
	}
	g_object_unref(pc);
	if (n == 0 || (written == 0 && ok))
		diag_add(&w->diags, DIAG_WARNING, name, 0, 0, "the template wrote no chart with an id: "
		    "the chart set has no file");
	/* A set's pages count is its charts'. */
	msg_info(w, written, doc->title);
	free(charts);
	doc_free(doc);
	return ok;
}

/* ---- The job -------------------------------------------------------------------------------- */

void
build_worker_run(const struct build_worker_env *env, const struct build_job *job, int fd)
{
	const struct build_product	*p = job->product;
	struct template			*tpl = env->templates[p - env->manifest->products];
	struct work			 w;
	struct model_period		 at, latest;
	xmlDocPtr			*plans = NULL, input = NULL, result = NULL, cat = NULL;
	const char			**params = NULL, *input_path, *f[5];
	char				**values = NULL, name[4200], num[3][24];
	size_t				 i, loaded = 0;
	bool				 ok = false, have, have_latest = false;
	ssize_t				 wr;
	const char			*data;
	size_t				 left;

	memset(&w, 0, sizeof(w));
	w.env = env;
	w.job = job;
	diag_list_init(&w.diags);
	memset(&latest, 0, sizeof(latest));
	if (tpl == NULL)
		goto out;	/* the parent reported why the template did not compile */
	if ((plans = calloc(job->plan_count ? job->plan_count : 1, sizeof(*plans))) == NULL)
		goto oom;
	/* Every plan is tried, so that one run reports all that is wrong with them. */
	for (i = 0; i < job->plan_count; i++) {
		have = false;
		if ((plans[i] = plan_enriched(&w, i, &at, &have)) == NULL)
			continue;
		loaded++;
		if (have && (!have_latest || model_period_time(at) > model_period_time(latest))) {
			latest = at;
			have_latest = true;
		}
	}
	if (loaded < job->plan_count) {
		if (job->plan_count > 1)
			diag_add(&w.diags, DIAG_ERROR, env->manifest->path, p->line, 0,
			    "%s needs every one of its %zu plans, and %zu could not be used", job->key,
			    job->plan_count, job->plan_count - loaded);
		goto out;
	}
	if (have_latest)
		model_period_format(latest, w.period, sizeof(w.period));
	else if (job->plan_count > 0)
		snprintf(w.period, sizeof(w.period), "%d", at.year);
	if (p->together) {
		if (env->catalog_path != NULL && (cat = xml_doc_load(env->catalog_path, &w.diags)) == NULL)
			goto out;
		if ((input = model_plans_tree(plans, job->plan_count, cat, &w.diags)) == NULL)
			goto out;
		input_path = env->manifest->path;
		snprintf(name, sizeof(name), "%s applied to %zu plans", p->template, job->plan_count);
	} else {
		input = plans[0];
		plans[0] = NULL;
		input_path = job->plan_paths[0];
		snprintf(name, sizeof(name), "%s applied to %s", p->template, input_path);
	}
	if ((params = calloc(2 * p->param_count + 1, sizeof(*params))) == NULL ||
	    (values = calloc(p->param_count + 1, sizeof(*values))) == NULL)
		goto oom;
	for (i = 0; i < p->param_count; i++) {
		if ((values[i] = build_pattern_expand(p->params[i].value, p->together ? NULL : job->plan_ids[0],
		    w.period, NULL, NULL)) == NULL)
			goto oom;
		params[2 * i] = p->params[i].name;
		params[2 * i + 1] = values[i];
	}
	if ((result = template_apply(tpl, input, input_path, params, &w.diags)) == NULL)
		goto out;
	if (p->shape == BUILD_DOCUMENT)
		ok = write_document(&w, result, name, p->together ? NULL : job->plan_ids[0]);
	else
		ok = write_charts(&w, result, name, p->together ? NULL : job->plan_ids[0]);
	goto out;
oom:
	diag_add(&w.diags, DIAG_FATAL, NULL, 0, 0, "out of memory");
out:
	ok = ok && !diag_failed(&w.diags);
	for (i = 0; i < w.diags.count; i++) {
		const struct diag *d = &w.diags.items[i];
		char msgtext[4200];

		snprintf(num[0], sizeof(num[0]), "%d", (int)d->severity);
		snprintf(num[1], sizeof(num[1]), "%ld", d->line);
		snprintf(num[2], sizeof(num[2]), "%ld", d->column);
		if (d->code != NULL)
			snprintf(msgtext, sizeof(msgtext), "%s [%s]", d->message, d->code);
		else
			snprintf(msgtext, sizeof(msgtext), "%s", d->message);
		f[0] = num[0];
		f[1] = num[1];
		f[2] = num[2];
		f[3] = d->file;
		f[4] = msgtext;
		msg(&w.msgs, "diag", f, 5);
	}
	f[0] = ok && !w.msgs.oom ? "1" : "0";
	msg(&w.msgs, "done", f, 1);
	for (data = w.msgs.data, left = w.msgs.len; data != NULL && left > 0; ) {
		if ((wr = write(fd, data, left)) <= 0)
			break;
		data += wr;
		left -= (size_t)wr;
	}
	for (i = 0; plans != NULL && i < job->plan_count; i++)
		xmlFreeDoc(plans[i]);
	free(plans);
	xmlFreeDoc(input);
	xmlFreeDoc(result);
	xmlFreeDoc(cat);
	for (i = 0; values != NULL && i < p->param_count; i++)
		free(values[i]);
	free(values);
	free(params);
	build_buf_free(&w.msgs);
	diag_list_clear(&w.diags);
}

/* ---- The parent's side ---------------------------------------------------------------------- */

bool
build_worker_result_parse(char *data, size_t size, struct build_record *r, struct build_state *plans,
    struct diag_list *diags, bool *ok)
{
	char			*line, *next, *tab, *f[12];
	struct build_plan_info	 info;
	size_t			 n, i;
	bool			 done = false, good = true;

	*ok = false;
	for (line = data; line < data + size && good; line = next) {
		if ((next = memchr(line, '\n', (size_t)(data + size - line))) == NULL)
			break;	/* a line cut short: the worker died while writing */
		*next++ = '\0';
		for (n = 0; n < 12; ) {
			tab = strchr(line, '\t');
			if (tab != NULL)
				*tab = '\0';
			if ((f[n++] = build_field_unescape(line)) == NULL) {
				n--;
				good = false;
				break;
			}
			if (tab == NULL)
				break;
			line = tab + 1;
		}
		if (!good) {
		} else if (strcmp(f[0], "diag") == 0 && n == 6) {
			diag_add(diags, (enum diag_severity)atoi(f[1]), *f[4] != '\0' ? f[4] : NULL,
			    atol(f[2]), atol(f[3]), "%s", f[5]);
		} else if (strcmp(f[0], "out") == 0 && n == 2) {
			good = build_record_add_output(r, f[1]);
		} else if (strcmp(f[0], "thumb") == 0 && n == 2) {
			free(r->thumb);
			r->thumb = f[1];
			f[1] = NULL;
		} else if (strcmp(f[0], "info") == 0 && n == 3) {
			r->pages = (size_t)strtoul(f[1], NULL, 10);
			free(r->title);
			r->title = *f[2] != '\0' ? f[2] : NULL;
			if (r->title != NULL)
				f[2] = NULL;
		} else if (strcmp(f[0], "plan") == 0 && n == 11) {
			memset(&info, 0, sizeof(info));
			info.id = f[1];
			info.jurisdiction = f[2];
			info.period = f[3];
			info.samples = strcmp(f[4], "1") == 0;
			for (i = 0; i < 6; i++)
				info.counts[i] = (size_t)strtoul(f[5 + i], NULL, 10);
			f[1] = f[2] = f[3] = NULL;
			good = build_state_put_plan(plans, &info);
			build_plan_info_clear(&info);
		} else if (strcmp(f[0], "done") == 0 && n == 2) {
			done = true;
			*ok = strcmp(f[1], "1") == 0;
		}
		for (i = 0; i < n; i++)
			free(f[i]);
	}
	return good && done;
}
