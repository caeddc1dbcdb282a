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
