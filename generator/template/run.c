/*
 * template/run.c: compiling and running XSLT stylesheets under planrep's rules.
 *
 * libxslt reads files in two places: xsl:include / xsl:import while compiling, and document() while
 * transforming. Both go through the loader set with xsltSetLoaderFunc, so our loader (load_doc) turns
 * the URI into a local path, refuses anything else, checks the path against the folders that may be
 * read, and parses with xml_doc_load, the one safe reader. libxslt's own security preferences do the
 * same check for document() before the loader is called, and refuse every write.
 *
 * libxslt reports errors as printf-style text through two handlers: the transform context's (set with
 * xsltSetTransformErrorFunc; xsltTransformError and xsl:message use it) and the global generic one
 * (compilation errors and a few direct calls). xsltTransformError first prints a context line,
 * "runtime error: file F line N element E", then the message; xsl:message prints the message alone.
 * We assemble the pieces into units ending in a newline, read file and line from the context line,
 * and queue {file, line, text} until the end of the call, when the severity is known: a compilation
 * message is an error only if the compilation failed (libxslt prints warnings with the same words),
 * and an xsl:message is a warning unless it stopped the transform. libxml2's XPath errors (structured,
 * and a few through its generic handler) arrive before libxslt's report of the same problem, so they
 * are kept and appended to it. After a runaway recursion libxslt dumps its template stack through the
 * generic handler; that is dropped.
 *
 * Limits: libxslt's own counters (maxTemplateDepth, maxTemplateVars, opLimit) are set on every
 * transform context; they are per context, so one template can be applied in turn to many plans.
 * They are not enough on their own. libxslt's opLimit counts instructions, not the steps inside an
 * XPath expression, so one xsl:value-of of count($t[count($t[…])]) over a node-set of 10^5 made-up
 * nodes runs for days; libxml2 counts those steps when its XPath context has an opLimit, so that is
 * set too (TEMPLATE_MAX_XPATH_STEPS). And a few dozen instructions can double a string (concat($s, $s)) or a
 * tree (a variable holding two copies of the last) each time, taking all the memory of the machine
 * with neither deep nesting nor many instructions: while a transform runs, libxml2's allocator is
 * replaced by one that counts what the transform holds and refuses more than TEMPLATE_MAX_MEMORY, stopping
 * the transform (glibc only: it needs malloc_usable_size to count frees).
 *
 * XInclude is never processed: libxslt would run it with libxml2's own loader, outside the checks
 * above, when its process-wide default is on, so every transform context turns it off.
 *
 * The handlers and the loader are process globals in libxslt and libxml2: they are set just before
 * each compile or transform and restored just after, as xml/load.c does for the parser.
 */
#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xpath.h>
#include <libxslt/documents.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "planrep/template.h"
#include "planrep/xml.h"

struct template {
	xsltStylesheetPtr	 style;	/* owned; owns the stylesheet's xmlDoc */
	xsltSecurityPrefsPtr	 sec;	/* owned; shared by every transform of this template */
	char			*path;	/* owned: as given, for diagnostics */
	char			*dir;	/* owned: canonical folder of the stylesheet */
};

enum entry_kind {
	ENTRY_ERROR,		/* an error report (compilation: an error only if compiling failed) */
	ENTRY_WARNING,		/* a libxml2 warning */
	ENTRY_MESSAGE		/* xsl:message: a warning, or an error if it stopped the transform */
};

/* One queued report; its severity is decided at the end of the call (see the top of the file). */
struct entry {
	enum entry_kind	 kind;
	char		*file;	/* owned; NULL when unknown */
	long		 line;	/* 0 when unknown */
	char		*text;	/* owned */
};


#define MAX_ENTRIES	50	/* reports kept from one call; more are counted, and the last kept */
#define MAX_ROOTS	2	/* folders that may be read */
#define UNIT_SIZE	2048	/* longest unit of error text kept */

/* The state of one compile or one transform, reachable from libxslt's callbacks. */
struct run {
	struct diag_list	*diags;		/* borrowed: the caller's */
	const char		*tpl_path;	/* borrowed: the stylesheet, for reports without a place */
	xsltTransformContextPtr	 ctxt;		/* the transform; NULL while compiling */
	char			*roots[MAX_ROOTS]; /* owned: canonical folders that may be read */
	size_t			 nroots;
	char			 unit[UNIT_SIZE]; /* the text being assembled, up to a newline */
	size_t			 len;
	bool			 placed;	/* a context line gave the place of the next message */
	char			*place_file;	/* owned: its file */
	long			 place_line;	/* its line */
	char			*xpath;		/* owned: an XPath error waiting for libxslt's report */
	struct entry		 entries[MAX_ENTRIES];
	size_t			 count;
	size_t			 dropped;	/* reports left out beyond MAX_ENTRIES */
	bool			 quiet;		/* after a recursion stop: drop libxslt's stack dump */
	bool			 failed;	/* a read was refused or failed */
	bool			 out_of_memory;	/* the transform reached TEMPLATE_MAX_MEMORY */
	bool			 xpath_stopped;	/* the transform reached TEMPLATE_MAX_XPATH_STEPS */
};

