#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-request: applications (依申请公开) to their deadlines, table 三, repeats,
# and a branch of their own that git reads back (OGI 第二十七条 to 第四十四条).
. "${0%/*}/lib.sh"
S=$T/store.git
G() { git -C "$S" "$@"; }
# app ID RECEIVED CHANNEL TYPE NAME CONTACT ASKS [EVENTS-JSON]: one application line
app() {
	jq -nc --arg id "$1" --arg r "$2" --arg ch "$3" --arg ty "$4" --arg n "$5" \
		--arg c "$6" --arg a "$7" --argjson ev "${8:-[]}" \
		'{kind: "request", id: $id, received: $r, channel: $ch,
		  applicant: {type: $ty, name: $n, contact: $c}, asks: $a, events: $ev}'
}
# deadline FILE TODAY: the due line's deadline of the single application of FILE,
# computed in a store of its own
deadline() {
	d=$T/d.$$.git; rm -rf "$d"
	go-request add --init --repo "$d" "$1" >/dev/null 2>&1
	go-request due --repo "$d" --today "$2" 2>/dev/null | jq -r "$3"
}

# ---- usage -----------------------------------------------------------------------
run go-request
is "$status" 2 "no command: exit 2"
like "$(cat "$T/err")" 'usage: go-request add' "  with the usage on stderr"
run go-request frobnicate --repo "$S"
is "$status" 2 "an unknown command: exit 2"
run go-request stats --repo "$S"
is "$status" 2 "stats without --year: exit 2"
run go-request --help
is "$status" 0 "--help: exit 0"
like "$(cat "$T/out")" 'go-request due' "  the usage on stdout"
run go-request --version
like "$(cat "$T/out")" '^go-request \(go-tools\) ' "--version"

# ---- deadlines, each computed by hand from data/holiday-cn/2026.json ---------------
# Spring Festival: received online on Friday 6 Feb 2026 (confirmed that day,
# OGI 第三十一条). Working days after it: 9-13 Feb (5), Saturday 14 Feb worked (6),
# 15-23 Feb off, 24-27 Feb (10), Saturday 28 Feb worked (11), 2-6 Mar (16),
# 9-12 Mar (20): the 20th working day is Thursday 12 March.
app SF 2026-02-06 online natural-person 甲 13800000001 '春节' >"$T/sf.jsonl"
is "$(deadline "$T/sf.jsonl" 2026-03-10 .deadline)" 2026-03-12 "Spring Festival: deadline 2026-03-12"
is "$(deadline "$T/sf.jsonl" 2026-03-10 .working_days_left)" 2 "  on 10 March, 2 working days left (11, 12)"

# National Day: received Monday 14 Sep 2026. 15-18 Sep (4), Sunday 20 Sep worked (5),
# 21-24 Sep (9), 25 Sep 中秋 and the weekend off, 28-30 Sep (12), 1-7 Oct off,
# 8-9 Oct (14), Saturday 10 Oct worked (15), 12-16 Oct (20): Friday 16 October.
app ND 2026-09-14 in-person business 乙公司 010-66660000 '国庆' >"$T/nd.jsonl"
is "$(deadline "$T/nd.jsonl" 2026-09-14 .deadline)" 2026-10-16 "National Day: deadline 2026-10-16"

# Received on a weekend make-up working day, Saturday 28 Feb 2026 (in person):
# 2-6 Mar (5), 9-13 (10), 16-20 (15), 23-27 (20): Friday 27 March.
app MK 2026-02-28 in-person research 丙研究所 010-1 '调休日' >"$T/mk.jsonl"
is "$(deadline "$T/mk.jsonl" 2026-03-02 .deadline)" 2026-03-27 "received on an adjusted Saturday: 2026-03-27"

# Received on a holiday: online, confirmed on Saturday 3 Oct 2026 (National Day).
# Counting starts on the first working day after it: 8, 9 Oct (2), Saturday 10 Oct
# (3), 12-16 (8), 19-23 (13), 26-30 (18), Mon 2 Nov (19), Tue 3 Nov (20).
app HO 2026-10-03 online nonprofit 丁协会 010-2 '节日' >"$T/ho.jsonl"
is "$(deadline "$T/ho.jsonl" 2026-10-08 .deadline)" 2026-11-03 "received on a holiday: 2026-11-03"

