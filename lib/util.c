/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* util.c — small helpers more than one concern needs. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "go.h"

FILE *go_temp_file(void)
{
	const char *dir = getenv("TMPDIR");
	char *tmpl = go_xasprintf("%s/%s.XXXXXX", dir && *dir ? dir : "/tmp", go_prog());
	int fd = mkstemp(tmpl);
	FILE *f = NULL;
	if (fd >= 0) {
		unlink(tmpl);
		if (!(f = fdopen(fd, "w+"))) {
			int e = errno;
			close(fd);
			errno = e;
		}
	}
	free(tmpl);
	return f;
}

/* Opened without blocking, so that a FIFO is seen, not read (it would hang,
 * as /dev/zero would never end). */
int go_read_file(const char *path, size_t max, char **buf, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
		int r = errno, bad = S_ISREG(st.st_mode) ? 2 : 1;
		close(fd);
		errno = r;
		return bad;
	}
	FILE *fp = fdopen(fd, "rb");
	size_t cap = 1 << 16, n = 0, got;
	if (!fp) {
		close(fd);
		return -1;
	}
	*buf = go_xmalloc(cap + 1);
	while ((got = fread(*buf + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n > max)
			break; /* it grew while read */
		if (n == cap)
			*buf = go_xrealloc(*buf, (cap *= 2) + 1);
	}
	int err = ferror(fp) ? -1 : n > max ? 2 : 0;
	int saved = errno;
	fclose(fp);
	if (err) {
		free(*buf);
		*buf = NULL;
		errno = saved;
		return err;
	}
	(*buf)[n] = '\0';
	*len = n;
	return 0;
}

void go_buf_put(go_buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->n + n + 1)
			cap *= 2;
		b->p = go_xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void go_buf_puts(go_buf *b, const char *s) { go_buf_put(b, s, strlen(s)); }

void go_buf_printf(go_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[512];
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		go_buf_put(b, small, (size_t)n);
		return;
	}
	char *big = go_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	go_buf_put(b, big, (size_t)n);
	free(big);
}

void go_buf_free(go_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

uint64_t go_fnv1a(const char *s, size_t n, int fold)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a 64-bit offset basis */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (fold && c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h = (h ^ c) * 1099511628211u;
	}
	return h;
}

void **go_map_slot(go_map *m, const char *k)
{
	if (2 * (m->n + 1) > m->cap) {
		go_map old = *m;
		m->cap = old.cap ? 2 * old.cap : 64;
		m->k = go_xcalloc(m->cap, sizeof *m->k);
		m->v = go_xcalloc(m->cap, sizeof *m->v);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.k[i])
				*go_map_slot(m, old.k[i]) = old.v[i];
		free(old.k);
		free(old.v);
	}
	size_t i = (size_t)go_fnv1a(k, strlen(k), 0) & (m->cap - 1);
	while (m->k[i] && strcmp(m->k[i], k) != 0)
		i = (i + 1) & (m->cap - 1);
	if (!m->k[i]) {
		m->k[i] = k;
		m->n++;
	}
	return &m->v[i];
}

void **go_map_find(const go_map *m, const char *k)
{
	if (!m->cap || !k)
		return NULL;
	size_t i = (size_t)go_fnv1a(k, strlen(k), 0) & (m->cap - 1);
	while (m->k[i] && strcmp(m->k[i], k) != 0)
		i = (i + 1) & (m->cap - 1);
	return m->k[i] ? &m->v[i] : NULL;
}

void *go_map_get(const go_map *m, const char *k)
{
	void **v = go_map_find(m, k);
	return v ? *v : NULL;
}

void go_map_free(go_map *m)
{
	free(m->k);
	free(m->v);
	memset(m, 0, sizeof *m);
}
