/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* gate.c: the names git and every checkout can hold (go_name_problem), and
 * go_gate_record_names on a record. */
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "go-store.h"
#include "tap.h"

int main(void)
{
	static const char *const good[] = {
		"G-1", "000014349~2018-00222", "附件一.pdf", "a.b.c", "con-1", "CONSOLE", "com10",
		"lpt0", "gitx", "git~", "git~a", "x.git", "_git", "a b", ".hidden", "AUXILIARY.txt",
		NULL,
	};
	static const char *const bad[] = {
		"", ".", "..", ".git", ".GIT", ".git.", ".git ", ".gitmodules", ".GitModules",
		".gitattributes", ".g\xe2\x80\x8cit", "\xef\xbb\xbf.git", "git~1", "GIT~2",
		"gitmod~1", "gi7eba~3", "CON", "con", "Nul", "aux.txt", "prn.tar.gz", "COM1",
		"com9.pdf", "LPT1", "lpt9.md", "CON .txt", "conin$", "a.", "a ", "a\tb", "a\nb",
		"a\x7f", "a:b", "a\\b", "a/b", "a*b", "a?b", "a\"b", "a<b", "a>b", "a|b",
		NULL,
	};
	for (int i = 0; good[i]; i++) {
		char name[64];
		snprintf(name, sizeof name, "'%s' can be held", good[i]);
		is_str(go_name_problem(good[i]), NULL, name);
	}
	for (int i = 0; bad[i]; i++) {
		char name[64];
		snprintf(name, sizeof name, "'%s' is refused", bad[i]);
		for (char *c = name; *c; c++)
			if ((unsigned char)*c < 0x20)
				*c = '?'; /* one TAP line */
		ok(go_name_problem(bad[i]) != NULL, name);
	}
	char big[300];
	memset(big, 'x', 255);
	big[255] = '\0';
	is_str(go_name_problem(big), NULL, "255 bytes can be held");
	strcat(big, "x");
	ok(go_name_problem(big) != NULL, "256 bytes are refused");

	json_t *rec = json_pack("{s:s,s:[{s:s},{s:s}]}", "id", "ok/1", "attachments",
				"name", "a.pdf", "path", "/tmp/dir/CON.pdf");
	char *why = go_gate_record_names(rec);
	ok(why && strstr(why, "附件 2（CON.pdf）") == why,
	   "an attachment's name from its path: refused, the reason names it");
	json_t *p = json_array_get(json_object_get(rec, "problems"), 0);
	is_str(go_str(p, "code"), "unsafe-name", "  and the record has the problem unsafe-name");
	is_str(go_str(p, "message"), why, "  whose message is the reason");
	is_str(go_str(p, "field"), "attachments", "  on the field attachments");
	free(why);
	json_decref(rec);
	rec = json_pack("{s:s}", "id", "git/1");
	why = go_gate_record_names(rec);
	ok(why && strstr(why, "git~1"), "the id git/1 is refused: its folder is git~1");
	free(why);
	json_decref(rec);
	rec = json_pack("{s:s}", "id", "OK-2");
	is_str(go_gate_record_names(rec), NULL, "a good record passes");
	ok(!json_object_get(rec, "problems"), "  with no problem");
	json_decref(rec);
	return done();
}
