/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * report.c — go-report's numbers: the scoreboard of each office (seed §六) and
 * the statutory annual report (OGI 第五十条, 国办公开办函〔2021〕30号).
 *
 * Records come from the input and from the store's main branch, read through
 * store.c (never by path). The problems are not re-implemented here: the
 * scoreboard runs go_check_record and the rule-7 join (interp.c) over the
 * records and counts whatever codes they give. The renderers are in
 * report-out.c.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"

#define NO_DAY (-1000000)

/* ---- a small set of strings, with an int each (a go_map of owned keys) --- */

static void strmap_put(go_map *m, const char *key, int val)
{
	void **v = go_map_find(m, key);
	if (!v)
		v = go_map_slot(m, go_xstrdup(key));
	*v = (void *)(intptr_t)val;
}

/* 1 and *val when key is in the map. */
static int strmap_get(const go_map *m, const char *key, int *val)
{
	void **v = go_map_find(m, key);
	if (v && val)
		*val = (int)(intptr_t)*v;
	return v != NULL;
}

static void strmap_free(go_map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free((char *)m->k[i]);
	go_map_free(m);
}

/* ---- records: the input, then the store --------------------------------- */

typedef int (*record_cb)(json_t *rec, void *ctx);

struct store_walk {
	const go_map *shadow; /* ids of the input */
	record_cb cb;
	void *ctx;
};

static int store_record(json_t *rec, const char *dir, void *ctx)
{
	struct store_walk *w = ctx;
	if (strmap_get(w->shadow, go_str(rec, "id"), NULL))
		return 0; /* the input's record supersedes it */
	return w->cb(rec, w->ctx);
}

/*
 * Every record once: those of the input (held in memory, a month of drafts or
 * so), then the store's documents whose id the input does not hold, those
 * filed under the years ymin..ymax only when ymin is not 0. Records are
 * normalised. 0, or -1 with *err.
 */
static int foreach_record(go_report_src *src, int ymin, int ymax, record_cb cb, void *ctx,
			  char **err)
{
	go_map ids = {0};
	json_t *input = json_array();
	int rc = 0;

	if (src->nfiles || src->use_stdin) {
		go_reader rd;
		json_t *rec;
		go_reader_init(&rd, src->nfiles, src->files, 0);
		while ((rec = go_reader_next(&rd))) {
			if (go_is_invalid(rec)) {
				json_decref(rec);
				continue; /* the reader said so on stderr and counted it */
			}
			go_normalise(rec);
			if (go_str(rec, "id"))
				strmap_put(&ids, go_str(rec, "id"), 0);
			json_array_append_new(input, rec);
		}
		src->invalid += rd.invalid;
		src->io_error |= rd.io_error;
		go_reader_free(&rd);
	}
	size_t i;
	json_t *rec;
	json_array_foreach(input, i, rec)
		if ((rc = cb(rec, ctx)) != 0)
			break;
	if (rc == 0 && src->store) {
		struct store_walk w = {&ids, cb, ctx};
		if (!ymin) {
			rc = go_store_foreach(src->store, NULL, 0, store_record, &w);
		} else {
			char commit[41];
			git_tree *root = NULL;
			rc = go_store_resolve(src->store, NULL, commit, &root);
			if (rc == GIT_ENOTFOUND)
				rc = 0; /* no main yet: an empty store */
			else
				for (int y = ymin; rc == 0 && y <= ymax; y++)
					rc = go_store_foreach_tree(src->store, root, y, 0, store_record, &w);
			git_tree_free(root);
		}
		if (rc < 0)
			*err = go_xasprintf("%s: the store cannot be read", go_store_path(src->store));
	}
	json_decref(input);
	strmap_free(&ids);
	return rc < 0 ? -1 : 0;
}

static int day_of(const json_t *rec, const char *key)
{
	int d;
	return go_parse_date(go_str(rec, key), &d) == 0 ? d : NO_DAY;
}

/* The day a record was withdrawn (withdrawn: {"date", ...}); NO_DAY when it
 * was not; a withdrawal without a readable date counts from the first day. */
static int withdrawn_day(const json_t *rec)
{
	const json_t *w = json_object_get(rec, "withdrawn");
	if (!w || json_is_null(w) || json_is_false(w))
		return NO_DAY;
	int d = day_of(w, "date");
	return d == NO_DAY ? NO_DAY + 1 : d;
}

/* Withdrawn by the end of the period: not counted as published in it. */
static int withdrawn_by(const json_t *rec, int end)
{
	int w = withdrawn_day(rec);
	return w != NO_DAY && w <= end;
}

static int is(const char *s, const char *code)
{
	return s && strcmp(s, code) == 0;
}

/* ---- scoreboard ----------------------------------------------------------- */

const char go_scoreboard_default_rules[] =
	"late-publication > 0\n"
	"interpretation-rate < 100%\n";

/* A document of one of the two periods, reduced to what the scoreboard needs. */
struct doc {
	char *id;
	char *interprets;            /* an interpretation's policy, or NULL */
	const char *office;          /* interned in board.offices */
	const char *kind, *attr, *category; /* static codes */
	int date, published, period; /* period 0: current, 1: previous */
	int withdrawn, placeholder, policy, exempt;
	long n;                      /* number in the rule-7 index, or -1 */
	json_t *problems;            /* {"code": "error"|"warning"} of this record */
	json_t *interps;             /* ids of its interpretations (policies) */
};

struct board {
	const go_scoreboard_opts *o;
	go_report_src *src;
	int pfrom, pto;              /* the previous period */
	go_interp *x;
	struct doc *d;
	size_t n, cap;
	go_map interp_day;    /* interpretation id -> published day */
	go_map offices;       /* every office name, once */
	go_map ids;           /* every id read */
};

