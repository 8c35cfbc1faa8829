/*
 * xml/load.c: reading and validating XML input safely.
 *
 * The file is read whole (so its size is checked before any parsing), then parsed from memory with
 * XML_PARSE_NONET and without XML_PARSE_NOENT or XML_PARSE_DTDLOAD. A DOCTYPE stops the parser the
 * moment it is seen, before its internal subset is read: planrep's formats have no use for DTDs, and
 * refusing them outright removes entity expansion (billion laughs) and external entities as a class.
 * libxml2 2.9 has no per-context error handler, so the structured handler is set around each call
 * and restored after it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "config.h"
#include "planrep/xml.h"

struct errctx {
	struct diag_list	*diags;
	const char		*path;	/* borrowed: the name shown in diagnostics */
	size_t			 count;	/* errors recorded, to cap a flood */
};

#define MAX_ERRORS_PER_FILE 50

/* Appends " (name="value" …)" for the element's attributes, as far as it fits. */
static void
append_attrs(char *msg, size_t size, const xmlNode *node)
{
	const xmlAttr	*a;
	xmlChar		*v;
	size_t		 n = strlen(msg);
	const char	*sep = " (";

	if (node->type != XML_ELEMENT_NODE)
		return;
	for (a = node->properties; a != NULL && n + 8 < size; a = a->next) {
		v = xmlNodeListGetString(node->doc, a->children, 1);
		n += (size_t)snprintf(msg + n, size - n, "%s%s=\"%.40s\"", sep, (const char *)a->name,
		    v ? (const char *)v : "");
		xmlFree(v);
		sep = " ";
		if (n >= size)
			n = size - 1;
	}
	if (*sep == ' ' && sep[1] == '\0' && n + 2 < size)
		snprintf(msg + n, size - n, ")");
}

static void
on_error(void *arg, xmlErrorPtr e)
{
	struct errctx	*ec = arg;
	char		 msg[512];
	size_t		 n;

	if (e == NULL || e->level == XML_ERR_NONE)
		return;
	if (ec->count++ == MAX_ERRORS_PER_FILE) {
		diag_add(ec->diags, DIAG_ERROR, ec->path, e->line, 0, "too many errors, giving up on this file");
		return;
	}
	if (ec->count > MAX_ERRORS_PER_FILE)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "XML error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	/* libxml2's RELAX NG says only "failed to validate attributes": show the attributes it saw. */
	if (e->domain == XML_FROM_RELAXNGV && e->node != NULL && strstr(msg, "attributes") != NULL)
		append_attrs(msg, sizeof(msg), e->node);
	diag_add(ec->diags, e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR, ec->path, e->line,
	    e->domain == XML_FROM_RELAXNGV ? 0 : e->int2, "%s", msg);
}

/* SAX internalSubset callback: a DOCTYPE is refused before anything in it is parsed. */
static void
refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct errctx		*ec = ctxt->_private;

	(void)name;
	(void)ext;
	(void)sys;
	diag_add(ec->diags, DIAG_ERROR, ec->path, ctxt->input ? ctxt->input->line : 0, 0,
	    "DOCTYPE declarations are not allowed (planrep reads no DTDs and expands no entities)");
	ec->count = MAX_ERRORS_PER_FILE + 1;	/* what follows is noise */
	xmlStopParser(ctxt);
}

static xmlDocPtr parse(const char *, size_t, const char *, xmlDictPtr, struct diag_list *);

/*
 * Returns the first element nested deeper than XML_MAX_DEPTH, or NULL. Walks without recursion, so a
 * hostile depth cannot exhaust the stack here either.
 */
static xmlNodePtr
too_deep(xmlNodePtr root)
{
	xmlNodePtr	 n = root;
	size_t		 depth = 1;

	while (n != NULL) {
		if (depth > XML_MAX_DEPTH)
			return n;
		if (n->children != NULL && n->children->type == XML_ELEMENT_NODE) {
			n = n->children;
			depth++;
			continue;
		}
		if (n->children != NULL) {
			xmlNodePtr c = n->children;

			while (c != NULL && c->type != XML_ELEMENT_NODE)
				c = c->next;
			if (c != NULL) {
				n = c;
				depth++;
				continue;
			}
		}
		while (n != NULL && n != root) {
			xmlNodePtr c = n->next;

			while (c != NULL && c->type != XML_ELEMENT_NODE)
				c = c->next;
			if (c != NULL) {
				n = c;
				break;
			}
			n = n->parent;
			depth--;
		}
		if (n == root)
			break;
	}
	return NULL;
}

xmlDocPtr
xml_doc_parse(const char *data, size_t size, const char *name, struct diag_list *diags)
{
	return parse(data, size, name, NULL, diags);
}

/*
 * Parses with dict as the document's dictionary when it is not NULL: libxslt moves strings between a
 * stylesheet, what it includes and imports, the documents document() reads and the result tree, and
 * frees them as its own only when they come from the one dictionary they all share.
 */