# A correction (第三十条): received Monday 2 Mar, correction asked Tuesday 10 Mar
# (the 6th working day; the limit is the 7th, 11 Mar), corrected request received
# Monday 16 Mar: the period runs afresh from it. 17-20 Mar (4), 23-27 (9),
# 30 Mar-3 Apr (14), 4-6 Apr 清明 off, 7-10 Apr (18), 13-14 Apr (20): 14 April.
app CO 2026-03-02 in-person natural-person 戊 13800000002 '补正' \
	'[{"date":"2026-03-10","type":"correction-requested"},{"date":"2026-03-16","type":"correction-received"}]' >"$T/co.jsonl"
is "$(deadline "$T/co.jsonl" 2026-03-16 .deadline)" 2026-04-14 "with a correction: 2026-04-14"
is "$(deadline "$T/co.jsonl" 2026-03-16 .start)" 2026-03-16 "  the period starts from the corrected request"
app CW 2026-03-02 in-person natural-person 戊 13800000002 '补正' \
	'[{"date":"2026-03-10","type":"correction-requested"}]' >"$T/cw.jsonl"
is "$(deadline "$T/cw.jsonl" 2026-03-12 .status)" awaiting-correction "  while the correction is awaited: no clock"
is "$(deadline "$T/cw.jsonl" 2026-03-12 .deadline)" null "  and no deadline"

# A third-party consultation (第三十二条), not counted (第三十三条): received Monday
# 1 Jun 2026, consultation from Friday 5 Jun to Wednesday 24 Jun: the working
# days after 5 Jun up to 24 Jun are 8-12 (5), 15-18 (9), 19 Jun 端午 off, 22-24 (12).
# 20 + 12 = 32 working days after 1 Jun: 2-5 (4), 8-12 (9), 15-18 (13), 22-26 (18),
# 29-30 (20), 1-3 Jul (23), 6-10 (28), 13-16 (32): Thursday 16 July.
app TP 2026-06-01 online legal-service 己律师事务所 010-3 '第三方' \
	'[{"date":"2026-06-05","type":"consultation-started","party":"third-party"},{"date":"2026-06-24","type":"consultation-ended"}]' >"$T/tp.jsonl"
is "$(deadline "$T/tp.jsonl" 2026-06-25 .deadline)" 2026-07-16 "with a third-party consultation: 2026-07-16"
is "$(deadline "$T/tp.jsonl" 2026-06-25 .paused_days)" 12 "  12 working days counted out"
# Still consulting on Friday 12 Jun: paused 8-12 Jun (5); 25 working days after
# 1 Jun: 30 Jun is the 20th, then 1-3 Jul, 6-7 Jul: Tuesday 7 July.
app TQ 2026-06-01 online legal-service 己律师事务所 010-3 '第三方' \
	'[{"date":"2026-06-05","type":"consultation-started","party":"third-party"}]' >"$T/tq.jsonl"
is "$(deadline "$T/tq.jsonl" 2026-06-12 '[.status,.deadline,.paused_days]|join(" ")')" \
	"paused 2026-07-07 5" "an open consultation: paused up to today"

# A consultation is not counted for more than 15 working days (第三十二条, 第三十四条):
# from 5 Jun to 10 Jul 2026 are 24 working days after 5 Jun (12 up to 24 Jun, then
# 25-26, 29-30 Jun, 1-3, 6-10 Jul); 15 are counted out: 35 working days after 1 Jun,
# 16 Jul being the 32nd, then 17, 20, Tuesday 21 July.
app TL 2026-06-01 online legal-service 己律师事务所 010-3 '第三方' \
	'[{"date":"2026-06-05","type":"consultation-started"},{"date":"2026-07-10","type":"consultation-ended"}]' >"$T/tl.jsonl"
is "$(deadline "$T/tl.jsonl" 2026-07-10 '[.deadline,.paused_days]|join(" ")')" "2026-07-21 15" \
	"a consultation of 24 working days counts out 15: 2026-07-21"

