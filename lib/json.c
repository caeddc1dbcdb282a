/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * json.c — a strict JSON parser that builds jansson values, for the hot path
 * of every filter. It accepts what jansson accepts with JSON_REJECT_DUPLICATES
 * (RFC 8259; no NUL in strings; duplicate keys refused at every depth) about
 * four times faster, because it scans runs of plain bytes in tight loops and
 * hands each string to jansson already validated (json_stringn_nocheck).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"

/* The one nesting limit of go-tools: at most 64 levels of arrays and objects,
 * the record itself the first. Deeper input is invalid JSON (invalid-json), so
 * nothing a tool accepts, and go-publish stores, is too deep for any reader
 * (jansson stops at 2048; git hooks and go-cat read every record.json). */
#define MAX_DEPTH 64

struct parser {
	const unsigned char *p, *start, *end;
	const char *error; /* first error, static text */
	char *tmp;         /* unescaped strings */
	size_t tmpcap;
	int loose;         /* the text is not what go_json_dump writes for the value */
};

static json_t *fail(struct parser *ps, const char *what)
{
	if (!ps->error)
		ps->error = what;
	return NULL;
}

static void skip_ws(struct parser *ps)
{
	const unsigned char *p = ps->p;
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
	ps->loose |= ps->p != p;
}

/* Length of the UTF-8 sequence at p (its first byte >= 0x80), or 0 when invalid. */
static int utf8_seq(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	if (c >= 0xc2 && c <= 0xdf)
		return end - p >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (end - p < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f))
			return 0; /* overlong, or a surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (end - p < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 ||
		    (p[3] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
			return 0;
		return 4;
	}
	return 0;
}

static int hex4(const unsigned char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned c = p[i], d;
		if (c >= '0' && c <= '9') d = c - '0';
		else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
		else return -1;
		*v = *v << 4 | d;
	}
	return 0;
}

static size_t put_utf8(char *o, unsigned c)
{
	if (c < 0x80) { o[0] = (char)c; return 1; }
	if (c < 0x800) { o[0] = (char)(0xc0 | c >> 6); o[1] = (char)(0x80 | (c & 0x3f)); return 2; }
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | c >> 12); o[1] = (char)(0x80 | (c >> 6 & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f)); return 3;
	}
	o[0] = (char)(0xf0 | c >> 18); o[1] = (char)(0x80 | (c >> 12 & 0x3f));
	o[2] = (char)(0x80 | (c >> 6 & 0x3f)); o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Eight bytes at p, in one load (any alignment). */
static uint64_t load8(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
	return w;
}

#define ONES ((uint64_t)0x0101010101010101)
#define HIGHS ((uint64_t)0x8080808080808080)
/* Exact as a truth value (a borrow only spills past a byte that already hit):
 * some byte of w is below n (n <= 128), or is 0. */
#define BYTE_BELOW(w, n) (((w) - ONES * (n)) & ~(w) & HIGHS)
#define BYTE_ZERO(w) BYTE_BELOW(w, 1)

/* Some byte of w needs escaping in a written string: a control character,
 * '"' or '\\' (bytes >= 0x80 are written as they are). */
static int needs_escape8(uint64_t w)
{
	return (BYTE_BELOW(w, 0x20) | BYTE_ZERO(w ^ (ONES * '"')) | BYTE_ZERO(w ^ (ONES * '\\'))) != 0;
}

/* Two three-byte UTF-8 sequences, whatever the byte order of a uint64_t:
 * 1110xxxx 10xxxxxx 10xxxxxx twice, then two bytes of anything. */
static const union {
	unsigned char b[8];
	uint64_t w;
} utf8_3x2_m = {{0xf0, 0xc0, 0xc0, 0xf0, 0xc0, 0xc0, 0, 0}},
  utf8_3x2_v = {{0xe0, 0x80, 0x80, 0xe0, 0x80, 0x80, 0, 0}};
#define utf8_3x2_mask (utf8_3x2_m.w)
#define utf8_3x2_bits (utf8_3x2_v.w)

