#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-report on a store built by go-publish over 2024-2026 (tests/report/store/,
# one batch a day, two abolitions, two withdrawals): every number of table 二 and
# of the scoreboard against hand-computed figures, the form's checks, and the
# documents read back by xmllint and headless Chromium.
. "${0%/*}/lib.sh"

F=$TESTS/report
S=$T/store.git
sh "$F/build-store.sh" "$S"
ok $? "fixture store built by go-publish, one batch a day over 2024-2026"

# ---- annual: table 二 ---------------------------------------------------------
# 2025: 规章 A-2025-1 issued; O-2024-1 (2024) and A-2025-1 in force. 规范性文件
# A-2025-2 and B-2025-1 issued; B-2025-1 abolished 2025-11-03; A-2025-2 abolished
# only in 2026, so in force at the end of 2025. 许可 B-2025-2a, B-2025-2b (B-2025-5
# withdrawn 2025-12-20: not counted); 处罚 B-2025-3; 强制 A-2026-1 is 2026's.
run go-report annual --year 2025 --repo "$S" --extra "$F/extra-2025.json" --format json
is "$status" 0 "annual 2025: exit 0"
is "$(cat "$T/err")" "" "annual 2025: nothing on stderr"
is "$(jq -c .table2 "$T/out")" \
'{"rule":{"issued":1,"abolished":0,"in_force":2},"normative":{"issued":2,"abolished":1,"in_force":1},"license":{"decisions":2},"penalty":{"decisions":1},"enforcement":{"decisions":0},"fees":1.5}' \
	"annual 2025: table 二, every cell (abolished next year in force, withdrawn not counted, other years not counted)"
# Published in 2025, proactive, not withdrawn: B-2025-1(+JD) A-2025-1(+JD)
# A-2025-2(+JD) A-2025-3 B-2025-2a B-2025-2b B-2025-3.
is "$(jq -c .overview "$T/out")" \
'{"published":10,"by_category":{"decision":4,"execution":2,"management":0,"service":0,"result":4,"none":0},"policies":3,"interpretations":3,"consultations":0}' \
	"annual 2025: the counts section 一 is pre-filled with"
is "$(jq -c '[.table3.rows.new, .table3.rows["carried-out"], .table4.review, .sections["五"]]' "$T/out")" \
'[[10,3,1,0,1,0,15],[2,1,0,0,0,0,3],{"maintained":1,"corrected":1,"other":0,"pending":1,"total":3},"政策解读与政策文件同步发布仍有差距，下一年度将建立解读台账。"]' \
	"annual 2025: tables 三 and 四 and section 五 from --extra"
cp "$T/out" "$T/annual.json"

run go-report annual --year 2026 --repo "$S" --format json
is "$status" 0 "annual 2026 without --extra: exit 0"
like "$(cat "$T/err")" "表三.*未提供.*按 0 填列" "annual 2026 without --extra: says table 三 is missing"
is "$(jq -c .table2 "$T/out")" \
'{"rule":{"issued":1,"abolished":0,"in_force":3},"normative":{"issued":0,"abolished":1,"in_force":0},"license":{"decisions":0},"penalty":{"decisions":0},"enforcement":{"decisions":1},"fees":null}' \
	"annual 2026: table 二 (A-2025-2 abolished in 2026; B-2025-5 withdrawn stays out)"

run go-report annual --year 2025 --repo "$S" --extra "$F/extra-2025.md" --format json
is "$status" 0 "annual with a Markdown --extra: exit 0"
same_file "$T/out" "$T/annual.json" "a Markdown --extra gives what the JSON one does"

# Table 三 as go-request stats prints it, joined to the office's part with jq.
jq 'del(.table3)' "$F/extra-2025.json" >"$T/office.json"
jq -s '.[0] * {table3: .[1]}' "$T/office.json" "$F/table3-2025.json" >"$T/joined.json"
run go-report annual --year 2025 --repo "$S" --extra "$T/joined.json" --format json
same_file "$T/out" "$T/annual.json" "table 三 from go-request stats' output joined with jq gives the same report"

# ---- annual: the form's own check (勾稽关系) fails ------------------------------
run go-report annual --year 2025 --repo "$S" --extra "$F/extra-bad.json"
is "$status" 1 "勾稽关系 broken: exit 1"
is "$(wc -c <"$T/out")" 0 "勾稽关系 broken: no report is written"
like "$(cat "$T/err")" "extra-bad.json: 表三“商业企业”列勾稽关系不成立：第一项加第二项之和 3（3 \+ 0）不等于第三项（七）总计加第四项之和 2（2 \+ 0）" \
	"勾稽关系 broken: the error names the column (商业企业)"
