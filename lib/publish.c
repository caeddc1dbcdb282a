/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * publish.c — the writing side of the store (SPEC §6): a batch, and each
 * accepted record turned into its document folder (publish-land.c then lays
 * the batch onto the tips of the register and the public view, each in one
 * commit, each ref moved by compare-and-swap; publish-push.c pushes it).
 *
 * Cost follows the batch: every blob and document tree is written once, as the
 * record is read (pack.c); a commit rewrites only the year folders and the
 * year catalogs the batch touches (a year folder by merging its raw entries,
 * the levels above with treebuilders), never through an index or a work tree.
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

static char *refusal(json_t *rec, const char *code, const char *field, char *msg);
static void keep_links(go_batch *b, json_t *rec); /* issue 19 */

int go_publish_resolve_tip(git_repository *repo, const char *ref, git_oid *oid)
{
	int err = git_reference_name_to_id(oid, repo, ref);
	if (err == GIT_ENOTFOUND)
		return 0;
	return err < 0 ? go_git_fail(ref) : 1;
}

/* Is ref the branch a work tree of repo has checked out (or will have, when
 * HEAD names it unborn)? Moving it would leave that index and work tree behind,
 * and the clerk's next `git commit -a` would undo the publish. */
static int checked_out(git_repository *repo, const char *ref)
{
	git_reference *r = NULL, *head = NULL;
	int out = 0;
	if (git_repository_is_bare(repo))
		return 0;
	if (git_reference_lookup(&r, repo, ref) == 0)
		out = git_branch_is_checked_out(r) == 1;
	if (!out && git_reference_lookup(&head, repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC)
		out = !strcmp(git_reference_symbolic_target(head), ref);
	git_reference_free(r);
	git_reference_free(head);
	git_error_clear();
	return out;
}

go_batch *go_batch_new(go_store *s, const go_batch_opts *o)
{
	go_batch *b = go_xcalloc(1, sizeof *b);
	git_odb *odb = NULL;
	git_commit *c = NULL;

	b->store = s;
	b->repo = go_store_repo(s);
	b->o = *o;
	b->ref[MAIN] = go_xasprintf("refs/heads/%s", o->branch ? o->branch : "main");
	b->ref[PUBLIC] = go_xasprintf("refs/heads/%s",
				      o->public_branch ? o->public_branch : "public");
	b->repos = json_object();
	for (int br = MAIN; br <= PUBLIC && !o->dry_run; br++)
		if (checked_out(b->repo, b->ref[br])) {
			go_warnx("%s：分支 %s 已在工作区检出；go-publish 不移动已检出的分支（同 git 的 "
				 "receive.denyCurrentBranch），以免工作区和暂存区落后、下一次提交撤销发布。"
				 "请向裸仓库发布，或在该工作区先检出其他分支；未写入任何内容",
				 go_store_path(s), b->ref[br] + 11);
			go_batch_free(b);
			return NULL;
		}
	/* issue 19: no publishing while a purge rewrites the history */
	char *lock = go_xasprintf("%s/go-purge.lock", git_repository_path(b->repo));
	int purging = !o->dry_run && access(lock, F_OK) == 0;
	if (purging)
		go_warnx("%s：正在清除历史（go-publish --purge，%s 存在），暂不发布；"
			 "清除结束后重试，若无清除在运行则删除该文件；未写入任何内容",
			 go_store_path(s), lock);
	free(lock);
	if (purging) {
		go_batch_free(b);
		return NULL;
	}
	git_odb_backend *pack = NULL;
	if (git_odb_new(&odb) < 0 || go_pack_backend(&pack, b->repo, o->dry_run) < 0)
		goto git_error;
	if (git_odb_add_backend(odb, pack, 1) < 0) {
		pack->free(pack);
		goto git_error;
	}
	b->pack = pack;
	if (git_repository_wrap_odb(&b->wrepo, odb) < 0)
		goto git_error;
	git_odb_free(odb);
	odb = NULL;
	git_oid tip;
	int r = go_publish_resolve_tip(b->repo, b->ref[MAIN], &tip);
	if (r < 0)
		goto fail;
	if (r && (git_commit_lookup(&c, b->repo, &tip) < 0 ||
		  git_commit_tree(&b->main_tree, c) < 0)) {
		go_git_fail(b->ref[MAIN]);
		goto fail;
	}
	git_commit_free(c);
	c = NULL;
	int layout = b->main_tree ? go_store_layout(b->repo, b->main_tree) : GO_LAYOUT_NONE;
	if (layout < 0)
		goto git_error;
	if (layout & GO_LAYOUT_YEAR) {
		/* issue 18: never a tree mixing the year and the month layouts */
		go_warnx("%s：库%s按年存放文档（docs/<YYYY>/<名称>/，go-tools 0.2 的结构）；"
			 "go-publish 只写按月的结构（docs/<YYYY>/<MM>/<名称>/）。请先运行 "
			 "go-publish --repo %s --migrate 迁移整个库；未写入任何内容",
			 go_store_path(s), layout == GO_LAYOUT_MIXED ? "部分" : "仍",
			 go_store_path(s));
		goto fail;
	}
	return b;
git_error:
	go_git_fail(go_store_path(s));
fail:
	git_odb_free(odb); /* and with it the backend */
	git_commit_free(c);
	go_batch_free(b);
	return NULL;
}

void go_batch_free(go_batch *b)
{
	if (!b)
		return;
	go_names_free(b->names);
	for (size_t i = 0; i < b->n; i++) {
		free(b->doc[i].id); /* and its name */
		free(b->doc[i].refused);
		free(b->doc[i].note);
	}
	free(b->doc);
	const char *k;
	json_t *v;
	json_object_foreach(b->repos, k, v)
		git_repository_free((git_repository *)(intptr_t)json_integer_value(v));
	json_decref(b->repos);
	go_map_free(&b->ids);
	for (size_t i = 0; i < b->attrs.cap; i++)
		free((char *)b->attrs.k[i]);
	go_map_free(&b->attrs);
	free(b->fold);
	git_tree_free(b->main_tree);
	git_repository_free(b->wrepo);
	free(b->ref[MAIN]);
	free(b->ref[PUBLIC]);
	free(b);
}

/* ---- reading a record into a document ------------------------------------ */

char *go_publish_fold_case(const char *s)
{
	char *f = go_xstrdup(s);
	for (char *p = f; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return f;
}

/* FNV-1a of s folded to lower case; never 0, the empty slot. */
static uint64_t hash_fold(const char *s)
{
	uint64_t h = go_fnv1a(s, strlen(s), 1);
	return h ? h : 1;
}

/* Calls fn(name, ctx) for every document folder of the register; stops on non-zero. */
static int each_name(go_batch *b, int (*fn)(const char *, void *), void *ctx)
{
	go_shard *sh = NULL;
	size_t n = 0;
	int r = 0;
	if (b->main_tree)
		go_store_shards(b->repo, b->main_tree, 0, &sh, &n, NULL);
	for (size_t i = 0; i < n && !r; i++) {
		git_tree *st = NULL;
		if (go_shard_tree(b->repo, &sh[i], &st) < 0)
			continue;
		for (size_t j = 0, m = git_tree_entrycount(st); j < m && !r; j++)
			r = fn(git_tree_entry_name(git_tree_entry_byindex(st, j)), ctx);
		git_tree_free(st);
	}
	free(sh);
	git_error_clear();
	return r;
}

static void fold_insert(go_batch *b, uint64_t h)
{
	size_t i = h & (b->nfold - 1);
	while (b->fold[i] && b->fold[i] != h)
		i = (i + 1) & (b->nfold - 1);
	b->fold[i] = h;
}

static int count_cb(const char *name, void *ctx) { ++*(size_t *)ctx; return 0; }
static int fold_cb(const char *name, void *ctx)
{
	fold_insert(ctx, hash_fold(name));
	return 0;
}

struct case_hit { const char *name; char *found; };
static int case_cb(const char *name, void *ctx)
{
	struct case_hit *h = ctx;
	if (strcasecmp(name, h->name) == 0) {
		h->found = go_xstrdup(name);
		return 1;
	}
	return 0;
}

/* Is name in some shard of the register, exactly? */
static int stored_exactly(go_batch *b, const char *name)
{
	return go_store_find_name(b->repo, b->main_tree, name, NULL, NULL) == 1;
}

/* The names index of the register (store.c), opened at the first question;
 * NULL without one (a dry run, a store we may not write to). */
static go_names *names_index(go_batch *b)
{
	if (!b->names_tried && !b->o.dry_run && b->main_tree)
		b->names = go_names_open(b->store, b->main_tree);
	b->names_tried = 1;
	return b->names;
}

/* The stored name that differs from name only in letter case, or NULL. A set of
 * hashes of the folded names answers "no" for nearly every new id in one probe. */
static char *case_twin(go_batch *b, const char *name)
{
	if (!b->main_tree)
		return NULL;
	/* issue 18: the names index answers from one bucket; without it (a dry
	 * run, a store we may not write to) every shard is asked */
	if (names_index(b)) {
		char *other = NULL, *shard = NULL;
		int r = go_names_lookup(b->names, name, &other, &shard);
		free(shard);
		if (r == 2)
			return other;
		free(other);
		return NULL;
	}
	if (stored_exactly(b, name))
		return NULL;
	if (!b->fold_built) {
		size_t count = 0;
		each_name(b, count_cb, &count);
		for (b->nfold = 1024; b->nfold < 2 * count + 2;)
			b->nfold *= 2;
		b->fold = go_xcalloc(b->nfold, sizeof *b->fold);
		each_name(b, fold_cb, b);
		b->fold_built = 1;
	}
	uint64_t h = hash_fold(name);
	size_t i = h & (b->nfold - 1);
	while (b->fold[i] && b->fold[i] != h)
		i = (i + 1) & (b->nfold - 1);
	struct case_hit hit = {name, NULL};
	if (b->fold[i])
		each_name(b, case_cb, &hit);
	return hit.found;
}

/* A repository named by an attachment's store.repo, opened once. */
static git_repository *source_repo(go_batch *b, const char *path)
{
	if (strcmp(path, go_store_path(b->store)) == 0)
		return b->repo;
	json_t *v = json_object_get(b->repos, path);
	if (v)
		return (git_repository *)(intptr_t)json_integer_value(v);
	git_repository *r = NULL;
	if (git_repository_open_ext(&r, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0)
		return NULL;
	json_object_set_new(b->repos, path, json_integer((json_int_t)(intptr_t)r));
	return r;
}

struct file {
	go_doc_att *att;   /* the layout (doc.c), borrowed from the record */
	char **data;
	size_t *len, n;
};

/* Read every attachment of rec into f; NULL, or the reason to refuse. */
static char *read_attachments(go_batch *b, json_t *rec, struct file *f)
{
	char *why = NULL;

	if (go_doc_attachments(rec, &f->att, &f->n, &why) < 0) {
		char *msg = go_xasprintf("%s，未发布", why);
		free(why);
		return refusal(rec, "attachment-unusable", "attachments", msg);
	}
	f->data = go_xcalloc(f->n + 1, sizeof *f->data);
	f->len = go_xcalloc(f->n + 1, sizeof *f->len);
	for (size_t i = 0; i < f->n; i++) {
		const go_doc_att *t = &f->att[i];
		if (t->blob) {
			git_repository *r = source_repo(b, t->repo);
			git_oid oid;
			git_blob *bl = NULL;
			if (!r || git_oid_fromstr(&oid, t->blob) < 0 ||
			    git_blob_lookup(&bl, r, &oid) < 0) {
				const git_error *e = git_error_last();
				return refusal(rec, "attachment-unreadable", "attachments", go_xasprintf(
					"附件 %s：无法读取库 %s 中的 blob %s：%s", t->name, t->repo, t->blob,
					e && e->message ? e->message : "not found"));
			}
			if (git_blob_rawsize(bl) > GO_MAX_ATTACHMENT) {
				git_blob_free(bl);
				return refusal(rec, "attachment-too-large", "attachments", go_xasprintf(
					"附件 %s：超过 %d MiB 的上限", t->name, GO_MAX_ATTACHMENT >> 20));
			}
			f->len[i] = (size_t)git_blob_rawsize(bl);
			f->data[i] = go_xmalloc(f->len[i] + 1);
			memcpy(f->data[i], git_blob_rawcontent(bl), f->len[i]);
			git_blob_free(bl);
			continue;
		}
		int r = go_read_file(t->path, GO_MAX_ATTACHMENT, &f->data[i], &f->len[i]);
		if (r < 0)
			return refusal(rec, "attachment-unreadable", "attachments", go_xasprintf(
				"附件 %s：无法读取 %s：%s", t->name, t->path, strerror(errno)));
		if (r == 1)
			return refusal(rec, "attachment-not-file", "attachments", go_xasprintf(
				"附件 %s：%s 不是普通文件（管道、设备或目录），不读取", t->name, t->path));
		if (r == 2)
			return refusal(rec, "attachment-too-large", "attachments", go_xasprintf(
				"附件 %s：%s 超过 %d MiB 的上限", t->name, t->path,
				GO_MAX_ATTACHMENT >> 20));
	}
	return NULL;
}

static void free_files(struct file *f)
{
	for (size_t i = 0; f->data && i < f->n; i++)
		free(f->data[i]);
	free(f->data);
	free(f->len);
	free(f->att);
}

static int blob(go_batch *b, git_oid *oid, const void *data, size_t len)
{
	return go_pack_write(b->pack, oid, data, len, GIT_OBJECT_BLOB);
}

/* The folder tb with record.json's text (taken and freed): its tree in *oid. */
static int finish_folder(go_batch *b, git_treebuilder *tb, char *record_text, git_oid *oid)
{
	int err = blob(b, oid, record_text, strlen(record_text));
	free(record_text);
	return err < 0 || git_treebuilder_insert(NULL, tb, "record.json", oid, GIT_FILEMODE_BLOB) < 0 ||
			       git_treebuilder_write(oid, tb) < 0 ? -1 : 0;
}

static int find_stored(go_batch *b, const char *id, json_t **rec, char **dir);

/* The published date already on the register for this document, if any. */
static json_t *stored_published(go_batch *b, const char *id)
{
	json_t *rec = NULL, *p = NULL;
	if (find_stored(b, id, &rec, NULL) != 0)
		return NULL;
	if (json_is_string(json_object_get(rec, "published")))
		p = json_incref(json_object_get(rec, "published"));
	json_decref(rec);
	return p;
}

/* The folder of the document named name in any shard of root: 1 and *out, or 0.
 * In the register's tree the names index says which shard (issue 18): one
 * month folder is read, not every one. */
static int doc_folder(go_batch *b, git_tree *root, const char *name, git_oid *out)
{
	int found = 0;
	go_names *ix = root && root == b->main_tree ? names_index(b) : NULL;
	if (ix) {
		char *other = NULL, *shard = NULL, *path = NULL;
		git_tree_entry *e = NULL;
		if (go_names_lookup(ix, name, &other, &shard) == 1) {
			path = go_xasprintf("docs/%s/%s", shard, name);
			found = git_tree_entry_bypath(&e, root, path) == 0 &&
				git_tree_entry_type(e) == GIT_OBJECT_TREE;
			if (found)
				git_oid_cpy(out, git_tree_entry_id(e));
		}
		git_tree_entry_free(e);
		free(path);
		free(other);
		free(shard);
	} else if (root) {
		found = go_store_find_name(b->repo, root, name, out, NULL) == 1;
	}
	git_error_clear();
	return found;
}

/* go_store_find_id on the register's tree, its folder found through the names
 * index (doc_folder): 0 and *rec (and *dir), GIT_ENOTFOUND, or -1. */
static int find_stored(go_batch *b, const char *id, json_t **rec, char **dir)
{
	char *name = id ? go_store_doc_name(id) : NULL;
	int err = GIT_ENOTFOUND;
	*rec = NULL;
	if (dir)
		*dir = NULL;
	if (!name || !b->main_tree || !names_index(b)) {
		free(name);
		return b->main_tree && id ? go_store_find_id(b->store, b->main_tree, id, 0, rec, dir)
					  : GIT_ENOTFOUND;
	}
	char *other = NULL, *shard = NULL;
	if (go_names_lookup(b->names, name, &other, &shard) == 1) {
		char *path = go_xasprintf("docs/%s/%s", shard, name);
		err = go_store_read_doc(b->store, b->main_tree, path, 0, rec);
		if (err == 0 && dir)
			*dir = path;
		else
			free(path);
	}
	free(other);
	free(shard);
	free(name);
	return err;
}

/* The day the register's tip took the document's present folder (walking the
 * first parents back to the commit that wrote it), or -1. */
int go_publish_changed_on(go_batch *b, const char *name, const git_oid *folder)
{
	git_oid id, tip;
	if (go_publish_resolve_tip(b->repo, b->ref[MAIN], &tip) != 1)
		return -1;
	id = tip;
	int day = -1;
	for (int steps = 0; steps < 100000; steps++) {
		git_commit *c = NULL, *parent = NULL;
		git_tree *pt = NULL;
		git_oid f;
		if (git_commit_lookup(&c, b->repo, &id) < 0)
			break;
		const git_time *t = &git_commit_committer(c)->when;
		day = (int)((t->time + t->offset * 60) / 86400);
		int more = git_commit_parentcount(c) > 0 && git_commit_parent(&parent, c, 0) == 0 &&
			   git_commit_tree(&pt, parent) == 0 && doc_folder(b, pt, name, &f) &&
			   git_oid_equal(&f, folder);
		if (more)
			id = *git_commit_id(parent);
		git_tree_free(pt);
		git_commit_free(parent);
		git_commit_free(c);
		if (!more)
			break;
	}
	git_error_clear();
	return day;
}

/* Refuse rec with a problem code (field may be NULL) and the same message as reason. */
static char *refusal(json_t *rec, const char *code, const char *field, char *msg)
{
	go_problem(rec, go_prog(), GO_ERROR, code, field, "%s", msg);
	return msg;
}

/*
 * SPEC §7, staleness: a record read from the store (go-cat's store.commit) is
 * refused when its document changed after that commit, so that last week's
 * batch cannot undo a later decision; and a stored withheld or on-request
 * document becomes proactive only with an approved review dated on or after
 * the day it took its present form. NULL, or the reason (a problem added).
 */
static char *stale(go_batch *b, json_t *rec, const char *name, const char *attr)
{
	const char *at = go_str(json_object_get(rec, "store"), "commit");
	git_oid now, then, c;
	int has_now = b->main_tree && doc_folder(b, b->main_tree, name, &now);
	if (at && git_oid_fromstrn(&c, at, strlen(at)) == 0 && strlen(at) == GIT_OID_HEXSZ) {
		git_commit *cc = NULL;
		git_tree *ct = NULL;
		/* a commit of another store (go-cat | go-publish copying one): no check */
		if (git_commit_lookup(&cc, b->repo, &c) == 0 && git_commit_tree(&ct, cc) == 0) {
			int has_then = doc_folder(b, ct, name, &then);
			git_tree_free(ct);
			git_commit_free(cc);
			if (has_now != has_then || (has_now && !git_oid_equal(&now, &then)))
				return refusal(rec, "stale-record", "store.commit", go_xasprintf(
					"记录读自提交 %.12s，此后库中该文档已有改动：重新发布会撤销后来的决定。"
					"请用 go-cat 重新读出、改好后再发布", at));
		}
		git_error_clear();
	}
	if (!has_now || strcmp(attr, "proactive"))
		return NULL;
	json_t *old = NULL;
	if (find_stored(b, go_str(rec, "id"), &old, NULL) != 0)
		return NULL;
	const char *was = go_str(old, "attribute");
	char *why = NULL;
	if (was && (!strcmp(was, "withheld") || !strcmp(was, "on-request"))) {
		json_t *rv = json_object_get(rec, "review");
		const char *res = go_str(rv, "result"), *rd = go_str(rv, "date");
		int since = go_publish_changed_on(b, name, &now), day;
		char since_s[11] = "";
		if (since >= 0)
			go_format_date(since, since_s);
		if (!res || strcmp(res, "approved") || !rd || go_parse_date(rd, &day) < 0 ||
		    day < since)
			why = refusal(rec, "missing-review", "review", go_xasprintf(
				"库中该文档为 %s（%s 起）；改为主动公开须有信息公开机构在该日或之后"
				"批准的审查（review.result 为 approved，review.date 不早于 %s）",
				was, since_s, since_s));
	}
	json_decref(old);
	return why;
}

/* A new document of the batch: rec's id, its folder name (taken: *name becomes
 * NULL), attribute, year and folder tree; found by its id in any case. */
static struct doc *add_doc(go_batch *b, const char *id, char **name, const json_t *rec,
		int year, int month, const git_oid *tree)
{
	const char *attr = go_str(rec, "attribute");
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->doc = go_xrealloc(b->doc, b->cap * sizeof *b->doc);
	}
	struct doc *d = &b->doc[b->n];
	memset(d, 0, sizeof *d);
	/* id, name and the folded id in one allocation */
	size_t il = strlen(id) + 1, nl = strlen(*name) + 1;
	d->id = go_xmalloc(2 * il + nl);
	memcpy(d->id, id, il);
	d->name = d->id + il;
	memcpy(d->name, *name, nl);
	free(*name);
	*name = NULL;
	char *folded = d->name + nl;
	for (size_t i = 0; i < il; i++)
		folded[i] = id[i] >= 'A' && id[i] <= 'Z' ? (char)(id[i] + 'a' - 'A') : id[i];
	const char *a = attr ? attr : "?";
	void **as = go_map_find(&b->attrs, a);
	if (!as) { /* a new attribute: its copy is key and value */
		char *key = go_xstrdup(a);
		*(as = go_map_slot(&b->attrs, key)) = key;
	}
	d->attribute = *as;
	d->year = year;
	d->month = month;
	d->tree = *tree;
	d->is_public = attr && !strcmp(attr, "proactive") && !go_is_withdrawn(rec);
	d->review_day = -1;
	*go_map_slot(&b->ids, folded) = (void *)(uintptr_t)(b->n + 1);
	b->n++;
	return d;
}

/*
 * Issue 19 item 5, no silent undo: a record that drops the register's
 * withdrawn mark, or brings an abolished or expired document back in force, is
 * refused unless it says so (reinstated: {"date", "reason"}). NULL, or why.
 */
static char *undoes(go_batch *b, json_t *rec)
{
	json_t *old = NULL;
	char *why = NULL;
	if (json_is_object(json_object_get(rec, "reinstated")) || !b->main_tree ||
	    find_stored(b, go_str(rec, "id"), &old, NULL) != 0)
		return NULL;
	const char *was = go_norm_validity(go_str(old, "validity"));
	const char *now = json_object_get(rec, "validity") ?
			  go_norm_validity(go_str(rec, "validity")) : "in-force";
	const json_t *w = json_object_get(old, "withdrawn");
	if (go_is_withdrawn(old) && !go_is_withdrawn(rec))
		why = refusal(rec, "undoes-withdrawal", "withdrawn", go_xasprintf(
			"库中该文档已于 %s 撤回（%s）；本记录没有撤回标记，会撤销该撤回。"
			"确需恢复的，须写明 reinstated: {\"date\", \"reason\"}",
			go_str(w, "date") ? go_str(w, "date") : "?",
			go_str(w, "reason") ? go_str(w, "reason") : "?"));
	else if (was && (!strcmp(was, "abolished") || !strcmp(was, "expired")) && now &&
		 (!strcmp(now, "in-force") || !strcmp(now, "amended")))
		why = refusal(rec, "undoes-abolition", "validity", go_xasprintf(
			"库中该文档已%s（%s）；本记录改为 %s，会撤销该%s。确需恢复效力的，"
			"须写明 reinstated: {\"date\", \"reason\"}",
			!strcmp(was, "abolished") ? "废止" : "失效",
			go_validity_date(old) ? go_validity_date(old) : "?", now,
			!strcmp(was, "abolished") ? "废止" : "失效"));
	json_decref(old);
	return why;
}

long go_batch_prepare(go_batch *b, json_t *rec, char **reason)
{
	const char *id = go_str(rec, "id"), *date = go_str(rec, "date");
	const char *attr = go_str(rec, "attribute");
	char *dir = NULL, *name = NULL, *folded = NULL, *twin = NULL;
	struct file files = {0};
	git_treebuilder *tb = NULL, *fb = NULL;
	git_oid oid;
	long n = -1;
	int day;

	/* names git or a checkout cannot hold (gate.c): this record alone is refused */
	if ((*reason = go_gate_record_names(rec)))
		goto out;
	dir = go_store_doc_dir(id, date);
	if (!dir || !attr || go_parse_date(date, &day) < 0) {
		*reason = refusal(rec, "no-store-path", "id", go_xstrdup(
			"没有有效的 id、date 或 attribute，无法确定库中的路径，未发布"));
		goto out;
	}
	int withheld = !strcmp(attr, "withheld");
	name = go_store_doc_name(id);
	folded = go_publish_fold_case(id);
	uintptr_t seen = (uintptr_t)go_map_get(&b->ids, folded);
	if (seen) {
		const char *other = b->doc[seen - 1].id;
		*reason = strcmp(other, id) ?
			refusal(rec, "case-twin", "id", go_xasprintf(
				"编号与本批次前面的 %s 仅大小写不同（在不区分大小写的文件系统上检出时"
				"会互相覆盖），未发布", other)) :
			refusal(rec, "duplicate-id", "id", go_xstrdup(
				"编号在本批次中出现两次：只发布第一条，这一条未发布"));
		goto out;
	}
	if ((twin = case_twin(b, name))) {
		*reason = refusal(rec, "case-twin", "id", go_xasprintf(
			"编号与库中的 %s 仅大小写不同（在不区分大小写的文件系统上检出时会互相覆盖），"
			"未发布", twin));
		goto out;
	}
	/* a rule's proactive suggestion is published only once confirmed */
	int confirm = go_check_confirmed(rec, go_prog(), b->o.accepted_by);
	if (confirm < 0) {
		*reason = go_xstrdup("未通过检查：unconfirmed-attribute");
		goto out;
	}
	b->accepted += (size_t)confirm;
	if ((*reason = stale(b, rec, name, attr)) || (*reason = undoes(b, rec)))
		goto out;
	keep_links(b, rec);
	/* published only on what is published: not on on-request records (issue 17) */
	if (!strcmp(attr, "proactive") && !json_object_get(rec, "published")) {
		json_t *p = stored_published(b, id);
		if (!p) {
			char today[11];
			go_format_date(b->o.today, today);
			p = json_string(today);
		}
		json_object_set_new(rec, "published", p);
	}
	if (!withheld && (*reason = read_attachments(b, rec, &files)))
		goto out;

	/* Every check passed: only now may content become a git object. */
	if (git_treebuilder_new(&tb, b->wrepo, NULL) < 0)
		goto git_error;
	const char *body = withheld ? NULL : go_str(rec, "body");
	if (body && (blob(b, &oid, body, strlen(body)) < 0 ||
		     git_treebuilder_insert(NULL, tb, "body.md", &oid, GIT_FILEMODE_BLOB) < 0))
		goto git_error;
	if (files.n) {
		if (git_treebuilder_new(&fb, b->wrepo, NULL) < 0)
			goto git_error;
		for (size_t i = 0; i < files.n; i++)
			if (blob(b, &oid, files.data[i], files.len[i]) < 0 ||
			    git_treebuilder_insert(NULL, fb, files.att[i].name, &oid,
						   GIT_FILEMODE_BLOB) < 0)
				goto git_error;
		if (git_treebuilder_write(&oid, fb) < 0 ||
		    git_treebuilder_insert(NULL, tb, "files", &oid, GIT_FILEMODE_TREE) < 0)
			goto git_error;
	}
	if (finish_folder(b, tb, go_doc_record_text(rec, files.att, files.n), &oid) < 0)
		goto git_error;

	int year, month;
	go_store_date_shard(date, &year, &month);
	struct doc *d = add_doc(b, id, &name, rec, year, month, &oid);
	json_t *rv = json_object_get(rec, "review");
	const char *rd = go_str(rv, "date"), *res = go_str(rv, "result");
	if (!rd || !res || strcmp(res, "approved") || go_parse_date(rd, &d->review_day) < 0)
		d->review_day = -1;
	n = (long)(d - b->doc);
	goto out;
git_error:
	go_git_fail(dir);
	n = -2;
out:
	git_treebuilder_free(tb);
	git_treebuilder_free(fb);
	free_files(&files);
	free(dir);
	free(name);
	free(folded);
	free(twin);
	return n;
}

/* ---- issue 19: withdrawal (撤回) ------------------------------------------- */

int go_list_merge(json_t *rec, const char *key, const json_t *ids)
{
	json_t *a = json_object_get(rec, key);
	int added = 0;
	if (!json_is_array(a))
		json_object_set_new(rec, key, a = json_array());
	size_t i, j;
	json_t *v, *w;
	json_array_foreach(ids, i, v) {
		int seen = 0;
		json_array_foreach(a, j, w)
			seen |= json_equal(v, w);
		if (!seen && json_is_string(v)) {
			json_array_append(a, v);
			added++;
		}
	}
	return added;
}

/* A policy published again keeps the links later documents made to it. */
static void keep_links(go_batch *b, json_t *rec)
{
	json_t *old = NULL;
	if (!go_is_policy_kind(go_str(rec, "kind")) || !b->main_tree ||
	    find_stored(b, go_str(rec, "id"), &old, NULL) != 0)
		return;
	static const char *const keys[] = {"amended_by", "replaced_by"};
	for (int k = 0; k < 2; k++)
		if (json_is_array(json_object_get(old, keys[k])))
			go_list_merge(rec, keys[k], json_object_get(old, keys[k]));
	json_decref(old);
}

/* The stored document id's folder with record.json replaced by rec's (the
 * body and files as they are), into the batch with note for the message. */
static long restamp(go_batch *b, const char *id, const char *dir, json_t *rec, char *note)
{
	git_tree *t = NULL;
	git_treebuilder *tb = NULL;
	git_oid folder, oid;
	long n = -2;
	char *name = go_store_doc_name(id);

	if (!doc_folder(b, b->main_tree, name, &folder) ||
	    git_tree_lookup(&t, b->wrepo, &folder) < 0 || git_treebuilder_new(&tb, b->wrepo, t) < 0)
		goto git_error;
	if (finish_folder(b, tb, go_store_record_text(rec), &oid) < 0)
		goto git_error;
	int year = 0, month = 0;
	go_store_parse_path(dir, GO_LAYOUT_MONTH, &year, &month, NULL);
	struct doc *d = add_doc(b, id, &name, rec, year, month, &oid);
	d->note = note;
	note = NULL;
	n = (long)(d - b->doc);
	goto out;
git_error:
	go_git_fail(dir);
out:
	free(note);
	free(name);
	git_treebuilder_free(tb);
	git_tree_free(t);
	return n;
}

long go_batch_relink(go_batch *b, const char *id, const json_t *adds, char **reason)
{
	json_t *rec = NULL;
	char *dir = NULL, *folded = go_publish_fold_case(id);
	long n = -1;
	*reason = NULL;
	int in_batch = go_map_get(&b->ids, folded) != NULL;
	free(folded);
	if (in_batch || !b->main_tree ||
	    find_stored(b, id, &rec, &dir) != 0) {
		*reason = go_xasprintf("%s: not a stored document outside this batch", id);
		goto out;
	}
	const char *key;
	json_t *ids;
	char *note = go_xstrdup("");
	json_object_foreach((json_t *)adds, key, ids) {
		if (!go_list_merge(rec, key, ids))
			continue;
		char *t = go_xasprintf("%s%s %s", note, *note ? "," : " (linked:", key);
		free(note);
		note = t;
	}
	if (!*note) {
		free(note);
		*reason = go_xasprintf("%s: already lists them", id);
		goto out;
	}
	char *t = go_xasprintf("%s)", note);
	free(note);
	n = restamp(b, id, dir, rec, t);
out:
	json_decref(rec);
	free(dir);
	return n;
}

long go_batch_withdraw(go_batch *b, const char *id, const char *why, const char *by,
		       char **reason)
{
	json_t *rec = NULL;
	char *dir = NULL;
	long n = -1;
	char today[11];

	*reason = NULL;
	if (!b->main_tree ||
	    find_stored(b, id, &rec, &dir) != 0) {
		*reason = go_xasprintf("登记簿中没有索引号为 %s 的文档，无从撤回", id);
		goto out;
	}
	if (go_is_withdrawn(rec)) {
		*reason = go_xasprintf("%s 已于 %s 撤回", id,
				       go_str(json_object_get(rec, "withdrawn"), "date"));
		goto out;
	}
	go_format_date(b->o.today, today);
	json_object_set_new(rec, "withdrawn", json_pack("{s:s,s:s,s:s}", "date", today,
							"reason", why, "by", by));
	n = restamp(b, id, dir, rec, go_xasprintf(" withdrawn %s by %s: %s", today, by, why));
out:
	json_decref(rec);
	free(dir);
	return n;
}
