/*
 * fuzz_doc.c: the document loader from memory (xml_doc_parse, then doc_from_xml: schema, tree,
 * styles, checks) and, when it loads, the layout. The fonts are made once for the process, as a
 * batch build does. The tree and layout dumps (--dump-tree, --dump-layout) are written to /dev/null.
 */
#include <stdio.h>
#include <stdlib.h>

#include "planrep/diag.h"
#include "planrep/doc.h"
#include "planrep/layout.h"
#include "planrep/xml.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct layout_fonts	*fonts;
	static FILE			*null;
	struct diag_list		 diags;
	struct layout_result		*lr;
	struct doc			*doc = NULL;
	xmlDocPtr			 xml;

	diag_list_init(&diags);
	if (fonts == NULL && (fonts = layout_fonts_new(true, &diags)) == NULL)
		abort();	/* the machine, not the input: no fonts */
	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	if ((xml = xml_doc_parse((const char *)data, size, "fuzz.xml", &diags)) != NULL) {
		doc = doc_from_xml(xml, "fuzz.xml", ".", &diags);
		xmlFreeDoc(xml);
	}
	if (doc != NULL)
		doc_dump(doc, null);
	if (doc != NULL && (lr = layout_document(fonts, doc, &diags)) != NULL) {
		layout_dump(lr, null);
		layout_result_free(lr);
	}
	doc_free(doc);
	diag_list_clear(&diags);
	return 0;
}
