/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * interp.c — SPEC §4 rule 7 (谁起草、谁解读): policies and their interpretations.
 *
 * The index holds one small entry per record that has an id (the record itself
 * is never kept), so go-link-interp can spool a stream far larger than memory
 * and go-publish can run the very same checks on a batch held in memory.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"

#define NONE UINT32_MAX
#define NO_DAY INT32_MIN

enum { K_OTHER, K_POLICY, K_INTERP };
enum { A_NONE, A_PROACTIVE, A_ON_REQUEST, A_WITHHELD, A_OTHER };
enum { F_STORED = 1, F_SHADOWED = 2, F_NO_REASON = 4, F_DELETED = 8 };

struct entry {
	uint32_t id;         /* offsets into the string pool, or NONE */
	uint32_t interprets;
	uint32_t office;
	uint32_t next;       /* next interpretation naming the same id, or NONE */
	uint32_t resp;       /* response.c's number for it, or NONE */
	uint32_t link[2];    /* its amends and replaces (issue 19), or NONE */
	int32_t published;   /* day, or NO_DAY (unknown) */
	uint8_t kind, attr, flags;
};

/* Open addressing over entry numbers (0: empty slot, else number + 1). */
struct table {
	uint32_t *slot;
	size_t cap, used; /* cap is a power of two */
};

struct go_interp {
	go_interp_opts o;
	struct entry *e;
	size_t n, cap;
	char *pool;       /* every string, NUL-terminated, at its offset */
	size_t pool_len, pool_cap;
	struct table ids;     /* every entry, by id (hashed ignoring case) */
	struct table offices; /* interned offices, by string */
	struct table targets; /* head of each chain of interpretations, by interprets */
	uint32_t *tail;       /* per targets slot: the chain's last entry */
	uint32_t *named;  /* what batch records name (pool offsets), for go_interp_add_named */
	size_t nnamed, named_cap;
	int resolved;
	int stored;       /* a store took part: messages say so */
	int full;         /* the index ran out of room: go_interp_add returned GO_INTERP_FULL */
	go_resp *resp;    /* responses, decision drafts, feedback (response.c) */
};

/* FNV-1a over the id folded to lower case, so that one table answers both
 * "this exact id" and "this id up to letter case". */
static uint64_t hash_fold(const char *s) { return go_fnv1a(s, strlen(s), 1); }

static const char *str_at(const go_interp *x, uint32_t off)
{
	return off == NONE ? NULL : x->pool + off;
}

static uint32_t pool_add(go_interp *x, const char *s)
{
	size_t len = strlen(s) + 1;
	if (x->pool_len + len > UINT32_MAX - 1)
		GO_BUG("pool_add without room (add() checks first)");
	if (x->pool_len + len > x->pool_cap) {
		while (x->pool_len + len > x->pool_cap)
			x->pool_cap = x->pool_cap ? x->pool_cap * 2 : 1 << 16;
		if (x->pool_cap > UINT32_MAX)
			x->pool_cap = UINT32_MAX;
		x->pool = go_xrealloc(x->pool, x->pool_cap);
	}
	memcpy(x->pool + x->pool_len, s, len);
	uint32_t off = (uint32_t)x->pool_len;
	x->pool_len += len;
	return off;
}

static void table_grow(struct table *t, uint64_t (*hash)(const go_interp *, uint32_t),
		       const go_interp *x)
{
	size_t cap = t->cap ? t->cap * 2 : 1024;
	uint32_t *slot = go_xcalloc(cap, sizeof *slot);
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slot[i])
			continue;
		size_t j = hash(x, t->slot[i] - 1) & (cap - 1);
		while (slot[j])
			j = (j + 1) & (cap - 1);
		slot[j] = t->slot[i];
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
}

static uint64_t entry_id_hash(const go_interp *x, uint32_t i)
{
	return hash_fold(str_at(x, x->e[i].id));
}

/* The offices table holds pool offsets (+ 1), not entry numbers. */
static uint64_t office_hash(const go_interp *x, uint32_t off)
{
	return hash_fold(x->pool + off);
}