/* The one copy of an office's name (strmap keys never move). */
static const char *intern(go_map *m, const char *s)
{
	if (!strmap_get(m, s, NULL))
		strmap_put(m, s, 0);
	return m->k[go_map_find(m, s) - m->v];
}

static char *dup_or(const char *s, const char *dflt)
{
	return go_xstrdup(s && *s ? s : dflt);
}

/* Record each code once per record, the error if it has both severities;
 * *into is made when there is a first one. */
static void note_problems(json_t **intop, const json_t *rec)
{
	if (!json_array_size(json_object_get(rec, "problems")))
		return;
	if (!*intop)
		*intop = json_object();
	json_t *into = *intop;
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(rec, "problems"), i, p) {
		const char *code = go_str(p, "code"), *sev = go_str(p, "severity");
		if (!code || !sev)
			continue;
		const char *had = go_str(into, code);
		if (!had || strcmp(sev, "error") == 0)
			json_object_set_new(into, code, json_string(sev));
	}
}

static int board_record(json_t *rec, void *ctx)
{
	struct board *b = ctx;
	const char *kind = go_str(rec, "kind");
	int date = day_of(rec, "date");
	int period = date == NO_DAY ? -1 : date >= b->o->from && date <= b->o->to ? 0
		   : date >= b->pfrom && date <= b->pto ? 1 : -1;

	if (go_str(rec, "id"))
		strmap_put(&b->ids, go_str(rec, "id"), 0);
	if (is(kind, "interpretation") && go_str(rec, "id")) {
		int pub = day_of(rec, "published");
		if (pub == NO_DAY && period >= 0)
			pub = b->o->today;
		strmap_put(&b->interp_day, go_str(rec, "id"), pub);
	}
	if (date == NO_DAY)
		b->src->undated++;
	if (period < 0) {
		/* Outside both periods: a policy or an interpretation to join with. */
		go_interp_add_stored(b->x, rec);
		return 0;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 1024;
		b->d = go_xrealloc(b->d, b->cap * sizeof *b->d);
	}
	struct doc *d = &b->d[b->n++];
	memset(d, 0, sizeof *d);
	d->id = dup_or(go_str(rec, "id"), "（无索引号）");
	if (is(kind, "interpretation") && go_str(rec, "interprets"))
		d->interprets = go_xstrdup(go_str(rec, "interprets"));
	const char *office = go_str(rec, "office");
	d->office = intern(&b->offices, office && *office ? office : "（未填写科室）");
	d->kind = kind ? go_norm_kind(kind) : NULL;
	d->attr = go_norm_attribute(go_str(rec, "attribute"));
	d->attr = d->attr ? d->attr : "none";
	d->category = go_norm_category(go_str(rec, "category"));
	d->category = d->category ? d->category : "none";
	d->date = date;
	d->period = period;
	d->withdrawn = withdrawn_by(rec, period == 0 ? b->o->to : b->pto);
	d->published = day_of(rec, "published");
	d->policy = go_is_policy_kind(kind) && is(d->attr, "proactive");
	const char *nir = go_str(rec, "no_interpretation_reason");
	d->exempt = nir && nir[strspn(nir, " \t\r\n")];

	/* The checks, as go-check-reason and go-link-interp run them: their
	 * problems of an earlier run are replaced, other tools' are kept. */
	go_check_opts co = {.tool = "go-check-reason", .today = b->o->today};
	go_check_record(rec, &co);
	go_problems_clear(rec, "go-link-interp");
	note_problems(&d->problems, rec);
	const json_t *reason = json_object_get(rec, "reason");
	d->placeholder = json_is_string(reason) && json_object_get(d->problems, "missing-reason");
	d->n = d->withdrawn ? -1 : go_interp_add(b->x, rec);
	if (d->withdrawn)
		go_interp_add_stored(b->x, rec); /* still names or is named */
	return 0;
}

/* The stored policies that interpretations of the periods name, filed under
 * years that were not read. 0, or -1 with *err. */
static int board_targets(struct board *b, go_report_src *src, char **err)
{
	char commit[41];
	git_tree *root = NULL;
	int rc = 0;
	if (!src->store)
		return 0;
	for (size_t i = 0; i < b->n && rc == 0; i++) {
		const char *id = b->d[i].interprets;
		json_t *rec = NULL;
		if (!id || strmap_get(&b->ids, id, NULL))
			continue;
		strmap_put(&b->ids, id, 0); /* looked up once, found or not */
		if (!root) {
			rc = go_store_resolve(src->store, NULL, commit, &root);
			if (rc == GIT_ENOTFOUND)
				return 0;
			if (rc < 0)
				break;
		}
		rc = go_store_find_id(src->store, root, id, 0, &rec, NULL);
		if (rc == 0)
			go_interp_add_stored(b->x, rec);
		else if (rc == GIT_ENOTFOUND)
			rc = 0; /* an orphan: the join says so */
		json_decref(rec);
	}
	git_tree_free(root);
	if (rc < 0)
		*err = go_xasprintf("%s: the store cannot be read", go_store_path(src->store));
	return rc < 0 ? -1 : 0;
}

/* The rule-7 problems and interpretations of each document, once all are in. */
static void board_join(struct board *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct doc *d = &b->d[i];
		if (d->n < 0)
			continue;
		json_t *tmp = json_object();
		go_interp_apply(b->x, d->n, tmp);
		note_problems(&d->problems, tmp);
		d->interps = json_incref(json_object_get(tmp, "interpretations"));
		json_decref(tmp);
	}
}

/* The counters of one office in one period. */
struct tally {
	json_t *measures, *by_attr, *by_cat, *problems;
	json_t *late_pub, *interp_late, *not_interp, *placeholder, *no_review, *short_c,
		*no_plan;
	long together, policies;
};

