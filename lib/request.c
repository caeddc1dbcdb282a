/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * request.c — applications for government information (依申请公开, OGI
 * 第二十七条 to 第三十七条): checking an application record and its events,
 * the reply deadline (第三十条, 第三十一条, 第三十三条), table 三 of the annual
 * report, and the applications that ask for the same thing (第四十四条).
 *
 * The deadline: the period runs from the day after the receipt day (or after
 * the day the corrected request arrived, 第三十条) for 20 working days, plus the
 * working days of approved extensions, plus the working days the clock stands
 * still: from the day after a consultation (third party, 第三十二条; another
 * agency, 第三十四条) or a fee notice starts to the day it ends, inclusive.
 * Overlapping pauses count once. Working days: date.c.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"
#include "go-classify.h"

static const char *const channels[] = {"in-person", "post", "online", "fax", NULL};
const char *const go_request_columns[] = {
	"natural-person", "business", "research", "nonprofit", "legal-service", "other", NULL,
};
/* Table 三's rows of results, in the form's order: the outcomes of a reply. */
const char *const go_request_outcomes[] = {
	"public", "partly-public",
	"withheld/ogi-14-secret", "withheld/ogi-14-law", "withheld/ogi-14-safety",
	"withheld/ogi-15-third-party", "withheld/ogi-16-internal", "withheld/ogi-16-process",
	"withheld/ogi-16-case-file", "withheld/query",
	"cannot-provide/not-held", "cannot-provide/needs-creation", "cannot-provide/still-unclear",
	"not-processed/complaint", "not-processed/repeat", "not-processed/publication",
	"not-processed/excessive", "not-processed/confirmation",
	"other/no-correction", "other/no-fee", "other/other",
	NULL,
};
static const char *const events[] = {
	"correction-requested", "correction-received", "consultation-started",
	"consultation-ended", "extended", "fee-notice", "fee-paid", "replied", "withdrawn",
	NULL,
};

