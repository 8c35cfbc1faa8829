/*
 * cli-int.h: shared by the files of the planrep program (generator/cli/) only.
 */
#ifndef PLANREP_CLI_INT_H
#define PLANREP_CLI_INT_H

#include <stdbool.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "planrep/diag.h"
#include "planrep/model.h"

/* Exit statuses (DESIGN.md, "Command line"). */
#define EXIT_OK		0
#define EXIT_FAILED	1	/* some product failed */
#define EXIT_USAGE	2	/* unknown command or option */
#define EXIT_DATA	65	/* bad input data (EX_DATAERR) */

int	cmd_validate(int argc, char **argv);
int	cmd_eval(int argc, char **argv);
int	cmd_build(int argc, char **argv);
int	cmd_render(int argc, char **argv);
int	cmd_chart(int argc, char **argv);
int	cmd_fonts(int argc, char **argv);

/* Prints "planrep: message" on stderr. */
void	cli_error(const char *fmt, ...) DIAG_PRINTF(1, 2);

/* Prints the diagnostics and maps the worst to an exit status: EXIT_DATA on errors, else EXIT_OK. */
int	cli_report(struct diag_list *);

/* A plan with what it is judged against. */
struct cli_plan_set {
	struct model_plan		*plan;
	struct model_catalog		*catalog;	/* NULL when there is none */
	struct model_observations	*obs;		/* NULL when there are none */
};

/*
 * Loads the plan at path with its catalog (catalog_path, or <input>/catalog.xml next to the plan's
 * folder when it exists) and, when with_obs, its observations (obs_path, or
 * <input>/observations/<id>.xml when it exists), and runs the model's checks on them.
 * Returns false with the reasons in diags; the set is then freed.
 */
bool	cli_plan_set_load(struct cli_plan_set *, const char *path, bool with_obs, const char *obs_path,
	    const char *catalog_path, struct diag_list *);
void	cli_plan_set_free(struct cli_plan_set *);

/*
 * The plan at path with its catalog and observations found beside it, evaluated at period (NULL: the
 * latest observed) and written into its tree for templates (model_enriched_load). Returns the tree
 * (caller frees with xmlFreeDoc) or NULL with diagnostics; the data warnings are both in diags and in
 * the tree.
 */
xmlDocPtr cli_enriched_plan(const char *path, const char *period, struct diag_list *);

/*
 * Several plans for a template that looks across them: each enriched (cli_enriched_plan), gathered
 * with the catalog (found beside the first) under one e:plans root (model_plans_tree). Returns the
 * tree (caller frees) or NULL when any plan fails, with diagnostics.
 */
xmlDocPtr cli_enriched_plans(char *const *paths, size_t count, const char *period, struct diag_list *);


/*
 * Runs the template at tpl_path on the inputs: one plan, evaluated and enriched first
 * (cli_enriched_plan); one other planrep file, validated, as it is; or several plans, gathered
 * (cli_enriched_plans). Returns the template's result (caller frees) or NULL with diagnostics.
 */
xmlDocPtr cli_template_apply(const char *tpl_path, char *const *inputs, size_t count,
	    const char *const *params, const char *period, struct diag_list *);

/* The input folder of a plan file: "input" for "input/plans/x.xml". Owned by the caller. */
char	*cli_input_dir(const char *plan_path);
bool	cli_file_exists(const char *path);

/* Terminal columns a UTF-8 string takes: East Asian wide characters count two. */
size_t	cli_text_width(const char *);
/* Prints s and pads it with spaces to width columns. */
void	cli_print_padded(FILE *, const char *s, size_t width);

#endif