/* What a compile or transform sets in libxslt and libxml2, saved to be put back. */
struct saved {
	xmlGenericErrorFunc	 generic;
	void			*generic_ctx;
	xmlGenericErrorFunc	 xml_generic;
	void			*xml_generic_ctx;
	xmlStructuredErrorFunc	 structured;
	void			*structured_ctx;
	xsltDocLoaderFunc	 loader;
};

static void
init_once(void)
{
	static bool	 done;

	if (done)
		return;
	xsltInit();
	exsltRegisterAll();
	done = true;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

/* ---- Paths ---------------------------------------------------------------------------------- */

/*
 * Returns the canonical absolute form of path (owned), or NULL. A file that does not exist yet is
 * canonicalised through its folder, so that a refusal names the right place and a missing file is
 * reported by the reader as missing, not as refused.
 */
static char *
canonical(const char *path)
{
	char		*r, *copy, *slash, *dir, *out;
	const char	*base;
	size_t		 n;

	if (path == NULL || *path == '\0')
		return NULL;
	if ((r = realpath(path, NULL)) != NULL || errno != ENOENT)
		return r;
	if ((copy = strdup(path)) == NULL)
		return NULL;
	if ((slash = strrchr(copy, '/')) == NULL) {
		dir = realpath(".", NULL);
		base = copy;
	} else {
		*slash = '\0';
		dir = realpath(slash == copy ? "/" : copy, NULL);
		base = slash + 1;
	}
	out = NULL;
	if (dir != NULL && *base != '\0' && strcmp(base, ".") != 0 && strcmp(base, "..") != 0) {
		n = strlen(dir) + strlen(base) + 2;
		if ((out = malloc(n)) != NULL)
			snprintf(out, n, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, base);
	}
	free(dir);
	free(copy);
	return out;
}

/* Returns the canonical folder holding the file at path (owned), or NULL. */
static char *
canonical_folder(const char *path)
{
	char	*c, *slash;

	if ((c = canonical(path)) == NULL)
		return NULL;
	if ((slash = strrchr(c, '/')) != NULL)
		slash[slash == c ? 1 : 0] = '\0';
	return c;
}

/* True when the canonical path lies in the canonical folder root (or is root itself). */
static bool
is_under(const char *path, const char *root)
{
	size_t	 n = strlen(root);

	if (strcmp(root, "/") == 0)
		return true;
	return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* Returns the canonical path if value is under one of the run's roots (owned), else NULL. */
static char *
allowed(const struct run *r, const char *value)
{
	char	*c;
	size_t	 i;

	if ((c = canonical(value)) == NULL)
		return NULL;
	for (i = 0; i < r->nroots; i++)
		if (is_under(c, r->roots[i]))
			return c;
	free(c);
	return NULL;
}

static void
add_root(struct run *r, char *canon)
{
	if (canon == NULL)
		return;
	if (r->nroots == MAX_ROOTS) {
		free(canon);
		return;
	}
	r->roots[r->nroots++] = canon;
}

/* ---- Reports -------------------------------------------------------------------------------- */

/* The stylesheet element being executed, to place reports that carry no place of their own. */
static void
current_place(const struct run *r, const char **file, long *line)
{
	xmlNodePtr	 inst = r->ctxt != NULL ? r->ctxt->inst : NULL;

	*file = r->tpl_path;
	*line = 0;
	if (inst == NULL || inst->type != XML_ELEMENT_NODE)
		return;
	if (inst->doc != NULL && inst->doc->URL != NULL)
		*file = (const char *)inst->doc->URL;
	*line = xmlGetLineNo(inst);
	if (*line < 0)
		*line = 0;
}

static void
queue(struct run *r, enum entry_kind kind, const char *file, long line, const char *text)
{
	struct entry	*e;
	size_t		 n;

	if (r->out_of_memory || r->xpath_stopped)
		return;	/* what fails after a limit stopped the transform is its consequence */
	if (r->count == MAX_ENTRIES) {
		/* Keep the latest in the last place: it may be the xsl:message that stopped the run. */
		e = &r->entries[MAX_ENTRIES - 1];
		free(e->file);
		free(e->text);
		r->dropped++;
	} else
		e = &r->entries[r->count++];
	e->kind = kind;
	e->file = dup_or_null(file);
	e->line = line;
	if (kind == ENTRY_ERROR && r->xpath != NULL) {
		/* libxml2's XPath error came first; it says what was wrong with the expression. */
		n = strlen(text) + strlen(r->xpath) + 16;
		if ((e->text = malloc(n)) != NULL)
			snprintf(e->text, n, "%s (XPath: %s)", text, r->xpath);
		free(r->xpath);
		r->xpath = NULL;
	} else
		e->text = strdup(text);
}

/* Says why reading what was refused, and which folders may be read, into text. */
static void
refusal(const struct run *r, const char *what, char *text, size_t size)
{
	snprintf(text, size, "reading %.600s refused: a template may read only files under %.600s%s%.600s",
	    what, r->nroots > 0 ? r->roots[0] : "(nothing)", r->nroots > 1 ? " and " : "",
	    r->nroots > 1 ? r->roots[1] : "");
}

/*
 * Rewrites libxslt's wording where it would mislead a planrep user (it names xsltproc's options, or
 * says only "refused"). Returns false to drop the unit: libxslt reports a refused read or write twice.
 */
static bool
reword(struct run *r, char *text, size_t size)
{
	char	 what[1024];
	size_t	 n;
	int	 depth = r->ctxt != NULL ? r->ctxt->maxTemplateDepth : TEMPLATE_MAX_DEPTH;
	int	 vars = r->ctxt != NULL ? r->ctxt->maxTemplateVars : TEMPLATE_MAX_VARS;

	if (strstr(text, "read rights for") != NULL || strstr(text, "write rights for") != NULL)
		return false;
	if (strstr(text, "infinite template recursion") != NULL) {
		if (strstr(text, "maxTemplateVars") != NULL)
			snprintf(text, size, "more than %d variables and parameters alive at once: "
			    "the template probably recurses without end", vars);
		else
			snprintf(text, size, "templates nested more than %d deep: the template probably "
			    "recurses without end", depth);
		r->quiet = true;
	} else if (strstr(text, "Potentially infinite recursion") != NULL) {
		snprintf(what, sizeof(what), "%s", text);
		snprintf(text, size, "%.1000s (function calls nested more than %d deep)", what, depth);
		r->quiet = true;
	} else if (strstr(text, "Operation limit exceeded") != NULL) {
		snprintf(text, size, "the transform ran more than %lu instructions: the template probably "
		    "loops without end", TEMPLATE_MAX_OPS);
		r->quiet = true;
	} else if (strncmp(text, "Local file read for ", 20) == 0 ||
	    strncmp(text, "Network file read for ", 22) == 0) {
		snprintf(what, sizeof(what), "%s", text + (text[0] == 'L' ? 20 : 22));
		n = strlen(what);
		if (n > 8 && strcmp(what + n - 8, " refused") == 0)
			what[n - 8] = '\0';
		if (text[0] == 'L')
			refusal(r, what, text, size);
		else
			snprintf(text, size, "reading %.1000s refused: templates may not use the network", what);
	} else if (strncmp(text, "File write for ", 15) == 0 ||
	    strncmp(text, "Directory creation for ", 23) == 0) {
		snprintf(what, sizeof(what), "%s", text);
		snprintf(text, size, "%.1000s: templates may not write files or create folders", what);
	}
	return true;
}

/*
 * Parses libxslt's context line ("runtime error: file F line N element E", and its shorter forms).
 * Returns false when the text is not one.
 */
static bool
context_line(struct run *r, const char *text)
{
	static const char *const types[] = {
		"runtime error", "compilation error", "compilation warning", "error"
	};
	const char	*rest = NULL, *end, *at;
	char		*file;
	size_t		 i, n;
	long		 line = 0;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		n = strlen(types[i]);
		if (strncmp(text, types[i], n) == 0 && (text[n] == '\0' || text[n] == ':')) {
			rest = text[n] == ':' ? text + n + 1 : text + n;
			break;
		}
	}
	if (rest == NULL)
		return false;
	while (*rest == ' ')
		rest++;
	free(r->place_file);
	r->place_file = NULL;
	r->place_line = 0;
	r->placed = true;
	if (strncmp(rest, "file ", 5) != 0)
		return true;
	rest += 5;
	end = rest + strlen(rest);
	/* The file name may hold spaces: take " element E" and " line N" off the end. */
	for (at = end; at > rest; at--)
		if (strncmp(at, " element ", 9) == 0) {
			end = at;
			break;
		}
	for (at = end; at > rest; at--)
		if (strncmp(at, " line ", 6) == 0) {
			line = strtol(at + 6, NULL, 10);
			end = at;
			break;
		}
	if ((file = malloc((size_t)(end - rest) + 1)) != NULL) {
		memcpy(file, rest, (size_t)(end - rest));
		file[end - rest] = '\0';
	}
	r->place_file = file;
	r->place_line = line;
	return true;
}

/* Handles one complete unit of libxslt's error text. generic: it came through the global handler. */
static void
unit_done(struct run *r, bool generic)
{
	char		*text = r->unit;
	const char	*file;
	long		 line;
	size_t		 n = r->len;

	r->len = 0;
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' ' || text[n - 1] == '\r'))
		text[--n] = '\0';
	if (r->quiet && generic)
		return;
	if (context_line(r, text))
		return;
	if (r->placed) {
		r->placed = false;
		if (reword(r, text, sizeof(r->unit)))
			queue(r, ENTRY_ERROR, r->place_file != NULL ? r->place_file : r->tpl_path,
			    r->place_line, text);
		return;
	}
	if (n == 0)
		return;
	current_place(r, &file, &line);
	if (!generic && r->ctxt != NULL)
		queue(r, ENTRY_MESSAGE, file, line, text);
	else if (reword(r, text, sizeof(r->unit)))
		queue(r, ENTRY_ERROR, file, line, text);
}

