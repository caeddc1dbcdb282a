/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* go-classify — suggest attribute, category, legal basis and reason from rules (SPEC §5). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "go-classify.h"

static const char usage[] =
	"usage: go-classify [-r RULES]... [--no-default-rules] [--overwrite] [--explain] [--stats]\n"
	"                   [--print-default-rules] [FILE...]\n"
	"\n"
	"Fill the attribute, category, basis and reason that each JSON Lines record\n"
	"lacks from rules, and record which rule set each in \"classified_by\"\n"
	"(FILE:LINE, or default:N for the embedded rules). A rule that disagrees with\n"
	"an attribute already set adds a rule-disagrees warning and changes nothing; a\n"
	"proactive record with personal information gets a pii-in-proactive error.\n"
	"Keywords match simplified and traditional script, full-width forms and text\n"
	"with pinyin annotations.\n"
	"\n"
	"  -r, --rules FILE        rules file, before the default rules (repeatable)\n"
	"      --no-default-rules  use only the -r files\n"
	"      --overwrite         replace fields that are already set\n"
	"      --explain           say on stderr, for each record, which rule set\n"
	"                          which field, on which words\n"
	"      --stats             at the end, say on stderr how many fields each rule set\n"
	"      --print-default-rules  print the embedded rules and exit\n"
	"  -h, --help              show this help\n"
	"      --version           show the version\n"
	"\n"
	"Rule:  FIELD=VALUE... if CONDITION...     (see go-classify(1))\n"
	"  attribute=withheld basis=ogi-16-internal reason=\"...\" if kind=meeting title~人事任免,干部考察\n"
	"\n"
	"Exit status: 0 no errors, 1 a record has an error, 2 usage, rules or I/O error.\n";

int main(int argc, char **argv)
{
	enum { OPT_NO_DEFAULT = 256, OPT_OVERWRITE, OPT_PRINT, OPT_VERSION, OPT_EXPLAIN, OPT_STATS };
	static const struct option longopts[] = {
		{"rules", required_argument, NULL, 'r'},
		{"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT},
		{"overwrite", no_argument, NULL, OPT_OVERWRITE},
		{"print-default-rules", no_argument, NULL, OPT_PRINT},
		{"explain", no_argument, NULL, OPT_EXPLAIN},
		{"stats", no_argument, NULL, OPT_STATS},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	char **files = go_xcalloc((size_t)argc, sizeof *files);
	int nfiles = 0, defaults = 1, explain = 0, stats = 0, c;
	go_classify_opts opts = {.tool = "go-classify"};
	while ((c = getopt_long(argc, argv, "hr:", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': files[nfiles++] = optarg; break;
		case OPT_NO_DEFAULT: defaults = 0; break;
		case OPT_OVERWRITE: opts.overwrite = 1; break;
		case OPT_EXPLAIN: explain = 1; break;
		case OPT_STATS: stats = 1; break;
		case OPT_PRINT:
			fputs(go_default_rules, stdout);
			free(files);
			return go_finish(GO_OK);
		case 'h': go_help(usage);
		case OPT_VERSION: go_version();
		default: go_usage_error(usage, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	for (int i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") == 0 && argc == 0)
			go_usage_error(usage, "-r -: name the records' FILE when the rules come from stdin");

	int status = GO_OK;
	go_rules *rules = go_rules_new();
	go_reader rd;
	json_t *rec;
	go_reader_init(&rd, argc, argv, 0);
	go_usage_if_tty(argc, usage);
	go_stdout_buffered();

	/* Every rules file is read, and every error in them reported, before
	 * the first record. */
	int bad = 0;
	for (int i = 0; i < nfiles; i++)
		bad |= go_rules_load(rules, files[i]) != 0;
	if (defaults)
		bad |= go_rules_parse(rules, "default", go_default_rules, strlen(go_default_rules)) != 0;
	if (bad || go_rules_build(rules) != 0) {
		status = GO_FATAL;
		goto out;
	}
	while ((rec = go_reader_next(&rd))) {
		if (go_rules_apply(rules, rec, &opts) > 0)
			status = GO_FINDINGS;
		if (explain && !go_is_invalid(rec)) {
			char *why = go_rules_explain(rules, rec);
			const char *id = go_str(rec, "id");
			char *shown = id ? go_pii_masked(id, strlen(id), 1, NULL) : NULL;
			fprintf(stderr, "%s: %s: %s: %s\n", go_prog(), rd.at, shown ? shown : "(无 id)",
				why ? why : "没有规则适用");
			free(shown);
			free(why);
		}
		int rc = go_write(stdout, &rd, rec);
		json_decref(rec);
		if (rc != 0) {
			go_warn("standard output");
			status = GO_FATAL;
			break;
		}
	}
	/* An unreadable line became an invalid-json error of ours. */
	if (rd.invalid && status == GO_OK)
		status = GO_FINDINGS;
	if (rd.io_error)
		status = GO_FATAL;
	if (stats)
		go_rules_stats(rules, stderr);
out:
	go_reader_free(&rd);
	go_rules_free(rules);
	free(files);
	return go_finish(status);
}
