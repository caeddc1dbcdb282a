/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * record.c — JSON Lines in and out, with SPEC §1's "nothing is lost":
 * every input line becomes exactly one record, and a line that is not a JSON
 * object becomes an invalid-line record that keeps every byte of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "go.h"

#define CHUNK ((size_t)1 << 16)

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of n bytes (n a multiple of 3 unless it is the last piece). */
static size_t base64(const unsigned char *s, size_t n, char *out)
{
	char *o = out;
	for (; n >= 3; s += 3, n -= 3) {
		*o++ = b64[s[0] >> 2];
		*o++ = b64[(s[0] & 3) << 4 | s[1] >> 4];
		*o++ = b64[(s[1] & 15) << 2 | s[2] >> 6];
		*o++ = b64[s[2] & 63];
	}
	if (n) {
		*o++ = b64[s[0] >> 2];
		*o++ = b64[(s[0] & 3) << 4 | (n > 1 ? s[1] >> 4 : 0)];
		*o++ = n > 1 ? b64[(s[1] & 15) << 2] : '=';
		*o++ = '=';
	}
	return (size_t)(o - out);
}

void go_reader_init(go_reader *r, int nfiles, char *const *files, size_t max_line)
{
	memset(r, 0, sizeof *r);
	r->files = files;
	r->nfiles = nfiles;
	r->fd = -1;
	if (!max_line) {
		const char *env = getenv("GO_MAX_LINE");
		char *end;
		max_line = GO_MAX_LINE_DEFAULT;
		if (env && *env) {
			unsigned long long v = strtoull(env, &end, 10);
			if (*end || v < 2) {
				/* the tool reads nothing and exits as for an I/O error */
				go_warnx("GO_MAX_LINE: '%s' is not a number of bytes", env);
				r->io_error = r->failed = 1;
			} else {
				max_line = (size_t)v;
			}
		}
	}
	r->max_line = max_line;
	r->cap = CHUNK < max_line ? CHUNK : max_line + 1;
	r->buf = go_xmalloc(r->cap);
}

void go_reader_free(go_reader *r)
{
	if (r->fd > 0)
		close(r->fd);
	if (r->spool)
		fclose(r->spool);
	free(r->buf);
	r->buf = NULL;
}

/* Open the next input; 0 when there is none left. */
static int open_next(go_reader *r)
{
	for (;;) {
		if (r->nfiles == 0 && r->next == 0) {
			r->next = 1;
			r->fd = STDIN_FILENO;
			r->name = "<stdin>";
		} else if (r->next >= r->nfiles) {
			return 0;
		} else {
			const char *f = r->files[r->next++];
			if (strcmp(f, "-") == 0) {
				r->fd = STDIN_FILENO;
				r->name = "<stdin>";
			} else if ((r->fd = open(f, O_RDONLY | O_CLOEXEC)) < 0) {
				go_warn("%s", f);
				r->io_error = 1;
				continue;
			} else {
				r->name = f;
			}
		}
		r->lineno = 0;
		r->start = r->end = 0;
		r->eof = 0;
		return 1;
	}
}

static void close_current(go_reader *r)
{
	if (r->fd > 0)
		close(r->fd);
	r->fd = -1;
}

/* Read more bytes after end; 0 at end of file, -1 on error. */
static ssize_t fill(go_reader *r)
{
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		size_t cap = r->cap * 2;
		if (cap > r->max_line + 1)
			cap = r->max_line + 1;
		r->buf = go_xrealloc(r->buf, cap);
		r->cap = cap;
	}
	ssize_t n;
	do
		n = read(r->fd, r->buf + r->end, r->cap - r->end);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		go_warn("%s", r->name);
		r->io_error = 1;
		return -1;
	}
	r->end += (size_t)n;
	return n;
}

/* The invalid-line record: {"invalid_line"|"invalid_line_base64": …, "at", "problems"}. */
static json_t *invalid_record(go_reader *r, json_t *line, int is_base64,
			      const char *what)
{
	json_t *rec = json_object();
	json_object_set_new(rec, is_base64 ? "invalid_line_base64" : "invalid_line", line);
	json_object_set_new(rec, "at", json_string(r->at));
	go_problem(rec, go_prog(), GO_ERROR, "invalid-json", NULL, "%s", what);
	go_warnx("%s: %s", r->at, what);
	r->invalid++;
	return rec;
}

static json_t *base64_string(const char *s, size_t n)
{
	char *enc = go_xmalloc((n + 2) / 3 * 4 + 1);
	size_t len = base64((const unsigned char *)s, n, enc);
	json_t *str = json_stringn(enc, len);
	free(enc);
	return str;
}

