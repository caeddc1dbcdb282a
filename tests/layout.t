#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# The month-sharded layout (issue 18): publishing writes docs/<YYYY>/<MM>/<name>
# and catalog/<YYYY>/<MM>.jsonl (read back with the git CLI); a store of the
# year layout of go-tools 0.2, written here with git plumbing alone
# (hash-object, mktree, commit-tree), is read by go-cat and go-archive, refused
# by go-publish until `go-publish --migrate`, then migrated in one commit per
# branch (history kept, git fsck --strict, go-cat equal before and after,
# public the projection of main); the gate refuses a tree mixing both layouts.
. "${0%/*}/lib.sh"
. "${0%/*}/projection.sh"

export GIT_AUTHOR_NAME=测试 GIT_AUTHOR_EMAIL=t@example.org
export GIT_COMMITTER_NAME=测试 GIT_COMMITTER_EMAIL=t@example.org
rec() { # ID DATE [ATTRIBUTE]
	printf '{"id":"%s","title":"通知%s","office":"办公室","kind":"notice","date":"%s","attribute":"%s","category":"execution","body":"正文%s"}\n' \
		"$1" "$1" "$2" "${3:-proactive}" "$1"
}

# ---- publishing writes the month layout -------------------------------------
N=$T/new.git
{ rec N-1 2026-01-05; rec N-2 2026-03-09; rec N-3 2025-12-30 withheld | jq -c '.reason = "内部" | .basis = ["ogi-16-internal"]'; } >"$T/in"
run go-publish --repo "$N" --init --today 2026-03-10 "$T/in"
is "$status" 0 "publish into a new store: exit 0"
is "$(git -C "$N" ls-tree -r --name-only main | tr '\n' ' ')" \
	"docs/2025/12/N-3/record.json docs/2026/01/N-1/body.md docs/2026/01/N-1/record.json docs/2026/03/N-2/body.md docs/2026/03/N-2/record.json " \
	"main: docs/<YYYY>/<MM>/<name>, the month of date (git ls-tree)"
is "$(git -C "$N" ls-tree -r --name-only public | tr '\n' ' ')" \
	"catalog/2026/01.jsonl catalog/2026/03.jsonl docs/2026/01/N-1/body.md docs/2026/01/N-1/record.json docs/2026/03/N-2/body.md docs/2026/03/N-2/record.json " \
	"public: the proactive folders and catalog/<YYYY>/<MM>.jsonl"
is "$(git -C "$N" show public:catalog/2026/03.jsonl | jq -r .path)" docs/2026/03/N-2 \
	"  a catalog line names its folder"
is "$(public_tree "$N")" "$(projection "$N")" "  public is the projection of main"
git -C "$N" fsck --strict >/dev/null 2>&1
ok $? "git fsck --strict is clean"
rec N-2 2026-04-01 | go-publish --repo "$N" --today 2026-04-02 >/dev/null
is "$(git -C "$N" ls-tree -r --name-only main docs/2026 | grep N-2 | tr '\n' ' ')" \
	"docs/2026/04/N-2/body.md docs/2026/04/N-2/record.json " "a new date moves the folder to its month, once"
is "$(git -C "$N" ls-tree --name-only public catalog/2026/ | tr '\n' ' ')" \
	"catalog/2026/01.jsonl catalog/2026/04.jsonl " "  and its catalog line; an emptied month goes"
is "$(public_tree "$N")" "$(projection "$N")" "  public is still the projection of main"

# ---- the names index: case twins and ids from one bucket, not every folder ---
is "$(cat "$N/go-tools/names/tree")" "$(git -C "$N" rev-parse 'main^{tree}')" \
	"the names index (\$GIT_DIR/go-tools/names, in no branch) describes the tree the last batch landed"
is "$(cat "$N"/go-tools/names/?? | sort | tr '\n' ' ')" \
	"$(printf 'N-1\t2026/01 N-2\t2026/04 N-3\t2025/12 ' | tr ' ' '\n' | sort | tr '\n' ' ')" \
	"  one line per folder: name and shard"
