/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * store.c — the git store of SPEC §6, reading side: open or create a store,
 * name document folders, and walk the documents of a revision.
 * The writing side (go-publish's batches) is in publish.c.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"

/* The shards of the tree go_store_find_id last searched, each read once. */
struct shard_memo {
	git_oid root;
	go_shard *sh;
	git_tree **tree; /* NULL until searched */
	size_t n;
	int valid;
};

struct go_store {
	git_repository *repo;
	char *path; /* absolute path the store was opened with */
	struct shard_memo memo;
};

static void memo_clear(struct shard_memo *m)
{
	for (size_t i = 0; i < m->n; i++)
		git_tree_free(m->tree[i]);
	free(m->tree);
	free(m->sh);
	memset(m, 0, sizeof *m);
}

int go_git_fail(const char *context)
{
	const git_error *e = git_error_last();
	go_warnx("%s: %s", context, e && e->message ? e->message : "libgit2 error");
	return -1;
}

int go_git_err(char **err, const char *context)
{
	const git_error *e = git_error_last();
	*err = go_xasprintf("%s: %s", context, e && e->message ? e->message : "libgit2 error");
	return -1;
}

int go_store_open(go_store **out, const char *dir, int flags)
{
	git_repository *repo = NULL;
	int err;

	*out = NULL;
	git_libgit2_init();
	/* Objects are read as git reads them, without hashing each one again:
	 * they were checked when they came in (index-pack on a push, our own
	 * writes), and `git fsck` is the audit. libgit2 rehashes every object it
	 * reads by default: a tenth of a 10-document publish at 100k documents,
	 * spent on the month trees and catalogs it reads (issue 18). */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	err = git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (err == GIT_ENOTFOUND && (flags & GO_STORE_CREATE)) {
		git_repository_init_options o;
		git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		o.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
		o.initial_head = "main";
		err = git_repository_init_ext(&repo, dir, &o);
	}
	if (err < 0) {
		go_git_fail(dir);
		git_libgit2_shutdown();
		return -1;
	}
	go_store *s = go_xcalloc(1, sizeof *s);
	s->repo = repo;
	char *abs = realpath(dir, NULL);
	s->path = abs ? abs : go_xstrdup(dir);
	*out = s;
	return 0;
}

void go_store_free(go_store *s)
{
	if (!s)
		return;
	memo_clear(&s->memo);
	git_repository_free(s->repo);
	free(s->path);
	free(s);
	git_libgit2_shutdown();
}

git_repository *go_store_repo(go_store *s) { return s->repo; }
const char *go_store_path(const go_store *s) { return s->path; }

char *go_store_doc_name(const char *id)
{
	/* ".git" is no valid tree entry (git fsck: hasDotgit) */
	if (!id || !go_valid_id(id) || strcasecmp(id, ".git") == 0)
		return NULL;
	char *name = go_xstrdup(id);
	for (char *p = name; *p; p++)
		if (*p == '/')
			*p = '~';
	return name;
}

char *go_store_doc_dir(const char *id, const char *date)
{
	int day;
	if (!date || go_parse_date(date, &day) < 0)
		return NULL;
	char *name = go_store_doc_name(id);
	if (!name)
		return NULL;
	char ymd[11];
	go_format_date(day, ymd);
	char *dir = go_xasprintf("docs/%.4s/%.2s/%s", ymd, ymd + 5, name);
	free(name);
	return dir;
}

int go_store_resolve(go_store *s, const char *rev, char commit[41], git_tree **tree)
{
	git_object *obj = NULL;
	git_commit *c = NULL;
	int err;

	*tree = NULL;
	commit[0] = '\0';
	if (!rev)
		rev = "refs/heads/main";
	err = git_revparse_single(&obj, s->repo, rev);
	if (err == GIT_ENOTFOUND)
		return GIT_ENOTFOUND;
	if (err < 0 || (err = git_object_peel((git_object **)&c, obj,
						GIT_OBJECT_COMMIT)) < 0 ||
	    (err = git_commit_tree(tree, c)) < 0) {
		git_object_free(obj);
		git_commit_free(c);
		return go_git_fail(rev);
	}
	git_oid_tostr(commit, 41, git_commit_id(c));
	git_object_free(obj);
	git_commit_free(c);
	return 0;
}

int go_store_tree(go_store *s, const char *rev, git_tree **tree)
{
	git_object *obj = NULL;
	*tree = NULL;
	if (git_revparse_single(&obj, s->repo, rev) < 0 ||
	    git_object_peel((git_object **)tree, obj, GIT_OBJECT_TREE) < 0) {
		git_object_free(obj);
		return go_git_fail(rev);
	}
	git_object_free(obj);
	return 0;
}

/* The blob at path under tree, as a NUL-terminated buffer in *buf. */
static int read_blob(go_store *s, git_tree *tree, const char *path, char **buf,
		size_t *len)
{
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	int err = git_tree_entry_bypath(&e, tree, path);
	if (err == GIT_ENOTFOUND)
		return GIT_ENOTFOUND;
	if (err < 0 || (err = git_blob_lookup(&b, s->repo, git_tree_entry_id(e))) < 0) {
		git_tree_entry_free(e);
		return go_git_fail(path);
	}
	*len = (size_t)git_blob_rawsize(b);
	*buf = go_xmalloc(*len + 1);
	memcpy(*buf, git_blob_rawcontent(b), *len);
	(*buf)[*len] = '\0';
	git_blob_free(b);
	git_tree_entry_free(e);
	return 0;
}

/* Read the document in the folder tree doc (named dir, for messages). */
static int read_doc_tree(go_store *s, git_tree *doc, const char *dir, int flags,
		json_t **out)
{
	char *buf = NULL;
	size_t len;
	json_error_t jerr;
	int err;

	*out = NULL;
	err = read_blob(s, doc, "record.json", &buf, &len);
	if (err == GIT_ENOTFOUND) {
		go_warnx("%s: no record.json", dir);
		return -1;
	}
	if (err < 0)
		return -1;
	json_t *rec = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	free(buf);
	if (!json_is_object(rec)) {
		go_warnx("%s/record.json:%d: %s", dir, jerr.line,
			 rec ? "not a JSON object" : jerr.text);
		json_decref(rec);
		return -1;
	}
	if (flags & GO_STORE_BODY) {
		err = read_blob(s, doc, "body.md", &buf, &len);
		if (err == 0) {
			json_t *body = json_stringn(buf, len);
			free(buf);
			if (!body) {
				go_warnx("%s/body.md: not valid UTF-8", dir);
				json_decref(rec);
				return -1;
			}
			json_object_set_new(rec, "body", body);
		} else if (err != GIT_ENOTFOUND) {
			json_decref(rec);
			return -1;
		}
		size_t i;
		json_t *a;
		json_array_foreach(json_object_get(rec, "attachments"), i, a) {
			const char *p = go_str(a, "path");
			git_tree_entry *e = NULL;
			if (!p || git_tree_entry_bypath(&e, doc, p) < 0)
				continue; /* a checker reports it; reading goes on */
			char hex[41];
			git_oid_tostr(hex, sizeof hex, git_tree_entry_id(e));
			json_object_set_new(a, "blob", json_string(hex));
			git_tree_entry_free(e);
		}
	}
	*out = rec;
	return 0;
}

int go_store_read_doc(go_store *s, git_tree *root, const char *dir, int flags,
		json_t **rec)
{
	git_tree_entry *e = NULL;
	git_tree *doc = NULL;
	int err;

	*rec = NULL;
	err = git_tree_entry_bypath(&e, root, dir);
	if (err == GIT_ENOTFOUND)
		return GIT_ENOTFOUND;
	if (err < 0)
		return go_git_fail(dir);
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_tree_entry_free(e);
		return GIT_ENOTFOUND;
	}
	err = git_tree_lookup(&doc, s->repo, git_tree_entry_id(e));
	git_tree_entry_free(e);
	if (err < 0)
		return go_git_fail(dir);
	err = read_doc_tree(s, doc, dir, flags, rec);
	git_tree_free(doc);
	return err;
}