static void bump(json_t *obj, const char *key, long by)
{
	json_t *v = json_object_get(obj, key);
	json_object_set_new(obj, key, json_integer((v ? json_integer_value(v) : 0) + by));
}

static void tally_init(struct tally *t)
{
	memset(t, 0, sizeof *t);
	t->measures = json_object();
	static const char *const zero[] = {
		"documents", "withdrawn", "policies", "interpreted-together", "interpreted-late",
		"not-interpreted", "exempt", "late-publication", "placeholder-reason",
		"withheld-without-review", "short-consultation", "missing-meeting-plan",
		"errors", "warnings", NULL,
	};
	for (const char *const *k = zero; *k; k++)
		json_object_set_new(t->measures, *k, json_integer(0));
	t->by_attr = json_object();
	t->by_cat = json_object();
	static const char *const attrs[] = {"proactive", "on-request", "withheld", "none", NULL};
	static const char *const cats[] = {"decision", "execution", "management", "service",
					   "result", "none", NULL};
	for (const char *const *k = attrs; *k; k++)
		json_object_set_new(t->by_attr, *k, json_integer(0));
	for (const char *const *k = cats; *k; k++)
		json_object_set_new(t->by_cat, *k, json_integer(0));
	t->problems = json_object();
	t->late_pub = json_array();
	t->interp_late = json_array();
	t->not_interp = json_array();
	t->placeholder = json_array();
	t->no_review = json_array();
	t->short_c = json_array();
	t->no_plan = json_array();
}

static void tally_free(struct tally *t)
{
	json_t **all[] = {&t->measures, &t->by_attr, &t->by_cat, &t->problems, &t->late_pub,
			  &t->interp_late, &t->not_interp, &t->placeholder, &t->no_review,
			  &t->short_c, &t->no_plan};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		json_decref(*all[i]);
}

static json_t *day_json(int day)
{
	char s[11];
	if (day == NO_DAY)
		return json_null();
	go_format_date(day, s);
	return json_string(s);
}

/* The interpretation of d published first, in working days after d: -1 when
 * none has a day. */
static int interp_delay(const struct board *b, const struct doc *d)
{
	int best = -1;
	int pub = d->published == NO_DAY ? b->o->today : d->published;
	size_t i;
	json_t *id;
	json_array_foreach(d->interps, i, id) {
		int day;
		if (!strmap_get(&b->interp_day, json_string_value(id), &day) || day == NO_DAY)
			continue;
		int late = go_workdays_between(pub, day);
		if (best < 0 || late < best)
			best = late;
	}
	return best;
}

static void tally_add(struct tally *t, const struct board *b, const struct doc *d)
{
	if (d->withdrawn) {
		bump(t->measures, "withdrawn", 1);
		return;
	}
	bump(t->measures, "documents", 1);
	bump(t->by_attr, d->attr, 1);
	if (is(d->attr, "proactive"))
		bump(t->by_cat, d->category, 1);
	const char *code;
	json_t *sev;
	json_object_foreach(d->problems, code, sev) {
		json_t *c = json_object_get(t->problems, code);
		if (!c) {
			c = json_pack("{s:i,s:i}", "error", 0, "warning", 0);
			json_object_set_new(t->problems, code, c);
		}
		bump(c, json_string_value(sev), 1);
		bump(t->measures, is(json_string_value(sev), "error") ? "errors" : "warnings", 1);
	}
	json_t *idv = json_string(d->id);
	if (json_object_get(d->problems, "late-publication")) {
		int deadline = go_add_workdays(d->date, 20);
		int pub = d->published == NO_DAY ? b->o->today : d->published;
		bump(t->measures, "late-publication", 1);
		json_array_append_new(t->late_pub,
			json_pack("{s:O,s:o,s:o,s:i}", "id", idv, "date", day_json(d->date),
				  "published", day_json(d->published),
				  "days", go_workdays_between(deadline, pub)));
	}
	if (d->placeholder) {
		bump(t->measures, "placeholder-reason", 1);
		json_array_append(t->placeholder, idv);
	}
	if (json_object_get(d->problems, "missing-review")) {
		bump(t->measures, "withheld-without-review", 1);
		json_array_append(t->no_review, idv);
	}
	if (json_object_get(d->problems, "short-consultation")) {
		bump(t->measures, "short-consultation", 1);
		json_array_append(t->short_c, idv);
	}
	if (json_object_get(d->problems, "missing-meeting-plan")) {
		bump(t->measures, "missing-meeting-plan", 1);
		json_array_append(t->no_plan, idv);
	}
	if (d->policy) {
		int late = interp_delay(b, d);
		if (d->exempt && late < 0) {
			bump(t->measures, "exempt", 1);
		} else {
			t->policies++;
			bump(t->measures, "policies", 1);
			if (late < 0) {
				bump(t->measures, "not-interpreted", 1);
				json_array_append(t->not_interp, idv);
			} else if (late <= b->o->grace_days) {
				t->together++;
				bump(t->measures, "interpreted-together", 1);
			} else {
				bump(t->measures, "interpreted-late", 1);
				json_array_append_new(t->interp_late,
					json_pack("{s:O,s:i}", "id", idv, "days", late));
			}
		}
	}
	json_decref(idv);
}

/* Percent with one decimal, or null without policies. */
static void tally_rate(struct tally *t)
{
	long tenths = t->policies ? (t->together * 2000 + t->policies) / (2 * t->policies) : 0;
	json_object_set_new(t->measures, "interpretation-rate",
			    t->policies ? json_real(tenths / 10.0) : json_null());
}

/* ---- thresholds ---------------------------------------------------------- */

