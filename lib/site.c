/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * site.c — go-site: the public view of a store as a static 政府信息公开 website.
 *
 * The model is one small summary per public document (the "state" lines: no
 * body), kept beside each rendered release so that the next run knows what it
 * rendered. A run builds the model (from the store with --full or on the first
 * run; else from the state plus the documents the diff since the rendered
 * commit names), then walks the plan of every file a site holds: the pages a
 * change touches are rendered (and written only when their bytes differ), every
 * other file is hard-linked from the previous release. The new release is
 * switched in by renaming a symbolic link over OUT, so a web server sees the
 * old site or the new one, never a mixture.
 *
 * Pages depend on the model and the config only, never on the clock, so the
 * same commit and config give the same bytes, incremental or --full.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"
#include "go-site.h"

#define PAGE_ITEMS 50     /* documents on a list page */
#define LATEST 20         /* on the home page */
#define FEED_ITEMS 50     /* in a feed */
#define SITEMAP_MAX 50000 /* URLs in one sitemap file (sitemaps.org) */
#define SEARCH_CHUNK 500  /* documents in one search index file */
#define STATE_VERSION 2

/* ---- vocabulary for the pages ------------------------------------------ */

struct label {
	const char *code, *name;
};
static const struct label categories[] = {
	{"decision", "决策公开"}, {"execution", "执行公开"}, {"management", "管理公开"},
	{"service", "服务公开"},  {"result", "结果公开"},    {NULL, NULL},
};
static const struct label kinds[] = {
	{"rule", "规章"},
	{"normative", "行政规范性文件"},
	{"policy", "其他政策性文件"},
	{"decision-draft", "决策草案"},
	{"interpretation", "政策解读"},
	{"meeting", "会议"},
	{"notice", "通知公告"},
	{"report", "报告、总结、计划"},
	{"guide", "办事服务指南"},
	{"license", "行政许可决定"},
	{"penalty", "行政处罚决定"},
	{"enforcement", "行政强制决定"},
	{"response", "回应关切"},
	{"repost", "转载"},
	{"feedback", "意见采纳情况"},
	{"other", "其他"},
	{NULL, NULL},
};
static const struct label validities[] = {
	{"in-force", "现行有效"}, {"amended", "已修改"}, {"abolished", "已废止"},
	{"expired", "失效"},      {NULL, NULL},
};
static const struct label forms[] = {
	{"article", "文字解读"},        {"press-conference", "新闻发布会"},
	{"media-interview", "媒体访谈"}, {"online-interview", "在线访谈"},
	{"graphic", "图文解读"},        {"video", "视频解读"},
	{"qa", "问答"},                 {NULL, NULL},
};

static const char *label(const struct label *t, const char *code)
{
	for (; code && t->code; t++)
		if (strcmp(t->code, code) == 0)
			return t->name;
	return NULL;
}

/* ---- the model ------------------------------------------------------------ */

typedef struct doc {
	json_t *e;          /* the summary; NULL until needed for a line of the state */
	const char *json;   /* that line's summary, parsed on demand (doc_json) */
	json_t *links;      /* the link fields: e itself, or the state line's; NULL: none */
	int own_links;
	const char *id, *title, *pub, *date, *cat, *kind, *office, *dir;
	const char *summary; /* 内容概述, once the body is read (or from the state) */
	char *body;          /* --full: read with the record, until its page is written */
	int read;            /* --full: summary and attachments set, body kept */
	char *url;          /* "docs/<YYYY>/<name>.html" */
	char *key;          /* "<published> <id>": list order */
	char month[8];      /* "YYYY-MM" of date */
	int withdrawn;      /* only its notice page, if configured */
	int dirty;          /* render its page */
	int gone;           /* replaced or removed by this run's changes */
} doc;

/* d's summary (a line of the state is parsed the first time it is needed). */
static json_t *doc_json(const doc *d)
{
	doc *m = (doc *)d; /* a cache: the summary is the same before and after */
	if (!m->e && m->json) {
		go_json_error jerr;
		m->e = go_json_parse(m->json, strlen(m->json), &jerr);
		if (!json_is_object(m->e)) {
			json_decref(m->e);
			m->e = json_object();
		}
	}
	return m->e;
}

typedef struct vec {
	doc **p;
	size_t n, cap;
} vec;

static void vec_push(vec *v, doc *d)
{
	if (v->n == v->cap)
		v->p = go_xrealloc(v->p, (v->cap = v->cap ? 2 * v->cap : 8) * sizeof *v->p);
	v->p[v->n++] = d;
}

/* A list of documents: the pages under name ("gk/kind/notice/"). */
typedef struct list {
	char *name, *title;
	vec items;           /* in key order */
	const char *minkey;  /* the smallest key a change touches, NULL: none */
	long added, removed; /* by this run's changes */
} list;

typedef struct site {
	go_store *store;
	const go_site_opts *o;
	git_tree *tree;
	char commit[41];
	const char *base;       /* absolute base URL, or NULL */
	const char *name;       /* site name */
	int notice;             /* withdrawn documents answer a notice */
	size_t sitemap_max;     /* URLs in one sitemap file */
	unsigned long crash_after; /* GO_TEST_SITE_CRASH */
	char *cfg_digest;       /* of the config and options: another one means --full */
	int full;
	char *newdir;           /* the site folder written: a new release's, or in place the current one */
	char *release;          /* the new release folder */
	vec docs;               /* every document of the model, key order after sort */
	go_map ids;               /* id -> doc (public ones) */
	go_map incoming;          /* id -> vec of docs linking to it */
	go_map lists;             /* name -> list */
	go_map office_hash;       /* office -> the 8 hex digits of its list's name */
	vec changed;            /* old and new versions of changed documents */
	go_map dirty_months;      /* "YYYY-MM" -> non-NULL */
	char **months;          /* every month of the model, sorted */
	size_t nmonths;
	int inplace;            /* an incremental run: files changed in the current release */
	unsigned long written, removed;
	char **drops;           /* files to remove at the end (in place) */
	size_t ndrops, capdrops;
	go_map all_ids;           /* id -> doc, public and withdrawn */
	char **bufs;            /* the state files, read whole: lines point into them */
	size_t nbufs;
	char lastdir[PATH_MAX]; /* the folder made last */
	go_buf page;
} site;

static const char *const summary_keys[] = {
	"id", "title", "office", "kind", "date", "published", "number", "topic", "category",
	"validity", "validity_date", "abolished_date", "interprets", "form", "amends",
	"replaces", "amended_by", "replaced_by", "interpretations", "withdrawn", NULL,
};

/* The documents a link field names: a string or an array of strings. */
#define LINK_FIELDS 6
static const char *const link_fields[LINK_FIELDS] = {
	"interprets", "interpretations", "amends", "amended_by", "replaces", "replaced_by",
};
/* The field that says the same from the other side. */
static const char *const link_inverse[LINK_FIELDS] = {
	"interpretations", "interprets", "amended_by", "amends", "replaced_by", "replaces",
};

static size_t link_ids(const json_t *e, const char *field, const char **out, size_t max)
{
	json_t *v = json_object_get(e, field);
	size_t n = 0, i;
	json_t *x;
	if (json_is_string(v) && max)
		out[n++] = json_string_value(v);
	json_array_foreach(v, i, x)
		if (json_is_string(x) && n < max)
			out[n++] = json_string_value(x);
	return n;
}

static int links_to(const json_t *e, const char *field, const char *id)
{
	const char *ids[64];
	size_t n = link_ids(e, field, ids, 64);
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

static const char *str_or(const json_t *e, const char *k, const char *dflt)
{
	const char *s = go_str(e, k);
	return s && *s ? s : dflt;
}

/* url, key and month of d from its fields; -1 when it cannot be shown. */
static int doc_place(doc *d)
{
	int day;
	char *name = d->id ? go_store_doc_name(d->id) : NULL;
	if (!name || !d->date || go_parse_date(d->date, &day) < 0 || !d->dir) {
		free(name);
		return -1;
	}
	d->url = go_xasprintf("docs/%04d/%s.html", go_date_year(day), name);
	d->key = go_xasprintf("%s %s", d->pub, d->id);
	memcpy(d->month, d->date, 7);
	free(name);
	return 0;
}

/* A document from its summary e (stolen); NULL when it cannot be shown. */
static doc *doc_new(json_t *e)
{
	doc *d = go_xcalloc(1, sizeof *d);
	d->e = d->links = e;
	d->id = go_str(e, "id");
	d->title = str_or(e, "title", "");
	d->date = go_str(e, "date");
	d->pub = str_or(e, "published", d->date);
	d->cat = go_str(e, "category");
	d->kind = str_or(e, "kind", "other");
	d->office = str_or(e, "office", "");
	d->dir = go_str(e, "dir");
	d->withdrawn = json_object_get(e, "withdrawn") != NULL;
	if (doc_place(d) < 0) {
		json_decref(e);
		free(d);
		return NULL;
	}
	return d;
}

static void doc_free(doc *d)
{
	if (!d)
		return;
	if (d->own_links)
		json_decref(d->links);
	json_decref(d->e);
	free(d->body);
	free(d->url);
	free(d->key);
	free(d);
}

/*
 * The summary of a stored record, or NULL when it is not for the public: only
 * proactive documents, whatever else the branch holds. A withdrawn one keeps
 * only what its notice needs, and nothing at all without a notice.
 */
static json_t *summary_of(const json_t *rec, const char *dir, int notice)
{
	const char *attr = go_str(rec, "attribute");
	attr = attr ? go_norm_attribute(attr) : NULL;
	if (!attr || strcmp(attr, "proactive") != 0 || !go_str(rec, "title"))
		return NULL;
	json_t *w = json_object_get(rec, "withdrawn");
	json_t *e = json_object();
	if (w && json_is_false(w))
		w = NULL;
	if (w) {
		if (!notice) {
			json_decref(e);
			return NULL;
		}
		json_object_set_new(e, "withdrawn", json_object());
		if (go_str(w, "date"))
			json_object_set_new(json_object_get(e, "withdrawn"), "date",
					    json_string(go_str(w, "date")));
		json_object_set(e, "id", json_object_get(rec, "id"));
		json_object_set(e, "date", json_object_get(rec, "date"));
		json_object_set_new(e, "dir", json_string(dir));
		return e;
	}
	for (const char *const *k = summary_keys; *k; k++) {
		json_t *v = json_object_get(rec, *k);
		if (v)
			json_object_set(e, *k, v);
	}
	const char *cat = go_str(rec, "category"), *kind = go_str(rec, "kind");
	if (cat && go_norm_category(cat))
		json_object_set_new(e, "category", json_string(go_norm_category(cat)));
	if (kind && go_norm_kind(kind))
		json_object_set_new(e, "kind", json_string(go_norm_kind(kind)));
	json_object_set_new(e, "dir", json_string(dir));
	return e;
}

static int key_cmp(const void *a, const void *b)
{
	const doc *x = *(doc *const *)a, *y = *(doc *const *)b;
	return strcmp(x->key, y->key);
}

static int month_cmp(const void *a, const void *b)
{
	const doc *x = *(doc *const *)a, *y = *(doc *const *)b;
	int r = strcmp(x->month, y->month);
	return r ? r : strcmp(x->id, y->id);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef char list_name[40];

/* Which lists d is on, their names into out. */
static size_t lists_of(site *st, const doc *d, list_name out[8])
{
	size_t n = 0;
	if (d->withdrawn)
		return 0;
	snprintf(out[n++], sizeof *out, "gk/all/");
	if (d->cat && label(categories, d->cat))
		snprintf(out[n++], sizeof *out, "gk/category/%s/", d->cat);
	if (label(kinds, d->kind))
		snprintf(out[n++], sizeof *out, "gk/kind/%s/", d->kind);
	void **slot = go_map_slot(&st->office_hash, d->office); /* a few offices, many documents */
	if (!*slot) {
		go_hash h;
		unsigned char dig[GO_HASH_MAX];
		char *hex = go_xmalloc(9);
		go_hash_init(&h, GO_SHA1);
		go_hash_update(&h, d->office, strlen(d->office));
		go_hash_final(&h, dig);
		go_hex(dig, 4, hex);
		*slot = hex;
	}
	snprintf(out[n++], sizeof *out, "gk/office/%s/", (char *)*slot);
	snprintf(out[n++], sizeof *out, "gk/year/%.4s/", d->date);
	if (strcmp(d->kind, "interpretation") == 0)
		snprintf(out[n++], sizeof *out, "gk/interp/");
	return n;
}

static list *list_get(site *st, const char *name, const doc *d)
{
	void **slot = go_map_slot(&st->lists, name);
	if (!*slot) {
		list *l = go_xcalloc(1, sizeof *l);
		l->name = go_xstrdup(name);
		st->lists.k[slot - st->lists.v] = l->name; /* the map borrows the list's copy */
		if (strcmp(name, "gk/all/") == 0)
			l->title = go_xstrdup("全部信息");
		else if (strcmp(name, "gk/interp/") == 0)
			l->title = go_xstrdup("政策解读");
		else if (strncmp(name, "gk/category/", 12) == 0)
			l->title = go_xstrdup(label(categories, d->cat));
		else if (strncmp(name, "gk/kind/", 8) == 0)
			l->title = go_xstrdup(label(kinds, d->kind));
		else if (strncmp(name, "gk/office/", 10) == 0)
			l->title = go_xstrdup(*d->office ? d->office : "未署名科室");
		else
			l->title = go_xasprintf("%.4s年", d->date);
		*slot = l;
	}
	return *slot;
}

/* ids, incoming links, lists and months of the model (docs sorted). */
static void index_model(site *st)
{
	if (st->docs.n)
		qsort(st->docs.p, st->docs.n, sizeof *st->docs.p, key_cmp);
	go_map months = {0};
	for (size_t i = 0; i < st->docs.n; i++) {
		doc *d = st->docs.p[i];
		if (!d->withdrawn)
			*go_map_slot(&st->ids, d->id) = d;
		*go_map_slot(&months, d->month) = d;
	}
	for (size_t i = 0; i < st->docs.n; i++) {
		doc *d = st->docs.p[i];
		if (d->withdrawn)
			continue;
		for (int f = 0; f < LINK_FIELDS; f++) {
			const char *ids[64];
			size_t n = link_ids(d->links, link_fields[f], ids, 64);
			for (size_t j = 0; j < n; j++) {
				void **slot = go_map_slot(&st->incoming, ids[j]);
				if (!*slot)
					*slot = go_xcalloc(1, sizeof(vec));
				vec *v = *slot;
				if (!v->n || v->p[v->n - 1] != d)
					vec_push(v, d);
			}
		}
		list_name names[8];
		size_t n = lists_of(st, d, names);
		for (size_t j = 0; j < n; j++)
			vec_push(&list_get(st, names[j], d)->items, d);
	}
	list_get(st, "gk/all/", NULL);
	list_get(st, "gk/interp/", NULL);
	st->months = go_xcalloc(months.n + 1, sizeof *st->months);
	for (size_t i = 0; i < months.cap; i++)
		if (months.k[i])
			st->months[st->nmonths++] = go_xstrdup(months.k[i]);
	qsort(st->months, st->nmonths, sizeof *st->months, str_cmp);
	go_map_free(&months);
}

/* What a changed document (old or new version) touches: pages, lists, months. */
static void touch(site *st, const doc *c, int added)
{
	doc *d;
	if ((d = go_map_get(&st->ids, c->id)))
		d->dirty = 1;
	/* per month, old minus new: documents, public ones */
	void **slot = go_map_slot(&st->dirty_months, c->month);
	if (!*slot)
		*slot = go_xcalloc(2, sizeof(long));
	long *delta = *slot;
	delta[0] += added ? -1 : 1;
	delta[1] += !c->withdrawn ? (added ? -1 : 1) : 0;
	if (c->withdrawn)
		return;
	for (int f = 0; f < LINK_FIELDS; f++) {
		const char *ids[64];
		size_t n = link_ids(c->links, link_fields[f], ids, 64);
		for (size_t j = 0; j < n; j++)
			if ((d = go_map_get(&st->ids, ids[j])))
				d->dirty = 1;
	}
	vec *in = go_map_get(&st->incoming, c->id);
	for (size_t j = 0; in && j < in->n; j++)
		in->p[j]->dirty = 1;
	list_name names[8];
	size_t n = lists_of(st, c, names);
	for (size_t j = 0; j < n; j++) {
		list *l = go_map_get(&st->lists, names[j]);
		if (!l)
			l = list_get(st, names[j], c); /* emptied: its pages go */
		if (!l->minkey || strcmp(c->key, l->minkey) < 0)
			l->minkey = c->key;
		if (added)
			l->added++;
		else
			l->removed++;
	}
}

/* The documents d's page links to by relation f (and the inverse), key order. */
static size_t related(site *st, const doc *d, int f, doc **out, size_t max)
{
	const char *ids[64];
	size_t n = 0, m = link_ids(d->links, link_fields[f], ids, 64);
	doc *x;
	for (size_t i = 0; i < m && n < max; i++)
		if ((x = go_map_get(&st->ids, ids[i])) && x != d)
			out[n++] = x;
	vec *in = go_map_get(&st->incoming, d->id);
	for (size_t i = 0; in && i < in->n && n < max; i++)
		if (in->p[i] != d && links_to(in->p[i]->links, link_inverse[f], d->id))
			out[n++] = in->p[i];
	qsort(out, n, sizeof *out, key_cmp);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || out[k - 1] != out[i])
			out[k++] = out[i];
	return k;
}

/* ---- files of the new release ------------------------------------------ */

static int mkdirs(site *st, const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	if (!slash)
		return 0;
	size_t n = (size_t)(slash - path);
	if (n >= sizeof dir)
		return -1;
	memcpy(dir, path, n);
	dir[n] = '\0';
	if (strcmp(dir, st->lastdir) == 0)
		return 0;
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -1;
	snprintf(st->lastdir, sizeof st->lastdir, "%s", dir);
	return 0;
}

static int same_bytes(const char *path, const char *p, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	int same = 0;
	if (fd < 0)
		return 0;
	if (fstat(fd, &sb) == 0 && (size_t)sb.st_size == n) {
		char *buf = go_xmalloc(n + 1);
		size_t got = 0;
		ssize_t r;
		while (got < n && (r = read(fd, buf + got, n - got)) > 0)
			got += (size_t)r;
		same = got == n && memcmp(buf, p, n) == 0;
		free(buf);
	}
	close(fd);
	return same;
}

/*
 * Write p[0..n) as rel. Into a new release (--full, a first run): a new file.
 * In place (an incremental run): nothing when the file holds these bytes
 * already, else a temporary file beside it renamed over it, so that a reader
 * gets the old file or the new one, never a part of either.
 */
static int emit(site *st, const char *rel, const char *p, size_t n)
{
	char *path = go_xasprintf("%s/%s", st->newdir, rel), *tmp = NULL;
	int fd = -1, rc = -1;
	if (st->inplace && same_bytes(path, p, n)) {
		free(path);
		return 0;
	}
	if (st->inplace)
		tmp = go_xasprintf("%s.tmp-%ld", path, (long)getpid());
	const char *to = tmp ? tmp : path;
	if (mkdirs(st, path) < 0) {
		go_warn("%s", path);
		goto out;
	}
	fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		go_warn("%s", to);
		goto out;
	}
	for (size_t done = 0; done < n;) {
		ssize_t w = write(fd, p + done, n - done);
		if (w < 0) {
			go_warn("%s", to);
			goto out;
		}
		done += (size_t)w;
	}
	rc = 0;
out:
	if (fd >= 0 && close(fd) < 0 && rc == 0) {
		go_warn("%s", to);
		rc = -1;
	}
	if (rc == 0 && tmp && rename(tmp, path) < 0) {
		go_warn("%s", path);
		rc = -1;
	}
	if (rc < 0 && tmp)
		unlink(tmp);
	if (rc == 0)
		st->written++;
	free(tmp);
	free(path);
	/* the tests kill a run in place after its N-th file (GO_TEST_SITE_CRASH=N) */
	if (st->inplace && st->crash_after && st->written == st->crash_after)
		raise(SIGKILL);
	return rc;
}

