/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * gate.c — what a valid store is (SPEC §6), as one definition for the server's
 * pre-receive hook, the pre-commit hook (both through go-gate) and go-publish:
 * the names git and every checkout can hold, the layout of a branch's tree,
 * withheld documents reduced to their metadata, and the ref updates a push may
 * make. Findings go to a callback; nothing here exits.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"

/* ---- names ------------------------------------------------------------------ */

/* Bytes of a code point HFS+ ignores at s (".g\u200cit" is ".git" there), or 0. */
static size_t hfs_ignorable(const unsigned char *s)
{
	if (s[0] == 0xe2 && s[1] == 0x80 && ((s[2] >= 0x8c && s[2] <= 0x8f) ||
					      (s[2] >= 0xaa && s[2] <= 0xae)))
		return 3;
	if (s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xaa && s[2] <= 0xaf)
		return 3;
	if (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		return 3;
	return 0;
}

/* Does s start with prefix, then '~' and digits only (an NTFS 8.3 short name)? */
static int short_name(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return !strncmp(s, prefix, n) && s[n] == '~' && s[n + 1] &&
	       strspn(s + n + 1, "0123456789") == strlen(s + n + 1);
}

const char *go_name_problem(const char *name)
{
	size_t n = strlen(name);
	if (n == 0)
		return "名称为空";
	if (n > 255)
		return "名称超过 255 字节，多数文件系统无法保存";
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return "名称不能是 . 或 ..";
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return "名称含控制字符";
		if (strchr("/\\:*?\"<>|", *p))
			return "名称含 Windows 不允许的字符（/ \\ : * ? \" < > |）";
	}
	if (name[n - 1] == '.' || name[n - 1] == ' ')
		return "名称以点或空格结尾，Windows 检出时会被去掉，与别的名称相混";
	/* folded to ASCII lower case, without what HFS+ ignores */
	char f[256];
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p;) {
		size_t skip = hfs_ignorable(p);
		if (skip) {
			p += skip;
			continue;
		}
		f[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 'a' - 'A' : *p);
		p++;
	}
	f[k] = '\0';
	if (!strncmp(f, ".git", 4))
		return "以 .git 开头的名称（.git、.gitmodules、.gitattributes 等）由 git 自己使用";
	if (short_name(f, "git") || short_name(f, "gitmod") || short_name(f, "gi7eba"))
		return "名称是 .git 或 .gitmodules 的 Windows 短文件名（如 git~1）";
	/* Windows reserved device names, with or without an extension */
	static const char *const dev[] = {"con", "prn", "aux", "nul", "conin$", "conout$", NULL};
	size_t base = strcspn(f, ".");
	while (base && f[base - 1] == ' ')
		base--;
	for (int i = 0; dev[i]; i++)
		if (base == strlen(dev[i]) && !strncmp(f, dev[i], base))
			return "名称是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9）";
	if (base == 4 && (!strncmp(f, "com", 3) || !strncmp(f, "lpt", 3)) &&
	    f[3] >= '1' && f[3] <= '9')
		return "名称是 Windows 保留的设备名（CON、PRN、AUX、NUL、COM1–COM9、LPT1–LPT9）";
	return NULL;
}

char *go_gate_record_names(json_t *rec)
{
	const char *id = go_str(rec, "id"), *why;
	char *name = id && go_valid_id(id) ? go_xstrdup(id) : NULL, *reason = NULL;
	for (char *p = name; p && *p; p++)
		if (*p == '/')
			*p = '~'; /* as go_store_doc_name, which refuses .git itself */
	/* the reason is the problem's message (issue 17) */
	if (name && (why = go_name_problem(name))) {
		reason = go_xasprintf("id %s 作为文件夹名 %s 无法存入 git 或检出：%s", id, name, why);
		go_problem(rec, go_prog(), GO_ERROR, "unsafe-name", "id", "%s", reason);
	}
	free(name);
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(rec, "attachments"), i, a) {
		const char *file = go_str(a, "name"), *path = go_str(a, "path");
		if (reason)
			break;
		if (!file && path)
			file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		if (!file || !(why = go_name_problem(file)))
			continue;
		reason = go_xasprintf("附件 %zu（%s）的文件名无法存入 git 或检出：%s", i + 1, file, why);
		go_problem(rec, go_prog(), GO_ERROR, "unsafe-name", "attachments", "%s", reason);
	}
	return reason;
}

/* ---- trees ------------------------------------------------------------------ */

struct gate {
	go_store *s;
	git_repository *repo;
	const char *ref;
	int flags;
	go_gate_cb cb;
	void *ctx;
	int findings;
	json_t *names;  /* document folder name -> [path, changed] (whole-tree checks) */
	json_t *folded; /* the same, folded to lower case */
	go_names *ix;   /* the names index of the old tree (store.c), or NULL */
	json_t *added;  /* with ix: folder name -> shard it was added to */
};

