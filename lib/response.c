/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * response.c — 回应关切 and 公众参与 (issue 13): responses to public concern,
 * the feedback on decision drafts (意见采纳情况) and investigation results.
 *
 * Two halves. go_check_response checks what one record shows by itself (it
 * runs inside go_check_record). go_resp is the join: an index of a small entry
 * per response, decision draft and feedback (never the record), which
 * go_interp feeds and consults, so go-link-interp joins them in the stream and
 * against the store exactly as it joins interpretations to policies.
 *
 * Times: "YYYY-MM-DDTHH:MM[:SS]" with "Z" or "+HH:MM"; a bare date is a
 * whole day in China Standard Time (+08:00), so that a deadline it certainly
 * misses is still reported.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"

#define NO_TIME LLONG_MIN
#define NO_DAY INT_MIN
#define CST (8 * 3600) /* seconds east of UTC */

#define PROBLEM(sev, code, field, ...) go_problem(rec, o->tool, sev, code, field, __VA_ARGS__)

/* A moment as an interval of seconds since 1970 (UTC): [lo, hi]. */
struct moment {
	long long lo, hi;
	int day; /* the calendar day as written */
};

enum { M_TIME = 0, M_DATE = 1, M_NO_ZONE = 2, M_BAD = -1 };

static int digits(const char *s, int n, int max)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

/* M_TIME for a date-time with its zone, M_DATE for a bare date (the day in
 * +08:00), M_NO_ZONE for a date-time without a zone, M_BAD otherwise. */
static int parse_moment(const char *s, struct moment *m)
{
	char date[11];
	if (!s || strlen(s) < 10)
		return M_BAD;
	memcpy(date, s, 10);
	date[10] = 0;
	if (go_parse_date(date, &m->day) != 0)
		return M_BAD;
	long long start = (long long)m->day * 86400;
	s += 10;
	if (!*s) {
		m->lo = start - CST;
		m->hi = m->lo + 86399;
		return M_DATE;
	}
	int hh, mm, ss = 0;
	if (s[0] != 'T' || (hh = digits(s + 1, 2, 23)) < 0 || s[3] != ':' ||
	    (mm = digits(s + 4, 2, 59)) < 0)
		return M_BAD;
	s += 6;
	if (*s == ':') {
		if ((ss = digits(s + 1, 2, 59)) < 0)
			return M_BAD;
		s += 3;
	}
	long long local = start + hh * 3600 + mm * 60 + ss;
	if (!*s)
		return M_NO_ZONE;
	int east = 0;
	if (strcmp(s, "Z") == 0) {
		east = 0;
	} else if ((*s == '+' || *s == '-') && strlen(s) == 6 && s[3] == ':') {
		int zh = digits(s + 1, 2, 14), zm = digits(s + 4, 2, 59);
		if (zh < 0 || zm < 0)
			return M_BAD;
		east = (zh * 3600 + zm * 60) * (*s == '-' ? -1 : 1);
	} else {
		return M_BAD;
	}
	m->lo = m->hi = local - east;
	return M_TIME;
}

int go_parse_day(const char *s, int *day)
{
	struct moment m;
	int rc = parse_moment(s, &m);
	if (rc == M_BAD)
		return -1;
	*day = m.day;
	return 0;
}

/* Some text, not only white space. */
static int has_text(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 1;
	return 0;
}

static int is_kind(const json_t *rec, const char *code)
{
	const char *k = go_str(rec, "kind");
	k = k ? go_norm_kind(k) : NULL;
	return k && strcmp(k, code) == 0;
}

enum { L_NONE, L_MAJOR, L_EMERGENCY, L_ORDINARY, L_OTHER };

static int level_of(const char *s)
{
	if (!s)
		return L_NONE;
	if (strcmp(s, "major-emergency") == 0)
		return L_MAJOR;
	if (strcmp(s, "emergency") == 0)
		return L_EMERGENCY;
	return strcmp(s, "ordinary") == 0 ? L_ORDINARY : L_OTHER;
}

static int is_press(const json_t *rec)
{
	const char *f = go_str(rec, "form");
	return f && strcmp(f, "press-conference") == 0;
}

/* ---- one record --------------------------------------------------------- */