/* In place: rel is a file the new model no longer makes. It goes after every
 * page that might link it is written (drop_all). */
static void drop(site *st, const char *rel)
{
	if (!st->inplace)
		return;
	if (st->ndrops == st->capdrops)
		st->drops = go_xrealloc(st->drops, (st->capdrops = st->capdrops ? 2 * st->capdrops : 16) *
						       sizeof *st->drops);
	st->drops[st->ndrops++] = go_xstrdup(rel);
}

/* Remove the dropped files, and each folder left empty. */
static void drop_all(site *st)
{
	for (size_t i = 0; i < st->ndrops; i++) {
		char *path = go_xasprintf("%s/%s", st->newdir, st->drops[i]);
		if (unlink(path) == 0)
			st->removed++;
		char *slash = strrchr(path, '/');
		if (slash) {
			*slash = '\0';
			rmdir(path); /* fails, as it should, while the folder holds anything */
		}
		free(path);
	}
}

static int emit_page(site *st, const char *rel)
{
	int rc = emit(st, rel, st->page.p, st->page.n);
	st->page.n = 0;
	return rc;
}

/* ---- the frame of every page -------------------------------------------- */

/* "../" as many times as rel has folders: links stay relative, so the site
 * works under any path and from the file system. */
static const char *root_of(const char *rel)
{
	static const char ups[] = "../../../../../../../../";
	size_t n = 0;
	for (const char *p = rel; *p; p++)
		n += *p == '/';
	if (n > 8)
		n = 8;
	return ups + sizeof ups - 1 - 3 * n;
}

static void cfg_field(site *st, go_buf *b, const char *key, const char *name)
{
	const char *v = go_str(st->o->config, key);
	if (!v || !*v)
		return;
	go_buf_puts(b, "<li>");
	if (name) {
		go_buf_html(b, name);
		go_buf_puts(b, "：");
	}
	go_buf_html(b, v);
	go_buf_puts(b, "</li>");
}

static void page_begin(site *st, const char *rel, const char *title, const char *extra_head)
{
	go_buf *b = &st->page;
	const char *r = root_of(rel);
	go_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>");
	go_buf_html(b, title);
	go_buf_puts(b, " - ");
	go_buf_html(b, st->name);
	go_buf_printf(b, "</title>\n<link rel=\"stylesheet\" href=\"%sstyle.css\" />\n"
			 "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"最新信息\" "
			 "href=\"%sfeeds/all.atom\" />\n", r, r);
	if (extra_head)
		go_buf_puts(b, extra_head);
	go_buf_printf(b, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n"
			 "<header class=\"top\">\n<p class=\"site-name\"><a href=\"%sindex.html\">", r);
	go_buf_html(b, st->name);
	go_buf_printf(b, "</a></p>\n<nav aria-label=\"主导航\"><ul>\n"
			 "<li><a href=\"%sindex.html\">首页</a></li>\n"
			 "<li><a href=\"%sgk/index.html\">政府信息公开</a></li>\n"
			 "<li><a href=\"%sgk/interp/index.html\">政策解读</a></li>\n"
			 "<li><a href=\"%scatalogue/index.html\">公开目录</a></li>\n"
			 "<li><a href=\"%ssearch/index.html\">搜索</a></li>\n"
			 "</ul></nav>\n</header>\n<main id=\"main\">\n",
		      r, r, r, r, r);
}

static void page_end(site *st)
{
	go_buf *b = &st->page;
	go_buf_puts(b, "</main>\n<footer class=\"foot\">\n<ul>\n<li>");
	go_buf_html(b, st->name);
	go_buf_puts(b, "</li>");
	cfg_field(st, b, "site_code", "网站标识码");
	cfg_field(st, b, "icp", NULL);
	cfg_field(st, b, "psb", NULL);
	cfg_field(st, b, "contact", "联系我们");
	go_buf_puts(b, "\n</ul>\n</footer>\n</body>\n</html>\n");
}

/* <li> of a document in a list. */
static void doc_item(site *st, const char *r, const doc *d)
{
	go_buf *b = &st->page;
	go_buf_printf(b, "<li><a href=\"%s%s\">", r, d->url);
	go_buf_html(b, d->title);
	go_buf_puts(b, "</a> <span class=\"info\">");
	go_buf_html(b, d->pub);
	if (go_str(doc_json(d), "number")) {
		go_buf_puts(b, " · ");
		go_buf_html(b, go_str(doc_json(d), "number"));
	}
	const char *v = go_str(doc_json(d), "validity");
	if (v && strcmp(v, "in-force") != 0 && label(validities, v)) {
		go_buf_printf(b, " <span class=\"validity validity-%s\">", v);
		go_buf_html(b, label(validities, v));
		go_buf_puts(b, "</span>");
	}
	go_buf_puts(b, "</span></li>\n");
}

/* ---- a document's page ---------------------------------------------------- */

static void meta_row(go_buf *b, const char *field, const char *name, const char *value)
{
	go_buf_printf(b, "<tr><th scope=\"row\">%s</th><td data-field=\"%s\">", name, field);
	go_buf_html(b, value && *value ? value : "—");
	go_buf_puts(b, "</td></tr>\n");
}

static void doc_links(site *st, const char *r, const char *head, doc **xs, size_t n)
{
	go_buf *b = &st->page;
	for (size_t i = 0; i < n; i++) {
		go_buf_printf(b, "<br />%s<a href=\"%s%s\">", head, r, xs[i]->url);
		go_buf_html(b, xs[i]->title);
		go_buf_puts(b, "</a>");
	}
}

static const char *file_type(const char *name)
{
	static const struct label types[] = {
		{"pdf", "PDF"},  {"ofd", "OFD"},   {"doc", "Word"}, {"docx", "Word"},
		{"wps", "WPS"},  {"xls", "Excel"}, {"xlsx", "Excel"}, {"et", "WPS 表格"},
		{"csv", "CSV"},  {"txt", "文本"},  {"zip", "ZIP"},  {"rar", "RAR"},
		{"jpg", "JPEG"}, {"jpeg", "JPEG"}, {"png", "PNG"},  {"gif", "GIF"},
		{"mp4", "视频"}, {"mp3", "音频"},  {NULL, NULL},
	};
	const char *dot = strrchr(name, '.');
	char ext[8];
	size_t i = 0;
	if (!dot || strlen(dot + 1) >= sizeof ext)
		return "文件";
	for (dot++; *dot; dot++)
		ext[i++] = (char)((*dot >= 'A' && *dot <= 'Z') ? *dot + 32 : *dot);
	ext[i] = '\0';
	const char *t = label(types, ext);
	return t ? t : "文件";
}

static void human_size(json_int_t n, char out[32])
{
	if (n < 1024)
		snprintf(out, 32, "%lld 字节", (long long)n);
	else if (n < 1024 * 1024)
		snprintf(out, 32, "%.1f KB", n / 1024.0);
	else
		snprintf(out, 32, "%.1f MB", n / (1024.0 * 1024.0));
}

/* A file name safe in a URL path and on disk: the last part of the store path,
 * unless it is empty, hidden, or holds a control character. */
static char *attachment_file(const char *path, size_t i)
{
	const char *base = path ? strrchr(path, '/') : NULL;
	base = base ? base + 1 : path;
	int ok = base && *base && *base != '.' && strlen(base) < 200;
	for (const char *p = base; ok && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || *p == 0x7f)
			ok = 0;
	return ok ? go_xstrdup(base) : go_xasprintf("attachment-%zu", i + 1);
}

