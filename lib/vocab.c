/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* vocab.c — the words of SPEC §1-§3: codes, their Chinese synonyms, ids, legal basis. */
#include <string.h>
#include <strings.h>

#include "go.h"

struct word {
	const char *code;
	const char *synonyms[10]; /* simplified and traditional script */
};

static const struct word attributes[] = {
	{"proactive", {"主动公开", "主動公開", "主动", "主動"}},
	{"on-request", {"依申请公开", "依申請公開", "依申请", "依申請"}},
	{"withheld", {"不予公开", "不予公開", "不公开", "不公開"}},
	{NULL, {NULL}},
};

static const struct word categories[] = {
	{"decision", {"决策公开", "決策公開", "决策", "決策"}},
	{"execution", {"执行公开", "執行公開", "执行", "執行"}},
	{"management", {"管理公开", "管理公開", "管理"}},
	{"service", {"服务公开", "服務公開", "服务", "服務"}},
	{"result", {"结果公开", "結果公開", "结果", "結果"}},
	{NULL, {NULL}},
};

static const struct word kinds[] = {
	{"rule", {"规章", "規章"}},
	{"normative", {"行政规范性文件", "行政規範性文件", "规范性文件", "規範性文件"}},
	{"policy", {"其他政策性文件", "政策性文件"}},
	{"decision-draft", {"决策草案", "決策草案", "征求意见稿", "徵求意見稿"}},
	{"interpretation", {"政策解读", "政策解讀", "解读", "解讀"}},
	{"meeting", {"会议", "會議"}},
	{"notice", {"通知公告", "通知", "公告"}},
	{"report", {"报告", "報告", "总结", "總結", "计划", "計劃", "工作要点", "工作要點"}},
	{"guide", {"办事服务指南", "辦事服務指南", "办事指南", "辦事指南", "服务指南", "服務指南"}},
	{"license", {"行政许可决定", "行政許可決定", "行政许可", "行政許可"}},
	{"penalty", {"行政处罚决定", "行政處罰決定", "行政处罚", "行政處罰"}},
	{"enforcement", {"行政强制决定", "行政強制決定", "行政强制", "行政強制"}},
	{"response", {"回应关切", "回應關切"}},
	{"feedback", {"意见采纳情况", "意見採納情況"}},
	{"repost", {"转载", "轉載"}},
	{"other", {"其他", "其它"}},
	{NULL, {NULL}},
};

/* Issue 19: the validity of a document (SPEC §7, lifecycle). */
static const struct word validities[] = {
	{"in-force", {"现行有效", "現行有效", "有效"}},
	{"amended", {"已修改", "已修订", "已修訂"}},
	{"abolished", {"已废止", "已廢止", "废止", "廢止"}},
	{"expired", {"失效", "已失效"}},
	{NULL, {NULL}},
};

const go_basis go_basis_table[] = {
	{"ogi-14-secret", "第十四条（国家秘密）", "属于国家秘密"},
	{"ogi-14-law", "第十四条（法律、行政法规禁止公开）", "其他法律行政法规禁止公开"},
	{"ogi-14-safety", "第十四条（危及国家安全、公共安全、经济安全、社会稳定）",
	 "危及“三安全一稳定”"},
	{"ogi-15-third-party", "第十五条（商业秘密、个人隐私）", "保护第三方合法权益"},
	{"ogi-16-internal", "第十六条第一款（人事管理、后勤管理、内部工作流程）",
	 "属于三类内部事务信息"},
	{"ogi-16-process", "第十六条第二款（讨论记录、过程稿、磋商信函、请示报告）",
	 "属于四类过程性信息"},
	{"ogi-16-case-file", "第十六条第二款（行政执法案卷）", "属于行政执法案卷"},
	{NULL, NULL, NULL},
};

/* s[0..n) (already trimmed) is w: the first byte before anything else, as
 * most words differ there (lookup tries every word of a table). */
static int same_word(const char *s, size_t n, const char *w, int ignore_case)
{
	if (ignore_case ? (s[0] | 0x20) != (w[0] | 0x20) : s[0] != w[0])
		return 0;
	return n == strlen(w) &&
	       (ignore_case ? strncasecmp(s, w, n) : memcmp(s, w, n)) == 0;
}

/* The code of s, without leading and trailing ASCII white space, in table. */
static const char *lookup(const struct word *table, const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return NULL;
	/* The codes first, the usual case (codes are ASCII, synonyms Chinese:
	 * no code is another word's synonym, so the order does not matter). */
	for (const struct word *w = table; w->code; w++)
		if (same_word(s, n, w->code, 1))
			return w->code;
	for (const struct word *w = table; w->code; w++)
		for (const char *const *syn = w->synonyms; *syn; syn++)
			if (same_word(s, n, *syn, 0))
				return w->code;
	return NULL;
}

const char *go_norm_attribute(const char *s) { return lookup(attributes, s); }
const char *go_norm_category(const char *s) { return lookup(categories, s); }
const char *go_norm_kind(const char *s) { return lookup(kinds, s); }
const char *go_norm_validity(const char *s) { return lookup(validities, s); }

static int normalise_field(json_t *rec, const char *key, const struct word *table)
{
	const char *v = go_str(rec, key);
	const char *code = lookup(table, v);
	if (!code || strcmp(code, v) == 0)
		return 0;
	json_object_set_new(rec, key, json_string(code));
	return 1;
}

int go_normalise(json_t *rec)
{
	return normalise_field(rec, "attribute", attributes) +
	       normalise_field(rec, "category", categories) +
	       normalise_field(rec, "kind", kinds) +
	       normalise_field(rec, "validity", validities);
}

int go_is_policy_kind(const char *kind)
{
	return kind && (strcmp(kind, "rule") == 0 || strcmp(kind, "normative") == 0 ||
			strcmp(kind, "policy") == 0);
}

const go_basis *go_basis_lookup(const char *code)
{
	for (const go_basis *b = go_basis_table; code && b->code; b++)
		if (strcmp(b->code, code) == 0)
			return b;
	return NULL;
}

int go_valid_id(const char *id)
{
	size_t n = strlen(id), seg = 0;
	if (n < 1 || n > 128)
		return 0;
	for (const char *p = id;; p++) {
		if (*p == '/' || *p == '\0') {
			/* no empty, "." or ".." segment */
			if (seg == 0 || (seg == 1 && p[-1] == '.') ||
			    (seg == 2 && p[-1] == '.' && p[-2] == '.'))
				return 0;
			if (*p == '\0')
				return 1;
			seg = 0;
			continue;
		}
		char c = *p;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
		seg++;
	}
}

const char *go_str(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

const char *go_attribute_name(const char *code)
{
	for (const struct word *w = attributes; code && w->code; w++)
		if (strcmp(w->code, code) == 0)
			return go_word(w->synonyms[0]);
	return NULL;
}

int go_is_attribute_code(const char *attr)
{
	return attr && (strcmp(attr, "proactive") == 0 || strcmp(attr, "on-request") == 0 ||
			strcmp(attr, "withheld") == 0);
}
