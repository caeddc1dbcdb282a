/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * check.c — SPEC §4 rules 0-6, 8 and 9, one function a rule. go-check-reason
 * runs them; go-publish runs the same code in-process before it writes.
 */
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "go-archive.h"

#define PROBLEM(sev, code, field, ...) go_problem(rec, o->tool, sev, code, field, __VA_ARGS__)

/* A date field: 0 and *day when it is a real date; -1 when absent; -2 (reported) when bad. */
static int date_field(json_t *rec, const go_check_opts *o, const json_t *obj,
		      const char *key, const char *field, int *day)
{
	const json_t *v = json_object_get(obj, key);
	if (!v)
		return -1;
	if (go_parse_date(json_string_value(v), day) == 0)
		return 0;
	PROBLEM(GO_ERROR, "invalid-date", field,
		"%s 不是有效日期，应为 YYYY-MM-DD 格式的真实日期。", field);
	return -2;
}

/* Rule 0: the fields every record has. */
static void rule0_fields(json_t *rec, const go_check_opts *o, const char *attr)
{
	const json_t *id = json_object_get(rec, "id");
	if (!id)
		PROBLEM(GO_ERROR, "missing-id", "id", "缺少索引号（id）。");
	else if (!json_is_string(id) || !go_valid_id(json_string_value(id)))
		PROBLEM(GO_ERROR, "invalid-id", "id",
			"索引号（id）格式不合规：须为 1–128 字节的 A-Z a-z 0-9 . _ -，"
			"以 / 分段，不得有空段、. 或 ..。");

	static const char *const required[] = {"office", "kind", "date", "title"};
	for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
		const char *f = required[i];
		if (strcmp(f, "title") == 0 && attr && strcmp(attr, "withheld") == 0)
			continue;
		const char *v = go_str(rec, f);
		if (!v || !*v)
			PROBLEM(GO_ERROR, "missing-field", f, "缺少必填字段 %s。", f);
	}
	const char *kind = go_str(rec, "kind");
	if (kind && *kind && !go_norm_kind(kind)) {
		char *shown = go_pii_masked(kind, strlen(kind), 1, NULL);
		PROBLEM(GO_ERROR, "unknown-kind", "kind", "文件类型（kind）“%s”不在规定的类型之列。", shown);
		free(shown);
	}

	int day;
	if (go_str(rec, "date") && *go_str(rec, "date"))
		date_field(rec, o, rec, "date", "date", &day);
	/* A response's published may carry a time: response.c checks it. */
	if (!kind || strcmp(kind, "response") != 0)
		date_field(rec, o, rec, "published", "published", &day);
	date_field(rec, o, rec, "decided", "decided", &day);
	date_field(rec, o, rec, "abolished_date", "abolished_date", &day);
	date_field(rec, o, json_object_get(rec, "review"), "date", "review.date", &day);
}

/* Rule 1: an attribute, decided at the source. */
static void rule1_attribute(json_t *rec, const go_check_opts *o, const char *attr)
{
	if (!json_object_get(rec, "attribute"))
		PROBLEM(GO_ERROR, "missing-attribute", "attribute",
			"缺少公开属性（attribute）：拟制公文时须明确主动公开、依申请公开或不予公开（公开属性源头认定）。");
	else if (!attr)
		PROBLEM(GO_ERROR, "invalid-attribute", "attribute",
			"公开属性（attribute）须为 proactive、on-request 或 withheld（主动公开、依申请公开、不予公开）。");
}

int go_is_placeholder(const char *s)
{
	static const char *const words[] = {
		"无", "無", "略", "不公开", "不公開", "暂无", "暫無", "N/A", "n/a", "NA", "na",
		"none", "None", "-", "/", "…", "……", NULL,
	};
	/* Skip ASCII white space and the ideographic space U+3000 at both ends. */
	size_t n = strlen(s);
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++, n--;
		else if (n >= 3 && memcmp(s, "\u3000", 3) == 0) s += 3, n -= 3;
		else break;
	}
	for (;;) {
		if (n && strchr(" \t\n\r", s[n - 1])) n--;
		else if (n >= 3 && (memcmp(s + n - 3, "\u3000", 3) == 0 ||
				    memcmp(s + n - 3, "。", 3) == 0)) n -= 3;
		else break;
	}
	if (n == 0)
		return 1;
	for (const char *const *w = words; *w; w++)
		if (strlen(*w) == n && memcmp(*w, s, n) == 0)
			return 1;
	return 0;
}