like "$(cat "$T/err")" "表三“总计”列勾稽关系不成立" "勾稽关系 broken: and the total column"
jq '.table3.rows.public[0] = 6 | .table3.rows.total[0] = 10' "$F/extra-2025.json" >"$T/extra-sum.json"
run go-report annual --year 2025 --repo "$S" --extra "$T/extra-sum.json"
is "$status" 1 "（七）总计 not the sum of its rows: exit 1"
like "$(cat "$T/err")" "表三“自然人”列：（七）总计 10 不等于（一）至（六）各项之和 11" "（七）总计 check names the column"
jq '.table3.rows["withheld/other"] = [0,0,0,0,0,0,0]' "$F/extra-2025.json" >"$T/extra-row.json"
run go-report annual --year 2025 --repo "$S" --extra "$T/extra-row.json"
like "$status.$(cat "$T/err")" "^1.*table3.rows 中的“withheld/other”不是报告格式中的行" "table 三 with a row the form does not have is refused"
jq '.table3.year = 2024' "$F/extra-2025.json" >"$T/extra-year.json"
run go-report annual --year 2025 --repo "$S" --extra "$T/extra-year.json"
like "$status.$(cat "$T/err")" "^1.*table3.year 为 2024，与报告年度 2025 不符" "table 三 of another year is refused"

# ---- annual: HTML, Markdown, CSV ------------------------------------------------
run go-report annual --year 2025 --repo "$S" --extra "$F/extra-2025.json"
is "$status" 0 "annual HTML: exit 0"
cp "$T/out" "$T/annual.html"
xmllint --html --noout "$T/annual.html" 2>"$T/xerr"
is "$?.$(cat "$T/xerr")" "0." "annual HTML: xmllint --html parses it with no error"
xmllint --noout "$T/annual.html" 2>"$T/xerr"
is "$?.$(cat "$T/xerr")" "0." "annual HTML: well-formed XML too (XHTML-compatible)"
is "$(grep -c '<script' "$T/annual.html")" 0 "annual HTML: no script"
like "$(cat "$T/annual.html")" '<th class="row" rowspan="8" scope="rowgroup">（三）不予公开</th>' \
	"annual HTML: the group cell spans its sub-rows"
like "$(cat "$T/annual.html")" '@page \{ size: A4' "annual HTML: prints on A4"

