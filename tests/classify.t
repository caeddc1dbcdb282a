#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-classify as a command: options, rules files, the default rules, matching
# across scripts on the seed document, provenance, exit codes.
. "${0%/*}/lib.sh"
SEED=$TESTS/../data/work-plan-seed.txt

run go-classify --help
is "$status" 0 "--help exits 0"
like "$(head -n 1 "$T/out")" '^usage: go-classify \[-r RULES\]\.\.\. \[--no-default-rules\] \[--overwrite\] \[--explain\] \[--stats\]$' "--help prints usage on stdout"
is "$(cat "$T/err")" "" "--help prints nothing on stderr"

run go-classify --version
is "$status" 0 "--version exits 0"
like "$(cat "$T/out")" '^go-classify \(go-tools\) [0-9]+\.[0-9]+\.[0-9]+$' "--version names the tool"

run go-classify --bogus </dev/null
is "$status" 2 "an unknown option exits 2"
is "$(cat "$T/out")" "" "and writes nothing on stdout"

run go-classify -r "$T/none.rules" </dev/null
is "$status" 2 "a missing rules file exits 2"
is "$(cat "$T/err")" "go-classify: $T/none.rules: No such file or directory" "and is named"

# ---- the seed document: traditional script, pinyin annotations -----------
# Every keyword below is written in simplified script; the seed has them in
# traditional script, most with an annotation inside or right after them.
grep -q '進(jìn)一步' "$SEED"; ok $? "the seed has 進(jìn)一步 (keyword split by an annotation)"
grep -q '機關(guān)' "$SEED"; ok $? "the seed has 機關(guān) (annotation right after)"
if grep -q '进一步\|机关' "$SEED"; then ok 1 "the seed has no simplified spelling of them"; else ok 0 "the seed has no simplified spelling of them"; fi
jq -Rsc '{id: "SEED-1", title: "市司法局政務公開工作要點", office: "办公室", kind: "report", date: "2026-03-02", body: .}' "$SEED" >"$T/seed.jsonl"
cat >"$T/seed.rules" <<'R'
# simplified keywords against the traditional seed
attribute=proactive if body~进一步深化
category=execution if body~决策、执行、管理
reason="回应社会关切" if body~回应社会关切,不在文中
basis=ogi-16-internal if body~不在文中的词
R
run go-classify --no-default-rules -r "$T/seed.rules" "$T/seed.jsonl"
is "$status" 0 "the seed classifies"
is "$(jq -c '[.attribute, .category, .reason, .basis]' "$T/out")" '["proactive","execution","回应社会关切",null]' \
	"simplified keywords match the traditional, annotated seed; an absent word does not"
is "$(jq -c .classified_by "$T/out")" "{\"attribute\":\"$T/seed.rules:2\",\"category\":\"$T/seed.rules:3\",\"reason\":\"$T/seed.rules:4\"}" \
	"classified_by names FILE:LINE for each field set"
is "$(jq -r .body "$T/out")" "$(cat "$SEED")" "the text itself is not converted"

# Traditional keywords match simplified text, the other way round.
printf '%s\n' 'category=result if body~機關,進一步' >"$T/trad.rules"
printf '%s\n' '{"id":"S-1","kind":"report","body":"提高司法行政机关的公信力"}' \
	'{"id":"S-2","kind":"report","body":"进一步"}' '{"id":"S-3","kind":"report","body":"机 关"}' >"$T/simp.jsonl"
run go-classify --no-default-rules -r "$T/trad.rules" "$T/simp.jsonl"
is "$(jq -r '.category // "-"' "$T/out" | tr '\n' ' ')" "result result - " "traditional keywords match simplified text"

# Full-width letters and digits, in the text and in the keyword.
printf '%s\n' 'category=management if title~abc-2026,"第３号"' >"$T/fw.rules"
printf '%s\n' '{"id":"F-1","title":"ＡＢＣ－２０２６号决定"}' '{"id":"F-2","title":"第3号决定"}' \
	'{"id":"F-3","title":"ABC 2026"}' >"$T/fw.jsonl"