rec n-1 2026-05-01 >"$T/twin"
run go-publish --repo "$N" --today 2026-05-02 "$T/twin"
is "$status.$(jq -r '.problems[] | select(.severity == "error") | .code' "$T/out")" "1.case-twin" \
	"a case twin of a document of another month: refused (case-twin)"
like "$(jq -r .publish.reason "$T/out")" "N-1" "  naming the stored id"
old_tree=$(git -C "$N" rev-parse 'main~1^{tree}')
printf '%s\n' "$old_tree" >"$N/go-tools/names/tree"
rec n-2 2026-05-01 | go-publish --repo "$N" --today 2026-05-02 >"$T/out"
is "$(jq -r .publish.status "$T/out")" refused "a stale index is brought to main's tree first (N-2 moved since): refused"
is "$(cat "$N/go-tools/names/tree")" "$(git -C "$N" rev-parse 'main^{tree}')" "  and describes main again"
rm -rf "$N/go-tools"
rec N-4 2026-05-01 | jq -c '.id = "n-3"' | go-publish --repo "$N" --today 2026-05-02 >"$T/out"
is "$(jq -r .publish.status "$T/out")" refused "no index: rebuilt from the tree, the twin still refused"
forged=$(printf '040000 tree %s\tdocs\n040000 tree %s\tindex\n' "$(git -C "$N" rev-parse main:docs)" \
	"$(printf '100644 blob %s\t00\n' "$(printf 'n-1\t2026/05\n' | git -C "$N" hash-object -w --stdin)" | git -C "$N" mktree)" |
	git -C "$N" mktree)
run go-gate --repo "$N" --tree "$(git -C "$N" commit-tree -p main -m forged "$forged")"
is "$status" 1 "a branch cannot carry an index of its own: path-outside-layout"
like "$(cat "$T/out")" "index: path-outside-layout" "  named"

# Git orders a month's folders as if their names ended in '/': "P-1" before
# "P". The index is brought up to date by comparing the two trees' folders in
# that order; compared by strcmp, adding P-1 beside P read as "P removed,
# P-1 and P added", and the index could lose P, letting its case twin in.
P=$T/order.git
rec P 2026-06-01 | go-publish --repo "$P" --init --today 2026-06-02 >/dev/null
rec P-1 2026-06-01 | go-publish --repo "$P" --today 2026-06-02 >/dev/null
rec Q 2026-08-01 | go-publish --repo "$P" --today 2026-08-02 >/dev/null
is "$(cat "$P"/go-tools/names/?? | sort | tr '\n' ' ')" "$(printf 'P\t2026/06 P-1\t2026/06 Q\t2026/08 ' | tr ' ' '\n' | sort | tr '\n' ' ')" \
	"the index, after P-1 joined P in a month: both, once"
rec p 2026-07-01 >"$T/twin"
run go-publish --repo "$P" --today 2026-07-02 "$T/twin"
is "$status.$(jq -r '[.problems[] | select(.severity == "error") | .code] | join(",")' "$T/out")" 1.case-twin \
	"  and the case twin of P, in another month, is still refused"
# A month folder is known by its size without being read (store.c): a tree
# named like a month that holds a record.json among other files is no
# document folder either way, and the gate refuses what it holds.
junk=$(for i in $(seq 1 60); do printf '100644 blob %s\tjunk-file-%02d.txt\n' "$(printf x | git -C "$P" hash-object -w --stdin)" "$i"; done |
	{ cat; printf '100644 blob %s\trecord.json\n' "$(printf '{}' | git -C "$P" hash-object -w --stdin)"; } | git -C "$P" mktree)
big=$(printf '040000 tree %s\tdocs\n' "$(printf '040000 tree %s\t2026\n' "$(printf '040000 tree %s\t05\n' "$junk" | git -C "$P" mktree)" | git -C "$P" mktree)" | git -C "$P" mktree)
run go-gate --repo "$P" --tree "$(git -C "$P" commit-tree -m big "$big")"
is "$status" 1 "a month-named folder of 60 files and a record.json: refused (exit 1)"
like "$(cat "$T/out")" "docs/2026/05/record.json: " "  naming what it holds"

