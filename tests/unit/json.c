/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * Unit tests of lib/json.c: the fast parser must accept exactly what jansson
 * accepts with JSON_REJECT_DUPLICATES, and build equal values.
 */
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "tap.h"

static void agree(const char *s, size_t n, const char *name)
{
	go_json_error err;
	json_t *mine = go_json_parse(s, n, &err);
	json_t *theirs = json_loadb(s, n, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, NULL);
	if (!ok((mine && theirs && json_equal(mine, theirs)) || (!mine && !theirs), name))
		printf("#   go_json_parse: %s; jansson: %s (%s)\n", mine ? "value" : err.text,
		       theirs ? "value" : "error", s);
	if (mine && theirs) {
		size_t len;
		char *a = go_json_dump(mine, &len);
		char *b = json_dumps(theirs, JSON_COMPACT | JSON_ENCODE_ANY);
		/* Byte for byte as jansson, but for reals, written in their shortest
		 * round-trip form: they must read back the same. */
		json_t *back = json_loads(a, JSON_DECODE_ANY, NULL);
		int same = strcmp(a, b) == 0 ||
			   (strchr(s, '.') && json_equal(back, theirs) && strpbrk(a, ".eE"));
		json_decref(back);
		if (!ok(same && len == strlen(a), "  and writes it as jansson does"))
			printf("#   go_json_dump: %s\n#   json_dumps:   %s\n", a, b);
		free(a);
		free(b);
	}
	json_decref(mine);
	json_decref(theirs);
}
#define AGREE(lit) agree(lit, sizeof lit - 1, lit)

/* The UTF-8 check json.c had before its fast paths, one character at a time:
 * the reference they must agree with. */
static int utf8_reference(const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n;
	while (p < end) {
		unsigned c = *p;
		size_t len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
			     c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		if (!len || (size_t)(end - p) < len)
			return 0;
		for (size_t i = 1; i < len; i++)
			if ((p[i] & 0xc0) != 0x80)
				return 0;
		if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) ||
		    (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
			return 0;
		p += len;
	}
	return 1;
}

/*
 * Four bytes x (b0 b1 b2 b3) at every offset 0..15 of a run of CJK or of
 * ASCII, so that they meet each fast path (eight ASCII bytes, two and four
 * three-byte sequences at a time) at each of its positions: go_utf8_valid
 * against the reference, and go_json_parse against jansson on {"k":"RUN"}.
 * The number of cases that disagree.
 */
static long fast_path_cases(const unsigned char *vals, size_t nv)
{
	static const char *const fill[] = {"中文公開", "abcdefghijklmnop"};
	long bad = 0;
	char s[128];
	unsigned char x[4];
	for (unsigned b0 = 0; b0 < 256; b0++)
		for (size_t i = 0; i < nv; i++)
			for (size_t j = 0; j < nv; j++) {
				x[0] = (unsigned char)b0, x[1] = vals[i], x[2] = vals[j], x[3] = vals[(i + j) % nv];
				for (int f = 0; f < 2; f++)
					for (size_t off = 0; off < 16; off += f ? 1 : 3) {
						size_t n = 0;
						memcpy(s, "{\"k\":\"", 6), n = 6;
						for (size_t k = 0; k < off; k++)
							s[n++] = fill[f][k % strlen(fill[f])];
						memcpy(s + n, x, 4), n += 4;
						memcpy(s + n, fill[f], strlen(fill[f])), n += strlen(fill[f]);
						size_t body = n - 6;
						if (go_utf8_valid(s + 6, body) !=
						    utf8_reference((unsigned char *)s + 6, body))
							bad++;
						memcpy(s + n, "\"}", 2), n += 2;
						if (memchr(s, '\0', n))
							continue; /* jansson stops there */
						go_json_error err;
						json_t *mine = go_json_parse(s, n, &err);
						json_t *theirs = json_loadb(s, n, JSON_REJECT_DUPLICATES, NULL);
						if (!mine != !theirs || (mine && !json_equal(mine, theirs)))
							bad++;
						if (mine && theirs) {
							size_t len;
							char *a = go_json_dump(mine, &len);
							char *b = json_dumps(theirs, JSON_COMPACT);
							bad += strcmp(a, b) != 0;
							free(a);
							free(b);
						}
						json_decref(mine);
						json_decref(theirs);
					}
			}
	return bad;
}

