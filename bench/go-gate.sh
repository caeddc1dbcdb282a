#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# bench/go-gate.sh — the server's gate on a store of N documents (default 100000,
# BENCH_DOCS overrides), written by go-publish --init, side by side with git:
#   1. go-gate --tree main (every document read and checked) against
#      git ls-tree -r main and git cat-file --batch of every record.json;
#   2. a 10-document push through the installed hooks (go-gate --receive and
#      the record pipeline) against the same push to a store without hooks;
#      and go-gate --receive alone, as the pre-receive hook runs it.
. "${0%/*}/lib.sh"
n=${BENCH_DOCS:-100000}
store=$work/gate-store-month-$n.git # the month layout (issue 18)
GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

if ! git -C "$store" rev-parse -q --verify main >/dev/null 2>&1; then
	rm -rf "$store"
	go-publish --init --repo "$store" --today 2026-12-31 "$(corpus "$n" valid)" >/dev/null
	git -C "$store" gc -q
fi
echo "go-gate: a store of $n documents, $(du -sk "$store" | cut -f1) KB packed"

# 1. The whole tree.
git -C "$store" ls-tree -r main | awk '$4 ~ /record.json$/ { print $3 }' >"$work/gate-records"
measure "git ls-tree -r main" git -C "$store" ls-tree -r main; ls_s=$secs
measure "git cat-file --batch (record.json)" sh -c 'git -C "$1" cat-file --batch <"$2"' sh "$store" "$work/gate-records"; batch_s=$secs
measure "go-gate --tree main" go-gate --repo "$store" --tree main; gate_s=$secs; gate_kb=$kb
measure "go-gate --public --tree public" go-gate --repo "$store" --public --tree public
echo "  go-gate --tree main takes $(ratio "$batch_s" "$gate_s")x git cat-file --batch's time, $(ratio "$ls_s" "$gate_s")x git ls-tree -r's; $gate_kb KB peak"

# 2. A clerk's 10-document push, through the hooks and without.
co=$work/gate-clerk-$n
rm -rf "$co" "$work/gate-plain-$n.git"
git clone -q "$store" "$co"
git clone -q --bare "$store" "$work/gate-plain-$n.git"
i=0
while [ $i -lt 10 ]; do
	i=$((i + 1))
	mkdir -p "$co/docs/2026/06/BENCH-$i"
	printf '{"attribute":"proactive","category":"result","date":"2026-06-01","id":"BENCH-%d","kind":"notice","office":"办公室","published":"2026-06-02","title":"测试"}\n' $i |
		jq -S . >"$co/docs/2026/06/BENCH-$i/record.json"
done
git -C "$co" add -A && git -C "$co" commit -qm bench
old=$(git -C "$store" rev-parse main) new=$(git -C "$co" rev-parse main)
git -C "$co" push -q "$work/gate-plain-$n.git" main:refs/heads/probe # objects in place, for go-gate alone
echo "$old $new refs/heads/main" >"$work/gate-line"
measure "go-gate --receive (10 documents)" sh -c 'go-gate --repo "$1" --receive <"$2"' sh "$work/gate-plain-$n.git" "$work/gate-line"; recv_s=$secs
git -C "$work/gate-plain-$n.git" update-ref -d refs/heads/probe
measure "git push, no hooks" git -C "$co" push -q "$work/gate-plain-$n.git" main; plain_s=$secs
measure "git push, through the hooks" git -C "$co" push -q "$store" main; hook_s=$secs
git -C "$store" update-ref refs/heads/main "$old" # the next run starts again
echo "  go-gate --receive: $recv_s s; the push through the hooks takes $(ratio "$plain_s" "$hook_s")x a push without them"
