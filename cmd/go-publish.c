/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* go-publish — write accepted records into the git store, one commit per batch (SPEC §5, §6). */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"

static const char usage[] =
	"usage: go-publish [--repo DIR] [--init] [--branch NAME] [-m MSG]\n"
	"                  [--author 'Name <email>'] [--dry-run] [--push REMOTE]\n"
	"                  [--today YYYY-MM-DD] [--grace-days N]\n"
	"                  [--accept-classified NAME] [--summary] [FILE...]\n"
	"       go-publish [--repo DIR] --withdraw ID --reason TEXT [--today D] [--author ..]\n"
	"       go-publish [--repo DIR] --purge ID --reason TEXT [--today D] [--author ..]\n"
	"       go-publish [--repo DIR] [--branch NAME] --migrate [--author ..]\n"
	"\n"
	"Re-run every check of SPEC section 4 on each record (its results replace the\n"
	"problems go-check-reason and go-link-interp wrote), then write the accepted\n"
	"ones into the store in one commit on main (the register) and one on public\n"
	"(the public view, the projection of main) when it changes. Every input\n"
	"line is echoed with a \"publish\" object: {\"status\": \"published\"|\"unchanged\"|\n"
	"\"refused\"|\"failed\", \"commit\", \"path\", \"reason\"[, \"pushed\"]}.\n"
	"\n"
	"  --repo DIR          the store (default: $GO_STORE)\n"
	"  --init              create the store (a bare repository) if absent, and\n"
	"                      protect it: receive.denyNonFastForwards, denyDeletes,\n"
	"                      fsckObjects, core.hooksPath to the go-tools hooks\n"
	"  --branch NAME       the register's branch (default main; its public view\n"
	"                      is then NAME-public)\n"
	"  -m, --message MSG   first line of the commit messages\n"
	"  --author 'N <E>'    who publishes (default: git config, then\n"
	"                      GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL)\n"
	"  --dry-run           report what would happen, write nothing\n"
	"  --push REMOTE       then push both branches to REMOTE (a name or a URL)\n"
	"                      with git; a moved remote is merged, nothing dropped\n"
	"  --today YYYY-MM-DD  the day of publishing (default: today)\n"
	"  --grace-days N      working days an interpretation may follow its policy\n"
	"  --accept-classified NAME  NAME confirms the proactive attributes rules\n"
	"                      suggested (a Classified-by trailer in the commits)\n"
	"  --withdraw ID       withdraw (撤回) the stored document ID: kept on the\n"
	"                      register marked withdrawn {date, reason, by}, left\n"
	"                      out of the public view; reads no input\n"
	"  --purge ID          remove the content of document ID from all history of\n"
	"                      both branches (its record kept as withheld metadata),\n"
	"                      logged in purges/log.jsonl on the register\n"
	"  --reason TEXT       why (required with --withdraw and --purge)\n"
	"  --migrate           rewrite a store of the year layout (docs/<YYYY>/<name>,\n"
	"                      go-tools 0.2) to the month layout (docs/<YYYY>/<MM>/\n"
	"                      <name>): one commit on each branch, history kept;\n"
	"                      nothing to do on a migrated store (exit 0); reads no input\n"
	"  --summary           end with a short Chinese report on stderr (published,\n"
	"                      unchanged, refused: id, title, reason); the default\n"
	"                      when stderr is a terminal\n"
	"  -h, --help          show this help\n"
	"      --version       show the version\n"
	"\n"
	"Exit status: 0 all published or unchanged, 1 a record was refused (or the\n"
	"remote refused the push), 2 usage, I/O or store error (also: no identity\n"
	"to publish as, or a push that failed otherwise).\n";

#define TOOL "go-publish"

/* One input line: where its echo comes from, and what became of it. */
struct item {
	long doc;       /* the batch's document number; -1: refused */
	char *reason;   /* why it was refused */
	char *path;     /* its document folder, when it has one */
	json_t *held;   /* policies and interpretations: the record; the others
	                   wait in the spool, one line each, in order */
	json_t *orig;   /* held: as read, for another round of rule 7 */
	json_t *who;    /* --summary: {id, title} of the record */
	const char *status; /* as echoed */
	json_t *link;   /* an interpretation: {id, interprets}, to name it to its
	                   policy when it is refused */
};

struct run {
	go_store *store;
	go_batch *batch;
	struct item *item;
	size_t n, cap;
	FILE *spool;
	go_check_opts check;
	go_interp_opts interp;
	const char *branch;
	unsigned long refused;
	const char *accepted_by; /* --accept-classified */
	int summary;    /* --summary, or stderr a terminal */
	int pushed;     /* --push: 1 pushed, 0 not; -1 no --push */
	char *failed;   /* the store could not be written: why; every line is
	                   then only spooled, and echoed "failed" */
};