static void report(struct gate *g, const char *code, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void report(struct gate *g, const char *code, const char *path, const char *fmt, ...)
{
	if ((g->flags & GO_GATE_CONTENT) && strncmp(code, "withheld-", 9) != 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, go_msg(code, fmt), ap) < 0) /* the run's language */
		msg = NULL; /* the code alone still refuses */
	va_end(ap);
	g->cb(g->ctx, g->ref, path, code, msg ? msg : "");
	free(msg);
	g->findings++;
}

static char *fold(const char *s)
{
	char *f = go_xstrdup(s);
	for (char *p = f; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return f;
}

/* A blob entry as go-publish writes them (100644), else a finding. 1 when fine. */
static int plain_file(struct gate *g, const git_tree_entry *e, const char *path)
{
	switch (git_tree_entry_filemode(e)) {
	case GIT_FILEMODE_BLOB:
		return 1;
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		report(g, "executable", path, "%s 是可执行文件；存储中的文件一律不可执行（100644）", path);
		return 0;
	case GIT_FILEMODE_LINK:
		report(g, "symlink", path, "%s 是符号链接；存储中不得有符号链接", path);
		return 0;
	case GIT_FILEMODE_COMMIT:
		report(g, "submodule", path, "%s 是子模块；存储中不得有子模块", path);
		return 0;
	default:
		report(g, "path-outside-layout", path,
		       "%s 是文件夹，这里只能是文件（SPEC §6 的存储结构）", path);
		return 0;
	}
}

/* A folder entry; a symlink, submodule or file there is a finding. 1 when fine. */
static int folder(struct gate *g, const git_tree_entry *e, const char *path)
{
	if (git_tree_entry_filemode(e) == GIT_FILEMODE_TREE)
		return 1;
	if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK ||
	    git_tree_entry_filemode(e) == GIT_FILEMODE_COMMIT)
		return plain_file(g, e, path);
	report(g, "path-outside-layout", path,
	       "%s 不在存储结构之内：这里只能是文件夹（SPEC §6）", path);
	return 0;
}

/* Names of one folder that differ only in letter case. */
static void case_twins(struct gate *g, git_tree *t, const char *dir)
{
	size_t count = git_tree_entrycount(t);
	if (count <= 16) { /* a document folder: a few names, compared pairwise */
		for (size_t i = 1; i < count; i++)
			for (size_t j = 0; j < i; j++) {
				const char *a = git_tree_entry_name(git_tree_entry_byindex(t, i));
				const char *b = git_tree_entry_name(git_tree_entry_byindex(t, j));
				if (!strcasecmp(a, b))
					report(g, "case-twin", dir,
					       "%s/ 中的 %s 与 %s 只有大小写不同，在不区分大小写的文件系统上检出时相互覆盖",
					       dir, a, b);
			}
		return;
	}
	json_t *seen = json_object();
	for (size_t i = 0, n = git_tree_entrycount(t); i < n; i++) {
		const char *name = git_tree_entry_name(git_tree_entry_byindex(t, i));
		char *f = fold(name);
		const char *other = go_str(seen, f);
		if (other)
			report(g, "case-twin", dir,
			       "%s/ 中的 %s 与 %s 只有大小写不同，在不区分大小写的文件系统上检出时相互覆盖",
			       dir, name, other);
		else
			json_object_set_new(seen, f, json_string(name));
		free(f);
	}
	json_decref(seen);
}

static void check_name(struct gate *g, const char *name, const char *path)
{
	const char *why = go_name_problem(name);
	if (why)
		report(g, "unsafe-name", path, "%s：%s", path, why);
}

static int read_record(struct gate *g, git_tree *doc, const char *dir, json_t **out)
{
	const git_tree_entry *e = git_tree_entry_byname(doc, "record.json");
	git_blob *b = NULL;
	go_json_error jerr;
	char *path = go_xasprintf("%s/record.json", dir);
	*out = NULL;
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		report(g, "record-unreadable", path, "%s/ 没有 record.json", dir);
	} else if (git_blob_lookup(&b, g->repo, git_tree_entry_id(e)) < 0) {
		free(path);
		return go_git_fail(dir);
	} else {
		json_t *rec = go_json_parse(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b), &jerr);
		if (json_is_object(rec))
			*out = rec;
		else {
			report(g, "record-unreadable", path, "%s：不是 JSON 对象（%s）",
			       path, rec ? "not an object" : jerr.text);
			json_decref(rec);
		}
	}
	git_blob_free(b);
	free(path);
	return 0;
}

