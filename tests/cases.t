#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Fixture cases: one folder per case under tests/cases/<tool>/<case>/ holding
#   cmd       the command line (run by sh in the case folder, stdin from in.jsonl)
#   in.jsonl  standard input (optional: /dev/null)
#   out.jsonl the exact expected standard output (required; empty: none)
#   err       the exact expected standard error (required; empty: none)
#   status    the expected exit status (optional: 0)
# Where the output is defined, a case asserts all of it, never the status alone.
. "${0%/*}/lib.sh"
for dir in "$TESTS"/cases/*/*/; do
	dir=${dir%/}
	name=${dir#"$TESTS"/cases/}
	in=$dir/in.jsonl; [ -f "$in" ] || in=/dev/null
	(cd "$dir" && sh ./cmd) <"$in" >"$T/out" 2>"$T/err"
	status=$?
	want=0; [ -f "$dir/status" ] && want=$(cat "$dir/status")
	is "$status" "$want" "$name: exit status"
	for f in out.jsonl err; do
		[ -f "$dir/$f" ]; ok $? "$name: the case has its expected $f"
	done
	[ -f "$dir/out.jsonl" ] && same_file "$T/out" "$dir/out.jsonl" "$name: stdout"
	[ -f "$dir/err" ] && same_file "$T/err" "$dir/err" "$name: stderr"
done
finish
