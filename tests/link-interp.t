#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-link-interp: rule 7 against a real git store, the line-count contract,
# and the spool (order kept, big records, over-long lines, a missing TMPDIR).
. "${0%/*}/lib.sh"

# mkstore REPO < records.jsonl: a bare repository whose main holds each record
# as docs/<YYYY>/<id, / as ~>/record.json, written with git plumbing only
# (one git fast-import).
mkstore() {
	git init -q --bare "$1" || return
	jq -r -s '"commit refs/heads/main", "committer Test <t@example> 1772409600 +0000",
		"data 7", "publish",
		(.[] | (. | tojson) as $t |
			"M 100644 inline docs/\(.date[0:4])/\(.id | gsub("/"; "~"))/record.json",
			"data \(($t | utf8bytelength) + 1)", $t), ""' |
		git --git-dir="$1" fast-import --quiet
}

# problems FILE: "id code severity" for each problem, one a line.
problems() { jq -r '.id as $id | (.problems // [])[] | "\($id) \(.code) \(.severity)"' "$1"; }

# --- the store: a policy published on Monday 2026-03-02 with one interpretation,
# a withheld policy (metadata only, as go-publish registers it), a plain notice.
mkstore "$T/store" <<'EOF'
{"id":"SFJ-2026-00100","kind":"normative","office":"法规科","attribute":"proactive","category":"execution","title":"行政执法公示办法","date":"2026-02-27","published":"2026-03-02","interpretations":["SFJ-2026-00101"]}
{"id":"SFJ-2026-00101","kind":"interpretation","interprets":"SFJ-2026-00100","office":"法规科","attribute":"proactive","category":"execution","title":"一图读懂","date":"2026-02-27","published":"2026-03-02"}
{"id":"SFJ-2026-00200","kind":"policy","office":"法规科","attribute":"withheld","reason":"内部管理","basis":["ogi-16-internal"],"date":"2026-02-27"}
{"id":"000014349/2026-00300","kind":"notice","office":"办公室","attribute":"proactive","title":"通知","date":"2026-02-27","published":"2026-03-02"}
EOF
ok $? "a store built with git plumbing"
git --git-dir="$T/store" ls-tree -r --name-only main >"$T/paths"
is "$(wc -l <"$T/paths" | tr -d ' ')" 4 "the store holds four documents"

# An interpretation arriving on Tuesday 2026-03-10: 6 working days after its policy.
cat >"$T/late.jsonl" <<'EOF'
{"id":"SFJ-2026-00102","kind":"interpretation","interprets":"SFJ-2026-00100","office":"法规科","attribute":"proactive","title":"政策问答","date":"2026-03-09"}
EOF
run go-link-interp --repo "$T/store" --today 2026-03-10 "$T/late.jsonl"
is "$status" 0 "late interpretation: a warning, exit 0"
cat >"$T/want" <<'EOF'
{"id":"SFJ-2026-00102","kind":"interpretation","interprets":"SFJ-2026-00100","office":"法规科","attribute":"proactive","title":"政策问答","date":"2026-03-09","problems":[{"code":"interpretation-late","severity":"warning","tool":"go-link-interp","field":"published","message":"解读 2026-03-10 发布，比政策 SFJ-2026-00100（2026-03-02 发布）晚 6 个工作日，超过允许的 0 个工作日（解读与政策同步发布）。"}]}
EOF
same_file "$T/out" "$T/want" "late interpretation of a stored policy: the exact record"
is "$(cat "$T/err")" "" "late interpretation: nothing on stderr"

run go-link-interp --repo "$T/store" --today 2026-03-10 --grace-days 6 "$T/late.jsonl"
is "$status" 0 "--grace-days 6: exit 0"
same_file "$T/out" "$T/late.jsonl" "--grace-days 6: within the grace, the record is unchanged"
run go-link-interp --repo "$T/store" --today 2026-03-10 --grace-days 5 "$T/late.jsonl"
is "$(problems "$T/out")" "SFJ-2026-00102 interpretation-late warning" "--grace-days 5: still late"
# 2026-03-02 is the policy's day: the same day is never late.
run go-link-interp --repo "$T/store" --today 2026-03-02 "$T/late.jsonl"
same_file "$T/out" "$T/late.jsonl" "published the policy's day: not late"