# ---- the hooks see a removal, and do not check it again as a new record ------
C=$T/co
git clone -q "$N" "$C"
git -C "$C" config core.hooksPath "$(cd "$TESTS/../share/hooks" && pwd)"
mkdir -p "$C/docs/2026/05/Z-9"
printf '{"id":"Z-9","date":"2026-05-01","kind":"notice","office":"办公室","title":"缺属性"}\n' |
	jq -S . >"$C/docs/2026/05/Z-9/record.json"
git -C "$C" add docs && git -C "$C" commit -q --no-verify -m "a broken record, hooks bypassed"
git -C "$C" rm -rq docs/2026/05/Z-9
(cd "$C" && git commit -m gone) >"$T/out" 2>"$T/err"
is "$?" 1 "pre-commit: removing a document is refused"
like "$(cat "$T/err")" "docs/2026/05/Z-9: document-deleted" "  by the gate (document-deleted)"
is "$(grep -c missing-attribute "$T/err")" 0 "  and the removed record (go-cat: store.deleted) is not checked again as a new one"
(cd "$C" && go-cat --staged) >"$T/out"
is "$(jq -c '[.id, .store.deleted]' "$T/out")" '["Z-9",true]' "go-cat --staged: the removal, as its last record"
# --staged=TREE: the tree git write-tree wrote for the index stands for it,
# so that the hook reads the index once (git's reader; issue 18)
staged_tree=$(git -C "$C" write-tree)
(cd "$C" && go-cat --staged="$staged_tree") >"$T/out2"
same_file "$T/out" "$T/out2" "go-cat --staged=TREE prints what --staged prints"
(cd "$C" && go-gate --staged) >"$T/g1" 2>/dev/null
(cd "$C" && go-gate --staged="$staged_tree") >"$T/g2" 2>/dev/null
is "$?" 1 "go-gate --staged=TREE: the removal refused too (exit 1)"
same_file "$T/g1" "$T/g2" "  with the findings of --staged"
(cd "$C" && go-gate --staged=no-such-tree) >/dev/null 2>"$T/err"
is "$?.$(grep -c 'no-such-tree' "$T/err")" 2.1 "go-gate --staged=REV that names no tree: exit 2, named"
(cd "$C" && go-cat --staged=no-such-tree) >/dev/null 2>"$T/err"
is "$?.$(grep -c 'no-such-tree' "$T/err")" 2.1 "go-cat --staged=REV that names no tree: exit 2, named"
# the hook gives git's tree to both: a go-gate on PATH that logs its arguments
mkdir -p "$T/spy"
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>"%s/spy/log"\nexec "%s/go-gate" "$@"\n' "$T" "$(command -v go-gate | xargs dirname)" >"$T/spy/go-gate"
chmod +x "$T/spy/go-gate"
(cd "$C" && PATH="$T/spy:$PATH" git commit -m gone) >/dev/null 2>&1
is "$(cat "$T/spy/log")" "--staged=$staged_tree" "pre-commit: go-gate gets the tree git wrote for the index"
git -C "$C" reset -q --hard

# ---- a store of the year layout, by git plumbing ------------------------------
O=$T/old.git
git init -q --bare "$O"
blob() { printf '%s' "$1" | git -C "$O" hash-object -w --stdin; }
json() { printf '%s\n' "$1" | jq -S . | git -C "$O" hash-object -w --stdin; }
doc() { # ID DATE ATTRIBUTE [BODY]: a document folder's tree as go-tools 0.2 wrote it
	_r=$(json "{\"id\":\"$1\",\"title\":\"通知$1\",\"office\":\"办公室\",\"kind\":\"notice\",\"date\":\"$2\",\"attribute\":\"$3\",\"category\":\"execution\",\"published\":\"$2\"}")
	{
		[ -n "${4-}" ] && printf '100644 blob %s\tbody.md\n' "$(blob "$4")"
		printf '100644 blob %s\trecord.json\n' "$_r"
	} | git -C "$O" mktree
}
att=$(printf '100644 blob %s\ta.txt\n' "$(blob attachment)" | git -C "$O" mktree)
c3r=$(json '{"id":"C-3","title":"通知C-3","office":"办公室","kind":"notice","date":"2025-12-30","attribute":"proactive","category":"execution","published":"2025-12-30","attachments":[{"name":"a.txt","path":"files/a.txt"}]}')
c3=$(printf '100644 blob %s\tbody.md\n040000 tree %s\tfiles\n100644 blob %s\trecord.json\n' \
	"$(blob 正文C-3)" "$att" "$c3r" | git -C "$O" mktree)
