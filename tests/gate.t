#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# The server's gate (issue 9, items 4 and 5): a bare store made by
# go-publish --init protects itself; the pre-receive hook (go-gate --receive)
# refuses every push that breaks a promise of SPEC §6, with one message per
# document. A clerk pushes with the real git CLI; the server is read back with
# the git CLI, and git fsck --strict is clean after every refusal.
. "${0%/*}/lib.sh"

S=$T/store.git
W=$T/clerk
Z=0000000000000000000000000000000000000000
WH='{"id":"W-1","office":"政治处","kind":"notice","date":"2026-03-02","attribute":"withheld","category":"result","reason":"属于内部人事管理信息","basis":["ogi-16-internal"]}'
GOOD='{"id":"G-1","date":"2026-03-02","attribute":"proactive","category":"result","kind":"notice","office":"办公室","title":"关于某事的通知","published":"2026-03-03"}'
REQ='{"id":"R-1","date":"2026-03-02","attribute":"on-request","category":"result","kind":"notice","office":"办公室","title":"依申请公开的文件","reason":"涉及第三方合法权益，须经征求意见后依申请提供","published":"2026-03-03"}'

# --- item 5: go-publish --init ----------------------------------------------------
printf '%s\n' "$GOOD" "$REQ" "$(printf '%s' "$WH" | jq -c '.title = "SECRET-TITLE"')" >"$T/in"
run go-publish --init --repo "$S" --today 2026-03-03 "$T/in"
is "$status" 0 "--init: the first batch is published"
for k in receive.denyNonFastForwards receive.denyDeletes receive.fsckObjects; do
	is "$(git -C "$S" config --bool "$k")" true "--init sets $k"
done
H=$(git -C "$S" config core.hooksPath)
[ -x "$H/pre-receive" ] && [ -x "$H/pre-commit" ]
ok $? "--init sets core.hooksPath to the go-tools hooks ($H)"
GO_TOOLS_HOOKS=$T/nowhere run go-publish --init --repo "$T/other.git" </dev/null
is "$status" 2 "--init without hooks to install fails (exit 2)"
like "$(cat "$T/err")" "找不到 go-tools 的 hooks" "--init without hooks says so"
git init -q --bare -b main "$T/existing.git"
run go-publish --init --repo "$T/existing.git" /dev/null
is "$status.$(git -C "$T/existing.git" config --bool receive.denyDeletes).$(git -C "$T/existing.git" config core.hooksPath)" \
	"0.true.$H" "--init on an existing store sets the same"
run go-gate --repo "$S" --tree main
is "$status.$(cat "$T/out")" "0." "what go-publish writes passes the gate (main)"
run go-gate --repo "$S" --public --tree public
is "$status.$(cat "$T/out")" "0." "what go-publish writes passes the gate (public)"

git clone -q "$S" "$W" 2>/dev/null
git -C "$W" fetch -q origin public:public
git -C "$W" checkout -q main
tip=$(git -C "$S" rev-parse main)
ptip=$(git -C "$S" rev-parse public)

# refused CODE NAME [PUSH-ARGS]: the push is refused with CODE, nothing moved,
# the store still fsck-clean; then the clerk starts again from the server.
refused() {
	_code=$1 _name=$2
	shift 2
	git -C "$W" push origin "${@:-main}" >"$T/out" 2>"$T/err"
	is "$?" 1 "$_name: refused"
	like "$(cat "$T/err")" "remote: .*: $_code: " "$_name: the message names the rule ($_code)"
	is "$(git -C "$S" rev-parse main).$(git -C "$S" rev-parse public)" "$tip.$ptip" "$_name: the server's branches did not move"
	git -C "$S" fsck --strict >/dev/null 2>&1
	ok $? "$_name: git fsck --strict is clean"
	git -C "$W" checkout -q -f main
	git -C "$W" reset -q --hard "$tip"
	git -C "$W" clean -qfdx
}
commit() { git -C "$W" add -A && git -C "$W" commit -q --no-verify -m "$1"; }
doc() { mkdir -p "$W/$1" && printf '%s\n' "$2" | jq -S . >"$W/$1/record.json"; }

# --- item 4: the layout and the withheld documents --------------------------------
doc docs/2026/03/W-1 "$(printf '%s' "$WH" | jq -c '.title = "泄露的标题"')"
commit "withheld with a title"
refused withheld-extra-field "a withheld record.json with a title"
like "$(cat "$T/err")" "docs/2026/03/W-1/record.json: withheld-extra-field: .*字段 title 不得入库" "the message names the file and the key, in Chinese"

printf 'SECRET BODY\n' >"$W/docs/2026/03/W-1/body.md"
commit "withheld with a body"
refused withheld-extra-file "a withheld document with a body.md"