/* d's attachments in its summary: name, file, blob, size (from the record). */
static void set_attachments(site *st, doc *d, const json_t *rec)
{
	json_t *out = json_array(), *a;
	size_t i;
	json_array_foreach(json_object_get(rec, "attachments"), i, a) {
		const char *blob = go_str(a, "blob");
		git_oid oid;
		git_blob *bl = NULL;
		if (!blob || git_oid_fromstr(&oid, blob) < 0 ||
		    git_blob_lookup(&bl, go_store_repo(st->store), &oid) < 0)
			continue;
		char *file = attachment_file(go_str(a, "path"), i);
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:I}", "name",
						     str_or(a, "name", file), "file", file, "blob",
						     blob, "size", (json_int_t)git_blob_rawsize(bl)));
		free(file);
		git_blob_free(bl);
	}
	json_object_set_new(doc_json(d), "attachments", out);
}

/* The folder of d's attachments: its page's path without ".html". */
static char *attachment_dir(const doc *d)
{
	return go_xasprintf("%.*s", (int)(strlen(d->url) - 5), d->url);
}

static int emit_attachments(site *st, const doc *d)
{
	size_t i;
	json_t *a;
	char *dir = attachment_dir(d);
	int rc = 0;
	json_array_foreach(json_object_get(doc_json(d), "attachments"), i, a) {
		char *rel = go_xasprintf("%s/%s", dir, go_str(a, "file"));
		{
			git_oid oid;
			git_blob *bl = NULL;
			if (git_oid_fromstr(&oid, go_str(a, "blob")) < 0 ||
			    git_blob_lookup(&bl, go_store_repo(st->store), &oid) < 0) {
				go_warnx("%s: attachment %s: no such blob", d->dir, go_str(a, "file"));
				rc = -1;
			} else {
				rc |= emit(st, rel, git_blob_rawcontent(bl), (size_t)git_blob_rawsize(bl));
			}
			git_blob_free(bl);
		}
		free(rel);
	}
	free(dir);
	return rc;
}

/* 内容概述: the first characters of the body as plain text. */
static void set_summary(doc *d, const char *body)
{
	go_buf b = {0};
	size_t chars = 0;
	int space = 0;
	for (const char *p = body ? body : ""; *p && chars < 120;) {
		unsigned char c = (unsigned char)*p;
		size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		if (strchr("#*_`>[]|<\\", c) && c) {
			p++;
			continue;
		}
		if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
			space = b.n > 0;
			p++;
			continue;
		}
		if (space)
			go_buf_put(&b, " ", 1);
		space = 0;
		size_t k = 0;
		while (k < len && p[k])
			k++;
		go_buf_put(&b, p, k);
		p += k;
		chars++;
	}
	json_object_set_new(doc_json(d), "summary", json_string(b.p ? b.p : ""));
	d->summary = go_str(d->e, "summary");
	go_buf_free(&b);
}

static int render_doc(site *st, doc *d, const char *body)
{
	go_buf *b = &st->page;
	const char *r = root_of(d->url);
	if (d->withdrawn) {
		json_t *w = json_object_get(doc_json(d), "withdrawn");
		page_begin(st, d->url, "已撤回", "<meta name=\"robots\" content=\"noindex\" />\n");
		go_buf_puts(b, "<h1>已撤回</h1>\n<p class=\"withdrawn\">该信息已");
		if (go_str(w, "date")) {
			go_buf_puts(b, "于 ");
			go_buf_html(b, go_str(w, "date"));
			go_buf_puts(b, " ");
		}
		go_buf_printf(b, "撤回。</p>\n<p><a href=\"%sgk/index.html\">浏览现行公开的信息</a></p>\n", r);
		page_end(st);
		return emit_page(st, d->url);
	}
	const json_t *e = doc_json(d);
	page_begin(st, d->url, d->title, NULL);
	go_buf_printf(b, "<nav class=\"crumbs\" aria-label=\"当前位置\"><a href=\"%sindex.html\">首页</a> › "
			 "<a href=\"%sgk/index.html\">政府信息公开</a>", r, r);
	if (d->cat && label(categories, d->cat))
		go_buf_printf(b, " › <a href=\"%sgk/category/%s/index.html\">%s</a>", r, d->cat,
			      label(categories, d->cat));
	go_buf_puts(b, "</nav>\n<article class=\"doc\">\n<h1>");
	go_buf_html(b, d->title);
	go_buf_puts(b, "</h1>\n<table class=\"meta\">\n<caption>信息公开要素</caption>\n");
	meta_row(b, "id", "索引号", d->id);
	meta_row(b, "office", "发布机构", d->office);
	meta_row(b, "date", "成文日期", d->date);
	meta_row(b, "published", "发布日期", d->pub);
	meta_row(b, "number", "文号", go_str(e, "number"));
	meta_row(b, "topic", "主题分类", go_str(e, "topic") ? go_str(e, "topic") : label(kinds, d->kind));
	meta_row(b, "category", "五公开类别", label(categories, d->cat));
	meta_row(b, "attribute", "公开属性", "主动公开");

	const char *v = str_or(e, "validity", "in-force");
	if (!label(validities, v))
		v = "in-force";
	const char *vdate = go_str(e, "validity_date");
	if (!vdate && strcmp(v, "abolished") == 0)
		vdate = go_str(e, "abolished_date");
	go_buf_printf(b, "<tr><th scope=\"row\">有效性</th><td data-field=\"validity\">"
			 "<span class=\"validity validity-%s\">%s</span>", v, label(validities, v));
	if (vdate && strcmp(v, "in-force") != 0) {
		go_buf_puts(b, "（");
		go_buf_html(b, vdate);
		go_buf_puts(b, "）");
	}
	doc *xs[64];
	size_t n;
	n = related(st, d, 3, xs, 64); /* amended_by */
	doc_links(st, r, "修改文件：", xs, n);
	n = related(st, d, 5, xs, 64); /* replaced_by */
	doc_links(st, r, "替代文件：", xs, n);
	n = related(st, d, 2, xs, 64); /* amends */
	doc_links(st, r, "本文件修改了：", xs, n);
	n = related(st, d, 4, xs, 64); /* replaces */
	doc_links(st, r, "本文件替代了：", xs, n);
	go_buf_puts(b, "</td></tr>\n</table>\n<div class=\"doc-grid\">\n"
		       "<section class=\"body\" aria-labelledby=\"h-body\">\n<h2 id=\"h-body\">正文</h2>\n");
	if (body && *body)
		go_buf_markdown(b, body, strlen(body), 2);
	else
		go_buf_puts(b, "<p>（无正文）</p>\n");
	go_buf_puts(b, "</section>\n");

	doc *interp[64];
	size_t ni = 0, np = 0;
	doc *pol[64];
	if (strcmp(d->kind, "interpretation") == 0)
		np = related(st, d, 0, pol, 64); /* interprets */
	else
		ni = related(st, d, 1, interp, 64); /* interpretations */
	if (np || ni) {
		go_buf_puts(b, "<aside class=\"related\" aria-labelledby=\"h-related\">\n");
		go_buf_printf(b, "<h2 id=\"h-related\">%s</h2>\n<ul class=\"%s\">\n",
			      np ? "解读的政策" : "政策解读", np ? "policy-link" : "interp-links");
		doc **xs2 = np ? pol : interp;
		for (size_t i = 0; i < (np ? np : ni); i++) {
			go_buf_printf(b, "<li><a href=\"%s%s\">", r, xs2[i]->url);
			go_buf_html(b, xs2[i]->title);
			go_buf_puts(b, "</a>");
			const char *form = label(forms, go_str(doc_json(xs2[i]), "form"));
			if (form)
				go_buf_printf(b, " <span class=\"info\">%s</span>", form);
			go_buf_puts(b, "</li>\n");
		}
		go_buf_puts(b, "</ul>\n</aside>\n");
	}
	go_buf_puts(b, "</div>\n");

	json_t *atts = json_object_get(e, "attachments");
	if (json_array_size(atts)) {
		char *dir = attachment_dir(d);
		const char *base = strrchr(dir, '/') + 1;
		size_t i;
		json_t *a;
		go_buf_puts(b, "<section class=\"attachments\" aria-labelledby=\"h-att\">\n"
			       "<h2 id=\"h-att\">附件</h2>\n<ul>\n");
		json_array_foreach(atts, i, a) {
			char size[32];
			human_size(json_integer_value(json_object_get(a, "size")), size);
			go_buf_puts(b, "<li><a href=\"");
			go_buf_url(b, base);
			go_buf_puts(b, "/");
			go_buf_url(b, go_str(a, "file"));
			go_buf_puts(b, "\">");
			go_buf_html(b, go_str(a, "name"));
			go_buf_printf(b, "</a> <span class=\"info\">（%s，%s）</span></li>\n",
				      file_type(go_str(a, "file")), size);
		}
		go_buf_puts(b, "</ul>\n</section>\n");
		free(dir);
	}
	go_buf_puts(b, "</article>\n");
	page_end(st);
	int rc = emit_page(st, d->url);
	return rc | emit_attachments(st, d);
}

/* ---- search: a bigram index per chunk of documents --------------------- */

/* A chunk's index: each token interned, with the documents that have it (in
 * document order, each once). */
typedef struct token {
	char *name;
	uint32_t *docs;
	uint32_t n, cap;
} token;

typedef struct postings {
	uint32_t *slots; /* open addressing: token number + 1, 0 empty */
	size_t nslots;
	token *t;
	size_t ntoks, cap;
	go_buf docs;     /* the chunk's documents, as JSON array elements */
	uint32_t ndocs;
} postings;

static int is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
}

static uint32_t utf8_next(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	uint32_t c = *p;
	size_t len = 1;
	if (c >= 0xf0 && p[1] && p[2] && p[3])
		c = (c & 7) << 18 | (p[1] & 63u) << 12 | (p[2] & 63u) << 6 | (p[3] & 63u), len = 4;
	else if (c >= 0xe0 && p[1] && p[2])
		c = (c & 15) << 12 | (p[1] & 63u) << 6 | (p[2] & 63u), len = 3;
	else if (c >= 0xc0 && p[1])
		c = (c & 31) << 6 | (p[1] & 63u), len = 2;
	*s += len;
	return c;
}

static void postings_reset(postings *ps)
{
	for (size_t i = 0; i < ps->ntoks; i++) {
		free(ps->t[i].name);
		free(ps->t[i].docs);
	}
	free(ps->t);
	free(ps->slots);
	ps->t = NULL;
	ps->slots = NULL;
	ps->ntoks = ps->cap = ps->nslots = 0;
	ps->docs.n = 0;
	ps->ndocs = 0;
}

static size_t bytes_hash(const char *s, size_t n) { return (size_t)go_fnv1a(s, n, 0); }

/* The slot of token s[0..n) (a bigram is 6 bytes: hashed and compared as
 * bytes, never copied, as it is met millions of times). */
static uint32_t *token_slot(postings *ps, const char *s, size_t n)
{
	size_t i = bytes_hash(s, n) & (ps->nslots - 1);
	for (; ps->slots[i]; i = (i + 1) & (ps->nslots - 1)) {
		const char *name = ps->t[ps->slots[i] - 1].name;
		/* strnlen first: a shorter name must not be read past its end */
		if (strnlen(name, n + 1) == n && memcmp(name, s, n) == 0)
			break;
	}
	return &ps->slots[i];
}

static void add_token(postings *ps, const char *s, size_t n, uint32_t num)
{
	if (n == 0 || n >= 32)
		return;
	if (2 * (ps->ntoks + 1) > ps->nslots) {
		free(ps->slots);
		ps->nslots = ps->nslots ? 2 * ps->nslots : 4096;
		ps->slots = go_xcalloc(ps->nslots, sizeof *ps->slots);
		for (size_t k = 0; k < ps->ntoks; k++)
			*token_slot(ps, ps->t[k].name, strlen(ps->t[k].name)) = (uint32_t)k + 1;
	}
	uint32_t *slot = token_slot(ps, s, n);
	if (!*slot) {
		if (ps->ntoks == ps->cap)
			ps->t = go_xrealloc(ps->t, (ps->cap = ps->cap ? 2 * ps->cap : 1024) * sizeof *ps->t);
		token *t = &ps->t[ps->ntoks];
		memset(t, 0, sizeof *t);
		t->name = go_xmalloc(n + 1);
		memcpy(t->name, s, n);
		t->name[n] = '\0';
		*slot = (uint32_t)++ps->ntoks;
	}
	token *t = &ps->t[*slot - 1];
	if (t->n && t->docs[t->n - 1] == num)
		return;
	if (t->n == t->cap)
		t->docs = go_xrealloc(t->docs, (t->cap = t->cap ? 2 * t->cap : 4) * sizeof *t->docs);
	t->docs[t->n++] = num;
}

