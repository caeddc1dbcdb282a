/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * publish.c — the writing side of the store (SPEC §6): turn accepted records
 * into document trees, then lay one batch onto the tips of the register and
 * the public view, each in one commit, each ref moved by compare-and-swap.
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

enum { MAIN, PUBLIC };

struct doc {
	char *id, *name;   /* name: the id with each / as ~ */
	char *attribute;
	int year, month;   /* its shard: docs/<YYYY>/<MM>/ */
	git_oid tree;      /* the document folder on main */
	int is_public;     /* proactive; after a commit: on the public view */
	int changed[2];    /* by the last application to each branch */
	int review_day;    /* the day of its approved review, or -1 */
	char *refused;     /* refused when laid onto a moved register: why */
	const char *code;  /* and the problem code */
	char *note;        /* for the commit message: a withdrawal (issue 19) */
};

struct go_batch {
	go_store *store;
	git_repository *repo;  /* the store's (borrowed) */
	git_repository *wrepo; /* the store seen through the batch's own odb */
	git_odb_backend *pack; /* owned by wrepo's odb */
	go_batch_opts o;
	char *ref[2];
	git_tree *main_tree;   /* the register when the batch began, for look-ups */
	struct doc *doc;
	size_t n, cap;
	json_t *ids;           /* id folded to lower case -> doc number */
	uint64_t *fold;        /* hashes of the store's names folded, open addressing */
	size_t nfold;
	int fold_built;
	go_names *names;       /* the names index of main_tree (store.c), or NULL */
	int names_tried;
	git_oid commit[2];
	int committed[2];
	json_t *repos;         /* path -> (git_repository *) as integer, for blob sources */
	size_t accepted;       /* records on o.accepted_by's word (a commit trailer) */
};

static char *refusal(json_t *rec, const char *code, const char *field, char *msg);
static void keep_links(go_batch *b, json_t *rec); /* issue 19 */

static int resolve_tip(git_repository *repo, const char *ref, git_oid *oid)
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
	b->ids = json_object();
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
	int r = resolve_tip(b->repo, b->ref[MAIN], &tip);
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
		free(b->doc[i].id);
		free(b->doc[i].name);
		free(b->doc[i].attribute);
		free(b->doc[i].refused);
		free(b->doc[i].note);
	}
	free(b->doc);
	const char *k;
	json_t *v;
	json_object_foreach(b->repos, k, v)
		git_repository_free((git_repository *)(intptr_t)json_integer_value(v));
	json_decref(b->repos);
	json_decref(b->ids);
	free(b->fold);
	git_tree_free(b->main_tree);
	git_repository_free(b->wrepo);
	free(b->ref[MAIN]);
	free(b->ref[PUBLIC]);
	free(b);
}

/* ---- reading a record into a document ------------------------------------ */

static char *fold_case(const char *s)
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

/* The stored name that differs from name only in letter case, or NULL. A set of
 * hashes of the folded names answers "no" for nearly every new id in one probe. */
