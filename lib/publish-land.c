/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * publish-land.c — a batch laid onto the register, then the public view: one
 * commit each, re-applied on a tip another publisher moved, each ref moved by
 * compare-and-swap (see publish.c for the documents, publish.h for what the
 * files share).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <git2.h>
#include <git2/sys/odb_backend.h>

#include "go.h"
#include "go-store.h"
#include "publish.h"

/* ---- laying a batch onto a branch ----------------------------------------- */

static git_tree *subtree(go_batch *b, git_tree *parent, const char *name);

static void refuse_late(struct doc *d, const char *code, char *why)
{
	d->refused = why;
	d->code = code;
}

/*
 * The register moved since the batch was read (another publisher landed
 * first): redo the checks that depend on it, against root, for what changed
 * there. A document whose id now differs only in case from one just landed is
 * refused (case-twin), and so is a proactive one whose stored document just
 * became withheld or on-request, without a review dated since (missing-review).
 */
static void recheck(go_batch *b, git_tree *root)
{
	go_shard *sh = NULL;
	size_t nsh = 0;
	if (go_store_shards(b->repo, root, 0, &sh, &nsh, NULL) < 0)
		nsh = 0;
	for (size_t i = 0; i < nsh; i++) {
		git_tree *yt = NULL, *bt = NULL;
		git_tree_entry *was = NULL;
		char *sdir = go_xasprintf("docs/%s", sh[i].name);
		git_oid soid;
		git_oid_fromraw(&soid, sh[i].oid);
		if (b->main_tree)
			git_tree_entry_bypath(&was, b->main_tree, sdir);
		free(sdir);
		if ((was && git_oid_equal(git_tree_entry_id(was), &soid)) ||
		    go_shard_tree(b->repo, &sh[i], &yt) < 0) {
			git_tree_entry_free(was);
			continue;
		}
		if (was && git_tree_entry_type(was) == GIT_OBJECT_TREE)
			git_tree_lookup(&bt, b->repo, git_tree_entry_id(was));
		git_tree_entry_free(was);
		for (size_t j = 0, m = git_tree_entrycount(yt); j < m; j++) {
			const git_tree_entry *e = git_tree_entry_byindex(yt, j);
			const char *name = git_tree_entry_name(e);
			const git_tree_entry *old = bt ? git_tree_entry_byname(bt, name) : NULL;
			if (old && git_oid_equal(git_tree_entry_id(old), git_tree_entry_id(e)))
				continue;
			char *id = go_publish_fold_case(name);
			for (char *p = id; *p; p++)
				if (*p == '~')
					*p = '/';
			uintptr_t k = (uintptr_t)go_map_get(&b->ids, id);
			free(id);
			struct doc *d = k ? &b->doc[k - 1] : NULL;
			if (!d || d->refused)
				continue;
			if (strcmp(d->name, name)) {
				refuse_late(d, "case-twin", go_xasprintf(
					"编号与刚由另一发布者写入的 %s 仅大小写不同（在不区分大小写的"
					"文件系统上检出时会互相覆盖），未发布", name));
				continue;
			}
			json_t *rec = NULL;
			char *dir = go_xasprintf("docs/%s/%s", sh[i].name, name);
			if (d->is_public && go_store_read_doc(b->store, root, dir, 0, &rec) == 0) {
				const char *a = go_str(rec, "attribute");
				int since = go_publish_changed_on(b, name, git_tree_entry_id(e));
				if (a && (!strcmp(a, "withheld") || !strcmp(a, "on-request")) &&
				    d->review_day < since) {
					char day[11];
					go_format_date(since, day);
					refuse_late(d, "missing-review", go_xasprintf(
						"库中该文档刚由另一发布者改为 %s（%s）；改为主动公开须有信息公开"
						"机构在该日或之后批准的审查（review.result 为 approved，"
						"review.date 不早于 %s）", a, day, day));
				}
			}
			json_decref(rec);
			free(dir);
		}
		git_tree_free(yt);
		git_tree_free(bt);
	}
	free(sh);
	git_error_clear();
}

static int cmp_doc(const void *x, const void *y)
{
	const struct doc *a = *(struct doc *const *)x, *c = *(struct doc *const *)y;
	if (a->year != c->year)
		return a->year < c->year ? -1 : 1;
	if (a->month != c->month)
		return a->month < c->month ? -1 : 1;
	return strcmp(a->id, c->id);
}

