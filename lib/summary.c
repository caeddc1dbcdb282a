/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* summary.c — the short report a run ends with, for people (issue 17): Chinese,
 * or English with LANG=en* (messages.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "go.h"

int go_summary_wanted(int flag)
{
	return flag || isatty(STDERR_FILENO);
}

/* Is code one of the items of the list "A, B, C"? */
static int listed(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && (p = strstr(p, code)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

char *go_error_codes(const json_t *rec, size_t from)
{
	json_t *list = json_object_get(rec, "problems");
	char *s = NULL;
	for (size_t i = from; i < json_array_size(list); i++) {
		json_t *p = json_array_get(list, i);
		const char *sev = go_str(p, "severity"), *code = go_str(p, "code");
		if (!sev || strcmp(sev, "error") || !code || listed(s, code))
			continue;
		char *t = s ? go_xasprintf("%s, %s", s, code) : go_xstrdup(code);
		free(s);
		s = t;
	}
	return s ? s : go_xstrdup("error");
}

size_t go_utf8_prefix(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return n;
	/* back off the continuation bytes of a character cut in half */
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

void go_summary_record(const json_t *rec, const char *what)
{
	const char *id = go_str(rec, "id"), *title = go_str(rec, "title");
	const char *at = go_str(rec, "at");
	char *shown = NULL;
	if (title) {
		/* 30 characters of Chinese are 90 bytes */
		size_t n = go_utf8_prefix(title, 90);
		char *cut = go_xasprintf("%.*s%s", (int)n, title, title[n] ? "…" : "");
		shown = go_pii_masked(cut, strlen(cut), 0, NULL);
		free(cut);
	}
	char *sid = id ? go_pii_masked(id, strlen(id), 0, NULL) : NULL;
	fprintf(stderr, go_msg("summary", "%s：%s%s%s%s：%s\n"), go_prog(),
		sid ? sid : at ? at : go_word("（无编号）"),
		shown ? go_word("《") : "", shown ? shown : "", shown ? go_word("》") : "", what);
	free(sid);
	free(shown);
}

int go_summary_errors(const json_t *rec)
{
	if (!go_has_error(rec))
		return 0;
	char *codes = go_error_codes(rec, 0);
	go_summary_record(rec, codes);
	free(codes);
	return 1;
}

void go_summary_filter_end(unsigned long records, unsigned long with_errors)
{
	fprintf(stderr, go_msg("summary", "%s：共 %lu 条记录，其中 %lu 条有错误%s\n"), go_prog(),
		records, with_errors,
		with_errors ? go_word("（见上，问题详情在各记录的 problems 中）") : "");
}