# GO_STORE is the default store; without a store the same record is an orphan.
GO_STORE=$T/store go-link-interp --today 2026-03-10 --grace-days 6 "$T/late.jsonl" >"$T/out" 2>"$T/err"
is "$?" 0 "GO_STORE names the default store"
same_file "$T/out" "$T/late.jsonl" "GO_STORE: the same result as --repo"
run go-link-interp --today 2026-03-10 "$T/late.jsonl"
is "$status" 1 "no store: exit 1"
is "$(problems "$T/out")" "SFJ-2026-00102 orphan-interpretation error" "no store: the policy is not found"
like "$(jq -r '.problems[0].message' "$T/out")" 'SFJ-2026-00100 在输入中不存在' "no store: the message names the policy"

# The stored policy comes again (re-published) with a new interpretation:
# its list has the stored interpretation first, then the new one.
cat >"$T/again.jsonl" <<'EOF'
{"id":"SFJ-2026-00103","kind":"interpretation","interprets":"SFJ-2026-00100","office":"法规科","attribute":"proactive","title":"答记者问","date":"2026-03-09"}
{"id":"SFJ-2026-00100","kind":"normative","office":"法规科","attribute":"proactive","category":"execution","title":"行政执法公示办法","date":"2026-02-27","published":"2026-03-02"}
EOF
run go-link-interp --repo "$T/store" --today 2026-03-02 "$T/again.jsonl"
is "$status" 0 "re-published policy: exit 0"
is "$(cat "$T/err")" "" "re-published policy: nothing on stderr"
is "$(problems "$T/out")" "" "re-published policy: no problem"
is "$(jq -c '.interpretations' "$T/out" | tail -1)" '["SFJ-2026-00101","SFJ-2026-00103"]' \
	"stored interpretations first, then the input's"

# A batch record supersedes the stored document of its id: the policy is now withheld.
cat >"$T/shadow.jsonl" <<'EOF'
{"id":"SFJ-2026-00100","kind":"normative","office":"法规科","attribute":"withheld","reason":"内部管理","basis":["ogi-16-internal"],"date":"2026-02-27"}
{"id":"SFJ-2026-00104","kind":"interpretation","interprets":"SFJ-2026-00100","office":"法规科","attribute":"proactive","title":"解读","date":"2026-03-09"}
EOF
run go-link-interp --repo "$T/store" --today 2026-03-02 "$T/shadow.jsonl"
is "$status" 1 "superseded policy: exit 1"
is "$(cat "$T/err")" "" "superseded policy: nothing on stderr"
is "$(problems "$T/out")" "SFJ-2026-00104 interpretation-not-public error" \
	"the input's version of the policy (withheld) counts, not the store's"

# An interpretation of the withheld policy in the store, and one from another office.
cat >"$T/withheld.jsonl" <<'EOF'
{"id":"SFJ-2026-00201","kind":"interpretation","interprets":"SFJ-2026-00200","office":"法规科","attribute":"proactive","title":"解读","date":"2026-03-09"}
{"id":"SFJ-2026-00105","kind":"interpretation","interprets":"SFJ-2026-00100","office":"办公室","attribute":"proactive","title":"解读","date":"2026-03-09"}
{"id":"SFJ-2026-00106","kind":"interpretation","interprets":"000014349/2026-00300","office":"办公室","attribute":"proactive","title":"解读","date":"2026-03-09"}
EOF
run go-link-interp --repo "$T/store" --today 2026-03-02 "$T/withheld.jsonl"
is "$status" 1 "withheld policy: exit 1"
is "$(cat "$T/err")" "" "withheld policy: nothing on stderr"
is "$(problems "$T/out")" "SFJ-2026-00201 interpretation-not-public error
SFJ-2026-00105 interpretation-office-mismatch error
SFJ-2026-00106 orphan-interpretation error" "withheld policy, other office, a notice: one problem each"
like "$(jq -r 'select(.id == "SFJ-2026-00201") | .problems[0].message' "$T/out")" \
	'SFJ-2026-00200 为不予公开' "the message names the withheld policy"
like "$(jq -r 'select(.id == "SFJ-2026-00105") | .problems[0].message' "$T/out")" \
	'“办公室”与政策 SFJ-2026-00100 的起草科室“法规科”' "the message names both offices and the policy"

