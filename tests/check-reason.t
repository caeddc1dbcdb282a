#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-check-reason as a command: options, exit codes, files, and what no fixture shows.
. "${0%/*}/lib.sh"

run go-check-reason --help
is "$status" 0 "--help exits 0"
like "$(head -n 1 "$T/out")" '^usage: go-check-reason \[--today YYYY-MM-DD\] \[--mask\] \[--summary\] \[FILE\.\.\.\]$' "--help prints usage on stdout"
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

# Only libjansson and libarchive are linked: libarchive reads the OOXML and
# ODF attachments rule 9 scans (lib/attach.c, issue 10); no git, no OpenCC.
if command -v readelf >/dev/null; then
	readelf -d "$GO_BUILD/bin/go-check-reason" | grep NEEDED >"$T/needed"
	if grep -Eq 'git2|opencc' "$T/needed"; then ok 1 "links only what it uses"; else ok 0 "links only what it uses"; fi
	if grep -q 'libarchive' "$T/needed"; then ok 0 "links libarchive, for the attachments"; else ok 1 "links libarchive, for the attachments"; fi
else
	skip 2 "readelf is not installed"
fi
# --- personal information (issue 10 §2) ---------------------------------------
rec() { printf '{"id":"P-%s","title":"通知","office":"法治宣传科","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"service","published":"2026-03-02",%s}\n' "$1" "$2"; }

# Every finding is reported, up to GO_PII_MAX_PER_FIELD (10), then one more that counts the rest.
rec 1 "\"body\":\"手机$(for i in 10 11 12 13 14 15 16 17 18 19 20 21; do printf '138123456%s，' $i; done)\"" >"$T/many.jsonl"
run go-check-reason --today 2026-03-05 "$T/many.jsonl"
is "$status" 1 "twelve mobile numbers: an error"
is "$(jq '[.problems[] | select(.code == "pii-in-proactive")] | length' "$T/out")" 11 "ten problems, then one that counts the rest"
like "$(jq -r '.problems[10].message' "$T/out")" '另有 2 处个人信息未逐一列出（每个字段最多列出 10 处）' "the last one says how many more"
is "$(jq -r '.problems[1].message' "$T/out" | grep -o '138\*\*\*\*[0-9]*')" '138****5611' "each is masked"

# Attachments: text files and the text of OOXML and ODF documents, named in the problem.
mkdir -p "$T/att/word" "$T/att/xl" "$T/odt"
printf '<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>联系人手机</w:t></w:r><w:r><w:t>138</w:t></w:r><w:r><w:t>12345678</w:t></w:r></w:p><w:p><w:r><w:t>热线12348</w:t></w:r></w:p></w:body></w:document>' >"$T/att/word/document.xml"
(cd "$T/att" && bsdtar --format zip -cf "$T/名单.docx" word)
printf '<?xml version="1.0"?><sst><si><t>身份证</t></si><si><t>330102198507150018</t></si></sst>' >"$T/att/xl/sharedStrings.xml"
(cd "$T/att" && bsdtar --format zip -cf "$T/表.xlsx" xl)
printf '<?xml version="1.0"?><office:document-content><office:body><text:p>卡号6222<text:s/>0212<text:s/>3456<text:s/>7890<text:s/>128</text:p></office:body></office:document-content>' >"$T/odt/content.xml"
(cd "$T/odt" && bsdtar --format zip -cf "$T/c.odt" content.xml)
printf '电话：１３９－１２３４－５６７８\n' >"$T/d.txt"
printf '<p>住宅电话 010-62345678</p>\n' >"$T/e.html"
printf '名单,号码\n张某,13712345678\n' >"$T/f.csv"
printf '# 说明\n统一社会信用代码91330106MA2H123456，某司发〔2026〕3号\n' >"$T/g.md"
printf 'not a zip' >"$T/h.docx"
rec 2 "\"attachments\":[{\"name\":\"名单.docx\",\"path\":\"$T/名单.docx\"},{\"name\":\"表.xlsx\",\"path\":\"$T/表.xlsx\"},{\"name\":\"c.odt\",\"path\":\"$T/c.odt\"},{\"name\":\"d.txt\",\"path\":\"$T/d.txt\"},{\"path\":\"$T/e.html\"},{\"name\":\"f.csv\",\"path\":\"$T/f.csv\"},{\"name\":\"g.md\",\"path\":\"$T/g.md\"},{\"name\":\"h.docx\",\"path\":\"$T/h.docx\"},{\"name\":\"i.pdf\",\"path\":\"$T/i.pdf\"}]" >"$T/att.jsonl"
run go-check-reason --today 2026-03-05 "$T/att.jsonl"
is "$status" 1 "personal numbers in attachments are errors"
jq -r '.problems[] | "\(.code) \(.severity) \(.field) \(.message)"' "$T/out" | sed 's/，公开前.*//; s/，如非.*//' >"$T/got"
cat >"$T/want" <<'WANT'
pii-in-proactive error attachments 主动公开的附件“名单.docx”中含有个人信息（手机号码 138****5678）
pii-in-proactive error attachments 主动公开的附件“表.xlsx”中含有个人信息（居民身份证号码 3301**********0018）
pii-in-proactive error attachments 主动公开的附件“c.odt”中含有个人信息（银行卡号 6222***********0128）
pii-in-proactive error attachments 主动公开的附件“d.txt”中含有个人信息（手机号码 139****5678）
pii-in-proactive warning attachments 主动公开的附件“e.html”中含有固定电话号码（010******78）
pii-in-proactive error attachments 主动公开的附件“f.csv”中含有个人信息（手机号码 137****5678）
attachment-not-scanned warning attachments 附件“h.docx”无法读取，未检查其中的个人信息：Unrecognized archive format。
WANT
same_file "$T/got" "$T/want" "each attachment is scanned and named; a credit code, 文号 and a hotline are not"
is "$(cat "$T/err")" "" "nothing on stderr"