static int listed(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

char *go_request_mask(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = go_xmalloc(2 * n + 32);
	go_pii hit;
	while (go_pii_find(s, n, &hit)) {
		char m[32];
		go_pii_mask(s, &hit, m);
		memcpy(out + o, s, hit.off);
		o += hit.off;
		memcpy(out + o, m, strlen(m));
		o += strlen(m);
		s += hit.off + hit.len;
		n -= hit.off + hit.len;
	}
	memcpy(out + o, s, n + 1);
	return out;
}

char *go_request_mask_name(const char *name)
{
	if (!name || !*name)
		return go_xstrdup("");
	size_t first = 1;
	while (name[first] && ((unsigned char)name[first] & 0xC0) == 0x80)
		first++;
	size_t rest = 0;
	for (const char *p = name + first; *p; p++)
		rest += ((unsigned char)*p & 0xC0) != 0x80;
	char *out = go_xmalloc(first + rest + 2);
	memcpy(out, name, first);
	memset(out + first, '*', rest ? rest : 1);
	out[first + (rest ? rest : 1)] = '\0';
	return out;
}

/* ---- the clock ------------------------------------------------------------ */

static int pause_start(const char *t)
{
	return !strcmp(t, "consultation-started") || !strcmp(t, "fee-notice");
}
static int pause_end(const char *t)
{
	return !strcmp(t, "consultation-ended") || !strcmp(t, "fee-paid");
}

/*
 * The working days of the pause (from, to] counted out, from start on: at most
 * 15 for consultations (第三十二条, 第三十四条: the third party or agency has 15
 * working days), 20 when a fee notice is in it (缴费 within 20 working days,
 * 《政府信息公开信息处理费管理办法》); the rest runs on the clock (fail closed).
 */
static int pause_days(int from, int to, int start, int fee, int *over)
{
	int n = go_workdays_between(from > start ? from : start, to);
	int cap = fee ? 20 : 15;
	*over = n > cap;
	return n > cap ? cap : n;
}

/*
 * Walk the events once: the clock of rec at today, and, when check is given,
 * the problems of the events (tool check->tool).
 */
static int walk(json_t *rec, int today, go_request_clock *c, const go_request_opts *check)
{
	const char *tool = check ? check->tool : NULL;
	int received;
	int errors = 0;
#define PROBLEM(sev, code, field, ...) do { \
	if (check) { go_problem(rec, tool, sev, code, field, __VA_ARGS__); \
		errors += sev == GO_ERROR; } } while (0)

	memset(c, 0, sizeof *c);
	c->closed = -1;
	if (go_parse_date(go_str(rec, "received"), &received) < 0)
		return -1;
	c->received = received;
	c->start = received;
	int last = received, depth = 0, pause_from = 0, pause_fee = 0, corrections = 0, over;
	int waiting_correction = 0;
	json_t *list = json_object_get(rec, "events"), *e;
	size_t i;
	if (list && !json_is_array(list)) {
		PROBLEM(GO_ERROR, "invalid-event", "events", "events 应为数组");
		list = NULL;
	}
	json_array_foreach(list, i, e) {
		char field[64];
		snprintf(field, sizeof field, "events[%zu]", i);
		const char *type = go_str(e, "type");
		int day;
		if (!json_is_object(e) || !type) {
			PROBLEM(GO_ERROR, "invalid-event", field, "第 %zu 个事件缺少 type", i + 1);
			continue;
		}
		if (listed(events, type) < 0) {
			char *m = go_request_mask(type);
			PROBLEM(GO_ERROR, "unknown-event", field, "未知的事件类型“%s”", m);
			free(m);
			continue;
		}
		if (go_parse_date(go_str(e, "date"), &day) < 0) {
			PROBLEM(GO_ERROR, "invalid-date", field, "事件 %s 缺少有效日期 (YYYY-MM-DD)", type);
			continue;
		}
		if (c->is_closed) {
			PROBLEM(GO_ERROR, "invalid-event-order", field,
				"事件 %s 在答复或撤回之后：申请已办结", type);
			continue;
		}
		if (day < last) {
			PROBLEM(GO_ERROR, "invalid-event-order", field,
				"事件 %s 的日期早于%s", type, i ? "前一事件" : "收到申请之日");
		}
		if (day > last)
			last = day;

		if (!strcmp(type, "correction-requested")) {
			if (++corrections > 1) {
				PROBLEM(GO_ERROR, "second-correction", field,
					"补正只能要求一次（OGI 第三十条）");
			} else if (day > go_add_workdays(received, 7)) {
				char lim[11];
				go_format_date(go_add_workdays(received, 7), lim);
				PROBLEM(GO_ERROR, "correction-too-late", field,
					"补正应在收到申请之日起 7 个工作日内一次性告知（最晚 %s，OGI 第三十条）", lim);
			}
			waiting_correction = 1;
		} else if (!strcmp(type, "correction-received")) {
			if (!waiting_correction)
				PROBLEM(GO_ERROR, "invalid-event-order", field,
					"收到补正，但此前没有要求补正");
			waiting_correction = 0;
			c->start = day;
			c->paused = 0; /* the period runs afresh (第三十条) */
			c->corrected = 1;
			if (depth)
				pause_from = day;
		} else if (pause_start(type)) {
			if (depth++ == 0) {
				pause_from = day;
				pause_fee = 0;
			}
			pause_fee |= !strcmp(type, "fee-notice");
		} else if (pause_end(type)) {
			if (depth == 0) {
				PROBLEM(GO_ERROR, "invalid-event-order", field, "%s 之前没有对应的开始事件",
					type);
			} else if (--depth == 0) {
				c->paused += pause_days(pause_from, day, c->start, pause_fee, &over);
				if (over)
					PROBLEM(GO_WARNING, pause_fee ? "fee-too-long" : "consultation-too-long",
						field, pause_fee ?
						"缴费期限为 20 个工作日，超出部分计入答复期限" :
						"征求第三方或其他机关意见的期限为 15 个工作日（OGI 第三十二条、第三十四条），超出部分计入答复期限");
			}
		} else if (!strcmp(type, "extended")) {
			json_t *d = json_object_get(e, "days");
			const char *by = go_str(e, "approved_by");
			int due_before = go_add_workdays(c->start, 20 + c->extended + c->paused);
			if (!json_is_integer(d) || json_integer_value(d) < 1) {
				PROBLEM(GO_ERROR, "invalid-extension", field,
					"延期应写明延长的工作日数 days（1 至 20 的整数）");
			} else if (json_integer_value(d) + c->extended > 20) {
				PROBLEM(GO_ERROR, "extension-too-long", field,
					"延长答复期限最长不得超过 20 个工作日（OGI 第三十三条），此处合计 %lld 日",
					(long long)json_integer_value(d) + c->extended);
				c->extended = 20;
			} else {
				c->extended += (int)json_integer_value(d);
			}
			if (!by || !*by)
				PROBLEM(GO_ERROR, "extension-without-approval", field,
					"延期须经政府信息公开工作机构负责人同意（approved_by，OGI 第三十三条）");
			if (day > due_before && !waiting_correction) {
				char lim[11];
				go_format_date(due_before, lim);
				PROBLEM(GO_ERROR, "extension-too-late", field,
					"延期决定晚于原答复期限 %s", lim);
			}
		} else if (!strcmp(type, "replied")) {
			const char *out = go_str(e, "outcome");
			c->closed = day;
			c->is_closed = 1;
			if (!out) {
				PROBLEM(GO_ERROR, "missing-outcome", field,
					"答复缺少办理结果 outcome（年报表三的一行）");
			} else if (listed(go_request_outcomes, out) >= 0) {
				c->outcome = out;
				json_t *b = json_object_get(e, "basis");
				size_t k;
				json_t *v;
				int ok = json_is_array(b) && json_array_size(b) > 0;
				json_array_foreach(b, k, v)
					ok = ok && go_basis_lookup(json_string_value(v) ? json_string_value(v) : "");
				if (!strcmp(out, "partly-public") && !ok)
					PROBLEM(GO_ERROR, "missing-outcome-basis", field,
						"部分公开须写明不予公开部分的法律依据 basis（OGI 第十四条至第十六条、第三十七条）");
			} else if (strchr(out, '/') == NULL &&
				   (!strcmp(out, "withheld") || !strcmp(out, "cannot-provide") ||
				    !strcmp(out, "not-processed") || !strcmp(out, "other"))) {
				PROBLEM(GO_ERROR, "missing-outcome-basis", field,
					"办理结果“%s”须写明具体情形，如 %s/…（年报表三的子项）", out, out);
			} else {
				char *m = go_request_mask(out);
				PROBLEM(GO_ERROR, "invalid-outcome", field,
					"办理结果“%s”不是年报表三的一行", m);
				free(m);
			}
		} else if (!strcmp(type, "withdrawn")) {
			c->closed = day;
			c->is_closed = 1;
			c->withdrawn = 1;
		}
	}
	if (depth && !c->is_closed) {
		/* the clock stands still until today, within the limits */
		c->paused += pause_days(pause_from, today, c->start, pause_fee, &over);
		c->pausing = !over;
	} else if (depth) {
		c->paused += pause_days(pause_from, c->closed, c->start, pause_fee, &over);
	}
	c->awaiting_correction = waiting_correction && !c->is_closed;
	c->deadline = go_add_workdays(c->start, 20 + c->extended + c->paused);
	int at = c->is_closed ? c->closed : today;
	c->left = at <= c->deadline ? go_workdays_between(at, c->deadline)
				    : -go_workdays_between(c->deadline, at);
	/* a reply to a request whose correction never came has no deadline to miss */
	if (c->is_closed && c->closed > c->deadline && !c->withdrawn && !waiting_correction) {
		char d[11];
		go_format_date(c->deadline, d);
		PROBLEM(GO_WARNING, "reply-late", "events",
			"答复晚于答复期限 %s，逾期 %d 个工作日（OGI 第三十三条）", d, -c->left);
	}
#undef PROBLEM
	return errors;
}

