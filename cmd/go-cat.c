/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go-cat — the store's records as JSON Lines (SPEC §5).
 *
 * Documents come from a revision's tree (--rev, --public: every document), or
 * from the difference between two trees: two commits (--changed, the
 * pre-receive hook's source) or HEAD and the index of a work tree (--staged,
 * the pre-commit hook's source). store.c reads each document; go-cat adds the
 * "store" object and the problems only a reader of the tree can see.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "go.h"
#include "go-store.h"

static const char usage[] =
	"usage: go-cat [--repo DIR] [--rev REV | --staged[=TREE] | --changed OLD..NEW] [--public]\n"
	"              [--year YYYY] [--no-body] [ID...]\n"
	"       go-cat [--repo DIR] --log ID\n"
	"\n"
	"Print the records of a go-tools store as JSON Lines, ordered by path: each\n"
	"document's record.json with its body, attachments and a \"store\" object\n"
	"(path, commit, repo), and the problems only a reader of the tree can see.\n"
	"With IDs, only those documents.\n"
	"\n"
	"  --repo DIR          the store (default: $GO_STORE)\n"
	"  --rev REV           read REV instead of main\n"
	"  --public            read the public branch instead of main\n"
	"  --staged            the documents the index of the work tree at the current\n"
	"                      directory changes (the pre-commit hook's source);\n"
	"                      =TREE: that tree stands for the index (git write-tree's)\n"
	"  --changed OLD..NEW  the documents NEW changes from OLD (the pre-receive\n"
	"                      hook's source; OLD may be 0000... for a new branch)\n"
	"  --year YYYY         only the documents filed under that year\n"
	"  --no-body           record.json alone: no body, no attachment blob ids\n"
	"  --log ID            one line per version of document ID on main's history\n"
	"                      (commit, date, author, change, attribute, validity,\n"
	"                      withdrawn, content: the folder's tree id)\n"
	"  -h, --help          show this help\n"
	"      --version       show the version\n"
	"\n"
	"Exit status: 0 clean, 1 a document is broken or an ID was not found, 2 usage,\n"
	"I/O or store error.\n";

#define TOOL "go-cat"

struct cat {
	go_store *store;
	char commit[41]; /* "": the index, not a commit */
	int flags;       /* GO_STORE_BODY unless --no-body */
	int year;        /* 0: every year */
	unsigned long ndocs;
	int progress;    /* stderr is a terminal */
	int status;
	int deleted;     /* emit: the record is of a document the change removes */
};

/* The problems only the store's layout shows; then print the record. */
static int emit(json_t *rec, const char *dir, void *ctx)
{
	struct cat *c = ctx;
	char *want = go_store_doc_dir(go_str(rec, "id"), go_str(rec, "date"));
	int slashes = 0;
	for (const char *p = dir; *p; p++)
		slashes += *p == '/';
	if (want && slashes == 2) { /* a store of the year layout: docs/<YYYY>/<name> */
		char *t = go_xasprintf("%.9s%s", want, strrchr(want, '/'));
		free(want);
		want = t;
	}
	if (want && strcmp(want, dir) != 0)
		/* The next publish of this id would write a second copy elsewhere. */
		go_problem(rec, TOOL, GO_ERROR, "misplaced-record", "id",
			   "索引号 %s、成文日期 %s 的记录应在 %s/ 中",
			   go_str(rec, "id"), go_str(rec, "date"), want);
	free(want);
	const char *attr = go_norm_attribute(go_str(rec, "attribute") ? go_str(rec, "attribute") : "");
	if (attr && strcmp(attr, "withheld") == 0 &&
	    (json_object_get(rec, "body") || json_array_size(json_object_get(rec, "attachments")))) {
		/* SPEC §6: a withheld record's text never enters the store, nor this output. */
		go_problem(rec, TOOL, GO_ERROR, "withheld-content",
			   json_object_get(rec, "body") ? "body" : "attachments",
			   "不予公开的记录只登记元数据：%s不得入库",
			   go_word(json_object_get(rec, "body") ? "其正文 body.md" : "其附件"));
		json_object_del(rec, "body");
		json_object_del(rec, "attachments");
	}
	if (c->flags & GO_STORE_BODY) {
		size_t i;
		json_t *a;
		json_array_foreach(json_object_get(rec, "attachments"), i, a)
			if (!json_object_get(a, "blob"))
				go_problem(rec, TOOL, GO_ERROR, "missing-attachment", "attachments",
					   "第 %zu 个附件（%s）不在文件夹中",
					   i + 1, go_str(a, "path") ? go_str(a, "path") : go_word("无路径"));
	}
	json_t *store = json_object();
	json_object_set_new(store, "path", json_string(dir));
	json_object_set_new(store, "commit", c->commit[0] ? json_string(c->commit) : json_null());
	json_object_set_new(store, "repo", json_string(go_store_path(c->store)));
	if (c->deleted) /* issue 18: the change removes it; this is its last record */
		json_object_set_new(store, "deleted", json_true());
	json_object_set_new(rec, "store", store);
	if (go_has_error(rec))
		c->status = GO_FINDINGS;
	if (go_write(stdout, NULL, rec) < 0) {
		go_warn("standard output");
		return -1;
	}
	if (c->progress && ++c->ndocs % 1000 == 0)
		fprintf(stderr, "\r%s: %lu documents", go_prog(), c->ndocs);
	return 0;
}

/* Git orders the folders of a tree as if their names ended in '/'. */
static int cmp_dir(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	for (; *x && *x == *y; x++, y++)
		;
	return (unsigned char)(*x ? *x : '/') - (unsigned char)(*y ? *y : '/');
}

/* The documents of root, or those with the ids asked for, in path order. */
static int cat_tree(struct cat *c, git_tree *root, char **ids, int nids)
{
	if (!nids)
		return go_store_foreach_tree(c->store, root, c->year, c->flags, emit, c);
	char **dirs = go_xcalloc(nids, sizeof *dirs);
	json_t **recs = go_xcalloc(nids, sizeof *recs);
	int n = 0, rc = 0;
	for (int i = 0; i < nids && rc == 0; i++) {
		json_t *rec = NULL;
		char *dir = NULL;
		int err = go_store_find_id(c->store, root, ids[i], c->flags, &rec, &dir);
		if (err == 0 && (!c->year || atoi(dir + 5) == c->year)) {
			dirs[n] = dir;
			recs[n++] = rec;
			continue;
		}
		json_decref(rec);
		free(dir);
		if (err < 0 && err != GIT_ENOTFOUND) {
			rc = -1;
		} else {
			go_warnx("%s: no such document", ids[i]);
			c->status = GO_FINDINGS;
		}
	}
	/* Sort pairs by folder: sort the folders, then find each one's record. */
	char **sorted = go_xcalloc(n, sizeof *sorted);
	memcpy(sorted, dirs, n * sizeof *dirs);
	qsort(sorted, n, sizeof *sorted, cmp_dir);
	for (int i = 0; i < n; i++) {
		int j = 0;
		while (dirs[j] != sorted[i])
			j++;
		/* An id named twice is printed once. */
		if (rc == 0 && (i == 0 || strcmp(sorted[i - 1], sorted[i]) != 0))
			rc = emit(recs[j], dirs[j], c);
	}
	for (int i = 0; i < n; i++) {
		json_decref(recs[i]);
		free(dirs[i]);
	}
	free(sorted);
	free(recs);
	free(dirs);
	return rc;
}

/* The document folders that differ between two trees (store.c), those the
 * ids name if any, of the year asked for if any. */
struct dirs { struct cat *c; char **ids; int nids; char **v; size_t n; };

static int add_dir(const char *shard, const char *name, int in_a, int in_b, void *ctx)
{
	struct dirs *d = ctx;
	if (d->c->year && atoi(shard) != d->c->year)
		return 0;
	int k = 0;
	for (; k < d->nids; k++) {
		char *want = go_store_doc_name(d->ids[k]);
		int hit = want && !strcmp(want, name);
		free(want);
		if (hit)
			break;
	}
	if (d->nids && k == d->nids)
		return 0;
	if (d->n % 64 == 0)
		d->v = go_xrealloc(d->v, (d->n + 64) * sizeof *d->v);
	d->v[d->n++] = go_xasprintf("docs/%s/%s", shard, name);
	return 0;
}

/* The document folders changed between trees a and b (and the ids, if any,
 * name), each once, in path order: a new array of new strings, *n of them;
 * *err set on git's error (the caller says it). */
static char **changed_dirs(struct cat *c, git_tree *a, git_tree *b, char **ids, int nids,
		size_t *n, int *err)
{
	struct dirs d = {c, ids, nids, NULL, 0};
	*err = go_store_changes(go_store_repo(c->store), a, b, add_dir, &d) < 0;
	/* two layouts (a migration): a folder may come from both sides */
	if (d.n)
		qsort(d.v, d.n, sizeof *d.v, cmp_dir);
	size_t k = 0;
	for (size_t i = 0; i < d.n; i++) {
		if (k && !strcmp(d.v[k - 1], d.v[i]))
			free(d.v[i]);
		else
			d.v[k++] = d.v[i];
	}
	*n = k;
	return d.v;
}

/* Print the documents dirs[0..n) of root. A folder root lacks was removed:
 * unless its document is still in root elsewhere (its date moved it), its
 * last record, from old, is printed with "store": {"deleted": true}. */
static int emit_dirs(struct cat *c, git_tree *old, git_tree *root, char **dirs, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		json_t *rec = NULL;
		int err = go_store_read_doc(c->store, root, dirs[i], c->flags, &rec);
		if (err == 0)
			rc = emit(rec, dirs[i], c);
		else if (err != GIT_ENOTFOUND)
			rc = -1;
		else if (old && (err = go_store_read_doc(c->store, old, dirs[i], c->flags, &rec)) == 0) {
			const char *name = strrchr(dirs[i], '/') + 1;
			int moved = go_store_find_name(go_store_repo(c->store), root, name, NULL, NULL);
			if (moved < 0)
				rc = -1;
			else if (!moved) {
				c->deleted = 1;
				rc = emit(rec, dirs[i], c);
				c->deleted = 0;
			}
		} else if (err != GIT_ENOTFOUND)
			rc = -1;
		json_decref(rec);
	}
	return rc;
}