/* Replace path (a blob or tree name) in bld by oid, or remove it (oid NULL). */
static int set_entry(git_treebuilder *bld, const char *name, const git_oid *oid,
		git_filemode_t mode)
{
	if (oid)
		return git_treebuilder_insert(NULL, bld, name, oid, mode);
	if (git_treebuilder_get(bld, name))
		return git_treebuilder_remove(bld, name);
	return 0;
}

static git_tree *subtree(go_batch *b, git_tree *parent, const char *name)
{
	const git_tree_entry *e = parent ? git_tree_entry_byname(parent, name) : NULL;
	git_tree *t = NULL;
	/* base trees are the store's: read there, where they stay cached */
	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE)
		git_tree_lookup(&t, b->repo, git_tree_entry_id(e));
	return t;
}

static void message(go_batch *b, int br, struct doc **sorted, go_buf *m)
{
	size_t count = 0;
	for (size_t i = 0; i < b->n; i++)
		count += sorted[i]->changed[br];
	char *head = b->o.message ? go_xasprintf("%s\n\n", b->o.message) :
		br == MAIN ? go_xasprintf("Publish %zu document%s\n\n", count, count == 1 ? "" : "s") :
		go_xasprintf("Public view: %zu document%s\n\n", count, count == 1 ? "" : "s");
	go_buf_put(m, head, strlen(head));
	free(head);
	for (size_t i = 0; i < b->n; i++) {
		struct doc *d = sorted[i];
		if (!d->changed[br])
			continue;
		char *l = go_xasprintf("%s %s%s%s\n", d->id, d->attribute,
				       br == PUBLIC && !d->is_public ? " (removed)" : "",
				       d->note ? d->note : "");
		go_buf_put(m, l, strlen(l));
		free(l);
	}
	if (b->accepted) {
		char *t = go_xasprintf("\nClassified-by: rules (accepted by %s)\n", b->o.accepted_by);
		go_buf_put(m, t, strlen(t));
		free(t);
	}
	go_buf_put(m, "", 1);
}

struct folder_change {
	const char *name;
	const git_oid *tree; /* NULL: remove */
	struct doc *d;
};

static int cmp_folder(const void *x, const void *y)
{
	const struct folder_change *a = x, *c = y;
	return go_store_entry_cmp(a->name, strlen(a->name), 1, c->name, strlen(c->name), 1);
}

static void put_entry(go_buf *o, const char *mode, const char *name, size_t len,
		const unsigned char *oid)
{
	go_buf_put(o, mode, strlen(mode));
	go_buf_put(o, " ", 1);
	go_buf_put(o, name, len);
	go_buf_put(o, "", 1);
	go_buf_put(o, (const char *)oid, GIT_OID_RAWSZ);
}

/*
 * The year folder base (NULL: none) with the changes applied, written as *out.
 * A year folder of a large store holds a hundred thousand entries: rather than
 * a treebuilder (an allocation and a hash insert per entry, then a sort), the
 * raw tree is copied through with the sorted changes merged in. Marks each
 * document that changes. 0 unchanged, 1 changed, 2 changed and now empty; -1.
 */
