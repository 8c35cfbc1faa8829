/*
 * fuzz_target.c: the printed-target parser (model_target_parse) on arbitrary bytes, and the derived
 * target against a few baselines, as the plan loader and the evaluation use them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/model.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model_target	 t, b;
	char			*text;
	static const double	 baselines[] = { 0.0, 1.0, -3.5, 78.2, 1e308, NAN };
	size_t			 i;

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	model_target_parse(text, &t);
	(void)model_target_kind_name(t.kind);
	(void)model_direction_name(t.hint);
	for (i = 0; i < sizeof(baselines) / sizeof(baselines[0]); i++) {
		(void)model_target_derive(&t, baselines[i], 5);
		(void)model_target_derive(&t, baselines[i], 0);
	}
	/* The same text as a baseline. */
	(void)model_target_parse(text, &b);
	(void)model_target_derive(&t, model_target_baseline_value(&b), 5);
	free(text);
	return 0;
}