# An extension of 15 working days (第三十三条), decided on 20 Nov before the first
# deadline (30 Nov): received Monday 2 Nov 2026, 35 working days: 3-6 Nov (4),
# 9-13 (9), 16-20 (14), 23-27 (19), 30 Nov (20), 1-4 Dec (24), 7-11 (29),
# 14-18 (34), Monday 21 Dec (35).
app EX 2026-11-02 post other 庚 13800000003 '延期' \
	'[{"date":"2026-11-20","type":"extended","days":15,"approved_by":"办公室主任"}]' >"$T/ex.jsonl"
is "$(deadline "$T/ex.jsonl" 2026-11-20 .deadline)" 2026-12-21 "with an extension of 15 days: 2026-12-21"
is "$(deadline "$T/ex.jsonl" 2026-11-20 .extended_days)" 15 "  extended_days 15"

# ---- problems ------------------------------------------------------------------------
codes() { jq -r '[.problems[]?.code] | join(",")' "$T/out"; }
check() { printf '%s\n' "$1" >"$T/in.jsonl"; run go-request add --init --repo "$T/p.git" --today 2026-12-31 "$T/in.jsonl"; }
check "$(app P1 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-03-12","type":"correction-requested"}]')"
is "$(codes)" correction-too-late "correction asked on the 8th working day: correction-too-late"
is "$status" 1 "  exit 1, refused"
is "$(jq -r .request.status "$T/out")" refused "  status refused"
check "$(app P2 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-03-03","type":"correction-requested"},{"date":"2026-03-05","type":"correction-received"},{"date":"2026-03-06","type":"correction-requested"}]')"
is "$(codes)" second-correction "a second correction: second-correction"
check "$(app P3 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-03-05","type":"extended","days":21,"approved_by":"主任"}]')"
is "$(codes)" extension-too-long "21 days of extension: extension-too-long"
check "$(app P4 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-03-05","type":"extended","days":10}]')"
is "$(codes)" extension-without-approval "no approved_by: extension-without-approval"
check "$(app P5 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-03-05","type":"replied","outcome":"withheld"}]')"
is "$(codes)" missing-outcome-basis "outcome withheld without its row: missing-outcome-basis"
check "$(app P6 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-03-05","type":"replied","outcome":"partly-public"}]')"
is "$(codes)" missing-outcome-basis "partly-public without basis: missing-outcome-basis"
check "$(app P7 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-03-05","type":"replied","outcome":"public"},{"date":"2026-03-04","type":"fee-notice"}]')"
is "$(codes)" invalid-event-order "an event after the reply: invalid-event-order"
check "$(app P8 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-03-01","type":"consultation-started"}]')"
is "$(codes)" invalid-event-order "an event before receipt: invalid-event-order"
check "$(app P9 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-03-05","type":"replied"}]')"
is "$(codes)" missing-outcome "a reply without outcome: missing-outcome"
check "$(app P10 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-04-20","type":"replied","outcome":"public"}]')"
is "$(codes)" reply-late "a reply after the deadline: reply-late, a warning"
is "$status" 0 "  stored all the same (exit 0): it is history"
check "$(app P12 2026-06-01 online legal-service 己 010-3 x \
	'[{"date":"2026-06-05","type":"consultation-started"},{"date":"2026-07-10","type":"consultation-ended"}]')"
is "$(codes)" consultation-too-long "a consultation over 15 working days: consultation-too-long (a warning)"
check "$(app P13 2026-03-02 in-person natural-person 辛 13800000004 x \
	'[{"date":"2026-03-05","type":"correction-requested"},{"date":"2026-05-20","type":"replied","outcome":"other/no-correction"}]')"
is "$(codes)" "" "no correction came, closed as other/no-correction months later: not late"
check "$(app P11 2026-03-02 电话13912345678 person 辛 13800000004 x)"
is "$(codes)" invalid-channel,invalid-applicant-type "a bad channel and applicant type"
like "$(jq -r '.problems[0].message' "$T/out")" '139\*\*\*\*5678' "  the message quotes the channel masked"
ok "$(jq -r '.problems[].message' "$T/out" | grep -q 13912345678; [ $? -ne 0 ]; echo $?)" \
	"  and never whole"