struct rule {
	char measure[64], op[3];
	double value;
	char *text; /* the rule as written */
	char *fix;  /* what to put right, or NULL */
	int line;
};

static const char *default_fix(const char *measure)
{
	static const char *const fixes[][2] = {
		{"late-publication", "主动公开信息须自形成之日起 20 个工作日内公开（《政府信息公开条例》第二十六条）"},
		{"interpretation-rate", "政策文件与解读材料同步起草、同步审签、同步发布（谁起草、谁解读）"},
		{"not-interpreted", "为未解读的政策文件补充解读"},
		{"interpreted-late", "解读须与政策文件同步发布"},
		{"placeholder-reason", "依申请公开、不予公开须书面说明理由，不得以“无”“略”等代替"},
		{"withheld-without-review", "拟不公开的政策性文件须报政务公开办审查"},
		{"short-consultation", "决策草案征求意见期不少于 30 日（《重大行政决策程序暂行条例》第十五条）"},
		{"missing-meeting-plan", "涉及民生的会议须明确公众参与和公开方式"},
		{"errors", "改正文件登记中的错误"},
		{"warnings", "核查并处理提示事项"},
	};
	for (size_t i = 0; i < sizeof fixes / sizeof *fixes; i++)
		if (strcmp(fixes[i][0], measure) == 0)
			return fixes[i][1];
	return NULL;
}

static void rules_free(struct rule *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].text);
		free(r[i].fix);
	}
	free(r);
}

/* "MEASURE OP NUMBER[%] [what to fix]" a line, # comments. */
static struct rule *rules_parse(const char *text, const char *name, size_t *n, char **err)
{
	struct rule *r = NULL;
	size_t cap = 0;
	int lineno = 0;
	*n = 0;
	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *line = go_xasprintf("%.*s", (int)len, p);
		p += len + (eol != NULL);
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		char *s = line + strspn(line, " \t\r");
		size_t l = strlen(s);
		while (l && strchr(" \t\r", s[l - 1]))
			s[--l] = '\0';
		if (!*s) {
			free(line);
			continue;
		}
		struct rule q = {.line = lineno};
		size_t m = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-");
		char *q_op = s + m + strspn(s + m, " \t");
		size_t o = strspn(q_op, "<>=!");
		char *num = q_op + o + strspn(q_op + o, " \t");
		char *end = NULL;
		q.value = strtod(num, &end);
		int ok = m > 0 && m < sizeof q.measure && (o == 1 || o == 2) && end != num;
		if (ok) {
			memcpy(q.measure, s, m);
			memcpy(q.op, q_op, o);
			ok = strcmp(q.op, "<") == 0 || strcmp(q.op, ">") == 0 ||
			     strcmp(q.op, "<=") == 0 || strcmp(q.op, ">=") == 0 ||
			     strcmp(q.op, "==") == 0 || strcmp(q.op, "!=") == 0;
		}
		if (ok && *end == '%')
			end++;
		if (ok && *end && !isspace((unsigned char)*end))
			ok = 0;
		if (!ok) {
			*err = go_xasprintf("%s:%d: 无法识别的阈值规则“%s”：应为“指标 运算符 数值 [整改要求]”，如 late-publication > 0",
					    name, lineno, s);
			free(line);
			rules_free(r, *n);
			return NULL;
		}
		char *fix = end + strspn(end, " \t");
		*end = '\0';
		q.text = go_xstrdup(s);
		q.fix = *fix ? go_xstrdup(fix) : NULL;
		if (*n == cap)
			r = go_xrealloc(r, (cap = cap ? cap * 2 : 8) * sizeof *r);
		r[(*n)++] = q;
		free(line);
	}
	return r;
}

/* A measure of an office: one of its measures, else the number of its
 * records carrying that problem code (0 when none). 0, or -1 for null. */
static int measure(const json_t *office, const char *name, double *v)
{
	const json_t *m = json_object_get(json_object_get(office, "measures"), name);
	if (!m) {
		const json_t *p = json_object_get(json_object_get(office, "problems"), name);
		*v = p ? (double)(json_integer_value(json_object_get(p, "error")) +
				  json_integer_value(json_object_get(p, "warning")))
		       : 0;
		return 0;
	}
	if (json_is_null(m))
		return -1;
	*v = json_number_value(m);
	return 0;
}

static int holds(const struct rule *r, double v)
{
	if (strcmp(r->op, "<") == 0) return v < r->value;
	if (strcmp(r->op, ">") == 0) return v > r->value;
	if (strcmp(r->op, "<=") == 0) return v <= r->value;
	if (strcmp(r->op, ">=") == 0) return v >= r->value;
	if (strcmp(r->op, "==") == 0) return v == r->value;
	return v != r->value;
}

static void judge(json_t *office, const struct rule *r, size_t n, int deadline)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		double v;
		if (measure(office, r[i].measure, &v) != 0 || !holds(&r[i], v))
			continue;
		const char *fix = r[i].fix ? r[i].fix : default_fix(r[i].measure);
		json_t *item = json_pack("{s:s,s:s,s:f}", "rule", r[i].text, "measure",
					 r[i].measure, "value", v);
		if (v == (double)(long)v)
			json_object_set_new(item, "value", json_integer((long)v));
		json_object_set_new(item, "fix", fix ? json_string(fix) : json_null());
		json_object_set_new(item, "deadline", day_json(deadline));
		json_array_append_new(list, item);
	}
	json_object_set_new(office, "status", json_string(json_array_size(list) ? "不达标" : "达标"));
	json_object_set_new(office, "rectify", list);
}

