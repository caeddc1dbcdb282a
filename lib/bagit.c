/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * bagit.c — BagIt 1.0 (RFC 8493): manifests, tag files, and checking a bag
 * whose files arrive one by one, in any order, from an archive.
 *
 * Checking keeps one small entry per file named by a manifest or met in the
 * archive (its path and the digests to compare), never a file's content: memory
 * grows with the number of files, not with their sizes.
 */
#include <errno.h>
#include <iconv.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <utf8proc.h>

#include "go.h"
#include "go-archive.h"

/* ---- paths in manifests ------------------------------------------------- */

char *go_bagit_encode_path(const char *path)
{
	size_t n = 0;
	for (const char *p = path; *p; p++)
		n += (*p == '%' || *p == '\r' || *p == '\n') ? 3 : 1;
	char *out = go_xmalloc(n + 1), *o = out;
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '\r' || *p == '\n')
			o += sprintf(o, "%%%02X", (unsigned char)*p);
		else
			*o++ = *p;
	}
	*o = '\0';
	return out;
}

char *go_bagit_decode_path(const char *s)
{
	char *out = go_xmalloc(strlen(s) + 1), *o = out;
	while (*s) {
		/* Only what RFC 8493 §2.1.3 encodes is decoded: any other %XX is a
		 * literal part of the name (as in bags of version 0.97). */
		if (s[0] == '%' && s[1] && s[2]) {
			if (s[1] == '2' && s[2] == '5') { *o++ = '%'; s += 3; continue; }
			if (s[1] == '0' && (s[2] == 'A' || s[2] == 'a')) { *o++ = '\n'; s += 3; continue; }
			if (s[1] == '0' && (s[2] == 'D' || s[2] == 'd')) { *o++ = '\r'; s += 3; continue; }
		}
		*o++ = *s++;
	}
	*o = '\0';
	return out;
}

void go_bagit_size(uint64_t bytes, char out[32])
{
	static const char *unit[] = {"KB", "MB", "GB", "TB", "PB"};
	if (bytes < 1000) {
		snprintf(out, 32, "%" PRIu64 " bytes", bytes);
		return;
	}
	double v = (double)bytes / 1000;
	int u = 0;
	while (v >= 1000 && u < 4) {
		v /= 1000;
		u++;
	}
	snprintf(out, 32, "%.1f %s", v, unit[u]);
}

/* NULL when rel is a safe relative path: no empty, "." or ".." segment, not
 * absolute. Otherwise a short reason. */
const char *go_bagit_unsafe_path(const char *rel)
{
	if (!*rel)
		return "empty path";
	if (rel[0] == '/' || rel[0] == '\\' ||
	    (((rel[0] | 32) >= 'a' && (rel[0] | 32) <= 'z') && rel[1] == ':'))
		return "absolute path";
	for (const char *p = rel; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return "'..' in path";
		if (n == 0 || (n == 1 && p[0] == '.'))
			return "empty or '.' segment in path";
		if (memchr(p, '\\', n))
			return "backslash in path";
		p += n + (e != NULL);
		if (e && !*p)
			return "path ends with '/'";
	}
	return NULL;
}

/* ---- checking a bag ----------------------------------------------------- */

/*
 * Every file is hashed as it streams by, with the algorithms of the manifests
 * whose names came before it (every algorithm when none did, or when the
 * archive cannot be read twice), and keeps (path, size, digests): nothing of
 * its content. Tag files that say something (bagit.txt, bag-info.txt,
 * fetch.txt, the manifests) are spooled to temporary files and parsed as soon
 * as the declared encoding is known, so a bag's files may come in any order.
 * A file met before a manifest of an algorithm it was not hashed with is read
 * again in a second pass over the archive (go_bag_check_rescan).
 */

/* An arena for paths and digests: freed all at once. */
struct arena {
	char *cur;
	size_t left;
	char **blocks;
	size_t nblocks;
};

static void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	if (n > a->left) {
		size_t size = n > (1 << 20) ? n : (1 << 20);
		a->blocks = go_xrealloc(a->blocks, (a->nblocks + 1) * sizeof *a->blocks);
		a->cur = a->blocks[a->nblocks++] = go_xmalloc(size);
		a->left = size;
	}
	void *p = a->cur;
	a->cur += n;
	a->left -= n;
	return p;
}

