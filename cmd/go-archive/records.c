/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* go-archive records: the archived records as JSON Lines, for go-publish. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modes.h"

#define MAX_RECORD_JSON ((size_t)16 << 20)

struct rfile {
	char *name;   /* attachment name */
	char *path;   /* where it was written, or NULL */
};

struct records {
	struct verify v;
	const char *files;   /* --files DIR */
	unsigned long seq;   /* attachment files written */
	int status;
	/* the document being read */
	char *dir, *prev;
	char *rec, *body;
	size_t reclen, bodylen, max_body;
	int has_rec, has_body, damaged;
	struct rfile *att;
	size_t natt;
	/* the entry being read */
	enum { E_NONE, E_REC, E_BODY, E_ATT } kind;
	int fd, too_big;
	char *fpath;
};

static void doc_reset(struct records *r)
{
	free(r->dir);
	r->dir = NULL;
	r->reclen = r->bodylen = 0;
	r->has_rec = r->has_body = r->damaged = 0;
	for (size_t i = 0; i < r->natt; i++) {
		free(r->att[i].name);
		free(r->att[i].path);
	}
	r->natt = 0;
}

static void emit_doc(struct records *r)
{
	if (!r->dir)
		return;
	json_t *rec = NULL;
	json_error_t err;
	if (!r->has_rec) {
		go_warnx("%s: %s: no record.json: left out", r->v.archive, r->dir);
		r->status = GO_FINDINGS;
		goto out;
	}
	rec = json_loadb(r->rec, r->reclen, JSON_REJECT_DUPLICATES, &err);
	if (!json_is_object(rec)) {
		go_warnx("%s: %s/record.json:%d: %s: left out", r->v.archive, r->dir, err.line,
			 err.text);
		r->status = GO_FINDINGS;
		goto out;
	}
	/* Only what is in the archive: a store and blob ids of the bag's maker
	 * would point go-publish at another repository. */
	json_object_del(rec, "store");
	if (r->has_body) {
		json_t *b = json_stringn(r->body, r->bodylen);
		if (b)
			json_object_set_new(rec, "body", b);
		else {
			go_problem(rec, "go-archive", GO_ERROR, "archive-damaged", "body",
				   "body.md 不是 UTF-8 文本");
		}
	}
	json_t *atts = json_object_get(rec, "attachments"), *a;
	size_t i;
	if (json_is_array(atts)) {
		json_array_foreach(atts, i, a) {
			const char *name = go_str(a, "name");
			struct rfile *f = NULL;
			for (size_t k = 0; name && k < r->natt; k++)
				if (strcmp(r->att[k].name, name) == 0)
					f = &r->att[k];
			if (!json_is_object(a))
				continue;
			json_object_del(a, "blob");
			if (f && f->path) {
				json_object_set_new(a, "path", json_string(f->path));
			} else {
				json_object_del(a, "path");
				if (f && !r->files)
					continue;  /* reported once, below */
				go_problem(rec, "go-archive", GO_ERROR, "archive-damaged", "attachments",
					   "附件 %s 不在归档中", name ? name : "?");
			}
		}
	}
	if (r->natt && !r->files) {
		go_warnx("%s: %s: attachments not extracted (use --files DIR)", r->v.archive, r->dir);
		r->status = GO_FINDINGS;
	}
	if (r->damaged)
		go_problem(rec, "go-archive", GO_ERROR, "archive-damaged", NULL,
			   "%s 中有文件未通过 bag 的校验（见 go-archive verify）", r->dir);
	if (go_has_error(rec))
		r->status = GO_FINDINGS;
	if (go_write(stdout, NULL, rec) != 0)
		r->v.write_failed = 1;
out:
	json_decref(rec);
	free(r->prev);
	r->prev = r->dir;
	r->dir = NULL;
	doc_reset(r);
}

