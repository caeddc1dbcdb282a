#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
#
# 回应关切 and 公众参与 (issue 13) against a real store written by go-publish:
# follow-ups, feedback and investigation results joined with --repo, and the
# pipeline go-cat | go-link-interp that finds what the store still owes.
. "${0%/*}/lib.sh"

S=$T/store
# problems FILE: "id code severity" for each problem, one a line.
problems() { jq -r '.id as $id | (.problems // [])[] | "\($id) \(.code) \(.severity)"' "$1"; }

R='"office":"法规科","attribute":"proactive","category":"result","date":"2026-03-02"'
D='"office":"法规科","attribute":"proactive","category":"decision","date":"2026-01-05","consultation":{"start":"2026-01-05","end":"2026-02-05","basis_published":true}'
F='"office":"法规科","attribute":"proactive","category":"decision","date":"2026-03-02"'
P='"opinions":{"received":12,"adopted":8,"not_adopted_reason":"4 条意见与上位法规定不符。"}'
Q='"concern":{"first_seen":"2026-03-02T09:00+08:00","level":"major-emergency","summary":"重大突发事件","source":"网络"}'
O='"concern":{"first_seen":"2026-03-02T09:00+08:00","level":"ordinary","summary":"网传执法不规范","source":"微博"}'

# --- the store: a decided draft, a major-emergency first response, an
# investigation under way, a feedback whose draft comes later, a policy.
cat >"$T/first.jsonl" <<EOF
{"id":"SFJ-2026-00400","kind":"decision-draft",$D,"title":"行政执法公示办法（征求意见稿）","decided":"2026-03-02","public_interest":true,"published":"2026-01-05"}
{"id":"SFJ-2026-00600","kind":"response",$R,"title":"重大突发事件权威信息","offices":["法规科","执法监督科"],"coordinated_by":"办公室","form":"statement",$Q,"published":"2026-03-02T13:00+08:00"}
{"id":"SFJ-2026-00620","kind":"response",$R,"title":"正在调查","offices":["法规科"],"form":"statement",$O,"published":"2026-03-02T15:00+08:00","investigation":true}
{"id":"SFJ-2026-00411","kind":"feedback",$F,"title":"法律援助办法意见采纳情况","responds_to":"SFJ-2026-00401",$P,"published":"2026-03-03"}
{"id":"SFJ-2026-00700","kind":"normative","office":"法规科","attribute":"proactive","category":"execution","date":"2026-03-02","title":"行政执法公示办法","no_interpretation_reason":"以答记者问解读"}
EOF
run go-publish --init --repo "$S" --today 2026-03-02 "$T/first.jsonl"
is "$status" 0 "go-publish takes responses, a decided draft and a feedback"
is "$(jq -r .publish.status "$T/out" | sort -u)" published "every record is published"
git --git-dir="$S" show main:docs/2026/03/SFJ-2026-00600/record.json >"$T/rec" 2>&1
is "$(jq -r .published "$T/rec")" 2026-03-02T13:00+08:00 "the store keeps published with its time"
is "$(git --git-dir="$S" fsck --strict 2>&1)" "" "git fsck --strict is clean"

# --- feedback in the store within grace days: the draft comes (again) later.
cat >"$T/draft.jsonl" <<EOF
{"id":"SFJ-2026-00401","kind":"decision-draft",$D,"title":"法律援助办法（征求意见稿）","decided":"2026-03-02","public_interest":true,"published":"2026-01-05"}
EOF
run go-link-interp --repo "$S" --today 2026-03-10 "$T/draft.jsonl"
is "$status" 0 "a decided draft whose feedback is in the store: exit 0"
is "$(problems "$T/out")" "" "no missing-feedback"
is "$(cat "$T/err")" "" "nothing on stderr"
run go-link-interp --today 2026-03-10 "$T/draft.jsonl"
is "$status" 1 "without the store: exit 1"
is "$(problems "$T/out")" "SFJ-2026-00401 missing-feedback error" "missing-feedback, an error for public_interest"
like "$(jq -r '.problems[0].message' "$T/out")" '输入中没有其公开的意见采纳情况.*第三十二条' "the message names the rule"

# --- feedback in the batch for a draft in the store: within grace days, late.
cat >"$T/feedback.jsonl" <<EOF
{"id":"SFJ-2026-00410","kind":"feedback",$F,"title":"公示办法意见采纳情况","responds_to":"SFJ-2026-00400",$P,"published":"2026-03-04"}
EOF
run go-link-interp --repo "$S" --today 2026-03-10 --grace-days 2 "$T/feedback.jsonl"
is "$status" 0 "feedback 2 working days after a stored decision, --grace-days 2: exit 0"
is "$(problems "$T/out")" "" "on time"
run go-link-interp --repo "$S" --today 2026-03-10 --grace-days 1 "$T/feedback.jsonl"
is "$status" 0 "--grace-days 1: a warning only, exit 0"
is "$(problems "$T/out")" "SFJ-2026-00410 late-feedback warning" "late-feedback"
like "$(jq -r '.problems[0].message' "$T/out")" '晚 2 个工作日，超过允许的 1 个工作日' "the message counts the working days"
run go-link-interp --today 2026-03-10 --grace-days 2 "$T/feedback.jsonl"
is "$(problems "$T/out")" "SFJ-2026-00410 orphan-feedback error" "without the store the draft is unknown: orphan-feedback"