# ---- the store: a branch of its own, written like go-publish writes -----------------
cat "$T/sf.jsonl" "$T/co.jsonl" "$T/tp.jsonl" >"$T/batch.jsonl"
echo 'not json' >>"$T/batch.jsonl"
run go-request add --init --repo "$S" --today 2026-03-10 "$T/batch.jsonl"
is "$status" 1 "a batch with an invalid line: exit 1"
is "$(wc -l <"$T/out")" 4 "  every input line is echoed"
is "$(jq -r '.request.status // "invalid"' "$T/out" | tr '\n' ' ')" "stored stored stored invalid " "  statuses"
SFP=$(sed -n 1p "$T/out" | jq -r .request.path)
like "$SFP" '^docs/2026/(.*/)?SF/record.json$' "  the path: the year of received, the id"
is "$(sed -n 1p "$T/out" | jq -r .request.commit)" "$(G rev-parse requests)" "  the commit is the branch's tip"
is "$(G rev-list --count requests)" 1 "one commit for the batch"
is "$(G for-each-ref --format='%(refname)')" refs/heads/requests "only the requests branch: no main, no public"
is "$(G show "requests:$SFP" | jq -cS .)" "$(jq -cS . "$T/sf.jsonl")" \
	"record.json is the application, read back with git"
run git -C "$S" fsck --strict
is "$status" 0 "git fsck --strict is clean"
is "$(G count-objects -v | awk '/^count:/ {print $2}')" 0 "  no loose object: one pack"
# an over-long line between two applications is echoed whole (base64), in its place
{ app LO1 2026-03-02 post other 甲 010-1 x; printf '{"x":"%0300d"}\n' 0; app LO2 2026-03-02 post other 乙 010-2 y; } >"$T/long.jsonl"
GO_MAX_LINE=250 go-request add --init --repo "$T/long.git" --today 2026-03-10 "$T/long.jsonl" \
	>"$T/out" 2>"$T/err"; status=$?
is "$status" 1 "an over-long line: exit 1"
is "$(jq -r '.id // "long"' "$T/out" | tr '\n' ' ')" "LO1 long LO2 " "  echoed in its place"
is "$(sed -n 2p "$T/out" | jq -r .invalid_line_base64 | base64 -d | od -An -c | tr -d ' \n' | wc -c)" \
	"$(sed -n 2p "$T/long.jsonl" | tr -d '\n' | od -An -c | tr -d ' \n' | wc -c)" "  whole"
is "$(jq -r '.request.status // empty' "$T/out" | tr '\n' ' ')" "stored stored " "  the others stored"
run go-request add --repo "$S" --today 2026-03-10 "$T/sf.jsonl"
is "$status" 1 "add of an application already stored: exit 1"
is "$(codes)" duplicate-request "  duplicate-request"
# update: the reply to SF
app SF 2026-02-06 online natural-person 甲 13800000001 '春节' \
	'[{"date":"2026-03-11","type":"replied","outcome":"public"}]' >"$T/sf2.jsonl"
run go-request update --repo "$S" --today 2026-03-11 "$T/sf2.jsonl"
is "$status" 0 "update with the reply: exit 0"
is "$(jq -r .request.status "$T/out")" stored "  stored"
is "$(G show "requests:$SFP" | jq -r '.events[0].outcome')" public "  read back"
is "$(G rev-list --count requests)" 2 "  a second commit"
run go-request update --repo "$S" --today 2026-03-11 "$T/sf2.jsonl"
is "$(jq -r .request.status "$T/out")" unchanged "the same update again: unchanged"
is "$(G rev-list --count requests)" 2 "  and no commit"
run go-request update --repo "$S" "$T/nd.jsonl"
is "$(codes)" unknown-request "update of an unknown application: unknown-request"
# an application keeps every field, even beside an attribute withheld (which
# would reduce a document to its metadata)
app WH 2026-03-02 post other 壬 010-9 x '[{"date":"2026-03-03","type":"withdrawn"}]' | jq -c '. + {attribute: "withheld", note: "kept"}' >"$T/wh.jsonl"
run go-request add --repo "$S" --today 2026-03-02 "$T/wh.jsonl"
is "$(G show "requests:$(jq -r .request.path "$T/out")" | jq -c '[.applicant.type, .asks, .note]')" \
	'["other","x","kept"]' "every field is stored, whatever attribute says"

