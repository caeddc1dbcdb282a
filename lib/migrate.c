/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * migrate.c — go-publish --migrate (issue 18): a store of the year layout of
 * go-tools 0.2 (docs/<YYYY>/<name>/, catalog/<YYYY>.jsonl) rewritten to the
 * month layout (docs/<YYYY>/<MM>/<name>/, catalog/<YYYY>/<MM>.jsonl) in one
 * commit on the register and one on its public view, on top of their history
 * (nothing is rewritten). Each document folder keeps its tree: only the
 * folders above it change. Its place is the one go-publish computes from its
 * record (store.c's go_store_doc_dir: the id's name, the year and month of
 * date), so a document filed under a wrong year lands where go-publish will
 * look for it. The public commit is the projection of the migrated register,
 * with its Projection-of trailer. Both refs move in one libgit2 transaction,
 * each only from the tip the migration read.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"

/* A document folder to put: its new path under docs/. */
struct moved {
	char *path;
	git_oid tree;
};

static int cmp_moved(const void *x, const void *y)
{
	return strcmp(((const struct moved *)x)->path, ((const struct moved *)y)->path);
}

/* The register's root rewritten to the month layout: *out. 0, 2 (a document
 * cannot be placed: *err says which), or -1. */
static int migrate_root(go_store *s, git_tree *root, git_oid *out, size_t *count, char **err)
{
	git_repository *repo = go_store_repo(s);
	go_shard *sh = NULL;
	size_t nsh = 0, n = 0, cap = 0;
	struct moved *mv = NULL;
	go_tree_put *ch = NULL;
	int r = -1;
	if (go_store_shards(repo, root, 0, &sh, &nsh, NULL) < 0)
		return go_git_err(err, "docs");
	for (size_t i = 0; i < nsh && r == -1; i++) {
		git_tree *st = NULL;
		if (go_shard_tree(repo, &sh[i], &st) < 0) {
			go_git_err(err, sh[i].name);
			goto out;
		}
		for (size_t j = 0, m = git_tree_entrycount(st); j < m; j++) {
			const git_tree_entry *e = git_tree_entry_byindex(st, j);
			char *dir = go_xasprintf("docs/%s/%s", sh[i].name, git_tree_entry_name(e));
			json_t *rec = NULL;
			char *want = NULL;
			if (git_tree_entry_type(e) != GIT_OBJECT_TREE ||
			    go_store_read_doc(s, root, dir, 0, &rec) != 0 ||
			    !(want = go_store_doc_dir(go_str(rec, "id"), go_str(rec, "date")))) {
				*err = go_xasprintf("%s：读不出有效的 id 和 date，无法确定它在按月结构中的位置；"
						    "请先修好这份文档，未迁移", dir);
				r = 2;
			}
			json_decref(rec);
			free(dir);
			if (r == 2) {
				free(want);
				break;
			}
			if (n == cap) {
				cap = cap ? 2 * cap : 1024;
				mv = go_xrealloc(mv, cap * sizeof *mv);
			}
			/* the folder's own name is kept: the gate judges it (folder-id-mismatch) */
			char *slash = strrchr(want, '/');
			mv[n].path = go_xasprintf("%.*s/%s", (int)(slash - want - 5), want + 5,
						  git_tree_entry_name(e));
			free(want);
			git_oid_cpy(&mv[n].tree, git_tree_entry_id(e));
			n++;
		}
		git_tree_free(st);
	}
	if (r == 2)
		goto out;
	if (n)
		qsort(mv, n, sizeof *mv, cmp_moved);
	for (size_t i = 1; i < n; i++)
		if (!strcmp(mv[i].path, mv[i - 1].path)) {
			*err = go_xasprintf("docs/%s：库中有两份同名文档要迁到这里（原来放在不同年份）；"
					    "请先删去多余的一份，未迁移", mv[i].path);
			r = 2;
			goto out;
		}
	ch = go_xcalloc(n + 2, sizeof *ch);
	for (size_t i = 0; i < n; i++)
		ch[i] = (go_tree_put){mv[i].path, &mv[i].tree, GIT_FILEMODE_TREE};
	git_oid docs;
	int w = n ? go_tree_put_paths(repo, NULL, ch, n, &docs) : 2;
	git_treebuilder *rb = NULL;
	if (w < 0 || git_treebuilder_new(&rb, repo, root) < 0 ||
	    (w == 1 ? git_treebuilder_insert(NULL, rb, "docs", &docs, GIT_FILEMODE_TREE) :
	     git_treebuilder_get(rb, "docs") ? git_treebuilder_remove(rb, "docs") : 0) < 0 ||
	    git_treebuilder_write(out, rb) < 0) {
		git_treebuilder_free(rb);
		go_git_err(err, "docs");
		goto out;
	}
	git_treebuilder_free(rb);
	*count = n;
	r = 0;
out:
	for (size_t i = 0; i < n; i++)
		free(mv[i].path);
	free(mv);
	free(ch);
	free(sh);
	return r;
}

