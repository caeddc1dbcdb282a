/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go-classify.h — keyword matching and go-classify's rules (OpenCC), see go.h.
 */
#ifndef GO_CLASSIFY_H
#define GO_CLASSIFY_H

#include "go.h"


/* ---- match.c: one-pass keyword matching across scripts ----------------- */

/*
 * All keywords of a matcher are found in one pass over a text (Aho-Corasick
 * over bytes). Texts and keywords are folded alike: ASCII letters to lower
 * case, full-width ASCII to half-width, U+3000 to a space, and a parenthesised
 * run of pinyin letters directly after a Han character ("進(jìn)") skipped.
 * Use: go_matcher_new, go_matcher_add for each keyword, go_matcher_build once,
 * then go_matcher_scan any number of texts.
 */
typedef struct go_matcher go_matcher;
go_matcher *go_matcher_new(void);
/* Add kw[0..n), reported as id. With variants, go_matcher_build also adds its
 * spellings in the other script (OpenCC t2s, s2t, s2tw, s2hk). Returns 0, or
 * -1 when the keyword is empty once folded. */
int go_matcher_add(go_matcher *m, const char *kw, size_t n, unsigned id, int variants);
/* Expand the variants and compile: 0, or -1 when OpenCC fails (printed; the
 * matcher then works without variants). go_matchers_build builds n matchers,
 * loading each OpenCC configuration once for all of them. */
int go_matcher_build(go_matcher *m);
int go_matchers_build(go_matcher **ms, size_t n);
/* Distinct ids added. */
unsigned go_matcher_ids(const go_matcher *m);
/* Set bit id (hits[id / 8] & 1 << id % 8) for every keyword found in s[0..n).
 * have: how many of this matcher's ids are set already; returns the new count,
 * and stops scanning once all are set. */
size_t go_matcher_scan(const go_matcher *m, const char *s, size_t n,
		       unsigned char *hits, size_t have);
void go_matcher_free(go_matcher *m);
/* s[0..n) folded as the matcher folds it; malloc'd, NUL-terminated, *len set. */
char *go_fold(const char *s, size_t n, size_t *len);

/* ---- rules.c: go-classify's rules files --------------------------------- */

/*
 * SPEC §5 rules: go_rules_new; go_rules_parse or go_rules_load for each rules
 * text in order; go_rules_build once; then go_rules_apply on each record.
 * Errors are printed as "NAME:LINE: message"; provenance is "NAME:LINE"
 * (NAME "default" for go_default_rules).
 */
typedef struct go_rules go_rules;
extern const char go_default_rules[]; /* the embedded rules, rules-file syntax */
go_rules *go_rules_new(void);
void go_rules_free(go_rules *rs);
/* Parse text[0..n) named name. Returns the number of malformed rules. */
int go_rules_parse(go_rules *rs, const char *name, const char *text, size_t n);
/* go_rules_parse on a file ("-" is stdin): its errors, or -1 when unreadable. */
int go_rules_load(go_rules *rs, const char *path);
size_t go_rules_count(const go_rules *rs);
/* Compile the keyword automata (loads OpenCC): 0, or -1 (printed). */
int go_rules_build(go_rules *rs);
typedef struct go_classify_opts {
	const char *tool; /* "tool" of the problems it adds */
	int overwrite;    /* replace present fields too */
} go_classify_opts;
/*
 * Normalise rec, fill its absent attribute, category, basis and reason from
 * the first matching rule for each (every one with overwrite) and record
 * "classified_by"; add rule-disagrees (warning) when the first matching rule
 * that sets an attribute differs from the record's, and pii-in-proactive
 * (error) to a proactive record with personal information in title or body.
 * Invalid records are left untouched; go-classify's earlier problems are
 * replaced. The values set are shared between records: never change them in
 * place. Returns the number of errors added.
 */
int go_rules_apply(go_rules *rs, json_t *rec, const go_classify_opts *o);


/* rules.c: for go-classify --explain, which rule set which field of the
 * record go_rules_apply last classified, and on which words: a new string
 * ("default:26 设定 attribute、basis、reason，因为 title 含“任职”"), or NULL
 * when no rule set anything. */
char *go_rules_explain(go_rules *rs, json_t *rec);
/* for --stats: one line a rule on out, how many fields it set so far. */
void go_rules_stats(const go_rules *rs, FILE *out);

/* A keyword's variants in other scripts, worked out in advance: the default
 * rules' keywords, converted by OpenCC when the project is built (gen-variants,
 * into variants-data.c). vars: each spelling go_matcher_build adds, NUL-ended,
 * then an empty one. go_matcher_build takes a keyword's variants from here and
 * loads OpenCC only for keywords the table lacks (a user's rules). */
struct go_variant {
	const char *kw, *vars;
};
extern const struct go_variant go_variant_table[]; /* sorted by kw (strcmp) */
extern const size_t go_variant_count;
/* Write variants-data.c for kws[0..n) (OpenCC, never the table): 0, or -1. */
int go_variants_write(FILE *out, const char *const *kws, size_t n);
/* The keywords of the rules' FIELD~ conditions, borrowed, in *kws (to free);
 * their number. */
size_t go_rules_keywords(const go_rules *rs, const char ***kws);

#endif
