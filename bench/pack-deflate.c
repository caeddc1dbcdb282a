/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* zlib against libdeflate on what lib/pack.c deflates: each line of stdin (a
 * bench corpus record, about the size of a record.json or body.md) as one
 * object, as pack.c did it before (zlib, deflateReset per object) and does it
 * now (libdeflate one shot), at the fastest level and at zlib's default. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libdeflate.h>
#include <zlib.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void)
{
	char **obj = NULL, *line = NULL;
	size_t *len = NULL, n = 0, cap = 0, lcap = 0, total = 0;
	ssize_t got;
	while ((got = getline(&line, &lcap, stdin)) > 0) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			obj = realloc(obj, cap * sizeof *obj);
			len = realloc(len, cap * sizeof *len);
		}
		obj[n] = malloc((size_t)got);
		memcpy(obj[n], line, (size_t)got);
		len[n++] = (size_t)got;
		total += (size_t)got;
	}
	static unsigned char out[1 << 20];
	static const int levels[] = {1, 2, 3, 6};
	for (size_t li = 0; li < sizeof levels / sizeof *levels; li++) {
		int level = levels[li];
		z_stream z;
		memset(&z, 0, sizeof z);
		deflateInit(&z, level);
		size_t zout = 0;
		double t = now();
		for (size_t i = 0; i < n; i++) {
			deflateReset(&z);
			z.next_in = (Bytef *)obj[i];
			z.avail_in = (uInt)len[i];
			z.next_out = out;
			z.avail_out = sizeof out;
			deflate(&z, Z_FINISH);
			zout += sizeof out - z.avail_out;
		}
		double zt = now() - t;
		deflateEnd(&z);
		struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
		size_t lout = 0;
		t = now();
		for (size_t i = 0; i < n; i++)
			lout += libdeflate_zlib_compress(c, obj[i], len[i], out, sizeof out);
		double lt = now() - t;
		libdeflate_free_compressor(c);
		printf("level %d  zlib %7.1f MB/s %5.1f%%   libdeflate %7.1f MB/s %5.1f%%   %.2fx\n",
		       level, total / zt / 1e6, 100.0 * zout / total, total / lt / 1e6,
		       100.0 * lout / total, zt / lt);
	}
	return 0;
}