/* Rule 2: reasons and legal basis. */
static void rule2_reason(json_t *rec, const go_check_opts *o, const char *attr)
{
	int needs_reason = (attr && strcmp(attr, "proactive") != 0) ||
			   json_object_get(rec, "drafted_for");
	const json_t *reason = json_object_get(rec, "reason");
	if (needs_reason && (!json_is_string(reason) || go_is_placeholder(json_string_value(reason)))) {
		if (json_object_get(rec, "drafted_for") && (!attr || strcmp(attr, "proactive") == 0))
			PROBLEM(GO_ERROR, "missing-reason", "reason",
				"代拟稿（drafted_for）须对公开属性提出明确建议并书面说明理由（reason）。");
		else
			PROBLEM(GO_ERROR, "missing-reason", "reason",
				"%s的信息须书面说明理由（reason），“无”“略”等占位词不算。",
				go_word(strcmp(attr, "withheld") == 0 ? "不予公开" : "依申请公开"));
	}

	const json_t *basis = json_object_get(rec, "basis");
	if (basis && !json_is_array(basis)) {
		PROBLEM(GO_ERROR, "invalid-basis", "basis", "法律依据（basis）须为代码数组，如 [\"ogi-16-internal\"]。");
		return;
	}
	size_t i, unknown = 0;
	json_t *code;
	char list[512] = "";
	json_array_foreach(basis, i, code) {
		const char *c = json_string_value(code);
		if (!go_basis_lookup(c)) {
			unknown++;
			if (strlen(list) + 64 < sizeof list) {
				size_t len = strlen(list);
				char *shown = go_pii_masked(c ? c : "(非字符串)", c ? strlen(c) : 15, 1, NULL);
				/* 40 bytes at most, never half a character */
				snprintf(list + len, sizeof list - len, "%s“%.*s”",
					 len ? "、" : "", (int)go_utf8_prefix(shown, 40), shown);
				free(shown);
			}
		}
	}
	if (unknown)
		PROBLEM(GO_ERROR, "invalid-basis", "basis",
			"法律依据（basis）中有未知代码 %s；可用代码见《政府信息公开条例》第十四至十六条（ogi-14-secret 等）。",
			list);
	else if (attr && strcmp(attr, "withheld") == 0 && json_array_size(basis) == 0)
		PROBLEM(GO_ERROR, "missing-basis", "basis",
			"不予公开须至少列明一项法律依据（basis），对应《政府信息公开条例》第十四、十五或十六条。");
}

/* Rule 3: a policy-kind document proposed withheld is reviewed by the disclosure office. */
static void rule3_review(json_t *rec, const go_check_opts *o, const char *attr)
{
	if (!attr || strcmp(attr, "withheld") != 0 || !go_is_policy_kind(go_str(rec, "kind")))
		return;
	const char *result = go_str(json_object_get(rec, "review"), "result");
	if (result && strcmp(result, "rejected") == 0)
		PROBLEM(GO_ERROR, "review-rejected", "review",
			"政务公开办审查未同意不予公开（review.result 为 rejected），不得按不予公开处理。");
	else if (!result || strcmp(result, "approved") != 0)
		PROBLEM(GO_ERROR, "missing-review", "review",
			"拟不公开的政策性文件须在报批前送政务公开办审查（review.result 须为 approved）。");
}

/* Rule 4: the five disclosures. */
static void rule4_category(json_t *rec, const go_check_opts *o, const char *attr)
{
	const json_t *cat = json_object_get(rec, "category");
	if (cat && !go_norm_category(json_string_value(cat)))
		PROBLEM(GO_ERROR, "invalid-category", "category",
			"五公开类别（category）须为 decision、execution、management、service 或 result。");
	else if (!cat && attr && strcmp(attr, "proactive") == 0)
		PROBLEM(GO_ERROR, "missing-category", "category",
			"主动公开的信息须标明五公开类别（category：决策、执行、管理、服务、结果）。");
}