int go_store_year_name(const char *name)
{
	return strlen(name) == 4 && strspn(name, "0123456789") == 4;
}

int go_store_entry_cmp(const char *a, size_t al, int adir, const char *b, size_t bl, int bdir)
{
	size_t n = al < bl ? al : bl;
	int r = memcmp(a, b, n);
	if (r)
		return r;
	int ca = al > n ? (unsigned char)a[n] : adir ? '/' : 0;
	int cb = bl > n ? (unsigned char)b[n] : bdir ? '/' : 0;
	return ca - cb;
}

/* Search shards sh[0..n), the latest first, for the folder name: 1 (*folder,
 * *dir a new path, each if asked), 0, or -1. With trees, trees[i] holds shard
 * i's tree once read and keeps it; without, each is read and let go. */
static int search_shards(git_repository *repo, const go_shard *sh, size_t n, git_tree **trees,
		const char *name, git_oid *folder, char **dir)
{
	int found = 0;
	for (size_t i = n; i-- > 0 && !found;) {
		git_tree *st = trees ? trees[i] : NULL;
		if (!st && go_shard_tree(repo, &sh[i], &st) < 0)
			return -1;
		const git_tree_entry *e = git_tree_entry_byname(st, name);
		if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE) {
			found = 1;
			if (folder)
				git_oid_cpy(folder, git_tree_entry_id(e));
			if (dir)
				*dir = go_xasprintf("docs/%s/%s", sh[i].name, name);
		}
		if (trees)
			trees[i] = st;
		else
			git_tree_free(st);
	}
	return found;
}

/* go_store_find_name for go_store_find_id: the shards of root are listed and
 * each month tree read once for all the ids asked of the same tree (issue 18:
 * a hook's 10 interpretations asked each of 12 month folders in turn, reading
 * 120 trees of 370 KB at 100k documents). 1 and *dir, 0, or -1. */
