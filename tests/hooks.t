#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# The git hooks of share/hooks, installed by make install and run by the real
# git CLI (core.hooksPath) and by Debian's pre-commit framework (try-repo).
. "${0%/*}/lib.sh"
ROOT=$(cd "$TESTS/.." && pwd)

# make install into a prefix of our own; the hooks then use the installed tools.
P=$T/prefix
# -o all: install what make check built; never rebuild (its flags may differ)
make -s -C "$ROOT" -o all install BUILD="$GO_BUILD" PREFIX="$P" >"$T/install.log" 2>&1
ok $? "make install PREFIX=..."
H=$P/share/go-tools/hooks
[ -x "$H/pre-commit" ] && [ -x "$H/pre-receive" ] && [ -f "$H/go-hooks.sh" ]
ok $? "the hooks are installed under PREFIX/share/go-tools/hooks"
PATH=$P/bin:$PATH

W=$T/work
git init -q -b main "$W"
git -C "$W" config core.hooksPath "$H"
# mkdoc FOLDER JSON: a record.json as go-publish writes it
mkdoc() { mkdir -p "$W/$1" && printf '%s\n' "$2" | jq -S . >"$W/$1/record.json"; }
commit() { (cd "$W" && git commit "$@") >"$T/out" 2>"$T/err"; status=$?; }

GOOD='{"id":"G-1","date":"2026-03-02","attribute":"proactive","category":"result","kind":"notice","office":"办公室","title":"关于某事的通知","published":"2026-03-03"}'
NOATTR='{"id":"BAD-1","date":"2026-03-02","kind":"notice","office":"办公室","title":"没有公开属性","published":"2026-03-03"}'

mkdoc docs/2026/03/BAD-1 "$NOATTR"
git -C "$W" add docs
commit -m bad
is "$status" 1 "pre-commit: a record without an attribute is refused"
like "$(cat "$T/err")" "^docs/2026/03/BAD-1/record.json: missing-attribute: " "pre-commit: the message names the file and the rule"
like "$(cat "$T/err")" "pre-commit：拒绝：1 份文件不符合规则（1 个错误）" "pre-commit: and says it refused"
git -C "$W" rev-parse -q --verify HEAD >/dev/null
is "$?" 1 "pre-commit: no commit was made"

git -C "$W" rm -rqf docs/2026/03/BAD-1
mkdoc docs/2026/03/G-1 "$GOOD"
git -C "$W" add docs/2026/03/G-1
commit -m good
is "$status.$(cat "$T/err")" "0." "pre-commit: a valid record passes, silently"
is "$(git -C "$W" log --format=%s)" "good" "pre-commit: the commit was made"

# git commit FILE hands the hook a temporary index (GIT_INDEX_FILE) holding
# HEAD and FILE only: the bad record staged beside it is not part of the commit.
mkdoc docs/2026/03/BAD-1 "$NOATTR"
git -C "$W" add docs/2026/03/BAD-1
mkdoc docs/2026/03/G-2 "$(printf '%s' "$GOOD" | jq -c '.id = "G-2"')"
git -C "$W" add docs/2026/03/G-2
commit -m g2 docs/2026/03/G-2/record.json
is "$status" 0 "pre-commit: git commit FILE checks what FILE commits (GIT_INDEX_FILE)"
commit -m all-of-it
is "$status" 1 "pre-commit: the bad record staged is refused on the next commit"
git -C "$W" rm -rqf docs/2026/03/BAD-1

# git commit -a: the hook sees the modification git adds for it.
printf '%s\n' "$GOOD" | jq -S 'del(.attribute)' >"$W/docs/2026/03/G-1/record.json"
commit -qam broken-by-a
is "$status" 1 "pre-commit: git commit -a of a record losing its attribute is refused"
like "$(cat "$T/err")" "^docs/2026/03/G-1/record.json: missing-attribute: " "pre-commit: git commit -a: the file named"
commit --no-verify -qam bypass
is "$status" 0 "pre-commit: --no-verify bypasses the client-side hook (the server's cannot be)"
bypass=$(git -C "$W" rev-parse HEAD)
git -C "$W" reset -q --hard HEAD~1

