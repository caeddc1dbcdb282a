/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/rules.c: the default rules, the grammar, go_rules_apply. */
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "go-classify.h"
#include "tap.h"

static go_rules *load(const char *text, int *errors)
{
	go_rules *rs = go_rules_new();
	*errors = go_rules_parse(rs, "t", text, strlen(text));
	return rs;
}

static json_t *apply(go_rules *rs, const char *json, int overwrite, int *errors)
{
	json_t *rec = json_loads(json, 0, NULL);
	go_classify_opts o = {.tool = "go-classify", .overwrite = overwrite};
	*errors = go_rules_apply(rs, rec, &o);
	return rec;
}

static const char *field(json_t *rec, const char *key)
{
	return go_str(rec, key);
}

int main(void)
{
	int errors;
	go_rules *rs = load(go_default_rules, &errors);
	is_int(errors, 0, "the default rules parse");
	ok(go_rules_count(rs) >= 20, "there are at least twenty of them");
	is_int(go_rules_build(rs), 0, "and build");

	json_t *rec = apply(rs, "{\"id\":\"a\",\"kind\":\"会议\",\"title\":\"关于人事任免的会议\"}", 0, &errors);
	is_str(field(rec, "attribute"), "withheld", "personnel appointments are withheld");
	is_str(json_string_value(json_array_get(json_object_get(rec, "basis"), 0)), "ogi-16-internal", "under ogi-16-internal");
	ok(strstr(field(rec, "reason"), "第十六条") != NULL, "the reason cites article 16");
	is_str(field(rec, "kind"), "meeting", "the record is normalised first");
	json_decref(rec);

	rec = apply(rs, "{\"kind\":\"guide\",\"attribute\":\"proactive\",\"body\":\"电话 13812345678\"}", 0, &errors);
	is_int(errors, 1, "a proactive record with a mobile number: one error");
	json_t *p = json_array_get(json_object_get(rec, "problems"), 1);
	is_str(field(p, "code"), "pii-in-proactive", "pii-in-proactive");
	ok(strstr(field(p, "message"), "138****5678") && !strstr(field(p, "message"), "13812345678"),
	   "the number is masked in the message");
	is_str(field(json_array_get(json_object_get(rec, "problems"), 0), "code"), "rule-disagrees",
	       "and the personal-information rule disagrees with the attribute");
	json_decref(rec);

	rec = apply(rs, "{\"kind\":\"guide\",\"attribute\":\"withheld\",\"category\":\"service\"}", 1, &errors);
	is_str(field(rec, "attribute"), "proactive", "--overwrite replaces the attribute");
	is_str(field(json_object_get(rec, "classified_by"), "attribute"), "t:36", "and says which rule did");
	json_decref(rec);
	go_rules_free(rs);

	/* Grammar */
	rs = load("# comment\n\n  category=result   if  kind=report  # trailing\n"
		  "reason=\"a \\\"b\\\", c\" if title~\"x y\",z\n", &errors);
	is_int(errors, 0, "comments, blank lines, spacing and quotes parse");
	is_int((long long)go_rules_count(rs), 2, "two rules");
	go_rules_build(rs);
	rec = apply(rs, "{\"kind\":\"report\",\"title\":\"..X Y..\"}", 0, &errors);
	is_str(field(rec, "category"), "result", "an equality condition");
	is_str(field(rec, "reason"), "a \"b\", c", "a quoted value with escapes and a comma");
	is_str(field(json_object_get(rec, "classified_by"), "reason"), "t:4", "provenance NAME:LINE");
	json_decref(rec);
	go_rules_free(rs);

	/* The messages of malformed lines go to stderr: keep the TAP output clean. */
	if (!freopen("/dev/null", "w", stderr))
		return 1;
	rs = load("category=result if kind=report\nbogus\nreason=x if\n", &errors);
	is_int(errors, 2, "every malformed line is counted");
	is_int((long long)go_rules_count(rs), 1, "the good rule is kept");
	go_rules_free(rs);
	return done();
}