static int find_in_memo(go_store *s, git_tree *root, const char *name, char **dir)
{
	struct shard_memo *m = &s->memo;
	if (!m->valid || !git_oid_equal(&m->root, git_tree_id(root))) {
		memo_clear(m);
		if (go_store_shards(s->repo, root, 0, &m->sh, &m->n, NULL) < 0)
			return -1;
		m->tree = go_xcalloc(m->n ? m->n : 1, sizeof *m->tree);
		git_oid_cpy(&m->root, git_tree_id(root));
		m->valid = 1;
	}
	return search_shards(s->repo, m->sh, m->n, m->tree, name, NULL, dir);
}

int go_store_find_id(go_store *s, git_tree *root, const char *id, int flags,
		json_t **rec, char **dir)
{
	char *name = go_store_doc_name(id), *path = NULL;
	int err = GIT_ENOTFOUND;

	*rec = NULL;
	if (dir)
		*dir = NULL;
	if (!name)
		return GIT_ENOTFOUND;
	int found = find_in_memo(s, root, name, &path);
	if (found < 0) {
		free(name);
		return -1;
	}
	if (found == 1) {
		err = go_store_read_doc(s, root, path, flags, rec);
		if (err == 0 && dir)
			*dir = path;
		else
			free(path);
	}
	free(name);
	return err;
}

/* Read each document folder of the shard tree st (path "docs/<shard>"). */
static int foreach_in_shard(go_store *s, git_tree *st, const char *shard, int flags,
		go_store_cb cb, void *ctx)
{
	int err = 0;
	for (size_t j = 0, m = git_tree_entrycount(st); j < m && !err; j++) {
		const git_tree_entry *d = git_tree_entry_byindex(st, j);
		git_tree *doc = NULL;
		json_t *rec = NULL;
		if (git_tree_entry_type(d) != GIT_OBJECT_TREE)
			continue;
		char *dir = go_xasprintf("docs/%s/%s", shard, git_tree_entry_name(d));
		if (git_tree_lookup(&doc, s->repo, git_tree_entry_id(d)) < 0)
			err = go_git_fail(dir);
		else if (read_doc_tree(s, doc, dir, flags, &rec) < 0)
			err = -1;
		else
			err = cb(rec, dir, ctx);
		json_decref(rec);
		git_tree_free(doc);
		free(dir);
	}
	return err;
}

int go_store_foreach_tree(go_store *s, git_tree *root, int year, int flags,
		go_store_cb cb, void *ctx)
{
	go_shard *sh = NULL;
	size_t n = 0;
	int err = 0;
	if (go_store_shards(s->repo, root, year, &sh, &n, NULL) < 0)
		return go_git_fail("docs");
	for (size_t i = 0; i < n && !err; i++) {
		git_tree *st = NULL;
		if (go_shard_tree(s->repo, &sh[i], &st) < 0) {
			err = go_git_fail(sh[i].name);
			break;
		}
		err = foreach_in_shard(s, st, sh[i].name, flags, cb, ctx);
		git_tree_free(st);
	}
	free(sh);
	return err;
}

/* ---- the layout: month shards (issue 18) ------------------------------------ */

int go_store_month_name(const char *name)
{
	return strlen(name) == 2 && ((name[0] == '0' && name[1] >= '1' && name[1] <= '9') ||
				     (name[0] == '1' && name[1] >= '0' && name[1] <= '2'));
}

/* A document folder holds record.json, body.md and files/: its tree object is
 * about 100 bytes. A tree bigger than this cannot be one. */
#define DOC_FOLDER_MAX 1024

/* Is entry e of a year folder a month folder: a tree named 01..12 that holds
 * no record.json file (a document folder always does)? 1, 0, or -1. A tree of
 * more than DOC_FOLDER_MAX bytes is a month folder without being read: its
 * size is in the object header, while reading it costs what the month holds
 * (issue 18: 12 month trees of 370 KB each at 100k documents, read at every
 * layout check). Were it a document folder with junk beside its record.json,
 * the gate would still refuse the files it holds outside a document folder. */
static int month_folder(git_repository *repo, const git_tree_entry *e)
{
	git_tree *t = NULL;
	git_odb *odb = NULL;
	size_t size = 0;
	git_object_t type;
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE || !go_store_month_name(git_tree_entry_name(e)))
		return 0;
	if (git_repository_odb(&odb, repo) < 0)
		return -1;
	int big = git_odb_read_header(&size, &type, odb, git_tree_entry_id(e)) == 0 &&
		  size > DOC_FOLDER_MAX;
	git_odb_free(odb);
	git_error_clear();
	if (big)
		return 1;
	if (git_tree_lookup(&t, repo, git_tree_entry_id(e)) < 0)
		return -1;
	const git_tree_entry *r = git_tree_entry_byname(t, "record.json");
	int month = !r || git_tree_entry_type(r) != GIT_OBJECT_BLOB;
	git_tree_free(t);
	return month;
}

int go_store_year_layout(git_repository *repo, git_tree *yt)
{
	int layout = GO_LAYOUT_NONE;
	for (size_t i = 0, n = git_tree_entrycount(yt); i < n && layout != GO_LAYOUT_MIXED; i++) {
		int m = month_folder(repo, git_tree_entry_byindex(yt, i));
		if (m < 0)
			return -1;
		layout |= m ? GO_LAYOUT_MONTH : GO_LAYOUT_YEAR;
	}
	return layout;
}