/*
 * The line of the first start tag with more than XML_MAX_ATTRS attributes, or 0. A lexical scan of
 * the bytes: '=' outside quotes inside a start tag; comments, CDATA sections, processing
 * instructions and declarations are skipped whole (their text may hold '=', quotes or '>').
 */
static long
too_many_attributes(const char *s, size_t n)
{
	static const struct {
		const char	*open, *close;
	} skip[] = { { "<!--", "-->" }, { "<![CDATA[", "]]>" }, { "<?", "?>" }, { "<!", ">" } };
	const char	*p = s, *end = s + n, *e;
	long		 line = 1, tagline;
	size_t		 k, count;
	char		 quote;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		for (e = s; e < p; e++)		/* lines up to here */
			line += *e == '\n';
		s = p;
		for (k = 0; k < sizeof(skip) / sizeof(skip[0]); k++)
			if ((size_t)(end - p) >= strlen(skip[k].open) &&
			    memcmp(p, skip[k].open, strlen(skip[k].open)) == 0)
				break;
		if (k < sizeof(skip) / sizeof(skip[0])) {
			for (e = p + strlen(skip[k].open); e < end &&
			    ((size_t)(end - e) < strlen(skip[k].close) ||
			    memcmp(e, skip[k].close, strlen(skip[k].close)) != 0); e++)
				continue;
			p = e;
			continue;
		}
		tagline = line;
		for (count = 0, quote = 0, e = p + 1; e < end && (quote != 0 || *e != '>'); e++) {
			if (quote != 0) {
				if (*e == quote)
					quote = 0;
			} else if (*e == '"' || *e == '\'')
				quote = *e;
			else if (*e == '=' && ++count > XML_MAX_ATTRS)
				return tagline;
		}
		p = e;
	}
	return 0;
}

static xmlDocPtr
parse(const char *data, size_t size, const char *name, xmlDictPtr dict, struct diag_list *diags)
{
	long			 many;
	xmlParserCtxtPtr	 ctxt;
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 root, deep;
	struct errctx		 ec = { diags, name, 0 };
	size_t			 before = diags->count;

	if (size > XML_MAX_FILE_SIZE) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, "file is %zu bytes, more than the limit of %u",
		    size, XML_MAX_FILE_SIZE);
		return NULL;
	}
	if (size == 0) {
		diag_add(diags, DIAG_ERROR, name, 1, 0, "file is empty");
		return NULL;
	}
	/* A UTF-16 file (byte order mark, or '<' as a 16-bit unit): say so rather than "'<' not found". */
	if (size >= 2 && (((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF) ||
	    ((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
	    (data[0] == '\0' && data[1] == '<') || (data[0] == '<' && data[1] == '\0'))) {
		diag_add(diags, DIAG_ERROR, name, 1, 0, "file is UTF-16: planrep reads UTF-8 only "
		    "(convert it, e.g. iconv -f UTF-16 -t UTF-8)");
		return NULL;
	}
	if ((many = too_many_attributes(data, size)) > 0) {
		diag_add(diags, DIAG_ERROR, name, many, 0, "an element with more than %d attributes",
		    XML_MAX_ATTRS);
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		diag_add(diags, DIAG_FATAL, name, 0, 0, "out of memory");
		return NULL;
	}
	ctxt->_private = &ec;
	ctxt->sax->internalSubset = refuse_doctype;
	if (dict != NULL) {
		if (ctxt->dict != NULL)
			xmlDictFree(ctxt->dict);
		ctxt->dict = dict;
		xmlDictReference(dict);
	}
	xmlSetStructuredErrorFunc(&ec, on_error);
	doc = xmlCtxtReadMemory(ctxt, data, (int)size, name, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc != NULL && (!ctxt->wellFormed || (diags->count > before && diag_failed(diags)))) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	if (doc == NULL) {
		if (diags->count == before)
			diag_add(diags, DIAG_ERROR, name, 0, 0, "not a well-formed XML document");
		return NULL;
	}
	if ((root = xmlDocGetRootElement(doc)) == NULL) {
		diag_add(diags, DIAG_ERROR, name, 1, 0, "no root element");
		xmlFreeDoc(doc);
		return NULL;
	}
	if ((deep = too_deep(root)) != NULL) {
		diag_add(diags, DIAG_ERROR, name, xmlGetLineNo(deep), 0,
		    "elements nested more than %d deep", XML_MAX_DEPTH);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

xmlDocPtr
xml_doc_load(const char *path, struct diag_list *diags)
{
	return xml_doc_load_dict(path, NULL, diags);
}

xmlDocPtr
xml_doc_load_dict(const char *path, xmlDictPtr dict, struct diag_list *diags)
{
	FILE		*f;
	struct stat	 st;
	char		*data;
	xmlDocPtr	 doc;
	size_t		 got;

	if ((f = fopen(path, "rb")) == NULL) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) == -1 || !S_ISREG(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "not a regular file");
		fclose(f);
		return NULL;
	}
	if ((unsigned long long)st.st_size > XML_MAX_FILE_SIZE) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "file is %lld bytes, more than the limit of %u",
		    (long long)st.st_size, XML_MAX_FILE_SIZE);
		fclose(f);
		return NULL;
	}
	if ((data = malloc((size_t)st.st_size + 1)) == NULL) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		fclose(f);
		return NULL;
	}
	got = fread(data, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "read error: %s", strerror(errno));
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	doc = parse(data, got, path, dict, diags);
	free(data);
	return doc;
}

