/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * rules.c — go-classify's rules: the rules-file grammar of SPEC §5, the
 * embedded default rules, and classifying a record with them.
 *
 *   rule       := assignment... ["if" condition...] [# comment]
 *   assignment := attribute=CODE | category=CODE | basis=CODE,... | reason=TEXT
 *   condition  := FIELD=v1,v2 | FIELD~w1,w2 | pii
 *
 * A value with spaces, commas, '"' or '#' is written in double quotes (\" and
 * \\ escape inside). FIELD may name a nested field with dots (review.result).
 * Conditions look at the record as it came in; every rule that matches fills
 * the fields it sets that are still open, so the first matching rule wins for
 * each field. A rule is skipped whole when the attribute it sets differs from
 * the record's (or from one an earlier rule set), or when its category or
 * basis differs from one the record keeps: a record never gets the basis or
 * reason of a rule written for another attribute.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "go-classify.h"

enum { F_ATTRIBUTE, F_CATEGORY, F_BASIS, F_REASON, NFIELDS };
static const char *const field_names[NFIELDS] = { "attribute", "category", "basis", "reason" };

enum cond_type { C_EQUALS, C_CONTAINS, C_PII };

struct cond {
	enum cond_type type;
	char **path;      /* field name split at dots */
	size_t npath;
	char **vals;      /* values or keywords */
	size_t nvals;
	unsigned id;      /* C_CONTAINS: bit in hits */
	size_t fm;        /* C_CONTAINS: its field matcher */
	go_matcher *words; /* C_CONTAINS, for go_rules_explain: a bit per value */
};

struct rule {
	char *where;      /* "FILE:LINE" */
	unsigned sets;    /* bit per F_* */
	const char *attribute, *category; /* codes, static */
	char **basis;
	size_t nbasis;
	char *reason;
	struct cond *conds;
	size_t nconds;
	/* made by go_rules_build, shared by every record the rule fills: a
	 * record holds references, so nothing may change them in place */
	json_t *value[NFIELDS];
	json_t *where_json;
	unsigned long nset[NFIELDS]; /* fields it set, for go_rules_stats */
};

/* All keyword conditions on one field share one automaton and one scan. */
struct field_matcher {
	char **path;      /* borrowed from the first condition on the field */
	size_t npath;
	go_matcher *m;
	int scanned;      /* in the current record */
	size_t have;      /* ids found so far in the current record */
};

struct go_rules {
	struct rule *rules;
	size_t nrules, caprules;
	struct field_matcher *fms;
	size_t nfms;
	unsigned ncontains;
	int built;
	unsigned char *hits; /* per record: a bit per keyword condition */
	int pii_state;       /* per record: -1 not looked at, 0 none, 1 found */
	go_pii pii_hit;
	int pii_field;       /* 0 title, 1 body */
	const struct rule *chosen[NFIELDS]; /* of the last record, for go_rules_explain */
};

/* ---- the default rules ------------------------------------------------------ */

/* Line N of this text is "default:N" in classified_by and in messages. */
const char go_default_rules[] =
"# go-classify default rules: go-classify --print-default-rules prints them.\n"
"# One rule a line: FIELD=VALUE ... if CONDITION ...  The first rule that\n"
"# matches wins for each field it sets. Keywords are written once, in\n"
"# simplified script; they also match traditional script, full-width forms\n"
"# and text with pinyin annotations. The rules look at kind and title only:\n"
"# a body mentions too much (a work plan names every kind of document).\n"
"# The law: 《中华人民共和国政府信息公开条例》(2019), articles 14-16, 19-20;\n"
"# the five categories: 决策、执行、管理、服务、结果公开.\n"
"\n"
"# A decision draft is published for comment (OGI 19); first, because its\n"
"# title may read like a process draft.\n"
"attribute=proactive category=decision reason=\"属于需要公众参与决策的重大行政决策草案，依据《中华人民共和国政府信息公开条例》第十九条主动公开，公开征求意见。\" if kind=decision-draft\n"
"\n"
"# 不予公开: OGI 14 (secrets, bans, the three securities and stability).\n"
"attribute=withheld basis=ogi-14-secret reason=\"属于依法确定为国家秘密的政府信息，依据《中华人民共和国政府信息公开条例》第十四条不予公开。\" if title~国家秘密,涉密,绝密,机密\n"
"attribute=withheld basis=ogi-14-law reason=\"属于法律、行政法规禁止公开的政府信息，依据《中华人民共和国政府信息公开条例》第十四条不予公开。\" if title~禁止公开\n"
"attribute=withheld basis=ogi-14-safety reason=\"公开后可能危及国家安全、公共安全、经济安全、社会稳定，依据《中华人民共和国政府信息公开条例》第十四条不予公开。\" if title~危及国家安全,危及公共安全,危及经济安全,危及社会稳定\n"
"# OGI 15: third parties' rights (personal information, trade secrets).\n"
"attribute=withheld basis=ogi-15-third-party reason=\"含有个人信息，公开会对第三方合法权益造成损害，依据《中华人民共和国政府信息公开条例》第十五条不予公开。\" if pii\n"
"attribute=withheld basis=ogi-15-third-party reason=\"涉及商业秘密、个人隐私，公开会对第三方合法权益造成损害，依据《中华人民共和国政府信息公开条例》第十五条不予公开。\" if title~商业秘密,个人隐私\n"
"# OGI 16: internal affairs, process information, enforcement case files.\n"
"attribute=withheld basis=ogi-16-internal reason=\"属于人事管理、后勤管理、内部工作流程等内部事务信息，依据《中华人民共和国政府信息公开条例》第十六条第一款不予公开。\" if title~人事任免,职务任免,干部任免,干部考察,人事调整,人事管理,后勤管理,后勤保障,内部工作流程,内部管理,考勤,值班安排\n"
"# Everyday personnel and internal matters (OGI 16 para. 1): suggested withheld\n"
"# for review, never published on a rule's word (go-publish asks confirmation\n"
"# only of proactive suggestions; these publish nothing).\n"
"attribute=withheld basis=ogi-16-internal reason=\"属于干部任职、免职、任命、聘任、录用、调动、试用期、转正、职级晋升、辞去公职等人事管理信息，依据《中华人民共和国政府信息公开条例》第十六条第一款不予公开（规则建议，须经审核确认）。\" if title~任职,免职,免去,任命,聘任,聘用,解聘,试用期,转正,职级晋升,职务晋升,职级套转,辞去公职,辞职,辞退,录用,调动,调任,转任,挂职,借调,退休\n"
"attribute=withheld basis=ogi-16-internal reason=\"属于工作人员考核、奖惩等人事管理信息，依据《中华人民共和国政府信息公开条例》第十六条第一款不予公开（规则建议，须经审核确认）。\" if title~考核,奖惩,嘉奖,记功,记三等功,处分,诫勉,通报批评\n"
"attribute=withheld basis=ogi-16-internal reason=\"属于工资、福利、休假等人事管理和后勤管理信息，依据《中华人民共和国政府信息公开条例》第十六条第一款不予公开（规则建议，须经审核确认）。\" if title~工资,薪酬,薪级,津贴,福利,年休假,休假,请假,公积金,体检\n"
"attribute=withheld basis=ogi-16-process reason=\"属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，依据《中华人民共和国政府信息公开条例》第十六条第二款不予公开。\" if title~讨论稿,讨论记录,过程稿,送审稿,征求意见的函,征求意见函,磋商,商请,请示\n"
"attribute=withheld basis=ogi-16-case-file reason=\"属于行政执法案卷信息，依据《中华人民共和国政府信息公开条例》第十六条第二款不予公开。\" if title~执法案卷,案卷材料\n"
"\n"
"# 主动公开 with its category: OGI 19 and 20.\n"
"attribute=proactive category=decision reason=\"属于规章、行政规范性文件或其他政策性文件，依据《中华人民共和国政府信息公开条例》第十九条、第二十条第（一）项主动公开（决策公开）。\" if kind=rule,normative,policy\n"
"attribute=proactive category=decision reason=\"属于政策解读，与所解读的政策文件同步发布，依据《中华人民共和国政府信息公开条例》第十九条主动公开（决策公开）。\" if kind=interpretation\n"
"attribute=proactive category=management reason=\"属于行政许可、行政处罚、行政强制等管理信息，依据《中华人民共和国政府信息公开条例》第二十条第（五）项、第（六）项主动公开（管理公开）。\" if kind=license,penalty,enforcement\n"
"attribute=proactive category=service reason=\"属于办理对外管理服务事项的依据、条件、程序，依据《中华人民共和国政府信息公开条例》第二十条第（五）项主动公开（服务公开）。\" if kind=guide\n"
"attribute=proactive category=management reason=\"属于行政许可、行政处罚、行政强制、监督检查等管理信息，依据《中华人民共和国政府信息公开条例》第二十条第（五）项、第（六）项、第（十三）项主动公开（管理公开）。\" if title~行政许可,许可决定,行政处罚,处罚决定,行政强制,监督检查,双随机\n"
"attribute=proactive category=service reason=\"属于办理对外管理服务事项的依据、条件、程序，依据《中华人民共和国政府信息公开条例》第二十条第（五）项主动公开（服务公开）。\" if title~办事指南,服务指南,办理指南,办事流程,服务事项\n"
"attribute=proactive category=result reason=\"属于工作总结、报告和落实结果，需要公众广泛知晓，依据《中华人民共和国政府信息公开条例》第十九条主动公开（结果公开）。\" if title~总结,年度报告,工作报告,完成情况,落实情况,结果公示,结果公告\n"
"attribute=proactive category=execution reason=\"属于工作计划、方案和部署的执行情况，需要公众广泛知晓，依据《中华人民共和国政府信息公开条例》第十九条主动公开（执行公开）。\" if title~计划,要点,方案,实施意见,工作部署,进展情况\n"
"attribute=proactive category=result reason=\"属于工作报告和结果，需要公众广泛知晓，依据《中华人民共和国政府信息公开条例》第十九条主动公开（结果公开）。\" if kind=report\n"
"attribute=proactive category=execution reason=\"属于回应社会关切的信息，需要公众广泛知晓，依据《中华人民共和国政府信息公开条例》第十九条主动公开（执行公开）。\" if kind=response\n"
"attribute=proactive category=execution reason=\"属于需要公众广泛知晓的通知公告，依据《中华人民共和国政府信息公开条例》第十九条主动公开（执行公开）。\" if kind=notice\n";

/* ---- parsing ---------------------------------------------------------------- */

struct parser {
	const char *name;
	unsigned long line;
	const char *p, *end; /* the rest of the line */
	int errors;
	char *msg;           /* the first error of the line */
};

static void perr(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void perr(struct parser *ps, const char *fmt, ...)
{
	if (ps->msg)
		return;
	va_list ap;
	va_start(ap, fmt);
	ps->msg = go_xvasprintf(fmt, ap);
	va_end(ap);
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.';
}

static void push(char ***v, size_t *n, char *s)
{
	*v = go_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* One value, quoted or bare; NULL after an error. */
static char *value(struct parser *ps)
{
	const char *p = ps->p;
	if (p < ps->end && *p == '"') {
		char *out = go_xmalloc((size_t)(ps->end - p));
		size_t k = 0;
		for (p++; p < ps->end && *p != '"'; p++) {
			if (*p == '\\' && p + 1 < ps->end && (p[1] == '"' || p[1] == '\\'))
				p++;
			out[k++] = *p;
		}
		if (p == ps->end) {
			free(out);
			perr(ps, "unterminated quoted value");
			return NULL;
		}
		out[k] = '\0';
		ps->p = p + 1;
		if (ps->p < ps->end && !is_space(*ps->p) && *ps->p != ',') {
			free(out);
			perr(ps, "a quoted value must be followed by a space, a comma or the end of the line");
			return NULL;
		}
		return out;
	}
	while (p < ps->end && !is_space(*p) && *p != ',' && *p != '"')
		p++;
	if (p < ps->end && *p == '"') {
		perr(ps, "a '\"' inside a bare value: quote the whole value");
		return NULL;
	}
	char *out = go_xmalloc((size_t)(p - ps->p) + 1);
	memcpy(out, ps->p, (size_t)(p - ps->p));
	out[p - ps->p] = '\0';
	ps->p = p;
	return out;
}

/* v1,v2,... up to the next space: 0, or -1 after an error. */
static int values(struct parser *ps, const char *field, char ***v, size_t *n)
{
	for (;;) {
		char *s = value(ps);
		if (!s)
			return -1;
		if (!*s) {
			free(s);
			perr(ps, "%s: empty value", field);
			return -1;
		}
		push(v, n, s);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		return 0;
	}
}

static void free_rule(struct rule *r)
{
	free(r->where);
	free_strv(r->basis, r->nbasis);
	free(r->reason);
	for (size_t i = 0; i < r->nconds; i++) {
		free_strv(r->conds[i].path, r->conds[i].npath);
		free_strv(r->conds[i].vals, r->conds[i].nvals);
		go_matcher_free(r->conds[i].words);
	}
	free(r->conds);
	for (int f = 0; f < NFIELDS; f++)
		json_decref(r->value[f]);
	json_decref(r->where_json);
}

static const char *norm_for(const char *field, const char *v)
{
	if (strcmp(field, "attribute") == 0)
		return go_norm_attribute(v);
	if (strcmp(field, "category") == 0)
		return go_norm_category(v);
	if (strcmp(field, "kind") == 0)
		return go_norm_kind(v);
	return v;
}

static int assignment(struct parser *ps, struct rule *r, const char *field)
{
	int f;
	for (f = 0; f < NFIELDS; f++)
		if (strcmp(field, field_names[f]) == 0)
			break;
	if (f == NFIELDS) {
		perr(ps, "cannot set '%s' (attribute, category, basis, reason)", field);
		return -1;
	}
	if (r->sets & 1u << f) {
		perr(ps, "%s set twice", field);
		return -1;
	}
	char **v = NULL;
	size_t n = 0;
	if (values(ps, field, &v, &n) != 0) {
		free_strv(v, n);
		return -1;
	}
	int rc = 0;
	if (f != F_BASIS && n > 1) {
		perr(ps, "%s takes one value (quote a value that holds commas)", field);
		rc = -1;
	} else if (f == F_ATTRIBUTE || f == F_CATEGORY) {
		const char *code = norm_for(field, v[0]);
		if (!code) {
			perr(ps, f == F_ATTRIBUTE ? "'%s' is not an attribute (proactive, on-request, withheld)"
			     : "'%s' is not a category (decision, execution, management, service, result)",
			     v[0]);
			rc = -1;
		} else if (f == F_ATTRIBUTE)
			r->attribute = code;
		else
			r->category = code;
	} else if (f == F_BASIS) {
		for (size_t i = 0; i < n; i++)
			if (!go_basis_lookup(v[i])) {
				perr(ps, "'%s' is not a legal basis code (SPEC §3: ogi-14-secret ... ogi-16-case-file)", v[i]);
				rc = -1;
				break;
			}
		if (rc == 0) {
			r->basis = v;
			r->nbasis = n;
			v = NULL;
			n = 0;
		}
	} else {
		r->reason = v[0];
		v[0] = NULL;
	}
	free_strv(v, n);
	if (rc == 0)
		r->sets |= 1u << f;
	return rc;
}

static int condition(struct parser *ps, struct rule *r, const char *field, char op)
{
	struct cond c = { .type = op == '=' ? C_EQUALS : C_CONTAINS };
	if (field[0] == '.' || field[strlen(field) - 1] == '.' || strstr(field, "..")) {
		perr(ps, "'%s': an empty part in a field name", field);
		return -1;
	}
	if (values(ps, field, &c.vals, &c.nvals) != 0) {
		free_strv(c.vals, c.nvals);
		return -1;
	}
	if (op == '=') {
		for (size_t i = 0; i < c.nvals; i++) {
			const char *code = norm_for(field, c.vals[i]);
			if (!code) {
				perr(ps, "'%s' is not a %s", c.vals[i], field);
				free_strv(c.vals, c.nvals);
				return -1;
			}
			if (code != c.vals[i]) {
				free(c.vals[i]);
				c.vals[i] = go_xstrdup(code);
			}
		}
	}
	for (const char *s = field;;) {
		const char *dot = strchr(s, '.');
		size_t n = dot ? (size_t)(dot - s) : strlen(s);
		char *seg = go_xmalloc(n + 1);
		memcpy(seg, s, n);
		seg[n] = '\0';
		push(&c.path, &c.npath, seg);
		if (!dot)
			break;
		s = dot + 1;
	}
	r->conds = go_xrealloc(r->conds, (r->nconds + 1) * sizeof *r->conds);
	r->conds[r->nconds++] = c;
	return 0;
}

/* Parse the line [ps->p, ps->end) into r: 1 a rule, 0 nothing, -1 an error. */
static int parse_line(struct parser *ps, struct rule *r)
{
	int in_conditions = 0, any = 0;
	if (!go_utf8_valid(ps->p, (size_t)(ps->end - ps->p))) {
		perr(ps, "not valid UTF-8 (rules files are UTF-8)");
		return -1;
	}
	for (;;) {
		while (ps->p < ps->end && is_space(*ps->p))
			ps->p++;
		if (ps->p == ps->end || *ps->p == '#')
			break;
		any = 1;
		const char *start = ps->p;
		while (ps->p < ps->end && is_name_char(*ps->p))
			ps->p++;
		size_t n = (size_t)(ps->p - start);
		char op = ps->p < ps->end ? *ps->p : ' ';
		if (n == 0 || (op != '=' && op != '~' && !is_space(op) && op != '#')) {
			const char *e = start;
			while (e < ps->end && !is_space(*e))
				e++;
			perr(ps, "expected FIELD=VALUE, FIELD~WORDS, 'if' or 'pii', found '%.*s'",
			     (int)(e - start), start);
			return -1;
		}
		char *name = go_xmalloc(n + 1);
		memcpy(name, start, n);
		name[n] = '\0';
		int rc = 0;
		if (op == '=' || op == '~') {
			ps->p++;
			if (!in_conditions && op == '~')
				perr(ps, "'%s~': keyword conditions go after 'if'", name), rc = -1;
			else if (!in_conditions)
				rc = assignment(ps, r, name);
			else
				rc = condition(ps, r, name, op);
		} else if (strcmp(name, "if") == 0) {
			if (in_conditions)
				perr(ps, "'if' twice"), rc = -1;
			else if (!r->sets)
				perr(ps, "nothing to set before 'if' (attribute=, category=, basis=, reason=)"), rc = -1;
			in_conditions = 1;
		} else if (strcmp(name, "pii") == 0 && in_conditions) {
			r->conds = go_xrealloc(r->conds, (r->nconds + 1) * sizeof *r->conds);
			r->conds[r->nconds++] = (struct cond){ .type = C_PII };
		} else {
			perr(ps, in_conditions ? "unknown condition '%s' (FIELD=VALUES, FIELD~WORDS or pii)"
			     : "expected FIELD=VALUE before 'if', found '%s'", name);
			rc = -1;
		}
		free(name);
		if (rc)
			return -1;
	}
	if (!any)
		return 0;
	if (!r->sets) {
		perr(ps, "a rule sets nothing");
		return -1;
	}
	if (in_conditions && r->nconds == 0) {
		perr(ps, "'if' without a condition");
		return -1;
	}
	return 1;
}

go_rules *go_rules_new(void)
{
	return go_xcalloc(1, sizeof(go_rules));
}

int go_rules_parse(go_rules *rs, const char *name, const char *text, size_t len)
{
	struct parser ps = { .name = name };
	const char *p = text, *end = text + len;
	if (rs->built)
		GO_BUG("go_rules_parse after go_rules_build");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		ps.line++;
		ps.p = p;
		ps.end = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
		struct rule r = { 0 };
		int rc = parse_line(&ps, &r);
		if (rc < 0) {
			go_warnx("%s:%lu: %s", name, ps.line, ps.msg);
			free(ps.msg);
			ps.msg = NULL;
			ps.errors++;
			free_rule(&r);
		} else if (rc == 0) {
			free_rule(&r);
		} else {
			r.where = go_xasprintf("%s:%lu", name, ps.line);
			if (rs->nrules == rs->caprules) {
				rs->caprules = rs->caprules ? 2 * rs->caprules : 16;
				rs->rules = go_xrealloc(rs->rules, rs->caprules * sizeof *rs->rules);
			}
			rs->rules[rs->nrules++] = r;
		}
		p = nl ? nl + 1 : end;
	}
	return ps.errors;
}

int go_rules_load(go_rules *rs, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		go_warn("%s", path);
		return -1;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	do {
		if (cap - len < 4096)
			buf = go_xrealloc(buf, cap = cap ? 2 * cap : 8192);
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	int bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad) {
		errno = EIO;
		go_warn("%s", path);
		free(buf);
		return -1;
	}
	int errors = go_rules_parse(rs, path, buf, len);
	free(buf);
	return errors;
}

size_t go_rules_count(const go_rules *rs)
{
	return rs->nrules;
}

static int same_path(char **a, size_t na, char **b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

static json_t *field_value(const struct rule *r, int f)
{
	switch (f) {
	case F_ATTRIBUTE:
		return json_string(r->attribute);
	case F_CATEGORY:
		return json_string(r->category);
	case F_BASIS: {
		json_t *a = json_array();
		for (size_t i = 0; i < r->nbasis; i++)
			json_array_append_new(a, json_string(r->basis[i]));
		return a;
	}
	default:
		return json_string(r->reason);
	}
}

int go_rules_build(go_rules *rs)
{
	if (rs->built)
		return 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		struct rule *r = &rs->rules[i];
		for (int f = 0; f < NFIELDS; f++)
			if (r->sets & 1u << f)
				r->value[f] = field_value(r, f);
		r->where_json = json_string(r->where);
	}
	for (size_t i = 0; i < rs->nrules; i++)
		for (size_t j = 0; j < rs->rules[i].nconds; j++) {
			struct cond *c = &rs->rules[i].conds[j];
			if (c->type != C_CONTAINS)
				continue;
			size_t k;
			for (k = 0; k < rs->nfms; k++)
				if (same_path(rs->fms[k].path, rs->fms[k].npath, c->path, c->npath))
					break;
			if (k == rs->nfms) {
				rs->fms = go_xrealloc(rs->fms, (k + 1) * sizeof *rs->fms);
				rs->fms[k] = (struct field_matcher){ c->path, c->npath, go_matcher_new(), 0, 0 };
				rs->nfms++;
			}
			c->fm = k;
			c->id = rs->ncontains++;
			for (size_t v = 0; v < c->nvals; v++)
				go_matcher_add(rs->fms[k].m, c->vals[v], strlen(c->vals[v]), c->id, 1);
		}
	go_matcher **ms = go_xcalloc(rs->nfms, sizeof *ms);
	for (size_t k = 0; k < rs->nfms; k++)
		ms[k] = rs->fms[k].m;
	int rc = go_matchers_build(ms, rs->nfms);
	free(ms);
	rs->hits = go_xcalloc(rs->ncontains / 8 + 1, 1);
	rs->built = 1;
	return rc;
}

void go_rules_free(go_rules *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->nrules; i++)
		free_rule(&rs->rules[i]);
	free(rs->rules);
	for (size_t k = 0; k < rs->nfms; k++)
		go_matcher_free(rs->fms[k].m);
	free(rs->fms);
	free(rs->hits);
	free(rs);
}

/* ---- classifying ------------------------------------------------------------ */

static json_t *get_path(json_t *rec, char **path, size_t n)
{
	for (size_t i = 0; i < n && rec; i++)
		rec = json_object_get(rec, path[i]);
	return rec;
}

static int scalar_equals(const json_t *v, const char *want)
{
	char num[32];
	switch (json_typeof(v)) {
	case JSON_STRING:
		return strcmp(json_string_value(v), want) == 0;
	case JSON_TRUE:
		return strcmp(want, "true") == 0;
	case JSON_FALSE:
		return strcmp(want, "false") == 0;
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return strcmp(num, want) == 0;
	default:
		return 0;
	}
}

static int equals(const json_t *v, const struct cond *c)
{
	if (!v)
		return 0;
	for (size_t i = 0; i < c->nvals; i++) {
		if (json_is_array(v)) {
			size_t k;
			json_t *e;
			json_array_foreach(v, k, e)
				if (scalar_equals(e, c->vals[i]))
					return 1;
		} else if (scalar_equals(v, c->vals[i]))
			return 1;
	}
	return 0;
}

static void scan_field(go_rules *rs, struct field_matcher *fm, json_t *rec)
{
	json_t *v = get_path(rec, fm->path, fm->npath);
	fm->scanned = 1;
	if (json_is_string(v))
		fm->have = go_matcher_scan(fm->m, json_string_value(v), json_string_length(v),
					   rs->hits, fm->have);
	else if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
			if (json_is_string(e))
				fm->have = go_matcher_scan(fm->m, json_string_value(e),
							   json_string_length(e), rs->hits, fm->have);
	}
}