static void arena_free(struct arena *a)
{
	for (size_t i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
}

struct node {
	const char *path;                 /* relative to the bag's root, NFC */
	unsigned char *want[GO_HASH_N];   /* digests a manifest names */
	unsigned char *got[GO_HASH_N];    /* digests computed */
	uint64_t size;
	unsigned char listed;  /* bit per algorithm of the manifests naming it */
	unsigned char need;    /* algorithms wanted and not computed: read again */
	unsigned char seen;    /* met in the archive */
	unsigned char bad;     /* a finding names it */
	unsigned char again;   /* read again already */
	unsigned char fetch;   /* listed in fetch.txt */
	unsigned char partial; /* not read to its end */
};

enum kind { K_PAYLOAD, K_TAG, K_BAGIT, K_INFO, K_FETCH, K_MANIFEST, K_TAGMANIFEST };

/* A tag file to parse: its bytes, spooled. */
struct text {
	FILE *f;
	enum kind kind;
	int alg;
	long node;
	int parsed;
};

#define MAX_TEXTS 16

struct go_bag_check {
	go_bag_finding_cb cb;
	void *ctx;
	struct arena arena;
	struct node *nodes;
	size_t nnodes, cap;
	uint32_t *table; /* open addressing: node index + 1, 0 empty */
	uint32_t *thash; /* beside it: the path's hash, compared before the path */
	size_t tsize;
	unsigned pmask, tmask; /* algorithms of the payload and tag manifests named */
	int hash_all, rescan;
	int have_bagit, have_info, errors, unknown_payload_alg;
	int enc_known, enc_utf8;
	char version[16], encoding[64];
	int oxum_set;
	uint64_t oxum_octets, oxum_count, octets, count;
	struct text texts[MAX_TEXTS];
	int ntexts;
	/* the entry being read */
	enum kind kind;
	long cur;      /* its node, -1 for none */
	int text;      /* its texts[] slot, -1 for none */
	uint64_t tlen, tmax;
	int too_long;
	unsigned hmask;
	go_hash h[GO_HASH_N];
	/* go_bag_check_threads: payload files hashed in a second thread; its
	 * digests wait in res (node, mask, digests) until merged, in order. */
	go_worker *w;
	int threaded_file;    /* the entry being read is hashed there */
	unsigned char *res;
	size_t nres, rcap;
	go_hash wh[GO_HASH_N];  /* the worker's */
	unsigned wmask;
	long wnode;
};

enum { H_BEGIN, H_DATA, H_END };

/* In the worker's thread: hash, and keep the digests for merge(). */
static int hash_msg(void *ctx, int tag, const void *p, size_t n)
{
	go_bag_check *c = ctx;
	if (tag == H_DATA) {
		for (int a = 0; a < GO_HASH_N; a++)
			if (c->wmask & (1u << a))
				go_hash_update(&c->wh[a], p, n);
		return 0;
	}
	if (tag == H_BEGIN) {
		memcpy(&c->wnode, p, sizeof c->wnode);
		memcpy(&c->wmask, (const char *)p + sizeof c->wnode, sizeof c->wmask);
		for (int a = 0; a < GO_HASH_N; a++)
			if (c->wmask & (1u << a))
				go_hash_init(&c->wh[a], a);
		return 0;
	}
	size_t need = sizeof c->wnode + sizeof c->wmask;
	for (int a = 0; a < GO_HASH_N; a++)
		if (c->wmask & (1u << a))
			need += go_hash_size(a);
	if (c->nres + need > c->rcap)
		c->res = go_xrealloc(c->res, c->rcap = 2 * (c->nres + need) + 4096);
	unsigned char *o = c->res + c->nres;
	memcpy(o, &c->wnode, sizeof c->wnode);
	memcpy(o + sizeof c->wnode, &c->wmask, sizeof c->wmask);
	o += sizeof c->wnode + sizeof c->wmask;
	for (int a = 0; a < GO_HASH_N; a++)
		if (c->wmask & (1u << a)) {
			go_hash_final(&c->wh[a], o);
			o += go_hash_size(a);
		}
	c->nres += need;
	return 0;
}

static void compare(go_bag_check *c, struct node *n, int alg, const unsigned char *d);

/* The worker's digests into their nodes, compared as go_bag_check_end would
 * have: before anything reads a node's digests. */
static void merge(go_bag_check *c)
{
	if (!c->w)
		return;
	go_worker_wait(c->w);
	for (size_t off = 0; off < c->nres;) {
		long k;
		unsigned mask;
		memcpy(&k, c->res + off, sizeof k);
		memcpy(&mask, c->res + off + sizeof k, sizeof mask);
		off += sizeof k + sizeof mask;
		struct node *n = &c->nodes[k];
		for (int a = 0; a < GO_HASH_N; a++) {
			if (!(mask & (1u << a)))
				continue;
			size_t size = go_hash_size(a);
			n->got[a] = memcpy(arena_alloc(&c->arena, size), c->res + off, size);
			off += size;
			if (n->want[a])
				compare(c, n, a, n->got[a]);
		}
	}
	c->nres = 0;
}

void go_bag_check_threads(go_bag_check *c, int threaded)
{
	if (threaded && !c->w)
		c->w = go_worker_new(hash_msg, c, 1);
}

static void finding(go_bag_check *c, int warning, const char *code, const char *path,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void finding(go_bag_check *c, int warning, const char *code, const char *path,
		    const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, go_msg(code, fmt), ap); /* the run's language */
	va_end(ap);
	if (!warning)
		c->errors++;
	c->cb(c->ctx, warning ? "warning" : "error", code, path, msg);
}

go_bag_check *go_bag_check_new(go_bag_finding_cb cb, void *ctx)
{
	go_bag_check *c = go_xcalloc(1, sizeof *c);
	c->cb = cb;
	c->ctx = ctx;
	c->tsize = 1024;
	c->table = go_xcalloc(c->tsize, sizeof *c->table);
	c->thash = go_xcalloc(c->tsize, sizeof *c->thash);
	c->cur = -1;
	c->text = -1;
	return c;
}

void go_bag_check_hash_all(go_bag_check *c)
{
	c->hash_all = 1;
}

void go_bag_check_free(go_bag_check *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->ntexts; i++)
		if (c->texts[i].f)
			fclose(c->texts[i].f);
	go_worker_free(c->w);
	free(c->res);
	arena_free(&c->arena);
	free(c->nodes);
	free(c->table);
	free(c->thash);
	free(c);
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = go_fnv1a(s, strlen(s), 0);
	return h ^ h >> 29;
}

/* Paths are compared in Unicode NFC: a manifest written on one system and
 * names archived on another (macOS gives NFD) name the same files. */
char *go_bagit_nfc(const char *path)
{
	const char *p = path;
	while (*p && (unsigned char)*p < 0x80)
		p++;
	if (!*p)
		return go_xstrdup(path); /* ASCII is NFC */
	utf8proc_uint8_t *out = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)path, 0, &out,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0)
		return go_xstrdup(path); /* not UTF-8: compared as bytes */
	char *s = go_xstrdup((char *)out);
	free(out);
	return s;
}

/* Whether s is ASCII, which is NFC (most paths: no copy to normalise). */
static int ascii(const char *s)
{
	while (*s && (unsigned char)*s < 0x80)
		s++;
	return !*s;
}

