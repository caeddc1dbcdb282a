/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * pack.c — where go-publish's new objects go: an object-database backend that
 * streams them into one pack file and installs it, with its index, in one step.
 *
 * Why not loose objects: a bulk publish makes hundreds of thousands of them.
 * Why not libgit2's packbuilder (git_mempack_dump): it holds every object
 * uncompressed in memory and searches deltas, both too costly for a bulk batch
 * of small documents. Here each object is deflated once (fastest level, no
 * delta, as git fast-import does for new files) and written straight to
 * objects/pack/tmp_pack_*; go_pack_flush writes the v2 index and renames both
 * into place, the index last, so that a process killed at any moment leaves
 * either no pack or a complete one that nothing refers to yet.
 *
 * Issue 18, bulk speed: the caller's thread only hashes (libgit2 gives the
 * oid) and files the object; a writer thread of the pack deflates and writes
 * it, so that on two cores the compression runs beside the parsing and the
 * checks. The queue is bounded (WRITER_QUEUE bytes); an object still queued
 * is read from its queued copy; go_pack_flush waits for the writer before it
 * counts, sums and indexes the pack. Deflate is libdeflate's one-shot zlib
 * format: on the bench corpus, one record an object, bench/pack-deflate.sh
 * measures it at level 1 at about twice the speed of zlib at level 1 (which
 * clears its 64 KB window for every object), for an output 1.5 % larger;
 * levels 2 and 3 are no faster than zlib. Objects of 4 GiB or more, which
 * libdeflate cannot take in one piece, are streamed through zlib.
 *
 * The backend sits alone in an odb of the batch's own (git_odb_new), wrapped in
 * a repository (git_repository_wrap_odb) on which go-publish builds its trees:
 * everything it does not hold it reads from the store, without the store odb's
 * refresh on every miss.
 */
#include <limits.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <libdeflate.h>
#include <zlib.h>

#include "go.h"
#include "go-store.h"

/* ---- the backend -------------------------------------------------------- */

/* One a new object: 48 bytes, for a million documents' three million
 * objects (issue 18, memory); none holds its data, read back when asked. */
typedef struct pobj {
	git_oid id;
	uint32_t crc;     /* of the packed entry, for the index (by the writer) */
	uint32_t zlen;    /* its deflated bytes after the header; 0: streamed (by the writer) */
	uint64_t off;     /* in the pack being written (by the writer) */
	uint64_t len : 56;
	uint64_t type : 8;
} pobj;

/* An object filed for the writer thread. */
struct job {
	struct job *next;
	size_t k;            /* its number in the object table */
	git_object_t type;
	size_t len;
	unsigned char *data; /* a copy */
};

/* Most bytes queued for the writer before the caller waits for it. */
#define WRITER_QUEUE ((size_t)4 << 20)

typedef struct pack_backend {
	git_odb_backend parent;
	git_repository *repo; /* the store (borrowed) */
	git_odb *store;       /* its object database */
	int dry_run;
	int empty;            /* the store had no object to share with the batch */
	char *dir;            /* objects/pack */
	char *tmp;            /* the pack being written, or NULL */
	FILE *fp;
	uint64_t off;
	pobj *obj;
	size_t n, cap;
	uint32_t *slot;       /* open addressing: index + 1 into obj, 0 empty */
	size_t nslot;
	z_stream z;
	unsigned char *zbuf;
	size_t piece;         /* most bytes zlib is given at once (its counts are uInt) */
	struct libdeflate_compressor *dc;   /* the writer's */
	struct libdeflate_decompressor *dd; /* the caller's, for read-backs */
	unsigned char *cbuf;  /* the writer's output buffer */
	size_t ccap;
	/* the writer thread; under mu: obj[*].off, crc, zlen, the queue, written */
	pthread_t writer;
	int running, stop;
	int hold;             /* GO_TEST_PACK_HOLD: the writer waits for go_pack_flush */
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	struct job *head, *tail, *cur; /* cur: the one being written */
	size_t queued;        /* bytes in the queue */
	size_t written;       /* objects 0 .. written - 1 are in the file */
	char *werr;           /* the writer's failure, said by the caller */
	/* the pack go_pack_flush installed last: its objects (sorted) are read
	 * here, with pread and libdeflate, rather than through libgit2's
	 * mappings of the whole pack (issue 18: the projection that follows
	 * reads every new document back) */
	pobj *old;
	size_t nold;
	int oldfd;
} pack_backend;

