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
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"

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
	const char *path;                 /* relative to the bag's root */
	unsigned char *want[GO_HASH_N];   /* digests a manifest names */
	unsigned char *got;               /* digests computed before their manifest came */
	uint64_t size;
	unsigned char listed;  /* bit per algorithm of the manifests naming it */
	unsigned char gotmask; /* algorithms in got */
	unsigned char seen;    /* met in the archive */
	unsigned char bad;     /* a finding names it */
};

enum kind { K_PAYLOAD, K_TAG, K_BAGIT, K_INFO, K_MANIFEST, K_TAGMANIFEST };

struct go_bag_check {
	go_bag_finding_cb cb;
	void *ctx;
	struct arena arena;
	struct node *nodes;
	size_t nnodes, cap;
	uint32_t *table; /* open addressing: node index + 1, 0 empty */
	size_t tsize;
	unsigned pmask, tmask; /* algorithms of the payload and tag manifests seen */
	unsigned char manifest_seen[2][GO_HASH_N];
	int have_bagit, have_info, errors;
	char version[16];
	int oxum_set;
	uint64_t oxum_octets, oxum_count, octets, count;
	/* the entry being read */
	enum kind kind;
	int alg;       /* of a manifest */
	long cur;      /* its node, -1 for none */
	unsigned hmask;
	go_hash h[GO_HASH_N];
	char *text;    /* bagit.txt, bag-info.txt, or the current manifest line */
	size_t tlen, tcap, tmax;
	unsigned long lineno;
	int too_long;
};