/* A moment field: its go_parse_moment value, with invalid-date,
 * missing-time-zone and missing-time-of-day reported; M_BAD when absent. */
static int moment_field(json_t *rec, const go_check_opts *o, const json_t *obj,
			const char *key, const char *field, struct moment *m)
{
	const json_t *v = json_object_get(obj, key);
	if (!v)
		return M_BAD;
	int rc = parse_moment(json_string_value(v), m);
	if (rc == M_BAD)
		PROBLEM(GO_ERROR, "invalid-date", field,
			"%s 不是有效的日期时间，应写为 YYYY-MM-DDTHH:MM+08:00（带时区的真实时刻）。", field);
	else if (rc == M_NO_ZONE)
		PROBLEM(GO_ERROR, "missing-time-zone", field,
			"%s 写了时刻但没有时区，须写明，如 %.16s+08:00。", field, json_string_value(v));
	else if (rc == M_DATE)
		PROBLEM(GO_WARNING, "missing-time-of-day", field,
			"%s 只有日期、没有时刻（应为 YYYY-MM-DDTHH:MM+08:00），按小时计算的回应时限无法核对。",
			field);
	return rc;
}

/* "N 小时 M 分" of a number of seconds. */
static void span(long long secs, char out[48])
{
	long long min = secs / 60;
	snprintf(out, 48, "%lld 小时 %lld 分", min / 60, min % 60);
}

/*
 * A deadline of hours after first_seen: the problem when published (pub, or
 * the start of today when the record is not published) is certainly later.
 * exact: both moments are to the minute (else "at least").
 */
static void hours_rule(json_t *rec, const char *tool, const char *code, int hours,
		       const char *what, const char *verb, const char *rule, long long seen_hi,
		       const struct moment *pub, int published, int exact)
{
	long long late = pub->lo - seen_hi;
	if (late <= (long long)hours * 3600)
		return;
	char took[48];
	span(late, took);
	go_problem(rec, tool, GO_WARNING, code, "published",
		   "%s须在首次发现舆情（concern.first_seen）后 %d 小时内%s（%s）；%s%s %s，超过时限。",
		   what, hours, verb, rule,
		   published ? "本回应发布（published）时已过" : "至今天仍未发布，已过",
		   exact ? "" : "至少", took);
}

static const char *const rule61_48 = "国办发〔2016〕61号：一般政务舆情最迟 48 小时内回应";
static const char *const rule80_5 = "国办发〔2016〕80号：重大突发事件最迟 5 小时内发布权威信息";
static const char *const rule61_24 =
	"国办发〔2016〕61号：特别重大、重大突发事件最迟 24 小时内举行新闻发布会";