/* Rule 5: a decision draft is published for comment, at least 30 days. */
static void rule5_consultation(json_t *rec, const go_check_opts *o, const char *attr)
{
	const char *kind = go_str(rec, "kind");
	if (!kind || strcmp(kind, "decision-draft") != 0 || (attr && strcmp(attr, "withheld") == 0))
		return;
	json_t *c = json_object_get(rec, "consultation");
	if (!json_is_object(c)) {
		PROBLEM(GO_ERROR, "missing-consultation", "consultation",
			"决策草案须在决策前向社会公开征求意见（consultation：start、end、basis_published）。");
		return;
	}
	int start, end, decided;
	int has_start = date_field(rec, o, c, "start", "consultation.start", &start);
	int has_end = date_field(rec, o, c, "end", "consultation.end", &end);
	if (has_start == -1 || has_end == -1)
		PROBLEM(GO_ERROR, "missing-consultation", has_start == -1 ? "consultation.start" : "consultation.end",
			"征求意见须写明起止日期（consultation.start 与 consultation.end）。");
	if (!json_is_true(json_object_get(c, "basis_published")))
		PROBLEM(GO_ERROR, "missing-consultation", "consultation.basis_published",
			"征求意见时须同时公布决策依据（consultation.basis_published 为 true）。");
	if (has_start == 0 && has_end == 0 && end - start < 30) {
		const char *why = go_str(c, "shortened_reason");
		if (why && !go_is_placeholder(why))
			PROBLEM(GO_WARNING, "short-consultation", "consultation",
				"征求意见期为 %d 日，少于 30 日（《重大行政决策程序暂行条例》第十五条），已说明缩短理由。",
				end - start);
		else
			PROBLEM(GO_ERROR, "short-consultation", "consultation",
				"征求意见期为 %d 日，少于 30 日（《重大行政决策程序暂行条例》第十五条），且未说明缩短理由（shortened_reason）。",
				end - start);
	}
	if (has_end == 0 && go_parse_date(go_str(rec, "decided"), &decided) == 0 && decided < end)
		PROBLEM(GO_ERROR, "decided-before-consultation-ended", "decided",
			"决定日期（decided）早于征求意见截止日（consultation.end）。");
}

/* Rule 6: a meeting on people's livelihood says how the public takes part. */
static void rule6_meeting(json_t *rec, const go_check_opts *o)
{
	const json_t *m = json_object_get(rec, "meeting");
	if (!json_is_object(m))
		return;
	const json_t *open = json_object_get(m, "open");
	const json_t *channels = json_object_get(m, "channels");
	if (json_is_true(json_object_get(m, "livelihood"))) {
		if (!json_is_boolean(json_object_get(m, "attendees_invited")))
			PROBLEM(GO_ERROR, "missing-meeting-plan", "meeting.attendees_invited",
				"涉及民生的会议须写明是否邀请利益相关方、公众代表等列席（meeting.attendees_invited）。");
		if (!json_is_boolean(open))
			PROBLEM(GO_ERROR, "missing-meeting-plan", "meeting.open",
				"涉及民生的会议须写明是否公开（meeting.open）。");
		else if (json_is_true(open) && json_array_size(channels) == 0)
			PROBLEM(GO_ERROR, "missing-meeting-plan", "meeting.channels",
				"公开的会议须写明公开渠道（meeting.channels）。");
	}
	if (json_is_true(json_object_get(m, "public_interest")) && json_is_true(open)) {
		size_t i;
		json_t *ch;
		int live = 0;
		json_array_foreach(channels, i, ch) {
			static const char *const lives[] = {"livestream", "broadcast", "tv", "online", "new-media"};
			for (size_t k = 0; k < sizeof lives / sizeof *lives; k++)
				if (json_string_value(ch) && strcmp(json_string_value(ch), lives[k]) == 0)
					live = 1;
		}
		if (!live)
			PROBLEM(GO_WARNING, "no-live-channel", "meeting.channels",
				"涉及公众利益的公开会议宜采取广播电视、网络和新媒体直播等方式（meeting.channels）。");
	}
}