/* zlib counts in uInt: objects of 4 GiB or more go through it in pieces. Tests
 * make the pieces small (GO_TEST_PACK_PIECE, in the style of git's GIT_TEST_*)
 * to run that path without 4 GiB of data. */
static size_t zlib_piece(void)
{
	const char *t = getenv("GO_TEST_PACK_PIECE");
	unsigned long long v = t && *t ? strtoull(t, NULL, 10) : 0;
	return v && v < UINT_MAX ? (size_t)v : UINT_MAX;
}

#define ZBUF ((size_t)1 << 16)

static size_t hash_oid(const git_oid *id)
{
	size_t h;
	memcpy(&h, id->id, sizeof h);
	return h;
}

static pobj *lookup(pack_backend *b, const git_oid *id)
{
	if (!b->nslot)
		return NULL;
	for (size_t i = hash_oid(id) & (b->nslot - 1);; i = (i + 1) & (b->nslot - 1)) {
		if (!b->slot[i])
			return NULL;
		pobj *o = &b->obj[b->slot[i] - 1];
		if (git_oid_equal(&o->id, id))
			return o;
	}
}

/* An object of the pack installed last, or NULL. */
static pobj *lookup_old(pack_backend *b, const git_oid *id)
{
	size_t lo = 0, hi = b->nold;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = git_oid_cmp(&b->old[mid].id, id);
		if (c == 0)
			return &b->old[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void drop_old(pack_backend *b)
{
	free(b->old);
	b->old = NULL;
	b->nold = 0;
	if (b->oldfd >= 0)
		close(b->oldfd);
	b->oldfd = -1;
}

static void insert_slot(pack_backend *b, size_t k)
{
	size_t i = hash_oid(&b->obj[k].id) & (b->nslot - 1);
	while (b->slot[i])
		i = (i + 1) & (b->nslot - 1);
	b->slot[i] = (uint32_t)(k + 1);
}

static pobj *add(pack_backend *b, const git_oid *id)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 1024;
		b->obj = go_xrealloc(b->obj, b->cap * sizeof *b->obj);
	}
	if (2 * (b->n + 1) > b->nslot) {
		free(b->slot);
		b->nslot = b->nslot ? 2 * b->nslot : 4096;
		b->slot = go_xcalloc(b->nslot, sizeof *b->slot);
		for (size_t k = 0; k < b->n; k++)
			insert_slot(b, k);
	}
	pobj *o = &b->obj[b->n];
	memset(o, 0, sizeof *o);
	o->id = *id;
	insert_slot(b, b->n++);
	return o;
}

static int fail(const char *what)
{
	git_error_set_str(GIT_ERROR_OS, what);
	return -1;
}

/* fail(), with the system's reason (disk full, ...) after what. */
static int os_fail(const char *what)
{
	char *m = go_xasprintf("%s: %s", what, strerror(errno));
	git_error_set_str(GIT_ERROR_OS, m);
	free(m);
	return -1;
}

static int put(pack_backend *b, const void *p, size_t n, uint32_t *crc)
{
	if (crc)
		*crc = (uint32_t)crc32(*crc, p, (uInt)n);
	if (fwrite(p, 1, n, b->fp) != n)
		return os_fail("cannot write the pack");
	b->off += n;
	return 0;
}

