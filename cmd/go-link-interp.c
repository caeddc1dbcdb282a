/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* go-link-interp — join interpretations to their policies (SPEC §4 rule 7, 谁起草、谁解读). */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "go.h"
#include "go-store.h"

static const char usage[] =
	"usage: go-link-interp [--repo DIR [--all]] [--grace-days N] [--investigation-days N]\n"
	"                      [--today YYYY-MM-DD] [--summary] [FILE...]\n"
	"\n"
	"Join interpretations (kind interpretation, interprets: ID) to the policies\n"
	"(kinds rule, normative, policy) they name, within the input and against the\n"
	"documents already on the store's main branch. Each policy gets\n"
	"\"interpretations\": [ids]; problems go on the record that has to change:\n"
	"missing-interpretation, orphan-interpretation, interpretation-office-mismatch,\n"
	"interpretation-not-public, interpretation-late. A response that interprets a\n"
	"policy counts as an interpretation. Responses are joined to those they follow,\n"
	"decided decision drafts to their feedback (responds_to): orphan-follow-up,\n"
	"late-press-conference, missing-press-conference, missing-investigation-result,\n"
	"missing-feedback, orphan-feedback, feedback-office-mismatch, late-feedback.\n"
	"Other records pass unchanged.\n"
	"\n"
	"  --repo DIR          the store to join against (default: $GO_STORE; none: input only):\n"
	"                      the documents the input names, looked up by id, and the\n"
	"                      whole of main only to confirm a finding that rests on a\n"
	"                      document's absence (orphan-*, missing-*)\n"
	"  --all               read every document on main first (audit the whole store)\n"
	"  --grace-days N      working days an interpretation may follow its policy's\n"
	"                      publication, and feedback its decision (default: 0)\n"
	"  --investigation-days N\n"
	"                      working days an investigation result may take (default: 20)\n"
	"  --today YYYY-MM-DD  the publishing day of records without \"published\"\n"
	"                      (default: today)\n"
	"  --summary           one Chinese line on stderr per record with errors (id,\n"
	"                      title, codes), and a count; the default when stderr\n"
	"                      is a terminal\n"
	"  -h, --help          show this help\n"
	"      --version       show the version\n"
	"\n"
	"Exit status: 0 no errors, 1 a record got an error, 2 usage or I/O error.\n";

/*
 * The records wait in a temporary file until every one is indexed: memory holds
 * an index entry per record, never the records. A spool line is "-" and the
 * record, passed on as it is, "+" and a record passed on as it is that the
 * index still keeps (an id others may name), or "N\t" and the record numbered N
 * by the index.
 */