/* Rule 8: OGI article 26, published within 20 working days. */
static void rule8_deadline(json_t *rec, const go_check_opts *o, const char *attr)
{
	int date, published;
	if (!attr || strcmp(attr, "proactive") != 0 || go_parse_date(go_str(rec, "date"), &date) != 0)
		return;
	const json_t *p = json_object_get(rec, "published");
	if (!p)
		published = o->today;
	else if (go_parse_day(json_string_value(p), &published) != 0)
		return; /* reported as invalid-date */
	int deadline = go_add_workdays(date, 20);
	if (published > deadline) {
		char d[11], pd[11];
		go_format_date(deadline, d);
		go_format_date(published, pd);
		PROBLEM(GO_WARNING, "late-publication", p ? "published" : "date",
			"主动公开的信息应自形成之日起 20 个工作日内公开（《政府信息公开条例》第二十六条），期限为 %s，%s为 %s，已超过 %d 个工作日。",
			d, go_word(p ? "发布日期" : "今天"), pd, go_workdays_between(deadline, published));
	}
}

/* Rule 9: every personal number in one text of a proactive record, up to
 * GO_PII_MAX_PER_FIELD problems and then one that counts the rest. */
static void pii_text(json_t *rec, const go_check_opts *o, const char *field,
		     const char *what, const char *s, size_t n)
{
	go_pii hit;
	size_t at = 0, listed = 0, more = 0, more_errors = 0;
	while (at < n && go_pii_find_from(s, n, at, &hit)) {
		at = hit.off + hit.len;
		int warning = go_pii_is_warning(hit.kind);
		if (listed == GO_PII_MAX_PER_FIELD) {
			more++;
			more_errors += !warning;
			continue;
		}
		listed++;
		char masked[32];
		go_pii_mask(s, &hit, masked);
		if (warning)
			PROBLEM(GO_WARNING, "pii-in-proactive", field,
				"主动公开的%s中含有%s（%s），如非对外公布的办公电话，公开前须删除或作区分处理（《政府信息公开条例》第十五条）。",
				what, go_pii_name(hit.kind), masked);
		else
			PROBLEM(GO_ERROR, "pii-in-proactive", field, GO_PII_MESSAGE,
				what, go_pii_name(hit.kind), masked);
	}
	if (more)
		PROBLEM(more_errors ? GO_ERROR : GO_WARNING, "pii-in-proactive", field,
			"主动公开的%s中另有 %zu 处个人信息未逐一列出（每个字段最多列出 %d 处），公开前须全部删除或作区分处理（《政府信息公开条例》第十五条）。",
			what, more, GO_PII_MAX_PER_FIELD);
}

/* --mask: every finding in title and body replaced by its masked form. kept:
 * the masked warning of an earlier run, said again when nothing is left to mask
 * (so that running twice gives what running once does). */
static void mask_fields(json_t *rec, const go_check_opts *o, json_t *kept)
{
	static const char *const fields[] = {"title", "body"};
	size_t total = 0;
	for (size_t i = 0; i < 2; i++) {
		const json_t *v = json_object_get(rec, fields[i]);
		size_t count;
		if (!json_is_string(v))
			continue;
		char *m = go_pii_masked(json_string_value(v), json_string_length(v), 0, &count);
		if (count)
			json_object_set_new(rec, fields[i], json_string(m));
		free(m);
		total += count;
	}
	if (total)
		PROBLEM(GO_WARNING, "masked", NULL,
			"标题和正文中的 %zu 处个人信息已替换为去标识化形式（--mask），公开前请核对。", total);
	else if (kept)
		PROBLEM(GO_WARNING, "masked", NULL, "%s", go_str(kept, "message"));
}

/* This tool's masked warning in rec, or NULL (borrowed). */
static json_t *masked_before(json_t *rec, const char *tool)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(rec, "problems"), i, p) {
		const char *code = go_str(p, "code"), *t = go_str(p, "tool");
		if (code && t && go_str(p, "message") && !strcmp(code, "masked") && !strcmp(t, tool))
			return p;
	}
	return NULL;
}