/*
 * The end of the run of plain string bytes from p: printable ASCII other than
 * '"' and '\\', and whole valid UTF-8 sequences. It stops at the first byte
 * that is something else (or at end), which the caller then looks at.
 */
static const unsigned char *plain_run(const unsigned char *p, const unsigned char *end)
{
	for (;;) {
		/* ASCII eight bytes at a time */
		while (end - p >= 8) {
			uint64_t w = load8(p);
			if ((w & HIGHS) || needs_escape8(w))
				break;
			p += 8;
		}
		/* Three-byte sequences (CJK, full-width punctuation), two at a
		 * time while their leads are neither E0 nor ED (the two with a
		 * narrower second byte), then one at a time. */
		while (end - p >= 8 && (load8(p) & utf8_3x2_mask) == utf8_3x2_bits &&
		       p[0] != 0xe0 && p[0] != 0xed && p[3] != 0xe0 && p[3] != 0xed)
			p += 6;
		while (end - p >= 3 && (p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 &&
		       (p[2] & 0xc0) == 0x80 && !(p[0] == 0xe0 && p[1] < 0xa0) &&
		       !(p[0] == 0xed && p[1] > 0x9f))
			p += 3;
		if (p >= end)
			return p;
		if (*p < 0x80) {
			if (*p < 0x20 || *p == '"' || *p == '\\')
				return p;
			p++;
		} else {
			int n = utf8_seq(p, end);
			if (!n)
				return p;
			p += n;
		}
	}
}

int go_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	/* plain_run stops at any ASCII it would escape, and at invalid UTF-8 */
	while ((p = plain_run(p, end)) < end && *p < 0x80)
		p++;
	return p == end;
}

/*
 * A string, ps->p after its opening quote. On success *out points at its bytes
 * (in the input, or in ps->tmp when it had escapes) and *len is their number.
 */
static int scan_string(struct parser *ps, const char **out, size_t *len)
{
	const unsigned char *p = ps->p, *end = ps->end, *run = p;
	size_t o = 0;
	int escaped = 0;
	for (;;) {
		p = plain_run(p, end);
		if (p >= end)
			return fail(ps, "unterminated string"), -1;
		if (*p >= 0x80)
			return fail(ps, "invalid UTF-8 in a string"), -1;
		if (*p < 0x20)
			return fail(ps, "control character in a string"), -1;
		if (*p == '"')
			break;
		/* A backslash: from here on, the string is built in tmp. */
		size_t need = o + (size_t)(p - run) + (size_t)(end - p) + 4;
		if (need > ps->tmpcap) {
			ps->tmpcap = need * 2;
			ps->tmp = go_xrealloc(ps->tmp, ps->tmpcap);
		}
		memcpy(ps->tmp + o, run, (size_t)(p - run));
		o += (size_t)(p - run);
		escaped = ps->loose = 1; /* the writer may escape otherwise (\/, \u00e9) */
		if (end - p < 2)
			return fail(ps, "unterminated string"), -1;
		unsigned c;
		switch (p[1]) {
		case '"': case '\\': case '/': ps->tmp[o++] = (char)p[1]; p += 2; break;
		case 'b': ps->tmp[o++] = '\b'; p += 2; break;
		case 'f': ps->tmp[o++] = '\f'; p += 2; break;
		case 'n': ps->tmp[o++] = '\n'; p += 2; break;
		case 'r': ps->tmp[o++] = '\r'; p += 2; break;
		case 't': ps->tmp[o++] = '\t'; p += 2; break;
		case 'u':
			if (end - p < 6 || hex4(p + 2, &c) != 0)
				return fail(ps, "invalid \\u escape"), -1;
			p += 6;
			if (c >= 0xdc00 && c <= 0xdfff)
				return fail(ps, "invalid Unicode surrogate"), -1;
			if (c >= 0xd800 && c <= 0xdbff) {
				unsigned lo;
				if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &lo) != 0 ||
				    lo < 0xdc00 || lo > 0xdfff)
					return fail(ps, "invalid Unicode surrogate pair"), -1;
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			}
			if (c == 0)
				return fail(ps, "\\u0000 is not allowed in a string"), -1;
			o += put_utf8(ps->tmp + o, c);
			break;
		default:
			return fail(ps, "invalid escape"), -1;
		}
		run = p;
	}
	if (escaped) {
		memcpy(ps->tmp + o, run, (size_t)(p - run));
		o += (size_t)(p - run);
		*out = ps->tmp;
		*len = o;
	} else {
		*out = (const char *)ps->p;
		*len = (size_t)(p - ps->p);
	}
	ps->p = p + 1;
	return 0;
}

