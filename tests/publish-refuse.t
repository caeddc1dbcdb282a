#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-publish refuses what would break a promise of the store (issue 9): records
# too deep to read back, stale records, names and identities git cannot hold, a
# checked-out branch, attachments that are no regular files; one bad record
# never takes the batch down.
. "${0%/*}/lib.sh"
S=$T/store.git
G() { git -C "$S" "$@"; }
pub() { run go-publish --repo "$S" --today 2026-03-10 "$@"; }
field() { sed -n "${1}p" "$T/out" | jq -r ".publish.$2"; }
rec() { printf '{"id":"%s","title":"标题%s","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"%s","category":"execution","reason":"依申请","body":"正文%s"}\n' "$1" "$1" "${2:-proactive}" "$1"; }
go-publish --init --repo "$S" </dev/null >/dev/null

# ---- 9: one nesting limit, enforced on input -----------------------------------
deep() { # a record with an extra field nested $2 arrays deep
	awk -v id="$1" -v n="$2" 'BEGIN { o = c = ""; for (i = 0; i < n; i++) { o = o "["; c = c "]" }
		printf "{\"id\":\"%s\",\"title\":\"深\",\"office\":\"办公室\",\"kind\":\"notice\",\"date\":\"2026-03-02\",\"attribute\":\"proactive\",\"category\":\"execution\",\"x\":%s1%s}\n", id, o, c }'
}
{ deep D-1 2047; rec D-2; deep D-3 63; } >"$T/deep.jsonl"
pub "$T/deep.jsonl"
is "$status" 1 "a record nested 2048 deep: exit 1"
is "$(jq -r .publish.status "$T/out" | tr '\n' ' ')" "refused published published " \
	"  it is refused, the others published (64 levels are allowed)"
like "$(sed -n 1p "$T/out" | jq -r '.problems[0].code')" '^invalid-json$' "  as invalid-json"
like "$(cat "$T/err")" 'deep.jsonl:1: .*depth' "  stderr names FILE:LINE and the depth"
run go-cat --repo "$S" --no-body
is "$status" 0 "go-cat still reads the whole store"
is "$(jq -r .id "$T/out" | tr '\n' ' ')" "D-2 D-3 " "  every document of it"

# ---- 8: --branch never lands on a public view; identities hold no newline -------
rec B-1 on-request >"$T/b.jsonl"
G for-each-ref >"$T/refs0"
for b in public draft-public; do
	pub --branch "$b" "$T/b.jsonl"
	is "$status" 2 "--branch $b: exit 2 (a public view's name)"
	like "$(cat "$T/err")" "--branch $b：.*公开视图" "  saying why, in Chinese"
	G for-each-ref >"$T/refs1"
	same_file "$T/refs1" "$T/refs0" "  and no ref is written"
done
pub --author "$(printf 'Ada\nClerk <ada@bureau.example>')" "$T/b.jsonl"
is "$status" 2 "--author with a newline: exit 2"
like "$(cat "$T/err")" '换行' "  saying so"
(GIT_AUTHOR_NAME=$(printf 'Test\nClerk') pub "$T/b.jsonl"; echo "$status" >"$T/st")
is "$(cat "$T/st")" 2 "GIT_AUTHOR_NAME with a newline: exit 2"
like "$(cat "$T/err")" '换行' "  saying so"
G for-each-ref >"$T/refs1"
same_file "$T/refs1" "$T/refs0" "  no ref was written"
is "$(G log --format=%B main | grep -c Clerk)" 0 "  and no such name is in any commit"

# ---- 6: a non-bare store's checked-out branch is not moved ----------------------
C=$T/clone
rec C-0 | go-publish --init --repo "$T/s6.git" --today 2026-03-10 >/dev/null
git clone -q "$T/s6.git" "$C" 2>/dev/null
is "$(git -C "$C" symbolic-ref HEAD)" refs/heads/main "a clone has main checked out"
rec C-1 >"$T/c.jsonl"
before=$(git -C "$C" rev-parse main)
run go-publish --repo "$C" --author "Ada Clerk <ada@bureau.example>" --today 2026-03-10 "$T/c.jsonl"
is "$status" 2 "publishing into it: exit 2"
like "$(cat "$T/err")" '已在工作区检出.*receive.denyCurrentBranch' "  refused as git's receive.denyCurrentBranch does"
is "$(git -C "$C" rev-parse main)" "$before" "  main did not move"
git -C "$C" commit -qa -m 'a clerk commits' --allow-empty
is "$(git -C "$C" diff --name-only HEAD~1 HEAD | wc -l)" 0 \
	"  so the clerk's next commit -a removes nothing that was published"
git -C "$C" checkout -q -b work
run go-publish --repo "$C" --author "Ada Clerk <ada@bureau.example>" --today 2026-03-10 "$T/c.jsonl"
is "$status" 0 "with another branch checked out, the clone is published into"
is "$(git -C "$C" status --porcelain | wc -l)" 0 "  and its work tree is left clean"
# ---- 3: stale records cannot undo later decisions ------------------------------
withheld() { printf '{"id":"%s","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"withheld","category":"execution","reason":"属于内部人事管理信息","basis":["ogi-16-internal"]}\n' "$1"; }
rec W-1 | go-publish --repo "$S" --today 2026-03-10 >/dev/null
go-cat --repo "$S" W-1 >"$T/week.jsonl"
like "$(jq -r .store.commit "$T/week.jsonl")" '^[0-9a-f]{40}$' "go-cat's record carries store.commit"
withheld W-1 | go-publish --repo "$S" --today 2026-03-11 >/dev/null
pub "$T/week.jsonl"
is "$status" 1 "last week's batch again, after the document was withheld: exit 1"
is "$(field 1 status)" refused "  the stale record is refused"
is "$(jq -r '.problems[] | select(.tool == "go-publish") | .code' "$T/out")" stale-record "  as stale-record"
like "$(field 1 reason)" '^记录读自提交 [0-9a-f]{12}，此后库中该文档已有改动' "  publish.reason says why, in Chinese"
is "$(jq -r '.problems[] | select(.code == "stale-record") | .message' "$T/out")" "$(field 1 reason)" \
	"  the same text as the problem's message"