# The row labels, in the form's order (what the DOM holds, read by Chromium).
cat >"$T/labels" <<'LABELS'
规章
行政规范性文件
行政许可
行政处罚
行政强制
行政事业性收费
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
三、本年度办理结果
（一）予以公开
（二）部分公开（区分处理的，只计这一情形，不计其他情形）
（三）不予公开
1.属于国家秘密
2.其他法律行政法规禁止公开
3.危及“三安全一稳定”
4.保护第三方合法权益
5.属于三类内部事务信息
6.属于四类过程性信息
7.属于行政执法案卷
8.属于行政查询事项
（四）无法提供
1.本机关不掌握相关政府信息
2.没有现成信息需要另行制作
3.补正后申请内容仍不明确
（五）不予处理
1.信访举报投诉类申请
2.重复申请
3.要求提供公开出版物
4.无正当理由大量反复申请
5.要求行政机关确认或重新出具已获取信息
（六）其他处理
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
3.其他
（七）总计
四、结转下年度继续办理
LABELS
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$chrome" ]; then
	shot=$GO_BUILD/report/annual-2025.png
	mkdir -p "${shot%/*}" && rm -f "$shot"
	cr() { timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$T/chromium" "$@" 2>>"$T/chromium.log"; }
	cr --window-size=794,1123 --screenshot="$shot" "file://$T/annual.html" >/dev/null
	is "$(head -c 8 "$shot" 2>/dev/null | od -An -tx1 | tr -d ' \n')" "89504e470d0a1a0a" \
		"annual HTML: Chromium makes a PNG screenshot (build/report/annual-2025.png)"
	cr --dump-dom "file://$T/annual.html" >"$T/dom"
	grep -o '<th class="row"[^>]*>[^<]*</th>' "$T/dom" | sed 's/<[^>]*>//g' >"$T/dom-labels"
	same_file "$T/dom-labels" "$T/labels" "annual HTML: Chromium's DOM holds the row labels in the form's order"
	is "$(grep -o '<td[^>]*>[^<]*</td>' "$T/dom" | sed -n 1,3p | sed 's/<[^>]*>//g' | tr '\n' ' ')" "1 0 2 " \
		"annual HTML: Chromium's DOM: 规章 1 issued, 0 abolished, 2 in force"
else
	ok 0 "# SKIP chromium not installed"
	ok 0 "# SKIP chromium not installed"
	ok 0 "# SKIP chromium not installed"
fi

run go-report annual --year 2025 --repo "$S" --extra "$F/extra-2025.json" --format csv
is "$status" 0 "annual CSV: exit 0"
is "$(sed -n 1p "$T/out" | tr -d '\r')" "table,row,column,value" "annual CSV: header"
is "$(grep -c '' "$T/out")" $((1 + 10 + 25 * 7 + 15)) "annual CSV: one line a cell of tables 二, 三 and 四"
like "$(tr -d '\r' <"$T/out")" '三,三、本年度办理结果 （三）不予公开 6.属于四类过程性信息,商业企业,1' "annual CSV: a cell of table 三, with its full label"
like "$(tr -d '\r' <"$T/out")" '二,第二十条第（一）项 行政规范性文件,本年废止件数,1' "annual CSV: a cell of table 二"

run go-report annual --year 2025 --repo "$S" --extra "$F/extra-2025.json" --format md
is "$status" 0 "annual Markdown: exit 0"
like "$(cat "$T/out")" '\| 行政规范性文件 \| 2 \| 1 \| 1 \|' "annual Markdown: table 二 row"
like "$(cat "$T/out")" '## 六、其他需要报告的事项' "annual Markdown: the six sections"

# ---- scoreboard ------------------------------------------------------------------
# 办公室 2025: A-2025-1(+JD), A-2025-2(+JD), A-2025-3, A-2025-5 withheld; A-2025-4
# withdrawn. A-2025-2's interpretation came 5 working days after it (04-08 -> 04-15);
# A-2025-3 (2025-05-06, deadline 2025-06-04 after the 端午 holiday) published
# 2025-06-20: 12 working days late. 政策法规科: B-2025-1(+JD) together, two
# licences, a penalty, an on-request report; B-2025-5 withdrawn. Previous period
# 2024: O-2024-1(+JD). Deadline: 10 working days after 2026-01-05 is 2026-01-19.
summary() {
	jq -c '[.office, .measures.documents, .measures.withdrawn, .by_attribute, .by_category,
		.measures.policies, .measures["interpreted-together"], .measures["interpreted-late"],
		.measures["interpretation-rate"], .interpretation_late, .measures["late-publication"],
		.late_publication, .measures.errors, .measures.warnings, .problems,
		.previous.measures.documents, .previous.measures["interpretation-rate"], .status,
		[.rectify[] | "\(.rule)=\(.value) \(.deadline)"]]' "$@"
}
cat >"$T/board-expected" <<'EXPECTED'
["办公室",6,1,{"proactive":5,"on-request":0,"withheld":1,"none":0},{"decision":4,"execution":0,"management":0,"service":0,"result":1,"none":0},2,1,1,50,[{"id":"A-2025-2","days":5}],1,[{"id":"A-2025-3","date":"2025-05-06","published":"2025-06-20","days":12}],0,2,{"interpretation-late":{"error":0,"warning":1},"late-publication":{"error":0,"warning":1}},0,null,"不达标",["late-publication > 0=1 2026-01-19","interpretation-rate < 100%=50 2026-01-19"]]
["政策法规科",6,1,{"proactive":5,"on-request":1,"withheld":0,"none":0},{"decision":0,"execution":2,"management":0,"service":0,"result":3,"none":0},1,1,0,100,[],0,[],0,0,{},2,100,"达标",[]]
[null,12,2,{"proactive":10,"on-request":1,"withheld":1,"none":0},{"decision":4,"execution":2,"management":0,"service":0,"result":4,"none":0},3,2,1,66.7,[{"id":"A-2025-2","days":5}],1,[{"id":"A-2025-3","date":"2025-05-06","published":"2025-06-20","days":12}],0,2,{"interpretation-late":{"error":0,"warning":1},"late-publication":{"error":0,"warning":1}},2,100,"不达标",["late-publication > 0=1 2026-01-19","interpretation-rate < 100%=66.7 2026-01-19"]]
EXPECTED
run go-report scoreboard --repo "$S" --year 2025 --today 2026-01-05 --rectify-days 10
is "$status" 1 "scoreboard 2025: exit 1 (an office is 不达标)"
is "$(cat "$T/err")" "" "scoreboard 2025: nothing on stderr"
summary "$T/out" >"$T/board"
same_file "$T/board" "$T/board-expected" "scoreboard 2025: every measure of each office and the total, against the hand count"
is "$(jq -c 'select(.total) | [.from, .to]' "$T/out")" '["2025-01-01","2025-12-31"]' "scoreboard: the period of --year"