static void
unit_addv(struct run *r, bool generic, const char *fmt, va_list ap)
{
	char	 piece[UNIT_SIZE];
	size_t	 n;

	vsnprintf(piece, sizeof(piece), fmt, ap);
	n = strlen(piece);
	if (r->len + n >= sizeof(r->unit))
		n = sizeof(r->unit) - 1 - r->len;
	memcpy(r->unit + r->len, piece, n);
	r->len += n;
	r->unit[r->len] = '\0';
	if (r->len > 0 && r->unit[r->len - 1] == '\n')
		unit_done(r, generic);
	else if (r->len == sizeof(r->unit) - 1 && strchr(piece, '\n') != NULL)
		unit_done(r, generic);
}

/* The transform context's handler: xsltTransformError and xsl:message. */
static void
on_ctxt_error(void *arg, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	unit_addv(arg, false, fmt, ap);
	va_end(ap);
}

/* The global handler: compilation errors and libxslt's direct reports. */
static void
on_generic_error(void *arg, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	unit_addv(arg, true, fmt, ap);
	va_end(ap);
}

/*
 * The transform reached TEMPLATE_MAX_XPATH_STEPS. libxml2 reports it through its structured or its generic
 * handler, and every evaluation after it fails the same way: it is reported once, plainly, the
 * transform is stopped, and what libxslt says after it is left out.
 */
