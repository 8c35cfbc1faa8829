/*
 * build/text.c: the growable buffer the build writes its state, messages and index page into, and
 * the escaping of fields in its line-based files.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build-int.h"

void
build_buf_add(struct build_buf *b, const void *data, size_t size)
{
	size_t	 cap;
	char	*grown;

	if (b->oom)
		return;
	if (b->len + size + 1 > b->cap) {
		cap = b->cap ? b->cap : 256;
		while (cap < b->len + size + 1)
			cap *= 2;
		if ((grown = realloc(b->data, cap)) == NULL) {
			b->oom = true;
			return;
		}
		b->data = grown;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, size);
	b->len += size;
	b->data[b->len] = '\0';
}

void
build_buf_puts(struct build_buf *b, const char *s)
{
	build_buf_add(b, s, strlen(s));
}

void
build_buf_printf(struct build_buf *b, const char *fmt, ...)
{
	char	 small[512], *big;
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		build_buf_add(b, small, (size_t)n);
		return;
	}
	if ((big = malloc((size_t)n + 1)) == NULL) {
		b->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	build_buf_add(b, big, (size_t)n);
	free(big);
}

void
build_buf_free(struct build_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

char *
build_field_escape(const char *s)
{
	struct build_buf	 b = { 0 };

	build_buf_add(&b, "", 0);
	for (; *s != '\0'; s++) {
		if (*s == '\t' || *s == '\n' || *s == '\r' || *s == '%')
			build_buf_printf(&b, "%%%02X", (unsigned char)*s);
		else
			build_buf_add(&b, s, 1);
	}
	if (b.oom) {
		build_buf_free(&b);
		return NULL;
	}
	return b.data;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *
build_field_unescape(const char *s)
{
	char	*r, *o;

	if ((r = o = malloc(strlen(s) + 1)) == NULL)
		return NULL;
	for (; *s != '\0'; s++) {
		if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			*o++ = (char)(hexval(s[1]) * 16 + hexval(s[2]));
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return r;
}
