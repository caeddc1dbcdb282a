/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * archive.c — libarchive and libgit2 glue for go-archive: a reproducible
 * archive writer, a reader that refuses hostile entries, and a walk over the
 * documents of a store that hands out blobs straight from git.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <git2.h>

#include "go.h"
#include "go-store.h"
#include "go-archive.h"

/* ---- writing ------------------------------------------------------------ */

/*
 * A tar goes through two libarchive writers: the tar writer (pax) gives its
 * bytes to a compressor (the raw format, with the filter), holding back the
 * last 1024: the end-of-archive marker, dropped when a spool follows
 * (go_archive_writer_append). A tar, and a gzip or zstd stream, can be
 * concatenated: tags written last come first, without the payload being
 * written twice. A zip has one writer; its spool is the files' bytes and
 * names, replayed into it.
 */
struct go_archive_writer {
	struct archive *a;   /* the entries; NULL for a zip spool */
	struct archive *z;   /* tar: the compressor the tar's bytes go through */
	struct archive_entry *e;
	char *out, *tmp, *root;
	int64_t mtime;
	uint64_t want, have; /* size of the current entry, bytes written */
	char *cur;
	int fd;              /* ours to close, or -1 */
	int outfd;           /* where the archive's bytes go */
	int utf8_locale;     /* names need no conversion (half the cost of a header) */
	char *format;
	int ended;           /* a tar whose own entries are done: spools follow */
	unsigned char hold[1024];
	size_t nhold;
	FILE *spool;         /* a spool's bytes (go_archive_spool_open) */
	struct spooled { char *path; uint64_t size; } *ents; /* a zip spool's files */
	size_t nents, ecap;
};

static int wfail(go_archive_writer *w, const char *what)
{
	struct archive *a = w->a ? w->a : w->z;
	go_warnx("%s: %s: %s", w->out, what, a && archive_error_string(a) ?
		 archive_error_string(a) : "archive error");
	return -1;
}

static int zwrite(go_archive_writer *w, const void *p, size_t n)
{
	while (n) {
		la_ssize_t k = archive_write_data(w->z, p, n);
		if (k <= 0) {
			if (w->a)
				archive_set_error(w->a, EIO, "%s", archive_error_string(w->z) ?
						  archive_error_string(w->z) : "compressor error");
			return -1;
		}
		p = (const char *)p + k;
		n -= (size_t)k;
	}
	return 0;
}

/* The tar writer's bytes: all but the last sizeof hold on to the compressor. */
static la_ssize_t to_compressor(struct archive *a, void *ctx, const void *buf, size_t n)
{
	go_archive_writer *w = ctx;
	const unsigned char *p = buf;
	size_t total = n;
	if (w->nhold + n > sizeof w->hold) {
		size_t pass = w->nhold + n - sizeof w->hold;
		size_t from_hold = pass < w->nhold ? pass : w->nhold;
		if (from_hold && zwrite(w, w->hold, from_hold) < 0)
			return -1;
		memmove(w->hold, w->hold + from_hold, w->nhold - from_hold);
		w->nhold -= from_hold;
		if (pass > from_hold && zwrite(w, p, pass - from_hold) < 0)
			return -1;
		p += pass - from_hold;
		n -= pass - from_hold;
	}
	memcpy(w->hold + w->nhold, p, n);
	w->nhold += n;
	return (la_ssize_t)total;
}

static go_archive_writer *writer_new(const char *out, const char *root, int64_t mtime)
{
	go_archive_writer *w = go_xcalloc(1, sizeof *w);
	w->out = go_xstrdup(out);
	w->root = go_xstrdup(root);
	w->mtime = mtime;
	w->e = archive_entry_new();
	w->fd = w->outfd = -1;
	w->utf8_locale = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	return w;
}

/* w->z: the compressor of format ("tar", "tar.gz", "tar.zst") onto w->outfd,
 * its one entry begun. 0 or -1 (printed). */