a1=$(doc A-1 2026-01-05 proactive 正文A-1)
b2=$(doc B-2 2026-03-02 on-request)
d4=$(doc D-4 2026-03-09 proactive 正文D-4)
y2025=$(printf '040000 tree %s\tC-3\n' "$c3" | git -C "$O" mktree)
y2026=$(printf '040000 tree %s\tA-1\n040000 tree %s\tB-2\n040000 tree %s\tD-4\n' "$a1" "$b2" "$d4" | git -C "$O" mktree)
docs=$(printf '040000 tree %s\t2025\n040000 tree %s\t2026\n' "$y2025" "$y2026" | git -C "$O" mktree)
purges=$(printf '100644 blob %s\tlog.jsonl\n' "$(blob '')" | git -C "$O" mktree)
root=$(printf '040000 tree %s\tdocs\n040000 tree %s\tpurges\n' "$docs" "$purges" | git -C "$O" mktree)
m0=$(git -C "$O" commit-tree -m "Publish 4 documents" "$root")
git -C "$O" update-ref refs/heads/main "$m0"
# its public view, as go-tools 0.2 projected it: the year's folder and catalog
cat2025=$(printf '{"id":"C-3","title":"通知C-3","office":"办公室","kind":"notice","category":"execution","date":"2025-12-30","published":"2025-12-30","path":"docs/2025/C-3"}\n' | git -C "$O" hash-object -w --stdin)
cat2026=$(printf '{"id":"A-1","title":"通知A-1","office":"办公室","kind":"notice","category":"execution","date":"2026-01-05","published":"2026-01-05","path":"docs/2026/A-1"}\n{"id":"D-4","title":"通知D-4","office":"办公室","kind":"notice","category":"execution","date":"2026-03-09","published":"2026-03-09","path":"docs/2026/D-4"}\n' | git -C "$O" hash-object -w --stdin)
p2026=$(printf '040000 tree %s\tA-1\n040000 tree %s\tD-4\n' "$a1" "$d4" | git -C "$O" mktree)
pdocs=$(printf '040000 tree %s\t2025\n040000 tree %s\t2026\n' "$y2025" "$p2026" | git -C "$O" mktree)
pcat=$(printf '100644 blob %s\t2025.jsonl\n100644 blob %s\t2026.jsonl\n' "$cat2025" "$cat2026" | git -C "$O" mktree)
proot=$(printf '040000 tree %s\tcatalog\n040000 tree %s\tdocs\n' "$pcat" "$pdocs" | git -C "$O" mktree)
p0=$(printf 'Public view: 3 documents\n\nProjection-of: %s\n' "$m0" | git -C "$O" commit-tree "$proot")
git -C "$O" update-ref refs/heads/public "$p0"
git -C "$O" fsck --strict >/dev/null 2>&1
ok $? "the old store (git plumbing) is clean for git fsck --strict"

# read as it is
run go-cat --repo "$O"
is "$status" 0 "go-cat reads the year layout: exit 0"
is "$(jq -r .store.path "$T/out" | tr '\n' ' ')" "docs/2025/C-3 docs/2026/A-1 docs/2026/B-2 docs/2026/D-4 " \
	"  every document, at its old path"
