/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * purge.c — remove a document's content from history (issue 19 item 4).
 *
 * Every commit reachable from the register and from its public view is
 * rewritten, oldest first, so that no tree holds the document's files: on the
 * register each version of its folder becomes one metadata-only folder (the
 * tip's record.json marked withheld and purged), on the public view the folder
 * and its catalog line go. Commits that never held the document keep their
 * ids. Public commits' Projection-of trailers follow the register's new ids.
 * Then one commit on the register adds a line to purges/log.jsonl (id, reason,
 * who, when, old and new tips), and both refs move by compare-and-swap: a
 * publisher that landed meanwhile makes the purge fail, nothing lost.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"

struct purge {
	git_repository *repo;
	const char *id, *name;
	git_oid stub;      /* the metadata-only folder */
	json_t *trees;     /* old root tree hex -> new root tree hex */
	json_t *commits;   /* old commit hex -> new commit hex */
	char **err;
};

/* catalog text without the line of id p->id; NULL when it holds none. */
static char *drop_line(struct purge *p, const char *text, size_t len, size_t *outlen)
{
	char *out = go_xmalloc(len + 1);
	size_t n = 0;
	int dropped = 0;
	for (const char *s = text, *end = text + len; s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t ll = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
		json_t *l = json_loadb(s, ll, 0, NULL);
		const char *lid = go_str(l, "id");
		if (lid && !strcmp(lid, p->id))
			dropped = 1;
		else
			memcpy(out + n, s, ll), n += ll;
		json_decref(l);
		s += ll;
	}
	if (!dropped) {
		free(out);
		return NULL;
	}
	*outlen = n;
	return out;
}

/* The root tree t rewritten: 1 and *out when it changed, 0 when not, -1. */
static int rewrite_tree(struct purge *p, const git_oid *t, git_oid *out)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof hex, t);
	const char *known = go_str(p->trees, hex);
	if (known) {
		git_oid_fromstr(out, known);
		return !git_oid_equal(out, t);
	}
	git_tree *root = NULL;
	go_shard *sh = NULL;
	size_t nsh = 0, nput = 0;
	int r = -1;
	if (git_tree_lookup(&root, p->repo, t) < 0)
		return go_git_err(p->err, hex);
	/* each shard of either layout (store.c): a history may hold both */
	int public = git_tree_entry_byname(root, "catalog") != NULL; /* only a view has one */
	if (go_store_shards(p->repo, root, 0, &sh, &nsh, NULL) < 0)
		goto git_error;
	go_tree_put *ch = go_xcalloc(2 * nsh + 1, sizeof *ch);
	char **paths = go_xcalloc(2 * nsh + 1, sizeof *paths);
	git_oid *oids = go_xcalloc(2 * nsh + 1, sizeof *oids);
	for (size_t i = 0; i < nsh; i++) {
		git_tree *st = NULL;
		if (go_shard_tree(p->repo, &sh[i], &st) < 0)
			goto git_error_ch;
		const git_tree_entry *e = git_tree_entry_byname(st, p->name);
		int hit = e && !(!public && git_oid_equal(git_tree_entry_id(e), &p->stub));
		git_tree_free(st);
		if (!hit)
			continue;
		paths[nput] = go_xasprintf("docs/%s/%s", sh[i].name, p->name);
		ch[nput] = (go_tree_put){paths[nput], public ? NULL : &p->stub, GIT_FILEMODE_TREE};
		nput++;
		if (!public)
			continue;
		/* its catalog line, on a public view */
		char *cpath = go_xasprintf("catalog/%s.jsonl", sh[i].name);
		git_tree_entry *cl = NULL;
		git_blob *b = NULL;
		if (git_tree_entry_bypath(&cl, root, cpath) == 0 &&
		    git_blob_lookup(&b, p->repo, git_tree_entry_id(cl)) == 0) {
			size_t len = 0;
			char *text = drop_line(p, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b), &len);
			int bad = text && len && git_blob_create_from_buffer(&oids[nput], p->repo, text, len) < 0;
			if (text && !bad) {
				paths[nput] = cpath;
				cpath = NULL;
				ch[nput] = (go_tree_put){paths[nput], len ? &oids[nput] : NULL, GIT_FILEMODE_BLOB};
				nput++;
			}
			free(text);
			if (bad) {
				git_blob_free(b);
				git_tree_entry_free(cl);
				free(cpath);
				goto git_error_ch;
			}
		}
		git_error_clear();
		git_blob_free(b);
		git_tree_entry_free(cl);
		free(cpath);
	}
	int w = nput ? go_tree_put_paths(p->repo, t, ch, nput, out) : 0;
	for (size_t i = 0; i < nput; i++)
		free(paths[i]);
	free(paths);
	free(oids);
	free(ch);
	if (w < 0)
		goto git_error;
	if (w == 2) { /* a public view that held this document alone: the empty tree */
		git_treebuilder *eb = NULL;
		int bad = git_treebuilder_new(&eb, p->repo, NULL) < 0 ||
			  git_treebuilder_write(out, eb) < 0;
		git_treebuilder_free(eb);
		if (bad)
			goto git_error;
	}
	if (w == 0) {
		git_oid_cpy(out, t);
		r = 0;
	} else {
		r = 1;
	}
	goto out;