static int find_pii(go_rules *rs, json_t *rec)
{
	static const char *const fields[] = { "title", "body" };
	if (rs->pii_state >= 0)
		return rs->pii_state;
	rs->pii_state = 0;
	for (int i = 0; i < 2; i++) {
		json_t *v = json_object_get(rec, fields[i]);
		const char *t = json_string_value(v);
		size_t n = json_string_length(v), at = 0;
		/* a fixed line alone is no personal information to withhold for */
		while (t && go_pii_find_from(t, n, at, &rs->pii_hit)) {
			at = rs->pii_hit.off + rs->pii_hit.len;
			if (!go_pii_is_warning(rs->pii_hit.kind)) {
				rs->pii_state = 1;
				rs->pii_field = i;
				return 1;
			}
		}
	}
	return rs->pii_state;
}

static int matches(go_rules *rs, const struct rule *r, json_t *rec)
{
	for (size_t i = 0; i < r->nconds; i++) {
		const struct cond *c = &r->conds[i];
		switch (c->type) {
		case C_EQUALS:
			if (!equals(get_path(rec, c->path, c->npath), c))
				return 0;
			break;
		case C_CONTAINS:
			if (!rs->fms[c->fm].scanned)
				scan_field(rs, &rs->fms[c->fm], rec);
			if (!(rs->hits[c->id >> 3] & (1u << (c->id & 7))))
				return 0;
			break;
		case C_PII:
			if (!find_pii(rs, rec))
				return 0;
			break;
		}
	}
	return 1;
}

