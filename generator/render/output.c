/*
 * render/output.c: files written atomically. The bytes go to a temporary file in the target's own
 * folder (so the rename cannot cross file systems) and the file appears under its name only when
 * complete; a failed or interrupted render leaves the old file, or none.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "planrep/render.h"

bool
render_out_open(struct render_out *o, const char *path, struct diag_list *diags)
{
	const char	*slash = strrchr(path, '/');
	size_t		 dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t		 n = strlen(path) + 16;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if ((o->tmp = malloc(n)) == NULL || (o->path = strdup(path)) == NULL) {
		free(o->tmp);
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return false;
	}
	snprintf(o->tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	if ((o->fd = mkstemp(o->tmp)) == -1) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot create a file beside it: %s", strerror(errno));
		free(o->tmp);
		free(o->path);
		o->tmp = o->path = NULL;
		return false;
	}
	/* mkstemp makes 0600; an output is for others to read, as umask allows. */
	{
		mode_t	 um = umask(0);

		umask(um);
		fchmod(o->fd, 0666 & ~um);
	}
	return true;
}

cairo_status_t
render_out_write(void *arg, const unsigned char *data, unsigned int length)
{
	struct render_out	*o = arg;
	ssize_t			 w;

	while (length > 0) {
		w = write(o->fd, data, length);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			o->failed = true;
			o->error = errno;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		data += w;
		length -= (unsigned int)w;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void
closeout(struct render_out *o)
{
	if (o->fd != -1)
		close(o->fd);
	o->fd = -1;
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
}

bool
render_out_commit(struct render_out *o, struct diag_list *diags)
{
	if (o->failed || close(o->fd) == -1) {
		diag_add(diags, DIAG_ERROR, o->path, 0, 0, "write failed: %s",
		    strerror(o->failed ? o->error : errno));
		o->fd = -1;
		render_out_abort(o);
		return false;
	}
	o->fd = -1;
	if (rename(o->tmp, o->path) == -1) {
		diag_add(diags, DIAG_ERROR, o->path, 0, 0, "cannot rename the finished file into place: %s",
		    strerror(errno));
		render_out_abort(o);
		return false;
	}
	closeout(o);
	return true;
}

void
render_out_abort(struct render_out *o)
{
	if (o->tmp != NULL)
		unlink(o->tmp);
	closeout(o);
}