# The same period as --from/--to; the input's drafts and a rules file.
# 行政审批科's drafts: D-2025-1 placeholder reason 无, D-2025-2 withheld normative
# without review, D-2025-3 19-day consultation, D-2025-4 livelihood meeting without
# a plan; D-2027-1 another year; the last line is no record.
run go-report scoreboard --repo "$S" --from 2025-01-01 --to 2025-12-31 --today 2026-01-05 \
	--rectify-days 10 --rules "$F/rules" "$F/drafts-2025.jsonl"
is "$status" 1 "scoreboard with drafts: exit 1"
like "$(cat "$T/err")" "^go-report: .*drafts-2025.jsonl:6: invalid JSON" "scoreboard with drafts: the bad line is named FILE:LINE"
is "$(jq -c 'select(.office == "行政审批科") | [.measures.documents, .by_attribute, .measures["placeholder-reason"], .placeholder_reason, .measures["withheld-without-review"], .withheld_without_review, .measures["short-consultation"], .measures["missing-meeting-plan"], .missing_meeting_plan, .measures.errors, .problems, .measures["interpretation-rate"], .status, .rectify]' "$T/out")" \
'[4,{"proactive":2,"on-request":1,"withheld":1,"none":0},1,["D-2025-1"],1,["D-2025-2"],1,1,["D-2025-4"],4,{"missing-reason":{"error":1,"warning":0},"missing-review":{"error":1,"warning":0},"short-consultation":{"error":1,"warning":0},"missing-meeting-plan":{"error":1,"warning":0}},null,"不达标",[{"rule":"errors > 0","measure":"errors","value":4,"fix":"改正文件登记中的错误，补齐理由、审查和公开方案","deadline":"2026-01-19"}]]' \
	"scoreboard with drafts: the checks' codes counted, the rules file's threshold and its fix"
is "$(jq -c 'select(.total) | .measures.documents' "$T/out")" 16 "scoreboard with drafts: the other year's draft is not counted"

# A record of the input supersedes the stored one: A-2025-3 published in time.
printf '%s\n' '{"id":"A-2025-3","title":"A-2025-3 文件","kind":"notice","date":"2025-05-06","office":"办公室","attribute":"proactive","category":"result","published":"2025-05-07"}' >"$T/fix.jsonl"
run go-report scoreboard --repo "$S" --year 2025 --today 2026-01-05 "$T/fix.jsonl"
is "$(jq -c 'select(.office == "办公室") | [.measures.documents, .measures["late-publication"], [.rectify[].measure]]' "$T/out")" \
	'[6,0,["interpretation-rate"]]' "scoreboard: the input's record replaces the stored one of its id"

# Records from standard input only (go-cat's output), no store.
go-cat --repo "$S" --no-body | go-report scoreboard --year 2025 --today 2026-01-05 --rectify-days 10 >"$T/out" 2>"$T/err"
summary "$T/out" >"$T/board-stdin"
same_file "$T/board-stdin" "$T/board-expected" "scoreboard over go-cat's output on stdin equals the one over the store"

# Markdown and HTML: a bar chart per measure, inline SVG, no JavaScript.
run go-report scoreboard --repo "$S" --year 2025 --today 2026-01-05 --format html
is "$status" 1 "scoreboard HTML: exit 1 as JSON Lines"
xmllint --noout "$T/out" 2>"$T/xerr"
is "$?.$(cat "$T/xerr")" "0." "scoreboard HTML: well-formed (xmllint)"
is "$(grep -c '<svg class="chart"' "$T/out").$(grep -c '<script' "$T/out")" "9.0" "scoreboard HTML: 9 inline SVG charts, no script"
like "$(cat "$T/out")" '<li>办公室：late-publication &gt; 0（实际 1）：主动公开信息须自形成之日起 20 个工作日内公开（《政府信息公开条例》第二十六条）；整改期限 2026-02-02。</li>' \
	"scoreboard HTML: what 办公室 must fix, and by when (default: 20 working days after --today)"