/* Rule 9: no personal information in what is made public: title, body and
 * the text of the attachments. */
static void rule9_pii(json_t *rec, const go_check_opts *o, const char *attr)
{
	if (!attr || strcmp(attr, "proactive") != 0)
		return;
	static const char *const fields[] = {"title", "body"};
	for (size_t i = 0; i < 2; i++) {
		const json_t *v = json_object_get(rec, fields[i]);
		if (json_is_string(v))
			pii_text(rec, o, fields[i], go_word(i == 0 ? "标题（title）" : "正文（body）"),
				 json_string_value(v), json_string_length(v));
	}
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(rec, "attachments"), i, a) {
		const char *path = go_str(a, "path"), *name = go_str(a, "name");
		if (!path)
			continue; /* in a store already: scanned when it was published */
		if (!name)
			name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		char *text, *why;
		size_t len;
		char *shown = go_pii_masked(name, strlen(name), 1, NULL);
		int rc = go_attach_text(path, name, &text, &len, &why);
		if (rc < 0)
			PROBLEM(GO_WARNING, "attachment-not-scanned", "attachments",
				"附件“%s”无法读取，未检查其中的个人信息：%s。", shown, why);
		else if (rc == 0) {
			char *what = go_xasprintf(go_word("附件“%s”"), shown);
			pii_text(rec, o, "attachments", what, text, len);
			free(what);
		}
		free(shown);
		free(text);
		free(why);
	}
}

/* ---- issue 19: validity, links, withdrawal -------------------------------- */

const char *go_validity_date(const json_t *rec)
{
	const char *d = go_str(rec, "validity_date");
	return d ? d : go_str(rec, "abolished_date");
}

int go_is_withdrawn(const json_t *rec)
{
	return json_is_object(json_object_get(rec, "withdrawn"));
}

/* A dated step of the record's life ({"date", "reason"[, "by"]}). */
static void life_step(json_t *rec, const go_check_opts *o, const char *key,
		      const char *code, const char *what)
{
	const json_t *v = json_object_get(rec, key);
	if (!v)
		return;
	const char *why = go_str(v, "reason");
	int day;
	if (!json_is_object(v) || go_parse_date(go_str(v, "date"), &day) != 0 ||
	    !why || go_is_placeholder(why))
		PROBLEM(GO_ERROR, code, key,
			"%s（%s）须为 {\"date\": \"YYYY-MM-DD\", \"reason\": \"理由\"}，"
			"写明日期和理由，“无”“略”等占位词不算。", go_word(what), key);
}

int go_check_validity(json_t *rec, const go_check_opts *o)
{
	size_t before = go_error_count(rec);
	const json_t *v = json_object_get(rec, "validity");
	const char *code = v ? go_norm_validity(json_string_value(v)) : "in-force";
	if (!code)
		PROBLEM(GO_ERROR, "invalid-validity", "validity",
			"效力状态（validity）须为 in-force、amended、abolished 或 expired"
			"（现行有效、已修改、已废止、失效）。");
	const char *vkey = json_object_get(rec, "validity_date") ? "validity_date" :
			   "abolished_date";
	int vday = 0, day;
	int has = date_field(rec, o, rec, "validity_date", "validity_date", &vday);
	if (has == -1)
		has = go_parse_date(go_str(rec, "abolished_date"), &vday) == 0 ? 0 :
		      json_object_get(rec, "abolished_date") ? -2 : -1;
	if (code && (!strcmp(code, "abolished") || !strcmp(code, "expired")) && has == -1)
		PROBLEM(GO_ERROR, "missing-validity-date", "validity_date",
			"效力状态为%s的文件须写明%s日期（validity_date）。",
			go_word(!strcmp(code, "abolished") ? "已废止" : "失效"),
			go_word(!strcmp(code, "abolished") ? "废止" : "失效"));
	if (has == 0 && go_parse_date(go_str(rec, "date"), &day) == 0 && vday < day)
		PROBLEM(GO_ERROR, "validity-date-before-date", vkey,
			"效力变更日期（%s）%s 早于成文日期（date）%s。", vkey, go_str(rec, vkey),
			go_str(rec, "date"));
	static const char *const links[] = {"amends", "replaces"};
	for (size_t i = 0; i < 2; i++) {
		const json_t *l = json_object_get(rec, links[i]);
		const char *id = json_string_value(l), *self = go_str(rec, "id");
		if (l && (!id || !go_valid_id(id) || (self && !strcmp(id, self))))
			PROBLEM(GO_ERROR, "invalid-link", links[i],
				"%s 须为另一份文件的索引号（id）。", links[i]);
	}
	life_step(rec, o, "withdrawn", "invalid-withdrawn", "撤回");
	life_step(rec, o, "reinstated", "invalid-reinstated", "恢复");
	return (int)(go_error_count(rec) - before);
}