static int tip(git_repository *repo, const char *ref, git_oid *oid, git_commit **c, char **err)
{
	int e = git_reference_name_to_id(oid, repo, ref);
	*c = NULL;
	if (e == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	if (e < 0 || git_commit_lookup(c, repo, oid) < 0)
		return go_git_err(err, ref);
	return 1;
}

int go_store_migrate(go_store *s, const char *branch, const char *public_branch,
		const struct git_signature *sig, json_t **report, char **err)
{
	git_repository *repo = go_store_repo(s);
	char *ref[2] = {go_xasprintf("refs/heads/%s", branch),
			go_xasprintf("refs/heads/%s", public_branch)};
	git_commit *mc = NULL, *pc = NULL, *nm = NULL;
	git_tree *mt = NULL, *pt = NULL, *nmt = NULL, *npt = NULL;
	git_transaction *tx = NULL;
	git_oid m, p, root, main_new, pub_tree, pub_new;
	size_t count = 0;
	char *perr = NULL, hex[GIT_OID_HEXSZ + 1];
	int r = -1;

	*report = NULL;
	*err = NULL;
	int hm = tip(repo, ref[0], &m, &mc, err), hp = hm < 0 ? -1 : tip(repo, ref[1], &p, &pc, err);
	if (hm < 0 || hp < 0)
		goto out;
	if (!hm) {
		r = 0; /* an empty store: nothing to migrate */
		goto out;
	}
	if (git_commit_tree(&mt, mc) < 0 || (hp && git_commit_tree(&pt, pc) < 0)) {
		go_git_err(err, ref[0]);
		goto out;
	}
	int lm = go_store_layout(repo, mt), lp = pt ? go_store_layout(repo, pt) : GO_LAYOUT_NONE;
	if (lm < 0 || lp < 0) {
		go_git_err(err, "docs");
		goto out;
	}
	if (!(lm & GO_LAYOUT_YEAR) && !(lp & GO_LAYOUT_YEAR)) {
		r = 0; /* already in the month layout */
		goto out;
	}
	main_new = m;
	if (lm & GO_LAYOUT_YEAR) {
		int e = migrate_root(s, mt, &root, &count, err);
		if (e) {
			r = e;
			goto out;
		}
		char *msg = go_xasprintf("Migrate to the month layout: docs/<YYYY>/<MM>/<name>\n\n"
					 "%zu document%s moved from docs/<YYYY>/<name> (issue 18).\n",
					 count, count == 1 ? "" : "s");
		const git_commit *parents[1] = {mc};
		e = git_tree_lookup(&nmt, repo, &root) < 0 ||
		    git_commit_create(&main_new, repo, NULL, sig, sig, NULL, msg, nmt, 1, parents) < 0;
		free(msg);
		if (e) {
			go_git_err(err, ref[0]);
			goto out;
		}
	} else if (git_tree_lookup(&nmt, repo, git_tree_id(mt)) < 0) {
		go_git_err(err, ref[0]);
		goto out;
	}
	/* the public view: the projection of the migrated register */
	if (go_project_public(s, nmt, &pub_tree, &perr) < 0) {
		*err = perr;
		perr = NULL;
		goto out;
	}
	git_oid_tostr(hex, sizeof hex, &main_new);
	char *pmsg = go_xasprintf("Public view: migrate to the month layout: docs/<YYYY>/<MM>/<name>, "
				  "catalog/<YYYY>/<MM>.jsonl\n\nProjection-of: %s\n", hex);
	const git_commit *pparents[1] = {pc};
	int e = git_tree_lookup(&npt, repo, &pub_tree) < 0 ||
		git_commit_create(&pub_new, repo, NULL, sig, sig, NULL, pmsg, npt, pc ? 1 : 0,
				  pparents) < 0;
	free(pmsg);
	if (e) {
		go_git_err(err, ref[1]);
		goto out;
	}
	/* both refs locked, each checked against the tip read, then moved */
	if (git_transaction_new(&tx, repo) < 0 || git_transaction_lock_ref(tx, ref[0]) < 0 ||
	    git_transaction_lock_ref(tx, ref[1]) < 0) {
		go_git_err(err, "locking the branches");
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		git_oid now;
		int has = git_reference_name_to_id(&now, repo, ref[i]) == 0;
		int was = i ? hp : hm;
		if (has != was || (has && !git_oid_equal(&now, i ? &p : &m))) {
			*err = go_xasprintf("%s 在迁移期间被移动（有人同时发布）；未迁移，请重试", ref[i]);
			r = 2;
			goto out;
		}
	}
	git_error_clear();
	if ((lm & GO_LAYOUT_YEAR) &&
	    git_transaction_set_target(tx, ref[0], &main_new, sig, "go-publish --migrate") < 0) {
		go_git_err(err, ref[0]);
		goto out;
	}
	if (git_transaction_set_target(tx, ref[1], &pub_new, sig, "go-publish --migrate") < 0 ||
	    git_transaction_commit(tx) < 0) {
		go_git_err(err, "moving the branches");
		goto out;
	}
	char mh[GIT_OID_HEXSZ + 1], ph[GIT_OID_HEXSZ + 1];
	git_oid_tostr(mh, sizeof mh, &main_new);
	git_oid_tostr(ph, sizeof ph, &pub_new);
	*report = json_pack("{s:s,s:s,s:I}", "main", mh, "public", ph, "documents", (json_int_t)count);
	r = 1;
out:
	git_transaction_free(tx);
	free(perr);
	git_tree_free(npt);
	git_tree_free(nmt);
	git_tree_free(pt);
	git_tree_free(mt);
	git_commit_free(nm);
	git_commit_free(pc);
	git_commit_free(mc);
	free(ref[0]);
	free(ref[1]);
	return r;
}