# due: SF is replied; CO and TP are open
run go-request due --repo "$S" --today 2026-04-15
is "$status" 1 "due with an overdue application: exit 1"
is "$(jq -r .id "$T/out" | tr '\n' ' ')" "CO TP " "  one line per open application, by deadline"
is "$(sed -n 1p "$T/out" | jq -c '[.deadline,.working_days_left,.status]')" '["2026-04-14",-1,"overdue"]' \
	"  CO is one working day overdue on 15 April"
is "$(wc -l <"$T/err")" 1 "  one summary line on stderr"
like "$(cat "$T/err")" '^go-request: CO: 已逾期 1 个工作日：答复期限 2026-04-14.*申请人 戊\*' "  in Chinese, the name masked"
ok "$(grep -q '13800000002' "$T/err"; [ $? -ne 0 ]; echo $?)" "  and no contact"
run go-request due --repo "$S" --today 2026-03-10
is "$status" 0 "due with none overdue: exit 0"
# on 10 March CO has 24 working days left: 11-13 Mar, 16-20, 23-27, 30 Mar-3 Apr, 7-10 Apr, 13-14 Apr
run go-request due --repo "$S" --today 2026-03-10 --within 24
is "$(jq -r .id "$T/out" | tr '\n' ' ')" "CO " "--within 24: only those due within 24 working days"
run go-request due --repo "$S" --today 2026-03-10 --within 23
is "$(cat "$T/out")" "" "--within 23: none"

# ---- never public ------------------------------------------------------------------
P='{"id":"SFJ-2026-001","title":"通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","body":"正文"}'
printf '%s\n' "$P" | go-publish --repo "$S" --today 2026-03-10 >"$T/out" 2>"$T/err"
is "$(jq -r .publish.status "$T/out")" published "a notice is published beside the applications"
run go-publish --repo "$S" --today 2026-03-10 "$T/sf.jsonl"
is "$status" 1 "go-publish refuses an application (kind request)"
is "$(G ls-tree -r --name-only public | grep -c '/SF/')" 0 "  public holds no application"
ok "$(G rev-list --objects public main | cut -d' ' -f1 | G cat-file --batch | grep -c -e 甲 -e 戊 -e 13800000001 -e 13800000002 | grep -qx 0; echo $?)" \
	"no object of main or public holds an applicant's name or contact"
ok "$(G log --format=%B requests | grep -c -e 甲 -e 戊 -e 13800000001 -e 13800000002 | grep -qx 0; echo $?)" \
	"nor any commit message of requests (ids only)"

# ---- crash-safe: killed after the pack, before the ref -----------------------------
before=$(G rev-parse requests)
killed=$( { GO_FAULT=request-before-ref go-request add --repo "$S" --today 2026-09-14 \
	"$T/nd.jsonl" >/dev/null 2>&1; echo $?; } 2>/dev/null)
is "$killed" 137 "killed (SIGKILL) before the ref moves"
is "$(G rev-parse requests)" "$before" "  the branch keeps its old tip"
run git -C "$S" fsck --strict
is "$status" 0 "  git fsck --strict is clean"
run go-request add --repo "$S" --today 2026-09-14 "$T/nd.jsonl"
is "$(jq -r .request.status "$T/out")" stored "  and the same batch lands on the next run"

# ---- concurrent writers: compare-and-swap, all land (three rounds of four) --------
st=0
for round in 1 2 3; do
	for i in 1 2 3 4; do
		app "RACE-$round-$i" 2026-05-06 online business "公司$i" "010-$i" "race $i" >"$T/race$i.jsonl"
	done
	for i in 1 2 3 4; do go-request add --repo "$S" "$T/race$i.jsonl" >"$T/race$i.out" 2>&1 & done
	wait
	[ "$(cat "$T"/race?.out | jq -r .request.status | sort -u)" = stored ] || st=1
