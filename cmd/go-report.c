/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go-report — the scoreboard of every office (seed §六: 通报, 限期整改) and the
 * statutory annual report (OGI 第五十条, 国办公开办函〔2021〕30号). The numbers
 * are lib/report.c's, the documents lib/report-out.c's.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "go-store.h"

static const char usage[] =
	"usage: go-report scoreboard [--repo DIR] [--from DATE --to DATE | --year YYYY]\n"
	"                            [--format jsonl|md|html] [--rules FILE] [--rectify-days N]\n"
	"                            [--grace-days N] [--today YYYY-MM-DD] [FILE...]\n"
	"       go-report annual --year YYYY [--repo DIR] [--extra FILE]\n"
	"                        [--format html|md|json|csv] [FILE...]\n"
	"\n"
	"scoreboard: per office, for the period (by each record's date): documents by\n"
	"attribute and category, policies interpreted together (rule 7), late\n"
	"publications (rule 8), placeholder reasons, withheld without review, short\n"
	"consultations, meetings without a plan, problems by code, against the previous\n"
	"period of the same length; offices over a threshold are 不达标, with what to fix\n"
	"and a deadline.\n"
	"annual: the annual report of OGI art. 50: table 二 from the records, tables 三\n"
	"and 四 and sections 一, 五, 六 from --extra, with the form's checks.\n"
	"\n"
	"Records: the store's main branch (--repo, default $GO_STORE) and the JSON Lines\n"
	"of FILE... (\"-\" is standard input; with no store and no FILE, standard input).\n"
	"\n"
	"  --repo DIR           the store\n"
	"  --from DATE --to DATE  the period, inclusive (default: the year of --today)\n"
	"  --year YYYY          the period is that calendar year\n"
	"  --format F           scoreboard: jsonl (default), md, html;\n"
	"                       annual: html (default), md, json, csv\n"
	"  --rules FILE         thresholds, \"MEASURE OP NUMBER[%] [what to fix]\" a line\n"
	"                       (default: late-publication > 0, interpretation-rate < 100%)\n"
	"  --rectify-days N     working days after --today to put things right (default 20)\n"
	"  --grace-days N       working days an interpretation may follow its policy (0)\n"
	"  --today YYYY-MM-DD   the day of the report (default: today)\n"
	"  --extra FILE         the office's part of the annual report (JSON or Markdown)\n"
	"  -h, --help           this help;  --version  the version\n"
	"\n"
	"Exit status: 0 clean, 1 an office is 不达标 / a check of the form fails / an\n"
	"input line is not a record, 2 usage, I/O or fatal error.\n";

