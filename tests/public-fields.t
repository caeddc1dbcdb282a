#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Internal fields (how and by whom the attribute was decided: classified_by,
# attribute_confirmed, review) stay on main and are not on public (issue 17
# item 6). Read back with the git CLI; public is the jq projection of main.
. "${0%/*}/lib.sh"
. "$TESTS/projection.sh"
S=$T/store.git
G() { git -C "$S" "$@"; }
# the record.json of document ID on REF, whatever the folder layout
show() { G show "$1:$(G ls-tree -r --name-only "$1" docs | grep "/$2/record.json\$")"; }
go-publish --init --repo "$S" </dev/null >/dev/null
cat >"$T/batch.jsonl" <<'J'
{"id":"C-1","title":"关于某事的通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","classified_by":{"attribute":"default:12","category":"default:30"},"attribute_confirmed":{"by":"王五","date":"2026-03-03"},"review":{"office":"政务公开办","date":"2026-03-03","result":"approved","by":"赵六"},"body":"正文"}
{"id":"C-2","title":"关于另一事的通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","body":"正文二"}
J
run go-publish --repo "$S" --author '李四 <li@bureau.example>' --today 2026-03-05 "$T/batch.jsonl"
is "$status" 0 "a batch with internal fields is published"
is "$(show main C-1 | jq -c '[.classified_by.attribute, .attribute_confirmed.by, .review.by]')" \
	'["default:12","王五","赵六"]' "main keeps classified_by, attribute_confirmed and review"
is "$(show public C-1 | jq -c '[has("classified_by"), has("attribute_confirmed"), has("review")]')" \
	'[false,false,false]' "public's record.json has none of them"
is "$(show public C-1 | jq -c 'del(.published)')" \
	"$(show main C-1 | jq -c 'del(.classified_by, .attribute_confirmed, .review, .published)')" \
	"and every other field as main has it"
show public C-1 >"$T/pub.json"
jq -S . "$T/pub.json" >"$T/pub-S.json"
same_file "$T/pub.json" "$T/pub-S.json" "public's record.json is written as main's are (sorted keys, two spaces)"
is "$(G rev-parse public:"$(G ls-tree -r --name-only public docs | grep '/C-1/body.md$')")" \
	"$(G rev-parse main:"$(G ls-tree -r --name-only main docs | grep '/C-1/body.md$')")" \
	"the other files of the folder are main's blobs"
d2=$(G ls-tree -r --name-only main docs | grep '/C-2/record.json$'); d2=${d2%/record.json}
is "$(G rev-parse "public:$d2")" "$(G rev-parse "main:$d2")" \
	"a folder without internal fields is main's tree itself"
is "$(public_tree "$S")" "$(projection "$S")" "public is the projection of main (tests/projection.sh, jq)"
run go-gate --repo "$S" --public --tree public
is "$status.$(cat "$T/out")" "0." "go-gate: public is the projection of main"
run go-cat --repo "$S" --public
is "$status" 0 "go-cat --public reads the stripped records"
is "$(jq -r 'select(.id == "C-1") | [has("review"), .title] | @tsv' "$T/out")" "false	关于某事的通知" \
	"  without the internal fields"
finish