done
ok $st "four writers at once, three times: each stored"
is "$(G ls-tree -r --name-only requests docs | grep -c RACE)" 12 "  and all twelve on the branch"
is "$(G rev-list --count requests ^"$before")" 13 "  one commit each, and one for ND"
run git -C "$S" fsck --strict
is "$status" 0 "  git fsck --strict is clean"

# ---- table 三 of 2026, from a fixture store, counted by hand ------------------------
# col: natural-person business research nonprofit legal-service other
#  A1 np  2025-12-20 -> public 2026-01-10      2025 new, carried out; 2026 carried in, public
#  A2 bus 2025-12-25, open                      2025 new, carried out; 2026 in and out
#  A3 res 2025-11-01 -> public 2025-11-20      2025 new and public; not in 2026
#  A4 np  2026-03-02 -> partly-public          2026 new, partly-public
#  A5 np  2026-04-01, withdrawn 2026-04-10     2026 new, other/other (withdrawn)
#  A6 ls  2026-05-06 -> withheld/ogi-16-process
#  A7 np  2026-12-20, open                      2026 new, carried out
#  A8 oth 2026-06-01 -> cannot-provide/not-held
#  A9 bus 2026-07-01 -> not-processed/repeat
#  A10 np 2027-01-05                            not in 2026
# 2026: new [3,1,0,0,1,1,6] (A4 A5 A7, A9, A6, A8); carried-in [1,1,0,0,0,0,2];
# total [3,1,0,0,1,1,6] (A1 A4 A5, A9, A6, A8); carried-out [1,1,0,0,0,0,2] (A7, A2).
# 勾稽: np 3+1 = 3+1, bus 1+1 = 1+1, ls 1 = 1, other 1 = 1, total 6+2 = 6+2.
F=$T/t3.git
r() { printf '[{"date":"%s","type":"%s"%s}]' "$1" "$2" "${3:+,$3}"; }
{
app A1 2025-12-20 online natural-person 甲一 13800000011 a1 "$(r 2026-01-10 replied '"outcome":"public"')"
app A2 2025-12-25 online business 乙二 13800000012 a2
app A3 2025-11-01 online research 丙三 13800000013 a3 "$(r 2025-11-20 replied '"outcome":"public"')"
app A4 2026-03-02 online natural-person 丁四 13800000014 a4 "$(r 2026-03-20 replied '"outcome":"partly-public","basis":["ogi-15-third-party"]')"
app A5 2026-04-01 online natural-person 戊五 13800000015 a5 "$(r 2026-04-10 withdrawn)"
app A6 2026-05-06 online legal-service 己六 13800000016 a6 "$(r 2026-05-20 replied '"outcome":"withheld/ogi-16-process"')"
app A7 2026-12-20 online natural-person 庚七 13800000017 a7
app A8 2026-06-01 online other 辛八 13800000018 a8 "$(r 2026-06-10 replied '"outcome":"cannot-provide/not-held"')"
app A9 2026-07-01 online business 壬九 13800000019 a9 "$(r 2026-07-10 replied '"outcome":"not-processed/repeat"')"
app A10 2027-01-05 online natural-person 癸十 13800000020 a10
} >"$T/t3.jsonl"
run go-request add --init --repo "$F" --today 2027-01-05 "$T/t3.jsonl"
is "$status" 0 "the fixture year is stored"
run go-request stats --repo "$F" --year 2026
is "$status" 0 "stats --year 2026: exit 0"
cp "$T/out" "$T/s26"
row() { jq -c ".rows[\"$1\"]" "$T/s26"; }
is "$(jq -c .columns "$T/s26")" '["natural-person","business","research","nonprofit","legal-service","other","total"]' "the columns"
is "$(jq -r '.rows | keys_unsorted | join(" ")' "$T/s26")" "new carried-in public partly-public withheld/ogi-14-secret withheld/ogi-14-law withheld/ogi-14-safety withheld/ogi-15-third-party withheld/ogi-16-internal withheld/ogi-16-process withheld/ogi-16-case-file withheld/query cannot-provide/not-held cannot-provide/needs-creation cannot-provide/still-unclear not-processed/complaint not-processed/repeat not-processed/publication not-processed/excessive not-processed/confirmation other/no-correction other/no-fee other/other total carried-out" "every row, in the form's order"
is "$(row new)" '[3,1,0,0,1,1,6]' "new (一)"
is "$(row carried-in)" '[1,1,0,0,0,0,2]' "carried-in (二)"
is "$(row public)" '[1,0,0,0,0,0,1]' "public"
is "$(row partly-public)" '[1,0,0,0,0,0,1]' "partly-public"
is "$(row withheld/ogi-16-process)" '[0,0,0,0,1,0,1]' "withheld/ogi-16-process"
is "$(row cannot-provide/not-held)" '[0,0,0,0,0,1,1]' "cannot-provide/not-held"
is "$(row not-processed/repeat)" '[0,1,0,0,0,0,1]' "not-processed/repeat"
is "$(row other/other)" '[1,0,0,0,0,0,1]' "other/other holds the withdrawn application"
is "$(row total)" '[3,1,0,0,1,1,6]' "total (七)"
is "$(row carried-out)" '[1,1,0,0,0,0,2]' "carried-out (四)"
is "$(jq '[.rows | to_entries[] | select(.key != "new" and .key != "carried-in" and .key != "total" and .key != "carried-out") | .value[6]] | add' "$T/s26")" 6 \
	"the result rows add up to the total"