static void add_shard(go_shard **sh, size_t *n, const char *name, int year, int month,
		const git_oid *oid)
{
	if (*n % 16 == 0)
		*sh = go_xrealloc(*sh, (*n + 16) * sizeof **sh);
	go_shard *x = &(*sh)[(*n)++];
	snprintf(x->name, sizeof x->name, "%s", name);
	x->year = year;
	x->month = month;
	memcpy(x->oid, oid->id, sizeof x->oid);
}

int go_shard_tree(git_repository *repo, const go_shard *sh, git_tree **out)
{
	git_oid oid;
	git_oid_fromraw(&oid, sh->oid);
	return git_tree_lookup(out, repo, &oid) < 0 ? -1 : 0;
}

int go_store_shards(git_repository *repo, git_tree *root, int year, go_shard **out, size_t *n,
		int *layout)
{
	git_tree *docs = NULL;
	int all = GO_LAYOUT_NONE, err = 0;
	*out = NULL;
	*n = 0;
	const git_tree_entry *de = root ? git_tree_entry_byname(root, "docs") : NULL;
	if (de && git_tree_entry_type(de) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&docs, repo, git_tree_entry_id(de)) < 0)
		return -1;
	for (size_t i = 0, ny = docs ? git_tree_entrycount(docs) : 0; i < ny && !err; i++) {
		const git_tree_entry *ye = git_tree_entry_byindex(docs, i);
		const char *yname = git_tree_entry_name(ye);
		git_tree *yt = NULL;
		if (!go_store_year_name(yname) || git_tree_entry_type(ye) != GIT_OBJECT_TREE)
			continue;
		if (git_tree_lookup(&yt, repo, git_tree_entry_id(ye)) < 0) {
			err = -1;
			break;
		}
		int l = go_store_year_layout(repo, yt);
		if (l < 0)
			err = -1;
		else
			all |= l;
		if (year && atoi(yname) != year)
			l = GO_LAYOUT_NONE;
		if (l == GO_LAYOUT_MONTH) {
			for (size_t j = 0, nm = git_tree_entrycount(yt); j < nm; j++) {
				const git_tree_entry *me = git_tree_entry_byindex(yt, j);
				char name[8];
				snprintf(name, sizeof name, "%s/%s", yname, git_tree_entry_name(me));
				add_shard(out, n, name, atoi(yname), atoi(git_tree_entry_name(me)),
					  git_tree_entry_id(me));
			}
		} else if (l != GO_LAYOUT_NONE) { /* the year layout, or a year mixing both */
			add_shard(out, n, yname, atoi(yname), 0, git_tree_entry_id(ye));
		}
		git_tree_free(yt);
	}
	git_tree_free(docs);
	if (err) {
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	if (layout)
		*layout = all;
	return 0;
}

int go_store_layout(git_repository *repo, git_tree *root)
{
	go_shard *sh = NULL;
	size_t n;
	int layout;
	/* year -1 matches none: the layout alone, no shard listed */
	if (go_store_shards(repo, root, -1, &sh, &n, &layout) < 0)
		return -1;
	free(sh);
	return layout;
}

int go_store_find_name(git_repository *repo, git_tree *root, const char *name, git_oid *folder,
		char **dir)
{
	go_shard *sh = NULL;
	size_t n;
	if (dir)
		*dir = NULL;
	if (go_store_shards(repo, root, 0, &sh, &n, NULL) < 0)
		return -1;
	int found = search_shards(repo, sh, n, NULL, name, folder, dir);
	free(sh);
	return found;
}

size_t go_store_parse_path(const char *path, int layout, int *year, int *month, size_t *name_at)
{
	/* docs/YYYY/MM/NAME/FILE... in the month layout, docs/YYYY/NAME/FILE... in the year's */
	if (strncmp(path, "docs/", 5) != 0 || strspn(path + 5, "0123456789") != 4 || path[9] != '/')
		return 0;
	const char *a = path + 10, *sa = strchr(a, '/');
	if (!sa || sa == a)
		return 0;
	const char *b = sa + 1, *sb = strchr(b, '/');
	int m = 0;
	if (!sb && layout == GO_LAYOUT_MONTH)
		sb = b + strlen(b); /* the folder's own path */
	if (layout != GO_LAYOUT_YEAR && sa - a == 2 && sb && sb > b) {
		char mm[3] = {a[0], a[1], 0};
		m = go_store_month_name(mm) ? atoi(mm) : 0;
	}
	if (year)
		*year = atoi(path + 5);
	if (month)
		*month = m;
	if (name_at)
		*name_at = (size_t)((m ? b : a) - path);
	return (size_t)((m ? sb : sa) - path);
}

char *go_store_shard_dir(int year, int month)
{
	return month ? go_xasprintf("docs/%04d/%02d", year, month) : go_xasprintf("docs/%04d", year);
}