is "$(cat "$T/err")" "" "  nothing on stderr"
jq -cS 'del(.store)' "$T/out" | sort >"$T/before"
run go-cat --repo "$O" D-4 C-3
is "$(jq -r .id "$T/out" | tr '\n' ' ')" "C-3 D-4 " "go-cat ID finds documents of the year layout"
run go-archive create --repo "$O" --name old -o "$T/old.tar"
is "$status" 0 "go-archive reads the year layout: exit 0"
is "$(bsdtar -tf "$T/old.tar" | grep '/record.json$' | tr '\n' ' ')" \
	"old/data/docs/2025/C-3/record.json old/data/docs/2026/A-1/record.json old/data/docs/2026/B-2/record.json old/data/docs/2026/D-4/record.json " \
	"  each document under its old path"
run go-archive verify "$T/old.tar"
is "$status" 0 "  and the bag verifies"
mkdir "$T/files"
run go-archive records --files "$T/files" "$T/old.tar"
is "$status.$(jq -r .id "$T/out" | tr '\n' ' ')" "0.C-3 A-1 B-2 D-4 " "  and gives its records back"
run go-gate --repo "$O" --tree main
is "$status" 0 "go-gate: a tree wholly in the year layout passes"

# go-publish refuses until migrated
rec E-5 2026-04-01 >"$T/e5"
run go-publish --repo "$O" --today 2026-04-02 "$T/e5"
is "$status" 2 "go-publish on a store of the year layout: exit 2"
like "$(cat "$T/err")" "按年存放文档.*go-publish --repo .* --migrate" "  the message says to run go-publish --migrate"
is "$(git -C "$O" rev-parse main public | tr '\n' ' ')" "$m0 $p0 " "  and nothing moved"

# ---- go-publish --migrate -----------------------------------------------------
run go-publish --repo "$O" --migrate
is "$status" 0 "--migrate: exit 0"
is "$(jq -r '.migrate | [.status, .documents] | join(" ")' "$T/out")" "migrated 4" "  it says how many documents moved"
like "$(cat "$T/err")" "已迁移到按月存储结构" "  and on stderr, in Chinese"
m1=$(git -C "$O" rev-parse main) p1=$(git -C "$O" rev-parse public)
is "$(git -C "$O" rev-parse main^ public^ | tr '\n' ' ')" "$m0 $p0 " "  one commit on each branch, on top of its history"
is "$(git -C "$O" log -1 --format=%B public | grep '^Projection-of: ')" "Projection-of: $m1" \
	"  the public commit names the register commit it projects"
is "$(git -C "$O" ls-tree -r --name-only main | tr '\n' ' ')" \
	"docs/2025/12/C-3/body.md docs/2025/12/C-3/files/a.txt docs/2025/12/C-3/record.json docs/2026/01/A-1/body.md docs/2026/01/A-1/record.json docs/2026/03/B-2/record.json docs/2026/03/D-4/body.md docs/2026/03/D-4/record.json purges/log.jsonl " \
	"  main in the month layout (git ls-tree), purges/ kept"
is "$(git -C "$O" rev-parse main:docs/2026/01/A-1 main:docs/2025/12/C-3 | tr '\n' ' ')" "$a1 $c3 " \
	"  each document folder the very same tree"
is "$(git -C "$O" ls-tree -r --name-only public catalog | tr '\n' ' ')" \
	"catalog/2025/12.jsonl catalog/2026/01.jsonl catalog/2026/03.jsonl " "  public's catalog per month"
is "$(public_tree "$O")" "$(projection "$O")" "  public is the projection of the migrated main"
git -C "$O" fsck --strict >/dev/null 2>&1
ok $? "  git fsck --strict is clean"
run go-cat --repo "$O"
is "$status" 0 "go-cat after the migration: exit 0"
jq -cS 'del(.store)' "$T/out" | sort >"$T/after"
same_file "$T/after" "$T/before" "  the same records, bodies and attachment blobs as before (but store)"
is "$(jq -r .store.path "$T/out" | tr '\n' ' ')" "docs/2025/12/C-3 docs/2026/01/A-1 docs/2026/03/B-2 docs/2026/03/D-4 " \
	"  at their new paths"
