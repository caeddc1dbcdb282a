/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* request.c and request-store.c: go_request_table3 on a store, the clock, masking. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"
#include "tap.h"

static int day_of(const char *s)
{
	int d = 0;
	go_parse_date(s, &d);
	return d;
}

int main(void)
{
	char tmpl[] = "/tmp/go-request-XXXXXX", *dir = mkdtemp(tmpl);
	go_store *s = NULL;
	git_signature *sig = NULL;
	char commit[41], *err = NULL;
	size_t len;

	if (!dir || go_store_open(&s, dir, GO_STORE_CREATE) < 0)
		return 2;
	git_signature_now(&sig, "Test Clerk", "clerk@bureau.example");

	/* the library's table of a store without the branch: all zeros, and it adds up */
	json_t *t = go_request_table3(s, 2026, &err);
	ok(t && !err, "a store without applications has a table");
	is_int(json_integer_value(json_array_get(json_object_get(json_object_get(t, "rows"), "total"), 6)), 0,
	       "  of zeros");
	is_int(json_object_size(json_object_get(t, "rows")), 25, "  with 25 rows");
	json_decref(t);

	/* two applications committed through go_store_commit_files */
	const char *a = "{\"kind\":\"request\",\"id\":\"A\",\"received\":\"2025-12-30\",\"channel\":\"online\","
		"\"applicant\":{\"type\":\"business\",\"name\":\"x\",\"contact\":\"y\"},\"asks\":\"q\","
		"\"events\":[{\"date\":\"2026-01-06\",\"type\":\"withdrawn\"}]}\n";
	const char *b = "{\"kind\":\"request\",\"id\":\"B\",\"received\":\"2026-12-30\",\"channel\":\"post\","
		"\"applicant\":{\"type\":\"research\",\"name\":\"x\",\"contact\":\"y\"},\"asks\":\"q\"}\n";
	go_store_file f[] = {
		{"docs/2025/A/record.json", a, strlen(a)},
		{"docs/2026/B/record.json", b, strlen(b)},
	};
	is_int(go_store_commit_files(s, GO_REQUEST_BRANCH, f, 2, "two\n", sig, commit), 1,
	       "go_store_commit_files commits");
	is_int((int)strlen(commit), 40, "  and gives the commit");
	is_int(go_store_commit_files(s, GO_REQUEST_BRANCH, f, 2, "again\n", sig, commit), 0,
	       "the same files again: no commit");
	t = go_request_table3(s, 2026, &err);
	json_t *rows = json_object_get(t, "rows");
	char *in = go_json_dump(json_object_get(rows, "carried-in"), &len);
	char *oo = go_json_dump(json_object_get(rows, "other/other"), &len);
	char *out = go_json_dump(json_object_get(rows, "carried-out"), &len);
	is_str(in, "[0,1,0,0,0,0,1]", "A (business) is carried in to 2026");
	is_str(oo, "[0,1,0,0,0,0,1]", "  and, withdrawn, counted in other/other");
	is_str(out, "[0,0,1,0,0,0,1]", "B (research), received 30 December, is carried out");
	free(in);
	free(oo);
	free(out);
	json_decref(t);
	t = go_request_table3(s, 0, &err);
	ok(!t && err, "year 0: NULL and a message");
	free(err);

	/* a record no column counts makes the table fail, not vanish from it */
	json_t *odd = json_pack("[{s:s,s:s,s:{s:s}}]", "id", "ODD", "received", "2026-05-01",
				"applicant", "type", "alien");
	t = go_request_table3_of(odd, 2026, &err);
	ok(!t && err && strstr(err, "ODD"), "an application of no column: NULL, naming it");
	free(err);
	json_decref(odd);

	/* the clock */
	json_t *rec = json_loads(b, 0, NULL);
	go_request_clock c;
	is_int(go_request_clock_at(rec, day_of("2027-01-04"), &c), 0, "the clock of B");
	char d[11];
	go_format_date(c.deadline, d);
	/* after Wed 30 Dec 2026: 31 Dec, then plain weeks (outside the data): Fri 1 Jan,
	 * 4-8 Jan (7), 11-15 (12), 18-22 (17), 25-27 Jan (20) */
	is_str(d, "2027-01-27", "  20 working days after 2026-12-30: 2027-01-27");
	is_int(c.left, 17, "  17 left on 4 January (5-8, 11-15, 18-22, 25-27 Jan)");
	json_decref(rec);

	char *m = go_request_mask("电话 13812345678 或 110101199003074514");
	is_str(m, "电话 138****5678 或 1101**********4514", "go_request_mask masks every number");
	free(m);
	m = go_request_mask_name("欧阳修");
	is_str(m, "欧**", "go_request_mask_name keeps the first character");
	free(m);
	char *n = go_request_norm_asks("２０２５年度 行政处罚，决定书。");
	is_str(n, "2025年度行政处罚决定书", "go_request_norm_asks folds and strips");
	free(n);

	git_signature_free(sig);
	go_store_free(s);
	char *rm = go_xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		return 2;
	free(rm);
	return done();
}
