/*
 * cli/validate.c: planrep validate FILE... — every input format against its schema, plus the checks
 * a schema cannot make (unique ids, catalog references, targets against baselines).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "planrep/build.h"
#include "planrep/doc.h"
#include "planrep/xml.h"
#include "cli-int.h"

static const char help[] =
"usage: planrep validate FILE...\n"
"\n"
"Checks plans (input/plans/*.xml), the catalog (input/catalog.xml), observations\n"
"(input/observations/*.xml), documents (urn:planrep:doc) and build manifests (input/build.xml)\n"
"against schema/*.rng, chosen by\n"
"the root element's namespace; documents also for unique ids, link targets and styles.\n"
"A plan is also checked against the catalog found beside it, observations against their plan:\n"
"unknown catalog references are errors; a target on the wrong side of its baseline, a unit\n"
"other than the catalog's, a name matching no catalog alias, an observation for an indicator\n"
"the plan lacks are warnings. Each problem is printed as file:line: severity: message.\n"
"\n"
"Exit status: 0 when every file is valid (warnings allowed), 65 when any is not, 2 bad usage.\n";

/* Validates one file, whatever its format. Problems go to diags. */
static void
validate_one(const char *path, struct diag_list *diags)
{
	struct cli_plan_set		 set;
	struct model_catalog		*cat;
	struct model_observations	*obs;
	struct model_plan		*plan;
	struct doc			*d;
	struct build_manifest		*m;
	xmlDocPtr			 doc;
	const char			*schema;
	char				*dir, buf[4096];

	if ((doc = xml_doc_load(path, diags)) == NULL)
		return;
	schema = xml_doc_schema_name(doc);
	xmlFreeDoc(doc);
	if (schema == NULL) {
		diag_add(diags, DIAG_ERROR, path, 1, 0,
		    "not a planrep file: the root element's namespace is none of urn:planrep:plan, "
		    "urn:planrep:catalog, urn:planrep:observations, urn:planrep:doc, urn:planrep:build");
	} else if (strcmp(schema, "plan") == 0) {
		if (cli_plan_set_load(&set, path, false, NULL, NULL, diags))
			cli_plan_set_free(&set);
	} else if (strcmp(schema, "document") == 0) {
		if ((d = doc_load(path, diags)) != NULL)
			doc_free(d);
	} else if (strcmp(schema, "build") == 0) {
		/* A build manifest: its schema, then output paths that stay inside output/. */
		if ((m = build_manifest_load(path, diags)) != NULL)
			build_manifest_free(m);
	} else if (strcmp(schema, "catalog") == 0) {
		if ((cat = model_catalog_load(path, diags)) != NULL)
			model_catalog_free(cat);
	} else if (strcmp(schema, "observations") == 0) {
		if ((obs = model_observations_load(path, diags)) == NULL)
			return;
		/* Observations are checked against their plan at <input>/plans/<plan>.xml, if there. */
		if ((dir = cli_input_dir(path)) != NULL) {
			snprintf(buf, sizeof(buf), "%s/plans/%s.xml", dir, obs->plan);
			if (cli_file_exists(buf) && (plan = model_plan_load(buf, diags)) != NULL) {
				model_observations_check(obs, plan, diags);
				model_plan_free(plan);
			}
			free(dir);
		}
		model_observations_free(obs);
	}
}

int
cmd_validate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct diag_list	 diags;
	int			 c, i, bad = 0, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(help, stdout);
			return EXIT_OK;
		default:
			fputs("Try 'planrep validate --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_error("validate: no file given");
		fputs("Try 'planrep validate --help'.\n", stderr);
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		diag_list_init(&diags);
		validate_one(argv[i], &diags);
		diag_list_print(&diags, stderr);
		if (diag_failed(&diags))
			bad++;
		else
			printf("%s: valid%s\n", argv[i], diags.count ? " (with warnings)" : "");
		diag_list_clear(&diags);
	}
	rc = bad ? EXIT_DATA : EXIT_OK;
	if (bad)
		cli_error("%d of %d files invalid", bad, argc - optind);
	return rc;
}