run go-classify --no-default-rules -r "$T/fw.rules" "$T/fw.jsonl"
is "$(jq -r '.category // "-"' "$T/out" | tr '\n' ' ')" "management management - " "full-width and half-width forms match each other"

# ---- the default rules ---------------------------------------------------
run go-classify --print-default-rules
is "$status" 0 "--print-default-rules exits 0"
cp "$T/out" "$T/default.rules"
like "$(grep -c '^attribute=' "$T/default.rules")" '^[0-9]{2}$' "the default rules are printed, one a line"
is "$(grep '^attribute=' "$T/default.rules" | grep -vc '第[十二]*[四五六九十]条')" 0 "every default rule's reason cites its OGI article"
for code in ogi-14-secret ogi-14-law ogi-14-safety ogi-15-third-party ogi-16-internal ogi-16-process ogi-16-case-file; do
	grep -q "basis=$code " "$T/default.rules"; ok $? "a default rule gives basis $code"
done
for cat in decision execution management service result; do
	grep -q "category=$cat " "$T/default.rules"; ok $? "a default rule gives category $cat"
done

# The man page lists every default rule by its line, with what it sets.
go-classify --print-default-rules | awk '/^attribute=/ { s = $0; sub(/ reason=.*/, "", s); gsub(/(attribute|category|basis)=/, "", s); print NR "  " s }' >"$T/want"
sed -n 's/^\.B "\([0-9]*  [a-z].*\)"$/\1/p' "$TESTS/../man/go-classify.1" >"$T/got"
same_file "$T/got" "$T/want" "man/go-classify.1 lists the default rules as they are"

