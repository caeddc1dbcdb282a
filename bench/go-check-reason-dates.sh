#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-check-reason on records dated 2007-2026 and not yet published, so that rule 8
# counts working days from each date to --today (issue 18 item 4), against
# `jq -c .`; and one record dated 0001-01-01. GO_BUILD_BEFORE=DIR also times the
# go-check-reason of another build (the one before the O(1) calendar).
# BENCH_RUNS=N: the speed figures are the best of N runs (default 1).
. "${0%/*}/lib.sh"
f=$work/corpus-100000-dates.jsonl
[ -s "$f" ] || sh "$here/corpus.sh" 100000 valid 20 | sed 's/,"published":"[0-9-]*"//' >"$f"
one=$work/year-one.jsonl
printf '%s\n' '{"id":"Y1","title":"t","office":"o","kind":"notice","date":"0001-01-01","attribute":"proactive","category":"result"}' >"$one"
echo "go-check-reason, 100000 records dated 2007-2026, unpublished (rule 8 counts to 2026-12-31)"
measure_best "jq -c ." jq -c . "$f"; jq_s=$secs; jq_cpu=$cpu
measure_best "go-check-reason" go-check-reason --today 2026-12-31 "$f"; go_s=$secs; go_cpu=$cpu
echo "  go-check-reason is $(ratio "$go_cpu" "$jq_cpu")x as fast as jq -c . by CPU time ($(ratio "$go_s" "$jq_s")x wall; target >= 4, issue 18)"
if [ -n "${GO_BUILD_BEFORE:-}" ]; then
	measure "go-check-reason (before)" "$GO_BUILD_BEFORE/bin/go-check-reason" --today 2026-12-31 "$f"
	echo "  before: $(ratio "$cpu" "$jq_cpu")x jq by CPU time; now $(ratio "$go_cpu" "$cpu")x as fast as before"
	measure "one record of 0001-01-01 (before)" "$GO_BUILD_BEFORE/bin/go-check-reason" --today 2026-12-31 "$one"
fi
measure "one record of 0001-01-01" go-check-reason --today 2026-12-31 "$one"
