#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# bench/growth.sh — how the cost of each operation grows with the store (issue 18
# item 5), each against the git command that does the same work:
#   bulk       go-publish --init of N records   vs git fast-import of the same files
#   ten        10 documents into the store      vs git add && git commit of them
#   hook       pre-commit hook on that commit   vs git commit --no-verify
#   year       go-cat --year YYYY               vs git archive main
#   archive    go-archive create --repo         vs git archive main | zstd -3
# with the peak memory of each (/usr/bin/time %M). Sizes: GO_BENCH_SIZES
# (default "10000 100000"; add 1000000 for the 1M row: slow, and about 3 GB
# of corpus and stores under $BENCH_DIR). The store's layout is whatever
# go-publish writes: paths come from git ls-tree and git diff, never assumed.
# Ends with each ratio per size and whether it grows with the store.
. "${0%/*}/lib.sh"
hooks=$here/../share/hooks
sizes=${GO_BENCH_SIZES:-10000 100000}
GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL \
	GIT_CONFIG_NOSYSTEM LC_ALL
W=$(mktemp -d "${TMPDIR:-/tmp}/growth.XXXXXX")
trap 'rm -rf "$W"' EXIT

# timed CMD...: run it (stdout to /dev/null); $secs wall, $cpu user + system
# (children included; steadier on a shared machine), $kb peak RSS. A failure
# is said, never hidden: the figures of that row are then wrong.
timed() {
	/usr/bin/time -f '%e %M %U %S' -o "$W/time" "$@" >/dev/null 2>"$W/stderr" ||
		{ echo "  FAILED: $*" >&2; sed 's/^/    /' "$W/stderr" | head -5 >&2; }
	tail -n 1 "$W/time" >"$W/time.last"
	read -r secs kb user sys <"$W/time.last"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}
row() { printf '  %-44s %7s s wall %7s s cpu %6d MB\n' "$1" "$secs" "$cpu" $((kb / 1024)); }
# keep CASE N: the last two timed runs (go-tools, then git) into the table
keep() { echo "$1 $2 $g_s $secs $g_kb $kb $g_c $cpu" >>"$W/ratios"; }
gone() { g_s=$secs g_kb=$kb g_c=$cpu; }
# The fast-import stream of branches main and public of store $1, byte for byte.
stream() { sh "${0%/*}/fast-import-stream.sh" "$1" "$W"; }

