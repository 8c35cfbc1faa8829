/*
 * render: draws laid-out pages with cairo, as PDF, SVG or PNG. Every position was decided by layout;
 * the formats differ only in the cairo surface they create (STYLE 1.5). Files are written under a
 * temporary name in the target folder and renamed when complete, so a failure leaves no file.
 *
 * May be included by cli (and the chart stage, for standalone charts).
 */
#ifndef PLANREP_RENDER_H
#define PLANREP_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include <cairo.h>

#include "planrep/diag.h"
#include "planrep/layout.h"

enum render_format {
	RENDER_PDF,
	RENDER_SVG,
	RENDER_PNG
};

struct render_options {
	enum render_format	 format;
	double			 dpi;		/* PNG only; 0 = 150 */
	/* PDF metadata, borrowed, NULL when absent */
	const char		*title;
	const char		*author;
	const char		*subject;
	const char		*keywords;
	const char		*creator;
	const char		*lang;		/* BCP 47, "zh-CN": the PDF catalog's /Lang */
};

/*
 * Writes the pages to path: one PDF, or one SVG or PNG per page named <path without extension>-001.svg
 * (…-002 …). Returns true when every file was written; on failure no file is left and diags say why.
 */
bool	render_layout(const struct layout_result *, const char *path, const struct render_options *,
	    struct diag_list *);

/*
 * Records the document language in the catalog of the PDF just written to fd, by an incremental
 * update (cairo has no API for /Lang). A tag other than letters, digits and '-' is left out. Returns
 * false, with a warning, when the file is not laid out as cairo writes it.
 */
bool	render_pdf_language(int fd, const char *lang, const char *path, struct diag_list *);

/*
 * A cairo surface of w × h pt for one output, in a format: the one place where a format chooses its
 * surface (STYLE 1.5), used for documents' pages, standalone charts and the batch build's chart files.
 * Draw into cr in points from the top left. PNG: dpi pixels per inch (0 = 150) on white; SVG: a
 * viewBox in points; PDF: meta (may be NULL) and SOURCE_DATE_EPOCH as its metadata.
 */
struct render_target {
	enum render_format	 format;
	cairo_surface_t		*surface;	/* owned until render_target_close */
	cairo_t			*cr;		/* owned until render_target_close */
	struct render_out	*out;		/* borrowed: where the bytes go */
};

void	render_target_open(struct render_target *, enum render_format, double w, double h, double dpi,
	    const struct render_options *meta, struct render_out *out);

/*
 * Finishes the target (a PNG is encoded here) and checks cairo's status. Returns false with a
 * diagnostic naming path; out stays open either way: the caller commits or aborts it.
 */
bool	render_target_close(struct render_target *, const char *path, struct diag_list *);

/* The name of the n-th of several files: "out/report.svg", 3 → "out/report-003.svg". */
void	render_numbered_path(char *buf, size_t size, const char *path, size_t n);

/* Draws one page into cr, in points from the page's top left. */
void	render_page(cairo_t *, const struct layout_page *);

/* The format an output path asks for by its extension, or false when it names none. */
bool	render_format_from_path(const char *path, enum render_format *);

/* The format a name gives ("pdf", "svg", "png"), or false when it is none of them. */
bool	render_format_parse(const char *name, enum render_format *);

/*
 * An output file written atomically: open gives a temporary file beside path; write appends (it is
 * a cairo_write_func_t); commit renames it to path; abort removes it. Both leave the struct closed.
 * While open, the struct is in a list of open outputs (it must not move or be copied until commit or
 * abort), so that render_out_cleanup_on_signals can remove the temporary file.
 */
struct render_out {
	int		 fd;
	char		*tmp;		/* owned */
	char		*path;		/* owned */
	bool		 failed;	/* a write failed */
	int		 error;		/* errno of the failure */
	struct render_out *live_prev;	/* borrowed: the list of open outputs */
	struct render_out *live_next;	/* borrowed */
};

bool		render_out_open(struct render_out *, const char *path, struct diag_list *);
cairo_status_t	render_out_write(void *out, const unsigned char *data, unsigned int length);
bool		render_out_commit(struct render_out *, struct diag_list *);
void		render_out_abort(struct render_out *);

/*
 * The n files of one output (an SVG or PNG per page, a document's charts), all or none: when ok,
 * each is committed, with SIGINT, SIGTERM and SIGHUP held off until the last is in place; when a
 * commit fails (or ok is false), the files already renamed are removed and the rest aborted.
 * Returns true when all are in place.
 */
bool		render_out_commit_all(struct render_out *, size_t n, bool ok, struct diag_list *);

/*
 * For a command that writes one product (render, chart): from now on SIGINT, SIGTERM and SIGHUP
 * remove every temporary file still open, then end the process by that signal (exit status 128 +
 * its number, 130 for SIGINT, 143 for SIGTERM). A signal ignored at the call (nohup, a background
 * job of a script) stays ignored. The batch build stops its workers its own way.
 */
void		render_out_cleanup_on_signals(void);

#endif
