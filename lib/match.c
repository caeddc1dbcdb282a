/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * match.c — one-pass keyword matching across scripts.
 *
 * Keywords are expanded once, when they are added, into their simplified and
 * traditional variants with OpenCC (s2t, s2tw, s2hk, t2s): converting every
 * text instead would cost about a hundred times more. All keywords of a
 * matcher go into one Aho–Corasick automaton over bytes, compiled into a
 * dense table over byte classes, so a scan costs one table step per byte
 * whatever the number of keywords.
 *
 * Text and keywords go through the same folding: ASCII letters to lower
 * case, full-width ASCII (U+FF01-FF5E) to half-width, the ideographic space
 * to a space, and a parenthesised run of pinyin letters directly after a Han
 * character ("進(jìn)一步") skipped. The text is folded while it is scanned.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <opencc.h>

#include "go.h"
#include "go-classify.h"

/* OpenCC configurations that give a keyword's variants in other scripts.
 * t2s comes first: the traditional spellings of a keyword written in
 * traditional script are those of its simplified form. */
static const char *const cc_configs[] = { "t2s.json", "s2t.json", "s2tw.json", "s2hk.json" };
#define NCC (sizeof cc_configs / sizeof *cc_configs)

/* The longest pinyin syllable ("zhuang") has six letters. */
#define PINYIN_MAX 7

struct trie_node {
	unsigned char *keys; /* edge bytes, parallel to kids */
	uint32_t *kids;
	uint32_t nkids, capkids;
	uint32_t *ids;       /* ids of the keywords ending here */
	uint32_t nids, capids;
};

struct go_matcher {
	/* while keywords are added */
	struct trie_node *nodes;
	uint32_t nnodes, capnodes;
	struct pending {   /* keywords whose variants are still to be added */
		char *kw, *simp; /* simp: its t2s form, once known */
		uint32_t id;
		int done;        /* its variants came from go_variant_table */
		char *got;       /* go_variants_write: the spellings added, each NUL-ended */
		size_t ngot;
	} *pending;
	int record;        /* go_variants_write: keep what each keyword adds */
	size_t npending;
	/* after go_matcher_build */
	int built;
	uint16_t cls[256];  /* byte -> class; class 0: bytes in no keyword */
	uint32_t nclass;
	uint32_t *delta;   /* nnodes * nclass: next state */
	uint32_t *outoff;  /* nnodes + 1: outputs of state s are outs[outoff[s]..outoff[s+1]) */
	uint32_t *outs;
	uint32_t nuniq;    /* distinct ids: a scan stops when it has seen them all */
};

/* ---- folding -------------------------------------------------------------- */

static int is_han(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c >= 0xE4 && c <= 0xE9)
		return 1; /* U+4000-9FFF */
	if (n < 2)
		return 0;
	if (c == 0xE3)
		return s[1] >= 0x90; /* U+3400-3FFF, extension A */
	if (c == 0xEF)
		return s[1] >= 0xA4 && s[1] <= 0xAB; /* compatibility ideographs */
	if (c == 0xF0)
		return s[1] >= 0xA0; /* U+20000 on: extensions B-H */
	return 0;
}

/* Length of the pinyin letter at s (lower case, with or without a tone
 * mark), else 0. */
static size_t pinyin_letter(const unsigned char *s, size_t n)
{
	if (s[0] >= 'a' && s[0] <= 'z')
		return 1;
	if (n < 2)
		return 0;
	switch (s[0]) {
	case 0xC3: /* à á è é ê ì í ò ó ù ú ü */
		switch (s[1]) {
		case 0xA0: case 0xA1: case 0xA8: case 0xA9: case 0xAA: case 0xAC:
		case 0xAD: case 0xB2: case 0xB3: case 0xB9: case 0xBA: case 0xBC:
			return 2;
		}
		return 0;
	case 0xC4: /* ā ē ě ī */
		return s[1] == 0x81 || s[1] == 0x93 || s[1] == 0x9B || s[1] == 0xAB ? 2 : 0;
	case 0xC5: /* ń ň ō ū */
		return s[1] == 0x84 || s[1] == 0x88 || s[1] == 0x8D || s[1] == 0xAB ? 2 : 0;
	case 0xC7: /* ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ ǹ */
		return (s[1] >= 0x8E && s[1] <= 0x9C && s[1] % 2 == 0) || s[1] == 0xB9 ? 2 : 0;
	case 0xE1: /* ḿ */
		return n >= 3 && s[1] == 0xB8 && s[2] == 0xBF ? 3 : 0;
	}
	return 0;
}

