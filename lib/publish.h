/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * publish.h — what the three files of go-publish's batches share (not a
 * public header: the API is go_batch_* in go-store.h):
 *   publish.c       a batch, and each record read into a document folder
 *   publish-land.c  laying the batch onto the register and the public view
 *   publish-push.c  --push: the batch to a remote, merged when it moved
 */
#ifndef GO_PUBLISH_H
#define GO_PUBLISH_H

#include <git2.h>
#include "go.h"
#include "go-store.h"

enum { MAIN, PUBLIC };

struct doc {
	char *id, *name;   /* name: the id with each / as ~; one allocation with the
	                      id folded to lower case, the key of go_batch.ids */
	const char *attribute; /* a key of go_batch.attrs */
	int year, month;   /* its shard: docs/<YYYY>/<MM>/ */
	git_oid tree;      /* the document folder on main */
	int is_public;     /* proactive; after a commit: on the public view */
	int changed[2];    /* by the last application to each branch */
	int review_day;    /* the day of its approved review, or -1 */
	char *refused;     /* refused when laid onto a moved register: why */
	const char *code;  /* and the problem code */
	char *note;        /* for the commit message: a withdrawal (issue 19) */
};

struct go_batch {
	go_store *store;
	git_repository *repo;  /* the store's (borrowed) */
	git_repository *wrepo; /* the store seen through the batch's own odb */
	git_odb_backend *pack; /* owned by wrepo's odb */
	go_batch_opts o;
	char *ref[2];
	git_tree *main_tree;   /* the register when the batch began, for look-ups */
	struct doc *doc;
	size_t n, cap;
	go_map ids;            /* id folded to lower case -> doc number + 1 (issue 18:
	                          a bulk batch holds a million) */
	go_map attrs;          /* the attributes of the documents, each once */
	uint64_t *fold;        /* hashes of the store's names folded, open addressing */
	size_t nfold;
	int fold_built;
	go_names *names;       /* the names index of main_tree (store.c), or NULL */
	int names_tried;
	git_oid commit[2];
	int committed[2];
	json_t *repos;         /* path -> (git_repository *) as integer, for blob sources */
	size_t accepted;       /* records on o.accepted_by's word (a commit trailer) */
};

/* The day the register's tip took document name's present folder, or -1 (publish.c). */
int go_publish_changed_on(go_batch *b, const char *name, const git_oid *folder);
/* s with ASCII letters in lower case, a new string (publish.c). */
char *go_publish_fold_case(const char *s);
/* The commit ref points at into *oid: 1; 0 when ref does not exist; -1 (printed) (publish.c). */
int go_publish_resolve_tip(git_repository *repo, const char *ref, git_oid *oid);
/* Sleep a little longer after each lost race, with jitter (publish-land.c). */
void go_publish_backoff(int attempt, unsigned *seed);
/* Move ref from old (NULL: absent) to new by compare-and-swap: 0, 1 on a lost
 * race, -1 on error (publish-land.c). */
int go_publish_swap_ref(git_repository *repo, const char *ref, const git_oid *old,
		const git_oid *new, const char *log);
/* The public commit onto public tip p that projects register commit m, in *out
 * (see publish-land.c for p2 and the cases) (publish-land.c). */
int go_publish_project_onto(go_batch *b, const git_oid *m, const git_oid *p, const git_oid *p2,
		const git_signature *sig, struct doc **sorted, git_oid *out);
/* The batch's documents in path order, a new array (publish-land.c). */
struct doc **go_publish_sort_docs(go_batch *b);

#endif