/* The writer's run copy: each byte it escapes at each offset of a string of
 * 1..40 bytes, written as jansson writes it. */
static long writer_cases(void)
{
	static const unsigned char special[] = {0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1f,
						'"', '\\', 0x7f, 0x20, '/', 0xe4};
	long bad = 0;
	char s[64];
	for (size_t k = 0; k < sizeof special; k++)
		for (size_t n = 1; n <= 40; n++)
			for (size_t at = 0; at < n; at++) {
				memset(s, 'a', n);
				s[at] = (char)special[k];
				if (special[k] == 0xe4) { /* a whole character (中) */
					if (at + 2 >= n)
						continue;
					s[at + 1] = (char)0xb8, s[at + 2] = (char)0xad;
				}
				json_t *v = json_stringn_nocheck(s, n);
				size_t len;
				char *a = go_json_dump(v, &len);
				char *b = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
				bad += !b || strcmp(a, b) != 0 || len != strlen(a);
				free(a);
				free(b);
				json_decref(v);
			}
	return bad;
}

/* go_json_parse_compact: *compact as expected, and when it is 1 the value
 * is written back as the very bytes. */
static void compact(const char *s, int want, const char *name)
{
	int c = -1;
	json_t *v = go_json_parse_compact(s, strlen(s), NULL, &c);
	size_t len = 0;
	char *d = v ? go_json_dump(v, &len) : NULL;
	if (!ok(c == want && (!c || (len == strlen(s) && memcmp(d, s, len) == 0)), name))
		printf("#   compact %d, written %s\n", c, d ? d : "(nothing)");
	free(d);
	json_decref(v);
}

