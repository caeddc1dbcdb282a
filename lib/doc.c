/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * doc.c — a record as its document folder holds it (SPEC §6): which
 * attachments it has, under which names in files/, and the record.json that
 * lists them. go-publish (publish.c) and go-archive create FILE... (which
 * archives records without a store) both lay out a document through here, so
 * that a record archived from its JSON Line and the same record published and
 * archived from the store give the same files.
 */
#include <string.h>
#include <strings.h>

#include "go.h"
#include "go-store.h"

/* A name a folder can hold on every system a clerk checks out on, and that no
 * other file of the folder can take: not empty, no '/', '\\' or NUL, not . ..
 * or .git, at most 255 bytes. */
static int usable_name(const char *s, size_t len)
{
	return len && len <= 255 && strlen(s) == len && !strchr(s, '/') && !strchr(s, '\\') &&
	       strcmp(s, ".") != 0 && strcmp(s, "..") != 0 && strcasecmp(s, ".git") != 0;
}

int go_doc_attachments(const json_t *rec, go_doc_att **out, size_t *n, char **why)
{
	const json_t *list = json_object_get(rec, "attachments"), *a;
	const char *repo = go_str(json_object_get(rec, "store"), "repo");
	size_t i;

	*out = NULL;
	*n = 0;
	*why = NULL;
	if (!list)
		return 0;
	if (!json_is_array(list)) {
		*why = go_xstrdup("附件（attachments）须为数组");
		return -1;
	}
	go_doc_att *atts = go_xcalloc(json_array_size(list) + 1, sizeof *atts);
	json_array_foreach(list, i, a) {
		const char *path = go_str(a, "path"), *blob = go_str(a, "blob");
		const json_t *jname = json_object_get(a, "name");
		const char *name = json_string_value(jname);
		size_t len = name ? json_string_length(jname) : 0;
		if (!jname && path) {
			name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
			len = strlen(name);
		}
		if (!name || !usable_name(name, len)) {
			*why = go_xasprintf("附件第 %zu 项：没有可用的文件名（name 或 path；不得含 / 或 \\，"
					    "不得为 . .. .git，至多 255 字节）", i + 1);
			goto refuse;
		}
		for (size_t k = 0; k < i; k++)
			if (!strcmp(atts[k].name, name)) {
				*why = go_xasprintf("附件 %s：同名附件出现两次", name);
				goto refuse;
			}
		atts[i].name = name;
		if (blob && repo) {
			atts[i].blob = blob;
			atts[i].repo = repo;
		} else if (path) {
			atts[i].path = path;
		} else {
			*why = go_xasprintf("附件 %s：没有 path（也没有 blob 与 store.repo）", name);
			goto refuse;
		}
	}
	*out = atts;
	*n = json_array_size(list);
	return 0;
refuse:
	free(atts);
	return -1;
}

char *go_doc_record_text(const json_t *rec, const go_doc_att *atts, size_t n)
{
	json_t *r = go_store_record(rec);
	if (json_object_get(r, "attachments") || n) {
		json_t *list = json_array();
		for (size_t i = 0; i < n; i++) {
			char *p = go_xasprintf("files/%s", atts[i].name);
			json_array_append_new(list, json_pack("{s:s,s:s}", "name", atts[i].name,
							      "path", p));
			free(p);
		}
		json_object_set_new(r, "attachments", list);
	}
	char *out = go_store_record_text(r);
	json_decref(r);
	return out;
}