static uint32_t intern_office(go_interp *x, const char *s)
{
	struct table *t = &x->offices;
	if ((t->used + 1) * 2 > t->cap)
		table_grow(t, office_hash, x);
	size_t j = hash_fold(s) & (t->cap - 1);
	for (; t->slot[j]; j = (j + 1) & (t->cap - 1))
		if (strcmp(x->pool + t->slot[j] - 1, s) == 0)
			return t->slot[j] - 1;
	uint32_t off = pool_add(x, s);
	t->slot[j] = off + 1;
	t->used++;
	return off;
}

go_interp *go_interp_new(const go_interp_opts *o)
{
	go_interp *x = go_xcalloc(1, sizeof *x);
	x->o = *o;
	x->resp = go_resp_new(o);
	return x;
}

void go_interp_free(go_interp *x)
{
	if (!x)
		return;
	free(x->e);
	free(x->pool);
	free(x->ids.slot);
	free(x->offices.slot);
	free(x->targets.slot);
	free(x->tail);
	free(x->named);
	go_resp_free(x->resp);
	free(x);
}

static int attribute_of(const json_t *rec)
{
	const char *a = go_str(rec, "attribute");
	if (!a)
		return A_NONE;
	const char *code = go_norm_attribute(a);
	if (!code)
		return A_OTHER;
	if (strcmp(code, "proactive") == 0)
		return A_PROACTIVE;
	if (strcmp(code, "on-request") == 0)
		return A_ON_REQUEST;
	return strcmp(code, "withheld") == 0 ? A_WITHHELD : A_OTHER;
}

/* A missing or unknown attribute is go-check-reason's to report (rule 1):
 * rule 7 only acts on one it knows to be on-request or withheld. */
static int not_public(int a)
{
	return a == A_ON_REQUEST || a == A_WITHHELD;
}

static const char *attribute_name(int a)
{
	return go_word(a == A_ON_REQUEST ? "依申请公开（on-request）" : "不予公开（withheld）");
}

static const struct entry *find_stored(const go_interp *x, const char *id)
{
	const struct table *t = &x->ids;
	if (!t->cap)
		return NULL;
	for (size_t j = hash_fold(id) & (t->cap - 1); t->slot[j]; j = (j + 1) & (t->cap - 1)) {
		const struct entry *e = &x->e[t->slot[j] - 1];
		if ((e->flags & F_STORED) && strcmp(str_at(x, e->id), id) == 0)
			return e;
	}
	return NULL;
}

static void name(go_interp *x, uint32_t off)
{
	if (x->nnamed == x->named_cap) {
		x->named_cap = x->named_cap ? x->named_cap * 2 : 256;
		x->named = go_xrealloc(x->named, x->named_cap * sizeof *x->named);
	}
	x->named[x->nnamed++] = off;
}

int go_is_interpretation(const json_t *rec)
{
	const char *kind = go_str(rec, "kind");
	const char *code = kind ? go_norm_kind(kind) : NULL;
	/* A response that interprets a policy counts as its interpretation. */
	return code && (strcmp(code, "interpretation") == 0 ||
			(strcmp(code, "response") == 0 && go_str(rec, "interprets")));
}

