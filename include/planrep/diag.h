/*
 * diag: the diagnostics every stage reports into. A stage never prints and never exits: it appends
 * {severity, file, line, column, message} to the list its caller passes in, and the caller (in the end
 * only cli/main.c) decides what the worst severity means for the exit status.
 *
 * May be included by every module.
 */
#ifndef PLANREP_DIAG_H
#define PLANREP_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_severity {
	DIAG_NOTE,	/* information, never changes the outcome */
	DIAG_WARNING,	/* the input is valid but probably not what was meant */
	DIAG_ERROR,	/* the input is bad; the stage goes on to find more problems */
	DIAG_FATAL	/* the stage could not go on (missing file, out of memory) */
};

#if defined(__GNUC__)
#define DIAG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define DIAG_PRINTF(f, a)
#endif

struct diag {
	enum diag_severity	 severity;
	char			*file;	/* owned; NULL when no file applies */
	long			 line;	/* 1-based; 0 when unknown */
	long			 column; /* 1-based; 0 when unknown */
	char			*message; /* owned */
	const char		*code;	/* static: what kind of finding ("wrong-side"), for tools and
					 * templates to act on, or NULL */
	long			 subject; /* what it is about (an indicator's seq), 0 when none */
};

struct diag_list {
	struct diag	*items;	/* owned array of count entries */
	size_t		 count;
	size_t		 cap;
	enum diag_severity worst; /* worst severity seen; DIAG_NOTE when empty */
	bool		 oom;	/* an allocation failed while recording: report as fatal */
};

void	diag_list_init(struct diag_list *);
void	diag_list_clear(struct diag_list *);

/* Appends a diagnostic. Never fails visibly: when memory runs out the list records that instead. */
void	diag_add(struct diag_list *, enum diag_severity, const char *file, long line, long column,
	    const char *fmt, ...) DIAG_PRINTF(6, 7);
void	diag_addv(struct diag_list *, enum diag_severity, const char *file, long line, long column,
	    const char *fmt, va_list);

/*
 * The same, with a code naming the kind of finding (printed after the message as [code]) and the
 * number of what it is about; templates use both to say the finding in plain words.
 */
void	diag_add_coded(struct diag_list *, enum diag_severity, const char *file, long line,
	    const char *code, long subject, const char *fmt, ...) DIAG_PRINTF(7, 8);

/* True when the list holds an error or a fatal diagnostic. */
bool	diag_failed(const struct diag_list *);

/* Counts the diagnostics of exactly this severity. */
size_t	diag_count(const struct diag_list *, enum diag_severity);

/* Prints each diagnostic as "file:line:col: severity: message" (line and column left out when unknown). */
void	diag_list_print(const struct diag_list *, FILE *);

const char *diag_severity_name(enum diag_severity);

#endif
