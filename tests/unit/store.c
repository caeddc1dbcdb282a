/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* store.c and publish.c: documents written by a batch read back in path order. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"
#include "tap.h"

struct seen {
	char dirs[8][64];
	char bodies[8][64];
	int n;
};

static int collect(json_t *rec, const char *dir, void *ctx)
{
	struct seen *s = ctx;
	if (s->n < 8) {
		snprintf(s->dirs[s->n], sizeof s->dirs[0], "%s", dir);
		const char *b = go_str(rec, "body");
		snprintf(s->bodies[s->n], sizeof s->bodies[0], "%s", b ? b : "-");
		s->n++;
	}
	return 0;
}

static int stop_at_second(json_t *rec, const char *dir, void *ctx)
{
	return ++*(int *)ctx == 2 ? 42 : 0;
}

/* go_store_changes: the calls it made, "shard name in_a in_b;" each */
static int note_change(const char *shard, const char *name, int in_a, int in_b, void *ctx)
{
	char *log = ctx;
	snprintf(log + strlen(log), 512 - strlen(log), "%s %s %d%d;", shard, name, in_a, in_b);
	return 0;
}

/* A tree of the given files, each holding its own path as content. */
static git_tree *tree_of_files(git_repository *repo, const char **paths, size_t n)
{
	go_tree_put ch[16];
	git_oid blobs[16], id;
	git_tree *t = NULL;
	for (size_t i = 0; i < n; i++) {
		git_blob_create_from_buffer(&blobs[i], repo, paths[i], strlen(paths[i]));
		ch[i] = (go_tree_put){paths[i], &blobs[i], GIT_FILEMODE_BLOB};
	}
	if (go_tree_put_paths(repo, NULL, ch, n, &id) != 1 || git_tree_lookup(&t, repo, &id) < 0)
		return NULL;
	return t;
}

