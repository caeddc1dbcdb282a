/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go.h — the go-tools library (libgo.a), its core: JSON records and the rules
 * on them, with jansson and libc alone. Each external library has a header of
 * its own, so that a change to one concern rebuilds only what uses it, and a
 * tool links only what it includes (tests/check-reason.t checks one):
 *
 *   go.h           the core (jansson)       error util cli record json problem
 *                                           vocab date pii check interp response
 *                                           request summary sha (libcrypto)
 *   go-store.h     the git store (libgit2)  store publish pack project gate purge
 *                                           request-store report
 *   go-archive.h   archives (libarchive)    archive bagit attach
 *   go-classify.h  classification (OpenCC)  match rules
 *   go-site.h      the website (cmark)      html site
 *
 * One source file per concern, named after it:
 *   error.c     messages and exit codes           (go_warn, go_die, ...)
 *   util.c      small helpers                     (go_read_file, go_temp_file)
 *   cli.c       what every main() shares          (go_usage_if_tty, go_finish, ...)
 *   record.c    JSON Lines in and out, "nothing is lost" (go_reader, go_write)
 *   json.c      the fast strict JSON parser and writer behind them
 *   problem.c   the problems array                (go_problem, go_has_error)
 *   vocab.c     synonyms, kinds, ids, legal basis (go_normalise, go_valid_id, ...)
 *   date.c      dates and the working-day calendar (go_parse_date, go_add_workdays)
 *   pii.c       personal-information detectors    (go_pii_find, go_pii_mask)
 *   check.c     SPEC §4 rules 0-6, 8, 9 and the office's checks (go_check_record)
 *   interp.c    SPEC §4 rule 7, policies and interpretations (go_interp)
 *   response.c  回应关切 and 公众参与: responses, feedback (go_check_response, go_resp)
 *   request.c   applications for information (依申请公开) (go_request_check, ...)
 *   summary.c   what a run did, for people        (go_summary_record, ...)
 *   sha.c       MD5, SHA-1, SHA-256, SHA-512      (go_hash)
 *   worker.c    a second thread fed through a bounded queue (go_worker)
 *   store.c, publish.c (+ publish-land.c, publish-push.c), pack.c, project.c,
 *   gate.c, purge.c, migrate.c, request-store.c,
 *   report.c, report-out.c: see go-store.h; archive.c, bagit.c, attach.c:
 *   go-archive.h; match.c, rules.c: go-classify.h; html.c, site.c: go-site.h.
 *
 * No global mutable state: every piece of state lives in a struct the caller owns.
 * The program name comes from glibc's program_invocation_short_name.
 * The library reports errors by its return values; only cmd/ decides to exit.
 *
 * jansson ownership, in every header: a json_t * parameter is borrowed
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
/* FNV-1a (64 bits) of s[0..n), ASCII letters folded to lower case when fold:
 * the hash of every table of the library. */
uint64_t go_fnv1a(const char *s, size_t n, int fold);
/* A map from strings to pointers, open addressing ({0}: empty). Keys are
 * borrowed: each must outlive the map (free them yourself, through k[]). */