/* s[i] is just after an opening parenthesis that follows a Han character:
 * the offset after the closing one when a pinyin annotation lies between,
 * else 0. Either parenthesis may be half- or full-width. */
static size_t annotation_end(const unsigned char *s, size_t n, size_t i)
{
	size_t letters = 0, k;
	while (i < n && (k = pinyin_letter(s + i, n - i)) > 0) {
		if (++letters > PINYIN_MAX)
			return 0;
		i += k;
	}
	if (letters == 0 || i >= n)
		return 0;
	if (s[i] == ')')
		return i + 1;
	if (i + 2 < n && s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x89)
		return i + 3;
	return 0;
}

/* Full-width ASCII at s (EF BC 81-BF, EF BD 80-9E): its half-width byte, else 0. */
static unsigned fullwidth(const unsigned char *s, size_t n)
{
	if (n < 3 || s[0] != 0xEF)
		return 0;
	if (s[1] == 0xBC && s[2] >= 0x81 && s[2] <= 0xBF)
		return s[2] - 0x81 + 0x21;
	if (s[1] == 0xBD && s[2] >= 0x80 && s[2] <= 0x9E)
		return s[2] - 0x80 + 0x60;
	return 0;
}

static inline unsigned char lower(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : (unsigned char)c;
}

/*
 * The folding loop, shared by keywords and texts: FEED(byte) is called for
 * each folded byte. It is a macro so that the scan keeps its state in
 * registers.
 */
#define FOLD_LOOP(s, n, FEED) do { \
	size_t i_ = 0; int han_ = 0; \
	while (i_ < (n)) { \
		unsigned c_ = (s)[i_], f_; \
		if (c_ < 0x80) { \
			if (c_ == '(' && han_) { \
				size_t e_ = annotation_end((s), (n), i_ + 1); \
				if (e_) { i_ = e_; continue; } \
			} \
			han_ = 0; i_++; FEED(lower(c_)); \
		} else if (c_ == 0xEF && (f_ = fullwidth((s) + i_, (n) - i_)) != 0) { \
			if (f_ == '(' && han_) { \
				size_t e_ = annotation_end((s), (n), i_ + 3); \
				if (e_) { i_ = e_; continue; } \
			} \
			han_ = 0; i_ += 3; FEED(lower(f_)); \
		} else if (c_ == 0xE3 && i_ + 2 < (n) && (s)[i_ + 1] == 0x80 && (s)[i_ + 2] == 0x80) { \
			han_ = 0; i_ += 3; FEED(' '); \
		} else { \
			if (c_ >= 0xC0) \
				han_ = is_han((s) + i_, (n) - i_); \
			i_++; FEED(c_); \
		} \
	} \
} while (0)

char *go_fold(const char *text, size_t n, size_t *outlen)
{
	const unsigned char *s = (const unsigned char *)text;
	char *out = go_xmalloc(n + 1);
	size_t k = 0;
#define FOLD_APPEND(b) (out[k++] = (char)(b))
	FOLD_LOOP(s, n, FOLD_APPEND);
#undef FOLD_APPEND
	out[k] = '\0';
	if (outlen)
		*outlen = k;
	return out;
}

/* ---- building ------------------------------------------------------------- */

go_matcher *go_matcher_new(void)
{
	go_matcher *m = go_xcalloc(1, sizeof *m);
	m->capnodes = 64;
	m->nodes = go_xcalloc(m->capnodes, sizeof *m->nodes);
	m->nnodes = 1; /* the root */
	return m;
}

static uint32_t child(go_matcher *m, uint32_t node, unsigned char b, int create)
{
	struct trie_node *t = &m->nodes[node];
	for (uint32_t i = 0; i < t->nkids; i++)
		if (t->keys[i] == b)
			return t->kids[i];
	if (!create)
		return 0;
	if (m->nnodes == m->capnodes) {
		m->capnodes *= 2;
		m->nodes = go_xrealloc(m->nodes, m->capnodes * sizeof *m->nodes);
		memset(m->nodes + m->nnodes, 0, (m->capnodes - m->nnodes) * sizeof *m->nodes);
		t = &m->nodes[node];
	}
	if (t->nkids == t->capkids) {
		t->capkids = t->capkids ? 2 * t->capkids : 2;
		t->keys = go_xrealloc(t->keys, t->capkids);
		t->kids = go_xrealloc(t->kids, t->capkids * sizeof *t->kids);
	}
	t->keys[t->nkids] = b;
	t->kids[t->nkids++] = m->nnodes;
	return m->nnodes++;
}