printf 'x\n' >"$W/README"
commit "a file at the root"
refused path-outside-layout "a file outside docs/"
mkdir -p "$W/docs/2026/03/G-1/notes" && printf 'x\n' >"$W/docs/2026/03/G-1/notes/a.txt"
commit "a folder in a document"
refused path-outside-layout "a folder other than files/ in a document"
mkdir -p "$W/docs/misc" && printf 'x\n' >"$W/docs/misc/a"
commit "a folder that is no year"
refused path-outside-layout "a folder under docs/ that is no year"

mkdir -p "$W/docs/2026/03/G-1/files" && ln -s /etc/passwd "$W/docs/2026/03/G-1/files/passwd"
commit "symlink"
refused symlink "a symlink as attachment"

git -C "$W" update-index --add --cacheinfo "160000,$tip,docs/2026/03/G-1/files/sub"
git -C "$W" commit -q --no-verify -m submodule
refused submodule "a submodule in a document"

printf '#!/bin/sh\n' >"$W/docs/2026/03/G-1/body.md" && chmod +x "$W/docs/2026/03/G-1/body.md"
commit "executable"
refused executable "an executable file"

doc docs/2026/03/G-2 "$GOOD"
commit "G-1 copied to G-2"
refused folder-id-mismatch "a folder named otherwise than its record's id"

doc docs/2026/03/G-3 '{"invalid_line":"{\"id\": G-3","problems":[{"code":"invalid-json","severity":"error","tool":"go-publish","message":"x"}],"id":"G-3","date":"2026-03-02","attribute":"proactive","category":"result","kind":"notice","office":"办公室","title":"t","published":"2026-03-03"}'
commit "an invalid line"
refused invalid-line-record "an invalid_line record"

doc docs/2026/03/g-1 "$(printf '%s' "$GOOD" | jq -c '.id = "g-1"')"
commit "case twin"
refused case-twin "an id differing from a stored one only in case"
doc docs/2025/03/g-1 "$(printf '%s' "$GOOD" | jq -c '.id = "g-1" | .date = "2025-03-02"')"
commit "case twin in another year"
refused case-twin "a case twin in another year"

doc docs/2026/03/CON "$(printf '%s' "$GOOD" | jq -c '.id = "CON"')"
commit "a Windows device name"
refused unsafe-name "an id a Windows checkout cannot hold (CON)"
doc docs/2026/03/aux.txt "$(printf '%s' "$GOOD" | jq -c '.id = "aux.txt"')"
commit "a Windows device name with an extension"
refused unsafe-name "an id a Windows checkout cannot hold (aux.txt)"
mkdir -p "$W/docs/2026/03/G-1/files" && printf 'x\n' >"$W/docs/2026/03/G-1/files/a. "
commit "a trailing dot and space"
refused unsafe-name "an attachment name ending in a dot or space"

# --- deletions, rewinds, tags, notes ------------------------------------------------
git -C "$W" rm -rq docs/2026/03/G-1
commit "git rm of a document"
refused document-deleted "deleting a document"
like "$(cat "$T/err")" "docs/2026/03/G-1: document-deleted: " "deleting: the message names the document"

# a withheld text in a commit before the tip: it would stay in the history
printf 'SECRET BODY\n' >"$W/docs/2026/03/W-1/body.md"
commit "secret"
git -C "$W" rm -q docs/2026/03/W-1/body.md
commit "secret removed again"
refused withheld-extra-file "withheld text in a commit before the tip"
like "$(cat "$T/err")" "refs/heads/main \(commit [0-9a-f]{7}\): docs/2026/03/W-1/body.md: withheld-extra-file" "the message names the commit"

printf 'SECRET BODY\n' >"$W/docs/2026/03/W-1/body.md"
commit "secret for a tag"
git -C "$W" tag -a -m "a tag" t1
git -C "$W" reset -q --hard "$tip"
refused tag-outside-branches "a tag naming a commit on no branch" refs/tags/t1
git -C "$W" tag -d t1 >/dev/null
blob=$(printf 'SECRET BODY\n' | git -C "$W" hash-object -w --stdin)
git -C "$W" tag t2 "$blob"
refused tag-outside-branches "a tag naming a blob" refs/tags/t2
git -C "$W" tag -d t2 >/dev/null
git -C "$W" tag -a -m "release" v1 "$tip"
git -C "$W" push -q origin refs/tags/v1 >"$T/out" 2>"$T/err"
is "$?" 0 "a tag on main is accepted"
git -C "$W" notes add -m "SECRET NOTE" "$tip"
refused ref-not-allowed "a notes ref" refs/notes/commits