/* Han bigrams and lower-case ASCII words of text: the same as search.js. */
static void tokenize(postings *ps, const char *text, uint32_t num)
{
	const char *prev = NULL, *s = text;
	char word[24];
	size_t wn = 0;
	while (*s) {
		const char *at = s;
		uint32_t c = utf8_next(&s);
		int alnum = c < 0x80 && ((c | 32) - 'a' < 26 || c - '0' < 10);
		if (alnum) {
			if (wn < sizeof word - 1)
				word[wn++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
		} else if (wn) {
			if (wn >= 2)
				add_token(ps, word, wn, num);
			wn = 0;
		}
		if (is_han(c)) {
			if (prev)
				add_token(ps, prev, (size_t)(s - prev), num);
			prev = at;
		} else {
			prev = NULL;
		}
	}
	if (wn >= 2)
		add_token(ps, word, wn, num);
}

static void search_add(postings *ps, const doc *d, const char *body)
{
	go_buf *b = &ps->docs;
	if (ps->ndocs)
		go_buf_puts(b, ",\n");
	go_buf_puts(b, "[");
	go_buf_json(b, d->url);
	go_buf_puts(b, ",");
	go_buf_json(b, d->title);
	go_buf_puts(b, ",");
	go_buf_json(b, d->pub);
	go_buf_puts(b, "]");
	tokenize(ps, d->title, ps->ndocs);
	if (body)
		tokenize(ps, body, ps->ndocs);
	ps->ndocs++;
}

static int token_cmp(const void *a, const void *b)
{
	return strcmp(((const token *)a)->name, ((const token *)b)->name);
}

static int search_emit(site *st, postings *ps, const char *rel)
{
	go_buf *b = &st->page;
	if (ps->ntoks)
		qsort(ps->t, ps->ntoks, sizeof *ps->t, token_cmp);
	go_buf_puts(b, "{\"docs\":[\n");
	if (ps->docs.n)
		go_buf_put(b, ps->docs.p, ps->docs.n);
	go_buf_puts(b, "],\n\"index\":{");
	for (size_t i = 0; i < ps->ntoks; i++) {
		token *t = &ps->t[i];
		if (i)
			go_buf_puts(b, "],\n");
		go_buf_json(b, t->name);
		for (uint32_t j = 0; j < t->n; j++) {
			char num[16], *e = num + sizeof num, *p = e;
			uint32_t v = t->docs[j];
			do
				*--p = (char)('0' + v % 10);
			while (v /= 10);
			*--p = j ? ',' : '[';
			if (!j)
				*--p = ':';
			go_buf_put(b, p, (size_t)(e - p));
		}
	}
	go_buf_puts(b, ps->ntoks ? "]}}\n" : "}}\n");
	int rc = emit_page(st, rel);
	postings_reset(ps);
	return rc;
}

/* ---- sitemaps, feeds, catalogue ----------------------------------------- */

static void xml_url(site *st, const char *rel)
{
	go_buf_html(&st->page, st->base);
	go_buf_html(&st->page, rel);
}

static int emit_month_files(site *st, doc **ds, size_t n, const char *month)
{
	go_buf *b = &st->page;
	int rc = 0;
	/* sitemaps: one file per month, more when a month has over sitemap_max
	 * public documents (counted as emit_sitemap_index counts them) */
	vec live = {0};
	for (size_t i = 0; i < n; i++)
		if (!ds[i]->withdrawn)
			vec_push(&live, ds[i]);
	for (size_t part = 0; st->base && part * st->sitemap_max < live.n; part++) {
		go_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			       "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		for (size_t i = part * st->sitemap_max; i < live.n && i < (part + 1) * st->sitemap_max; i++) {
			go_buf_puts(b, "<url><loc>");
			xml_url(st, live.p[i]->url);
			go_buf_puts(b, "</loc><lastmod>");
			go_buf_html(b, live.p[i]->pub);
			go_buf_puts(b, "</lastmod></url>\n");
		}
		go_buf_puts(b, "</urlset>\n");
		char *rel = part ? go_xasprintf("sitemaps/%s-%zu.xml", month, part + 1)
				 : go_xasprintf("sitemaps/%s.xml", month);
		rc |= emit_page(st, rel);
		free(rel);
	}
	free(live.p);
	/* 公开目录 of the month, as JSON Lines and CSV */
	for (size_t i = 0; i < n; i++) {
		if (ds[i]->withdrawn)
			continue;
		go_buf_puts(b, "{\"索引号\":");
		go_buf_json(b, ds[i]->id);
		go_buf_puts(b, ",\"名称\":");
		go_buf_json(b, ds[i]->title);
		go_buf_puts(b, ",\"内容概述\":");
		go_buf_json(b, (ds[i]->summary ? ds[i]->summary : ""));
		go_buf_puts(b, ",\"生成日期\":");
		go_buf_json(b, ds[i]->date);
		go_buf_puts(b, ",\"发布机构\":");
		go_buf_json(b, ds[i]->office);
		go_buf_puts(b, ",\"发布日期\":");
		go_buf_json(b, ds[i]->pub);
		go_buf_puts(b, ",\"链接\":");
		go_buf_json(b, ds[i]->url);
		go_buf_puts(b, "}\n");
	}
	char *rel = go_xasprintf("catalogue/%s.jsonl", month);
	rc |= emit_page(st, rel);
	free(rel);
	go_buf_puts(b, "\xef\xbb\xbf\"索引号\",\"名称\",\"内容概述\",\"生成日期\",\"发布机构\",\"发布日期\",\"链接\"\r\n");
	for (size_t i = 0; i < n; i++) {
		if (ds[i]->withdrawn)
			continue;
		const char *cells[] = {ds[i]->id, ds[i]->title, (ds[i]->summary ? ds[i]->summary : ""),
				       ds[i]->date, ds[i]->office, ds[i]->pub, ds[i]->url};
		for (size_t c = 0; c < 7; c++) {
			if (c)
				go_buf_puts(b, ",");
			go_buf_csv(b, cells[c]);
		}
		go_buf_puts(b, "\r\n");
	}
	rel = go_xasprintf("catalogue/%s.csv", month);
	rc |= emit_page(st, rel);
	free(rel);
	return rc;
}

static void atom_time(go_buf *b, const char *day)
{
	go_buf_html(b, day);
	go_buf_puts(b, "T00:00:00+08:00");
}

static void atom_link(site *st, const char *rel)
{
	if (st->base)
		xml_url(st, rel);
	else
		go_buf_html(&st->page, rel);
}

static void atom_id(site *st, const char *rel)
{
	if (st->base)
		xml_url(st, rel);
	else {
		go_buf_puts(&st->page, "urn:go-site:");
		go_buf_html(&st->page, rel);
	}
}

/* A feed of the newest FEED_ITEMS of items (key order). */
static int emit_feed(site *st, const char *rel, const char *title, const vec *items,
		int with_interp)
{
	go_buf *b = &st->page;
	go_buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		       "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n<title>");
	go_buf_html(b, st->name);
	go_buf_puts(b, "：");
	go_buf_html(b, title);
	go_buf_puts(b, "</title>\n<id>");
	atom_id(st, rel);
	go_buf_puts(b, "</id>\n<link rel=\"self\" href=\"");
	atom_link(st, rel);
	go_buf_puts(b, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	atom_link(st, "index.html");
	go_buf_puts(b, "\"/>\n<updated>");
	atom_time(b, items->n ? items->p[items->n - 1]->pub : "2000-01-01");
	go_buf_puts(b, "</updated>\n<author><name>");
	go_buf_html(b, st->name);
	go_buf_puts(b, "</name></author>\n");
	for (size_t k = 0; k < items->n && k < FEED_ITEMS; k++) {
		const doc *d = items->p[items->n - 1 - k];
		go_buf_puts(b, "<entry>\n<title>");
		go_buf_html(b, d->title);
		go_buf_puts(b, "</title>\n<id>");
		atom_id(st, d->url);
		go_buf_puts(b, "</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
		atom_link(st, d->url);
		go_buf_puts(b, "\"/>\n<updated>");
		atom_time(b, d->pub);
		go_buf_puts(b, "</updated>\n");
		if (d->cat && label(categories, d->cat))
			go_buf_printf(b, "<category term=\"%s\" label=\"%s\"/>\n", d->cat,
				      label(categories, d->cat));
		go_buf_puts(b, "<summary>");
		go_buf_html(b, d->summary && *d->summary ? d->summary : d->title);
		go_buf_puts(b, "</summary>\n");
		doc *xs[64];
		size_t n = with_interp ? related(st, d, 1, xs, 64) : 0;
		for (size_t i = 0; i < n; i++) {
			go_buf_puts(b, "<link rel=\"related\" type=\"text/html\" title=\"");
			go_buf_html(b, xs[i]->title);
			go_buf_puts(b, "\" href=\"");
			atom_link(st, xs[i]->url);
			go_buf_puts(b, "\"/>\n");
		}
		go_buf_puts(b, "</entry>\n");
	}
	go_buf_puts(b, "</feed>\n");
	return emit_page(st, rel);
}

/*
 * The first chunk of size documents of l (counted from the oldest) that this
 * run's changes touch: the items before the smallest key a change touches are
 * the same as before; when the count changes, the chunk that was or becomes
 * the last one changes too (its link to a newer one).
 */
static size_t first_dirty_chunk(const site *st, const list *l, size_t size)
{
	size_t n = l->items.n, chunks = (n + size - 1) / size;
	if (st->full)
		return 0;
	if (!l->minkey)
		return chunks;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(l->items.p[mid]->key, l->minkey) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t first = lo / size;
	long oldn = (long)n - l->added + l->removed;
	if (oldn != (long)n) {
		size_t oldchunks = oldn > 0 ? ((size_t)oldn + size - 1) / size : 0;
		size_t last = chunks < oldchunks ? chunks : oldchunks;
		if (last && last - 1 < first)
			first = last - 1;
	}
	return first;
}

/* ---- lists ----------------------------------------------------------------- */

static void pager(site *st, const char *newer, const char *older)
{
	go_buf *b = &st->page;
	if (!newer && !older)
		return;
	go_buf_puts(b, "<nav class=\"pager\" aria-label=\"翻页\"><ul>\n");
	if (newer)
		go_buf_printf(b, "<li><a href=\"%s\" rel=\"prev\">← 较新的信息</a></li>\n", newer);
	if (older)
		go_buf_printf(b, "<li><a href=\"%s\" rel=\"next\">较早的信息 →</a></li>\n", older);
	go_buf_puts(b, "</ul></nav>\n");
}

/*
 * A list's pages: p<k>.html holds the k-th PAGE_ITEMS documents counted from
 * the oldest, so that a new document changes the last page only; index.html
 * the newest PAGE_ITEMS. Pages before the first one a change touches are
 * left as they are.
 */
static int emit_list(site *st, list *l)
{
	size_t n = l->items.n, pages = (n + PAGE_ITEMS - 1) / PAGE_ITEMS;
	size_t first = first_dirty_chunk(st, l, PAGE_ITEMS);
	int rc = 0;
	int fixed = strcmp(l->name, "gk/all/") == 0 || strcmp(l->name, "gk/interp/") == 0;
	if (!st->full && !l->minkey)
		return 0; /* no change reaches it: every page is as it was */
	/* in place: the pages past the new last one go (all of them for an
	 * emptied list, index.html too) */
	size_t oldn = (size_t)((long)n - l->added + l->removed);
	for (size_t k = pages; k < (oldn + PAGE_ITEMS - 1) / PAGE_ITEMS; k++) {
		char *rel = go_xasprintf("%sp%zu.html", l->name, k + 1);
		drop(st, rel);
		free(rel);
	}
	if (n == 0 && !fixed) {
		char *rel = go_xasprintf("%sindex.html", l->name);
		drop(st, rel);
		free(rel);
		return 0;
	}
	const char *r = fixed ? "../../" : "../../../";
	go_buf *b = &st->page;
	for (size_t k = 0; k < pages; k++) {
		char *rel = go_xasprintf("%sp%zu.html", l->name, k + 1);
		if (k >= first) {
			char *t = go_xasprintf("%s（第%zu页）", l->title, k + 1);
			page_begin(st, rel, t, NULL);
			go_buf_puts(b, "<h1>");
			go_buf_html(b, t);
			go_buf_puts(b, "</h1>\n<ul class=\"docs\">\n");
			for (size_t i = (k + 1) * PAGE_ITEMS; i-- > k * PAGE_ITEMS;)
				if (i < n)
					doc_item(st, r, l->items.p[i]);
			go_buf_puts(b, "</ul>\n");
			char *newer = k + 1 < pages ? go_xasprintf("p%zu.html", k + 2) : go_xstrdup("index.html");
			char *older = k ? go_xasprintf("p%zu.html", k) : NULL;
			pager(st, newer, older);
			free(newer);
			free(older);
			page_end(st);
			rc |= emit_page(st, rel);
			free(t);
		}
		free(rel);
	}
	char *rel = go_xasprintf("%sindex.html", l->name);
	page_begin(st, rel, l->title, NULL);
	go_buf_puts(b, "<h1>");
	go_buf_html(b, l->title);
	go_buf_printf(b, "</h1>\n<p>共 %zu 条。</p>\n<ul class=\"docs\">\n", n);
	if (!n)
		go_buf_puts(b, "<li>暂无信息。</li>\n");
	for (size_t i = n; i-- > 0 && i + PAGE_ITEMS >= n;)
		doc_item(st, r, l->items.p[i]);
	go_buf_puts(b, "</ul>\n");
	char *older = n > PAGE_ITEMS ? go_xasprintf("p%zu.html", (n - PAGE_ITEMS - 1) / PAGE_ITEMS + 1) : NULL;
	pager(st, NULL, older);
	free(older);
	page_end(st);
	rc |= emit_page(st, rel);
	free(rel);
	return rc;
}

/* The lists whose names start with prefix, as links with counts. */
static void list_links(site *st, const char *r, const char *prefix, const char *heading,
		int reverse)
{
	list *ls[512];
	size_t n = 0;
	for (size_t i = 0; i < st->lists.cap && n < 512; i++) {
		list *l = st->lists.v[i];
		if (st->lists.k[i] && l->items.n && strncmp(l->name, prefix, strlen(prefix)) == 0)
			ls[n++] = l;
	}
	if (!n)
		return;
	/* in the order of their names (year, code, office hash): stable */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(ls[j - 1]->name, ls[j]->name) * (reverse ? -1 : 1) > 0; j--) {
			list *t = ls[j];
			ls[j] = ls[j - 1];
			ls[j - 1] = t;
		}
	go_buf *b = &st->page;
	go_buf_printf(b, "<h3>%s</h3>\n<ul class=\"lists\">\n", heading);
	for (size_t i = 0; i < n; i++) {
		go_buf_printf(b, "<li><a href=\"%s%sindex.html\">", r, ls[i]->name);
		go_buf_html(b, ls[i]->title);
		go_buf_printf(b, "</a> <span class=\"count\">%zu</span></li>\n", ls[i]->items.n);
	}
	go_buf_puts(b, "</ul>\n");
}