static int compressor_open(go_archive_writer *w, const char *format)
{
	w->z = archive_write_new();
	int r = archive_write_set_format_raw(w->z);
	if (r == ARCHIVE_OK && strcmp(format, "tar.gz") == 0) {
		r = archive_write_add_filter_gzip(w->z);
		/* No timestamp in the gzip header: the same input, the same bytes. */
		if (r == ARCHIVE_OK)
			r = archive_write_set_options(w->z, "gzip:!timestamp");
	} else if (r == ARCHIVE_OK && strcmp(format, "tar.zst") == 0) {
		r = archive_write_add_filter_zstd(w->z);
		/* No zstd threads: the same bytes on any machine, and 30 MB less
		 * than one worker's buffers. go-archive create compresses in a
		 * thread of its own (lib/worker.c) beside the reading of git. */
		if (r == ARCHIVE_OK)
			r = archive_write_set_options(w->z, "zstd:compression-level=3,zstd:threads=0");
	}
	/* No padding after the end: the same bytes to a file, a pipe or a tty. */
	if (r == ARCHIVE_OK)
		r = archive_write_set_bytes_in_last_block(w->z, 1);
	if (r == ARCHIVE_OK)
		r = archive_write_open_fd(w->z, w->outfd);
	if (r == ARCHIVE_OK) {
		/* The raw format's one entry: the tar's bytes. */
		archive_entry_clear(w->e);
		archive_entry_set_filetype(w->e, AE_IFREG);
		archive_entry_set_pathname(w->e, "tar");
		r = archive_write_header(w->z, w->e);
	}
	if (r != ARCHIVE_OK) {
		go_warnx("%s: %s: %s", w->out, format, archive_error_string(w->z) ?
			 archive_error_string(w->z) : "archive error");
		return -1;
	}
	return 0;
}

/* Set up w's writers for format, writing to w->outfd. 0 or -1 (printed). */
static int writer_start(go_archive_writer *w, const char *format)
{
	int r;
	w->format = go_xstrdup(format);
	w->a = archive_write_new();
	if (strcmp(format, "zip") == 0) {
		r = archive_write_set_format_zip(w->a);
		if (r == ARCHIVE_OK)
			r = archive_write_set_options(w->a, "zip:compression=deflate");
		if (r == ARCHIVE_OK)
			r = archive_write_set_bytes_in_last_block(w->a, 1);
		if (r == ARCHIVE_OK)
			r = archive_write_open_fd(w->a, w->outfd);
		return r == ARCHIVE_OK ? 0 : wfail(w, format);
	}
	if (compressor_open(w, format) < 0)
		return -1;
	r = archive_write_set_format_pax_restricted(w->a);
	if (r == ARCHIVE_OK)
		r = archive_write_set_bytes_in_last_block(w->a, 1);
	if (r == ARCHIVE_OK)
		r = archive_write_open2(w->a, w, NULL, to_compressor, NULL, NULL);
	return r == ARCHIVE_OK ? 0 : wfail(w, format);
}

