# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Shared by the bench scripts: where the binaries are, a cached corpus, timing.
set -eu
here=$(cd "${0%/*}" && pwd)
GO_BUILD=${GO_BUILD:-$here/../build}
PATH="$GO_BUILD/bin:$PATH"
work=${BENCH_DIR:-$GO_BUILD/bench}
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

# corpus N MODE: path of a cached bench/corpus.sh N MODE file.
corpus() {
	f=$work/corpus-$1-$2.jsonl
	[ -s "$f" ] || sh "$here/corpus.sh" "$1" "$2" >"$f"
	echo "$f"
}
# measure NAME CMD...: run CMD (stdout to /dev/null); sets $secs (wall clock),
# $cpu (user + system, steadier on a busy machine) and $kb (peak RSS); prints a line.
measure() {
	name=$1; shift
	/usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
	read -r secs kb user sys <"$work/time"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	printf '  %-34s %7.2f s wall %7.2f s cpu %9d KB peak\n' "$name" "$secs" "$cpu" "$kb"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }'; }
# measure_best NAME CMD...: measure, BENCH_RUNS times (default 1): the least wall
# and the least CPU time (the machine is shared: the least is the run least
# disturbed), the largest peak; prints one line.
measure_best() {
	bs= bc= bk=0 r=0 runs=${BENCH_RUNS:-1}
	while [ "$r" -lt "$runs" ]; do
		r=$((r + 1))
		measure "$@" >/dev/null
		bs=$(awk -v a="$secs" -v b="${bs:-$secs}" 'BEGIN { print (a < b ? a : b) }')
		bc=$(awk -v a="$cpu" -v b="${bc:-$cpu}" 'BEGIN { print (a < b ? a : b) }')
		[ "$kb" -gt "$bk" ] && bk=$kb
	done
	secs=$bs cpu=$bc kb=$bk
	printf '  %-34s %7.2f s wall %7.2f s cpu %9d KB peak%s\n' "$1" "$secs" "$cpu" "$kb" \
		"$([ "$runs" -gt 1 ] && echo " (best of $runs)")"
}
