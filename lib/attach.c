/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * attach.c — the text of an attachment, for rule 9: text files as they are,
 * OOXML and ODF documents as the text nodes of their document parts (the zip
 * read with libarchive, only the parts that hold the document's text, each
 * bounded in size). Only libarchive: go-check-reason links it for this alone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <archive.h>
#include <archive_entry.h>

#include "go.h"
#include "go-archive.h"

#define MAX_TEXT ((size_t)64 << 20) /* bytes of text or XML read from one attachment */

static const char *ext_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && !strchr(dot, '/') ? dot + 1 : "";
}

static int one_of(const char *ext, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(ext, *list) == 0)
			return 1;
	return 0;
}

/* One character U+cp as UTF-8. */
static void add_cp(go_buf *b, unsigned long cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) u[0] = (char)cp, n = 1;
	else if (cp < 0x800) u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 63)), n = 2;
	else if (cp < 0x10000) u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | (cp >> 6 & 63)),
		u[2] = (char)(0x80 | (cp & 63)), n = 3;
	else if (cp < 0x110000) u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | (cp >> 12 & 63)),
		u[2] = (char)(0x80 | (cp >> 6 & 63)), u[3] = (char)(0x80 | (cp & 63)), n = 4;
	else return;
	go_buf_put(b, u, n);
}

/* Elements that end a paragraph, cell or shared string (a line break in the
 * text), and those that stand for a space. Local names, any prefix. */
static int breaks(const char *name, size_t n)
{
	static const char *const list[] = {"p", "tc", "c", "si", "h", "table-cell", "br", "tr",
					   "row", "table-row", "list-item", NULL};
	for (const char *const *l = list; *l; l++)
		if (strlen(*l) == n && memcmp(*l, name, n) == 0)
			return 1;
	return 0;
}

static int spaces(const char *name, size_t n)
{
	return (n == 1 && (name[0] == 's')) || (n == 3 && memcmp(name, "tab", 3) == 0);
}

/* The text nodes of an XML part, entities decoded, appended to out. */
static void xml_text(const char *x, size_t n, go_buf *out)
{
	size_t i = 0;
	while (i < n) {
		if (x[i] == '<') {
			size_t end = i + 1;
			while (end < n && x[end] != '>')
				end++;
			int closing = i + 1 < n && x[i + 1] == '/';
			int empty = end > i && x[end - 1] == '/';
			size_t s = i + 1 + (size_t)closing, e = s;
			while (e < end && !strchr(" \t\r\n/>", x[e]))
				e++;
			const char *colon = memchr(x + s, ':', e - s);
			if (colon)
				s = (size_t)(colon - x) + 1;
			if ((closing || empty) && breaks(x + s, e - s))
				go_buf_put(out, "\n", 1);
			else if (spaces(x + s, e - s))
				go_buf_put(out, " ", 1);
			i = end + 1;
		} else if (x[i] == '&') {
			const char *semi = memchr(x + i, ';', n - i < 12 ? n - i : 12);
			size_t len = semi ? (size_t)(semi - (x + i)) : 0;
			const char *ent = x + i + 1;
			if (len == 3 && !memcmp(ent, "amp", 3)) go_buf_put(out, "&", 1);
			else if (len == 2 && !memcmp(ent, "lt", 2)) go_buf_put(out, "<", 1);
			else if (len == 2 && !memcmp(ent, "gt", 2)) go_buf_put(out, ">", 1);
			else if (len == 4 && !memcmp(ent, "quot", 4)) go_buf_put(out, "\"", 1);
			else if (len == 4 && !memcmp(ent, "apos", 4)) go_buf_put(out, "'", 1);
			else if (len >= 2 && ent[0] == '#')
				add_cp(out, strtoul(ent[1] == 'x' ? ent + 2 : ent + 1, NULL,
						    ent[1] == 'x' ? 16 : 10));
			else {
				go_buf_put(out, "&", 1);
				i++;
				continue;
			}
			i += len + 1;
		} else {
			size_t run = i;
			while (run < n && x[run] != '<' && x[run] != '&')
				run++;
			go_buf_put(out, x + i, run - i);
			i = run;
		}
	}
}