static void
xpath_limit(struct run *r)
{
	const char	*file;
	long		 line;
	char		 msg[256];

	if (r->xpath_stopped)
		return;
	current_place(r, &file, &line);
	snprintf(msg, sizeof(msg), "the transform evaluated more than %lu XPath steps: an expression "
	    "probably loops without end", TEMPLATE_MAX_XPATH_STEPS);
	queue(r, ENTRY_ERROR, file, line, msg);
	r->xpath_stopped = true;
	if (r->ctxt != NULL)
		r->ctxt->state = XSLT_STATE_STOPPED;
}

/* libxml2's generic errors (some XPath reports): kept as detail for libxslt's report that follows. */
static void
on_xml_generic_error(void *arg, const char *fmt, ...)
{
	struct run	*r = arg;
	char		 piece[UNIT_SIZE], *joined;
	size_t		 n;
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(piece, sizeof(piece), fmt, ap);
	va_end(ap);
	n = strlen(piece);
	while (n > 0 && (piece[n - 1] == '\n' || piece[n - 1] == ' '))
		piece[--n] = '\0';
	if (n == 0)
		return;
	if (r->ctxt != NULL && r->ctxt->xpathCtxt != NULL && r->ctxt->xpathCtxt->opLimit != 0 &&
	    r->ctxt->xpathCtxt->opCount >= r->ctxt->xpathCtxt->opLimit &&
	    strstr(piece, "Operation limit exceeded") != NULL) {
		xpath_limit(r);
		return;
	}
	if (r->xpath == NULL) {
		r->xpath = strdup(piece);
		return;
	}
	n = strlen(r->xpath) + n + 3;
	if ((joined = malloc(n)) != NULL) {
		snprintf(joined, n, "%s; %s", r->xpath, piece);
		free(r->xpath);
		r->xpath = joined;
	}
}

