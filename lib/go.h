/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go.h — the go-tools library (libgo.a): the one header every tool includes.
 *
 * One source file per concern, named after it:
 *   error.c     messages and exit codes           (go_warn, go_die, ...)
 *   cli.c       what every main() shares          (go_usage_if_tty, go_finish, ...)
 *   record.c    JSON Lines in and out, "nothing is lost" (go_reader, go_write)
 *   json.c      the fast strict JSON parser and writer behind them
 *   problem.c   the problems array                (go_problem, go_has_error)
 *   vocab.c     synonyms, kinds, ids, legal basis (go_normalise, go_valid_id, ...)
 *   date.c      dates and the working-day calendar (go_parse_date, go_add_workdays)
 *   pii.c       personal-information detectors    (go_pii_find, go_pii_mask)
 *   check.c     SPEC §4 rules 0-6, 8, 9           (go_check_record)
 *   attach.c    the text of attachments, rule 9   (go_attach_text)
 *   store.c     reading the git store (SPEC §6)   (go_store_open, go_store_foreach)
 *   publish.c   writing it, one batch one commit  (go_batch)
 *   pack.c      the batch's objects as one pack   (go_pack_backend)
 *   match.c     one-pass keyword matching across scripts (go_matcher)
 *   rules.c     go-classify's rules files         (go_rules)
 *   interp.c    SPEC §4 rule 7, policies and interpretations (go_interp)
 *   response.c  回应关切 and 公众参与: responses, feedback (go_check_response, go_resp)
 *   sha.c       MD5, SHA-1, SHA-256, SHA-512      (go_hash)
 *   archive.c   archives, written reproducibly and read defensively
 *   bagit.c     BagIt bags (RFC 8493) in them     (go_bag)
 *   worker.c    a second thread fed through a bounded queue (go_worker)
 *   request.c   applications for information (依申请公开) (go_request_check, go_request_table3)
 *   request-store.c  a few files committed to a branch (go_store_commit_files)
 *
 * No global mutable state: every piece of state lives in a struct the caller owns.
 * The program name comes from glibc's program_invocation_short_name.
 *
 * jansson ownership, everywhere in this header: a json_t * parameter is borrowed
 * (the callee takes its own reference if it keeps it); a returned json_t * is a
 * new reference the caller must json_decref, unless the comment says "borrowed".
 * As in jansson, functions whose name ends in _new steal the reference passed.
 */
#ifndef GO_H
#define GO_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

/* The version lives in the top-level file VERSION; the Makefile passes it in. */
#ifndef GO_VERSION
#error "GO_VERSION comes from the file VERSION: build with make"
#endif

/* ---- error.c: one error family, one set of exit codes ------------------- */

enum go_exit {
	GO_OK = 0,       /* clean */
	GO_FINDINGS = 1, /* this tool found errors or refused records */
	GO_FATAL = 2,    /* usage, I/O or fatal error */
	GO_CANNOT_CHECK = 3, /* go-archive verify only: no error, nothing checkable */
};