/* The writer's put: its failure as a message (git's error is per thread). */
static char *wput(pack_backend *b, const void *p, size_t n, uint32_t *crc)
{
	for (size_t done = 0; crc && done < n;) { /* crc32 counts in uInt too */
		size_t piece = n - done > UINT_MAX ? UINT_MAX : n - done;
		*crc = (uint32_t)crc32(*crc, (const Bytef *)p + done, (uInt)piece);
		done += piece;
	}
	if (fwrite(p, 1, n, b->fp) != n)
		return go_xasprintf("cannot write the pack: %s", strerror(errno));
	b->off += n;
	return NULL;
}

static void *writer_main(void *arg);

static int start_writer(pack_backend *b)
{
	b->stop = 0;
	b->written = b->n;
	if (pthread_create(&b->writer, NULL, writer_main, b) != 0)
		return fail("cannot start the pack writer");
	b->running = 1;
	return 0;
}

/* Wait for the writer to write all that is queued, and end it. */
static void stop_writer(pack_backend *b)
{
	if (!b->running)
		return;
	pthread_mutex_lock(&b->mu);
	b->stop = 1;
	pthread_cond_signal(&b->more);
	pthread_mutex_unlock(&b->mu);
	pthread_join(b->writer, NULL);
	b->running = 0;
}

/* The writer's failure, if any, as this thread's git error: -1; else 0. */
static int writer_failed(pack_backend *b)
{
	pthread_mutex_lock(&b->mu);
	char *m = b->werr ? go_xstrdup(b->werr) : NULL;
	pthread_mutex_unlock(&b->mu);
	if (!m)
		return 0;
	git_error_set_str(GIT_ERROR_OS, m);
	free(m);
	return -1;
}

static int start_pack(pack_backend *b)
{
	static const unsigned char head[12] = {'P', 'A', 'C', 'K', 0, 0, 0, 2};
	free(b->tmp);
	b->tmp = NULL;
	if (b->dry_run) { /* a pack of its own, outside the store, to read back */
		if (!(b->fp = go_temp_file()))
			return os_fail("cannot create a temporary pack");
		b->off = 0;
		return put(b, head, sizeof head, NULL) < 0 ? -1 : start_writer(b);
	}
	b->tmp = go_xasprintf("%s/tmp_pack_XXXXXX", b->dir);
	int fd = mkstemp(b->tmp);
	if (fd < 0 || !(b->fp = fdopen(fd, "w+"))) {
		if (fd >= 0)
			close(fd);
		free(b->tmp);
		b->tmp = NULL;
		return os_fail("cannot create a pack in objects/pack");
	}
	setvbuf(b->fp, NULL, _IOFBF, 1 << 20);
	b->off = 0;
	/* count filled in at the end */
	return put(b, head, sizeof head, NULL) < 0 ? -1 : start_writer(b);
}

/* Deflate and write the object of job j (the writer thread): NULL, or why not. */
static char *write_object(pack_backend *b, const struct job *j, uint64_t *off,
		uint32_t *crc, uint32_t *zlen)
{
	unsigned char head[16];
	size_t h = 0, size = j->len;
	char *err;
	head[h] = (unsigned char)(j->type << 4 | (size & 15));
	for (size >>= 4; size; size >>= 7) {
		head[h++] |= 0x80;
		head[h] = size & 0x7f;
	}
	*off = b->off;
	*crc = (uint32_t)crc32(0, NULL, 0);
	*zlen = 0;
	if ((err = wput(b, head, h + 1, crc)))
		return err;
	if (j->len < b->piece) { /* in one piece: libdeflate */
		size_t bound = libdeflate_zlib_compress_bound(b->dc, j->len);
		if (bound > b->ccap) {
			free(b->cbuf);
			b->cbuf = go_xmalloc(b->ccap = bound);
		}
		size_t n = libdeflate_zlib_compress(b->dc, j->data, j->len, b->cbuf, b->ccap);
		if (n == 0)
			return go_xstrdup("libdeflate failed");
		if (n < UINT32_MAX)
			*zlen = (uint32_t)n;
		return wput(b, b->cbuf, n, crc);
	}
	deflateReset(&b->z);
	/* zlib counts input in uInt (32 bits): an object of 4 GiB or more is fed in
	 * pieces, and finished only with the last one */
	const unsigned char *in = j->data;
	size_t left = j->len;
	int zerr;
	do {
		if (b->z.avail_in == 0 && left) {
			uInt piece = (uInt)(left > b->piece ? b->piece : left);
			b->z.next_in = (Bytef *)in;
			b->z.avail_in = piece;
			in += piece;
			left -= piece;
		}
		b->z.next_out = b->zbuf;
		b->z.avail_out = (uInt)ZBUF;
		zerr = deflate(&b->z, left ? Z_NO_FLUSH : Z_FINISH);
		if (zerr == Z_STREAM_ERROR)
			return go_xstrdup("zlib failed");
		if ((err = wput(b, b->zbuf, ZBUF - b->z.avail_out, crc)))
			return err;
	} while (zerr != Z_STREAM_END);
	return NULL;
}