go_archive_writer *go_archive_writer_open(const char *out, const char *format,
					  const char *root, int64_t mtime)
{
	go_archive_writer *w = writer_new(out, root, mtime);
	struct stat st, lst;
	int exists = strcmp(out, "-") != 0 && stat(out, &st) == 0;
	if (strcmp(out, "-") == 0) {
		w->outfd = STDOUT_FILENO;
	} else if (exists && !S_ISREG(st.st_mode)) {
		/* A FIFO, a device, /dev/stdout: written through, as a shell
		 * redirection would; never replaced. */
		if ((w->fd = open(out, O_WRONLY | O_CLOEXEC)) < 0) {
			go_warn("%s", out);
			goto fail;
		}
	} else if (!exists && lstat(out, &lst) == 0) {
		go_warnx("%s: a symbolic link to nothing: not replaced, not followed", out);
		goto fail;
	} else {
		if (exists && lstat(out, &lst) == 0 && S_ISLNK(lst.st_mode)) {
			/* A link to a file: the file is replaced, the link stays. */
			char *real = realpath(out, NULL);
			if (!real) {
				go_warn("%s", out);
				goto fail;
			}
			free(w->out);
			w->out = real;
			out = real;
		}
		/* Write beside OUT and rename at the end: a reader (or a cron job
		 * killed half-way) never sees half an archive under its name. */
		w->tmp = go_xasprintf("%s.XXXXXX", out);
		int fd = mkstemp(w->tmp);
		if (fd < 0) {
			go_warn("%s", w->tmp);
			free(w->tmp);
			w->tmp = NULL;
			goto fail;
		}
		fchmod(fd, 0644 & ~0022);
		w->fd = fd;
	}
	if (w->outfd < 0)
		w->outfd = w->fd;
	if (writer_start(w, format) < 0)
		goto fail;
	return w;
fail:
	go_archive_writer_abort(w);
	return NULL;
}

go_archive_writer *go_archive_spool_open(const char *format, const char *root, int64_t mtime)
{
	go_archive_writer *w = writer_new("temporary file", root, mtime);
	if (!(w->spool = go_temp_file())) {
		go_warn("temporary file");
		goto fail;
	}
	w->outfd = fileno(w->spool);
	if (strcmp(format, "zip") != 0 && writer_start(w, format) < 0)
		goto fail;
	return w;
fail:
	go_archive_writer_abort(w);
	return NULL;
}

static int end_entry(go_archive_writer *w)
{
	if (!w->cur)
		return 0;
	if (w->have != w->want) {
		go_warnx("%s: %s: %" PRIu64 " bytes written of %" PRIu64, w->out, w->cur,
			 w->have, w->want);
		return -1;
	}
	free(w->cur);
	w->cur = NULL;
	return 0;
}

int go_archive_file(go_archive_writer *w, const char *rel, uint64_t size)
{
	if (end_entry(w) < 0)
		return -1;
	w->want = size;
	w->have = 0;
	if (!w->a) {
		/* A zip spool: the name and size now, the bytes in the spool. */
		if (w->nents == w->ecap)
			w->ents = go_xrealloc(w->ents, (w->ecap = w->ecap ? 2 * w->ecap : 1024) *
					      sizeof *w->ents);
		w->ents[w->nents].path = go_xstrdup(rel);
		w->ents[w->nents++].size = size;
		w->cur = go_xstrdup(rel);
		return 0;
	}
	w->cur = go_xasprintf("%s/%s", w->root, rel);
	archive_entry_clear(w->e);
	/* In a UTF-8 locale the name is already what libarchive converts to. */
	if (w->utf8_locale)
		archive_entry_copy_pathname(w->e, w->cur);
	else
		archive_entry_set_pathname_utf8(w->e, w->cur);
	archive_entry_set_filetype(w->e, AE_IFREG);
	archive_entry_set_perm(w->e, 0644);
	archive_entry_set_size(w->e, (la_int64_t)size);
	archive_entry_set_mtime(w->e, w->mtime, 0);
	archive_entry_set_uid(w->e, 0);
	archive_entry_set_gid(w->e, 0);
	int r = archive_write_header(w->a, w->e);
	if (r < ARCHIVE_OK)
		return wfail(w, w->cur);
	return 0;
}

int go_archive_data(go_archive_writer *w, const void *p, size_t n)
{
	if (w->have + n > w->want) {
		go_warnx("%s: %s: more data than announced", w->out, w->cur);
		return -1;
	}
	if (!w->a) {
		if (fwrite(p, 1, n, w->spool) != n) {
			go_warn("%s", w->out);
			return -1;
		}
		w->have += n;
		return 0;
	}
	while (n) {
		la_ssize_t k = archive_write_data(w->a, p, n);
		if (k <= 0)
			return wfail(w, w->cur);
		p = (const char *)p + k;
		n -= (size_t)k;
		w->have += (uint64_t)k;
	}
	return 0;
}