static int merge_folder(go_batch *b, const git_oid *base, struct folder_change *fc,
		size_t n, int br, git_oid *out)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	const char *p = "", *end;
	go_buf o = {0};
	int changed = 0, err = -1;

	if (base) {
		if (git_repository_odb(&odb, b->repo) < 0 || git_odb_read(&obj, odb, base) < 0)
			goto out;
		p = git_odb_object_data(obj);
		o.cap = git_odb_object_size(obj) + n * 64 + 64;
		o.p = go_xmalloc(o.cap);
	}
	end = p + (obj ? git_odb_object_size(obj) : 0);
	qsort(fc, n, sizeof *fc, cmp_folder);
	size_t k = 0;
	const char *run = p; /* entries left alone are copied in runs */
	while (p < end || k < n) {
		const char *sp = p < end ? memchr(p, ' ', (size_t)(end - p)) : NULL;
		const char *nul = sp ? memchr(sp, '\0', (size_t)(end - sp)) : NULL;
		if (p < end && (!sp || !nul || end - nul < 1 + GIT_OID_RAWSZ)) {
			git_error_set_str(GIT_ERROR_OBJECT, "corrupt year folder");
			goto out;
		}
		int c;
		if (p >= end)
			c = 1;
		else if (k == n)
			c = -1;
		else
			c = go_store_entry_cmp(sp + 1, (size_t)(nul - sp - 1), sp - p == 5 && !memcmp(p, "40000", 5),
				      fc[k].name, strlen(fc[k].name), 1);
		if (c < 0) {
			p = nul + 1 + GIT_OID_RAWSZ;
			continue;
		}
		go_buf_put(&o, run, (size_t)(p - run));
		/* several changes of one name (an id twice): the last wins */
		while (k + 1 < n && !strcmp(fc[k].name, fc[k + 1].name))
			k++;
		int same = c == 0 && fc[k].tree && sp - p == 5 && !memcmp(p, "40000", 5) &&
			   !memcmp(nul + 1, fc[k].tree->id, GIT_OID_RAWSZ);
		if (fc[k].tree)
			put_entry(&o, "40000", fc[k].name, strlen(fc[k].name), fc[k].tree->id);
		if (!same && (fc[k].tree || c == 0)) {
			fc[k].d->changed[br] = 1;
			changed = 1;
		}
		if (c == 0)
			p = nul + 1 + GIT_OID_RAWSZ;
		run = p;
		k++;
	}
	go_buf_put(&o, run, (size_t)(end - run));
	if (!changed)
		err = 0;
	else if (o.n == 0)
		err = 2;
	else {
		git_odb *w = NULL;
		err = git_repository_odb(&w, b->wrepo) < 0 ||
		      git_odb_write(out, w, o.p, o.n, GIT_OBJECT_TREE) < 0 ? -1 : 1;
		git_odb_free(w);
	}
out:
	free(o.p);
	git_odb_object_free(obj);
	git_odb_free(odb);
	return err;
}

struct move {
	struct doc *d;
	int year; /* the year folder it leaves */
};

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, c = *(const int *)y;
	return (a > c) - (a < c);
}

/*
 * Lay the batch onto the register (br MAIN) at tip (NULL: the branch is new):
 * the new commit in *out, 1; 0 when nothing changes; -1 on error. Only the year
 * folders the batch touches are rebuilt. The public view is not laid, but
 * projected from the register (project_onto).
 */
static int apply(go_batch *b, int br, const git_oid *tip, const git_signature *sig,
		struct doc **sorted, git_oid *out)
{
	git_commit *parent = NULL;
	git_tree *root = NULL, *docs = NULL, *yt = NULL, *tree = NULL;
	git_treebuilder *rb = NULL;
	struct folder_change *fc = NULL;
	struct move *mv = NULL;
	go_shard *sh = NULL;
	go_tree_put *puts = NULL;
	struct { char *path; git_oid oid; } *names = NULL;
	size_t nmv = 0, nyears = 0, nsh = 0, nputs = 0;
	int *years = NULL, err = -1;
	go_buf m = {0};

	for (size_t i = 0; i < b->n; i++)
		sorted[i]->changed[br] = 0;
	if (tip && (git_commit_lookup(&parent, b->wrepo, tip) < 0 ||
		    git_commit_tree(&root, parent) < 0))
		goto git_error;
	docs = subtree(b, root, "docs");
	if (root && (!b->main_tree || !git_oid_equal(git_tree_id(root), git_tree_id(b->main_tree))))
		recheck(b, root);
	if (go_store_shards(b->repo, root, 0, &sh, &nsh, NULL) < 0)
		goto git_error;

	/* A document whose date moved to another month leaves its old folder. */
	for (size_t j = 0; j < nsh; j++) {
		int key = sh[j].year * 100 + sh[j].month;
		if (go_shard_tree(b->repo, &sh[j], &yt) < 0)
			goto git_error;
		for (size_t i = 0; i < b->n; i++)
			if (sorted[i]->year * 100 + sorted[i]->month != key && !sorted[i]->refused &&
			    git_tree_entry_byname(yt, sorted[i]->name)) {
				if (nmv % 64 == 0)
					mv = go_xrealloc(mv, (nmv + 64) * sizeof *mv);
				mv[nmv++] = (struct move){sorted[i], key};
			}
		git_tree_free(yt);
		yt = NULL;
	}
	years = go_xcalloc(b->n + nmv + 1, sizeof *years);
	for (size_t i = 0; i < b->n; i++)
		years[nyears++] = sorted[i]->year * 100 + sorted[i]->month;
	for (size_t k = 0; k < nmv; k++)
		years[nyears++] = mv[k].year;
	qsort(years, nyears, sizeof *years, cmp_int);

