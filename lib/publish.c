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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/odb_backend.h>

#include "go.h"

enum { MAIN, PUBLIC };

struct doc {
	char *id, *name;   /* name: the id with each / as ~ */
	char *attribute;
	int year;
	git_oid tree;      /* the document folder on main */
	int is_public;     /* proactive: the same folder on public */
	char *catalog;     /* its catalog line (public only), no newline */
	int changed[2];    /* by the last application to each branch */
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
	git_oid commit[2];
	int committed[2];
	json_t *repos;         /* path -> (git_repository *) as integer, for blob sources */
};

static int git_fail(const char *context)
{
	const git_error *e = git_error_last();
	go_warnx("%s: %s", context, e && e->message ? e->message : "libgit2 error");
	return -1;
}

static int resolve_tip(git_repository *repo, const char *ref, git_oid *oid)
{
	int err = git_reference_name_to_id(oid, repo, ref);
	if (err == GIT_ENOTFOUND)
		return 0;
	return err < 0 ? git_fail(ref) : 1;
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
		git_fail(b->ref[MAIN]);
		goto fail;
	}
	git_commit_free(c);
	return b;
git_error:
	git_fail(go_store_path(s));
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
	for (size_t i = 0; i < b->n; i++) {
		free(b->doc[i].id);
		free(b->doc[i].name);
		free(b->doc[i].attribute);
		free(b->doc[i].catalog);
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
	uint64_t h = 1469598103934665603u;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		h = (h ^ (c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c)) * 1099511628211u;
	}
	return h ? h : 1;
}

