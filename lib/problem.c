/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* problem.c — the problems array of SPEC §1. */
#include <stdlib.h>
#include <string.h>

#include "go.h"

void go_problem(json_t *rec, const char *tool, go_severity sev, const char *code,
		const char *field, const char *fmt, ...)
{
	json_t *list = json_object_get(rec, "problems");
	if (!json_is_array(list)) {
		/* A non-array "problems" from upstream is not ours to drop: keep it. */
		json_t *old = json_incref(list);
		list = json_array();
		if (old)
			json_array_append_new(list, old);
		json_object_set_new(rec, "problems", list);
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = go_xvasprintf(go_msg(code, fmt), ap); /* the run's language */
	va_end(ap);
	json_t *p = json_object();
	json_object_set_new(p, "code", json_string(code));
	json_object_set_new(p, "severity", json_string(sev == GO_ERROR ? "error" : "warning"));
	json_object_set_new(p, "tool", json_string(tool));
	if (field)
		json_object_set_new(p, "field", json_string(field));
	/* a message cut in the middle of a character: keep what is whole */
	size_t n = strlen(msg);
	while (n > 0 && !go_utf8_valid(msg, n))
		n--;
	json_object_set_new(p, "message", json_stringn_nocheck(msg, n));
	free(msg);
	json_array_append_new(list, p);
}

void go_problems_clear(json_t *rec, const char *tool)
{
	json_t *list = json_object_get(rec, "problems");
	for (size_t i = json_array_size(list); i-- > 0;) {
		const char *t = go_str(json_array_get(list, i), "tool");
		if (t && strcmp(t, tool) == 0)
			json_array_remove(list, i);
	}
	if (json_is_array(list) && json_array_size(list) == 0)
		json_object_del(rec, "problems");
}

void go_problems_check(json_t *rec, const char *tool)
{
	const json_t *list = json_object_get(rec, "problems");
	size_t i;
	json_t *p;
	int bad = list && !json_is_array(list);
	json_array_foreach(list, i, p)
		bad |= !json_is_object(p) || !go_str(p, "code");
	if (bad)
		go_problem(rec, tool, GO_WARNING, "invalid-problems", "problems",
			   "problems 字段应为问题对象的数组（SPEC §1）；原有内容已原样保留，请核对。");
}

size_t go_error_count(const json_t *rec)
{
	const json_t *list = json_object_get(rec, "problems");
	size_t i, n = 0;
	json_t *p;
	json_array_foreach(list, i, p) {
		const char *sev = go_str(p, "severity");
		n += sev && strcmp(sev, "error") == 0;
	}
	return n;
}

int go_has_error(const json_t *rec)
{
	return go_error_count(rec) > 0;
}