int go_store_date_shard(const char *date, int *year, int *month)
{
	int day;
	char ymd[11];
	if (!date || go_parse_date(date, &day) < 0)
		return -1;
	go_format_date(day, ymd);
	*year = atoi(ymd);
	*month = atoi(ymd + 5);
	return 0;
}

/* ---- writing a tree at paths ------------------------------------------------- */

static int cmp_put(const void *x, const void *y)
{
	return strcmp(((const go_tree_put *)x)->path, ((const go_tree_put *)y)->path);
}

/* base (NULL: none) with ch[0..n) applied, paths relative to it after skip
 * bytes, sorted: 1 and *out; 2 when it comes out empty; -1. */
static int put_level(git_repository *repo, const git_oid *base, go_tree_put *ch, size_t n,
		size_t skip, git_oid *out)
{
	git_tree *t = NULL;
	git_treebuilder *tb = NULL;
	int r = -1;
	if (base && git_tree_lookup(&t, repo, base) < 0)
		return -1;
	if (git_treebuilder_new(&tb, repo, t) < 0)
		goto out;
	for (size_t i = 0; i < n;) {
		const char *p = ch[i].path + skip, *slash = strchr(p, '/');
		if (!slash) {
			if (ch[i].oid ? git_treebuilder_insert(NULL, tb, p, ch[i].oid, ch[i].mode) < 0 :
			    git_treebuilder_get(tb, p) && git_treebuilder_remove(tb, p) < 0)
				goto out;
			i++;
			continue;
		}
		size_t len = (size_t)(slash - p), j = i + 1;
		while (j < n && !strncmp(ch[j].path + skip, p, len) && ch[j].path[skip + len] == '/')
			j++;
		char *name = go_xasprintf("%.*s", (int)len, p);
		const git_tree_entry *e = git_treebuilder_get(tb, name);
		git_oid sub;
		int s = put_level(repo, e && git_tree_entry_type(e) == GIT_OBJECT_TREE ?
				  git_tree_entry_id(e) : NULL, ch + i, j - i, skip + len + 1, &sub);
		if (s < 0 || (s == 2 ? e && git_treebuilder_remove(tb, name) < 0 :
			      git_treebuilder_insert(NULL, tb, name, &sub, GIT_FILEMODE_TREE) < 0)) {
			free(name);
			goto out;
		}
		free(name);
		i = j;
	}
	if (git_treebuilder_entrycount(tb) == 0)
		r = 2;
	else
		r = git_treebuilder_write(out, tb) < 0 ? -1 : 1;
out:
	git_treebuilder_free(tb);
	git_tree_free(t);
	return r;
}

int go_tree_put_paths(git_repository *repo, const git_oid *base, go_tree_put *ch, size_t n,
		git_oid *out)
{
	if (n)
		qsort(ch, n, sizeof *ch, cmp_put);
	return put_level(repo, base, ch, n, 0, out);
}
int go_store_foreach(go_store *s, const char *rev, int flags, go_store_cb cb, void *ctx)
{
	char commit[41];
	git_tree *root = NULL;
	int err = go_store_resolve(s, rev, commit, &root);
	if (err == GIT_ENOTFOUND && !rev)
		return 0; /* a new store: no main yet */
	if (err == GIT_ENOTFOUND) {
		go_warnx("%s: no such revision", rev);
		return -1;
	}
	if (err < 0)
		return -1;
	err = go_store_foreach_tree(s, root, 0, flags, cb, ctx);
	git_tree_free(root);
	return err;
}

/* ---- record.json ---------------------------------------------------------- */

/* Never written into a store (SPEC §1); body goes to body.md. */
static const char *const not_stored[] = {
	"problems", "publish", "store", "invalid_line", "invalid_line_base64", "at", "body",
	NULL,
};
/* All a withheld record keeps (SPEC §6), and the audit mark of a purge. */
static const char *const withheld_keys[] = {
	"id", "office", "kind", "date", "attribute", "category", "reason", "basis", "review",
	"purged", NULL,
};

static int listed(const char *const *list, const char *key)
{
	for (; *list; list++)
		if (strcmp(*list, key) == 0)
			return 1;
	return 0;
}

json_t *go_store_record(const json_t *rec)
{
	const char *attr = go_str(rec, "attribute");
	int withheld = attr && strcmp(attr, "withheld") == 0;
	json_t *out = json_object();
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)rec, key, val)
		if (withheld ? listed(withheld_keys, key) : !listed(not_stored, key))
			json_object_set(out, key, val);
	return out;
}

char *go_store_record_text(const json_t *stored)
{
	char *s = json_dumps(stored, JSON_INDENT(2) | JSON_SORT_KEYS);
	if (!s)
		GO_BUG("a record json_dumps cannot encode");
	char *t = go_xasprintf("%s\n", s);
	free(s);
	return t;
}

/* ---- a server store that protects itself (go-publish --init) --------------- */

