/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* worker.c: the second thread runs every message, in order, whole, as the
 * caller's thread does; its first error stops the rest and is returned. */
#include "tap.h"
#include "go.h"

#ifndef WORKER_MSGS
#define WORKER_MSGS 3000 /* fewer to run it under valgrind --tool=helgrind */
#endif

struct log {
	go_hash h;       /* SHA-256 of what the function saw */
	size_t calls, bytes;
	int fail_at;     /* return an error once this many bytes came, 0 never */
	int last;        /* the tag of the last call */
};

static int record(void *ctx, int tag, const void *p, size_t n)
{
	struct log *l = ctx;
	unsigned char t = (unsigned char)tag;
	l->calls++;
	l->bytes += n;
	/* The bytes in order, and each change of tag (a new message: the test
	 * sends no two in a row with one tag), so a message split into pieces
	 * hashes as whole. */
	if (tag != l->last || !n) {
		go_hash_update(&l->h, "|", 1);
		go_hash_update(&l->h, &t, 1);
	}
	l->last = tag;
	go_hash_update(&l->h, p, n);
	return l->fail_at && l->bytes >= (size_t)l->fail_at ? 7 : 0;
}

/* Send the same pseudo-random messages (0 bytes to 1 MB) through a worker. */
static void run(int threaded, int fail_at, unsigned char digest[32], size_t *bytes, int *err)
{
	struct log l = {.fail_at = fail_at, .last = -1};
	go_hash_init(&l.h, GO_SHA256);
	go_worker *w = go_worker_new(record, &l, threaded);
	static unsigned char buf[1 << 20];
	unsigned seed = 12;
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 131 + (i >> 9));
	for (int i = 0; i < WORKER_MSGS; i++) {
		seed = seed * 1103515245 + 12345;
		size_t n = (seed >> 8) % 5 == 0 ? (seed >> 4) % sizeof buf : (seed >> 4) % 700;
		go_worker_send(w, i % 3, buf + (seed % 1000), n > sizeof buf - 1000 ? sizeof buf - 1000 : n);
	}
	*err = go_worker_wait(w);
	go_worker_free(w);
	go_hash_final(&l.h, digest);
	*bytes = l.bytes;
}

int main(void)
{
	unsigned char inline_d[32], thread_d[32];
	size_t inline_b, thread_b;
	int e1, e2;
	run(0, 0, inline_d, &inline_b, &e1);
	for (int k = 0; k < 5; k++) {
		run(1, 0, thread_d, &thread_b, &e2);
		ok(memcmp(inline_d, thread_d, 32) == 0 && inline_b == thread_b,
		   "threaded: every byte, in order, as in the caller's thread");
		is_int(e2, 0, "threaded: no error");
	}
	is_int(e1, 0, "inline: no error");
	ok(inline_b > (5u << 20), "the messages filled many slots");

	size_t all = inline_b;
	run(0, 1 << 20, inline_d, &inline_b, &e1);
	run(1, 1 << 20, thread_d, &thread_b, &e2);
	is_int(e1, 7, "inline: the function's error is returned");
	is_int(e2, 7, "threaded: the function's error is returned");
	ok(inline_b < (2u << 20) && thread_b < (2u << 20) && all > (5u << 20),
	   "after an error, no further message runs (either way)");

	struct log l = {0};
	go_hash_init(&l.h, GO_SHA256);
	go_worker *w = go_worker_new(record, &l, 1);
	is_int(go_worker_wait(w), 0, "waiting with nothing sent");
	go_worker_free(w);
	go_worker_free(NULL);
	ok(1, "go_worker_free(NULL)");
	return done();
}
