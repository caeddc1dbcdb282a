/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * store.c — the git store of SPEC §6, reading side: open or create a store,
 * name document folders, and walk the documents of a revision.
 * The writing side (go-publish's batches) is in publish.c.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"

struct go_store {
	git_repository *repo;
	char *path; /* absolute path the store was opened with */
};

static int git_fail(const char *context)
{
	const git_error *e = git_error_last();
	go_warnx("%s: %s", context, e && e->message ? e->message : "libgit2 error");
	return -1;
}

int go_store_open(go_store **out, const char *dir, int flags)
{
	git_repository *repo = NULL;
	int err;

	*out = NULL;
	git_libgit2_init();
	err = git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (err == GIT_ENOTFOUND && (flags & GO_STORE_CREATE)) {
		git_repository_init_options o;
		git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		o.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
		o.initial_head = "main";
		err = git_repository_init_ext(&repo, dir, &o);
	}
	if (err < 0) {
		git_fail(dir);
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
	char *dir = go_xasprintf("docs/%04d/%s", go_date_year(day), name);
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
		return git_fail(rev);
	}
	git_oid_tostr(commit, 41, git_commit_id(c));
	git_object_free(obj);
	git_commit_free(c);
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
		return git_fail(path);
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
		return git_fail(dir);
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_tree_entry_free(e);
		return GIT_ENOTFOUND;
	}
	err = git_tree_lookup(&doc, s->repo, git_tree_entry_id(e));
	git_tree_entry_free(e);
	if (err < 0)
		return git_fail(dir);
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

int go_store_find_id(go_store *s, git_tree *root, const char *id, int flags,
		json_t **rec, char **dir)
{
	git_tree_entry *e = NULL;
	git_tree *docs = NULL;
	char *name = go_store_doc_name(id);
	int err = GIT_ENOTFOUND;

	*rec = NULL;
	if (dir)
		*dir = NULL;
	if (!name)
		return GIT_ENOTFOUND;
	if (git_tree_entry_bypath(&e, root, "docs") < 0 ||
	    git_tree_entry_type(e) != GIT_OBJECT_TREE ||
	    git_tree_lookup(&docs, s->repo, git_tree_entry_id(e)) < 0)
		goto out;
	for (size_t i = 0, n = git_tree_entrycount(docs); i < n; i++) {
		const git_tree_entry *y = git_tree_entry_byindex(docs, i);
		git_tree *year = NULL;
		if (!go_store_year_name(git_tree_entry_name(y)) ||
		    git_tree_entry_type(y) != GIT_OBJECT_TREE ||
		    git_tree_lookup(&year, s->repo, git_tree_entry_id(y)) < 0)
			continue;
		const git_tree_entry *d = git_tree_entry_byname(year, name);
		if (d && git_tree_entry_type(d) == GIT_OBJECT_TREE) {
			char *path = go_xasprintf("docs/%s/%s", git_tree_entry_name(y), name);
			err = go_store_read_doc(s, root, path, flags, rec);
			if (err == 0 && dir)
				*dir = path;
			else
				free(path);
			git_tree_free(year);
			break;
		}
		git_tree_free(year);
	}
out:
	git_tree_entry_free(e);
	git_tree_free(docs);
	free(name);
	return err;
}

int go_store_foreach_tree(go_store *s, git_tree *root, int year, int flags,
		go_store_cb cb, void *ctx)
{
	git_tree_entry *e = NULL;
	git_tree *docs = NULL;
	int err = 0;

	if (git_tree_entry_bypath(&e, root, "docs") < 0)
		return 0; /* no documents yet */
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE ||
	    git_tree_lookup(&docs, s->repo, git_tree_entry_id(e)) < 0) {
		git_tree_entry_free(e);
		return git_fail("docs");
	}
	git_tree_entry_free(e);
	for (size_t i = 0, n = git_tree_entrycount(docs); i < n && !err; i++) {
		const git_tree_entry *y = git_tree_entry_byindex(docs, i);
		const char *yname = git_tree_entry_name(y);
		git_tree *yt = NULL;
		if (!go_store_year_name(yname) || git_tree_entry_type(y) != GIT_OBJECT_TREE)
			continue;
		if (year && atoi(yname) != year)
			continue;
		if (git_tree_lookup(&yt, s->repo, git_tree_entry_id(y)) < 0) {
			err = git_fail(yname);
			break;
		}
		for (size_t j = 0, m = git_tree_entrycount(yt); j < m && !err; j++) {
			const git_tree_entry *d = git_tree_entry_byindex(yt, j);
			git_tree *doc = NULL;
			json_t *rec = NULL;
			if (git_tree_entry_type(d) != GIT_OBJECT_TREE)
				continue;
			char *dir = go_xasprintf("docs/%s/%s", yname, git_tree_entry_name(d));
			if (git_tree_lookup(&doc, s->repo, git_tree_entry_id(d)) < 0)
				err = git_fail(dir);
			else if (read_doc_tree(s, doc, dir, flags, &rec) < 0)
				err = -1;
			else
				err = cb(rec, dir, ctx);
			json_decref(rec);
			git_tree_free(doc);
			free(dir);
		}
		git_tree_free(yt);
	}
	git_tree_free(docs);
	return err;
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
	return err < 0 ? git_fail(s->path) : 0;
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
