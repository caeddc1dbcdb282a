/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/response.c: date-times, and the join through go_interp. */
#include "go.h"
#include "tap.h"
#include "rec.h"

static const char *codes(const json_t *r) { return problem_codes(r, 0); }

int main(void)
{
	int day, want;
	go_parse_date("2026-03-02", &want);
	is_int(go_parse_day("2026-03-02", &day), 0, "a date is a day");
	is_int(day, want, "  that day");
	is_int(go_parse_day("2026-03-02T23:30+08:00", &day), 0, "a date-time with its zone");
	is_int(day, want, "  the day as written, not the UTC one");
	is_int(go_parse_day("2026-03-02T09:00:59Z", &day), 0, "seconds and Z");
	is_int(go_parse_day("2026-03-02T09:00", &day), 0, "no zone: still a day");
	is_int(go_parse_day("2026-03-02T24:00+08:00", &day), -1, "hour 24 is refused");
	is_int(go_parse_day("2026-03-02T09:00+8", &day), -1, "a short zone is refused");
	is_int(go_parse_day("2026-03-02 09:00+08:00", &day), -1, "a space for T is refused");
	is_int(go_parse_day("2026-02-30T09:00+08:00", &day), -1, "a date that does not exist");
	is_int(go_parse_day(NULL, &day), -1, "NULL");

	int today;
	go_parse_date("2026-04-01", &today);
	go_interp_opts o = {.tool = "unit", .today = today, .investigation_days = 20};
	go_interp *x = go_interp_new(&o);
	json_t *stored = rec("{\"id\":\"R-1\",\"kind\":\"response\",\"office\":\"A\",\"offices\":[\"A\"],"
			     "\"published\":\"2026-03-02T15:00+08:00\",\"investigation\":true,"
			     "\"concern\":{\"first_seen\":\"2026-03-02T09:00+08:00\",\"level\":\"ordinary\"}}");
	json_t *again = json_deep_copy(stored);
	json_t *follow = rec("{\"id\":\"R-2\",\"kind\":\"回应关切\",\"office\":\"A\",\"follows\":\"R-1\","
			     "\"published\":\"2026-03-05T10:00+08:00\"}");
	json_t *draft = rec("{\"id\":\"D-1\",\"kind\":\"decision-draft\",\"office\":\"A\",\"decided\":\"2026-03-02\","
			    "\"public_interest\":true}");
	go_interp_add_stored(x, stored);
	long nagain = go_interp_add(x, again);
	long nfollow = go_interp_add(x, follow);
	long ndraft = go_interp_add(x, draft);
	ok(nagain >= 0 && nfollow >= 0 && ndraft >= 0, "responses and drafts get a number");
	is_int(go_interp_apply(x, nfollow, follow), 0, "a follow-up of a stored response: no error");
	is_str(codes(follow), "", "  and no problem");
	is_int(go_interp_apply(x, nagain, again), 0, "an investigation without result: a warning");
	is_str(codes(again), "missing-investigation-result", "  missing-investigation-result");
	is_int(go_interp_apply(x, ndraft, draft), 1, "a decided draft of public interest without feedback: an error");
	is_str(codes(draft), "missing-feedback", "  missing-feedback");
	go_interp_free(x);
	json_decref(stored);
	json_decref(again);
	json_decref(follow);
	json_decref(draft);

	int now;
	go_parse_date("2026-03-10", &now);
	go_check_opts co = {.tool = "unit", .today = now};
	json_t *late = rec("{\"id\":\"R-3\",\"kind\":\"response\",\"office\":\"A\",\"offices\":[\"A\"],"
			   "\"attribute\":\"proactive\",\"category\":\"result\",\"title\":\"t\",\"date\":\"2026-03-02\","
			   "\"published\":\"2026-03-02T14:01+08:00\",\"concern\":{\"first_seen\":\"2026-03-02T09:00+08:00\","
			   "\"level\":\"major-emergency\",\"summary\":\"s\",\"source\":\"网络\"}}");
	is_int(go_check_record(late, &co), 0, "a late first response is no error");
	is_str(codes(late), "late-authoritative-information", "  5 h 01 min: late-authoritative-information");
	json_decref(late);
	return done();
}