/* Is this zip entry a part that holds the document's text? */
static int text_part(const char *path, int odf)
{
	size_t n = strlen(path);
	if (odf)
		return !strcmp(path, "content.xml") || !strcmp(path, "styles.xml");
	if (n < 4 || strcmp(path + n - 4, ".xml") || strstr(path, "_rels/") ||
	    strstr(path, "/theme/") || strstr(path, "/media/"))
		return 0;
	return !strncmp(path, "word/", 5) || !strncmp(path, "xl/", 3) || !strncmp(path, "ppt/", 4);
}

static int office_text(const char *path, int odf, go_buf *out, char **why)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	go_buf part = {0};
	int r, rc = 0, parts = 0;
	archive_read_support_format_zip(a);
	if (archive_read_open_filename(a, path, 1 << 16) != ARCHIVE_OK) {
		*why = go_xstrdup(archive_error_string(a) ? archive_error_string(a) : "not a zip file");
		archive_read_free(a);
		return -1;
	}
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		const char *name = archive_entry_pathname(e);
		if (!name || !text_part(name, odf) || archive_entry_filetype(e) != AE_IFREG)
			continue;
		part.n = 0;
		char chunk[1 << 16];
		la_ssize_t got;
		while ((got = archive_read_data(a, chunk, sizeof chunk)) > 0) {
			if (part.n + (size_t)got > MAX_TEXT) {
				*why = go_xasprintf("%s: over %zu MB", name, MAX_TEXT >> 20);
				rc = -1;
				goto out;
			}
			go_buf_put(&part, chunk, (size_t)got);
		}
		if (got < 0) {
			*why = go_xasprintf("%s: %s", name, archive_error_string(a) ?
					    archive_error_string(a) : "cannot be read");
			rc = -1;
			goto out;
		}
		xml_text(part.p ? part.p : "", part.n, out);
		go_buf_put(out, "\n", 1);
		parts++;
	}
	if (r != ARCHIVE_EOF) {
		*why = go_xstrdup(archive_error_string(a) ? archive_error_string(a) : "cannot be read");
		rc = -1;
	} else if (!parts) {
		*why = go_xstrdup("no document part in it");
		rc = -1;
	}
out:
	free(part.p);
	archive_read_free(a);
	return rc;
}

static int plain_text(const char *path, go_buf *out, char **why)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*why = go_xstrdup(strerror(errno));
		return -1;
	}
	char chunk[1 << 16];
	size_t got;
	int rc = 0;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (out->n + got > MAX_TEXT) {
			*why = go_xasprintf("over %zu MB", MAX_TEXT >> 20);
			rc = -1;
			break;
		}
		go_buf_put(out, chunk, got);
	}
	if (!rc && ferror(f)) {
		*why = go_xstrdup(strerror(errno));
		rc = -1;
	}
	fclose(f);
	return rc;
}

int go_attach_text(const char *path, const char *name, char **text, size_t *len, char **why)
{
	static const char *const plain[] = {"txt", "md", "csv", "html", "htm", NULL};
	static const char *const ooxml[] = {"docx", "xlsx", "pptx", NULL};
	static const char *const odf[] = {"odt", "ods", "odp", NULL};
	const char *ext = ext_of(name);
	go_buf b = {0};
	int rc;
	*text = NULL;
	*len = 0;
	*why = NULL;
	if (one_of(ext, plain))
		rc = plain_text(path, &b, why);
	else if (one_of(ext, ooxml))
		rc = office_text(path, 0, &b, why);
	else if (one_of(ext, odf))
		rc = office_text(path, 1, &b, why);
	else
		return 1;
	if (rc < 0) {
		free(b.p);
		return -1;
	}
	go_buf_put(&b, "", 0);
	*text = b.p;
	*len = b.n;
	return 0;
}