static long add(go_interp *x, const json_t *rec, int stored)
{
	if (x->resolved)
		GO_BUG("go_interp_add after go_interp_apply");
	if (x->full)
		return GO_INTERP_FULL;
	if (!json_is_object(rec) || go_is_invalid(rec))
		return -1;
	const char *kind = go_str(rec, "kind");
	const char *code = kind ? go_norm_kind(kind) : NULL;
	int k = go_is_policy_kind(code) ? K_POLICY : go_is_interpretation(rec) ? K_INTERP : K_OTHER;
	const char *id = go_str(rec, "id");
	/* go-cat --changed/--staged: a document the change removes (store.deleted) */
	int deleted = !stored && json_is_true(json_object_get(json_object_get(rec, "store"), "deleted"));
	/* An id-less record that is neither kind is nothing rule 7 can name. */
	if (!id && k == K_OTHER)
		return -1;
	/* A caller may come across the same stored document twice. */
	if (stored && id && find_stored(x, id))
		return -1;
	/* Room for every string it may keep, or the index is full: offsets are
	 * 32-bit. The caller reports it; apply fails every record from then on. */
	static const char *const keys[] = {"id", "amends", "replaces", "office", "interprets",
					   "follows", "responds_to"};
	size_t need = 0;
	for (size_t q = 0; q < sizeof keys / sizeof *keys; q++) {
		const char *v = go_str(rec, keys[q]);
		need += v ? strlen(v) + 1 : 0;
	}
	if (x->n >= UINT32_MAX - 2 || need > UINT32_MAX - 1 - x->pool_len) {
		x->full = 1;
		return GO_INTERP_FULL;
	}
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 1024;
		x->e = go_xrealloc(x->e, x->cap * sizeof *x->e);
	}
	struct entry *e = &x->e[x->n];
	memset(e, 0, sizeof *e);
	e->id = id ? pool_add(x, id) : NONE;
	e->interprets = NONE;
	e->office = NONE;
	e->next = NONE;
	e->link[0] = e->link[1] = NONE;
	for (int l = 0; l < 2; l++) {
		const char *t = go_str(rec, l ? "replaces" : "amends");
		if (t && !stored && !deleted)
			e->link[l] = pool_add(x, t);
	}
	e->kind = (uint8_t)k;
	e->flags = stored ? F_STORED : 0;
	if (deleted)
		e->flags |= F_DELETED;
	if (k != K_OTHER) {
		const char *s = go_str(rec, "office");
		if (s)
			e->office = intern_office(x, s);
		if (k == K_INTERP && (s = go_str(rec, "interprets")))
			e->interprets = pool_add(x, s);
		e->attr = (uint8_t)attribute_of(rec);
		const char *why = go_str(rec, "no_interpretation_reason");
		if (why && !go_is_placeholder(why))
			e->flags |= F_NO_REASON;
		int day;
		if ((s = go_str(rec, "published")) && go_parse_day(s, &day) == 0)
			e->published = day;
		else
			e->published = stored ? NO_DAY : x->o.today;
	}
	long r = deleted ? -1 : go_resp_add(x->resp, rec, stored);
	e->resp = r < 0 ? NONE : (uint32_t)r;
	if (!stored) { /* what it names, should the store be read by id */
		const char *f = r < 0 ? NULL : go_str(rec, "follows") ? go_str(rec, "follows")
						: go_str(rec, "responds_to");
		uint32_t names[] = {k == K_POLICY ? e->id : NONE, e->interprets, e->link[0],
				    e->link[1], f ? pool_add(x, f) : NONE};
		for (size_t l = 0; l < sizeof names / sizeof *names; l++)
			if (names[l] != NONE)
				name(x, names[l]);
	}
	uint32_t i = (uint32_t)x->n++;
	if (e->id != NONE) {
		struct table *t = &x->ids;
		if ((t->used + 1) * 2 > t->cap)
			table_grow(t, entry_id_hash, x);
		size_t j = hash_fold(id) & (t->cap - 1);
		while (t->slot[j])
			j = (j + 1) & (t->cap - 1);
		t->slot[j] = i + 1;
		t->used++;
	}
	if (deleted) /* only what its removal does to others is checked */
		return k == K_OTHER ? -1 : (long)i;
	return (k == K_OTHER && e->resp == NONE && e->link[0] == NONE && e->link[1] == NONE) ||
	       stored ? -1 : (long)i;
}

long go_interp_add(go_interp *x, const json_t *rec)
{
	return add(x, rec, 0);
}

void go_interp_add_stored(go_interp *x, const json_t *rec)
{
	x->stored = 1;
	add(x, rec, 1);
}

void go_interp_with_store(go_interp *x)
{
	x->stored = 1;
}

static int add_stored_cb(json_t *rec, const char *dir, void *ctx)
{
	go_interp_add_stored(ctx, rec);
	return 0;
}

int go_interp_add_store(go_interp *x, go_store *s)
{
	x->stored = 1;
	return go_store_foreach(s, NULL, 0, add_stored_cb, x) == 0 ? 0 : -1;
}

size_t go_interp_size(const go_interp *x)
{
	return x->n;
}