static json_t *parse_number(struct parser *ps)
{
	const unsigned char *p = ps->p, *end = ps->end, *s = p;
	int real = 0;
	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (p < end && *p >= '1' && *p <= '9')
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	else
		return fail(ps, "invalid number");
	if (p < end && *p == '.') {
		real = 1;
		if (++p >= end || *p < '0' || *p > '9')
			return fail(ps, "invalid number");
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		real = 1;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || *p < '0' || *p > '9')
			return fail(ps, "invalid number");
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	/* as long as jansson takes it: a long number is copied to the heap */
	char small[512];
	size_t n = (size_t)(p - s);
	char *buf = n < sizeof small ? small : go_xmalloc(n + 1);
	memcpy(buf, s, n);
	buf[n] = '\0';
	ps->p = p;
	/* a real is written in its shortest form, -0 as 0 */
	ps->loose |= real || (n == 2 && s[0] == '-' && s[1] == '0');
	errno = 0;
	json_t *v = NULL;
	if (!real) {
		long long i = strtoll(buf, NULL, 10);
		if (errno != ERANGE)
			v = json_integer(i);
	} else {
		double d = strtod(buf, NULL);
		if (!(errno == ERANGE && (d > 1 || d < -1)))
			v = json_real(d);
	}
	if (buf != small)
		free(buf);
	if (!v)
		return fail(ps, real ? "real number overflow" : "too big integer");
	return v;
}

static json_t *parse_value(struct parser *ps, int depth);

static json_t *parse_object(struct parser *ps, int depth)
{
	json_t *obj = json_object();
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		return obj;
	}
	for (;;) {
		const char *key;
		size_t klen;
		const unsigned char *key_at = ps->p;
		if (ps->p >= ps->end || *ps->p != '"')
			goto bad_key;
		ps->p++;
		if (scan_string(ps, &key, &klen) != 0)
			goto error;
		if (json_object_getn(obj, key, klen)) {
			ps->p = key_at; /* point at the key itself */
			fail(ps, "duplicate object key");
			goto error;
		}
		/* The value's string may reuse tmp: the key is copied first, unless
		 * it is still in the line. */
		char small[128], *k = (char *)key;
		if (key == ps->tmp) {
			k = klen < sizeof small ? small : go_xmalloc(klen + 1);
			memcpy(k, key, klen);
		}
		skip_ws(ps);
		json_t *v = NULL;
		if (ps->p >= ps->end || *ps->p != ':')
			fail(ps, "':' expected");
		else {
			ps->p++;
			v = parse_value(ps, depth + 1);
		}
		if (v)
			json_object_setn_new_nocheck(obj, k, klen, v);
		if (k != key && k != small)
			free(k);
		if (!v)
			goto error;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			skip_ws(ps);
			continue;
		}
		if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			return obj;
		}
		fail(ps, "',' or '}' expected");
		goto error;
	}
bad_key:
	fail(ps, "string or '}' expected");
error:
	json_decref(obj);
	return NULL;
}

static json_t *parse_array(struct parser *ps, int depth)
{
	json_t *arr = json_array();
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		return arr;
	}
	for (;;) {
		json_t *v = parse_value(ps, depth + 1);
		if (!v)
			break;
		json_array_append_new(arr, v);
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == ']') {
			ps->p++;
			return arr;
		}
		fail(ps, "',' or ']' expected");
		break;
	}
	json_decref(arr);
	return NULL;
}