int go_request_clock_at(const json_t *rec, int today, go_request_clock *c)
{
	return walk((json_t *)rec, today, c, NULL) < 0 ? -1 : 0;
}

int go_request_check(json_t *rec, const go_request_opts *o)
{
	const char *tool = o->tool;
	go_problems_clear(rec, tool);
	size_t before = go_error_count(rec);
	const char *kind = go_str(rec, "kind"), *id = go_str(rec, "id");
	if (!kind || strcmp(kind, "request") != 0)
		go_problem(rec, tool, GO_ERROR, "not-a-request", "kind",
			   "不是政府信息公开申请记录（kind 应为 request）");
	if (!id)
		go_problem(rec, tool, GO_ERROR, "missing-id", "id", "缺少申请编号 id");
	else if (!go_valid_id(id))
		go_problem(rec, tool, GO_ERROR, "invalid-id", "id", "申请编号 id 不合 SPEC §1 的格式");
	int day;
	if (!json_object_get(rec, "received"))
		go_problem(rec, tool, GO_ERROR, "missing-field", "received", "缺少收到申请之日 received");
	else if (go_parse_date(go_str(rec, "received"), &day) < 0)
		go_problem(rec, tool, GO_ERROR, "invalid-date", "received",
			   "received 不是有效日期 (YYYY-MM-DD)");
	const char *ch = go_str(rec, "channel");
	if (!ch)
		go_problem(rec, tool, GO_ERROR, "missing-field", "channel",
			   "缺少申请渠道 channel（in-person、post、online、fax，OGI 第三十一条）");
	else if (listed(channels, ch) < 0) {
		char *m = go_request_mask(ch);
		go_problem(rec, tool, GO_ERROR, "invalid-channel", "channel",
			   "申请渠道“%s”无效：应为 in-person、post、online 或 fax", m);
		free(m);
	}
	json_t *a = json_object_get(rec, "applicant");
	if (!json_is_object(a)) {
		go_problem(rec, tool, GO_ERROR, "missing-field", "applicant", "缺少申请人 applicant");
	} else {
		const char *type = go_str(a, "type");
		if (listed(go_request_columns, type) < 0)
			go_problem(rec, tool, GO_ERROR, "invalid-applicant-type", "applicant.type",
				   "申请人类型应为 natural-person、business、research、nonprofit、"
				   "legal-service 或 other（年报表三的列）");
		const char *name = go_str(a, "name"), *contact = go_str(a, "contact");
		if (!name || !*name)
			go_problem(rec, tool, GO_ERROR, "missing-field", "applicant.name",
				   "缺少申请人姓名或名称（OGI 第二十九条）");
		if (!contact || !*contact)
			go_problem(rec, tool, GO_ERROR, "missing-field", "applicant.contact",
				   "缺少申请人联系方式（OGI 第二十九条）");
	}
	const char *asks = go_str(rec, "asks");
	if (!asks || !*asks)
		go_problem(rec, tool, GO_ERROR, "missing-field", "asks",
			   "缺少所需政府信息的描述 asks（OGI 第二十九条）");
	go_request_clock c;
	walk(rec, o->today, &c, o);
	return (int)(go_error_count(rec) - before);
}

