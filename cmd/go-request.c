/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* go-request — applications for government information (依申请公开) to their deadlines. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"

#define TOOL "go-request"

static const char usage[] =
	"usage: go-request add|update [--repo DIR] [--init] [--author 'N <E>'] [-m MSG] [FILE...]\n"
	"       go-request due [--repo DIR] [--today YYYY-MM-DD] [--within N]\n"
	"       go-request stats --year YYYY [--repo DIR]\n"
	"       go-request repeats --year YYYY [--min N] [--repo DIR]\n"
	"\n"
	"Track applications for government information (OGI 第二十七条 to 第三十七条) to\n"
	"their statutory deadlines. Applications are records of kind \"request\", kept in\n"
	"the store on the branch \"requests\", never on main or public.\n"
	"\n"
	"  add        check and store new applications; every input line is echoed\n"
	"             with \"request\": {\"status\": stored|unchanged|refused, ...}\n"
	"  update     the same for applications already stored (new events)\n"
	"  due        one JSON line per open application: its deadline (OGI 第三十三条)\n"
	"  stats      table 三 of the annual report for a year, as one JSON object\n"
	"  repeats    the same information asked for by different applicants (第四十四条)\n"
	"\n"
	"  --repo DIR          the store (default: $GO_STORE)\n"
	"  --init              add: create the store when it does not exist\n"
	"  --author 'N <E>'    who records (default: git config, then GIT_AUTHOR_*)\n"
	"  -m, --message MSG   first line of the commit message\n"
	"  --today YYYY-MM-DD  the day to count deadlines to (default: today)\n"
	"  --within N          due: only applications with at most N working days left\n"
	"  --year YYYY         stats, repeats: the year\n"
	"  --min N             repeats: at least N distinct applicants (default 2)\n"
	"  -h, --help          show this help\n"
	"      --version       show the version\n"
	"\n"
	"Exit status: 0 clean; 1 an application refused (add, update), overdue (due),\n"
	"or table 三 does not add up (stats); 2 usage, I/O or store error.\n";

enum { CMD_ADD, CMD_UPDATE, CMD_DUE, CMD_STATS, CMD_REPEATS };

struct item {
	json_t *rec;      /* the input record, echoed */
	char *path;       /* record.json in the store */
	char *old;        /* the folder it leaves (update across years), or NULL */
	char *text;       /* record.json's text */
	int refused, unchanged;
	off_t at, len;    /* an invalid line's echo, in the spool (len > 0) */
};

/* Copy len bytes at off of the spool to stdout: 0 or -1. */
static int copy_spool(FILE *spool, off_t off, off_t len)
{
	char buf[1 << 16];
	if (fseeko(spool, off, SEEK_SET) != 0)
		return -1;
	while (len > 0) {
		size_t n = fread(buf, 1, len < (off_t)sizeof buf ? (size_t)len : sizeof buf, spool);
		if (n == 0 || fwrite(buf, 1, n, stdout) != n)
			return -1;
		len -= (off_t)n;
	}
	return 0;
}

/* Stored applications by id, and by id folded to lower case. */
struct stored {
	json_t *all, *by_id, *by_fold;
};

