/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Throughput of go_hash (lib/sha.c): MB/s of each algorithm over 256 MiB in
 * 64 KiB pieces, the piece size the archive reader hands out. */
#include <stdio.h>
#include <time.h>

#include "go.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void)
{
	static unsigned char buf[65536];
	size_t total = (size_t)256 << 20;
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 7 + (i >> 8));
	for (int alg = 0; alg < GO_HASH_N; alg++) {
		go_hash h;
		unsigned char d[GO_HASH_MAX];
		double t = now();
		go_hash_init(&h, alg);
		for (size_t i = 0; i < total; i += sizeof buf)
			go_hash_update(&h, buf, sizeof buf);
		go_hash_final(&h, d);
		printf("%s %.0f\n", go_hash_name(alg), (double)total / 1e6 / (now() - t));
	}
	return 0;
}