static void check_response(json_t *rec, const go_check_opts *o)
{
	const json_t *offices = json_object_get(rec, "offices"), *v;
	size_t i;
	int bad = !json_is_array(offices) || json_array_size(offices) == 0;
	json_array_foreach(offices, i, v)
		if (!has_text(json_string_value(v)))
			bad = 1;
	if (bad)
		PROBLEM(GO_ERROR, "missing-responsible-office", "offices",
			"回应须在 offices 中列明负责回应的科室，涉事责任科室列在首位"
			"（国办发〔2016〕61号：属地管理、分级负责、谁主管谁负责，涉事责任科室是第一责任主体）。");
	else if (json_array_size(offices) > 1 && !has_text(go_str(rec, "coordinated_by")))
		PROBLEM(GO_ERROR, "missing-coordinator", "coordinated_by",
			"回应涉及 %zu 个科室，须在 coordinated_by 中写明组织协调的科室"
			"（国办发〔2016〕61号：涉及多个部门的，按职责分工做好回应，由一个部门牵头协调）。",
			json_array_size(offices));

	int follows = json_object_get(rec, "follows") != NULL;
	const json_t *c = json_object_get(rec, "concern");
	struct moment seen, pub;
	int have_seen = M_BAD, level = L_NONE;
	if (!c) {
		if (!follows)
			PROBLEM(GO_ERROR, "missing-concern", "concern",
				"首次回应须写明所回应的舆情（concern：first_seen 首次发现时间、level 级别、summary 概要、source 来源）；"
				"后续回应以 follows 链接首次回应。");
	} else if (!json_is_object(c)) {
		PROBLEM(GO_ERROR, "missing-concern", "concern",
			"concern 须为对象：{\"first_seen\", \"level\", \"summary\", \"source\"}。");
	} else {
		static const char *const keys[] = {"first_seen", "level", "summary", "source"};
		static const char *const names[] = {"首次发现时间", "级别", "概要", "来源"};
		for (size_t k = 0; k < 4; k++) {
			if (json_object_get(c, keys[k]) && (k < 2 || has_text(go_str(c, keys[k]))))
				continue;
			char field[32];
			snprintf(field, sizeof field, "concern.%s", keys[k]);
			PROBLEM(GO_ERROR, "missing-concern", field, "所回应的舆情缺少%s（%s）。",
				names[k], field);
		}
		level = level_of(go_str(c, "level"));
		if (json_object_get(c, "level") && (level == L_OTHER || level == L_NONE))
			PROBLEM(GO_ERROR, "invalid-concern-level", "concern.level",
				"舆情级别（concern.level）须为 major-emergency（特别重大、重大突发事件）、"
				"emergency（其他突发事件）或 ordinary（一般政务舆情）。");
		have_seen = moment_field(rec, o, c, "first_seen", "concern.first_seen", &seen);
	}

	int have_pub = M_DATE, published = json_object_get(rec, "published") != NULL;
	if (published) {
		have_pub = moment_field(rec, o, rec, "published", "published", &pub);
	} else {
		pub.day = o->today;
		pub.lo = (long long)o->today * 86400 - CST;
		pub.hi = pub.lo + 86399;
	}
	if ((have_seen != M_TIME && have_seen != M_DATE) ||
	    (have_pub != M_TIME && have_pub != M_DATE) || level == L_NONE || level == L_OTHER)
		return;
	int exact = have_seen == M_TIME && have_pub == M_TIME;
	if (!follows && level == L_MAJOR)
		hours_rule(rec, o->tool, "late-authoritative-information", 5, "重大突发事件的权威信息", "发布",
			   rule80_5, seen.hi, &pub, published, exact);
	else if (!follows)
		hours_rule(rec, o->tool, "late-response", 48, "对政务舆情的回应", "发布", rule61_48,
			   seen.hi, &pub, published, exact);
	if (level == L_MAJOR && is_press(rec))
		hours_rule(rec, o->tool, "late-press-conference", 24, "新闻发布会", "举行", rule61_24,
			   seen.hi, &pub, published, exact);
}

static const char *const rule32 = "《重大行政决策程序暂行条例》第三十二条";

/* A reason: a string with text, or an array of them. */
static int has_reasons(const json_t *v)
{
	if (json_is_string(v))
		return has_text(json_string_value(v));
	if (!json_is_array(v) || json_array_size(v) == 0)
		return 0;
	size_t i;
	const json_t *s;
	json_array_foreach(v, i, s)
		if (!has_text(json_string_value(s)))
			return 0;
	return 1;
}

static void check_feedback(json_t *rec, const go_check_opts *o)
{
	if (!has_text(go_str(rec, "responds_to")))
		PROBLEM(GO_ERROR, "missing-field", "responds_to",
			"意见采纳情况（feedback）须在 responds_to 中写明所对应决策草案的索引号（%s）。", rule32);
	const json_t *op = json_object_get(rec, "opinions");
	if (!json_is_object(op)) {
		PROBLEM(GO_ERROR, "invalid-feedback", "opinions",
			"意见采纳情况须写明 opinions：received（收到意见数）、adopted（采纳数）和未采纳理由"
			" not_adopted_reason（%s）。", rule32);
		return;
	}
	const json_t *rv = json_object_get(op, "received"), *av = json_object_get(op, "adopted");
	int ok = 1;
	if (!json_is_integer(rv) || json_integer_value(rv) < 0) {
		PROBLEM(GO_ERROR, "invalid-feedback", "opinions.received",
			"收到的意见数（opinions.received）须为非负整数（%s）。", rule32);
		ok = 0;
	}
	if (!json_is_integer(av) || json_integer_value(av) < 0) {
		PROBLEM(GO_ERROR, "invalid-feedback", "opinions.adopted",
			"采纳的意见数（opinions.adopted）须为非负整数（%s）。", rule32);
		ok = 0;
	}
	if (!ok)
		return;
	json_int_t received = json_integer_value(rv), adopted = json_integer_value(av);
	if (adopted > received)
		PROBLEM(GO_ERROR, "invalid-feedback", "opinions.adopted",
			"采纳的意见数（%" JSON_INTEGER_FORMAT "）多于收到的意见数（%" JSON_INTEGER_FORMAT "）。",
			adopted, received);
	else if (adopted < received && !has_reasons(json_object_get(op, "not_adopted_reason")))
		PROBLEM(GO_ERROR, "invalid-feedback", "opinions.not_adopted_reason",
			"有 %" JSON_INTEGER_FORMAT " 条意见未采纳，须在 opinions.not_adopted_reason 中说明理由（%s）。",
			received - adopted, rule32);
}

