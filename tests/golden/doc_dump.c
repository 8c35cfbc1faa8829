/*
 * doc_dump.c: the golden test of the doc stage (STYLE 7.3, 7.4).
 *
 * Run in tests/golden/: loads every <case>.xml there (or the cases named) and compares doc_dump's
 * output with <case>.tree, or, for an input that must fail, the diagnostics with <case>.diag. Names
 * are relative, so diagnostics read "case.xml:12: error: …" wherever the tree is checked out.
 * On a difference, the actual output goes to OUTDIR/<case>.tree (or .diag) and `diff -u` shows it.
 * PLANREP_REGEN=1 rewrites the expected files instead: review the diff before committing.
 *
 *	doc_dump OUTDIR [CASE.xml ...]
 *	doc_dump --print FILE.xml	(the tree, or the diagnostics, on stdout)
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planrep/diag.h"
#include "planrep/doc.h"
#include "planrep/xml.h"

/* Loads path and writes the tree (returns ".tree") or the diagnostics (".diag") to f. */
static const char *
run(const char *path, FILE *f)
{
	struct diag_list	 diags;
	struct doc		*doc;
	const char		*ext;

	diag_list_init(&diags);
	if ((doc = doc_load(path, &diags)) != NULL) {
		diag_list_print(&diags, f);	/* warnings, if any, come first */
		doc_dump(doc, f);
		ext = ".tree";
	} else {
		diag_list_print(&diags, f);
		ext = ".diag";
	}
	doc_free(doc);
	diag_list_clear(&diags);
	return ext;
}

/* The whole file, owned, or NULL when it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*s = NULL;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (s = malloc((size_t)n + 1)) != NULL) {
		*len = fread(s, 1, (size_t)n, f);
		s[*len] = '\0';
	}
	fclose(f);
	return s;
}

static bool
spill(const char *path, const char *data, size_t len)
{
	FILE	*f;
	bool	 ok;

	if ((f = fopen(path, "wb")) == NULL) {
		perror(path);
		return false;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = fclose(f) == 0 && ok;
	return ok;
}

/* Checks one case. Returns true when it matches (or was rewritten). */
static bool
check(const char *xml, const char *outdir, bool regen)
{
	char		 stem[1024], want[1100], other[1100], got[2200], cmd[4500];
	const char	*ext;
	char		*actual = NULL, *expected;
	size_t		 alen = 0, elen = 0;
	FILE		*f;
	bool		 ok;

	snprintf(stem, sizeof(stem), "%.*s", (int)(strlen(xml) - 4), xml);
	if ((f = open_memstream(&actual, &alen)) == NULL)
		return false;
	ext = run(xml, f);
	fclose(f);
	snprintf(want, sizeof(want), "%s%s", stem, ext);
	snprintf(other, sizeof(other), "%s%s", stem, strcmp(ext, ".tree") == 0 ? ".diag" : ".tree");
	if (regen) {
		remove(other);
		ok = spill(want, actual, alen);
		printf("%s %s\n", ok ? "wrote" : "FAILED to write", want);
		free(actual);
		return ok;
	}
	if ((expected = slurp(want, &elen)) == NULL) {
		printf("FAIL %s: no %s (it %s; run with PLANREP_REGEN=1 to write it)\n", xml, want,
		    strcmp(ext, ".tree") == 0 ? "loads" : "fails to load");
		free(actual);
		return false;
	}
	ok = elen == alen && memcmp(expected, actual, alen) == 0;
	if (ok)
		printf("ok %s\n", want);
	else {
		snprintf(got, sizeof(got), "%s/%s%s", outdir, stem, ext);
		printf("FAIL %s differs (actual output in %s)\n", want, got);
		fflush(stdout);
		if (spill(got, actual, alen)) {
			snprintf(cmd, sizeof(cmd), "diff -u '%s' '%s'", want, got);
			if (system(cmd) == -1)
				perror("diff");
		}
	}
	free(expected);
	free(actual);
	return ok;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	DIR		*d;
	struct dirent	*e;
	char		**cases = NULL, **grown;
	size_t		 n = 0, cap = 0, i, len;
	const char	*regen = getenv("PLANREP_REGEN");
	bool		 ok = true;

	if (argc == 3 && strcmp(argv[1], "--print") == 0) {
		run(argv[2], stdout);
		xml_cleanup();
		return 0;
	}
	if (argc < 2) {
		fputs("usage: doc_dump OUTDIR [CASE.xml ...] | doc_dump --print FILE.xml\n", stderr);
		return 2;
	}
	if (argc > 2) {
		for (i = 2; i < (size_t)argc; i++)
			ok &= check(argv[i], argv[1], regen != NULL && strcmp(regen, "1") == 0);
		xml_cleanup();
		return ok ? 0 : 1;
	}
	if ((d = opendir(".")) == NULL) {
		perror("tests/golden");
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len <= 4 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(cases, cap * sizeof(*cases))) == NULL)
				return 1;
			cases = grown;
		}
		if ((cases[n++] = strdup(e->d_name)) == NULL)
			return 1;
	}
	closedir(d);
	qsort(cases, n, sizeof(*cases), by_name);
	for (i = 0; i < n; i++) {
		ok &= check(cases[i], argv[1], regen != NULL && strcmp(regen, "1") == 0);
		free(cases[i]);
	}
	free(cases);
	xml_cleanup();
	if (n == 0) {
		puts("FAIL no cases in tests/golden");
		return 1;
	}
	return ok ? 0 : 1;
}