static long lookup(go_bag_check *c, const char *raw, int create)
{
	char *path = ascii(raw) ? (char *)raw : go_bagit_nfc(raw);
	long found = -1;
	uint64_t h = hash_str(path);
	size_t mask = c->tsize - 1, i = h & mask;
	for (; c->table[i]; i = (i + 1) & mask)
		if (c->thash[i] == (uint32_t)h && strcmp(c->nodes[c->table[i] - 1].path, path) == 0) {
			found = c->table[i] - 1;
			goto out;
		}
	if (!create)
		goto out;
	if (c->nnodes == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 1024;
		c->nodes = go_xrealloc(c->nodes, c->cap * sizeof *c->nodes);
	}
	struct node *n = &c->nodes[c->nnodes];
	memset(n, 0, sizeof *n);
	size_t len = strlen(path) + 1;
	n->path = memcpy(arena_alloc(&c->arena, len), path, len);
	c->table[i] = (uint32_t)++c->nnodes;
	c->thash[i] = (uint32_t)h;
	if (2 * c->nnodes > c->tsize) {
		/* Grow the table: re-insert every node. */
		free(c->table);
		free(c->thash);
		c->tsize *= 2;
		c->table = go_xcalloc(c->tsize, sizeof *c->table);
		c->thash = go_xcalloc(c->tsize, sizeof *c->thash);
		mask = c->tsize - 1;
		for (size_t k = 0; k < c->nnodes; k++) {
			uint64_t kh = hash_str(c->nodes[k].path);
			size_t j = kh & mask;
			while (c->table[j])
				j = (j + 1) & mask;
			c->table[j] = (uint32_t)(k + 1);
			c->thash[j] = (uint32_t)kh;
		}
	}
	found = (long)c->nnodes - 1;
out:
	if (path != raw)
		free(path);
	return found;
}

static int is_payload(const char *path)
{
	return strncmp(path, "data/", 5) == 0;
}

/* "manifest-ALG.txt" or "tagmanifest-ALG.txt": 1 or 2 and *alg (-1: unknown). */
static int manifest_name(const char *path, int *alg, const char **name)
{
	int tag = strncmp(path, "tagmanifest-", 12) == 0;
	const char *p = tag ? path + 12 : strncmp(path, "manifest-", 9) == 0 ? path + 9 : NULL;
	if (!p || strchr(p, '/'))
		return 0;
	size_t n = strlen(p);
	if (n < 5 || strcmp(p + n - 4, ".txt") != 0)
		return 0;
	char a[32];
	if (n - 4 >= sizeof a)
		n = sizeof a + 3;
	memcpy(a, p, n - 4);
	a[n - 4] = '\0';
	*alg = go_hash_lookup(a);
	*name = p;
	return tag ? 2 : 1;
}

/* Hex digits: their value + 1, 0 for anything else (a table: a manifest has
 * a hundred of them a line). */
static const unsigned char hex1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7,
	['7'] = 8, ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14,
	['e'] = 15, ['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15,
	['F'] = 16,
};

/* A computed digest d (algorithm alg) meets the one the manifest wants. */
static void compare(go_bag_check *c, struct node *n, int alg, const unsigned char *d)
{
	size_t size = go_hash_size(alg);
	if (memcmp(n->want[alg], d, size) == 0)
		return;
	char want[2 * GO_HASH_MAX + 1], got[2 * GO_HASH_MAX + 1];
	go_hex(n->want[alg], size, want);
	go_hex(d, size, got);
	n->bad = 1;
	finding(c, 0, "checksum-mismatch", n->path, "%s 为 %s，清单中为 %s",
		go_hash_name(alg), got, want);
}

/*
 * A manifest or fetch.txt path as RFC 8493 §2.1.3 and §7.2 read it: "./"
 * prefixes and "x/.." pairs resolve lexically; what would leave the bag (or,
 * for payload paths, data/) is refused. A new string, or NULL with *why.
 */
static char *resolve_path(const char *path, const char **why)
{
	if (path[0] == '/' || (((path[0] | 32) >= 'a' && (path[0] | 32) <= 'z') && path[1] == ':')) {
		*why = "绝对路径";
		return NULL;
	}
	if (strchr(path, '\\')) {
		*why = "路径中有反斜杠";
		return NULL;
	}
	char *out = go_xmalloc(strlen(path) + 1);
	size_t o = 0;
	for (const char *p = path; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (!o) {
				*why = "'..' 超出了 bag 的范围";
				free(out);
				return NULL;
			}
			while (o && out[o - 1] != '/')
				o--;
			if (o)
				o--;
		} else if (n && !(n == 1 && p[0] == '.')) {
			if (o)
				out[o++] = '/';
			memcpy(out + o, p, n);
			o += n;
		}
		p += n + (e != NULL);
	}
	out[o] = '\0';
	if (!o) {
		*why = "空路径";
		free(out);
		return NULL;
	}
	return out;
}