/* The whole of a small file; NULL after a message. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		go_warn("%s", path);
		return NULL;
	}
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	do {
		if (n + 65536 > cap)
			buf = go_xrealloc(buf, cap = (cap ? cap * 2 : 65536) + 1);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		go_warn("%s", path);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static int date_arg(const char *opt, const char *arg)
{
	int day;
	if (go_parse_date(arg, &day) != 0)
		go_usage_error(usage, "%s: '%s' is not a date (YYYY-MM-DD)", opt, arg);
	return day;
}

static int year_start(long year)
{
	char s[32];
	int day;
	snprintf(s, sizeof s, "%04ld-01-01", year);
	go_parse_date(s, &day);
	return day;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, 'r'},
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"year", required_argument, NULL, 'y'},
		{"format", required_argument, NULL, 'F'},
		{"rules", required_argument, NULL, 'R'},
		{"rectify-days", required_argument, NULL, 'D'},
		{"grace-days", required_argument, NULL, 'g'},
		{"today", required_argument, NULL, 'T'},
		{"extra", required_argument, NULL, 'e'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *repo = getenv("GO_STORE"), *from = NULL, *to = NULL, *format = NULL;
	const char *rules_file = NULL, *today = NULL, *extra_file = NULL;
	long year = 0, rectify = 20, grace = 0;
	int c;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': repo = optarg; break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'y': year = go_number_arg(usage, "--year", optarg, 9999);
			if (year < 1900)
				go_usage_error(usage, "--year: '%s' is not a year (YYYY)", optarg);
			break;
		case 'F': format = optarg; break;
		case 'R': rules_file = optarg; break;
		case 'D': rectify = go_number_arg(usage, "--rectify-days", optarg, 3650); break;
		case 'g': grace = go_number_arg(usage, "--grace-days", optarg, 3650); break;
		case 'T': today = optarg; break;
		case 'e': extra_file = optarg; break;
		case 'h': go_help(usage);
		case 'V': go_version();
		default: go_usage_error(usage, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		go_usage_error(usage, "a command is needed: scoreboard or annual");
	const char *cmd = argv[0];
	int annual = strcmp(cmd, "annual") == 0;
	if (!annual && strcmp(cmd, "scoreboard") != 0)
		go_usage_error(usage, "unknown command '%s': scoreboard or annual", cmd);
	argc--;
	argv++;
	if (!format)
		format = annual ? "html" : "jsonl";
	static const char *const sb_formats[] = {"jsonl", "md", "html", NULL};
	static const char *const an_formats[] = {"html", "md", "json", "csv", NULL};
	const char *const *ok = annual ? an_formats : sb_formats;
	while (*ok && strcmp(*ok, format) != 0)
		ok++;
	if (!*ok)
		go_usage_error(usage, "--format: '%s' is not one of %s", format,
			       annual ? "html md json csv" : "jsonl md html");
	if (annual && (from || to || rules_file))
		go_usage_error(usage, "annual takes --year, not --from, --to or --rules");
	if (!annual && extra_file)
		go_usage_error(usage, "--extra is for annual");
	if (annual && !year)
		go_usage_error(usage, "annual needs --year YYYY");
	if ((from != NULL) != (to != NULL))
		go_usage_error(usage, "--from and --to go together");
	if (from && year)
		go_usage_error(usage, "--year or --from/--to, not both");
	int has_repo = repo && *repo;
	if (!has_repo)
		go_usage_if_tty(argc, usage);

	int day_today = go_today_arg(today);
	go_scoreboard_opts so = {.today = day_today, .grace_days = (int)grace,
				 .rectify_days = (int)rectify, .rules_name = rules_file};
	if (from) {
		so.from = date_arg("--from", from);
		so.to = date_arg("--to", to);
		if (so.to < so.from)
			go_usage_error(usage, "--to %s is before --from %s", to, from);
	} else {
		long y = year ? year : go_date_year(day_today);
		so.from = year_start(y);
		so.to = year_start(y + 1) - 1;
		so.pfrom = year_start(y - 1);
		so.pto = so.from - 1;
	}

	int status = GO_OK;
	go_store *store = NULL;
	char *rules = NULL, *extra_text = NULL, *err = NULL;
	json_t *extra = NULL, *out = NULL, *problems = NULL;
	go_report_src src = {.nfiles = argc, .files = argv, .use_stdin = !has_repo};

	if (rules_file && !(rules = slurp(rules_file, NULL))) {
		status = GO_FATAL;
		goto out;
	}
	size_t extra_len;
	if (extra_file) {
		if (!(extra_text = slurp(extra_file, &extra_len))) {
			status = GO_FATAL;
			goto out;
		}
		if (!(extra = go_annual_extra_parse(extra_text, extra_len, &err))) {
			go_warnx("%s:%s", extra_file, err);
			status = GO_FATAL;
			goto out;
		}
	}
	if (has_repo && go_store_open(&store, repo, 0) != 0) {
		status = GO_FATAL;
		goto out;
	}
	src.store = store;
	if (annual) {
		out = go_annual(&src, (int)year, extra, &problems, &err);
	} else {
		so.rules = rules;
		out = go_scoreboard(&src, &so, &err);
	}
	if (!out) {
		go_warnx("%s", err ? err : "failed");
		status = GO_FATAL;
		goto out;
	}
	if (src.io_error) {
		status = GO_FATAL;
		goto out;
	}
	if (src.undated)
		go_warnx("%lu 条记录没有有效的成文日期（date），未计入任何期间。", src.undated);
	size_t i;
	json_t *p;
	int errors = 0;
	json_array_foreach(problems, i, p) {
		int e = strcmp(go_str(p, "severity"), "error") == 0;
		go_warnx("%s%s%s", extra_file ? extra_file : "", extra_file ? ": " : "",
			 go_str(p, "message"));
		errors += e;
	}
	if (errors) {
		/* Fail closed: a report whose own checks fail is not written. */
		go_warnx("年度报告未生成：%d 处数据不符合报告格式的校验关系。", errors);
		status = GO_FINDINGS;
		goto out;
	}
	if ((annual ? go_annual_write(stdout, out, format)
		    : go_scoreboard_write(stdout, out, format)) != 0) {
		go_warn("standard output");
		status = GO_FATAL;
		goto out;
	}
	if (!annual) {
		json_array_foreach(json_object_get(out, "offices"), i, p)
			if (strcmp(go_str(p, "status"), "不达标") == 0)
				status = GO_FINDINGS;
	}
	if ((src.invalid || src.undated) && status == GO_OK)
		status = GO_FINDINGS;
out:
	json_decref(out);
	json_decref(problems);
	json_decref(extra);
	free(extra_text);
	free(rules);
	free(err);
	go_store_free(store);
	return go_finish(status);
}