static char *fold(const char *s)
{
	char *f = go_xstrdup(s);
	for (char *p = f; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return f;
}

static void index_stored(struct stored *st)
{
	size_t i;
	json_t *r;
	st->by_id = json_object();
	st->by_fold = json_object();
	json_array_foreach(st->all, i, r) {
		const char *id = go_str(r, "id");
		if (!id)
			continue;
		char *f = fold(id);
		json_object_set(st->by_id, id, r);
		json_object_set(st->by_fold, f, r);
		free(f);
	}
}

/* record.json of an application: what it is, without transient fields. */
static char *stored_text(const json_t *rec)
{
	/* go_store_record keeps only the metadata of a withheld record: an
	 * application keeps every field it has, whatever its attribute says */
	json_t *copy = json_copy((json_t *)rec), *attr = json_object_get(rec, "attribute");
	json_object_del(copy, "attribute");
	json_t *s = go_store_record(copy);
	json_decref(copy);
	json_object_del(s, "request");
	if (attr)
		json_object_set(s, "attribute", attr);
	char *t = go_store_record_text(s);
	json_decref(s);
	return t;
}

static void refuse(struct item *it, const char *code, const char *field, const char *msg)
{
	go_problem(it->rec, TOOL, GO_ERROR, code, field, "%s", msg);
	it->refused = 1;
}

/* Check one application for add or update; fills it. */
static void take(struct item *it, int cmd, struct stored *st, json_t *batch_ids, int today)
{
	go_request_opts o = {.tool = TOOL, .today = today};
	json_object_del(it->rec, "request");
	if (go_request_check(it->rec, &o) > 0 || go_has_error(it->rec)) {
		it->refused = 1;
		return;
	}
	const char *id = go_str(it->rec, "id");
	char *f = fold(id);
	json_t *prev = json_object_get(st->by_id, id);
	json_t *twin = json_object_get(st->by_fold, f);
	if (json_object_get(batch_ids, f)) {
		refuse(it, "duplicate-request", "id", "同一申请编号在本批中出现两次");
	} else if (twin && !prev) {
		char *m = go_xasprintf("申请编号与已存的 %s 只有大小写不同", go_str(twin, "id"));
		refuse(it, "duplicate-request", "id", m);
		free(m);
	} else if (cmd == CMD_ADD && prev) {
		refuse(it, "duplicate-request", "id", "该申请已登记；补充事件请用 go-request update");
	} else if (cmd == CMD_UPDATE && !prev) {
		refuse(it, "unknown-request", "id", "没有这个申请；新申请请用 go-request add");
	}
	json_object_set_new(batch_ids, f, json_true());
	free(f);
	if (it->refused)
		return;
	char *dir = go_store_doc_dir(id, go_str(it->rec, "received"));
	it->path = go_xasprintf("%s/record.json", dir);
	it->text = stored_text(it->rec);
	if (prev) {
		const char *pdir = go_str(json_object_get(prev, "store"), "path");
		json_t *copy = json_deep_copy(prev);
		json_object_del(copy, "store");
		char *ptext = stored_text(copy);
		json_decref(copy);
		if (pdir && strcmp(pdir, dir) != 0)
			it->old = go_xstrdup(pdir);
		else if (!strcmp(ptext, it->text))
			it->unchanged = 1;
		free(ptext);
	}
	free(dir);
}

static int echo(struct item *it, const char *commit, const char *failed)
{
	json_t *st = json_object();
	const char *status = failed ? "refused" : it->refused ? "refused" :
			     it->unchanged ? "unchanged" : "stored";
	json_object_set_new(st, "status", json_string(status));
	if (!it->refused && !failed) {
		json_object_set_new(st, "commit", json_string(commit));
		json_object_set_new(st, "path", json_string(it->path));
	} else if (failed) {
		json_object_set_new(st, "reason", json_string(failed));
	} else {
		/* the codes of its errors, as go-publish names its reasons */
		char *r = go_xstrdup("errors:");
		size_t i;
		json_t *p;
		json_array_foreach(json_object_get(it->rec, "problems"), i, p) {
			const char *sev = go_str(p, "severity"), *code = go_str(p, "code");
			if (sev && code && !strcmp(sev, "error")) {
				char *t = go_xasprintf("%s %s", r, code);
				free(r);
				r = t;
			}
		}
		json_object_set_new(st, "reason", json_string(r));
		free(r);
	}
	json_object_set_new(it->rec, "request", st);
	return go_write(stdout, NULL, it->rec);
}

/* Every application of the store, or NULL after saying why. */
static json_t *load(go_store *s)
{
	char *err = NULL;
	json_t *all = go_request_load(s, NULL, &err);
	if (!all) {
		go_warnx("%s", err);
		free(err);
	}
	return all;
}

static int cmd_store(go_store *s, int cmd, int argc, char **argv, int today,
		const char *author, const char *msg)
{
	struct stored st = {0};
	struct item *items = NULL;
	size_t n = 0, cap = 0, refused = 0;
	go_reader rd;
	json_t *rec, *batch_ids = json_object();
	char *failed = NULL;
	char commit[41] = "";
	git_signature *sig = NULL;
	int status = GO_OK;

	/* an invalid line is echoed as read, before the reader moves on (an
	 * over-long line streams from the reader's spool): kept in a spool of ours */
	FILE *spool = go_temp_file();
	go_reader_init(&rd, argc, argv, 0);
	if (!spool) {
		go_warn("temporary file");
		status = GO_FATAL;
		goto out;
	}
	if (!(st.all = load(s))) {
		status = GO_FATAL;
		goto out;
	}
	index_stored(&st);
	sig = go_store_identity(s, author);
	if (!sig) {
		go_warnx(author ? "--author %s: expected 'Name <email>'" :
			 "%s: no identity to record as: give --author 'Name <email>', or set "
			 "user.name and user.email (git config), or GIT_AUTHOR_NAME and "
			 "GIT_AUTHOR_EMAIL; nothing was written", author ? author : go_store_path(s));
		status = GO_FATAL;
		goto out;
	}
	while ((rec = go_reader_next(&rd))) {
		if (n == cap)
			items = go_xrealloc(items, (cap = cap ? 2 * cap : 64) * sizeof *items);
		struct item *it = &items[n++];
		memset(it, 0, sizeof *it);
		it->rec = rec;
		if (go_is_invalid(rec)) {
			it->refused = 1;
			it->at = ftello(spool);
			if (it->at < 0 || go_write(spool, &rd, rec) != 0 || fflush(spool) != 0) {
				go_warn("temporary file");
				status = GO_FATAL;
				goto out;
			}
			it->len = ftello(spool) - it->at;
		} else
			take(it, cmd, &st, batch_ids, today);
		refused += it->refused;
	}
	/* one commit for the batch: every application that passed */
	go_store_file *files = go_xcalloc(2 * n + 1, sizeof *files);
	size_t nf = 0;
	char *mp = NULL;
	size_t mn = 0;
	FILE *mf = open_memstream(&mp, &mn);
	if (!mf)
		go_die("commit message");
	size_t stored = 0;
	for (size_t i = 0; i < n; i++) {
		if (items[i].refused || items[i].unchanged)
			continue;
		if (items[i].old)
			files[nf++] = (go_store_file){items[i].old, NULL, 0};
		files[nf++] = (go_store_file){items[i].path, items[i].text, strlen(items[i].text)};
		stored++;
	}
	fprintf(mf, "%s\n\n", msg ? msg : cmd == CMD_ADD ?
		"go-request: register applications" : "go-request: update applications");
	for (size_t i = 0; i < n; i++)
		if (!items[i].refused && !items[i].unchanged)
			fprintf(mf, "- %s\n", go_str(items[i].rec, "id"));
	fclose(mf);
	if (nf && go_store_commit_files(s, GO_REQUEST_BRANCH, files, nf, mp, sig, commit) < 0) {
		failed = go_xstrdup("the store could not be written");
		status = GO_FATAL;
	} else if (!nf) {
		git_oid tip;
		if (git_reference_name_to_id(&tip, go_store_repo(s), "refs/heads/" GO_REQUEST_BRANCH) == 0)
			git_oid_tostr(commit, sizeof commit, &tip);
	}
	free(files);
	free(mp);
	for (size_t i = 0; i < n; i++) {
		int e = items[i].len ? copy_spool(spool, items[i].at, items[i].len)
				     : echo(&items[i], commit, failed);
		if (e != 0) {
			go_warn("standard output");
			status = GO_FATAL;
			break;
		}
	}
	if (refused && status == GO_OK)
		status = GO_FINDINGS;
	if (rd.io_error)
		status = GO_FATAL;
out:
	for (size_t i = 0; i < n; i++) {
		json_decref(items[i].rec);
		free(items[i].path);
		free(items[i].old);
		free(items[i].text);
	}
	free(items);
	free(failed);
	json_decref(batch_ids);
	json_decref(st.all);
	json_decref(st.by_id);
	json_decref(st.by_fold);
	git_signature_free(sig);
	if (spool)
		fclose(spool);
	go_reader_free(&rd);
	return status;
}

struct due { json_t *rec; go_request_clock c; };

static int cmp_due(const void *x, const void *y)
{
	const struct due *a = x, *b = y;
	int da = a->c.awaiting_correction ? 1 << 30 : a->c.deadline;
	int db = b->c.awaiting_correction ? 1 << 30 : b->c.deadline;
	if (da != db)
		return (da > db) - (da < db);
	return strcmp(go_str(a->rec, "id"), go_str(b->rec, "id"));
}

static int cmd_due(go_store *s, int today, long within)
{
	json_t *all = load(s);
	if (!all)
		return GO_FATAL;
	struct due *d = go_xcalloc(json_array_size(all) + 1, sizeof *d);
	size_t n = 0, i;
	json_t *rec;
	int status = GO_OK;
	json_array_foreach(all, i, rec) {
		if (!go_str(rec, "id") || go_request_clock_at(rec, today, &d[n].c) < 0 ||
		    d[n].c.is_closed)
			continue;
		if (within >= 0 && (d[n].c.awaiting_correction || d[n].c.left > within))
			continue;
		d[n++].rec = rec;
	}
	qsort(d, n, sizeof *d, cmp_due);
	for (i = 0; i < n; i++) {
		go_request_clock *c = &d[i].c;
		char rs[11], ss[11], ds[11];
		go_format_date(c->received, rs);
		go_format_date(c->start, ss);
		go_format_date(c->deadline, ds);
		const char *state = c->awaiting_correction ? "awaiting-correction" :
				    c->left < 0 ? "overdue" : c->pausing ? "paused" : "open";
		json_t *type = json_object_get(json_object_get(d[i].rec, "applicant"), "type");
		json_t *line = json_pack("{s:s,s:s,s:s,s:o,s:o,s:i,s:i,s:s,s:O}",
			"id", go_str(d[i].rec, "id"), "received", rs, "start", ss,
			"deadline", c->awaiting_correction ? json_null() : json_string(ds),
			"working_days_left", c->awaiting_correction ? json_null() : json_integer(c->left),
			"paused_days", c->paused, "extended_days", c->extended,
			"status", state, "applicant_type", type ? type : json_null());
		if (go_write(stdout, NULL, line) != 0) {
			json_decref(line);
			go_warn("standard output");
			status = GO_FATAL;
			break;
		}
		json_decref(line);
		if (c->left < 0 && !c->awaiting_correction) {
			char *name = go_request_mask_name(go_str(json_object_get(d[i].rec,
						"applicant"), "name"));
			go_warnx("%s: 已逾期 %d 个工作日：答复期限 %s（收到申请 %s，申请人 %s，"
				 "不计算期间 %d 个工作日，延期 %d 个工作日，OGI 第三十三条）",
				 go_str(d[i].rec, "id"), -c->left, ds, rs, name, c->paused,
				 c->extended);
			free(name);
			if (status == GO_OK)
				status = GO_FINDINGS;
		}
	}
	free(d);
	json_decref(all);
	return status;
}

static int cmd_stats(go_store *s, int year)
{
	char *err = NULL;
	json_t *all = load(s), *t = NULL;
	if (!all)
		return GO_FATAL;
	t = go_request_table3_of(all, year, &err);
	json_decref(all);
	if (!t) {
		go_warnx("%d: %s", year, err);
		free(err);
		return GO_FINDINGS;
	}
	int e = go_write(stdout, NULL, t);
	json_decref(t);
	if (e != 0) {
		go_warn("standard output");
		return GO_FATAL;
	}
	return GO_OK;
}

static int cmd_repeats(go_store *s, int year, long min)
{
	json_t *all = load(s);
	if (!all)
		return GO_FATAL;
	json_t *groups = go_request_repeats_of(all, year, (int)min), *g;
	size_t i;
	int status = GO_OK;
	json_array_foreach(groups, i, g)
		if (go_write(stdout, NULL, g) != 0) {
			go_warn("standard output");
			status = GO_FATAL;
			break;
		}
	json_decref(groups);
	json_decref(all);
	return status;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, 'r'},
		{"init", no_argument, NULL, 'i'},
		{"author", required_argument, NULL, 'a'},
		{"message", required_argument, NULL, 'm'},
		{"today", required_argument, NULL, 't'},
		{"within", required_argument, NULL, 'w'},
		{"year", required_argument, NULL, 'y'},
		{"min", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	static const char *const cmds[] = {"add", "update", "due", "stats", "repeats", NULL};
	const char *repo = getenv("GO_STORE"), *author = NULL, *msg = NULL, *today = NULL;
	long within = -1, year = -1, min = 2;
	int init = 0, c, cmd = -1;

	while ((c = getopt_long(argc, argv, "+hm:", longopts, NULL)) != -1 || optind < argc) {
		if (c == -1) {
			/* the subcommand, wherever it stands among the options */
			int k;
			for (k = 0; cmds[k] && strcmp(cmds[k], argv[optind]) != 0; k++)
				;
			if (cmd >= 0 || !cmds[k])
				break;
			cmd = k;
			optind++;
			continue;
		}
		switch (c) {
		case 'r': repo = optarg; break;
		case 'i': init = 1; break;
		case 'a': author = optarg; break;
		case 'm': msg = optarg; break;
		case 't': today = optarg; break;
		case 'w': within = go_number_arg(usage, "--within", optarg, 100000); break;
		case 'y': year = go_number_arg(usage, "--year", optarg, 9999); break;
		case 'n': min = go_number_arg(usage, "--min", optarg, 1000000); break;
		case 'h': go_help(usage);
		case 'V': go_version();
		default: go_usage_error(usage, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (cmd < 0)
		go_usage_error(usage, argc ? "unknown command '%s'" : "no command%s",
			       argc ? argv[0] : "");
	if (cmd != CMD_ADD && cmd != CMD_UPDATE && argc)
		go_usage_error(usage, "%s reads the store, not files: '%s'", cmds[cmd], argv[0]);
	if ((cmd == CMD_STATS || cmd == CMD_REPEATS) && year < 1)
		go_usage_error(usage, "%s needs --year YYYY", cmds[cmd]);
	if (msg && (!*msg || strchr(msg, '\n')))
		go_usage_error(usage, "-m: one non-empty line");
	if (!repo || !*repo)
		go_usage_error(usage, "no store: give --repo DIR or set GO_STORE");
	int day = go_today_arg(today);
	if (cmd == CMD_ADD || cmd == CMD_UPDATE)
		go_usage_if_tty(argc, usage);

	go_store *s = NULL;
	int status;
	if (go_store_open(&s, repo, init && cmd == CMD_ADD ? GO_STORE_CREATE : 0) < 0)
		return go_finish(GO_FATAL);
	switch (cmd) {
	case CMD_ADD:
	case CMD_UPDATE: status = cmd_store(s, cmd, argc, argv, day, author, msg); break;
	case CMD_DUE: status = cmd_due(s, day, within); break;
	case CMD_STATS: status = cmd_stats(s, (int)year); break;
	default: status = cmd_repeats(s, (int)year, min); break;
	}
	go_store_free(s);
	return go_finish(status);
}