/* ---- reading the branch --------------------------------------------------- */

static int collect(json_t *rec, const char *dir, void *ctx)
{
	json_t *r = json_incref(rec);
	json_object_set_new(r, "store", json_pack("{s:s}", "path", dir));
	json_array_append_new(ctx, r);
	return 0;
}

json_t *go_request_load(go_store *s, const char *branch, char **err)
{
	char commit[41];
	struct git_tree *root = NULL;
	char *ref = go_xasprintf("refs/heads/%s", branch ? branch : GO_REQUEST_BRANCH);
	json_t *all = json_array();
	*err = NULL;
	int r = go_store_resolve(s, ref, commit, &root);
	if (r == 0 && go_store_foreach_tree(s, root, 0, 0, collect, all) != 0)
		r = -1;
	if (r < 0 && r != GIT_ENOTFOUND) {
		*err = go_xasprintf("%s: cannot read the applications", ref);
		json_decref(all);
		all = NULL;
	}
	git_tree_free(root);
	free(ref);
	return all;
}

/* ---- table 三 -------------------------------------------------------------- */

json_t *go_request_table3_of(const json_t *requests, int year, char **err)
{
	enum { NCOL = 7 };
	size_t nrows = 0;
	while (go_request_outcomes[nrows])
		nrows++;
	long long (*res)[NCOL] = go_xcalloc(nrows, sizeof *res);
	long long fresh[NCOL] = {0}, in[NCOL] = {0}, total[NCOL] = {0}, out[NCOL] = {0};
	char y0s[11], y1s[11];
	int y0, y1;
	snprintf(y0s, sizeof y0s, "%04d-01-01", year);
	snprintf(y1s, sizeof y1s, "%04d-12-31", year);
	*err = NULL;
	if (year < 1 || year > 9999 || go_parse_date(y0s, &y0) < 0 || go_parse_date(y1s, &y1) < 0) {
		*err = go_xasprintf("%d: not a year", year);
		free(res);
		return NULL;
	}
	size_t i;
	json_t *rec;
	json_array_foreach(requests, i, rec) {
		go_request_clock c;
		int col = listed(go_request_columns, go_str(json_object_get(rec, "applicant"), "type"));
		if (col < 0 || go_request_clock_at(rec, y1, &c) < 0) {
			/* counted nowhere, it would go unnoticed: fail closed */
			const char *id = go_str(rec, "id");
			*err = go_xasprintf("申请 %s 没有有效的申请人类型或收到日期，无法计入表三",
					    id ? id : "(无编号)");
			free(res);
			return NULL;
		}
		if (c.received > y1)
			continue;
		if (c.received >= y0)
			fresh[col]++;
		else if (!c.is_closed || c.closed >= y0)
			in[col]++;
		else
			continue; /* closed before the year */
		if (c.is_closed && c.closed >= y0 && c.closed <= y1) {
			/* a withdrawn application is （六）其他处理 3.其他 */
			int row = c.withdrawn ? listed(go_request_outcomes, "other/other")
					      : listed(go_request_outcomes, c.outcome);
			if (row >= 0) {
				res[row][col]++;
				total[col]++;
			}
		} else {
			out[col]++;
		}
	}
	for (int k = 0; k < NCOL - 1; k++) {
		fresh[NCOL - 1] += fresh[k];
		in[NCOL - 1] += in[k];
		total[NCOL - 1] += total[k];
		out[NCOL - 1] += out[k];
		for (size_t r = 0; r < nrows; r++)
			res[r][NCOL - 1] += res[r][k];
	}
	json_t *cols = json_array();
	for (int k = 0; k < NCOL - 1; k++)
		json_array_append_new(cols, json_string(go_request_columns[k]));
	json_array_append_new(cols, json_string("total"));
	json_t *rows = json_object();
#define ROW(name, v) do { json_t *a_ = json_array(); \
	for (int k_ = 0; k_ < NCOL; k_++) json_array_append_new(a_, json_integer((v)[k_])); \
	json_object_set_new(rows, name, a_); } while (0)
	ROW("new", fresh);
	ROW("carried-in", in);
	for (size_t r = 0; r < nrows; r++)
		ROW(go_request_outcomes[r], res[r]);
	ROW("total", total);
	ROW("carried-out", out);