/* The writer thread: the queue, in order, into the pack; after a failure the
 * rest is only dropped (the pack is never installed: go_pack_flush fails). */
static void *writer_main(void *arg)
{
	pack_backend *b = arg;
	pthread_mutex_lock(&b->mu);
	for (;;) {
		while ((!b->head || b->hold) && !b->stop)
			pthread_cond_wait(&b->more, &b->mu);
		struct job *j = b->head;
		if (!j)
			break;
		b->head = j->next;
		if (!b->head)
			b->tail = NULL;
		b->cur = j;
		int failed = b->werr != NULL;
		pthread_mutex_unlock(&b->mu);
		uint64_t off = 0;
		uint32_t crc = 0, zlen = 0;
		char *err = failed ? NULL : write_object(b, j, &off, &crc, &zlen);
		pthread_mutex_lock(&b->mu);
		if (err && !b->werr)
			b->werr = err;
		else
			free(err);
		pobj *o = &b->obj[j->k];
		o->off = off;
		o->crc = crc;
		o->zlen = zlen;
		b->written = j->k + 1;
		b->queued -= j->len;
		b->cur = NULL;
		free(j->data);
		free(j);
		pthread_cond_signal(&b->room);
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

static int pb_write(git_odb_backend *be, const git_oid *id, const void *data,
		size_t len, git_object_t type)
{
	pack_backend *b = (pack_backend *)be;
	if (lookup(b, id))
		return 0;
	if (writer_failed(b) < 0 || (!b->fp && start_pack(b) < 0))
		return -1;
	struct job *j = go_xcalloc(1, sizeof *j);
	j->type = type;
	j->len = len;
	j->data = go_xmalloc(len ? len : 1);
	memcpy(j->data, data, len);
	pthread_mutex_lock(&b->mu);
	/* one object bigger than the queue waits for it to be empty */
	while (!b->hold && b->queued && b->queued + len > WRITER_QUEUE)
		pthread_cond_wait(&b->room, &b->mu);
	pobj *o = add(b, id); /* the table may move: under mu, where the writer sets offsets */
	o->type = (uint64_t)type;
	o->len = len;
	j->k = b->n - 1;
	if (b->tail)
		b->tail->next = j;
	else
		b->head = j;
	b->tail = j;
	b->queued += len;
	pthread_cond_signal(&b->more);
	pthread_mutex_unlock(&b->mu);
	return 0;
}

/* The bytes of the packed entry's header: type and size, 7 bits a byte. */
static size_t header_len(size_t len)
{
	size_t h = 1;
	for (len >>= 4; len; len >>= 7)
		h++;
	return h;
}

/* Inflate object o (len bytes, at off, zlen deflated; out holds one more)
 * from the pack being written. */
static int read_back(pack_backend *b, int fd, uint64_t off, size_t len, uint32_t zlen,
		void *out)
{
	unsigned char in[1 << 16];
	z_stream z;
	off_t at = (off_t)(off + header_len(len));
	int zerr = Z_OK;

	if (zlen) { /* written in one piece: read back in one */
		unsigned char *buf = zlen <= sizeof in ? in : go_xmalloc(zlen);
		size_t got = 0;
		while (got < zlen) {
			ssize_t r = pread(fd, buf + got, zlen - got, at + (off_t)got);
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		int ok = got == zlen && libdeflate_zlib_decompress(b->dd, buf, zlen, out, len,
								NULL) == LIBDEFLATE_SUCCESS;
		if (buf != in)
			free(buf);
		return ok ? 0 : fail("cannot read the pack back");
	}
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return fail("cannot read the pack back");
	unsigned char *dst = out;
	size_t room = len + 1;
	z.next_out = dst;
	z.avail_out = 0;
	while (zerr == Z_OK) {
		if (z.avail_out == 0 && room) { /* output in uInt pieces too */
			uInt piece = (uInt)(room > b->piece ? b->piece : room);
			z.next_out = dst;
			z.avail_out = piece;
			dst += piece;
			room -= piece;
		}
		ssize_t got = pread(fd, in, sizeof in, at);
		if (got <= 0)
			break;
		z.next_in = in;
		z.avail_in = (uInt)got;
		zerr = inflate(&z, Z_NO_FLUSH);
		at += got - (ssize_t)z.avail_in; /* what a full output piece left is read again */
	}
	size_t total = z.total_out;
	inflateEnd(&z);
	return zerr == Z_STREAM_END && total == len ? 0 : fail("cannot read the pack back");
}

/* Object k, still queued or being written: its copy into out (len bytes). 1,
 * or 0 when it is already in the file (then *off and *zlen say where). */
static int queued_copy(pack_backend *b, size_t k, void *out, uint64_t *off, uint32_t *zlen)
{
	int found = 0;
	pthread_mutex_lock(&b->mu);
	if (b->running && k >= b->written) {
		for (struct job *j = b->cur ? b->cur : b->head; j; j = j == b->cur ? b->head : j->next)
			if (j->k == k) {
				memcpy(out, j->data, j->len);
				found = 1;
				break;
			}
	}
	*off = b->obj[k].off;
	*zlen = b->obj[k].zlen;
	pthread_mutex_unlock(&b->mu);
	return found;
}

static int pb_read(void **out, size_t *len, git_object_t *type, git_odb_backend *be,
		const git_oid *id)
{
	pack_backend *b = (pack_backend *)be;
	pobj *o = lookup(b, id);
	const void *data;
	git_odb_object *obj = NULL;

	if (o) { /* a new object: queued, or read back from the pack being written */
		*out = git_odb_backend_data_alloc(be, o->len + 1);
		if (!*out)
			return -1;
		uint64_t off;
		uint32_t zlen;
		/* else the writer's stdio buffer out to the file (stdio locks the stream) */
		if (!queued_copy(b, (size_t)(o - b->obj), *out, &off, &zlen) &&
		    (!b->fp || fflush(b->fp) != 0 ||
		     read_back(b, fileno(b->fp), off, o->len, zlen, *out) < 0)) {
			git_odb_backend_data_free(be, *out);
			*out = NULL;
			return -1;
		}
		*len = o->len;
		*type = (git_object_t)o->type;
		return 0;
	}
	if ((o = lookup_old(b, id))) {
		*out = git_odb_backend_data_alloc(be, o->len + 1);
		if (!*out)
			return -1;
		if (read_back(b, b->oldfd, o->off, o->len, o->zlen, *out) < 0) {
			git_odb_backend_data_free(be, *out);
			*out = NULL;
			return -1;
		}
		*len = o->len;
		*type = (git_object_t)o->type;
		return 0;
	}
	int err = git_odb_read(&obj, b->store, id);
	if (err < 0)
		return err;
	data = git_odb_object_data(obj);
	*len = git_odb_object_size(obj);
	*type = git_odb_object_type(obj);
	*out = git_odb_backend_data_alloc(be, *len ? *len : 1);
	if (*out)
		memcpy(*out, data, *len);
	git_odb_object_free(obj);
	return *out ? 0 : -1;
}

static int pb_read_header(size_t *len, git_object_t *type, git_odb_backend *be,
		const git_oid *id)
{
	pack_backend *b = (pack_backend *)be;
	pobj *o = lookup(b, id);
	if (o || (o = lookup_old(b, id))) {
		*len = o->len;
		*type = (git_object_t)o->type;
		return 0;
	}
	return git_odb_read_header(len, type, b->store, id);
}

static int pb_exists(git_odb_backend *be, const git_oid *id)
{
	pack_backend *b = (pack_backend *)be;
	return lookup(b, id) || lookup_old(b, id) || git_odb_exists(b->store, id);
}

/* Asked before each write: an object the store already has is not rewritten.
 * No refresh of the store's packs here: that would cost a directory scan per
 * new object, and a copy too many is harmless. Into a new store, not even a
 * look: the loose-object check is a system call per object. */
static int pb_freshen(git_odb_backend *be, const git_oid *id)
{
	pack_backend *b = (pack_backend *)be;
	if (lookup(b, id) || lookup_old(b, id) ||
	    (!b->empty && git_odb_exists_ext(b->store, id, GIT_ODB_LOOKUP_NO_REFRESH)))
		return 0;
	return 1;
}

int go_pack_write(git_odb_backend *be, git_oid *oid, const void *data, size_t len, int type)
{
	char head[64];
	int n = snprintf(head, sizeof head, "%s %zu", git_object_type2string((git_object_t)type), len);
	go_hash h;
	go_hash_init(&h, GO_SHA1);
	go_hash_update(&h, head, (size_t)n + 1); /* and its NUL */
	go_hash_update(&h, data, len);
	go_hash_final(&h, oid->id);
	return pb_freshen(be, oid) ? pb_write(be, oid, data, len, (git_object_t)type) : 0;
}

static void drop_objects(pack_backend *b)
{
	b->n = 0;
	if (b->slot)
		memset(b->slot, 0, b->nslot * sizeof *b->slot);
}

static void discard_pack(pack_backend *b)
{
	stop_writer(b);
	free(b->werr);
	b->werr = NULL;
	if (b->fp) {
		fclose(b->fp);
		b->fp = NULL;
	}
	if (b->tmp) {
		unlink(b->tmp);
		free(b->tmp);
		b->tmp = NULL;
	}
}

static void pb_free(git_odb_backend *be)
{
	pack_backend *b = (pack_backend *)be;
	discard_pack(b);
	drop_objects(b);
	drop_old(b);
	free(b->obj);
	free(b->slot);
	free(b->dir);
	free(b->zbuf);
	free(b->cbuf);
	deflateEnd(&b->z);
	libdeflate_free_compressor(b->dc);
	libdeflate_free_decompressor(b->dd);
	pthread_mutex_destroy(&b->mu);
	pthread_cond_destroy(&b->more);
	pthread_cond_destroy(&b->room);
	git_odb_free(b->store);
	free(b);
}

/* A store with no ref at all holds no object worth sharing. */
static int no_refs(git_repository *repo)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	if (git_reference_iterator_new(&it, repo) < 0)
		return 0;
	int none = git_reference_next(&ref, it) == GIT_ITEROVER;
	git_reference_free(ref);
	git_reference_iterator_free(it);
	return none;
}

int go_pack_backend(git_odb_backend **out, git_repository *repo, int dry_run)
{
	pack_backend *b = go_xcalloc(1, sizeof *b);
	b->oldfd = -1;
	git_odb_init_backend(&b->parent, GIT_ODB_BACKEND_VERSION);
	b->parent.read = pb_read;
	b->parent.read_header = pb_read_header;
	b->parent.write = pb_write;
	b->parent.exists = pb_exists;
	b->parent.freshen = pb_freshen;
	b->parent.free = pb_free;
	b->repo = repo;
	b->dry_run = dry_run;
	b->empty = no_refs(repo);
	if (git_repository_odb(&b->store, repo) < 0) {
		free(b);
		return -1;
	}
	b->dir = go_xasprintf("%sobjects/pack", git_repository_commondir(repo));
	b->zbuf = go_xmalloc(ZBUF);
	b->piece = zlib_piece();
	/* tests: every object stays queued until the pack is flushed, so that each
	 * read of a new object is served from its queued copy */
	const char *hold = getenv("GO_TEST_PACK_HOLD");
	b->hold = hold && *hold && strcmp(hold, "0");
	b->dc = libdeflate_alloc_compressor(1);
	b->dd = libdeflate_alloc_decompressor();
	if (deflateInit(&b->z, Z_BEST_SPEED) != Z_OK || !b->dc || !b->dd) {
		go_warnx("zlib: cannot initialise");
		libdeflate_free_compressor(b->dc);
		libdeflate_free_decompressor(b->dd);
		git_odb_free(b->store);
		free(b->zbuf);
		free(b->dir);
		free(b);
		return -1;
	}
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->more, NULL);
	pthread_cond_init(&b->room, NULL);
	*out = &b->parent;
	return 0;
}

static int cmp_oid(const void *x, const void *y)
{
	return git_oid_cmp(&((const pobj *)x)->id, &((const pobj *)y)->id);
}

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24); p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8); p[3] = (unsigned char)v;
}

