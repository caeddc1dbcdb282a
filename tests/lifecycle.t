#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# The life of a document (issue 19): withdrawal (撤回) keeps the document on the
# register and takes it off public; a record cannot silently undo a withdrawal
# or an abolition; validity and links on the public catalog. Read back with git.
. "${0%/*}/lib.sh"
. "$TESTS/projection.sh"
S=$T/store.git
G() { git -C "$S" "$@"; }
pub() { run go-publish --repo "$S" --author '李四 <li@bureau.example>' "$@"; }
notice() { printf '{"id":"%s","title":"通知%s","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","body":"正文%s"%s}\n' "$1" "$1" "$1" "${2:-}"; }
policy() { printf '{"id":"%s","title":"办法%s","office":"法规科","kind":"normative","date":"2026-03-02","attribute":"proactive","category":"decision","no_interpretation_reason":"内容简单","body":"条文%s"%s}\n' "$1" "$1" "$1" "${2:-}"; }
go-publish --init --repo "$S" </dev/null >/dev/null
{ notice W-1; notice W-2; policy P-1; } >"$T/batch.jsonl"
pub --today 2026-03-05 "$T/batch.jsonl"
is "$status" 0 "a batch of three is published"

# ---- item 3: --withdraw ----------------------------------------------------------
pub --today 2026-03-06 --withdraw W-1 --reason '误发，涉及内部事务'
is "$status" 0 "--withdraw W-1: exit 0"
is "$(jq -r .publish.status "$T/out")" published "  one line, status published"
is "$(jq -c .withdrawn "$T/out")" \
	'{"date":"2026-03-06","reason":"误发，涉及内部事务","by":"李四"}' "  saying when, why and who"
like "$(cat "$T/err")" '已撤回 W-1' "  and so does stderr, in Chinese"
is "$(G show main:docs/2026/03/W-1/record.json | jq -c .withdrawn)" \
	'{"by":"李四","date":"2026-03-06","reason":"误发，涉及内部事务"}' \
	"  the register keeps the document, marked withdrawn"
is "$(G show main:docs/2026/03/W-1/body.md)" "正文W-1" "  with its content unchanged"
G cat-file -e public:docs/2026/03/W-1 2>/dev/null
is "$?" 128 "  its folder is gone from public"
is "$(year_catalog "$S" public 2026 | jq -r .id | tr '\n' ' ')" "P-1 W-2 " \
	"  and its catalog line"
is "$(G rev-list --count main)" 2 "  one commit on main"
is "$(G rev-list --count public)" 2 "  one commit on public"
like "$(G log -1 --format=%B main)" 'W-1 proactive withdrawn 2026-03-06 by 李四: 误发' \
	"  the register's commit says who withdrew what, when and why"
like "$(G log -1 --format=%B public)" 'W-1 proactive \(removed\) withdrawn 2026-03-06' \
	"  and so does the public one"
like "$(G log -1 --format=%an main)" '李四' "  authored by who withdrew it"
G fsck --strict >/dev/null 2>&1
ok $? "  git fsck --strict"

pub --today 2026-03-06 --withdraw W-1 --reason '再次'
is "$status" 1 "withdrawing it again: exit 1"
is "$(jq -r '.problems[0].code' "$T/out")" cannot-withdraw "  as cannot-withdraw"
pub --today 2026-03-06 --withdraw W-9 --reason '误发'
is "$status" 1 "withdrawing an id not on the register: exit 1"
like "$(cat "$T/err")" 'W-9.*没有' "  saying so"
pub --today 2026-03-06 --withdraw W-2 --reason '无'
is "$status" 2 "--withdraw with a placeholder reason: usage error"
pub --today 2026-03-06 --withdraw W-2
is "$status" 2 "--withdraw without --reason: usage error"
is "$(G rev-list --count main)" 2 "  none of these wrote a commit"