#undef ROW
	/* 勾稽关系: 一 + 二 = 三（七）总计 + 四, column by column */
	for (int k = 0; k < NCOL && !*err; k++)
		if (fresh[k] + in[k] != total[k] + out[k])
			*err = go_xasprintf("第 %d 列勾稽关系不成立：新收 %lld + 上年结转 %lld ≠ 总计 %lld + 结转下年 %lld",
					    k + 1, fresh[k], in[k], total[k], out[k]);
	free(res);
	if (*err) {
		json_decref(cols);
		json_decref(rows);
		return NULL;
	}
	return json_pack("{s:i,s:o,s:o}", "year", year, "columns", cols, "rows", rows);
}

json_t *go_request_table3(go_store *s, int year, char **err)
{
	json_t *all = go_request_load(s, NULL, err);
	if (!all)
		return NULL;
	json_t *t = go_request_table3_of(all, year, err);
	json_decref(all);
	return t;
}

/* ---- 第四十四条: the same information asked for by several applicants ---- */

char *go_request_norm_asks(const char *asks)
{
	size_t len;
	char *f = go_fold(asks, strlen(asks), &len);
	/* drop white space and punctuation, ASCII and CJK */
	static const char *const cjk[] = {
		"，", "。", "、", "；", "：", "？", "！", "“", "”", "‘", "’", "（", "）",
		"《", "》", "【", "】", "〔", "〕", "…", "—", "·", NULL,
	};
	char *o = f, *p = f;
	while (*p) {
		unsigned char ch = (unsigned char)*p;
		if (ch < 0x80) {
			if (!(ch <= ' ' || strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", ch) ))
				*o++ = (char)ch;
			p++;
			continue;
		}
		int skip = 0;
		for (int k = 0; cjk[k] && !skip; k++)
			if (!strncmp(p, cjk[k], strlen(cjk[k])))
				skip = (int)strlen(cjk[k]);
		if (skip) {
			p += skip;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	return f;
}

/* One applicant, as a key: type, name and contact. */
static char *applicant_key(const json_t *rec)
{
	const json_t *a = json_object_get(rec, "applicant");
	const char *n = go_str(a, "name"), *c = go_str(a, "contact");
	return go_xasprintf("%s\x1f%s", n ? n : "", c ? c : "");
}

static void add_to_group(json_t *groups, const char *key, const char *by, const char *value,
		const json_t *rec)
{
	json_t *g = json_object_get(groups, key);
	if (!g) {
		g = json_pack("{s:s,s:s,s:[],s:{}}", "by", by, "value", value, "requests", "applicants");
		json_object_set_new(groups, key, g);
	}
	json_array_append_new(json_object_get(g, "requests"), json_string(go_str(rec, "id")));
	char *ak = applicant_key(rec);
	json_object_set_new(json_object_get(g, "applicants"), ak, json_true());
	free(ak);
}

json_t *go_request_repeats_of(const json_t *requests, int year, int min)
{
	json_t *groups = json_object(), *out = json_array();
	size_t i;
	json_t *rec;
	json_array_foreach(requests, i, rec) {
		int day;
		const char *asks = go_str(rec, "asks");
		if (go_parse_date(go_str(rec, "received"), &day) < 0 || go_date_year(day) != year ||
		    !go_str(rec, "id"))
			continue;
		if (asks) {
			char *n = go_request_norm_asks(asks);
			if (*n) {
				char *k = go_xasprintf("asks\x1f%s", n);
				char *m = go_request_mask(asks);
				add_to_group(groups, k, "asks", m, rec);
				free(m);
				free(k);
			}
			free(n);
		}
		size_t j;
		json_t *d;
		json_array_foreach(json_object_get(rec, "documents"), j, d) {
			if (!json_is_string(d))
				continue;
			char *k = go_xasprintf("document\x1f%s", json_string_value(d));
			add_to_group(groups, k, "document", json_string_value(d), rec);
			free(k);
		}
	}
	const char *key;
	json_t *g;
	json_object_foreach(groups, key, g) {
		size_t n = json_object_size(json_object_get(g, "applicants"));
		if (n < (size_t)min || n < 2)
			continue;
		json_array_append_new(out, json_pack("{s:i,s:O,s:O,s:i,s:O}", "year", year,
						     "by", json_object_get(g, "by"),
						     "value", json_object_get(g, "value"),
						     "applicants", (int)n,
						     "requests", json_object_get(g, "requests")));
	}
	json_decref(groups);
	return out;
}