/* libxml2's structured errors while compiling or transforming: mostly XPath. */
static void
on_xml_error(void *arg, xmlErrorPtr e)
{
	struct run	*r = arg;
	char		 msg[UNIT_SIZE];
	const char	*file;
	long		 line;
	size_t		 n;

	if (e == NULL || e->level == XML_ERR_NONE)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message != NULL ? e->message : "XML error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (e->domain == XML_FROM_XPATH && e->code == XPATH_OP_LIMIT_EXCEEDED) {
		xpath_limit(r);
		return;
	}
	if (e->domain == XML_FROM_XPATH) {
		if (e->str1 != NULL)
			snprintf(msg + n, sizeof(msg) - n, " in \"%s\"", e->str1);
		on_xml_generic_error(r, "%s", msg);
		return;
	}
	current_place(r, &file, &line);
	if (e->file != NULL) {
		file = e->file;
		line = e->line;
	}
	queue(r, e->level == XML_ERR_WARNING ? ENTRY_WARNING : ENTRY_ERROR, file, line, msg);
}

/*
 * Moves the queued reports into the caller's list. compiling: reports become errors only if the
 * compilation failed; stopped: the transform was stopped, so a final xsl:message was terminate="yes".
 */
static void
flush(struct run *r, bool compiling, bool failed, bool stopped)
{
	struct entry		*e;
	enum diag_severity	 sev;
	size_t			 i;

	if (r->xpath != NULL) {
		const char	*file;
		long		 line;

		current_place(r, &file, &line);
		queue(r, failed ? ENTRY_ERROR : ENTRY_WARNING, file, line, r->xpath);
		free(r->xpath);
		r->xpath = NULL;
	}
	for (i = 0; i < r->count; i++) {
		e = &r->entries[i];
		switch (e->kind) {
		case ENTRY_ERROR:
			sev = compiling && !failed ? DIAG_WARNING : DIAG_ERROR;
			break;
		case ENTRY_WARNING:
			sev = DIAG_WARNING;
			break;
		default:
			sev = stopped && i + 1 == r->count ? DIAG_ERROR : DIAG_WARNING;
			break;
		}
		if (e->kind == ENTRY_MESSAGE && sev == DIAG_ERROR)
			diag_add(r->diags, sev, e->file, e->line, 0, "%s (xsl:message terminate=\"yes\")",
			    e->text != NULL ? e->text : "");
		else
			diag_add(r->diags, sev, e->file, e->line, 0, "%s", e->text != NULL ? e->text :
			    "out of memory");
		free(e->file);
		free(e->text);
	}
	if (r->dropped > 0)
		diag_add(r->diags, DIAG_NOTE, r->tpl_path, 0, 0, "%zu more reports left out", r->dropped);
	r->count = r->dropped = 0;
}

/* True when a diagnostic from index before on is an error. */
static bool
new_errors(const struct diag_list *diags, size_t before)
{
	size_t	 i;

	for (i = before; i < diags->count; i++)
		if (diags->items[i].severity >= DIAG_ERROR)
			return true;
	return diags->oom;
}

static void
run_clear(struct run *r)
{
	size_t	 i;

	for (i = 0; i < r->nroots; i++)
		free(r->roots[i]);
	free(r->place_file);
	free(r->xpath);
}

/* ---- Memory --------------------------------------------------------------------------------- */

/*
 * libxml2's allocator while a transform runs (see the top of the file). libxml2 and libxslt free a
 * block with whatever xmlFree is when they free it, so these wrap the C library's functions and add
 * no header: a block allocated before the transform may be freed during it, and one allocated
 * during it (the result document) freed after it by plain free. mem_held is what was allocated
 * during the transform less what was freed; freeing older blocks makes it lower than the truth,
 * never higher, which only loosens the limit a little.
 */
#ifdef __GLIBC__
static struct run	*mem_run;	/* the transform being counted */
static size_t		 mem_held;	/* bytes */

/* Refuses an allocation: the transform is stopped, and the report says why. */
static void *
mem_refuse(void)
{
	const char	*file;
	long		 line;
	char		 msg[256];

	if (!mem_run->out_of_memory) {
		/* queue allocates with the C library, not through these functions */
		current_place(mem_run, &file, &line);
		snprintf(msg, sizeof(msg), "the transform took more than %zu MB of memory: the template "
		    "probably builds strings or trees without end", TEMPLATE_MAX_MEMORY / (1024 * 1024));
		queue(mem_run, ENTRY_ERROR, file, line, msg);
		mem_run->out_of_memory = true;
	}
	if (mem_run->ctxt != NULL)
		mem_run->ctxt->state = XSLT_STATE_STOPPED;
	return NULL;
}