/* The year folders of the register at the base tip, in order. */
static git_tree *docs_tree(go_batch *b)
{
	git_tree_entry *e = NULL;
	git_tree *t = NULL;
	if (!b->main_tree || git_tree_entry_bypath(&e, b->main_tree, "docs") < 0)
		return NULL;
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
		git_tree_lookup(&t, b->repo, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return t;
}

/* Calls fn(name, ctx) for every document folder of the register; stops on non-zero. */
static int each_name(go_batch *b, int (*fn)(const char *, void *), void *ctx)
{
	git_tree *docs = docs_tree(b);
	int r = 0;
	for (size_t i = 0, n = docs ? git_tree_entrycount(docs) : 0; i < n && !r; i++) {
		const git_tree_entry *y = git_tree_entry_byindex(docs, i);
		git_tree *yt = NULL;
		if (!go_store_year_name(git_tree_entry_name(y)) ||
		    git_tree_lookup(&yt, b->repo, git_tree_entry_id(y)) < 0)
			continue;
		for (size_t j = 0, m = git_tree_entrycount(yt); j < m && !r; j++)
			r = fn(git_tree_entry_name(git_tree_entry_byindex(yt, j)), ctx);
		git_tree_free(yt);
	}
	git_tree_free(docs);
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

/* Is name in some year folder of the register, exactly? */
static int stored_exactly(go_batch *b, const char *name)
{
	git_tree *docs = docs_tree(b);
	int found = 0;
	for (size_t i = 0, n = docs ? git_tree_entrycount(docs) : 0; i < n && !found; i++) {
		const git_tree_entry *y = git_tree_entry_byindex(docs, i);
		git_tree *yt = NULL;
		if (!go_store_year_name(git_tree_entry_name(y)) ||
		    git_tree_lookup(&yt, b->repo, git_tree_entry_id(y)) < 0)
			continue;
		found = git_tree_entry_byname(yt, name) != NULL;
		git_tree_free(yt);
	}
	git_tree_free(docs);
	return found;
}

/* The stored name that differs from name only in letter case, or NULL. A set of
 * hashes of the folded names answers "no" for nearly every new id in one probe. */
static char *case_twin(go_batch *b, const char *name)
{
	if (!b->main_tree || stored_exactly(b, name))
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

static int read_file(const char *path, char **buf, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	size_t cap = 1 << 16, n = 0, got;
	if (!fp)
		return -1;
	*buf = go_xmalloc(cap);
	while ((got = fread(*buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap)
			*buf = go_xrealloc(*buf, cap *= 2);
	}
	int err = ferror(fp) ? -1 : 0;
	int saved = errno;
	fclose(fp);
	if (err) {
		free(*buf);
		*buf = NULL;
		errno = saved;
		return -1;
	}
	*len = n;
	return 0;
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
		return go_xstrdup("attachments is not an array");
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
			return go_xasprintf("attachment %zu: no usable file name", i + 1);
		for (size_t k = 0; k < i; k++)
			if (!strcmp((*files)[k].name, name))
				return go_xasprintf("attachment %s: named twice", name);
		f->name = name;
		*nfiles = i + 1;
		if (blob && repo_path) {
			git_repository *r = source_repo(b, repo_path);
			git_oid oid;
			git_blob *bl = NULL;
			if (!r || git_oid_fromstr(&oid, blob) < 0 ||
			    git_blob_lookup(&bl, r, &oid) < 0) {
				const git_error *e = git_error_last();
				return go_xasprintf("attachment %s: cannot read blob %s in %s: %s",
						    name, blob, repo_path,
						    e && e->message ? e->message : "not found");
			}
			f->len = (size_t)git_blob_rawsize(bl);
			f->data = go_xmalloc(f->len + 1);
			memcpy(f->data, git_blob_rawcontent(bl), f->len);
			git_blob_free(bl);
		} else if (!path) {
			return go_xasprintf("attachment %s: no path", name);
		} else if (read_file(path, &f->data, &f->len) < 0) {
			return go_xasprintf("attachment %s: cannot read %s: %s", name, path,
					    strerror(errno));
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

static char *catalog_line(const json_t *rec, const char *dir)
{
	static const char *const keys[] = {
		"id", "title", "number", "office", "kind", "category", "date",
		"published", NULL,
	};
	json_t *l = json_object();
	for (int i = 0; keys[i]; i++) {
		json_t *v = json_object_get(rec, keys[i]);
		if (v)
			json_object_set(l, keys[i], v);
	}
	json_object_set_new(l, "path", json_string(dir));
	char *s = json_dumps(l, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(l);
	if (!s)
		go_diex("cannot encode a catalog line");
	return s;
}

static int blob(go_batch *b, git_oid *oid, const void *data, size_t len)
{
	return git_blob_create_from_buffer(oid, b->wrepo, data, len);
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
		*reason = go_xstrdup("no valid id, date or attribute for a store path");
		goto out;
	}
	int withheld = !strcmp(attr, "withheld");
	name = go_store_doc_name(id);
	folded = fold_case(id);
	json_t *seen = json_object_get(b->ids, folded);
	if (seen) {
		const char *other = b->doc[json_integer_value(seen)].id;
		*reason = strcmp(other, id) ?
			go_xasprintf("id differs only in letter case from %s, earlier in this batch", other) :
			go_xstrdup("id appears twice in this batch");
		goto out;
	}
	if ((twin = case_twin(b, name))) {
		*reason = go_xasprintf("id differs only in letter case from %s in the store", twin);
		goto out;
	}
	if (!withheld && !json_object_get(rec, "published")) {
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
	char *rj = record_json(rec, files, nfiles);
	int err = blob(b, &oid, rj, strlen(rj));
	free(rj);
	if (err < 0 || git_treebuilder_insert(NULL, tb, "record.json", &oid,
					      GIT_FILEMODE_BLOB) < 0 ||
	    git_treebuilder_write(&oid, tb) < 0)
		goto git_error;

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->doc = go_xrealloc(b->doc, b->cap * sizeof *b->doc);
	}
	struct doc *d = &b->doc[b->n];
	memset(d, 0, sizeof *d);
	d->id = go_xstrdup(id);
	d->name = name;
	name = NULL;
	d->attribute = go_xstrdup(attr);
	d->year = go_date_year(day);
	d->tree = oid;
	d->is_public = !strcmp(attr, "proactive");
	if (d->is_public)
		d->catalog = catalog_line(rec, dir);
	json_object_set_new(b->ids, folded, json_integer((json_int_t)b->n));
	n = (long)b->n++;
	goto out;
git_error:
	git_fail(dir);
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

static int cmp_doc(const void *x, const void *y)
{
	const struct doc *a = *(struct doc *const *)x, *c = *(struct doc *const *)y;
	if (a->year != c->year)
		return a->year < c->year ? -1 : 1;
	return strcmp(a->id, c->id);
}

struct line_change {
	const char *id;
	const char *line; /* NULL: remove */
};

static int cmp_change(const void *x, const void *y)
{
	return strcmp(((const struct line_change *)x)->id,
		      ((const struct line_change *)y)->id);
}

/* The id of a catalog line ({"id":"...",...}), into buf; "" when it has none. */
static const char *line_id(const char *s, size_t n, char *buf, size_t cap)
{
	static const char pre[] = "{\"id\":\"";
	buf[0] = '\0';
	if (n < sizeof pre || memcmp(s, pre, sizeof pre - 1))
		return buf;
	s += sizeof pre - 1;
	n -= sizeof pre - 1;
	size_t k = 0;
	while (k < n && k + 1 < cap && s[k] != '"')
		buf[k] = s[k], k++;
	buf[k] = '\0';
	return buf;
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

/* The catalog old (sorted by id) with the changes (sorted by id) applied. The
 * lines between changes are copied in runs: a year's catalog is megabytes. */
static void merge_catalog(const char *old, size_t len, struct line_change *ch, size_t nch,
		struct buf *out)
{
	const char *p = old, *end = old + len, *run = old;
	size_t k = 0;
	char idbuf[160];
	while (k < nch) {
		const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		size_t ll = p < end ? (nl ? (size_t)(nl - p) : (size_t)(end - p)) : 0;
		int c = p >= end ? 1 : strcmp(line_id(p, ll, idbuf, sizeof idbuf), ch[k].id);
		if (c < 0) {
			p = nl ? nl + 1 : end;
			continue;
		}
		buf_add(out, run, (size_t)(p - run));
		/* several changes of one id: the last wins */
		while (k + 1 < nch && !strcmp(ch[k].id, ch[k + 1].id))
			k++;
		if (ch[k].line) {
			buf_add(out, ch[k].line, strlen(ch[k].line));
			buf_add(out, "\n", 1);
		}
		k++;
		if (c == 0) /* the old line is replaced or removed */
			p = nl ? nl + 1 : end;
		run = p;
	}
	buf_add(out, run, (size_t)(end - run));
	if (out->n && out->p[out->n - 1] != '\n')
		buf_add(out, "\n", 1);
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

/* The catalog of year y on public after the changes; *oid, or NULL when empty. */
static int update_catalog(go_batch *b, git_tree *catalog, int y, struct line_change *ch,
		size_t nch, git_treebuilder *cb)
{
	char name[16];
	snprintf(name, sizeof name, "%04d.jsonl", y);
	const git_tree_entry *e = catalog ? git_tree_entry_byname(catalog, name) : NULL;
	git_blob *old = NULL;
	struct buf out = {0};
	git_oid oid;
	int err = 0;

	if (e && git_blob_lookup(&old, b->repo, git_tree_entry_id(e)) < 0)
		return git_fail(name);
	qsort(ch, nch, sizeof *ch, cmp_change);
	out.cap = (old ? (size_t)git_blob_rawsize(old) : 0) + 1;
	for (size_t i = 0; i < nch; i++)
		out.cap += ch[i].line ? strlen(ch[i].line) + 1 : 0;
	out.p = go_xmalloc(out.cap);
	merge_catalog(old ? git_blob_rawcontent(old) : "", old ? (size_t)git_blob_rawsize(old) : 0,
		      ch, nch, &out);
	if (out.n == 0)
		err = set_entry(cb, name, NULL, GIT_FILEMODE_BLOB);
	else if ((err = blob(b, &oid, out.p, out.n)) == 0)
		err = set_entry(cb, name, &oid, GIT_FILEMODE_BLOB);
	git_blob_free(old);
	free(out.p);
	return err < 0 ? git_fail(name) : 0;
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
		char *l = go_xasprintf("%s %s%s\n", d->id, d->attribute,
				       br == PUBLIC && !d->is_public ? " (removed)" : "");
		buf_add(m, l, strlen(l));
		free(l);
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

/* Write bld into parent as name, or drop name when bld is empty. */
static int put_tree(git_treebuilder *parent, const char *name, git_treebuilder *bld)
{
	git_oid oid;
	if (git_treebuilder_entrycount(bld) == 0)
		return set_entry(parent, name, NULL, GIT_FILEMODE_TREE);
	if (git_treebuilder_write(&oid, bld) < 0)
		return -1;
	return set_entry(parent, name, &oid, GIT_FILEMODE_TREE);
}

/*
 * Lay the batch onto branch br at tip (NULL: the branch is new): the new commit
 * in *out, 1; 0 when nothing changes; -1 on error. Only the year folders and
 * catalogs the batch touches are rebuilt.
 */
static int apply(go_batch *b, int br, const git_oid *tip, const git_signature *sig,
		struct doc **sorted, git_oid *out)
{
	git_commit *parent = NULL;
	git_tree *root = NULL, *docs = NULL, *catalog = NULL, *yt = NULL, *tree = NULL;
	git_treebuilder *rb = NULL, *db = NULL, *cb = NULL;
	struct line_change *ch = NULL;
	struct folder_change *fc = NULL;
	struct move *mv = NULL;
	size_t nmv = 0, nyears = 0;
	int *years = NULL, err = -1;
	struct buf m = {0};

	for (size_t i = 0; i < b->n; i++)
		sorted[i]->changed[br] = 0;
	if (tip && (git_commit_lookup(&parent, b->wrepo, tip) < 0 ||
		    git_commit_tree(&root, parent) < 0))
		goto git_error;
	docs = subtree(b, root, "docs");
	catalog = br == PUBLIC ? subtree(b, root, "catalog") : NULL;
	if (git_treebuilder_new(&db, b->wrepo, docs) < 0 ||
	    (br == PUBLIC && git_treebuilder_new(&cb, b->wrepo, catalog) < 0))
		goto git_error;

	/* A document whose date moved to another year leaves its old folder. */
	mv = go_xcalloc(b->n + 1, sizeof *mv);
	years = go_xcalloc(b->n + 1, sizeof *years);
	for (size_t j = 0, ny = docs ? git_tree_entrycount(docs) : 0; j < ny; j++) {
		const git_tree_entry *ye = git_tree_entry_byindex(docs, j);
		int y = atoi(git_tree_entry_name(ye));
		if (!go_store_year_name(git_tree_entry_name(ye)) ||
		    git_tree_lookup(&yt, b->repo, git_tree_entry_id(ye)) < 0)
			continue;
		for (size_t i = 0; i < b->n; i++)
			if (sorted[i]->year != y && git_tree_entry_byname(yt, sorted[i]->name))
				mv[nmv++] = (struct move){sorted[i], y};
		git_tree_free(yt);
		yt = NULL;
	}
	for (size_t i = 0; i < b->n; i++)
		if (!nyears || years[nyears - 1] != sorted[i]->year)
			years[nyears++] = sorted[i]->year;
	years = go_xrealloc(years, (nyears + nmv + 1) * sizeof *years);
	for (size_t k = 0; k < nmv; k++)
		years[nyears++] = mv[k].year;
	qsort(years, nyears, sizeof *years, cmp_int);

	ch = go_xcalloc(b->n + nmv + 1, sizeof *ch);
	fc = go_xcalloc(b->n + nmv + 1, sizeof *fc);
	for (size_t k = 0, i = 0; k < nyears; k++) {
		int y = years[k], changed = 0;
		size_t nch = 0;
		char yname[16];
		if (k && years[k - 1] == y)
			continue;
		snprintf(yname, sizeof yname, "%04d", y);
		const git_tree_entry *ye = docs ? git_tree_entry_byname(docs, yname) : NULL;
		size_t nfc = 0;
		while (i < b->n && sorted[i]->year < y)
			i++;
		for (; i < b->n && sorted[i]->year == y; i++) {
			struct doc *d = sorted[i];
			const git_oid *want = br == MAIN || d->is_public ? &d->tree : NULL;
			fc[nfc++] = (struct folder_change){d->name, want, d};
			ch[nch++] = (struct line_change){d->id, want ? d->catalog : NULL};
		}
		for (size_t j = 0; j < nmv; j++) {
			if (mv[j].year != y)
				continue;
			fc[nfc++] = (struct folder_change){mv[j].d->name, NULL, mv[j].d};
			ch[nch++] = (struct line_change){mv[j].d->id, NULL};
		}
		git_oid yoid;
		int r = merge_folder(b, ye && git_tree_entry_type(ye) == GIT_OBJECT_TREE ?
				     git_tree_entry_id(ye) : NULL, fc, nfc, br, &yoid);
		if (r < 0)
			goto git_error;
		changed = r > 0;
		if (changed && set_entry(db, yname, r == 2 ? NULL : &yoid, GIT_FILEMODE_TREE) < 0)
			goto git_error;
		/* the catalog is rebuilt even when no folder changed, so that a
		 * publish repairs one left stale */
		if (cb && update_catalog(b, catalog, y, ch, nch, cb) < 0)
			goto git_error;
	}

	git_oid tree_id;
	if (git_treebuilder_new(&rb, b->wrepo, root) < 0 || put_tree(rb, "docs", db) < 0 ||
	    (cb && put_tree(rb, "catalog", cb) < 0) || git_treebuilder_write(&tree_id, rb) < 0)
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
	err = git_fail(b->ref[br]);
out:
	free(m.p);
	free(ch);
	free(mv);
	free(years);
	git_treebuilder_free(rb);
	git_treebuilder_free(db);
	git_treebuilder_free(cb);
	free(fc);
	git_tree_free(tree);
	git_tree_free(yt);
	git_tree_free(docs);
	git_tree_free(catalog);
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
	return err < 0 ? git_fail(ref) : 0;
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

int go_batch_commit(go_batch *b, const struct git_signature *sig)
{
	struct doc **sorted = sort_docs(b);
	unsigned seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	git_oid tip[2], next[2];
	int has[2], r[2] = {0, 0}, err = -1;

	if (!b->o.dry_run && !identity_ok(sig)) {
		go_warnx("no identity to publish as");
		goto out;
	}
	/* Both commits first and one pack for all, then the refs, register first. */
	for (int br = MAIN; br <= PUBLIC; br++) {
		if ((has[br] = resolve_tip(b->repo, b->ref[br], &tip[br])) < 0)
			goto out;
		if (b->n && (r[br] = apply(b, br, has[br] ? &tip[br] : NULL, sig, sorted,
					   &next[br])) < 0)
			goto out;
	}
	if (b->o.dry_run || (!r[MAIN] && !r[PUBLIC])) {
		go_pack_discard(b->pack); /* nothing to keep: no pack left behind */
		err = 0;
		goto out;
	}
	if (go_pack_flush(b->pack) < 0)
		goto out;
	for (int br = MAIN; br <= PUBLIC; br++)
		if (r[br] && land(b, br, sig, sorted, tip[br], has[br], next[br], &seed) < 0)
			goto out;
	err = 0;
out:
	free(sorted);
	return err;
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

struct push_state { int rejected; };

static int push_update_cb(const char *ref, const char *status, void *data)
{
	struct push_state *p = data;
	if (status) {
		go_warnx("push: %s: %s; re-applying the batch on the remote's tips", ref, status);
		p->rejected = 1;
	}
	return 0;
}

static int open_remote(git_remote **out, git_repository *repo, const char *name)
{
	if (git_remote_lookup(out, repo, name) == 0)
		return 0;
	return git_remote_create_anonymous(out, repo, name);
}

int go_batch_push(go_batch *b, const char *remote_name, const struct git_signature *sig)
{
	git_remote *remote = NULL;
	unsigned seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	struct doc **sorted = sort_docs(b);
	int err = -1;

	if (open_remote(&remote, b->repo, remote_name) < 0) {
		git_fail(remote_name);
		goto out;
	}
	for (int attempt = 0; attempt < 10; attempt++) {
		char *specs[2];
		size_t nspec = 0;
		git_oid tip;
		for (int br = MAIN; br <= PUBLIC; br++)
			if (resolve_tip(b->repo, b->ref[br], &tip) == 1)
				specs[nspec++] = go_xasprintf("%s:%s", b->ref[br], b->ref[br]);
		git_strarray refspecs = {specs, nspec};
		git_push_options po;
		struct push_state ps = {0};
		git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
		po.callbacks.push_update_reference = push_update_cb;
		po.callbacks.payload = &ps;
		int perr = nspec ? git_remote_push(remote, &refspecs, &po) : 0;
		for (size_t i = 0; i < nspec; i++)
			free(specs[i]);
		if (perr == 0 && !ps.rejected) {
			err = 0;
			goto out;
		}
		if (perr < 0) {
			const git_error *e = git_error_last();
			go_warnx("push to %s: %s; re-applying the batch on its tips",
				 remote_name, e && e->message ? e->message : "rejected");
		}
		/* Rejected: someone pushed first. Fetch their tips, lay the batch
		 * on them, move the local branches there, and try again. */
		backoff(attempt, &seed);
		git_fetch_options fo;
		git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
		char *fspec[2];
		for (int br = MAIN; br <= PUBLIC; br++)
			fspec[br] = go_xasprintf("+%s:refs/go-publish/remote%s", b->ref[br],
						 b->ref[br] + 4);
		git_strarray fs = {fspec, 2};
		int ferr = git_remote_fetch(remote, &fs, &fo, NULL);
		for (int br = MAIN; br <= PUBLIC; br++)
			free(fspec[br]);
		if (ferr < 0) {
			git_fail(remote_name);
			goto out;
		}
		for (int br = MAIN; br <= PUBLIC; br++) {
			char *rref = go_xasprintf("refs/go-publish/remote%s", b->ref[br] + 4);
			git_oid base, local, next;
			int has_base = resolve_tip(b->repo, rref, &base);
			int has_local = resolve_tip(b->repo, b->ref[br], &local);
			free(rref);
			if (has_base < 0 || has_local < 0)
				goto out;
			int r = apply(b, br, has_base ? &base : NULL, sig, sorted, &next);
			if (r < 0)
				goto out;
			if (r == 0) {
				if (!has_base)
					continue;
				next = base; /* the remote has the batch already */
			}
			if (go_pack_flush(b->pack) < 0 ||
			    swap_ref(b->repo, b->ref[br], has_local ? &local : NULL, &next,
				     "go-publish: re-applied on the remote tip") != 0)
				goto out;
			if (r == 1) {
				b->commit[br] = next;
				b->committed[br] = 1;
			}
		}
	}
	go_warnx("push to %s: gave up after 10 attempts", remote_name);
out:
	free(sorted);
	git_remote_free(remote);
	return err;
}