git_error_ch:
	for (size_t i = 0; i < nput; i++)
		free(paths[i]);
	free(paths);
	free(oids);
	free(ch);
git_error:
	r = go_git_err(p->err, hex);
out:
	if (r >= 0) {
		char nhex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(nhex, sizeof nhex, out);
		json_object_set_new(p->trees, hex, json_string(nhex));
	}
	free(sh);
	git_tree_free(root);
	return r;
}

/* The message with each Projection-of trailer naming a rewritten commit. */
static char *rewrite_message(struct purge *p, const char *m)
{
	static const char trailer[] = "Projection-of: ";
	char *out = go_xstrdup(m);
	for (char *s = out; (s = strstr(s, trailer)); s += sizeof trailer - 1) {
		char hex[GIT_OID_HEXSZ + 1];
		char *h = s + sizeof trailer - 1;
		if (strspn(h, "0123456789abcdef") < GIT_OID_HEXSZ)
			continue;
		memcpy(hex, h, GIT_OID_HEXSZ);
		hex[GIT_OID_HEXSZ] = '\0';
		const char *now = go_str(p->commits, hex);
		if (now)
			memcpy(h, now, GIT_OID_HEXSZ);
	}
	return out;
}

/* Rewrite the history of ref's tip (into *out; unchanged: the same id). */
static int rewrite_history(struct purge *p, const git_oid *tip, git_oid *out)
{
	git_revwalk *w = NULL;
	git_oid oid;
	int r = -1;
	if (git_revwalk_new(&w, p->repo) < 0 || git_revwalk_push(w, tip) < 0)
		return go_git_err(p->err, "history");
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	while (git_revwalk_next(&oid, w) == 0) {
		git_commit *c = NULL;
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof hex, &oid);
		if (json_object_get(p->commits, hex))
			continue;
		if (git_commit_lookup(&c, p->repo, &oid) < 0) {
			go_git_err(p->err, hex);
			goto out;
		}
		git_oid tree, nc;
		int changed = rewrite_tree(p, git_commit_tree_id(c), &tree);
		if (changed < 0) {
			git_commit_free(c);
			goto out;
		}
		unsigned np = git_commit_parentcount(c);
		git_commit **parents = go_xcalloc(np + 1, sizeof *parents);
		int bad = 0;
		for (unsigned i = 0; i < np && !bad; i++) {
			char ph[GIT_OID_HEXSZ + 1];
			git_oid po;
			git_oid_tostr(ph, sizeof ph, git_commit_parent_id(c, i));
			const char *m = go_str(p->commits, ph);
			git_oid_fromstr(&po, m ? m : ph);
			changed |= !git_oid_equal(&po, git_commit_parent_id(c, i));
			bad = git_commit_lookup(&parents[i], p->repo, &po) < 0;
		}
		char *msg = rewrite_message(p, git_commit_message_raw(c));
		changed |= strcmp(msg, git_commit_message_raw(c)) != 0;
		git_tree *nt = NULL;
		if (!bad && !changed)
			git_oid_cpy(&nc, &oid);
		else if (bad || git_tree_lookup(&nt, p->repo, &tree) < 0 ||
			 git_commit_create(&nc, p->repo, NULL, git_commit_author(c),
					   git_commit_committer(c), git_commit_message_encoding(c),
					   msg, nt, np, (const git_commit **)parents) < 0)
			bad = 1;
		free(msg);
		git_tree_free(nt);
		for (unsigned i = 0; i < np; i++)
			git_commit_free(parents[i]);
		free(parents);
		git_commit_free(c);
		if (bad) {
			go_git_err(p->err, hex);
			goto out;
		}
		char nh[GIT_OID_HEXSZ + 1];
		git_oid_tostr(nh, sizeof nh, &nc);
		json_object_set_new(p->commits, hex, json_string(nh));
	}
	const char *m;
	char th[GIT_OID_HEXSZ + 1];
	git_oid_tostr(th, sizeof th, tip);
	m = go_str(p->commits, th);
	git_oid_fromstr(out, m ? m : th);
	r = 0;