static void free_dirs(char **dirs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
}

static void git_fail(const char *what)
{
	const git_error *e = git_error_last();
	go_warnx("%s: %s", what, e && e->message ? e->message : "libgit2 error");
}

/* The documents that differ between trees a (NULL: none) and b, as in b. */
static int cat_diff(struct cat *c, git_tree *a, git_tree *b, char **ids, int nids)
{
	size_t n;
	int err;
	char **dirs = changed_dirs(c, a, b, ids, nids, &n, &err);
	int rc = err ? -1 : emit_dirs(c, a, b, dirs, n);
	if (err)
		git_fail("diff");
	free_dirs(dirs, n);
	return rc;
}

/* The tree of a commit-ish; *tree NULL for git's all-zero id (no commit). */
static int tree_of(struct cat *c, const char *rev, git_tree **tree, int quiet)
{
	*tree = NULL;
	if (strlen(rev) >= 7 && strspn(rev, "0") == strlen(rev))
		return 0;
	int err = go_store_resolve(c->store, rev, c->commit, tree);
	if (err == GIT_ENOTFOUND && !quiet)
		go_warnx("%s: no such revision", rev);
	return err;
}

static int cat_changed(struct cat *c, const char *range, char **ids, int nids)
{
	const char *dots = strstr(range, "..");
	if (!dots || dots == range || !dots[2] || dots[2] == '.') {
		go_warnx("--changed: '%s' is not OLD..NEW", range);
		return -1;
	}
	char *old = go_xasprintf("%.*s", (int)(dots - range), range);
	git_tree *a = NULL, *b = NULL;
	int rc = -1;
	if (tree_of(c, old, &a, 0) == 0 && tree_of(c, dots + 2, &b, 0) == 0)
		/* A deleted branch (NEW all zeros) brings no document. */
		rc = b ? cat_diff(c, a, b, ids, nids) : 0;
	git_tree_free(a);
	git_tree_free(b);
	free(old);
	return rc;
}

