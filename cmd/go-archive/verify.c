/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* go-archive verify: check bags without unpacking them. */
#include <getopt.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "modes.h"

void archive_print_finding(void *ctx, const char *severity, const char *code, const char *path,
			   const char *message)
{
	struct verify *v = ctx;
	if (strcmp(severity, "error") == 0)
		v->errors++;
	if (v->to_stderr) {
		go_warnx("%s: %s%s%s (%s)", v->archive, path, *path ? ": " : "", message, code);
		return;
	}
	json_t *f = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "archive", v->archive,
			      "path", path, "code", code, "severity", severity,
			      "tool", "go-archive", "message", message);
	if (!f) /* a path that is not UTF-8 */
		f = json_pack("{s:s, s:s, s:s, s:s, s:s}", "archive", v->archive, "code", code,
			      "severity", severity, "tool", "go-archive", "message", message);
	if (!f || go_write(stdout, NULL, f) != 0)
		v->write_failed = 1;
	json_decref(f);
}

/* The archive reader's findings: given once, in the first reading. */
static void reader_finding(void *ctx, const char *severity, const char *code, const char *path,
			   const char *message)
{
	if (!((struct verify *)ctx)->quiet)
		archive_print_finding(ctx, severity, code, path, message);
}

static int v_begin(void *ctx, const char *path, uint64_t size)
{
	return go_bag_check_begin(((struct verify *)ctx)->check, path, size);
}

static void v_data(void *ctx, const void *buf, size_t n)
{
	go_bag_check_data(((struct verify *)ctx)->check, buf, n);
}

static void v_end(void *ctx, int complete)
{
	go_bag_check_end(((struct verify *)ctx)->check, complete);
}

int archive_parse_limits(int ch, const char *arg, go_archive_visitor *vis)
{
	if (ch == 'm')
		vis->max_entry = (uint64_t)go_number_arg(archive_usage, "--max-entry-size", arg, LONG_MAX);
	else
		vis->max_ratio = (unsigned)go_number_arg(archive_usage, "--max-ratio", arg, 1000000);
	return 0;
}

int archive_verify(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"max-entry-size", required_argument, NULL, 'm'},
		{"max-ratio", required_argument, NULL, 'x'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	go_archive_visitor vis = {.finding = reader_finding, .begin = v_begin, .data = v_data,
				  .end = v_end};
	int ch, status = GO_OK;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm': case 'x': archive_parse_limits(ch, optarg, &vis); break;
		case 'h': go_help(archive_usage);
		case 'V': go_version();
		default: go_usage_error(archive_usage, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (!argc)
		go_usage_error(archive_usage, "verify: name at least one ARCHIVE (\"-\" for stdin)");
	for (int i = 0; i < argc; i++) {
		struct verify v = {.archive = argv[i]};
		struct stat st;
		v.check = go_bag_check_new(archive_print_finding, &v);
		/* A pipe is read once: every file gets every digest. A file can be
		 * read again for the few files met before a manifest. */
		int again = strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 &&
			    S_ISREG(st.st_mode);
		if (!again)
			go_bag_check_hash_all(v.check);
		go_bag_check_threads(v.check, archive_threads());
		vis.ctx = &v;
		int r = go_archive_read(argv[i], &vis);
		if (r == 0 && again && go_bag_check_rescan(v.check)) {
			v.quiet = 1;
			r = go_archive_read(argv[i], &vis);
			v.quiet = 0;
		}
		if (r < 0) {
			status = GO_FATAL;
		} else {
			go_bag_check_finish(v.check);
			/* The reader's findings (hostile entries) count as the bag's. */
			int verdict = v.errors ? GO_BAG_INVALID : go_bag_check_verdict(v.check);
			if (verdict == GO_BAG_INVALID && status != GO_FATAL)
				status = GO_FINDINGS;
			else if (verdict == GO_BAG_CANNOT_CHECK && status == GO_OK)
				status = GO_CANNOT_CHECK;
		}
		go_bag_check_free(v.check);
		if (v.write_failed) {
			go_warn("standard output");
			return GO_FATAL;
		}
	}
	return status;
}
