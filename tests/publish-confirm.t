#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-publish: a machine suggestion is not a decision (issue 10 §1). A proactive
# attribute a rule set is published only when the record confirms it
# (attribute_confirmed) or the run does (--accept-classified NAME, a commit trailer).
. "${0%/*}/lib.sh"
S=$T/store.git
pub() { run go-publish --init --repo "$S" --today 2026-03-10 "$@"; }
field() { sed -n "${1}p" "$T/out" | jq -r ".publish.$2"; }

cat >"$T/docs.jsonl" <<'DOCS'
{"id":"SFJ-2026-101","title":"关于开展普法宣传的通知","office":"办公室","kind":"notice","date":"2026-03-02","body":"正文"}
{"id":"SFJ-2026-102","title":"关于张某同志任职的通知","office":"政治处","kind":"notice","date":"2026-03-02","body":"人事正文"}
{"id":"SFJ-2026-103","title":"法律援助办事指南","office":"法律援助中心","kind":"guide","date":"2026-03-02","body":"指南"}
DOCS
go-classify "$T/docs.jsonl" >"$T/classified.jsonl" 2>/dev/null
is "$(jq -r .attribute "$T/classified.jsonl" | tr '\n' ' ')" "proactive withheld proactive " "the rules suggest proactive, withheld, proactive"

# The README pipeline, unconfirmed: the proactive suggestions are refused.
pub "$T/classified.jsonl"
is "$status" 1 "rule-set proactive attributes, unconfirmed: exit 1"
is "$(field 1 status) $(field 3 status)" "refused refused" "both proactive suggestions are refused"
is "$(field 1 reason)" "未通过检查：unconfirmed-attribute" "the reason names the code"
is "$(sed -n 1p "$T/out" | jq -r '.problems[] | select(.code == "unconfirmed-attribute") | .severity + " " + .field')" "error attribute" \
	"the record carries an unconfirmed-attribute error"
like "$(sed -n 1p "$T/out" | jq -r '.problems[] | select(.code == "unconfirmed-attribute") | .message')" 'default:[0-9]+.*attribute_confirmed.*--accept-classified' \
	"the message names the rule and both ways to confirm"
is "$(field 2 status)" published "a withheld suggestion needs no confirmation"
# (Only the withheld record was published: public may not exist yet, which is nothing too.)
is "$(git -C "$S" ls-tree -r --name-only public 2>/dev/null | grep -c 'SFJ-2026-10[13]')" 0 "nothing unconfirmed reached public"

# Confirmed in the record: published, no trailer.
jq -c 'if .id == "SFJ-2026-101" then . + {"attribute_confirmed": {"by": "办公室 王某", "date": "2026-03-09"}} else . end' \
	"$T/classified.jsonl" >"$T/confirmed.jsonl"
pub "$T/confirmed.jsonl"
is "$(field 1 status) $(field 3 status)" "published refused" "attribute_confirmed confirms that record only"
ok "$(git -C "$S" cat-file -p main:docs/2026/03/SFJ-2026-101/record.json | jq -e '.attribute_confirmed.by == "办公室 王某"' >/dev/null; echo $?)" \
	"the confirmation is kept in the register's record.json"
ok "$(git -C "$S" cat-file -p public:docs/2026/03/SFJ-2026-101/record.json | jq -e 'has("attribute_confirmed") or has("classified_by") | not' >/dev/null; echo $?)" \
	"  and is not on public (an internal field, issue 17)"
is "$(git -C "$S" log -1 --format=%B main | grep -c '^Classified-by:')" 0 "no trailer without --accept-classified"

# A confirmation without by or date confirms nothing.
for c in '{}' '{"by":"无","date":"2026-03-09"}' '{"by":"王某","date":"2026-02-30"}' '"yes"'; do
	jq -c "select(.id == \"SFJ-2026-103\") + {\"attribute_confirmed\": $c}" "$T/classified.jsonl" >"$T/bad.jsonl"
	pub "$T/bad.jsonl"
	is "$(field 1 status) $(field 1 reason)" "refused 未通过检查：unconfirmed-attribute" "attribute_confirmed $c is no confirmation"
done

# --accept-classified NAME: published, and the commit says who accepted.
pub --accept-classified '李四' "$T/classified.jsonl"
is "$status" 0 "--accept-classified: exit 0"
is "$(field 3 status)" published "the suggestion is published on the run's word"
is "$(git -C "$S" log -1 --format='%(trailers:key=Classified-by,valueonly)' main | sed '/^$/d')" "rules (accepted by 李四)" \
	"the register's commit records Classified-by: rules (accepted by NAME) as a git trailer"
is "$(git -C "$S" log -1 --format='%(trailers:key=Classified-by,valueonly)' public | sed '/^$/d')" "rules (accepted by 李四)" "and so does the public view's"
git -C "$S" fsck --strict >/dev/null 2>&1
ok $? "git fsck --strict"

# A record set by hand (no classified_by.attribute) needs no confirmation.
printf '%s\n' '{"id":"SFJ-2026-104","title":"通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","body":"x"}' >"$T/hand.jsonl"
pub "$T/hand.jsonl"
is "$(field 1 status)" published "an attribute decided by the office publishes as before"

# An unconfirmed interpretation is refused before rule 7: its policy is then
# refused too (missing-interpretation), not published without it.
cat >"$T/policy.jsonl" <<'DOCS'
{"id":"SFJ-2026-201","title":"关于某政策的实施意见","office":"法规科","kind":"policy","date":"2026-03-02","attribute":"proactive","category":"decision","body":"政策"}
{"id":"SFJ-2026-201-JD","title":"解读","office":"法规科","kind":"interpretation","interprets":"SFJ-2026-201","date":"2026-03-02","body":"解读"}
DOCS
go-classify "$T/policy.jsonl" 2>/dev/null >"$T/policy-c.jsonl"
pub "$T/policy-c.jsonl"
is "$(field 2 status) $(field 2 reason)" "refused 未通过检查：unconfirmed-attribute" "the rule-classified interpretation is refused"
is "$(field 1 status) $(field 1 reason)" "refused 未通过检查：missing-interpretation, interpretation-refused" "and so is its policy, which may not go out alone"
pub --accept-classified '李四' "$T/policy-c.jsonl"
is "$(field 1 status) $(field 2 status)" "published published" "accepted, both are published"

run go-publish --repo "$S" --accept-classified '' "$T/hand.jsonl"
is "$status" 2 "--accept-classified needs a name"
finish