/* ---- the office's own pages (--pages DIR) ------------------------------- */

/* The office's pages (信息公开指南, 制度, 年报) are the office's files, not
 * documents: they come from the folder --pages names, never from the public
 * branch, which holds the projection of the register and nothing else. They
 * are few, so every run renders them again (unchanged bytes are linked). */
static char *pages_file(site *st, const char *rel, size_t *len)
{
	char *buf = NULL;
	if (!st->o->pages)
		return NULL;
	char *path = go_xasprintf("%s/%s", st->o->pages, rel);
	if (go_read_file(path, (size_t)16 << 20, &buf, len) != 0)
		buf = NULL;
	free(path);
	return buf;
}

static int emit_office_page(site *st, const char *rel, const char *title, const char *src)
{
	size_t len = 0;
	char *text = pages_file(st, src, &len);
	page_begin(st, rel, title, NULL);
	go_buf_puts(&st->page, "<h1>");
	go_buf_puts(&st->page, title);
	go_buf_puts(&st->page, "</h1>\n");
	if (text)
		go_buf_markdown(&st->page, text, len, 1);
	else
		go_buf_puts(&st->page, "<p>暂未发布。</p>\n");
	page_end(st);
	free(text);
	return emit_page(st, rel);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files reports/NAME.html of --pages (go-report's annual reports): copied,
 * then listed, newest name first. */
static int emit_reports(site *st)
{
	go_buf *b = &st->page;
	int rc = 0;
	char *names[256];
	size_t n = 0;
	char *dir = st->o->pages ? go_xasprintf("%s/reports", st->o->pages) : NULL;
	DIR *d = dir ? opendir(dir) : NULL;
	for (struct dirent *de; d && n < 256 && (de = readdir(d));) {
		const char *name = de->d_name;
		size_t len = strlen(name);
		if (len > 5 && strcmp(name + len - 5, ".html") == 0 &&
		    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == len &&
		    name[0] != '.')
			names[n++] = go_xstrdup(name);
	}
	if (d)
		closedir(d);
	free(dir);
	qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n / 2; i++) {
		char *t = names[i];
		names[i] = names[n - 1 - i];
		names[n - 1 - i] = t;
	}
	for (size_t i = 0; i < n; i++) {
		char *src = go_xasprintf("reports/%s", names[i]);
		size_t len = 0;
		char *text = pages_file(st, src, &len);
		char *rel = go_xasprintf("gk/reports/%s", names[i]);
		if (text)
			rc |= emit(st, rel, text, len);
		free(text);
		free(src);
		free(rel);
	}
	/* in place: a report taken out of --pages goes */
	char *mine = go_xasprintf("%s/gk/reports", st->newdir);
	d = st->inplace ? opendir(mine) : NULL;
	for (struct dirent *de; d && (de = readdir(d));) {
		size_t len = strlen(de->d_name), i = 0;
		while (i < n && strcmp(names[i], de->d_name) != 0)
			i++;
		if (i == n && len > 5 && strcmp(de->d_name + len - 5, ".html") == 0 &&
		    strcmp(de->d_name, "index.html") != 0) {
			char *rel = go_xasprintf("gk/reports/%s", de->d_name);
			drop(st, rel);
			free(rel);
		}
	}
	if (d)
		closedir(d);
	free(mine);
	page_begin(st, "gk/reports/index.html", "政府信息公开年报", NULL);
	go_buf_puts(b, "<h1>政府信息公开年报</h1>\n");
	if (!n)
		go_buf_puts(b, "<p>暂未发布。</p>\n");
	else
		go_buf_puts(b, "<ul class=\"lists\">\n");
	for (size_t i = 0; i < n; i++) {
		go_buf_puts(b, "<li><a href=\"");
		go_buf_url(b, names[i]);
		go_buf_puts(b, "\">");
		go_buf_html(b, names[i]);
		go_buf_puts(b, "</a></li>\n");
		free(names[i]);
	}
	if (n)
		go_buf_puts(b, "</ul>\n");
	page_end(st);
	return rc | emit_page(st, "gk/reports/index.html");
}

/* ---- the pages of the whole site ---------------------------------------- */

static int emit_home(site *st)
{
	go_buf *b = &st->page;
	page_begin(st, "index.html", "首页", NULL);
	go_buf_puts(b, "<h1>");
	go_buf_html(b, st->name);
	go_buf_puts(b, "</h1>\n<section aria-labelledby=\"h-latest\">\n<h2 id=\"h-latest\">最新信息</h2>\n"
		       "<ul class=\"docs\">\n");
	size_t shown = 0;
	for (size_t i = st->docs.n; i-- > 0 && shown < LATEST;)
		if (!st->docs.p[i]->withdrawn) {
			doc_item(st, "", st->docs.p[i]);
			shown++;
		}
	if (!shown)
		go_buf_puts(b, "<li>暂无信息。</li>\n");
	go_buf_puts(b, "</ul>\n<p><a href=\"gk/all/index.html\">全部信息</a></p>\n</section>\n"
		       "<section aria-labelledby=\"h-cats\">\n<h2 id=\"h-cats\">五公开</h2>\n<ul class=\"lists\">\n");
	for (const struct label *c = categories; c->code; c++) {
		char *name = go_xasprintf("gk/category/%s/", c->code);
		list *l = go_map_get(&st->lists, name);
		size_t n = l ? l->items.n : 0;
		if (n)
			go_buf_printf(b, "<li><a href=\"%sindex.html\">%s</a> <span class=\"count\">%zu</span></li>\n",
				      name, c->name, n);
		else
			go_buf_printf(b, "<li>%s <span class=\"count\">0</span></li>\n", c->name);
		free(name);
	}
	go_buf_puts(b, "</ul>\n</section>\n<section aria-labelledby=\"h-more\">\n<h2 id=\"h-more\">栏目</h2>\n"
		       "<ul class=\"lists\">\n"
		       "<li><a href=\"gk/guide.html\">政府信息公开指南</a></li>\n"
		       "<li><a href=\"gk/rules.html\">政府信息公开制度</a></li>\n"
		       "<li><a href=\"gk/index.html\">法定主动公开内容</a></li>\n"
		       "<li><a href=\"gk/reports/index.html\">政府信息公开年报</a></li>\n"
		       "<li><a href=\"gk/interp/index.html\">政策解读</a></li>\n"
		       "<li><a href=\"catalogue/index.html\">政府信息公开目录</a></li>\n"
		       "<li><a href=\"search/index.html\">站内搜索</a></li>\n"
		       "<li><a href=\"feeds/index.html\">订阅（Atom）</a></li>\n"
		       "</ul>\n</section>\n");
	page_end(st);
	return emit_page(st, "index.html");
}

static int emit_column(site *st)
{
	go_buf *b = &st->page;
	const char *r = "../";
	page_begin(st, "gk/index.html", "政府信息公开", NULL);
	go_buf_puts(b, "<h1>政府信息公开</h1>\n<ul class=\"lists\">\n"
		       "<li><a href=\"guide.html\">政府信息公开指南</a></li>\n"
		       "<li><a href=\"rules.html\">政府信息公开制度</a></li>\n"
		       "<li><a href=\"reports/index.html\">政府信息公开年报</a></li>\n"
		       "<li><a href=\"interp/index.html\">政策解读</a></li>\n"
		       "<li><a href=\"../catalogue/index.html\">政府信息公开目录</a></li>\n"
		       "</ul>\n<section aria-labelledby=\"h-fd\">\n<h2 id=\"h-fd\">法定主动公开内容</h2>\n");
	go_buf_puts(b, "<p><a href=\"all/index.html\">全部信息</a></p>\n");
	list_links(st, r, "gk/category/", "按五公开类别", 0);
	list_links(st, r, "gk/kind/", "按文种", 0);
	list_links(st, r, "gk/office/", "按发布机构", 0);
	list_links(st, r, "gk/year/", "按年份", 1);
	go_buf_puts(b, "</section>\n");
	page_end(st);
	return emit_page(st, "gk/index.html");
}

static int emit_catalogue_index(site *st)
{
	go_buf *b = &st->page;
	page_begin(st, "catalogue/index.html", "政府信息公开目录", NULL);
	go_buf_puts(b, "<h1>政府信息公开目录</h1>\n<p>按月份下载主动公开信息的目录（索引号、名称、内容概述、生成日期），"
		       "JSON Lines 与 CSV（UTF-8）两种格式。</p>\n<table class=\"list\">\n<caption>各月目录</caption>\n"
		       "<tr><th scope=\"col\">月份</th><th scope=\"col\">JSON Lines</th><th scope=\"col\">CSV</th></tr>\n");
	for (size_t i = st->nmonths; i-- > 0;) {
		const char *m = st->months[i];
		go_buf_printf(b, "<tr><td>%s</td><td><a href=\"%s.jsonl\">%s.jsonl</a></td>"
				 "<td><a href=\"%s.csv\">%s.csv</a></td></tr>\n", m, m, m, m, m);
	}
	go_buf_puts(b, "</table>\n");
	page_end(st);
	return emit_page(st, "catalogue/index.html");
}

static int emit_feeds(site *st)
{
	int rc = 0;
	vec all = {0}, policies = {0};
	for (size_t i = 0; i < st->docs.n; i++) {
		doc *d = st->docs.p[i];
		if (d->withdrawn)
			continue;
		vec_push(&all, d);
		if (go_is_policy_kind(d->kind))
			vec_push(&policies, d);
	}
	rc |= emit_feed(st, "feeds/all.atom", "最新信息", &all, 0);
	rc |= emit_feed(st, "feeds/policies.atom", "政策文件及其解读", &policies, 1);
	go_buf *b = &st->page;
	go_buf idx = {0};
	for (const struct label *c = categories; c->code; c++) {
		char *name = go_xasprintf("gk/category/%s/", c->code);
		list *l = go_map_get(&st->lists, name);
		vec none = {0};
		char *rel = go_xasprintf("feeds/%s.atom", c->code);
		rc |= emit_feed(st, rel, c->name, l ? &l->items : &none, 0);
		go_buf_printf(&idx, "<li><a href=\"%s.atom\">%s</a></li>\n", c->code, c->name);
		free(rel);
		free(name);
	}
	page_begin(st, "feeds/index.html", "订阅", NULL);
	go_buf_puts(b, "<h1>订阅（Atom）</h1>\n<ul class=\"lists\">\n"
		       "<li><a href=\"all.atom\">全部最新信息</a></li>\n"
		       "<li><a href=\"policies.atom\">政策文件及其解读</a></li>\n");
	go_buf_put(b, idx.p, idx.n);
	go_buf_puts(b, "</ul>\n");
	page_end(st);
	rc |= emit_page(st, "feeds/index.html");
	go_buf_free(&idx);
	free(all.p);
	free(policies.p);
	return rc;
}

extern const char go_site_css[], go_site_js[];

static int emit_static(site *st, int search)
{
	go_buf *b = &st->page;
	int rc = emit(st, "style.css", go_site_css, strlen(go_site_css));
	rc |= emit(st, "search/search.js", go_site_js, strlen(go_site_js));
	go_buf_puts(b, "User-agent: *\nAllow: /\n");
	if (st->base) {
		go_buf_puts(b, "Sitemap: ");
		go_buf_puts(b, st->base);
		go_buf_puts(b, "sitemap.xml\n");
	}
	rc |= emit_page(st, "robots.txt");

	page_begin(st, "search/index.html", "站内搜索", NULL);
	go_buf_puts(b, "<h1>站内搜索</h1>\n<form role=\"search\" action=\"index.html\" method=\"get\">\n"
		       "<label for=\"q\">搜索标题和正文</label>\n"
		       "<input type=\"search\" id=\"q\" name=\"q\" />\n"
		       "<button type=\"submit\">搜索</button>\n</form>\n"
		       "<p id=\"status\" role=\"status\"></p>\n<ol id=\"results\" class=\"docs\"></ol>\n");
	if (search)
		go_buf_puts(b, "<noscript><p>搜索需要启用 JavaScript。也可以浏览"
			       "<a href=\"../gk/index.html\">法定主动公开内容</a>或下载"
			       "<a href=\"../catalogue/index.html\">政府信息公开目录</a>。</p></noscript>\n"
			       "<script src=\"search.js\"></script>\n");
	else
		go_buf_puts(b, "<p>本站暂未提供搜索。请浏览<a href=\"../gk/index.html\">法定主动公开内容</a>或下载"
			       "<a href=\"../catalogue/index.html\">政府信息公开目录</a>。</p>\n");
	page_end(st);
	rc |= emit_page(st, "search/index.html");

	if (st->base) {
		go_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			       "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		static const char *const pages[] = {
			"index.html", "gk/index.html", "gk/guide.html", "gk/rules.html",
			"gk/reports/index.html", "gk/interp/index.html", "catalogue/index.html", NULL,
		};
		for (const char *const *p = pages; *p; p++) {
			go_buf_puts(b, "<url><loc>");
			xml_url(st, *p);
			go_buf_puts(b, "</loc></url>\n");
		}
		go_buf_puts(b, "</urlset>\n");
		rc |= emit_page(st, "sitemaps/pages.xml");
	}
	return rc;
}

/* The sitemap index: every month's files (counted as emit_month_files writes them). */
static int emit_sitemap_index(site *st, const size_t *month_docs)
{
	if (!st->base)
		return 0;
	go_buf *b = &st->page;
	go_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
		       "<sitemap><loc>");
	xml_url(st, "sitemaps/pages.xml");
	go_buf_puts(b, "</loc></sitemap>\n");
	for (size_t i = 0; i < st->nmonths; i++)
		for (size_t part = 0; part * st->sitemap_max < month_docs[i]; part++) {
			char *rel = part ? go_xasprintf("sitemaps/%s-%zu.xml", st->months[i], part + 1)
					 : go_xasprintf("sitemaps/%s.xml", st->months[i]);
			go_buf_puts(b, "<sitemap><loc>");
			xml_url(st, rel);
			go_buf_puts(b, "</loc></sitemap>\n");
			free(rel);
		}
	go_buf_puts(b, "</sitemapindex>\n");
	return emit_page(st, "sitemap.xml");
}

