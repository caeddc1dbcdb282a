/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go-gate — check a store's trees and a push's ref updates against SPEC §6
 * (gate.c), for the pre-receive and pre-commit hooks and for operators.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "go.h"
#include "go-store.h"

static const char usage[] =
	"usage: go-gate [--repo DIR] --receive\n"
	"       go-gate --staged[=TREE]\n"
	"       go-gate [--repo DIR] [--public] --tree REV\n"
	"\n"
	"Check a go-tools store against the layout and promises of SPEC section 6.\n"
	"Each finding is printed on stdout as \"[REF: ][PATH: ]CODE: message\".\n"
	"\n"
	"  --receive    read \"OLD NEW REF\" lines on stdin, as git gives its pre-receive\n"
	"               hook, and check the push as a whole\n"
	"  --staged     check the index of the work tree at the current directory\n"
	"               against HEAD (the pre-commit hook's check; GIT_INDEX_FILE);\n"
	"               =TREE: that tree stands for the index (git write-tree's)\n"
	"  --tree REV   check REV's tree whole; --public: as a public view\n"
	"  --repo DIR   the store (default: $GO_STORE, else the repository at hand)\n"
	"  -h, --help   this help;  --version  the version\n"
	"\n"
	"Exit status: 0 valid, 1 findings, 2 usage or store error.\n";

static void print(void *ctx, const char *ref, const char *path, const char *code,
		  const char *message)
{
	printf("%s%s%s%s%s: %s\n", ref ? ref : "", ref ? ": " : "", path ? path : "",
	       path ? ": " : "", code, message);
}

static void git_fail(const char *what)
{
	const git_error *e = git_error_last();
	go_warnx("%s: %s", what, e && e->message ? e->message : "libgit2 error");
}

/* What go-gate writes (the index's tree, the projection of main) stays in
 * memory: a hook leaves nothing behind in the store. */
static int write_to_memory(git_repository *repo)
{
	git_odb *odb = NULL;
	git_odb_backend *mem = NULL;
	int rc = 0;
	if (git_mempack_new(&mem) < 0 || git_repository_odb(&odb, repo) < 0 ||
	    git_odb_add_backend(odb, mem, 1000) < 0) {
		if (mem)
			mem->free(mem);
		git_fail("odb");
		rc = -1;
	}
	git_odb_free(odb);
	return rc;
}

