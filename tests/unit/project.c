/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* project.c: the incremental projection of public equals the full one, step
 * after step of random changes to main (add, re-attribute, edit, move to
 * another year or month, remove, withdraw, abolish). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "go.h"
#include "go-store.h"
#include "tap.h"

#define NDOC 40
static const char *const attrs[] = {"proactive", "withheld", "on-request"};

struct doc { int live, year, attr, version, withdrawn, month; /* month 0: January */ };

static unsigned rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7fff;
}

static void insert_blob(git_repository *r, git_treebuilder *tb, const char *name,
			const char *text)
{
	git_oid oid;
	git_blob_create_from_buffer(&oid, r, text, strlen(text));
	git_treebuilder_insert(NULL, tb, name, &oid, GIT_FILEMODE_BLOB);
}

/* The main tree of the documents, written to r. */
static git_tree *main_tree(git_repository *r, const struct doc *d)
{
	git_treebuilder *docs = NULL, *root = NULL;
	git_oid oid;
	git_tree *t = NULL;
	git_treebuilder_new(&docs, r, NULL);
	for (int y = 2025; y <= 2027; y++) {
		git_treebuilder *yrb = NULL;
		git_treebuilder_new(&yrb, r, NULL);
		for (int mo = 0; mo < 2; mo++) {
		git_treebuilder *yb = NULL;
		git_treebuilder_new(&yb, r, NULL);
		for (int i = 0; i < NDOC; i++) {
			if (!d[i].live || d[i].year != y || d[i].month != mo)
				continue;
			git_treebuilder *fb = NULL;
			char id[32], date[16];
			snprintf(id, sizeof id, "X-%02d", i);
			snprintf(date, sizeof date, "%d-%02d-0%d", y, 1 + mo, 1 + i % 9);
			json_t *rec = json_pack("{s:s,s:s,s:s,s:s,s:s}", "id", id, "date", date,
						"attribute", attrs[d[i].attr], "office", "办公室",
						"title", d[i].version % 2 ? "标题" : "题目");
			json_object_set_new(rec, "published", json_string(date));
			if (d[i].withdrawn)
				json_object_set_new(rec, "withdrawn", json_pack("{s:s,s:s}",
						    "date", date, "reason", "误发"));
			if (d[i].version % 4 == 3)
				json_object_set_new(rec, "validity", json_string("abolished"));
			char *text = go_store_record_text(rec);
			git_treebuilder_new(&fb, r, NULL);
			insert_blob(r, fb, "record.json", text);
			if (d[i].version % 3)
				insert_blob(r, fb, "body.md", d[i].version % 3 == 1 ? "正文" : "正文二");
			git_treebuilder_write(&oid, fb);
			git_treebuilder_insert(NULL, yb, id, &oid, GIT_FILEMODE_TREE);
			git_treebuilder_free(fb);
			free(text);
			json_decref(rec);
		}
		if (git_treebuilder_entrycount(yb)) {
			char mn[8];
			snprintf(mn, sizeof mn, "%02d", 1 + mo);
			git_treebuilder_write(&oid, yb);
			git_treebuilder_insert(NULL, yrb, mn, &oid, GIT_FILEMODE_TREE);
		}
		git_treebuilder_free(yb);
		}
		if (git_treebuilder_entrycount(yrb)) {
			char yn[8];
			snprintf(yn, sizeof yn, "%d", y);
			git_treebuilder_write(&oid, yrb);
			git_treebuilder_insert(NULL, docs, yn, &oid, GIT_FILEMODE_TREE);
		}
		git_treebuilder_free(yrb);
	}
	git_treebuilder_new(&root, r, NULL);
	if (git_treebuilder_entrycount(docs)) {
		git_treebuilder_write(&oid, docs);
		git_treebuilder_insert(NULL, root, "docs", &oid, GIT_FILEMODE_TREE);
	}
	git_treebuilder_write(&oid, root);
	git_tree_lookup(&t, r, &oid);
	git_treebuilder_free(docs);
	git_treebuilder_free(root);
	return t;
}

