#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-cat and the pre-commit hook on a 100k-document store (bench/corpus.sh 100000,
# written with git fast-import in the layout of SPEC §6), side by side with git:
#   1. reading every document: go-cat (record, body, blob ids, JSON out) against
#      `git archive main` and `git cat-file --batch` of the same tree's blobs;
#   2. the pre-commit hook on a 10-document commit in a checkout of that store,
#      against `git commit --no-verify` of the same 10 documents.
. "${0%/*}/lib.sh"
n=${BENCH_DOCS:-100000}
store=$work/cat-store-month-$n.git # the month layout (issue 18): not a cached store of the year layout
hooks=$here/../share/hooks

# fast_import CORPUS: a fast-import stream putting each record's body in
# docs/<YYYY>/<MM>/<id>/body.md and the rest in record.json, all in one commit on
# main. Withheld records keep no body (SPEC §6).
fast_import() {
	LC_ALL=C awk '
	BEGIN { printf "commit refs/heads/main\ncommitter Bench <bench@example> 1767225600 +0800\ndata 5\nbench\n" }
	{
		id = $0; sub(/^.*"id":"/, "", id); sub(/".*$/, "", id)
		year = $0; sub(/^.*"date":"/, "", year); month = substr(year, 6, 2); year = substr(year, 1, 4)
		body = ""; rec = $0
		if (match(rec, /,"body":"[^"]*"/)) {
			body = substr(rec, RSTART + 9, RLENGTH - 10)
			rec = substr(rec, 1, RSTART - 1) substr(rec, RSTART + RLENGTH)
		}
		gsub("/", "~", id)
		dir = "docs/" year "/" month "/" id
		printf "M 100644 inline %s/record.json\ndata %d\n%s\n", dir, length(rec) + 1, rec
		if (body != "" && rec !~ /"attribute":"withheld"/)
			printf "M 100644 inline %s/body.md\ndata %d\n%s\n", dir, length(body), body
	}' "$1"
}

if ! git -C "$store" rev-parse -q --verify main >/dev/null 2>&1; then
	rm -rf "$store"
	git init -q --bare -b main "$store"
	fast_import "$(corpus "$n" valid)" | git -C "$store" fast-import --quiet
	git -C "$store" gc -q
fi
docs=$(git -C "$store" ls-tree -r -d main docs/2026/ | awk -F/ 'NF == 4' | wc -l)
echo "go-cat: a store of $n documents ($docs folders under docs/2026), $(du -sk "$store" | cut -f1) KB packed"

# 1. Read everything.
git -C "$store" ls-tree -r main | awk '{ print $3 }' >"$work/cat-blobs"
measure "git archive main" git -C "$store" archive main; arch_s=$secs
measure "git cat-file --batch (all blobs)" sh -c 'git -C "$1" cat-file --batch <"$2"' sh "$store" "$work/cat-blobs"; batch_s=$secs
measure "go-cat" go-cat --repo "$store"; cat_s=$secs; cat_kb=$kb
measure "go-cat --no-body" go-cat --repo "$store" --no-body
bytes=$(go-cat --repo "$store" | wc -c)
mb=$(awk -v b="$bytes" -v s="$cat_s" 'BEGIN { printf "%.0f", (s > 0 ? b / s / 1e6 : 0) }')
echo "  go-cat: $bytes bytes of JSON Lines, $mb MB/s, $cat_kb KB peak"
echo "  go-cat takes $(ratio "$arch_s" "$cat_s")x git archive's time, $(ratio "$batch_s" "$cat_s")x git cat-file --batch's"

# 2. The pre-commit hook on a 10-document commit in a checkout of the store.
co=$work/cat-checkout-$n
if [ ! -d "$co/.git" ]; then
	rm -rf "$co"
	git clone -q "$store" "$co"
fi
git -C "$co" config user.name Bench
git -C "$co" config user.email bench@example
git -C "$co" reset -q --hard origin/main
git -C "$co" clean -qfd
i=0
while [ $i -lt 10 ]; do
	i=$((i + 1))
	d=$co/docs/2026/11/HOOK-2026-$i
	mkdir -p "$d"
	printf '{"id":"HOOK-2026-%d","title":"第%d号通知","office":"办公室","kind":"notice","date":"2026-11-02","attribute":"proactive","category":"result","published":"2026-11-03"}\n' $i $i >"$d/record.json"
	printf '正文 %d\n' $i >"$d/body.md"
done
git -C "$co" add docs
# Run from the checkout, as git runs it.
measure "go-cat --staged (10 of $n)" sh -c 'cd "$1" && go-cat --staged' sh "$co"; staged_s=$secs
measure "pre-commit hook (10 of $n)" sh -c 'cd "$1" && "$2/pre-commit"' sh "$co" "$hooks"; hook_s=$secs
sh -c 'cd "$1" && "$2/pre-commit"' sh "$co" "$hooks" || echo "  the hook refused the 10 documents: the figures above are wrong" >&2
measure "git commit (hook on)" git -C "$co" -c core.hooksPath="$hooks" commit -qm ten; with_s=$secs
git -C "$co" reset -q --soft HEAD~1
measure "git commit --no-verify" git -C "$co" commit -q --no-verify -m ten; plain_s=$secs
git -C "$co" reset -q --hard origin/main
echo "  the hook adds $(awk -v a="$with_s" -v b="$plain_s" 'BEGIN { printf "%.2f", a - b }') s to git commit's $plain_s s ($hook_s s on its own; go-cat --staged $staged_s s)"