	fc = go_xcalloc(b->n + nmv + 1, sizeof *fc);
	puts = go_xcalloc(nyears + 1, sizeof *puts);
	names = go_xcalloc(nyears + 1, sizeof *names);
	for (size_t k = 0, i = 0; k < nyears; k++) {
		int y = years[k];
		if (k && years[k - 1] == y)
			continue;
		const go_shard *base = NULL;
		for (size_t j = 0; j < nsh && !base; j++)
			if (sh[j].year * 100 + sh[j].month == y)
				base = &sh[j];
		size_t nfc = 0;
		while (i < b->n && sorted[i]->year * 100 + sorted[i]->month < y)
			i++;
		for (; i < b->n && sorted[i]->year * 100 + sorted[i]->month == y; i++) {
			struct doc *d = sorted[i];
			if (!d->refused)
				fc[nfc++] = (struct folder_change){d->name, &d->tree, d};
		}
		for (size_t j = 0; j < nmv; j++) {
			if (mv[j].year != y)
				continue;
			fc[nfc++] = (struct folder_change){mv[j].d->name, NULL, mv[j].d};
		}
		git_oid boid;
		if (base)
			git_oid_fromraw(&boid, base->oid);
		names[nputs].path = go_xasprintf("%04d/%02d", y / 100, y % 100);
		int r = merge_folder(b, base ? &boid : NULL, fc, nfc, br, &names[nputs].oid);
		if (r < 0)
			goto git_error;
		if (r > 0) {
			puts[nputs] = (go_tree_put){names[nputs].path, r == 2 ? NULL : &names[nputs].oid,
						    GIT_FILEMODE_TREE};
			nputs++;
		} else {
			free(names[nputs].path);
			names[nputs].path = NULL;
		}
	}

	git_oid tree_id, docs_id;
	int dr = nputs ? go_tree_put_paths(b->wrepo, docs ? git_tree_id(docs) : NULL, puts, nputs,
					   &docs_id) : 0;
	if (dr < 0 || git_treebuilder_new(&rb, b->wrepo, root) < 0 ||
	    (dr && set_entry(rb, "docs", dr == 2 ? NULL : &docs_id, GIT_FILEMODE_TREE) < 0) ||
	    git_treebuilder_write(&tree_id, rb) < 0)
		goto git_error;
	if ((root && git_oid_equal(&tree_id, git_tree_id(root))) ||
	    (!root && git_treebuilder_entrycount(rb) == 0)) {
		for (size_t i = 0; i < b->n; i++)
			sorted[i]->changed[br] = 0;
		err = 0;
		goto out;
	}
	message(b, br, sorted, &m);
	const git_commit *parents[1] = {parent};
	if (git_tree_lookup(&tree, b->wrepo, &tree_id) < 0 ||
	    git_commit_create(out, b->wrepo, NULL, sig, sig, NULL, m.p, tree,
			      parent ? 1 : 0, parents) < 0)
		goto git_error;
	err = 1;
	goto out;
git_error:
	err = go_git_fail(b->ref[br]);
out:
	free(m.p);
	free(mv);
	free(years);
	free(sh);
	for (size_t k = 0; names && k < nputs; k++)
		free(names[k].path);
	free(names);
	free(puts);
	git_treebuilder_free(rb);
	free(fc);
	git_tree_free(tree);
	git_tree_free(yt);
	git_tree_free(docs);
	git_tree_free(root);
	git_commit_free(parent);
	return err;
}

/* Sleep a little longer after each conflict, with jitter, so that publishers
 * racing for a ref do not meet again in step. */
