/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* rec.h — records for the unit tests that need them: rec() parses a test
 * record, codes() lists its problems. After go.h and tap.h. */
#ifndef REC_H
#define REC_H

static json_t *rec(const char *text)
{
	json_error_t err;
	json_t *r = json_loads(text, 0, &err);
	if (!r)
		printf("# bad test JSON: %s\n", err.text);
	return r;
}

/* "code code ..." of rec's problems, or "code/severity ..." with severity. */
static __attribute__((unused)) const char *problem_codes(const json_t *r, int severity)
{
	static char buf[512];
	size_t i;
	json_t *p;
	buf[0] = 0;
	json_array_foreach(json_object_get(r, "problems"), i, p)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s%s%s", i ? " " : "",
			 go_str(p, "code"), severity ? "/" : "", severity ? go_str(p, "severity") : "");
	return buf;
}
#endif
