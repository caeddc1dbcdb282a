/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go-store.h — the git store: reading, publishing, the gate (libgit2), see go.h.
 */
#ifndef GO_STORE_H
#define GO_STORE_H

#include "go.h"

struct git_repository;
struct git_tree;
struct git_oid;
struct git_signature;
struct git_odb_backend;
typedef struct go_store go_store;

/* ---- store.c: the git store (SPEC §6) ----------------------------------- */

/*
 * A store is a git repository, bare or not, holding refs/heads/main (the
 * register) and refs/heads/public (the public view). Documents live in
 * docs/<YYYY>/<MM>/<id with each / as ~>/{record.json,body.md,files/<name>}
 * (the month-sharded layout, below).
 */

enum {
	GO_STORE_CREATE = 1 << 0, /* go_store_open: init a bare repository if absent */
	GO_STORE_BODY = 1 << 1,   /* reading: add "body" and each attachment's "blob" */
};

/* libgit2's last error as "prog: context: message" on stderr (go_git_fail),
 * or in *err, a new string "context: message" (go_git_err); both return -1. */
int go_git_fail(const char *context);
int go_git_err(char **err, const char *context);
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

/* "docs/<YYYY>/<MM>/<id with each / as ~>", a new string; NULL for an invalid id or
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

/* doc.c: one attachment of a record as its document folder holds it, as
 * files/<name>; its bytes come from path, or from blob in the repository
 * repo (the record's store.repo). All borrowed from the record. */
typedef struct go_doc_att {
	const char *name, *path, *blob, *repo;
} go_doc_att;
/* The attachments of rec (each named by name, else by path's last component):
 * 0 and *atts (malloc'd, *n of them); -1 and *why (a new Chinese sentence) for
 * a list that is no array, a name a folder cannot hold, a name twice, or an
 * attachment with neither path nor blob and store.repo. */
int go_doc_attachments(const json_t *rec, go_doc_att **atts, size_t *n, char **why);
/* record.json's text for rec with these attachments: go_store_record, with
 * "attachments": [{"name", "path": "files/<name>"}] (a new string). */
char *go_doc_record_text(const json_t *rec, const go_doc_att *atts, size_t n);

/* Resolve rev (NULL: "main") to its commit (hex, 41 bytes with the NUL) and
 * root tree (*tree: the caller git_tree_free()s it). 0; GIT_ENOTFOUND (quiet)
 * when rev does not exist; -1 on another error (printed). */
int go_store_resolve(go_store *s, const char *rev, char commit[41],
		struct git_tree **tree);
/* Resolve rev (a commit or a tree, e.g. what `git write-tree` printed) to its
 * tree (*tree: the caller frees it). 0, or -1 (printed). */
int go_store_tree(go_store *s, const char *rev, struct git_tree **tree);

/*
 * Documents, in path order. rec is record.json (borrowed: the callback may change
 * it or json_incref it); with GO_STORE_BODY it also has "body" (when body.md
 * exists) and the attachments' "blob" ids. dir is "docs/<YYYY>/<MM>/<name>" (or "docs/<YYYY>/<name>" in a store of the year layout).
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
/* One document folder dir ("docs/<YYYY>/<MM>/<name>") of root: *rec is a new
 * reference. 0; GIT_ENOTFOUND (quiet) when there is no such document; -1 on error. */
int go_store_read_doc(go_store *s, struct git_tree *root, const char *dir, int flags,
		json_t **rec);
/* The document of root with exactly this id, in whatever year: like
 * go_store_read_doc; *dir (may be NULL) gets its folder, a new string. */
int go_store_find_id(go_store *s, struct git_tree *root, const char *id, int flags,
		json_t **rec, char **dir);

/* publish.c, publish-land.c, publish-push.c: go-publish's batches. Prepare
 * each accepted record (its blobs and document folder are written at once,
 * nothing of a refused one), then commit
 * the batch: one commit on the register, re-applied on a moved tip, then one on
 * the public view, the projection of the register's tip (project.c), when it
 * changes; each ref moved by compare-and-swap. */
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
int go_pack_backend(struct git_odb_backend **out, struct git_repository *repo,
		int dry_run);
/* Install what was written as objects/pack/pack-<sha1>.{pack,idx} (synced;
 * the index last), and start afresh. 0 or -1 (printed). */
