#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-cat on stores built with the real git CLI: exact outputs, what git itself
# reads in the same trees, --changed and --staged, a broken store's problems, and
# go-cat | go-publish into a second store giving the same trees.
. "${0%/*}/lib.sh"

W=$T/work
git init -q -b main "$W"
# mkdoc FOLDER JSON [BODY]: a document folder as go-publish writes it (jq -S:
# keys sorted, pretty-printed, trailing newline).
mkdoc() {
	mkdir -p "$W/$1"
	printf '%s\n' "$2" | jq -S . >"$W/$1/record.json"
	if [ $# -ge 3 ]; then printf '%s' "$3" >"$W/$1/body.md"; fi
}
commit() { git -C "$W" add -A && git -C "$W" commit -qm "$1" && git -C "$W" rev-parse HEAD; }

mkdoc docs/2025/12/OLD-1 '{"id":"OLD-1","date":"2025-12-05","attribute":"proactive","category":"result","kind":"notice","office":"办公室","title":"旧通知","published":"2025-12-08"}' '旧正文
'
mkdoc docs/2026/01/A~B-1 '{"id":"A/B-1","date":"2026-01-05","attribute":"withheld","kind":"meeting","office":"政治处","reason":"属于内部人事管理信息","basis":["ogi-16-internal"]}'
mkdoc docs/2026/03/X '{"id":"X","date":"2026-03-03","attribute":"on-request","kind":"report","office":"办公室","title":"报告","reason":"涉及第三方","published":"2026-03-04"}' '報告正文'
mkdoc docs/2026/03/X-1 '{"id":"X-1","date":"2026-03-02","attribute":"proactive","category":"result","kind":"notice","office":"办公室","title":"关于某事的通知","published":"2026-03-03","attachments":[{"name":"附件 1.txt","path":"files/附件 1.txt"}]}' '第一段。

第二段 "引号" \ 反斜杠
'
mkdir -p "$W/docs/2026/03/X-1/files" && printf 'attachment\n' >"$W/docs/2026/03/X-1/files/附件 1.txt"
printf 'a store\n' >"$W/README"
c1=$(commit first)
S=$T/store.git
git clone -q --bare "$W" "$S"
blob=$(git -C "$S" rev-parse 'main:docs/2026/03/X-1/files/附件 1.txt')

cat >"$T/all" <<EOF
{"attribute":"proactive","category":"result","date":"2025-12-05","id":"OLD-1","kind":"notice","office":"办公室","published":"2025-12-08","title":"旧通知","body":"旧正文\n","store":{"path":"docs/2025/12/OLD-1","commit":"$c1","repo":"$S"}}
{"attribute":"withheld","basis":["ogi-16-internal"],"date":"2026-01-05","id":"A/B-1","kind":"meeting","office":"政治处","reason":"属于内部人事管理信息","store":{"path":"docs/2026/01/A~B-1","commit":"$c1","repo":"$S"}}
{"attachments":[{"name":"附件 1.txt","path":"files/附件 1.txt","blob":"$blob"}],"attribute":"proactive","category":"result","date":"2026-03-02","id":"X-1","kind":"notice","office":"办公室","published":"2026-03-03","title":"关于某事的通知","body":"第一段。\n\n第二段 \"引号\" \\\\ 反斜杠\n","store":{"path":"docs/2026/03/X-1","commit":"$c1","repo":"$S"}}
{"attribute":"on-request","date":"2026-03-03","id":"X","kind":"report","office":"办公室","published":"2026-03-04","reason":"涉及第三方","title":"报告","body":"報告正文","store":{"path":"docs/2026/03/X","commit":"$c1","repo":"$S"}}
EOF

run go-cat --repo "$S"
is "$status" 0 "whole store: exit 0"
same_file "$T/out" "$T/all" "whole store: every record, body, attachment blob and store object, in git's path order (X-1 before X)"
is "$(cat "$T/err")" "" "whole store: nothing on stderr"

# What git itself reads in the same tree.
n=0 bad=0
while read -r line; do
	n=$((n + 1))
	dir=$(printf '%s' "$line" | jq -r .store.path)
	printf '%s' "$line" | jq -S 'del(.body, .store) | if .attachments then .attachments |= map(del(.blob)) else . end' >"$T/rec"
	git -C "$S" show "main:$dir/record.json" | jq -S . >"$T/git-rec"
	cmp -s "$T/rec" "$T/git-rec" || bad=$((bad + 1))
	if git -C "$S" cat-file -e "main:$dir/body.md" 2>/dev/null; then
		git -C "$S" show "main:$dir/body.md" >"$T/git-body"
		printf '%s' "$line" | jq -j .body >"$T/body"
		cmp -s "$T/body" "$T/git-body" || bad=$((bad + 1))
	fi
done <"$T/out"
is "$n.$bad" "4.0" "each record is git's record.json plus git's body.md"

GO_STORE=$S run go-cat
same_file "$T/out" "$T/all" "GO_STORE names the default store"

run go-cat --repo "$S" --no-body
jq -c 'del(.body) | if .attachments then .attachments |= map(del(.blob)) else . end' "$T/all" >"$T/want"
same_file "$T/out" "$T/want" "--no-body: record.json alone"

run go-cat --repo "$S" --year 2025
sed -n 1p "$T/all" >"$T/want"
same_file "$T/out" "$T/want" "--year 2025: that year's folder only"

run go-cat --repo "$S" X A/B-1 X-1 X
sed -n 2,4p "$T/all" >"$T/want"
is "$status" 0 "ids: exit 0"
same_file "$T/out" "$T/want" "ids: in path order, each once"

run go-cat --repo "$S" --year 2025 X OLD-1 NOPE
is "$status" 1 "an id not in the store: exit 1"
sed -n 1p "$T/all" >"$T/want"
same_file "$T/out" "$T/want" "an id not in the store: the others are printed"
is "$(cat "$T/err")" "go-cat: X: no such document
go-cat: NOPE: no such document" "an id not in the store (or the year): named on stderr"

run go-cat --repo "$S" --rev nosuch
is "$status.$(cat "$T/out")" "2." "--rev of no revision: exit 2, no output"
is "$(cat "$T/err")" "go-cat: nosuch: no such revision" "--rev of no revision: named on stderr"

git init -q --bare -b main "$T/empty.git"
run go-cat --repo "$T/empty.git"
is "$status.$(cat "$T/out")$(cat "$T/err")" "0." "a store with no main yet: empty, exit 0"
run go-cat --repo "$S" --public
is "$status.$(cat "$T/out")$(cat "$T/err")" "0." "a store with no public branch: empty, exit 0"

# The public branch, and an older revision.
git -C "$W" checkout -q --orphan public
git -C "$W" rm -rq --cached docs/2026/01/A~B-1 docs/2026/03/X README
mkdir -p "$W/catalog/2026" && printf '{"id":"X-1"}\n' >"$W/catalog/2026/03.jsonl"
git -C "$W" add catalog docs/2025 docs/2026/03/X-1
git -C "$W" commit -qm public
pub=$(git -C "$W" rev-parse HEAD)
git -C "$W" checkout -qf main
git -C "$W" clean -qfdx
git -C "$W" push -q "$S" public
run go-cat --repo "$S" --public
sed -n '1p;3p' "$T/all" | sed "s/$c1/$pub/" >"$T/want"
same_file "$T/out" "$T/want" "--public: the public branch's documents, its commit"
run go-cat --repo "$S" --rev public --year 2026
sed -n 3p "$T/all" | sed "s/$c1/$pub/" >"$T/want"
same_file "$T/out" "$T/want" "--rev public --year 2026"

# --changed: a second commit changes X, adds NEW-1, removes OLD-1 and A/B-1's record.
mkdoc docs/2026/03/X '{"id":"X","date":"2026-03-03","attribute":"on-request","kind":"report","office":"办公室","title":"报告（修订）","reason":"涉及第三方","published":"2026-03-04"}' '報告正文'
mkdoc docs/2026/04/NEW-1 '{"id":"NEW-1","date":"2026-04-01","attribute":"proactive","category":"service","kind":"guide","office":"行政审批科","title":"办事指南"}'
rm -r "$W/docs/2025/12/OLD-1"
c2=$(commit second)
git -C "$W" push -q "$S" main
run go-cat --repo "$S" --changed "$c1..$c2" --no-body
cat >"$T/want" <<EOF
{"attribute":"proactive","category":"result","date":"2025-12-05","id":"OLD-1","kind":"notice","office":"办公室","published":"2025-12-08","title":"旧通知","store":{"path":"docs/2025/12/OLD-1","commit":"$c2","repo":"$S","deleted":true}}
{"attribute":"on-request","date":"2026-03-03","id":"X","kind":"report","office":"办公室","published":"2026-03-04","reason":"涉及第三方","title":"报告（修订）","store":{"path":"docs/2026/03/X","commit":"$c2","repo":"$S"}}
{"attribute":"proactive","category":"service","date":"2026-04-01","id":"NEW-1","kind":"guide","office":"行政审批科","title":"办事指南","store":{"path":"docs/2026/04/NEW-1","commit":"$c2","repo":"$S"}}
EOF
is "$status" 0 "--changed: exit 0"
same_file "$T/out" "$T/want" "--changed OLD..NEW: the added and changed documents as in NEW, the removed one as its last record with store.deleted (issue 18)"
run go-cat --repo "$S" --changed "$c1..$c2" --year 2025 --no-body
sed -n 1p "$T/want" >"$T/want1"
is "$status" 0 "--changed --year: exit 0"
same_file "$T/out" "$T/want1" "--changed --year: a removed document of that year, marked deleted"
run go-cat --repo "$S" --changed "0000000000000000000000000000000000000000..$c2" --no-body
is "$(jq -r .store.path "$T/out" | tr '\n' ' ')" "docs/2026/01/A~B-1 docs/2026/03/X-1 docs/2026/03/X docs/2026/04/NEW-1 " "--changed 0000..NEW (a new branch): every document of NEW, in git's path order (X-1 before X)"
run go-cat --repo "$S" --changed "$c2..0000000000000000000000000000000000000000"
is "$status.$(cat "$T/out")" "0." "--changed OLD..0000 (a deleted branch): nothing"
run go-cat --repo "$S" --changed "$c1..$c2" NEW-1 OLD-1 --no-body
sed -n '1p;3p' "$T/want" >"$T/want1"
same_file "$T/out" "$T/want1" "--changed with ids: only those among the changed"
run go-cat --repo "$S" --changed "$c1"
is "$status.$(cat "$T/err")" "2.go-cat: --changed: '$c1' is not OLD..NEW" "--changed without a range: exit 2"

# --staged: the documents the index changes, from the work tree at hand.
mkdoc docs/2026/04/NEW-2 '{"id":"NEW-2","date":"2026-04-02","kind":"notice","office":"办公室","title":"未定属性"}'
git -C "$W" add docs/2026/04/NEW-2
printf '改了但未暂存' >"$W/docs/2026/03/X/body.md"
mkdir -p "$W/sub"
before=$(git -C "$W" count-objects -v | sort)
(cd "$W/sub" && GO_STORE=$S go-cat --staged) >"$T/out" 2>"$T/err"
is "$(git -C "$W" count-objects -v | sort)" "$before" "--staged writes no object into the repository"
printf '%s\n' "{\"date\":\"2026-04-02\",\"id\":\"NEW-2\",\"kind\":\"notice\",\"office\":\"办公室\",\"title\":\"未定属性\",\"store\":{\"path\":\"docs/2026/04/NEW-2\",\"commit\":null,\"repo\":\"$W/.git\"}}" >"$T/want"
same_file "$T/out" "$T/want" "--staged: what is staged only, from the work tree at the current directory (not GO_STORE), commit null"
git -C "$W" add docs/2026/03/X
cp "$W/.git/index" "$T/other-index"
git -C "$W" reset -q
(cd "$W" && go-cat --staged) >"$T/out" 2>"$T/err"
is "$(cat "$T/out")" "" "--staged: nothing staged, nothing printed"
(cd "$W" && GIT_INDEX_FILE=$T/other-index go-cat --staged --no-body) >"$T/out" 2>"$T/err"
is "$(jq -r .store.path "$T/out" | tr '\n' ' ')" "docs/2026/03/X docs/2026/04/NEW-2 " "--staged reads GIT_INDEX_FILE, as git commit hands it to hooks"
run go-cat --repo "$S" --staged
is "$status" 2 "--staged on a bare repository: exit 2"
like "$(cat "$T/err")" "^go-cat: .*store.git: a bare repository has no index to read$" "--staged on a bare repository: said why"
git init -q -b main "$T/fresh"
mkdoc ../fresh/docs/2026/01/F-1 '{"id":"F-1","date":"2026-01-02"}'
git -C "$T/fresh" add docs
(cd "$T/fresh" && go-cat --staged) >"$T/out" 2>"$T/err"
is "$(jq -r .id "$T/out")" "F-1" "--staged before the first commit: everything staged"

# A store edited by hand: the problems only its layout shows.
git -C "$W" checkout -q -- .
git -C "$W" clean -qfd
mkdoc docs/2025/01/MOVED '{"id":"MOVED","date":"2026-01-09","attribute":"proactive","category":"result","kind":"notice","office":"办公室","title":"放错年份"}'
mkdoc docs/2026/01/W-1 '{"id":"W-1","date":"2026-01-09","attribute":"withheld","kind":"meeting","office":"办公室","reason":"内部","basis":["ogi-16-internal"]}' '秘密正文'
mkdoc docs/2026/01/W-2 '{"id":"W-2","date":"2026-01-09","attribute":"不予公开","kind":"meeting","office":"办公室","reason":"内部","basis":["ogi-16-internal"],"attachments":[{"name":"a.txt","path":"files/a.txt"}]}'
mkdir -p "$W/docs/2026/01/W-2/files" && printf 'secret\n' >"$W/docs/2026/01/W-2/files/a.txt"
mkdoc docs/2026/01/ATT '{"id":"ATT","date":"2026-01-09","attribute":"proactive","category":"result","kind":"notice","office":"办公室","title":"缺附件","attachments":[{"name":"a.pdf","path":"files/a.pdf"}]}'
c3=$(commit broken)
run go-cat --repo "$W" --changed "$c2..$c3"
is "$status" 1 "a broken document: exit 1"
jq -r '[.store.path, (.problems[]? | .code + "/" + .severity + "/" + .tool)] | join(" ")' "$T/out" >"$T/got"
cat >"$T/want" <<EOF
docs/2025/01/MOVED misplaced-record/error/go-cat
docs/2026/01/ATT missing-attachment/error/go-cat
docs/2026/01/W-1 withheld-content/error/go-cat
docs/2026/01/W-2 withheld-content/error/go-cat
EOF
same_file "$T/got" "$T/want" "misplaced-record, missing-attachment, withheld-content"
is "$(jq -r 'select(.id == "W-1") | .body // "no body"' "$T/out")" "no body" "a withheld record's stray body is not printed"
is "$(jq -c 'select(.id == "W-2") | [.attachments, .problems[0].field]' "$T/out")" '[null,"attachments"]' "nor its attachments (attribute given as a synonym)"
like "$(jq -r 'select(.id == "MOVED") | .problems[0].message' "$T/out")" "应在 docs/2026/01/MOVED/ 中" "misplaced-record names the right folder"

printf '{"id": "BAD", "id": "BAD"}\n' >"$W/docs/2026/01/ATT/record.json"
c4=$(commit duplicate-key)
run go-cat --repo "$W" --changed "$c3..$c4"
is "$status" 2 "a record.json that is not a JSON object: exit 2"
like "$(cat "$T/err")" "^go-cat: docs/2026/01/ATT/record.json:1: duplicate object key" "it is named with its line"

# go-cat | go-publish into a second store reproduces the first one's trees.
F=$T/files && mkdir -p "$F"
printf 'PDF bytes\n' >"$F/plan.pdf"
cat >"$T/in" <<EOF
{"id":"RT-1","date":"2026-03-02","attribute":"proactive","category":"result","kind":"notice","office":"办公室","title":"关于开展普法活动的通知","published":"2026-03-03","body":"正文\n第二行","attachments":[{"name":"plan.pdf","path":"$F/plan.pdf"}]}
{"id":"RT/2","date":"2025-07-01","attribute":"withheld","kind":"meeting","office":"政治处","reason":"属于内部人事管理信息","basis":["ogi-16-internal"]}
{"id":"RT-3","date":"2026-05-06","attribute":"on-request","kind":"report","office":"办公室","title":"年度报告","reason":"涉及第三方商业秘密","published":"2026-05-07","body":"報告"}
{"id":"RT-4","date":"2026-05-06","attribute":"proactive","category":"service","kind":"guide","office":"行政审批科","title":"办事指南","published":"2026-05-07","body":"指南"}
EOF
go-publish --init --repo "$T/a.git" "$T/in" >"$T/pub1" 2>"$T/err"
is "$?" 0 "first store published with go-publish"
go-cat --repo "$T/a.git" | go-publish --init --repo "$T/b.git" >"$T/pub2" 2>"$T/err"
is "$?" 0 "go-cat | go-publish --repo second: exit 0"
is "$(jq -r .publish.status "$T/pub2" | sort | uniq -c | tr -s ' ')" " 4 published" "every record published again"
for b in main public; do
	git -C "$T/a.git" ls-tree -r "$b" >"$T/tree-a"
	git -C "$T/b.git" ls-tree -r "$b" >"$T/tree-b"
	[ -s "$T/tree-a" ]
	ok $? "$b of the first store is not empty"
	same_file "$T/tree-b" "$T/tree-a" "go-cat | go-publish: $b has the same tree, blob for blob"
done
finish