static json_t *parse_line(go_reader *r, const char *line, size_t len)
{
	go_json_error err;
	json_t *rec;

	if (memchr(line, '\0', len))
		return invalid_record(r, base64_string(line, len), 1,
				      "a NUL byte in the line");
	rec = go_json_parse_compact(line, len, &err, &r->compact);
	if (rec && json_is_object(rec))
		return rec;
	r->compact = 0;
	if (rec) {
		json_decref(rec);
		return invalid_record(r, json_stringn(line, len), 0,
				      "not a JSON object");
	}
	if (!go_utf8_valid(line, len))
		return invalid_record(r, base64_string(line, len), 1,
				      "not valid UTF-8");
	char what[128];
	if (err.near[0]) {
		/* a quoted fragment of the line: never a personal number whole */
		char *near = go_pii_masked(err.near, strlen(err.near), 1, NULL);
		snprintf(what, sizeof what, "invalid JSON: %s near '%s' (column %zu)",
			 err.text, near, err.column);
		free(near);
	} else
		snprintf(what, sizeof what, "invalid JSON: %s (column %zu)", err.text, err.column);
	return invalid_record(r, json_stringn(line, len), 0, what);
}

/* What an earlier filter wrote for an over-long line starts so (go_write). */
static const char wrapped_key[] = "{\"invalid_line_base64\":\"";
#define WRAPPED_KEY (sizeof wrapped_key - 1)
#define MAX_TAIL ((size_t)1 << 20) /* "at" and the problems after the base64 */

/* Is c a byte of base64 text? */
static int is_b64(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '/' || c == '=';
}

/* Following the bytes of a line, is it an over-long line an earlier filter
 * already wrapped? state: 0.. the key matched so far, then the base64, then the
 * rest of the object (kept in tail); -1 when it is not. */
struct wrapped {
	long state;
	unsigned long long b64;
	char *tail;
	size_t ntail;
};
enum { W_NOT = -1, W_B64 = (long)WRAPPED_KEY, W_TAIL = (long)WRAPPED_KEY + 1 };

static void wrapped_feed(struct wrapped *w, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n && w->state != W_NOT; i++) {
		if (w->state < W_B64) {
			w->state = p[i] == (unsigned char)wrapped_key[w->state] ? w->state + 1 : W_NOT;
		} else if (w->state == W_B64) {
			if (p[i] == '"')
				w->state = W_TAIL;
			else if (is_b64(p[i]))
				w->b64++;
			else
				w->state = W_NOT;
		} else {
			size_t take = n - i;
			if (w->ntail + take > MAX_TAIL) {
				w->state = W_NOT;
				break;
			}
			w->tail = go_xrealloc(w->tail, w->ntail + take + 1);
			memcpy(w->tail + w->ntail, p + i, take);
			w->ntail += take;
			break;
		}
	}
}

/* The wrapped line's record with an empty placeholder for its base64, or NULL
 * when the rest is not the object a filter writes. */
static json_t *wrapped_record(struct wrapped *w)
{
	if (w->state != W_TAIL)
		return NULL;
	size_t n = WRAPPED_KEY + 1 + w->ntail;
	char *s = go_xmalloc(n);
	memcpy(s, wrapped_key, WRAPPED_KEY);
	s[WRAPPED_KEY] = '"';
	memcpy(s + WRAPPED_KEY + 1, w->tail, w->ntail);
	go_json_error err;
	json_t *rec = go_json_parse(s, n, &err);
	free(s);
	if (rec && (!json_is_object(rec) || !json_is_string(json_object_get(rec, "at")))) {
		json_decref(rec);
		rec = NULL;
	}
	return rec;
}

/* Copy len bytes of in from offset off to out, as base64 when encode: 0, or
 * -1 when the spool cannot be read back. */
static int copy_spool(FILE *in, off_t off, unsigned long long len, FILE *out, int encode)
{
	char buf[CHUNK / 3 * 3], enc[CHUNK / 3 * 4 + 8];
	if (fseeko(in, off, SEEK_SET) != 0)
		return -1;
	while (len) {
		size_t want = len < sizeof buf ? (size_t)len : sizeof buf;
		size_t n = fread(buf, 1, want, in);
		if (n == 0)
			return -1;
		if (encode)
			fwrite(enc, 1, base64((const unsigned char *)buf, n, enc), out);
		else
			fwrite(buf, 1, n, out);
		len -= n;
	}
	return 0;
}

/* The spool of an over-long line cannot be made or written: said once, and
 * the reader gives no more records (io_error tells the tool, which exits). */
static json_t *spool_failed(go_reader *r, FILE *raw)
{
	go_warn("temporary file for an over-long line");
	if (raw)
		fclose(raw);
	r->io_error = 1;
	r->failed = 1;
	return NULL;
}

/*
 * The line does not fit in max_line: stream all of it to the spool. A line an
 * earlier filter already wrapped (SPEC §1) is passed on as it is, its "at" and
 * problems kept: the spool then holds its base64 from spool_off on. Any other
 * line is kept as base64 of all its bytes.
 */