static FILE *spool_open(void)
{
	const char *dir = getenv("TMPDIR");
	char *path = go_xasprintf("%s/go-link-interp.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		go_die("%s", path);
	/* Unlinked at once: nothing is left behind, however the process ends. */
	unlink(path);
	free(path);
	FILE *f = fdopen(fd, "w+");
	if (!f)
		go_die("temporary file");
	/* glibc ignores a size given without a buffer */
	static char buf[1 << 16];
	setvbuf(f, buf, _IOFBF, sizeof buf);
	return f;
}

/* raw: the line as read is what go_write would write (the reader found it
 * compact and nothing changed it), so it is copied, not written anew. */
static void spool_write(FILE *spool, const go_reader *rd, long n, int kept, const json_t *rec,
			int raw)
{
	int ok = n < 0 ? putc(kept ? '+' : '-', spool) != EOF : fprintf(spool, "%ld\t", n) > 0;
	if (ok && raw)
		ok = fwrite(rd->line, 1, rd->line_len, spool) == rd->line_len &&
		     putc('\n', spool) != EOF;
	else if (ok)
		ok = go_write(spool, rd, rec) == 0;
	if (!ok)
		go_die("temporary file");
}

/* --summary: records read, and those the join found errors in */
static int summary;
static unsigned long summary_records, summary_errors;

/* The join the output comes from: x numbered the records as they were read;
 * a join redone over the whole store (y) numbers them anew (map). */
struct join {
	go_interp *x, *y;
	long *map;  /* x's number: y's, for a redone join */
	size_t nmap;
	int *errors;
};

/* Apply rule 7 to the spooled line of record n and write it out. */
static int emit(struct join *j, long n, const char *line, size_t len)
{
	go_json_error err;
	json_t *rec = go_json_parse(line, len, &err);
	if (!rec)
		go_diex("temporary file: record %ld: %s", n, err.text);
	go_interp *x = j->x;
	int *errors = j->errors;
	if (j->y) {
		x = j->y;
		n = (size_t)n < j->nmap ? j->map[n] : -1;
	}
	/* Running the filter twice gives what running it once does. */
	go_problems_clear(rec, "go-link-interp");
	*errors += go_interp_apply(x, n, rec);
	if (summary)
		summary_errors += (unsigned long)go_summary_errors(rec);
	int rc = go_write(stdout, NULL, rec);
	json_decref(rec);
	return rc;
}

/* A spooled line, to index it in the redone join. */
static int reindex(struct join *j, long n, const char *line, size_t len)
{
	go_json_error err;
	json_t *rec = go_json_parse(line, len, &err);
	if (!rec)
		go_diex("temporary file: record %ld: %s", n, err.text);
	long m = go_interp_add(j->y, rec);
	json_decref(rec);
	if (m == GO_INTERP_FULL)
		return -1;
	if (n >= 0 && (size_t)n < j->nmap)
		j->map[n] = m;
	return 0;
}

/*
 * Read the spool in input order. Emitting (fn emit), a "-" or "+" line is
 * copied to stdout as it is and only indexed records are parsed; reindexing
 * (fn reindex), "-" lines are skipped and the others go to fn ("+": n = -1).
 */
static int spool_walk(FILE *spool, struct join *j,
		      int (*fn)(struct join *, long, const char *, size_t))
{
	int copy = fn == emit;
	enum { START, COPY, NUMBER, RECORD } state = START;
	static char chunk[1 << 16];
	char *line = NULL;
	size_t len = 0, cap = 0, got;
	long n = 0;
	int rc = 0;

	if (fflush(spool) != 0 || fseek(spool, 0, SEEK_SET) != 0)
		go_die("temporary file");
	clearerr(spool);
	while (rc == 0 && (got = fread(chunk, 1, sizeof chunk, spool)) > 0) {
		for (size_t pos = 0; rc == 0 && pos < got;) {
			char *nl;
			size_t end;
			switch (state) {
			case START:
				if (chunk[pos] == '-' || (chunk[pos] == '+' && copy)) {
					state = COPY;
					pos++;
				} else if (chunk[pos] == '+') {
					state = RECORD;
					n = -1;
					len = 0;
					pos++;
				} else {
					state = NUMBER;
					n = 0;
				}
				break;
			case COPY:
				nl = memchr(chunk + pos, '\n', got - pos);
				end = nl ? (size_t)(nl - chunk) + 1 : got;
				if (copy && fwrite(chunk + pos, 1, end - pos, stdout) != end - pos)
					rc = -1;
				pos = end;
				if (nl)
					state = START;
				break;
			case NUMBER:
				if (chunk[pos] == '\t') {
					state = RECORD;
					len = 0;
				} else {
					n = n * 10 + (chunk[pos] - '0');
				}
				pos++;
				break;
			case RECORD:
				nl = memchr(chunk + pos, '\n', got - pos);
				end = nl ? (size_t)(nl - chunk) : got;
				if (len + (end - pos) > cap) {
					cap = (len + (end - pos)) * 2;
					line = go_xrealloc(line, cap);
				}
				memcpy(line + len, chunk + pos, end - pos);
				len += end - pos;
				pos = nl ? end + 1 : end;
				if (nl) {
					rc = fn(j, n, line, len);
					state = START;
				}
				break;
			}
		}
	}
	if (ferror(spool))
		go_die("temporary file");
	free(line);
	return rc;
}

/* A record the join concerns (rule 7, responses, drafts, feedback), in any of
 * the kind's synonyms. */
static int concerned(const json_t *rec)
{
	const char *kind = go_str(rec, "kind");
	const char *code = kind ? go_norm_kind(kind) : NULL;
	static const char *const kinds[] = {"interpretation", "response", "decision-draft", "feedback"};
	if (go_is_policy_kind(code))
		return 1;
	for (size_t i = 0; code && i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(code, kinds[i]) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, 'r'},
		{"all", no_argument, NULL, 'a'},
		{"grace-days", required_argument, NULL, 'g'},
		{"investigation-days", required_argument, NULL, 'i'},
		{"today", required_argument, NULL, 't'},
		{"summary", no_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *today = NULL, *repo = getenv("GO_STORE");
	long grace = 0, investigation = 20;
	int c, all = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': repo = optarg; break;
		case 'a': all = 1; break;
		case 'g': grace = go_number_arg(usage, "--grace-days", optarg, 3650); break;
		case 'i': investigation = go_number_arg(usage, "--investigation-days", optarg, 3650); break;
		case 't': today = optarg; break;
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
	if (all && !(repo && *repo))
		go_usage_error(usage, "--all: no store to audit (--repo DIR or $GO_STORE)");
	summary = go_summary_wanted(summary);

	go_interp_opts opts = {.tool = "go-link-interp", .today = go_today_arg(today),
			       .grace_days = (int)grace, .investigation_days = (int)investigation};
	go_interp *x = go_interp_new(&opts);
	go_store *store = NULL;
	FILE *spool = NULL;
	int status = GO_OK, errors = 0, progress = isatty(STDERR_FILENO);
	unsigned long count = 0;
	go_reader rd;
	json_t *rec;
	go_reader_init(&rd, argc, argv, 0);

	struct join j = {.x = x, .errors = &errors};
	if (repo && *repo) {
		if (go_store_open(&store, repo, 0) != 0 ||
		    (all && go_interp_add_store(x, store) != 0)) {
			status = GO_FATAL;
			goto out;
		}
		/* --all: the index holds what rule 7 needs, the repository can go. */
		if (all) {
			go_store_free(store);
			store = NULL;
		}
	}
	spool = spool_open();
	while ((rec = go_reader_next(&rd))) {
		/* Only the records rule 7 concerns are normalised: the others
		 * pass on exactly as they came. */
		int raw = rd.compact;
		if (!go_is_invalid(rec) && concerned(rec) && go_normalise(rec))
			raw = 0;
		summary_records += !go_is_invalid(rec);
		size_t before = go_interp_size(x);
		long n = go_interp_add(x, rec);
		if (n == GO_INTERP_FULL) {
			json_decref(rec);
			go_warnx("too many records to index (over 4 G records or 4 GB of ids): split the input");
			status = GO_FATAL;
			goto out;
		}
		spool_write(spool, &rd, n, go_interp_size(x) > before, rec, raw);
		json_decref(rec);
		if (progress && ++count % 10000 == 0)
			fprintf(stderr, "\r%s: %lu records read", go_prog(), count);
	}
	if (progress && count >= 10000)
		fprintf(stderr, "\r%s: %lu records read\n", go_prog(), count);
	if (store) {
		/* By id: what the input names; the whole store only to confirm a
		 * finding that rests on a document's absence, by the same join as
		 * --all (the store first, then the input, renumbered). */
		if (go_interp_add_named(x, store) != 0) {
			status = GO_FATAL;
			goto out;
		}
		if (go_interp_needs_all(x)) {
			j.y = go_interp_new(&opts);
			j.nmap = go_interp_size(x);
			j.map = go_xcalloc(j.nmap + 1, sizeof *j.map);
			if (go_interp_add_store(j.y, store) != 0) {
				status = GO_FATAL;
				goto out;
			}
			if (spool_walk(spool, &j, reindex) != 0) {
				go_warnx("too many records to index (over 4 G records or 4 GB of ids): split the input");
				status = GO_FATAL;
				goto out;
			}
		}
	}
	if (spool_walk(spool, &j, emit) != 0) {
		go_warn("standard output");
		status = GO_FATAL;
		goto out;
	}
	if (summary)
		go_summary_filter_end(summary_records, summary_errors);
	if ((errors || rd.invalid) && status == GO_OK)
		status = GO_FINDINGS;
	if (rd.io_error)
		status = GO_FATAL;
out:
	if (spool)
		fclose(spool);
	go_store_free(store);
	go_reader_free(&rd);
	go_interp_free(x);
	go_interp_free(j.y);
	free(j.map);
	return go_finish(status);
}
