/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * Fuzz target (libFuzzer): the bag checker's tag-file parsers (bagit.txt,
 * bag-info.txt, fetch.txt, manifests, in any encoding) and, through a
 * temporary file, the archive reader. The input is split at "\n--\n" into
 * files, in this order: bagit.txt, bag-info.txt, fetch.txt, manifest-md5.txt,
 * tagmanifest-sha1.txt, data/a, data/b. The same bytes are then read as an
 * archive. Never a crash, a leak or a read past the end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "go.h"
#include "go-archive.h"

static void drop(void *ctx, const char *severity, const char *code, const char *path,
		 const char *message)
{
	(void)ctx; (void)severity; (void)code; (void)path; (void)message;
}

static int v_begin(void *ctx, const char *path, uint64_t size)
{
	return go_bag_check_begin(ctx, path, size);
}

static void v_data(void *ctx, const void *buf, size_t n)
{
	go_bag_check_data(ctx, buf, n);
}

static void v_end(void *ctx, int complete)
{
	go_bag_check_end(ctx, complete);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"bagit.txt", "bag-info.txt", "fetch.txt",
		"manifest-md5.txt", "tagmanifest-sha1.txt", "data/a", "data/b"};
	go_bag_check *c = go_bag_check_new(drop, NULL);
	const uint8_t *p = data, *end = data + size;
	for (size_t i = 0; i < sizeof names / sizeof *names && p <= end; i++) {
		const uint8_t *q = memmem(p, (size_t)(end - p), "\n--\n", 4);
		size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
		char *copy = malloc(n ? n : 1); /* exact size: ASan sees overreads */
		memcpy(copy, p, n);
		if (go_bag_check_begin(c, names[i], n) == 0) {
			go_bag_check_data(c, copy, n / 2);
			go_bag_check_data(c, copy + n / 2, n - n / 2);
			go_bag_check_end(c, 1);
		}
		free(copy);
		p += n + 4;
	}
	go_bag_check_rescan(c);
	go_bag_check_finish(c);
	go_bag_check_free(c);

	char tmpl[] = "/tmp/fuzz-bagit.XXXXXX";
	int fd = mkstemp(tmpl);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		go_bag_check *a = go_bag_check_new(drop, NULL);
		go_archive_visitor v = {.finding = drop, .begin = v_begin, .data = v_data,
					.end = v_end, .ctx = a};
		if (go_archive_read(tmpl, &v) == 0 && go_bag_check_rescan(a))
			go_archive_read(tmpl, &v);
		go_bag_check_finish(a);
		go_bag_check_free(a);
	}
	close(fd);
	unlink(tmpl);
	return 0;
}