static void manifest_line(go_bag_check *c, const struct text *t, char *line, unsigned long lineno)
{
	int tag = t->kind == K_TAGMANIFEST, alg = t->alg;
	const char *mname = c->nodes[t->node].path;
	size_t len = strlen(line);
	if (len && line[len - 1] == '\r')
		line[--len] = '\0';
	if (!len)
		return;
	size_t size = go_hash_size(alg), i = 0;
	unsigned char d[GO_HASH_MAX];
	for (; i < size; i++) {
		unsigned hi = hex1[(unsigned char)line[2 * i]];
		unsigned lo = hi ? hex1[(unsigned char)line[2 * i + 1]] : 0;
		if (!lo)
			break;
		d[i] = (unsigned char)((hi - 1) << 4 | (lo - 1));
	}
	char *p = line + 2 * i;
	if (i != size || (*p != ' ' && *p != '\t')) {
		finding(c, 0, "invalid-manifest-line", mname,
			"第 %lu 行不是 %s 校验和加路径", lineno, go_hash_name(alg));
		return;
	}
	/* "HASH *PATH": the binary-mode mark of sha256sum -b, not a part of the
	 * name (as the reference validator, bagit-python, reads it). */
	if (p[0] == ' ' && p[1] == '*')
		p += 2;
	while (*p == ' ' || *p == '\t')
		p++;
	char *raw = go_bagit_decode_path(p), *path = NULL;
	const char *why = NULL;
	if (!(path = resolve_path(raw, &why))) {
		finding(c, 0, "manifest-unsafe-path", mname, "第 %lu 行：%s：%s", lineno, raw, go_word(why));
		goto out;
	}
	if (!tag && !is_payload(path) && is_payload(raw)) {
		finding(c, 0, "manifest-unsafe-path", mname, "第 %lu 行：%s：'..' 超出了 data/",
			lineno, raw);
		goto out;
	}
	if (!tag && !is_payload(path)) {
		finding(c, 0, "manifest-outside-payload", mname,
			"第 %lu 行：%s 不在 data/ 下", lineno, raw);
		goto out;
	}
	if (tag && is_payload(path)) {
		finding(c, 0, "manifest-outside-payload", mname,
			"第 %lu 行：%s 是载荷文件，却列在标签清单中", lineno, raw);
		goto out;
	}
	long k = lookup(c, path, 1); /* (may move c->nodes) */
	struct node *n = &c->nodes[k];
	if (n->want[alg]) {
		finding(c, 0, "duplicate-manifest-entry", mname, "第 %lu 行：%s 列出了两次",
			lineno, raw);
		goto out;
	}
	n->listed |= 1u << alg;
	n->want[alg] = memcpy(arena_alloc(&c->arena, size), d, size);
	if (n->seen && n->got[alg])
		compare(c, n, alg, n->got[alg]);
	else if (n->seen && !n->partial)
		n->need |= 1u << alg;
out:
	free(raw);
	free(path);
}

static int parse_u64(const char *s, const char **end, uint64_t *v)
{
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	char *e;
	unsigned long long x = strtoull(s, &e, 10);
	if (errno)
		return -1;
	*v = x;
	*end = e;
	return 0;
}

/* One element of bag-info.txt, continuation lines joined. */
static void info_element(go_bag_check *c, const char *label, const char *value)
{
	const char *name = "bag-info.txt";
	if (strcasecmp(label, "Payload-Oxum") != 0)
		return;
	const char *e;
	uint64_t octets, count;
	if (parse_u64(value, &e, &octets) || *e != '.' || parse_u64(e + 1, &e, &count) || *e) {
		finding(c, 0, "invalid-oxum", name, "Payload-Oxum 不是 OCTETS.COUNT 的形式");
		return;
	}
	if (c->oxum_set) {
		finding(c, 0, "invalid-oxum", name, "Payload-Oxum 出现了两次");
		return;
	}
	c->oxum_set = 1;
	c->oxum_octets = octets;
	c->oxum_count = count;
}

