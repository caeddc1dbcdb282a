/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * cli.c — the parts of main() every tool shares that return: the messages and
 * the parsing. Ending the process is the tool's decision (issue 11): the
 * helpers that exit (go_help, go_usage_error, go_today_arg, ...) are in
 * cmd/cli.c, linked into each tool and never into libgo.a.
 */
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "go.h"

void go_usage_vmessage(const char *usage, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", go_prog());
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	/* The first line of the usage text is the synopsis. */
	const char *nl = strchr(usage, '\n');
	fprintf(stderr, "%.*s\nTry '%s --help' for more information.\n",
		nl ? (int)(nl - usage) : (int)strlen(usage), usage, go_prog());
}

int go_parse_today(const char *arg, int *day)
{
	if (arg) {
		if (go_parse_date(arg, day) != 0) {
			go_warnx("--today: '%s' is not a date (YYYY-MM-DD)", arg);
			return -1;
		}
		return 0;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char buf[32];
	strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
	if (go_parse_date(buf, day) != 0) {
		go_warnx("the system date %s is out of range", buf);
		return -1;
	}
	return 0;
}

int go_parse_number(const char *arg, long max, long *v)
{
	char *end;
	errno = 0;
	*v = strtol(arg, &end, 10);
	return errno || end == arg || *end || *v < 0 || *v > max ? -1 : 0;
}

int go_finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		/* A tool that met the write error has said so already. */
		if (status != GO_FATAL)
			go_warn("standard output");
		return GO_FATAL;
	}
	if (fclose(stdout) != 0) {
		go_warn("standard output");
		return GO_FATAL;
	}
	return status;
}