/* A fatal store error: the text every line's publish.reason then gives. */
static void store_failed(struct run *r)
{
	const git_error *e = git_error_last();
	if (!r->failed)
		r->failed = go_xasprintf("库写入失败，本批次未发布：%s",
					 e && e->message ? e->message : strerror(errno));
}

/* Does s hold a control character (a newline would forge commit headers)? */
static int has_control(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* --init: the store refuses rewinds, deletions and bad objects, and runs the
 * go-tools hooks: $GO_TOOLS_HOOKS, else ../share/go-tools/hooks from the
 * folder of this program (where make install puts them). No hooks: refuse. */
static int guard(go_store *s)
{
	const char *env = getenv("GO_TOOLS_HOOKS");
	char *exe = realpath("/proc/self/exe", NULL), *dir = NULL, *hooks = NULL;
	if (env && *env)
		dir = go_xstrdup(env);
	else if (exe && strrchr(exe, '/')) {
		*strrchr(exe, '/') = '\0';
		dir = go_xasprintf("%s/../share/go-tools/hooks", exe);
	}
	hooks = dir ? realpath(dir, NULL) : NULL;
	char *pre = hooks ? go_xasprintf("%s/pre-receive", hooks) : NULL;
	int rc = -1;
	if (!pre || access(pre, X_OK) != 0)
		go_warnx("--init: 找不到 go-tools 的 hooks（%s/pre-receive）：设置 GO_TOOLS_HOOKS "
			 "或先 make install；存储未设保护", dir ? dir : "?");
	else
		rc = go_store_guard(s, hooks);
	free(pre);
	free(hooks);
	free(dir);
	free(exe);
	return rc;
}

/* Drop the warnings a check just added: the checker upstream reports them, and
 * go-publish only says why it refuses. */
static void keep_errors(json_t *rec, size_t before)
{
	json_t *list = json_object_get(rec, "problems");
	for (size_t i = json_array_size(list); i-- > before;) {
		const char *sev = go_str(json_array_get(list, i), "severity");
		if (!sev || strcmp(sev, "error"))
			json_array_remove(list, i);
	}
	if (list && json_array_size(list) == 0)
		json_object_del(rec, "problems");
}

static struct item *new_item(struct run *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1024;
		r->item = go_xrealloc(r->item, r->cap * sizeof *r->item);
	}
	struct item *it = &r->item[r->n++];
	memset(it, 0, sizeof *it);
	it->doc = -1;
	return it;
}

static void refuse(struct run *r, struct item *it, char *reason)
{
	it->doc = -1;
	free(it->reason);
	it->reason = reason;
	r->refused++;
}

/* Refuse rec with a problem code and the same text as reason (issue 17). */
static void refuse_problem(struct run *r, struct item *it, json_t *rec, const char *code,
			   const char *field, char *msg)
{
	go_problem(rec, TOOL, GO_ERROR, code, field, "%s", msg);
	refuse(r, it, msg);
}

/* Prepare an accepted record; a store refusal or git error refuses it. */
static int prepare(struct run *r, struct item *it, json_t *rec)
{
	char *reason = NULL;
	long n = go_batch_prepare(r->batch, rec, &reason);
	if (n == -2)
		return -1;
	if (n < 0)
		refuse(r, it, reason);
	else
		it->doc = n;
	return 0;
}

static int spool(struct run *r, struct item *it, const go_reader *rd, json_t *rec)
{
	if (go_write(r->spool, rd, rec) != 0) {
		go_warn("spool");
		return -1;
	}
	return 0;
}