int main(void)
{
	/* Accepted */
	AGREE("{}");
	AGREE("  {\"a\" : 1 ,\"b\":[true,false,null]}\r");
	AGREE("{\"id\":\"主動公開\",\"n\":-0,\"x\":1.5e3,\"y\":-2E-2,\"z\":0.25}");
	AGREE("{\"e\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u4e2d\\ud83d\\ude00\"}");
	AGREE("{\"a\":{\"a\":{\"a\":[[],{}]}}}");
	AGREE("[1,2,3]");
	AGREE("\"just a string\"");
	AGREE("[0.1,0.5,2.5e-5,123456.789,1e22,-1.0E+2,88666662623333332.6689]");
	AGREE("{\"big\":9223372036854775807,\"small\":-9223372036854775808}");
	AGREE("{\"a\":\"\xf0\x9f\x98\x80 four-byte UTF-8\"}");
	AGREE("{\"ctl\":\"\\u0001\\u001f\\u007f\\u2028\",\"r\":[1e300,-0.0,3.0,1.5e-7,100000000000000000000.0]}");
	/* Refused */
	AGREE("");
	AGREE("not json");
	AGREE("{\"a\":1,\"a\":2}");
	AGREE("{\"o\":{\"k\":1,\"k\":1}}");
	AGREE("{\"a\":1,}");
	AGREE("[1,]");
	AGREE("{\"a\" 1}");
	AGREE("{a:1}");
	AGREE("{\"a\":01}");
	AGREE("{\"a\":1.}");
	AGREE("{\"a\":.5}");
	AGREE("{\"a\":1e}");
	AGREE("{\"a\":+1}");
	AGREE("{\"a\":9223372036854775808}");
	AGREE("{\"a\":1e999}");
	AGREE("{\"a\":\"tab\there\"}");
	AGREE("{\"a\":\"\\x41\"}");
	AGREE("{\"a\":\"\\u00zz\"}");
	AGREE("{\"a\":\"\\u0000\"}");
	AGREE("{\"a\":\"\\ud800\"}");
	AGREE("{\"a\":\"\\udc00\\ud800\"}");
	AGREE("{\"a\":\"\xff\"}");
	AGREE("{\"a\":\"\xc0\xaf\"}");
	AGREE("{\"a\":\"\xed\xa0\x80\"}");
	AGREE("{\"a\":\"\xf4\x90\x80\x80\"}");
	AGREE("{\"a\":\"unterminated}");
	AGREE("{\"a\":tru}");
	AGREE("{\"a\":nul}");
	AGREE("{} {}");
	AGREE("{\"a\":1}x");
	AGREE("{\"a\":[1 2]}");
	agree("{\"a\":\"x\0y\"}", 11, "a raw NUL byte");

	go_json_error err;
	ok(!go_json_parse("{\"a\":tru}", 9, &err) && err.column == 6 && strcmp(err.near, "tru}") == 0,
	   "the error says where, and what stands there");
	char deep[5000];
	memset(deep, '[', 2500);
	memset(deep + 2500, ']', 2500);
	ok(!go_json_parse(deep, sizeof deep, &err) && strstr(err.text, "depth"),
	   "nesting is bounded");
	/* the limit: 64 levels, the outermost one counted */
	char lim[200];
	memset(lim, '[', 64);
	memset(lim + 64, ']', 64);
	json_t *v64 = go_json_parse(lim, 128, &err);
	ok(v64 != NULL, "64 levels of nesting are read");
	json_decref(v64);
	memset(lim, '[', 65);
	memset(lim + 65, ']', 65);
	ok(!go_json_parse(lim, 130, &err) && strstr(err.text, "depth") && err.column == 65,
	   "65 are not, the error at the 65th");
	ok(go_utf8_valid("主動公開 ok", 15), "UTF-8 in both scripts is valid");
	ok(!go_utf8_valid("\xe4\xb8", 2), "a cut sequence is not");
	ok(!go_utf8_valid("\xc0\xaf", 2), "an overlong form is not");
	ok(!go_utf8_valid("\xed\xa0\x80", 3), "a surrogate is not");

	/* The fast paths' edges (issue 18): escapes, invalid and cut UTF-8,
	 * overlong forms, surrogates, 4-byte sequences, U+2028/2029, NUL. */
	AGREE("{\"a\":\"中文中文\xe2\x80\xa8\xe2\x80\xa9 line and paragraph separators\"}");
	AGREE("{\"a\":\"中文中文\xe4\xb8\"}");
	AGREE("{\"a\":\"中文中文\xe4\xb8");
	AGREE("{\"a\":\"中文中\xe0\x9f\xbf文中文\"}");
	AGREE("{\"a\":\"中文中\xe0\xa0\x80文中文\"}");
	AGREE("{\"a\":\"中文中\xed\x9f\xbf文中文\"}");
	AGREE("{\"a\":\"中文中\xed\xa0\x80文中文\"}");
	AGREE("{\"a\":\"中文中文\xf0\x9f\x98\x80\xf0\x90\x80\x80\xf4\x8f\xbf\xbf中文\"}");
	AGREE("{\"a\":\"中文中文\xf0\x8f\xbf\xbf\"}");
	AGREE("{\"a\":\"中文中文\xf5\x80\x80\x80\"}");
	AGREE("{\"a\":\"中文中文\xe0\x80\xaf\"}");
	AGREE("{\"a\":\"abcdefgh\\u0000ijkl\"}");
	AGREE("{\"a\":\"abcdefg\\\"hijklmnopq\\\\rstuvwx\\u0001yz\\ud83d\\ude00\"}");
	AGREE("{\"a\":\"abcdefghijklmno\x7fp\"}");
	agree("{\"a\":\"abcdefghij\0klm\"}", 20, "a raw NUL byte after eight plain bytes");
	static const unsigned char vals[] = {0x00, 0x0a, 0x20, 0x22, 0x5c, 0x41, 0x7f, 0x80, 0x8f,
					     0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xe4, 0xff};
	is_int(fast_path_cases(vals, sizeof vals), 0,
	       "every lead byte with 16x16 following bytes, at every offset of CJK and ASCII "
	       "runs: go_utf8_valid as the reference, the parser and writer as jansson");
	is_int(writer_cases(), 0,
	       "each escaped byte at each offset of strings of 1-40 bytes: written as jansson");
	compact("{\"id\":\"A-1\",\"title\":\"通知\",\"n\":-5,\"z\":0,\"l\":[true,false,null,{},[]]}", 1,
		"go_json_parse_compact: a compact line is written back as it is");
	compact("{\"id\":\"A-1\" }", 0, "go_json_parse_compact: white space is not compact");
	compact("{\"id\":\"A-1\"}\r", 0, "go_json_parse_compact: nor a CR at the end");
	compact("{\"a\":\"\\/\"}", 0, "go_json_parse_compact: nor an escape (\\/ is written /)");
	compact("{\"a\":\"\\n\"}", 0, "go_json_parse_compact: any escape");
	compact("{\"a\":1.0}", 0, "go_json_parse_compact: nor a real");
	compact("{\"a\":-0}", 0, "go_json_parse_compact: nor -0 (written 0)");
	compact("{\"a\":-0,}", 0, "go_json_parse_compact: 0 when the line is not JSON");

	json_t *tenth = json_real(0.1);
	size_t len;
	char *s = go_json_dump(tenth, &len);
	is_str(s, "0.1", "a real is written in its shortest form");
	free(s);
	json_decref(tenth);

	/* go_json_splice: a member added to a written object, as go-publish echoes. */
	{
		go_buf b = {0};
		const char *line = "{\"id\":\"A-1\",\"t\":\"}\"}\n";
		size_t n = go_json_splice(line, strlen(line), "publish", "{\"status\":\"published\"}", &b);
		is_str(b.p, "{\"id\":\"A-1\",\"t\":\"}\",\"publish\":{\"status\":\"published\"}}",
		       "go_json_splice: the member goes last, the line's newline dropped");
		is_int((long long)n, (long long)b.n, "go_json_splice: returns the bytes appended");
		json_t *back = json_loads(b.p, 0, NULL);
		ok(back && json_is_object(json_object_get(back, "publish")) &&
		   !strcmp(json_string_value(json_object_get(back, "t")), "}"),
		   "go_json_splice: the result parses, the old members as they were");
		json_decref(back);
		go_buf_free(&b);
		n = go_json_splice("{}\n", 3, "publish", "1", &b);
		is_str(b.p, "{\"publish\":1}", "go_json_splice: into an empty object, no comma");
		go_buf_free(&b);
		n = go_json_splice("[1]\n", 4, "publish", "1", &b);
		ok(n == 0 && b.n == 0, "go_json_splice: not an object, nothing appended");
		go_buf_free(&b);
	}
	/* go_json_lead_string: the id of a catalog line without parsing it. */
	{
		char id[16];
		const char *l1 = "{\"id\":\"SFJ-2026-1\",\"title\":\"通知\"}";
		is_int((long long)go_json_lead_string(l1, strlen(l1), "id", id, sizeof id), 10,
		       "go_json_lead_string: the length");
		is_str(id, "SFJ-2026-1", "go_json_lead_string: the leading id");
		const char *l2 = "{\"id\":\"a\\\"b\\\\c\",\"x\":1}";
		go_json_lead_string(l2, strlen(l2), "id", id, sizeof id);
		is_str(id, "a\"b\\c", "go_json_lead_string: \\\" and \\\\ decoded (a quote does not end it)");
		const char *l3 = "{\"title\":\"x\",\"id\":\"A\"}";
		ok(go_json_lead_string(l3, strlen(l3), "id", id, sizeof id) == 0 && !*id,
		   "go_json_lead_string: a line not starting with the key gives \"\"");
		const char *l4 = "{\"id\":\"\\u0041\"}";
		ok(go_json_lead_string(l4, strlen(l4), "id", id, sizeof id) == 0 && !*id,
		   "go_json_lead_string: a \\u escape gives \"\" (never a wrong id)");
		const char *l5 = "{\"id\":\"0123456789ABCDEFGH\"}";
		ok(go_json_lead_string(l5, strlen(l5), "id", id, sizeof id) == 0 && !*id,
		   "go_json_lead_string: too long for buf gives \"\"");
		const char *l6 = "{\"id\":\"unterminated";
		ok(go_json_lead_string(l6, strlen(l6), "id", id, sizeof id) == 0 && !*id,
		   "go_json_lead_string: an unterminated string gives \"\"");
	}
	return done();
}