/*
 * The index as git commit would use it: GIT_INDEX_FILE is how git hands a
 * hook the temporary index of "git commit -a" or "git commit FILE". The
 * changed folders' entries are copied into an index of their own whose tree
 * is written to memory only: the repository is not written to, and the cost
 * is that of the changed documents (writing the whole index's tree is not).
 */
static int cat_staged(struct cat *c, const char *given, char **ids, int nids)
{
	git_repository *repo = go_store_repo(c->store);
	git_index *index = NULL;
	git_tree *head = NULL, *staged = NULL;
	git_odb *odb = NULL;
	git_odb_backend *mem = NULL;
	git_oid oid;
	const char *file = getenv("GIT_INDEX_FILE");
	int rc = -1;
	if (git_repository_is_bare(repo)) {
		go_warnx("%s: a bare repository has no index to read", go_store_path(c->store));
		return -1;
	}
	int err = given ? 0 : file && *file ? git_index_open(&index, file) :
		      git_repository_index(&index, repo);
	if (err < 0) {
		git_fail(file && *file ? file : "index");
		goto out;
	}
	/* --staged=TREE: git wrote the index's tree for us */
	if (given && (err = go_store_tree(c->store, given, &staged)) < 0)
		goto out;
	err = tree_of(c, "HEAD", &head, 1); /* no HEAD yet: all is new */
	if (err < 0 && err != GIT_ENOTFOUND)
		goto out;
	c->commit[0] = '\0';
	if (given) {
		rc = cat_diff(c, head, staged, ids, nids);
		goto out;
	}
	/* The index as a tree, in memory: git's tree cache in the index spares
	 * the folders left alone, and the trees are then compared by id, so that
	 * the cost is the change's (issue 18). A diff of HEAD against the index
	 * itself would read every folder of HEAD. */
	if (git_mempack_new(&mem) < 0 || git_repository_odb(&odb, repo) < 0 ||
	    git_odb_add_backend(odb, mem, 1000) < 0)
		goto fail;
	mem = NULL; /* the odb owns it */
	if (git_index_write_tree_to(&oid, index, repo) < 0 ||
	    git_tree_lookup(&staged, repo, &oid) < 0)
		goto fail;
	rc = cat_diff(c, head, staged, ids, nids);
	goto out;
fail:
	git_fail("index");
out:
	if (mem)
		mem->free(mem);
	git_odb_free(odb);
	git_tree_free(head);
	git_tree_free(staged);
	git_index_free(index);
	return rc;
}