void go_check_response(json_t *rec, const go_check_opts *o)
{
	/* A withheld record is registered with its metadata only (SPEC §6). */
	const char *a = go_norm_attribute(go_str(rec, "attribute"));
	if (a && strcmp(a, "withheld") == 0)
		return;
	if (is_kind(rec, "response"))
		check_response(rec, o);
	else if (is_kind(rec, "feedback"))
		check_feedback(rec, o);
}

/* ---- the join ----------------------------------------------------------- */

enum { R_RESPONSE, R_DRAFT, R_FEEDBACK };
enum {
	RF_CONCERN = 2,       /* carries its own concern */
	RF_PRESS = 4,         /* form press-conference */
	RF_INVESTIGATION = 8, /* investigation: true */
	RF_RESULT = 16,       /* result given */
	RF_ANSWERED = 32,     /* resolved: a result (investigation) or a feedback (draft) */
	RF_PUBLIC = 64,       /* draft: public_interest: true */
	RF_WITHHELD = 128,    /* withheld; a feedback also when on-request */
	RF_HAS_PRESS = 256,   /* resolved, on a first response: a press conference follows */
	RF_EXACT_SEEN = 512,  /* concern.first_seen to the minute */
	RF_EXACT_PUB = 1024,  /* published to the minute */
};
enum { O_NONE, O_MISSING, O_KIND, O_CYCLE }; /* why follows or responds_to fails */

struct rentry {
	char *id, *link, *office; /* link: follows (response), responds_to (feedback) */
	long long seen;           /* concern.first_seen (latest second), or NO_TIME */
	long long pub;            /* published (earliest second), or NO_TIME */
	long long press;          /* resolved, on a first response: earliest press conference */
	int day;                  /* published (response, feedback) or decided (draft), or NO_DAY */
	int answer_day;           /* resolved: earliest result or feedback, NO_DAY if unknown */
	long parent, root, answer; /* resolved: entry numbers, or -1 */
	unsigned short flags;
	unsigned char kind, level, orphan, live;
};

struct go_resp {
	go_interp_opts o;
	struct rentry *e;
	size_t n, cap;
	int stored; /* a store took part: messages say so */
};

go_resp *go_resp_new(const go_interp_opts *o)
{
	go_resp *r = go_xcalloc(1, sizeof *r);
	r->o = *o;
	return r;
}

void go_resp_free(go_resp *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->e[i].id);
		free(r->e[i].link);
		free(r->e[i].office);
	}
	free(r->e);
	free(r);
}

static char *dup_or_null(const char *s)
{
	return s ? go_xstrdup(s) : NULL;
}

