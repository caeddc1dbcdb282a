/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* tap.h — minimal TAP for the unit tests of lib/: ok(), is_int(), is_str(), done(). */
#ifndef TAP_H
#define TAP_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int tap_n, tap_failed;

static int tap_ok(int pass, const char *name, const char *file, int line)
{
	printf("%sok %d - %s\n", pass ? "" : "not ", ++tap_n, name);
	if (!pass) {
		printf("#   failed at %s:%d\n", file, line);
		tap_failed++;
	}
	return pass;
}
#define ok(cond, name) tap_ok(!!(cond), name, __FILE__, __LINE__)
#define is_int(got, want, name) do { long long g_ = (got), w_ = (want); \
	if (!ok(g_ == w_, name)) printf("#   got %lld, expected %lld\n", g_, w_); } while (0)
#define is_str(got, want, name) do { const char *g_ = (got), *w_ = (want); \
	if (!ok(g_ && w_ ? strcmp(g_, w_) == 0 : g_ == w_, name)) \
		printf("#   got '%s', expected '%s'\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } while (0)
/* Catch what the code under test says on stderr, to assert on it instead of
 * letting it into prove's output: tap_stderr_begin(), the calls, then
 * tap_stderr_end() returns the text (malloc'd, NUL-terminated). */
static int tap_saved_fd = -1;
static FILE *tap_caught;
static __attribute__((unused)) void tap_stderr_begin(void)
{
	fflush(stderr);
	tap_caught = tmpfile();
	tap_saved_fd = dup(2);
	dup2(fileno(tap_caught), 2);
}
static __attribute__((unused)) char *tap_stderr_end(void)
{
	fflush(stderr);
	dup2(tap_saved_fd, 2);
	close(tap_saved_fd);
	long n = ftell(tap_caught);
	char *s = calloc(1, n > 0 ? (size_t)n + 1 : 1);
	rewind(tap_caught);
	if (n > 0 && fread(s, 1, (size_t)n, tap_caught) != (size_t)n)
		s[0] = 0;
	fclose(tap_caught);
	return s;
}
static int done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
#endif