/*
 * --log ID (issue 19 item 6): one line per version of the document on the
 * register's first-parent history, oldest first: {"id", "commit", "date",
 * "author", "change": [...], "attribute", "validity", "withdrawn", "path",
 * "content"}. change names what differs from the version before: "added",
 * "attribute", "validity", "withdrawn", "reinstated", "content" (the files),
 * "record" (other fields), "removed". content is the document folder's git
 * tree id: the same id, the same bytes.
 */
static json_t *log_line(const char *id, git_commit *cm, const json_t *rec, const char *dir,
			const git_oid *folder, json_t *change)
{
	char hex[GIT_OID_HEXSZ + 1], date[64];
	const git_signature *a = git_commit_author(cm);
	git_time_t t = a->when.time + (git_time_t)a->when.offset * 60;
	struct tm tm;
	time_t tt = (time_t)t;
	gmtime_r(&tt, &tm);
	int off = a->when.offset < 0 ? -a->when.offset : a->when.offset;
	snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 a->when.offset < 0 ? '-' : '+', off / 60, off % 60);
	git_oid_tostr(hex, sizeof hex, git_commit_id(cm));
	char *who = go_xasprintf("%s <%s>", a->name, a->email);
	json_t *l = json_pack("{s:s,s:s,s:s,s:s,s:o}", "id", id, "commit", hex, "date", date,
			      "author", who, "change", change);
	free(who);
	if (rec) {
		const char *v = go_str(rec, "validity");
		json_object_set_new(l, "attribute", json_string(go_str(rec, "attribute")));
		json_object_set_new(l, "validity", json_string(v ? v : "in-force"));
		json_t *w = json_object_get(rec, "withdrawn");
		json_object_set(l, "withdrawn", w ? w : json_false());
		json_object_set_new(l, "path", json_string(dir));
		git_oid_tostr(hex, sizeof hex, folder);
		json_object_set_new(l, "content", json_string(hex));
	}
	return l;
}