long go_resp_add(go_resp *r, const json_t *rec, int stored)
{
	int kind = is_kind(rec, "response") ? R_RESPONSE : is_kind(rec, "decision-draft") ? R_DRAFT
		   : is_kind(rec, "feedback") ? R_FEEDBACK : -1;
	const char *id = go_str(rec, "id");
	if (kind < 0 || !id)
		return -1;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->e = go_xrealloc(r->e, r->cap * sizeof *r->e);
	}
	struct rentry *e = &r->e[r->n];
	memset(e, 0, sizeof *e);
	e->kind = (unsigned char)kind;
	e->id = go_xstrdup(id);
	e->office = dup_or_null(go_str(rec, "office"));
	e->seen = e->pub = e->press = NO_TIME;
	e->day = e->answer_day = NO_DAY;
	e->parent = e->root = e->answer = -1;
	const char *a = go_norm_attribute(go_str(rec, "attribute"));
	if (a && (strcmp(a, "withheld") == 0 || (kind == R_FEEDBACK && strcmp(a, "on-request") == 0)))
		e->flags |= RF_WITHHELD;
	struct moment m;
	int rc;
	if (kind == R_DRAFT) {
		if (go_parse_date(go_str(rec, "decided"), &e->day) != 0)
			e->day = NO_DAY;
		if (json_is_true(json_object_get(rec, "public_interest")))
			e->flags |= RF_PUBLIC;
		return (long)r->n++;
	}
	e->link = dup_or_null(go_str(rec, kind == R_RESPONSE ? "follows" : "responds_to"));
	if (json_object_get(rec, kind == R_RESPONSE ? "follows" : "responds_to") && !e->link)
		e->link = go_xstrdup(""); /* not a string: names nothing */
	if (json_object_get(rec, "published")) {
		rc = parse_moment(go_str(rec, "published"), &m);
		if (rc == M_TIME || rc == M_DATE || rc == M_NO_ZONE) {
			e->day = m.day;
			if (rc != M_NO_ZONE)
				e->pub = m.lo;
			if (rc == M_TIME)
				e->flags |= RF_EXACT_PUB;
		}
	} else if (!stored) {
		e->day = r->o.today;
		e->pub = (long long)r->o.today * 86400 - CST;
	}
	if (kind == R_RESPONSE) {
		const json_t *c = json_object_get(rec, "concern");
		if (json_is_object(c)) {
			e->flags |= RF_CONCERN;
			e->level = (unsigned char)level_of(go_str(c, "level"));
			rc = parse_moment(go_str(c, "first_seen"), &m);
			if (rc == M_TIME || rc == M_DATE)
				e->seen = m.hi;
			if (rc == M_TIME)
				e->flags |= RF_EXACT_SEEN;
		}
		if (is_press(rec))
			e->flags |= RF_PRESS;
		if (json_is_true(json_object_get(rec, "investigation")))
			e->flags |= RF_INVESTIGATION;
		if (has_text(go_str(rec, "result")))
			e->flags |= RF_RESULT;
	}
	return (long)r->n++;
}

/* The entry that stands for this id (a batch record over a stored document),
 * or -1; *why says why not when there is none of this kind. */
static long lookup(const go_resp *r, go_resp_lookup who, const void *ctx, const char *id,
		   int kind, int *why)
{
	long n = -1;
	if (!id || !*id || !who(ctx, id, &n)) {
		*why = O_MISSING;
		return -1;
	}
	if (n < 0 || r->e[n].kind != kind) {
		*why = O_KIND;
		return -1;
	}
	*why = O_NONE;
	return n;
}

/* Keep the earliest answer (a day unknown counts, but loses to a known one). */
static void answer(struct rentry *to, long from, int day)
{
	to->flags |= RF_ANSWERED;
	if (day != NO_DAY && (to->answer_day == NO_DAY || day < to->answer_day)) {
		to->answer_day = day;
		to->answer = from;
	} else if (to->answer < 0) {
		to->answer = from;
	}
}

