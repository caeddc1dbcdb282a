#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-classify with its default rules against `jq -c .` on the same 100k-record
# `bench/corpus.sh 100000 bare` file (~220 MB), and its peak memory at 10k and
# 100k records (it must not grow with the input). go-classify parses and
# classifies in one thread and writes in another, so its CPU time can exceed
# its wall-clock time; both ratios are printed.
# BENCH_RUNS=N: the speed figures are the best of N runs (default 1).
. "${0%/*}/lib.sh"
small=$(corpus 10000 bare)
big=$(corpus 100000 bare)
echo "go-classify: $(wc -c <"$big") bytes, 100000 records, $(go-classify --print-default-rules | grep -c '^[a-z]') default rules"
measure_best "jq -c . (100k)" jq -c . "$big"; jq_s=$secs; jq_cpu=$cpu
measure_best "go-classify (100k)" go-classify "$big"; go_s=$secs; go_cpu=$cpu; go_kb=$kb
measure "go-classify (10k)" go-classify "$small"; small_kb=$kb
measure "go-classify --no-default-rules (100k)" go-classify --no-default-rules "$big"
# Every record of the bare corpus gets an attribute and a category.
left=$(go-classify "$small" | grep -vc '"classified_by":{"attribute"' || true)
echo "  speed: go-classify is $(ratio "$go_s" "$jq_s")x as fast as jq -c . by wall clock, $(ratio "$go_cpu" "$jq_cpu")x by CPU time (target >= 4, issue 18)"
echo "  memory: ${small_kb} KB at 10k records, ${go_kb} KB at 100k (target: constant)"
echo "  coverage: $left of 10000 records left without a rule-set attribute"