out:
	git_revwalk_free(w);
	return r;
}

/* The metadata-only folder: the record marked withheld and purged. */
static int write_stub(struct purge *p, json_t *rec, const json_t *purged)
{
	git_treebuilder *tb = NULL;
	git_oid oid;
	json_object_set_new(rec, "attribute", json_string("withheld"));
	json_object_set_new(rec, "reason", json_sprintf("已从历史中清除：%s", go_str(purged, "reason")));
	if (!json_array_size(json_object_get(rec, "basis")))
		json_object_set_new(rec, "basis", json_pack("[s]", "ogi-15-third-party"));
	json_object_set(rec, "purged", (json_t *)purged);
	/* what a withheld record keeps and nothing more: the title, the dates of
	 * publishing and every other field could hold what is purged */
	json_t *stub = go_store_record(rec);
	char *text = go_store_record_text(stub);
	json_decref(stub);
	int bad = git_blob_create_from_buffer(&oid, p->repo, text, strlen(text)) < 0 ||
		  git_treebuilder_new(&tb, p->repo, NULL) < 0 ||
		  git_treebuilder_insert(NULL, tb, "record.json", &oid, GIT_FILEMODE_BLOB) < 0 ||
		  git_treebuilder_write(&p->stub, tb) < 0;
	free(text);
	git_treebuilder_free(tb);
	return bad ? go_git_err(p->err, "purged record") : 0;
}

/* main's tree tip with purges/log.jsonl given one more line: a commit on top. */
static int audit_commit(struct purge *p, const git_oid *tip, const char *line,
			const git_signature *sig, git_oid *out)
{
	git_commit *c = NULL;
	git_tree *root = NULL, *pt = NULL;
	git_treebuilder *rb = NULL, *pb = NULL;
	git_blob *b = NULL;
	git_oid oid;
	int r = -1;
	if (git_commit_lookup(&c, p->repo, tip) < 0 || git_commit_tree(&root, c) < 0)
		goto git_error;
	const git_tree_entry *e = git_tree_entry_byname(root, "purges");
	if (e && git_tree_lookup(&pt, p->repo, git_tree_entry_id(e)) < 0)
		goto git_error;
	const git_tree_entry *le = pt ? git_tree_entry_byname(pt, "log.jsonl") : NULL;
	if (le && git_blob_lookup(&b, p->repo, git_tree_entry_id(le)) < 0)
		goto git_error;
	size_t old = b ? (size_t)git_blob_rawsize(b) : 0, n = strlen(line);
	char *text = go_xmalloc(old + n + 2);
	if (old)
		memcpy(text, git_blob_rawcontent(b), old);
	memcpy(text + old, line, n);
	text[old + n] = '\n';
	int bad = git_blob_create_from_buffer(&oid, p->repo, text, old + n + 1) < 0;
	free(text);
	if (bad || git_treebuilder_new(&pb, p->repo, pt) < 0 ||
	    git_treebuilder_insert(NULL, pb, "log.jsonl", &oid, GIT_FILEMODE_BLOB) < 0 ||
	    git_treebuilder_write(&oid, pb) < 0 || git_treebuilder_new(&rb, p->repo, root) < 0 ||
	    git_treebuilder_insert(NULL, rb, "purges", &oid, GIT_FILEMODE_TREE) < 0 ||
	    git_treebuilder_write(&oid, rb) < 0)
		goto git_error;
	git_tree *nt = NULL;
	char *msg = go_xasprintf("Purge %s from history\n\n%s\n", p->id, line);
	const git_commit *parents[1] = {c};
	bad = git_tree_lookup(&nt, p->repo, &oid) < 0 ||
	      git_commit_create(out, p->repo, NULL, sig, sig, NULL, msg, nt, 1, parents) < 0;
	free(msg);
	git_tree_free(nt);
	if (bad)
		goto git_error;
	r = 0;
	goto out;
git_error:
	go_git_err(p->err, "purges/log.jsonl");
out:
	git_blob_free(b);
	git_treebuilder_free(rb);
	git_treebuilder_free(pb);
	git_tree_free(pt);
	git_tree_free(root);
	git_commit_free(c);
	return r;
}