/* Does the folder's content (every entry but record.json) differ? */
static int files_differ(git_repository *repo, const git_oid *x, const git_oid *y)
{
	git_tree *a = NULL, *b = NULL;
	int differ = 1;
	if (git_tree_lookup(&a, repo, x) == 0 && git_tree_lookup(&b, repo, y) == 0) {
		size_t i = 0, j = 0, n = git_tree_entrycount(a), m = git_tree_entrycount(b);
		differ = 0;
		while (!differ && (i < n || j < m)) {
			const git_tree_entry *p = i < n ? git_tree_entry_byindex(a, i) : NULL;
			const git_tree_entry *q = j < m ? git_tree_entry_byindex(b, j) : NULL;
			if (p && !strcmp(git_tree_entry_name(p), "record.json")) { i++; continue; }
			if (q && !strcmp(git_tree_entry_name(q), "record.json")) { j++; continue; }
			differ = !p || !q || strcmp(git_tree_entry_name(p), git_tree_entry_name(q)) ||
				 !git_oid_equal(git_tree_entry_id(p), git_tree_entry_id(q));
			i++, j++;
		}
	}
	git_tree_free(a);
	git_tree_free(b);
	return differ;
}

static int same_field(const json_t *a, const json_t *b, const char *key)
{
	const json_t *x = json_object_get(a, key), *y = json_object_get(b, key);
	return (!x && !y) || (x && y && json_equal(x, y));
}

static int cat_log(struct cat *c, const char *ref, const char *id)
{
	git_repository *repo = go_store_repo(c->store);
	git_revwalk *w = NULL;
	git_oid oid, prev_folder;
	json_t *prev = NULL;
	int versions = 0, rc = -1;

	if (git_revwalk_new(&w, repo) < 0 || git_revwalk_push_ref(w, ref) < 0) {
		git_revwalk_free(w);
		if (git_error_last() && git_error_last()->klass == GIT_ERROR_REFERENCE) {
			go_warnx("%s: no version of %s (no %s)", go_store_path(c->store), id, ref);
			c->status = GO_FINDINGS;
			return 0;
		}
		git_fail(ref);
		return -1;
	}
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	git_revwalk_simplify_first_parent(w);
	while (git_revwalk_next(&oid, w) == 0) {
		git_commit *cm = NULL;
		git_tree *root = NULL;
		json_t *rec = NULL;
		char *dir = NULL;
		git_oid folder;
		if (git_commit_lookup(&cm, repo, &oid) < 0 || git_commit_tree(&root, cm) < 0) {
			git_commit_free(cm);
			git_fail(ref);
			goto out;
		}
		int found = go_store_find_id(c->store, root, id, 0, &rec, &dir) == 0;
		git_tree_entry *e = NULL;
		if (found && git_tree_entry_bypath(&e, root, dir) == 0)
			git_oid_cpy(&folder, git_tree_entry_id(e));
		else
			found = 0;
		git_tree_entry_free(e);
		git_error_clear();
		json_t *change = json_array();
		if (found && prev && git_oid_equal(&folder, &prev_folder)) {
			json_decref(change);
			change = NULL;
		} else if (found && !prev) {
			json_array_append_new(change, json_string("added"));
		} else if (found) {
			if (!same_field(prev, rec, "attribute"))
				json_array_append_new(change, json_string("attribute"));
			if (!same_field(prev, rec, "validity"))
				json_array_append_new(change, json_string("validity"));
			if (!same_field(prev, rec, "withdrawn"))
				json_array_append_new(change, json_string(
					go_is_withdrawn(rec) ? "withdrawn" : "reinstated"));
			if (files_differ(repo, &prev_folder, &folder))
				json_array_append_new(change, json_string("content"));
			if (!json_array_size(change))
				json_array_append_new(change, json_string("record"));
		} else if (prev) {
			json_array_append_new(change, json_string("removed"));
		} else {
			json_decref(change);
			change = NULL;
		}
		if (change) {
			json_t *l = log_line(id, cm, found ? rec : NULL, dir, &folder, change);
			int err = go_write(stdout, NULL, l);
			json_decref(l);
			versions++;
			if (err) {
				json_decref(rec);
				free(dir);
				git_tree_free(root);
				git_commit_free(cm);
				goto out;
			}
		}
		json_decref(prev);
		prev = found ? rec : NULL;
		if (found)
			prev_folder = folder;
		else
			json_decref(rec);
		free(dir);
		git_tree_free(root);
		git_commit_free(cm);
	}
	if (!versions) {
		go_warnx("%s: no version of %s on %s", go_store_path(c->store), id, ref);
		c->status = GO_FINDINGS;
	}
	rc = 0;
out:
	json_decref(prev);
	git_revwalk_free(w);
	return rc;
}

