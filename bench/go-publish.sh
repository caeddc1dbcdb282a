#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# bench/go-publish.sh — go-publish side by side with git:
#   bulk: N valid records into a new store, against git fast-import of the very
#         same files in the same layout (the stream is generated here, from the
#         store go-publish wrote, and not timed);
#   incremental: 10 records into the store of the largest N, against
#         git add && git commit of the same 10 document folders in a checkout.
# GO_BENCH_SIZES overrides the sizes (default "20000 100000").
set -eu
cd "$(dirname "$0")"
: "${GO_BUILD:=$(cd .. && pwd)/build}"
PATH=$GO_BUILD/bin:$PATH
LC_ALL=C.UTF-8
GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
GIT_CONFIG_NOSYSTEM=1
export PATH LC_ALL GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
	GIT_COMMITTER_EMAIL GIT_CONFIG_NOSYSTEM
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# timed CMD...: run it; its wall time in $secs, peak memory in $kb
timed() {
	/usr/bin/time -f '%e %M' -o "$W/time" "$@"
	read -r secs kb <"$W/time"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# The fast-import stream of branches main and public of store $1, byte for byte.
stream() { sh ./fast-import-stream.sh "$1" "$W"; } # (the script has cd to bench/)

printf '%-34s %10s %10s\n' case seconds 'peak MB'
last=
for n in ${GO_BENCH_SIZES:-20000 100000}; do
	sh ./corpus.sh "$n" valid >"$W/c.jsonl"
	rm -rf "$W/p.git" "$W/f.git"
	timed go-publish --init --repo "$W/p.git" --today 2026-12-31 "$W/c.jsonl" >/dev/null
	ps=$secs pk=$kb
	stream "$W/p.git" >"$W/s.fi"
	git init -q --bare "$W/f.git"
	timed git -C "$W/f.git" fast-import --quiet <"$W/s.fi"
	printf '%-34s %10s %10d\n' "bulk $n: go-publish" "$ps" $((pk / 1024))
	printf '%-34s %10s %10d\n' "bulk $n: git fast-import" "$secs" $((kb / 1024))
	echo "bulk $n: go-publish takes $(ratio "$ps" "$secs")x the time of git fast-import"
	[ "$(git -C "$W/p.git" rev-parse main^{tree} public^{tree})" = \
	  "$(git -C "$W/f.git" rev-parse main^{tree} public^{tree})" ] ||
		echo "bulk $n: the two stores differ!"
	last=$n
done

# incremental STORE N LABEL: 10 new records (the next ones of corpus N) into STORE,
# against git add && git commit of the same 10 document folders in a checkout.
incremental() {
	store=$1 n=$2 label=$3
	sh ./corpus.sh $(($n + 10)) valid "$4" | tail -n 10 >"$W/ten.jsonl"
	rm -rf "$W/co"
	git clone -q "$store" "$W/co"
	timed go-publish --repo "$store" --today 2026-12-31 "$W/ten.jsonl" >/dev/null
	ps=$secs pk=$kb
	dirs=$(git -C "$store" diff --name-only main~1 main | sed 's,/[^/]*$,,' | sort -u | tr '\n' ' ')
	# shellcheck disable=SC2086
	git -C "$store" archive main $dirs | tar -x -C "$W/co"
	# shellcheck disable=SC2086
	(cd "$W/co" && timed sh -c "git add $dirs && git commit -q -m ten" && echo "$secs $kb" >"$W/git")
	read -r secs kb <"$W/git"
	printf '%-34s %10s %10d\n' "10 into $label: go-publish" "$ps" $((pk / 1024))
	printf '%-34s %10s %10d\n' "10 into $label: git add+commit" "$secs" $((kb / 1024))
	echo "10 into $label: go-publish takes $(ratio "$ps" "$secs")x the time of git add && git commit"
}

# Into the last store: every document of the same year, so each batch rewrites
# the month folders and month catalogs (catalog/2026/<MM>.jsonl) it touches,
# about a twelfth of the year's documents each (issue 18).
incremental "$W/p.git" "$last" "$last (one year)" 1

# Into a store of as many documents spread over 20 years (2007-2026, 5% a
# year): a batch of this year's documents touches one year's catalog and
# folder, as SPEC §6 lays the store out; then a batch spread over 10 years.
sh ./corpus.sh "$last" valid 20 >"$W/c20.jsonl"
rm -rf "$W/y.git"
go-publish --init --repo "$W/y.git" --today 2026-12-31 "$W/c20.jsonl" >/dev/null
incremental "$W/y.git" "$last" "$last over 20 years, all 2026" 1
incremental "$W/y.git" $(($last + 10)) "$last over 20 years, 10 years" 20