int go_store_guard(go_store *s, const char *hooks)
{
	git_config *all = NULL, *cfg = NULL;
	int err = git_repository_config(&all, s->repo);
	if (err == 0)
		err = git_config_open_level(&cfg, all, GIT_CONFIG_LEVEL_LOCAL);
	if (err == 0)
		err = git_config_set_bool(cfg, "receive.denyNonFastForwards", 1);
	if (err == 0)
		err = git_config_set_bool(cfg, "receive.denyDeletes", 1);
	if (err == 0)
		err = git_config_set_bool(cfg, "receive.fsckObjects", 1);
	if (err == 0)
		err = git_config_set_string(cfg, "core.hooksPath", hooks);
	git_config_free(cfg);
	git_config_free(all);
	return err < 0 ? go_git_fail(s->path) : 0;
}

int go_store_add_quarantine(go_store *s)
{
	const char *q = getenv("GIT_QUARANTINE_PATH");
	git_odb *odb = NULL;
	if (!q || !*q)
		return 0;
	int rc = git_repository_odb(&odb, go_store_repo(s)) < 0 ||
		 git_odb_add_disk_alternate(odb, q) < 0 ? -1 : 0;
	if (rc < 0) {
		const git_error *e = git_error_last();
		go_warnx("%s: %s", q, e && e->message ? e->message : "libgit2 error");
	}
	git_odb_free(odb);
	return rc;
}

char *go_store_discover(void)
{
	git_buf buf = {0};
	const char *dir = getenv("GIT_DIR");
	if (dir && *dir)
		return go_xstrdup(dir);
	if (git_repository_discover(&buf, ".", 0, NULL) < 0) {
		const git_error *e = git_error_last();
		go_warnx(".: %s", e && e->message ? e->message : "libgit2 error");
		return NULL;
	}
	char *path = go_xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	return path;
}

/* ---- the names index (issue 18) ------------------------------------------------
 *
 * Is a new id the case twin of a stored one, or stored already in another
 * month? Asking every shard costs what the store holds. The index answers from
 * one bucket: $GIT_DIR/go-tools/names/<hh>, hh the first byte (hex) of the
 * FNV-1a hash of a folder name folded to ASCII lower case, so that twins share
 * a bucket; one line "<name>\t<shard>\n" per document folder, sorted. The file
 * tree names the root tree they describe. It is derived data, never in a
 * branch (nothing a push carries can forge it): absent, unreadable or of a tree
 * no longer in the store, it is rebuilt from the tree; else brought to the tree
 * asked for by comparing the shards of the two trees, so that its upkeep costs
 * what changed. Each bucket is replaced by rename, then tree: a crash leaves
 * buckets ahead of tree, and replaying a change is harmless.
 */
struct go_names {
	go_store *s;
	char *dir;
	char *bucket[256]; /* loaded buckets' text, "" when empty */
	size_t len[256];
	int ok;            /* the files reflect the tree */
};

static unsigned bucket_of(const char *name)
{
	return (unsigned)(go_fnv1a(name, strlen(name), 1) >> 56);
}

static char *bucket_path(const go_names *n, unsigned b)
{
	return go_xasprintf("%s/%02x", n->dir, b);
}

static const char *load_bucket(go_names *n, unsigned b)
{
	if (!n->bucket[b]) {
		char *p = bucket_path(n, b), *t = NULL;
		size_t len = 0;
		if (go_read_file(p, (size_t)1 << 30, &t, &len) != 0) {
			free(t);
			t = NULL;
		}
		free(p);
		n->bucket[b] = t ? t : go_xstrdup("");
		n->len[b] = t ? len : 0;
	}
	return n->bucket[b];
}

/* One change to the index: a line to add or remove. */
struct name_change {
	unsigned bucket;
	int add;
	char *line; /* "<name>\t<shard>\n" */
};

struct name_changes { struct name_change *v; size_t n, cap; };

static void change_add(struct name_changes *c, const char *name, const char *shard, int add)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 256;
		c->v = go_xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n++] = (struct name_change){bucket_of(name), add,
					    go_xasprintf("%s\t%s\n", name, shard)};
}

static int cmp_change(const void *x, const void *y)
{
	const struct name_change *a = x, *b = y;
	if (a->bucket != b->bucket)
		return a->bucket < b->bucket ? -1 : 1;
	return strcmp(a->line, b->line);
}