/* Absent: missing, null, an empty or blank string, an empty array. */
static int absent(const json_t *v)
{
	if (!v || json_is_null(v))
		return 1;
	if (json_is_array(v))
		return json_array_size(v) == 0;
	if (json_is_string(v)) {
		for (const char *s = json_string_value(v); *s; s++)
			if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
				return 0;
		return 1;
	}
	return 0;
}

/* The value of field f a rule must agree with, or NULL: the value the record
 * keeps, and for the attribute also one an earlier rule set (a basis or a
 * reason is only right for the attribute it was written for). Borrowed. */
static json_t *current(json_t *rec, const struct rule *const *chosen, unsigned open, int f)
{
	if (f == F_ATTRIBUTE && chosen[f])
		return chosen[f]->value[f];
	return open & 1u << f ? NULL : json_object_get(rec, field_names[f]);
}

/* A rule's value agrees with cur when they are equal; a rule's basis, when
 * the record cites each of its codes (it may cite more). */
static int agrees(const json_t *cur, const json_t *val, int f)
{
	if (!cur)
		return 1;
	if (f != F_BASIS)
		return json_equal(cur, val);
	size_t i, k;
	json_t *code, *have;
	json_array_foreach(val, i, code) {
		int found = 0;
		if (json_is_array(cur)) {
			json_array_foreach(cur, k, have)
				found |= json_equal(have, code);
		} else
			found = json_equal(cur, code);
		if (!found)
			return 0;
	}
	return 1;
}

