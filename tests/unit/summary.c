/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/summary.c: UTF-8 prefixes, error codes, the summary lines (issue 17). */
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "tap.h"

int main(void)
{
	const char *s = "一二三"; /* 3 bytes each */
	is_int(go_utf8_prefix(s, 40), 9, "a short text whole");
	is_int(go_utf8_prefix(s, 7), 6, "never half a character: 7 bytes give 6");
	is_int(go_utf8_prefix(s, 6), 6, "a cut on a boundary stays");
	is_int(go_utf8_prefix(s, 2), 0, "less than one character: nothing");
	is_int(go_utf8_prefix("abcdef", 4), 4, "ASCII cut anywhere");
	ok(go_utf8_valid(s, go_utf8_prefix(s, 5)), "the prefix is valid UTF-8");

	json_t *rec = json_loads("{\"id\":\"A-1\",\"title\":\"电话 13812345678 的通知\",\"problems\":["
				    "{\"code\":\"x\",\"severity\":\"error\"},"
				    "{\"code\":\"w\",\"severity\":\"warning\"},"
				    "{\"code\":\"x\",\"severity\":\"error\"},"
				    "{\"code\":\"y\",\"severity\":\"error\"}]}", 0, NULL);
	char *codes = go_error_codes(rec, 0);
	is_str(codes, "x, y", "the error codes, each once, warnings left out");
	free(codes);
	codes = go_error_codes(rec, 3);
	is_str(codes, "y", "from an index on");
	free(codes);
	tap_stderr_begin();
	is_int(go_summary_errors(rec), 1, "a record with errors: a line");
	char *said = tap_stderr_end();
	ok(strstr(said, "A-1《电话 138****5678 的通知》：x, y\n") != NULL, "id, masked title, codes");
	free(said);
	json_decref(rec);
	return done();
}
