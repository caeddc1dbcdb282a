/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* go-archive create: a BagIt bag of the store's documents, or of records. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "modes.h"

struct att {
	char *name;
	char *file;       /* a local file, or */
	char *repo;       /* the repository of blob */
	git_oid blob;
};

struct doc {
	char *dir;        /* docs/<YYYY>/<MM>/<name> */
	off_t off;        /* record.json, then the body, in the spool */
	size_t reclen, bodylen;
	int has_body;
	struct att *att;
	size_t natt;
};

struct create {
	const char *out;
	go_bag_out *bag;
	go_archive_writer *w;
	go_archive_writer *payload; /* every payload file, as it is read and hashed */
	go_worker *worker;  /* hashes and writes the payload */
	go_archive_writer *sha512; /* manifest-sha512.txt, written beside the other tags */
	uint64_t files, bytes;
	int tty;
	time_t last;
	/* records input */
	FILE *spool;
	struct doc *docs;
	size_t ndocs;
	go_store **stores;  /* attachment blobs' repositories, opened once */
	char **store_paths;
	size_t nstores;
};

static void progress(struct create *c, int done)
{
	if (!c->tty)
		return;
	time_t now = time(NULL);
	if (!done && now == c->last)
		return;
	c->last = now;
	char size[32];
	go_bagit_size(c->bytes, size);
	if (done)
		fprintf(stderr, "\r%s: writing %" PRIu64 "/%" PRIu64 " files, %s\n", go_prog(),
			c->files, c->files, size);
	else
		fprintf(stderr, "\r%s: writing %" PRIu64 " files, %s ", go_prog(), c->files, size);
}

/*
 * Each file is read once: hashed for the manifests and written into the
 * payload's spool (compressed as OUT will be), so that the tag files can come
 * first and the payload then follows them from the spool, without reading
 * git's objects, parsing records or opening attachments again. The hashing,
 * the tar and the compression run in a second thread (lib/worker.c), beside
 * the reading of git's objects, as zstd beside `git archive` in a pipe; in
 * the same order, so the bytes are the same with GO_ARCHIVE_THREADS=1.
 */
enum { M_FILE, M_DATA, M_END, M_SHA512 };

static int payload_msg(void *ctx, int tag, const void *p, size_t n)
{
	struct create *c = ctx;
	if (tag == M_DATA) {
		go_bag_out_data(c->bag, p, n);
		return go_archive_data(c->payload, p, n);
	}
	if (tag == M_FILE) {
		uint64_t size;
		memcpy(&size, p, sizeof size);
		const char *path = (const char *)p + sizeof size;
		go_bag_out_begin(c->bag, path);
		return go_archive_file(c->payload, path, size);
	}
	if (tag == M_SHA512)
		return go_bag_out_write_sha512(c->bag, c->sha512);
	if (go_bag_out_end(c->bag) < 0) {
		go_warn("temporary file");
		return -1;
	}
	return 0;
}

static int sink_file(struct create *c, const char *path, uint64_t size)
{
	/* NFC, as archive readers give names back (libarchive normalises): the
	 * entry and its manifest line the same. */
	char *raw = go_xasprintf("data/%s", path), *p = go_bagit_nfc(raw);
	free(raw);
	c->files++;
	c->bytes += size;
	progress(c, 0);
	size_t n = strlen(p) + 1;
	char *m = go_xmalloc(sizeof size + n);
	memcpy(m, &size, sizeof size);
	memcpy(m + sizeof size, p, n);
	int rc = go_worker_send(c->worker, M_FILE, m, sizeof size + n) ? -1 : 0;
	free(m);
	free(p);
	return rc;
}

static int sink_data(struct create *c, const void *p, size_t n)
{
	return go_worker_send(c->worker, M_DATA, p, n) ? -1 : 0;
}

static int sink_end(struct create *c)
{
	return go_worker_send(c->worker, M_END, NULL, 0) ? -1 : 0;
}

static int store_file(void *ctx, const char *path, const void *data, size_t size)
{
	struct create *c = ctx;
	if (sink_file(c, path, size) < 0 || sink_data(c, data, size) < 0)
		return -1;
	return sink_end(c);
}