/* "prog: message: strerror(errno)" on stderr. */
void go_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: message" on stderr. */
void go_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* go_warn / go_warnx, then exit(GO_FATAL). */
_Noreturn void go_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void go_diex(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *go_prog(void);

/* API misuse, a bug in the program and never a user's error: says where and
 * aborts. Everything else the library finds is returned to the tool, which
 * alone decides to exit; the one other exception is running out of memory,
 * which the go_x* allocators below end the process for, as git's xmalloc does. */
#define GO_BUG(what) go_bug(__FILE__, __LINE__, what)
_Noreturn void go_bug(const char *file, int line, const char *what);

/* Allocation that cannot fail: on failure, go_die. */
void *go_xmalloc(size_t n);
void *go_xcalloc(size_t n, size_t size);
void *go_xrealloc(void *p, size_t n);
char *go_xstrdup(const char *s);
char *go_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *go_xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* ---- util.c: small helpers more than one concern needs ------------------- */

/* Read the regular file path whole, at most max bytes, into *buf (malloc'd,
 * NUL-terminated) and *len: 0; -1 (errno); 1 when it is no regular file (a
 * FIFO, a device, a folder); 2 when it is larger than max. */
int go_read_file(const char *path, size_t max, char **buf, size_t *len);
/* A temporary file in $TMPDIR (else /tmp), already unlinked, open "w+"; NULL
 * (errno) when it cannot be made. glibc's tmpfile() ignores $TMPDIR. */
FILE *go_temp_file(void);

/* ---- cli.c: what every main() shares ------------------------------------ */

/* Print usage text to stdout (for --help) and exit GO_OK. */
_Noreturn void go_help(const char *usage);
/* Print "prog: message" and "usage: ..." to stderr, exit GO_FATAL. */
_Noreturn void go_usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "prog (go-tools) VERSION" on stdout, exit GO_OK. */
_Noreturn void go_version(void);
/* SPEC §5: a terminal on stdin and no file named prints usage, exits GO_FATAL. */
void go_usage_if_tty(int nfiles, const char *usage);
/* Parse --today's argument, or the system date when arg is NULL; go_die on error. */
int go_today_arg(const char *arg);
/* Parse a non-negative integer option; go_usage_error on error. */
long go_number_arg(const char *usage, const char *opt, const char *arg, long max);
/* Flush and close stdout; returns status, raised to GO_FATAL on a write error. */
int go_finish(int status);

/* ---- record.c: JSON Lines in and out ------------------------------------ */

/* Lines longer than this are not parsed (SPEC §1); GO_MAX_LINE overrides. */
#define GO_MAX_LINE_DEFAULT ((size_t)64 << 20)

typedef struct go_reader {
	char *const *files;    /* borrowed; "-" is stdin; no files: stdin */
	int nfiles, next;      /* next file to open */
	int fd;                /* current input, -1 between files */
	const char *name;      /* current file name as shown in messages */
	unsigned long lineno;  /* line number of the record last returned */
	size_t max_line;
	char *buf;             /* read buffer: [start, end) holds unread bytes */
	size_t cap, start, end;
	int eof;
	char at[4200];         /* "FILE:LINE" of the record last returned */
	json_t *overlong;      /* borrowed marker: the placeholder string of an
	                          over-long line's record, streamed from spool */
	FILE *spool;           /* base64 of that over-long line */
	off_t spool_off;       /* from this offset of the spool, */
	unsigned long long spool_len; /* this many bytes */
	unsigned long invalid; /* invalid lines seen */
	int io_error;          /* a file could not be opened or read */
	int failed;            /* no temporary file for an over-long line: no more records */
} go_reader;

/* files may be NULL when nfiles is 0. max_line 0: GO_MAX_LINE or the default. */
void go_reader_init(go_reader *r, int nfiles, char *const *files, size_t max_line);
/*
 * The next record, a new reference, or NULL at the end of the input. A line
 * that is not a JSON object comes back as SPEC §1's invalid-line record (with
 * an invalid-json problem, tool = go_prog()) and is reported on stderr as
 * "prog: FILE:LINE: message". A file that cannot be read is reported,
 * sets io_error, and is skipped.
 */
json_t *go_reader_next(go_reader *r);
void go_reader_free(go_reader *r);

/* True for a record that holds an invalid line: filters pass it on untouched. */
int go_is_invalid(const json_t *rec);

/*
 * Write rec as one compact line: UTF-8 as is, fields in their order. src is the
 * reader the record came from (or NULL): it streams an over-long line's bytes.
 * Returns 0, or -1 on a write error (errno set).
 */
int go_write(FILE *out, const go_reader *src, const json_t *rec);

/* ---- json.c: the fast, strict parser behind go_reader_next ------------- */

typedef struct go_json_error {
	const char *text; /* static text */
	size_t column;    /* byte column, from 1 */
	char near[16];    /* printable ASCII found there, maybe empty */
} go_json_error;
/* One JSON value from s[0..n) (white space around it allowed), as jansson would
 * parse it with JSON_REJECT_DUPLICATES; NULL and *err when it is not one. */
json_t *go_json_parse(const char *s, size_t n, go_json_error *err);
/* True when s[0..n) is valid UTF-8 (no overlong forms, surrogates or > U+10FFFF). */
int go_utf8_valid(const char *s, size_t n);
/* v as one compact line, byte for byte what json_dumps(v, JSON_COMPACT |
 * JSON_ENCODE_ANY) writes, but faster, and with reals in the shortest form that
 * reads back the same (0.1, not 0.10000000000000001): a new string, *len bytes. */
char *go_json_dump(const json_t *v, size_t *len);

/* ---- problem.c: the problems array -------------------------------------- */

typedef enum { GO_ERROR, GO_WARNING } go_severity;

/* Append {"code","severity","tool","field","message"} to rec's problems.
 * field may be NULL (then no "field" key). */
void go_problem(json_t *rec, const char *tool, go_severity sev, const char *code,
		const char *field, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Remove the problems a tool added on an earlier run, so that running a filter
 * twice gives what running it once does. */
void go_problems_clear(json_t *rec, const char *tool);
/* True when rec has a problem of severity error (from any tool). */
int go_has_error(const json_t *rec);
/* How many problems of severity error rec has (from any tool). */
size_t go_error_count(const json_t *rec);

/* ---- vocab.c: the words of SPEC §1-§3 ----------------------------------- */

/* Canonical code for a code or a synonym (simplified or traditional), else NULL. */
const char *go_norm_attribute(const char *s);
const char *go_norm_category(const char *s);
const char *go_norm_kind(const char *s);
/* Rewrite synonyms of attribute, category and kind in place to their codes. */
void go_normalise(json_t *rec);
int go_is_policy_kind(const char *kind);

typedef struct go_basis {
	const char *code, *article, *row;
} go_basis;
const go_basis *go_basis_lookup(const char *code); /* NULL when unknown */
extern const go_basis go_basis_table[];            /* ends with a NULL code */

/* SPEC §1 id syntax. */
int go_valid_id(const char *id);
/* Borrowed string value of a field, or NULL when absent or not a string. */
const char *go_str(const json_t *rec, const char *key);

/* ---- date.c: dates and working days ------------------------------------- */

/* Days since 1970-01-01. Returns 0 and sets *day for a real YYYY-MM-DD date. */
int go_parse_date(const char *s, int *day);
void go_format_date(int day, char out[11]);
int go_date_year(int day);
/* Working days after the State Council notices (data/holiday-cn); outside the
 * years the data covers, Monday to Friday. */
int go_is_workday(int day);
/* The n-th working day after day (n >= 1; counting starts the day after). */
int go_add_workdays(int day, int n);
/* Working days in (from, to]: 0 when to <= from. */
int go_workdays_between(int from, int to);
int go_calendar_first_year(void);
int go_calendar_last_year(void);

/* ---- pii.c: personal information ---------------------------------------- */

/* See pii.c for the forms found: full-width digits, separators, prefixes. */
enum go_pii_kind {
	GO_PII_ID_NUMBER = 1, /* 18 or 15 digits */
	GO_PII_MOBILE = 2,
	GO_PII_BANK_CARD = 3, /* 16-19 digits, Luhn */
	GO_PII_LANDLINE = 4,  /* with an area code: a warning */
};
typedef struct go_pii {
	enum go_pii_kind kind;
	size_t off, len;  /* bytes of the text, separators and prefix digits aside */
	char digits[24];  /* the number folded to ASCII digits (and X) */
} go_pii;
/* First personal information in s[0..n): 1 and *hit, else 0. */
int go_pii_find(const char *s, size_t n, go_pii *hit);
/* The same, from byte from on (0, or where the last hit ended). */
int go_pii_find_from(const char *s, size_t n, size_t from, go_pii *hit);
/* The hit masked: 1101**********1234, 138****5678. out holds 32 bytes. */
void go_pii_mask(const char *s, const go_pii *hit, char out[32]);
const char *go_pii_name(enum go_pii_kind kind); /* Chinese name, for messages */
int go_pii_is_warning(enum go_pii_kind kind);   /* a fixed line: a warning */
/*
 * s[0..n) with every finding replaced by its masked form: a new string;
 * *count (may be NULL) gets the number of findings. quote: for a fragment of
 * input quoted in a message, also mask the middle of any other run of 7 or
 * more digits (it may be a number cut off). Every message that quotes input
 * goes through it.
 */
char *go_pii_masked(const char *s, size_t n, int quote, size_t *count);

/* ---- check.c: SPEC §4 rules 0-6, 8 and 9 -------------------------------- */

typedef struct go_check_opts {
	const char *tool; /* "tool" of the problems it adds */
	int today;        /* day, for records without published */
	int mask;         /* first replace personal numbers in title and body
	                     by their masked forms (a "masked" warning) */
} go_check_opts;
/* Add the problems rules 0-6, 8, 9 find in rec (normalised first), replacing
 * those o->tool added before. Returns how many of them are errors. */
int go_check_record(json_t *rec, const go_check_opts *o);

/* ---- store.c: the git store (SPEC §6) ----------------------------------- */

/*
 * A store is a git repository, bare or not, holding refs/heads/main (the
 * register) and refs/heads/public (the public view). Documents live in
 * docs/<YYYY>/<id with each / as ~>/{record.json,body.md,files/<name>}.
 */
struct git_repository;
struct git_tree;
typedef struct go_store go_store;

enum {
	GO_STORE_CREATE = 1 << 0, /* go_store_open: init a bare repository if absent */
	GO_STORE_BODY = 1 << 1,   /* reading: add "body" and each attachment's "blob" */
};

/* Open the repository at dir (bare or not). 0, or -1 after printing
 * "prog: DIR: message". */
int go_store_open(go_store **out, const char *dir, int flags);
/* In a pre-receive hook: git receive-pack keeps the pushed objects in a
 * quarantine ($GIT_QUARANTINE_PATH) until the hook accepts them; read them
 * there too. 0, or -1 after a message. */
int go_store_add_quarantine(go_store *s);
/* The repository at hand, as git finds it for a hook or a command: $GIT_DIR,
 * else discovered from the current directory; a new string, or NULL after a
 * message. */
char *go_store_discover(void);
void go_store_free(go_store *s);
struct git_repository *go_store_repo(go_store *s);  /* borrowed */
const char *go_store_path(const go_store *s);      /* absolute path, borrowed */

/* "docs/<YYYY>/<id with each / as ~>", a new string; NULL for an invalid id or
 * date. go_store_doc_name: the last component alone. */
char *go_store_doc_dir(const char *id, const char *date);
char *go_store_doc_name(const char *id);
/* Is name a year folder ("2026")? */
int go_store_year_name(const char *name);
/* git's order of tree entries: a folder (dir != 0) sorts as if its name ended
 * in '/'. Negative, zero or positive, as strcmp. */
int go_store_entry_cmp(const char *a, size_t al, int adir, const char *b, size_t bl, int bdir);
/* rec as record.json keeps it (SPEC §6): without body and transient fields; a
 * withheld record only its metadata (id office kind date attribute category
 * reason basis review). A new object; attachments are left as they are. */
json_t *go_store_record(const json_t *rec);
/* record.json's text: pretty-printed, keys sorted, a trailing newline. */
char *go_store_record_text(const json_t *stored);

/* Resolve rev (NULL: "main") to its commit (hex, 41 bytes with the NUL) and
 * root tree (*tree: the caller git_tree_free()s it). 0; GIT_ENOTFOUND (quiet)
 * when rev does not exist; -1 on another error (printed). */
int go_store_resolve(go_store *s, const char *rev, char commit[41],
		struct git_tree **tree);

/*
 * Documents, in path order. rec is record.json (borrowed: the callback may change
 * it or json_incref it); with GO_STORE_BODY it also has "body" (when body.md
 * exists) and the attachments' "blob" ids. dir is "docs/<YYYY>/<name>".
 * Each returns 0, -1 on error (printed), or the callback's non-zero return value.
 */
typedef int (*go_store_cb)(json_t *rec, const char *dir, void *ctx);
/* Every document of rev (NULL: main; a missing main is an empty store). */
int go_store_foreach(go_store *s, const char *rev, int flags, go_store_cb cb,
		void *ctx);
/* Every document of a root tree (e.g. from go_store_resolve, or an index
 * written with git_index_write_tree); year 0: all years. */
int go_store_foreach_tree(go_store *s, struct git_tree *root, int year, int flags,
		go_store_cb cb, void *ctx);
/* One document folder dir ("docs/<YYYY>/<name>") of root: *rec is a new
 * reference. 0; GIT_ENOTFOUND (quiet) when there is no such document; -1 on error. */
int go_store_read_doc(go_store *s, struct git_tree *root, const char *dir, int flags,
		json_t **rec);
/* The document of root with exactly this id, in whatever year: like
 * go_store_read_doc; *dir (may be NULL) gets its folder, a new string. */
int go_store_find_id(go_store *s, struct git_tree *root, const char *id, int flags,
		json_t **rec, char **dir);

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

/* publish.c: go-publish's batches. Prepare each accepted record (its blobs and
 * document folder are written at once, nothing of a refused one), then commit
 * the batch: one commit on the register, re-applied on a moved tip, then one on
 * the public view, the projection of the register's tip (project.c), when it
 * changes; each ref moved by compare-and-swap. */
struct git_signature;
typedef struct go_batch go_batch;
typedef struct go_batch_opts {
	const char *branch;        /* the register: "main" when NULL */
	const char *public_branch; /* the public view: "public" when NULL */
	const char *message;       /* first line of the commit messages, or NULL */
	int today;                 /* day of publishing, for "published" */
	int dry_run;               /* hash and compare, write nothing */
	const char *accepted_by;   /* --accept-classified NAME: see go_check_confirmed */
} go_batch_opts;
/* NULL on error (printed). The batch reads the store at its current tips. */
go_batch *go_batch_new(go_store *s, const go_batch_opts *o);
void go_batch_free(go_batch *b);
/* Add rec (normalised, checked, attribute set): sets "published" when absent
 * (not on withheld records), writes its objects. The document's number; -1 and
 * *reason (a new string) when the store refuses it; -2 on a git error (printed). */
long go_batch_prepare(go_batch *b, json_t *rec, char **reason);
/* Commit the batch. 0, or -1 (printed). Without an identity (sig NULL), -1. */
int go_batch_commit(go_batch *b, const struct git_signature *sig);
/* Push both branches to remote (a remote's name or a URL) with git push
 * --atomic (so a local path runs its hooks); when the remote moved, fetch, merge
 * its branches into the local ones (every unpushed local commit kept), retry.
 * 0 pushed; 1 refused by the remote's hook, or a document changed on both
 * sides; -1 on another failure. Each printed. */
int go_batch_push(go_batch *b, const char *remote, const struct git_signature *sig);
/* 1 when document n changed a branch (commit: that commit, or "" in a dry
 * run), 0 when unchanged (commit: the register's tip). */
int go_batch_status(const go_batch *b, long n, char commit[41]);

/* pack.c: where a batch's new objects go (see publish.c). A backend for an odb
 * of the batch's own that streams new objects into one pack and reads every
 * other object from repo; dry_run: in a temporary file outside the store. New
 * blobs are read back from the pack being written. */
struct git_odb_backend;
int go_pack_backend(struct git_odb_backend **out, struct git_repository *repo,
		int dry_run);
/* Install what was written as objects/pack/pack-<sha1>.{pack,idx} (synced;
 * the index last), and start afresh. 0 or -1 (printed). */
int go_pack_flush(struct git_odb_backend *b);
/* Forget what was written (a batch that changes nothing). */
void go_pack_discard(struct git_odb_backend *b);

/* ---- interp.c: SPEC §4 rule 7, policies and interpretations ------------- */

/*
 * One index for a batch: go_interp_new; go_interp_add for each record of the
 * batch (in stream order) and go_interp_add_stored for each document already on
 * the store's main branch (go_interp_add_store walks them), in any order; then
 * go_interp_apply on each batch record. The index keeps a small entry per
 * record with an id (id, kind, office, attribute, published, interprets), never
 * the record, so memory does not grow with body sizes. No go_interp_add after
 * the first go_interp_apply. A stored document added twice counts once.
 *
 * Ids are compared exactly (ids that differ only in case are distinct). A batch
 * record supersedes a stored document of the same id. Problems, each on the
 * record that has to change, the message naming the other id:
 *   policy (rule, normative, policy kinds), proactive, with no interpretation:
 *     missing-interpretation (error; a warning with no_interpretation_reason)
 *   interpretation naming no policy of the batch or store: orphan-interpretation
 *   interpretation from another office than its policy: interpretation-office-mismatch
 *   interpretation on-request or withheld, or of a policy that is:
 *     interpretation-not-public
 *   interpretation published more than grace_days working days after its policy
 *   (published, or today for a batch record without): interpretation-late (a
 *   warning; none when a stored policy has no published)
 * A missing or unknown attribute, or a missing office, skips the checks that
 * need it (rules 0 and 1 report those).
 * Every batch policy gets "interpretations": the ids of the interpretations that
 * name it, stored ones first (path order), then batch order.
 */
typedef struct go_interp go_interp;
typedef struct go_interp_opts {
	const char *tool; /* "tool" of the problems it adds */
	int today;        /* day of publishing, for batch records without published */
	int grace_days;   /* working days an interpretation may follow its policy */
	int investigation_days; /* working days an investigation result may take (response.c) */
} go_interp_opts;

go_interp *go_interp_new(const go_interp_opts *o); /* o is copied */
void go_interp_free(go_interp *x);
/* Index rec, a batch record. Returns its number for go_interp_apply, or -1
 * when rule 7 does not concern it (invalid, neither policy nor interpretation):
 * such a record is passed on untouched. Kind and attribute synonyms are
 * understood. */
long go_interp_add(go_interp *x, const json_t *rec);
/* Does rec count as an interpretation for rule 7: kind interpretation, or a
 * response that interprets a policy (回应 that explains it)? */
int go_is_interpretation(const json_t *rec);
/* Index rec, the record.json of a document already on the store's main branch. */
void go_interp_add_stored(go_interp *x, const json_t *rec);
/* go_interp_add_stored for every document on main of s: 0, or -1 (printed). */
int go_interp_add_store(go_interp *x, go_store *s);
/* Set "interpretations" (on a policy) and add the rule-7 problems to rec, the
 * record go_interp_add numbered n (or an identical copy of it); problems of an
 * earlier run are the caller's to clear (go_problems_clear). Returns the number
 * of errors added; n = -1 does nothing. */
int go_interp_apply(go_interp *x, long n, json_t *rec);

/* ---- sha.c: digests, for BagIt manifests and git packs ------------------ */

/* MD5 (RFC 1321), SHA-1, SHA-256, SHA-512 (FIPS 180-4), computed by libcrypto. */
enum go_hash_alg { GO_MD5, GO_SHA1, GO_SHA256, GO_SHA512, GO_HASH_N };
#define GO_HASH_MAX 64 /* bytes of the longest digest */
typedef struct go_hash {
	int alg;
	/* The library's context (OpenSSL's libcrypto, see sha.c), kept inline so
	 * that a go_hash needs no allocation and no free. */
	_Alignas(16) unsigned char ctx[224];
} go_hash;
void go_hash_init(go_hash *h, int alg);
void go_hash_update(go_hash *h, const void *p, size_t n);
void go_hash_final(go_hash *h, unsigned char *out); /* go_hash_size(alg) bytes */
size_t go_hash_size(int alg);
const char *go_hash_name(int alg);    /* "md5", "sha1", "sha256", "sha512" */
int go_hash_lookup(const char *name); /* the alg, or -1 */
void go_hex(const unsigned char *d, size_t n, char *out); /* 2n+1 bytes */

/* ---- archive.c: archives, written reproducibly and read defensively ----- */

struct git_tree;
typedef struct go_archive_writer go_archive_writer;
/* format: "tar", "tar.gz", "tar.zst" or "zip"; out: a file (written beside it,
 * renamed at close) or "-"; every entry is root/PATH with this mtime, owner 0,
 * mode 0644. NULL after a message. */
go_archive_writer *go_archive_writer_open(const char *out, const char *format,
					  const char *root, int64_t mtime);
/* Start a file of exactly size bytes, then go_archive_data. 0 or -1 (printed). */
int go_archive_file(go_archive_writer *w, const char *path, uint64_t size);
int go_archive_data(go_archive_writer *w, const void *p, size_t n);
/* Finish and free; 0 or -1 (printed, and no OUT is left). */
int go_archive_writer_close(go_archive_writer *w);
/* A spool: entries (go_archive_file, go_archive_data) written into a temporary
 * file as an archive of format would hold them (compressed), to come after
 * those of another writer: go_archive_writer_append(w, spool) ends w's entries,
 * copies the spool's after them and frees the spool (NULL after a message).
 * Then only go_archive_writer_close(w). 0 or -1 (printed). */
go_archive_writer *go_archive_spool_open(const char *format, const char *root, int64_t mtime);
int go_archive_writer_append(go_archive_writer *w, go_archive_writer *spool);
/* Free without finishing: no OUT is left. NULL-safe. */
void go_archive_writer_abort(go_archive_writer *w);

/* One finding about an archive or a bag: severity "error" or "warning". */
typedef void (*go_bag_finding_cb)(void *ctx, const char *severity, const char *code,
				  const char *path, const char *message);

#define GO_ARCHIVE_MAX_ENTRY ((uint64_t)4 << 30) /* bytes */
#define GO_ARCHIVE_MAX_RATIO 200u                /* uncompressed : compressed */
typedef struct go_archive_visitor {
	void *ctx;
	go_bag_finding_cb finding;
	/* A regular file that is safe to read; path relative to the bag's root
	 * (the archive's top folder, if any). Its data follows, then end, with
	 * complete 0 when reading stopped early (a finding says why). begin
	 * returns non-zero for a path it has had before: a duplicate-entry
	 * finding, and the entry is not read. */
	int (*begin)(void *ctx, const char *path, uint64_t size);
	void (*data)(void *ctx, const void *buf, size_t n);
	void (*end)(void *ctx, int complete);
	uint64_t max_entry; /* 0: GO_ARCHIVE_MAX_ENTRY */
	unsigned max_ratio; /* 0: GO_ARCHIVE_MAX_RATIO */
} go_archive_visitor;
/*
 * Read file ("-": stdin) without writing anything anywhere. Absolute paths,
 * "..", symbolic and hard links, devices, duplicate entries (see begin), entries outside the
 * bag's folder, encrypted, huge or too highly compressed entries are findings,
 * never read, followed or extracted. 0 when read to the end, -1 when the
 * archive cannot be read (printed).
 */
int go_archive_read(const char *file, const go_archive_visitor *v);

/* Which documents of a store go into an archive. */
typedef struct go_archive_select {
	int year;                      /* 0: every year */
	const char *const *attributes; /* NULL-terminated codes; NULL: all */
	int quiet;                     /* a second walk: no warnings again */
} go_archive_select;
/* Whether sel takes a document of attribute attr (may be NULL). */
int go_archive_selected(const go_archive_select *sel, const char *attr);
/* A file of the store layout ("docs/<YYYY>/<name>/..."), whole, in path order. */
typedef int (*go_archive_file_cb)(void *ctx, const char *path, const void *data,
				  size_t size);
/* The selected documents of root, blobs read straight from git. A withheld
 * record gives its record.json alone, reduced to metadata if the store holds
 * more; a record.json that does not parse or whose attribute is not exactly
 * one of the three codes (after go_normalise) leaves its document out.
 * The number of documents left out (0 or more), -1 (printed) or the
 * callback's negative value. */
int go_archive_walk_store(go_store *s, struct git_tree *root, const go_archive_select *sel,
			  go_archive_file_cb cb, void *ctx);

/* ---- bagit.c: BagIt 1.0, RFC 8493 --------------------------------------- */

/* Manifest paths: RFC 8493 §2.1.3 encodes CR, LF and % (and only those). */
char *go_bagit_encode_path(const char *path);
char *go_bagit_decode_path(const char *s);
/* NULL for a safe relative path, else why not (absolute, "..", ...). */
const char *go_bagit_unsafe_path(const char *rel);
/* Bag-Size: "512 bytes", "42.6 MB" (powers of 1000). */
void go_bagit_size(uint64_t bytes, char out[32]);

/*
 * Checking a bag whose files come one by one, in any order: begin, data...,
 * end for each (path relative to the bag's root), then finish. Findings go to
 * cb. Reads versions 1.0 and 0.97 with md5, sha1, sha256 and sha512 manifests.
 * Files met before the manifests that name them are hashed with every
 * algorithm; after them, only with those in use.
 */
typedef struct go_bag_check go_bag_check;
go_bag_check *go_bag_check_new(go_bag_finding_cb cb, void *ctx);
void go_bag_check_free(go_bag_check *c);
/* begin returns 1 for a path it has had before (then the entry is ignored). */
int go_bag_check_begin(go_bag_check *c, const char *path, uint64_t size);
void go_bag_check_data(go_bag_check *c, const void *buf, size_t n);
/* 1 when a finding concerns this file (so far), else 0. */
int go_bag_check_end(go_bag_check *c, int complete);
/* Completeness and Payload-Oxum; returns the number of error findings. */
int go_bag_check_finish(go_bag_check *c);
void go_bag_check_payload(const go_bag_check *c, uint64_t *octets, uint64_t *count);

/*
 * Writing a bag: each payload file (path relative to the bag, "data/...") goes
 * through begin, data..., end, which hash it (SHA-256, SHA-512) and spool its
 * manifest lines to temporary files; then write_tags writes bagit.txt,
 * tagmanifest-sha256.txt, bag-info.txt (info: label, value, ..., NULL; then
 * Bag-Size and Payload-Oxum) and the manifests.
 */
typedef struct go_bag_out go_bag_out;
/* NULL (errno) when its temporary files cannot be made. */
go_bag_out *go_bag_out_new(void);
void go_bag_out_free(go_bag_out *b);
void go_bag_out_begin(go_bag_out *b, const char *path);
void go_bag_out_data(go_bag_out *b, const void *p, size_t n);
/* 0, or -1 (errno) when the manifest spool cannot be written. */
int go_bag_out_end(go_bag_out *b);
void go_bag_out_oxum(const go_bag_out *b, uint64_t *octets, uint64_t *count);
/* manifest-sha512.txt goes into w512: w itself, or a spool to append to w;
 * NULL: the caller writes it with go_bag_out_write_sha512 (which only reads
 * what write_tags does not: the two may run in two threads at once). */
int go_bag_out_write_tags(go_bag_out *b, go_archive_writer *w, const char *const *info,
			  go_archive_writer *w512);
int go_bag_out_write_sha512(go_bag_out *b, go_archive_writer *w512);

/* ---- response.c: 回应关切 and 公众参与 (responses, feedback) ------------- */

/* The calendar day of a date ("YYYY-MM-DD") or of a response's date-time
 * ("YYYY-MM-DDTHH:MM[:SS]" with "Z" or "+HH:MM", or without a zone): 0 and
 * *day as written, -1 otherwise. */
int go_parse_day(const char *s, int *day);
/* The single-record rules of kind response (offices, coordinated_by, concern,
 * published with its time, the 5-, 24- and 48-hour rules) and kind feedback
 * (responds_to, opinions); go_check_record calls it on a normalised record. */
void go_check_response(json_t *rec, const go_check_opts *o);

/*
 * The join of responses (follows), decision drafts and their feedback
 * (responds_to) and investigation results, inside go_interp: go_interp_add
 * gives each such record to go_resp_add and returns a number for it, resolve
 * calls go_resp_resolve, go_interp_apply calls go_resp_apply. A small entry a
 * record, never the record. Problems, each on the record that has to change:
 *   follows naming no response of the batch or store: orphan-follow-up (error)
 *   a later press conference without its own concern, more than 24 hours after
 *   its first response's major-emergency concern: late-press-conference (warning)
 *   a major-emergency first response with no press conference anywhere after it,
 *   24 hours gone by today: missing-press-conference (warning)
 *   investigation: true with no response following it with a result within
 *   investigation_days working days: missing-investigation-result (warning)
 *   a decided decision draft (not withheld) with no feedback, grace_days working
 *   days gone by today: missing-feedback (error with public_interest: true,
 *   else a warning)
 *   feedback naming no decision draft: orphan-feedback (error); from another
 *   office: feedback-office-mismatch (error); published more than grace_days
 *   working days after decided: late-feedback (warning)
 */
typedef struct go_resp go_resp;
go_resp *go_resp_new(const go_interp_opts *o); /* o is copied */
void go_resp_free(go_resp *r);
/* Index rec (stored: a document of the store): its number, or -1 when it is
 * no response, decision draft or feedback, or has no id. */
long go_resp_add(go_resp *r, const json_t *rec, int stored);
/* Who stands for an id, asked of go_interp (so that one id table answers
 * both, and go-check-reason links no store code): 1 when some record has
 * exactly this id (a batch record over a stored document), with *resp its
 * go_resp number or -1; 0 when none. */
typedef int (*go_resp_lookup)(const void *ctx, const char *id, long *resp);
/* Once every record is in; stored: a store took part (for the messages). */
void go_resp_resolve(go_resp *r, go_resp_lookup lookup, const void *ctx, int stored);
/* Add the problems of entry n to rec; the number of errors added. */
int go_resp_apply(go_resp *r, long n, json_t *rec);
/* ---- request.c, request-store.c: applications (依申请公开, go-request) --- */

/*
 * An application is a record of kind "request" (README, "go-request"): id,
 * received (the receipt day of OGI 第三十一条), channel, applicant {type, name,
 * contact}, asks, optional documents (ids asked for), and events [{date, type,
 * ...}]. They live on their own branch, never on main or public.
 */
#define GO_REQUEST_BRANCH "requests"
extern const char *const go_request_columns[];  /* applicant types, table 三's columns */
extern const char *const go_request_outcomes[]; /* table 三's result rows, in order */
typedef struct go_request_opts {
	const char *tool; /* "tool" of the problems it adds */
	int today;
} go_request_opts;
/* Add the problems of rec as an application (replacing o->tool's earlier
 * ones); returns how many are errors. */
int go_request_check(json_t *rec, const go_request_opts *o);
typedef struct go_request_clock {
	int received, start;  /* start: receipt, or the corrected request's arrival */
	int deadline;         /* the last day to reply on */
	int paused;           /* working days not counted (consultations, fee notices) */
	int extended;         /* working days of approved extensions */
	int is_closed, closed; /* replied or withdrawn, and the day */
	int left;             /* working days from today (or closed) to the deadline;
	                         negative: that many past it */
	const char *outcome;  /* borrowed; NULL unless replied with a table-三 row */
	int withdrawn, corrected, pausing, awaiting_correction;
} go_request_clock;
/* The clock of rec at day today: 0, or -1 when rec has no valid received. */
int go_request_clock_at(const json_t *rec, int today, go_request_clock *c);
/* Every application on branch (NULL: GO_REQUEST_BRANCH; absent: none), each
 * with "store": {"path"}: a new array, or NULL and *err (malloc'd). */
json_t *go_request_load(go_store *s, const char *branch, char **err);
/* Table 三 of year: {"year", "columns", "rows"} (README); a new reference, or
 * NULL with *err malloc'd (also when 勾稽关系 does not hold). A withdrawn
 * application is counted in "other/other" in the year it was withdrawn. */
json_t *go_request_table3(go_store *s, int year, char **err);
json_t *go_request_table3_of(const json_t *requests, int year, char **err);
/* 第四十四条: groups of applications received in year asking for the same
 * information (normalised asks, or a same entry of documents) from at least
 * min (and 2) distinct applicants: [{"year","by","value","applicants","requests"}]. */
json_t *go_request_repeats_of(const json_t *requests, int year, int min);
/* asks folded (go_fold) without white space or punctuation: a new string. */
char *go_request_norm_asks(const char *asks);
/* s with every personal number masked (go_pii_mask); name as 张** . New strings. */
char *go_request_mask(const char *s);
char *go_request_mask_name(const char *name);

/* Commit files onto refs/heads/<branch> of the store in one commit (data NULL:
 * remove path), objects in one pack installed first, the ref moved by
 * compare-and-swap and the files laid again on a tip that moved. 1 committed,
 * 0 nothing changed (commit: the tip), -1 on error (printed). */
typedef struct go_store_file {
	const char *path;
	const char *data;
	size_t len;
} go_store_file;
int go_store_commit_files(go_store *s, const char *branch, const go_store_file *files,
		size_t n, const char *message, const struct git_signature *sig, char commit[41]);
/* Who commits: author "Name <email>", else git config, else GIT_AUTHOR_NAME and
 * GIT_AUTHOR_EMAIL; NULL when none (git_signature_free it). */
struct git_signature *go_store_identity(go_store *s, const char *author);
/* ---- issue 10: nothing private reaches the public ----------------------- */

/* problem.c: an invalid-problems warning when rec's "problems" is not an array
 * of problem objects (it is kept as it is: go_problem wraps a non-array). */
void go_problems_check(json_t *rec, const char *tool);
/* check.c: a reason that says nothing: empty, white space (U+3000 too), or a
 * placeholder such as 无, 略, N/A, "-" (rule 2, no_interpretation_reason). */
int go_is_placeholder(const char *s);

/* check.c, rule 9: problems listed per field before one that counts the rest. */
#define GO_PII_MAX_PER_FIELD 10
/* attach.c: the text of an attachment named name (its extension decides),
 * read from path: .txt .md .csv .html as they are, .docx .xlsx .pptx .odt .ods
 * .odp as the text nodes of their document parts. 0 and *text (malloc'd,
 * NUL-terminated, *len bytes); 1 for another type (nothing read); -1 and *why
 * (malloc'd) when it cannot be read. */
int go_attach_text(const char *path, const char *name, char **text, size_t *len, char **why);

/* check.c, for go-publish: a proactive attribute a rule set
 * (classified_by.attribute) is a suggestion until the office confirms it, in
 * the record (attribute_confirmed: {"by": NAME, "date": "YYYY-MM-DD"}) or for
 * the run (accepted_by, go-publish --accept-classified NAME). 0 when it needs
 * no confirmation or is confirmed in the record, 1 when accepted_by confirms
 * it, -1 (an unconfirmed-attribute error added) when neither does. */
int go_check_confirmed(json_t *rec, const char *tool, const char *accepted_by);

/* rules.c: for go-classify --explain, which rule set which field of the
 * record go_rules_apply last classified, and on which words: a new string
 * ("default:26 设定 attribute、basis、reason，因为 title 含“任职”"), or NULL
 * when no rule set anything. */
char *go_rules_explain(go_rules *rs, json_t *rec);
/* for --stats: one line a rule on out, how many fields it set so far. */
void go_rules_stats(const go_rules *rs, FILE *out);
/* ---- report.c, report-out.c: go-report's scoreboard and annual report -- */

/*
 * Where go-report's records come from: the JSON Lines of files (nfiles 0 and
 * use_stdin: standard input) and/or the documents on a store's main branch. A
 * record of the input supersedes the stored document of its id.
 */
typedef struct go_report_src {
	go_store *store;      /* borrowed; NULL: input only */
	int nfiles;
	char *const *files;   /* borrowed */
	int use_stdin;        /* read standard input when nfiles is 0 */
	unsigned long invalid; /* out: input lines that were not records */
	int io_error;          /* out: an input file could not be read */
	unsigned long undated; /* out: records without a real date, counted nowhere */
} go_report_src;

typedef struct go_scoreboard_opts {
	int from, to;         /* the period, days, inclusive */
	int pfrom, pto;       /* the previous period; pto 0: as long, just before */
	int today;            /* for records not yet published, and the deadlines */
	int grace_days;       /* rule 7, as go-link-interp --grace-days */
	int rectify_days;     /* working days after today to put things right */
	const char *rules;    /* thresholds text (NULL: the built-in ones) */
	const char *rules_name; /* for messages: "FILE" */
} go_scoreboard_opts;

/*
 * The scoreboard of SPEC §六 (seed): {"from","to","previous":{"from","to"},
 * "offices":[office...],"total":office}, each office object as the README's
 * go-report section describes. NULL and *err (a new string) on error.
 */
json_t *go_scoreboard(go_report_src *src, const go_scoreboard_opts *o, char **err);
/* The built-in thresholds: late-publication > 0, interpretation-rate < 100%. */
extern const char go_scoreboard_default_rules[];

/*
 * The annual report (OGI 第五十条, 国办公开办函〔2021〕30号) of a year:
 * {"year","table2","table3","table4","sections"}. extra (borrowed, may be NULL)
 * is the office's --extra object (fees, table3, table4, sections). Form
 * checks that fail are appended to *problems (a new array of strings, one
 * Chinese sentence each naming the table, row and column); NULL and *err on a
 * fatal error.
 */
json_t *go_annual(go_report_src *src, int year, const json_t *extra, json_t **problems,
		  char **err);
/* Parse an --extra file: JSON, or Markdown with "## 一…/五…/六…" sections and a
 * ```json block. A new object, or NULL and *err. */
json_t *go_annual_extra_parse(const char *text, size_t len, char **err);

/* The statutory labels of tables 三 and 四 (report.c). Rows of table 三 in
 * the form's order: key as go-request stats prints it, the group label of
 * （三）-（六） (NULL for the others), the row label; the last has key NULL. */
typedef struct go_annual_row {
	const char *key, *group, *label;
} go_annual_row;
extern const go_annual_row go_table3_rows[];
extern const char *const go_table3_columns[], *const go_table3_column_labels[];
extern const char *const go_table4_groups[], *const go_table4_columns[],
	*const go_table4_column_labels[];

/* Renderers (report-out.c): the whole document into out; 0 or -1 (errno). */
int go_scoreboard_write(FILE *out, const json_t *board, const char *format);
int go_annual_write(FILE *out, const json_t *report, const char *format);
/* ---- project.c: the public view, a pure function of the register -------- */

/*
 * public = every document folder of main whose record.json is proactive, as on
 * main, plus catalog/<YYYY>.jsonl, one line per such document, sorted by id
 * (see project.c for the exact bytes). Trees and blobs are written to the
 * repository's object database. Each returns 0 with the tree in *out, or -1
 * with *err a new string (nothing printed).
 */
struct git_oid;
/* From main_root alone: reads every record.json. */
int go_project_public(go_store *s, struct git_tree *main_root, struct git_oid *public_tree_out,
		char **err);
/* The same, objects written to (and read through) repo. */
int go_project_public_in(struct git_repository *repo, struct git_tree *main_root,
		struct git_oid *out, char **err);
/* The projection of new_main, given public_root = the projection of old_main
 * (both NULL: none): reads only the documents that differ between the mains. */
int go_project_public_update(struct git_repository *repo, struct git_tree *public_root,
		struct git_tree *old_main, struct git_tree *new_main, struct git_oid *out,
		char **err);

/* ---- publish.c: limits and late refusals -------------------------------- */

/* Why document n was refused when the batch was laid onto a register another
 * publisher had moved (the checks that depend on the register are redone on
 * every retry), and the problem code in *code; NULL when it was not. Borrowed. */
const char *go_batch_refused(const go_batch *b, long n, const char **code);


/* The largest attachment go-publish stores (bytes): a larger one, or one that
 * is no regular file, refuses its record (attachment-too-large,
 * attachment-not-file); the batch goes on. */
#define GO_MAX_ATTACHMENT (100 << 20)

/* ---- pack.c, publish.c: crash windows, for tests ------------------------- */

/* When GO_TEST_PUBLISH_CRASH names this point (pack: a pack renamed into
 * place, its index not yet; index: the pack installed; main: the register
 * moved; public: the public view moved), the process kills itself (SIGKILL),
 * as a power cut would. For tests only, as git's GIT_TEST_* variables. */
void go_crash_point(const char *point);
/* ---- bagit.c: checking in any order, verdicts (issue 12) ---------------- */

/* Verdicts of go_bag_check_verdict, and go-archive verify's exit codes. */
enum { GO_BAG_VALID = GO_OK, GO_BAG_INVALID = GO_FINDINGS, GO_BAG_CANNOT_CHECK = GO_CANNOT_CHECK };
/* Hash every file with every algorithm: for an archive that cannot be read a
 * second time (a pipe). */
void go_bag_check_hash_all(go_bag_check *c);
/* After the first pass: how many files must be read again (met before a
 * manifest of an algorithm they were not hashed with). When not 0, read the
 * archive again through begin/data/end (findings of the reader ignored), then
 * finish. */
size_t go_bag_check_rescan(go_bag_check *c);
int go_bag_check_verdict(const go_bag_check *c);
/* threaded: payload files are hashed in a second thread (lib/worker.c) while
 * the caller reads the next; their checksum findings come when the digests
 * are next needed (a tag file parsed, rescan, finish), in the files' order,
 * so go_bag_check_end cannot tell then whether a payload file failed (it
 * returns 0): for go-archive verify, not records. */
void go_bag_check_threads(go_bag_check *c, int threaded);
/* path in Unicode NFC (a copy; the bytes as they are when not UTF-8): how
 * bags compare names, and how create names the files it writes. */
char *go_bagit_nfc(const char *path);
/* attr is exactly proactive, on-request or withheld. */
int go_is_attribute_code(const char *attr);
/* ---- gate.c: what a valid store is (SPEC §6), for the hooks and go-publish -- */

/* NULL when name (a path component: a document folder, an attachment) can be
 * held by git and by checkouts on Windows, macOS and Linux; else why not, in
 * Chinese (static text): empty, over 255 bytes, control or Windows-reserved
 * characters, a trailing dot or space, .git... (also through HFS+ ignorable
 * characters), git~1 and the other 8.3 short names of .git and .gitmodules,
 * CON PRN AUX NUL COM1-9 LPT1-9 with or without an extension. */
const char *go_name_problem(const char *name);
/* The id's folder and every attachment's name of rec checked with
 * go_name_problem: NULL when all can be held; else an "unsafe-name" problem
 * (tool go_prog()) is added to rec and the reason returned (a new string). */
char *go_gate_record_names(json_t *rec);

/* One finding: ref (may be NULL: no ref, the index), path (may be NULL: the
 * ref itself), code, message (Chinese). All borrowed for the call. */
typedef void (*go_gate_cb)(void *ctx, const char *ref, const char *path,
			   const char *code, const char *message);
enum {
	GO_GATE_PUBLIC = 1 << 0,    /* the tree is a public view (catalog/ allowed) */
	GO_GATE_DELETIONS = 1 << 1, /* a document of old missing from root is a finding */
	GO_GATE_CONTENT = 1 << 2,   /* only what may not enter the store at all
	                               (withheld text): for the commits before a tip */
};
/*
 * Check root, the tree of a branch, against SPEC §6: only docs/<YYYY>/<name>/
 * {record.json, body.md, files/<file>} (and catalog/<YYYY>.jsonl on a public
 * view); plain files only (no symlink, submodule, executable); names git and
 * checkouts can hold; no case twins; folder named after the record's id;
 * record.json a JSON object, not an invalid line; a withheld document its
 * record.json alone, with the metadata keys alone; a public view proactive
 * documents alone. Document folders the same in old (may be NULL) are not
 * read again. ref is passed to cb. The number of findings, or -1 (printed).
 */
int go_gate_tree(go_store *s, struct git_tree *old, struct git_tree *root, int flags,
		 const char *ref, go_gate_cb cb, void *ctx);
/* One line of a pre-receive hook's input: hex ids, 40 zeros for none. */
typedef struct go_ref_update {
	const char *old, *new, *ref;
} go_ref_update;
/*
 * A push, all its ref updates at once (as receive-pack hands them to
 * pre-receive): refs outside refs/heads/ and refs/tags/ are refused; a tag
 * must name a commit on a branch (after the push); main, the public views
 * and the registers they show are neither deleted nor rewound; every branch's
 * new tip is checked with go_gate_tree (a register's documents may not
 * disappear), and each commit before it for withheld text. The number of
 * findings, or -1 (printed).
 */
int go_gate_push(go_store *s, const go_ref_update *u, size_t n, go_gate_cb cb, void *ctx);
/* A public view's tree pub (ref: for cb) against the projection of its
 * register's tree main_root (NULL: none; reg names it in messages):
 * public-not-projection findings, one per differing file (at most 20). The
 * number of findings, or -1 (printed). */
int go_gate_projection(go_store *s, struct git_tree *pub, struct git_tree *main_root,
		       const char *ref, const char *reg, go_gate_cb cb, void *ctx);
/* store.c: make s a store that protects itself when people push to it
 * (go-publish --init): receive.denyNonFastForwards, receive.denyDeletes,
 * receive.fsckObjects, and core.hooksPath = hooks (an absolute folder holding
 * the go-tools hooks), in the repository's own config. 0 or -1 (printed). */
int go_store_guard(go_store *s, const char *hooks);
/* ---- html.c and site.c: go-site, the public view as a static website ---- */

/* A growing byte buffer, always NUL-terminated once written to. */
typedef struct go_buf {
	char *p;
	size_t n, cap;
} go_buf;
void go_buf_put(go_buf *b, const char *s, size_t n);
void go_buf_puts(go_buf *b, const char *s);
void go_buf_printf(go_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void go_buf_free(go_buf *b);
/* s (NULL: nothing) escaped for HTML text and attributes, and for XML. */
void go_buf_html(go_buf *b, const char *s);
/* s as a JSON string, with <, > and & escaped too (safe inside a page). */
void go_buf_json(go_buf *b, const char *s);
/* s as one quoted CSV cell; a cell starting with = + - @ gets a leading '. */
void go_buf_csv(go_buf *b, const char *s);
/* s percent-encoded for a URL path (unreserved characters and / kept). */
void go_buf_url(go_buf *b, const char *s);
/* Markdown text[0..len) as HTML (cmark, safe mode: raw HTML shown as text,
 * a line break kept as a line break (as plain Chinese text means it),
 * javascript: and the like dropped); headings moved down shift levels. */
void go_buf_markdown(go_buf *b, const char *text, size_t len, int shift);

typedef struct go_site_opts {
	const char *rev;      /* the public view: "refs/heads/public" when NULL */
	const char *out;      /* the site: a symbolic link go-site switches */
	const char *base_url; /* absolute, ends in '/'; NULL: the config's, or none */
	json_t *config;       /* borrowed: site name, footer fields (see go-site(1)) */
	int full;             /* render everything, whatever was rendered before */
	int no_search;        /* build no search index */
	int quiet;            /* no summary line on stderr */
	const char *pages;    /* the office's pages: guide.md, rules.md, reports/NAME.html; NULL: none */
} go_site_opts;
/* Render the site (see go-site(1)). 0, or -1 after a message. */
int go_site_render(go_store *s, const go_site_opts *o);

/* ---- issue 19: the life of a document (vocab.c, check.c, interp.c, publish.c) */

/* validity: in-force, amended, abolished or expired (or a synonym) as its code. */
const char *go_norm_validity(const char *s);
/* The validity fields of rec (validity, validity_date or abolished_date,
 * amends, replaces, withdrawn, reinstated): problems added, errors returned. */
int go_check_validity(json_t *rec, const go_check_opts *o);
/* rec's validity_date, else its abolished_date (SPEC's older name); NULL. */
const char *go_validity_date(const json_t *rec);
/* Is rec withdrawn (a withdrawn object)? Such a document is never public. */
int go_is_withdrawn(const json_t *rec);

/* Withdraw (撤回) the stored document id: its folder as on the register, with
 * record.json marked withdrawn {"date": today, "reason": why, "by": by}, so
 * that the public view leaves it out. Like go_batch_prepare: the document's
 * number, -1 and *reason (a new string) when refused, -2 on a git error. */
long go_batch_withdraw(go_batch *b, const char *id, const char *why, const char *by,
		       char **reason);

/* Add to the stored policy id (not in the batch) the ids of adds
 * ({"interpretations"|"amended_by"|"replaced_by": [ids]}) it does not list
 * yet, in the batch's commit (issue 19 item 2, both ways). Like
 * go_batch_withdraw; -1 (with *reason) also when there is nothing to add. */
long go_batch_relink(go_batch *b, const char *id, const json_t *adds, char **reason);
/* Append to the array rec[key] (made when absent) each string of ids it does
 * not hold yet; how many were added. */
int go_list_merge(json_t *rec, const char *key, const json_t *ids);

/* purge.c: rewrite every commit reachable from refs/heads/branch and
 * refs/heads/public_branch (NULL: main, public) so that none holds the content
 * of document id (on the register: its record alone, marked withheld and
 * purged {date, reason, by}; on the public view: neither folder nor catalog
 * line), then one register commit appending to purges/log.jsonl. Both refs move
 * by compare-and-swap, under a lock file in the repository. 0 and *audit (the
 * log line: id, reason, by, date, old and new tips); 1 refused (*err: why:
 * locked, no such id, a branch moved meanwhile); -1 on error (*err). */
int go_store_purge(go_store *s, const char *branch, const char *public_branch, const char *id,
		   const char *reason, const struct git_signature *sig, int today,
		   json_t **audit, char **err);

/* ---- summary.c: what a run did, for people (issue 17) -------------------- */

/* Is a summary wanted: --summary given, or stderr a terminal. */
int go_summary_wanted(int flag);
/* "CODE, CODE" of the errors in rec's problems from index from on, each once;
 * "error" when there is none. Malloc'd. */
char *go_error_codes(const json_t *rec, size_t from);
/* The longest prefix of s, at most max bytes, that cuts no UTF-8 character. */
size_t go_utf8_prefix(const char *s, size_t max);
/* One line on stderr: "PROG：ID《TITLE》：WHAT", the title shortened and its
 * personal numbers masked. */
void go_summary_record(const json_t *rec, const char *what);
/* go-check-reason, go-link-interp: the line of a record with errors (its error
 * codes); nothing for a clean one. 1 when a line was printed. */
int go_summary_errors(const json_t *rec);
/* The closing line of a filter: "PROG：共 N 条记录，其中 E 条有错误". */
void go_summary_filter_end(unsigned long records, unsigned long with_errors);

/* The checks the office expects next to SPEC §4's (check.c): future-date,
 * published-before-date, validity-before-date, published-on-request,
 * pinyin-in-title, consultation-published-late. */
void go_check_office(json_t *rec, const go_check_opts *o);

/* Leave prepared document n out of the commit (publish.c): go-publish, when
 * rule 7 refuses it after it was prepared (its interpretation was refused). */
void go_batch_drop(go_batch *b, long n);

/* The message of a pii-in-proactive error, the same in every tool (issue 17):
 * the field ("标题（title）"), the kind of number, its masked form. */
#define GO_PII_MESSAGE "主动公开的%s中含有个人信息（%s %s），公开前须删除或作区分处理" \
	"（《政府信息公开条例》第十五条）。"

/* The Chinese name of an attribute code (主动公开, 依申请公开, 不予公开), else
 * NULL (vocab.c): messages name attributes so (issue 17). */
const char *go_attribute_name(const char *code);

/* ---- worker.c: a second thread fed through a bounded queue (issue 12) --- */

typedef struct go_worker go_worker;
/* Runs in the worker's thread, on each message in the order sent; the first
 * non-zero return is kept, and later messages are dropped. */
typedef int (*go_worker_fn)(void *ctx, int tag, const void *p, size_t n);
/* threaded 0 (or no thread to be had): fn runs at once, in the caller's thread. */
go_worker *go_worker_new(go_worker_fn fn, void *ctx, int threaded);
/* Queue a copy of p[0..n) for fn(ctx, tag, ...); long data may come to fn in
 * several pieces of the same tag. Blocks while the queue (2 MB) is full.
 * fn's first error as far as known, or 0. */
int go_worker_send(go_worker *w, int tag, const void *p, size_t n);
/* Wait until fn has run on everything sent: fn's first error, or 0. */
int go_worker_wait(go_worker *w);
/* Wait, stop the thread and free. NULL-safe. */
void go_worker_free(go_worker *w);

#endif