static json_t *parse_literal(struct parser *ps, const char *word, json_t *value)
{
	size_t n = strlen(word);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "invalid token");
	ps->p += n;
	return value;
}

static json_t *parse_value(struct parser *ps, int depth)
{
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end of line");
	if ((*ps->p == '{' || *ps->p == '[') && depth >= MAX_DEPTH)
		return fail(ps, "nesting depth over 64 levels");
	switch (*ps->p) {
	case '{':
		return parse_object(ps, depth);
	case '[':
		return parse_array(ps, depth);
	case '"': {
		const char *s;
		size_t n;
		ps->p++;
		if (scan_string(ps, &s, &n) != 0)
			return NULL;
		return json_stringn_nocheck(s, n);
	}
	case 't': return parse_literal(ps, "true", json_true());
	case 'f': return parse_literal(ps, "false", json_false());
	case 'n': return parse_literal(ps, "null", json_null());
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
			return parse_number(ps);
		return fail(ps, "invalid token");
	}
}

json_t *go_json_parse(const char *s, size_t n, go_json_error *err)
{
	return go_json_parse_compact(s, n, err, NULL);
}

json_t *go_json_parse_compact(const char *s, size_t n, go_json_error *err, int *compact)
{
	struct parser ps = {
		.p = (const unsigned char *)s,
		.start = (const unsigned char *)s,
		.end = (const unsigned char *)s + n,
	};
	json_t *v = parse_value(&ps, 0);
	if (v) {
		skip_ws(&ps);
		if (ps.p != ps.end) {
			json_decref(v);
			v = fail(&ps, "end of line expected after the value");
		}
	}
	free(ps.tmp);
	if (compact)
		*compact = v && !ps.loose;
	if (!v && err) {
		err->text = ps.error;
		err->column = (size_t)(ps.p - ps.start) + 1;
		/* What stands there, as printable ASCII, to quote in the message. */
		size_t k = 0;
		while (k < sizeof err->near - 1 && ps.p + k < ps.end && ps.p[k] > ' ' && ps.p[k] < 0x7f)
			k++;
		memcpy(err->near, ps.p, k);
		err->near[k] = '\0';
	}
	return v;
}

/* ---- the compact writer ---------------------------------------------------- */

struct out {
	char *s;
	size_t len, cap;
};

static void reserve(struct out *o, size_t n)
{
	if (o->len + n > o->cap) {
		o->cap = (o->len + n) * 2;
		o->s = go_xrealloc(o->s, o->cap);
	}
}

static void put(struct out *o, const char *s, size_t n)
{
	reserve(o, n);
	memcpy(o->s + o->len, s, n);
	o->len += n;
}

/* A string as jansson writes it by default: UTF-8 as is, '/' plain. */
static void put_string(struct out *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	reserve(o, n + 2);
	o->s[o->len++] = '"';
	while (p < end) {
		/* A run that needs no escape, found eight bytes at a time and
		 * copied at once. */
		const unsigned char *run = p;
		while (end - p >= 8 && !needs_escape8(load8(p)))
			p += 8;
		while (p < end && *p >= 0x20 && *p != '"' && *p != '\\')
			p++;
		put(o, (const char *)run, (size_t)(p - run));
		if (p >= end)
			break;
		char esc[6] = {'\\', 0};
		size_t k = 2;
		switch (*p) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u', esc[2] = '0', esc[3] = '0';
			esc[4] = hex[*p >> 4], esc[5] = hex[*p & 15];
			k = 6;
		}
		put(o, esc, k);
		p++;
	}
	put(o, "\"", 1);
}

