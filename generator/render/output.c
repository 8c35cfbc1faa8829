/*
 * render/output.c: files written atomically. The bytes go to a temporary file in the target's own
 * folder (so the rename cannot cross file systems) and the file appears under its name only when
 * complete; a failed or interrupted render leaves the old file, or none.
 *
 * The temporary files open at any moment are kept in a list, so that the single-product commands
 * (render, chart) can remove them when SIGINT, SIGTERM or SIGHUP arrives: render_out_cleanup_on_signals
 * installs a handler that unlinks each and then dies of the signal. The list changes only with those
 * signals blocked, so the handler never sees it half-linked, and a file is in the list from the
 * moment mkstemp makes it until it is renamed or removed. Blocking holds for the thread that blocks,
 * and pango keeps threads of its own: a signal that lands on one of them is passed on to the thread
 * that installed the handler (the one that writes), and waits there while the list changes. The
 * batch build does not use the handler: it stops its workers and removes their temporary files
 * itself (build/run.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "planrep/render.h"

/* The signals whose arrival removes the open temporary files. */
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };

/* Open outputs, newest first; read by the signal handler. */
static struct render_out *volatile live;
/* The thread that installed the handler: the one whose outputs the list holds. */
static pthread_t	 writer;

/* Blocks the cleanup signals (saving the old mask in old) while the list changes. */
static void
block(sigset_t *old)
{
	sigset_t	 set;
	size_t		 i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
unblock(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* Takes o out of the list; signals blocked. */
static void
unlink_live(struct render_out *o)
{
	if (o->live_prev != NULL)
		o->live_prev->live_next = o->live_next;
	else if (live == o)
		live = o->live_next;
	if (o->live_next != NULL)
		o->live_next->live_prev = o->live_prev;
	o->live_prev = o->live_next = NULL;
}

/*
 * Removes every open temporary file, then dies of the signal with its default action, so that the
 * shell sees 128 + the signal's number. Only async-signal-safe calls: unlink, sigaction, raise,
 * pthread_kill.
 */
static void
on_signal(int sig)
{
	struct render_out	*o;
	struct sigaction	 sa;

	if (!pthread_equal(pthread_self(), writer)) {
		pthread_kill(writer, sig);	/* async-signal-safe (POSIX.1-2017) */
		return;
	}
	for (o = live; o != NULL; o = o->live_next)
		if (o->tmp != NULL)
			unlink(o->tmp);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	/* pending while this handler runs (the signal is blocked here), delivered when it returns */
	raise(sig);
}

void
render_out_cleanup_on_signals(void)
{
	struct sigaction	 sa, old;
	size_t			 i;

	writer = pthread_self();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++)
		sigaddset(&sa.sa_mask, cleanup_signals[i]);
	for (i = 0; i < sizeof(cleanup_signals) / sizeof(cleanup_signals[0]); i++) {
		/* A signal ignored when we started stays ignored: nohup, or a background job of a
		 * script, asked for that. */
		if (sigaction(cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(cleanup_signals[i], &sa, NULL);
	}
}

bool
render_out_open(struct render_out *o, const char *path, struct diag_list *diags)
{
	const char	*slash = strrchr(path, '/');
	size_t		 dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t		 n = strlen(path) + 16;
	sigset_t	 old;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if ((o->tmp = malloc(n)) == NULL || (o->path = strdup(path)) == NULL) {
		free(o->tmp);
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return false;
	}
	snprintf(o->tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	/* In the list from the moment it exists: a signal in between would leave it behind. */
	block(&old);
	if ((o->fd = mkstemp(o->tmp)) == -1) {
		unblock(&old);
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot create a file beside it: %s", strerror(errno));
		free(o->tmp);
		free(o->path);
		o->tmp = o->path = NULL;
		return false;
	}
	o->live_next = live;
	if (live != NULL)
		live->live_prev = o;
	live = o;
	unblock(&old);
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

/* Closes o and takes it out of the list (before its name is freed: the handler reads it). */
static void
closeout(struct render_out *o)
{
	sigset_t	 old;

	block(&old);
	unlink_live(o);
	unblock(&old);
	if (o->fd != -1)
		close(o->fd);
	o->fd = -1;
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
}

bool
render_out_commit_all(struct render_out *outs, size_t n, bool ok, struct diag_list *diags)
{
	sigset_t	 old;
	size_t		 i, done = 0;
	int		 err;

	/* Every file checked first: a write that failed fails them all before any is renamed. */
	for (i = 0; i < n && ok; i++) {
		if (outs[i].failed || close(outs[i].fd) == -1) {
			diag_add(diags, DIAG_ERROR, outs[i].path, 0, 0, "write failed: %s",
			    strerror(outs[i].failed ? outs[i].error : errno));
			ok = false;
		}
		outs[i].fd = -1;
	}
	/* Renamed with the signals held, so that none lands between two renames. */
	block(&old);
	for (i = 0; i < n && ok; i++) {
		if (rename(outs[i].tmp, outs[i].path) == -1) {
			err = errno;
			diag_add(diags, DIAG_ERROR, outs[i].path, 0, 0,
			    "cannot rename the finished file into place: %s", strerror(err));
			ok = false;
			break;
		}
		unlink_live(&outs[i]);
		done = i + 1;
	}
	if (!ok) {
		for (i = 0; i < done; i++)
			unlink(outs[i].path);
		for (i = done; i < n; i++)
			if (outs[i].tmp != NULL)
				unlink(outs[i].tmp);
	}
	unblock(&old);
	for (i = 0; i < n; i++)
		closeout(&outs[i]);
	return ok;
}

bool
render_out_commit(struct render_out *o, struct diag_list *diags)
{
	return render_out_commit_all(o, 1, true, diags);
}

void
render_out_abort(struct render_out *o)
{
	sigset_t	 old;

	block(&old);
	if (o->tmp != NULL)
		unlink(o->tmp);
	unlink_live(o);
	unblock(&old);
	closeout(o);
}
