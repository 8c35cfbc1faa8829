/*
 * fuzz_manifest.c: the build manifest loader from memory (build_manifest_parse: the safe reader, the
 * schema, each product's patterns, formats and parameters).
 */
#include "planrep/build.h"
#include "planrep/diag.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list	 diags;

	diag_list_init(&diags);
	build_manifest_free(build_manifest_parse((const char *)data, size, "input/build.xml", &diags));
	diag_list_clear(&diags);
	return 0;
}