static void trim_end(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/*
 * bag-info.txt: "Label: value" lines, continued by lines that start with a
 * space or tab. BagIt 1.0 wants a space or tab after the colon; 0.97 and
 * earlier take none or several. Labels may repeat (RFC 8493 §2.2.2), except
 * Payload-Oxum.
 */
static void info_line(go_bag_check *c, char **elem, char *line, unsigned long lineno)
{
	const char *name = "bag-info.txt";
	int v1 = strcmp(c->version, "0.97") != 0 && strcmp(c->version, "0.96") != 0 &&
		 strcmp(c->version, "0.95") != 0;
	if (line && (line[0] == ' ' || line[0] == '\t')) {
		if (!*elem) {
			finding(c, 0, "invalid-bag-info", name,
				"第 %lu 行：续行之前没有标签行", lineno);
			return;
		}
		while (*line == ' ' || *line == '\t')
			line++;
		trim_end(line);
		char *joined = go_xasprintf("%s %s", *elem, line);
		free(*elem);
		*elem = joined;
		return;
	}
	if (*elem) {
		char *colon = strchr(*elem, ':');
		*colon = '\0';
		const char *value = colon + 1;
		while (*value == ' ' || *value == '\t')
			value++;
		info_element(c, *elem, value);
		free(*elem);
		*elem = NULL;
	}
	if (!line)
		return;
	trim_end(line);
	if (!*line)
		return;
	char *colon = strchr(line, ':');
	if (!colon || colon == line) {
		finding(c, 0, "invalid-bag-info", name, "第 %lu 行不是“标签: 值”的形式", lineno);
		return;
	}
	if (v1 && colon[1] && colon[1] != ' ' && colon[1] != '\t') {
		finding(c, 0, "invalid-bag-info", name,
			"第 %lu 行：BagIt %s 要求冒号后有空格", lineno, c->version);
		return;
	}
	*elem = go_xstrdup(line);
}

/* fetch.txt: "URL LENGTH PATH"; nothing is ever fetched, the files must be in
 * the archive. */
static void fetch_line(go_bag_check *c, char *line, unsigned long lineno)
{
	const char *name = "fetch.txt";
	trim_end(line);
	if (!*line)
		return;
	char *sp1 = strpbrk(line, " \t"), *sp2 = NULL;
	if (sp1) {
		char *q = sp1;
		while (*q == ' ' || *q == '\t')
			q++;
		sp2 = strpbrk(q, " \t");
		uint64_t len;
		const char *e;
		if (sp2 && !(*q == '-' && q + 1 == sp2) && (parse_u64(q, &e, &len) || e != sp2))
			sp2 = NULL;
	}
	if (!sp2) {
		finding(c, 0, "invalid-fetch-line", name, "第 %lu 行不是“URL 长度 路径”的形式", lineno);
		return;
	}
	while (*sp2 == ' ' || *sp2 == '\t')
		sp2++;
	char *raw = go_bagit_decode_path(sp2), *path;
	const char *why = NULL;
	if (!(path = resolve_path(raw, &why)) || !is_payload(path)) {
		finding(c, 0, "fetch-unsafe-path", name, "第 %lu 行：%s：%s", lineno, raw,
			go_word(why ? why : "不在 data/ 下"));
	} else {
		long k = lookup(c, path, 1);
		c->nodes[k].fetch = 1;
	}
	free(raw);
	free(path);
}

/* bagit.txt: exactly the two lines, UTF-8, no byte-order mark. */
static void parse_bagit(go_bag_check *c, const char *t, int too_long)
{
	const char *name = "bagit.txt";
	if (too_long) {
		finding(c, 0, "invalid-bagit-txt", name, "%s", go_word("作为 bag 声明过长"));
		return;
	}
	if ((unsigned char)t[0] == 0xEF && (unsigned char)t[1] == 0xBB &&
	    (unsigned char)t[2] == 0xBF) {
		finding(c, 0, "invalid-bagit-txt", name, "以字节顺序标记（BOM）开头");
		t += 3;
	}
	char ver[16] = "", enc[64] = "";
	int nver = 0, nenc = 0;
	if (sscanf(t, "BagIt-Version: %15[0-9.]%n", ver, &nver) != 1)
		nver = 0;
	const char *e = nver ? t + nver : t;
	while (*e == '\r' || *e == '\n' || *e == ' ')
		e++;
	if (sscanf(e, "Tag-File-Character-Encoding: %63[A-Za-z0-9_:.-]%n", enc, &nenc) != 1)
		nenc = 0;
	if (!nver || !nenc) {
		finding(c, 0, "invalid-bagit-txt", name,
			"须为两行：“BagIt-Version: M.N”和“Tag-File-Character-Encoding: 编码”");
		return;
	}
	snprintf(c->version, sizeof c->version, "%s", ver);
	if (strcmp(ver, "1.0") != 0 && strcmp(ver, "0.97") != 0 && strcmp(ver, "0.96") != 0)
		finding(c, 0, "unsupported-version", name, "BagIt-Version %s（可读取 1.0、0.97 和 0.96）",
			ver);
	snprintf(c->encoding, sizeof c->encoding, "%s", enc);
	c->enc_utf8 = strcasecmp(enc, "UTF-8") == 0 || strcasecmp(enc, "UTF8") == 0;
	if (!c->enc_utf8) {
		iconv_t cd = iconv_open("UTF-8", enc);
		if (cd == (iconv_t)-1)
			finding(c, 0, "unsupported-encoding", name,
				"Tag-File-Character-Encoding %s：本系统不认识这种编码", enc);
		else
			iconv_close(cd);
	}
}

/* The spooled text as UTF-8, in a file to read from the start: the spool
 * itself, or a decoded copy (iconv). NULL when it cannot be decoded. */
static FILE *decoded(go_bag_check *c, struct text *t, const char *name)
{
	rewind(t->f);
	if (c->enc_utf8 || !c->encoding[0]) {
		/* A byte-order mark is tolerated in UTF-8 tag files. */
		unsigned char bom[3];
		if (fread(bom, 1, 3, t->f) != 3 || bom[0] != 0xEF || bom[1] != 0xBB || bom[2] != 0xBF)
			rewind(t->f);
		return t->f;
	}
	iconv_t cd = iconv_open("UTF-8", c->encoding);
	FILE *out = cd == (iconv_t)-1 ? NULL : go_temp_file();
	char in[8192], obuf[32768];
	size_t have = 0, k;
	int bad = !out;
	while (!bad && (k = fread(in + have, 1, sizeof in - have, t->f)) > 0) {
		have += k;
		char *ip = in, *op = obuf;
		size_t il = have, ol = sizeof obuf;
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 && errno != EINVAL && errno != E2BIG)
			bad = 1;
		fwrite(obuf, 1, (size_t)(op - obuf), out);
		memmove(in, ip, il);
		have = il;
	}
	if (!bad && have)
		bad = 1; /* an incomplete character at the end */
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	if (bad) {
		if (cd != (iconv_t)-1)
			finding(c, 0, "invalid-encoding", name, "不是 %s 文本", c->encoding);
		if (out)
			fclose(out);
		return NULL;
	}
	rewind(out);
	/* UTF-16 and UTF-32 decoders take the byte-order mark; a UTF-8 one may
	 * come out of another declared encoding's BOM: skip it too. */
	unsigned char bom[3];
	if (fread(bom, 1, 3, out) != 3 || bom[0] != 0xEF || bom[1] != 0xBB || bom[2] != 0xBF)
		rewind(out);
	return out;
}

static void parse_text(go_bag_check *c, struct text *t)
{
	const char *name = c->nodes[t->node].path;
	t->parsed = 1;
	if (!t->f)
		return;
	if (t->kind == K_BAGIT) {
		char buf[4097];
		rewind(t->f);
		size_t n = fread(buf, 1, sizeof buf - 1, t->f);
		buf[n] = '\0';
		parse_bagit(c, buf, n != strlen(buf));
		c->enc_known = 1;
		return;
	}
	FILE *f = decoded(c, t, name);
	if (!f)
		return;
	char *line = NULL, *elem = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (memchr(line, '\0', (size_t)n)) {
			finding(c, 0, t->kind == K_INFO ? "invalid-bag-info" : "invalid-manifest-line",
				name, "第 %lu 行含有 NUL 字节（声明的编码 %s 是否正确？）",
				lineno, c->encoding[0] ? c->encoding : "UTF-8");
			break;
		}
		if (t->kind == K_INFO)
			info_line(c, &elem, line, lineno);
		else if (t->kind == K_FETCH)
			fetch_line(c, line, lineno);
		else
			manifest_line(c, t, line, lineno);
	}
	if (t->kind == K_INFO)
		info_line(c, &elem, NULL, lineno);
	free(line);
	if (f != t->f)
		fclose(f);
}

