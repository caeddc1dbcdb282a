/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go-site — the public view of a store as a static 政府信息公开 website.
 * site.c does the work; this file reads the options and the config.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <git2.h>

#include "go.h"
#include "go-store.h"
#include "go-site.h"

static const char usage[] =
	"usage: go-site [--repo DIR] [--rev REV] -o DIR [--base-url URL] [--config FILE]\n"
	"               [--pages DIR] [--full] [--no-search] [--quiet]\n"
	"\n"
	"Render the public branch of a go-tools store as a static website.\n"
	"\n"
	"  --repo DIR       the store (default: $GO_STORE)\n"
	"  --rev REV        render REV instead of the public branch (never main)\n"
	"  -o, --output DIR the site: a symbolic link to the release in DIR.d/, switched\n"
	"                   atomically after each run\n"
	"  --base-url URL   the site's absolute address, for sitemaps and feeds\n"
	"  --config FILE    site name and footer fields, as a JSON object (see go-site(1))\n"
	"  --pages DIR      the office's own pages: DIR/guide.md (信息公开指南), DIR/rules.md\n"
	"                   (制度), DIR/reports/*.html (年报, e.g. from go-report annual)\n"
	"  --full           render every page, not only those the changes touch\n"
	"  --no-search      build no search index\n"
	"  --quiet          no summary line on stderr\n"
	"  -h, --help       this help;  --version  the version\n"
	"\n"
	"Exit status: 0 rendered (or up to date), 2 usage, I/O or store error.\n";

/* Never main: the register holds what the public may not see. */
static int names_main(const char *rev)
{
	return strcmp(rev, "main") == 0 || strcmp(rev, "refs/heads/main") == 0 ||
	       strcmp(rev, "heads/main") == 0 || strncmp(rev, "main~", 5) == 0 ||
	       strncmp(rev, "main^", 5) == 0 || strncmp(rev, "main@", 5) == 0;
}

int main(int argc, char **argv)
{
	enum { OPT_REPO = 256, OPT_REV, OPT_BASE, OPT_CONFIG, OPT_FULL, OPT_NO_SEARCH,
	       OPT_QUIET, OPT_PAGES, OPT_VERSION };
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, OPT_REPO},
		{"rev", required_argument, NULL, OPT_REV},
		{"output", required_argument, NULL, 'o'},
		{"base-url", required_argument, NULL, OPT_BASE},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"full", no_argument, NULL, OPT_FULL},
		{"no-search", no_argument, NULL, OPT_NO_SEARCH},
		{"quiet", no_argument, NULL, OPT_QUIET},
		{"pages", required_argument, NULL, OPT_PAGES},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	go_site_opts o = {0};
	const char *repo = NULL, *config = NULL;
	char *base = NULL;
	go_store *s = NULL;
	int ch, status = GO_OK;
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_REPO: repo = optarg; break;
		case OPT_REV: o.rev = optarg; break;
		case 'o': o.out = optarg; break;
		case OPT_BASE: o.base_url = optarg; break;
		case OPT_CONFIG: config = optarg; break;
		case OPT_FULL: o.full = 1; break;
		case OPT_NO_SEARCH: o.no_search = 1; break;
		case OPT_QUIET: o.quiet = 1; break;
		case OPT_PAGES: o.pages = optarg; break;
		case 'h': go_help(usage);
		case OPT_VERSION: go_version();
		default: go_usage_error(usage, "unknown option");
		}
	}
	if (optind < argc)
		go_usage_error(usage, "unexpected argument '%s'", argv[optind]);
	if (!o.out || !*o.out)
		go_usage_error(usage, "no output: give -o DIR");
	if (o.rev && names_main(o.rev))
		go_usage_error(usage, "--rev %s: the register is never rendered; give the public "
				      "branch or one of its commits", o.rev);
	if (!repo && getenv("GO_STORE") && *getenv("GO_STORE"))
		repo = getenv("GO_STORE");
	if (!repo)
		go_usage_error(usage, "no store: give --repo DIR or set GO_STORE");
	if (config) {
		json_error_t jerr;
		o.config = json_load_file(config, JSON_REJECT_DUPLICATES, &jerr);
		if (!json_is_object(o.config)) {
			go_warnx("%s:%d: %s", config, jerr.line,
				 o.config ? "the config is not a JSON object" : jerr.text);
			status = GO_FATAL;
			goto out;
		}
		const char *k;
		json_t *v;
		json_object_foreach(o.config, k, v)
			if (!json_is_string(v) && strcmp(k, "withdrawn_notice") != 0) {
				go_warnx("%s: \"%s\": a string is expected", config, k);
				status = GO_FATAL;
				goto out;
			}
	}
	const char *b = o.base_url ? o.base_url : go_str(o.config, "base_url");
	if (b && *b) {
		if (strncmp(b, "https://", 8) != 0 && strncmp(b, "http://", 7) != 0)
			go_usage_error(usage, "--base-url %s: an absolute http(s) URL is expected", b);
		size_t n = strlen(b);
		o.base_url = base = n && b[n - 1] == '/' ? go_xstrdup(b) : go_xasprintf("%s/", b);
	}
	git_libgit2_init();
	/* Documents are read by path, so each read looks up the year's tree:
	 * libgit2 caches no tree over 4 KB by default, and would parse that tree
	 * (100k entries) again for every document. */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)256 << 20);
	/* go-site only reads, and git fsck (the gate's receive.fsckObjects) checks
	 * the objects: hashing every object read again was a tenth of a run */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (go_store_open(&s, repo, 0) < 0 || go_site_render(s, &o) < 0)
		status = GO_FATAL;
	go_store_free(s);
	git_libgit2_shutdown();
	s = NULL;
out:
	go_store_free(s);
	json_decref(o.config);
	free(base);
	return go_finish(status);
}