static char *case_twin(go_batch *b, const char *name)
{
	if (!b->main_tree)
		return NULL;
	/* issue 18: the names index answers from one bucket; without it (a dry
	 * run, a store we may not write to) every shard is asked */
	if (!b->names_tried && !b->o.dry_run)
		b->names = go_names_open(b->store, b->main_tree);
	b->names_tried = 1;
	if (b->names) {
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
	const char *name;
	char *data;
	size_t len;
};

/* Read every attachment of rec into files[]; NULL, or the reason to refuse. */
static char *read_attachments(go_batch *b, json_t *rec, struct file **files, size_t *nfiles)
{
	json_t *list = json_object_get(rec, "attachments"), *a;
	const char *repo_path = go_str(json_object_get(rec, "store"), "repo");
	size_t i;

	*files = NULL;
	*nfiles = 0;
	if (!list)
		return NULL;
	if (!json_is_array(list))
		return refusal(rec, "attachment-unusable", "attachments", go_xstrdup(
			"附件（attachments）须为数组，未发布"));
	*files = go_xcalloc(json_array_size(list) + 1, sizeof **files);
	json_array_foreach(list, i, a) {
		const char *path = go_str(a, "path"), *name = go_str(a, "name");
		const char *blob = go_str(a, "blob");
		struct file *f = &(*files)[i];
		if (!name && path)
			name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		if (!name || !*name || strchr(name, '/') || !strcmp(name, ".") ||
		    !strcmp(name, "..") || !strcasecmp(name, ".git") ||
		    strlen(name) != strcspn(name, "\\"))
			return refusal(rec, "attachment-unusable", "attachments", go_xasprintf(
				"附件第 %zu 项：没有可用的文件名（name 或 path；不得含 / 或 \\，不得为 . .. .git）", i + 1));
		for (size_t k = 0; k < i; k++)
			if (!strcmp((*files)[k].name, name))
				return refusal(rec, "attachment-unusable", "attachments", go_xasprintf(
					"附件 %s：同名附件出现两次", name));
		f->name = name;
		*nfiles = i + 1;
		if (blob && repo_path) {
			git_repository *r = source_repo(b, repo_path);
			git_oid oid;
			git_blob *bl = NULL;
			if (!r || git_oid_fromstr(&oid, blob) < 0 ||
			    git_blob_lookup(&bl, r, &oid) < 0) {
				const git_error *e = git_error_last();
				return refusal(rec, "attachment-unreadable", "attachments", go_xasprintf(
					"附件 %s：无法读取库 %s 中的 blob %s：%s", name, repo_path, blob,
					e && e->message ? e->message : "not found"));
			}
			if (git_blob_rawsize(bl) > GO_MAX_ATTACHMENT) {
				git_blob_free(bl);
				return refusal(rec, "attachment-too-large", "attachments", go_xasprintf(
					"附件 %s：超过 %d MiB 的上限", name, GO_MAX_ATTACHMENT >> 20));
			}
			f->len = (size_t)git_blob_rawsize(bl);
			f->data = go_xmalloc(f->len + 1);
			memcpy(f->data, git_blob_rawcontent(bl), f->len);
			git_blob_free(bl);
		} else if (!path) {
			return refusal(rec, "attachment-unusable", "attachments", go_xasprintf(
				"附件 %s：没有 path（也没有 blob 与 store.repo）", name));
		} else {
			int r = go_read_file(path, GO_MAX_ATTACHMENT, &f->data, &f->len);
			if (r < 0)
				return refusal(rec, "attachment-unreadable", "attachments", go_xasprintf(
					"附件 %s：无法读取 %s：%s", name, path, strerror(errno)));
			if (r == 1)
				return refusal(rec, "attachment-not-file", "attachments", go_xasprintf(
					"附件 %s：%s 不是普通文件（管道、设备或目录），不读取", name, path));
			if (r == 2)
				return refusal(rec, "attachment-too-large", "attachments", go_xasprintf(
					"附件 %s：%s 超过 %d MiB 的上限", name, path,
					GO_MAX_ATTACHMENT >> 20));
		}
	}
	return NULL;
}

static void free_files(struct file *files, size_t n)
{
	for (size_t i = 0; files && i < n; i++)
		free(files[i].data);
	free(files);
}

static char *record_json(const json_t *rec, const struct file *files, size_t nfiles)
{
	json_t *r = go_store_record(rec);
	if (json_object_get(r, "attachments") || nfiles) {
		json_t *list = json_array();
		for (size_t i = 0; i < nfiles; i++) {
			char *p = go_xasprintf("files/%s", files[i].name);
			json_array_append_new(list, json_pack("{s:s,s:s}", "name",
							files[i].name, "path", p));
			free(p);
		}
		json_object_set_new(r, "attachments", list);
	}
	char *out = go_store_record_text(r);
	json_decref(r);
	return out;
}

static int blob(go_batch *b, git_oid *oid, const void *data, size_t len)
{
	return git_blob_create_from_buffer(oid, b->wrepo, data, len);
}

/* The folder tb with record.json's text (taken and freed): its tree in *oid. */
static int finish_folder(go_batch *b, git_treebuilder *tb, char *record_text, git_oid *oid)
{
	int err = blob(b, oid, record_text, strlen(record_text));
	free(record_text);
	return err < 0 || git_treebuilder_insert(NULL, tb, "record.json", oid, GIT_FILEMODE_BLOB) < 0 ||
			       git_treebuilder_write(oid, tb) < 0 ? -1 : 0;
}

/* The published date already on the register for this document, if any. */
static json_t *stored_published(go_batch *b, const char *id)
{
	json_t *rec = NULL, *p = NULL;
	if (!b->main_tree || go_store_find_id(b->store, b->main_tree, id, 0, &rec, NULL) != 0)
		return NULL;
	if (json_is_string(json_object_get(rec, "published")))
		p = json_incref(json_object_get(rec, "published"));
	json_decref(rec);
	return p;
}

/* The folder of the document named name in any shard of root: 1 and *out, or 0. */
static int doc_folder(go_batch *b, git_tree *root, const char *name, git_oid *out)
{
	int found = root ? go_store_find_name(b->repo, root, name, out, NULL) : 0;
	git_error_clear();
	return found == 1;
}

/* The day the register's tip took the document's present folder (walking the
 * first parents back to the commit that wrote it), or -1. */
static int changed_on(go_batch *b, const char *name, const git_oid *folder)
{
	git_oid id, tip;
	if (resolve_tip(b->repo, b->ref[MAIN], &tip) != 1)
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
	if (go_store_find_id(b->store, b->main_tree, go_str(rec, "id"), 0, &old, NULL) != 0)
		return NULL;
	const char *was = go_str(old, "attribute");
	char *why = NULL;
	if (was && (!strcmp(was, "withheld") || !strcmp(was, "on-request"))) {
		json_t *rv = json_object_get(rec, "review");
		const char *res = go_str(rv, "result"), *rd = go_str(rv, "date");
		int since = changed_on(b, name, &now), day;
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
	d->id = go_xstrdup(id);
	d->name = *name;
	*name = NULL;
	d->attribute = go_xstrdup(attr ? attr : "?");
	d->year = year;
	d->month = month;
	d->tree = *tree;
	d->is_public = attr && !strcmp(attr, "proactive") && !go_is_withdrawn(rec);
	d->review_day = -1;
	char *folded = fold_case(id);
	json_object_set_new(b->ids, folded, json_integer((json_int_t)b->n));
	free(folded);
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
	    go_store_find_id(b->store, b->main_tree, go_str(rec, "id"), 0, &old, NULL) != 0)
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
	struct file *files = NULL;
	size_t nfiles = 0;
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
	folded = fold_case(id);
	json_t *seen = json_object_get(b->ids, folded);
	if (seen) {
		const char *other = b->doc[json_integer_value(seen)].id;
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
	if (!withheld && (*reason = read_attachments(b, rec, &files, &nfiles)))
		goto out;

	/* Every check passed: only now may content become a git object. */
	if (git_treebuilder_new(&tb, b->wrepo, NULL) < 0)
		goto git_error;
	const char *body = withheld ? NULL : go_str(rec, "body");
	if (body && (blob(b, &oid, body, strlen(body)) < 0 ||
		     git_treebuilder_insert(NULL, tb, "body.md", &oid, GIT_FILEMODE_BLOB) < 0))
		goto git_error;
	if (nfiles) {
		if (git_treebuilder_new(&fb, b->wrepo, NULL) < 0)
			goto git_error;
		for (size_t i = 0; i < nfiles; i++)
			if (blob(b, &oid, files[i].data, files[i].len) < 0 ||
			    git_treebuilder_insert(NULL, fb, files[i].name, &oid,
						   GIT_FILEMODE_BLOB) < 0)
				goto git_error;
		if (git_treebuilder_write(&oid, fb) < 0 ||
		    git_treebuilder_insert(NULL, tb, "files", &oid, GIT_FILEMODE_TREE) < 0)
			goto git_error;
	}
	if (finish_folder(b, tb, record_json(rec, files, nfiles), &oid) < 0)
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
	free_files(files, nfiles);
	free(dir);
	free(name);
	free(folded);
	free(twin);
	return n;
}

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
			char *id = fold_case(name);
			for (char *p = id; *p; p++)
				if (*p == '~')
					*p = '/';
			json_t *k = json_object_get(b->ids, id);
			free(id);
			struct doc *d = k ? &b->doc[json_integer_value(k)] : NULL;
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
				int since = changed_on(b, name, git_tree_entry_id(e));
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

struct buf { char *p; size_t n, cap; };
static void buf_add(struct buf *o, const char *s, size_t n)
{
	if (o->n + n + 1 > o->cap) {
		o->cap = (o->n + n + 1) * 2;
		o->p = go_xrealloc(o->p, o->cap);
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
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

static void message(go_batch *b, int br, struct doc **sorted, struct buf *m)
{
	size_t count = 0;
	for (size_t i = 0; i < b->n; i++)
		count += sorted[i]->changed[br];
	char *head = b->o.message ? go_xasprintf("%s\n\n", b->o.message) :
		br == MAIN ? go_xasprintf("Publish %zu document%s\n\n", count, count == 1 ? "" : "s") :
		go_xasprintf("Public view: %zu document%s\n\n", count, count == 1 ? "" : "s");
	buf_add(m, head, strlen(head));
	free(head);
	for (size_t i = 0; i < b->n; i++) {
		struct doc *d = sorted[i];
		if (!d->changed[br])
			continue;
		char *l = go_xasprintf("%s %s%s%s\n", d->id, d->attribute,
				       br == PUBLIC && !d->is_public ? " (removed)" : "",
				       d->note ? d->note : "");
		buf_add(m, l, strlen(l));
		free(l);
	}
	if (b->accepted) {
		char *t = go_xasprintf("\nClassified-by: rules (accepted by %s)\n", b->o.accepted_by);
		buf_add(m, t, strlen(t));
		free(t);
	}
	buf_add(m, "", 1);
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

static void put_entry(struct buf *o, const char *mode, const char *name, size_t len,
		const unsigned char *oid)
{
	buf_add(o, mode, strlen(mode));
	buf_add(o, " ", 1);
	buf_add(o, name, len);
	buf_add(o, "", 1);
	buf_add(o, (const char *)oid, GIT_OID_RAWSZ);
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
	struct buf o = {0};
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
		buf_add(&o, run, (size_t)(p - run));
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
	buf_add(&o, run, (size_t)(end - run));
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
	struct buf m = {0};

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
static void backoff(int attempt, unsigned *seed)
{
	long ms = (5L << (attempt < 8 ? attempt : 8)) + rand_r(seed) % 20;
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* Move ref from old (NULL: absent) to new; 0, 1 on a lost race, -1 on error. */
static int swap_ref(git_repository *repo, const char *ref, const git_oid *old,
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
		int r = swap_ref(b->repo, b->ref[br], has ? &tip : NULL, &next, "go-publish");
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
		backoff(attempt, seed);
		if ((has = resolve_tip(b->repo, b->ref[br], &tip)) < 0)
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

static struct doc **sort_docs(go_batch *b)
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
static int project_onto(go_batch *b, const git_oid *m, const git_oid *p, const git_oid *p2,
		const git_signature *sig, struct doc **sorted, git_oid *out)
{
	git_commit *mc = NULL, *pc = NULL, *oc = NULL, *pc2 = NULL;
	git_tree *mt = NULL, *pt = NULL, *ot = NULL, *nt = NULL;
	git_oid base, tree;
	struct buf msg = {0};
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
	if ((known ? go_project_public_update(b->wrepo, pt, ot, mt, &tree, &err)
		   : go_project_public_in(b->wrepo, mt, &tree, &err)) < 0) {
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
	buf_add(&msg, t, strlen(t) + 1);
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
		int hm = resolve_tip(b->repo, b->ref[MAIN], &m), hp = 0;
		if (hm <= 0 || (hp = resolve_tip(b->repo, b->ref[PUBLIC], &p)) < 0)
			return hm < 0 || hp < 0 ? -1 : 0;
		int r = project_onto(b, &m, hp ? &p : NULL, NULL, sig, sorted, &next);
		if (r <= 0)
			return r;
		if (go_pack_flush(b->pack) < 0)
			return -1;
		if ((r = swap_ref(b->repo, b->ref[PUBLIC], hp ? &p : NULL, &next, "go-publish")) < 0)
			return -1;
		if (r == 0) {
			b->commit[PUBLIC] = next;
			b->committed[PUBLIC] = 1;
			go_crash_point("public");
			/* Another publisher may have moved the register since we read
			 * it, and seen public already right for it: then the view just
			 * written is behind, and it is ours to bring up. */
			git_oid now;
			if (resolve_tip(b->repo, b->ref[MAIN], &now) != 1 || git_oid_equal(&now, &m))
				return 0;
			continue;
		}
		if (attempt == 50) {
			go_warnx("%s: still moving after %d attempts", b->ref[PUBLIC], attempt);
			return -1;
		}
		backoff(attempt, seed);
	}
}

int go_batch_commit(go_batch *b, const struct git_signature *sig)
{
	struct doc **sorted = sort_docs(b);
	unsigned seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	git_oid tip, next;
	int has, r = 0, err = -1;

	if (!b->o.dry_run && !identity_ok(sig)) {
		go_warnx("no identity to publish as");
		goto out;
	}
	/* The register first, then the public view projected from where it landed. */
	if ((has = resolve_tip(b->repo, b->ref[MAIN], &tip)) < 0)
		goto out;
	if (b->n && (r = apply(b, MAIN, has ? &tip : NULL, sig, sorted, &next)) < 0)
		goto out;
	if (b->o.dry_run) {
		git_oid p, pnext;
		int hp = resolve_tip(b->repo, b->ref[PUBLIC], &p);
		if (hp < 0 || ((r || has) &&
			       project_onto(b, r ? &next : &tip, hp ? &p : NULL, NULL, sig,
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
		if (resolve_tip(b->repo, b->ref[MAIN], &tip) == 1)
			git_oid_tostr(commit, 41, &tip);
	}
	return br >= 0;
}

/* ---- --push ----------------------------------------------------------------- */

/*
 * Pushes go through the git command, as a clerk's would: a local path runs that
 * repository's hooks (libgit2's local transport runs none), the remote's
 * messages reach stderr as "remote: ...", and credentials and URL rewriting
 * follow the user's git configuration.
 */

/* Run git on the store with args (NULL-terminated); its standard output into
 * *out (a new string, when out is not NULL), its standard error to ours.
 * The exit status, or -1 when git could not be run (printed). */
static int run_git(go_batch *b, const char *const *args, char **out)
{
	const char *argv[16];
	char *gitdir = go_xasprintf("--git-dir=%s", git_repository_path(b->repo));
	int n = 0, fd[2], st = -1;
	argv[n++] = "git";
	argv[n++] = gitdir;
	for (; *args && n < 15; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	if (out)
		*out = NULL;
	fflush(stdout);
	if (pipe(fd) < 0) {
		go_warn("pipe");
		free(gitdir);
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		go_warn("fork");
		close(fd[0]);
		close(fd[1]);
		free(gitdir);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(out ? fd[1] : null, 1);
		close(fd[0]);
		close(fd[1]);
		execvp("git", (char *const *)argv);
		fprintf(stderr, "%s: git: %s\n", go_prog(), strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	struct buf o = {0};
	char chunk[4096];
	ssize_t got;
	while ((got = read(fd[0], chunk, sizeof chunk)) > 0 || (got < 0 && errno == EINTR))
		if (got > 0)
			buf_add(&o, chunk, (size_t)got);
	close(fd[0]);
	int ws;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	st = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
	if (out) {
		buf_add(&o, "", 1);
		*out = o.p;
	} else {
		free(o.p);
	}
	free(gitdir);
	return st;
}

static int same_entry(const git_tree_entry *x, const git_tree_entry *y)
{
	return !x || !y ? !x && !y : git_oid_equal(git_tree_entry_id(x), git_tree_entry_id(y)) &&
				     git_tree_entry_filemode(x) == git_tree_entry_filemode(y);
}

static git_tree *entry_tree(go_batch *b, const git_tree_entry *e)
{
	git_tree *t = NULL;
	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE)
		git_tree_lookup(&t, b->wrepo, git_tree_entry_id(e));
	return t;
}

/*
 * Three-way merge of registers, entry by entry: what one side changed since
 * base, that side; what both changed alike, that; the root, docs/, its year
 * and month folders are merged the same way inside; a document folder both changed
 * otherwise is a conflict, its path added to conflicts (one a line). The tree
 * in *out; 0, or -1 (printed).
 */
static int merge3(go_batch *b, git_tree *base, git_tree *ours, git_tree *theirs, int depth,
		const char *path, git_oid *out, struct buf *conflicts)
{
	git_treebuilder *tb = NULL;
	int err = -1;
	if (git_treebuilder_new(&tb, b->wrepo, theirs) < 0)
		return go_git_fail(path);
	for (int pass = 0; pass < 2; pass++) {
		git_tree *t = pass ? base : ours;
		for (size_t i = 0, n = t ? git_tree_entrycount(t) : 0; i < n; i++) {
			const char *name = git_tree_entry_name(git_tree_entry_byindex(t, i));
			const git_tree_entry *o = ours ? git_tree_entry_byname(ours, name) : NULL;
			const git_tree_entry *bb = base ? git_tree_entry_byname(base, name) : NULL;
			const git_tree_entry *th = theirs ? git_tree_entry_byname(theirs, name) : NULL;
			if ((pass && o) || same_entry(o, bb) || same_entry(o, th))
				continue;
			if (same_entry(th, bb)) {
				if (o ? git_treebuilder_insert(NULL, tb, name, git_tree_entry_id(o),
							       git_tree_entry_filemode(o)) < 0 :
				    git_treebuilder_remove(tb, name) < 0)
					goto git_error;
				continue;
			}
			char *sub = go_xasprintf("%s%s%s", path, *path ? "/" : "", name);
			git_tree *bt = entry_tree(b, bb), *ot = entry_tree(b, o), *tt = entry_tree(b, th);
			int inside = ot && tt && (depth == 0 ? !strcmp(name, "docs") : depth < 3);
			git_oid oid;
			int r = 0;
			if (inside && (r = merge3(b, bt, ot, tt, depth + 1, sub, &oid, conflicts)) == 0)
				r = git_treebuilder_insert(NULL, tb, name, &oid, GIT_FILEMODE_TREE);
			else if (!inside) {
				buf_add(conflicts, sub, strlen(sub));
				buf_add(conflicts, "\n", 1);
			}
			git_tree_free(bt);
			git_tree_free(ot);
			git_tree_free(tt);
			free(sub);
			if (r < 0)
				goto git_error;
		}
	}
	if (git_treebuilder_write(out, tb) < 0)
		goto git_error;
	err = 0;
	goto out;
git_error:
	err = go_git_fail(path);
out:
	git_treebuilder_free(tb);
	return err;
}

static int commit_tree(go_batch *b, const git_oid *id, git_commit **c, git_tree **t)
{
	*c = NULL;
	*t = NULL;
	if (git_commit_lookup(c, b->wrepo, id) < 0 || git_commit_tree(t, *c) < 0)
		return -1;
	return 0;
}

/* Is a an ancestor of d, or d itself? */
static int contains(go_batch *b, const git_oid *d, const git_oid *a)
{
	return git_oid_equal(d, a) || git_graph_descendant_of(b->repo, d, a) == 1;
}

/*
 * The remote moved: lay the local branches onto the fetched remote tips (in
 * refs/go-publish/remote/heads/...) by merging, so that every local commit not
 * yet pushed stays in the history and no ref loses one. 0; 1 when a document
 * was changed both here and there (listed on stderr); -1 on error.
 */
static int merge_remote(go_batch *b, const char *remote, const git_signature *sig,
		struct doc **sorted)
{
	git_oid tip[2], rtip[2], next;
	int has[2], rhas[2];
	for (int br = MAIN; br <= PUBLIC; br++) {
		char *rref = go_xasprintf("refs/go-publish/remote/%s", b->ref[br] + 5);
		rhas[br] = resolve_tip(b->repo, rref, &rtip[br]);
		has[br] = resolve_tip(b->repo, b->ref[br], &tip[br]);
		free(rref);
		if (rhas[br] < 0 || has[br] < 0)
			return -1;
	}
	git_odb *odb = NULL;
	if (git_repository_odb(&odb, b->repo) == 0)
		git_odb_refresh(odb); /* what git fetch just wrote */
	git_odb_free(odb);

	/* the register */
	if (rhas[MAIN] && has[MAIN] && !contains(b, &tip[MAIN], &rtip[MAIN])) {
		git_oid mb;
		git_commit *lc = NULL, *rc = NULL, *bc = NULL;
		git_tree *lt = NULL, *rt = NULL, *bt = NULL, *mt = NULL;
		struct buf conflicts = {0}, m = {0};
		int err = -1;
		if (contains(b, &rtip[MAIN], &tip[MAIN])) {
			next = rtip[MAIN]; /* nothing here the remote lacks */
		} else {
			int hb = git_merge_base(&mb, b->repo, &tip[MAIN], &rtip[MAIN]);
			if ((hb < 0 && hb != GIT_ENOTFOUND) ||
			    commit_tree(b, &tip[MAIN], &lc, &lt) < 0 ||
			    commit_tree(b, &rtip[MAIN], &rc, &rt) < 0 ||
			    (hb == 0 && commit_tree(b, &mb, &bc, &bt) < 0) ||
			    merge3(b, bt, lt, rt, 0, "", &next, &conflicts) < 0) {
				go_git_fail(b->ref[MAIN]);
				goto merged;
			}
			if (conflicts.n) {
				buf_add(&conflicts, "", 1);
				go_warnx("推送到 %s：以下文档在远端和本地都有不同的改动，未合并、未推送"
					 "（本地提交保留；请核对后重新发布）：\n%s", remote, conflicts.p);
				err = 1;
				goto merged;
			}
			char *head = go_xasprintf("Publish onto %s's register: merge, keeping every "
						  "local batch not pushed yet\n", remote);
			buf_add(&m, head, strlen(head) + 1);
			free(head);
			const git_commit *parents[2] = {rc, lc};
			git_tree_lookup(&mt, b->wrepo, &next);
			if (!mt || git_commit_create(&next, b->wrepo, NULL, sig, sig, NULL, m.p, mt,
						     2, parents) < 0) {
				go_git_fail(b->ref[MAIN]);
				goto merged;
			}
		}
		if (go_pack_flush(b->pack) < 0)
			goto merged;
		int r = swap_ref(b->repo, b->ref[MAIN], &tip[MAIN], &next,
				 "go-publish: merged with the remote's register");
		if (r != 0) {
			if (r > 0)
				go_warnx("%s: moved while pushing; publish again", b->ref[MAIN]);
			goto merged;
		}
		for (size_t i = 0; i < b->n; i++)
			if (sorted[i]->changed[MAIN]) {
				b->commit[MAIN] = next;
				b->committed[MAIN] = 1;
			}
		err = 0;
merged:
		free(conflicts.p);
		free(m.p);
		git_tree_free(lt);
		git_tree_free(rt);
		git_tree_free(bt);
		git_tree_free(mt);
		git_commit_free(lc);
		git_commit_free(rc);
		git_commit_free(bc);
		if (err)
			return err;
	}

	/* the public view: the projection of that register, on both public histories */
	git_oid m;
	if (resolve_tip(b->repo, b->ref[MAIN], &m) != 1)
		return 0;
	const git_oid *p = has[PUBLIC] ? &tip[PUBLIC] : NULL, *p2 = NULL;
	if (rhas[PUBLIC] && (!has[PUBLIC] || contains(b, &rtip[PUBLIC], &tip[PUBLIC])))
		p = &rtip[PUBLIC];
	else if (rhas[PUBLIC] && !contains(b, &tip[PUBLIC], &rtip[PUBLIC]))
		p = &rtip[PUBLIC], p2 = &tip[PUBLIC];
	int r = project_onto(b, &m, p, p2, sig, sorted, &next);
	if (r < 0)
		return -1;
	if (r == 0) {
		if (!p || (has[PUBLIC] && git_oid_equal(p, &tip[PUBLIC])))
			return 0;
		next = *p;
	}
	if (go_pack_flush(b->pack) < 0 ||
	    swap_ref(b->repo, b->ref[PUBLIC], has[PUBLIC] ? &tip[PUBLIC] : NULL, &next,
		     "go-publish: merged with the remote's public view") != 0)
		return -1;
	if (r == 1) {
		b->commit[PUBLIC] = next;
		b->committed[PUBLIC] = 1;
	}
	return 0;
}

int go_batch_push(go_batch *b, const char *remote, const struct git_signature *sig)
{
	unsigned seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	struct doc **sorted = sort_docs(b);
	int err = -1;

	for (int attempt = 0; attempt < 10; attempt++) {
		char *spec[2] = {NULL, NULL}, *out = NULL;
		const char *args[10] = {"-c", "advice.pushUpdateRejected=false", "push",
					"--porcelain", "--atomic", remote};
		int n = 6;
		git_oid tip;
		for (int br = MAIN; br <= PUBLIC; br++)
			if (resolve_tip(b->repo, b->ref[br], &tip) == 1)
				args[n++] = spec[br] = go_xasprintf("%s:%s", b->ref[br], b->ref[br]);
		args[n] = NULL;
		int st = n > 6 ? run_git(b, args, &out) : 0;
		free(spec[MAIN]);
		free(spec[PUBLIC]);
		if (st == 0) {
			free(out);
			err = 0;
			goto out;
		}
		/* porcelain: "!\tFROM:TO\t[rejected] (fetch first)" for each refused ref */
		int moved = 0, hook = 0;
		char *why = NULL;
		for (char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
			if (*l != '!')
				continue;
			char *e = strchr(l, '\n');
			char *t = strchr(l, '[');
			if (!t || (e && t > e))
				continue;
			if (!strncmp(t, "[remote rejected]", 17)) {
				hook = 1;
				free(why);
				why = go_xasprintf("%.*s", (int)((e ? e : t + strlen(t)) - t), t);
			} else if (!strncmp(t, "[rejected]", 10)) {
				moved = 1;
			}
		}
		free(out);
		if (hook || (!moved && st > 0 && st < 128 && why)) {
			go_warnx("推送到 %s 被远端拒绝（%s）：原因见上方 remote: 各行；本地提交保留，"
				 "未推送，未重试", remote, why ? why : "rejected");
			free(why);
			err = 1;
			goto out;
		}
		free(why);
		if (!moved) {
			go_warnx("推送到 %s 失败（git push 退出码 %d）：本地提交保留，未推送", remote, st);
			goto out;
		}
		/* The remote moved: fetch its tips, merge, and push again. */
		go_warnx("推送到 %s：远端已有新的提交，取回后合并，保留本地所有未推送的批次，再推送",
			 remote);
		backoff(attempt, &seed);
		const char *fetch[] = {"fetch", "--quiet", "--no-tags", "--prune", remote,
				       "+refs/heads/*:refs/go-publish/remote/heads/*", NULL};
		if ((st = run_git(b, fetch, NULL)) != 0) {
			go_warnx("从 %s 取回失败（git fetch 退出码 %d）：本地提交保留，未推送", remote, st);
			goto out;
		}
		int r = merge_remote(b, remote, sig, sorted);
		if (r != 0) {
			err = r;
			goto out;
		}
	}
	go_warnx("推送到 %s：尝试 10 次后远端仍在变化，放弃；本地提交保留，未推送", remote);
out:
	free(sorted);
	return err;
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
	    go_store_find_id(b->store, b->main_tree, go_str(rec, "id"), 0, &old, NULL) != 0)
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
	char *dir = NULL, *folded = fold_case(id);
	long n = -1;
	*reason = NULL;
	int in_batch = json_object_get(b->ids, folded) != NULL;
	free(folded);
	if (in_batch || !b->main_tree ||
	    go_store_find_id(b->store, b->main_tree, id, 0, &rec, &dir) != 0) {
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
	    go_store_find_id(b->store, b->main_tree, id, 0, &rec, &dir) != 0) {
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