/* Parse what waits for the encoding: bagit.txt first, then the others in the
 * order they came. */
static void parse_pending(go_bag_check *c, int force)
{
	merge(c);
	for (int i = 0; i < c->ntexts; i++)
		if (!c->texts[i].parsed && c->texts[i].kind == K_BAGIT)
			parse_text(c, &c->texts[i]);
	if (!c->enc_known && !force)
		return;
	for (int i = 0; i < c->ntexts; i++)
		if (!c->texts[i].parsed)
			parse_text(c, &c->texts[i]);
}

int go_bag_check_begin(go_bag_check *c, const char *path, uint64_t size)
{
	int alg = -1;
	const char *aname = NULL;
	c->hmask = 0;
	c->text = -1;
	c->tlen = 0;
	c->too_long = 0;
	if (c->rescan) {
		c->cur = lookup(c, path, 0);
		struct node *n = c->cur >= 0 ? &c->nodes[c->cur] : NULL;
		if (!n || !n->need || n->again) {
			c->cur = -1;
			return 0;
		}
		n->again = 1;
		c->threaded_file = 0;
		c->hmask = n->need;
		c->kind = K_PAYLOAD;
		for (int a = 0; a < GO_HASH_N; a++)
			if (c->hmask & (1u << a))
				go_hash_init(&c->h[a], a);
		return 0;
	}
	c->cur = lookup(c, path, 1);
	struct node *n = &c->nodes[c->cur];
	if (n->seen) {
		/* A duplicate entry (or the same name in another normalisation):
		 * only the first counts. */
		c->cur = -1;
		return 1;
	}
	n->seen = 1;
	n->size = size;
	unsigned all = (1u << GO_HASH_N) - 1;
	if (is_payload(n->path)) {
		c->kind = K_PAYLOAD;
		c->hmask = c->hash_all || !c->pmask ? all : c->pmask;
		c->count++;
		c->octets += size;
	} else {
		int m = manifest_name(n->path, &alg, &aname);
		c->kind = strcmp(n->path, "bagit.txt") == 0 ? K_BAGIT :
			strcmp(n->path, "bag-info.txt") == 0 ? K_INFO :
			strcmp(n->path, "fetch.txt") == 0 ? K_FETCH :
			m == 1 ? K_MANIFEST : m == 2 ? K_TAGMANIFEST : K_TAG;
		c->tmax = c->kind == K_BAGIT ? 4096 : c->kind == K_INFO ? (1 << 20) : UINT64_MAX;
		if (m && alg < 0) {
			finding(c, 1, "unsupported-algorithm", n->path,
				"未校验：未知算法“%.*s”",
				(int)(strlen(aname) - 4), aname);
			if (m == 1)
				c->unknown_payload_alg = 1;
			c->kind = K_TAG;
		} else if (m == 1) {
			c->pmask |= 1u << alg;
		} else if (m == 2) {
			c->tmask |= 1u << alg;
		}
		c->hmask = c->hash_all || !c->tmask ? all : c->tmask;
		if (c->kind != K_TAG && c->ntexts < MAX_TEXTS) {
			struct text *t = &c->texts[c->ntexts];
			memset(t, 0, sizeof *t);
			t->kind = c->kind;
			t->alg = alg;
			t->node = c->cur;
			if (!(t->f = go_temp_file()))
				finding(c, 0, "temporary-file", n->path, "无法建立读取它的临时文件：%s",
					strerror(errno));
			c->text = c->ntexts++;
		}
	}
	c->threaded_file = c->w && c->kind == K_PAYLOAD;
	if (c->threaded_file) {
		unsigned char m[sizeof c->cur + sizeof c->hmask];
		memcpy(m, &c->cur, sizeof c->cur);
		memcpy(m + sizeof c->cur, &c->hmask, sizeof c->hmask);
		go_worker_send(c->w, H_BEGIN, m, sizeof m);
		return 0;
	}
	for (int a = 0; a < GO_HASH_N; a++)
		if (c->hmask & (1u << a))
			go_hash_init(&c->h[a], a);
	return 0;
}

void go_bag_check_data(go_bag_check *c, const void *buf, size_t n)
{
	if (c->cur < 0)
		return;
	if (c->threaded_file) {
		go_worker_send(c->w, H_DATA, buf, n);
		return;
	}
	for (int a = 0; a < GO_HASH_N; a++)
		if (c->hmask & (1u << a))
			go_hash_update(&c->h[a], buf, n);
	if (c->text >= 0 && c->texts[c->text].f && !c->too_long) {
		if (c->tlen + n > c->tmax) {
			c->too_long = 1;
			return;
		}
		c->tlen += n;
		if (fwrite(buf, 1, n, c->texts[c->text].f) != n)
			c->too_long = 1;
	}
}