static json_t *office_json(const char *name, struct tally *cur, struct tally *prev,
			   const go_scoreboard_opts *o)
{
	tally_rate(cur);
	tally_rate(prev);
	json_t *j = json_object();
	json_object_set_new(j, "office", name ? json_string(name) : json_null());
	if (!name)
		json_object_set_new(j, "total", json_true());
	json_object_set_new(j, "from", day_json(o->from));
	json_object_set_new(j, "to", day_json(o->to));
	json_object_set(j, "measures", cur->measures);
	json_object_set(j, "by_attribute", cur->by_attr);
	json_object_set(j, "by_category", cur->by_cat);
	json_object_set(j, "problems", cur->problems);
	json_object_set(j, "late_publication", cur->late_pub);
	json_object_set(j, "interpretation_late", cur->interp_late);
	json_object_set(j, "not_interpreted", cur->not_interp);
	json_object_set(j, "placeholder_reason", cur->placeholder);
	json_object_set(j, "withheld_without_review", cur->no_review);
	json_object_set(j, "short_consultation", cur->short_c);
	json_object_set(j, "missing_meeting_plan", cur->no_plan);
	json_object_set_new(j, "previous", json_pack("{s:O,s:O}", "measures", prev->measures,
						     "problems", prev->problems));
	return j;
}

