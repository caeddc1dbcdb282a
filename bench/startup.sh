#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Start-up (issue 18 item 3): go-classify on one record, against `jq -c .` on
# the same record; target < 20 ms. The default rules' variants come from the
# table gen-variants made at build time; a user's own keyword still loads
# OpenCC (the third line shows what that costs).
. "${0%/*}/lib.sh"
runs=${GO_BENCH_RUNS:-50}
one=$work/startup-one.jsonl
printf '%s\n' '{"id":"SFJ-2026-00001","title":"关于调整住房公积金缴存基数的通知","kind":"notice","office":"办公室","date":"2026-03-02","body":"各单位：现将有关事项通知如下。"}' >"$one"
printf 'attribute=withheld basis=ogi-16-internal reason="r" if title~党费收缴\n' >"$work/startup.rules"

# each NAME CMD...: CMD run $runs times; per run: $ms wall, $cms cpu (milliseconds).
each() {
	name=$1; shift
	/usr/bin/time -f '%e %U %S' -o "$work/time" sh -c '
		n=$1; shift
		while [ "$n" -gt 0 ]; do "$@" >/dev/null 2>&1; n=$((n - 1)); done' sh "$runs" "$@"
	read -r secs user sys <"$work/time"
	ms=$(awk -v s="$secs" -v n="$runs" 'BEGIN { printf "%.1f", s * 1000 / n }')
	cms=$(awk -v u="$user" -v s="$sys" -v n="$runs" 'BEGIN { printf "%.1f", (u + s) * 1000 / n }')
}
each jq jq -c . "$one"; jq_ms=$ms jq_cms=$cms
each go-classify go-classify "$one"; go_ms=$ms go_cms=$cms
each own go-classify --no-default-rules -r "$work/startup.rules" "$one"; own_ms=$ms own_cms=$cms
echo "start-up, one record, mean of $runs runs:"
echo "  go-classify (default rules)  ${go_ms} ms wall ${go_cms} ms cpu;  jq -c . ${jq_ms} ms wall ${jq_cms} ms cpu;  ratio $(ratio "$go_ms" "$jq_ms")x (target: go-classify < 20 ms)"
echo "  go-classify (a user's keyword, OpenCC loaded)  ${own_ms} ms wall ${own_cms} ms cpu"