/* End w's archive: with its end-of-archive marker (last), or without (a
 * spool follows). 0 or -1 (printed). */
static int writer_finish(go_archive_writer *w, int last)
{
	int rc = end_entry(w);
	if (rc == 0 && w->a && archive_write_close(w->a) != ARCHIVE_OK)
		rc = wfail(w, "close");
	if (rc == 0 && w->z) {
		static const unsigned char zeros[sizeof w->hold];
		if (!last && (w->nhold != sizeof w->hold || memcmp(w->hold, zeros, w->nhold) != 0))
			GO_BUG("a tar's end is not its end-of-archive marker");
		if (last && zwrite(w, w->hold, w->nhold) < 0)
			rc = wfail(w, "close");
		w->nhold = 0;
		if (rc == 0 && archive_write_close(w->z) != ARCHIVE_OK) {
			go_warnx("%s: close: %s", w->out, archive_error_string(w->z));
			rc = -1;
		}
	}
	return rc;
}

static int append_spool(go_archive_writer *w, go_archive_writer *spool)
{
	char buf[1 << 16];
	int rc = 0;
	if (!spool->a) {
		/* A zip: its files, one by one, from the spool. */
		if (end_entry(spool) < 0 || fflush(spool->spool) != 0 || fseeko(spool->spool, 0, SEEK_SET) != 0)
			rc = -1;
		for (size_t i = 0; rc == 0 && i < spool->nents; i++) {
			uint64_t left = spool->ents[i].size;
			if (go_archive_file(w, spool->ents[i].path, left) < 0)
				rc = -1;
			while (rc == 0 && left) {
				size_t k = left < sizeof buf ? (size_t)left : sizeof buf;
				if (fread(buf, 1, k, spool->spool) != k) {
					go_warn("%s", spool->out);
					rc = -1;
				} else if (go_archive_data(w, buf, k) < 0) {
					rc = -1;
				}
				left -= k;
			}
		}
		return rc;
	}
	if (!w->ended) {
		/* Closed: only spools and go_archive_writer_close are left. */
		if (writer_finish(w, 0) < 0)
			return -1;
		archive_write_free(w->a);
		archive_write_free(w->z);
		w->a = w->z = NULL;
		w->ended = 1;
	}
	if (writer_finish(spool, 0) < 0)
		return -1;
	if (fflush(spool->spool) != 0 || fseeko(spool->spool, 0, SEEK_SET) != 0) {
		go_warn("%s", spool->out);
		return -1;
	}
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, spool->spool)) > 0) {
		for (size_t off = 0; off < n;) {
			ssize_t k = write(w->outfd, buf + off, n - off);
			if (k < 0) {
				go_warn("%s", w->out);
				return -1;
			}
			off += (size_t)k;
		}
	}
	if (ferror(spool->spool)) {
		go_warn("%s", spool->out);
		return -1;
	}
	return 0;
}

int go_archive_writer_append(go_archive_writer *w, go_archive_writer *spool)
{
	int rc = append_spool(w, spool);
	go_archive_writer_abort(spool);
	return rc;
}

int go_archive_writer_close(go_archive_writer *w)
{
	int rc = 0;
	if (w->ended) {
		/* After the spools, the end-of-archive marker, in a frame of its own. */
		static const unsigned char zeros[sizeof w->hold];
		if (compressor_open(w, w->format) < 0 || zwrite(w, zeros, sizeof zeros) < 0 ||
		    archive_write_close(w->z) != ARCHIVE_OK)
			rc = -1;
		if (rc < 0 && w->z)
			go_warnx("%s: close: %s", w->out, archive_error_string(w->z) ?
				 archive_error_string(w->z) : "archive error");
	} else {
		rc = writer_finish(w, 1);
	}
	if (w->fd >= 0) {
		if (close(w->fd) != 0 && rc == 0) {
			go_warn("%s", w->out);
			rc = -1;
		}
		w->fd = -1;
	}
	if (rc == 0 && w->tmp) {
		if (rename(w->tmp, w->out) != 0) {
			go_warn("%s", w->out);
			rc = -1;
		} else {
			free(w->tmp);
			w->tmp = NULL;
		}
	}
	go_archive_writer_abort(w);
	return rc;
}