struct found {
	char *key; /* its folder and a '/': strcmp then sorts as git's tree order */
	json_t *rec;
};

static int found_cmp(const void *a, const void *b)
{
	return strcmp(((const struct found *)a)->key, ((const struct found *)b)->key);
}

/*
 * What the batch names, looked up on main by id: the policy an interpretation
 * interprets, what a record amends or replaces, the response a response follows
 * (and the one that follows, up the chain), the draft a feedback responds to;
 * a batch policy's stored version; and the interpretations every stored
 * policy read lists (go-publish keeps that list both ways). They are
 * indexed in path order, as go_interp_add_store would have met them.
 */
int go_interp_add_named(go_interp *x, go_store *s)
{
	char commit[41];
	git_tree *root = NULL;
	struct found *f = NULL;
	size_t nf = 0, capf = 0;
	int rc = 0;

	x->stored = 1;
	int err = go_store_resolve(s, NULL, commit, &root);
	if (err == GIT_ENOTFOUND)
		return 0; /* no main yet: an empty store */
	if (err < 0)
		return -1;
	json_t *todo = json_array(), *seen = json_object();
	for (size_t i = 0; i < x->nnamed; i++)
		json_array_append_new(todo, json_string(str_at(x, x->named[i])));
	for (size_t i = 0; i < json_array_size(todo); i++) {
		const char *id = json_string_value(json_array_get(todo, i));
		json_t *rec = NULL;
		char *dir = NULL;
		if (!id || json_object_get(seen, id))
			continue;
		json_object_set_new(seen, id, json_true());
		err = go_store_find_id(s, root, id, 0, &rec, &dir);
		if (err == GIT_ENOTFOUND)
			continue;
		if (err < 0) {
			rc = -1;
			break;
		}
		if (nf == capf) {
			capf = capf ? capf * 2 : 64;
			f = go_xrealloc(f, capf * sizeof *f);
		}
		f[nf].key = go_xasprintf("%s/", dir);
		f[nf++].rec = rec;
		free(dir);
		const char *code = go_norm_kind(go_str(rec, "kind") ? go_str(rec, "kind") : "");
		if (go_str(rec, "follows") && code && strcmp(code, "response") == 0)
			json_array_append_new(todo, json_string(go_str(rec, "follows")));
		if (go_is_policy_kind(code)) {
			size_t k;
			json_t *v;
			json_array_foreach(json_object_get(rec, "interpretations"), k, v)
				if (json_is_string(v))
					json_array_append(todo, v);
		}
	}
	if (nf)
		qsort(f, nf, sizeof *f, found_cmp);
	for (size_t i = 0; i < nf; i++) {
		if (rc == 0)
			add(x, f[i].rec, 1);
		json_decref(f[i].rec);
		free(f[i].key);
	}
	free(f);
	json_decref(todo);
	json_decref(seen);
	git_tree_free(root);
	return rc;
}

/*
 * The entry rule 7 takes as the document with exactly this id: the last batch
 * record of that id, else the stored document. *fold gets one whose id differs
 * only in letter case, for the message, when there is no exact one.
 */
static const struct entry *find(const go_interp *x, const char *id, const struct entry **fold)
{
	const struct table *t = &x->ids;
	const struct entry *best = NULL;
	if (fold)
		*fold = NULL;
	if (!t->cap)
		return NULL;
	for (size_t j = hash_fold(id) & (t->cap - 1); t->slot[j]; j = (j + 1) & (t->cap - 1)) {
		const struct entry *e = &x->e[t->slot[j] - 1];
		const char *eid = str_at(x, e->id);
		if (strcmp(eid, id) != 0) {
			if (fold && !*fold && strcasecmp(eid, id) == 0 &&
			    !(e->flags & (F_SHADOWED | F_DELETED)))
				*fold = e;
			continue;
		}
		if (e->flags & (F_SHADOWED | F_DELETED))
			continue;
		if (!best || (best->flags & F_STORED) || (!(e->flags & F_STORED) && e > best))
			best = e;
	}
	return best;
}

/* For response.c: the response.c number of the entry that stands for id. */
static int lookup_resp(const void *ctx, const char *id, long *resp)
{
	const struct entry *e = find(ctx, id, NULL);
	if (!e)
		return 0;
	*resp = e->resp == NONE ? -1 : (long)e->resp;
	return 1;
}