run go-gate --repo "$O" --tree main
is "$status" 0 "go-gate: the migrated main passes"
run go-gate --repo "$O" --public --tree public
is "$status" 0 "go-gate: the migrated public passes"
run go-publish --repo "$O" --migrate
is "$status.$(jq -r .migrate.status "$T/out")" "0.unchanged" "--migrate again: nothing to do, exit 0"
is "$(git -C "$O" rev-parse main public | tr '\n' ' ')" "$m1 $p1 " "  and no commit"
run go-publish --repo "$O" --today 2026-04-02 "$T/e5"
is "$status" 0 "go-publish on the migrated store: exit 0"
is "$(git -C "$O" ls-tree -r --name-only main docs/2026/04 | tr '\n' ' ')" \
	"docs/2026/04/E-5/body.md docs/2026/04/E-5/record.json " "  into the month layout"
run go-cat --repo "$O" --changed "$m0..$m1"
is "$status.$(jq -c 'select(.store.deleted)' "$T/out")" "0." "go-cat --changed over the migration: a moved document is not a deletion"
# and a push cannot take the migrated store back to the year layout
y26=$({ git -C "$O" ls-tree "$m0:docs/2026"; printf '040000 tree %s\tE-5\n' "$(git -C "$O" rev-parse main:docs/2026/04/E-5)"; } | git -C "$O" mktree)
yd=$(printf '040000 tree %s\t2025\n040000 tree %s\t2026\n' "$(git -C "$O" rev-parse "$m0:docs/2025")" "$y26" | git -C "$O" mktree)
back=$(git -C "$O" commit-tree -p main -m "back to the year layout" "$(printf '040000 tree %s\tdocs\n' "$yd" | git -C "$O" mktree)")
printf '%s %s refs/heads/main\n' "$(git -C "$O" rev-parse main)" "$back" >"$T/push"
go-gate --repo "$O" --receive <"$T/push" >"$T/out" 2>"$T/err"
is "$?" 1 "go-gate --receive: main taken back to the year layout: refused (exit 1)"
is "$(cat "$T/out")" "refs/heads/main: docs: mixed-layout: docs/ 已按月存放（docs/<YYYY>/<MM>/<名称>/）：不能改回按年存放（docs/<YYYY>/<名称>/）的旧结构" \
	"  mixed-layout alone, saying the year layout cannot come back"
run go-publish --repo "$T/none.git" --migrate
is "$status" 2 "--migrate on no store: exit 2"
run go-publish --repo "$O" --migrate "$T/e5"
is "$status" 2 "--migrate with a FILE: usage, exit 2"

# ---- the gate refuses a tree mixing both layouts ------------------------------
mixed_docs=$(printf '040000 tree %s\t2025\n040000 tree %s\t2026\n' "$y2025" \
	"$(git -C "$O" rev-parse main:docs/2026)" | git -C "$O" mktree)
mixed=$(printf '040000 tree %s\tdocs\n' "$mixed_docs" | git -C "$O" mktree)
mc=$(git -C "$O" commit-tree -p main -m mixed "$mixed")
run go-gate --repo "$O" --tree "$mc"
is "$status" 1 "go-gate: years in different layouts: exit 1"
like "$(cat "$T/out")" "^$mc: docs: mixed-layout: " "  mixed-layout"
inyear=$(printf '040000 tree %s\t01\n040000 tree %s\tD-4\n' "$(git -C "$O" rev-parse main:docs/2026/01)" "$d4" | git -C "$O" mktree)
mixed=$(printf '040000 tree %s\tdocs\n' "$(printf '040000 tree %s\t2026\n' "$inyear" | git -C "$O" mktree)" | git -C "$O" mktree)
mc2=$(git -C "$O" commit-tree -p main -m mixed "$mixed")
run go-gate --repo "$O" --tree "$mc2"
is "$status" 1 "go-gate: a year holding a month folder and a document: exit 1"
like "$(cat "$T/out")" "^$mc2: docs/2026: mixed-layout: " "  mixed-layout, naming the year"
git -C "$O" update-ref refs/heads/main "$mc2"
run go-publish --repo "$O" --today 2026-04-02 "$T/e5"
is "$status" 2 "go-publish on a mixed tree: refused, exit 2"
like "$(cat "$T/err")" "部分按年存放" "  saying part of it is in the year layout"

finish
