#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-report scoreboard of one year against `go-cat --year` of that year, on a
# store of BENCH_DOCS (default 100000) documents written by go-publish from
# bench/corpus.sh N valid YEARS (BENCH_YEARS, default 1: every document in 2026;
# 20 spreads them over 2007-2026). Target: the scoreboard within 2x go-cat.
. "${0%/*}/lib.sh"
n=${BENCH_DOCS:-100000}
years=${BENCH_YEARS:-1}
store=$work/report-store-$n-$years.git
if ! git -C "$store" rev-parse -q --verify main >/dev/null 2>&1; then
	rm -rf "$store"
	f=$work/corpus-$n-valid-$years.jsonl
	[ -s "$f" ] || sh "$here/corpus.sh" "$n" valid "$years" >"$f"
	go-publish --init --repo "$store" --author 'Bench <bench@example>' --today 2026-12-31 "$f" >/dev/null
	git -C "$store" gc -q
fi
docs=$(go-cat --repo "$store" --year 2026 --no-body | wc -l)
echo "go-report: a store of $n documents over $years year(s), $docs in 2026"
measure "go-cat --year 2026" go-cat --repo "$store" --year 2026; cat_s=$secs; cat_c=$cpu
measure "go-cat --year 2026 --no-body" go-cat --repo "$store" --year 2026 --no-body
measure "go-report scoreboard --year 2026" go-report scoreboard --repo "$store" --year 2026 --today 2026-12-31; rep_s=$secs; rep_c=$cpu
measure "go-report scoreboard --format html" go-report scoreboard --repo "$store" --year 2026 --today 2026-12-31 --format html
measure "go-report annual --year 2026" go-report annual --repo "$store" --year 2026 --format json
echo "  the scoreboard takes $(ratio "$cat_s" "$rep_s")x go-cat --year's wall time ($(ratio "$cat_c" "$rep_c")x its cpu); target <= 2"