/* One document folder docs/<YYYY>/<MM>/<name> (or docs/<YYYY>/<name>), tree t. */
static int check_doc(struct gate *g, git_tree *t, const char *dir, const char *name)
{
	json_t *rec = NULL;
	check_name(g, name, dir);
	case_twins(g, t, dir);
	if (read_record(g, t, dir, &rec) < 0)
		return -1;
	const char *attr = NULL;
	if (rec) {
		char *path = go_xasprintf("%s/record.json", dir);
		attr = go_norm_attribute(go_str(rec, "attribute") ? go_str(rec, "attribute") : "");
		if (json_object_get(rec, "invalid_line") || json_object_get(rec, "invalid_line_base64"))
			report(g, "invalid-line-record", path,
			       "%s 是一行无法读取的输入（invalid_line），不是记录，不得入库", path);
		const char *id = go_str(rec, "id");
		char *want = id ? go_store_doc_name(id) : NULL;
		if (!want)
			report(g, "folder-id-mismatch", path, "%s 没有有效的 id，文件夹 %s 无从核对", path, name);
		else if (strcmp(want, name) != 0)
			report(g, "folder-id-mismatch", path,
			       "文件夹名 %s 与记录的 id %s 不符（应为 %s）", name, id, want);
		free(want);
		if (attr && !strcmp(attr, "withheld")) {
			json_t *norm = json_deep_copy(rec);
			go_normalise(norm);
			json_t *kept = go_store_record(norm);
			const char *key;
			json_t *v;
			json_object_foreach(norm, key, v)
				if (!json_object_get(kept, key))
					report(g, "withheld-extra-field", path,
					       "不予公开的文件只登记元数据（id office kind date attribute "
					       "category reason basis review）：字段 %s 不得入库", key);
			json_decref(kept);
			json_decref(norm);
		}
		if ((g->flags & GO_GATE_PUBLIC) && (!attr || strcmp(attr, "proactive")))
			report(g, "public-not-projection", path,
			       "public 分支只能有主动公开的文件，%s 的公开属性是 %s",
			       id ? id : name, go_str(rec, "attribute") ? go_str(rec, "attribute") : "（无）");
		free(path);
	}
	int withheld = attr && !strcmp(attr, "withheld");
	for (size_t i = 0, n = git_tree_entrycount(t); i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		const char *en = git_tree_entry_name(e);
		char *path = go_xasprintf("%s/%s", dir, en);
		int known = !strcmp(en, "record.json") || !strcmp(en, "body.md") || !strcmp(en, "files");
		if (withheld && strcmp(en, "record.json"))
			report(g, "withheld-extra-file", path,
			       "不予公开的文件只登记 record.json：%s 不得入库", path);
		else if (!known)
			report(g, "path-outside-layout", path,
			       "%s 不在存储结构之内：文件夹里只能有 record.json、body.md 和 files/", path);
		else if (strcmp(en, "files"))
			plain_file(g, e, path);
		else if (folder(g, e, path)) {
			git_tree *ft = NULL;
			if (git_tree_lookup(&ft, g->repo, git_tree_entry_id(e)) < 0) {
				go_git_fail(path);
				free(path);
				json_decref(rec);
				return -1;
			}
			case_twins(g, ft, path);
			for (size_t j = 0, m = git_tree_entrycount(ft); j < m; j++) {
				const git_tree_entry *fe = git_tree_entry_byindex(ft, j);
				char *fp = go_xasprintf("%s/%s", path, git_tree_entry_name(fe));
				check_name(g, git_tree_entry_name(fe), fp);
				plain_file(g, fe, fp);
				free(fp);
			}
			git_tree_free(ft);
		}
		free(path);
	}
	json_decref(rec);
	return 0;
}

/* Remember a document folder for the checks across years: the same name or
 * one differing in case only, when either of the two changed. */
static void note_name(struct gate *g, const char *name, const char *path, int changed)
{
	if (!g->names)
		return;
	/* the value: '1' (changed) or '0', then the folder's path */
	const char *prev = go_str(g->names, name);
	if (prev && (changed || prev[0] == '1'))
		report(g, "duplicate-document", path, "%s 与 %s 是同一个 id 的两份文件", path, prev + 1);
	char *v = go_xasprintf("%c%s", changed ? '1' : '0', path);
	json_object_set_new(g->names, name, json_string(v));
	char *f = fold(name);
	prev = go_str(g->folded, f);
	if (prev && (changed || prev[0] == '1') && strcmp(strrchr(prev, '/') + 1, name) != 0)
		report(g, "case-twin", path,
		       "%s 与 %s 只有大小写不同：go-publish 不接受只差大小写的 id，"
		       "不区分大小写的文件系统也无法同时检出", path, prev + 1);
	json_object_set_new(g->folded, f, json_string(v));
	free(f);
	free(v);
}

static git_tree *subtree(struct gate *g, git_tree *t, const char *name)
{
	const git_tree_entry *e = t ? git_tree_entry_byname(t, name) : NULL;
	git_tree *out = NULL;
	if (e && git_tree_entry_type(e) == GIT_OBJECT_TREE)
		git_tree_lookup(&out, g->repo, git_tree_entry_id(e));
	return out;
}

/* Documents of old's shard oy that root no longer has, anywhere. */
static void deletions(struct gate *g, git_tree *oy, const char *yname, git_tree *root,
		git_tree *now)
{
	for (size_t i = 0, n = oy ? git_tree_entrycount(oy) : 0; i < n; i++) {
		const char *name = git_tree_entry_name(git_tree_entry_byindex(oy, i));
		if (json_object_get(g->names, name))
			continue;
		/* with the index only changed folders were noted: still in its shard,
		 * or in another one */
		if (g->ix && ((now && git_tree_entry_byname(now, name)) ||
			      go_store_find_name(g->repo, root, name, NULL, NULL) == 1))
			continue;
		char *path = go_xasprintf("docs/%s/%s", yname, name);
		report(g, "document-deleted", path,
		       "%s 被删除了：已登记的文件不能删除，只能以记录的方式撤回", path);
		free(path);
	}
}

