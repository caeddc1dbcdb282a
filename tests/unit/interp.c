/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/interp.c: the in-process API go-publish uses. */
#include "go.h"
#include "tap.h"
#include "rec.h"

static const char *codes(const json_t *r) { return problem_codes(r, 1); }

int main(void)
{
	int today, day;
	go_parse_date("2026-03-10", &today);
	go_interp_opts o = {.tool = "unit", .today = today, .grace_days = 0};
	go_interp *x = go_interp_new(&o);

	json_t *pol = rec("{\"id\":\"P-1\",\"kind\":\"规章\",\"office\":\"A\",\"attribute\":\"主动公开\"}");
	json_t *itp = rec("{\"id\":\"I-2\",\"kind\":\"interpretation\",\"interprets\":\"P-1\",\"office\":\"A\",\"attribute\":\"proactive\"}");
	json_t *late = rec("{\"id\":\"I-3\",\"kind\":\"interpretation\",\"interprets\":\"S-1\",\"office\":\"A\",\"attribute\":\"proactive\"}");
	json_t *noid = rec("{\"kind\":\"policy\",\"attribute\":\"proactive\"}");
	json_t *notice = rec("{\"id\":\"N-1\",\"kind\":\"notice\"}");
	json_t *bad = rec("{\"invalid_line\":\"x\"}");

	/* Batch first, store after: the order of the calls does not matter. */
	long np = go_interp_add(x, pol), ni = go_interp_add(x, itp), nl = go_interp_add(x, late);
	long nn = go_interp_add(x, noid);
	is_int(go_interp_add(x, notice), -1, "a notice: not for go_interp_apply");
	is_int(go_interp_add(x, bad), -1, "an invalid record: not for go_interp_apply");
	ok(np >= 0 && ni >= 0 && nl >= 0 && nn >= 0, "policies and interpretations get numbers");

	json_t *s1 = rec("{\"id\":\"S-1\",\"kind\":\"policy\",\"office\":\"A\",\"attribute\":\"proactive\",\"published\":\"2026-03-02\"}");
	json_t *s2 = rec("{\"id\":\"S-2\",\"kind\":\"interpretation\",\"interprets\":\"P-1\",\"office\":\"A\",\"attribute\":\"proactive\",\"published\":\"2026-03-02\"}");
	json_t *s3 = rec("{\"id\":\"I-2\",\"kind\":\"interpretation\",\"interprets\":\"X-9\",\"office\":\"B\",\"attribute\":\"withheld\"}");
	go_interp_add_stored(x, s1);
	go_interp_add_stored(x, s2);
	go_interp_add_stored(x, s3); /* superseded by the batch's I-2 */

	is_int(go_interp_apply(x, np, pol), 0, "policy: no error");
	char *list = json_dumps(json_object_get(pol, "interpretations"), JSON_COMPACT);
	is_str(list, "[\"S-2\",\"I-2\"]", "policy: the stored interpretation first, the superseded one not twice");
	free(list);
	is_int(go_interp_apply(x, ni, itp), 0, "interpretation of a batch policy: no error");
	is_str(codes(itp), "", "interpretation of a batch policy: no problem");
	is_int(go_interp_apply(x, nl, late), 0, "late interpretation: a warning is no error");
	is_str(codes(late), "interpretation-late/warning", "late interpretation of a stored policy");
	is_int(go_interp_apply(x, nn, noid), 1, "a policy without id: one error");
	is_str(codes(noid), "missing-interpretation/error", "a policy without id cannot be interpreted");

	/* Applying to a copy (e.g. re-read from a spool) gives the same result. */
	json_t *copy = json_deep_copy(late);
	json_object_del(copy, "problems");
	go_interp_apply(x, nl, copy);
	ok(json_equal(copy, late), "apply to a copy: the same record");
	is_int(go_interp_apply(x, 12345, copy), 0, "a number out of range: nothing");
	go_interp_free(x);

	/* The grace, counted in working days (2026-03-02 is a Monday). */
	go_parse_date("2026-03-09", &day);
	o.today = day;
	o.grace_days = 5;
	x = go_interp_new(&o);
	json_t *l2 = rec("{\"id\":\"I-4\",\"kind\":\"interpretation\",\"interprets\":\"S-1\",\"office\":\"A\",\"attribute\":\"proactive\"}");
	long n = go_interp_add(x, l2);
	go_interp_add_stored(x, s1);
	go_interp_apply(x, n, l2);
	is_str(codes(l2), "", "5 working days after, with a grace of 5: on time");
	go_interp_free(x);

	/* A stored policy without published (a withheld one): no lateness to measure. */
	x = go_interp_new(&o);
	json_t *w = rec("{\"id\":\"W-1\",\"kind\":\"policy\",\"office\":\"A\",\"attribute\":\"withheld\"}");
	json_t *l3 = rec("{\"id\":\"I-5\",\"kind\":\"interpretation\",\"interprets\":\"W-1\",\"office\":\"A\",\"attribute\":\"withheld\"}");
	n = go_interp_add(x, l3);
	go_interp_add_stored(x, w);
	is_int(go_interp_apply(x, n, l3), 1, "withheld interpretation of a withheld policy: one error");
	is_str(codes(l3), "interpretation-not-public/error", "withheld: interpretation-not-public only");
	go_interp_free(x);
	go_interp_free(NULL);

	/* The same stored document added twice, an interpretation twice in the
	 * input: each id is listed once. */
	x = go_interp_new(&o);
	json_t *p2 = rec("{\"id\":\"P-2\",\"kind\":\"policy\",\"office\":\"A\",\"attribute\":\"proactive\"}");
	json_t *i6 = rec("{\"id\":\"I-6\",\"kind\":\"interpretation\",\"interprets\":\"P-2\",\"office\":\"A\",\"attribute\":\"proactive\"}");
	json_t *s7 = rec("{\"id\":\"S-7\",\"kind\":\"interpretation\",\"interprets\":\"P-2\",\"office\":\"A\",\"attribute\":\"proactive\"}");
	n = go_interp_add(x, p2);
	go_interp_add(x, i6);
	go_interp_add(x, i6);
	go_interp_add_stored(x, s7);
	go_interp_add_stored(x, s7);
	go_interp_apply(x, n, p2);
	list = json_dumps(json_object_get(p2, "interpretations"), JSON_COMPACT);
	is_str(list, "[\"S-7\",\"I-6\"]", "duplicates listed once");
	free(list);
	go_interp_free(x);

	json_t *all[] = {p2, i6, s7, pol, itp, late, noid, notice, bad, s1, s2, s3, copy, l2, w, l3};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		json_decref(all[i]);
	return done();
}