# No number is ever printed whole: invalid-json, unknown-kind, invalid-basis, stderr.
printf '{"id":"A" 13812345678}\n' >"$T/bad.jsonl"
rec 3 '"kind":"13812345678","basis":["330102198507150018"]' | sed 's/"kind":"notice",//' >>"$T/bad.jsonl"
run go-check-reason --today 2026-03-05 "$T/bad.jsonl"
is "$(jq -r '.problems[0].message' "$T/out" | head -1)" "invalid JSON: ',' or '}' expected near '138****5678}' (column 11)" "invalid-json quotes the line masked"
is "$(cat "$T/err")" "go-check-reason: $T/bad.jsonl:1: invalid JSON: ',' or '}' expected near '138****5678}' (column 11)" "and so does stderr"
like "$(jq -r 'select(.id) | .problems[] | select(.code == "unknown-kind") | .message' "$T/out")" '“138\*\*\*\*5678”' "unknown-kind quotes the value masked"
like "$(jq -r 'select(.id) | .problems[] | select(.code == "invalid-basis") | .message' "$T/out")" '“3301\*\*\*\*\*\*\*\*\*\*0018”' "invalid-basis quotes the value masked"
if grep -Eq '13812345678|330102198507150018' "$T/err" || jq -r '.problems[].message' "$T/out" | grep -Eq '13812345678|330102198507150018'; then
	ok 1 "no message holds a number whole"
else ok 0 "no message holds a number whole"; fi

# --mask: the record with its numbers masked, and a masked warning.
rec 4 '"title":"关于张某（13812345678）的通知","body":"身份证 330102 19850715 0018，电话138-1234-5678，热线12348。"' | sed 's/"title":"通知",//' >"$T/m.jsonl"
run go-check-reason --today 2026-03-05 --mask "$T/m.jsonl"
is "$status" 0 "--mask: nothing left to refuse"
is "$(jq -r .title "$T/out")" "关于张某（138****5678）的通知" "--mask masks the title"
is "$(jq -r .body "$T/out")" "身份证 3301**********0018，电话138****5678，热线12348。" "--mask masks the body, each finding"
is "$(jq -r '[.problems[] | .code + " " + .severity] | join(",")' "$T/out")" "masked warning" "with a masked warning"
go-check-reason --today 2026-03-05 --mask "$T/out" >"$T/twice" 2>/dev/null
same_file "$T/twice" "$T/out" "--mask twice gives what --mask once does"
run go-check-reason --today 2026-03-05 "$T/m.jsonl"
is "$(jq -r .body "$T/out")" "$(jq -r .body "$T/m.jsonl")" "without --mask the record is not changed"
is "$(jq '[.problems[] | select(.code == "pii-in-proactive")] | length' "$T/out")" 3 "and every finding is an error"
finish
