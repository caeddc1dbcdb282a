/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/vocab.c: synonyms in both scripts, ids, legal basis. */
#include "go.h"
#include "tap.h"

int main(void)
{
	is_str(go_norm_attribute("主动公开"), "proactive", "simplified attribute");
	is_str(go_norm_attribute("主動公開"), "proactive", "traditional attribute");
	is_str(go_norm_attribute("不公開"), "withheld", "不公開 is withheld");
	is_str(go_norm_attribute("依申請公開"), "on-request", "traditional on-request");
	is_str(go_norm_attribute(" on-request "), "on-request", "codes with spaces around");
	is_str(go_norm_attribute("public"), NULL, "an unknown attribute");
	is_str(go_norm_attribute(NULL), NULL, "NULL");
	is_str(go_norm_category("決策公開"), "decision", "traditional category");
	is_str(go_norm_category("结果"), "result", "short category");
	is_str(go_norm_kind("行政規範性文件"), "normative", "traditional kind");
	is_str(go_norm_kind("decision-draft"), "decision-draft", "a kind code");
	ok(go_is_policy_kind("rule") && go_is_policy_kind("normative") && go_is_policy_kind("policy"),
	   "the policy kinds");
	ok(!go_is_policy_kind("notice") && !go_is_policy_kind(NULL), "others are not");

	ok(go_valid_id("000014349/2018-00222"), "a real index number");
	ok(go_valid_id("SFJ-2026-00017"), "a plain id");
	ok(!go_valid_id(""), "empty");
	ok(!go_valid_id("a//b"), "an empty segment");
	ok(!go_valid_id("/a"), "a leading slash");
	ok(!go_valid_id("a/"), "a trailing slash");
	ok(!go_valid_id("a/./b"), "a . segment");
	ok(!go_valid_id("a/../b"), "a .. segment");
	ok(go_valid_id("a/.../b"), "... is an ordinary segment");
	ok(go_valid_id("..a"), "..a is an ordinary segment");
	ok(!go_valid_id("a b"), "a space");
	ok(!go_valid_id("文件1"), "non-ASCII");

	const go_basis *b = go_basis_lookup("ogi-16-process");
	ok(b && b->row && b->article, "a basis code has its article and row");
	ok(!go_basis_lookup("ogi-99"), "an unknown basis code");
	int n = 0;
	for (const go_basis *p = go_basis_table; p->code; p++)
		n++;
	is_int(n, 7, "seven basis codes, as in SPEC §3");
	return done();
}