/* Write buf to a new file tmp (0444), synced. */
static int write_synced(FILE *fp, const char *what)
{
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0 || fchmod(fileno(fp), 0444) != 0) {
		go_warn("%s", what);
		os_fail(what);
		return -1;
	}
	return 0;
}

/* The v2 index of the objects of the pack whose trailer is sum. */
static int write_index(pack_backend *b, const unsigned char sum[20], const char *path)
{
	char *tmp = go_xasprintf("%s/tmp_idx_XXXXXX", b->dir);
	int fd = mkstemp(tmp);
	FILE *fp = fd < 0 ? NULL : fdopen(fd, "w");
	go_hash c;
	unsigned char w[8];
	int err = -1;

	if (!fp) {
		go_warn("%s", tmp);
		os_fail(tmp);
		if (fd >= 0)
			close(fd);
		free(tmp);
		return -1;
	}
	setvbuf(fp, NULL, _IOFBF, 1 << 20);
	go_hash_init(&c, GO_SHA1);
#define OUT(p, n) do { go_hash_update(&c, (p), (n)); fwrite((p), 1, (n), fp); } while (0)
	static const unsigned char head[8] = {0xff, 't', 'O', 'c', 0, 0, 0, 2};
	OUT(head, 8);
	qsort(b->obj, b->n, sizeof *b->obj, cmp_oid);
	size_t k = 0;
	for (int i = 0; i < 256; i++) {
		while (k < b->n && b->obj[k].id.id[0] <= i)
			k++;
		be32(w, (uint32_t)k);
		OUT(w, 4);
	}
	for (k = 0; k < b->n; k++)
		OUT(b->obj[k].id.id, 20);
	for (k = 0; k < b->n; k++) {
		be32(w, b->obj[k].crc);
		OUT(w, 4);
	}
	uint32_t large = 0;
	for (k = 0; k < b->n; k++) {
		uint64_t off = b->obj[k].off;
		be32(w, off < 0x80000000u ? (uint32_t)off : 0x80000000u | large++);
		OUT(w, 4);
	}
	for (k = 0; k < b->n; k++) {
		uint64_t off = b->obj[k].off;
		if (off < 0x80000000u)
			continue;
		be32(w, (uint32_t)(off >> 32));
		be32(w + 4, (uint32_t)off);
		OUT(w, 8);
	}
	OUT(sum, 20);
#undef OUT
	unsigned char isum[20];
	go_hash_final(&c, isum);
	fwrite(isum, 1, 20, fp);
	if (!ferror(fp) && write_synced(fp, tmp) == 0) {
		if (rename(tmp, path) == 0)
			err = 0;
		else {
			go_warn("%s", path);
			os_fail(path);
		}
	} else if (ferror(fp)) {
		go_warn("%s", tmp);
		os_fail(tmp);
	}
	fclose(fp);
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}