typedef struct go_map {
	const char **k;
	void **v;
	size_t cap, n;
} go_map;
/* The value slot of k, added (holding NULL) when k is absent. */
void **go_map_slot(go_map *m, const char *k);
/* The value slot of k, or NULL when k is absent (or NULL). */
void **go_map_find(const go_map *m, const char *k);
/* The value of k, or NULL when absent. */
void *go_map_get(const go_map *m, const char *k);
void go_map_free(go_map *m);
/* A growing byte buffer, always NUL-terminated once written to ({0}: empty). */
typedef struct go_buf {
	char *p;
	size_t n, cap;
} go_buf;
void go_buf_put(go_buf *b, const char *s, size_t n);
void go_buf_puts(go_buf *b, const char *s);
void go_buf_printf(go_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void go_buf_free(go_buf *b);

/* ---- cli.c: what every main() shares ------------------------------------ */
/* The helpers that exit (go_help to go_number_arg) are cmd/cli.c's, linked into
 * each tool, not into libgo.a: only a tool ends the process (issue 11). Their
 * returning parts are lib/cli.c's (go_usage_vmessage, go_parse_today,
 * go_parse_number, at the end of this header). */

/* Print usage text to stdout (for --help) and exit GO_OK. */
_Noreturn void go_help(const char *usage);
/* Print "prog: message" and "usage: ..." to stderr, exit GO_FATAL. */
_Noreturn void go_usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "prog (go-tools) VERSION" on stdout, exit GO_OK. */
_Noreturn void go_version(void);
/* SPEC §5: a terminal on stdin and no file named prints usage, exits GO_FATAL. */
void go_usage_if_tty(int nfiles, const char *usage);
/* A filter's records go out in 64 KB writes, not in stdio's 4 KB (the block
 * size of a pipe or file); a terminal stays line by line. Before any output. */
void go_stdout_buffered(void);
/* Parse --today's argument, or the system date when arg is NULL; exit GO_FATAL
 * after the message on error. */
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
	const char *line;      /* the record last returned, as read (no newline), */
	size_t line_len;       /* valid until the next go_reader_next; and whether */
	int compact;           /* go_write writes it as these bytes, if unchanged */
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
/* The same; *compact is 1 when go_json_dump writes the value back as s[0..n)
 * byte for byte (no white space, no escape, no real, no -0), else 0. */
json_t *go_json_parse_compact(const char *s, size_t n, go_json_error *err, int *compact);
/* True when s[0..n) is valid UTF-8 (no overlong forms, surrogates or > U+10FFFF). */
int go_utf8_valid(const char *s, size_t n);
/* v as one compact line, byte for byte what json_dumps(v, JSON_COMPACT |
 * JSON_ENCODE_ANY) writes, but faster, and with reals in the shortest form that
 * reads back the same (0.1, not 0.10000000000000001): a new string, *len bytes. */
char *go_json_dump(const json_t *v, size_t *len);
/* The object written in obj[0..n) (a line such as go_write writes, white space
 * after it allowed) with "key": value added as its last member (value: JSON
 * text, key: plain ASCII), appended to out without parsing obj again: the
 * bytes appended, or 0 (nothing appended) when obj is no object. */
size_t go_json_splice(const char *obj, size_t n, const char *key, const char *value,
		      go_buf *out);
/* The string of key when the object written in s[0..n) starts with it
 * ({"key":"...", as the catalog lines are written), into buf (cap bytes, NUL
 * included): its length; 0 and "" when it does not start so, or when the
 * string holds an escape other than \" \\ \/ or does not fit. */
size_t go_json_lead_string(const char *s, size_t n, const char *key, char *buf, size_t cap);

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
/* Rewrite synonyms of attribute, category and kind in place to their codes:
 * how many fields it rewrote. */
int go_normalise(json_t *rec);
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
/* Table 三 of year: {"year", "columns", "rows"} (README); a new reference, or
 * NULL with *err malloc'd (also when 勾稽关系 does not hold). A withdrawn
 * application is counted in "other/other" in the year it was withdrawn. */
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

/* ---- problem.c, check.c: problems, placeholders, confirmation ---------- */

/* problem.c: an invalid-problems warning when rec's "problems" is not an array
 * of problem objects (it is kept as it is: go_problem wraps a non-array). */
void go_problems_check(json_t *rec, const char *tool);
/* check.c: a reason that says nothing: empty, white space (U+3000 too), or a
 * placeholder such as 无, 略, N/A, "-" (rule 2, no_interpretation_reason). */
int go_is_placeholder(const char *s);

/* check.c, rule 9: problems listed per field before one that counts the rest. */
#define GO_PII_MAX_PER_FIELD 10

/* check.c, for go-publish: a proactive attribute a rule set
 * (classified_by.attribute) is a suggestion until the office confirms it, in
 * the record (attribute_confirmed: {"by": NAME, "date": "YYYY-MM-DD"}) or for
 * the run (accepted_by, go-publish --accept-classified NAME). 0 when it needs
 * no confirmation or is confirmed in the record, 1 when accepted_by confirms
 * it, -1 (an unconfirmed-attribute error added) when neither does. */
int go_check_confirmed(json_t *rec, const char *tool, const char *accepted_by);


/* vocab.c: attr is exactly proactive, on-request or withheld. */
int go_is_attribute_code(const char *attr);

/* ---- vocab.c, check.c: the life of a document (issue 19) -------------- */

/* validity: in-force, amended, abolished or expired (or a synonym) as its code. */
const char *go_norm_validity(const char *s);
/* The validity fields of rec (validity, validity_date or abolished_date,
 * amends, replaces, withdrawn, reinstated): problems added, errors returned. */
int go_check_validity(json_t *rec, const go_check_opts *o);
/* rec's validity_date, else its abolished_date (SPEC's older name); NULL. */
const char *go_validity_date(const json_t *rec);
/* Is rec withdrawn (a withdrawn object)? Such a document is never public. */
int go_is_withdrawn(const json_t *rec);

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

/* The message of a pii-in-proactive error, the same in every tool (issue 17):
 * the field ("标题（title）"), the kind of number, its masked form. */
#define GO_PII_MESSAGE "主动公开的%s中含有个人信息（%s %s），公开前须删除或作区分处理" \
	"（《政府信息公开条例》第十五条）。"

/* The Chinese name of an attribute code (主动公开, 依申请公开, 不予公开), else
 * NULL (vocab.c): messages name attributes so (issue 17). */
const char *go_attribute_name(const char *code);

/* ---- record.c: what public shows of a record (issue 17) ------------------ */
/* The fields a stored record keeps on main and the public view leaves out
 * (classification provenance, confirmation, review: who decided and how),
 * NULL-terminated. */
extern const char *const go_internal_fields[];
/* A new object: rec without go_internal_fields (the values borrowed from rec
 * are shared, incref'd). The record.json of a document on public. */
json_t *go_public_record(const json_t *rec);

/* ---- messages.c: one language per run (issue 17) ------------------------- */
/* Chinese unless the first set of LC_ALL, LC_MESSAGES, LANG begins with "en"
 * (C, POSIX and any other locale: Chinese, the office's language). */
typedef enum { GO_LANG_ZH, GO_LANG_EN } go_lang;
go_lang go_lang_env(void);
/* One message: the Chinese text (a printf format) a tool writes for code, and
 * its English, with the same conversions in the same order. */
typedef struct { const char *code, *zh, *en; } go_message;
/* The table, ending with {NULL}: code "" for words put into messages. */
extern const go_message go_messages[];
/* The text for zh (of code) in the run's language: zh itself, or its English
 * from go_messages; zh when the table has none. Static storage. go_problem
 * passes its format through it. */
const char *go_msg(const char *code, const char *zh);
/* go_msg for a word put into a message (code ""). */
const char *go_word(const char *zh);
/* interp.c: x joins against a store (its messages say 输入和文档库) although
 * only the stored documents it needs are added (go-publish). */
void go_interp_with_store(go_interp *x);

/* ---- interp.c: rule 7 against the store by id (issue 18) ---------------- */

/* go_interp_add returns GO_INTERP_FULL once the index is out of room (over 4 G
 * records or 4 GB of ids), a number go_interp_apply takes like any other: from
 * then on it adds an index-full error to every record, so a caller that does
 * not check still fails closed. go-link-interp reports it and stops. */
#define GO_INTERP_FULL LONG_MAX
/* The number of entries indexed so far, batch and stored: a caller can tell
 * whether go_interp_add kept one for a record it returned -1 for. */
size_t go_interp_size(const go_interp *x);
/* After go_interp_add_named: does a batch record get a finding that rests on a
 * document's absence (orphan-*, missing-*)? Then only the whole store can
 * confirm it: the caller redoes the join with go_interp_add_store (go-link-interp
 * does). It resolves x: no go_interp_add after it. */
int go_interp_needs_all(go_interp *x);


/* ---- cli.c: what cmd/cli.c's exiting helpers are made of (issue 11) ---- */
/* lib/cli.c, what cmd/cli.c's exiting helpers are made of: the usage error's
 * lines on stderr ("prog: message", the synopsis, "Try ..."); --today's day
 * (NULL: the system date) into *day, 0, or -1 after "prog: --today: ..."; a
 * whole number from 0 to max into *v, 0, or -1 (no message). */
void go_usage_vmessage(const char *usage, const char *fmt, va_list ap);
int go_parse_today(const char *arg, int *day);
int go_parse_number(const char *arg, long max, long *v);

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