/* Document folders in git's order. */
int archive_dir_cmp(const char *a, const char *b)
{
	return go_store_entry_cmp(a, strlen(a), 1, b, strlen(b), 1);
}

static int doc_cmp(const void *a, const void *b)
{
	return archive_dir_cmp(((const struct doc *)a)->dir, ((const struct doc *)b)->dir);
}

static int att_cmp(const void *a, const void *b)
{
	return strcmp(((const struct att *)a)->name, ((const struct att *)b)->name);
}

/* Read the selected records of the input into c->docs (sorted in git's order)
 * and their record.json and body into the spool; *latest gets the newest
 * published or date among them (0 for none). A record left out sets *status.
 * Returns -1 when the same document comes twice (nothing is written then). */
static int load_records(struct create *c, int nfiles, char **files, const go_archive_select *sel,
			int *latest, int *status)
{
	go_reader rd;
	json_t *rec;
	size_t cap = 0;
	go_reader_init(&rd, nfiles, files, 0);
	if (!(c->spool = go_temp_file()))
		go_die("temporary file");
	*latest = 0;
	while ((rec = go_reader_next(&rd))) {
		char *dir = NULL;
		if (go_is_invalid(rec))
			goto refuse;   /* the reader said why */
		go_normalise(rec);
		const char *id = go_str(rec, "id"), *date = go_str(rec, "date");
		const char *attr = go_str(rec, "attribute");
		if (!(dir = go_store_doc_dir(id, date))) {
			go_warnx("%s: %s: no valid id and date: not archived", rd.at, id ? id : "(no id)");
			goto refuse;
		}
		/* Fail closed, as go-publish: a misspelt or absent attribute could
		 * be a withheld record whose body must not be archived. */
		if (!go_is_attribute_code(attr)) {
			go_warnx("%s: %s: 公开属性 '%s' 不是 proactive、on-request、withheld 之一"
				 " (attribute is not a code): not archived", rd.at, id,
				 json_is_string(json_object_get(rec, "attribute")) ? attr : "(none)");
			goto refuse;
		}
		int day;
		go_parse_date(date, &day);
		if ((sel->year && go_date_year(day) != sel->year) || !go_archive_selected(sel, attr)) {
			free(dir);
			json_decref(rec);
			continue;
		}
		int withheld = attr && strcmp(attr, "withheld") == 0;
		struct doc d = {.dir = dir};
		/* The folder go-publish would make of this record (doc.c). */
		go_doc_att *atts = NULL;
		size_t natts = 0;
		char *why = NULL;
		if (!withheld && go_doc_attachments(rec, &atts, &natts, &why) < 0) {
			go_warnx("%s: %s: %s: not archived", rd.at, id, why);
			free(why);
			goto refuse;
		}
		d.att = go_xcalloc(natts + 1, sizeof *d.att);
		for (size_t i = 0; i < natts; i++) {
			struct att *t = &d.att[d.natt++];
			t->name = go_xstrdup(atts[i].name);
			if (atts[i].blob) {
				if (git_oid_fromstr(&t->blob, atts[i].blob) < 0) {
					go_warnx("%s: %s: attachment %s: %s is no blob id: not archived",
						 rd.at, id, t->name, atts[i].blob);
					free(atts);
					goto refuse_doc;
				}
				t->repo = go_xstrdup(atts[i].repo);
			} else
				t->file = go_xstrdup(atts[i].path);
		}
		char *text = go_doc_record_text(rec, atts, natts);
		free(atts);
		qsort(d.att, d.natt, sizeof *d.att, att_cmp);
		const char *body = withheld ? NULL : go_str(rec, "body");
		if (fseeko(c->spool, 0, SEEK_END) != 0)
			go_die("temporary file");
		d.off = ftello(c->spool);
		d.reclen = strlen(text);
		d.has_body = body != NULL;
		d.bodylen = body ? json_string_length(json_object_get(rec, "body")) : 0;
		if (fwrite(text, 1, d.reclen, c->spool) != d.reclen ||
		    (body && fwrite(body, 1, d.bodylen, c->spool) != d.bodylen))
			go_die("temporary file");
		free(text);
		const char *pub = go_str(rec, "published");
		int pday;
		if (pub && go_parse_date(pub, &pday) == 0 && pday > day)
			day = pday;
		if (day > *latest)
			*latest = day;
		if (c->ndocs == cap)
			c->docs = go_xrealloc(c->docs, (cap = cap ? 2 * cap : 256) * sizeof *c->docs);
		c->docs[c->ndocs++] = d;
		json_decref(rec);
		continue;
refuse_doc:
		for (size_t k = 0; k < d.natt; k++) {
			free(d.att[k].name);
			free(d.att[k].file);
			free(d.att[k].repo);
		}
		free(d.att);
refuse:
		free(dir);
		json_decref(rec);
		*status = GO_FINDINGS;
	}
	if (rd.io_error)
		*status = GO_FATAL;
	go_reader_free(&rd);
	if (c->ndocs)
		qsort(c->docs, c->ndocs, sizeof *c->docs, doc_cmp);
	for (size_t i = 1; i < c->ndocs; i++)
		if (strcmp(c->docs[i].dir, c->docs[i - 1].dir) == 0) {
			go_warnx("%s: the same document twice in the input", c->docs[i].dir);
			return -1;
		}
	return 0;
}

