/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go-site.h — the public view as a static website (cmark), see go.h.
 */
#ifndef GO_SITE_H
#define GO_SITE_H

#include "go.h"

typedef struct go_store go_store;

/* ---- html.c and site.c: go-site, the public view as a static website ---- */

/* s (NULL: nothing) escaped for HTML text and attributes, and for XML. */
void go_buf_html(go_buf *b, const char *s);
/* s as a JSON string, with <, > and & escaped too (safe inside a page). */
void go_buf_json(go_buf *b, const char *s);
/* s as one quoted CSV cell; a cell starting with = + - @ gets a leading '. */
void go_buf_csv(go_buf *b, const char *s);
/* s percent-encoded for a URL path (unreserved characters and / kept). */
void go_buf_url(go_buf *b, const char *s);
/* Markdown text[0..len) as HTML (cmark, safe mode: raw HTML shown as text,
 * a line break kept as a line break (as plain Chinese text means it),
 * javascript: and the like dropped); headings moved down shift levels. */
void go_buf_markdown(go_buf *b, const char *text, size_t len, int shift);

typedef struct go_site_opts {
	const char *rev;      /* the public view: "refs/heads/public" when NULL */
	const char *out;      /* the site: a symbolic link go-site switches */
	const char *base_url; /* absolute, ends in '/'; NULL: the config's, or none */
	json_t *config;       /* borrowed: site name, footer fields (see go-site(1)) */
	int full;             /* render everything, whatever was rendered before */
	int no_search;        /* build no search index */
	int quiet;            /* no summary line on stderr */
	const char *pages;    /* the office's pages: guide.md, rules.md, reports/NAME.html; NULL: none */
} go_site_opts;
/* Render the site (see go-site(1)). 0, or -1 after a message. */
int go_site_render(go_store *s, const go_site_opts *o);

#endif
