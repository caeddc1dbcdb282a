#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# make demo: the main pipeline on the bundled example documents, into a fresh store.
#   go-classify | go-check-reason | go-link-interp | go-publish, then what the store holds.
set -u
: "${GO_BUILD:?run through make demo}"
PATH="$GO_BUILD/bin:$PATH"
# The office's language, Chinese, whatever LANG the machine has (README,
# Language): C.UTF-8 exists everywhere; LC_ALL=en_US.UTF-8 make demo for English.
LC_MESSAGES=C.UTF-8
export LC_MESSAGES
here=$(cd "${0%/*}" && pwd)
out=$GO_BUILD/demo
store=$out/store.git
today=2026-03-20
rm -rf "$out"
mkdir -p "$out"

# Tab-separated lines as aligned columns, where column(1) is there.
table() { if command -v column >/dev/null; then column -t -s "$(printf '\t')"; else cat; fi; }

# Each stage may find problems (exit 1); a usage, I/O or fatal error (exit 2) stops the demo.
stage() {
	name=$1; shift
	"$@" >"$out/$name.jsonl" 2>"$out/$name.err"
	st=$?
	if [ "$st" -gt 1 ]; then
		echo "demo: $name failed (exit $st):" >&2
		cat "$out/$name.err" >&2
		exit 2
	fi
	printf '%-16s exit %d, %d records\n' "$name" "$st" "$(wc -l <"$out/$name.jsonl")"
}

echo "== the pipeline on examples/documents.jsonl (today is $today)"
stage go-classify go-classify "$here/documents.jsonl"
stage go-check-reason go-check-reason --today "$today" "$out/go-classify.jsonl"
stage go-link-interp go-link-interp --today "$today" "$out/go-check-reason.jsonl"
# A rule's suggestion is not a decision: the disclosure office has reviewed the
# attributes go-classify suggested and says so (the commit records it as a
# Classified-by trailer); without --accept-classified, go-publish would refuse
# each rule-set proactive record as unconfirmed-attribute.
stage go-publish go-publish --init --repo "$store" --today "$today" \
	--author '市司法局政务公开办 <gongkai@sfj.example.gov.cn>' \
	--accept-classified '政务公开办 王某' --summary "$out/go-link-interp.jsonl"
echo
echo "== go-publish's summary for the office (--summary; the default on a terminal)"
cat "$out/go-publish.err"

echo
echo "== each document: attribute (who set it), problems, what go-publish did"
jq -r '[.id // .at,
	(.attribute // "-") + (if .classified_by.attribute then " (" + .classified_by.attribute + ")" else "" end),
	((.problems // []) | map(.code + (if .severity == "warning" then "?" else "" end)) | unique | join(",")),
	.publish.status + (if .publish.reason then ": " + .publish.reason else "" end)] | @tsv' \
	"$out/go-publish.jsonl" | table
echo "(? = warning; every other code is an error that blocks publishing)"

echo
echo "== git log --stat main"
git -C "$store" log --stat --format='%h %an: %s%n%b' main | head -60
echo
echo "== an interpretation a week later, joined against the store: go-link-interp --repo"
printf '%s\n' '{"id":"SFJ-2026-00031-JD2","kind":"interpretation","interprets":"SFJ-2026-00031","office":"政策法规科","attribute":"proactive","category":"decision","title":"《实施办法》答记者问","date":"2026-03-26"}' |
	go-link-interp --repo "$store" --today 2026-03-27 --grace-days 3 |
	jq -r '.problems[]? | "\(.code) (\(.severity)): \(.message)"'
echo
echo "== the public view: go-cat --public --no-body"
go-cat --repo "$store" --public --no-body | jq -r '[.id, .attribute, .category, .title] | @tsv' |
	table
echo
echo "== archive it: go-archive create | go-archive verify"
go-archive create --repo "$store" --format tar.gz -o "$out/register.tar.gz" &&
	go-archive verify "$out/register.tar.gz" && echo "register.tar.gz: a valid BagIt bag"
echo
echo "== applications (依申请公开) on their own branch: go-request add, due, stats"
stage go-request go-request add --repo "$store" --today "$today" \
	--author '市司法局政务公开办 <gongkai@sfj.example.gov.cn>' "$here/requests.jsonl"
jq -r '[.id, .request.status, ((.problems // []) | map(.code) | join(","))] | @tsv' \
	"$out/go-request.jsonl" | table
go-request due --repo "$store" --today "$today" |
	jq -r '[.id, .status, .deadline // "-", (.working_days_left // "-" | tostring)] | @tsv' | table
go-request stats --repo "$store" --year 2026 |
	jq -r '.rows | to_entries[] | select(.value[6] > 0) | [.key, (.value | map(tostring) | join(" "))] | @tsv' |
	table
echo "== the 通报 of each office and the annual report: go-report"
go-report scoreboard --repo "$store" --year 2026 --today "$today" --rectify-days 10 |
	jq -r '[.office // "合计", "documents \(.measures.documents)", "late \(.measures["late-publication"])",
		"interpreted " + (.measures["interpretation-rate"] | if . then "\(.)%" else "-" end), .status,
		(.rectify | map(.measure + " by " + .deadline) | join(", "))] | @tsv' | table
go-report scoreboard --repo "$store" --year 2026 --today "$today" --format html >"$out/scoreboard-2026.html"
go-report annual --repo "$store" --year 2026 >"$out/annual-2026.html" 2>/dev/null &&
	echo "the 通报: $out/scoreboard-2026.html; the annual report (table 三 counted from the applications above, table 四 left at 0): $out/annual-2026.html"
echo "== the website: go-site (the public branch as static pages)"
# The office's own pages (指南, 制度, 年报) are its files, not store documents:
# here the annual report just made goes into the site's 年报 section.
mkdir -p "$out/pages/reports"
cp "$out/annual-2026.html" "$out/pages/reports/2026.html" 2>/dev/null
go-site --repo "$store" -o "$out/site" --config "$here/site.json" --pages "$out/pages" 2>&1 &&
	echo "look at it:  python3 -m http.server -d $out/site  (then open http://127.0.0.1:8000/)"
echo
echo "Everything is under $out (the store: $store)."
