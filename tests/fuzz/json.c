/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * Differential fuzz target (libFuzzer): the record reader's parser against
 * jansson. Both must accept the same inputs, build equal values, and write
 * them back byte for byte alike. Run with `make fuzz` (clang).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* jansson stops at a NUL byte as at the end; the reader refuses such lines first. */
	if (memchr(data, '\0', size))
		return 0;
	/* go_utf8_valid's fast paths against jansson's own check */
	json_t *str = json_stringn((const char *)data, size);
	if (!go_utf8_valid((const char *)data, size) != !str)
		abort();
	json_decref(str);
	go_json_error err;
	int compact;
	json_t *mine = go_json_parse_compact((const char *)data, size, &err, &compact);
	json_t *theirs = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, NULL);
	/* deeper than the reader's limit (json.c): refused by design */
	if (!mine && theirs && strstr(err.text, "depth")) {
		json_decref(theirs);
		return 0;
	}
	if (!mine != !theirs)
		abort();
	if (mine) {
		if (!json_equal(mine, theirs))
			abort();
		size_t len;
		char *a = go_json_dump(mine, &len);
		char *b = json_dumps(theirs, JSON_COMPACT | JSON_ENCODE_ANY);
		/* Byte for byte as jansson, but reals, which are written in their
		 * shortest round-trip form instead: they must read back the same. */
		if (strcmp(a, b) != 0) {
			json_t *back = json_loads(a, JSON_DECODE_ANY, NULL);
			if (!json_equal(back, theirs) || !strpbrk(a, ".eE"))
				abort();
			json_decref(back);
		}
		/* A line found compact is written back as the very bytes
		 * (go-link-interp then copies it instead of writing it anew). */
		if (compact && (len != size || memcmp(a, data, size) != 0))
			abort();
		free(a);
		free(b);
	}
	json_decref(mine);
	json_decref(theirs);
	return 0;
}