int go_bag_check_end(go_bag_check *c, int complete)
{
	if (c->cur < 0)
		return 0;
	struct node *n = &c->nodes[c->cur];
	long cur = c->cur;
	c->cur = -1;
	if (c->threaded_file && complete) {
		go_worker_send(c->w, H_END, NULL, 0);
		return 0; /* the digests come at merge() */
	}
	if (!complete) {
		/* The reader reported why; the content was not read to its end. */
		n->bad = n->partial = 1;
		n->need = 0;
		if (c->text >= 0) {
			if (c->texts[c->text].f)
				fclose(c->texts[c->text].f);
			c->texts[c->text].f = NULL;
			c->texts[c->text].parsed = 1;
		}
		return 1;
	}
	for (int a = 0; a < GO_HASH_N; a++) {
		if (!(c->hmask & (1u << a)))
			continue;
		unsigned char *d = arena_alloc(&c->arena, go_hash_size(a));
		go_hash_final(&c->h[a], d);
		n->got[a] = d;
		if (n->want[a])
			compare(c, n, a, d);
	}
	if (c->rescan) {
		n->need = 0;
		return n->bad;
	}
	if (c->text >= 0) {
		struct text *t = &c->texts[c->text];
		if (c->too_long) {
			finding(c, 0, t->kind == K_BAGIT ? "invalid-bagit-txt" : "invalid-bag-info",
				n->path, "%s", go_word(t->kind == K_BAGIT ? "作为 bag 声明过长" :
				"超过 1 MiB"));
			if (t->f)
				fclose(t->f);
			t->f = NULL;
			t->parsed = 1;
			if (t->kind == K_BAGIT)
				c->enc_known = 1;
		}
		if (t->kind == K_BAGIT)
			c->have_bagit = 1;
		if (t->kind == K_INFO)
			c->have_info = 1;
		parse_pending(c, 0);
	}
	(void)cur;
	return n->bad;
}

size_t go_bag_check_rescan(go_bag_check *c)
{
	size_t k = 0;
	parse_pending(c, 1); /* (merges the worker's digests) */
	for (size_t i = 0; i < c->nnodes; i++)
		if (c->nodes[i].need)
			k++;
	c->rescan = k > 0;
	return k;
}

struct late {
	const char *path, *code;
	char msg[200];
};

static int late_cmp(const void *a, const void *b)
{
	const struct late *x = a, *y = b;
	int r = strcmp(x->path, y->path);
	return r ? r : strcmp(x->code, y->code);
}

int go_bag_check_finish(go_bag_check *c)
{
	parse_pending(c, 1);
	if (!c->have_bagit)
		finding(c, 0, "missing-bagit-txt", "bagit.txt", "bag 中没有 bagit.txt");
	if (!c->pmask && !c->unknown_payload_alg)
		finding(c, 0, "missing-manifest", "", "bag 中没有载荷清单（manifest-*.txt）");
	/* Completeness, in path order. */
	struct late *l = NULL;
	size_t nl = 0, cap = 0;
	for (size_t k = 0; k < c->nnodes; k++) {
		struct node *n = &c->nodes[k];
		int payload = is_payload(n->path);
		unsigned mask = payload ? c->pmask : 0;
		const char *code = NULL;
		char msg[200] = "";
		char names[120] = "";
		int w = 0;
		if (!n->seen && (n->listed || n->fetch)) {
			code = "missing-file";
			snprintf(msg, sizeof msg, "%s", go_msg(code, n->fetch ?
				 "列在 fetch.txt 中，但归档中没有（go-archive 从不下载：bag 不完整）" :
				 payload ? "列在清单中，但归档中没有" : "列在标签清单中，但归档中没有"));
		} else if (n->seen && payload && (n->listed & mask) != mask) {
			code = "unlisted-file";
			for (int a = 0; a < GO_HASH_N; a++)
				if ((mask & ~n->listed) & (1u << a))
					w += snprintf(names + w, sizeof names - (size_t)w, " manifest-%s.txt",
						      go_hash_name(a));
			snprintf(msg, sizeof msg, go_msg(code, "未列入%s"), names);
		} else if (n->need) {
			code = "unverifiable-file";
			for (int a = 0; a < GO_HASH_N; a++)
				if (n->need & (1u << a))
					w += snprintf(names + w, sizeof names - (size_t)w, " %s", go_hash_name(a));
			snprintf(msg, sizeof msg,
				 go_msg(code, "在不能再读一遍的数据流中先于清单出现，未以%s计算校验和"), names);
		}
		if (!code)
			continue;
		if (nl == cap) {
			cap = cap ? 2 * cap : 64;
			l = go_xrealloc(l, cap * sizeof *l);
		}
		l[nl].path = n->path;
		l[nl].code = code;
		memcpy(l[nl].msg, msg, sizeof msg);
		nl++;
	}
	if (nl)
		qsort(l, nl, sizeof *l, late_cmp);
	for (size_t k = 0; k < nl; k++)
		finding(c, 0, l[k].code, l[k].path, "%s", l[k].msg);
	free(l);
	if (c->oxum_set && (c->oxum_octets != c->octets || c->oxum_count != c->count))
		finding(c, 0, "oxum-mismatch", "bag-info.txt",
			"Payload-Oxum 为 %" PRIu64 ".%" PRIu64 "，载荷实为 %" PRIu64
			".%" PRIu64, c->oxum_octets, c->oxum_count, c->octets, c->count);
	if (!c->errors && !c->pmask && c->unknown_payload_alg)
		finding(c, 1, "cannot-check", "",
			"每个载荷清单所用的算法 go-archive 都未实现（它读取 md5、sha1、sha256、sha512）"
			"：载荷无法校验");
	return c->errors;
}

int go_bag_check_verdict(const go_bag_check *c)
{
	if (c->errors)
		return GO_BAG_INVALID;
	if (!c->pmask && c->unknown_payload_alg)
		return GO_BAG_CANNOT_CHECK;
	return GO_BAG_VALID;
}

void go_bag_check_payload(const go_bag_check *c, uint64_t *octets, uint64_t *count)
{
	*octets = c->octets;
	*count = c->count;
}

/* ---- writing a bag ------------------------------------------------------ */

static const int out_algs[2] = {GO_SHA256, GO_SHA512};

struct go_bag_out {
	FILE *spool[2];  /* manifest lines, in the order the payload came */
	go_hash h[2];
	go_hash mh[2];   /* SHA-256 of each manifest, for the tag manifest */
	char *path;
	uint64_t octets, count, size;
};