/* One record as read: every check but rule 7, which waits for the whole batch. */
static int take(struct run *r, go_reader *rd, json_t *rec)
{
	struct item *it = new_item(r);
	json_object_del(rec, "publish");
	if (r->summary && json_is_object(rec))
		it->who = json_pack("{s:O?,s:O?,s:O?}", "id", json_object_get(rec, "id"),
				    "title", json_object_get(rec, "title"),
				    "at", json_object_get(rec, "at"));
	if (r->failed)
		return spool(r, it, rd, rec);
	if (go_is_invalid(rec)) {
		refuse(r, it, go_xstrdup("无效行（invalid-json），不是记录，未发布"));
		return spool(r, it, rd, rec);
	}
	go_normalise(rec);
	go_problems_clear(rec, TOOL);
	/* go-publish re-runs their checks knowing more (the store, the whole
	 * batch): its results replace theirs (issue 17) */
	go_problems_clear(rec, "go-check-reason");
	go_problems_clear(rec, "go-link-interp");
	if (go_is_interpretation(rec))
		it->link = json_pack("{s:O?,s:O?}", "id", json_object_get(rec, "id"),
				     "interprets", json_object_get(rec, "interprets"));
	it->path = go_store_doc_dir(go_str(rec, "id"), go_str(rec, "date"));
	if (go_has_error(rec)) {
		char *codes = go_error_codes(rec, 0);
		refuse_problem(r, it, rec, "carries-error", "problems", go_xasprintf(
			"记录带有其他工具报告的错误（%s，见 problems），未发布；改正后再发布", codes));
		free(codes);
		return spool(r, it, rd, rec);
	}
	size_t before = json_array_size(json_object_get(rec, "problems"));
	if (go_check_record(rec, &r->check) > 0) {
		char *codes = go_error_codes(rec, before);
		keep_errors(rec, before);
		refuse(r, it, go_xasprintf("未通过检查：%s", codes));
		free(codes);
		return spool(r, it, rd, rec);
	}
	keep_errors(rec, before);
	/* before rule 7, which must know an interpretation will not be published */
	if (go_check_confirmed(rec, TOOL, r->accepted_by) < 0) {
		refuse(r, it, go_xstrdup("未通过检查：unconfirmed-attribute"));
		return spool(r, it, rd, rec);
	}
	const char *kind = go_str(rec, "kind");
	if ((kind && go_is_policy_kind(kind)) || go_is_interpretation(rec) ||
	    json_object_get(rec, "amends") || json_object_get(rec, "replaces")) {
		it->orig = json_deep_copy(rec);
		it->held = json_incref(rec);
		return 0;
	}
	if (prepare(r, it, rec) < 0)
		store_failed(r);
	return spool(r, it, rd, rec);
}

/* Add the stored document with this id to x, when there is one. */
static json_t *add_stored(struct run *r, go_interp *x, git_tree *root, const char *id)
{
	json_t *rec = NULL;
	if (!root || !id || go_store_find_id(r->store, root, id, 0, &rec, NULL) != 0)
		return NULL;
	go_interp_add_stored(x, rec);
	return rec;
}

/* A policy refused for want of an interpretation, when the batch had one that
 * was refused: say which, and why (issue 17). One pass to index the refused
 * interpretations by the policy they name, one over the policies. */
static void name_refused_interpretations(struct run *r)
{
	json_t *by_policy = json_object();
	for (size_t k = 0; k < r->n; k++) {
		const char *target = go_str(r->item[k].link, "interprets");
		if (!r->item[k].reason || !target)
			continue;
		json_t *list = json_object_get(by_policy, target);
		if (!list)
			json_object_set_new(by_policy, target, list = json_array());
		json_array_append_new(list, json_integer((json_int_t)k));
	}
	for (size_t i = 0; json_object_size(by_policy) && i < r->n; i++) {
		struct item *p = &r->item[i];
		const char *pid = p->held && !p->link ? go_str(p->held, "id") : NULL;
		json_t *list = pid ? json_object_get(by_policy, pid) : NULL;
		if (!list || !p->reason || !strstr(p->reason, "missing-interpretation"))
			continue;
		size_t j;
		json_t *v;
		json_array_foreach(list, j, v) {
			const struct item *q = &r->item[json_integer_value(v)];
			const char *qid = go_str(q->link, "id");
			go_problem(p->held, TOOL, GO_ERROR, "interpretation-refused", "interpretations",
				   "本批次中的解读 %s 未发布（%s），政策须与解读同步发布（谁起草、谁解读）。",
				   qid ? qid : "（无索引号）", q->reason);
		}
		char *t = go_xasprintf("%s, interpretation-refused", p->reason);
		free(p->reason);
		p->reason = t;
	}
	json_decref(by_policy);
}

/*
 * Issue 19 item 2, both ways: the accepted records of the batch that interpret,
 * amend or replace a policy, as {target: {"interpretations"|"amended_by"|
 * "replaced_by": [ids]}}. A target in the batch gets them in its record here;
 * what is left is for the stored targets (go_batch_relink).
 */