is "$(G show main:docs/2026/03/W-1/record.json | jq -r .attribute)" withheld "  main still says withheld"
is "$(G ls-tree -r --name-only public | grep -c W-1)" 0 "  and public does not have it"
go-cat --repo "$S" W-1 | go-publish --repo "$S" --today 2026-03-12 >"$T/out"
is "$(field 1 status)" unchanged "a record read afresh is not stale"

today=$(date -u +%F)
rec Q-1 on-request | go-publish --repo "$S" --today 2026-03-10 >/dev/null
rec Q-1 >"$T/q.jsonl"
pub "$T/q.jsonl"
is "$status" 1 "on-request to proactive without a review: exit 1"
is "$(jq -r '.problems[] | select(.tool == "go-publish") | .code' "$T/out")" missing-review "  missing-review"
like "$(field 1 reason)" "库中该文档为 on-request（$today 起）" "  naming what it was and since when"
jq -c '.review = {"office":"办公室","date":"2020-01-01","result":"approved","by":"王"}' "$T/q.jsonl" >"$T/q2.jsonl"
pub "$T/q2.jsonl"
is "$(field 1 status)" refused "  a review dated before the change does not do"
jq -c '.review = {"office":"办公室","date":"2099-01-01","result":"rejected","by":"王"}' "$T/q.jsonl" >"$T/q3.jsonl"
pub "$T/q3.jsonl"
is "$(field 1 status)" refused "  nor a rejected one"
jq -c --arg d "$today" '.review = {"office":"办公室","date":$d,"result":"approved","by":"王"}' "$T/q.jsonl" >"$T/q4.jsonl"
pub "$T/q4.jsonl"
is "$status" 0 "an approved review dated on the day of the change: exit 0"
is "$(G show public:docs/2026/03/Q-1/record.json | jq -r .attribute)" proactive "  and it is public"
withheld W-1 | jq -c '.attribute = "proactive" | .title = "标题"' >"$T/w.jsonl"
pub "$T/w.jsonl"
is "$(jq -r '.problems[] | select(.tool == "go-publish") | .code' "$T/out")" missing-review \
	"withheld to proactive without a review: missing-review"
# ---- 7: one bad record never takes the batch down ------------------------------
att() { printf '{"id":"%s","title":"附件","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","attachments":[{"name":"%s","path":"%s"}]}\n' "$1" "${2##*/}" "$2"; }
mkfifo "$T/fifo"
truncate -s 101M "$T/huge.bin"
echo ok >"$T/small.txt"
{ att A-1 "$T/fifo"; att A-2 /dev/zero; att A-3 "$T/huge.bin"; att A-4 "$T/small.txt"; att A-5 "$T"; } >"$T/att.jsonl"
timeout 20 go-publish --repo "$S" --today 2026-03-10 "$T/att.jsonl" >"$T/out" 2>"$T/err"
status=$?
is "$status" 1 "a FIFO, /dev/zero, a 101 MiB file, a folder as attachments: exit 1, no hang"
is "$(jq -r .publish.status "$T/out" | tr '\n' ' ')" "refused refused refused published refused " \
	"  those records refused, the good one published"
is "$(jq -r '[.problems[]? | select(.tool == "go-publish") | .code] | join(",")' "$T/out" | tr '\n' ' ')" \
	"attachment-not-file attachment-not-file attachment-too-large  attachment-not-file " \
	"  as attachment-not-file and attachment-too-large"
like "$(field 3 reason)" '超过 100 MiB 的上限' "  the size limit is named"
is "$(G show main:docs/2026/03/A-4/files/small.txt)" ok "  the good attachment is stored"

# A fatal store error (here the file size limit, as a full disk would): exit 2,
# every line echoed failed with the system's reason, the store fsck clean.
head -c 300000 /dev/urandom >"$T/big.bin"
{ rec F-1; att F-2 "$T/big.bin"; echo 'not json'; rec F-3 on-request; } >"$T/full.jsonl"
G for-each-ref >"$T/refs0"
(trap '' XFSZ; ulimit -f 128; exec go-publish --repo "$S" --today 2026-03-10 "$T/full.jsonl" >"$T/out" 2>"$T/err")
is "$?" 2 "the store cannot be written: exit 2"
is "$(wc -l <"$T/out")" 4 "  every input line is echoed"
is "$(jq -r .publish.status "$T/out" | sort -u)" failed '  each with publish.status "failed"'
like "$(field 1 reason)" '库写入失败.*File too large' "  and the system's reason"
G for-each-ref >"$T/refs1"
same_file "$T/refs1" "$T/refs0" "  no ref moved"
run git -C "$S" fsck --strict
is "$status" 0 "  git fsck --strict is clean"
is "$(ls "$S/objects/pack" | grep -c tmp_)" 0 "  and no partial pack is left"
finish