# the public view: only the projection of main
git -C "$W" checkout -q public
doc docs/2026/03/R-1 "$REQ"
commit "on-request onto public"
refused public-not-projection "an on-request document pushed onto public" public
like "$(cat "$T/err")" "refs/heads/public: docs/2026/03/R-1/record.json: public-not-projection: " "public: the document named"
git -C "$W" checkout -q public
git -C "$W" reset -q --hard "$ptip"
sed -i 's/关于某事的通知/改过的标题/' "$W/docs/2026/03/G-1/record.json"
commit "public edited by hand"
refused public-not-projection "public edited so that it differs from main" public

# --- good work still passes ----------------------------------------------------------
git -C "$W" checkout -q main
git -C "$W" reset -q --hard "$tip"
doc docs/2026/03/G-4 "$(printf '%s' "$GOOD" | jq -c '.id = "G-4"')"
printf '正文\n' >"$W/docs/2026/03/G-4/body.md"
commit "a good document"
git -C "$W" push origin main >"$T/out" 2>"$T/err"
is "$?" 0 "a good document is accepted"
is "$(git -C "$S" rev-parse main)" "$(git -C "$W" rev-parse main)" "the server's main moved"
git -C "$S" fsck --strict >/dev/null 2>&1
ok $? "git fsck --strict is clean"
# git's own receive settings refuse rewinds and deletions (set by --init) ...
first=$(git -C "$S" rev-list --max-parents=0 main)
git -C "$W" push -f origin "$first:refs/heads/main" >"$T/out" 2>"$T/err"
is "$?" 1 "a forced rewind of main is refused"
like "$(cat "$T/err")" "non-fast-forward" "git or the hook says why"
git -C "$W" push origin :refs/heads/public >"$T/out" 2>"$T/err"
is "$?" 1 "deleting public is refused"
git -C "$W" push origin main:refs/heads/draft >/dev/null 2>&1
git -C "$W" push origin :refs/heads/draft >"$T/out" 2>"$T/err"
is "$?" 1 "receive.denyDeletes: even a draft branch is not deleted on an --init store"
like "$(cat "$T/err")" "deletion prohibited" "git says why (receive.denyDeletes)"
# ... and on a host that cannot set them (Gitea, GitLab: see README), the hook does.
P=$T/plain.git
git init -q --bare -b main "$P"
git -C "$P" config core.hooksPath "$H"
git -C "$W" push -q "$P" "$tip:refs/heads/main" "$ptip:refs/heads/public" 2>"$T/err"
ok $? "a plain store with the hooks only: the first push is accepted"
git -C "$W" push -q "$P" main 2>"$T/err"
ok $? "a plain store: a good document pushed to main alone is accepted"
git -C "$W" push -f "$P" "$first:refs/heads/main" >"$T/out" 2>"$T/err"
is "$?" 1 "hook: a forced rewind of main is refused"
like "$(cat "$T/err")" "remote: refs/heads/main: non-fast-forward: " "hook: non-fast-forward named"
git -C "$W" push "$P" :refs/heads/public >"$T/out" 2>"$T/err"
is "$?" 1 "hook: deleting public is refused"
like "$(cat "$T/err")" "remote: refs/heads/public: ref-deleted: " "hook: ref-deleted named"
is "$(git -C "$P" rev-parse main public)" "$(git -C "$S" rev-parse main public)" "hook: the plain store's branches did not move"
git -C "$W" push "$P" main:refs/heads/draft >/dev/null 2>&1
git -C "$W" push "$P" :refs/heads/draft >"$T/out" 2>"$T/err"
is "$?" 0 "hook: deleting a branch other than main or public is let through"
printf '%s' "$GOOD" | jq -c '.id = "G-5"' >"$T/in"
run go-publish --repo "$S" --today 2026-03-03 "$T/in"
is "$status" 0 "go-publish still publishes into the guarded store"
run go-gate --repo "$S" --public --tree public
is "$status" 0 "and its public view passes the gate"
run go-gate --repo "$S" --bogus
is "$status" 2 "go-gate: an unknown option is a usage error (exit 2)"
printf 'not a ref update\n' >"$T/in"
run go-gate --repo "$S" --receive "$T/in"
is "$status" 2 "go-gate: an argument after --receive is a usage error (exit 2)"
run sh -c 'go-gate --repo "$1" --receive <"$2"' sh "$S" "$T/in"
is "$status" 2 "go-gate --receive: a line that is not OLD NEW REF is an error (exit 2)"
like "$(cat "$T/err")" "standard input:1: " "  named by its line"
run go-gate --repo "$S" --tree no-such-branch
is "$status.$(cat "$T/out")" "2." "go-gate --tree of a missing revision: exit 2, nothing on stdout"
finish