static int cmp_line_p(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Write text as file path, by rename. 0 or -1. */
static int put_file(const char *path, const char *text, size_t len)
{
	char *tmp = go_xasprintf("%s.%ld.tmp", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	int bad = !f || fwrite(text, 1, len, f) != len;
	if (f && fclose(f) != 0)
		bad = 1;
	if (bad || rename(tmp, path) != 0) {
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* Apply the changes (sorted) to the buckets they touch, and write them. */
static int apply_changes(go_names *n, struct name_changes *c)
{
	if (c->n)
		qsort(c->v, c->n, sizeof *c->v, cmp_change);
	for (size_t i = 0; i < c->n;) {
		unsigned b = c->v[i].bucket;
		size_t j = i;
		while (j < c->n && c->v[j].bucket == b)
			j++;
		/* the bucket's lines, less the removed, plus the added, sorted */
		const char *text = load_bucket(n, b);
		size_t cap = j - i + 16, k = 0;
		char **lines = go_xmalloc(cap * sizeof *lines);
		for (const char *p = text; *p;) {
			const char *nl = strchr(p, '\n');
			size_t ll = nl ? (size_t)(nl - p) + 1 : strlen(p);
			if (k == cap)
				lines = go_xrealloc(lines, (cap *= 2) * sizeof *lines);
			lines[k++] = go_xasprintf("%.*s%s", (int)ll, p, nl ? "" : "\n");
			p += ll;
		}
		size_t old = k; /* added lines are made unique after the sort */
		for (size_t x = i; x < j; x++) {
			size_t y = 0, end = c->v[x].add ? old : k;
			while (y < end && strcmp(lines[y], c->v[x].line))
				y++;
			if (c->v[x].add && y == end) {
				if (k == cap)
					lines = go_xrealloc(lines, (cap *= 2) * sizeof *lines);
				lines[k++] = go_xstrdup(c->v[x].line);
			} else if (!c->v[x].add && y < k) {
				free(lines[y]);
				lines[y] = lines[--k];
			}
		}
		qsort(lines, k, sizeof *lines, cmp_line_p);
		size_t u = 0;
		for (size_t y = 0; y < k; y++) {
			if (u && !strcmp(lines[u - 1], lines[y]))
				free(lines[y]);
			else
				lines[u++] = lines[y];
		}
		k = u;
		size_t total = 0;
		for (size_t y = 0; y < k; y++)
			total += strlen(lines[y]);
		char *out = go_xmalloc(total + 1), *o = out;
		for (size_t y = 0; y < k; y++) {
			size_t l = strlen(lines[y]);
			memcpy(o, lines[y], l);
			o += l;
			free(lines[y]);
		}
		*o = '\0';
		free(lines);
		char *path = bucket_path(n, b);
		int bad = put_file(path, out, total);
		free(path);
		free(n->bucket[b]);
		n->bucket[b] = out;
		n->len[b] = total;
		if (bad)
			return -1;
		i = j;
	}
	return 0;
}

/* git's order of tree entries (go_store_entry_cmp). */
static int entry_cmp(const git_tree_entry *x, const git_tree_entry *y)
{
	const char *a = git_tree_entry_name(x), *b = git_tree_entry_name(y);
	return go_store_entry_cmp(a, strlen(a), git_tree_entry_type(x) == GIT_OBJECT_TREE,
				  b, strlen(b), git_tree_entry_type(y) == GIT_OBJECT_TREE);
}

int go_store_changes(git_repository *repo, git_tree *a, git_tree *b, go_store_change_cb cb,
		void *ctx)
{
	go_shard *sa = NULL, *sb = NULL;
	size_t na = 0, nb = 0, i = 0, j = 0;
	int err = 0;
	if (go_store_shards(repo, a, 0, &sa, &na, NULL) < 0 ||
	    go_store_shards(repo, b, 0, &sb, &nb, NULL) < 0) {
		free(sa);
		return -1;
	}
	while ((i < na || j < nb) && !err) {
		int k = i >= na ? 1 : j >= nb ? -1 : strcmp(sa[i].name, sb[j].name);
		if (k == 0 && !memcmp(sa[i].oid, sb[j].oid, sizeof sa[i].oid)) {
			i++, j++;
			continue;
		}
		git_tree *ta = NULL, *tb = NULL;
		if ((k <= 0 && go_shard_tree(repo, &sa[i], &ta) < 0) ||
		    (k >= 0 && go_shard_tree(repo, &sb[j], &tb) < 0)) {
			err = -1;
		} else {
			const char *shard = k <= 0 ? sa[i].name : sb[j].name;
			size_t x = 0, y = 0, nx = ta ? git_tree_entrycount(ta) : 0;
			size_t ny = tb ? git_tree_entrycount(tb) : 0;
			while ((x < nx || y < ny) && !err) {
				const git_tree_entry *ea = x < nx ? git_tree_entry_byindex(ta, x) : NULL;
				const git_tree_entry *eb = y < ny ? git_tree_entry_byindex(tb, y) : NULL;
				int d = !ea ? 1 : !eb ? -1 : entry_cmp(ea, eb);
				const git_tree_entry *e = d <= 0 ? ea : eb;
				x += d <= 0;
				y += d >= 0;
				if (git_tree_entry_type(e) != GIT_OBJECT_TREE ||
				    (d == 0 && git_tree_entry_type(eb) == GIT_OBJECT_TREE &&
				     git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb))))
					continue;
				int in_a = d <= 0 && git_tree_entry_type(ea) == GIT_OBJECT_TREE;
				int in_b = d >= 0 && git_tree_entry_type(eb) == GIT_OBJECT_TREE;
				err = cb(shard, git_tree_entry_name(e), in_a, in_b, ctx);
			}
		}
		git_tree_free(ta);
		git_tree_free(tb);
		i += k <= 0;
		j += k >= 0;
	}
	free(sa);
	free(sb);
	return err;
}

static int name_change(const char *shard, const char *name, int in_a, int in_b, void *ctx)
{
	if (in_a != in_b)
		change_add(ctx, name, shard, in_b);
	return 0;
}

/* The changes from the shards of tree a (NULL: none) to those of b. */
static int diff_names(git_repository *repo, git_tree *a, git_tree *b, struct name_changes *c)
{
	return go_store_changes(repo, a, b, name_change, c) < 0 ? -1 : 0;
}

static int bucket_line(const char *shard, const char *name, int in_a, int in_b, void *ctx)
{
	go_buf *text = ctx;
	go_buf_printf(&text[bucket_of(name)], "%s\t%s\n", name, shard);
	return 0;
}

/* Every bucket from nothing, empty ones too: the lines gathered as text, 30
 * bytes a document, then each bucket sorted and written (a store of a million
 * documents is indexed in its bulk batch, beside that batch's memory). */
static int build_names(go_names *n, git_tree *root)
{
	go_buf *text = go_xcalloc(256, sizeof *text);
	int err = go_store_changes(n->s->repo, NULL, root, bucket_line, text) < 0 ? -1 : 0;
	for (unsigned b = 0; b < 256; b++) {
		size_t k = 0, cap = 16;
		char **lines = go_xmalloc(cap * sizeof *lines);
		for (char *p = text[b].p, *end = p + text[b].n; p && p < end;) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			*nl = '\0';
			if (k == cap)
				lines = go_xrealloc(lines, (cap *= 2) * sizeof *lines);
			lines[k++] = p;
			p = nl + 1;
		}
		qsort(lines, k, sizeof *lines, cmp_line_p);
		go_buf out = {0};
		for (size_t i = 0; i < k; i++)
			if (!i || strcmp(lines[i - 1], lines[i])) {
				go_buf_puts(&out, lines[i]);
				go_buf_put(&out, "\n", 1);
			}
		free(lines);
		go_buf_free(&text[b]);
		char *path = bucket_path(n, b);
		if (!err && put_file(path, out.p ? out.p : "", out.n) < 0)
			err = -1;
		free(path);
		n->bucket[b] = out.p ? out.p : go_xstrdup("");
		n->len[b] = out.n;
	}
	free(text);
	return err;
}

go_names *go_names_open(go_store *s, git_tree *root)
{
	go_names *n = go_xcalloc(1, sizeof *n);
	struct name_changes c = {0};
	git_tree *was = NULL;
	git_oid wid;
	char hex[GIT_OID_HEXSZ + 1];
	n->s = s;
	n->dir = go_xasprintf("%sgo-tools/names", git_repository_path(s->repo));
	char *tpath = go_xasprintf("%s/tree", n->dir);
	size_t len = 0;
	char *t = NULL;
	if (go_read_file(tpath, 4096, &t, &len) != 0) {
		free(t);
		t = NULL;
	}
	int known = t && len >= GIT_OID_HEXSZ && git_oid_fromstrn(&wid, t, GIT_OID_HEXSZ) == 0 &&
		    git_tree_lookup(&was, s->repo, &wid) == 0;
	free(t);
	git_error_clear();
	git_oid_tostr(hex, sizeof hex, git_tree_id(root));
	if (known && git_oid_equal(&wid, git_tree_id(root))) {
		n->ok = 1;
		goto out;
	}
	char *parent = go_xasprintf("%sgo-tools", git_repository_path(s->repo));
	mkdir(parent, 0777);
	free(parent);
	mkdir(n->dir, 0777);
	if (!known ? build_names(n, root) < 0 :
	    diff_names(s->repo, was, root, &c) < 0 || apply_changes(n, &c) < 0)
		goto out;
	char *line = go_xasprintf("%s\n", hex);
	n->ok = put_file(tpath, line, strlen(line)) == 0;
	free(line);
out:
	for (size_t i = 0; i < c.n; i++)
		free(c.v[i].line);
	free(c.v);
	free(tpath);
	git_tree_free(was);
	git_error_clear();
	if (!n->ok) {
		go_names_free(n);
		return NULL;
	}
	return n;
}

int go_names_lookup(go_names *n, const char *name, char **other, char **shard)
{
	const char *text = load_bucket(n, bucket_of(name));
	size_t len = strlen(name);
	int found = 0;
	*other = *shard = NULL;
	for (const char *p = text; *p && found != 1;) {
		const char *tab = strchr(p, '\t'), *nl = tab ? strchr(tab, '\n') : NULL;
		if (!tab || !nl)
			break;
		if ((size_t)(tab - p) == len && !strncasecmp(p, name, len)) {
			int exact = !strncmp(p, name, len);
			if (exact || !found) {
				free(*other);
				free(*shard);
				*other = go_xasprintf("%.*s", (int)len, p);
				*shard = go_xasprintf("%.*s", (int)(nl - tab - 1), tab + 1);
				found = exact ? 1 : 2;
			}
		}
		p = nl + 1;
	}
	return found;
}

void go_names_free(go_names *n)
{
	if (!n)
		return;
	for (unsigned b = 0; b < 256; b++)
		free(n->bucket[b]);
	free(n->dir);
	free(n);
}