static go_store *att_store(struct create *c, const char *path)
{
	for (size_t i = 0; i < c->nstores; i++)
		if (strcmp(c->store_paths[i], path) == 0)
			return c->stores[i];
	go_store *s;
	if (go_store_open(&s, path, 0) < 0)
		return NULL;
	c->stores = go_xrealloc(c->stores, (c->nstores + 1) * sizeof *c->stores);
	c->store_paths = go_xrealloc(c->store_paths, (c->nstores + 1) * sizeof *c->store_paths);
	c->stores[c->nstores] = s;
	c->store_paths[c->nstores++] = go_xstrdup(path);
	return s;
}

static int emit_attachment(struct create *c, const struct doc *d, const struct att *t)
{
	char *path = go_xasprintf("%s/files/%s", d->dir, t->name);
	int rc = -1;
	if (t->repo) {
		go_store *s = att_store(c, t->repo);
		git_blob *b = NULL;
		if (!s)
			goto out;
		if (git_blob_lookup(&b, go_store_repo(s), &t->blob) < 0) {
			const git_error *e = git_error_last();
			go_warnx("%s: %s", path, e ? e->message : "no such blob");
			goto out;
		}
		rc = store_file(c, path, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
		git_blob_free(b);
		goto out;
	}
	int fd = open(t->file, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			errno = EINVAL;
		go_warn("%s: attachment %s", path, t->file);
		if (fd >= 0)
			close(fd);
		goto out;
	}
	if (sink_file(c, path, (uint64_t)st.st_size) < 0) {
		close(fd);
		goto out;
	}
	char buf[65536];
	ssize_t n;
	uint64_t have = 0;
	while ((n = read(fd, buf, sizeof buf)) > 0 && have + (uint64_t)n <= (uint64_t)st.st_size) {
		have += (uint64_t)n;
		if (sink_data(c, buf, (size_t)n) < 0) {
			close(fd);
			goto out;
		}
	}
	close(fd);
	if (n < 0 || have != (uint64_t)st.st_size) {
		go_warnx("%s: %s changed while it was read", path, t->file);
		goto out;
	}
	if (sink_end(c) < 0)
		goto out;
	rc = 0;
out:
	free(path);
	return rc;
}

static int emit_records(struct create *c)
{
	size_t cap = 0;
	char *buf = NULL;
	for (size_t i = 0; i < c->ndocs; i++) {
		const struct doc *d = &c->docs[i];
		size_t n = d->reclen + d->bodylen;
		if (n + 1 > cap)
			buf = go_xrealloc(buf, cap = n + 1);
		if (fseeko(c->spool, d->off, SEEK_SET) != 0 || fread(buf, 1, n, c->spool) != n)
			go_die("temporary file");
		char *p;
		int rc = 0;
		if (d->has_body) {
			p = go_xasprintf("%s/body.md", d->dir);
			rc = store_file(c, p, buf + d->reclen, d->bodylen);
			free(p);
		}
		for (size_t k = 0; k < d->natt && rc == 0; k++)
			rc = emit_attachment(c, d, &d->att[k]);
		if (rc == 0) {
			p = go_xasprintf("%s/record.json", d->dir);
			rc = store_file(c, p, buf, d->reclen);
			free(p);
		}
		if (rc) {
			free(buf);
			return -1;
		}
	}
	free(buf);
	return 0;
}

static const char *format_of(const char *out)
{
	size_t n = strlen(out);
	static const struct { const char *ext, *format; } ext[] = {
		{".tar.gz", "tar.gz"}, {".tgz", "tar.gz"}, {".tar.zst", "tar.zst"},
		{".tzst", "tar.zst"}, {".zip", "zip"}, {".tar", "tar"},
	};
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
		size_t k = strlen(ext[i].ext);
		if (n > k && strcmp(out + n - k, ext[i].ext) == 0)
			return ext[i].format;
	}
	return "tar";
}

