/*
 * fuzz_chart.c: a <chart> element from memory (xml_doc_parse, chart_parse) drawn by chart_draw into a
 * small cairo image surface, with its geometry recorded and checked, as `planrep chart` does; then
 * into a box far too small for it (a chart in a narrow table cell).
 */
#include <stdlib.h>

#include <cairo.h>

#include "planrep/chart.h"
#include "planrep/diag.h"
#include "planrep/xml.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static PangoContext	*pc;
	struct diag_list	 diags;
	struct chart_geometry	 geo;
	struct chart		*c;
	xmlDocPtr		 xml;
	cairo_surface_t		*s;
	cairo_t			*cr;

	if (pc == NULL && (pc = chart_context_new(NULL)) == NULL)
		abort();	/* the machine, not the input */
	diag_list_init(&diags);
	if ((xml = xml_doc_parse((const char *)data, size, "fuzz.xml", &diags)) == NULL)
		goto out;
	if ((c = chart_parse(xmlDocGetRootElement(xml), "fuzz.xml", &diags)) != NULL) {
		s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 240, 160);
		cr = cairo_create(s);
		chart_geometry_init(&geo);
		if (chart_draw(cr, c, 0, 0, 240, 160, pc, &geo, &diags))
			(void)chart_geometry_check(&geo, "fuzz", &diags);
		(void)chart_draw(cr, c, 3, 2, 24, 9, pc, &geo, &diags);
		chart_geometry_clear(&geo);
		cairo_destroy(cr);
		cairo_surface_destroy(s);
		chart_free(c);
	}
	xmlFreeDoc(xml);
out:
	diag_list_clear(&diags);
	return 0;
}