static json_t *spool_overlong(go_reader *r)
{
	unsigned long long total = 0;
	struct wrapped w = {0};
	FILE *raw = go_temp_file();

	if (r->spool)
		fclose(r->spool);
	r->spool = NULL;
	if (!raw)
		return spool_failed(r, NULL);
	for (;;) {
		char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
		size_t stop = nl ? (size_t)(nl - r->buf) : r->end;
		const unsigned char *p = (const unsigned char *)r->buf + r->start;
		size_t n = stop - r->start;
		total += n;
		wrapped_feed(&w, p, n);
		fwrite(p, 1, n, raw);
		r->start = stop;
		if (nl) {
			r->start++;
			break;
		}
		r->start = r->end = 0;
		if (fill(r) <= 0)
			break;
	}
	if (fflush(raw) != 0 || ferror(raw))
		return spool_failed(r, raw);
	json_t *rec = wrapped_record(&w);
	free(w.tail);
	if (rec) {
		r->spool = raw;
		r->spool_off = (off_t)WRAPPED_KEY;
		r->spool_len = w.b64;
		r->overlong = json_object_get(rec, "invalid_line_base64");
		return rec;
	}
	if (!(r->spool = go_temp_file()) || copy_spool(raw, 0, total, r->spool, 1) < 0 ||
	    fflush(r->spool) != 0 || ferror(r->spool))
		return spool_failed(r, raw);
	fclose(raw);
	r->spool_off = 0;
	r->spool_len = (total + 2) / 3 * 4;
	r->overlong = json_string("");
	char what[128];
	snprintf(what, sizeof what, "line of %llu bytes, over the limit of %zu",
		 total, r->max_line);
	return invalid_record(r, r->overlong, 1, what);
}

json_t *go_reader_next(go_reader *r)
{
	r->overlong = NULL;
	r->line = NULL;
	r->line_len = 0;
	r->compact = 0;
	if (r->failed)
		return NULL;
	for (;;) {
		if (r->fd < 0 && !open_next(r))
			return NULL;
		char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
		if (nl || (r->eof && r->end > r->start)) {
			size_t stop = nl ? (size_t)(nl - r->buf) : r->end;
			char *line = r->buf + r->start;
			r->start = nl ? stop + 1 : stop;
			r->lineno++;
			snprintf(r->at, sizeof r->at, "%s:%lu", r->name, r->lineno);
			r->line = line;
			r->line_len = (size_t)(r->buf + stop - line);
			return parse_line(r, line, r->line_len);
		}
		if (r->eof) {
			close_current(r);
			continue;
		}
		if (r->end - r->start > r->max_line) {
			r->lineno++;
			snprintf(r->at, sizeof r->at, "%s:%lu", r->name, r->lineno);
			return spool_overlong(r);
		}
		ssize_t n = fill(r);
		if (n < 0) {
			close_current(r);
			continue;
		}
		if (n == 0)
			r->eof = 1;
	}
}

int go_is_invalid(const json_t *rec)
{
	return json_object_get(rec, "invalid_line") ||
	       json_object_get(rec, "invalid_line_base64");
}

/* An over-long line's record: its placeholder string is replaced by the spool. */
static int write_overlong(FILE *out, const go_reader *src, const json_t *rec)
{
	static const char key[] = "{\"invalid_line_base64\":\"";
	char *s = json_dumps(rec, JSON_COMPACT);
	if (!s || strncmp(s, key, sizeof key - 1) != 0)
		GO_BUG("an over-long line's record out of shape");
	fputs(key, out);
	int r = copy_spool(src->spool, src->spool_off, src->spool_len, out, 0);
	fputs(s + sizeof key - 1, out);
	free(s);
	return r;
}

int go_write(FILE *out, const go_reader *src, const json_t *rec)
{
	if (src && src->overlong &&
	    json_object_get(rec, "invalid_line_base64") == src->overlong)
		write_overlong(out, src, rec);
	else {
		/* One buffer and one fwrite. */
		size_t n;
		char *s = go_json_dump(rec, &n);
		s[n] = '\n';
		size_t w = fwrite(s, 1, n + 1, out);
		free(s);
		if (w != n + 1)
			return -1;
		return 0;
	}
	if (putc('\n', out) == EOF)
		return -1;
	return ferror(out) ? -1 : 0;
}

/* ---- the public form of a stored record (issue 17) ----------------------- */

/* Kept on main, left off public: how the attribute was decided, by whom. */
const char *const go_internal_fields[] = {
	"classified_by", "attribute_confirmed", "review", NULL,
};

json_t *go_public_record(const json_t *rec)
{
	json_t *out = json_object();
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)rec, key, val) {
		int internal = 0;
		for (const char *const *f = go_internal_fields; *f && !internal; f++)
			internal = strcmp(*f, key) == 0;
		if (!internal)
			json_object_set(out, key, val);
	}
	return out;
}