# a record that says withdrawn takes its document off public too
notice W-2 ',"withdrawn":{"date":"2026-03-07","reason":"重复发布","by":"王五"}' >"$T/w2.jsonl"
pub --today 2026-03-07 "$T/w2.jsonl"
is "$status" 0 "a record carrying withdrawn is published"
is "$(year_catalog "$S" public 2026 | jq -r .id | tr '\n' ' ')" "P-1 " \
	"  and leaves the public catalog"
G cat-file -e public:docs/2026/01/W-2 2>/dev/null
is "$?" 128 "  and public's folders"

# ---- item 5: no silent undo --------------------------------------------------------
pub --today 2026-03-09 "$T/batch.jsonl"
is "$status" 1 "re-running last week's batch: exit 1"
is "$(jq -r .publish.status "$T/out" | tr '\n' ' ')" "refused refused unchanged " \
	"  both withdrawn notices refused, the policy unchanged"
is "$(jq -r '.problems[0].code' "$T/out" | head -2 | tr '\n' ' ')" \
	"undoes-withdrawal undoes-withdrawal " "  as undoes-withdrawal"
like "$(sed -n 1p "$T/out" | jq -r '.problems[0].message')" '2026-03-06 撤回.*reinstated' \
	"  the message says when it was withdrawn and how to reinstate"
G cat-file -e public:docs/2026/03/W-1 2>/dev/null
is "$?" 128 "  W-1 stays off public"
notice W-1 ',"reinstated":{"date":"2026-03-09","reason":"经核实可以公开"}' >"$T/r.jsonl"
pub --today 2026-03-09 "$T/r.jsonl"
is "$status" 0 "a record with reinstated puts it back"
G cat-file -e public:docs/2026/03/W-1
is "$?" 0 "  on public"

policy P-1 ',"validity":"已废止","validity_date":"2026-03-08"' >"$T/ab.jsonl"
pub --today 2026-03-09 "$T/ab.jsonl"
is "$status" 0 "abolishing P-1 (validity 已废止) is published"
is "$(G show main:docs/2026/03/P-1/record.json | jq -r .validity)" abolished \
	"  stored as the code abolished"
is "$(year_catalog "$S" public 2026 | jq -c 'select(.id=="P-1") | [.validity,.validity_date,.published]')" \
	'["abolished","2026-03-08","2026-03-05"]' \
	"  the public catalog line carries validity, validity_date and published"
pub --today 2026-03-10 "$T/batch.jsonl"
is "$(jq -r 'select(.id=="P-1") | .publish.status + " " + .problems[0].code' "$T/out")" \
	"refused undoes-abolition" "the old batch would undo the abolition: refused, undoes-abolition"
is "$(G show main:docs/2026/03/P-1/record.json | jq -r .validity)" abolished "  P-1 stays abolished"
policy P-1 ',"reinstated":{"date":"2026-03-10","reason":"复议撤销废止决定"}' >"$T/ra.jsonl"
pub --today 2026-03-10 "$T/ra.jsonl"
is "$status" 0 "with reinstated it is back in force"
is "$(G show main:docs/2026/03/P-1/record.json | jq -r '.validity // "in-force"')" in-force "  on the register"

# ---- item 1: the fields are checked before anything is written ---------------------
policy P-2 ',"validity":"expired"' >"$T/bad.jsonl"
pub --today 2026-03-10 "$T/bad.jsonl"
is "$status" 1 "expired without validity_date: refused"
is "$(jq -r '.problems[0].code' "$T/out")" missing-validity-date "  as missing-validity-date"
G cat-file -e main:docs/2026/03/P-2 2>/dev/null
is "$?" 128 "  and not written"

