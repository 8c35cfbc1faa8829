/*
 * render/language.c: the document language in a PDF's catalog (/Lang), which screen readers and
 * PDF/UA checkers read. cairo (1.16, Debian 12) has no API for it, so after cairo has written the
 * file, an incremental update (PDF 1.7, 7.5.6) appends a new revision of the catalog with /Lang and
 * a cross-reference section for it. Nothing cairo wrote is changed or moved.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "planrep/render.h"

/* Reads n bytes at offset into buf (NUL-terminated). Returns the count read, or -1. */
static ssize_t
read_at(int fd, off_t offset, char *buf, size_t n)
{
	ssize_t	 r;
	size_t	 got = 0;

	while (got < n) {
		r = pread(fd, buf + got, n - got, offset + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	buf[got] = '\0';
	return (ssize_t)got;
}

/* The last occurrence of needle in hay[0..n). */
static const char *
last(const char *hay, size_t n, const char *needle)
{
	size_t		 k = strlen(needle);
	const char	*p;

	if (n < k)
		return NULL;
	for (p = hay + n - k; p >= hay; p--)
		if (memcmp(p, needle, k) == 0)
			return p;
	return NULL;
}

/* True for a BCP 47 tag we may write unescaped: letters, digits and '-'. */
static bool
plain_tag(const char *s)
{
	if (*s == '\0' || strlen(s) > 35)
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return false;
	return true;
}

bool
render_pdf_language(int fd, const char *lang, const char *path, struct diag_list *diags)
{
	char		 tail[1024], obj[8192], *upd = NULL;
	const char	*p, *d0, *d1;
	struct stat	 st;
	long		 xref, size, root, info = -1, catoff;
	off_t		 end;
	size_t		 head, len;
	int		 depth, n;
	ssize_t		 got;
	bool		 ok = false;

	if (lang == NULL || !plain_tag(lang))
		return true;
	if (fstat(fd, &st) == -1 || st.st_size < 64)
		goto bad;
	end = st.st_size;
	got = read_at(fd, end > (off_t)sizeof(tail) - 1 ? end - (off_t)sizeof(tail) + 1 : 0, tail,
	    sizeof(tail) - 1);
	if (got <= 0 || (p = last(tail, (size_t)got, "startxref")) == NULL ||
	    sscanf(p, "startxref %ld", &xref) != 1)
		goto bad;
	if ((p = last(tail, (size_t)got, "trailer")) == NULL || (d0 = strstr(p, "/Size")) == NULL ||
	    sscanf(d0, "/Size %ld", &size) != 1 || (d0 = strstr(p, "/Root")) == NULL ||
	    sscanf(d0, "/Root %ld 0 R", &root) != 1 || root <= 0 || root >= size)
		goto bad;
	if ((d0 = strstr(p, "/Info")) != NULL && sscanf(d0, "/Info %ld 0 R", &info) != 1)
		info = -1;
	/* The catalog's entry in the cross-reference table: "xref\n0 N\n", then 20 bytes each. */
	n = 0;
	if (read_at(fd, xref, obj, 64) < 20 || sscanf(obj, "xref %*d %*d%n", &n) < 0 || n <= 0)
		goto bad;
	head = (size_t)n;
	while (obj[head] == '\r' || obj[head] == '\n' || obj[head] == ' ')
		head++;
	if (read_at(fd, xref + (off_t)head + 20 * root, obj, 20) != 20 || sscanf(obj, "%ld", &catoff) != 1)
		goto bad;
	if ((got = read_at(fd, catoff, obj, sizeof(obj) - 1)) <= 0 || (d0 = strstr(obj, "<<")) == NULL)
		goto bad;
	for (d1 = d0, depth = 0; *d1 != '\0'; d1++) {
		if (d1[0] == '<' && d1[1] == '<') {
			depth++;
			d1++;
		} else if (d1[0] == '>' && d1[1] == '>') {
			if (--depth == 0)
				break;
			d1++;
		}
	}
	if (*d1 == '\0' || (strstr(obj, "/Lang") != NULL && strstr(obj, "/Lang") < d1))
		goto bad;
	/* The new revision of the catalog, its xref section and a trailer pointing back. */
	len = (size_t)(d1 - d0) + 512;
	if ((upd = malloc(len)) == NULL)
		goto bad;
	n = snprintf(upd, len, "\n%ld 0 obj\n%.*s /Lang (%s) >>\nendobj\n", root, (int)(d1 - d0), d0, lang);
	{
		long	 objoff = (long)end + 1;
		long	 xoff = (long)end + n;
		int	 m;

		m = snprintf(upd + n, len - (size_t)n,
		    "xref\n%ld 1\n%010ld 00000 n \ntrailer\n<< /Size %ld /Root %ld 0 R", root, objoff, size, root);
		n += m;
		if (info >= 0)
			n += snprintf(upd + n, len - (size_t)n, " /Info %ld 0 R", info);
		n += snprintf(upd + n, len - (size_t)n, " /Prev %ld >>\nstartxref\n%ld\n%%%%EOF\n", xref, xoff);
	}
	if (pwrite(fd, upd, (size_t)n, end) != n)
		goto bad;
	ok = true;
bad:
	if (!ok)
		diag_add(diags, DIAG_WARNING, path, 0, 0,
		    "could not record the document language %s in the PDF catalog", lang);
	free(upd);
	return ok;
}
