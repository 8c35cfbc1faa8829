/*
 * layout/dump.c: the layout as text. One line per item, lines of text with their text and why they
 * broke, so that a golden file shows a kinsoku or justification change at a glance.
 */
#include <stdio.h>
#include <string.h>

#include "planrep/layout.h"
#include "layout-int.h"

static const char *
break_name(enum layout_break b)
{
	switch (b) {
	case LAYOUT_BREAK_END:
		return "end";
	case LAYOUT_BREAK_FIT:
		return "fit";
	case LAYOUT_BREAK_KINSOKU:
		return "kinsoku";
	case LAYOUT_BREAK_HANG:
		return "hang";
	case LAYOUT_BREAK_FORCED:
		return "forced";
	case LAYOUT_BREAK_EMERGENCY:
		return "emergency";
	}
	return "?";
}

static void
quoted(FILE *out, const char *s, size_t n)
{
	size_t	 i;

	fputc('"', out);
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			fputc('\\', out);
		if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x8B) {
			fputs("<br>", out);	/* the zero-width break mark */
			i += 2;
			continue;
		}
		fputc(s[i], out);
	}
	fputc('"', out);
}

void
layout_dump(const struct layout_result *r, FILE *out)
{
	size_t	 i, k;

	fprintf(out, "page size %.2f x %.2f\n", r->page.width, r->page.height);
	for (i = 0; i < r->page_count; i++) {
		const struct layout_page *pg = &r->pages[i];

		fprintf(out, "page %zu number %d%s\n", i + 1, pg->number, pg->title ? " title" : "");
		for (k = 0; k < pg->count; k++) {
			const struct layout_item *it = &pg->items[k];
			long line = it->node ? it->node->line : 0;

			switch (it->type) {
			case LAYOUT_ITEM_TEXT:
				fprintf(out, "  text %.2f %.2f w %.2f/%.2f%s %s%s @%ld ", it->x, it->y,
				    it->line->width, it->line->measure, it->line->justified ? " justified" : "",
				    break_name(it->line->reason), it->as_path ? " outlines" : "", line);
				quoted(out, it->line->text + it->line->start, it->line->end - it->line->start);
				fputc('\n', out);
				break;
			case LAYOUT_ITEM_RULE:
				fprintf(out, "  rule %.2f %.2f %.2f %.2f%s @%ld\n", it->x, it->y, it->w, it->h,
				    it->dash > 0 ? " dotted" : "", line);
				break;
			case LAYOUT_ITEM_RECT:
				fprintf(out, "  rect %.2f %.2f %.2f %.2f @%ld\n", it->x, it->y, it->w, it->h, line);
				break;
			case LAYOUT_ITEM_PLACEHOLDER:
				fprintf(out, "  placeholder %s %.2f %.2f %.2f %.2f @%ld (drawn by the chart stage)\n",
				    it->node ? doc_type_name(it->node->type) : "?",
				    it->x, it->y, it->w, it->h, line);
				break;
			case LAYOUT_ITEM_IMAGE:
				fprintf(out, "  image %.2f %.2f %.2f %.2f %s @%ld\n", it->x, it->y, it->w, it->h,
				    it->target ? it->target : "", line);
				break;
			case LAYOUT_ITEM_LINK:
				fprintf(out, "  link %.2f %.2f %.2f %.2f -> %s @%ld\n", it->x, it->y, it->w, it->h,
				    it->target ? it->target : "", line);
				break;
			case LAYOUT_ITEM_DEST:
				fprintf(out, "  dest %s %.2f %.2f\n", it->target ? it->target : "", it->x, it->y);
				break;
			}
		}
	}
	for (i = 0; i < r->outline_count; i++)
		fprintf(out, "outline %d page %zu %s -> %s\n", r->outline[i].level, r->outline[i].page + 1,
		    r->outline[i].title, r->outline[i].dest);
}