/* True when size more bytes would pass the limit. */
static bool
mem_over(size_t size)
{
	return size > TEMPLATE_MAX_MEMORY || mem_held > TEMPLATE_MAX_MEMORY - size;
}

static void *
mem_malloc(size_t size)
{
	void	*p;

	if (mem_over(size))
		return mem_refuse();
	if ((p = malloc(size)) != NULL)
		mem_held += malloc_usable_size(p);
	return p;
}

static void *
mem_realloc(void *old, size_t size)
{
	size_t	 before = old != NULL ? malloc_usable_size(old) : 0;
	void	*p;

	if (size > before && mem_over(size - before))
		return mem_refuse();
	if ((p = realloc(old, size)) == NULL)
		return NULL;
	mem_held -= before < mem_held ? before : mem_held;
	mem_held += malloc_usable_size(p);
	return p;
}

static void
mem_free(void *p)
{
	size_t	 n;

	if (p == NULL)
		return;
	n = malloc_usable_size(p);
	mem_held -= n < mem_held ? n : mem_held;
	free(p);
}

static char *
mem_strdup(const char *s)
{
	size_t	 n = strlen(s) + 1;
	char	*p;

	if ((p = mem_malloc(n)) != NULL)
		memcpy(p, s, n);
	return p;
}
#endif

/* What libxml2 allocates with, saved while a transform is counted. */
struct saved_mem {
	xmlFreeFunc		 free_fn;
	xmlMallocFunc		 malloc_fn;
	xmlMallocFunc		 atomic_fn;
	xmlReallocFunc		 realloc_fn;
	xmlStrdupFunc		 strdup_fn;
};

static void
mem_count_begin(struct saved_mem *m, struct run *r)
{
#ifdef __GLIBC__
	xmlGcMemGet(&m->free_fn, &m->malloc_fn, &m->atomic_fn, &m->realloc_fn, &m->strdup_fn);
	mem_run = r;
	mem_held = 0;
	xmlGcMemSetup(mem_free, mem_malloc, mem_malloc, mem_realloc, mem_strdup);
#else
	(void)m;
	(void)r;
#endif
}

static void
mem_count_end(const struct saved_mem *m)
{
#ifdef __GLIBC__
	xmlGcMemSetup(m->free_fn, m->malloc_fn, m->atomic_fn, m->realloc_fn, m->strdup_fn);
	mem_run = NULL;
#else
	(void)m;
#endif
}

/* ---- Reading files -------------------------------------------------------------------------- */

/* The run a loader call belongs to: the transform's, or the principal stylesheet's while compiling. */
static struct run *
run_of(void *ctx, xsltLoadType type)
{
	xsltStylesheetPtr	 style;

	if (ctx == NULL)
		return NULL;
	if (type == XSLT_LOAD_DOCUMENT)
		return ((xsltTransformContextPtr)ctx)->_private;
	if (type != XSLT_LOAD_STYLESHEET)
		return NULL;
	for (style = ctx; style->parent != NULL; style = style->parent)
		continue;
	return style->_private;
}

/*
 * libxslt's loader, for xsl:include, xsl:import and document(): a local file under an allowed folder,
 * read by xml_doc_load_dict with the dictionary libxslt offers. Returns the document (libxslt owns it)
 * or NULL after reporting why. The dictionary matters: libxslt copies strings of included stylesheets
 * and of document()'s documents into the result tree and frees them as the result's own when that
 * dictionary holds them; a document with a dictionary of its own made it free() strings that were never
 * malloc'd (a crash found with templates that import common.xsl).
 */
static xmlDocPtr
load_doc(const xmlChar *uri, xmlDictPtr dict, int options, void *ctx, xsltLoadType type)
{
	struct run	*r = run_of(ctx, type);
	xmlURIPtr	 u;
	xmlDocPtr	 doc = NULL;
	char		*canon = NULL;
	const char	*file;
	long		 line;

	(void)options;
	if (r == NULL || uri == NULL)
		return NULL;
	current_place(r, &file, &line);
	u = xmlParseURI((const char *)uri);
	if (u == NULL || (u->scheme != NULL && strcmp(u->scheme, "file") != 0) || u->path == NULL) {
		queue(r, ENTRY_ERROR, file, line, "only local files may be read (no network)");
		r->failed = true;
		goto out;
	}
	if ((canon = allowed(r, u->path)) == NULL) {
		char	 msg[UNIT_SIZE];

		refusal(r, (const char *)uri, msg, sizeof(msg));
		queue(r, ENTRY_ERROR, file, line, msg);
		r->failed = true;
		goto out;
	}
	doc = xml_doc_load_dict(canon, dict, r->diags);
	/* xml_doc_load sets and clears the structured handler: put ours back. */
	xmlSetStructuredErrorFunc(r, on_xml_error);
	if (doc == NULL) {
		r->failed = true;
		goto out;
	}
	/* libxslt finds loaded documents again by the URI it asked for, and resolves from it. */
	xmlFree((xmlChar *)doc->URL);
	doc->URL = xmlStrdup(uri);
out:
	xmlFreeURI(u);
	free(canon);
	return doc;
}

