/*
 * cli/table.c: text for a terminal: widths of Chinese text (two columns a character) and padding.
 */
#include <stdio.h>
#include <string.h>

#include "cli-int.h"

/*
 * East Asian Wide and Fullwidth ranges (UAX #11). Ambiguous characters (— “ ” ≤ ‰) count one column,
 * as most terminals outside a CJK locale draw them.
 */
static bool
wide(unsigned long c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	    (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

size_t
cli_text_width(const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	unsigned long		 c;
	size_t			 w = 0;
	int			 n;

	while (*s != '\0') {
		if (*s < 0x80) {
			c = *s++;
			n = 0;
		} else if ((*s & 0xE0) == 0xC0) {
			c = *s++ & 0x1F;
			n = 1;
		} else if ((*s & 0xF0) == 0xE0) {
			c = *s++ & 0x0F;
			n = 2;
		} else {
			c = *s++ & 0x07;
			n = 3;
		}
		while (n-- > 0 && (*s & 0xC0) == 0x80)
			c = (c << 6) | (*s++ & 0x3F);
		w += wide(c) ? 2 : 1;
	}
	return w;
}

void
cli_print_padded(FILE *f, const char *s, size_t width)
{
	size_t	 w = cli_text_width(s);

	fputs(s, f);
	while (w++ < width)
		fputc(' ', f);
}