# Ids that differ only in case are distinct: no link, in the store either.
printf '%s\n' '{"id":"SFJ-2026-00107","kind":"interpretation","interprets":"sfj-2026-00100","office":"法规科","attribute":"proactive","title":"解读","date":"2026-03-09"}' >"$T/case.jsonl"
run go-link-interp --repo "$T/store" --today 2026-03-02 "$T/case.jsonl"
is "$status" 1 "case: exit 1"
is "$(cat "$T/err")" "" "case: nothing on stderr"
is "$(jq -r '.problems[0].message' "$T/out")" \
	"所解读的政策 sfj-2026-00100 在输入和文档库中不存在（SFJ-2026-00100 仅大小写不同；索引号区分大小写）。" \
	"case: an orphan, with the near miss named"

# A store without main yet is an empty store.
git init -q --bare "$T/empty"
run go-link-interp --repo "$T/empty" --today 2026-03-02 "$T/late.jsonl"
is "$(problems "$T/out")" "SFJ-2026-00102 orphan-interpretation error" "an empty store: orphan"
like "$(jq -r '.problems[0].message' "$T/out")" '输入和文档库' "an empty store: the message says the store was searched"

run go-link-interp --repo "$T/nowhere" "$T/late.jsonl"
is "$status" 2 "a missing store: exit 2"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "a missing store: nothing on stdout"
like "$(cat "$T/err")" "^go-link-interp: $T/nowhere: " "a missing store: prog: DIR: message"

# --- the line-count contract, over every fixture input of the project.
n=0 bad=
for in in "$TESTS"/cases/*/*/in.jsonl "$TESTS"/data/*.jsonl; do
	[ -f "$in" ] || continue
	n=$((n + 1))
	go-link-interp --today 2026-03-10 "$in" >"$T/out" 2>/dev/null
	[ $? -le 1 ] && [ "$(wc -l <"$in")" -eq "$(wc -l <"$T/out")" ] || bad="$bad $in"
done
is "$bad" "" "one output line per input line, on all $n fixture inputs"
run go-link-interp --today 2026-03-10 "$TESTS/data/mixed.jsonl"
is "$(wc -l <"$T/out" | tr -d ' ')" "$(wc -l <"$TESTS/data/mixed.jsonl" | tr -d ' ')" \
	"tests/data/mixed.jsonl: as many lines out as in"
is "$(jq -r 'if .invalid_line or .invalid_line_base64 then .at else empty end' "$T/out" | sed 's/.*://' | tr '\n' ' ')" \
	"$(sed 's/^go-link-interp: .*mixed.jsonl:\([0-9]*\): .*/\1/' "$T/err" | tr '\n' ' ')" \
	"tests/data/mixed.jsonl: each invalid line in its place, and named on stderr"
like "$(cat "$T/err")" "mixed.jsonl:[0-9]+: " "tests/data/mixed.jsonl: it has invalid lines"