is "$(jq '[range(7) as $i | (.rows.new[$i] + .rows["carried-in"][$i]) == (.rows.total[$i] + .rows["carried-out"][$i])] | all' "$T/s26")" true \
	"勾稽关系: new + carried-in = total + carried-out in every column"
run go-request stats --repo "$F" --year 2025
is "$(jq -c '.rows["carried-out"]' "$T/out")" "$(row carried-in)" "2025's carried-out is 2026's carried-in"
is "$(jq -c '.rows.new' "$T/out")" '[1,1,1,0,0,0,3]' "2025: new A1 A2 A3"
ok "$(grep -c -e 甲一 -e 13800000011 "$T/s26" | grep -qx 0; echo $?)" "no name or contact in the table"
# a record that no row counts (written past go-request, with git): the check fails
W=$T/w; git clone -q -b requests "$F" "$W"
A9=$(find "$W/docs" -path '*/A9/record.json')
jq '.events[0].outcome = "nonsense"' "$A9" >"$T/x" && mv "$T/x" "$A9"
git -C "$W" commit -qam 'by hand' && git -C "$W" push -q origin requests
run go-request stats --repo "$F" --year 2026
is "$status" 1 "a table that does not add up: exit 1"
like "$(cat "$T/err")" '勾稽关系不成立' "  saying which column's 勾稽关系 fails"
is "$(cat "$T/out")" "" "  and no table"

# ---- repeats (第四十四条) ------------------------------------------------------------
R=$T/rep.git
{
app Q1 2026-03-02 online natural-person 甲 13800000031 '2025年度 行政处罚决定书。'
app Q2 2026-03-05 post business 乙 010-2 '2025年度行政处罚决定书'
app Q3 2026-03-06 online natural-person 甲 13800000031 '２０２５年度行政处罚决定书'
app Q4 2026-04-01 online research 丙 010-4 '某文件' | jq -c '.documents = ["SFJ-2026-001"]'
app Q5 2026-04-02 online research 丁 010-5 '另一描述' | jq -c '.documents = ["SFJ-2026-001"]'
app Q6 2026-04-03 online research 戊 010-6 '独一无二'
} >"$T/rep.jsonl"
go-request add --init --repo "$R" --today 2026-04-03 "$T/rep.jsonl" >/dev/null
run go-request repeats --repo "$R" --year 2026
is "$status" 0 "repeats: exit 0"
is "$(jq -c '[.by,.applicants,.requests]' "$T/out" | tr '\n' ' ')" \
	'["asks",2,["Q1","Q2","Q3"]] ["document",2,["Q4","Q5"]] ' \
	"same asks after normalisation (spaces, punctuation, full-width digits), same document"
run go-request repeats --repo "$R" --year 2026 --min 3
is "$(cat "$T/out")" "" "--min 3: none has three applicants"
ok "$(grep -c -e 13800000031 "$T/out" | grep -qx 0; echo $?)" "no contact in the output"

finish
