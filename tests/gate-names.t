#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Names git and checkouts can hold (issue 9, items 8 and 7): go-publish refuses
# a record whose id (as a folder name) or attachment name git fsck --strict or
# a Windows or macOS checkout cannot hold, with the problem unsafe-name and a
# Chinese message, and publishes the other records of the batch.
. "${0%/*}/lib.sh"

S=$T/store.git
printf 'attachment\n' >"$T/a.txt"
rec() { # ID [ATTACHMENT-NAME]
	jq -nc --arg id "$1" --arg a "${2-}" --arg p "$T/a.txt" '{id: $id, date: "2026-03-02",
		attribute: "proactive", category: "result", kind: "notice", office: "办公室",
		title: "通知", body: "正文"} + (if $a == "" then {} else {attachments: [{name: $a, path: $p}]} end)'
}
long=$(printf 'x%.0s' $(seq 1 256))
bad_ids="CON aux.txt nul.tar.gz COM1 lpt9.md A. .gitmodules .git. .Git .GIT/x git/1 GIT/2 gitmod/1"
: >"$T/in"
for id in $bad_ids; do rec "$id" >>"$T/in"; done
for a in 'git~1' 'GIT~2' CON.pdf 'a	b' 'x.' 'y ' .gitattributes 'a:b' "$long.pdf"; do
	rec "ATT-$(printf '%s' "$a" | cksum | cut -c1-6)" "$a" >>"$T/in"
done
rec OK-1 '附件一.pdf' >>"$T/in"
rec OK-2 >>"$T/in"
run go-publish --init --repo "$S" --today 2026-03-03 "$T/in"
is "$status" 1 "a batch with names git or a checkout cannot hold: exit 1"
n=$(wc -l <"$T/in")
is "$(wc -l <"$T/out")" "$n" "every input line is echoed"
is "$(jq -r 'select(.publish.status == "published") | .id' "$T/out" | sort | tr '\n' ' ')" "OK-1 OK-2 " \
	"the other records are published"
is "$(jq -r 'select(.publish.status == "refused") | .problems[0].code' "$T/out" | sort -u)" "unsafe-name" \
	"every bad name is refused as unsafe-name"
is "$(jq -r 'select(.publish.status == "refused") | select(.publish.reason != .problems[0].message) | .id' "$T/out")" "" \
	"the reason is the problem's message (issue 17)"
like "$(jq -r 'select(.id == "CON") | .problems[0].message' "$T/out")" "Windows 保留的设备名" "CON: the message says why, in Chinese"
like "$(jq -r 'select(.id == "git/1") | .problems[0].message' "$T/out")" "git~1.*短文件名" "git/1: its folder git~1 is a short name of .git"
like "$(jq -r 'select(.attachments[0].name == "git~1") | .problems[0].message' "$T/out")" "附件 1（git~1）" \
	"an attachment git~1: the attachment named"
git -C "$S" fsck --strict >"$T/fsck" 2>&1
ok $? "git fsck --strict is clean"
is "$(git -C "$S" -c core.quotePath=false ls-tree -r --name-only main | LC_ALL=C sort | tr '\n' ' ')" \
	"docs/2026/03/OK-1/body.md docs/2026/03/OK-1/files/附件一.pdf docs/2026/03/OK-1/record.json docs/2026/03/OK-2/body.md docs/2026/03/OK-2/record.json " \
	"main holds only the records with good names (git ls-tree)"
git clone -q "$S" "$T/checkout" 2>"$T/err"
ok $? "the store checks out"
run go-gate --repo "$S" --tree main
is "$status" 0 "the store passes the gate"

# The same rule at the server's gate, for a clerk who commits by hand.
git -C "$T/checkout" checkout -q main
for id in lpt1 "nul.txt"; do
	mkdir -p "$T/checkout/docs/2026/03/$id"
	rec "$id" | jq -S 'del(.body) | .published = "2026-03-03"' >"$T/checkout/docs/2026/03/$id/record.json"
done
git -C "$T/checkout" add -A && git -C "$T/checkout" commit -qm "device names"
git -C "$T/checkout" push origin main >"$T/out" 2>"$T/err"
is "$?" 1 "the gate refuses a push of the same names"
is "$(grep -c 'unsafe-name: ' "$T/err")" 2 "one message per document"
finish