void go_pack_discard(git_odb_backend *be)
{
	pack_backend *b = (pack_backend *)be;
	discard_pack(b);
	drop_objects(b);
	drop_old(b);
}

int go_pack_flush(git_odb_backend *be)
{
	pack_backend *b = (pack_backend *)be;
	unsigned char sum[20], buf[1 << 16], count[4];
	char hex[41];
	char *pack = NULL, *idx = NULL;
	go_hash c;
	size_t got;
	int err = -1;

	if (b->dry_run || !b->fp) {
		discard_pack(b);
		drop_objects(b);
		return 0;
	}
	stop_writer(b); /* every object in the file, before it is counted and summed */
	if (writer_failed(b) < 0) {
		go_warnx("%s: %s", b->tmp, git_error_last()->message);
		goto out;
	}
	/* the object count, now known, then the trailer over the whole file */
	be32(count, (uint32_t)b->n);
	if (fflush(b->fp) != 0 || fseeko(b->fp, 8, SEEK_SET) != 0 ||
	    fwrite(count, 1, 4, b->fp) != 4 || fflush(b->fp) != 0 ||
	    fseeko(b->fp, 0, SEEK_SET) != 0) {
		go_warn("%s", b->tmp);
		os_fail(b->tmp);
		goto out;
	}
	go_hash_init(&c, GO_SHA1);
	while ((got = fread(buf, 1, sizeof buf, b->fp)) > 0)
		go_hash_update(&c, buf, got);
	go_hash_final(&c, sum);
	if (ferror(b->fp) || fseeko(b->fp, 0, SEEK_END) != 0 ||
	    fwrite(sum, 1, 20, b->fp) != 20 || write_synced(b->fp, b->tmp) < 0) {
		go_warn("%s", b->tmp);
		os_fail(b->tmp);
		goto out;
	}
	go_hex(sum, 20, hex);
	pack = go_xasprintf("%s/pack-%s.pack", b->dir, hex);
	idx = go_xasprintf("%s/pack-%s.idx", b->dir, hex);
	if (rename(b->tmp, pack) < 0) {
		go_warn("%s", pack);
		os_fail(pack);
		goto out;
	}
	free(b->tmp);
	b->tmp = NULL;
	go_crash_point("pack");
	if (write_index(b, sum, idx) < 0)
		goto out;
	int dfd = open(b->dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd); /* the renames too must survive a crash */
		close(dfd);
	}
	go_crash_point("index");
	err = git_odb_refresh(b->store) < 0 ? -1 : 0;
	if (err)
		go_warnx("%s: %s", pack, git_error_last() ? git_error_last()->message : "");
	else { /* its table (sorted by write_index) and file, to be read back */
		drop_old(b);
		b->oldfd = dup(fileno(b->fp));
		if (b->oldfd >= 0) {
			b->old = b->obj;
			b->nold = b->n;
			b->obj = NULL;
			b->n = b->cap = 0;
		}
	}
out:
	discard_pack(b);
	drop_objects(b);
	free(pack);
	free(idx);
	return err;
}

void go_crash_point(const char *point)
{
	const char *want = getenv("GO_TEST_PUBLISH_CRASH");
	if (want && !strcmp(want, point))
		raise(SIGKILL);
}