void go_archive_writer_abort(go_archive_writer *w)
{
	if (!w)
		return;
	if (w->a)
		archive_write_free(w->a);
	if (w->z)
		archive_write_free(w->z);
	if (w->fd >= 0)
		close(w->fd);
	if (w->tmp)
		unlink(w->tmp);
	if (w->spool)
		fclose(w->spool);
	for (size_t i = 0; i < w->nents; i++)
		free(w->ents[i].path);
	free(w->ents);
	archive_entry_free(w->e);
	free(w->tmp);
	free(w->out);
	free(w->format);
	free(w->root);
	free(w->cur);
	free(w);
}

/* ---- reading ------------------------------------------------------------ */

#define MIN_RATIO_SIZE ((uint64_t)1 << 20)
#define READ_BLOCK 65536

static void report(const go_archive_visitor *v, const char *code, const char *path,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void report(const go_archive_visitor *v, const char *code, const char *path,
		   const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, go_msg(code, fmt), ap); /* the run's language */
	va_end(ap);
	v->finding(v->ctx, "error", code, path, msg);
}

/* Drop "." and empty segments; NULL for "..", an absolute path, or a
 * Windows drive or backslash, with *why set. A new string. */
static char *normalise(const char *path, const char **code, const char **why)
{
	if (path[0] == '/' || (((path[0] | 32) >= 'a' && (path[0] | 32) <= 'z') && path[1] == ':')) {
		*code = "absolute-path";
		*why = "绝对路径";
		return NULL;
	}
	char *out = go_xmalloc(strlen(path) + 1), *o = out;
	for (const char *p = path; *p;) {
		const char *e = strchr(p, '/');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			*code = "escaping-path";
			*why = "路径中有 '..'";
			free(out);
			return NULL;
		}
		if (memchr(p, '\\', n)) {
			*code = "invalid-path";
			*why = "路径中有反斜杠";
			free(out);
			return NULL;
		}
		if (n && !(n == 1 && p[0] == '.')) {
			if (o != out)
				*o++ = '/';
			memcpy(o, p, n);
			o += n;
		}
		p += n + (e != NULL);
	}
	*o = '\0';
	if (!*out) {
		*code = "invalid-path";
		*why = "空路径";
		free(out);
		return NULL;
	}
	return out;
}

static const char *type_name(mode_t t)
{
	switch (t) {
	case AE_IFLNK: return "符号链接";
	case AE_IFCHR: return "字符设备";
	case AE_IFBLK: return "块设备";
	case AE_IFIFO: return "FIFO";
	case AE_IFSOCK: return "套接字";
	default: return "特殊文件";
	}
}

/* Stream the current entry's data to v; 1 read whole, 0 stopped (a finding
 * was reported), -1 unreadable. */
static int read_data(struct archive *a, const go_archive_visitor *v, const char *path,
		     uint64_t max_entry, unsigned max_ratio)
{
	const void *buf;
	size_t n;
	la_int64_t off;
	uint64_t have = 0;
	int64_t raw0 = archive_filter_bytes(a, -1);
	static const char zeros[4096];
	for (;;) {
		int r = archive_read_data_block(a, &buf, &n, &off);
		if (r == ARCHIVE_EOF)
			return 1;
		if (r < ARCHIVE_WARN)
			return -1;
		/* Sparse entries: the holes read as zeros. */
		while ((uint64_t)off > have && have <= max_entry) {
			size_t k = (uint64_t)off - have < sizeof zeros ? (size_t)((uint64_t)off - have) : sizeof zeros;
			v->data(v->ctx, zeros, k);
			have += k;
		}
		have += n;
		if (have > max_entry) {
			report(v, "entry-too-large", path, "超过 %" PRIu64 " 字节：不再读取",
			       max_entry);
			return 0;
		}
		int64_t raw = archive_filter_bytes(a, -1) - raw0;
		if (have > MIN_RATIO_SIZE && have / (uint64_t)(raw + READ_BLOCK) > max_ratio) {
			report(v, "compression-bomb", path,
			       "%" PRIu64 " 字节由 %" PRId64 " 字节解压而来：超过 %u:1，不再读取",
			       have, raw, max_ratio);
			return 0;
		}
		v->data(v->ctx, buf, n);
	}
}

