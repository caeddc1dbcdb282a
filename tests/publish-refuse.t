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
finish
