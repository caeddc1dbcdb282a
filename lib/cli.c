/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* cli.c — the parts of main() every tool shares. */
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>
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
	fprintf(stderr, "%s: ", go_prog());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	/* The first line of the usage text is the synopsis. */
	const char *nl = strchr(usage, '\n');
	fprintf(stderr, "%.*s\nTry '%s --help' for more information.\n",
		nl ? (int)(nl - usage) : (int)strlen(usage), usage, go_prog());
	exit(GO_FATAL);
}

void go_version(void)
{
	printf("%s (go-tools) %s\n", go_prog(), GO_VERSION);
	exit(go_finish(GO_OK));
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
	if (arg) {
		if (go_parse_date(arg, &day) != 0)
			go_diex("--today: '%s' is not a date (YYYY-MM-DD)", arg);
		return day;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char buf[32];
	strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
	if (go_parse_date(buf, &day) != 0)
		go_diex("the system date %s is out of range", buf);
	return day;
}

long go_number_arg(const char *usage, const char *opt, const char *arg, long max)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 0 || v > max)
		go_usage_error(usage, "%s: '%s' is not a whole number from 0 to %ld",
			       opt, arg, max);
	return v;
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