static void add_id(struct trie_node *t, uint32_t id)
{
	for (uint32_t i = 0; i < t->nids; i++)
		if (t->ids[i] == id)
			return;
	if (t->nids == t->capids) {
		t->capids = t->capids ? 2 * t->capids : 2;
		t->ids = go_xrealloc(t->ids, t->capids * sizeof *t->ids);
	}
	t->ids[t->nids++] = id;
}

/* Insert one spelling, folded; 0, or -1 when nothing is left after folding. */
static int insert(go_matcher *m, const char *kw, size_t n, uint32_t id)
{
	size_t len;
	char *f = go_fold(kw, n, &len);
	uint32_t node = 0;
	for (size_t i = 0; i < len; i++)
		node = child(m, node, (unsigned char)f[i], 1);
	free(f);
	if (len == 0)
		return -1;
	add_id(&m->nodes[node], id);
	return 0;
}

int go_matcher_add(go_matcher *m, const char *kw, size_t n, unsigned id, int variants)
{
	if (m->built)
		GO_BUG("go_matcher_add after go_matcher_build");
	if (insert(m, kw, n, id) != 0)
		return -1;
	if (variants) {
		m->pending = go_xrealloc(m->pending, (m->npending + 1) * sizeof *m->pending);
		char *copy = go_xmalloc(n + 1);
		memcpy(copy, kw, n);
		copy[n] = '\0';
		m->pending[m->npending++] = (struct pending){ .kw = copy, .id = id };
	}
	return 0;
}

/* Insert one variant of p's keyword (and keep it, for go_variants_write). */
static void add_variant(go_matcher *m, struct pending *p, const char *v, size_t vn)
{
	insert(m, v, vn, p->id);
	if (!m->record)
		return;
	p->got = go_xrealloc(p->got, p->ngot + vn + 1);
	memcpy(p->got + p->ngot, v, vn + 1);
	p->ngot += vn + 1;
}

/* Insert cc's conversion of s when it differs from s; the conversion is
 * returned (malloc'd) when keep, else freed. */
static char *insert_converted(go_matcher *m, opencc_t cc, struct pending *p, const char *s,
			      int keep)
{
	size_t n = strlen(s);
	char *v = opencc_convert_utf8(cc, s, n);
	if (!v)
		return NULL;
	size_t vn = strlen(v);
	if (vn != n || memcmp(v, s, n) != 0)
		add_variant(m, p, v, vn);
	char *out = keep ? go_xstrdup(v) : NULL;
	opencc_convert_utf8_free(v);
	return out;
}

static int variant_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct go_variant *)elem)->kw);
}

/* The variants of a keyword the table knows (the default rules' keywords,
 * converted at build time by gen-variants): no OpenCC for it. */
static int from_table(go_matcher *m, struct pending *p)
{
	const struct go_variant *v = go_variant_count ?
		bsearch(p->kw, go_variant_table, go_variant_count, sizeof *go_variant_table,
			variant_cmp) : NULL;
	if (!v)
		return 0;
	for (const char *s = v->vars; *s; s += strlen(s) + 1)
		add_variant(m, p, s, strlen(s));
	return p->done = 1;
}

/* The variants of every pending keyword of ms: from the table when it has
 * them, else from OpenCC, loaded only then (about 130 ms and 10 MB a
 * configuration), one configuration at a time. */
static int expand(go_matcher **ms, size_t nm, int table)
{
	size_t total = 0;
	for (size_t k = 0; k < nm; k++)
		for (size_t i = 0; i < ms[k]->npending; i++)
			total += !(table && from_table(ms[k], &ms[k]->pending[i]));
	if (total == 0)
		return 0;
	for (size_t c = 0; c < NCC; c++) {
		opencc_t cc = opencc_open(cc_configs[c]);
		if (cc == (opencc_t)-1) {
			go_warnx("OpenCC: %s: %s", cc_configs[c], opencc_error());
			return -1;
		}
		for (size_t k = 0; k < nm; k++)
			for (size_t i = 0; i < ms[k]->npending; i++) {
				struct pending *p = &ms[k]->pending[i];
				if (p->done)
					continue;
				if (c == 0) {
					p->simp = insert_converted(ms[k], cc, p, p->kw, 1);
					continue;
				}
				insert_converted(ms[k], cc, p, p->kw, 0);
				if (p->simp && strcmp(p->simp, p->kw) != 0)
					insert_converted(ms[k], cc, p, p->simp, 0);
			}
		opencc_close(cc);
	}
	return 0;
}