# ---- item 2: both ways ---------------------------------------------------------------
{
	printf '{"id":"J-1","title":"解读","office":"法规科","kind":"interpretation","interprets":"P-1","date":"2026-03-11","attribute":"proactive","category":"decision","body":"解读正文"}\n'
	policy P-5 ',"amends":"P-1"'
	policy P-6 ',"replaces":"P-1"'
	policy P-7 ',"replaces":"W-2"'
	policy P-8 ',"amends":"P-99"'
} >"$T/links.jsonl"
n0=$(G rev-list --count main)
pub --today 2026-03-11 "$T/links.jsonl"
is "$status" 1 "a batch interpreting, amending and replacing P-1 (and two bad links): exit 1"
is "$(jq -r '.id + " " + .publish.status + " " + (.problems[0].code // "")' "$T/out" | tr '\n' ',')" \
	"J-1 published ,P-5 published ,P-6 published ,P-7 refused link-not-policy,P-8 refused orphan-link," \
	"  the links to a notice and to no document refused (link-not-policy, orphan-link)"
is "$(G show main:docs/2026/03/P-1/record.json | jq -c '[.interpretations,.amended_by,.replaced_by]')" \
	'[["J-1"],["P-5"],["P-6"]]' "  the stored P-1 now lists them all"
is "$(G rev-list --count main)" $((n0 + 1)) "  in the same single commit"
like "$(G log -1 --format=%B main)" 'P-1 proactive \(linked: interpretations, amended_by, replaced_by\)' \
	"  which says so"
is "$(year_catalog "$S" public 2026 | jq -c 'select(.id=="P-1") | [.interpretations,.amended_by,.replaced_by]')" \
	'[["J-1"],["P-5"],["P-6"]]' "  and so does P-1's public catalog line"
is "$(year_catalog "$S" public 2026 | jq -r 'select(.id=="P-5") | .amends')" P-1 \
	"  P-5's line names what it amends"
policy P-1 ',"reinstated":{"date":"2026-03-10","reason":"复议撤销废止决定"}' >"$T/p1.jsonl"
pub --today 2026-03-12 "$T/p1.jsonl"
is "$(G show main:docs/2026/03/P-1/record.json | jq -c '[.interpretations,.amended_by,.replaced_by]')" \
	'[["J-1"],["P-5"],["P-6"]]' "P-1 published again keeps its links"

# ---- item 6: go-cat --log --------------------------------------------------------------
run go-cat --repo "$S" --log W-1
is "$status" 0 "go-cat --log W-1: exit 0"
is "$(jq -r '.change | join("+")' "$T/out" | tr '\n' ' ')" "added withdrawn reinstated record " \
	"  one line per version: added, withdrawn, reinstated, re-published"
is "$(jq -r .commit "$T/out" | tr '\n' ' ')" \
	"$(G log --first-parent --reverse --format=%H main -- docs/2026/03/W-1 | tr '\n' ' ')" \
	"  the very commits git log shows for its folder"
is "$(sed -n 2p "$T/out" | jq -r '.author + " " + .withdrawn.reason')" \
	"李四 <li@bureau.example> 误发，涉及内部事务" "  who, and the withdrawal's reason"
is "$(sed -n 2p "$T/out" | jq -r .content)" "$(G rev-parse "$(sed -n 2p "$T/out" | jq -r .commit):docs/2026/03/W-1")" \
	"  content: the folder's git tree id"
is "$(sed -n 2p "$T/out" | jq -r .date | cut -c1-10)" "$(G log -1 --format=%ad --date=short "$(sed -n 2p "$T/out" | jq -r .commit)")" \
	"  date: the commit's"
run go-cat --repo "$S" --log P-1
is "$(jq -r '.change | join("+")' "$T/out" | tr '\n' ' ')" "added validity validity record " \
	"go-cat --log P-1: added, abolished, back in force, linked"
is "$(jq -r .validity "$T/out" | tr '\n' ' ')" "in-force abolished in-force in-force " "  with its validity"
run go-cat --repo "$S" --log Z-404
is "$status" 1 "go-cat --log of an id never stored: exit 1"
is "$(cat "$T/out")" "" "  nothing on stdout"
like "$(cat "$T/err")" 'no version of Z-404' "  saying so on stderr"
is "$(public_tree "$S")" "$(projection "$S")" \
	"public is the projection of main built with the git CLI alone (no withdrawn document)"
G fsck --strict >/dev/null 2>&1
ok $? "the store passes git fsck --strict at the end"
finish