/* The shape of docs/: year folders, each wholly in one layout (store.c), the
 * whole tree in one layout. The layout, or -1. */
static int check_layout(struct gate *g, git_tree *docs)
{
	int all = GO_LAYOUT_NONE, mixed_year = 0;
	case_twins(g, docs, "docs");
	for (size_t i = 0, n = git_tree_entrycount(docs); i < n; i++) {
		const git_tree_entry *ye = git_tree_entry_byindex(docs, i);
		const char *yname = git_tree_entry_name(ye);
		char *ypath = go_xasprintf("docs/%s", yname);
		git_tree *yt = NULL;
		if (!go_store_year_name(yname))
			report(g, "path-outside-layout", ypath,
			       "%s 不在存储结构之内：docs/ 下只能是年份文件夹（docs/<YYYY>/<MM>/）", ypath);
		else if (folder(g, ye, ypath)) {
			int l = git_tree_lookup(&yt, g->repo, git_tree_entry_id(ye)) < 0 ? -1 :
				go_store_year_layout(g->repo, yt);
			if (l < 0) {
				git_tree_free(yt);
				free(ypath);
				return go_git_fail(yname);
			}
			if (l == GO_LAYOUT_MIXED) {
				mixed_year = 1;
				report(g, "mixed-layout", ypath,
				       "%s/ 中既有月份文件夹（<MM>/<名称>/）又有直接放在年份下的文档"
				       "（<名称>/）：一个库只能有一种存储结构，请用 go-publish --migrate 迁移",
				       ypath);
			}
			for (size_t j = 0, m = l == GO_LAYOUT_MONTH ? git_tree_entrycount(yt) : 0; j < m; j++) {
				const git_tree_entry *me = git_tree_entry_byindex(yt, j);
				char *mpath = go_xasprintf("%s/%s", ypath, git_tree_entry_name(me));
				if (git_tree_entry_filemode(me) != GIT_FILEMODE_TREE)
					folder(g, me, mpath);
				free(mpath);
			}
			all |= l;
		}
		git_tree_free(yt);
		free(ypath);
	}
	if (all == GO_LAYOUT_MIXED && !mixed_year)
		report(g, "mixed-layout", "docs",
		       "docs/ 中有的年份按月存放（docs/<YYYY>/<MM>/<名称>/），有的按年存放"
		       "（docs/<YYYY>/<名称>/）：一个库只能有一种存储结构，请用 go-publish --migrate 迁移");
	return all;
}

/* The shard named name in v[0..n), or NULL: shards are compared by their tree
 * ids, and a tree is read only when it changed (issue 18). */
