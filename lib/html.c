/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * html.c — text for the web: a growing byte buffer, escaping for HTML, XML,
 * JSON and CSV, and Markdown rendered with cmark in safe mode, raw HTML shown
 * as text (never passed through).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "go.h"
#include "go-site.h"

/* HTML text and attribute values alike; valid in XML too. */
void go_buf_html(go_buf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (; *s; s++) {
		const char *rep = NULL;
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			/* control characters are not allowed in XML 1.0 */
			if (c < 0x20 && c != '\n' && c != '\t')
				rep = " ";
		}
		if (rep) {
			go_buf_put(b, run, (size_t)(s - run));
			go_buf_puts(b, rep);
			run = s + 1;
		}
	}
	go_buf_put(b, run, (size_t)(s - run));
}

void go_buf_json(go_buf *b, const char *s)
{
	go_buf_puts(b, "\"");
	if (s) {
		const char *run = s;
		for (; *s; s++) {
			unsigned char c = (unsigned char)*s;
			char esc[8];
			if (c == '"' || c == '\\' || c < 0x20 || c == '<' || c == '>' || c == '&') {
				go_buf_put(b, run, (size_t)(s - run));
				if (c == '"' || c == '\\')
					snprintf(esc, sizeof esc, "\\%c", c);
				else
					snprintf(esc, sizeof esc, "\\u%04x", c);
				go_buf_puts(b, esc);
				run = s + 1;
			}
		}
		go_buf_put(b, run, (size_t)(s - run));
	}
	go_buf_puts(b, "\"");
}

void go_buf_csv(go_buf *b, const char *s)
{
	go_buf_puts(b, "\"");
	if (s) {
		/* a cell a spreadsheet would read as a formula is written as text */
		if (strchr("=+-@", *s) && *s)
			go_buf_puts(b, "'");
		for (; *s; s++) {
			if (*s == '"')
				go_buf_puts(b, "\"\"");
			else if (*s == '\r' || *s == '\n')
				go_buf_puts(b, " ");
			else
				go_buf_put(b, s, 1);
		}
	}
	go_buf_puts(b, "\"");
}

/* Percent-encode everything but the unreserved characters (RFC 3986) and '/'. */
void go_buf_url(go_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    strchr("-._~/", c)) {
			go_buf_put(b, s, 1);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			go_buf_put(b, e, 3);
		}
	}
}

/* A link target a citizen may follow: relative, or http(s), mailto, tel. */
static int safe_url(const char *url)
{
	size_t n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return 1; /* no scheme: relative */
	return (n == 4 && strncasecmp(url, "http", 4) == 0) ||
	       (n == 5 && strncasecmp(url, "https", 5) == 0) ||
	       (n == 6 && strncasecmp(url, "mailto", 6) == 0) ||
	       (n == 3 && strncasecmp(url, "tel", 3) == 0);
}

/*
 * Raw HTML becomes text: cmark's safe mode would drop it silently; a citizen
 * should see what the office wrote. Headings move down by shift levels, so that
 * a body's "#" does not compete with the page's own h1. A link or image with
 * another scheme (javascript:, data:, ...) is replaced by its text.
 */
static void markdown_tame(cmark_node *doc, int shift)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **raw = NULL;
	size_t n = 0, cap = 0;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(node);
		if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE ||
		    ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) &&
		     !safe_url(cmark_node_get_url(node) ? cmark_node_get_url(node) : ""))) {
			if (n == cap)
				raw = go_xrealloc(raw, (cap = cap ? 2 * cap : 16) * sizeof *raw);
			raw[n++] = node;
		} else if (t == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(node) + shift;
			cmark_node_set_heading_level(node, level > 6 ? 6 : level);
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++) {
		cmark_node_type t = cmark_node_get_type(raw[i]);
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			cmark_node *c;
			while ((c = cmark_node_first_child(raw[i])))
				cmark_node_insert_before(raw[i], c);
			cmark_node_free(raw[i]);
			continue;
		}
		const char *lit = cmark_node_get_literal(raw[i]);
		cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(text, lit ? lit : "");
		if (cmark_node_get_type(raw[i]) == CMARK_NODE_HTML_BLOCK) {
			cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
			cmark_node_append_child(para, text);
			text = para;
		}
		cmark_node_replace(raw[i], text);
		cmark_node_free(raw[i]);
	}
	free(raw);
}

void go_buf_markdown(go_buf *b, const char *text, size_t len, int shift)
{
	/* CMARK_OPT_SAFE is the default since cmark 0.29: javascript:, vbscript:,
	 * file: and most data: links lose their target. */
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT | CMARK_OPT_SAFE);
	if (!doc)
		return; /* cmark is out of memory */
	markdown_tame(doc, shift);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_HARDBREAKS);
	go_buf_puts(b, html);
	free(html);
	cmark_node_free(doc);
}
