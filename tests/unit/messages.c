/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/messages.c: the language of a run and the table (issue 17). */
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "tap.h"

/* The printf conversions of fmt ("%s %zu %.*s" → "s zu .*s "), into out. */
static void conversions(const char *fmt, char *out, size_t cap)
{
	size_t o = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		while (*p && !strchr("sdiucxXfgeplz", *p) && o + 2 < cap)
			out[o++] = *p++;
		while (*p && strchr("lz", *p) && o + 2 < cap)
			out[o++] = *p++;
		if (*p && o + 2 < cap)
			out[o++] = *p;
		out[o++] = ' ';
		if (!*p)
			break;
	}
	out[o] = '\0';
}

static void lang(const char *all, const char *messages, const char *lang_)
{
	const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"}, *v[] = {all, messages, lang_};
	for (int i = 0; i < 3; i++)
		if (v[i])
			setenv(names[i], v[i], 1);
		else
			unsetenv(names[i]);
}

int main(void)
{
	int bad = 0, twice = 0, n = 0;
	for (const go_message *m = go_messages; m->code; m++, n++) {
		char a[128], b[128];
		conversions(m->zh, a, sizeof a);
		conversions(m->en, b, sizeof b);
		if (strcmp(a, b)) {
			printf("# %s: '%s' has %s, its English %s\n", m->code, m->zh, a, b);
			bad++;
		}
		for (const go_message *k = go_messages; k < m; k++)
			if (!strcmp(k->code, m->code) && !strcmp(k->zh, m->zh)) {
				printf("# %s: '%s' twice\n", m->code, m->zh);
				twice++;
			}
	}
	ok(n > 100, "the table holds the messages");
	is_int(bad, 0, "each English text has its Chinese one's conversions, in order");
	is_int(twice, 0, "no text twice under one code");

	lang(NULL, NULL, NULL);
	is_int(go_lang_env(), GO_LANG_ZH, "no locale: Chinese");
	lang(NULL, NULL, "zh_CN.UTF-8");
	is_int(go_lang_env(), GO_LANG_ZH, "LANG=zh_CN.UTF-8: Chinese");
	lang(NULL, NULL, "en_US.UTF-8");
	is_int(go_lang_env(), GO_LANG_EN, "LANG=en_US.UTF-8: English");
	lang(NULL, NULL, "C.UTF-8");
	is_int(go_lang_env(), GO_LANG_ZH, "LANG=C.UTF-8: Chinese, the office's language");
	lang(NULL, "en_GB.UTF-8", "zh_CN.UTF-8");
	is_int(go_lang_env(), GO_LANG_EN, "LC_MESSAGES before LANG");
	lang("zh_CN.UTF-8", "en_GB.UTF-8", "en_US.UTF-8");
	is_int(go_lang_env(), GO_LANG_ZH, "LC_ALL before LC_MESSAGES");
	lang("", "", "en_US.UTF-8");
	is_int(go_lang_env(), GO_LANG_EN, "an empty variable counts as unset");

	const char *zh = "缺少索引号（id）。";
	lang(NULL, NULL, "en_US.UTF-8");
	is_str(go_msg("missing-id", zh), "No id.", "English: the table's text");
	is_str(go_msg("missing-id", "不在表中"), "不在表中", "a text the table lacks stays Chinese");
	is_str(go_msg("invalid-id", zh), zh, "the text of another code is not taken");
	is_str(go_word("主动公开"), "proactive", "a word");
	lang(NULL, NULL, "zh_CN.UTF-8");
	ok(go_msg("missing-id", zh) == zh, "Chinese: the text itself");

	json_t *rec = json_object();
	lang(NULL, NULL, "en_US.UTF-8");
	go_problem(rec, "t", GO_ERROR, "missing-field", "title", "缺少必填字段 %s。", "title");
	is_str(go_str(json_array_get(json_object_get(rec, "problems"), 0), "message"),
	       "The required field title is missing.", "go_problem writes the run's language");
	json_decref(rec);
	return done();
}