static const go_shard *shard_named(const go_shard *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

/* The tree of shard x, or NULL (none, or unreadable). */
static git_tree *shard_tree(struct gate *g, const go_shard *x)
{
	git_tree *t = NULL;
	if (x && go_shard_tree(g->repo, x, &t) < 0) {
		git_error_clear();
		t = NULL;
	}
	return t;
}

static int check_docs(struct gate *g, git_tree *old, git_tree *root)
{
	git_tree *docs = subtree(g, root, "docs");
	go_shard *sh = NULL, *osh = NULL;
	size_t nsh = 0, nosh = 0;
	int err = 0;
	if (docs && check_layout(g, docs) < 0)
		err = -1;
	if (!err && (go_store_shards(g->repo, root, 0, &sh, &nsh, NULL) < 0 ||
		     go_store_shards(g->repo, old, 0, &osh, &nosh, NULL) < 0))
		err = go_git_fail("docs");
	for (size_t i = 0; i < nsh && !err; i++) {
		char *ypath = go_xasprintf("docs/%s", sh[i].name);
		const go_shard *os = shard_named(osh, nosh, sh[i].name);
		int same_year = os && !memcmp(os->oid, sh[i].oid, sizeof os->oid);
		git_tree *yt = NULL, *oyt = NULL;
		if (same_year && (!g->names || g->ix))
			goto next;
		oyt = shard_tree(g, os);
		if (go_shard_tree(g->repo, &sh[i], &yt) < 0) {
			err = go_git_fail(ypath);
			goto next;
		}
		for (size_t j = 0, m = git_tree_entrycount(yt); j < m && !err; j++) {
			const git_tree_entry *de = git_tree_entry_byindex(yt, j);
			const char *name = git_tree_entry_name(de);
			const git_tree_entry *ode = same_year ? de :
				oyt ? git_tree_entry_byname(oyt, name) : NULL;
			int changed = !ode || !git_oid_equal(git_tree_entry_id(ode), git_tree_entry_id(de)) ||
				      git_tree_entry_filemode(ode) != git_tree_entry_filemode(de);
			if (g->ix && !changed)
				continue; /* the index answers for the folders left alone */
			char *path = go_xasprintf("%s/%s", ypath, name);
			note_name(g, name, path, changed);
			if (g->ix && !ode)
				json_object_set_new(g->added, name, json_string(sh[i].name));
			if (changed && folder(g, de, path)) {
				git_tree *dt = NULL;
				if (git_tree_lookup(&dt, g->repo, git_tree_entry_id(de)) < 0)
					err = go_git_fail(path);
				else
					err = check_doc(g, dt, path, name);
				git_tree_free(dt);
			}
			free(path);
		}
next:
		git_tree_free(yt);
		git_tree_free(oyt);
		free(ypath);
	}
	if (!err && (g->flags & GO_GATE_DELETIONS) && g->names)
		for (size_t i = 0; i < nosh; i++) {
			const go_shard *ns = shard_named(sh, nsh, osh[i].name);
			git_tree *now = NULL, *oyt = NULL;
			if ((ns && !memcmp(ns->oid, osh[i].oid, sizeof ns->oid)) ||
			    go_shard_tree(g->repo, &osh[i], &oyt) < 0)
				continue;
			now = shard_tree(g, ns);
			deletions(g, oyt, osh[i].name, root, now);
			git_tree_free(now);
			git_tree_free(oyt);
		}
	/* a folder added to a shard: the same name, or one differing in case
	 * only, elsewhere in the store (the index of the old tree, checked against
	 * root: a folder this change removes meets no one) */
	const char *name;
	json_t *v;
	json_object_foreach(g->added, name, v) {
		char *other = NULL, *where = NULL;
		int r = err ? 0 : go_names_lookup(g->ix, name, &other, &where);
		char *opath = r ? go_xasprintf("docs/%s/%s", where, other) : NULL;
		char *path = go_xasprintf("docs/%s/%s", json_string_value(v), name);
		git_tree_entry *e = NULL;
		int there = opath && strcmp(opath, path) && git_tree_entry_bypath(&e, root, opath) == 0;
		git_tree_entry_free(e);
		git_error_clear();
		if (there && r == 1)
			report(g, "duplicate-document", path, "%s 与 %s 是同一个 id 的两份文件", path, opath);
		else if (there && r == 2)
			report(g, "case-twin", path,
			       "%s 与 %s 只有大小写不同：go-publish 不接受只差大小写的 id，"
			       "不区分大小写的文件系统也无法同时检出", path, opath);
		free(opath);
		free(path);
		free(other);
		free(where);
	}
	free(sh);
	free(osh);
	git_tree_free(docs);
	return err;
}

/* catalog/<YYYY>/<MM>.jsonl (catalog/<YYYY>.jsonl in the year layout). */
static void check_catalog(struct gate *g, git_tree *root)
{
	git_tree *cat = subtree(g, root, "catalog");
	for (size_t i = 0, n = cat ? git_tree_entrycount(cat) : 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(cat, i);
		const char *name = git_tree_entry_name(e);
		char *path = go_xasprintf("catalog/%s", name);
		char year[5] = "";
		git_tree *yt = NULL;
		if (strlen(name) == 10 && !strcmp(name + 4, ".jsonl"))
			memcpy(year, name, 4);
		if (go_store_year_name(name) && git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		    git_tree_lookup(&yt, g->repo, git_tree_entry_id(e)) == 0) {
			for (size_t j = 0, m = git_tree_entrycount(yt); j < m; j++) {
				const git_tree_entry *me = git_tree_entry_byindex(yt, j);
				const char *mn = git_tree_entry_name(me);
				char month[3] = "";
				char *mpath = go_xasprintf("%s/%s", path, mn);
				if (strlen(mn) == 8 && !strcmp(mn + 2, ".jsonl"))
					memcpy(month, mn, 2);
				if (!go_store_month_name(month))
					report(g, "path-outside-layout", mpath,
					       "%s 不在存储结构之内：catalog/<YYYY>/ 下只能是 <MM>.jsonl", mpath);
				else
					plain_file(g, me, mpath);
				free(mpath);
			}
		} else if (!go_store_year_name(year))
			report(g, "path-outside-layout", path,
			       "%s 不在存储结构之内：catalog/ 下只能是 <YYYY>/<MM>.jsonl", path);
		else
			plain_file(g, e, path);
		git_tree_free(yt);
		free(path);
	}
	git_tree_free(cat);
}

/* purges/ on main: the purge audit log (go-publish --purge) and nothing else. */
static void purges_folder(struct gate *g, const git_tree_entry *e)
{
	git_tree *t = NULL;
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE ||
	    git_tree_lookup(&t, g->repo, git_tree_entry_id(e)) < 0) {
		git_error_clear();
		report(g, "path-outside-layout", "purges", "purges 须为文件夹，只有 log.jsonl（清除记录）");
		return;
	}
	for (size_t i = 0, n = git_tree_entrycount(t); i < n; i++) {
		const git_tree_entry *f = git_tree_entry_byindex(t, i);
		char *path = go_xasprintf("purges/%s", git_tree_entry_name(f));
		if (strcmp(git_tree_entry_name(f), "log.jsonl") == 0)
			plain_file(g, f, path);
		else
			report(g, "path-outside-layout", path,
			       "%s 不在存储结构之内：purges/ 只能有 log.jsonl（清除记录）", path);
		free(path);
	}
	git_tree_free(t);
}

