/*
 * fuzz_plan.c: the plan loader (model_plan_parse: the safe reader, the schema, the tree walk, the
 * target parser), then the checks and the evaluation of every indicator, as `planrep eval` does.
 */
#include "planrep/diag.h"
#include "planrep/model.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list	 diags;
	struct model_plan	*p;
	struct model_eval	 ev;
	struct model_period	 at;
	size_t			 i;

	diag_list_init(&diags);
	if ((p = model_plan_parse((const char *)data, size, "fuzz.xml", &diags)) != NULL) {
		model_plan_check(p, NULL, &diags);
		at.year = p->period_end;
		at.quarter = 0;
		for (i = 0; i < p->indicator_count; i++)
			model_eval_indicator(p, &p->indicators[i], NULL, NULL, at, &ev);
	}
	model_plan_free(p);
	diag_list_clear(&diags);
	return 0;
}