go_bag_out *go_bag_out_new(void)
{
	go_bag_out *b = go_xcalloc(1, sizeof *b);
	for (int i = 0; i < 2; i++) {
		go_hash_init(&b->mh[i], GO_SHA256);
		if (!(b->spool[i] = go_temp_file())) {
			int e = errno;
			go_bag_out_free(b);
			errno = e;
			return NULL;
		}
	}
	return b;
}

void go_bag_out_free(go_bag_out *b)
{
	if (!b)
		return;
	for (int i = 0; i < 2; i++)
		if (b->spool[i])
			fclose(b->spool[i]);
	free(b->path);
	free(b);
}

void go_bag_out_begin(go_bag_out *b, const char *path)
{
	free(b->path);
	b->path = go_bagit_encode_path(path);
	b->size = 0;
	for (int i = 0; i < 2; i++)
		go_hash_init(&b->h[i], out_algs[i]);
}

void go_bag_out_data(go_bag_out *b, const void *p, size_t n)
{
	for (int i = 0; i < 2; i++)
		go_hash_update(&b->h[i], p, n);
	b->size += n;
}

int go_bag_out_end(go_bag_out *b)
{
	int rc = 0;
	size_t plen = strlen(b->path);
	for (int i = 0; i < 2; i++) {
		unsigned char d[GO_HASH_MAX];
		char line[2 * GO_HASH_MAX + 2];
		size_t n = 2 * go_hash_size(out_algs[i]);
		go_hash_final(&b->h[i], d);
		go_hex(d, go_hash_size(out_algs[i]), line);
		line[n] = line[n + 1] = ' ';
		go_hash_update(&b->mh[i], line, n + 2);
		go_hash_update(&b->mh[i], b->path, plen);
		go_hash_update(&b->mh[i], "\n", 1);
		if (fwrite(line, 1, n + 2, b->spool[i]) != n + 2 ||
		    fwrite(b->path, 1, plen, b->spool[i]) != plen || putc('\n', b->spool[i]) == EOF)
			rc = -1;
	}
	b->octets += b->size;
	b->count++;
	return rc;
}

void go_bag_out_oxum(const go_bag_out *b, uint64_t *octets, uint64_t *count)
{
	*octets = b->octets;
	*count = b->count;
}

/* Stream manifest i's spool into w. */
static int copy_spool(go_bag_out *b, int i, go_archive_writer *w)
{
	static const char *const name[2] = {"manifest-sha256.txt", "manifest-sha512.txt"};
	char buf[65536];
	size_t n;
	FILE *f = b->spool[i];
	if (fflush(f) != 0 || fseeko(f, 0, SEEK_END) != 0)
		return -1;
	off_t size = ftello(f);
	rewind(f);
	if (go_archive_file(w, name[i], (uint64_t)size) < 0)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (go_archive_data(w, buf, n) < 0)
			return -1;
	return ferror(f) ? -1 : 0;
}

int go_bag_out_write_sha512(go_bag_out *b, go_archive_writer *w512)
{
	return copy_spool(b, 1, w512);
}

int go_bag_out_write_tags(go_bag_out *b, go_archive_writer *w, const char *const *info,
			  go_archive_writer *w512)
{
	char size[32];
	go_bagit_size(b->octets, size);
	size_t n = 0, cap = 256;
	char *infotext = go_xmalloc(cap);
	infotext[0] = '\0';
	for (const char *const *p = info; p && p[0]; p += 2) {
		char *line = go_xasprintf("%s: %s\n", p[0], p[1]);
		size_t k = strlen(line);
		if (n + k + 1 > cap)
			infotext = go_xrealloc(infotext, cap = 2 * (n + k + 1));
		memcpy(infotext + n, line, k + 1);
		n += k;
		free(line);
	}
	char *tail = go_xasprintf("%sBag-Size: %s\nPayload-Oxum: %" PRIu64 ".%" PRIu64 "\n",
				  infotext, size, b->octets, b->count);
	free(infotext);
	struct tagfile {
		const char *name;
		char *text;      /* NULL: a spooled manifest */
		int spool;
		char hex[2 * GO_HASH_MAX + 1];
	} t[4] = {
		{"bag-info.txt", tail, -1, ""},
		{"bagit.txt", go_xstrdup("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"), -1, ""},
		{"manifest-sha256.txt", NULL, 0, ""},
		{"manifest-sha512.txt", NULL, 1, ""},
	};
	/* The tag manifest comes right after bagit.txt, before the files it names,
	 * so that a reader knows which digests to compute as they stream by. */
	int rc = 0;
	for (int i = 0; i < 4; i++) {
		go_hash h;
		unsigned char d[GO_HASH_MAX];
		if (t[i].text) {
			go_hash_init(&h, GO_SHA256);
			go_hash_update(&h, t[i].text, strlen(t[i].text));
		} else {
			h = b->mh[t[i].spool]; /* a copy: the digest so far */
		}
		go_hash_final(&h, d);
		go_hex(d, 32, t[i].hex);
	}
	char *tagman = go_xasprintf("%s  %s\n%s  %s\n%s  %s\n%s  %s\n", t[0].hex, t[0].name,
				    t[1].hex, t[1].name, t[2].hex, t[2].name, t[3].hex, t[3].name);
	const char *text[3] = {t[1].text, tagman, t[0].text};
	const char *name[3] = {"bagit.txt", "tagmanifest-sha256.txt", "bag-info.txt"};
	for (int i = 0; i < 3 && rc == 0; i++) {
		size_t len = strlen(text[i]);
		if (go_archive_file(w, name[i], len) < 0 || go_archive_data(w, text[i], len) < 0)
			rc = -1;
	}
	if (rc == 0)
		rc = copy_spool(b, 0, w);
	if (rc == 0 && w512)
		rc = copy_spool(b, 1, w512);
	free(tagman);
	free(t[0].text);
	free(t[1].text);
	return rc;
}