int go_gate_tree(go_store *s, git_tree *old, git_tree *root, int flags, const char *ref,
		 go_gate_cb cb, void *ctx)
{
	struct gate g = {s, go_store_repo(s), ref, flags, cb, ctx, 0, NULL, NULL, NULL, NULL};
	if (!(flags & GO_GATE_CONTENT)) {
		g.names = json_object();
		g.folded = json_object();
		g.added = json_object();
		/* issue 18: against an old tree in the month layout, what changed
		 * is checked, and the index answers for the rest */
		int lo = old ? go_store_layout(g.repo, old) : GO_LAYOUT_NONE;
		int lr = go_store_layout(g.repo, root);
		if (lo == GO_LAYOUT_MONTH && lr == GO_LAYOUT_MONTH)
			g.ix = go_names_open(s, old);
		/* migrated is migrated: the year layout does not come back */
		if (lo == GO_LAYOUT_MONTH && lr == GO_LAYOUT_YEAR)
			report(&g, "mixed-layout", "docs",
			       "docs/ 已按月存放（docs/<YYYY>/<MM>/<名称>/）：不能改回按年存放"
			       "（docs/<YYYY>/<名称>/）的旧结构");
	}
	for (size_t i = 0, n = git_tree_entrycount(root); i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(root, i);
		const char *name = git_tree_entry_name(e);
		if (!strcmp(name, "docs") || ((flags & GO_GATE_PUBLIC) && !strcmp(name, "catalog")))
			folder(&g, e, name);
		else if (!(flags & GO_GATE_PUBLIC) && !strcmp(name, ".pre-commit-config.yaml"))
			plain_file(&g, e, name); /* a checkout's hooks (go-hooks(7)) */
		else if (!(flags & GO_GATE_PUBLIC) && !strcmp(name, "purges"))
			purges_folder(&g, e);
		else
			report(&g, "path-outside-layout", name,
			       (flags & GO_GATE_PUBLIC) ?
			       "%s 不在存储结构之内：public 分支只能有 docs/ 和 catalog/" :
			       "%s 不在存储结构之内：登记分支只能有 docs/<YYYY>/<MM>/<名称>/", name);
	}
	int err = check_docs(&g, old, root);
	if (!err && (flags & GO_GATE_PUBLIC))
		check_catalog(&g, root);
	json_decref(g.names);
	json_decref(g.folded);
	json_decref(g.added);
	go_names_free(g.ix);
	return err < 0 ? -1 : g.findings;
}

/* ---- ref updates -------------------------------------------------------------- */

/* The register a public view shows: refs/heads/public is main's, NAME-public
 * NAME's (go-publish --branch NAME). A new string, or NULL for another ref. */
static char *viewed_register(const char *ref)
{
	size_t n = strlen(ref);
	if (!strcmp(ref, "refs/heads/public"))
		return go_xstrdup("refs/heads/main");
	if (!strncmp(ref, "refs/heads/", 11) && n > 11 + 7 && !strcmp(ref + n - 7, "-public"))
		return go_xasprintf("%.*s", (int)(n - 7), ref);
	return NULL;
}

/* main, a public view, or a register whose view exists: never deleted or rewound. */
static int protected_ref(git_repository *repo, const char *ref)
{
	char *reg = viewed_register(ref);
	if (reg || !strcmp(ref, "refs/heads/main")) {
		free(reg);
		return 1;
	}
	char *view = go_xasprintf("%s-public", ref);
	git_oid oid;
	int has = git_reference_name_to_id(&oid, repo, view) == 0;
	free(view);
	return has;
}

static int commit_tree(git_repository *repo, const git_oid *oid, git_tree **tree)
{
	git_commit *c = NULL;
	int err = git_commit_lookup(&c, repo, oid);
	if (err == 0)
		err = git_commit_tree(tree, c);
	git_commit_free(c);
	return err;
}

/* A ref's target as a commit id, when it is one (a branch's tip). */
static int ref_commit(git_repository *repo, const char *ref, git_oid *out)
{
	git_object *o = NULL, *c = NULL;
	int err = git_revparse_single(&o, repo, ref);
	if (err == 0 && (err = git_object_peel(&c, o, GIT_OBJECT_COMMIT)) == 0)
		git_oid_cpy(out, git_object_id(c));
	git_object_free(o);
	git_object_free(c);
	return err;
}

/* Each commit the push brings to this branch before its tip (the tip is checked
 * whole): no withheld text may enter the store on the way. */
