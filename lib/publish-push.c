/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * publish-push.c — go-publish --push: both branches to a remote in one atomic
 * push, merged with the remote's when it moved (see publish.h).
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
	go_buf o = {0};
	char chunk[4096];
	ssize_t got;
	while ((got = read(fd[0], chunk, sizeof chunk)) > 0 || (got < 0 && errno == EINTR))
		if (got > 0)
			go_buf_put(&o, chunk, (size_t)got);
	close(fd[0]);
	int ws;
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	st = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
	if (out) {
		go_buf_put(&o, "", 1);
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
		const char *path, git_oid *out, go_buf *conflicts)
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
				go_buf_put(conflicts, sub, strlen(sub));
				go_buf_put(conflicts, "\n", 1);
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
		rhas[br] = go_publish_resolve_tip(b->repo, rref, &rtip[br]);
		has[br] = go_publish_resolve_tip(b->repo, b->ref[br], &tip[br]);
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
		go_buf conflicts = {0}, m = {0};
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
				go_buf_put(&conflicts, "", 1);
				go_warnx("推送到 %s：以下文档在远端和本地都有不同的改动，未合并、未推送"
					 "（本地提交保留；请核对后重新发布）：\n%s", remote, conflicts.p);
				err = 1;
				goto merged;
			}
			char *head = go_xasprintf("Publish onto %s's register: merge, keeping every "
						  "local batch not pushed yet\n", remote);
			go_buf_put(&m, head, strlen(head) + 1);
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
		int r = go_publish_swap_ref(b->repo, b->ref[MAIN], &tip[MAIN], &next,
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
	if (go_publish_resolve_tip(b->repo, b->ref[MAIN], &m) != 1)
		return 0;
	const git_oid *p = has[PUBLIC] ? &tip[PUBLIC] : NULL, *p2 = NULL;
	if (rhas[PUBLIC] && (!has[PUBLIC] || contains(b, &rtip[PUBLIC], &tip[PUBLIC])))
		p = &rtip[PUBLIC];
	else if (rhas[PUBLIC] && !contains(b, &tip[PUBLIC], &rtip[PUBLIC]))
		p = &rtip[PUBLIC], p2 = &tip[PUBLIC];
	int r = go_publish_project_onto(b, &m, p, p2, sig, sorted, &next);
	if (r < 0)
		return -1;
	if (r == 0) {
		if (!p || (has[PUBLIC] && git_oid_equal(p, &tip[PUBLIC])))
			return 0;
		next = *p;
	}
	if (go_pack_flush(b->pack) < 0 ||
	    go_publish_swap_ref(b->repo, b->ref[PUBLIC], has[PUBLIC] ? &tip[PUBLIC] : NULL, &next,
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
	struct doc **sorted = go_publish_sort_docs(b);
	int err = -1;

	for (int attempt = 0; attempt < 10; attempt++) {
		char *spec[2] = {NULL, NULL}, *out = NULL;
		const char *args[10] = {"-c", "advice.pushUpdateRejected=false", "push",
					"--porcelain", "--atomic", remote};
		int n = 6;
		git_oid tip;
		for (int br = MAIN; br <= PUBLIC; br++)
			if (go_publish_resolve_tip(b->repo, b->ref[br], &tip) == 1)
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
		go_publish_backoff(attempt, &seed);
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

