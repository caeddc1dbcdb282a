/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* What the modes of go-archive (cmd/go-archive.c and the files beside this one) share. */
#ifndef GO_ARCHIVE_MODES_H
#define GO_ARCHIVE_MODES_H

#include "go.h"
#include "go-store.h"
#include "go-archive.h"

extern const char archive_usage[];

/* The modes: argv[0] is the mode's name; each returns the exit status. */
int archive_create(int argc, char **argv);   /* create.c */
int archive_verify(int argc, char **argv);   /* verify.c */
int archive_records(int argc, char **argv);  /* records.c */

/* Whether to work in two threads: not with GO_ARCHIVE_THREADS=1, nor on one
 * processor. The output is the same either way (go-archive.c). */
int archive_threads(void);

/* Document folders (docs/<YYYY>/<MM>/<name>) in git's order (create.c). */
int archive_dir_cmp(const char *a, const char *b);

/* A bag being checked, and where its findings go (verify.c). */
struct verify {
	const char *archive;
	go_bag_check *check;
	int errors;
	int to_stderr;      /* records: findings are messages, stdout is records */
	int quiet;          /* the second reading: the reader's findings were given */
	int write_failed;
};

/* A finding as a JSON line on stdout, or a message (v->to_stderr). */
void archive_print_finding(void *ctx, const char *severity, const char *code, const char *path,
			   const char *message);
/* --max-entry-size (ch 'm') and --max-ratio ('x') into vis. */
int archive_parse_limits(int ch, const char *arg, go_archive_visitor *vis);

#endif