int go_check_record(json_t *rec, const go_check_opts *o)
{
	json_t *kept = o->mask ? json_incref(masked_before(rec, o->tool)) : NULL;
	go_problems_clear(rec, o->tool);
	go_problems_check(rec, o->tool);
	size_t before = go_error_count(rec);
	go_normalise(rec);
	if (o->mask)
		mask_fields(rec, o, kept);
	json_decref(kept);
	const char *attr = go_norm_attribute(go_str(rec, "attribute"));
	rule0_fields(rec, o, attr);
	rule1_attribute(rec, o, attr);
	rule2_reason(rec, o, attr);
	rule3_review(rec, o, attr);
	rule4_category(rec, o, attr);
	rule5_consultation(rec, o, attr);
	rule6_meeting(rec, o);
	rule8_deadline(rec, o, attr);
	rule9_pii(rec, o, attr);
	go_check_validity(rec, o);
	go_check_response(rec, o);
	go_check_office(rec, o);
	return (int)(go_error_count(rec) - before);
}

/* The office's confirmation of an attribute: {"by": who, "date": YYYY-MM-DD}. */
static int confirmed(const json_t *c)
{
	const char *by = go_str(c, "by");
	int day;
	return by && !go_is_placeholder(by) && go_parse_date(go_str(c, "date"), &day) == 0;
}

int go_check_confirmed(json_t *rec, const char *tool, const char *accepted_by)
{
	const char *attr = go_norm_attribute(go_str(rec, "attribute"));
	if (!attr || strcmp(attr, "proactive") != 0 ||
	    !json_object_get(json_object_get(rec, "classified_by"), "attribute"))
		return 0;
	const json_t *c = json_object_get(rec, "attribute_confirmed");
	if (confirmed(c))
		return 0;
	if (accepted_by)
		return 1;
	const char *rule = go_str(json_object_get(rec, "classified_by"), "attribute");
	char *shown = go_pii_masked(rule ? rule : "?", rule ? strlen(rule) : 1, 1, NULL);
	if (c)
		go_problem(rec, tool, GO_ERROR, "unconfirmed-attribute", "attribute_confirmed",
			   "公开属性确认（attribute_confirmed）须写明确认人（by）和确认日期（date，YYYY-MM-DD）。");
	else
		go_problem(rec, tool, GO_ERROR, "unconfirmed-attribute", "attribute",
			   "主动公开属性是规则 %s 的建议（classified_by.attribute），尚未经业务处室确认："
			   "须在 attribute_confirmed 中写明确认人和日期，或由 go-publish --accept-classified 确认本批（公开属性源头认定）。",
			   shown);
	free(shown);
	return -1;
}

/*
 * Scraped pinyin ("進(jìn)"): a CJK character (a 3-byte sequence E3-E9), then a
 * half- or full-width parenthesis around lower-case Latin letters, one at least
 * with a tone mark (U+00E0-U+01DC). 1 and the annotation's bytes, else 0.
 * (match.c skips such annotations when matching; this only finds them, and
 * stays out of the OpenCC-linked matcher.)
 */