int go_rules_apply(go_rules *rs, json_t *rec, const go_classify_opts *o)
{
	if (!rs->built)
		GO_BUG("go_rules_apply before go_rules_build");
	memset(rs->chosen, 0, sizeof rs->chosen);
	if (!json_is_object(rec) || go_is_invalid(rec))
		return 0;
	go_normalise(rec);
	/* Our own problems of an earlier run are replaced, so that a second run
	 * gives what the first did. */
	go_problems_clear(rec, o->tool);
	memset(rs->hits, 0, rs->ncontains / 8 + 1);
	for (size_t k = 0; k < rs->nfms; k++) {
		rs->fms[k].scanned = 0;
		rs->fms[k].have = 0;
	}
	rs->pii_state = -1;

	const struct rule *chosen[NFIELDS] = { 0 };
	unsigned open = 0;
	for (int f = 0; f < NFIELDS; f++)
		if (o->overwrite || absent(json_object_get(rec, field_names[f])))
			open |= 1u << f;
	/* The attribute the record keeps: the first matching rule that sets
	 * one is compared with it, for rule-disagrees. */
	const char *kept = open & 1u << F_ATTRIBUTE ? NULL : go_str(rec, "attribute");
	int compare = kept != NULL;
	const struct rule *disagrees = NULL;

	for (size_t i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		unsigned todo = r->sets & open;
		for (int f = 0; f < NFIELDS; f++)
			if (chosen[f])
				todo &= ~(1u << f);
		if (!todo && !(compare && r->attribute))
			continue;
		if (!matches(rs, r, rec))
			continue;
		/* A rule fills a record only when it agrees with what the record
		 * already says: never a withheld basis or reason on a proactive
		 * record, nor a reason written for another category or basis. */
		int agree = 1;
		for (int f = 0; f < NFIELDS && agree; f++)
			if (f != F_REASON && r->sets & 1u << f)
				agree = agrees(current(rec, chosen, open, f), r->value[f], f);
		if (compare && r->attribute) {
			if (strcmp(kept, r->attribute) != 0)
				disagrees = r;
			compare = 0;
		}
		if (!agree)
			continue;
		for (int f = 0; f < NFIELDS; f++)
			if (todo & 1u << f)
				chosen[f] = r;
		int done = !compare;
		for (int f = 0; f < NFIELDS; f++)
			if (open & 1u << f && !chosen[f])
				done = 0;
		if (done)
			break;
	}

	json_t *by = NULL;
	for (int f = 0; f < NFIELDS; f++) {
		rs->chosen[f] = chosen[f];
		if (chosen[f]) {
			json_object_set(rec, field_names[f], chosen[f]->value[f]);
			((struct rule *)chosen[f])->nset[f]++;
		}
	}
	for (int f = 0; f < NFIELDS; f++) {
		if (!chosen[f])
			continue;
		if (!by) {
			by = json_object_get(rec, "classified_by");
			if (!json_is_object(by)) {
				by = json_object();
				json_object_set_new(rec, "classified_by", by);
			}
		}
		json_object_set(by, field_names[f], chosen[f]->where_json);
	}

	int errors = 0;
	if (disagrees) {
		/* attributes by their Chinese names (issue 17) */
		const char *kept_name = go_attribute_name(go_norm_attribute(kept));
		const char *rule_name = go_attribute_name(disagrees->attribute);
		char *shown = kept_name ? go_xstrdup(kept_name) : go_pii_masked(kept, strlen(kept), 1, NULL);
		go_problem(rec, o->tool, GO_WARNING, "rule-disagrees", "attribute",
			   "规则 %s 建议公开属性为“%s”，与记录已有的“%s”不一致；未作修改，请核对",
			   disagrees->where, rule_name ? rule_name : disagrees->attribute, shown);
		free(shown);
	}
	const char *final = go_str(rec, "attribute");
	if (final && strcmp(final, "proactive") == 0 && find_pii(rs, rec)) {
		char masked[32];
		const char *field = rs->pii_field ? "body" : "title";
		go_pii_mask(go_str(rec, field), &rs->pii_hit, masked);
		/* the same text as go-check-reason's (issue 17) */
		go_problem(rec, o->tool, GO_ERROR, "pii-in-proactive", field, GO_PII_MESSAGE,
			   go_word(rs->pii_field ? "正文（body）" : "标题（title）"),
			   go_pii_name(rs->pii_hit.kind), masked);
		errors++;
	}
	return errors;
}

