/*
 * build/files.c: what the build does with files and folders under output/: making folders, making
 * sure a path stays inside output/ even through symbolic links, finding the temporary files a
 * killed build left (render/output.c names them ".<name>.XXXXXX"), removing outputs no product
 * makes any more, and listing the plans.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build-int.h"

bool
build_files_make_dirs(const char *path, struct diag_list *diags)
{
	char	*dir, *p, *slash, c;
	bool	 ok = true;

	if ((dir = strdup(path)) == NULL) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return false;
	}
	if ((slash = strrchr(dir, '/')) == NULL || slash == dir) {
		free(dir);
		return true;
	}
	*slash = '\0';
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		c = *p;
		*p = '\0';
		if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
			diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot create folder: %s", strerror(errno));
			ok = false;
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return ok;
}

bool
build_files_inside(const char *root, const char *path, const char *file, long line, struct diag_list *diags)
{
	char		*copy, *slash, *real = NULL;
	struct stat	 st;
	size_t		 n = strlen(root);
	bool		 ok = true;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, file, line, 0,
		    "output %s is a symbolic link: planrep writes only real files inside the output folder",
		    path);
		return false;
	}
	if ((copy = strdup(path)) == NULL) {
		diag_add(diags, DIAG_FATAL, file, line, 0, "out of memory");
		return false;
	}
	/* The deepest folder on the way that exists already decides where the file really goes. */
	while ((slash = strrchr(copy, '/')) != NULL) {
		*slash = '\0';
		if (*copy == '\0' || (real = realpath(copy, NULL)) != NULL)
			break;
	}
	if (real == NULL && slash == NULL)
		real = realpath(".", NULL);
	if (real != NULL && !(strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0')) &&
	    strcmp(root, "/") != 0) {
		diag_add(diags, DIAG_ERROR, file, line, 0,
		    "output %s would be written to %s, outside the output folder %s (a symbolic link "
		    "leads out): refused", path, real, root);
		ok = false;
	}
	free(real);
	free(copy);
	return ok;
}

bool
build_files_is_temporary(const char *name)
{
	size_t		 n = strlen(name), i;

	/* "." + at least one character + "." + six of mkstemp's letters and digits */
	if (n < 9 || name[0] != '.' || name[n - 7] != '.')
		return false;
	for (i = n - 6; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9')))
			return false;
	return true;
}

size_t
build_files_sweep(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	char		 path[PATH_MAX];
	size_t		 removed = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) >= sizeof(path))
			continue;
		if (lstat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode))
			removed += build_files_sweep(path);
		else if (S_ISREG(st.st_mode) && build_files_is_temporary(e->d_name) && unlink(path) == 0)
			removed++;
	}
	closedir(d);
	return removed;
}

void
build_files_remove(const char *dir, const char *rel)
{
	char	 path[PATH_MAX], *slash;
	size_t	 n = strlen(dir);

	/* rel comes from our own state file: still, never follow it out of dir. */
	if (*rel == '/' || strstr(rel, "..") != NULL)
		return;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, rel) >= sizeof(path))
		return;
	if (unlink(path) == -1)
		return;
	while ((slash = strrchr(path, '/')) != NULL && (size_t)(slash - path) > n) {
		*slash = '\0';
		if (rmdir(path) == -1)
			break;
	}
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool
build_files_list_plans(const char *input, char ***ids, size_t *count)
{
	char		 path[PATH_MAX], **names = NULL, **grown;
	DIR		*d;
	struct dirent	*e;
	size_t		 n = 0, len;
	bool		 ok = true;

	snprintf(path, sizeof(path), "%s/plans", input);
	if ((d = opendir(path)) == NULL)
		return false;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		if ((grown = realloc(names, (n + 1) * sizeof(*names))) == NULL ||
		    (grown[n] = strndup(e->d_name, len - 4)) == NULL) {
			if (grown != NULL)
				names = grown;
			ok = false;
			break;
		}
		names = grown;
		n++;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), by_name);
	*ids = names;
	*count = n;
	return ok;
}