static char *default_name(const char *out)
{
	if (strcmp(out, "-") == 0)
		return go_xstrdup("bag");
	const char *base = strrchr(out, '/');
	base = base ? base + 1 : out;
	char *name = go_xstrdup(base);
	static const char *const exts[] = {".tar.gz", ".tgz", ".tar.zst", ".tzst", ".zip", ".tar"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		size_t k = strlen(exts[i]);
		if (n > k && strcmp(name + n - k, exts[i]) == 0) {
			name[n - k] = '\0';
			break;
		}
	}
	return name;
}

static char *config_organization(git_repository *repo)
{
	git_config *cfg = NULL, *snap = NULL;
	const char *v = NULL;
	char *out = NULL;
	if ((repo ? git_repository_config(&cfg, repo) : git_config_open_default(&cfg)) < 0)
		return NULL;
	if (git_config_snapshot(&snap, cfg) == 0 &&
	    git_config_get_string(&v, snap, "go-archive.sourceOrganization") == 0)
		out = go_xstrdup(v);
	git_config_free(snap);
	git_config_free(cfg);
	return out;
}

/* NULL when verify would take NAME as the bag's folder; else why not. */
static const char *bad_bag_name(const char *name)
{
	size_t n = strlen(name);
	if (!n || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return "not a folder name";
	if (strchr(name, '/') || strchr(name, '\\'))
		return "a slash or backslash (a path, not a name)";
	if (((name[0] | 32) >= 'a' && (name[0] | 32) <= 'z') && name[1] == ':')
		return "a drive letter";
	if (strcmp(name, "data") == 0)
		return "'data' is the payload folder of every bag";
	if (n > 255 || !go_utf8_valid(name, n))
		return "not a UTF-8 name of at most 255 bytes";
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "a control character";
	return NULL;
}

int archive_create(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, 'r'},
		{"rev", required_argument, NULL, 'R'},
		{"year", required_argument, NULL, 'y'},
		{"attribute", required_argument, NULL, 'a'},
		{"format", required_argument, NULL, 'f'},
		{"name", required_argument, NULL, 'n'},
		{"source-organization", required_argument, NULL, 's'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *repo = NULL, *rev = NULL, *format = NULL, *out = NULL, *org = NULL;
	char *name = NULL, *attrbuf = NULL, *orgbuf = NULL;
	const char *attrs[16];
	go_archive_select sel = {0};
	int ch, status = GO_OK, nattrs = 0;
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r': repo = optarg; break;
		case 'R': rev = optarg; break;
		case 'y': sel.year = (int)go_number_arg(archive_usage, "--year", optarg, 9999);
			if (sel.year < 1000)
				go_usage_error(archive_usage, "--year: '%s' is not a year", optarg);
			break;
		case 'a':
			free(attrbuf);
			attrbuf = go_xstrdup(optarg);
			nattrs = 0;
			for (char *tok = strtok(attrbuf, ","); tok; tok = strtok(NULL, ",")) {
				const char *code = go_norm_attribute(tok);
				if (!code)
					go_usage_error(archive_usage, "--attribute: '%s' is not an attribute "
						       "(proactive, on-request, withheld)", tok);
				if (nattrs < 15)
					attrs[nattrs++] = code;
			}
			attrs[nattrs] = NULL;
			sel.attributes = attrs;
			break;
		case 'f': format = optarg; break;
		case 'n': free(name); name = go_xstrdup(optarg); break;
		case 's': org = optarg; break;
		case 'o': out = optarg; break;
		case 'h': go_help(archive_usage);
		case 'V': go_version();
		default: go_usage_error(archive_usage, "unknown option");
		}
	}
	argc -= optind;
	argv += optind;
	if (!out)
		go_usage_error(archive_usage, "create: -o OUT is required (\"-\" for stdout)");
	if (format && strcmp(format, "tar") && strcmp(format, "tar.gz") &&
	    strcmp(format, "tar.zst") && strcmp(format, "zip"))
		go_usage_error(archive_usage, "--format: '%s' is not tar, tar.gz, tar.zst or zip", format);
	if (!format)
		format = format_of(out);
	if (repo && argc)
		go_usage_error(archive_usage, "create: --repo or FILE..., not both");
	if (!repo && !argc && getenv("GO_STORE") && *getenv("GO_STORE"))
		repo = getenv("GO_STORE");
	if (rev && !repo)
		go_usage_error(archive_usage, "--rev needs --repo");
	if (!repo)
		go_usage_if_tty(argc, archive_usage);
	if (!name)
		name = default_name(out);
	const char *why = bad_bag_name(name);
	if (why)
		go_usage_error(archive_usage, "--name: '%s': %s (go-archive verify would not read the bag)",
			       name, why);
	if (strcmp(format, "zip") == 0) {
		/* zip stores local time: make it the same everywhere. */
		setenv("TZ", "UTC0", 1);
		tzset();
	}

	struct create c = {.out = out, .tty = isatty(STDERR_FILENO)};
	go_store *s = NULL;
	git_tree *tree = NULL;
	char commit[41] = "", date[11] = "", *desc = NULL;
	int64_t mtime = 0;
	if (repo) {
		git_commit *cm = NULL;
		git_oid oid;
		if (go_store_open(&s, repo, 0) < 0) {
			status = GO_FATAL;
			goto out;
		}
		int r = go_store_resolve(s, rev, commit, &tree);
		if (r == GIT_ENOTFOUND) {
			go_warnx("%s: no revision %s", repo, rev ? rev : "main");
			status = GO_FATAL;
			goto out;
		}
		if (r < 0 || git_oid_fromstr(&oid, commit) < 0 ||
		    git_commit_lookup(&cm, go_store_repo(s), &oid) < 0) {
			status = GO_FATAL;
			goto out;
		}
		/* The commit's own date: the same revision, the same bytes. */
		mtime = git_commit_time(cm);
		int day = (int)((mtime + git_commit_time_offset(cm) * 60) / 86400);
		if (mtime + git_commit_time_offset(cm) * 60 < 0)
			day = 0;
		go_format_date(day, date);
		git_commit_free(cm);
		if (!org)
			org = orgbuf = config_organization(go_store_repo(s));
	} else {
		int latest;
		if (load_records(&c, argc, argv, &sel, &latest, &status) < 0) {
			status = GO_FINDINGS;
			goto out;
		}
		/* No commit: the newest published (or date) of the records
		 * dates the bag, so that the same input gives the same bytes. */
		go_format_date(latest, date);
		mtime = (int64_t)latest * 86400;
		git_libgit2_init();
		if (!org)
			org = orgbuf = config_organization(NULL);
		git_libgit2_shutdown();
	}
	{
		char year[16] = "every year", attr[128] = "";
		if (sel.year)
			snprintf(year, sizeof year, "%d", sel.year);
		for (int i = 0; i < nattrs; i++)
			snprintf(attr + strlen(attr), sizeof attr - strlen(attr), "%s%s",
				 i ? "," : "", attrs[i]);
		desc = go_xasprintf("go-tools store %s, %s, %s", repo ? (rev ? rev : "main") : "records",
				    year, nattrs ? attr : "every attribute");
	}
	const char *info[16];
	int ni = 0;
	if (org && *org) {
		info[ni++] = "Source-Organization";
		info[ni++] = org;
	}
	info[ni++] = "Bagging-Date";
	info[ni++] = date;
	if (*commit) {
		info[ni++] = "External-Identifier";
		info[ni++] = commit;
	}
	info[ni++] = "External-Description";
	info[ni++] = desc;
	info[ni++] = "Bag-Software-Agent";
	info[ni++] = "go-archive (go-tools) " GO_VERSION;
	info[ni] = NULL;

	/* Objects are not hashed again as they are read (libgit2's strict
	 * verification): zlib's checksum catches a damaged object, and `git
	 * fsck` is the tool to verify a store, as `git archive` assumes too. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (!(c.bag = go_bag_out_new())) {
		go_warn("temporary file");
		status = GO_FATAL;
		goto out;
	}
	if (!(c.payload = go_archive_spool_open(format, name, mtime))) {
		status = GO_FATAL;
		goto out;
	}
	c.worker = go_worker_new(payload_msg, &c, archive_threads());
	int r = repo ? go_archive_walk_store(s, tree, &sel, store_file, &c) : emit_records(&c);
	if (go_worker_wait(c.worker) != 0)
		r = -1;
	if (r < 0) {
		progress(&c, 1);
		status = GO_FATAL;
		goto out;
	}
	if (r > 0)
		status = GO_FINDINGS; /* documents left out, each named */
	if (!c.files) {
		go_warnx("%s: no document selected (%s): no bag written", out, desc);
		status = GO_FINDINGS;
		goto out;
	}
	/* Everything is read: the packs' maps go before the tag files' zstd
	 * buffers come. */
	git_tree_free(tree);
	tree = NULL;
	go_store_free(s);
	s = NULL;
	for (size_t i = 0; i < c.nstores; i++) {
		go_store_free(c.stores[i]);
		free(c.store_paths[i]);
	}
	c.nstores = 0;
	/* The tag files first, then the payload from its spool. The largest
	 * tag file, manifest-sha512.txt, is compressed in the worker's thread
	 * while the others are in this one. */
	if (!(c.sha512 = go_archive_spool_open(format, name, mtime)) ||
	    go_worker_send(c.worker, M_SHA512, NULL, 0) != 0 ||
	    !(c.w = go_archive_writer_open(out, format, name, mtime)) ||
	    go_bag_out_write_tags(c.bag, c.w, info, NULL) < 0 || go_worker_wait(c.worker) != 0) {
		progress(&c, 1);
		status = GO_FATAL;
		goto out;
	}
	r = go_archive_writer_append(c.w, c.sha512);
	c.sha512 = NULL;
	if (r == 0) {
		r = go_archive_writer_append(c.w, c.payload);
		c.payload = NULL;
	}
	progress(&c, 1);
	if (r < 0) {
		status = GO_FATAL;
		goto out; /* c.w aborted there: no OUT */
	}
	if (go_archive_writer_close(c.w) < 0)
		status = GO_FATAL;
	c.w = NULL;
out:
	go_worker_free(c.worker);
	go_archive_writer_abort(c.w);
	go_archive_writer_abort(c.payload);
	go_archive_writer_abort(c.sha512);
	go_bag_out_free(c.bag);
	for (size_t i = 0; i < c.ndocs; i++) {
		for (size_t k = 0; k < c.docs[i].natt; k++) {
			free(c.docs[i].att[k].name);
			free(c.docs[i].att[k].file);
			free(c.docs[i].att[k].repo);
		}
		free(c.docs[i].att);
		free(c.docs[i].dir);
	}
	free(c.docs);
	for (size_t i = 0; i < c.nstores; i++) {
		go_store_free(c.stores[i]);
		free(c.store_paths[i]);
	}
	free(c.stores);
	free(c.store_paths);
	if (c.spool)
		fclose(c.spool);
	git_tree_free(tree);
	go_store_free(s);
	free(desc);
	free(name);
	free(attrbuf);
	free(orgbuf);
	return status;
}