/* A batch record of this id, a removed one too: it shadows the stored one. */
static int in_batch(const go_interp *x, const char *id)
{
	const struct table *t = &x->ids;
	for (size_t j = hash_fold(id) & (t->cap - 1); t->cap && t->slot[j]; j = (j + 1) & (t->cap - 1)) {
		const struct entry *e = &x->e[t->slot[j] - 1];
		if (!(e->flags & F_STORED) && strcmp(str_at(x, e->id), id) == 0)
			return 1;
	}
	return 0;
}

static void chain(go_interp *x, uint32_t i)
{
	struct table *t = &x->targets;
	const char *target = str_at(x, x->e[i].interprets);
	size_t j = hash_fold(target) & (t->cap - 1);
	for (; t->slot[j]; j = (j + 1) & (t->cap - 1)) {
		if (strcmp(str_at(x, x->e[t->slot[j] - 1].interprets), target) == 0) {
			x->e[x->tail[j]].next = i;
			x->tail[j] = i;
			return;
		}
	}
	t->slot[j] = i + 1;
	x->tail[j] = i;
	t->used++;
}

/* Once every record is in: a batch record shadows the stored document of its
 * id, and each interpretation joins the chain of the id it names, stored ones
 * first. */
static void resolve(go_interp *x)
{
	size_t ninterp = 0;
	x->resolved = 1;
	for (size_t i = 0; i < x->n; i++) {
		struct entry *e = &x->e[i];
		if (!(e->flags & F_STORED) || e->id == NONE)
			continue;
		if (in_batch(x, str_at(x, e->id)))
			e->flags |= F_SHADOWED;
	}
	for (size_t i = 0; i < x->n; i++)
		if (x->e[i].kind == K_INTERP && x->e[i].interprets != NONE)
			ninterp++;
	size_t cap = 1024;
	while (cap < ninterp * 2)
		cap *= 2;
	x->targets.slot = go_xcalloc(cap, sizeof *x->targets.slot);
	x->targets.cap = cap;
	x->tail = go_xcalloc(cap, sizeof *x->tail);
	for (int stored = 1; stored >= 0; stored--) {
		for (size_t i = 0; i < x->n; i++) {
			const struct entry *e = &x->e[i];
			if (e->kind != K_INTERP || e->interprets == NONE ||
			    (e->flags & (F_SHADOWED | F_DELETED)) || !!(e->flags & F_STORED) != stored)
				continue;
			chain(x, (uint32_t)i);
		}
	}
	go_resp_resolve(x->resp, lookup_resp, x, x->stored);
}

static uint32_t chain_head(const go_interp *x, const char *id)
{
	const struct table *t = &x->targets;
	for (size_t j = hash_fold(id) & (t->cap - 1); t->slot[j]; j = (j + 1) & (t->cap - 1))
		if (strcmp(str_at(x, x->e[t->slot[j] - 1].interprets), id) == 0)
			return t->slot[j] - 1;
	return NONE;
}

static const char *where(const go_interp *x)
{
	return go_word(x->stored ? "输入和文档库" : "输入");
}

/* An id the input holds twice is listed once. */
static int listed(const json_t *ids, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(ids, i, v)
		if (strcmp(json_string_value(v), id) == 0)
			return 1;
	return 0;
}

static int apply_policy(go_interp *x, const struct entry *e, json_t *rec)
{
	json_t *ids = json_array();
	if (e->id != NONE)
		for (uint32_t i = chain_head(x, str_at(x, e->id)); i != NONE; i = x->e[i].next)
			if (x->e[i].id != NONE && !listed(ids, str_at(x, x->e[i].id)))
				json_array_append_new(ids, json_string(str_at(x, x->e[i].id)));
	size_t n = json_array_size(ids);
	json_object_set_new(rec, "interpretations", ids);
	if (n || e->attr != A_PROACTIVE)
		return 0;
	if (e->flags & F_NO_REASON) {
		go_problem(rec, x->o.tool, GO_WARNING, "missing-interpretation",
			   "interpretations",
			   "主动公开的政策文件 %s 没有解读；已说明不解读的理由（no_interpretation_reason）。",
			   e->id != NONE ? str_at(x, e->id) : go_word("（无索引号）"));
		return 0;
	}
	go_problem(rec, x->o.tool, GO_ERROR, "missing-interpretation", "interpretations",
		   "主动公开的政策文件 %s 在%s中没有解读（谁起草、谁解读）："
		   "须与解读同步发布，或在 no_interpretation_reason 中说明不解读的理由。",
		   e->id != NONE ? str_at(x, e->id) : go_word("（无索引号）"), where(x));
	return 1;
}

