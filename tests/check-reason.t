#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-check-reason as a command: options, exit codes, files, and what no fixture shows.
. "${0%/*}/lib.sh"

run go-check-reason --help
is "$status" 0 "--help exits 0"
like "$(head -n 1 "$T/out")" '^usage: go-check-reason \[--today YYYY-MM-DD\] \[FILE\.\.\.\]$' "--help prints usage on stdout"
is "$(cat "$T/err")" "" "--help prints nothing on stderr"

run go-check-reason --version
is "$status" 0 "--version exits 0"
like "$(cat "$T/out")" '^go-check-reason \(go-tools\) [0-9]+\.[0-9]+\.[0-9]+$' "--version names the tool"

run go-check-reason --bogus </dev/null
is "$status" 2 "an unknown option exits 2"
is "$(cat "$T/out")" "" "an unknown option writes nothing on stdout"
like "$(head -n 1 "$T/err")" "^go-check-reason: unrecognized option '--bogus'|^go-check-reason: unknown option" "an unknown option is named on stderr"

run go-check-reason --today 2026-02-30 </dev/null
is "$status" 2 "an impossible --today exits 2"
is "$(cat "$T/err")" "go-check-reason: --today: '2026-02-30' is not a date (YYYY-MM-DD)" "and says why"

# A missing file is reported; the other files are still read; exit 2.
good='{"id":"G-1","title":"通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","published":"2026-03-02"}'
printf '%s\n' "$good" >"$T/a.jsonl"
run go-check-reason --today 2026-03-05 "$T/nope.jsonl" "$T/a.jsonl"
is "$status" 2 "a missing file exits 2"
is "$(cat "$T/out")" "$good" "the other files are still checked"
is "$(cat "$T/err")" "go-check-reason: $T/nope.jsonl: No such file or directory" "the missing file is named"

# Warnings alone do not fail the run; errors do.
printf '%s\n' "$good" | sed 's/"published":"2026-03-02"/"published":"2026-06-01"/' >"$T/late.jsonl"
run go-check-reason --today 2026-03-05 "$T/late.jsonl"
is "$status" 0 "a warning alone exits 0"
is "$(jq -r '.problems[0].code' "$T/out")" "late-publication" "and is reported"

# The last line may lack its newline; CRLF line ends are JSON white space.
printf '%s\r\n%s' "$good" "$good" >"$T/crlf.jsonl"
run go-check-reason --today 2026-03-05 "$T/crlf.jsonl"
is "$status" 0 "CRLF and a missing final newline are accepted"
is "$(wc -l <"$T/out")" 2 "both lines come out, newline-terminated"

# Running the check twice gives what running it once does (problems are replaced).
go-check-reason --today 2026-03-05 <"$TESTS/data/mixed.jsonl" >"$T/once" 2>/dev/null
go-check-reason --today 2026-03-05 <"$T/once" >"$T/twice" 2>/dev/null
same_file "$T/twice" "$T/once" "go-check-reason is idempotent in a pipeline"

# Nothing is lost: one line out per line in, for the shared probe.
is "$(wc -l <"$T/once")" "$(wc -l <"$TESTS/data/mixed.jsonl")" "one output line for each line of mixed.jsonl"
# The invalid-UTF-8 line comes back byte for byte from its base64.
sed -n 8p "$TESTS/data/mixed.jsonl" >"$T/line8"
jq -r 'select(.invalid_line_base64) | .invalid_line_base64' "$T/once" | base64 -d >"$T/back8"
printf '\n' >>"$T/back8"
same_file "$T/back8" "$T/line8" "an invalid UTF-8 line is kept byte for byte"

# An over-long line is not parsed, but every byte of it is kept (GO_MAX_LINE).
head -c 5000 /dev/zero | tr '\0' 'x' >"$T/long"
{ printf '%s\n' "$good"; printf '{"id":"LONG","body":"'; cat "$T/long"; printf '"}\n'; printf '%s\n' "$good"; } >"$T/in"
GO_MAX_LINE=1000 go-check-reason --today 2026-03-05 "$T/in" >"$T/out" 2>"$T/err"
is "$?" 1 "an over-long line is an error"
is "$(wc -l <"$T/out")" 3 "it still gives exactly one line"
is "$(sed -n 3p "$T/out")" "$good" "and the lines after it are read"
sed -n 2p "$T/in" >"$T/want"
sed -n 2p "$T/out" | jq -r .invalid_line_base64 | base64 -d >"$T/got"
printf '\n' >>"$T/got"
same_file "$T/got" "$T/want" "the over-long line comes back byte for byte"
is "$(sed -n 2p "$T/out" | jq -r .at)" "$T/in:2" "with its FILE:LINE"
is "$(cat "$T/err")" "go-check-reason: $T/in:2: line of 5023 bytes, over the limit of 1000" "and the reason on stderr"

run env GO_MAX_LINE=lots go-check-reason </dev/null
is "$status" 2 "a bad GO_MAX_LINE exits 2"

# A terminal on stdin and no file: usage, not a hang.
if command -v script >/dev/null; then
	script -qec 'go-check-reason; echo "status=$?"' /dev/null </dev/null >"$T/tty" 2>&1
	like "$(cat "$T/tty")" 'usage: go-check-reason' "a terminal on stdin prints usage"
	like "$(cat "$T/tty")" 'status=2' "and exits 2"
else
	skip 2 "script(1) is not installed: no terminal for stdin"
fi

# A closed stdout is an error, not silence.
if [ -w /dev/full ]; then
	go-check-reason --today 2026-03-05 "$T/a.jsonl" >/dev/full 2>"$T/err"
	is "$?" 2 "a write error exits 2"
	like "$(cat "$T/err")" 'go-check-reason: standard output: No space left on device' "and is reported"
else
	skip 2 "/dev/full is not writable here"
fi

# Only libjansson is linked: the tool does not drag in git, archive or OpenCC.
if command -v readelf >/dev/null; then
	readelf -d "$GO_BUILD/bin/go-check-reason" | grep NEEDED >"$T/needed"
	if grep -Eq 'git2|archive|opencc' "$T/needed"; then ok 1 "links only what it uses"; else ok 0 "links only what it uses"; fi
else
	skip 1 "readelf is not installed"
fi
finish