static int receive(go_store *s)
{
	go_ref_update *u = NULL;
	char *line = NULL, **keep = NULL;
	size_t cap = 0, n = 0;
	ssize_t len;
	int rc;
	while ((len = getline(&line, &cap, stdin)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		char *old = strtok(line, " "), *new = strtok(NULL, " "), *ref = strtok(NULL, " ");
		if (!old || !new || !ref || strtok(NULL, " ")) {
			go_warnx("standard input:%zu: not \"OLD NEW REF\"", n + 1);
			rc = -1;
			goto out;
		}
		u = go_xrealloc(u, (n + 1) * sizeof *u);
		keep = go_xrealloc(keep, (n + 1) * sizeof *keep);
		keep[n] = line;
		u[n++] = (go_ref_update){old, new, ref};
		line = NULL;
		cap = 0;
	}
	rc = go_gate_push(s, u, n, print, NULL);
out:
	for (size_t i = 0; i < n; i++)
		free(keep[i]);
	free(keep);
	free(u);
	free(line);
	return rc;
}

/* The index as git commit would use it (GIT_INDEX_FILE), against HEAD; with
 * given (--staged=TREE), that tree stands for the index: the hooks have git
 * write the index's tree once for the gate and go-cat (issue 18). */
static int staged(go_store *s, const char *given)
{
	git_repository *repo = go_store_repo(s);
	git_index *index = NULL;
	git_tree *head = NULL, *tree = NULL;
	git_reference *hr = NULL;
	git_object *ho = NULL;
	git_oid oid;
	char *reg = NULL; /* the register, when HEAD is a public view */
	const char *file = getenv("GIT_INDEX_FILE");
	int rc = -1, flags = GO_GATE_DELETIONS;

	if (git_repository_is_bare(repo)) {
		go_warnx("%s: a bare repository has no index to read", go_store_path(s));
		return -1;
	}
	if (given) {
		if (go_store_tree(s, given, &tree) < 0)
			goto out;
	} else if ((file && *file ? git_index_open(&index, file) : git_repository_index(&index, repo)) < 0) {
		git_fail(file && *file ? file : "index");
		goto out;
	}
	if (git_revparse_single(&ho, repo, "HEAD^{tree}") == 0)
		head = (git_tree *)ho, ho = NULL;
	/* committing on a public view: the public layout, and the projection of
	 * the register as this repository has it */
	if (git_repository_head(&hr, repo) == 0) {
		const char *name = git_reference_name(hr);
		size_t len = strlen(name);
		if (!strcmp(name, "refs/heads/public"))
			reg = go_xstrdup("refs/heads/main");
		else if (len > 18 && !strncmp(name, "refs/heads/", 11) && !strcmp(name + len - 7, "-public"))
			reg = go_xasprintf("%.*s", (int)(len - 7), name);
		if (reg)
			flags = GO_GATE_PUBLIC;
	}
	if (!tree && (git_index_write_tree_to(&oid, index, repo) < 0 ||
		      git_tree_lookup(&tree, repo, &oid) < 0))
		goto fail;
	rc = go_gate_tree(s, head, tree, flags, NULL, print, NULL);
	if (rc >= 0 && reg) {
		char commit[41];
		git_tree *m = NULL;
		int err = go_store_resolve(s, reg, commit, &m);
		int p = err == 0 || err == GIT_ENOTFOUND ?
			go_gate_projection(s, tree, m, NULL, reg, print, NULL) : -1;
		rc = p < 0 ? -1 : rc + p;
		git_tree_free(m);
	}
	goto out;
fail:
	git_fail("index");
out:
	free(reg);
	git_reference_free(hr);
	git_tree_free(head);
	git_tree_free(tree);
	git_index_free(index);
	return rc;
}

static int whole_tree(go_store *s, const char *rev, int public)
{
	char commit[41];
	git_tree *root = NULL;
	int rc = go_store_resolve(s, rev, commit, &root);
	if (rc == GIT_ENOTFOUND) {
		go_warnx("%s: no such revision", rev);
		return -1;
	}
	if (rc == 0)
		rc = go_gate_tree(s, NULL, root, public ? GO_GATE_PUBLIC : 0, rev, print, NULL);
	git_tree_free(root);
	return rc;
}

int main(int argc, char **argv)
{
	enum { OPT_REPO = 256, OPT_RECEIVE, OPT_STAGED, OPT_TREE, OPT_PUBLIC, OPT_VERSION };
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, OPT_REPO},
		{"receive", no_argument, NULL, OPT_RECEIVE},
		{"staged", optional_argument, NULL, OPT_STAGED},
		{"tree", required_argument, NULL, OPT_TREE},
		{"public", no_argument, NULL, OPT_PUBLIC},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	const char *repo = NULL, *tree = NULL, *given = NULL;
	char *found = NULL;
	int recv = 0, stage = 0, public = 0, ch, rc = -1, status;
	go_store *s = NULL;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_REPO: repo = optarg; break;
		case OPT_RECEIVE: recv = 1; break;
		case OPT_STAGED: stage = 1; given = optarg; break;
		case OPT_TREE: tree = optarg; break;
		case OPT_PUBLIC: public = 1; break;
		case 'h': go_help(usage);
		case OPT_VERSION: go_version();
		default: go_usage_error(usage, "unknown option");
		}
	}
	if (optind < argc)
		go_usage_error(usage, "unexpected argument '%s'", argv[optind]);
	if (recv + stage + (tree != NULL) != 1)
		go_usage_error(usage, "give one of --receive, --staged and --tree REV");
	if (public && !tree)
		go_usage_error(usage, "--public goes with --tree");
	if (stage && repo)
		go_usage_error(usage, "--staged reads the work tree at hand, not --repo");
	if (!repo && !stage && getenv("GO_STORE") && *getenv("GO_STORE") && !getenv("GIT_DIR"))
		repo = getenv("GO_STORE");

	git_libgit2_init();
	/* each object is read once: the cache would only hold every tree */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	if (!repo && !(repo = found = go_store_discover()))
		goto out;
	if (go_store_open(&s, repo, 0) < 0 || go_store_add_quarantine(s) < 0 ||
	    write_to_memory(go_store_repo(s)) < 0)
		goto out;
	rc = recv ? receive(s) : stage ? staged(s, given) : whole_tree(s, tree, public);
	if (rc > 0)
		go_warnx("拒绝：%d 处不符合存储的规则（SPEC §6）", rc);
out:
	status = rc < 0 ? GO_FATAL : rc > 0 ? GO_FINDINGS : GO_OK;
	go_store_free(s);
	free(found);
	git_libgit2_shutdown();
	return go_finish(status);
}