: >"$W/ratios"
for n in $sizes; do
	echo "== $n documents, all dated 2026"
	c=$(corpus "$n" valid)
	store=$W/store-$n.git
	# 1. bulk
	timed go-publish --init --repo "$store" --today 2026-12-31 -m bench "$c"
	row "bulk: go-publish --init"; gone
	stream "$store" >"$W/s.fi"
	git init -q --bare "$W/fi-$n.git"
	timed sh -c 'git -C "$1" fast-import --quiet <"$2"' sh "$W/fi-$n.git" "$W/s.fi"
	row "bulk: git fast-import"; keep bulk "$n"
	rm -f "$W/s.fi" "$W/blobs"
	rm -rf "$W/fi-$n.git"
	git -C "$store" gc -q

	# 2. ten: 10 more records of the corpus (dated before today, which the
	# hook checks); the checkout is cloned before they are published, then
	# gets the very folders go-publish wrote.
	sh "$here/corpus.sh" $((n + 200)) valid | tail -n 200 |
		awk -v today="$(date +%Y-%m-%d)" '{ d = $0; sub(/^.*"date":"/, "", d)
			if (substr(d, 1, 10) < today && k++ < 10) print }' >"$W/ten.jsonl"
	co=$W/co-$n
	git clone -q "$store" "$co"
	timed go-publish --repo "$store" --today 2026-12-31 -m ten "$W/ten.jsonl"
	row "10 documents: go-publish"; gone
	git -C "$store" diff --name-only main~1 main >"$W/changed"
	dirs=$(sed 's,/[^/]*$,,' "$W/changed" | sort -u | tr '\n' ' ')
	# shellcheck disable=SC2086
	git -C "$store" archive main $dirs | tar -x -C "$co"
	# shellcheck disable=SC2086
	(cd "$co" && timed sh -c "git add $dirs && git commit -q --no-verify -m ten" &&
		echo "$secs $kb $cpu" >"$W/git")
	read -r secs kb cpu <"$W/git"
	row "10 documents: git add && git commit"; keep ten "$n"

	# 3. hook: the same 10 documents staged again, the pre-commit hook alone
	# (as git runs it, from the checkout), then git commit with and without it.
	git -C "$co" reset -q --soft HEAD~1
	(cd "$co" && "$hooks/pre-commit" >/dev/null 2>&1) ||
		echo "  the hook refused the 10 documents: the hook figures are wrong" >&2
	# its parts, as the hook runs them: git writes the index's tree once, the
	# layout (go-gate) and the records (go-cat) compare it with HEAD, rule 7
	# by id; and for comparison the tools reading the index themselves
	# (libgit2's reader) and rule 7 over the whole store (--all)
	(cd "$co" && timed git write-tree && echo "$secs $kb $cpu" >"$W/git")
	read -r secs kb cpu <"$W/git"; row "  of which git write-tree"
	staged=$(cd "$co" && git write-tree)
	(cd "$co" && timed go-gate --staged="$staged" && echo "$secs $kb $cpu" >"$W/git")
	read -r secs kb cpu <"$W/git"; row "  of which go-gate --staged=TREE"
	(cd "$co" && go-cat --staged="$staged" >"$W/staged.jsonl" &&
		timed go-cat --staged="$staged" && echo "$secs $kb $cpu" >"$W/git")
	read -r secs kb cpu <"$W/git"; row "  of which go-cat --staged=TREE"
	(cd "$co" && timed go-gate --staged && echo "$secs $kb $cpu" >"$W/git")
	read -r secs kb cpu <"$W/git"; row "  (for comparison: go-gate --staged)"
	(cd "$co" && timed go-cat --staged && echo "$secs $kb $cpu" >"$W/git")
	read -r secs kb cpu <"$W/git"; row "  (for comparison: go-cat --staged)"
	timed go-link-interp --repo "$co/.git" "$W/staged.jsonl"
	row "  of which go-link-interp --repo (by id)"
	timed go-link-interp --repo "$co/.git" --all "$W/staged.jsonl"
	row "  (for comparison: go-link-interp --all)"
	(cd "$co" && timed "$hooks/pre-commit" && echo "$secs $kb $cpu" >"$W/git")
	read -r secs kb cpu <"$W/git"
	row "pre-commit hook (10 documents)"; gone
	timed git -C "$co" commit -q --no-verify -m ten
	row "git commit --no-verify"; keep hook "$n"
	rm -rf "$co"

	# 4. year: one year's documents, against git archive of main.
	year=$(git -C "$store" ls-tree --name-only main docs/ | sed -n 's,^docs/\([0-9]\{4\}\)$,\1,p' | tail -n 1)
	timed go-cat --repo "$store" --year "$year"
	row "go-cat --year $year"; gone
	timed git -C "$store" archive main
	row "git archive main"; keep year "$n"

	# 5. archive
	timed go-archive create --repo "$store" --name bag -o "$W/bag.tar.zst"
	row "go-archive create --repo"; gone
	timed sh -c 'git -C "$1" archive --format=tar main | zstd -3 -q -c >"$2"' sh "$store" "$W/git.tar.zst"
	row "git archive main | zstd -3"; keep archive "$n"
	rm -rf "$store" "$W/bag.tar.zst" "$W/git.tar.zst"
done

# The ratio go-tools / git of each case at each size (wall, then cpu: below 1,
# go-tools is the faster), and whether it grows: "grows" when the largest
# size's cpu ratio is over 1.5x the smallest's.
echo "== go-tools time / git time, wall and cpu (peak MB of go-tools), by size"
awk '
	{ w = ($4 > 0 ? $3 / $4 : 0); r = ($8 > 0 ? $7 / $8 : 0)
	  key = $1; if (!(key in first)) { first[key] = r; order[++k] = key; g0[key] = $7; n0[key] = $2 }
	  last[key] = r; g1[key] = $7; n1[key] = $2
	  line[key] = line[key] sprintf("  %7d: %5.2fx %5.2fx (%4d MB)", $2, w, r, $5 / 1024) }
	END {
		name["bulk"] = "bulk publish / fast-import"; name["ten"] = "10 docs / add+commit"
		name["hook"] = "hook / commit --no-verify"; name["year"] = "go-cat --year / git archive"
		name["archive"] = "go-archive / archive|zstd"
		for (i = 1; i <= k; i++) {
			key = order[i]
			verdict = (first[key] > 0 && last[key] > 1.5 * first[key]) ? "grows" : "flat"
			# and go-tools own cpu time, store x(n1/n0): does the same work cost more?
			own = (n1[key] > n0[key] && g0[key] > 0) ? sprintf(", go-tools cpu x%.1f for a store x%d", g1[key] / g0[key], n1[key] / n0[key]) : ""
			printf "%-30s%s   ratio %s%s\n", name[key], line[key], verdict, own
		}
	}' "$W/ratios"