like "$(cat "$T/out")" '<p>上期：2024-01-01 至 2024-12-31。' "scoreboard: the previous period of --year is the previous calendar year"
run go-report scoreboard --repo "$S" --year 2025 --today 2026-01-05 --format md
like "$(cat "$T/out")" '\| 办公室 \| 不达标 \| 6（上期 0，\+6）' "scoreboard Markdown: measure with trend against the previous period"

# The join reaches policies of years the scoreboard does not read (O-2024-1 from
# 2026), and counts an orphan as the code go-link-interp gives.
printf '%s\n' '{"id":"O-2024-1-JD2","title":"再解读","kind":"interpretation","interprets":"O-2024-1","form":"qa","date":"2026-03-02","office":"政策法规科","attribute":"proactive","category":"decision","published":"2026-03-02"}' \
	'{"id":"X-2026-JD","title":"无主解读","kind":"interpretation","interprets":"NO-SUCH-1","form":"qa","date":"2026-03-02","office":"政策法规科","attribute":"proactive","category":"decision","published":"2026-03-02"}' >"$T/jd.jsonl"
run go-report scoreboard --repo "$S" --year 2026 --today 2026-12-01 "$T/jd.jsonl"
is "$(jq -c 'select(.office == "政策法规科") | [.measures.documents, .problems]' "$T/out")" \
	'[2,{"interpretation-late":{"error":0,"warning":1},"orphan-interpretation":{"error":1,"warning":0}}]' "scoreboard 2026: an old policy is found (its reinterpretation is late, not an orphan), an orphan is counted by its code"

# A record without a date is counted nowhere, and said so.
printf '%s\n' '{"id":"X-1","title":"无日期","kind":"notice","office":"办公室","attribute":"proactive","category":"result"}' >"$T/undated.jsonl"
run go-report scoreboard --year 2025 --today 2026-01-05 --rules /dev/null "$T/undated.jsonl"
is "$status" 1 "a record without a date: exit 1"
like "$(cat "$T/err")" "^go-report: 1 条记录没有有效的成文日期（date），未计入任何期间。" "a record without a date: said on stderr"

# ---- usage -----------------------------------------------------------------------
run go-report --help
is "$status.$(head -c 16 "$T/out")" "0.usage: go-report" "--help: exit 0, usage on stdout"
run go-report
like "$status.$(cat "$T/err")" "^2.*a command is needed" "no command: exit 2"
run go-report annual --repo "$S"
like "$status.$(cat "$T/err")" "^2.*annual needs --year" "annual without --year: exit 2"
run go-report scoreboard --repo "$S" --format pdf
like "$status.$(cat "$T/err")" "^2.*--format: 'pdf'" "unknown format: exit 2"
printf 'late-publication > 0\nlate publication >> x\n' >"$T/bad.rules"
run go-report scoreboard --repo "$S" --rules "$T/bad.rules"
like "$status.$(cat "$T/err")" "^2.*bad.rules:2: 无法识别的阈值规则" "a bad rules file: exit 2, FILE:LINE"
printf '{"table3": [1,\n' >"$T/bad.json"
run go-report annual --year 2025 --repo "$S" --extra "$T/bad.json"
like "$status.$(cat "$T/err")" "^2.*bad.json:" "an --extra that is not JSON: exit 2, named"
# ---- table 三 from the store's applications (go-request's branch) -------------
# No --extra: the store's applications give table 三, counted by go-request's own
# code, so the annual report and `go-request stats` cannot disagree.
R=$T/requests.git
go-request add --init --repo "$R" --today 2026-03-20 "$TESTS/../examples/requests.jsonl" >/dev/null 2>&1
run go-report annual --year 2026 --repo "$R" --format json
jq -S -c .table3.rows "$T/out" >"$T/t3-report"
go-request stats --repo "$R" --year 2026 | jq -S -c .rows >"$T/t3-stats"
is "$(jq -c .total "$T/t3-report")" "$(jq -c .total "$T/t3-stats")" "table 三 from the store: （七）总计 as go-request stats counts it"
same_file "$T/t3-report" "$T/t3-stats" "table 三 from the store: every row as go-request stats prints it"
is "$(jq -c .new "$T/t3-report")" "[2,1,1,0,1,0,5]" "table 三 from the store: 一 counts the example applications by applicant type"
run go-report annual --year 2026 --repo "$S" --format json
like "$(cat "$T/err")" '表三.*文档库中也没有申请记录' "a store without applications: table 三 is zeros, with a warning that says so"

finish
