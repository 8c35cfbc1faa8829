/*
 * replay.c: runs a fuzz harness without libFuzzer, on each file named and on each file of each
 * folder named (not recursive), so that the inputs that once crashed it stay tested in every build.
 * A crash still crashes (the sanitizer build reports it); a clean run prints how many inputs ran.
 *
 *	fuzz_replay_<harness> FILE_OR_DIR...
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Runs the harness on the file at path. Returns 1, or 0 when it cannot be read. */
static int
run_file(const char *path)
{
	FILE		*f;
	struct stat	 st;
	char		*data;
	size_t		 got;

	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &st) == -1) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		if (f != NULL)
			fclose(f);
		return 0;
	}
	if ((data = malloc((size_t)st.st_size + 1)) == NULL) {
		fclose(f);
		return 0;
	}
	got = fread(data, 1, (size_t)st.st_size, f);
	fclose(f);
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput((const uint8_t *)data, got);
	free(data);
	return 1;
}

int
main(int argc, char *argv[])
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	char		 path[4096];
	size_t		 count = 0;
	int		 i, ok = 1;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == -1) {
			fprintf(stderr, "replay: %s: not found\n", argv[i]);
			ok = 0;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			ok &= run_file(argv[i]);
			count++;
			continue;
		}
		if ((d = opendir(argv[i])) == NULL) {
			ok = 0;
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				ok &= run_file(path);
				count++;
			}
		}
		closedir(d);
	}
	printf("replay: %zu inputs, no crash\n", count);
	return ok ? 0 : 1;
}