void go_resp_resolve(go_resp *r, go_resp_lookup who, const void *ctx, int stored)
{
	r->stored = stored;
	long id;
	int why;
	/* A stored document that a batch record of the same id replaces takes no part. */
	for (size_t i = 0; i < r->n; i++)
		r->e[i].live = who(ctx, r->e[i].id, &id) && id == (long)i;
	for (size_t i = 0; i < r->n; i++) {
		struct rentry *e = &r->e[i];
		if (!e->live || !e->link)
			continue;
		e->parent = lookup(r, who, ctx, e->link, e->kind == R_RESPONSE ? R_RESPONSE : R_DRAFT, &why);
		e->orphan = (unsigned char)why;
	}
	/* Each response's first response; a cycle of follows has none. */
	for (size_t i = 0; i < r->n; i++) {
		struct rentry *e = &r->e[i];
		if (!e->live || e->kind != R_RESPONSE || e->orphan)
			continue;
		long at = (long)i;
		size_t steps = 0;
		while (r->e[at].parent >= 0 && steps++ <= r->n)
			at = r->e[at].parent;
		if (r->e[at].parent >= 0 || r->e[at].orphan)
			e->orphan = r->e[at].parent >= 0 ? O_CYCLE : e->orphan;
		else
			e->root = at;
	}
	for (size_t i = 0; i < r->n; i++) {
		struct rentry *e = &r->e[i];
		if (!e->live)
			continue;
		/* Only a feedback the public sees answers its draft. */
		if (e->kind == R_FEEDBACK && e->parent >= 0 && !(e->flags & RF_WITHHELD))
			answer(&r->e[e->parent], (long)i, e->day);
		if (e->kind != R_RESPONSE || e->root < 0)
			continue;
		struct rentry *root = &r->e[e->root];
		if ((e->flags & RF_PRESS) && e->pub != NO_TIME &&
		    (root->press == NO_TIME || e->pub < root->press))
			root->press = e->pub;
		if (e->flags & RF_PRESS)
			root->flags |= RF_HAS_PRESS;
		/* A result answers every investigation it follows from. */
		if (e->flags & RF_RESULT)
			for (long a = e->parent; a >= 0; a = a == e->root ? -1 : r->e[a].parent)
				if (r->e[a].flags & RF_INVESTIGATION)
					answer(&r->e[a], (long)i, e->day);
	}
}

static const char *where(const go_resp *r)
{
	return r->stored ? "输入和文档库" : "输入";
}

/* Working days from day to the later day: more than allowed? */
static int past(int from, int to, int allowed)
{
	return from != NO_DAY && to != NO_DAY && go_workdays_between(from, to) > allowed;
}

static int apply_response(go_resp *r, const struct rentry *e, json_t *rec)
{
	const char *tool = r->o.tool;
	if (e->link && e->orphan) {
		if (e->orphan == O_MISSING)
			go_problem(rec, tool, GO_ERROR, "orphan-follow-up", "follows",
				   "后续回应所链接的回应 %s 在%s中不存在（follows 须为首次或前次回应的索引号）。",
				   e->link, where(r));
		else if (e->orphan == O_KIND)
			go_problem(rec, tool, GO_ERROR, "orphan-follow-up", "follows",
				   "后续回应所链接的 %s 不是回应（kind response）。", e->link);
		else
			go_problem(rec, tool, GO_ERROR, "orphan-follow-up", "follows",
				   "回应的 follows 链接成环（经 %s），找不到首次回应。", e->link);
		return 1;
	}
	const struct rentry *root = e->root >= 0 ? &r->e[e->root] : NULL;
	/* A press conference that follows without its own concern: the first response's. */
	if (root && root != e && !(e->flags & RF_CONCERN) && (e->flags & RF_PRESS) &&
	    root->level == L_MAJOR && root->seen != NO_TIME && e->pub != NO_TIME) {
		struct moment pub = {.lo = e->pub, .hi = e->pub, .day = e->day};
		hours_rule(rec, tool, "late-press-conference", 24, "新闻发布会", "举行", rule61_24,
			   root->seen, &pub, json_object_get(rec, "published") != NULL,
			   (root->flags & RF_EXACT_SEEN) && (e->flags & RF_EXACT_PUB));
	}
	if (root == e && e->level == L_MAJOR && e->seen != NO_TIME && !(e->flags & RF_HAS_PRESS)) {
		long long today = (long long)r->o.today * 86400 - CST;
		if (today > e->seen + 24 * 3600)
			go_problem(rec, tool, GO_WARNING, "missing-press-conference", "form",
				   "重大突发事件舆情（concern.level 为 major-emergency）在%s中没有新闻发布会"
				   "（form 为 press-conference 的回应或后续回应），24 小时已过（%s）。",
				   where(r), rule61_24);
	}
	if ((e->flags & RF_INVESTIGATION) && e->day != NO_DAY) {
		int allowed = r->o.investigation_days;
		if (!(e->flags & RF_ANSWERED) && past(e->day, r->o.today, allowed))
			go_problem(rec, tool, GO_WARNING, "missing-investigation-result", "investigation",
				   "回应称正在调查（investigation），已过 %d 个工作日，%s中仍没有公布调查处置结果的后续回应"
				   "（follows 本回应并写明 result；工作要点：对群众反映的重大问题，调查处置情况及时公布）。",
				   allowed, where(r));
		else if ((e->flags & RF_ANSWERED) && past(e->day, e->answer_day, allowed))
			go_problem(rec, tool, GO_WARNING, "missing-investigation-result", "investigation",
				   "调查处置结果 %s 比本回应晚 %d 个工作日公布，超过允许的 %d 个工作日"
				   "（工作要点：对群众反映的重大问题，调查处置情况及时公布）。",
				   r->e[e->answer].id, go_workdays_between(e->day, e->answer_day), allowed);
	}
	return 0;
}

