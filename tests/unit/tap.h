/* tap.h — minimal TAP for the unit tests of lib/: ok(), is_int(), is_str(), done(). */
#ifndef TAP_H
#define TAP_H
#include <stdio.h>
#include <string.h>

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
static int done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}
#endif