/*
 * The documents in list order: each one's page (rendered when dirty, else
 * kept) and the search index, in chunks of SEARCH_CHUNK documents counted from
 * the oldest, so that new documents touch the last chunk only. A body is read
 * only when a page or a chunk needs it.
 */
static int emit_docs(site *st)
{
	postings ps = {0};
	int rc = 0, search = !st->o->no_search;
	list *all = go_map_get(&st->lists, "gk/all/");
	size_t n = all->items.n, chunks = (n + SEARCH_CHUNK - 1) / SEARCH_CHUNK;
	size_t first = first_dirty_chunk(st, all, SEARCH_CHUNK), pos = 0;
	for (size_t i = 0; i < st->docs.n && rc == 0; i++) {
		doc *d = st->docs.p[i];
		size_t chunk = pos / SEARCH_CHUNK;
		int page = st->full || d->dirty;
		int index = search && !d->withdrawn && chunk >= first;
		if (!d->withdrawn)
			pos++;
		if (page && d->withdrawn) {
			rc |= render_doc(st, d, NULL); /* no longer in the tree: the notice alone */
		} else if (d->read) { /* --full: read once, with the model */
			rc |= render_doc(st, d, d->body);
			if (index)
				search_add(&ps, d, d->body);
			free(d->body);
			d->body = NULL;
		} else if (page || index) {
			json_t *rec = NULL;
			int err = go_store_read_doc(st->store, st->tree, d->dir, GO_STORE_BODY, &rec);
			if (err == GIT_ENOTFOUND)
				go_warnx("%s: no such document", d->dir);
			if (err) {
				rc = -1;
				break;
			}
			const char *body = go_str(rec, "body");
			if (page) {
				set_summary(d, body);
				set_attachments(st, d, rec);
				rc |= render_doc(st, d, body);
			}
			if (index)
				search_add(&ps, d, body);
			json_decref(rec);
		}
		if (search && !d->withdrawn && chunk >= first && (pos % SEARCH_CHUNK == 0 || pos == n)) {
			char *rel = go_xasprintf("search/%zu.json", chunk + 1);
			rc |= search_emit(st, &ps, rel);
			free(rel);
		}
	}
	size_t oldn = (size_t)((long)n - all->added + all->removed);
	for (size_t k = chunks; search && k < (oldn + SEARCH_CHUNK - 1) / SEARCH_CHUNK; k++) {
		char *rel = go_xasprintf("search/%zu.json", k + 1);
		drop(st, rel);
		free(rel);
	}
	if (rc == 0 && search) {
		go_buf *b = &st->page;
		go_buf_puts(b, "[");
		for (size_t k = chunks; k > 0; k--)
			go_buf_printf(b, "%zu%s", k, k > 1 ? "," : "");
		go_buf_puts(b, "]\n");
		rc |= emit_page(st, "search/chunks.json");
	}
	postings_reset(&ps);
	go_buf_free(&ps.docs);
	return rc;
}

/* The sitemap files of month for its documents from live to was. */
static void drop_sitemaps(site *st, const char *month, size_t live, long was)
{
	size_t max = st->sitemap_max;
	for (size_t part = (live + max - 1) / max; st->base && was > 0 && part * max < (size_t)was; part++) {
		char *rel = part ? go_xasprintf("sitemaps/%s-%zu.xml", month, part + 1)
				 : go_xasprintf("sitemaps/%s.xml", month);
		drop(st, rel);
		free(rel);
	}
}

/* In place, after the pages: the page and attachments of a document's old
 * version that its new version (or notice), if any, no longer has. */
static void drop_gone(site *st)
{
	go_map fresh = {0};
	for (size_t i = 0; i < st->changed.n; i++)
		if (!st->changed.p[i]->gone)
			*go_map_slot(&fresh, st->changed.p[i]->url) = st->changed.p[i];
	for (size_t i = 0; i < st->changed.n; i++) {
		doc *od = st->changed.p[i], *nd = go_map_get(&fresh, od->url);
		if (!od->gone)
			continue;
		if (!nd)
			drop(st, od->url);
		char *dir = attachment_dir(od);
		size_t j, k;
		json_t *a, *b;
		json_array_foreach(json_object_get(doc_json(od), "attachments"), j, a) {
			int kept = 0;
			json_array_foreach(nd ? json_object_get(doc_json(nd), "attachments") : NULL, k, b)
				kept |= go_str(a, "file") && go_str(b, "file") &&
					strcmp(go_str(a, "file"), go_str(b, "file")) == 0;
			if (!kept && go_str(a, "file")) {
				char *rel = go_xasprintf("%s/%s", dir, go_str(a, "file"));
				drop(st, rel);
				free(rel);
			}
		}
		free(dir);
	}
	go_map_free(&fresh);
}

/* Month by month: sitemaps and the catalogue (from the summaries alone). */
static int emit_months(site *st)
{
	vec bym = {0};
	int rc = 0;
	size_t *month_docs = go_xcalloc(st->nmonths + 1, sizeof *month_docs);
	/* every month's count of public documents (the sitemap index); the
	 * documents of the months to write, in month order */
	for (size_t i = 0; i < st->docs.n; i++) {
		doc *d = st->docs.p[i];
		const char *m = d->month;
		char **at = bsearch(&m, st->months, st->nmonths, sizeof *st->months, str_cmp);
		month_docs[at - st->months] += !d->withdrawn;
		if (st->full || go_map_get(&st->dirty_months, m))
			vec_push(&bym, d);
	}
	if (bym.n)
		qsort(bym.p, bym.n, sizeof *bym.p, month_cmp);
	for (size_t i = 0; i < bym.n && rc == 0;) {
		size_t j = i;
		while (j < bym.n && strcmp(bym.p[j]->month, bym.p[i]->month) == 0)
			j++;
		const char *month = bym.p[i]->month;
		size_t mi = (size_t)((char **)bsearch(&month, st->months, st->nmonths, sizeof *st->months,
						       str_cmp) - st->months);
		rc |= emit_month_files(st, bym.p + i, j - i, month);
		const long *delta = go_map_get(&st->dirty_months, month);
		if (delta) /* in place: sitemap parts past the new last one go */
			drop_sitemaps(st, month, month_docs[mi], (long)month_docs[mi] + delta[1]);
		i = j;
	}
	/* in place: a month left without documents loses its files */
	for (size_t k = 0; k < st->dirty_months.cap; k++) {
		const char *month = st->dirty_months.k[k];
		const long *delta = st->dirty_months.v[k];
		if (!month || bsearch(&month, st->months, st->nmonths, sizeof *st->months, str_cmp))
			continue;
		char *rel = go_xasprintf("catalogue/%s.jsonl", month);
		drop(st, rel);
		free(rel);
		rel = go_xasprintf("catalogue/%s.csv", month);
		drop(st, rel);
		free(rel);
		drop_sitemaps(st, month, 0, delta[1]);
	}
	if (rc == 0)
		rc = emit_sitemap_index(st, month_docs);
	free(month_docs);
	free(bym.p);
	return rc;
}

/* ---- the model, from the store or from the state and a diff ------------- */

static int add_from_store(json_t *rec, const char *dir, void *ctx)
{
	site *st = ctx;
	json_t *e = summary_of(rec, dir, st->notice);
	doc *d = e ? doc_new(e) : NULL;
	if (d && !d->withdrawn) {
		/* read once: a second read of every record for its page was an
		 * eighth of a full render; the bodies are held until their pages
		 * are written */
		const char *body = go_str(rec, "body");
		set_summary(d, body);
		set_attachments(st, d, rec);
		d->body = go_xstrdup(body ? body : "");
		d->read = 1;
	}
	if (d)
		vec_push(&st->docs, d);
	return 0;
}

/*
 * The state: what a release shows, beside its site folder (out of the web
 * root): state/head.json (the commit, the digest of options and config, and
 * "pending" while an incremental run changes the release in place) and one
 * file per month of `date`, state/<YYYY-MM>.tsv, a line per document: the
 * fields that place it on lists (tab-separated, \ \t \n escaped) and its
 * summary as JSON, parsed only when a page needs it. A run rewrites the
 * months its changes touch, which it renders anyway (their catalogue), so
 * the state costs what the change costs.
 */
enum { F_ID, F_TITLE, F_DATE, F_PUB, F_CAT, F_KIND, F_OFFICE, F_DIR, F_ABSTRACT, F_WITHDRAWN,
       F_LINKS, F_SUMMARY, NFIELDS };

static void tsv_put(go_buf *b, const char *s)
{
	for (const char *p = s ? s : ""; *p;) {
		size_t n = strcspn(p, "\\\t\n");
		go_buf_put(b, p, n);
		p += n;
		if (*p) {
			go_buf_puts(b, *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : "\\n");
			p++;
		}
	}
	go_buf_put(b, "\t", 1);
}