static int apply_draft(go_resp *r, const struct rentry *e, json_t *rec)
{
	if (e->day == NO_DAY || (e->flags & (RF_WITHHELD | RF_ANSWERED)) ||
	    !past(e->day, r->o.today, r->o.grace_days))
		return 0;
	int error = !!(e->flags & RF_PUBLIC);
	char d[11], when[64];
	go_format_date(e->day, d);
	if (r->o.grace_days)
		snprintf(when, sizeof when, "与决定同时或在其后 %d 个工作日内", r->o.grace_days);
	else
		snprintf(when, sizeof when, "与决定同时");
	go_problem(rec, r->o.tool, error ? GO_ERROR : GO_WARNING, "missing-feedback", "decided",
		   "决策草案 %s 已于 %s 作出决定（decided），%s中没有其公开的意见采纳情况（kind feedback，"
		   "responds_to 本草案）；须%s公布收到和采纳意见的情况及未采纳理由（%s%s）。",
		   e->id, d, where(r), when, rule32,
		   error ? "；本草案涉及重大公共利益（public_interest）" : "");
	return error;
}

static int apply_feedback(go_resp *r, const struct rentry *e, json_t *rec)
{
	const char *tool = r->o.tool;
	if (!e->link)
		return 0; /* missing-field, go-check-reason's */
	if (e->orphan) {
		if (e->orphan == O_MISSING)
			go_problem(rec, tool, GO_ERROR, "orphan-feedback", "responds_to",
				   "意见采纳情况所对应的决策草案 %s 在%s中不存在。", e->link, where(r));
		else
			go_problem(rec, tool, GO_ERROR, "orphan-feedback", "responds_to",
				   "意见采纳情况所对应的 %s 不是决策草案（kind decision-draft）。", e->link);
		return 1;
	}
	const struct rentry *d = &r->e[e->parent];
	int errors = 0;
	if (e->office && d->office && strcmp(e->office, d->office) != 0) {
		go_problem(rec, tool, GO_ERROR, "feedback-office-mismatch", "office",
			   "意见采纳情况的科室“%s”与决策草案 %s 的起草科室“%s”不一致（谁起草、谁公布采纳情况）。",
			   e->office, d->id, d->office);
		errors++;
	}
	if (past(d->day, e->day, r->o.grace_days)) {
		char dd[11], fd[11];
		go_format_date(d->day, dd);
		go_format_date(e->day, fd);
		go_problem(rec, tool, GO_WARNING, "late-feedback", "published",
			   "意见采纳情况 %s 发布，比决策草案 %s 的决定日期（decided %s）晚 %d 个工作日，"
			   "超过允许的 %d 个工作日（%s：与决定同时公布）。",
			   fd, d->id, dd, go_workdays_between(d->day, e->day), r->o.grace_days, rule32);
	}
	return errors;
}

int go_resp_apply(go_resp *r, long n, json_t *rec)
{
	if (n < 0 || (size_t)n >= r->n)
		return 0;
	const struct rentry *e = &r->e[n];
	/* A batch record the same id comes again after: the later one stands. */
	if (!e->live)
		return 0;
	if (e->kind == R_RESPONSE)
		return apply_response(r, e, rec);
	if (e->kind == R_DRAFT)
		return apply_draft(r, e, rec);
	return apply_feedback(r, e, rec);
}
