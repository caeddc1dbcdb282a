/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * project.c — the public view as a pure function of the register (SPEC §6):
 *
 *   public = every document folder docs/<YYYY>/<MM>/<name> of main whose record.json
 *            says "attribute": "proactive" and has no "withdrawn" (issue 19),
 *            exactly as on main (the same tree), but for a record.json
 *            holding internal fields (go_internal_fields), which public holds
 *            without them (go_public_record),
 *            plus catalog/<YYYY>/<MM>.jsonl: one line per such document of that month,
 *            sorted by id (strcmp), each {"id", "title", "number", "office",
 *            "kind", "category", "date", "published", "validity",
 *            "validity_date", "amends", "replaces", "amended_by", "replaced_by",
 *            "interpretations", "path"} (those present,
 *            in that order; the values as record.json holds them).
 *
 * Nothing else: no other file, no empty folder, no empty catalog. A main
 * with no proactive document projects to the empty tree. A main in the year
 * layout of go-tools 0.2 (docs/<YYYY>/<name>) projects to the same layout
 * (catalog/<YYYY>.jsonl): each shard of main (store.c) gives its folder and
 * catalog.
 *
 * go_project_public computes it from main alone (every record.json is read);
 * go_project_public_update computes the same tree from the projection of an
 * earlier main, reading only the documents that differ between the two, so
 * that a publish costs what its batch touches. tests/unit/project.c checks that
 * both agree.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"

/* record.json of the document folder tree id (named dir in messages). */
static int read_record(git_repository *repo, const git_oid *id, const char *dir,
		json_t **rec, char **err)
{
	git_tree *t = NULL;
	git_blob *b = NULL;
	json_error_t jerr;
	int r = -1;

	*rec = NULL;
	if (git_tree_lookup(&t, repo, id) < 0)
		return go_git_err(err, dir);
	const git_tree_entry *e = git_tree_entry_byname(t, "record.json");
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		*err = go_xasprintf("%s: no record.json", dir);
		goto out;
	}
	if (git_blob_lookup(&b, repo, git_tree_entry_id(e)) < 0) {
		go_git_err(err, dir);
		goto out;
	}
	*rec = json_loadb(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
			  JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(*rec)) {
		*err = go_xasprintf("%s/record.json:%d: %s", dir, jerr.line,
				    *rec ? "not a JSON object" : jerr.text);
		json_decref(*rec);
		*rec = NULL;
		goto out;
	}
	r = 0;
out:
	git_blob_free(b);
	git_tree_free(t);
	return r;
}

/* The folder tree id as public holds it, into *out: the same tree, but for a
 * record.json with internal fields, which is written without them
 * (go_public_record). */
static int public_folder(git_repository *repo, const git_oid *id, const json_t *rec,
		const char *dir, git_oid *out, char **err)
{
	int internal = 0;
	for (const char *const *f = go_internal_fields; *f; f++)
		internal |= json_object_get(rec, *f) != NULL;
	git_oid_cpy(out, id);
	if (!internal)
		return 0;
	git_tree *t = NULL;
	git_treebuilder *tb = NULL;
	json_t *pub = go_public_record(rec);
	char *text = go_store_record_text(pub);
	git_oid blob;
	int r = 0;
	if (git_tree_lookup(&t, repo, id) < 0 || git_treebuilder_new(&tb, repo, t) < 0 ||
	    git_blob_create_from_buffer(&blob, repo, text, strlen(text)) < 0 ||
	    git_treebuilder_insert(NULL, tb, "record.json", &blob, GIT_FILEMODE_BLOB) < 0 ||
	    git_treebuilder_write(out, tb) < 0)
		r = go_git_err(err, dir);
	free(text);
	json_decref(pub);
	git_treebuilder_free(tb);
	git_tree_free(t);
	return r;
}

static int is_public(const json_t *rec)
{
	const char *a = go_str(rec, "attribute");
	return a && !strcmp(a, "proactive") && !go_is_withdrawn(rec);
}

