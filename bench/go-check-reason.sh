#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-check-reason against `jq -c .` on the same 100k-record corpus (~225 MB),
# and its peak memory at 10k and 100k records (it must not grow with the input).
# BENCH_RUNS=N: the speed figures are the best of N runs (default 1).
. "${0%/*}/lib.sh"
small=$(corpus 10000 valid)
big=$(corpus 100000 valid)
echo "go-check-reason: $(wc -c <"$big") bytes, 100000 records"
measure_best "jq -c . (100k)" jq -c . "$big"; jq_s=$secs; jq_cpu=$cpu
measure_best "go-check-reason (100k)" go-check-reason --today 2026-12-31 "$big"; go_s=$secs; go_cpu=$cpu; go_kb=$kb
measure "go-check-reason (10k)" go-check-reason --today 2026-12-31 "$small"; small_kb=$kb
echo "  speed: go-check-reason is $(ratio "$go_s" "$jq_s")x as fast as jq -c . by wall clock, $(ratio "$go_cpu" "$jq_cpu")x by CPU time (target >= 4, issue 18)"
echo "  memory: ${small_kb} KB at 10k records, ${go_kb} KB at 100k (target: constant)"
