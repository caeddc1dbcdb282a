#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# The pre-commit framework's entry (.pre-commit-hooks.yaml) run by the real
# pre-commit on a store checkout: with --all-files and --files the documents
# those files belong to are checked, as the work tree holds them, so a bad
# register already committed fails in CI (issue 17 item 7).
. "${0%/*}/lib.sh"
ROOT=$(cd "$TESTS/.." && pwd)
if ! command -v pre-commit >/dev/null 2>&1; then
	skip 12 "pre-commit (the framework) is not installed"
	finish
fi
export PRE_COMMIT_HOME=$T/pre-commit-cache
# The hook repository as the framework clones it: the project's hook files at a tag.
R=$T/hookrepo
git init -q "$R"
cp "$ROOT/.pre-commit-hooks.yaml" "$R/"
mkdir -p "$R/share" && cp -R "$ROOT/share/hooks" "$R/share/"
git -C "$R" add -A && git -C "$R" commit -qm hooks
# The store checkout: the entry finds the hooks next to go-cat ($GO_BUILD/share).
W=$T/store
git init -q -b main "$W"
printf 'repos:\n- repo: %s\n  rev: %s\n  hooks: [{id: go-tools}]\n' "$R" "$(git -C "$R" rev-parse HEAD)" >"$W/.pre-commit-config.yaml"
mkdoc() { mkdir -p "$W/$1" && printf '%s\n' "$2" | jq -S . >"$W/$1/record.json"; }
GOOD='{"id":"G-1","date":"2026-03-02","attribute":"proactive","category":"result","kind":"notice","office":"办公室","title":"关于某事的通知","published":"2026-03-03"}'
mkdoc docs/2026/G-1 "$GOOD"
mkdoc docs/2026/G-2 "$(printf '%s' "$GOOD" | jq -c '.id = "G-2"')"
git -C "$W" add -A && git -C "$W" commit -qm good
pc() { (cd "$W" && pre-commit run "$@") >"$T/out" 2>"$T/err"; status=$?; }

pc --all-files
is "$status" 0 "--all-files: a good register passes"
like "$(cat "$T/out")" "go-tools checks .*Passed" "--all-files: the go-tools hook passed"

# A bad record committed with --no-verify (or before the hook was set up): the
# index equals HEAD, so only a check of the files themselves can find it.
mkdoc docs/2026/BAD-1 '{"id":"BAD-1","date":"2026-03-02","kind":"notice","office":"办公室","title":"没有公开属性","published":"2026-03-03"}'
git -C "$W" add -A && git -C "$W" commit -qm bad
pc --all-files
is "$status" 1 "--all-files: a register with a bad record fails (it is committed: the index is HEAD's)"
like "$(cat "$T/out")" "go-tools checks .*Failed" "--all-files: the go-tools hook failed"
like "$(cat "$T/out")" "docs/2026/BAD-1/record.json: missing-attribute: " "--all-files: the record, code and message named"
like "$(cat "$T/out")" "拒绝：1 份文件" "--all-files: one document refused, the good ones pass"

pc --files docs/2026/G-1/record.json
is "$status" 0 "--files of a good document passes"
pc --files docs/2026/BAD-1/record.json
is "$status" 1 "--files of a bad document fails"
like "$(cat "$T/out")" "docs/2026/BAD-1/record.json: missing-attribute: " "--files: the bad record named"

# The work tree counts, not the index: an unstaged fix passes with --files.
jq '.attribute = "proactive" | .category = "result"' "$W/docs/2026/BAD-1/record.json" >"$T/fixed" &&
	cp "$T/fixed" "$W/docs/2026/BAD-1/record.json"
pc --files docs/2026/BAD-1/record.json
is "$status.$(grep -c 'missing-attribute' "$T/out")" "0.0" "--files: the document as the work tree holds it (an unstaged fix)"
# and a document is checked whole when one of its files is named: a body.md
# next to a broken record.json brings the record.json in.
git -C "$W" checkout -q -- docs
printf '正文\n' >"$W/docs/2026/BAD-1/body.md"
pc --files docs/2026/BAD-1/body.md
is "$status" 1 "--files of a document's other file checks the document"
like "$(cat "$T/out")" "docs/2026/BAD-1/record.json: missing-attribute: " "--files of body.md: its record.json named"
# The index was not touched by the checks.
is "$(git -C "$W" status --porcelain --untracked-files=no)" "" "the store's index and HEAD are as they were"
finish