/* The catalog line of a stored record in folder dir, without newline. */
static char *catalog_line(const json_t *rec, const char *dir)
{
	static const char *const keys[] = {
		"id", "title", "number", "office", "kind", "category", "date",
		"published", "validity", "validity_date", "amends", "replaces",
		"amended_by", "replaced_by", "interpretations", NULL,
	};
	json_t *l = json_object();
	for (int i = 0; keys[i]; i++) {
		json_t *v = json_object_get(rec, keys[i]);
		if (v)
			json_object_set(l, keys[i], v);
	}
	json_object_set_new(l, "path", json_string(dir));
	char *s = json_dumps(l, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(l);
	return s ? s : go_xstrdup("{}");
}

/* One catalog line to set (line) or remove (line NULL), keyed by id. */
struct line {
	char *id;
	char *line;
	size_t seq; /* for several changes of one id: the last wins */
};

static int cmp_line(const void *x, const void *y)
{
	const struct line *a = x, *b = y;
	int c = strcmp(a->id, b->id);
	return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

struct lines { struct line *v; size_t n, cap; };

static void lines_add(struct lines *l, const char *id, char *line)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = go_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n] = (struct line){go_xstrdup(id ? id : ""), line, l->n};
	l->n++;
}

static void lines_clear(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].id);
		free(l->v[i].line);
	}
	l->n = 0;
}

/* The catalog old[0..len) (sorted by id) with the changes (sorted, see
 * cmp_line) applied. Lines between changes are copied in runs. */
static void merge_catalog(const char *old, size_t len, const struct lines *ch,
		go_buf *out)
{
	const char *p = old, *end = old + len, *run = old;
	size_t k = 0;
	char idbuf[160];
	while (k < ch->n) {
		const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		size_t ll = p < end ? (nl ? (size_t)(nl - p) : (size_t)(end - p)) : 0;
		int c = 1;
		if (p < end) {
			go_json_lead_string(p, ll, "id", idbuf, sizeof idbuf);
			c = strcmp(idbuf, ch->v[k].id);
		}
		if (c < 0) {
			p = nl ? nl + 1 : end;
			continue;
		}
		go_buf_put(out, run, (size_t)(p - run));
		while (k + 1 < ch->n && !strcmp(ch->v[k].id, ch->v[k + 1].id))
			k++;
		if (ch->v[k].line) {
			go_buf_put(out, ch->v[k].line, strlen(ch->v[k].line));
			go_buf_put(out, "\n", 1);
		}
		k++;
		if (c == 0) /* the old line is replaced or removed */
			p = nl ? nl + 1 : end;
		run = p;
	}
	go_buf_put(out, run, (size_t)(end - run));
	if (out->n && out->p[out->n - 1] != '\n')
		go_buf_put(out, "\n", 1);
}

/* One document folder of a public year folder to set (oid) or remove (NULL). */
struct folder {
	char *name;
	git_oid oid;
	int remove;
};

static int cmp_folder(const void *x, const void *y)
{
	const struct folder *a = x, *b = y;
	return go_store_entry_cmp(a->name, strlen(a->name), 1, b->name, strlen(b->name), 1);
}

static void put_entry(go_buf *o, const char *name, size_t len, const unsigned char *oid)
{
	go_buf_put(o, "40000 ", 6);
	go_buf_put(o, name, len);
	go_buf_put(o, "", 1);
	go_buf_put(o, (const char *)oid, GIT_OID_RAWSZ);
}

/* Parse the raw tree entry at *p (< end): name, its length, folder or not, oid. */
static int raw_entry(const char **p, const char *end, const char **name, size_t *len,
		int *dir, const unsigned char **oid)
{
	const char *sp = memchr(*p, ' ', (size_t)(end - *p));
	const char *nul = sp ? memchr(sp, '\0', (size_t)(end - sp)) : NULL;
	if (!sp || !nul || end - nul < 1 + GIT_OID_RAWSZ)
		return -1;
	*dir = sp - *p == 5 && !memcmp(*p, "40000", 5);
	*name = sp + 1;
	*len = (size_t)(nul - sp - 1);
	*oid = (const unsigned char *)nul + 1;
	*p = nul + 1 + GIT_OID_RAWSZ;
	return 0;
}

/*
 * The year folder base (NULL: none) with the sorted changes applied, as *out:
 * 1 written, 2 now empty (nothing written). Entries left alone are copied in
 * runs: a year folder of a large store holds a hundred thousand entries.
 */