int go_pack_flush(struct git_odb_backend *b);
/* Forget what was written (a batch that changes nothing). */
void go_pack_discard(struct git_odb_backend *b);
/* Write an object of the batch as git_odb_write would, hashed here with
 * OpenSSL's SHA-1 (go_hash) rather than libgit2's collision-detecting one,
 * its oid in *oid (issue 18: every byte of a bulk batch is hashed). 0 or -1. */
int go_pack_write(struct git_odb_backend *b, struct git_oid *oid, const void *data,
		size_t len, int type);

/* ---- request.c, request-store.c: applications on their own branch ------ */

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
 * main, plus catalog/<YYYY>/<MM>.jsonl, one line per such document, sorted by id
 * (see project.c for the exact bytes). Trees and blobs are written to the
 * repository's object database. Each returns 0 with the tree in *out, or -1
 * with *err a new string (nothing printed).
 */
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
 * Check root, the tree of a branch, against SPEC §6: only docs/<YYYY>/<MM>/<name>/
 * {record.json, body.md, files/<file>} (and catalog/<YYYY>/<MM>.jsonl on a public
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

/* ---- publish.c, purge.c: the life of a document (issue 19) ------------ */

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

/* Leave prepared document n out of the commit (publish.c): go-publish, when
 * rule 7 refuses it after it was prepared (its interpretation was refused). */
void go_batch_drop(go_batch *b, long n);

/* interp.c: the store's side of rule 7. */
/* go_interp_add_stored for every document on main of s: 0, or -1 (printed). */
int go_interp_add_store(go_interp *x, go_store *s);

/* Every application on branch (NULL: GO_REQUEST_BRANCH; absent: none), each
 * with "store": {"path"}: a new array, or NULL and *err (malloc'd). */
json_t *go_request_load(go_store *s, const char *branch, char **err);
/* go_request_table3_of (go.h) of the applications on the store's branch. */
json_t *go_request_table3(go_store *s, int year, char **err);

/* ---- store.c: the month-sharded layout (issue 18) ----------------------- */

/*
 * Documents live in docs/<YYYY>/<MM>/<name>/ (MM: the month of date, two
 * digits), the public catalog in catalog/<YYYY>/<MM>.jsonl. Stores written by
 * go-tools 0.2 have docs/<YYYY>/<name>/ and catalog/<YYYY>.jsonl (the year
 * layout): go-cat, go-archive, go-site and go-report read both; go-publish
 * writes only the month layout and refuses a store in the year layout until
 * `go-publish --migrate`. A year folder is in the month layout when each of its
 * entries is a folder named 01..12 holding no record.json file (a document
 * folder always holds one); in the year layout when none is; else it mixes
 * both (the gate refuses that, and a tree whose years differ).
 */
enum {
	GO_LAYOUT_NONE = 0,  /* no document */
	GO_LAYOUT_MONTH = 1, /* docs/<YYYY>/<MM>/<name> */
	GO_LAYOUT_YEAR = 2,  /* docs/<YYYY>/<name> (go-tools 0.2) */
	GO_LAYOUT_MIXED = 3, /* both */
};
/* A shard: a folder that holds document folders, "docs/<name>". */
typedef struct go_shard {
	char name[8];        /* "2026/03"; "2026" in the year layout */
	int year, month;     /* month 0: the year layout */
	unsigned char oid[20]; /* its tree (git_oid_fromraw); go_shard_tree looks it up */
} go_shard;
/* The tree of a shard: 0, or -1. */
int go_shard_tree(struct git_repository *repo, const go_shard *sh, struct git_tree **out);
/* The shards of root's docs/ in path order (year non-zero: that year's alone),
 * a new array (free) in *out, and the layout of the whole tree in *layout (may
 * be NULL). A year mixing both layouts is one year shard. 0, or -1 (git's
 * error left in git_error_last). */
int go_store_shards(struct git_repository *repo, struct git_tree *root, int year,
		go_shard **out, size_t *n, int *layout);
/* Each document folder that differs between trees a and b (either NULL:
 * none), in path order: cb(shard, name, in_a, in_b, ctx), in_a and in_b
 * whether the folder is in each (both: changed). Shards are compared by tree
 * id and only those that differ are read, so the cost is the change's, not the
 * store's (issue 18). A non-zero cb return stops it and is returned; -1 on
 * git's error. */
typedef int (*go_store_change_cb)(const char *shard, const char *name, int in_a, int in_b,
		void *ctx);
int go_store_changes(struct git_repository *repo, struct git_tree *a, struct git_tree *b,
		go_store_change_cb cb, void *ctx);
/* The layout of root's docs/ (GO_LAYOUT_*), or -1. */
int go_store_layout(struct git_repository *repo, struct git_tree *root);
/* The layout of one year folder: MONTH, YEAR, MIXED, NONE (empty), or -1. */
int go_store_year_layout(struct git_repository *repo, struct git_tree *year);
/* Is name a month folder's ("01".."12")? */
int go_store_month_name(const char *name);
/* The document folder named name in any shard of root: 1, its tree in *folder
 * and its path ("docs/<YYYY>/<MM>/<name>", a new string) in *dir (each may be
 * NULL); 0 when none; -1. */
int go_store_find_name(struct git_repository *repo, struct git_tree *root, const char *name,
		struct git_oid *folder, char **dir);
/* A path of a file inside a document folder: the length of the folder's path
 * ("docs/2026/03/NAME" of "docs/2026/03/NAME/record.json"), its year, month (0
 * in the year layout) and where NAME starts; 0 for a path in no document
 * folder. layout GO_LAYOUT_YEAR reads the year layout; any other the month
 * layout when the third component is 01..12 and a fourth follows, else the
 * year's; GO_LAYOUT_MONTH also reads a folder's own path ("docs/2026/03/NAME"). */
size_t go_store_parse_path(const char *path, int layout, int *year, int *month,
		size_t *name_at);
/* "docs/<YYYY>/<MM>" (month 0: "docs/<YYYY>"), a new string. */
char *go_store_shard_dir(int year, int month);
/* The year and month of a date "YYYY-MM-DD": 0, or -1 when it is no date. */
int go_store_date_shard(const char *date, int *year, int *month);
/* A change to a tree: path (relative, '/'-separated) set to oid with mode, or
 * removed (oid NULL). */
typedef struct go_tree_put {
	const char *path;
	const struct git_oid *oid;
	int mode;            /* git_filemode_t */
} go_tree_put;
/* The tree base (NULL: empty) with ch[0..n) applied (ch is sorted in place);
 * folders left empty go. 1 and *out; 2 when the whole tree comes out empty; -1. */
int go_tree_put_paths(struct git_repository *repo, const struct git_oid *base,
		go_tree_put *ch, size_t n, struct git_oid *out);

/* go-publish --migrate (migrate.c): rewrite a store of the year layout to the
 * month layout, one commit on branch and one on public_branch (the projection
 * of the new register, with its Projection-of trailer), on top of their
 * history; both refs moved in one transaction from the tips read. 1 migrated
 * (*report: {"main", "public", "documents"}, a new object); 0 nothing to do
 * (already in the month layout, or no register); 2 refused (a document whose
 * place cannot be told, two that would meet, or a branch that moved: *err);
 * -1 on error (*err). *err is a new string. */
int go_store_migrate(go_store *s, const char *branch, const char *public_branch,
		const struct git_signature *sig, json_t **report, char **err);

/* The names index (store.c): which document folder names root holds, found
 * by name in any letter case from one bucket of $GIT_DIR/go-tools/names/, kept
 * up to date with the tree at what changed (derived data, in no branch). NULL
 * when it cannot be written (a read-only store): then ask the tree. */
typedef struct go_names go_names;
go_names *go_names_open(go_store *s, struct git_tree *root);
/* A folder named name exactly (1) or in another letter case only (2; an exact
 * one wins): its name and shard ("2026/03") in *other and *shard, new strings;
 * 0 when none. */
int go_names_lookup(go_names *n, const char *name, char **other, char **shard);
void go_names_free(go_names *n);

/* interp.c: rule 7 by id. */
/* After the last go_interp_add: add the documents on main of s that the batch
 * names, by id (go_store_find_id): what interpretations interpret, records
 * amend or replace, responses follow (up the chain), feedback responds to, and
 * a batch policy's stored version with the interpretations it lists. The cost
 * follows the batch, not the store. 0, or -1 (printed). */
int go_interp_add_named(go_interp *x, go_store *s);

#endif