int go_archive_read(const char *file, const go_archive_visitor *v)
{
	uint64_t max_entry = v->max_entry ? v->max_entry : GO_ARCHIVE_MAX_ENTRY;
	unsigned max_ratio = v->max_ratio ? v->max_ratio : GO_ARCHIVE_MAX_RATIO;
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	char *root = NULL;
	int rc = -1, r, nentries = 0, utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	/* Only formats and filters read in-process: no mtree (it names files on
	 * disk), no external decompressor programs. */
	archive_read_support_format_tar(a);
	archive_read_support_format_zip(a);
	archive_read_support_format_7zip(a);
	archive_read_support_filter_gzip(a);
	archive_read_support_filter_bzip2(a);
	archive_read_support_filter_xz(a);
	archive_read_support_filter_zstd(a);
	if (strcmp(file, "-") == 0)
		r = archive_read_open_fd(a, STDIN_FILENO, READ_BLOCK);
	else
		r = archive_read_open_filename(a, file, READ_BLOCK);
	if (r != ARCHIVE_OK) {
		go_warnx("%s: %s", file, archive_error_string(a));
		goto out;
	}
	while ((r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		if (r < ARCHIVE_WARN) {
			go_warnx("%s: %s", file, archive_error_string(a));
			goto out;
		}
		if (r == ARCHIVE_WARN)
			go_warnx("%s: %s", file, archive_error_string(a));
		nentries++;
		/* In a UTF-8 locale the name as read is UTF-8 already. */
		const char *name = utf8 ? archive_entry_pathname(e) : archive_entry_pathname_utf8(e);
		if (!name)
			name = utf8 ? archive_entry_pathname_utf8(e) : archive_entry_pathname(e);
		if (!name)
			name = "";
		const char *code = NULL, *why = NULL;
		char *path = normalise(name, &code, &why);
		mode_t type = archive_entry_filetype(e);
		if (!path && type == AE_IFDIR && strcmp(code, "invalid-path") == 0 &&
		    strcmp(why, "空路径") == 0)
			continue; /* "./": the archive's own top */
		if (!path) {
			report(v, code, name, "%s：未读取", go_word(why));
			continue;
		}
		if (!root) {
			/* The bag's root: the first entry's top folder, or the archive's
			 * top when the bag was archived without one. */
			const char *slash = strchr(path, '/');
			if (type == AE_IFDIR && !slash)
				root = go_xasprintf("%s/", path);
			else if (slash && strncmp(path, "data/", 5) != 0)
				root = go_xasprintf("%.*s", (int)(slash - path + 1), path);
			else
				root = go_xstrdup("");
		}
		size_t rl = strlen(root);
		const char *rel = path + rl;
		if (type == AE_IFDIR) {
			free(path);
			continue;
		}
		if (strncmp(path, root, rl) != 0 || !*rel) {
			report(v, "outside-bag", path, "不在 bag 的文件夹 %s 下：未读取", root);
		} else if (archive_entry_hardlink(e)) {
			report(v, "hardlink", rel, "指向 %s 的硬链接：未跟随",
			       archive_entry_hardlink(e));
		} else if (type != AE_IFREG) {
			report(v, type == AE_IFLNK ? "symlink" : "special-file", rel, "%s%s%s：未跟随",
			       go_word(type_name(type)), type == AE_IFLNK ? go_word(" 指向 ") : "",
			       type == AE_IFLNK && archive_entry_symlink(e) ? archive_entry_symlink(e) : "");
		} else if (archive_entry_is_encrypted(e)) {
			report(v, "encrypted-entry", rel, "已加密：未读取");
		} else if (archive_entry_size_is_set(e) && (uint64_t)archive_entry_size(e) > max_entry) {
			report(v, "entry-too-large", rel, "%" PRId64 " 字节，超过 %" PRIu64 "：未读取",
			       (int64_t)archive_entry_size(e), max_entry);
		} else {
			if (v->begin(v->ctx, rel, archive_entry_size_is_set(e) ?
				     (uint64_t)archive_entry_size(e) : 0)) {
				report(v, "duplicate-entry", rel, "同一路径的第二个条目：未读取");
				free(path);
				continue;
			}
			int d = read_data(a, v, rel, max_entry, max_ratio);
			v->end(v->ctx, d == 1);
			if (d < 0) {
				go_warnx("%s: %s: %s", file, rel, archive_error_string(a));
				free(path);
				goto out;
			}
		}
		free(path);
	}
	if (!nentries) {
		go_warnx("%s: an empty archive", file);
		goto out;
	}
	rc = 0;
out:
	free(root);
	archive_read_free(a);
	return rc;
}

/* ---- walking a store ---------------------------------------------------- */

struct walk {
	go_store *s;
	git_repository *repo;
	const go_archive_select *sel;
	go_archive_file_cb cb;
	void *ctx;
	int left_out;
};

static int emit_blob(struct walk *w, const char *path, const git_oid *id)
{
	git_blob *b = NULL;
	if (git_blob_lookup(&b, w->repo, id) < 0)
		return go_git_fail(path);
	int r = w->cb(w->ctx, path, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return r;
}

/* Every blob under tree, in git's order, as prefix/name. */
static int emit_tree(struct walk *w, git_tree *tree, const char *prefix)
{
	int rc = 0;
	for (size_t i = 0, n = git_tree_entrycount(tree); i < n && rc == 0; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(tree, i);
		char *path = go_xasprintf("%s/%s", prefix, git_tree_entry_name(te));
		git_filemode_t mode = git_tree_entry_filemode(te);
		if (mode == GIT_FILEMODE_TREE) {
			git_tree *sub = NULL;
			if (git_tree_lookup(&sub, w->repo, git_tree_entry_id(te)) < 0)
				rc = go_git_fail(path);
			else
				rc = emit_tree(w, sub, path);
			git_tree_free(sub);
		} else if (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
			rc = emit_blob(w, path, git_tree_entry_id(te));
		} else {
			go_warnx("%s: not a file (mode %o): left out", path, (unsigned)mode);
		}
		free(path);
	}
	return rc;
}

int go_archive_selected(const go_archive_select *sel, const char *attr)
{
	if (!sel->attributes)
		return 1;
	for (const char *const *a = sel->attributes; *a; a++)
		if (attr && strcmp(*a, attr) == 0)
			return 1;
	return 0;
}

static int walk_doc(struct walk *w, git_tree *doc, const char *dir)
{
	const git_tree_entry *re = git_tree_entry_byname(doc, "record.json");
	git_blob *b = NULL;
	json_t *rec = NULL;
	int rc = 0;
	if (!re || git_tree_entry_filemode(re) != GIT_FILEMODE_BLOB) {
		go_warnx("%s: no record.json: left out", dir);
		return 0;
	}
	if (git_blob_lookup(&b, w->repo, git_tree_entry_id(re)) < 0)
		return go_git_fail(dir);
	/* Parsed, never guessed from the text: whether a body may enter the
	 * archive depends on it. */
	go_json_error err = {"not an object", 1, ""};
	rec = go_json_parse(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b), &err);
	if (!json_is_object(rec)) {
		if (!w->sel->quiet)
			go_warnx("%s/record.json: column %zu: %s: left out", dir, err.column, err.text);
		w->left_out++;
		goto out;
	}
	go_normalise(rec);
	const char *attr = go_str(rec, "attribute");
	if (!go_is_attribute_code(attr)) {
		if (!w->sel->quiet)
			go_warnx("%s/record.json: 公开属性 '%s' 不是 proactive、on-request、withheld 之一"
				 " (attribute is not a code): left out", dir, attr ? attr : "(none)");
		w->left_out++;
		goto out;
	}
	if (!go_archive_selected(w->sel, attr))
		goto out;
	char *path = go_xasprintf("%s/record.json", dir);
	if (attr && strcmp(attr, "withheld") == 0) {
		/* Metadata only, whatever the store holds: title, body and
		 * attachments of a withheld record never enter an archive. */
		json_t *meta = go_store_record(rec);
		int extra = json_object_size(meta) != json_object_size(rec);
		if (extra) {
			char *text = go_store_record_text(meta);
			rc = w->cb(w->ctx, path, text, strlen(text));
			free(text);
		} else {
			rc = w->cb(w->ctx, path, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
		}
		json_decref(meta);
		free(path);
		goto out;
	}
	free(path);
	for (size_t i = 0, n = git_tree_entrycount(doc); i < n && rc == 0; i++) {
		const git_tree_entry *te = git_tree_entry_byindex(doc, i);
		char *p = go_xasprintf("%s/%s", dir, git_tree_entry_name(te));
		if (te == re) {
			rc = w->cb(w->ctx, p, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
		} else if (git_tree_entry_filemode(te) == GIT_FILEMODE_TREE) {
			git_tree *sub = NULL;
			if (git_tree_lookup(&sub, w->repo, git_tree_entry_id(te)) < 0)
				rc = go_git_fail(p);
			else
				rc = emit_tree(w, sub, p);
			git_tree_free(sub);
		} else if (git_tree_entry_filemode(te) == GIT_FILEMODE_BLOB ||
			   git_tree_entry_filemode(te) == GIT_FILEMODE_BLOB_EXECUTABLE) {
			rc = emit_blob(w, p, git_tree_entry_id(te));
		} else {
			go_warnx("%s: not a file: left out", p);
		}
		free(p);
	}
out:
	json_decref(rec);
	git_blob_free(b);
	return rc;
}

int go_archive_walk_store(go_store *s, git_tree *root, const go_archive_select *sel,
			  go_archive_file_cb cb, void *ctx)
{
	struct walk w = {s, go_store_repo(s), sel, cb, ctx, 0};
	go_shard *sh = NULL;
	size_t nsh = 0;
	int rc = 0;
	/* the shards of either layout (store.c): an old store is archived as it is */
	if (go_store_shards(w.repo, root, sel->year, &sh, &nsh, NULL) < 0)
		return go_git_fail("docs");
	for (size_t i = 0; i < nsh && rc == 0; i++) {
		git_tree *year = NULL;
		if (go_shard_tree(w.repo, &sh[i], &year) < 0) {
			rc = go_git_fail(sh[i].name);
			break;
		}
		for (size_t j = 0, m = git_tree_entrycount(year); j < m && rc == 0; j++) {
			const git_tree_entry *te = git_tree_entry_byindex(year, j);
			if (git_tree_entry_filemode(te) != GIT_FILEMODE_TREE)
				continue;
			char *dir = go_xasprintf("docs/%s/%s", sh[i].name, git_tree_entry_name(te));
			git_tree *doc = NULL;
			if (git_tree_lookup(&doc, w.repo, git_tree_entry_id(te)) < 0)
				rc = go_git_fail(dir);
			else
				rc = walk_doc(&w, doc, dir);
			git_tree_free(doc);
			free(dir);
		}
		git_tree_free(year);
	}
	free(sh);
	return rc ? rc : w.left_out;
}
