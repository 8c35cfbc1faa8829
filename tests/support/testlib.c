/*
 * testlib.c: helpers of the cmocka tests (testlib.h).
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testlib.h"

int
test_dir_make(char *tmpl)
{
	return mkdtemp(tmpl) == NULL ? -1 : 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int
test_dir_remove(const char *dir)
{
	/* Depth first, links as links: a test that made a link out of its folder loses only the link. */
	return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
test_put(const char *dir, const char *name, const char *text)
{
	static char	 paths[4][1024];
	static int	 which;
	char		*path = paths[which = (which + 1) % 4];
	FILE		*f;

	snprintf(path, sizeof(paths[0]), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "wb"));
	fwrite(text, 1, strlen(text), f);
	fclose(f);
	return path;
}

bool
test_diag_has(const struct diag_list *d, enum diag_severity sev, long line, const char *needle)
{
	size_t	 i;

	for (i = 0; i < d->count; i++)
		if (d->items[i].severity >= sev && (line == 0 || d->items[i].line == line) &&
		    strstr(d->items[i].message, needle) != NULL)
			return true;
	diag_list_print(d, stderr);
	return false;
}