# --- follow-ups of a stored response: a press conference without its own concern.
cat >"$T/press.jsonl" <<EOF
{"id":"SFJ-2026-00601","kind":"response",$R,"title":"新闻发布会","offices":["法规科"],"form":"press-conference","follows":"SFJ-2026-00600","published":"2026-03-03T09:01+08:00"}
EOF
run go-link-interp --repo "$S" --today 2026-03-10 "$T/press.jsonl"
is "$status" 0 "a late press conference is a warning: exit 0"
is "$(problems "$T/out")" "SFJ-2026-00601 late-press-conference warning" "late-press-conference, from the stored first response's concern"
like "$(jq -r '.problems[0].message' "$T/out")" '国办发〔2016〕61号.*已过 24 小时 1 分' "the message gives the time and the rule"
sed 's/09:01/09:00/' "$T/press.jsonl" >"$T/press-on-time.jsonl"
run go-link-interp --repo "$S" --today 2026-03-10 "$T/press-on-time.jsonl"
is "$(problems "$T/out")" "" "exactly 24 hours: on time"
run go-link-interp --today 2026-03-10 "$T/press.jsonl"
is "$status" 1 "without the store: exit 1"
is "$(problems "$T/out")" "SFJ-2026-00601 orphan-follow-up error" "orphan-follow-up"

# --- what the store still owes: go-cat | go-link-interp over the whole store.
go-cat --repo "$S" >"$T/all.jsonl"
run go-link-interp --repo "$S" --today 2026-04-01 --grace-days 2 "$T/all.jsonl"
is "$status" 1 "the whole store through the join: exit 1 (a missing feedback is an error)"
problems "$T/out" >"$T/owed"
cat >"$T/want" <<'EOF'
SFJ-2026-00400 missing-feedback error
SFJ-2026-00411 orphan-feedback error
SFJ-2026-00600 missing-press-conference warning
SFJ-2026-00620 missing-investigation-result warning
SFJ-2026-00700 missing-interpretation warning
EOF
same_file "$T/owed" "$T/want" "missing feedback, press conference, investigation result and interpretation are found"
is "$(wc -l <"$T/out" | tr -d ' ')" "$(wc -l <"$T/all.jsonl" | tr -d ' ')" "one output line per input line"

# --- publish what was owed, and the store is clean.
cat >"$T/second.jsonl" <<EOF
{"id":"SFJ-2026-00410","kind":"feedback",$F,"title":"公示办法意见采纳情况","responds_to":"SFJ-2026-00400",$P,"published":"2026-03-02"}
{"id":"SFJ-2026-00401","kind":"decision-draft",$D,"title":"法律援助办法（征求意见稿）","decided":"2026-03-02","public_interest":true,"published":"2026-01-05"}
{"id":"SFJ-2026-00601","kind":"response",$R,"title":"新闻发布会","offices":["法规科"],"form":"press-conference","follows":"SFJ-2026-00600","published":"2026-03-03T09:00+08:00"}
{"id":"SFJ-2026-00621","kind":"response",$R,"title":"调查处置结果","offices":["法规科"],"form":"statement","follows":"SFJ-2026-00620","published":"2026-03-30T10:00+08:00","result":"经调查，反映的问题属实，已责令整改。"}
{"id":"SFJ-2026-00701","kind":"response",$R,"title":"就公示办法答记者问","offices":["法规科"],"form":"media-interview","interprets":"SFJ-2026-00700",$O,"published":"2026-03-02T15:00+08:00"}
EOF
run go-link-interp --repo "$S" --today 2026-04-01 --grace-days 2 "$T/second.jsonl"
is "$status" 0 "the second batch against the store: exit 0"
is "$(problems "$T/out")" "" "no problems"
run go-publish --repo "$S" --today 2026-04-01 "$T/second.jsonl"
is "$status" 0 "and go-publish takes it"
go-cat --repo "$S" >"$T/all.jsonl"
run go-link-interp --repo "$S" --today 2026-04-01 --grace-days 2 "$T/all.jsonl"
is "$status" 0 "the whole store through the join: exit 0"
is "$(problems "$T/out")" "" "nothing is owed any more"
is "$(jq -c 'select(.id == "SFJ-2026-00700") | .interpretations' "$T/out")" '["SFJ-2026-00701"]' \
	"a response that interprets a policy counts as its interpretation"
go-link-interp --today 2026-04-01 --grace-days 2 "$T/all.jsonl" >"$T/stream" 2>/dev/null
same_file "$T/stream" "$T/out" "the whole store in the stream alone gives the same result"

# --- --investigation-days is a number.
run go-link-interp --investigation-days x "$T/all.jsonl"
is "$status" 2 "--investigation-days x: exit 2"
like "$(cat "$T/err")" '^go-link-interp: .*--investigation-days' "and says which option"
# go-publish counts a response that interprets a policy as its interpretation
# (item 4): a policy with no other interpretation and no reason is published
# with it, in the same batch.
cat >"$T/answered.jsonl" <<EOF
{"id":"SFJ-2026-00800","kind":"normative","office":"法规科","attribute":"proactive","category":"execution","date":"2026-03-02","title":"行政执法公示办法（修订）","published":"2026-03-02"}
{"id":"SFJ-2026-00801","kind":"response",$R,"title":"就修订答记者问","offices":["法规科"],"form":"media-interview","interprets":"SFJ-2026-00800",$O,"published":"2026-03-02T15:00+08:00"}
EOF
run go-publish --init --repo "$T/answered" --today 2026-03-02 "$T/answered.jsonl"
is "$status" 0 "go-publish: a policy whose interpretation is a response: exit 0"
is "$(jq -r '.publish.status' "$T/out" | tr '\n' ' ')" "published published " "both are published"
is "$(git -C "$T/answered" show main:docs/2026/03/SFJ-2026-00800/record.json | jq -c .interpretations)" '["SFJ-2026-00801"]' \
	"the stored policy lists the response as its interpretation"

finish
