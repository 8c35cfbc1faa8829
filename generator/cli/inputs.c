/*
 * cli/inputs.c: finding a plan's companions. A plan at <input>/plans/<id>.xml is judged against
 * <input>/catalog.xml and <input>/observations/<id>.xml when they exist, wherever <input> is.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "planrep/template.h"
#include "planrep/xml.h"
#include "cli-int.h"

bool
cli_file_exists(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *
cli_input_dir(const char *plan_path)
{
	char	*d = strdup(plan_path), *slash;
	int	 up;

	if (d == NULL)
		return NULL;
	/* Strip the file name, then the plans/ folder. */
	for (up = 0; up < 2; up++) {
		if ((slash = strrchr(d, '/')) == NULL) {
			free(d);
			return strdup(up == 0 ? ".." : ".");
		}
		*slash = '\0';
		if (*d == '\0') {
			free(d);
			return strdup("/");
		}
	}
	return d;
}

bool
cli_plan_set_load(struct cli_plan_set *set, const char *path, bool with_obs, const char *obs_path,
    const char *catalog_path, struct diag_list *diags)
{
	char	 buf[4096];
	char	*dir;

	memset(set, 0, sizeof(*set));
	if ((set->plan = model_plan_load(path, diags)) == NULL)
		return false;
	if ((dir = cli_input_dir(path)) == NULL) {
		diag_add(diags, DIAG_FATAL, NULL, 0, 0, "out of memory");
		goto fail;
	}
	if (catalog_path == NULL) {
		snprintf(buf, sizeof(buf), "%s/catalog.xml", dir);
		if (cli_file_exists(buf))
			catalog_path = buf;
	}
	if (catalog_path != NULL && (set->catalog = model_catalog_load(catalog_path, diags)) == NULL) {
		free(dir);
		goto fail;
	}
	if (with_obs && obs_path == NULL) {
		snprintf(buf, sizeof(buf), "%s/observations/%s.xml", dir, set->plan->id);
		if (cli_file_exists(buf))
			obs_path = buf;
	}
	free(dir);
	if (with_obs && obs_path != NULL) {
		if ((set->obs = model_observations_load(obs_path, diags)) == NULL)
			goto fail;
		model_observations_check(set->obs, set->plan, diags);
	}
	model_plan_check(set->plan, set->catalog, diags);
	if (diag_failed(diags))
		goto fail;
	return true;
fail:
	cli_plan_set_free(set);
	return false;
}

void
cli_plan_set_free(struct cli_plan_set *set)
{
	model_plan_free(set->plan);
	model_catalog_free(set->catalog);
	model_observations_free(set->obs);
	memset(set, 0, sizeof(*set));
}

xmlDocPtr
cli_enriched_plan(const char *path, const char *period, struct diag_list *diags)
{
	struct model_enriched	 e;
	struct model_catalog	*cat = NULL;
	struct model_plan	*probe;
	xmlDocPtr		 doc;
	char			*dir, cpath[4096], opath[4096];
	const char		*obs = NULL;

	/* The companions are found from the plan's id: load it once to learn it (cheap, and checked). */
	if ((probe = model_plan_load(path, diags)) == NULL || (dir = cli_input_dir(path)) == NULL) {
		model_plan_free(probe);
		return NULL;
	}
	snprintf(cpath, sizeof(cpath), "%s/catalog.xml", dir);
	snprintf(opath, sizeof(opath), "%s/observations/%s.xml", dir, probe->id);
	free(dir);
	model_plan_free(probe);
	if (cli_file_exists(opath))
		obs = opath;
	if (cli_file_exists(cpath) && (cat = model_catalog_load(cpath, diags)) == NULL)
		return NULL;
	doc = NULL;
	if (model_enriched_load(&e, path, obs, cat, period, diags)) {
		doc = e.doc;
		e.doc = NULL;
		model_enriched_free(&e);
	}
	model_catalog_free(cat);
	return doc;
}

xmlDocPtr
cli_enriched_plans(char *const *paths, size_t count, const char *period, struct diag_list *diags)
{
	xmlDocPtr	*docs, tree = NULL, cat = NULL;
	char		*dir, buf[4096];
	size_t		 i, n = 0;

	if ((docs = calloc(count ? count : 1, sizeof(*docs))) == NULL) {
		diag_add(diags, DIAG_FATAL, NULL, 0, 0, "out of memory");
		return NULL;
	}
	for (i = 0; i < count; i++)
		if ((docs[n] = cli_enriched_plan(paths[i], period, diags)) != NULL)
			n++;
	if (n == count && count > 0 && (dir = cli_input_dir(paths[0])) != NULL) {
		snprintf(buf, sizeof(buf), "%s/catalog.xml", dir);
		free(dir);
		if (cli_file_exists(buf))
			cat = xml_doc_load(buf, diags);
		tree = model_plans_tree(docs, n, cat, diags);
	}
	for (i = 0; i < n; i++)
		xmlFreeDoc(docs[i]);
	free(docs);
	xmlFreeDoc(cat);
	return tree;
}

xmlDocPtr
cli_template_apply(const char *tpl_path, char *const *inputs, size_t count, const char *const *params,
    const char *period, struct diag_list *diags)
{
	struct template	*tpl;
	xmlDocPtr	 in = NULL, out = NULL;
	const char	*schema;

	if ((tpl = template_load(tpl_path, diags)) == NULL)
		return NULL;
	if (count > 1)
		in = cli_enriched_plans(inputs, count, period, diags);
	else if ((in = xml_doc_load(inputs[0], diags)) != NULL) {
		/* A plan is enriched with its evaluation first; other inputs go as they are, checked. */
		schema = xml_doc_schema_name(in);
		if (schema == NULL || strcmp(schema, "plan") == 0 ||
		    !xml_doc_validate(in, schema, inputs[0], diags)) {
			xmlFreeDoc(in);
			in = NULL;
			if (schema == NULL)
				diag_add(diags, DIAG_ERROR, inputs[0], 1, 0, "not a planrep input file");
			else if (strcmp(schema, "plan") == 0)
				in = cli_enriched_plan(inputs[0], period, diags);
		}
	}
	if (in != NULL) {
		out = template_apply(tpl, in, inputs[0], params, diags);
		xmlFreeDoc(in);
	}
	template_free(tpl);
	return out;
}
