/*
 * diag: a growable list of diagnostics, and the one place that formats them for people.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/diag.h"

void
diag_list_init(struct diag_list *l)
{
	memset(l, 0, sizeof(*l));
	l->worst = DIAG_NOTE;
}

void
diag_list_clear(struct diag_list *l)
{
	size_t	 i;

	for (i = 0; i < l->count; i++) {
		free(l->items[i].file);
		free(l->items[i].message);
	}
	free(l->items);
	diag_list_init(l);
}

void
diag_addv(struct diag_list *l, enum diag_severity sev, const char *file, long line, long column,
    const char *fmt, va_list ap)
{
	struct diag	*d, *items;
	char		*msg;
	va_list		 aq;
	int		 n;
	size_t		 cap;

	if (sev > l->worst)
		l->worst = sev;
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || (msg = malloc((size_t)n + 1)) == NULL) {
		l->oom = true;
		l->worst = DIAG_FATAL;
		return;
	}
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	if (l->count == l->cap) {
		cap = l->cap ? l->cap * 2 : 8;
		if ((items = realloc(l->items, cap * sizeof(*items))) == NULL) {
			free(msg);
			l->oom = true;
			l->worst = DIAG_FATAL;
			return;
		}
		l->items = items;
		l->cap = cap;
	}
	d = &l->items[l->count++];
	d->severity = sev;
	d->file = file ? strdup(file) : NULL;
	d->line = line;
	d->column = column;
	d->message = msg;
	d->code = NULL;
	d->subject = 0;
}

void
diag_add(struct diag_list *l, enum diag_severity sev, const char *file, long line, long column,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_addv(l, sev, file, line, column, fmt, ap);
	va_end(ap);
}

void
diag_add_coded(struct diag_list *l, enum diag_severity sev, const char *file, long line, const char *code,
    long subject, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 n = l->count;

	va_start(ap, fmt);
	diag_addv(l, sev, file, line, 0, fmt, ap);
	va_end(ap);
	if (l->count > n) {
		l->items[n].code = code;
		l->items[n].subject = subject;
	}
}

bool
diag_failed(const struct diag_list *l)
{
	return l->worst >= DIAG_ERROR;
}

size_t
diag_count(const struct diag_list *l, enum diag_severity sev)
{
	size_t	 i, n = 0;

	for (i = 0; i < l->count; i++)
		if (l->items[i].severity == sev)
			n++;
	return n;
}

const char *
diag_severity_name(enum diag_severity sev)
{
	switch (sev) {
	case DIAG_NOTE:
		return "note";
	case DIAG_WARNING:
		return "warning";
	case DIAG_ERROR:
		return "error";
	case DIAG_FATAL:
		return "fatal";
	}
	return "?";
}

void
diag_list_print(const struct diag_list *l, FILE *f)
{
	const struct diag	*d;
	size_t			 i;

	for (i = 0; i < l->count; i++) {
		d = &l->items[i];
		if (d->file != NULL) {
			fputs(d->file, f);
			if (d->line > 0) {
				fprintf(f, ":%ld", d->line);
				if (d->column > 0)
					fprintf(f, ":%ld", d->column);
			}
			fputs(": ", f);
		} else
			fputs("planrep: ", f);
		fprintf(f, "%s: %s", diag_severity_name(d->severity), d->message);
		if (d->code != NULL)
			fprintf(f, " [%s]", d->code);
		fputc('\n', f);
	}
	if (l->oom)
		fputs("planrep: fatal: out of memory while recording diagnostics\n", f);
}