static int merge_folder(git_odb *odb, const git_oid *base, const struct folder *fc,
		size_t n, git_oid *out, char **err)
{
	git_odb_object *obj = NULL;
	const char *p = "", *end, *run;
	go_buf o = {0};
	int r = -1;

	if (base && git_odb_read(&obj, odb, base) < 0)
		return go_git_err(err, "year folder");
	if (obj)
		p = git_odb_object_data(obj);
	end = p + (obj ? git_odb_object_size(obj) : 0);
	run = p;
	size_t k = 0;
	while (p < end || k < n) {
		const char *at = p, *name = NULL;
		size_t len = 0;
		int dir = 0, c;
		const unsigned char *oid = NULL;
		if (p < end && raw_entry(&p, end, &name, &len, &dir, &oid) < 0) {
			*err = go_xstrdup("corrupt year folder on public");
			goto out;
		}
		if (!name)
			c = 1;
		else if (k == n)
			c = -1;
		else
			c = go_store_entry_cmp(name, len, dir, fc[k].name, strlen(fc[k].name), 1);
		if (c < 0)
			continue;
		go_buf_put(&o, run, (size_t)(at - run));
		while (k + 1 < n && !strcmp(fc[k].name, fc[k + 1].name))
			k++;
		if (!fc[k].remove)
			put_entry(&o, fc[k].name, strlen(fc[k].name), fc[k].oid.id);
		if (c > 0)
			p = at; /* the base entry comes later: look at it again */
		run = p;
		k++;
	}
	go_buf_put(&o, run, (size_t)(end - run));
	if (o.n == 0)
		r = 2;
	else if (git_odb_write(out, odb, o.p, o.n, GIT_OBJECT_TREE) < 0)
		go_git_err(err, "year folder");
	else
		r = 1;
out:
	free(o.p);
	git_odb_object_free(obj);
	return r;
}

/* Changes to a tree of the public view, paths and oids kept here. */
struct puts {
	go_tree_put *v;
	char **paths;
	git_oid *oids;
	int *rm;             /* removed */
	size_t n, cap;
};

static void puts_add(struct puts *p, char *path, const git_oid *oid, int mode)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 32;
		p->v = go_xrealloc(p->v, p->cap * sizeof *p->v);
		p->paths = go_xrealloc(p->paths, p->cap * sizeof *p->paths);
		p->oids = go_xrealloc(p->oids, p->cap * sizeof *p->oids);
		p->rm = go_xrealloc(p->rm, p->cap * sizeof *p->rm);
	}
	p->paths[p->n] = path;
	if (oid)
		git_oid_cpy(&p->oids[p->n], oid);
	p->rm[p->n] = !oid;
	/* the oids may move with a realloc: pointed to in puts_apply */
	p->v[p->n] = (go_tree_put){path, NULL, mode};
	p->n++;
}

static void puts_free(struct puts *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->paths[i]);
	free(p->v);
	free(p->paths);
	free(p->oids);
	free(p->rm);
}

/* base (NULL: none) with the changes: 1 and *out, 2 empty, 0 no change, -1. */
static int puts_apply(git_repository *repo, struct puts *p, const git_oid *base,
		git_oid *out, char **err)
{
	if (!p->n)
		return 0;
	for (size_t i = 0; i < p->n; i++)
		p->v[i].oid = p->rm[i] ? NULL : &p->oids[i];
	int r = go_tree_put_paths(repo, base, p->v, p->n, out);
	return r < 0 ? go_git_err(err, "public") : r;
}

/* lines (sorted) merged into the catalog blob old (NULL: none), as the
 * catalog of shard sname (catalog/<sname>.jsonl, removed when empty) in cp. */
static int put_catalog(git_repository *repo, struct puts *cp, const char *sname,
		const git_oid *old, struct lines *ch, char **err)
{
	git_blob *b = NULL;
	go_buf out = {0};
	git_oid oid;
	int r = 0;

	if (old && git_blob_lookup(&b, repo, old) < 0)
		return go_git_err(err, sname);
	qsort(ch->v, ch->n, sizeof *ch->v, cmp_line);
	merge_catalog(b ? git_blob_rawcontent(b) : "", b ? (size_t)git_blob_rawsize(b) : 0,
		      ch, &out);
	if (out.n == 0)
		puts_add(cp, go_xasprintf("%s.jsonl", sname), NULL, GIT_FILEMODE_BLOB);
	else if (git_blob_create_from_buffer(&oid, repo, out.p, out.n) < 0)
		r = go_git_err(err, sname);
	else
		puts_add(cp, go_xasprintf("%s.jsonl", sname), &oid, GIT_FILEMODE_BLOB);
	free(out.p);
	git_blob_free(b);
	return r;
}