static int check_history(go_store *s, const git_oid *old, const git_oid *new, int flags,
			 const char *ref, go_gate_cb cb, void *ctx)
{
	git_repository *repo = go_store_repo(s);
	git_revwalk *w = NULL;
	git_oid oid;
	int findings = 0, err = 0;
	if (git_revwalk_new(&w, repo) < 0 || git_revwalk_push(w, new) < 0 ||
	    (!git_oid_is_zero(old) && git_revwalk_hide(w, old) < 0) ||
	    git_revwalk_hide_glob(w, "refs/heads/*") < 0) {
		git_revwalk_free(w);
		return go_git_fail(ref);
	}
	while (err >= 0 && git_revwalk_next(&oid, w) == 0) {
		git_commit *c = NULL, *p = NULL;
		git_tree *t = NULL, *pt = NULL;
		if (git_oid_equal(&oid, new))
			continue;
		if (git_commit_lookup(&c, repo, &oid) < 0 || git_commit_tree(&t, c) < 0 ||
		    (git_commit_parentcount(c) && (git_commit_parent(&p, c, 0) < 0 ||
						   git_commit_tree(&pt, p) < 0))) {
			err = go_git_fail(ref);
		} else {
			char hex[8];
			git_oid_tostr(hex, sizeof hex, &oid);
			char *at = go_xasprintf("%s (commit %s)", ref, hex);
			int r = go_gate_tree(s, pt, t, flags | GO_GATE_CONTENT, at, cb, ctx);
			free(at);
			if (r < 0)
				err = -1;
			else
				findings += r;
		}
		git_tree_free(t);
		git_tree_free(pt);
		git_commit_free(c);
		git_commit_free(p);
	}
	git_revwalk_free(w);
	return err < 0 ? -1 : findings;
}

/* A public view's tree got must be the projection (project.c) of its register's
 * tree m (NULL: no register). */
static int check_projection_tree(struct gate *g, git_tree *got, git_tree *m, const char *reg)
{
	git_tree *want = NULL;
	git_diff *diff = NULL;
	git_oid proj;
	char *why = NULL;
	int err = -1;
	if (go_project_public(g->s, m, &proj, &why) < 0) {
		go_warnx("%s: %s", g->ref ? g->ref : reg, why ? why : "cannot project");
		goto out;
	}
	err = 0;
	if (git_oid_equal(&proj, git_tree_id(got)))
		goto out;
	if (git_tree_lookup(&want, g->repo, &proj) < 0 ||
	    git_diff_tree_to_tree(&diff, g->repo, want, got, NULL) < 0) {
		err = go_git_fail(reg);
		goto out;
	}
	size_t nd = git_diff_num_deltas(diff);
	report(g, "public-not-projection", NULL,
	       "公开视图必须正好是 %s 的投影（主动公开的文件及其目录行），有 %zu 个文件不同",
	       reg, nd);
	for (size_t i = 0; i < nd && i < 20; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *path = d->new_file.path ? d->new_file.path : d->old_file.path;
		report(g, "public-not-projection", path,
		       d->status == GIT_DELTA_ADDED ?
		       "%s 不应在公开视图上：%s 上没有这个主动公开的文件" :
		       d->status == GIT_DELTA_DELETED ?
		       "%s 在公开视图上缺少：%s 上它是主动公开的" :
		       "%s 与 %s 的投影不同", path, reg);
	}
out:
	free(why);
	git_diff_free(diff);
	git_tree_free(want);
	return err;
}

int go_gate_projection(go_store *s, git_tree *pub, git_tree *main_root, const char *ref,
		       const char *reg, go_gate_cb cb, void *ctx)
{
	struct gate g = {s, go_store_repo(s), ref, 0, cb, ctx, 0, NULL, NULL, NULL, NULL};
	return check_projection_tree(&g, pub, main_root, reg) < 0 ? -1 : g.findings;
}

/* The same for commits: pub's tree, the register's tip main_tip (NULL: none). */
static int check_projection(struct gate *g, const git_oid *pub, const git_oid *main_tip,
			    const char *reg)
{
	git_tree *m = NULL, *got = NULL;
	int err = -1;
	if ((main_tip && commit_tree(g->repo, main_tip, &m) < 0) ||
	    commit_tree(g->repo, pub, &got) < 0)
		go_git_fail(g->ref);
	else
		err = check_projection_tree(g, got, m, reg);
	git_tree_free(m);
	git_tree_free(got);
	return err;
}