# Running the filter twice gives what running it once does (its own problems
# are replaced, not added again), on every fixture case of go-link-interp.
bad=
for dir in "$TESTS"/cases/go-link-interp/*/; do
	[ -f "$dir/out.jsonl" ] || continue
	(cd "$dir" && sh ./cmd <out.jsonl 2>/dev/null) | cmp -s - "$dir/out.jsonl" || bad="$bad $dir"
done
is "$bad" "" "idempotent on every fixture case"

# Invalid lines of every sort, around records rule 7 concerns.
{
	printf '%s\n' '{"id":"SFJ-2026-00400","kind":"policy","office":"法规科","attribute":"proactive","title":"t","date":"2026-03-02"}'
	printf '%s\n' 'not json'
	printf '\377\376 not utf-8\n'
	printf '{"a":"nul\000here"}\n'
	printf '%s\n' '["array"]'
	printf '%s\n' '{"id":"SFJ-2026-00401","kind":"interpretation","interprets":"SFJ-2026-00400","office":"法规科","attribute":"proactive","title":"t"}'
	printf '%s\n' '{"id":"x","id":"x"}'
	printf '%s\n' ''
	printf '%s' '{"id":"SFJ-2026-00402","kind":"notice","title":"no newline at the end"}'
} >"$T/invalid.jsonl"
run go-link-interp --today 2026-03-10 "$T/invalid.jsonl"
is "$status" 1 "invalid lines: exit 1"
is "$(wc -l <"$T/out" | tr -d ' ')" 9 "invalid lines: 9 lines in, 9 out"
is "$(jq -r 'if .invalid_line or .invalid_line_base64 then "invalid" else .id end' "$T/out" | tr '\n' ' ')" \
	"SFJ-2026-00400 invalid invalid invalid invalid SFJ-2026-00401 invalid invalid SFJ-2026-00402 " \
	"invalid lines: each in its place"
is "$(jq -c '.interpretations // empty' "$T/out")" '["SFJ-2026-00401"]' "invalid lines: the policy still linked"
is "$(jq -r 'select(.invalid_line_base64) | .invalid_line_base64' "$T/out" | head -1 | base64 -d | od -An -c | tr -s ' ')" \
	"$(printf '\377\376 not utf-8' | od -An -c | tr -s ' ')" "invalid UTF-8 kept byte for byte"
is "$(grep -c '^go-link-interp: .*invalid.jsonl:[0-9]*: ' "$T/err")" 6 "invalid lines: one message each on stderr"

# Invalid records from an earlier filter pass on untouched.
grep invalid_line "$T/out" >"$T/upstream.jsonl"
run go-link-interp --today 2026-03-10 "$T/upstream.jsonl"
same_file "$T/out" "$T/upstream.jsonl" "earlier filters' invalid records: byte for byte"
is "$(cat "$T/err")" "" "earlier filters' invalid records: nothing on stderr"

# An over-long line (GO_MAX_LINE) goes through the spool whole.
{
	printf '%s\n' '{"id":"SFJ-2026-00500","kind":"rule","office":"法规科","attribute":"proactive","no_interpretation_reason":"r","title":"t"}'
	printf '{"id":"SFJ-2026-00501","kind":"notice","body":"%s"}\n' "$(head -c 3000 /dev/zero | tr '\0' x)"
	printf '%s\n' '{"id":"SFJ-2026-00502","kind":"notice"}'
} >"$T/long.jsonl"
GO_MAX_LINE=1000 go-link-interp --today 2026-03-10 "$T/long.jsonl" >"$T/out" 2>"$T/err"
is "$?" 1 "over-long line: exit 1"
is "$(wc -l <"$T/out" | tr -d ' ')" 3 "over-long line: 3 lines out"
sed -n 2p "$T/long.jsonl" | head -c -1 >"$T/line2"
sed -n 2p "$T/out" | jq -r .invalid_line_base64 | base64 -d >"$T/got2"
same_file "$T/got2" "$T/line2" "over-long line: every byte kept (base64)"
is "$(sed -n 3p "$T/out")" '{"id":"SFJ-2026-00502","kind":"notice"}' "over-long line: the next record follows"

# --- order and content kept over a stream that spans many spool chunks, with
# bodies from a few bytes to 300 KB: removing what go-link-interp adds gives the input.
awk 'BEGIN {
	big = "ab";
	while (length(big) < 300000)
		big = big big;
	for (i = 1; i <= 3000; i++) {
		body = "正文：" substr(big, 1, (i % 97 == 0) ? 300000 : (i * 37) % 3000);
		if (i % 3 == 0)
			printf "{\"id\":\"P-%d\",\"kind\":\"policy\",\"office\":\"o%d\",\"attribute\":\"proactive\",\"body\":\"%s\"}\n", i, i % 5, body;
		else if (i % 3 == 1)
			printf "{\"id\":\"I-%d\",\"kind\":\"interpretation\",\"interprets\":\"P-%d\",\"office\":\"o%d\",\"attribute\":\"proactive\",\"body\":\"%s\"}\n", i, i + 2, (i + 2) % 5, body;
		else
			printf "{\"id\":\"N-%d\",\"kind\":\"notice\",\"body\":\"%s\"}\n", i, body;
	}
}' >"$T/big.jsonl"
run go-link-interp --today 2026-03-10 "$T/big.jsonl"
is "$status" 0 "3000 records: exit 0 (each policy has its interpretation)"
jq -c 'del(.interpretations)' "$T/out" >"$T/stripped"
jq -c . "$T/big.jsonl" >"$T/big.c"
same_file "$T/stripped" "$T/big.c" "3000 records: order and content kept"
is "$(jq -r 'select(.interpretations) | "\(.id) \(.interpretations | join(","))"' "$T/out" | sed -n '1p;1000p')" \
	"P-3 I-1
P-3000 I-2998" "3000 records: each policy names its interpretation"

# The spool lives in $TMPDIR; when it cannot be made, say so and stop.
TMPDIR=$T/no-such-dir go-link-interp --today 2026-03-10 "$T/late.jsonl" >"$T/out" 2>"$T/err"
is "$?" 2 "no temporary file: exit 2"
like "$(cat "$T/err")" "^go-link-interp: $T/no-such-dir/go-link-interp\.[A-Za-z0-9]{6}: No such file" \
	"no temporary file: the path and the reason"

# --- issue 18: --repo looks up by id what the input names; --all reads every
# document on main first (the old behaviour). Both give the same output.
# both NAME ARGS...: run both modes, compare stdout, stderr and status; with
# strip=1, stdout without the policies' lists (findings only).
strip=
both() {
	_name=$1
	shift
	go-link-interp --all "$@" >"$T/all.out" 2>"$T/all.err"
	_all=$?
	go-link-interp "$@" >"$T/id.out" 2>"$T/id.err"
	_id=$?
	if [ -n "$strip" ] && ! cmp -s "$T/all.out" "$T/id.out"; then
		jq -c 'del(.interpretations?)' "$T/all.out" >"$T/all.s" 2>&1
		jq -c 'del(.interpretations?)' "$T/id.out" >"$T/id.s" 2>&1
		mv "$T/all.s" "$T/all.out" && mv "$T/id.s" "$T/id.out"
	fi
	cmp -s "$T/all.out" "$T/id.out" && cmp -s "$T/all.err" "$T/id.err" && [ "$_all" = "$_id" ] ||
		bad="$bad $_name"
}
bad=
for f in late again shadow withheld case; do
	both "$f" --repo "$T/store" --today 2026-03-10 "$T/$f.jsonl"
	both "$f-grace" --repo "$T/store" --today 2026-03-02 --grace-days 6 "$T/$f.jsonl"
done
is "$bad" "" "by id and --all: the same stdout, stderr and status on the store's cases"

# Every fixture case of go-link-interp split in two: each other record is
# stored, the rest is the input, and the other way round: both modes agree.
bad= n=0
for dir in "$TESTS"/cases/go-link-interp/*/; do
	[ -f "$dir/in.jsonl" ] || continue
	name=$(basename "$dir")
	args=$(sed -n 's/^go-link-interp//p' "$dir/cmd" | head -1)
	for half in 0 1; do
		awk -v h=$half 'NR % 2 == h' "$dir/in.jsonl" | jq -R -c 'fromjson? |
			select(type == "object" and (.id | type) == "string" and
			(.date | type) == "string" and (.date | test("^[0-9]{4}-")))' >"$T/half-store"
		awk -v h=$half 'NR % 2 != h' "$dir/in.jsonl" >"$T/half-in"
		# shellcheck disable=SC2086
		rm -rf "$T/split" && mkstore "$T/split" <"$T/half-store" &&
			{ strip=1; both "$name-$half" --repo "$T/split" $args "$T/half-in"; strip=; } ||
			bad="$bad $name-mkstore"
		# As go-publish leaves a store: no interpretation without its policy,
		# each policy listing its interpretations.
		jq -s -c 'map(.id) as $ids | map(select((.interprets | type) != "string" or
			(.interprets | IN($ids[])))) | . as $all | map(.id as $id |
			[$all[] | select(.interprets == $id) | .id] as $l |
			if $l == [] then . else .interpretations = $l end) | .[]' \
			"$T/half-store" >"$T/half-kept"
		# shellcheck disable=SC2086
		rm -rf "$T/split" && mkstore "$T/split" <"$T/half-kept" &&
			both "$name-$half-kept" --repo "$T/split" $args "$T/half-in" ||
			bad="$bad $name-mkstore"
		n=$((n + 1))
	done