int main(int argc, char **argv)
{
	enum { OPT_REPO = 256, OPT_REV, OPT_STAGED, OPT_CHANGED, OPT_PUBLIC, OPT_YEAR,
	       OPT_NO_BODY, OPT_VERSION, OPT_LOG };
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, OPT_REPO},
		{"rev", required_argument, NULL, OPT_REV},
		{"staged", optional_argument, NULL, OPT_STAGED},
		{"changed", required_argument, NULL, OPT_CHANGED},
		{"public", no_argument, NULL, OPT_PUBLIC},
		{"year", required_argument, NULL, OPT_YEAR},
		{"no-body", no_argument, NULL, OPT_NO_BODY},
		{"log", required_argument, NULL, OPT_LOG},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	struct cat c = {.flags = GO_STORE_BODY};
	const char *repo = NULL, *rev = NULL, *changed = NULL, *log = NULL, *given = NULL;
	char *work_repo = NULL;
	int staged = 0, public = 0, ch, status = GO_OK, rc = 0;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_REPO: repo = optarg; break;
		case OPT_REV: rev = optarg; break;
		case OPT_STAGED: staged = 1; given = optarg; break;
		case OPT_CHANGED: changed = optarg; break;
		case OPT_PUBLIC: public = 1; break;
		case OPT_YEAR:
			if (strlen(optarg) != 4 || strspn(optarg, "0123456789") != 4)
				go_usage_error(usage, "--year: '%s' is not a year (YYYY)", optarg);
			c.year = atoi(optarg);
			break;
		case OPT_NO_BODY: c.flags &= ~GO_STORE_BODY; break;
		case OPT_LOG: log = optarg; break;
		case 'h': go_help(usage);
		case OPT_VERSION: go_version();
		default: go_usage_error(usage, "unknown option");
		}
	}
	if ((rev != NULL) + staged + (changed != NULL) + public > 1)
		go_usage_error(usage, "--rev, --public, --staged and --changed exclude each other");
	if (log && (rev || staged || changed || public || c.year || optind < argc ||
		    !go_valid_id(log)))
		go_usage_error(usage, "--log ID: one valid id, with --repo alone");
	char **ids = argv + optind;
	int nids = argc - optind;
	for (int i = 0; i < nids; i++)
		if (!go_valid_id(ids[i]))
			go_usage_error(usage, "'%s' is not a valid id", ids[i]);
	/* --staged reads the work tree at hand, never the store GO_STORE names. */
	if (!repo && !staged && getenv("GO_STORE") && *getenv("GO_STORE"))
		repo = getenv("GO_STORE");
	if (!repo && !staged)
		go_usage_error(usage, "no store: give --repo DIR or set GO_STORE");
	c.progress = isatty(STDERR_FILENO);

	git_libgit2_init();
	/* Each object is read once: the object cache would only hold every tree
	 * of the store (twice the memory, a third of the time at 100k documents). */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	if (!repo && !(repo = work_repo = go_store_discover())) {
		status = GO_FATAL;
		goto out;
	}
	if (go_store_open(&c.store, repo, 0) < 0 || go_store_add_quarantine(c.store) < 0) {
		status = GO_FATAL;
		goto out;
	}

	if (log) {
		rc = cat_log(&c, "refs/heads/main", log);
	} else if (staged) {
		rc = cat_staged(&c, given, ids, nids);
	} else if (changed) {
		rc = cat_changed(&c, changed, ids, nids);
	} else {
		git_tree *root = NULL;
		rc = tree_of(&c, rev ? rev : public ? "refs/heads/public" : "refs/heads/main",
			     &root, rev == NULL);
		/* A store not yet published to has no main; one with nothing public, no public. */
		if (rc == GIT_ENOTFOUND && !rev)
			rc = 0;
		else if (rc == 0)
			rc = cat_tree(&c, root, ids, nids);
		git_tree_free(root);
	}
	if (c.progress && c.ndocs >= 1000)
		fputc('\n', stderr);
	status = rc < 0 ? GO_FATAL : c.status;
out:
	go_store_free(c.store);
	free(work_repo);
	git_libgit2_shutdown();
	return go_finish(status);
}