int go_store_purge(go_store *s, const char *branch, const char *public_branch, const char *id,
		   const char *reason, const git_signature *sig, int today, json_t **audit,
		   char **err)
{
	git_repository *repo = go_store_repo(s);
	char *ref[2] = {go_xasprintf("refs/heads/%s", branch ? branch : "main"),
			go_xasprintf("refs/heads/%s", public_branch ? public_branch : "public")};
	char *lock = go_xasprintf("%s/go-purge.lock", git_repository_path(repo));
	struct purge p = {.repo = repo, .id = id, .trees = json_object(),
			  .commits = json_object(), .err = err};
	git_oid tip[2], now[2], audit_tip;
	int has[2] = {0, 0}, r = -1, locked = 0;
	json_t *rec = NULL;
	char *dir = NULL, *name = go_store_doc_name(id);
	git_tree *root = NULL;

	*err = NULL;
	*audit = NULL;
	p.name = name;
	int fd = open(lock, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0) {
		*err = errno == EEXIST ?
			go_xasprintf("另一清除正在进行（%s 存在）；确认无人运行后删除它再试", lock) :
			go_xasprintf("%s: %s", lock, strerror(errno));
		r = errno == EEXIST ? 1 : -1;
		goto out;
	}
	close(fd);
	locked = 1;
	for (int i = 0; i < 2; i++) {
		int e = git_reference_name_to_id(&tip[i], repo, ref[i]);
		if (e < 0 && e != GIT_ENOTFOUND) {
			go_git_err(p.err, ref[i]);
			goto out;
		}
		has[i] = e == 0;
	}
	git_commit *c = NULL;
	if (!has[0] || git_commit_lookup(&c, repo, &tip[0]) < 0 || git_commit_tree(&root, c) < 0 ||
	    go_store_find_id(s, root, id, 0, &rec, &dir) != 0) {
		git_commit_free(c);
		git_error_clear();
		*err = go_xasprintf("登记簿中没有索引号为 %s 的文档，无从清除", id);
		r = 1;
		goto out;
	}
	git_commit_free(c);
	char day[11];
	go_format_date(today, day);
	json_t *purged = json_pack("{s:s,s:s,s:s}", "date", day, "reason", reason, "by", sig->name);
	int bad = write_stub(&p, rec, purged) < 0;
	json_decref(purged);
	if (bad)
		goto out;
	git_oid ntip[2];
	for (int i = 0; i < 2; i++)
		if (has[i] && rewrite_history(&p, &tip[i], &ntip[i]) < 0)
			goto out;
	char hx[4][GIT_OID_HEXSZ + 1] = {"", "", "", ""};
	for (int i = 0; i < 2; i++)
		if (has[i]) {
			git_oid_tostr(hx[i], sizeof hx[i], &tip[i]);
			git_oid_tostr(hx[2 + i], sizeof hx[i], &ntip[i]);
		}
	*audit = json_pack("{s:s,s:s,s:s,s:s,s:{s:s,s:s},s:{s:s,s:s}}", "id", id, "reason", reason,
			   "by", sig->name, "date", day, "old", "main", hx[0], "public", hx[1],
			   "new", "main", hx[2], "public", hx[3]);
	char *line = json_dumps(*audit, JSON_COMPACT | JSON_PRESERVE_ORDER);
	bad = audit_commit(&p, &ntip[0], line, sig, &audit_tip) < 0;
	free(line);
	if (bad)
		goto out;
	/* Both refs by compare-and-swap: a publisher that landed meanwhile wins. */
	for (int i = 0; i < 2; i++) {
		if (!has[i])
			continue;
		git_reference *nr = NULL;
		int e = git_reference_create_matching(&nr, repo, ref[i], i ? &ntip[1] : &audit_tip,
						      1, &tip[i], "go-publish --purge");
		git_reference_free(nr);
		if (e == GIT_EMODIFIED || (e < 0 && git_reference_name_to_id(&now[i], repo, ref[i]) == 0 &&
					   !git_oid_equal(&now[i], &tip[i]))) {
			*err = go_xasprintf("%s 在清除期间被另一发布者改动%s；请重新运行 --purge", ref[i],
					    i ? "（登记分支已改写，公开视图未改）" : "，未改写任何分支");
			r = 1;
			goto out;
		}
		if (e < 0) {
			go_git_err(p.err, ref[i]);
			goto out;
		}
	}
	r = 0;
out:
	if (locked)
		unlink(lock);
	free(lock);
	free(ref[0]);
	free(ref[1]);
	free(dir);
	free(name);
	json_decref(rec);
	git_tree_free(root);
	json_decref(p.trees);
	json_decref(p.commits);
	if (r != 0) {
		json_decref(*audit);
		*audit = NULL;
	}
	return r;
}
