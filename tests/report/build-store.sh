#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# build-store.sh STORE: the fixture store of tests/report.t, built as an office
# builds it: go-publish of each batch of store/NN-YYYY-MM-DD.jsonl on that day,
# and two abolitions made the way an office makes them (go-cat | jq | go-publish).
set -eu
here=$(cd "${0%/*}" && pwd)
S=$1
abolish() { # ID DAY
	go-cat --repo "$S" --no-body "$1" |
		jq -c --arg d "$2" 'del(.store) | .validity = "abolished" | .validity_date = $d' |
		go-publish --repo "$S" --today "$2" >/dev/null
}
for f in "$here"/store/*.jsonl; do
	day=${f##*/}; day=${day#*-}; day=${day%.jsonl}
	go-publish --init --repo "$S" --today "$day" "$f" >"$S.out" || { cat "$S.out" >&2; exit 1; }
	case $day in
	2025-10-10) abolish B-2025-1 2025-11-03 ;;
	2026-03-03) abolish A-2025-2 2026-06-01 ;;
	esac
done
rm -f "$S.out"
