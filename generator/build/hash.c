/*
 * build/hash.c: content hashes for deciding what is out of date, and the selection helpers
 * (--only, --shard). FNV-1a 64 (Fowler, Noll, Vo): tiny, well known, fast enough for a few megabytes
 * of input each build, and good enough to tell "changed" from "unchanged" (nobody is attacking the
 * build's own state file). Timestamps are never used: a copy, a checkout or an rsync changes them
 * without changing anything.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "planrep/build.h"

#define FNV_PRIME	0x100000001b3ull

uint64_t
build_hash_bytes(uint64_t h, const void *data, size_t size)
{
	const unsigned char	*p = data;
	size_t			 i;

	for (i = 0; i < size; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

uint64_t
build_hash_string(uint64_t h, const char *s)
{
	return build_hash_bytes(h, s, strlen(s) + 1);
}

bool
build_hash_file(const char *path, uint64_t *out)
{
	unsigned char	 block[65536];
	uint64_t	 h = BUILD_HASH_INIT;
	ssize_t		 n;
	int		 fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return false;
	for (;;) {
		n = read(fd, block, sizeof(block));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		h = build_hash_bytes(h, block, (size_t)n);
	}
	saved = errno;
	close(fd);
	if (n < 0) {
		errno = saved;
		return false;
	}
	*out = h;
	return true;
}

bool
build_glob_match(const char *glob, const char *path)
{
	return fnmatch(glob, path, 0) == 0;
}

bool
build_shard_parse(const char *text, size_t *k, size_t *n)
{
	char		*end;
	unsigned long	 a, b;

	if (*text < '0' || *text > '9')
		return false;
	a = strtoul(text, &end, 10);
	if (*end != '/' || end[1] < '0' || end[1] > '9')
		return false;
	b = strtoul(end + 1, &end, 10);
	if (*end != '\0' || a < 1 || b < 1 || a > b || b > 100000)
		return false;
	*k = a;
	*n = b;
	return true;
}

bool
build_shard_has(size_t index, size_t k, size_t n)
{
	/* Every n-th product, round robin: neighbours in the order (the products of one plan) spread. */
	return n == 0 || index % n == k - 1;
}
