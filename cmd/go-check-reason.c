/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* go-check-reason — check disclosure attributes, reasons, legal basis and deadlines (SPEC §4 rules 0-6, 8, 9). */
#include <getopt.h>
#include <stdlib.h>

#include "go.h"

static const char usage[] =
	"usage: go-check-reason [--today YYYY-MM-DD] [--mask] [--summary] [FILE...]\n"
	"\n"
	"Check each JSON Lines record against SPEC rules 0-6, 8 and 9: required fields,\n"
	"attribute, written reasons and legal basis (OGI articles 14-16), review of\n"
	"withheld policy documents, five-disclosure category, public consultation of\n"
	"decision drafts, livelihood meetings, the 20-working-day deadline (OGI art. 26)\n"
	"and personal information in proactive records (title, body and text\n"
	"attachments, .docx .xlsx .pptx .odt .ods included); responses to public\n"
	"concern (offices, concern, the 5-, 24- and 48-hour rules) and feedback on\n"
	"decision drafts (opinions received and adopted). Each record is written out\n"
	"with the problems found appended to its \"problems\" array.\n"
	"\n"
	"  --today YYYY-MM-DD  the day to measure deadlines against (default: today)\n"
	"  --mask              replace personal numbers in title and body by their\n"
	"                      masked forms (138****5678), with a masked warning\n"
	"  --summary           one Chinese line on stderr per record with errors (id,\n"
	"                      title, codes), and a count; the default when stderr\n"
	"                      is a terminal\n"
	"  -h, --help          show this help\n"
	"      --version       show the version\n"
	"\n"
	"Exit status: 0 no errors, 1 a record has an error, 2 usage or I/O error.\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"today", required_argument, NULL, 't'},
		{"mask", no_argument, NULL, 'm'},
		{"summary", no_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *today = NULL;
	int c, mask = 0, summary = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 't': today = optarg; break;
		case 'm': mask = 1; break;
		case 'S': summary = 1; break;
		case 'h': go_help(usage);
		case 'V': go_version();
		default: go_usage_error(usage, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	go_usage_if_tty(argc, usage);
	go_stdout_buffered();

	go_check_opts opts = {.tool = "go-check-reason", .today = go_today_arg(today),
			      .mask = mask};
	int status = GO_OK;
	go_reader rd;
	json_t *rec;
	unsigned long records = 0, with_errors = 0;
	summary = go_summary_wanted(summary);
	go_reader_init(&rd, argc, argv, 0);
	while ((rec = go_reader_next(&rd))) {
		/* Invalid lines pass on untouched; the reader counts those it made. */
		if (!go_is_invalid(rec) && go_check_record(rec, &opts) > 0)
			status = GO_FINDINGS;
		if (summary && !go_is_invalid(rec)) {
			records++;
			with_errors += (unsigned long)go_summary_errors(rec);
		}
		if (go_write(stdout, &rd, rec) != 0) {
			json_decref(rec);
			go_warn("standard output");
			status = GO_FATAL;
			goto out;
		}
		json_decref(rec);
	}
	if (summary)
		go_summary_filter_end(records, with_errors);
	if (rd.invalid && status == GO_OK)
		status = GO_FINDINGS;
	if (rd.io_error)
		status = GO_FATAL;
out:
	go_reader_free(&rd);
	return go_finish(status);
}
