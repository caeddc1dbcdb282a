/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * cli.c — where a tool's main() ends the process for the option parsing every
 * tool shares (--help, --version, a usage error, a bad --today): linked into
 * each tool (not a tool itself: no go- prefix), never into libgo.a, whose
 * functions return instead (lib/cli.c: go_usage_vmessage, go_parse_today,
 * go_parse_number).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "go.h"

void go_help(const char *usage)
{
	fputs(usage, stdout);
	exit(go_finish(GO_OK));
}

void go_usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	go_usage_vmessage(usage, fmt, ap);
	va_end(ap);
	exit(GO_FATAL);
}

void go_version(void)
{
	printf("%s (go-tools) %s\n", go_prog(), GO_VERSION);
	exit(go_finish(GO_OK));
}

void go_stdout_buffered(void)
{
	static char buf[1 << 16];
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, buf, _IOFBF, sizeof buf);
}

void go_usage_if_tty(int nfiles, const char *usage)
{
	if (nfiles == 0 && isatty(STDIN_FILENO)) {
		fputs(usage, stderr);
		exit(GO_FATAL);
	}
}

int go_today_arg(const char *arg)
{
	int day;
	if (go_parse_today(arg, &day) != 0)
		exit(GO_FATAL);
	return day;
}

long go_number_arg(const char *usage, const char *opt, const char *arg, long max)
{
	long v;
	if (go_parse_number(arg, max, &v) != 0)
		go_usage_error(usage, "%s: '%s' is not a whole number from 0 to %ld", opt, arg, max);
	return v;
}