/* Undo tsv_put in place. */
static char *tsv_get(char *s)
{
	if (!strchr(s, '\\'))
		return s;
	char *w = s;
	for (char *p = s; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			*w++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	return s;
}

static void state_line(go_buf *b, doc *d)
{
	const char *f[] = {d->id, d->title, d->date, d->pub, d->cat, d->kind, d->office, d->dir, d->summary};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		tsv_put(b, f[i]);
	go_buf_puts(b, d->withdrawn ? "1\t" : "0\t");
	json_t *links = json_object();
	for (int k = 0; d->links && k < LINK_FIELDS; k++)
		if (json_object_get(d->links, link_fields[k]))
			json_object_set(links, link_fields[k], json_object_get(d->links, link_fields[k]));
	size_t len;
	if (json_object_size(links)) {
		char *j = go_json_dump(links, &len);
		go_buf_put(b, j, len);
		free(j);
	}
	json_decref(links);
	go_buf_put(b, "\t", 1);
	if (d->e) {
		/* the 内容概述 is in its own field: the catalogue and feeds need no JSON */
		json_object_del(d->e, "summary");
		d->summary = NULL; /* it was e's */
		char *j = go_json_dump(d->e, &len);
		go_buf_put(b, j, len);
		free(j);
	} else {
		go_buf_puts(b, d->json);
	}
	go_buf_put(b, "\n", 1);
}

/* A document from a line of the state (the line is kept: d points into it). */
static doc *doc_of_line(char *line)
{
	char *f[NFIELDS];
	size_t n = 0;
	for (char *p = line; n < NFIELDS; n++) {
		f[n] = p;
		char *tab = n + 1 < NFIELDS ? strchr(p, '\t') : NULL;
		if (n + 1 < NFIELDS && !tab)
			return NULL;
		if (tab) {
			*tab = '\0';
			p = tab + 1;
		}
	}
	doc *d = go_xcalloc(1, sizeof *d);
	d->id = tsv_get(f[F_ID]);
	d->title = tsv_get(f[F_TITLE]);
	d->date = tsv_get(f[F_DATE]);
	d->pub = tsv_get(f[F_PUB]);
	d->cat = *f[F_CAT] ? tsv_get(f[F_CAT]) : NULL;
	d->kind = tsv_get(f[F_KIND]);
	d->office = tsv_get(f[F_OFFICE]);
	d->dir = tsv_get(f[F_DIR]);
	d->summary = tsv_get(f[F_ABSTRACT]);
	d->withdrawn = f[F_WITHDRAWN][0] == '1';
	d->json = f[F_SUMMARY];
	if (*f[F_LINKS]) {
		go_json_error jerr;
		d->links = go_json_parse(f[F_LINKS], strlen(f[F_LINKS]), &jerr);
		d->own_links = 1;
	}
	if (!*d->id || !*d->pub || doc_place(d) < 0) {
		doc_free(d);
		return NULL;
	}
	return d;
}

/* Write text as path, atomically (a temporary file renamed over it, synced). */
static int write_atomic(const char *path, const char *text, size_t n)
{
	char *tmp = go_xasprintf("%s.tmp-%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	int rc = f ? 0 : -1;
	if (f && (fwrite(text, 1, n, f) != n || fflush(f) != 0 || fsync(fileno(f)) < 0))
		rc = -1;
	if (f && fclose(f) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -1;
	if (rc < 0) {
		go_warn("%s", path);
		unlink(tmp);
	}
	free(tmp);
	return rc;
}

static int write_head(site *st, const char *commit, const char *pending)
{
	char *path = go_xasprintf("%s/state/head.json", st->release);
	go_buf b = {0};
	go_buf_printf(&b, "{\"version\":%d,\"commit\":\"%s\",\"config\":\"%s\"", STATE_VERSION,
		      commit, st->cfg_digest);
	if (pending)
		go_buf_printf(&b, ",\"pending\":\"%s\"", pending);
	go_buf_puts(&b, "}\n");
	int rc = write_atomic(path, b.p, b.n);
	go_buf_free(&b);
	free(path);
	return rc;
}

/* The previous run's model, from the release of the current site; 0, or -1
 * when there is none to build on (none, another version or config, or a run
 * that stopped half-way: render in full). */
static int load_state(site *st, char old_commit[41])
{
	char *dir = go_xasprintf("%s/state", st->release), *buf = NULL;
	char *path = go_xasprintf("%s/head.json", dir);
	size_t len;
	int rc = -1;
	if (go_read_file(path, 4096, &buf, &len) == 0) {
		go_json_error jerr;
		json_t *h = go_json_parse(buf, len, &jerr);
		if (h && json_integer_value(json_object_get(h, "version")) == STATE_VERSION &&
		    go_str(h, "commit") && strlen(go_str(h, "commit")) == 40 && go_str(h, "config") &&
		    strcmp(go_str(h, "config"), st->cfg_digest) == 0 && !json_object_get(h, "pending")) {
			memcpy(old_commit, go_str(h, "commit"), 41);
			rc = 0;
		}
		json_decref(h);
	}
	free(buf);
	free(path);
	DIR *d = rc == 0 ? opendir(dir) : NULL;
	if (rc == 0 && !d)
		rc = -1;
	for (struct dirent *de; rc == 0 && (de = readdir(d));) {
		size_t n = strlen(de->d_name);
		if (n != 11 || strcmp(de->d_name + 7, ".tsv") != 0)
			continue;
		path = go_xasprintf("%s/%s", dir, de->d_name);
		buf = NULL;
		if (go_read_file(path, (size_t)1 << 31, &buf, &len) != 0)
			rc = -1;
		free(path);
		if (rc < 0)
			break;
		st->bufs = go_xrealloc(st->bufs, (st->nbufs + 1) * sizeof *st->bufs);
		st->bufs[st->nbufs++] = buf;
		for (char *line = buf, *nl; rc == 0 && *line; line = nl + 1) {
			if (!(nl = strchr(line, '\n'))) {
				rc = -1;
				break;
			}
			*nl = '\0';
			doc *x = doc_of_line(line);
			if (x)
				vec_push(&st->docs, x);
			else
				rc = -1;
		}
	}
	if (d)
		closedir(d);
	free(dir);
	if (rc < 0) {
		for (size_t i = 0; i < st->docs.n; i++)
			doc_free(st->docs.p[i]);
		st->docs.n = 0;
	}
	return rc;
}

/* The months of the state that change (all of them in full), then the head. */
static int write_state(site *st)
{
	char *dir = go_xasprintf("%s/state", st->release);
	go_map bufs = {0};
	int rc = 0;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		go_warn("%s", dir);
		free(dir);
		return -1;
	}
	for (size_t i = 0; i < st->docs.n; i++) {
		doc *d = st->docs.p[i];
		if (!st->full && !go_map_get(&st->dirty_months, d->month))
			continue;
		void **slot = go_map_slot(&bufs, d->month);
		if (!*slot)
			*slot = go_xcalloc(1, sizeof(go_buf));
		state_line(*slot, d);
	}
	for (size_t i = 0; i < bufs.cap; i++) {
		if (!bufs.k[i])
			continue;
		go_buf *b = bufs.v[i];
		char *path = go_xasprintf("%s/%s.tsv", dir, bufs.k[i]);
		rc |= write_atomic(path, b->p, b->n);
		free(path);
		go_buf_free(b);
		free(b);
	}
	for (size_t i = 0; i < st->dirty_months.cap; i++) /* months left empty */
		if (st->dirty_months.k[i] && !go_map_get(&bufs, st->dirty_months.k[i])) {
			char *path = go_xasprintf("%s/%s.tsv", dir, st->dirty_months.k[i]);
			unlink(path);
			free(path);
		}
	go_map_free(&bufs);
	free(dir);
	return rc < 0 ? -1 : write_head(st, st->commit, NULL);
}

static int has_record(git_tree *t, const char *dir)
{
	git_tree_entry *e = NULL;
	char *p = go_xasprintf("%s/record.json", dir);
	int found = t && git_tree_entry_bypath(&e, t, p) == 0;
	git_tree_entry_free(e);
	free(p);
	return found;
}

/* The document folder a changed path is in: the nearest folder above it that
 * holds a record.json in either tree; NULL for other files (site/, catalog/). */
static char *doc_dir_of(git_tree *a, git_tree *b, const char *path)
{
	char *dir = go_xstrdup(path);
	char *slash;
	while ((slash = strrchr(dir, '/'))) {
		*slash = '\0';
		if (has_record(a, dir) || has_record(b, dir))
			return dir;
	}
	free(dir);
	return NULL;
}

/*
 * Withdrawn documents (issue 16, with "withdrawn_notice"): public holds no
 * trace of a withdrawal (issue 19: the projection leaves the document out),
 * so go-site learns it from public's history: a document whose record.json a
 * public commit deleted, and that is not on the rendered tree, was withdrawn
 * (or made not public) on that commit's date (the day it left the website, in
 * the committer's time zone). A purge rewrites history without the document,
 * so a purged document leaves no notice. Into out: id -> {date, day, dir},
 * the last removal winning; commits from tip back to hide (NULL: all).
 */
static int removals(site *st, const git_oid *tip, const git_oid *hide, json_t *out)
{
	git_repository *repo = go_store_repo(st->store);
	git_revwalk *w = NULL;
	git_oid oid;
	int rc = -1;
	if (git_revwalk_new(&w, repo) < 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(w, tip) < 0 || (hide && git_revwalk_hide(w, hide) < 0))
		goto out;
	git_revwalk_simplify_first_parent(w);
	int err = 0;
	while (!err && git_revwalk_next(&oid, w) == 0) {
		git_commit *c = NULL, *parent = NULL;
		git_tree *t = NULL, *pt = NULL;
		git_diff *diff = NULL;
		err = git_commit_lookup(&c, repo, &oid);
		if (!err && git_commit_parentcount(c) > 0)
			err = git_commit_parent(&parent, c, 0);
		if (!err && parent)
			err = git_commit_tree(&t, c);
		if (!err && parent)
			err = git_commit_tree(&pt, parent);
		if (!err && parent)
			err = git_diff_tree_to_tree(&diff, repo, pt, t, NULL);
		char day[11] = "";
		if (!err && parent) {
			long long secs = (long long)git_commit_time(c) + 60LL * git_commit_time_offset(c);
			go_format_date((int)(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400), day);
		}
		for (size_t i = 0, n = diff ? git_diff_num_deltas(diff) : 0; !err && i < n; i++) {
			const git_diff_delta *dl = git_diff_get_delta(diff, i);
			const char *path = dl->old_file.path;
			size_t len = path ? strlen(path) : 0;
			if (dl->status != GIT_DELTA_DELETED || len < 13 || strcmp(path + len - 12, "/record.json") != 0)
				continue;
			char *dir = go_xasprintf("%.*s", (int)(len - 12), path);
			json_t *rec = NULL, *e = NULL;
			if (go_store_read_doc(st->store, pt, dir, 0, &rec) == 0 &&
			    (e = summary_of(rec, dir, 1)) && go_str(e, "id") && go_str(e, "date"))
				json_object_set_new(out, go_str(e, "id"),
						    json_pack("{s:s, s:s, s:s}", "date", day, "day",
							      go_str(e, "date"), "dir", dir));
			json_decref(e);
			json_decref(rec);
			free(dir);
		}
		git_diff_free(diff);
		git_tree_free(t);
		git_tree_free(pt);
		git_commit_free(parent);
		git_commit_free(c);
	}
	rc = err ? -1 : 0;
out:
	if (rc < 0)
		go_warnx("%s: public's history: %s", go_store_path(st->store),
			 git_error_last() ? git_error_last()->message : "cannot walk it");
	git_revwalk_free(w);
	return rc;
}

/* The notice's summary: id, date (the page's year) and the withdrawal date. */
static doc *tombstone(const char *id, const char *day, const char *dir, const char *date)
{
	json_t *e = json_pack("{s:s, s:s, s:s, s:{s:s}}", "id", id, "date", day, "dir", dir,
			      "withdrawn", "date", date);
	return e ? doc_new(e) : NULL;
}

/* --full with notices: every document public's history removed that is not
 * on the tree now. */
static int add_tombstones(site *st, const git_oid *tip)
{
	json_t *gone = json_object(), *v;
	const char *id;
	go_map live = {0};
	int rc = removals(st, tip, NULL, gone);
	for (size_t i = 0; i < st->docs.n; i++)
		*go_map_slot(&live, st->docs.p[i]->id) = st->docs.p[i];
	json_object_foreach(gone, id, v) {
		doc *t = rc == 0 && !go_map_get(&live, id)
				 ? tombstone(id, go_str(v, "day"), go_str(v, "dir"), go_str(v, "date"))
				 : NULL;
		if (t)
			vec_push(&st->docs, t);
	}
	go_map_free(&live);
	json_decref(gone);
	return rc;
}

/*
 * An incremental run with notices: a public document the changes removed,
 * whose id is not on the tree any more, becomes a notice dated by the commit
 * that removed it; a notice whose id is back on the tree goes.
 */
static int notices(site *st, vec *fresh, const git_oid *old)
{
	go_map live = {0};
	json_t *gone = NULL;
	int rc = 0;
	for (size_t i = 0; i < fresh->n; i++)
		*go_map_slot(&live, fresh->p[i]->id) = fresh->p[i];
	for (size_t i = 0; i < st->docs.n; i++)
		if (!st->docs.p[i]->gone && !st->docs.p[i]->withdrawn)
			*go_map_slot(&live, st->docs.p[i]->id) = st->docs.p[i];
	size_t nchanged = st->changed.n;
	for (size_t i = 0; i < nchanged && rc == 0; i++) {
		doc *od = st->changed.p[i];
		if (!od->gone || od->withdrawn || go_map_get(&live, od->id))
			continue;
		if (!gone) {
			git_oid tip;
			gone = json_object();
			git_oid_fromstr(&tip, st->commit);
			if (removals(st, &tip, old, gone) < 0) {
				rc = -1;
				break;
			}
		}
		json_t *v = json_object_get(gone, od->id);
		doc *t = tombstone(od->id, od->date, od->dir, v ? go_str(v, "date") : od->pub);
		if (t) {
			t->dirty = 1;
			*go_map_slot(&live, t->id) = t; /* one notice per id */
			vec_push(fresh, t);
			vec_push(&st->changed, t);
		}
	}
	for (size_t i = 0; i < st->docs.n && rc == 0; i++) { /* published again */
		doc *d = st->docs.p[i];
		if (d->withdrawn && !d->gone && go_map_get(&live, d->id)) {
			d->gone = 1;
			vec_push(&st->changed, d);
		}
	}
	json_decref(gone);
	go_map_free(&live);
	return rc;
}

typedef struct paths {
	char **p;
	size_t n, cap;
} paths;

/*
 * The files that differ between trees a and b (either may be NULL), under
 * prefix: a walk of both in git's entry order that skips every subtree with
 * the same id, so it costs what changed plus the entries of the folders on
 * the way (git_diff_tree_to_tree spent half a second of an incremental run
 * on a year's folder of 100,000 documents).
 */
static int tree_changes(git_repository *repo, git_tree *a, git_tree *b, const char *prefix, paths *out)
{
	size_t na = a ? git_tree_entrycount(a) : 0, nb = b ? git_tree_entrycount(b) : 0, i = 0, j = 0;
	int rc = 0;
	while (rc == 0 && (i < na || j < nb)) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int cmp = !ea ? 1 : !eb ? -1 : go_store_entry_cmp(
			git_tree_entry_name(ea), strlen(git_tree_entry_name(ea)), git_tree_entry_type(ea) == GIT_OBJECT_TREE,
			git_tree_entry_name(eb), strlen(git_tree_entry_name(eb)), git_tree_entry_type(eb) == GIT_OBJECT_TREE);
		const git_tree_entry *x = cmp <= 0 ? ea : NULL, *y = cmp >= 0 ? eb : NULL;
		i += x != NULL;
		j += y != NULL;
		if (x && y && git_oid_equal(git_tree_entry_id(x), git_tree_entry_id(y)) &&
		    git_tree_entry_filemode(x) == git_tree_entry_filemode(y))
			continue;
		const char *name = git_tree_entry_name(x ? x : y);
		char *path = go_xasprintf("%s%s", prefix, name);
		git_tree *ta = NULL, *tb = NULL;
		int dx = x && git_tree_entry_type(x) == GIT_OBJECT_TREE;
		int dy = y && git_tree_entry_type(y) == GIT_OBJECT_TREE;
		if ((x && !dx) || (y && !dy)) { /* a file on either side */
			if (out->n == out->cap)
				out->p = go_xrealloc(out->p, (out->cap = out->cap ? 2 * out->cap : 64) * sizeof *out->p);
			out->p[out->n++] = go_xstrdup(path);
		}
		if (dx || dy) {
			char *sub = go_xasprintf("%s/", path);
			if ((dx && git_tree_lookup(&ta, repo, git_tree_entry_id(x)) < 0) ||
			    (dy && git_tree_lookup(&tb, repo, git_tree_entry_id(y)) < 0))
				rc = -1;
			else
				rc = tree_changes(repo, ta, tb, sub, out);
			free(sub);
			git_tree_free(ta);
			git_tree_free(tb);
		}
		free(path);
	}
	return rc;
}

/* Apply the diff from old_commit to the model. 0, or -1 (then: render in full). */
static int apply_changes(site *st, const char *old_commit)
{
	git_repository *repo = go_store_repo(st->store);
	git_oid oid;
	git_commit *c = NULL;
	git_tree *old = NULL;
	paths diff = {0};
	go_map dirs = {0}, bydir = {0};
	int rc = -1;
	vec fresh = {0};
	if (git_oid_fromstr(&oid, old_commit) < 0 || git_commit_lookup(&c, repo, &oid) < 0 ||
	    git_commit_tree(&old, c) < 0 || tree_changes(repo, old, st->tree, "", &diff) < 0)
		goto out;
	for (size_t i = 0; i < st->docs.n; i++)
		*go_map_slot(&bydir, st->docs.p[i]->dir) = st->docs.p[i];
	for (size_t i = 0; i < diff.n; i++) {
		{
			char *dir = doc_dir_of(old, st->tree, diff.p[i]);
			if (!dir)
				continue;
			void **slot = go_map_slot(&dirs, dir);
			if (*slot) {
				free(dir);
				continue;
			}
			*slot = dir;
			doc *od = go_map_get(&bydir, dir);
			if (od) {
				od->gone = 1;
				vec_push(&st->changed, od);
			}
			json_t *rec = NULL;
			int err = go_store_read_doc(st->store, st->tree, dir, 0, &rec);
			if (err && err != GIT_ENOTFOUND)
				goto undo;
			json_t *e = rec ? summary_of(rec, dir, st->notice) : NULL;
			doc *nd = e ? doc_new(e) : NULL;
			if (nd) {
				nd->dirty = 1;
				vec_push(&fresh, nd);
				vec_push(&st->changed, nd);
			}
			json_decref(rec);
		}
	}
	if (st->notice && notices(st, &fresh, &oid) < 0)
		goto undo;
	size_t k = 0;
	for (size_t i = 0; i < st->docs.n; i++)
		if (!st->docs.p[i]->gone)
			st->docs.p[k++] = st->docs.p[i];
	st->docs.n = k;
	for (size_t i = 0; i < fresh.n; i++)
		vec_push(&st->docs, fresh.p[i]);
	free(fresh.p);
	rc = 0;
	goto out;
undo:
	for (size_t j = 0; j < fresh.n; j++)
		doc_free(fresh.p[j]);
	free(fresh.p);
	for (size_t j = 0; j < st->docs.n; j++)
		st->docs.p[j]->gone = 0;
	st->changed.n = 0;
out:
	if (rc < 0)
		go_warnx("%s: cannot compare with the rendered commit %.12s; rendering in full",
			 go_store_path(st->store), old_commit);
	for (size_t i = 0; i < dirs.cap; i++)
		free(dirs.v[i]);
	go_map_free(&dirs);
	go_map_free(&bydir);
	for (size_t i = 0; i < diff.n; i++)
		free(diff.p[i]);
	free(diff.p);
	git_tree_free(old);
	git_commit_free(c);
	return rc;
}

/* ---- releases and the switch -------------------------------------------- */

/* Remove name in the folder dfd, and everything under it. */
static int rm_at(int dfd, const char *name)
{
	if (unlinkat(dfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return -1;
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			rm_at(dirfd(d), de->d_name);
	closedir(d);
	return unlinkat(dfd, name, AT_REMOVEDIR);
}

static int rm_tree(const char *path)
{
	return rm_at(AT_FDCWD, path);
}

/* "<out>.d": where the releases live, beside OUT. */
static char *releases_dir(const char *out)
{
	size_t n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		n--;
	return go_xasprintf("%.*s.d", (int)n, out);
}

/* The site folder OUT points to now (a new string), or NULL (none yet);
 * *bad when OUT is there but is no link go-site made. */
static char *current_site(const char *out, int *bad)
{
	struct stat sb;
	char target[PATH_MAX];
	*bad = 0;
	if (lstat(out, &sb) < 0)
		return NULL;
	if (!S_ISLNK(sb.st_mode)) {
		DIR *d = S_ISDIR(sb.st_mode) ? opendir(out) : NULL;
		struct dirent *de;
		int empty = d != NULL;
		while (d && (de = readdir(d)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				empty = 0;
		if (d)
			closedir(d);
		if (empty && rmdir(out) == 0)
			return NULL;
		*bad = 1;
		return NULL;
	}
	ssize_t n = readlink(out, target, sizeof target - 1);
	if (n < 0)
		return NULL;
	target[n] = '\0';
	char *slash = strrchr(out, '/');
	char *full = slash && target[0] != '/'
			     ? go_xasprintf("%.*s/%s", (int)(slash - out), out, target)
			     : go_xstrdup(target);
	if (stat(full, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		free(full);
		return NULL;
	}
	return full;
}

/* A new, empty release folder under rel: "<rel>/<n>" for the next free n. */
static char *new_release(const char *rel, unsigned long *num)
{
	DIR *d = opendir(rel);
	struct dirent *de;
	unsigned long max = 0;
	while (d && (de = readdir(d))) {
		char *end;
		unsigned long v = strtoul(de->d_name, &end, 10);
		if (*end == '\0' && end != de->d_name && v > max)
			max = v;
	}
	if (d)
		closedir(d);
	for (unsigned long n = max + 1;; n++) {
		char *p = go_xasprintf("%s/%06lu", rel, n);
		if (mkdir(p, 0755) == 0) {
			*num = n;
			return p;
		}
		int e = errno;
		free(p);
		if (e != EEXIST)
			return NULL;
	}
}

/* Point OUT at the new release: a link made beside it, renamed over it. */
static int switch_to(site *st, unsigned long num)
{
	const char *out = st->o->out;
	char *rel = releases_dir(out);
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	char *target = go_xasprintf("%s/%06lu/site", base, num);
	char *tmp = go_xasprintf("%s.new-%ld", rel, (long)getpid());
	int rc = 0;
	unlink(tmp);
	if (symlink(target, tmp) < 0 || rename(tmp, out) < 0) {
		go_warn("%s", out);
		unlink(tmp);
		rc = -1;
	}
	free(target);
	free(tmp);
	free(rel);
	return rc;
}

/* Keep the new release and the one before (a request being served may still
 * read it, unless all must go: after a purge); remove older ones. */
static void prune(const char *reldir, unsigned long num, int all)
{
	DIR *d = opendir(reldir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		char *end;
		unsigned long v = strtoul(de->d_name, &end, 10);
		if (*end != '\0' || end == de->d_name || v + !all >= num)
			continue;
		char *p = go_xasprintf("%s/%s", reldir, de->d_name);
		rm_tree(p);
		free(p);
	}
	if (d)
		closedir(d);
}

static char *digest_config(const go_site_opts *o, const char *base)
{
	go_hash h;
	unsigned char dig[GO_HASH_MAX];
	char hex[2 * GO_HASH_MAX + 1];
	size_t len = 0;
	char *cfg = o->config ? go_json_dump(o->config, &len) : go_xstrdup("{}");
	char *all = go_xasprintf("go-site %s|%s|%d|%s", GO_VERSION, base ? base : "",
				 o->no_search, cfg);
	go_hash_init(&h, GO_SHA256);
	go_hash_update(&h, all, strlen(all));
	go_hash_final(&h, dig);
	go_hex(dig, 32, hex);
	free(cfg);
	free(all);
	return go_xstrdup(hex);
}

int go_site_render(go_store *s, const go_site_opts *o)
{
	site st = {.store = s, .o = o};
	char old_commit[41] = "";
	char *reldir = NULL, *cur = NULL;
	unsigned long num = 0;
	int rc = -1, bad, lock = -1, rewritten = 0;

	st.base = o->base_url ? o->base_url : go_str(o->config, "base_url");
	if (st.base && !*st.base)
		st.base = NULL;
	st.name = str_or(o->config, "site_name", "政府信息公开");
	st.notice = json_is_true(json_object_get(o->config, "withdrawn_notice"));
	st.cfg_digest = digest_config(o, st.base);
	/* an undocumented knob for the tests: a small limit makes a split cheap */
	const char *max = getenv("GO_SITE_SITEMAP_MAX");
	st.sitemap_max = max && atol(max) > 0 ? (size_t)atol(max) : SITEMAP_MAX;
	const char *crash = getenv("GO_TEST_SITE_CRASH");
	st.crash_after = crash ? strtoul(crash, NULL, 10) : 0;

	const char *rev = o->rev ? o->rev : "refs/heads/public";
	int err = go_store_resolve(s, rev, st.commit, &st.tree);
	if (err == GIT_ENOTFOUND) {
		go_warnx("%s: %s: no such revision (nothing published yet?)", go_store_path(s), rev);
		goto out;
	}
	if (err < 0)
		goto out;

	reldir = releases_dir(o->out);
	if (mkdir(reldir, 0755) < 0 && errno != EEXIST) {
		go_warn("%s", reldir);
		goto out;
	}
	/* one run at a time on a site: a second one waits, then renders its commit */
	char *lockpath = go_xasprintf("%s/lock", reldir);
	lock = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock < 0 || flock(lock, LOCK_EX) < 0) {
		go_warn("%s", lockpath);
		free(lockpath);
		goto out;
	}
	free(lockpath);
	cur = current_site(o->out, &bad);
	if (bad) {
		go_warnx("%s: exists and is not a site go-site made (a link into %s.d/): "
			 "remove it or choose another -o", o->out, o->out);
		goto out;
	}
	st.full = o->full || !cur;
	if (!st.full) {
		st.release = go_xasprintf("%.*s", (int)(strrchr(cur, '/') - cur), cur);
		git_oid a, b;
		int desc = 0;
		if (load_state(&st, old_commit) == 0 && git_oid_fromstr(&a, old_commit) == 0 &&
		    git_oid_fromstr(&b, st.commit) == 0)
			desc = git_oid_equal(&a, &b) ||
			       git_graph_descendant_of(go_store_repo(s), &b, &a) == 1;
		/* history rewritten (a purge): render in full, from the new history,
		 * and remove every older release, which may show what was purged */
		rewritten = !desc;
		if (!desc || apply_changes(&st, old_commit) < 0) {
			for (size_t i = 0; i < st.docs.n; i++)
				doc_free(st.docs.p[i]);
			st.docs.n = 0;
			st.full = 1;
			free(st.release);
			st.release = NULL;
		}
	}
	if (st.full) {
		git_oid tip;
		if (go_store_foreach_tree(s, st.tree, 0, GO_STORE_BODY, add_from_store, &st) != 0)
			goto out;
		if (st.notice && (git_oid_fromstr(&tip, st.commit) < 0 || add_tombstones(&st, &tip) < 0))
			goto out;
	}
	/* the office's pages are files outside the store: with --pages, each run
	 * reads them again, so a run with --pages always renders */
	if (!st.full && !o->pages && strcmp(old_commit, st.commit) == 0 && st.changed.n == 0) {
		if (!o->quiet)
			fprintf(stderr, "%s: %s: %.12s is rendered already\n", go_prog(), o->out, st.commit);
		rc = 0;
		goto out;
	}
	if (st.full) {
		if (!(st.release = new_release(reldir, &num))) {
			go_warn("%s", reldir);
			goto out;
		}
		st.newdir = go_xasprintf("%s/site", st.release);
		if (mkdir(st.newdir, 0755) < 0) {
			go_warn("%s", st.newdir);
			goto out;
		}
	} else {
		/* in place: until the run is through, the head says so, and a run
		 * after one that stopped half-way renders in full */
		st.inplace = 1;
		st.newdir = cur;
		cur = NULL;
		if (write_head(&st, old_commit, st.commit) < 0)
			goto out;
	}
	index_model(&st);
	for (size_t i = 0; i < st.changed.n; i++)
		touch(&st, st.changed.p[i], !st.changed.p[i]->gone);

	/* pages first, then the lists and indexes that link them, then the files
	 * no longer made: a reader never follows a link to a missing page */
	rc = emit_docs(&st);
	if (rc == 0 && st.inplace)
		drop_gone(&st);
	if (rc == 0)
		rc = emit_months(&st);
	for (size_t i = 0; rc == 0 && i < st.lists.cap; i++)
		if (st.lists.k[i])
			rc |= emit_list(&st, st.lists.v[i]);
	if (rc == 0) {
		rc |= emit_home(&st);
		rc |= emit_column(&st);
		rc |= emit_catalogue_index(&st);
		rc |= emit_feeds(&st);
		rc |= emit_static(&st, !o->no_search);
		rc |= emit_office_page(&st, "gk/guide.html", "政府信息公开指南", "guide.md");
		rc |= emit_office_page(&st, "gk/rules.html", "政府信息公开制度", "rules.md");
		rc |= emit_reports(&st);
	}
	if (rc == 0) {
		drop_all(&st);
		rc = write_state(&st);
	}
	if (rc == 0 && st.full)
		rc = switch_to(&st, num);
	if (rc < 0) {
		if (st.full)
			rm_tree(st.release);
		goto out;
	}
	if (st.full)
		prune(reldir, num, rewritten);
	if (!o->quiet)
		fprintf(stderr, "%s: %s: %.12s rendered %s: %lu files written, %lu removed\n", go_prog(),
			o->out, st.commit, st.full ? "in full" : "incrementally", st.written, st.removed);
out:
	/* the old versions of changed documents first: the new ones are in docs */
	for (size_t i = 0; i < st.changed.n; i++)
		if (st.changed.p[i]->gone)
			doc_free(st.changed.p[i]);
	for (size_t i = 0; i < st.docs.n; i++)
		doc_free(st.docs.p[i]);
	free(st.docs.p);
	free(st.changed.p);
	for (size_t i = 0; i < st.incoming.cap; i++)
		if (st.incoming.k[i]) {
			free(((vec *)st.incoming.v[i])->p);
			free(st.incoming.v[i]);
		}
	go_map_free(&st.incoming);
	for (size_t i = 0; i < st.lists.cap; i++)
		if (st.lists.k[i]) {
			list *l = st.lists.v[i];
			free(l->items.p);
			free(l->title);
			free(l->name);
			free(l);
		}
	go_map_free(&st.lists);
	for (size_t i = 0; i < st.office_hash.cap; i++)
		free(st.office_hash.v[i]);
	go_map_free(&st.office_hash);
	go_map_free(&st.ids);
	for (size_t i = 0; i < st.dirty_months.cap; i++)
		free(st.dirty_months.v[i]);
	go_map_free(&st.dirty_months);
	for (size_t i = 0; i < st.nmonths; i++)
		free(st.months[i]);
	free(st.months);
	go_buf_free(&st.page);
	git_tree_free(st.tree);
	free(st.cfg_digest);
	free(st.newdir);
	free(st.release);
	for (size_t i = 0; i < st.ndrops; i++)
		free(st.drops[i]);
	free(st.drops);
	for (size_t i = 0; i < st.nbufs; i++)
		free(st.bufs[i]);
	free(st.bufs);
	if (lock >= 0)
		close(lock);
	free(reldir);
	free(cur);
	return rc < 0 ? -1 : 0;
}