done
is "$bad" "" "by id and --all: the same findings on all $n halves of the fixture cases, the same output where the store lists its interpretations"

# A store with one unreadable record.json beside the documents: by id, only what
# the input names is read, so a clean input passes; --all reads it, and fails.
mkstore "$T/broken" <<'EOF2'
{"id":"SFJ-2026-00100","kind":"normative","office":"法规科","attribute":"proactive","category":"execution","title":"行政执法公示办法","date":"2026-02-27","published":"2026-03-02","interpretations":["SFJ-2026-00101"]}
{"id":"SFJ-2026-00101","kind":"interpretation","interprets":"SFJ-2026-00100","office":"法规科","attribute":"proactive","category":"execution","title":"一图读懂","date":"2026-02-27","published":"2026-03-02"}
{"id":"SFJ-2026-00900","kind":"notice","office":"办公室","attribute":"proactive","title":"通知","date":"2026-02-27"}
EOF2
blob=$(printf '{"id": "SFJ-2026-00900", not json\n' | git --git-dir="$T/broken" hash-object -w --stdin)
git --git-dir="$T/broken" read-tree main &&
	GIT_INDEX_FILE=$T/bindex git --git-dir="$T/broken" read-tree main &&
	GIT_INDEX_FILE=$T/bindex git --git-dir="$T/broken" update-index --cacheinfo \
		"100644,$blob,docs/2026/SFJ-2026-00900/record.json" &&
	tree=$(GIT_INDEX_FILE=$T/bindex git --git-dir="$T/broken" write-tree) &&
	git --git-dir="$T/broken" update-ref refs/heads/main \
		"$(git --git-dir="$T/broken" commit-tree -p main -m corrupt "$tree")"
