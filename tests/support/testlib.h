/*
 * testlib: what the cmocka tests share: a scratch folder, files written into it, and a look into a
 * diagnostic list. Linked into every test program that needs it (tests/CMakeLists.txt).
 */
#ifndef PLANREP_TESTLIB_H
#define PLANREP_TESTLIB_H

#include <stdbool.h>

#include "planrep/diag.h"

/* Makes a fresh folder from the mkdtemp template tmpl (changed in place). 0, or -1 on failure. */
int		 test_dir_make(char *tmpl);

/* Removes dir and everything in it (no symbolic link is followed). 0, or -1 on failure. */
int		 test_dir_remove(const char *dir);

/*
 * Writes text to dir/name (its folders must exist) and returns the path: one of four static
 * buffers, so that a call's result survives the next three calls.
 */
const char	*test_put(const char *dir, const char *name, const char *text);

/*
 * True when some diagnostic at least as bad as sev, at that line (0: any line), has needle in its
 * message. When none has, prints them all to stderr, so that a failing test shows what it got.
 */
bool		 test_diag_has(const struct diag_list *, enum diag_severity sev, long line,
		    const char *needle);

#endif
