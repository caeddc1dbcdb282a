#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Documentation that is true (issue 17 item 8): what the README and the man
# pages say is checked against the tools, the tags and the store.
. "${0%/*}/lib.sh"
ROOT=$(cd "$TESTS/.." && pwd)
V=$(cat "$ROOT/VERSION")

# ---- every rev: of the docs names the version's tag, and the tag exists ----------
# man pages are built with @VERSION@ replaced: read the built ones
for f in "$ROOT/README.md" "$GO_BUILD"/man/*.[0-9] "$ROOT/.pre-commit-hooks.yaml"; do
	grep -h '^[[:space:]#]*rev:' "$f" | sed 's/^[[:space:]#]*rev:[[:space:]]*//'
done | sort -u >"$T/revs"
is "$(grep -v '^<tag>$' "$T/revs")" "v$V" "every rev: in README, man pages and .pre-commit-hooks.yaml is v$V (VERSION)"
if ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
	skip 1 "not a git checkout: no tags to look at"
elif [ -z "$(git -C "$ROOT" tag -l 'v*')" ]; then
	skip 1 "this clone carries no release tags (cloned without them)"
else
	git -C "$ROOT" rev-parse -q --verify "refs/tags/v$V^{commit}" >/dev/null
	ok $? "the tag v$V exists (a pre-commit config naming it can be installed)"
fi

# ---- --help of every tool has the same layout ------------------------------------
# usage lines; a blank line; the description; a blank line; ...; -h, --help and
# --version among the options; a blank line, then the exit status, last.
for b in "$GO_BUILD"/bin/go-*; do
	t=${b##*/}
	"$b" --help >"$T/help" 2>"$T/help-err"
	st=$?
	is "$st.$(wc -c <"$T/help-err" | tr -d ' ')" "0.0" "$t --help: exit 0, on stdout only"
	like "$(head -1 "$T/help")" "^usage: $t " "$t --help: starts with usage: $t"
	# the first line that is not a usage line is blank
	is "$(awk 'NR > 1 && !/^ / { print "[" $0 "]"; exit }' "$T/help")" "[]" \
		"$t --help: a blank line after the usage lines"
	grep -Eq -- '^ +-h, --help ' "$T/help" && grep -Eq -- '--version' "$T/help"
	ok $? "$t --help: lists -h, --help and --version"
	# the last paragraph is the exit status
	awk 'BEGIN { RS = "" } { p = $0 } END { print p }' "$T/help" >"$T/last"
	like "$(head -1 "$T/last")" '^Exit status: ' "$t --help: ends with a paragraph of its own: Exit status:"
done

# ---- "blob for blob": go-cat | go-publish --init copies the documents exactly -----
S=$T/old.git N=$T/new.git
go-publish --init --repo "$S" </dev/null >/dev/null
printf 'x\n' >"$T/att.txt"
cat >"$T/b.jsonl" <<J
{"id":"C-1","title":"关于某事的通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","classified_by":{"attribute":"default:12"},"attribute_confirmed":{"by":"王五","date":"2026-03-03"},"body":"正文","attachments":[{"name":"a.txt","path":"$T/att.txt"}]}
{"id":"W-1","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"withheld","reason":"属于内部事务","basis":["ogi-16-internal"]}
{"id":"R-1","title":"依申请","office":"办公室","kind":"notice","date":"2025-03-02","attribute":"on-request","category":"execution","reason":"涉及第三方，依申请公开","body":"正文R"}
{"id":"P-1","title":"办法","office":"法规科","kind":"normative","date":"2026-03-02","attribute":"proactive","category":"decision","no_interpretation_reason":"内容简单","body":"条文"}
J
go-publish --repo "$S" --author '李四 <li@bureau.example>' --today 2026-03-05 "$T/b.jsonl" >/dev/null 2>&1
go-publish --repo "$S" --author '李四 <li@bureau.example>' --today 2026-03-06 --withdraw P-1 --reason 误发 >/dev/null 2>&1
go-cat --repo "$S" | go-publish --init --repo "$N" --author '张三 <z@bureau.example>' --today 2026-03-07 >"$T/copy" 2>"$T/copy-err"
is "$?" 0 "go-cat --repo old | go-publish --init --repo new: exit 0"
is "$(git -C "$N" rev-parse 'main:docs')" "$(git -C "$S" rev-parse 'main:docs')" \
	"the register's docs/ tree is the same, blob for blob (withdrawn, withheld, on-request, attachments)"
is "$(git -C "$N" rev-parse 'public^{tree}')" "$(git -C "$S" rev-parse 'public^{tree}')" \
	"and so is the public view"
is "$(git -C "$N" rev-list --count main)" 1 "the history is not copied: one commit"
tr '\n' ' ' <"$ROOT/README.md" | grep -q 'same docs/ trees, blob for blob: main.s `docs/` tree id'
ok $? "README says what is the same, and what is not copied"
tr '\n' ' ' <"$ROOT/man/go-cat.1" | grep -q 'the same docs/ tree, blob for blob'
ok $? "  and so does go-cat(1)"
finish