static int find_pinyin(const char *text, size_t *off, size_t *len)
{
	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] < 0xE3 || s[i] > 0xE9 || !s[i + 1] || !s[i + 2])
			continue;
		size_t c = i + 3, k;
		k = s[c] == '(' ? c + 1 :
		    s[c] == 0xEF && s[c + 1] == 0xBC && s[c + 2] == 0x88 ? c + 3 : 0;
		if (!k)
			continue;
		int letters = 0, tone = 0;
		for (;;) {
			if (s[k] >= 'a' && s[k] <= 'z')
				k++, letters++;
			else if (s[k] >= 0xC3 && s[k] <= 0xC7 && s[k + 1] >= 0x80 && s[k + 1] <= 0xBF)
				k += 2, letters++, tone = 1;
			else
				break;
		}
		size_t close = s[k] == ')' ? 1 :
			       s[k] == 0xEF && s[k + 1] == 0xBC && s[k + 2] == 0x89 ? 3 : 0;
		if (close && tone && letters <= 6) {
			*off = c;
			*len = k + close - c;
			return 1;
		}
	}
	return 0;
}

/*
 * Issue 17: the checks the office expects next to the rules. Dates in order
 * (date not after today, published and validity_date not before date),
 * published only on what is published, no scraped pinyin in a public title,
 * and a consultation counted from the day the public could see it.
 */
void go_check_office(json_t *rec, const go_check_opts *o)
{
	const char *attr = go_norm_attribute(go_str(rec, "attribute"));
	const char *kind = go_str(rec, "kind");
	int date, published = -1, start, end;
	char d1[11], d2[11];
	int has_date = go_parse_date(go_str(rec, "date"), &date) == 0;
	int has_published = go_parse_day(go_str(rec, "published"), &published) == 0;

	if (has_date && date > o->today) {
		go_format_date(o->today, d1);
		PROBLEM(GO_ERROR, "future-date", "date",
			"成文日期（date）%s 晚于今天（%s）：日期有误，或文件尚未形成。",
			go_str(rec, "date"), d1);
	}
	if (has_date && has_published && published < date) {
		go_format_date(date, d1);
		go_format_date(published, d2);
		PROBLEM(GO_ERROR, "published-before-date", "published",
			"发布日期（published）%s 早于成文日期（date）%s。", d2, d1);
	}
	/* validity_date before date: validity-date-before-date, go_check_validity's */
	if (attr && !strcmp(attr, "on-request") && json_object_get(rec, "published"))
		PROBLEM(GO_WARNING, "published-on-request", "published",
			"依申请公开的信息不主动发布，不应有发布日期（published）；"
			"答复申请人的日期记在申请的答复中。");
	const char *title = go_str(rec, "title");
	size_t off, len;
	if (attr && !strcmp(attr, "proactive") && title &&
	    find_pinyin(title, &off, &len))
		PROBLEM(GO_WARNING, "pinyin-in-title", "title",
			"主动公开的标题（title）中留有抓取时带入的拼音注音“%.*s”，公开前请删去。",
			(int)len, title + off);
	/* the public's real window opens the day the draft is published */
	json_t *c = json_object_get(rec, "consultation");
	if (!kind || strcmp(kind, "decision-draft") || !attr || !strcmp(attr, "withheld") ||
	    go_parse_date(go_str(c, "start"), &start) || go_parse_date(go_str(c, "end"), &end))
		return;
	if (!has_published)
		published = o->today;
	if (published <= start)
		return;
	go_format_date(published, d1);
	go_format_date(start, d2);
	if (published > end)
		PROBLEM(GO_ERROR, "consultation-published-late", "published",
			"征求意见稿%s %s 才发布，已过征求意见截止日（consultation.end）：公众没有提出意见的机会。",
			go_word(has_published ? "于" : "今天"), d1);
	else if (end - published < 30)
		PROBLEM(GO_ERROR, "consultation-published-late", "published",
			"征求意见稿%s %s 才发布，晚于征求意见开始日 %s：公众实际只有 %d 日提出意见，"
			"少于 30 日（《重大行政决策程序暂行条例》第十五条）。",
			go_word(has_published ? "于" : "今天"), d1, d2, end - published);
	else
		PROBLEM(GO_WARNING, "consultation-published-late", "published",
			"征求意见稿%s %s 才发布，晚于征求意见开始日 %s：征求意见期应从公开之日起算。",
			go_word(has_published ? "于" : "今天"), d1, d2);
}