# Store layout and rule 7 go through the same pipeline.
mkdoc docs/2025/03/G-3 "$(printf '%s' "$GOOD" | jq -c '.id = "G-3"')"
mkdoc docs/2026/03/P-1 '{"id":"P-1","date":"2026-03-02","attribute":"proactive","category":"decision","kind":"normative","office":"政策法规科","title":"规范性文件","published":"2026-03-03"}'
git -C "$W" add docs
commit -m layout
is "$status" 1 "pre-commit: a misplaced record and a policy without interpretation are refused"
grep -E '^docs/' "$T/err" | sed 's/: [^:]*$//' >"$T/got"
printf '%s\n' 'docs/2025/03/G-3/record.json: misplaced-record' 'docs/2026/03/P-1/record.json: missing-interpretation' >"$T/want"
same_file "$T/got" "$T/want" "pre-commit: go-cat's and go-link-interp's rules, each with its file"
mkdoc docs/2026/03/G-3 "$(printf '%s' "$GOOD" | jq -c '.id = "G-3"')"
rm -r "$W/docs/2025"
mkdoc docs/2026/03/I-1 '{"id":"I-1","date":"2026-03-02","attribute":"proactive","category":"decision","kind":"interpretation","form":"article","interprets":"P-1","office":"政策法规科","title":"解读","published":"2026-03-03"}'
git -C "$W" add -A docs
commit -m policy-and-interpretation
is "$status.$(cat "$T/err")" "0." "pre-commit: a policy committed with its interpretation passes"
printf '{"id": "G-1",\n' >"$W/docs/2026/03/G-1/record.json"
commit -qam truncated
is "$status" 1 "pre-commit: a record.json that is not JSON is refused"
like "$(cat "$T/err")" "^go-cat: docs/2026/03/G-1/record.json:2: " "pre-commit: go-cat names the file and the line"
git -C "$W" reset -q --hard

# git merge runs pre-merge-commit: the merge of a branch committed with --no-verify.
git -C "$W" branch -q side "$bypass"
(cd "$W" && git merge -q --no-edit side) >"$T/out" 2>"$T/err"
is "$?" 1 "pre-merge-commit: a merge bringing a bad record is refused"
like "$(cat "$T/err")" "^docs/2026/03/G-1/record.json: missing-attribute: " "pre-merge-commit: the file named"
git -C "$W" reset -q --hard
git -C "$W" branch -q -D side

# pre-receive on a bare server repository.
S=$T/server.git
git init -q --bare -b main "$S"
git -C "$S" config core.hooksPath "$H"
git -C "$W" remote add origin "$S"
push() { git -C "$W" push "$@" >"$T/out" 2>"$T/err"; status=$?; }
push origin main
is "$status" 0 "pre-receive: a first push of good records is accepted"
is "$(git -C "$S" rev-parse main)" "$(git -C "$W" rev-parse main)" "pre-receive: the server's main moved"
good=$(git -C "$S" rev-parse main)

mkdoc docs/2026/03/BAD-2 "$(printf '%s' "$NOATTR" | jq -c '.id = "BAD-2"')"
git -C "$W" add docs
commit --no-verify -qm "bad, committed with --no-verify"
push origin main
is "$status" 1 "pre-receive: a push bringing a record without an attribute is refused"
like "$(cat "$T/err")" "remote: refs/heads/main: docs/2026/03/BAD-2/record.json: missing-attribute: " "pre-receive: the message names the branch, the file and the rule"
like "$(cat "$T/err")" "\[remote rejected\] main -> main \(pre-receive hook declined\)" "pre-receive: git reports the refusal"
is "$(git -C "$S" rev-parse main)" "$good" "pre-receive: the server's main did not move"
git -C "$S" cat-file -e "$(git -C "$W" rev-parse HEAD)" 2>/dev/null
is "$?" 1 "pre-receive: the refused objects did not enter the server"

push origin HEAD:refs/heads/draft
is "$status" 1 "pre-receive: a new branch bringing the bad record is refused"

printf '%s\n' "$NOATTR" | jq -S '.id = "BAD-2" | .attribute = "proactive" | .category = "result"' >"$W/docs/2026/03/BAD-2/record.json"
git -C "$W" add docs
commit -qm fixed
push origin main
is "$status" 0 "pre-receive: the range fixed in its last commit is accepted (the tip is checked)"
is "$(git -C "$S" rev-parse main)" "$(git -C "$W" rev-parse main)" "pre-receive: main moved"
push origin main:refs/heads/draft
is "$status" 0 "pre-receive: a new good branch is accepted"
push origin :refs/heads/draft
is "$status" 0 "pre-receive: deleting a branch is accepted"
push -f origin "$bypass:refs/heads/main"
is "$status" 1 "pre-receive: a forced push of the --no-verify commit is refused"