static int cmp_office(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *go_scoreboard(go_report_src *src, const go_scoreboard_opts *o, char **err)
{
	size_t nrules = 0;
	struct rule *rules = rules_parse(o->rules ? o->rules : go_scoreboard_default_rules,
					 o->rules_name ? o->rules_name : "(built-in)", &nrules, err);
	if (!rules && *err)
		return NULL;

	go_interp_opts io = {.tool = "go-link-interp", .today = o->today,
			     .grace_days = o->grace_days};
	struct board b = {.o = o, .src = src, .x = go_interp_new(&io)};
	/* The previous period: as long, just before. */
	b.pto = o->pto ? o->pto : o->from - 1;
	b.pfrom = o->pto ? o->pfrom : o->from - (o->to - o->from + 1);
	json_t *out = NULL;
	/* The years of both periods, and the next one for late interpretations;
	 * the policies older interpretations name are looked up by id. */
	if (foreach_record(src, go_date_year(b.pfrom), go_date_year(o->to) + 1, board_record, &b,
			   err) != 0 || board_targets(&b, src, err) != 0)
		goto done;
	board_join(&b);

	/* Offices in byte order, then the total. */
	go_map seen = {0};
	const char **names = NULL;
	size_t nnames = 0;
	for (size_t i = 0; i < b.n; i++)
		if (!strmap_get(&seen, b.d[i].office, NULL)) {
			strmap_put(&seen, b.d[i].office, 0);
			names = go_xrealloc(names, (nnames + 1) * sizeof *names);
			names[nnames++] = b.d[i].office;
		}
	if (nnames)
		qsort(names, nnames, sizeof *names, cmp_office);
	for (size_t k = 0; k < nnames; k++)
		strmap_put(&seen, names[k], (int)k);

	struct tally *cur = go_xcalloc(nnames + 1, sizeof *cur);
	struct tally *prev = go_xcalloc(nnames + 1, sizeof *prev);
	for (size_t k = 0; k <= nnames; k++) {
		tally_init(&cur[k]);
		tally_init(&prev[k]);
	}
	for (size_t i = 0; i < b.n; i++) {
		int k = 0;
		strmap_get(&seen, b.d[i].office, &k);
		struct tally *t = b.d[i].period == 0 ? cur : prev;
		tally_add(&t[k], &b, &b.d[i]);
		tally_add(&t[nnames], &b, &b.d[i]);
	}
	int deadline = o->rectify_days > 0 ? go_add_workdays(o->today, o->rectify_days) : o->today;
	json_t *offices = json_array();
	for (size_t k = 0; k <= nnames; k++) {
		json_t *j = office_json(k < nnames ? names[k] : NULL, &cur[k], &prev[k], o);
		judge(j, rules, nrules, deadline);
		if (k < nnames)
			json_array_append_new(offices, j);
		else
			out = json_pack("{s:o,s:o,s:{s:o,s:o},s:o,s:o}", "from", day_json(o->from),
					"to", day_json(o->to), "previous", "from", day_json(b.pfrom),
					"to", day_json(b.pto), "offices", offices, "total", j);
		tally_free(&cur[k]);
		tally_free(&prev[k]);
	}
	free(cur);
	free(prev);
	free(names);
	strmap_free(&seen);
done:
	for (size_t i = 0; i < b.n; i++) {
		free(b.d[i].id);
		free(b.d[i].interprets);
		json_decref(b.d[i].problems);
		json_decref(b.d[i].interps);
	}
	free(b.d);
	strmap_free(&b.interp_day);
	strmap_free(&b.offices);
	strmap_free(&b.ids);
	go_interp_free(b.x);
	rules_free(rules, nrules);
	return out;
}

/* ---- annual report --------------------------------------------------------- */

/* Table 三's rows and columns: the interface go-request stats prints
 * (keys), with the form's labels (国办公开办函〔2021〕30号, verbatim; the source
 * is ../shared/data/annual-report-format.md, copied in share/report/). */
const go_annual_row go_table3_rows[] = {
	{"new", NULL, "一、本年新收政府信息公开申请数量"},
	{"carried-in", NULL, "二、上年结转政府信息公开申请数量"},
	{"public", NULL, "（一）予以公开"},
	{"partly-public", NULL, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
	{"withheld/ogi-14-secret", "（三）不予公开", "1.属于国家秘密"},
	{"withheld/ogi-14-law", "（三）不予公开", "2.其他法律行政法规禁止公开"},
	{"withheld/ogi-14-safety", "（三）不予公开", "3.危及“三安全一稳定”"},
	{"withheld/ogi-15-third-party", "（三）不予公开", "4.保护第三方合法权益"},
	{"withheld/ogi-16-internal", "（三）不予公开", "5.属于三类内部事务信息"},
	{"withheld/ogi-16-process", "（三）不予公开", "6.属于四类过程性信息"},
	{"withheld/ogi-16-case-file", "（三）不予公开", "7.属于行政执法案卷"},
	{"withheld/query", "（三）不予公开", "8.属于行政查询事项"},
	{"cannot-provide/not-held", "（四）无法提供", "1.本机关不掌握相关政府信息"},
	{"cannot-provide/needs-creation", "（四）无法提供", "2.没有现成信息需要另行制作"},
	{"cannot-provide/still-unclear", "（四）无法提供", "3.补正后申请内容仍不明确"},
	{"not-processed/complaint", "（五）不予处理", "1.信访举报投诉类申请"},
	{"not-processed/repeat", "（五）不予处理", "2.重复申请"},
	{"not-processed/publication", "（五）不予处理", "3.要求提供公开出版物"},
	{"not-processed/excessive", "（五）不予处理", "4.无正当理由大量反复申请"},
	{"not-processed/confirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"},
	{"other/no-correction", "（六）其他处理",
	 "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
	{"other/no-fee", "（六）其他处理",
	 "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
	{"other/other", "（六）其他处理", "3.其他"},
	{"total", NULL, "（七）总计"},
	{"carried-out", NULL, "四、结转下年度继续办理"},
	{NULL, NULL, NULL},
};
const char *const go_table3_columns[] = {
	"natural-person", "business", "research", "nonprofit", "legal-service", "other", "total", NULL,
};
const char *const go_table3_column_labels[] = {
	"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", NULL,
};
/* Table 四: three groups of five columns. */
const char *const go_table4_groups[] = {"review", "litigation-direct", "litigation-after-review", NULL};
const char *const go_table4_columns[] = {"maintained", "corrected", "other", "pending", "total", NULL};
const char *const go_table4_column_labels[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计", NULL};

static void problem(json_t *problems, const char *severity, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void problem(json_t *problems, const char *severity, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	va_start(ap, fmt);
	int rc = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (rc < 0)
		msg = go_xstrdup(fmt); /* out of memory: the sentence without its numbers */
	json_array_append_new(problems, json_pack("{s:s,s:s}", "severity", severity, "message", msg));
	free(msg);
}

struct annual {
	go_report_src *src;
	int year, start, end;
	json_t *t2;       /* table 二 */
	json_t *overview; /* the counts section 一 is pre-filled with */
};

static void count(json_t *t2, const char *row, const char *col)
{
	bump(json_object_get(t2, row), col, 1);
}

static int annual_record(json_t *rec, void *ctx)
{
	struct annual *a = ctx;
	if (withdrawn_by(rec, a->end))
		return 0; /* not counted as published (withdrawn in or before the year) */
	const char *kind = go_str(rec, "kind");
	int date = day_of(rec, "date");
	if (date == NO_DAY)
		a->src->undated++;
	int in_year = date != NO_DAY && date >= a->start && date <= a->end;
	if (is(kind, "rule") || is(kind, "normative")) {
		const char *v = go_str(rec, "validity");
		int gone = is(v, "abolished") || is(v, "expired");
		int vday = day_of(rec, "validity_date");
		if (vday == NO_DAY)
			vday = day_of(rec, "abolished_date");
		if (in_year)
			count(a->t2, kind, "issued");
		if (gone && vday != NO_DAY && vday >= a->start && vday <= a->end)
			count(a->t2, kind, "abolished");
		if (date != NO_DAY && date <= a->end && !(gone && (vday == NO_DAY || vday <= a->end)))
			count(a->t2, kind, "in_force");
	} else if ((is(kind, "license") || is(kind, "penalty") || is(kind, "enforcement")) && in_year) {
		count(a->t2, kind, "decisions");
	}
	/* Section 一: what was published in the year. */
	if (!is(go_str(rec, "attribute"), "proactive"))
		return 0;
	int pub = day_of(rec, "published");
	if (pub == NO_DAY)
		pub = date;
	if (pub != NO_DAY && pub >= a->start && pub <= a->end) {
		bump(a->overview, "published", 1);
		const char *cat = go_norm_category(go_str(rec, "category"));
		bump(json_object_get(a->overview, "by_category"), cat ? cat : "none", 1);
		if (is(kind, "interpretation"))
			bump(a->overview, "interpretations", 1);
		if (go_is_policy_kind(kind))
			bump(a->overview, "policies", 1);
	}
	int cstart = day_of(json_object_get(rec, "consultation"), "start");
	if (is(kind, "decision-draft") && cstart != NO_DAY && cstart >= a->start && cstart <= a->end)
		bump(a->overview, "consultations", 1);
	return 0;
}

/* An integer cell of the office's extra, checked: 0 when absent. */
static long cell(const json_t *v, const char *where, json_t *problems)
{
	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		problem(problems, "error", "%s 须为非负整数。", where);
		return 0;
	}
	return (long)json_integer_value(v);
}

/*
 * Table 三: --extra's "table3" when the office gives one (exactly what
 * `go-request stats --year Y` prints); else, from a store that holds
 * applications (go-request's branch), counted from them by go-request's own
 * code; else zeros, with a warning.
 */
static json_t *table3_get(go_report_src *src, int year, const json_t *extra, json_t *problems)
{
	const json_t *t = json_object_get(extra, "table3");
	if (t)
		return json_deep_copy(t);
	if (src->store) {
		char *err = NULL;
		json_t *all = go_request_load(src->store, NULL, &err);
		json_t *counted = all && json_array_size(all) ? go_request_table3_of(all, year, &err) : NULL;
		json_decref(all);
		if (counted)
			return counted;
		if (err) {
			problem(problems, "error", "表三：无法从文档库的申请记录统计：%s。", err);
			free(err);
			return NULL;
		}
	}
	problem(problems, "warning",
		"表三（收到和处理政府信息公开申请情况）未提供（--extra 中的 table3），文档库中也没有申请记录，按 0 填列。");
	return NULL;
}

/* The form's checks of table 三; the table filled to 7 integers a row. */
static json_t *table3_check(json_t *t, int year, json_t *problems)
{
	json_t *rows = json_object();
	const json_t *given = json_object_get(t, "rows");
	if (t && !json_is_object(given))
		problem(problems, "error", "表三：table3.rows 须为对象。");
	if (t && json_integer_value(json_object_get(t, "year")) != year)
		problem(problems, "error", "表三：table3.year 为 %lld，与报告年度 %d 不符。",
			(long long)json_integer_value(json_object_get(t, "year")), year);
	const json_t *cols = json_object_get(t, "columns");
	if (t && cols) {
		int same = json_array_size(cols) == 7;
		for (size_t c = 0; same && c < 7; c++)
			same = is(json_string_value(json_array_get(cols, c)), go_table3_columns[c]);
		if (!same)
			problem(problems, "error",
				"表三：table3.columns 须依次为 natural-person business research nonprofit legal-service other total。");
	}
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)given, key, val) {
		const go_annual_row *r = go_table3_rows;
		while (r->key && strcmp(r->key, key) != 0)
			r++;
		if (!r->key)
			problem(problems, "error", "表三：table3.rows 中的“%s”不是报告格式中的行。", key);
	}
	long v[32][7] = {{0}};
	int nrow = 0;
	for (const go_annual_row *r = go_table3_rows; r->key; r++, nrow++) {
		const json_t *a = json_object_get(given, r->key);
		json_t *out = json_array();
		if (t && json_is_object(given) && (!json_is_array(a) || json_array_size(a) != 7))
			problem(problems, "error", "表三“%s”（%s）须为 7 个整数的数组。", r->label, r->key);
		for (int c = 0; c < 7; c++) {
			char *where = go_xasprintf("表三“%s”%s列", r->label, go_table3_column_labels[c]);
			v[nrow][c] = cell(json_array_get(a, c), where, problems);
			free(where);
			json_array_append_new(out, json_integer(v[nrow][c]));
		}
		json_object_set_new(rows, r->key, out);
	}
	/* Rows: 0 一, 1 二, 2..22 the results, 23 （七）总计, 24 四. */
	for (int c = 0; c < 7; c++) {
		long sum = 0;
		for (int r = 2; r < 23; r++)
			sum += v[r][c];
		if (sum != v[23][c])
			problem(problems, "error",
				"表三“%s”列：（七）总计 %ld 不等于（一）至（六）各项之和 %ld。",
				go_table3_column_labels[c], v[23][c], sum);
		if (v[0][c] + v[1][c] != v[23][c] + v[24][c])
			problem(problems, "error",
				"表三“%s”列勾稽关系不成立：第一项加第二项之和 %ld（%ld + %ld）"
				"不等于第三项（七）总计加第四项之和 %ld（%ld + %ld）。",
				go_table3_column_labels[c], v[0][c] + v[1][c], v[0][c], v[1][c],
				v[23][c] + v[24][c], v[23][c], v[24][c]);
	}
	for (int r = 0; r < nrow; r++) {
		long sum = 0;
		for (int c = 0; c < 6; c++)
			sum += v[r][c];
		if (sum != v[r][6])
			problem(problems, "error", "表三“%s”行：总计列 %ld 不等于各类申请人之和 %ld。",
				go_table3_rows[r].label, v[r][6], sum);
	}
	json_t *out = json_pack("{s:i,s:o}", "year", year, "rows", rows);
	json_t *colv = json_array();
	for (int c = 0; c < 7; c++)
		json_array_append_new(colv, json_string(go_table3_columns[c]));
	json_object_set_new(out, "columns", colv);
	return out;
}

static json_t *table4_check(const json_t *extra, json_t *problems)
{
	static const char *const names[] = {"行政复议", "行政诉讼（未经复议直接起诉）",
					    "行政诉讼（复议后起诉）"};
	const json_t *t = json_object_get(extra, "table4");
	if (!t)
		problem(problems, "warning",
			"表四（政府信息公开行政复议、行政诉讼情况）未提供（--extra 中的 table4），按 0 填列。");
	json_t *out = json_object();
	for (int g = 0; go_table4_groups[g]; g++) {
		const json_t *in = json_object_get(t, go_table4_groups[g]);
		json_t *o = json_object();
		long sum = 0, v;
		for (int c = 0; c < 4; c++) {
			char *where = go_xasprintf("表四 %s“%s”", names[g], go_table4_column_labels[c]);
			sum += v = cell(json_object_get(in, go_table4_columns[c]), where, problems);
			free(where);
			json_object_set_new(o, go_table4_columns[c], json_integer(v));
		}
		const json_t *total = json_object_get(in, "total");
		char *where = go_xasprintf("表四 %s“总计”", names[g]);
		v = total ? cell(total, where, problems) : sum;
		free(where);
		if (v != sum)
			problem(problems, "error", "表四 %s：总计 %ld 不等于结果维持、结果纠正、其他结果、尚未审结之和 %ld。",
				names[g], v, sum);
		json_object_set_new(o, "total", json_integer(v));
		json_object_set_new(out, go_table4_groups[g], o);
	}
	return out;
}

json_t *go_annual(go_report_src *src, int year, const json_t *extra, json_t **problems,
		  char **err)
{
	char first[16], last[16];
	snprintf(first, sizeof first, "%04d-01-01", year);
	snprintf(last, sizeof last, "%04d-12-31", year);
	struct annual a = {.src = src, .year = year};
	go_parse_date(first, &a.start);
	go_parse_date(last, &a.end);
	a.t2 = json_pack("{s:{s:i,s:i,s:i},s:{s:i,s:i,s:i},s:{s:i},s:{s:i},s:{s:i}}",
			 "rule", "issued", 0, "abolished", 0, "in_force", 0,
			 "normative", "issued", 0, "abolished", 0, "in_force", 0,
			 "license", "decisions", 0, "penalty", "decisions", 0,
			 "enforcement", "decisions", 0);
	a.overview = json_pack("{s:i,s:{s:i,s:i,s:i,s:i,s:i,s:i},s:i,s:i,s:i}", "published", 0,
			       "by_category", "decision", 0, "execution", 0, "management", 0,
			       "service", 0, "result", 0, "none", 0, "policies", 0,
			       "interpretations", 0, "consultations", 0);
	*problems = json_array();
	/* Every year: table 二 counts what is in force at the end of this one. */
	if (foreach_record(src, 0, 0, annual_record, &a, err) != 0) {
		json_decref(a.t2);
		json_decref(a.overview);
		json_decref(*problems);
		*problems = NULL;
		return NULL;
	}
	const json_t *fees = json_object_get(extra, "fees");
	if (fees && !json_is_number(fees)) {
		problem(*problems, "error", "表二“行政事业性收费”：fees 须为数值（单位：万元）。");
		fees = NULL;
	}
	json_object_set_new(a.t2, "fees", fees ? json_incref((json_t *)fees) : json_null());

	json_t *t3 = table3_get(src, year, extra, *problems);
	json_t *table3 = table3_check(t3, year, *problems);
	json_decref(t3);
	json_t *sections = json_object();
	static const char *const keys[] = {"一", "五", "六"};
	for (int i = 0; i < 3; i++) {
		const json_t *s = json_object_get(json_object_get(extra, "sections"), keys[i]);
		json_object_set_new(sections, keys[i],
				    json_string(json_is_string(s) ? json_string_value(s) : ""));
	}
	return json_pack("{s:i,s:o,s:o,s:o,s:o,s:o}", "year", year, "overview", a.overview,
			 "table2", a.t2, "table3", table3, "table4", table4_check(extra, *problems),
			 "sections", sections);
}

/* Which section a Markdown heading opens: 一, 五, 六, or NULL. */
static const char *section_of(const char *heading)
{
	static const char *const keys[] = {"一", "五", "六"};
	heading += strspn(heading, "# \t");
	for (int i = 0; i < 3; i++)
		if (strncmp(heading, keys[i], strlen(keys[i])) == 0)
			return keys[i];
	return NULL;
}

json_t *go_annual_extra_parse(const char *text, size_t len, char **err)
{
	json_error_t jerr;
	size_t skip = strspn(text, " \t\r\n");
	if (skip < len && text[skip] == '{') {
		json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
		if (!json_is_object(j)) {
			*err = go_xasprintf("%d: %s", jerr.line, j ? "not a JSON object" : jerr.text);
			json_decref(j);
			return NULL;
		}
		return j;
	}
	/* Markdown: "## 一、…" headings start the sections; a ```json block holds
	 * the tables and fees. */
	json_t *out = json_object(), *sections = json_object();
	const char *cur = NULL;
	char *buf = NULL;
	size_t blen = 0;
	FILE *acc = NULL, *code = NULL;
	char *codebuf = NULL;
	size_t codelen = 0;
	int lineno = 0, codeline = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t l = eol ? (size_t)(eol - p) : (size_t)(end - p);
		char *line = go_xasprintf("%.*s", (int)l, p);
		p += l + (eol != NULL);
		lineno++;
		if (code) {
			if (strncmp(line, "```", 3) == 0) {
				fclose(code);
				code = NULL;
				json_t *j = json_loadb(codebuf, codelen, JSON_REJECT_DUPLICATES, &jerr);
				free(codebuf);
				codebuf = NULL;
				if (!json_is_object(j)) {
					*err = go_xasprintf("%d: %s", codeline + jerr.line,
							    j ? "the json block is not an object" : jerr.text);
					json_decref(j);
					free(line);
					goto fail;
				}
				json_object_update(out, j);
				json_decref(j);
			} else {
				fprintf(code, "%s\n", line);
			}
		} else if (strncmp(line, "```json", 7) == 0) {
			code = open_memstream(&codebuf, &codelen);
			codeline = lineno;
		} else if (line[0] == '#') {
			if (acc) {
				fclose(acc);
				acc = NULL;
				json_object_set_new(sections, cur, json_string(buf));
				free(buf);
				buf = NULL;
			}
			if ((cur = section_of(line)))
				acc = open_memstream(&buf, &blen);
		} else if (acc) {
			fprintf(acc, "%s\n", line);
		}
		free(line);
	}
	if (code) {
		*err = go_xasprintf("%d: the ```json block is not closed", codeline);
		goto fail;
	}
	if (acc) {
		fclose(acc);
		acc = NULL;
		json_object_set_new(sections, cur, json_string(buf));
		free(buf);
	}
	/* Trim the sections' blank lines at both ends. */
	const char *k;
	json_t *v;
	json_object_foreach(sections, k, v) {
		const char *s = json_string_value(v);
		s += strspn(s, "\r\n");
		size_t n = strlen(s);
		while (n && strchr("\r\n \t", s[n - 1]))
			n--;
		json_object_set_new(sections, k, json_stringn(s, n));
	}
	json_object_set_new(out, "sections", sections);
	return out;
fail:
	if (code)
		fclose(code);
	free(codebuf);
	if (acc)
		fclose(acc);
	free(buf);
	json_decref(sections);
	json_decref(out);
	return NULL;
}