ok $? "a store with a corrupt unrelated record.json"
run go-link-interp --repo "$T/broken" --today 2026-03-02 "$T/again.jsonl"
is "$status" 0 "by id, corrupt unrelated record: exit 0"
is "$(cat "$T/err")" "" "by id, corrupt unrelated record: nothing on stderr"
is "$(jq -c '.interpretations // empty' "$T/out")" '["SFJ-2026-00101","SFJ-2026-00103"]' \
	"by id: the stored interpretation the policy lists, then the input's"
is "$(problems "$T/out")" "" "by id, corrupt unrelated record: no problem"
run go-link-interp --repo "$T/broken" --all --today 2026-03-02 "$T/again.jsonl"
is "$status" 2 "--all, corrupt unrelated record: exit 2"
like "$(cat "$T/err")" "^go-link-interp: .*SFJ-2026-00900" "--all: the unreadable document named on stderr"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "--all, corrupt unrelated record: nothing on stdout"
# A finding that rests on an absence (an orphan) is confirmed against the
# whole store, which here cannot be read: exit 2, never a wrong finding.
run go-link-interp --repo "$T/broken" --today 2026-03-02 "$T/case.jsonl"
is "$status" 2 "by id, an orphan: the whole store is read to confirm it (exit 2 here)"
like "$(cat "$T/err")" "^go-link-interp: .*SFJ-2026-00900" "by id, an orphan: the unreadable document named"

# A stored interpretation that its policy does not list (committed without
# go-publish): the policy in the input would lack one, so the whole store is
# read, and it is found, as --all finds it.
mkstore "$T/unlisted" <<'EOF2'
{"id":"SFJ-2026-00100","kind":"normative","office":"法规科","attribute":"proactive","category":"execution","title":"行政执法公示办法","date":"2026-02-27","published":"2026-03-02"}
{"id":"SFJ-2026-00101","kind":"interpretation","interprets":"SFJ-2026-00100","office":"法规科","attribute":"proactive","category":"execution","title":"一图读懂","date":"2026-02-27","published":"2026-03-02"}
EOF2
sed -n 2p "$T/again.jsonl" >"$T/policy.jsonl"
run go-link-interp --repo "$T/unlisted" --today 2026-03-02 "$T/policy.jsonl"
is "$status" 0 "unlisted stored interpretation: exit 0"
is "$(jq -c .interpretations "$T/out")" '["SFJ-2026-00101"]' "unlisted stored interpretation: found"
bad=
both unlisted --repo "$T/unlisted" --today 2026-03-02 "$T/policy.jsonl"
is "$bad" "" "unlisted stored interpretation: the same as --all"

# go-cat --changed/--staged report a removed document with store.deleted: true
# (issue 18 item 2). Its removal is what is checked: a proactive policy left
# without its last interpretation, interpretations left naming no policy.
# Both modes agree.
di='{"id":"SFJ-2026-00101","kind":"interpretation","interprets":"SFJ-2026-00100","office":"法规科","attribute":"proactive","category":"execution","title":"一图读懂","date":"2026-02-27","published":"2026-03-02","store":{"path":"docs/2026/SFJ-2026-00101","deleted":true}}'
dp='{"id":"SFJ-2026-00100","kind":"normative","office":"法规科","attribute":"proactive","category":"execution","title":"行政执法公示办法","date":"2026-02-27","published":"2026-03-02","interpretations":["SFJ-2026-00101"],"store":{"path":"docs/2026/SFJ-2026-00100","deleted":true}}'
printf '%s\n' "$di" >"$T/del-i.jsonl"
run go-link-interp --repo "$T/store" --today 2026-03-02 "$T/del-i.jsonl"
is "$status" 1 "a removed interpretation, its policy left with none: exit 1"
is "$(problems "$T/out")" "SFJ-2026-00101 missing-interpretation error" \
	"a removed interpretation: missing-interpretation on the removal"