/* The public root from its docs and catalog trees (NULL: none). */
static int write_root(git_repository *repo, const git_oid *docs, const git_oid *cat,
		git_oid *out, char **err)
{
	git_treebuilder *rb = NULL;
	int r = -1;
	if (git_treebuilder_new(&rb, repo, NULL) < 0)
		return go_git_err(err, "public");
	if ((cat && git_treebuilder_insert(NULL, rb, "catalog", cat, GIT_FILEMODE_TREE) < 0) ||
	    (docs && git_treebuilder_insert(NULL, rb, "docs", docs, GIT_FILEMODE_TREE) < 0) ||
	    git_treebuilder_write(out, rb) < 0)
		go_git_err(err, "public");
	else
		r = 0;
	git_treebuilder_free(rb);
	return r;
}

/*
 * One shard of main (main_year; NULL: none), given the same shard of the
 * earlier main (old_year; NULL: none) and of its projection (pub_year,
 * pub_catalog: NULL when absent): the changes to the shard's folder and
 * catalog on the new projection, into dp and cp. old_year NULL with pub_year
 * NULL is the full computation.
 */
static int project_year(git_repository *repo, const char *yname, git_tree *old_year,
		git_tree *main_year, const git_oid *pub_year, const git_oid *pub_catalog,
		struct puts *dp, struct puts *cp, char **err)
{
	git_odb *odb = NULL;
	struct folder *fc = NULL;
	size_t nfc = 0;
	struct lines ch = {0};
	json_t *rec = NULL;
	int r = -1;
	size_t i = 0, j = 0;
	size_t n0 = old_year ? git_tree_entrycount(old_year) : 0;
	size_t n1 = main_year ? git_tree_entrycount(main_year) : 0;

	if (git_repository_odb(&odb, repo) < 0)
		return go_git_err(err, yname);
	fc = go_xcalloc(n0 + n1 + 1, sizeof *fc);
	while (i < n0 || j < n1) {
		const git_tree_entry *a = i < n0 ? git_tree_entry_byindex(old_year, i) : NULL;
		const git_tree_entry *b = j < n1 ? git_tree_entry_byindex(main_year, j) : NULL;
		if (a && git_tree_entry_type(a) != GIT_OBJECT_TREE) { i++; continue; }
		if (b && git_tree_entry_type(b) != GIT_OBJECT_TREE) { j++; continue; }
		int c = !a ? 1 : !b ? -1 : strcmp(git_tree_entry_name(a), git_tree_entry_name(b));
		if (c == 0 && git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b))) {
			i++, j++;
			continue;
		}
		const git_tree_entry *gone = c <= 0 ? a : NULL, *now = c >= 0 ? b : NULL;
		const char *name = git_tree_entry_name(now ? now : gone);
		char *dir = go_xasprintf("docs/%s/%s", yname, name);
		int keep = 0;
		git_oid folder;
		if (gone) { /* its catalog line, if it had one, goes */
			if (read_record(repo, git_tree_entry_id(gone), dir, &rec, err) < 0) {
				free(dir);
				goto out;
			}
			if (is_public(rec))
				lines_add(&ch, go_str(rec, "id"), NULL);
			json_decref(rec);
			rec = NULL;
		}
		if (now) {
			if (read_record(repo, git_tree_entry_id(now), dir, &rec, err) < 0) {
				free(dir);
				goto out;
			}
			if ((keep = is_public(rec)))
				lines_add(&ch, go_str(rec, "id"), catalog_line(rec, dir));
			if (keep && public_folder(repo, git_tree_entry_id(now), rec, dir,
						  &folder, err) < 0) {
				free(dir);
				goto out;
			}
			json_decref(rec);
			rec = NULL;
		}
		free(dir);
		/* in the full computation only what is kept is written */
		if (keep || old_year || pub_year) {
			fc[nfc].name = go_xstrdup(name);
			fc[nfc].remove = !keep;
			if (keep)
				git_oid_cpy(&fc[nfc].oid, &folder);
			nfc++;
		}
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	if (nfc) {
		git_oid yoid;
		qsort(fc, nfc, sizeof *fc, cmp_folder);
		int m = merge_folder(odb, pub_year, fc, nfc, &yoid, err);
		if (m < 0)
			goto out;
		puts_add(dp, go_xstrdup(yname), m == 2 ? NULL : &yoid, GIT_FILEMODE_TREE);
	}
	if (ch.n && put_catalog(repo, cp, yname, pub_catalog, &ch, err) < 0)
		goto out;
	r = 0;
out:
	json_decref(rec);
	lines_clear(&ch);
	free(ch.v);
	for (size_t k = 0; k < nfc; k++)
		free(fc[k].name);
	free(fc);
	git_odb_free(odb);
	return r;
}

