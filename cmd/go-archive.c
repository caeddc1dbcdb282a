/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * go-archive — BagIt archives of the store: create, verify, and turn back into
 * records. This file: the usage, the libraries' set-up and the dispatch; each
 * mode in a file of its own under cmd/go-archive/ (as bsdtar's tar/).
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "go-archive/modes.h"

const char archive_usage[] =
	"usage: go-archive create (--repo DIR [--rev REV] | FILE...) [OPTIONS] -o OUT|-\n"
	"       go-archive verify [--max-entry-size BYTES] [--max-ratio N] ARCHIVE...\n"
	"       go-archive records [--files DIR] [--max-entry-size BYTES] [--max-ratio N] ARCHIVE\n"
	"\n"
	"create: write a BagIt 1.0 bag (RFC 8493) of the store's documents, or of the\n"
	"JSON Lines records of FILE... (\"-\" for stdin), inside one archive file.\n"
	"  --repo DIR              the store (default: $GO_STORE when no FILE is named)\n"
	"  --rev REV               the revision to archive (default: main)\n"
	"  --year YYYY             only the documents of that year\n"
	"  --attribute LIST        only these attributes (comma-separated codes)\n"
	"  --format FORMAT         tar, tar.gz, tar.zst or zip (default: from OUT's name,\n"
	"                          else tar)\n"
	"  --name NAME             the bag's folder (default: OUT's name without extension)\n"
	"  --source-organization ORG  bag-info.txt Source-Organization (default: git config\n"
	"                          go-archive.sourceOrganization)\n"
	"  -o, --output OUT        the archive; \"-\" for stdout\n"
	"verify: check every bag (declaration, manifests and tag manifests, completeness,\n"
	"  validity, Payload-Oxum, unsafe entries) without unpacking it; one JSON line per\n"
	"  finding on stdout.\n"
	"records: the archived records as JSON Lines, body included, for go-publish.\n"
	"  --files DIR             write attachments into DIR (numbered files) and point\n"
	"                          each attachment's \"path\" at them\n"
	"  --max-entry-size BYTES  larger entries are findings, not read (default: 4 GiB)\n"
	"  --max-ratio N           entries compressed more than N:1 are findings (default: 200)\n"
	"  -h, --help              show this help\n"
	"      --version           show the version\n"
	"\n"
	"Exit status: 0 valid/done, 1 findings (invalid bag, refused records),\n"
	"2 usage, I/O error or unreadable archive, 3 verify: cannot-check (only\n"
	"manifests in algorithms go-archive does not implement).\n";

int archive_threads(void)
{
	const char *t = getenv("GO_ARCHIVE_THREADS");
	return !(t && strcmp(t, "1") == 0) && sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

int main(int argc, char **argv)
{
	int status;
	if (argc < 2)
		go_usage_error(archive_usage, "name a command: create, verify or records");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		go_help(archive_usage);
	if (strcmp(argv[1], "--version") == 0)
		go_version();
	/* Names in bags are UTF-8 whatever the locale (cron runs with LANG unset):
	 * libarchive converts names through the locale's character set. */
	setlocale(LC_CTYPE, "C.UTF-8");
	/* Objects are read once a pass, in order: libgit2's cache would only
	 * hold memory, and small map windows keep the packs out of RSS. */
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)8 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)16 << 20);
	if (strcmp(argv[1], "create") == 0)
		status = archive_create(argc - 1, argv + 1);
	else if (strcmp(argv[1], "verify") == 0)
		status = archive_verify(argc - 1, argv + 1);
	else if (strcmp(argv[1], "records") == 0)
		status = archive_records(argc - 1, argv + 1);
	else
		go_usage_error(archive_usage, "unknown command '%s'", argv[1]);
	git_libgit2_shutdown();
	return go_finish(status);
}