static int
check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	struct run	*r;
	char		*c;

	(void)sec;
	if (ctxt == NULL || (r = ctxt->_private) == NULL || value == NULL)
		return 0;
	if ((c = allowed(r, value)) == NULL)
		return 0;
	free(c);
	return 1;
}

/* ---- Handlers around a call ----------------------------------------------------------------- */

static void
handlers_set(struct saved *s, struct run *r)
{
	s->generic = xsltGenericError;
	s->generic_ctx = xsltGenericErrorContext;
	s->xml_generic = xmlGenericError;
	s->xml_generic_ctx = xmlGenericErrorContext;
	s->structured = xmlStructuredError;
	s->structured_ctx = xmlStructuredErrorContext;
	s->loader = xsltDocDefaultLoader;
	xsltSetGenericErrorFunc(r, on_generic_error);
	xmlSetGenericErrorFunc(r, on_xml_generic_error);
	xmlSetStructuredErrorFunc(r, on_xml_error);
	xsltSetLoaderFunc(load_doc);
}

static void
handlers_restore(const struct saved *s)
{
	xsltSetGenericErrorFunc(s->generic_ctx, s->generic);
	xmlSetGenericErrorFunc(s->xml_generic_ctx, s->xml_generic);
	xmlSetStructuredErrorFunc(s->structured_ctx, s->structured);
	xsltSetLoaderFunc(s->loader);
}

/* ---- The public functions ------------------------------------------------------------------- */

