#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-link-interp against `jq -c .` on the same 100k-record stream (~214 MB) in
# which every tenth record is a policy and the next one its interpretation; and
# its peak memory on streams of the same size with bodies 10x and 100x larger
# (fewer, bigger records): it must stay under 64 MB whatever the body sizes.
# BENCH_RUNS=N: the speed figures are the best of N runs (default 1).
. "${0%/*}/lib.sh"

# mix SRC BODY_REPEAT: records 1, 11, 21... become normative documents, the
# record after each its interpretation (same office), the rest stay as they are.
mix() {
	LC_ALL=C awk -v rep="$2" '
	function field(s, name,   m) {
		if (match(s, "\"" name "\":\"[^\"]*\""))
			return substr(s, RSTART + length(name) + 4, RLENGTH - length(name) - 5)
		return ""
	}
	{
		line = $0
		if (rep > 1 && match(line, /"body":"[^"]*"/)) {
			b = substr(line, RSTART + 8, RLENGTH - 9); big = ""
			for (k = 0; k < rep; k++) big = big b
			line = substr(line, 1, RSTART + 7) big substr(line, RSTART + RLENGTH - 1)
		}
		if (NR % 10 == 1) {
			sub(/"kind":"[a-z]*"/, "\"kind\":\"normative\"", line)
			pid = field(line, "id"); poffice = field(line, "office")
		} else if (NR % 10 == 2) {
			sub(/"kind":"[a-z]*"/, "\"kind\":\"interpretation\",\"interprets\":\"" pid "\"", line)
			sub(/"office":"[^"]*"/, "\"office\":\"" poffice "\"", line)
		}
		print line
	}' "$1"
}
stream() {
	f=$work/link-interp-$1-x$2.jsonl
	[ -s "$f" ] || mix "$(corpus "$1" valid)" "$2" >"$f"
	echo "$f"
}
big=$(stream 100000 1)
echo "go-link-interp: $(wc -c <"$big") bytes, 100000 records (10000 policies, 10000 interpretations)"
measure_best "jq -c . (100k)" jq -c . "$big"; jq_s=$secs; jq_cpu=$cpu
measure_best "go-link-interp (100k)" go-link-interp --today 2026-12-31 "$big"; go_s=$secs; go_cpu=$cpu; go_kb=$kb
mb=$(awk -v b="$(wc -c <"$big")" -v s="$go_s" 'BEGIN { printf "%.0f", (s > 0 ? b / s / 1e6 : 0) }')
echo "  speed: go-link-interp is $(ratio "$go_s" "$jq_s")x as fast as jq -c . in wall time ($mb MB/s),"
echo "         $(ratio "$go_cpu" "$jq_cpu")x in CPU time (target >= 4, issue 18)"
echo "  memory: ${go_kb} KB peak at 100k records (target: < 65536 KB)"
for shape in "10000 10" "1000 100"; do
	set -- $shape
	f=$(stream "$1" "$2")
	measure "go-link-interp ($1, bodies x$2)" go-link-interp --today 2026-12-31 "$f"
	echo "  memory: ${kb} KB peak, $(wc -c <"$f") bytes in $1 records (target: < 65536 KB)"
done
