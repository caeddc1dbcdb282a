/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go-archive.h — archives and BagIt bags, the text of attachments (libarchive), see go.h.
 */
#ifndef GO_ARCHIVE_H
#define GO_ARCHIVE_H

#include "go.h"

struct git_tree;
typedef struct go_store go_store;

/* ---- archive.c: archives, written reproducibly and read defensively ----- */

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
/* A file of the store layout ("docs/<YYYY>/<MM>/<name>/..."), whole, in path order. */
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


/* ---- attach.c: the text of attachments, for rule 9 --------------------- */

/* attach.c: the text of an attachment named name (its extension decides),
 * read from path: .txt .md .csv .html as they are, .docx .xlsx .pptx .odt .ods
 * .odp as the text nodes of their document parts. 0 and *text (malloc'd,
 * NUL-terminated, *len bytes); 1 for another type (nothing read); -1 and *why
 * (malloc'd) when it cannot be read. */
int go_attach_text(const char *path, const char *name, char **text, size_t *len, char **why);
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

#endif