# The printed rules, fed back as a rules file, classify exactly as the
# embedded ones (provenance aside): on the examples, the bench corpus, the
# fixtures and records built to reach every default rule.
{
	cat "$TESTS/../examples/documents.jsonl"
	sh "$TESTS/../bench/corpus.sh" 60 bare
	cat "$TESTS"/cases/go-classify/*/in.jsonl
	for k in rule normative policy decision-draft interpretation meeting notice report guide license penalty enforcement response repost other; do
		printf '{"id":"K-%s","kind":"%s","title":"标题"}\n' "$k" "$k"
	done
	for t in 绝密文件 禁止公开事项 危及社会稳定的情况 商业秘密 后勤保障 张某同志任职 年度考核 工资调整 讨论稿 执法案卷 行政处罚 服务指南 工作总结 工作计划; do
		printf '{"id":"T-%s","kind":"other","title":"关于%s"}\n' "$t" "$t"
	done
} >"$T/all.jsonl"
go-classify "$T/all.jsonl" >"$T/embedded" 2>/dev/null
go-classify --no-default-rules -r "$T/default.rules" "$T/all.jsonl" 2>/dev/null | sed "s#$T/default.rules:#default:#g" >"$T/fed"
same_file "$T/fed" "$T/embedded" "--print-default-rules fed back with -r --no-default-rules classifies identically"
used=$(jq -r '.classified_by // {} | .[]' "$T/embedded" | grep '^default:' | sort -u | wc -l)
total=$(grep -c '^attribute=' "$T/default.rules")
is "$used" "$total" "every default rule is reached by the probe records"

# No rules at all: records pass unchanged.
run go-classify --no-default-rules "$TESTS/../examples/documents.jsonl"
is "$status" 1 "--no-default-rules alone sets nothing (the example's personal data is still an error)"
jq -c 'del(.problems)' "$T/out" >"$T/got"
jq -c 'if .attribute then .attribute |= (if . == "主动公开" or . == "主動公開" then "proactive" elif . == "依申请公开" then "on-request" else . end) else . end
	| if .category then .category |= ({"决策公开":"decision","決策公開":"decision"}[.] // .) else . end
	| if .kind == "行政許可決定" then .kind = "license" else . end' "$TESTS/../examples/documents.jsonl" >"$T/want"
same_file "$T/got" "$T/want" "--no-default-rules: only synonyms are normalised"

# ---- rules files ----------------------------------------------------------
# Several -r files in order, before the defaults: the first match wins per field.
printf '%s\n' 'category=execution if kind=guide' >"$T/a.rules"
printf '%s\n' 'category=result reason=第二个文件 if kind=guide' >"$T/b.rules"
printf '%s\n' '{"id":"G-1","kind":"guide","title":"办事指南"}' >"$T/g.jsonl"
run go-classify -r "$T/a.rules" -r "$T/b.rules" "$T/g.jsonl"
is "$(jq -c '[.attribute, .category, .reason]' "$T/out")" '["proactive","execution","第二个文件"]' "the first -r file wins, then the next, then the defaults"
is "$(jq -c .classified_by "$T/out")" "{\"attribute\":\"default:36\",\"category\":\"$T/a.rules:1\",\"reason\":\"$T/b.rules:1\"}" "provenance names each"

# Rules from stdin with -r -.
run sh -c "printf '%s\n' 'category=result if kind=guide' | go-classify --no-default-rules -r - '$T/g.jsonl'"
is "$(jq -r '.classified_by.category' "$T/out")" "-:1" "-r - reads the rules from stdin"
run go-classify -r - </dev/null
is "$status" 2 "-r - with records on stdin too is a usage error"

# Errors in several files are all reported, and no record is read.
printf '%s\n' '# ok' 'attribute=maybe if kind=notice' >"$T/bad1.rules"
printf '%s\n' 'category=result' 'category=result if kind~x' 'if pii' >"$T/bad2.rules"
run sh -c "printf 'not json\n' | go-classify -r '$T/bad1.rules' -r '$T/bad2.rules'"
is "$status" 2 "malformed rules exit 2"
is "$(cat "$T/out")" "" "no record is written"
is "$(cat "$T/err")" "go-classify: $T/bad1.rules:2: 'maybe' is not an attribute (proactive, on-request, withheld)
go-classify: $T/bad2.rules:3: nothing to set before 'if' (attribute=, category=, basis=, reason=)" \
	"each malformed rule as RULES:LINE: message, and no record read (no invalid-JSON report)"

# A rule without 'if' matches every record; CRLF rules files are fine.
printf 'category=execution\r\n' >"$T/all.rules"
run go-classify --no-default-rules -r "$T/all.rules" "$T/g.jsonl"
is "$(jq -r .category "$T/out")" "execution" "a rule with no condition always matches (CRLF accepted)"

# Conditions see the record as it came in, not what earlier rules set.
printf '%s\n' 'attribute=proactive if kind=guide' 'category=service if attribute=proactive' >"$T/seq.rules"
run go-classify --no-default-rules -r "$T/seq.rules" "$T/g.jsonl"
is "$(jq -c '[.attribute, .category]' "$T/out")" '["proactive",null]' "conditions test the record as read"

# A rule whose attribute differs from one set by an earlier rule is skipped whole.
printf '%s\n' 'attribute=proactive if kind=guide' 'attribute=withheld basis=ogi-16-internal reason=内部 category=service if kind=guide' >"$T/skip.rules"
run go-classify --no-default-rules -r "$T/skip.rules" "$T/g.jsonl"
is "$(jq -c '[.attribute, .basis, .reason, .category, .problems]' "$T/out")" '["proactive",null,null,null,null]' \
	"no withheld basis on a proactive record, and no warning for a rule's own choice"

# ---- behaviour over a stream ------------------------------------------------
go-classify "$T/all.jsonl" >"$T/once" 2>/dev/null
go-classify "$T/once" >"$T/twice" 2>/dev/null
same_file "$T/twice" "$T/once" "classifying twice gives what classifying once does"

sh "$TESTS/../bench/corpus.sh" 3000 bare >"$T/big.jsonl"
go-classify "$T/big.jsonl" >"$T/big.out"
is "$?" 0 "3000 corpus records classify cleanly"
is "$(jq -r .id "$T/big.out" | md5sum)" "$(jq -r .id "$T/big.jsonl" | md5sum)" "one line out per line in, in order"
is "$(jq -r 'select(.attribute == null or .category == null) | .id' "$T/big.out" | wc -l)" 0 "the defaults give every corpus record an attribute and category"

# An over-long line is kept byte for byte, in its place.
good='{"id":"G-1","kind":"guide","title":"办事指南"}'
head -c 5000 /dev/zero | tr '\0' 'x' >"$T/long"
{ printf '%s\n' "$good"; printf '{"id":"LONG","body":"'; cat "$T/long"; printf '"}\n'; printf '%s\n' "$good"; } >"$T/in"
GO_MAX_LINE=1000 go-classify "$T/in" >"$T/out" 2>"$T/err"
is "$?" 1 "an over-long line is an error"
is "$(jq -r '.id // .at' "$T/out" | tr '\n' ' ')" "G-1 $T/in:2 G-1 " "it keeps its place between the others"
sed -n 2p "$T/in" >"$T/want"
sed -n 2p "$T/out" | jq -r .invalid_line_base64 | base64 -d >"$T/got"
printf '\n' >>"$T/got"
same_file "$T/got" "$T/want" "and comes back byte for byte"

if [ -w /dev/full ]; then
	go-classify "$T/big.jsonl" >/dev/full 2>"$T/err"
	is "$?" 2 "a write error exits 2"
	like "$(head -n 1 "$T/err")" 'go-classify: standard output: No space left on device' "and is reported"
else
	skip 2 "/dev/full is not writable here"
fi

if command -v script >/dev/null; then
	script -qec 'go-classify; echo "status=$?"' /dev/null </dev/null >"$T/tty" 2>&1
	like "$(cat "$T/tty")" 'usage: go-classify' "a terminal on stdin prints usage"
	like "$(cat "$T/tty")" 'status=2' "and exits 2"
else
	skip 2 "script(1) is not installed: no terminal for stdin"
fi
# --- personnel and internal matters, --explain, --stats (issue 10 §1) ---------
n=0
for t in 关于张某同志任职的通知 关于孙某某同志试用期满考核合格的通知 关于聘任赵某为公职律师的通知 \
	关于免去李某同志职务的通知 关于任命王某为科长的通知 关于钱某同志转正的通知 关于2026年职级晋升的通知 \
	关于周某辞去公职的批复 关于录用吴某等3名公务员的通知 关于郑某同志工作调动的通知 \
	关于2025年度考核结果的通知 关于给予冯某嘉奖的决定 关于调整工资标准的通知 关于发放职工福利的通知 \
	關於陳某同志任職的通知; do
	n=$((n + 1))
	printf '{"id":"N-%s","title":"%s","office":"政治处","kind":"notice","date":"2026-03-04"}\n' "$n" "$t"
done >"$T/personnel.jsonl"
run go-classify "$T/personnel.jsonl"
is "$status" 0 "personnel notices: no error"
is "$(jq -r '.attribute + " " + (.basis | join(","))' "$T/out" | sort | uniq -c | sed 's/^ *//')" "15 withheld ogi-16-internal" \
	"every personnel notice is suggested withheld / ogi-16-internal, none proactive"
is "$(jq -r '.reason' "$T/out" | grep -vc '第十六条第一款')" 0 "each reason cites OGI article 16 paragraph 1"
printf '%s\n' '{"id":"N-99","title":"关于开展普法宣传的通知","office":"办公室","kind":"notice","date":"2026-03-04"}' >"$T/plain.jsonl"
is "$(go-classify "$T/plain.jsonl" | jq -r .attribute)" proactive "an ordinary notice is still proactive"

run go-classify --explain "$T/personnel.jsonl" "$T/plain.jsonl"
is "$status" 0 "--explain exits 0"
is "$(wc -l <"$T/out")" 16 "--explain writes the records"
same_file "$T/out" "$(go-classify "$T/personnel.jsonl" "$T/plain.jsonl" >"$T/plain-out"; echo "$T/plain-out")" "--explain changes no record"
is "$(sed -n 1p "$T/err")" "go-classify: $T/personnel.jsonl:1: N-1: default:$(go-classify --print-default-rules | grep -n '^attribute=withheld basis=ogi-16-internal reason=.*if title~任职' | cut -d: -f1) 设定 attribute、basis、reason，因为 title 含 “任职”" \
	"--explain names the rule, the fields and the words"
like "$(sed -n 15p "$T/err")" '因为 title 含 “任职”$' "a traditional-script title is explained in the rule's words"
like "$(sed -n 16p "$T/err")" "N-99: default:[0-9]+ 设定 attribute、category、reason，因为 kind 为 notice$" "the fallback is explained too"
printf '{"id":"N-0","kind":"meeting","title":"会议"}\n' | go-classify --explain 2>"$T/err" >/dev/null
is "$(cat "$T/err")" "go-classify: <stdin>:1: N-0: 没有规则适用" "--explain says when no rule applies"

run go-classify --stats "$T/personnel.jsonl" "$T/plain.jsonl"
is "$(wc -l <"$T/err")" "$(($(go-classify --print-default-rules | grep -c '^attribute=') + 1))" "--stats: one line a rule, then the total"
r=$(go-classify --print-default-rules | grep -n '^attribute=withheld basis=ogi-16-internal reason=.*if title~任职' | cut -d: -f1)
is "$(grep "default:$r:" "$T/err")" "go-classify: default:$r: 设定 33 个字段（attribute 11、basis 11、reason 11）" "--stats counts the fields a rule set"
is "$(tail -n 1 "$T/err")" "go-classify: 共 $(go-classify --print-default-rules | grep -c '^attribute=') 条规则，设定 48 个字段" "and the total"
like "$(grep -c ': 设定 0 个字段' "$T/err")" '^[1-9]' "rules that set nothing are listed, for the audit"
# The wider detector: a full-width mobile makes a record withheld; an office's
# fixed line alone does not.
printf '%s\n' '{"id":"Q-1","title":"通知","office":"办公室","kind":"notice","date":"2026-03-04","body":"联系人手机１３８-１２３４-５６７８"}' \
	'{"id":"Q-2","title":"通知","office":"办公室","kind":"notice","date":"2026-03-04","body":"咨询电话 0571-87654321"}' >"$T/q.jsonl"
run go-classify "$T/q.jsonl"
is "$(jq -r '.attribute + " " + (.basis // [] | join(","))' "$T/out" | tr '\n' ';')" "withheld ogi-15-third-party;proactive ;" \
	"a full-width grouped mobile is personal information; a fixed line alone is not"
# Issue 18: the default rules' variants were worked out at build time, so
# go-classify starts without OpenCC's dictionaries; a keyword of the user's
# own still gets its variants (OpenCC, loaded then).
printf '%s\n' '{"id":"V-1","title":"關於調整公積金繳存基數的通知","kind":"notice","office":"办公室","date":"2026-03-04"}' >"$T/v.jsonl"
run go-classify "$T/v.jsonl"
is "$(jq -r .attribute "$T/out")" withheld "default rules, traditional title: 公积金 matches 公積金 (variants from the table)"
is "$(cat "$T/err")" "" "default rules: nothing on stderr"
printf 'attribute=withheld basis=ogi-16-internal reason="党费收缴" if title~党费收缴\n' >"$T/own.rules"
printf '%s\n' '{"id":"V-2","title":"黨費收繳情況","kind":"notice","office":"办公室","date":"2026-03-04"}' >"$T/own.jsonl"
run go-classify --no-default-rules -r "$T/own.rules" "$T/own.jsonl"
is "$(jq -r .attribute "$T/out")" withheld "a user's keyword: its traditional variant matches (OpenCC at run time)"
if command -v strace >/dev/null 2>&1; then
	strace -f -e trace=open,openat -o "$T/trace" go-classify "$T/v.jsonl" >/dev/null 2>&1
	is "$(grep -c '/opencc/' "$T/trace")" 0 "the default rules: no OpenCC data file opened"
	strace -f -e trace=open,openat -o "$T/trace" go-classify --no-default-rules -r "$T/own.rules" "$T/own.jsonl" >/dev/null 2>&1
	like "$(grep -c '/opencc/.*\.ocd2' "$T/trace")" '^[1-9]' "a user's keyword: OpenCC's dictionaries are loaded"
else
	skip 2 "strace is not installed"
fi
finish