static void put_value(struct out *o, const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		int first = 1;
		put(o, "{", 1);
		/* jansson knows each key's length: no strlen */
		for (void *it = json_object_iter((json_t *)v); it;
		     it = json_object_iter_next((json_t *)v, it)) {
			if (!first)
				put(o, ",", 1);
			first = 0;
			put_string(o, json_object_iter_key(it), json_object_iter_key_len(it));
			put(o, ":", 1);
			put_value(o, json_object_iter_value(it));
		}
		put(o, "}", 1);
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *val;
		put(o, "[", 1);
		json_array_foreach(v, i, val) {
			if (i)
				put(o, ",", 1);
			put_value(o, val);
		}
		put(o, "]", 1);
		break;
	}
	case JSON_STRING:
		put_string(o, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER: {
		char buf[32];
		put(o, buf, (size_t)snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT,
					     json_integer_value(v)));
		break;
	}
	case JSON_REAL: {
		/* The shortest form that reads back as the same double, so that 0.1
		 * stays 0.1 (jansson would write 0.10000000000000001). */
		char buf[40];
		double d = json_real_value(v);
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(buf, sizeof buf, "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
		/* As jansson: no '+' or leading zeros in the exponent, and a real
		 * always looks like one. */
		char *e = strchr(buf, 'e');
		if (e) {
			char *q = e + 1, *r = e + 1;
			if (*r == '+')
				r++;
			else if (*r == '-')
				*q++ = *r++;
			while (*r == '0' && r[1])
				r++;
			memmove(q, r, strlen(r) + 1);
		} else if (!strchr(buf, '.')) {
			strcat(buf, ".0");
		}
		put(o, buf, strlen(buf));
		break;
	}
	case JSON_TRUE: put(o, "true", 4); break;
	case JSON_FALSE: put(o, "false", 5); break;
	case JSON_NULL: put(o, "null", 4); break;
	}
}

char *go_json_dump(const json_t *v, size_t *len)
{
	/* Room for a typical record at once: few reallocs. */
	struct out o = {go_xmalloc(4096), 0, 4096};
	put_value(&o, v);
	put(&o, "", 1);
	*len = o.len - 1;
	return o.s;
}

/* ---- reading and changing written lines without parsing them again ------- */

size_t go_json_splice(const char *obj, size_t n, const char *key, const char *value,
		      go_buf *out)
{
	while (n && (obj[n - 1] == '\n' || obj[n - 1] == '\r' || obj[n - 1] == ' ' ||
		     obj[n - 1] == '\t'))
		n--;
	if (n < 2 || obj[0] != '{' || obj[n - 1] != '}')
		return 0;
	size_t i = n - 1;
	while (i > 1 && (obj[i - 1] == ' ' || obj[i - 1] == '\t' || obj[i - 1] == '\n' ||
			 obj[i - 1] == '\r'))
		i--;
	size_t start = out->n;
	go_buf_put(out, obj, n - 1);
	if (i > 1)
		go_buf_put(out, ",", 1);
	go_buf_put(out, "\"", 1);
	go_buf_puts(out, key);
	go_buf_put(out, "\":", 2);
	go_buf_puts(out, value);
	go_buf_put(out, "}", 1);
	return out->n - start;
}

size_t go_json_lead_string(const char *s, size_t n, const char *key, char *buf, size_t cap)
{
	size_t kl = strlen(key), k = 0, i;
	buf[0] = '\0';
	if (cap == 0 || n < kl + 6 || s[0] != '{' || s[1] != '"' || memcmp(s + 2, key, kl) ||
	    memcmp(s + 2 + kl, "\":\"", 3))
		return 0;
	for (i = kl + 5; i < n && s[i] != '"'; i++) {
		char c = s[i];
		if (c == '\\') {
			if (i + 1 >= n || (s[i + 1] != '"' && s[i + 1] != '\\' && s[i + 1] != '/'))
				return buf[0] = '\0', 0; /* \n, \u...: not a plain string */
			c = s[++i];
		}
		if (k + 1 >= cap)
			return buf[0] = '\0', 0;
		buf[k++] = c;
	}
	if (i >= n)
		return buf[0] = '\0', 0;
	buf[k] = '\0';
	return k;
}