/* ---- explaining ------------------------------------------------------------- */

struct text {
	char *p;
	size_t n, cap;
};

static void say(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = go_xvasprintf(fmt, ap);
	va_end(ap);
	size_t k = strlen(s);
	if (t->n + k + 1 > t->cap) {
		t->cap = (t->n + k + 1) * 2;
		t->p = go_xrealloc(t->p, t->cap);
	}
	memcpy(t->p + t->n, s, k + 1);
	t->n += k;
	free(s);
}

/* The words of a keyword condition found in rec, each in the rule's spelling. */
static void found_words(struct cond *c, json_t *rec, struct text *t)
{
	if (!c->words) {
		c->words = go_matcher_new();
		for (size_t k = 0; k < c->nvals; k++)
			go_matcher_add(c->words, c->vals[k], strlen(c->vals[k]), (unsigned)k, 1);
		go_matcher_build(c->words);
	}
	unsigned char *hits = go_xcalloc(c->nvals / 8 + 1, 1);
	json_t *v = get_path(rec, c->path, c->npath);
	size_t i, have = 0;
	json_t *e;
	if (json_is_string(v))
		have = go_matcher_scan(c->words, json_string_value(v), json_string_length(v), hits, have);
	json_array_foreach(json_is_array(v) ? v : NULL, i, e)
		if (json_is_string(e))
			have = go_matcher_scan(c->words, json_string_value(e), json_string_length(e),
					       hits, have);
	int first = 1;
	for (size_t k = 0; k < c->nvals; k++)
		if (hits[k / 8] & 1u << k % 8) {
			say(t, "%s“%s”", first ? "" : "、", c->vals[k]);
			first = 0;
		}
	free(hits);
}