# The pre-commit hook applies the store's gate (go-gate --staged) to the index,
# deletions included: git rm of a document used to pass as "no files to check".
git -C "$W" checkout -q main
git -C "$W" rm -rq docs/2026/03/G-3
commit -m "rm G-3"
is "$status" 1 "pre-commit: git rm of a document is refused"
like "$(cat "$T/err")" "^docs/2026/03/G-3: document-deleted: " "pre-commit: git rm: the document named"
git -C "$W" rev-parse -q --verify HEAD:docs/2026/03/G-3/record.json >/dev/null
ok $? "pre-commit: git rm: the document is still committed"
git -C "$W" reset -q --hard
mkdoc docs/2026/03/W-1 '{"id":"W-1","office":"政治处","kind":"notice","date":"2026-03-04","attribute":"withheld","category":"result","reason":"属于内部人事管理信息","basis":["ogi-16-internal"],"title":"不得入库的标题"}'
git -C "$W" add docs
commit -m "withheld with a title"
is "$status" 1 "pre-commit: a withheld record.json with a title is refused"
like "$(cat "$T/err")" "^docs/2026/03/W-1/record.json: withheld-extra-field: .*title" "pre-commit: the key named"
git -C "$W" reset -q --hard && git -C "$W" clean -qfdx
ln -s /etc/passwd "$W/docs/2026/03/G-3/body.md"
git -C "$W" add docs
commit -m symlink
is "$status" 1 "pre-commit: a symlink is refused"
like "$(cat "$T/err")" "^docs/2026/03/G-3/body.md: symlink: " "pre-commit: symlink named"
git -C "$W" reset -q --hard

# Committing on public in a checkout: only the projection of main.
git -C "$W" checkout -q -b public
mkdoc docs/2026/03/R-9 '{"id":"R-9","date":"2026-03-02","attribute":"on-request","category":"result","kind":"notice","office":"办公室","title":"依申请","reason":"涉及第三方合法权益，须经征求意见","published":"2026-03-03"}'
git -C "$W" add docs
commit -m "on-request onto public"
is "$status" 1 "pre-commit: an on-request document committed onto public is refused"
like "$(cat "$T/err")" "^docs/2026/03/R-9/record.json: public-not-projection: " "pre-commit: public-not-projection named"
git -C "$W" reset -q --hard && git -C "$W" clean -qfdx
git -C "$W" checkout -q main
git -C "$W" branch -q -D public

# Debian's pre-commit framework: try-repo on a copy of the project's hook files.
R=$T/hookrepo
git init -q "$R"
cp "$ROOT/.pre-commit-hooks.yaml" "$R/"
mkdir -p "$R/share" && cp -R "$ROOT/share/hooks" "$R/share/"
git -C "$R" add -A && git -C "$R" commit -qm hooks
git init -q -b main "$T/pc"
mkdir -p "$T/pc/docs/2026/03/BAD-3"
printf '%s\n' "$NOATTR" | jq -S '.id = "BAD-3"' >"$T/pc/docs/2026/03/BAD-3/record.json"
git -C "$T/pc" add docs
export PRE_COMMIT_HOME=$T/pre-commit-cache
(cd "$T/pc" && pre-commit try-repo "$R" go-tools) >"$T/out" 2>"$T/err"
is "$?" 1 "pre-commit framework: try-repo refuses the record without an attribute"
like "$(cat "$T/out")" "go-tools checks .*Failed" "pre-commit framework: the go-tools hook failed"
like "$(cat "$T/out")" "docs/2026/03/BAD-3/record.json: missing-attribute: " "pre-commit framework: with the file and the rule"
printf '%s\n' "$NOATTR" | jq -S '.id = "BAD-3" | .attribute = "proactive" | .category = "result"' >"$T/pc/docs/2026/03/BAD-3/record.json"
git -C "$T/pc" add docs
(cd "$T/pc" && pre-commit try-repo "$R" go-tools) >"$T/out" 2>"$T/err"
is "$?" 0 "pre-commit framework: a valid record passes"
like "$(cat "$T/out")" "go-tools checks .*Passed" "pre-commit framework: the go-tools hook passed"
finish