static int apply_interp(go_interp *x, const struct entry *e, json_t *rec)
{
	int errors = 0;
	const char *target = str_at(x, e->interprets);
	const struct entry *p = NULL, *fold = NULL;

	if (!target) {
		go_problem(rec, x->o.tool, GO_ERROR, "orphan-interpretation", "interprets",
			   "解读未写明所解读的政策（缺少 interprets）。");
		errors++;
	} else if (!(p = find(x, target, &fold)) || p->kind != K_POLICY) {
		if (p)
			go_problem(rec, x->o.tool, GO_ERROR, "orphan-interpretation", "interprets",
				   "所解读的 %s 不是政策文件（规章、行政规范性文件或其他政策性文件）。",
				   target);
		else if (fold)
			go_problem(rec, x->o.tool, GO_ERROR, "orphan-interpretation", "interprets",
				   "所解读的政策 %s 在%s中不存在（%s 仅大小写不同；索引号区分大小写）。",
				   target, where(x), str_at(x, fold->id));
		else
			go_problem(rec, x->o.tool, GO_ERROR, "orphan-interpretation", "interprets",
				   "所解读的政策 %s 在%s中不存在。", target, where(x));
		p = NULL;
		errors++;
	}
	if (p && e->office != NONE && p->office != NONE && e->office != p->office) {
		go_problem(rec, x->o.tool, GO_ERROR, "interpretation-office-mismatch", "office",
			   "解读的起草科室“%s”与政策 %s 的起草科室“%s”不一致（谁起草、谁解读）。",
			   str_at(x, e->office), target, str_at(x, p->office));
		errors++;
	}
	if (not_public(e->attr)) {
		go_problem(rec, x->o.tool, GO_ERROR, "interpretation-not-public", "attribute",
			   "政策 %s 的解读为%s；解读须主动公开。",
			   target ? target : go_word("（未写明）"), attribute_name(e->attr));
		errors++;
	} else if (p && not_public(p->attr)) {
		go_problem(rec, x->o.tool, GO_ERROR, "interpretation-not-public", "attribute",
			   "所解读的政策 %s 为%s，其解读不得主动公开。",
			   target, attribute_name(p->attr));
		errors++;
	}
	if (p && p->published != NO_DAY && e->published != NO_DAY) {
		int late = go_workdays_between(p->published, e->published);
		if (late > x->o.grace_days) {
			char pday[11], eday[11];
			go_format_date(p->published, pday);
			go_format_date(e->published, eday);
			go_problem(rec, x->o.tool, GO_WARNING, "interpretation-late", "published",
				   "解读 %s 发布，比政策 %s（%s 发布）晚 %d 个工作日，"
				   "超过允许的 %d 个工作日（解读与政策同步发布）。",
				   eday, target, pday, late, x->o.grace_days);
		}
	}
	return errors;
}

/* Issue 19: what amends or replaces names exists and is a policy. */
static int apply_links(go_interp *x, const struct entry *e, json_t *rec)
{
	int errors = 0;
	for (int l = 0; l < 2; l++) {
		const char *target = str_at(x, e->link[l]), *key = l ? "replaces" : "amends";
		const char *verb = go_word(l ? "所替代" : "所修改");
		const struct entry *p, *fold;
		if (!target)
			continue;
		if (!(p = find(x, target, &fold))) {
			if (fold)
				go_problem(rec, x->o.tool, GO_ERROR, "orphan-link", key,
					   "%s的文件 %s 在%s中不存在（%s 仅大小写不同；索引号区分大小写）。",
					   verb, target, where(x), str_at(x, fold->id));
			else
				go_problem(rec, x->o.tool, GO_ERROR, "orphan-link", key,
					   "%s的文件 %s（%s）在%s中不存在。", verb, target, key, where(x));
			errors++;
		} else if (p->kind != K_POLICY) {
			go_problem(rec, x->o.tool, GO_ERROR, "link-not-policy", key,
				   "%s的 %s 不是政策文件（规章、行政规范性文件或其他政策性文件）。",
				   verb, target);
			errors++;
		}
	}
	return errors;
}