void go_publish_backoff(int attempt, unsigned *seed)
{
	long ms = (5L << (attempt < 8 ? attempt : 8)) + rand_r(seed) % 20;
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* Move ref from old (NULL: absent) to new; 0, 1 on a lost race, -1 on error. */
int go_publish_swap_ref(git_repository *repo, const char *ref, const git_oid *old,
		const git_oid *new, const char *log)
{
	git_reference *r = NULL;
	int err = old ? git_reference_create_matching(&r, repo, ref, new, 1, old, log)
		      : git_reference_create(&r, repo, ref, new, 0, log);
	git_reference_free(r);
	if (err == GIT_EMODIFIED || err == GIT_ELOCKED || err == GIT_EEXISTS)
		return 1;
	return err < 0 ? go_git_fail(ref) : 0;
}

/*
 * Move branch br from tip (has: it exists) to next, the batch laid onto tip.
 * When another publisher moved it first, lay the batch onto the new tip and
 * try again. 0 or -1.
 */
static int land(go_batch *b, int br, const git_signature *sig, struct doc **sorted,
		git_oid tip, int has, git_oid next, unsigned *seed)
{
	for (int attempt = 0;; attempt++) {
		int r = go_publish_swap_ref(b->repo, b->ref[br], has ? &tip : NULL, &next, "go-publish");
		if (r < 0)
			return -1;
		if (r == 0) {
			b->commit[br] = next;
			b->committed[br] = 1;
			go_crash_point("main");
			return 0;
		}
		if (attempt == 50) {
			go_warnx("%s: still moving after %d attempts", b->ref[br], attempt);
			return -1;
		}
		go_publish_backoff(attempt, seed);
		if ((has = go_publish_resolve_tip(b->repo, b->ref[br], &tip)) < 0)
			return -1;
		r = apply(b, br, has ? &tip : NULL, sig, sorted, &next);
		if (r <= 0)
			return r; /* the other publisher did our work */
		if (go_pack_flush(b->pack) < 0)
			return -1;
	}
}

static int identity_ok(const git_signature *sig)
{
	return sig && sig->name && *sig->name && sig->email && *sig->email;
}

struct doc **go_publish_sort_docs(go_batch *b)
{
	struct doc **sorted = go_xmalloc((b->n + 1) * sizeof *sorted);
	for (size_t i = 0; i < b->n; i++)
		sorted[i] = &b->doc[i];
	qsort(sorted, b->n, sizeof *sorted, cmp_doc);
	return sorted;
}

/* ---- the public view: the projection of the register (project.c) -------- */

/* Each public commit names the register commit it projects, so that the next
 * one reads only what changed on the register since. */
static const char projection_trailer[] = "Projection-of: ";

/* The register commit that public commit c says it projects: 1, or 0. */
static int projected(git_commit *c, git_oid *out)
{
	const char *m = git_commit_message(c), *p = m;
	size_t n = strlen(projection_trailer);
	while (p && (p = strstr(p, projection_trailer))) {
		if ((p == m || p[-1] == '\n') &&
		    strspn(p + n, "0123456789abcdef") == GIT_OID_HEXSZ &&
		    git_oid_fromstrn(out, p + n, GIT_OID_HEXSZ) == 0)
			return 1;
		p += n;
	}
	return 0;
}

/* Is document d's folder different on the public trees before (NULL: none)
 * and after? Sets d->is_public: is it on public after. */
static int public_changed(struct doc *d, git_tree *before, git_tree *after)
{
	char path[300];
	git_tree_entry *x = NULL, *y = NULL;
	snprintf(path, sizeof path, "docs/%04d/%02d/%s", d->year, d->month, d->name);
	if (before)
		git_tree_entry_bypath(&x, before, path);
	git_tree_entry_bypath(&y, after, path);
	d->is_public = y != NULL;
	int changed = !x != !y || (x && !git_oid_equal(git_tree_entry_id(x), git_tree_entry_id(y)));
	git_tree_entry_free(x);
	git_tree_entry_free(y);
	git_error_clear();
	return changed;
}

/*
 * The public view of register commit m, laid onto public tip p (NULL: none),
 * with p2 (NULL: none) as second parent, a public history to keep:
 * 1 and the new commit in *out (none in a dry run); 0 when p shows m already.
 * When p names the register commit it projects, only what changed since is
 * read; else the projection is computed from m alone (a store written by an
 * older go-publish, or by hand), which also repairs a public view gone wrong.
 */
int go_publish_project_onto(go_batch *b, const git_oid *m, const git_oid *p, const git_oid *p2,
		const git_signature *sig, struct doc **sorted, git_oid *out)
{
	git_commit *mc = NULL, *pc = NULL, *oc = NULL, *pc2 = NULL;
	git_tree *mt = NULL, *pt = NULL, *ot = NULL, *nt = NULL;
	git_oid base, tree;
	go_buf msg = {0};
	char *err = NULL, hex[GIT_OID_HEXSZ + 1];
	int r = -1;

	for (size_t i = 0; i < b->n; i++)
		sorted[i]->changed[PUBLIC] = 0;
	if (git_commit_lookup(&mc, b->wrepo, m) < 0 || git_commit_tree(&mt, mc) < 0 ||
	    (p && (git_commit_lookup(&pc, b->wrepo, p) < 0 || git_commit_tree(&pt, pc) < 0)))
		goto git_error;
	if (p2 && git_commit_lookup(&pc2, b->wrepo, p2) < 0)
		goto git_error;
	int known = pc && projected(pc, &base);
	if (known && git_oid_equal(&base, m) && !p2) {
		r = 0;
		goto out;
	}
	if (known && (git_commit_lookup(&oc, b->wrepo, &base) < 0 ||
		      git_commit_tree(&ot, oc) < 0)) {
		git_error_clear();
		known = 0; /* not in this store */
	}
	/* issue 18, memory: the projection reads each document folder it looks
	 * at once; libgit2 would keep every one in its cache (a kilobyte each,
	 * against its 256 MB limit counted in raw bytes), so nothing it reads is
	 * cached (go-publish caches otherwise: go-publish.c) */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	int pe = known ? go_project_public_update(b->wrepo, pt, ot, mt, &tree, &err)
		       : go_project_public_in(b->wrepo, mt, &tree, &err);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	if (pe < 0) {
		go_warnx("%s: %s", b->ref[PUBLIC], err);
		goto out;
	}
	if (git_tree_lookup(&nt, b->wrepo, &tree) < 0)
		goto git_error;
	if (!p2 && (pt ? git_oid_equal(&tree, git_tree_id(pt)) : git_tree_entrycount(nt) == 0)) {
		r = 0;
		goto out;
	}
	for (size_t i = 0; i < b->n; i++)
		sorted[i]->changed[PUBLIC] = public_changed(sorted[i], pt, nt);
	r = 1;
	if (b->o.dry_run)
		goto out;
	message(b, PUBLIC, sorted, &msg);
	msg.n--; /* its NUL */
	git_oid_tostr(hex, sizeof hex, m);
	/* one trailer block: Projection-of joins a Classified-by trailer message()
	 * wrote, else it opens the block after a blank line (git reads only the
	 * last paragraph as trailers) */
	char *t = go_xasprintf("%s%s%s\n", b->accepted ? "" : "\n", projection_trailer, hex);
	go_buf_put(&msg, t, strlen(t) + 1);
	free(t);
	const git_commit *parents[2] = {pc ? pc : pc2, pc ? pc2 : NULL};
	if (git_commit_create(out, b->wrepo, NULL, sig, sig, NULL, msg.p, nt,
			      (pc != NULL) + (pc2 != NULL), parents) < 0)
		goto git_error;
	goto out;
git_error:
	r = go_git_fail(b->ref[PUBLIC]);
out:
	free(err);
	free(msg.p);
	git_tree_free(nt);
	git_tree_free(ot);
	git_tree_free(pt);
	git_tree_free(mt);
	git_commit_free(oc);
	git_commit_free(pc);
	git_commit_free(pc2);
	git_commit_free(mc);
	return r;
}

/*
 * Move the public view to the projection of the register's tip, whoever moved
 * the register last, so that publishers racing for both branches leave public
 * the projection of the main they leave. On a lost race, again from the new
 * tips; after a won one, again if the register moved meanwhile. 0 or -1.
 */
static int land_public(go_batch *b, const git_signature *sig, struct doc **sorted,
		unsigned *seed)
{
	for (int attempt = 0;; attempt++) {
		git_oid m, p, next;
		int hm = go_publish_resolve_tip(b->repo, b->ref[MAIN], &m), hp = 0;
		if (hm <= 0 || (hp = go_publish_resolve_tip(b->repo, b->ref[PUBLIC], &p)) < 0)
			return hm < 0 || hp < 0 ? -1 : 0;
		int r = go_publish_project_onto(b, &m, hp ? &p : NULL, NULL, sig, sorted, &next);
		if (r <= 0)
			return r;
		if (go_pack_flush(b->pack) < 0)
			return -1;
		if ((r = go_publish_swap_ref(b->repo, b->ref[PUBLIC], hp ? &p : NULL, &next, "go-publish")) < 0)
			return -1;
		if (r == 0) {
			b->commit[PUBLIC] = next;
			b->committed[PUBLIC] = 1;
			go_crash_point("public");
			/* Another publisher may have moved the register since we read
			 * it, and seen public already right for it: then the view just
			 * written is behind, and it is ours to bring up. */
			git_oid now;
			if (go_publish_resolve_tip(b->repo, b->ref[MAIN], &now) != 1 || git_oid_equal(&now, &m))
				return 0;
			continue;
		}
		if (attempt == 50) {
			go_warnx("%s: still moving after %d attempts", b->ref[PUBLIC], attempt);
			return -1;
		}
		go_publish_backoff(attempt, seed);
	}
}

/* Bring the names index (store.c) to the register just landed, so that the
 * next batch finds it up to date and reads one bucket (issue 18): the bulk
 * batch builds it, each batch after pays for what it changed. Derived data:
 * a failure here costs the next batch a rebuild, nothing else. */
static void names_follow(go_batch *b)
{
	git_commit *c = NULL;
	git_tree *t = NULL;
	if (b->committed[MAIN] && git_commit_lookup(&c, b->repo, &b->commit[MAIN]) == 0 &&
	    git_commit_tree(&t, c) == 0)
		go_names_free(go_names_open(b->store, t));
	git_tree_free(t);
	git_commit_free(c);
	git_error_clear();
}

int go_batch_commit(go_batch *b, const struct git_signature *sig)
{
	struct doc **sorted = go_publish_sort_docs(b);
	unsigned seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	git_oid tip, next;
	int has, r = 0, err = -1;

	if (!b->o.dry_run && !identity_ok(sig)) {
		go_warnx("no identity to publish as");
		goto out;
	}
	/* The register first, then the public view projected from where it landed. */
	if ((has = go_publish_resolve_tip(b->repo, b->ref[MAIN], &tip)) < 0)
		goto out;
	if (b->n && (r = apply(b, MAIN, has ? &tip : NULL, sig, sorted, &next)) < 0)
		goto out;
	if (b->o.dry_run) {
		git_oid p, pnext;
		int hp = go_publish_resolve_tip(b->repo, b->ref[PUBLIC], &p);
		if (hp < 0 || ((r || has) &&
			       go_publish_project_onto(b, r ? &next : &tip, hp ? &p : NULL, NULL, sig,
					    sorted, &pnext) < 0))
			goto out;
		go_pack_discard(b->pack); /* nothing is kept */
		err = 0;
		goto out;
	}
	if (r && (go_pack_flush(b->pack) < 0 ||
		  land(b, MAIN, sig, sorted, tip, has, next, &seed) < 0))
		goto out;
	/* also when the batch changed nothing: a public view left behind the
	 * register (a publisher killed in between) is brought up to it */
	if (land_public(b, sig, sorted, &seed) < 0)
		goto out;
	go_pack_discard(b->pack); /* what was computed and not needed */
	names_follow(b);
	err = 0;
out:
	free(sorted);
	return err;
}

void go_batch_drop(go_batch *b, long n)
{
	if (n >= 0 && (size_t)n < b->n && !b->doc[n].refused)
		refuse_late(&b->doc[n], "dropped", go_xstrdup("dropped by the caller"));
}

const char *go_batch_refused(const go_batch *b, long n, const char **code)
{
	*code = b->doc[n].code;
	return b->doc[n].refused;
}

int go_batch_status(const go_batch *b, long n, char commit[41])
{
	const struct doc *d = &b->doc[n];
	commit[0] = '\0';
	int br = d->changed[MAIN] ? MAIN : d->changed[PUBLIC] ? PUBLIC : -1;
	if (br >= 0 && b->committed[br])
		git_oid_tostr(commit, 41, &b->commit[br]);
	else if (br < 0) {
		git_oid tip;
		if (go_publish_resolve_tip(b->repo, b->ref[MAIN], &tip) == 1)
			git_oid_tostr(commit, 41, &tip);
	}
	return br >= 0;
}