static json_t *both_ways(struct run *r)
{
	static const char *const from[] = {"interprets", "amends", "replaces"};
	static const char *const to[] = {"interpretations", "amended_by", "replaced_by"};
	json_t *links = json_object();
	for (size_t i = 0; i < r->n; i++) {
		struct item *it = &r->item[i];
		const char *id = it->held && !it->reason ? go_str(it->held, "id") : NULL;
		for (int k = 0; id && k < 3; k++) {
			const char *t = go_str(it->held, from[k]);
			if (!t || (k == 0 && !go_is_interpretation(it->held)))
				continue;
			json_t *o = json_object_get(links, t);
			if (!o)
				json_object_set_new(links, t, o = json_object());
			json_t *a = json_object_get(o, to[k]);
			if (!a)
				json_object_set_new(o, to[k], a = json_array());
			json_array_append_new(a, json_string(id));
		}
	}
	for (size_t i = 0; i < r->n; i++) {
		struct item *it = &r->item[i];
		const char *id = it->held && !it->reason ? go_str(it->held, "id") : NULL;
		json_t *o = id ? json_object_get(links, id) : NULL;
		if (!o)
			continue;
		for (int k = 1; k < 3; k++) { /* rule 7 lists the interpretations */
			json_t *a = json_object_get(o, to[k]);
			if (a)
				go_list_merge(it->held, to[k], a);
		}
		json_object_del(links, id);
	}
	return links;
}

/*
 * Rule 7 over the policies and interpretations of the batch, against the store.
 * A refusal can orphan another record (an interpretation of a refused policy),
 * so rounds repeat until none refuses more. Only the store documents the batch
 * names are read, so the cost follows the batch, not the store.
 */
static int rule7(struct run *r)
{
	char commit[41];
	git_tree *root = NULL;
	char *ref = go_xasprintf("refs/heads/%s", r->branch);
	int err = go_store_resolve(r->store, ref, commit, &root);
	free(ref);
	if (err < 0 && err != GIT_ENOTFOUND)
		return -1;
	/* a record refused when prepared (its attachment, its id) can leave a
	 * policy without its interpretation: then the rounds run again */
again:
	for (int more = 1; more;) {
		more = 0;
		go_interp *x = go_interp_new(&r->interp);
		if (root)
			go_interp_with_store(x); /* its messages say "input and store" */
		long *num = go_xcalloc(r->n + 1, sizeof *num);
		for (size_t i = 0; i < r->n; i++) {
			struct item *it = &r->item[i];
			num[i] = -1;
			if (!it->held || it->reason)
				continue;
			num[i] = go_interp_add(x, it->orig);
			/* issue 19: what it amends or replaces */
			json_decref(add_stored(r, x, root, go_str(it->orig, "amends")));
			json_decref(add_stored(r, x, root, go_str(it->orig, "replaces")));
			if (go_is_interpretation(it->orig)) {
				json_decref(add_stored(r, x, root, go_str(it->orig, "interprets")));
				continue;
			}
			/* a policy already published: the interpretations it lists */
			json_t *st = add_stored(r, x, root, go_str(it->orig, "id"));
			size_t k;
			json_t *v;
			json_array_foreach(json_object_get(st, "interpretations"), k, v)
				json_decref(add_stored(r, x, root, json_string_value(v)));
			json_decref(st);
		}
		for (size_t i = 0; i < r->n; i++) {
			struct item *it = &r->item[i];
			if (!it->held || it->reason || num[i] < 0)
				continue;
			json_t *work = json_deep_copy(it->orig);
			size_t before = json_array_size(json_object_get(work, "problems"));
			if (go_interp_apply(x, num[i], work) > 0) {
				char *codes = go_error_codes(work, before);
				go_batch_drop(r->batch, it->doc);
				refuse(r, it, go_xasprintf("未通过检查：%s", codes));
				free(codes);
				more = 1;
			}
			keep_errors(work, before);
			if (it->doc >= 0) { /* prepared, and still accepted: as prepared */
				json_decref(work);
				continue;
			}
			json_decref(it->held);
			it->held = work;
		}
		free(num);
		go_interp_free(x);
	}
	/* the stored and batch policies the accepted records link to (issue 19),
	 * laid into the batch's policies before they are prepared */
	json_t *links = both_ways(r);
	int refused = 0;
	for (size_t i = 0; i < r->n; i++) {
		struct item *it = &r->item[i];
		if (it->held && !it->reason && it->doc < 0) {
			if (prepare(r, it, it->held) < 0) {
				git_tree_free(root);
				json_decref(links);
				store_failed(r);
				return -1;
			}
			refused |= it->doc < 0;
		}
	}
	if (refused) {
		json_decref(links);
		goto again;
	}
	name_refused_interpretations(r);
	git_tree_free(root);
	/* the stored policies the batch links to: their lists in the same commit */
	const char *target;
	json_t *adds;
	json_object_foreach(links, target, adds) {
		char *why = NULL;
		if (go_batch_relink(r->batch, target, adds, &why) == -2) {
			store_failed(r);
			json_decref(links);
			return -1;
		}
		free(why);
	}
	json_decref(links);
	return 0;
}

/* --withdraw ID --reason TEXT (issue 19 item 3): one document, one commit on
 * each branch, one line out: {"id", "withdrawn", "publish"}. */
