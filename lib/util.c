/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* util.c — small helpers more than one concern needs. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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