struct template *
template_load(const char *path, struct diag_list *diags)
{
	struct template		*tpl;
	struct run		 r;
	struct saved		 saved;
	xsltStylesheetPtr	 style;
	xmlDocPtr		 doc;
	char			 lib[PATH_MAX];
	bool			 failed;
	size_t			 before = diags->count;

	init_once();
	if ((doc = xml_doc_load(path, diags)) == NULL)
		return NULL;
	if ((tpl = calloc(1, sizeof(*tpl))) == NULL || (tpl->path = strdup(path)) == NULL ||
	    (tpl->dir = canonical_folder(path)) == NULL || (tpl->sec = xsltNewSecurityPrefs()) == NULL) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		xmlFreeDoc(doc);
		template_free(tpl);
		return NULL;
	}
	memset(&r, 0, sizeof(r));
	r.diags = diags;
	r.tpl_path = path;
	add_root(&r, strdup(tpl->dir));
	snprintf(lib, sizeof(lib), "%s/templates", xml_data_dir());
	add_root(&r, realpath(lib, NULL));

	if ((style = xsltNewStylesheet()) == NULL) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		xmlFreeDoc(doc);
		template_free(tpl);
		run_clear(&r);
		return NULL;
	}
	style->_private = &r;
	handlers_set(&saved, &r);
	failed = xsltParseStylesheetUser(style, doc) != 0 || style->errors > 0;
	if (r.len > 0)
		unit_done(&r, true);
	handlers_restore(&saved);
	style->_private = NULL;
	failed = failed || r.failed;
	flush(&r, true, failed, false);
	run_clear(&r);
	if (failed) {
		/* On failure libxslt has detached the document from the stylesheet. */
		if (style->doc == doc)
			style->doc = NULL;
		xsltFreeStylesheet(style);
		xmlFreeDoc(doc);
		if (!new_errors(diags, before))
			diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot compile the stylesheet");
		template_free(tpl);
		return NULL;
	}
	tpl->style = style;

	/* Nothing is written, nothing comes from or goes to the network, reads are checked. */
	if (xsltSetSecurityPrefs(tpl->sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(tpl->sec, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(tpl->sec, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(tpl->sec, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(tpl->sec, XSLT_SECPREF_READ_FILE, check_read) != 0) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "cannot set libxslt's security preferences");
		template_free(tpl);
		return NULL;
	}
	return tpl;
}

/* True when the stylesheet (or one it imports) declares a top-level xsl:param of that name. */
static bool
declares_param(xsltStylesheetPtr style, const char *name)
{
	xsltStackElemPtr	 v;

	for (; style != NULL; style = xsltNextImport(style))
		for (v = style->variables; v != NULL; v = v->next)
			if (v->comp != NULL && v->comp->type == XSLT_FUNC_PARAM && v->nameURI == NULL &&
			    v->name != NULL && strcmp((const char *)v->name, name) == 0)
				return true;
	return false;
}

/*
 * Passes the parameters as strings: xsltQuoteOneUserParam stores the value as an XPath string object
 * without evaluating it, so no value can inject XPath. Returns false after reporting a bad list.
 */
static bool
set_params(struct template *tpl, xsltTransformContextPtr ctxt, const char *const *params,
    struct diag_list *diags)
{
	size_t	 i;

	for (i = 0; params != NULL && params[i] != NULL; i += 2) {
		if (params[i + 1] == NULL) {
			diag_add(diags, DIAG_ERROR, tpl->path, 0, 0, "parameter %s has no value", params[i]);
			return false;
		}
		if (xmlValidateNCName((const xmlChar *)params[i], 0) != 0) {
			diag_add(diags, DIAG_ERROR, tpl->path, 0, 0, "\"%s\" is not a parameter name",
			    params[i]);
			return false;
		}
		if (!declares_param(tpl->style, params[i]))
			diag_add(diags, DIAG_WARNING, tpl->path, 0, 0,
			    "the template has no parameter %s; its value is not used", params[i]);
		if (xsltQuoteOneUserParam(ctxt, (const xmlChar *)params[i],
		    (const xmlChar *)params[i + 1]) != 0) {
			diag_add(diags, DIAG_ERROR, tpl->path, 0, 0, "cannot set parameter %s", params[i]);
			return false;
		}
	}
	return true;
}

xmlDocPtr
template_apply(struct template *tpl, xmlDocPtr input, const char *input_path,
    const char *const *params, struct diag_list *diags)
{
	xsltTransformContextPtr	 ctxt;
	struct run		 r;
	struct saved		 saved;
	struct saved_mem	 saved_mem;
	xmlDocPtr		 res = NULL;
	bool			 failed, stopped;
	size_t			 before = diags->count;

	if (tpl == NULL || input == NULL)
		return NULL;
	if (input_path == NULL && input->URL != NULL)
		input_path = (const char *)input->URL;
	if ((ctxt = xsltNewTransformContext(tpl->style, input)) == NULL) {
		diag_add(diags, DIAG_FATAL, tpl->path, 0, 0, "out of memory");
		return NULL;
	}
	memset(&r, 0, sizeof(r));
	r.diags = diags;
	r.tpl_path = tpl->path;
	r.ctxt = ctxt;
	add_root(&r, strdup(tpl->dir));
	if (input_path != NULL)
		add_root(&r, canonical_folder(input_path));
	ctxt->_private = &r;
	ctxt->maxTemplateDepth = TEMPLATE_MAX_DEPTH;
	ctxt->maxTemplateVars = TEMPLATE_MAX_VARS;
	ctxt->opLimit = TEMPLATE_MAX_OPS;
	ctxt->xpathCtxt->opLimit = TEMPLATE_MAX_XPATH_STEPS;
	ctxt->xinclude = 0;
	xsltSetCtxtSecurityPrefs(tpl->sec, ctxt);
	xsltSetTransformErrorFunc(ctxt, &r, on_ctxt_error);

	handlers_set(&saved, &r);
	if (set_params(tpl, ctxt, params, diags)) {
		mem_count_begin(&saved_mem, &r);
		res = xsltApplyStylesheetUser(tpl->style, input, NULL, NULL, NULL, ctxt);
		mem_count_end(&saved_mem);
	} else
		r.failed = true;
	if (r.len > 0)
		unit_done(&r, false);
	handlers_restore(&saved);
	stopped = ctxt->state == XSLT_STATE_STOPPED;
	failed = res == NULL || ctxt->state != XSLT_STATE_OK || r.failed || r.out_of_memory ||
	    r.xpath_stopped;
	flush(&r, false, failed, stopped);
	xsltFreeTransformContext(ctxt);
	run_clear(&r);
	if (failed || new_errors(diags, before)) {
		xmlFreeDoc(res);
		if (diags->count == before)
			diag_add(diags, DIAG_ERROR, tpl->path, 0, 0, "the transform failed");
		return NULL;
	}
	return res;
}

const char *
template_path(const struct template *tpl)
{
	return tpl->path;
}

void
template_free(struct template *tpl)
{
	if (tpl == NULL)
		return;
	if (tpl->style != NULL)
		xsltFreeStylesheet(tpl->style);
	if (tpl->sec != NULL)
		xsltFreeSecurityPrefs(tpl->sec);
	free(tpl->path);
	free(tpl->dir);
	free(tpl);
}