int go_gate_push(go_store *s, const go_ref_update *u, size_t n, go_gate_cb cb, void *ctx)
{
	git_repository *repo = go_store_repo(s);
	struct gate g = {s, repo, NULL, 0, cb, ctx, 0, NULL, NULL, NULL, NULL};
	git_oid *old = go_xcalloc(n + 1, sizeof *old), *new = go_xcalloc(n + 1, sizeof *new);
	git_oid *tips = NULL;
	size_t ntips = 0, cap = 0;
	git_reference_iterator *it = NULL;
	const char *name;
	int err = 0, findings = 0;

	for (size_t i = 0; i < n; i++)
		if (git_oid_fromstr(&old[i], u[i].old) < 0 || git_oid_fromstr(&new[i], u[i].new) < 0) {
			go_warnx("%s: '%s %s' are not two object ids", u[i].ref, u[i].old, u[i].new);
			err = -1;
			goto out;
		}
	/* The branch tips once the push is done, which a tag must stay within. */
	if (git_reference_iterator_glob_new(&it, repo, "refs/heads/*") < 0) {
		err = go_git_fail("refs/heads");
		goto out;
	}
	while (git_reference_next_name(&name, it) == 0) {
		size_t i = 0;
		while (i < n && strcmp(u[i].ref, name))
			i++;
		git_oid tip;
		if (i < n || ref_commit(repo, name, &tip) < 0)
			continue;
		if (ntips == cap)
			tips = go_xrealloc(tips, (cap = 2 * cap + 16) * sizeof *tips);
		tips[ntips++] = tip;
	}
	for (size_t i = 0; i < n; i++)
		if (!strncmp(u[i].ref, "refs/heads/", 11) && !git_oid_is_zero(&new[i])) {
			if (ntips == cap)
				tips = go_xrealloc(tips, (cap = 2 * cap + 16) * sizeof *tips);
			tips[ntips++] = new[i];
		}

	for (size_t i = 0; i < n && err >= 0; i++) {
		const char *ref = u[i].ref;
		g.ref = ref;
		if (!strncmp(ref, "refs/tags/", 10)) {
			git_object *o = NULL, *c = NULL;
			if (git_oid_is_zero(&new[i]))
				continue;
			if (git_object_lookup(&o, repo, &new[i], GIT_OBJECT_ANY) < 0) {
				err = go_git_fail(ref);
				continue;
			}
			if (git_object_peel(&c, o, GIT_OBJECT_COMMIT) < 0) {
				report(&g, "tag-outside-branches", NULL,
				       "标签只能指向分支上的提交：它指向的 %s 不是提交，可能夹带未经检查的内容",
				       git_object_type2string(git_object_type(o)));
			} else {
				const git_oid *id = git_object_id(c);
				int on = 0;
				for (size_t k = 0; k < ntips && !on; k++)
					on = git_oid_equal(id, &tips[k]);
				if (!on && ntips)
					on = git_graph_reachable_from_any(repo, id, tips, ntips) == 1;
				if (!on)
					report(&g, "tag-outside-branches", NULL,
					       "标签只能指向分支上的提交：提交 %.7s 不在任何分支上，"
					       "其中的内容没有经过检查", git_oid_tostr_s(id));
			}
			git_object_free(o);
			git_object_free(c);
			continue;
		}
		if (strncmp(ref, "refs/heads/", 11) != 0) {
			report(&g, "ref-not-allowed", NULL,
			       "存储只接受分支（refs/heads/）和标签（refs/tags/）：%s（如 git notes）"
			       "可以夹带未经检查的内容", ref);
			continue;
		}
		int prot = protected_ref(repo, ref);
		if (git_oid_is_zero(&new[i])) {
			if (prot)
				report(&g, "ref-deleted", NULL,
				       "%s 不能删除：它是登记簿或公开视图，历史就是审计记录", ref);
			continue;
		}
		if (prot && !git_oid_is_zero(&old[i]) && !git_oid_equal(&old[i], &new[i]) &&
		    git_graph_descendant_of(repo, &new[i], &old[i]) != 1)
			report(&g, "non-fast-forward", NULL,
			       "%s 只能向前推进：这次推送会改写或丢掉已有的提交（%.7s 不在新提交的历史中）",
			       ref, git_oid_tostr_s(&old[i]));
		char *reg = viewed_register(ref);
		int flags = reg ? GO_GATE_PUBLIC : 0;
		git_tree *t = NULL, *ot = NULL;
		git_oid base;
		if (!git_oid_is_zero(&old[i])) {
			if (commit_tree(repo, &old[i], &ot) < 0)
				err = go_git_fail(ref);
			if (!reg)
				flags |= GO_GATE_DELETIONS;
		} else if (!reg && ref_commit(repo, "refs/heads/main", &base) == 0) {
			commit_tree(repo, &base, &ot); /* a new branch: what differs from main */
		}
		if (err >= 0 && commit_tree(repo, &new[i], &t) < 0) {
			report(&g, "path-outside-layout", NULL, "%s 指向的不是提交", ref);
		} else if (err >= 0) {
			int r = go_gate_tree(s, ot, t, flags, ref, cb, ctx);
			int h = r < 0 ? -1 : check_history(s, &old[i], &new[i], flags & GO_GATE_PUBLIC,
							  ref, cb, ctx);
			if (r < 0 || h < 0)
				err = -1;
			else
				findings += r + h;
		}
		if (err >= 0 && reg) {
			/* the register as it will be once this push is done */
			git_oid tip;
			const git_oid *mt = NULL;
			size_t k = 0;
			while (k < n && strcmp(u[k].ref, reg))
				k++;
			if (k < n)
				mt = git_oid_is_zero(&new[k]) ? NULL : &new[k];
			else if (ref_commit(repo, reg, &tip) == 0)
				mt = &tip;
			if (check_projection(&g, &new[i], mt, reg) < 0)
				err = -1;
		}
		git_tree_free(t);
		git_tree_free(ot);
		free(reg);
	}
out:
	git_reference_iterator_free(it);
	free(tips);
	free(old);
	free(new);
	return err < 0 ? -1 : findings + g.findings;
}
