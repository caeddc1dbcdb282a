/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* error.c — one error family for every tool: "prog: context: message". */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"

const char *go_prog(void)
{
	return program_invocation_short_name;
}

static void vwarn(int errnum, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", go_prog());
	vfprintf(stderr, fmt, ap);
	if (errnum)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void go_warn(const char *fmt, ...)
{
	int e = errno;
	va_list ap;
	va_start(ap, fmt);
	vwarn(e, fmt, ap);
	va_end(ap);
}

void go_warnx(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(0, fmt, ap);
	va_end(ap);
}

void go_die(const char *fmt, ...)
{
	int e = errno;
	va_list ap;
	va_start(ap, fmt);
	vwarn(e, fmt, ap);
	va_end(ap);
	exit(GO_FATAL);
}

void go_diex(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(0, fmt, ap);
	va_end(ap);
	exit(GO_FATAL);
}

void *go_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		go_die("out of memory");
	return p;
}

void *go_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		go_die("out of memory");
	return p;
}

void *go_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		go_die("out of memory");
	return p;
}

char *go_xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		go_die("out of memory");
	return p;
}

char *go_xvasprintf(const char *fmt, va_list ap)
{
	char *s;
	if (vasprintf(&s, fmt, ap) < 0)
		go_die("out of memory");
	return s;
}

char *go_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = go_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void go_bug(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s: internal error at %s:%d: %s\n", go_prog(), file, line, what);
	abort();
}