static void free_pending(go_matcher *m)
{
	for (size_t i = 0; i < m->npending; i++) {
		free(m->pending[i].kw);
		free(m->pending[i].simp);
		free(m->pending[i].got);
	}
	free(m->pending);
	m->pending = NULL;
	m->npending = 0;
}

static void compile(go_matcher *m);

int go_matchers_build(go_matcher **ms, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (ms[k]->built)
			GO_BUG("go_matchers_build: a matcher built twice");
	int rc = expand(ms, n, 1);
	for (size_t k = 0; k < n; k++) {
		free_pending(ms[k]);
		compile(ms[k]);
	}
	return rc;
}

int go_matcher_build(go_matcher *m)
{
	return go_matchers_build(&m, 1);
}

static void compile(go_matcher *m)
{
	uint32_t nn = m->nnodes;

	/* Byte classes: every byte that labels an edge gets its own class. */
	memset(m->cls, 0, sizeof m->cls);
	m->nclass = 1;
	for (uint32_t s = 0; s < nn; s++)
		for (uint32_t i = 0; i < m->nodes[s].nkids; i++) {
			unsigned char b = m->nodes[s].keys[i];
			if (!m->cls[b])
				m->cls[b] = (uint16_t)m->nclass++;
		}
	uint32_t nc = m->nclass;
	uint32_t *fail = go_xcalloc(nn, sizeof *fail);
	uint32_t *queue = go_xmalloc(nn * sizeof *queue);
	m->delta = go_xcalloc((size_t)nn * nc, sizeof *m->delta);

	/* Breadth-first: a node's failure state and row are final before its
	 * children are looked at. */
	uint32_t head = 0, tail = 0;
	for (uint32_t i = 0; i < m->nodes[0].nkids; i++) {
		uint32_t k = m->nodes[0].kids[i];
		m->delta[m->cls[m->nodes[0].keys[i]]] = k;
		fail[k] = 0;
		queue[tail++] = k;
	}
	while (head < tail) {
		uint32_t s = queue[head++];
		uint32_t *row = m->delta + (size_t)s * nc;
		memcpy(row, m->delta + (size_t)fail[s] * nc, nc * sizeof *row);
		for (uint32_t i = 0; i < m->nodes[s].nkids; i++) {
			uint32_t k = m->nodes[s].kids[i];
			unsigned c = m->cls[m->nodes[s].keys[i]];
			fail[k] = row[c];
			row[c] = k;
			queue[tail++] = k;
		}
	}
	/* Outputs: a state reports its own keywords and its failure chain's.
	 * The breadth-first order puts every failure state before its users. */
	m->outoff = go_xcalloc(nn + 1, sizeof *m->outoff);
	uint32_t *count = go_xcalloc(nn, sizeof *count);
	for (uint32_t q = 0; q < tail; q++) {
		uint32_t s = queue[q];
		count[s] = m->nodes[s].nids + count[fail[s]];
	}
	for (uint32_t s = 0; s < nn; s++)
		m->outoff[s + 1] = m->outoff[s] + count[s];
	m->outs = go_xmalloc((m->outoff[nn] ? m->outoff[nn] : 1) * sizeof *m->outs);
	for (uint32_t q = 0; q < tail; q++) {
		uint32_t s = queue[q], *o = m->outs + m->outoff[s];
		if (m->nodes[s].nids)
			memcpy(o, m->nodes[s].ids, m->nodes[s].nids * sizeof *o);
		memcpy(o + m->nodes[s].nids, m->outs + m->outoff[fail[s]],
			count[fail[s]] * sizeof *o);
	}

	/* Distinct ids, so that a scan can stop once it has seen them all. */
	uint32_t maxid = 0;
	for (uint32_t s = 0; s < nn; s++)
		for (uint32_t i = 0; i < m->nodes[s].nids; i++)
			if (m->nodes[s].ids[i] + 1 > maxid)
				maxid = m->nodes[s].ids[i] + 1;
	unsigned char *seen = go_xcalloc(maxid ? maxid : 1, 1);
	m->nuniq = 0;
	for (uint32_t s = 0; s < nn; s++)
		for (uint32_t i = 0; i < m->nodes[s].nids; i++)
			if (!seen[m->nodes[s].ids[i]]++)
				m->nuniq++;
	free(seen);

	for (uint32_t s = 0; s < nn; s++) {
		free(m->nodes[s].keys);
		free(m->nodes[s].kids);
		free(m->nodes[s].ids);
	}
	free(m->nodes);
	m->nodes = NULL;
	free(count);
	free(queue);
	free(fail);
	m->built = 1;
}