char *go_rules_explain(go_rules *rs, json_t *rec)
{
	struct text t = {0};
	for (int f = 0; f < NFIELDS; f++) {
		const struct rule *r = rs->chosen[f];
		int seen = 0;
		for (int g = 0; g < f; g++)
			seen |= rs->chosen[g] == r;
		if (!r || seen)
			continue;
		say(&t, "%s%s 设定", t.n ? "；" : "", r->where);
		int n = 0;
		for (int g = f; g < NFIELDS; g++)
			if (rs->chosen[g] == r)
				say(&t, "%s%s", n++ ? "、" : " ", field_names[g]);
		say(&t, "，因为");
		for (size_t i = 0; i < r->nconds; i++) {
			struct cond *c = &r->conds[i];
			say(&t, "%s", i ? "，且" : " ");
			for (size_t k = 0; k < c->npath; k++)
				say(&t, "%s%s", k ? "." : "", c->path[k]);
			if (c->type == C_EQUALS) {
				say(&t, " 为 %s", json_string_value(get_path(rec, c->path, c->npath)) ?
				    json_string_value(get_path(rec, c->path, c->npath)) : c->vals[0]);
			} else if (c->type == C_CONTAINS) {
				say(&t, " 含 ");
				found_words(c, rec, &t);
			} else {
				char masked[32];
				go_pii_mask(NULL, &rs->pii_hit, masked);
				say(&t, "含有个人信息（%s %s）", go_pii_name(rs->pii_hit.kind), masked);
			}
		}
	}
	return t.p;
}