/* A document the change removes: a policy's interpretations left naming
 * nothing, or a proactive policy left without its last interpretation. */
static int apply_deleted(go_interp *x, const struct entry *e, json_t *rec)
{
	const char *id = str_at(x, e->id);
	int errors = 0;
	if (e->kind == K_POLICY && id) {
		for (uint32_t i = chain_head(x, id); i != NONE; i = x->e[i].next) {
			go_problem(rec, x->o.tool, GO_ERROR, "orphan-interpretation", "id",
				   "删除政策 %s 后，解读 %s 所解读的政策不存在（谁起草、谁解读）：须一并处理其解读。",
				   id, x->e[i].id != NONE ? str_at(x, x->e[i].id) : "（无索引号）");
			errors++;
		}
		return errors;
	}
	const char *target = str_at(x, e->interprets);
	const struct entry *p = target ? find(x, target, NULL) : NULL;
	if (p && p->kind == K_POLICY && p->attr == A_PROACTIVE && !(p->flags & F_NO_REASON) &&
	    chain_head(x, target) == NONE) {
		go_problem(rec, x->o.tool, GO_ERROR, "missing-interpretation", "interprets",
			   "删除解读 %s 后，主动公开的政策文件 %s 在%s中没有解读（谁起草、谁解读）："
			   "须另有解读，或在政策的 no_interpretation_reason 中说明不解读的理由。",
			   id ? id : "（无索引号）", target, where(x));
		errors++;
	}
	return errors;
}

int go_interp_apply(go_interp *x, long n, json_t *rec)
{
	if (!x->resolved)
		resolve(x);
	if (x->full || n == GO_INTERP_FULL) { /* fail closed: nothing is known to be checked */
		go_problem(rec, x->o.tool, GO_ERROR, "index-full", "id",
			   "记录过多（超过 40 亿条或 4 GB 的索引号），规则 7 无法检查本批记录；请分批处理。");
		return 1;
	}
	if (n < 0 || (size_t)n >= x->n)
		return 0;
	const struct entry *e = &x->e[n];
	int errors = 0;
	if (e->flags & F_DELETED)
		return apply_deleted(x, e, rec);
	if (e->kind == K_POLICY)
		errors = apply_policy(x, e, rec);
	else if (e->kind == K_INTERP)
		errors = apply_interp(x, e, rec);
	if (e->resp != NONE)
		errors += go_resp_apply(x->resp, e->resp, rec);
	errors += apply_links(x, e, rec);
	return errors;
}

/*
 * The findings that rest on a document's absence (an orphan, a missing
 * interpretation, feedback, result or press conference): documents read by id
 * cannot prove one, only the whole store can. Does any batch record get one?
 */
int go_interp_needs_all(go_interp *x)
{
	static const char *const absent[] = {
		"orphan-interpretation", "orphan-link", "orphan-follow-up", "orphan-feedback",
		"missing-interpretation", "missing-feedback", "missing-investigation-result",
		"missing-press-conference",
	};
	int need = x->full;
	for (size_t i = 0; !need && i < x->n; i++) {
		if (x->e[i].flags & F_STORED)
			continue;
		json_t *scratch = json_object(), *v;
		go_interp_apply(x, (long)i, scratch);
		size_t k;
		json_array_foreach(json_object_get(scratch, "problems"), k, v)
			for (size_t a = 0; a < sizeof absent / sizeof *absent; a++)
				need |= go_str(v, "code") && strcmp(go_str(v, "code"), absent[a]) == 0;
		json_decref(scratch);
	}
	return need;
}