like "$(jq -r '.problems[0].message' "$T/out")" '删除解读 SFJ-2026-00101 后，主动公开的政策文件 SFJ-2026-00100' \
	"a removed interpretation: the message names both"
is "$(jq -c 'del(.problems)' "$T/out")" "$(printf '%s' "$di" | jq -c .)" "a removed interpretation: the record otherwise as it came"
printf '%s\n' "$di" '{"id":"SFJ-2026-00108","kind":"interpretation","interprets":"SFJ-2026-00100","office":"法规科","attribute":"proactive","title":"新解读","date":"2026-03-02"}' >"$T/del-i2.jsonl"
run go-link-interp --repo "$T/store" --today 2026-03-02 "$T/del-i2.jsonl"
is "$status:$(problems "$T/out")" "0:" "a removed interpretation replaced by another: exit 0, no problem"
printf '%s\n' "$dp" >"$T/del-p.jsonl"
run go-link-interp --repo "$T/store" --today 2026-03-02 "$T/del-p.jsonl"
is "$status:$(problems "$T/out")" "1:SFJ-2026-00100 orphan-interpretation error" \
	"a removed policy with a stored interpretation: orphan-interpretation on the removal"
is "$(jq -c '.interpretations' "$T/out")" '["SFJ-2026-00101"]' "a removed policy: no list set by the join"
printf '%s\n' "$dp" "$di" >"$T/del-both.jsonl"
run go-link-interp --repo "$T/store" --today 2026-03-02 "$T/del-both.jsonl"
is "$status:$(problems "$T/out")" "0:" "a policy removed with its interpretation: exit 0, no problem"
printf '%s\n' "$dp" '{"id":"SFJ-2026-00109","kind":"interpretation","interprets":"SFJ-2026-00100","office":"法规科","attribute":"proactive","title":"解读","date":"2026-03-02"}' >"$T/del-p2.jsonl"
run go-link-interp --repo "$T/store" --today 2026-03-02 "$T/del-p2.jsonl"
is "$(problems "$T/out")" "SFJ-2026-00100 orphan-interpretation error
SFJ-2026-00100 orphan-interpretation error
SFJ-2026-00109 orphan-interpretation error" "an interpretation of a policy the change removes is an orphan"
bad=
for f in del-i del-i2 del-p del-both del-p2; do
	both "$f" --repo "$T/store" --today 2026-03-02 "$T/$f.jsonl"
done
is "$bad" "" "removed documents: by id and --all the same"

# --all needs a store.
run go-link-interp --all --today 2026-03-02 "$T/late.jsonl"
is "$status" 2 "--all without a store: exit 2"
is "$(head -1 "$T/err")" "go-link-interp: --all: no store to audit (--repo DIR or \$GO_STORE)" \
	"--all without a store: says why"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "--all without a store: nothing on stdout"

# --- the command line.
run go-link-interp --help
is "$status" 0 "--help: exit 0"
like "$(head -1 "$T/out")" '^usage: go-link-interp \[--repo DIR' "--help: usage on stdout"
run go-link-interp --version
like "$(cat "$T/out")" '^go-link-interp \(go-tools\) [0-9]' "--version"
run go-link-interp --grace-days x "$T/late.jsonl"
is "$status" 2 "--grace-days x: exit 2"
is "$(head -1 "$T/err")" "go-link-interp: --grace-days: 'x' is not a whole number from 0 to 3650" \
	"--grace-days x: the option, the value and the range"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "--grace-days x: nothing on stdout"
run go-link-interp --today 2026-02-30 "$T/late.jsonl"
is "$status" 2 "--today 2026-02-30: exit 2"
is "$(cat "$T/err")" "go-link-interp: --today: '2026-02-30' is not a date (YYYY-MM-DD)" \
	"--today 2026-02-30: the option and the value"
run go-link-interp "$T/no-such-file.jsonl" "$T/late.jsonl"
is "$status" 2 "an unreadable file: exit 2"
is "$(cat "$T/err")" "go-link-interp: $T/no-such-file.jsonl: No such file or directory" \
	"an unreadable file: the path and the reason"
is "$(wc -l <"$T/out" | tr -d ' ')" 1 "an unreadable file: the other files still go through"
finish
