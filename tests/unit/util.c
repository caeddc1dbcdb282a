/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/util.c: the buffer, the hash and the map every table uses. */
#include "go.h"
#include "tap.h"

int main(void)
{
	/* FNV-1a's published test vectors (64 bits), and the folded form. */
	ok(go_fnv1a("", 0, 0) == 0xcbf29ce484222325u, "fnv1a of the empty string");
	ok(go_fnv1a("a", 1, 0) == 0xaf63dc4c8601ec8cu, "fnv1a of \"a\"");
	ok(go_fnv1a("foobar", 6, 0) == 0x85944171f73967e8u, "fnv1a of \"foobar\"");
	ok(go_fnv1a("FooBar", 6, 1) == go_fnv1a("foobar", 6, 0), "folded: ASCII letters as lower case");
	ok(go_fnv1a("FooBar", 6, 0) != go_fnv1a("foobar", 6, 0), "not folded: case counts");

	go_buf b = {0};
	go_buf_puts(&b, "索引号");
	go_buf_printf(&b, " %d", 42);
	go_buf_put(&b, "\0x", 2);
	is_int((long long)b.n, 9 + 3 + 2, "go_buf: bytes kept, a NUL too");
	is_str(b.p, "索引号 42", "go_buf: NUL-terminated");
	go_buf_free(&b);
	ok(b.p == NULL && b.n == 0, "go_buf_free empties it");

	/* go_map: 5000 keys through several growths, each found, absent ones not. */
	go_map m = {0};
	char keys[5000][16];
	for (int i = 0; i < 5000; i++) {
		snprintf(keys[i], sizeof keys[i], "SFJ-%d", i);
		*go_map_slot(&m, keys[i]) = keys[i];
	}
	int found = 0;
	for (int i = 0; i < 5000; i++) {
		char k[16];
		snprintf(k, sizeof k, "SFJ-%d", i);
		found += go_map_get(&m, k) == keys[i];
	}
	is_int(found, 5000, "go_map: every key found after growing");
	is_int((long long)m.n, 5000, "go_map: n counts distinct keys");
	ok(go_map_get(&m, "SFJ-5000") == NULL && go_map_find(&m, "sfj-1") == NULL,
	   "go_map: an absent key (and another letter case) is not found");
	ok(go_map_find(&m, NULL) == NULL, "go_map_find(NULL): NULL");
	*go_map_slot(&m, keys[7]) = NULL;
	ok(go_map_find(&m, "SFJ-7") && go_map_get(&m, "SFJ-7") == NULL,
	   "go_map: a NULL value is still present");
	is_int((long long)m.n, 5000, "go_map_slot of a present key adds nothing");
	go_map_free(&m);
	ok(go_map_get(&m, "SFJ-1") == NULL, "go_map_free empties it");
	return done();
}