int main(void)
{
	char tmpl[] = "/tmp/go-store-XXXXXX", *dir = mkdtemp(tmpl), *p;
	go_store *s = NULL;
	git_signature *sig = NULL;
	git_tree *root = NULL;
	char commit[41];
	json_t *rec = NULL;

	is_str(p = go_store_doc_dir("000014349/2018-00222", "2018-05-02"),
	       "docs/2018/05/000014349~2018-00222", "doc_dir: / becomes ~, year and month of date");
	free(p);
	ok(!go_store_doc_dir("a//b", "2018-05-02"), "doc_dir: an invalid id");
	ok(!go_store_doc_dir("a", "2018-02-30"), "doc_dir: an invalid date");
	ok(!go_store_doc_name(".GIT"), "doc_name: .git in any case is refused");

	/* issue 18: paths of both layouts */
	int y = 0, m = -1;
	size_t at = 0;
	is_int((int)go_store_parse_path("docs/2026/03/A-1/record.json", GO_LAYOUT_NONE, &y, &m, &at),
	       (int)strlen("docs/2026/03/A-1"), "parse_path: the month layout");
	ok(y == 2026 && m == 3 && at == strlen("docs/2026/03/"), "  its year, month and name");
	is_int((int)go_store_parse_path("docs/2026/03/record.json", GO_LAYOUT_NONE, &y, &m, &at),
	       (int)strlen("docs/2026/03"), "parse_path: a year-layout document named 03");
	ok(m == 0 && at == strlen("docs/2026/"), "  month 0, name 03");
	is_int((int)go_store_parse_path("docs/2026/A-1/files/x.pdf", GO_LAYOUT_NONE, &y, &m, NULL),
	       (int)strlen("docs/2026/A-1"), "parse_path: the year layout");
	is_int((int)go_store_parse_path("docs/2026/03/files/x.pdf", GO_LAYOUT_YEAR, &y, &m, NULL),
	       (int)strlen("docs/2026/03"), "parse_path: GO_LAYOUT_YEAR reads the year layout");
	is_int((int)go_store_parse_path("docs/2026/03/A-1", GO_LAYOUT_MONTH, &y, &m, NULL),
	       (int)strlen("docs/2026/03/A-1"), "parse_path: GO_LAYOUT_MONTH reads a folder's own path");
	is_int((int)go_store_parse_path("catalog/2026/03.jsonl", GO_LAYOUT_NONE, &y, &m, NULL), 0,
	       "parse_path: no document folder");
	is_int((int)go_store_parse_path("docs/2026/13/A/record.json", GO_LAYOUT_NONE, &y, &m, NULL),
	       (int)strlen("docs/2026/13"), "parse_path: 13 is no month");
	ok(go_store_month_name("01") && go_store_month_name("12") && !go_store_month_name("00") &&
	   !go_store_month_name("13") && !go_store_month_name("1"), "month_name: 01..12");

	/* the expected message would clutter the test output */
	int saved = dup(2), devnull = open("/dev/null", O_WRONLY);
	dup2(devnull, 2);
	ok(go_store_open(&s, dir, 0) < 0, "open: an empty folder is no store");
	dup2(saved, 2);
	close(saved);
	close(devnull);
	char *path = go_xasprintf("%s/s.git", dir);
	ok(go_store_open(&s, path, GO_STORE_CREATE) == 0, "open with GO_STORE_CREATE");
	ok(git_repository_is_bare(go_store_repo(s)), "  a bare repository");
	is_int(go_store_foreach(s, NULL, 0, collect, &(struct seen){0}), 0,
	       "foreach on a new store: no documents, no error");
	is_int(go_store_resolve(s, NULL, commit, &root), GIT_ENOTFOUND, "resolve: no main yet");

	go_batch_opts o = {.today = 20520};
	go_batch *b = go_batch_new(s, &o);
	const char *recs[] = {
		"{\"id\":\"B/2\",\"title\":\"t\",\"office\":\"o\",\"kind\":\"notice\",\"date\":\"2026-01-02\",\"attribute\":\"proactive\",\"category\":\"result\",\"body\":\"second\"}",
		"{\"id\":\"A-1\",\"title\":\"t\",\"office\":\"o\",\"kind\":\"notice\",\"date\":\"2026-01-02\",\"attribute\":\"proactive\",\"category\":\"result\",\"body\":\"first\"}",
		"{\"id\":\"W\",\"title\":\"secret\",\"office\":\"o\",\"kind\":\"notice\",\"date\":\"2025-01-02\",\"attribute\":\"withheld\",\"reason\":\"r\",\"basis\":[\"ogi-16-internal\"],\"body\":\"hidden\"}",
	};
	for (int i = 0; i < 3; i++) {
		char *reason = NULL;
		json_t *r = json_loads(recs[i], 0, NULL);
		is_int(go_batch_prepare(b, r, &reason), i, "prepare a record");
		free(reason);
		json_decref(r);
	}
	git_signature_new(&sig, "Unit", "unit@example.org", 1700000000, 0);
	is_int(go_batch_commit(b, sig), 0, "commit the batch");
	go_batch_free(b);

	struct seen seen = {0};
	is_int(go_store_foreach(s, NULL, GO_STORE_BODY, collect, &seen), 0, "foreach main");
	is_int(seen.n, 3, "  three documents");
	is_str(seen.dirs[0], "docs/2025/01/W", "  in path order: years first");
	is_str(seen.dirs[1], "docs/2026/01/A-1", "  then names");
	is_str(seen.dirs[2], "docs/2026/01/B~2", "  a / of the id is ~");
	is_str(seen.bodies[0], "-", "  withheld: no body");
	is_str(seen.bodies[1], "first", "  GO_STORE_BODY adds the body");
	seen.n = 0;
	is_int(go_store_foreach(s, "public", 0, collect, &seen), 0, "foreach public");
	is_int(seen.n, 2, "  the proactive documents only");
	is_str(seen.bodies[0], "-", "  no body without GO_STORE_BODY");
	int count = 0;
	is_int(go_store_foreach(s, NULL, 0, stop_at_second, &count), 42,
	       "a callback's non-zero value stops the walk and is returned");

	ok(go_store_resolve(s, "main", commit, &root) == 0 && strlen(commit) == 40,
	   "resolve main: its commit");
	is_int(go_store_read_doc(s, root, "docs/2026/01/A-1", GO_STORE_BODY, &rec), 0, "read_doc");
	is_str(go_str(rec, "body"), "first", "  with its body");
	json_decref(rec);
	is_int(go_store_read_doc(s, root, "docs/2026/01/none", 0, &rec), GIT_ENOTFOUND,
	       "read_doc: no such document");
	char *where = NULL;
	is_int(go_store_find_id(s, root, "W", 0, &rec, &where), 0, "find_id in any year");
	is_str(where, "docs/2025/01/W", "  its folder");
	ok(!json_object_get(rec, "title"), "  withheld: no title stored");
	json_decref(rec);
	free(where);
	is_int(go_store_find_id(s, root, "w", 0, &rec, NULL), GIT_ENOTFOUND,
	       "find_id is exact about letter case");
	git_tree_free(root);

	/* go_store_changes: folders compared by tree id, in git's order (a
	 * folder's name sorts as if it ended in '/': "P-1" before "P") */
	const char *fa[] = {"docs/2026/06/P/record.json", "docs/2026/06/stray.txt",
			    "docs/2026/07/Q/record.json", "docs/2026/08/R/record.json"};
	const char *fb[] = {"docs/2026/06/P-1/record.json", "docs/2026/06/P/record.json",
			    "docs/2026/07/Q/body.md", "docs/2026/07/Q/record.json"};
	git_tree *ta = tree_of_files(go_store_repo(s), fa, 4), *tb = tree_of_files(go_store_repo(s), fb, 4);
	char log[512] = "";
	ok(ta && tb, "two trees for go_store_changes");
	is_int(go_store_changes(go_store_repo(s), ta, tb, note_change, log), 0, "go_store_changes: 0");
	is_str(log, "2026/06 P-1 01;2026/07 Q 11;2026/08 R 10;",
	       "  added, changed, removed; the unchanged folder and the stray file left out");
	log[0] = '\0';
	is_int(go_store_changes(go_store_repo(s), NULL, ta, note_change, log), 0, "  from no tree");
	is_str(log, "2026/06 P 01;2026/07 Q 01;2026/08 R 01;", "  every folder, added");
	log[0] = '\0';
	is_int(go_store_changes(go_store_repo(s), ta, ta, note_change, log), 0, "  a tree with itself");
	is_str(log, "", "  nothing");
	git_tree_free(ta);
	git_tree_free(tb);

	git_signature_free(sig);
	go_store_free(s);
	char *rm = go_xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		return 1;
	free(rm);
	free(path);
	return done();
}