static int r_begin(void *ctx, const char *path, uint64_t size)
{
	struct records *r = ctx;
	r->kind = E_NONE;
	r->too_big = 0;
	if (go_bag_check_begin(r->v.check, path, size))
		return 1;
	/* data/docs/<YYYY>/<MM>/<name>/(record.json|body.md|files/<name>), or
	 * data/docs/<YYYY>/<name>/... from a store of the year layout (store.c) */
	size_t len = strncmp(path, "data/", 5) ? 0 :
		     go_store_parse_path(path + 5, GO_LAYOUT_NONE, NULL, NULL, NULL);
	if (!len)
		return 0;
	char *dir = go_xasprintf("%.*s", (int)len, path + 5);
	const char *rest = path + 5 + len + 1;
	if (!r->dir || strcmp(r->dir, dir) != 0) {
		emit_doc(r);
		if (r->prev && archive_dir_cmp(dir, r->prev) <= 0) {
			go_warnx("%s: %s: the files of a document are not together: "
				 "it may come out in pieces", r->v.archive, dir);
			r->status = GO_FINDINGS;
		}
		r->dir = dir;
	} else {
		free(dir);
	}
	if (strcmp(rest, "record.json") == 0) {
		r->kind = E_REC;
		r->reclen = 0;
		r->has_rec = 1;
	} else if (strcmp(rest, "body.md") == 0) {
		r->kind = E_BODY;
		r->bodylen = 0;
		r->has_body = 1;
	} else if (strncmp(rest, "files/", 6) == 0 && rest[6] && !strchr(rest + 6, '/')) {
		r->kind = E_ATT;
		r->att = go_xrealloc(r->att, (r->natt + 1) * sizeof *r->att);
		struct rfile *f = &r->att[r->natt++];
		f->name = go_xstrdup(rest + 6);
		f->path = NULL;
		r->fd = -1;
		if (r->files) {
			/* A numbered file of ours: never a name taken from the archive. */
			f->path = go_xasprintf("%s/%06lu", r->files, ++r->seq);
			r->fd = open(f->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
			if (r->fd < 0) {
				go_warn("%s", f->path);
				free(f->path);
				f->path = NULL;
				r->status = GO_FATAL;
			}
		}
	}
	return 0;
}

static void buf_add(char **buf, size_t *len, size_t max, const void *p, size_t n, int *too_big)
{
	if (*too_big || *len + n > max) {
		*too_big = 1;
		return;
	}
	*buf = go_xrealloc(*buf, *len + n + 1);
	memcpy(*buf + *len, p, n);
	*len += n;
}

static void r_data(void *ctx, const void *buf, size_t n)
{
	struct records *r = ctx;
	go_bag_check_data(r->v.check, buf, n);
	if (r->kind == E_REC)
		buf_add(&r->rec, &r->reclen, MAX_RECORD_JSON, buf, n, &r->too_big);
	else if (r->kind == E_BODY)
		buf_add(&r->body, &r->bodylen, r->max_body, buf, n, &r->too_big);
	else if (r->kind == E_ATT && r->fd >= 0) {
		const char *p = buf;
		while (n) {
			ssize_t k = write(r->fd, p, n);
			if (k < 0) {
				go_warn("%s", r->att[r->natt - 1].path);
				close(r->fd);
				r->fd = -1;
				r->status = GO_FATAL;
				return;
			}
			p += k;
			n -= (size_t)k;
		}
	}
}

static void r_end(void *ctx, int complete)
{
	struct records *r = ctx;
	if (go_bag_check_end(r->v.check, complete) || !complete)
		r->damaged = 1;
	if (r->too_big) {
		go_warnx("%s: %s: %s too large to turn into a record", r->v.archive, r->dir,
			 r->kind == E_REC ? "record.json" : "body.md");
		r->damaged = 1;
	}
	if (r->kind == E_ATT && r->fd >= 0 && close(r->fd) != 0) {
		go_warn("%s", r->att[r->natt - 1].path);
		r->status = GO_FATAL;
	}
	r->kind = E_NONE;
}

int archive_records(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"files", required_argument, NULL, 'F'},
		{"max-entry-size", required_argument, NULL, 'm'},
		{"max-ratio", required_argument, NULL, 'x'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	go_archive_visitor vis = {.finding = archive_print_finding, .begin = r_begin, .data = r_data,
				  .end = r_end};
	struct records r = {.fd = -1};
	int ch;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'F': r.files = optarg; break;
		case 'm': case 'x': archive_parse_limits(ch, optarg, &vis); break;
		case 'h': go_help(archive_usage);
		case 'V': go_version();
		default: go_usage_error(archive_usage, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		go_usage_error(archive_usage, "records: name one ARCHIVE (\"-\" for stdin)");
	if (r.files && mkdir(r.files, 0755) != 0 && errno != EEXIST) {
		go_warn("%s", r.files);
		return GO_FATAL;
	}
	const char *ml = getenv("GO_MAX_LINE");
	r.max_body = ml && atol(ml) > 0 ? (size_t)atol(ml) : GO_MAX_LINE_DEFAULT;
	r.v.archive = argv[0];
	r.v.to_stderr = 1;
	r.v.check = go_bag_check_new(archive_print_finding, &r.v);
	go_bag_check_hash_all(r.v.check); /* records reads the archive once */
	vis.ctx = &r;
	if (go_archive_read(argv[0], &vis) < 0) {
		r.status = GO_FATAL;
	} else {
		emit_doc(&r);
		go_bag_check_finish(r.v.check);
		if (r.v.errors && r.status == GO_OK)
			r.status = GO_FINDINGS;
	}
	if (r.v.write_failed) {
		go_warn("standard output");
		r.status = GO_FATAL;
	}
	doc_reset(&r);
	free(r.att);
	free(r.prev);
	free(r.rec);
	free(r.body);
	go_bag_check_free(r.v.check);
	return r.status;
}
