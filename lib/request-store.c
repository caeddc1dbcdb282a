/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * request-store.c — committing a few files to a branch of the store, as
 * go-publish commits its batches: every new object streamed into one pack
 * (pack.c) installed before any ref names it, one commit per call, the ref
 * moved by compare-and-swap and the changes laid again onto a tip that moved.
 * go-request keeps its applications this way on their own branch; the trees
 * are small (a folder per application), so git_tree_create_updated suffices.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/odb_backend.h>

#include "go.h"
#include "go-store.h"

git_signature *go_store_identity(go_store *s, const char *author)
{
	git_signature *sig = NULL;
	if (author) {
		const char *lt = strchr(author, '<'), *gt = lt ? strchr(lt, '>') : NULL;
		if (!lt || !gt || gt[1])
			return NULL;
		size_t n = (size_t)(lt - author);
		while (n && author[n - 1] == ' ')
			n--;
		char *name = go_xasprintf("%.*s", (int)n, author);
		char *email = go_xasprintf("%.*s", (int)(gt - lt - 1), lt + 1);
		if (*name && *email)
			git_signature_now(&sig, name, email);
		free(name);
		free(email);
		return sig;
	}
	if (git_signature_default(&sig, go_store_repo(s)) == 0)
		return sig;
	const char *name = getenv("GIT_AUTHOR_NAME"), *email = getenv("GIT_AUTHOR_EMAIL");
	if (name && *name && email && *email && git_signature_now(&sig, name, email) == 0)
		return sig;
	return NULL;
}

/* The tests' crash window: GO_FAULT=NAME kills the process at point NAME. */
static void fault(const char *name)
{
	const char *f = getenv("GO_FAULT");
	if (f && strcmp(f, name) == 0)
		raise(SIGKILL);
}

/* The files laid onto tip (NULL: a new branch): 1 and *out, 0 when the tree
 * does not change, -1 on error. */
static int lay(git_repository *w, const git_oid *tip, const git_tree_update *up,
		size_t n, const char *message, const git_signature *sig, git_oid *out)
{
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_oid tid;
	int err = -1;

	if (tip && (git_commit_lookup(&parent, w, tip) < 0 || git_commit_tree(&base, parent) < 0))
		goto out;
	if (git_tree_create_updated(&tid, w, base, n, up) < 0)
		goto out;
	if (base && git_oid_equal(&tid, git_tree_id(base))) {
		err = 0;
		goto out;
	}
	const git_commit *parents[1] = {parent};
	if (git_tree_lookup(&tree, w, &tid) < 0 ||
	    git_commit_create(out, w, NULL, sig, sig, NULL, message, tree, parent ? 1 : 0,
			      parents) < 0)
		goto out;
	err = 1;
out:
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	return err;
}

int go_store_commit_files(go_store *s, const char *branch, const go_store_file *files,
		size_t n, const char *message, const git_signature *sig, char commit[41])
{
	git_repository *repo = go_store_repo(s), *w = NULL;
	git_odb *odb = NULL;
	git_odb_backend *pack = NULL;
	git_tree_update *up = go_xcalloc(n + 1, sizeof *up);
	char *ref = go_xasprintf("refs/heads/%s", branch);
	unsigned seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	int err = -1;

	commit[0] = '\0';
	if (!sig || git_odb_new(&odb) < 0 || go_pack_backend(&pack, repo, 0) < 0) {
		if (!sig)
			go_warnx("no identity to commit as");
		else
			go_git_fail(go_store_path(s));
		goto out;
	}
	if (git_odb_add_backend(odb, pack, 1) < 0) {
		pack->free(pack);
		go_git_fail(go_store_path(s));
		goto out;
	}
	if (git_repository_wrap_odb(&w, odb) < 0) {
		go_git_fail(go_store_path(s));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		up[i].path = files[i].path;
		if (!files[i].data) {
			up[i].action = GIT_TREE_UPDATE_REMOVE;
			continue;
		}
		up[i].action = GIT_TREE_UPDATE_UPSERT;
		up[i].filemode = GIT_FILEMODE_BLOB;
		if (git_blob_create_from_buffer(&up[i].id, w, files[i].data, files[i].len) < 0) {
			go_git_fail(files[i].path);
			goto out;
		}
	}
	for (int attempt = 0;; attempt++) {
		git_oid tip, next;
		git_reference *r = NULL;
		int has = git_reference_name_to_id(&tip, repo, ref);
		if (has < 0 && has != GIT_ENOTFOUND) {
			go_git_fail(ref);
			goto out;
		}
		has = has == 0;
		int laid = lay(w, has ? &tip : NULL, up, n, message, sig, &next);
		if (laid < 0) {
			go_git_fail(ref);
			goto out;
		}
		if (laid == 0) {
			go_pack_discard(pack);
			git_oid_tostr(commit, 41, &tip);
			err = 0;
			goto out;
		}
		if (go_pack_flush(pack) < 0)
			goto out;
		fault("request-before-ref");
		int e = has ? git_reference_create_matching(&r, repo, ref, &next, 1, &tip, message)
			    : git_reference_create(&r, repo, ref, &next, 0, message);
		git_reference_free(r);
		if (e == 0) {
			git_oid_tostr(commit, 41, &next);
			err = 1;
			goto out;
		}
		if (e != GIT_EMODIFIED && e != GIT_ELOCKED && e != GIT_EEXISTS) {
			go_git_fail(ref);
			goto out;
		}
		if (attempt == 50) {
			go_warnx("%s: still moving after %d attempts", ref, attempt);
			goto out;
		}
		/* another writer moved the branch: lay the files onto its tip */
		long ms = (5L << (attempt < 8 ? attempt : 8)) + rand_r(&seed) % 20;
		struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
		nanosleep(&ts, NULL);
	}
out:
	git_repository_free(w);
	git_odb_free(odb);
	free(up);
	free(ref);
	return err;
}