void go_rules_stats(const go_rules *rs, FILE *out)
{
	unsigned long total = 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		unsigned long n = 0;
		for (int f = 0; f < NFIELDS; f++)
			n += r->nset[f];
		total += n;
		fprintf(out, "%s: %s: 设定 %lu 个字段", go_prog(), r->where, n);
		int k = 0;
		for (int f = 0; f < NFIELDS; f++)
			if (r->sets & 1u << f)
				fprintf(out, "%s%s %lu", k++ ? "、" : "（", field_names[f], r->nset[f]);
		fprintf(out, "%s\n", k ? "）" : "");
	}
	fprintf(out, "%s: 共 %zu 条规则，设定 %lu 个字段\n", go_prog(), rs->nrules, total);
}

size_t go_rules_keywords(const go_rules *rs, const char ***kws)
{
	size_t n = 0, cap = 0;
	*kws = NULL;
	for (size_t i = 0; i < rs->nrules; i++)
		for (size_t j = 0; j < rs->rules[i].nconds; j++) {
			const struct cond *c = &rs->rules[i].conds[j];
			for (size_t v = 0; c->type == C_CONTAINS && v < c->nvals; v++) {
				if (n == cap) {
					cap = cap ? cap * 2 : 256;
					*kws = go_xrealloc(*kws, cap * sizeof **kws);
				}
				(*kws)[n++] = c->vals[v];
			}
		}
	return n;
}