/* The entry at path of t of this type, or NULL. */
static const git_oid *path_oid(git_tree *t, const char *path, git_object_t type,
		git_oid *buf)
{
	git_tree_entry *e = NULL;
	if (!t || git_tree_entry_bypath(&e, t, path) < 0) {
		git_error_clear();
		return NULL;
	}
	int ok = git_tree_entry_type(e) == type;
	git_oid_cpy(buf, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return ok ? buf : NULL;
}

static int month_or_none(git_repository *repo, git_tree *t)
{
	int l = t ? go_store_layout(repo, t) : GO_LAYOUT_NONE;
	return l == GO_LAYOUT_NONE || l == GO_LAYOUT_MONTH;
}

/* The projection of new_main, from that of old_main (public_root); both NULL:
 * from nothing, the full computation. Shards are compared by name; when the
 * layouts differ (a migration), the full computation. */
static int project(git_repository *repo, git_tree *public_root, git_tree *old_main,
		git_tree *new_main, git_oid *out, char **err)
{
	git_tree *y0 = NULL, *y1 = NULL;
	go_shard *s0 = NULL, *s1 = NULL;
	size_t n0 = 0, n1 = 0;
	struct puts dp = {0}, cp = {0};
	int r = -1, l1;

	*err = NULL;
	if (go_store_shards(repo, new_main, 0, &s1, &n1, &l1) < 0) {
		go_git_err(err, "docs");
		goto out;
	}
	/* incremental only from and to the month layout */
	if (public_root && (!(l1 == GO_LAYOUT_NONE || l1 == GO_LAYOUT_MONTH) ||
			    !month_or_none(repo, old_main) || !month_or_none(repo, public_root)))
		public_root = old_main = NULL;
	if (!public_root)
		old_main = NULL;
	if (go_store_shards(repo, old_main, 0, &s0, &n0, NULL) < 0) {
		go_git_err(err, "docs");
		goto out;
	}
	size_t i = 0, j = 0;
	while (i < n0 || j < n1) {
		const go_shard *a = i < n0 ? &s0[i] : NULL, *b = j < n1 ? &s1[j] : NULL;
		int c = !a ? 1 : !b ? -1 : strcmp(a->name, b->name);
		const char *yname = c <= 0 ? a->name : b->name;
		if (c == 0 && !memcmp(a->oid, b->oid, sizeof a->oid)) {
			i++, j++;
			continue;
		}
		if ((c <= 0 && go_shard_tree(repo, a, &y0) < 0) ||
		    (c >= 0 && go_shard_tree(repo, b, &y1) < 0)) {
			go_git_err(err, yname);
			goto out;
		}
		char *dpath = go_xasprintf("docs/%s", yname), *cpath = go_xasprintf("catalog/%s.jsonl", yname);
		git_oid po, co;
		int e = project_year(repo, yname, y0, y1, path_oid(public_root, dpath, GIT_OBJECT_TREE, &po),
				     path_oid(public_root, cpath, GIT_OBJECT_BLOB, &co), &dp, &cp, err);
		free(dpath);
		free(cpath);
		if (e < 0)
			goto out;
		git_tree_free(y0);
		git_tree_free(y1);
		y0 = y1 = NULL;
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	git_oid dbase, cbase, docs, cat;
	const git_oid *db = path_oid(public_root, "docs", GIT_OBJECT_TREE, &dbase);
	const git_oid *cb = path_oid(public_root, "catalog", GIT_OBJECT_TREE, &cbase);
	int dr = puts_apply(repo, &dp, db, &docs, err);
	int cr = dr < 0 ? -1 : puts_apply(repo, &cp, cb, &cat, err);
	if (cr < 0)
		goto out;
	r = write_root(repo, dr == 1 ? &docs : dr == 0 ? db : NULL,
		       cr == 1 ? &cat : cr == 0 ? cb : NULL, out, err);
out:
	puts_free(&dp);
	puts_free(&cp);
	git_tree_free(y0);
	git_tree_free(y1);
	free(s0);
	free(s1);
	return r;
}

int go_project_public_in(git_repository *repo, git_tree *main_root, git_oid *out,
		char **err)
{
	return project(repo, NULL, NULL, main_root, out, err);
}

int go_project_public(go_store *s, git_tree *main_root, git_oid *public_tree_out,
		char **err)
{
	return project(go_store_repo(s), NULL, NULL, main_root, public_tree_out, err);
}

int go_project_public_update(git_repository *repo, git_tree *public_root,
		git_tree *old_main, git_tree *new_main, git_oid *out, char **err)
{
	return project(repo, public_root, old_main, new_main, out, err);
}