static int withdraw(struct run *r, const char *id, const char *why, const git_signature *sig,
		    int dry_run)
{
	char *reason = NULL, commit[41] = "";
	const char *by = sig ? sig->name : "(dry run)";
	long n = go_batch_withdraw(r->batch, id, why, by, &reason);
	if (n == -2 || (n >= 0 && go_batch_commit(r->batch, sig) < 0))
		return GO_FATAL;
	const char *status = n < 0 ? "refused" :
			     go_batch_status(r->batch, n, commit) ? "published" : "unchanged";
	char today[11];
	go_format_date(r->check.today, today);
	json_t *out = json_pack("{s:s}", "id", id);
	if (n >= 0)
		json_object_set_new(out, "withdrawn", json_pack("{s:s,s:s,s:s}", "date", today,
								"reason", why, "by", by));
	else
		go_problem(out, TOOL, GO_ERROR, "cannot-withdraw", "id", "%s", reason);
	json_object_set_new(out, "publish", json_pack("{s:s,s:o,s:o,s:o}", "status", status,
		"commit", *commit ? json_string(commit) : json_null(), "path", json_null(),
		"reason", reason ? json_string(reason) : json_null()));
	int err = go_write(stdout, NULL, out);
	json_decref(out);
	if (n < 0)
		go_warnx("%s：%s", id, reason);
	else if (!dry_run)
		go_warnx("已撤回 %s：提交 %.12s（登记簿保留，公开视图已移除）", id, commit);
	free(reason);
	return err ? GO_FATAL : n < 0 ? GO_FINDINGS : GO_OK;
}

/* --purge ID --reason TEXT (issue 19 item 4): one line out, {"id", "purged",
 * "publish"}, and on stderr what the operator must do next. */
static int purge(struct run *r, const char *branch, const char *public_branch, const char *id,
		 const char *why, const git_signature *sig)
{
	json_t *audit = NULL;
	char *err = NULL;
	int rc = go_store_purge(r->store, branch, public_branch, id, why, sig, r->check.today,
				&audit, &err);
	json_t *out = json_pack("{s:s}", "id", id);
	if (rc == 0)
		json_object_set(out, "purged", audit);
	else
		go_problem(out, TOOL, GO_ERROR, "cannot-purge", "id", "%s", err);
	json_object_set_new(out, "publish", json_pack("{s:s,s:o,s:o,s:o}",
		"status", rc == 0 ? "published" : rc > 0 ? "refused" : "failed",
		"commit", rc == 0 ? json_string(go_str(json_object_get(audit, "new"), "main")) : json_null(),
		"path", json_null(), "reason", err ? json_string(err) : json_null()));
	int werr = go_write(stdout, NULL, out);
	json_decref(out);
	if (rc != 0) {
		go_warnx("%s：%s", id, err);
	} else {
		const char *path = go_store_path(r->store);
		go_warnx("已从 %s 与 %s 的全部历史中清除 %s 的内容（记录见 purges/log.jsonl）。"
			 "旧对象仍在库中，直到：\n"
			 "  1. 强制推送两个分支：git -C %s push --force REMOTE %s %s\n"
			 "  2. 在本库和远端库清理：git -C %s reflog expire --expire=now --all && "
			 "git -C %s gc --prune=now\n"
			 "  3. 通知每个克隆的使用者删除旧克隆并重新克隆（旧克隆仍含该内容）",
			 branch, public_branch, id, path, branch, public_branch, path, path);
	}
	json_decref(audit);
	free(err);
	return werr ? GO_FATAL : rc == 0 ? GO_OK : rc > 0 ? GO_FINDINGS : GO_FATAL;
}

/* --migrate (issue 18): one line out, {"migrate": {"status", "main", "public",
 * "documents"}}, and on stderr what happened. */
static int migrate(struct run *r, const char *branch, const char *public_branch,
		   const git_signature *sig)
{
	json_t *rep = NULL;
	char *err = NULL;
	int rc = go_store_migrate(r->store, branch, public_branch, sig, &rep, &err);
	json_t *m = rep ? json_deep_copy(rep) : json_object();
	json_object_set_new(m, "status", json_string(rc == 1 ? "migrated" : rc == 0 ? "unchanged" :
						      rc == 2 ? "refused" : "failed"));
	if (err)
		json_object_set_new(m, "reason", json_string(err));
	json_t *out = json_pack("{s:o}", "migrate", m);
	int werr = go_write(stdout, NULL, out);
	json_decref(out);
	const char *path = go_store_path(r->store);
	if (rc == 1)
		go_warnx("%s：已迁移到按月存储结构（docs/<YYYY>/<MM>/<名称>/），%lld 份文档，"
			 "%s 与 %s 各一个提交；推送两个分支：git -C %s push REMOTE %s %s",
			 path, (long long)json_integer_value(json_object_get(rep, "documents")),
			 branch, public_branch, path, branch, public_branch);
	else if (rc == 0)
		go_warnx("%s：已是按月存储结构，无需迁移", path);
	else
		go_warnx("%s：%s", path, err ? err : "迁移失败");
	json_decref(rep);
	free(err);
	return werr || rc < 0 ? GO_FATAL : rc == 2 ? GO_FINDINGS : GO_OK;
}

