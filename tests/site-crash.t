#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-site killed in the middle of an incremental run (GO_TEST_SITE_CRASH=N: a
# SIGKILL after the N-th file written in place): what a web server serves then
# is whole (every file the old or the new one, every internal link resolves),
# and the next run, seeing the run that did not finish, renders in full: the
# same bytes as --full.
. "${0%/*}/lib.sh"
H=$TESTS/site
S=$T/store.git
. "$H/docs.sh"
site_docs
go-publish --init --repo "$S" --today 2026-04-10 --author 'Clerk <c@example.gov.cn>' "$T/docs.jsonl" >/dev/null 2>&1
site() { go-site --repo "$S" --base-url https://sfj.example.gov.cn/ "$@"; }
mkdir "$T/base"
site -o "$T/base/site" --quiet
# the change: two new documents, a title changed, one withdrawn
{
	jq -c 'select(.id == "P-1") | .title = "市司法局关于规范行政执法公示工作的实施办法（修订）"' "$T/docs.jsonl"
	jq -c 'select(.id == "P-2") | .withdrawn = {"date": "2026-04-09", "reason": "有误", "by": "办公室"}' "$T/docs.jsonl"
	printf '%s\n' '{"id":"NEW-1","title":"新通知一","office":"办公室","kind":"notice","date":"2026-04-08","attribute":"proactive","category":"result","body":"正文"}' \
		'{"id":"NEW-2","title":"新通知二","office":"办公室","kind":"notice","date":"2026-04-09","attribute":"proactive","category":"result","body":"正文"}'
} | go-publish --repo "$S" --today 2026-04-10 --author 'Clerk <c@example.gov.cn>' >/dev/null 2>&1
site -o "$T/full" --full --quiet
cp -a "$T/base" "$T/whole"
run site -o "$T/whole/site"
said=$(sed -n 's/.*incrementally: \([0-9]*\) files written.*/\1/p' "$T/err")
ok "$([ "${said:-0}" -gt 3 ]; echo $?)" "the change, uninterrupted: $said files written in place"

for k in 1 2 $((said / 2)) $((said - 1)); do
	cp -a "$T/base" "$T/k$k"
	GO_TEST_SITE_CRASH=$k go-site --repo "$S" --base-url https://sfj.example.gov.cn/ -o "$T/k$k/site" >"$T/out" 2>"$T/err"
	is "$?" 137 "GO_TEST_SITE_CRASH=$k: killed after the $k-th file"
	python3 "$H/links.py" "$T/k$k/site" >"$T/links" 2>&1
	ok $? "  the site as served then: every internal link resolves ($(tail -1 "$T/links"))"
	grep -v '^checked' "$T/links" | sed 's/^/#   /' | head -3
	(cd "$T/k$k/site" && find . -type f) | while read -r f; do
		cmp -s "$T/k$k/site/$f" "$T/base/site/$f" || cmp -s "$T/k$k/site/$f" "$T/full/$f" || echo "$f"
	done >"$T/mixed"
	is "$(cat "$T/mixed")" "" "  every file is the old version or the new one, none a part"
	run site -o "$T/k$k/site"
	like "$(cat "$T/err")" "rendered in full" "  the next run sees the unfinished one and renders in full"
	diff -r "$T/k$k/site/" "$T/full/" >"$T/diff" 2>&1
	ok $? "  ... byte-identical to --full"
	sed 's/^/#   /' "$T/diff" | head -3
done
finish