const char *
xml_data_dir(void)
{
	const char	*d = getenv("PLANREP_DATADIR");

	return d != NULL && *d != '\0' ? d : PLANREP_DATADIR;
}

static const struct {
	const char	*ns;
	const char	*schema;
} namespaces[] = {
	{ "urn:planrep:plan", "plan" },
	{ "urn:planrep:catalog", "catalog" },
	{ "urn:planrep:observations", "observations" },
	{ "urn:planrep:doc", "document" },
	{ "urn:planrep:build", "build" },
};

const char *
xml_doc_schema_name(xmlDocPtr doc)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);
	size_t		 i;

	if (root == NULL || root->ns == NULL || root->ns->href == NULL)
		return NULL;
	for (i = 0; i < sizeof(namespaces) / sizeof(namespaces[0]); i++)
		if (strcmp((const char *)root->ns->href, namespaces[i].ns) == 0)
			return namespaces[i].schema;
	return NULL;
}

/* Compiled schemas, by name, for the life of the process: a batch validates many files with one. */
#define MAX_SCHEMAS 16
static struct {
	char		*name;
	xmlRelaxNGPtr	 rng;
} schemas[MAX_SCHEMAS];

static xmlRelaxNGPtr
schema_get(const char *name, struct diag_list *diags)
{
	xmlRelaxNGParserCtxtPtr	 pctxt;
	xmlRelaxNGPtr		 rng;
	char			 path[4096];
	struct errctx		 ec = { diags, NULL, 0 };
	size_t			 i;

	for (i = 0; i < MAX_SCHEMAS && schemas[i].name != NULL; i++)
		if (strcmp(schemas[i].name, name) == 0)
			return schemas[i].rng;
	if (i == MAX_SCHEMAS)
		return NULL;
	snprintf(path, sizeof(path), "%s/schema/%s.rng", xml_data_dir(), name);
	ec.path = path;
	if ((pctxt = xmlRelaxNGNewParserCtxt(path)) == NULL) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "cannot read schema");
		return NULL;
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, on_error, &ec);
	xmlSetStructuredErrorFunc(&ec, on_error);
	rng = xmlRelaxNGParse(pctxt);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlRelaxNGFreeParserCtxt(pctxt);
	if (rng == NULL) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "cannot compile schema (is PLANREP_DATADIR right?)");
		return NULL;
	}
	if ((schemas[i].name = strdup(name)) == NULL) {
		xmlRelaxNGFree(rng);
		return NULL;
	}
	schemas[i].rng = rng;
	return rng;
}

bool
xml_doc_validate(xmlDocPtr doc, const char *schema, const char *path, struct diag_list *diags)
{
	xmlRelaxNGPtr		 rng;
	xmlRelaxNGValidCtxtPtr	 vctxt;
	struct errctx		 ec = { diags, path, 0 };
	int			 rc;

	if ((rng = schema_get(schema, diags)) == NULL)
		return false;
	if ((vctxt = xmlRelaxNGNewValidCtxt(rng)) == NULL) {
		diag_add(diags, DIAG_FATAL, path, 0, 0, "out of memory");
		return false;
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_error, &ec);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	xmlRelaxNGFreeValidCtxt(vctxt);
	if (rc != 0 && ec.count == 0)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "does not match schema/%s.rng", schema);
	return rc == 0;
}

void
xml_cleanup(void)
{
	size_t	 i;

	for (i = 0; i < MAX_SCHEMAS && schemas[i].name != NULL; i++) {
		free(schemas[i].name);
		xmlRelaxNGFree(schemas[i].rng);
		schemas[i].name = NULL;
		schemas[i].rng = NULL;
	}
	xmlCleanupParser();
}

bool
xml_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

char *
xml_text(const xmlNode *n)
{
	xmlChar	*s = xmlNodeGetContent(n);
	char	*r;

	r = strdup(s != NULL ? (const char *)s : "");
	xmlFree(s);
	return r;
}

char *
xml_attr(const xmlNode *n, const char *name)
{
	xmlChar	*s = xmlGetProp(n, (const xmlChar *)name);
	char	*r;

	if (s == NULL)
		return NULL;
	r = strdup((const char *)s);
	xmlFree(s);
	return r;
}