/* Echo the line with its publish object, which comes last. */
static int echo(struct run *r, struct item *it, const char *failed, char **line, size_t *cap)
{
	char commit[41] = "";
	const char *status = failed ? "failed" : "refused", *code = NULL;
	/* refused when laid onto a register another publisher had moved */
	const char *late = it->doc >= 0 && !failed ? go_batch_refused(r->batch, it->doc, &code) : NULL;
	if (late) {
		free(it->reason);
		it->reason = go_xstrdup(late);
		it->doc = -1;
		r->refused++;
	}
	if (it->doc >= 0 && !failed)
		status = go_batch_status(r->batch, it->doc, commit) ? "published" : "unchanged";
	it->status = status;
	json_t *p = json_pack("{s:s,s:o,s:o,s:o}", "status", status,
			      "commit", *commit ? json_string(commit) : json_null(),
			      "path", it->path ? json_string(it->path) : json_null(),
			      "reason", failed ? json_string(failed) :
			      it->doc < 0 ? json_string(it->reason) : json_null());
	if (r->pushed >= 0)
		json_object_set_new(p, "pushed", json_boolean(it->doc >= 0 && !failed && r->pushed));
	if (it->held) {
		if (late)
			go_problem(it->held, TOOL, GO_ERROR, code, "id", "%s", late);
		json_object_set_new(it->held, "publish", p);
		return go_write(stdout, NULL, it->held);
	}
	if (late) { /* the spooled line, with the problem added */
		ssize_t len = getline(line, cap, r->spool);
		go_json_error jerr;
		json_t *rec = len > 0 ? go_json_parse(*line, (size_t)len, &jerr) : NULL;
		if (!rec) {
			json_decref(p);
			go_warnx("spool: lost a line");
			return -1;
		}
		go_problem(rec, TOOL, GO_ERROR, code, "id", "%s", late);
		json_object_set_new(rec, "publish", p);
		int err = go_write(stdout, NULL, rec);
		json_decref(rec);
		return err;
	}
	char *ps = json_dumps(p, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(p);
	/* compact JSON holds no raw newline: one spooled line per record */
	ssize_t len = getline(line, cap, r->spool);
	if (len < 2 || (*line)[len - 1] != '\n') {
		free(ps);
		go_warnx("spool: lost a line");
		return -1;
	}
	/* go_write's line is one object and a newline: add publish as its last member */
	go_buf out = {0};
	size_t n = go_json_splice(*line, (size_t)len, "publish", ps, &out);
	free(ps);
	if (n == 0) {
		go_buf_free(&out);
		go_warnx("spool: not an object");
		return -1;
	}
	go_buf_put(&out, "\n", 1);
	int err = fwrite(out.p, 1, out.n, stdout) != out.n;
	go_buf_free(&out);
	return err ? -1 : 0;
}

/* The Chinese report for people that ends a run (--summary, or a tty). */
static void summary(const struct run *r, const char *failed)
{
	unsigned long n[4] = {0};
	static const char *const names[] = {"published", "unchanged", "refused", "failed"};
	for (size_t i = 0; i < r->n; i++)
		for (int k = 0; k < 4; k++)
			n[k] += r->item[i].status && !strcmp(r->item[i].status, names[k]);
	fprintf(stderr, go_msg("summary", "%s：共 %zu 条，发布 %lu 条，未变 %lu 条，拒绝 %lu 条"),
		go_prog(), r->n, n[0], n[1], n[2]);
	if (n[3])
		fprintf(stderr, go_msg("summary", "，失败 %lu 条（%s）"), n[3], failed);
	fputs("\n", stderr);
	for (size_t i = 0; i < r->n; i++) {
		const struct item *it = &r->item[i];
		if (it->status && !strcmp(it->status, "refused"))
			go_summary_record(it->who, it->reason ? it->reason : go_word("拒绝"));
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, 'r'},
		{"init", no_argument, NULL, 'i'},
		{"branch", required_argument, NULL, 'b'},
		{"message", required_argument, NULL, 'm'},
		{"author", required_argument, NULL, 'a'},
		{"dry-run", no_argument, NULL, 'n'},
		{"push", required_argument, NULL, 'p'},
		{"today", required_argument, NULL, 't'},
		{"grace-days", required_argument, NULL, 'g'},
		{"accept-classified", required_argument, NULL, 'A'},
		{"withdraw", required_argument, NULL, 'W'},
		{"reason", required_argument, NULL, 'R'},
		{"purge", required_argument, NULL, 'P'},
		{"migrate", no_argument, NULL, 'M'},
		{"summary", no_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *repo = getenv("GO_STORE"), *branch = "main", *msg = NULL;
	const char *author = NULL, *push = NULL, *today = NULL, *accepted_by = NULL;
	const char *withdraw_id = NULL, *withdraw_why = NULL, *purge_id = NULL;
	int init = 0, dry_run = 0, c, want_summary = 0, migrating = 0;
	long grace = 0;
	while ((c = getopt_long(argc, argv, "hm:", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': repo = optarg; break;
		case 'i': init = 1; break;
		case 'b': branch = optarg; break;
		case 'm': msg = optarg; break;
		case 'a': author = optarg; break;
		case 'n': dry_run = 1; break;
		case 'p': push = optarg; break;
		case 't': today = optarg; break;
		case 'g': grace = go_number_arg(usage, "--grace-days", optarg, 3650); break;
		case 'A': accepted_by = optarg; break;
		case 'W': withdraw_id = optarg; break;
		case 'R': withdraw_why = optarg; break;
		case 'P': purge_id = optarg; break;
		case 'M': migrating = 1; break;
		case 'S': want_summary = 1; break;
		case 'h': go_help(usage);
		case 'V': go_version();
		default: go_usage_error(usage, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (!repo || !*repo)
		go_usage_error(usage, "no store: give --repo DIR or set GO_STORE");
	char *mainref = go_xasprintf("refs/heads/%s", branch);
	int valid = 0;
	git_libgit2_init();
	/* libgit2 caches no tree over 4 KB; a year folder of a large store is
	 * megabytes, and a batch looks into it once per record */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)64 << 20);
	/* nor hash every object it reads again: a year's catalog is megabytes, and
	 * git fsck is there to verify a store */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* Catalogs and year folders are read and rebuilt in buffers of megabytes:
	 * take them from the heap, to be reused, rather than from fresh mappings
	 * that fault in every page again. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	git_reference_name_is_valid(&valid, mainref);
	free(mainref);
	if (!valid)
		go_usage_error(usage, "--branch %s: not a valid branch name", branch);
	/* "public" and every NAME-public are public views: a register written
	 * there would publish its on-request content */
	size_t bl = strlen(branch);
	if (!strcmp(branch, "public") || (bl >= 7 && !strcmp(branch + bl - 7, "-public")))
		go_usage_error(usage, "--branch %s：这是公开视图的分支名，登记分支不能写在那里", branch);
	if (has_control(author))
		go_usage_error(usage, "--author：含换行或控制字符，不能作为提交者身份");
	if (msg && (!*msg || strchr(msg, '\n')))
		go_usage_error(usage, "-m: one non-empty line");
	if (accepted_by && (!*accepted_by || strpbrk(accepted_by, "\n\r()")))
		go_usage_error(usage, "--accept-classified: a name on one line");
	if (purge_id && (withdraw_id || dry_run))
		go_usage_error(usage, "--purge goes without --withdraw and --dry-run");
	if (migrating && (purge_id || withdraw_id || withdraw_why || dry_run || push || argc || init))
		go_usage_error(usage, "--migrate goes alone: no FILE, --withdraw, --purge, --reason, "
			       "--dry-run, --push or --init");
	if (purge_id)
		withdraw_id = purge_id; /* the same checks of ID and --reason */
	if (withdraw_why && !withdraw_id)
		go_usage_error(usage, "--reason goes with --withdraw or --purge");
	if (withdraw_id && (argc || push || !go_valid_id(withdraw_id)))
		go_usage_error(usage, "--withdraw/--purge ID: one valid id, no FILE and no --push");
	if (withdraw_id && (!withdraw_why || go_is_placeholder(withdraw_why) ||
			    has_control(withdraw_why)))
		go_usage_error(usage, "--withdraw、--purge 须用 --reason 写明理由（一行，“无”“略”等占位词不算）");
	if (!withdraw_id && !migrating)
		go_usage_if_tty(argc, usage);

	struct run r = {0};
	git_signature *sig = NULL;
	go_reader rd;
	json_t *rec;
	int status = GO_OK;
	char *public_branch = strcmp(branch, "main") ? go_xasprintf("%s-public", branch)
						      : go_xstrdup("public");
	char *line = NULL, *failed = NULL;
	size_t cap = 0;

	go_reader_init(&rd, argc, argv, 0);
	r.branch = branch;
	r.accepted_by = accepted_by;
	r.summary = go_summary_wanted(want_summary);
	r.pushed = push && !dry_run ? 0 : -1;
	r.check = (go_check_opts){.tool = TOOL, .today = go_today_arg(today)};
	r.interp = (go_interp_opts){.tool = TOOL, .today = r.check.today,
				    .grace_days = (int)grace};
	if (go_store_open(&r.store, repo, init ? GO_STORE_CREATE : 0) < 0 ||
	    (init && guard(r.store) < 0)) {
		status = GO_FATAL;
		goto out;
	}
	sig = go_store_identity(r.store, author);
	if ((sig && (has_control(sig->name) || has_control(sig->email))) ||
	    (!author && (has_control(getenv("GIT_AUTHOR_NAME")) ||
			 has_control(getenv("GIT_AUTHOR_EMAIL"))))) {
		go_warnx("%s：提交者身份含换行或控制字符（来自 git config 或 GIT_AUTHOR_NAME、"
			 "GIT_AUTHOR_EMAIL），未写入任何内容", repo);
		status = GO_FATAL;
		goto out;
	}
	if (!sig && !dry_run) {
		go_warnx(author ? "--author %s: expected 'Name <email>'" :
			 "%s: no identity to publish as: give --author 'Name <email>', or set "
			 "user.name and user.email (git config), or GIT_AUTHOR_NAME and "
			 "GIT_AUTHOR_EMAIL; nothing was written", author ? author : repo);
		status = GO_FATAL;
		goto out;
	}
	if (purge_id) {
		status = purge(&r, branch, public_branch, purge_id, withdraw_why, sig);
		goto out;
	}
	if (migrating) {
		status = migrate(&r, branch, public_branch, sig);
		goto out;
	}
	go_batch_opts bo = {.branch = branch, .public_branch = public_branch,
			    .message = msg, .today = r.check.today, .dry_run = dry_run,
			    .accepted_by = accepted_by};
	if (!(r.batch = go_batch_new(r.store, &bo)) || !(r.spool = go_temp_file())) {
		if (!r.spool && r.batch)
			go_warn("temporary file");
		status = GO_FATAL;
		goto out;
	}
	if (withdraw_id) {
		status = withdraw(&r, withdraw_id, withdraw_why, sig, dry_run);
		goto out;
	}
	int tty = isatty(2);
	while ((rec = go_reader_next(&rd))) {
		int err = take(&r, &rd, rec);
		json_decref(rec);
		if (err < 0) {
			status = GO_FATAL;
			goto out;
		}
		if (tty && r.n % 10000 == 0)
			fprintf(stderr, "\r%s: %zu records read", go_prog(), r.n);
	}
	if (tty && r.n >= 10000)
		fprintf(stderr, "\n");
	if (r.failed || rule7(&r) < 0 || go_batch_commit(r.batch, sig) < 0) {
		/* nothing is lost: every line is still echoed, none published */
		store_failed(&r);
		failed = r.failed;
		r.failed = NULL;
		status = GO_FATAL;
	} else if (push && !dry_run) {
		/* published in the store; not pushed is said on stderr and in
		 * publish.pushed: 1 when the remote refused, 2 on any other failure */
		int pr = go_batch_push(r.batch, push, sig);
		r.pushed = pr == 0;
		if (pr)
			status = pr > 0 ? GO_FINDINGS : GO_FATAL;
	}

	if (fflush(r.spool) != 0 || fseeko(r.spool, 0, SEEK_SET) != 0) {
		go_warn("spool");
		status = GO_FATAL;
		goto out;
	}
	for (size_t i = 0; i < r.n; i++) {
		struct item *it = &r.item[i];
		if (echo(&r, it, failed, &line, &cap) < 0) {
			go_warn("standard output");
			status = GO_FATAL;
			goto out;
		}
	}
	if (r.summary)
		summary(&r, failed);
	if (r.refused && status == GO_OK)
		status = GO_FINDINGS;
	if (rd.io_error)
		status = GO_FATAL;
out:
	for (size_t i = 0; i < r.n; i++) {
		free(r.item[i].reason);
		free(r.item[i].path);
		json_decref(r.item[i].held);
		json_decref(r.item[i].orig);
		json_decref(r.item[i].who);
		json_decref(r.item[i].link);
	}
	free(r.item);
	free(line);
	free(failed);
	free(r.failed);
	free(public_branch);
	if (r.spool)
		fclose(r.spool);
	go_batch_free(r.batch);
	git_signature_free(sig);
	go_store_free(r.store);
	git_libgit2_shutdown();
	go_reader_free(&rd);
	return go_finish(status);
}
