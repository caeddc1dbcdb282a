#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Filters pass on what they do not own (issue 10 §4): a line an earlier filter
# wrapped, a problems field that is not an array, long numbers, and a
# no_interpretation_reason that says nothing.
. "${0%/*}/lib.sh"

good='{"id":"G-1","title":"通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","published":"2026-03-02"}'

# An over-long line wrapped by the first filter goes through the later ones
# byte for byte: no second wrapping, its "at" and problems kept.
head -c 3000 /dev/zero | tr '\0' 'x' >"$T/long"
{ printf '%s\n' "$good"; printf '{"id":"LONG","body":"'; cat "$T/long"; printf '"}\n'; printf '%s\n' "$good"; } >"$T/in"
GO_MAX_LINE=1000 go-check-reason --today 2026-03-05 "$T/in" >"$T/once" 2>/dev/null
GO_MAX_LINE=1000 go-check-reason --today 2026-03-05 "$T/once" >"$T/out" 2>"$T/err"
is "$?" 0 "a wrapped line is no new error for the next filter"
same_file "$T/out" "$T/once" "go-check-reason passes a wrapped over-long line on untouched"
is "$(cat "$T/err")" "" "and says nothing about it"
is "$(sed -n 2p "$T/out" | jq -r .at)" "$T/in:2" "the wrapped line keeps its original at"
GO_MAX_LINE=1000 go-classify "$T/once" 2>/dev/null | GO_MAX_LINE=1000 go-link-interp 2>/dev/null |
	GO_MAX_LINE=1000 go-check-reason --today 2026-03-05 >"$T/three" 2>/dev/null
is "$(sed -n 2p "$T/three" | wc -c)" "$(sed -n 2p "$T/once" | wc -c)" "three more filters: the line does not grow"
sed -n 2p "$T/three" | jq -r .invalid_line_base64 | base64 -d >"$T/back"
printf '\n' >>"$T/back"
sed -n 2p "$T/in" >"$T/line2"
same_file "$T/back" "$T/line2" "and still holds every byte of the original line"

# Something that only starts like a wrapped line is wrapped as any other.
{ printf '{"invalid_line_base64":"'; cat "$T/long"; printf '!"}\n'; } >"$T/fake"
GO_MAX_LINE=1000 go-check-reason --today 2026-03-05 "$T/fake" >"$T/out" 2>"$T/err"
is "$?" 1 "a look-alike over-long line is an error"
jq -r .invalid_line_base64 "$T/out" | base64 -d >"$T/back"
printf '\n' >>"$T/back"
same_file "$T/back" "$T/fake" "and is kept whole as base64"
is "$(jq -r .at "$T/out")" "$T/fake:1" "with its own at"

# A problems field that is not an array is kept, with a warning.
printf '%s\n' "$good" | sed 's/}$/,"problems":"see paper file"}/' >"$T/p.jsonl"
run go-check-reason --today 2026-03-05 "$T/p.jsonl"
is "$status" 0 "a non-array problems is a warning"
is "$(jq -c '.problems[0]' "$T/out")" '"see paper file"' "its value is kept"
is "$(jq -r '.problems[1].code' "$T/out")" "invalid-problems" "with an invalid-problems warning"
go-check-reason --today 2026-03-05 "$T/out" >"$T/twice" 2>/dev/null
same_file "$T/twice" "$T/out" "checking again gives the same"
printf '%s\n' "$good" | sed 's/}$/,"problems":{"code":"x"}}/' | go-classify >"$T/out" 2>/dev/null
is "$(jq -c .problems "$T/out")" '{"code":"x"}' "go-classify keeps a non-array problems too"

# Numbers of any length jansson accepts.
digits=$(head -c 600 /dev/zero | tr '\0' '7')
printf '%s\n' "$good" | sed "s/}\$/,\"amount\":0.$digits,\"n\":1${digits}e-600}/" >"$T/n.jsonl"
run go-check-reason --today 2026-03-05 "$T/n.jsonl"
is "$status" 0 "a 600-digit number is accepted"
is "$(jq -r 'has("invalid_line")' "$T/out")" "false" "and parsed"
is "$(cat "$T/err")" "" "without a message"

# no_interpretation_reason of white space or a placeholder is no reason.
for why in '无' '　' ' 略 ' 'N/A' '-'; do
	printf '{"id":"P-1","kind":"policy","office":"法规科","attribute":"proactive","title":"t","date":"2026-03-02","no_interpretation_reason":"%s"}\n' "$why" >"$T/i.jsonl"
	run go-link-interp --today 2026-03-05 "$T/i.jsonl"
	is "$status" 1 "no_interpretation_reason '$why' does not count"
	is "$(jq -r '.problems[0].severity' "$T/out")" "error" "missing-interpretation stays an error for '$why'"
done
printf '{"id":"P-1","kind":"policy","office":"法规科","attribute":"proactive","title":"t","date":"2026-03-02","no_interpretation_reason":"内容简单，无需解读"}\n' >"$T/i.jsonl"
run go-link-interp --today 2026-03-05 "$T/i.jsonl"
is "$status" 0 "a written no_interpretation_reason still counts"
# ---- what the reader cannot do, the tool reports and exits 2 for --------------
# (the library returns these errors; only the tool exits)
printf '{"id":"A"}\n' >"$T/one.jsonl"
GO_MAX_LINE=x go-check-reason --today 2026-03-05 "$T/one.jsonl" >"$T/out" 2>"$T/err"
is "$?" 2 "GO_MAX_LINE=x: exit 2"
is "$(cat "$T/err")" "go-check-reason: GO_MAX_LINE: 'x' is not a number of bytes" "... and says why"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "... reading nothing"
printf '{"id":"A","body":"%s"}\n{"id":"B"}\n' "$(head -c 200 /dev/zero | tr '\0' x)" >"$T/long.jsonl"
TMPDIR=$T/no-such-dir GO_MAX_LINE=100 go-check-reason --today 2026-03-05 "$T/long.jsonl" >"$T/out" 2>"$T/err"
is "$?" 2 "an over-long line and no temporary file (\$TMPDIR missing): exit 2"
is "$(cat "$T/err")" "go-check-reason: temporary file for an over-long line: No such file or directory" \
	"... said once, with the reason"
TMPDIR=$T GO_MAX_LINE=100 go-check-reason --today 2026-03-05 "$T/long.jsonl" >"$T/out" 2>/dev/null
is "$(jq -r '.invalid_line_base64 // .id' "$T/out" | cut -c1-8 | tr '\n' ' ')" "eyJpZCI6 B " \
	"with \$TMPDIR there: the over-long line is kept whole (base64), the next record follows"

finish