static void finding(go_bag_check *c, int warning, const char *code, const char *path,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void finding(go_bag_check *c, int warning, const char *code, const char *path,
		    const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
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
	c->cur = -1;
	return c;
}

void go_bag_check_free(go_bag_check *c)
{
	if (!c)
		return;
	arena_free(&c->arena);
	free(c->nodes);
	free(c->table);
	free(c->text);
	free(c);
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h ^ h >> 29;
}

static long lookup(go_bag_check *c, const char *path, int create)
{
	size_t mask = c->tsize - 1, i = hash_str(path) & mask;
	for (; c->table[i]; i = (i + 1) & mask)
		if (strcmp(c->nodes[c->table[i] - 1].path, path) == 0)
			return c->table[i] - 1;
	if (!create)
		return -1;
	if (c->nnodes == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 1024;
		c->nodes = go_xrealloc(c->nodes, c->cap * sizeof *c->nodes);
	}
	struct node *n = &c->nodes[c->nnodes];
	memset(n, 0, sizeof *n);
	size_t len = strlen(path) + 1;
	n->path = memcpy(arena_alloc(&c->arena, len), path, len);
	c->table[i] = (uint32_t)++c->nnodes;
	if (2 * c->nnodes > c->tsize) {
		/* Grow the table: re-insert every node. */
		free(c->table);
		c->tsize *= 2;
		c->table = go_xcalloc(c->tsize, sizeof *c->table);
		mask = c->tsize - 1;
		for (size_t k = 0; k < c->nnodes; k++) {
			size_t j = hash_str(c->nodes[k].path) & mask;
			while (c->table[j])
				j = (j + 1) & mask;
			c->table[j] = (uint32_t)(k + 1);
		}
	}
	return (long)c->nnodes - 1;
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

static void text_add(go_bag_check *c, const char *p, size_t n)
{
	if (c->tlen + n > c->tmax) {
		c->too_long = 1;
		return;
	}
	if (c->tlen + n + 1 > c->tcap) {
		c->tcap = 2 * (c->tlen + n + 1);
		c->text = go_xrealloc(c->text, c->tcap);
	}
	memcpy(c->text + c->tlen, p, n);
	c->tlen += n;
	c->text[c->tlen] = '\0';
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9') return ch - '0';
	ch |= 32;
	if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
	return -1;
}

static const char *current_name(go_bag_check *c)
{
	return c->cur >= 0 ? c->nodes[c->cur].path : "";
}

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
	finding(c, 0, "checksum-mismatch", n->path, "%s is %s, the manifest says %s",
		go_hash_name(alg), got, want);
}

static void manifest_line(go_bag_check *c, char *line)
{
	int tag = c->kind == K_TAGMANIFEST, alg = c->alg;
	const char *mname = current_name(c);
	size_t len = strlen(line);
	if (len && line[len - 1] == '\r')
		line[--len] = '\0';
	if (!len)
		return;
	size_t size = go_hash_size(alg), i = 0;
	unsigned char d[GO_HASH_MAX];
	for (; i < 2 * size && hexval((unsigned char)line[i]) >= 0; i++)
		;
	char *p = line + i;
	if (i != 2 * size || (*p != ' ' && *p != '\t')) {
		finding(c, 0, "invalid-manifest-line", mname,
			"line %lu is not a %s checksum and a path", c->lineno, go_hash_name(alg));
		return;
	}
	for (i = 0; i < size; i++)
		d[i] = (unsigned char)(hexval((unsigned char)line[2 * i]) << 4 |
				       hexval((unsigned char)line[2 * i + 1]));
	while (*p == ' ' || *p == '\t')
		p++;
	char *path = go_bagit_decode_path(p);
	const char *why = go_bagit_unsafe_path(path);
	if (why) {
		finding(c, 0, "manifest-unsafe-path", mname, "line %lu: %s: %s", c->lineno,
			path, why);
		goto out;
	}
	if (!tag && !is_payload(path)) {
		finding(c, 0, "manifest-outside-payload", mname,
			"line %lu: %s is not under data/", c->lineno, path);
		goto out;
	}
	if (tag && is_payload(path)) {
		finding(c, 0, "manifest-outside-payload", mname,
			"line %lu: %s is a payload file in a tag manifest", c->lineno, path);
		goto out;
	}
	long k = lookup(c, path, 1);
	struct node *n = &c->nodes[k];
	if (n->want[alg]) {
		finding(c, 0, "duplicate-manifest-entry", mname, "line %lu: %s is listed twice",
			c->lineno, path);
		goto out;
	}
	n->listed |= 1u << alg;
	n->want[alg] = memcpy(arena_alloc(&c->arena, size), d, size);
	if (n->seen) {
		if (n->gotmask & (1u << alg)) {
			size_t off = 0;
			for (int a = 0; a < alg; a++)
				if (n->gotmask & (1u << a))
					off += go_hash_size(a);
			compare(c, n, alg, n->got + off);
		} else if (!n->bad) {
			finding(c, 0, "unverifiable-file", path,
				"%s came before %s in the archive and was not hashed with %s",
				path, mname, go_hash_name(alg));
		}
	}
out:
	free(path);
}

int go_bag_check_begin(go_bag_check *c, const char *path, uint64_t size)
{
	int alg = -1;
	const char *aname = NULL;
	c->tlen = 0;
	c->too_long = 0;
	c->lineno = 0;
	c->hmask = 0;
	c->cur = lookup(c, path, 1);
	struct node *n = &c->nodes[c->cur];
	if (n->seen) {
		/* A duplicate entry: only the first counts. */
		c->cur = -1;
		c->kind = K_TAG;
		return 1;
	}
	n->seen = 1;
	n->size = size;
	if (is_payload(path)) {
		c->kind = K_PAYLOAD;
		c->hmask = c->pmask ? c->pmask : (1u << GO_HASH_N) - 1;
		c->count++;
		c->octets += size;
	} else {
		int m = manifest_name(path, &alg, &aname);
		c->kind = strcmp(path, "bagit.txt") == 0 ? K_BAGIT :
			strcmp(path, "bag-info.txt") == 0 ? K_INFO :
			m == 1 ? K_MANIFEST : m == 2 ? K_TAGMANIFEST : K_TAG;
		c->hmask = c->tmask ? c->tmask : (1u << GO_HASH_N) - 1;
		c->tmax = c->kind == K_BAGIT ? 4096 : c->kind == K_INFO ? (1 << 20) : 65536;
		if (m && alg < 0) {
			finding(c, 1, "unsupported-algorithm", path,
				"not checked: unknown algorithm '%.*s'",
				(int)(strlen(aname) - 4), aname);
			c->kind = K_TAG;
		} else if (m) {
			c->alg = alg;
			c->manifest_seen[m - 1][alg] = 1;
			if (m == 1)
				c->pmask |= 1u << alg;
			else
				c->tmask |= 1u << alg;
		}
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
	for (int a = 0; a < GO_HASH_N; a++)
		if (c->hmask & (1u << a))
			go_hash_update(&c->h[a], buf, n);
	if (c->kind == K_BAGIT || c->kind == K_INFO) {
		text_add(c, buf, n);
	} else if (c->kind == K_MANIFEST || c->kind == K_TAGMANIFEST) {
		/* Manifests are parsed line by line as they stream. */
		const char *p = buf, *end = p + n;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
			if (!c->too_long)
				text_add(c, p, k);
			p += k;
			if (nl) {
				p++;
				c->lineno++;
				if (c->too_long)
					finding(c, 0, "invalid-manifest-line", current_name(c),
						"line %lu is too long", c->lineno);
				else
					manifest_line(c, c->text ? c->text : (char[]){""});
				c->tlen = 0;
				c->too_long = 0;
			}
		}
	}
}

/* Parse "Label: value" lines; continuation lines start with a space or tab. */
static void parse_bagit(go_bag_check *c)
{
	const char *t = c->text ? c->text : "";
	const char *name = "bagit.txt";
	if (c->too_long) {
		finding(c, 0, "invalid-bagit-txt", name, "too long for a bag declaration");
		return;
	}
	if ((unsigned char)t[0] == 0xEF && (unsigned char)t[1] == 0xBB &&
	    (unsigned char)t[2] == 0xBF) {
		finding(c, 0, "invalid-bagit-txt", name, "begins with a byte-order mark");
		t += 3;
	}
	char ver[16] = "", enc[64] = "";
	int nver = 0, nenc = 0;
	if (sscanf(t, "BagIt-Version: %15[0-9.]%n", ver, &nver) != 1)
		nver = 0;
	const char *e = nver ? t + nver : t;
	while (*e == '\r' || *e == '\n' || *e == ' ')
		e++;
	if (sscanf(e, "Tag-File-Character-Encoding: %63[A-Za-z0-9-]%n", enc, &nenc) != 1)
		nenc = 0;
	if (!nver || !nenc) {
		finding(c, 0, "invalid-bagit-txt", name,
			"must be the two lines 'BagIt-Version: M.N' and "
			"'Tag-File-Character-Encoding: ENCODING'");
		return;
	}
	snprintf(c->version, sizeof c->version, "%s", ver);
	if (strcmp(ver, "1.0") != 0 && strcmp(ver, "0.97") != 0 && strcmp(ver, "0.96") != 0)
		finding(c, 0, "unsupported-version", name, "BagIt-Version %s (1.0 and 0.97 are read)",
			ver);
	if (strcasecmp(enc, "UTF-8") != 0)
		finding(c, 0, "unsupported-encoding", name,
			"Tag-File-Character-Encoding %s (UTF-8 is read)", enc);
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

static void parse_info(go_bag_check *c)
{
	const char *name = "bag-info.txt";
	if (c->too_long) {
		finding(c, 0, "invalid-bag-info", name, "over 1 MiB");
		return;
	}
	for (char *line = c->text ? c->text : (char[]){""}, *next; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (strncmp(line, "Payload-Oxum:", 13) != 0)
			continue;
		const char *p = line + 13, *e;
		while (*p == ' ' || *p == '\t')
			p++;
		uint64_t octets, count;
		if (parse_u64(p, &e, &octets) || *e != '.' || parse_u64(e + 1, &e, &count) ||
		    (*e && *e != '\r' && *e != ' ')) {
			finding(c, 0, "invalid-oxum", name, "Payload-Oxum is not OCTETS.COUNT");
			continue;
		}
		if (c->oxum_set) {
			finding(c, 0, "invalid-oxum", name, "Payload-Oxum is given twice");
			continue;
		}
		c->oxum_set = 1;
		c->oxum_octets = octets;
		c->oxum_count = count;
	}
}

int go_bag_check_end(go_bag_check *c, int complete)
{
	if (c->cur < 0)
		return 0;
	struct node *n = &c->nodes[c->cur];
	if (!complete) {
		/* The reader reported why; the content was not read to its end. */
		n->bad = 1;
		c->cur = -1;
		return 1;
	}
	if (c->kind == K_BAGIT) {
		c->have_bagit = 1;
		parse_bagit(c);
	} else if (c->kind == K_INFO) {
		c->have_info = 1;
		parse_info(c);
	} else if ((c->kind == K_MANIFEST || c->kind == K_TAGMANIFEST) && c->tlen) {
		c->lineno++;
		manifest_line(c, c->text);
	}
	unsigned char d[GO_HASH_N][GO_HASH_MAX];
	unsigned later = 0;
	size_t gotsize = 0;
	for (int a = 0; a < GO_HASH_N; a++) {
		if (!(c->hmask & (1u << a)))
			continue;
		go_hash_final(&c->h[a], d[a]);
		if (n->want[a])
			compare(c, n, a, d[a]);
		else {
			later |= 1u << a;
			gotsize += go_hash_size(a);
		}
	}
	/* Keep the digests a manifest still to come may name. */
	unsigned known = c->kind == K_PAYLOAD ? c->pmask : c->tmask;
	later &= ~known;
	if (c->kind != K_PAYLOAD && c->tmask)
		later = 0;
	if (c->kind == K_PAYLOAD && c->pmask)
		later = 0;
	if (later) {
		n->gotmask = (unsigned char)later;
		n->got = arena_alloc(&c->arena, gotsize);
		size_t off = 0;
		for (int a = 0; a < GO_HASH_N; a++)
			if (later & (1u << a)) {
				memcpy(n->got + off, d[a], go_hash_size(a));
				off += go_hash_size(a);
			}
	}
	c->cur = -1;
	return n->bad;
}

struct late {
	const char *path, *code;
	char msg[160];
};

static int late_cmp(const void *a, const void *b)
{
	const struct late *x = a, *y = b;
	int r = strcmp(x->path, y->path);
	return r ? r : strcmp(x->code, y->code);
}

int go_bag_check_finish(go_bag_check *c)
{
	if (!c->have_bagit)
		finding(c, 0, "missing-bagit-txt", "bagit.txt", "the bag has no bagit.txt");
	if (!c->pmask) {
		int unknown = 0;
		for (size_t k = 0; k < c->nnodes; k++) {
			int alg;
			const char *name;
			if (manifest_name(c->nodes[k].path, &alg, &name) == 1)
				unknown = 1;
		}
		finding(c, 0, "missing-manifest", "", unknown ?
			"no payload manifest in an algorithm go-archive reads (md5, sha1, sha256, sha512)" :
			"the bag has no payload manifest");
	}
	/* Completeness, in path order. */
	struct late *l = NULL;
	size_t nl = 0, cap = 0;
	for (size_t k = 0; k < c->nnodes; k++) {
		struct node *n = &c->nodes[k];
		int payload = is_payload(n->path);
		unsigned mask = payload ? c->pmask : 0;
		const char *code = NULL;
		char msg[160] = "";
		if (!n->seen && n->listed) {
			code = "missing-file";
			snprintf(msg, sizeof msg, "listed in %s but not in the archive",
				 payload ? "the manifest" : "the tag manifest");
		} else if (n->seen && payload && (n->listed & mask) != mask) {
			code = "unlisted-file";
			int w = snprintf(msg, sizeof msg, "not listed in");
			for (int a = 0; a < GO_HASH_N; a++)
				if ((mask & ~n->listed) & (1u << a))
					w += snprintf(msg + w, sizeof msg - (size_t)w, " manifest-%s.txt",
						      go_hash_name(a));
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
			"Payload-Oxum is %" PRIu64 ".%" PRIu64 ", the payload is %" PRIu64
			".%" PRIu64, c->oxum_octets, c->oxum_count, c->octets, c->count);
	return c->errors;
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
	char *path;
	uint64_t octets, count, size;
};

go_bag_out *go_bag_out_new(void)
{
	go_bag_out *b = go_xcalloc(1, sizeof *b);
	for (int i = 0; i < 2; i++)
		if (!(b->spool[i] = tmpfile()))
			go_die("temporary file");
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

void go_bag_out_end(go_bag_out *b)
{
	for (int i = 0; i < 2; i++) {
		unsigned char d[GO_HASH_MAX];
		char hex[2 * GO_HASH_MAX + 1];
		go_hash_final(&b->h[i], d);
		go_hex(d, go_hash_size(out_algs[i]), hex);
		if (fprintf(b->spool[i], "%s  %s\n", hex, b->path) < 0)
			go_die("temporary file");
	}
	b->octets += b->size;
	b->count++;
}

void go_bag_out_oxum(const go_bag_out *b, uint64_t *octets, uint64_t *count)
{
	*octets = b->octets;
	*count = b->count;
}

/* Stream the spool f into the archive, and its digest into d (may be NULL). */
static int copy_spool(FILE *f, go_archive_writer *w, const char *path, go_hash *d)
{
	char buf[65536];
	size_t n;
	if (fflush(f) != 0 || fseeko(f, 0, SEEK_END) != 0)
		go_die("temporary file");
	off_t size = ftello(f);
	rewind(f);
	if (w && go_archive_file(w, path, (uint64_t)size) < 0)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (d)
			go_hash_update(d, buf, n);
		if (w && go_archive_data(w, buf, n) < 0)
			return -1;
	}
	if (ferror(f))
		go_die("temporary file");
	return 0;
}

struct tagfile {
	const char *name;
	char *text;      /* NULL: a spooled manifest */
	int spool;
	char hex[2 * GO_HASH_MAX + 1];
};

int go_bag_out_write_tags(go_bag_out *b, go_archive_writer *w, const char *const *info)
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
	struct tagfile t[4] = {
		{"bag-info.txt", tail, -1, ""},
		{"bagit.txt", go_xstrdup("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"), -1, ""},
		{"manifest-sha256.txt", NULL, 0, ""},
		{"manifest-sha512.txt", NULL, 1, ""},
	};
	/* The tag manifest comes right after bagit.txt, before the files it names,
	 * so that a reader knows which digests to compute as they stream by. */
	for (int i = 0; i < 4; i++) {
		go_hash h;
		unsigned char d[GO_HASH_MAX];
		go_hash_init(&h, GO_SHA256);
		if (t[i].text)
			go_hash_update(&h, t[i].text, strlen(t[i].text));
		else
			copy_spool(b->spool[t[i].spool], NULL, NULL, &h);
		go_hash_final(&h, d);
		go_hex(d, 32, t[i].hex);
	}
	char *tagman = go_xasprintf("%s  %s\n%s  %s\n%s  %s\n%s  %s\n", t[0].hex, t[0].name,
				    t[1].hex, t[1].name, t[2].hex, t[2].name, t[3].hex, t[3].name);
	int rc = 0;
	const struct { const char *name; const char *text; int spool; } order[5] = {
		{"bagit.txt", t[1].text, -1},
		{"tagmanifest-sha256.txt", tagman, -1},
		{"bag-info.txt", t[0].text, -1},
		{"manifest-sha256.txt", NULL, 0},
		{"manifest-sha512.txt", NULL, 1},
	};
	for (int i = 0; i < 5 && rc == 0; i++) {
		if (order[i].text) {
			size_t len = strlen(order[i].text);
			if (go_archive_file(w, order[i].name, len) < 0 ||
			    go_archive_data(w, order[i].text, len) < 0)
				rc = -1;
		} else if (copy_spool(b->spool[order[i].spool], w, order[i].name, NULL) < 0) {
			rc = -1;
		}
	}
	free(tagman);
	free(t[0].text);
	free(t[1].text);
	return rc;
}