/* ---- scanning ------------------------------------------------------------- */

size_t go_matcher_scan(const go_matcher *m, const char *text, size_t n,
	unsigned char *hits, size_t have)
{
	const unsigned char *s = (const unsigned char *)text;
	const uint32_t *delta = m->delta, *outoff = m->outoff;
	const uint16_t *cls = m->cls;
	uint32_t nc = m->nclass, state = 0;
	size_t found = have;
	if (!m->built || have >= m->nuniq)
		return have;
#define SCAN_FEED(b) do { \
		state = delta[(size_t)state * nc + cls[(b)]]; \
		if (outoff[state] != outoff[state + 1]) { \
			for (uint32_t o_ = outoff[state]; o_ < outoff[state + 1]; o_++) { \
				uint32_t id_ = m->outs[o_]; \
				if (!(hits[id_ >> 3] & (1u << (id_ & 7)))) { \
					hits[id_ >> 3] |= (unsigned char)(1u << (id_ & 7)); \
					found++; \
				} \
			} \
			if (found >= m->nuniq) \
				return found; \
		} \
	} while (0)
	FOLD_LOOP(s, n, SCAN_FEED);
#undef SCAN_FEED
	return found;
}

unsigned go_matcher_ids(const go_matcher *m)
{
	return m->nuniq;
}

void go_matcher_free(go_matcher *m)
{
	if (!m)
		return;
	free_pending(m);
	if (m->nodes) {
		for (uint32_t s = 0; s < m->nnodes; s++) {
			free(m->nodes[s].keys);
			free(m->nodes[s].kids);
			free(m->nodes[s].ids);
		}
		free(m->nodes);
	}
	free(m->delta);
	free(m->outoff);
	free(m->outs);
	free(m);
}

/* C string literal text of s[0..n) (UTF-8 kept as it is). */
static void put_literal(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\%03o", c);
		else
			putc(c, out);
	}
}

static int pending_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pending *)a)->kw, ((const struct pending *)b)->kw);
}

int go_variants_write(FILE *out, const char *const *kws, size_t n)
{
	go_matcher *m = go_matcher_new();
	m->record = 1;
	for (size_t i = 0; i < n; i++)
		go_matcher_add(m, kws[i], strlen(kws[i]), 0, 1);
	/* The table is what OpenCC gives, whatever an earlier table said. */
	int rc = expand(&m, 1, 0);
	if (m->npending)
		qsort(m->pending, m->npending, sizeof *m->pending, pending_cmp);
	fprintf(out, "/* SPDX-License-Identifier: Apache-2.0 */\n"
		     "/* Generated by gen-variants from the default rules and OpenCC's data. */\n"
		     "#include \"go.h\"\n#include \"go-classify.h\"\n\n"
		     "const struct go_variant go_variant_table[] = {\n");
	size_t written = 0;
	for (size_t i = 0; rc == 0 && i < m->npending; i++) {
		const struct pending *p = &m->pending[i];
		if (i && strcmp(p->kw, m->pending[i - 1].kw) == 0)
			continue;
		fputs("\t{\"", out);
		put_literal(out, p->kw, strlen(p->kw));
		fputs("\", \"", out);
		for (size_t at = 0; at < p->ngot; at += strlen(p->got + at) + 1) {
			put_literal(out, p->got + at, strlen(p->got + at));
			fputs("\\000", out);
		}
		fputs("\"},\n", out);
		written++;
	}
	fprintf(out, "\t{\"\", \"\"},\n};\nconst size_t go_variant_count = %zu;\n", written);
	go_matcher_free(m);
	return rc || ferror(out) ? -1 : 0;
}