int main(void)
{
	char dir[] = "/tmp/go-project-XXXXXX";
	go_store *s = NULL;
	if (!mkdtemp(dir) || go_store_open(&s, dir, GO_STORE_CREATE) < 0)
		return 2;
	git_repository *r = go_store_repo(s);
	struct doc d[NDOC] = {{0}};
	unsigned seed = 9;
	git_tree *prev = NULL, *pub = NULL;
	char *err = NULL;
	int agree = 0, steps = 300, nonempty = 0, withdrawn = 0;

	for (int step = 0; step < steps; step++) {
		for (int k = 0, n = 1 + (int)(rnd(&seed) % 3); k < n; k++) {
			struct doc *x = &d[rnd(&seed) % NDOC];
			switch (rnd(&seed) % 6) {
			case 5: x->withdrawn = !x->withdrawn; break;
			case 0: x->live = !x->live; break;
			case 1: x->attr = (int)(rnd(&seed) % 3); break;
			case 2: x->version++; break;
			case 3: x->year = 2025 + (int)(rnd(&seed) % 3);
				x->month = (int)(rnd(&seed) % 2); break;
			default: x->live = 1; break;
			}
			if (!x->year)
				x->year = 2026;
		}
		for (int i = 0; i < NDOC; i++)
			withdrawn += d[i].live && d[i].withdrawn && d[i].attr == 0;
		git_tree *m = main_tree(r, d);
		git_oid full, inc;
		int a = go_project_public(s, m, &full, &err);
		int b = a == 0 ? go_project_public_update(r, pub, prev, m, &inc, &err) : -1;
		if (a == 0 && b == 0 && git_oid_equal(&full, &inc))
			agree++;
		else if (err)
			printf("# step %d: %s\n", step, err);
		free(err);
		err = NULL;
		git_tree_free(pub);
		pub = NULL;
		git_tree_lookup(&pub, r, &full);
		nonempty += pub && git_tree_entrycount(pub) > 0;
		git_tree_free(prev);
		prev = m;
	}
	is_int(agree, steps, "the incremental projection equals the full one at every step");
	ok(nonempty > steps / 2, "  and public mostly holds documents");
	ok(withdrawn > steps / 2, "  and the steps withdraw proactive documents");

	/* its contents: proactive folders only, as on main, and their catalog */
	memset(d, 0, sizeof d);
	d[1] = (struct doc){1, 2026, 0, 1, 0, 0};
	d[2] = (struct doc){1, 2026, 1, 1, 0, 0};
	d[3] = (struct doc){1, 2027, 2, 1, 0, 0};
	d[4] = (struct doc){1, 2026, 0, 3, 1, 0};
	d[5] = (struct doc){1, 2026, 0, 3, 0, 0};
	git_tree *m = main_tree(r, d);
	git_oid full;
	ok(go_project_public(s, m, &full, &err) == 0, "a small main projects");
	git_tree_free(pub);
	pub = NULL;
	git_tree_lookup(&pub, r, &full);
	git_tree_entry *e = NULL, *f = NULL;
	ok(git_tree_entry_bypath(&e, pub, "docs/2026/01/X-01") == 0 &&
	   git_tree_entry_bypath(&f, m, "docs/2026/01/X-01") == 0 &&
	   git_oid_equal(git_tree_entry_id(e), git_tree_entry_id(f)),
	   "  the proactive folder, the very tree of main");
	git_tree_entry_free(e);
	git_tree_entry_free(f);
	e = f = NULL;
	is_int(git_tree_entrycount(pub), 2, "  catalog and docs, nothing else");
	ok(git_tree_entry_bypath(&e, pub, "docs/2027") != 0, "  no year without a proactive document");
	git_tree_entry_free(e);
	e = NULL;
	ok(git_tree_entry_bypath(&e, pub, "catalog/2026/01.jsonl") == 0, "  the month's catalog");
	git_blob *bl = NULL;
	if (e)
		git_blob_lookup(&bl, r, git_tree_entry_id(e));
	is_str(bl ? (const char *)git_blob_rawcontent(bl) : NULL,
	       "{\"id\":\"X-01\",\"title\":\"标题\",\"office\":\"办公室\",\"date\":\"2026-01-02\","
	       "\"published\":\"2026-01-02\",\"path\":\"docs/2026/01/X-01\"}\n"
	       "{\"id\":\"X-05\",\"title\":\"标题\",\"office\":\"办公室\",\"date\":\"2026-01-06\","
	       "\"published\":\"2026-01-06\",\"validity\":\"abolished\",\"path\":\"docs/2026/01/X-05\"}\n",
	       "  one line per proactive document not withdrawn, keys in the catalog's order");
	git_tree_entry_free(e);
	e = NULL;
	ok(git_tree_entry_bypath(&e, pub, "docs/2026/01/X-04") != 0, "  no folder of a withdrawn document");
	git_blob_free(bl);
	git_tree_entry_free(e);
	git_tree_free(m);
	memset(d, 0, sizeof d);
	d[2] = (struct doc){1, 2026, 1, 1, 0, 0};
	m = main_tree(r, d);
	ok(go_project_public(s, m, &full, &err) == 0 &&
	   !git_oid_cmp(&full, &(git_oid){{0x4b, 0x82, 0x5d, 0xc6, 0x42, 0xcb, 0x6e, 0xb9, 0xa0, 0x60,
				       0xe5, 0x4b, 0xf8, 0xd6, 0x92, 0x88, 0xfb, 0xee, 0x49, 0x04}}),
	   "a main with nothing proactive projects to the empty tree");
	git_tree_free(m);
	git_tree_free(pub);
	git_tree_free(prev);
	go_store_free(s);
	char *rm = go_xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		printf("# could not remove %s\n", dir);
	free(rm);
	return done();
}
