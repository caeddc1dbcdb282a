#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# The office's view (issue 17): the README's pipeline run as it is written, on two
# batches a week apart; refusals as problems with codes; the Chinese summaries.
. "${0%/*}/lib.sh"
ROOT=$(cd "$TESTS/.." && pwd)

day() { date -u -d "$1 days" +%F; }
d9=$(day -9) d7=$(day -7) d1=$(day -1)
p1=$(printf %s "${d1%-*}" | tr - /) # the month folder of $d1: docs/<YYYY>/<MM>/

# ---- item 1: the README pipeline, literally ---------------------------------
sed -n '/^## The pipeline/,/^| tool/p' "$ROOT/README.md" | sed -n 's/^    //p' >"$T/pipeline.sh"
like "$(cat "$T/pipeline.sh")" 'go-link-interp --repo store.git' "the README's pipeline gives go-link-interp the store"
like "$(cat "$T/pipeline.sh")" '--accept-classified' "  and go-publish --accept-classified"

mkdir "$T/week1" "$T/week2"
# week 1: a policy and its interpretation (published a week ago), a guide whose
# attribute go-classify's rules suggest
printf '%s\n' \
	'{"id":"SFJ-2026-T01","title":"市司法局关于规范行政执法公示工作的实施办法","office":"政策法规科","kind":"normative","date":"'"$d9"'","published":"'"$d7"'","attribute":"proactive","category":"decision","body":"第一条 为规范行政执法公示工作，制定本办法。"}' \
	'{"id":"SFJ-2026-T01-JD","title":"《实施办法》政策解读","office":"政策法规科","kind":"interpretation","interprets":"SFJ-2026-T01","form":"article","date":"'"$d9"'","published":"'"$d7"'","attribute":"proactive","category":"decision","body":"一、起草背景"}' \
	'{"id":"SFJ-2026-T02","title":"法律援助申请办事指南","office":"法律援助中心","kind":"guide","date":"'"$d9"'","published":"'"$d7"'","body":"一、办理依据"}' \
	>"$T/week1/docs.jsonl"
# week 2: a second interpretation of the policy already published
printf '%s\n' \
	'{"id":"SFJ-2026-T01-JD2","title":"《实施办法》答记者问","office":"政策法规科","kind":"interpretation","interprets":"SFJ-2026-T01","form":"article","date":"'"$d1"'","attribute":"proactive","category":"decision","body":"问：为什么制定《实施办法》？"}' \
	>"$T/week2/docs.jsonl"
(cd "$T/week1" && sh "$T/pipeline.sh") >"$T/out1" 2>"$T/err1"
is "$?" 0 "week 1: the README pipeline exits 0"
is "$(jq -r .publish.status "$T/week1/out.jsonl" | sort | uniq -c | tr -s ' ')" " 3 published" "  every record published"
mv "$T/week1/store.git" "$T/week2/"
sed -i 's/^go-publish --init /: &/' "$T/pipeline.sh"  # the store exists: the once-only line is not run again
(cd "$T/week2" && sh "$T/pipeline.sh") >"$T/out2" 2>"$T/err2"
is "$?" 0 "week 2: the README pipeline exits 0"
is "$(jq -r '.id + " " + .publish.status' "$T/week2/out.jsonl")" "SFJ-2026-T01-JD2 published" \
	"  the interpretation of an already published policy is accepted"
S=$T/week2/store.git
is "$(git --git-dir="$S" show public:docs/$p1/SFJ-2026-T01-JD2/record.json | jq -r .interprets)" SFJ-2026-T01 \
	"  and it is on public (read back with git)"
git --git-dir="$S" fsck --strict >/dev/null 2>&1
is "$?" 0 "  git fsck --strict is clean"

# ---- item 1: go-publish's results replace those of the filters ---------------
# the filters run without the store: orphan-interpretation; go-publish knows better
printf '%s\n' '{"id":"SFJ-2026-T01-JD3","title":"《实施办法》图解","office":"政策法规科","kind":"interpretation","interprets":"SFJ-2026-T01","form":"graphic","date":"'"$d1"'","attribute":"proactive","category":"decision","body":"图解"}' |
	go-check-reason | go-link-interp >"$T/filtered.jsonl"
is "$(jq -r '.problems[].code' "$T/filtered.jsonl")" orphan-interpretation "without the store, go-link-interp finds no policy"
run go-publish --repo "$S" "$T/filtered.jsonl"
is "$status" 0 "go-publish against the store: exit 0"
is "$(jq -r .publish.status "$T/out")" published "  the interpretation is published"
is "$(jq -c '.problems // []' "$T/out")" "[]" "  and the filter's orphan-interpretation is replaced by go-publish's (no) findings"
# an error of a filter that go-publish agrees with stays an error, now go-publish's
printf '%s\n' '{"id":"SFJ-2026-T03","title":"无类别","office":"办公室","kind":"notice","date":"'"$d1"'","attribute":"proactive"}' |
	go-check-reason >"$T/nocat.jsonl"
run go-publish --repo "$S" "$T/nocat.jsonl"
is "$status" 1 "a record the checks refuse: exit 1"
is "$(jq -r '[.problems[] | .tool + ":" + .code] | join(" ")' "$T/out")" "go-publish:missing-category" \
	"  go-check-reason's problem replaced by go-publish's, not doubled"
is "$(jq -r .publish.reason "$T/out")" "未通过检查：missing-category" "  the reason names the code, in Chinese"

# ---- item 2: every store refusal is a problem with a code ----------------------
R='"office":"办公室","kind":"notice","date":"'"$d1"'","attribute":"proactive","category":"execution"'
printf '%s\n' \
	'{"id":"SFJ-2026-T10","title":"一",'"$R"'}' \
	'{"id":"SFJ-2026-T10","title":"二",'"$R"'}' \
	'{"id":"sfj-2026-t10","title":"三",'"$R"'}' \
	'{"id":"sfj-2026-t01","title":"四",'"$R"'}' \
	'{"id":"SFJ-2026-T11","title":"五",'"$R"',"attachments":[{"name":"..","path":"x"}]}' \
	'{"id":"SFJ-2026-T12","title":"六",'"$R"',"attachments":[{"name":"x.pdf","path":"/nonexistent/x.pdf"}]}' \
	'{"id":"SFJ-2026-T13","title":"七",'"$R"',"problems":[{"code":"x","severity":"error","tool":"go-classify"}]}' \
	>"$T/refuse.jsonl"
run go-publish --repo "$S" --dry-run "$T/refuse.jsonl"
is "$status" 1 "store refusals: exit 1"
is "$(jq -r 'select(.publish.status == "refused") | [.id, (.problems | map(select(.tool == "go-publish")) | .[0] | .code + "@" + .field)] | join(" ")' "$T/out")" \
"SFJ-2026-T10 duplicate-id@id
sfj-2026-t10 case-twin@id
sfj-2026-t01 case-twin@id
SFJ-2026-T11 unsafe-name@attachments
SFJ-2026-T12 attachment-unreadable@attachments
SFJ-2026-T13 carries-error@problems" "  each a problem with a stable code and the field"
is "$(jq -r 'select(.publish.status == "refused") | (.problems | map(select(.tool == "go-publish")) | .[0].message) == .publish.reason' "$T/out" | sort -u)" true \
	"  the reason is the problem's message"
is "$(jq -r 'select(.publish.status == "refused") | .publish.reason' "$T/out" | LC_ALL=C grep -c '[^ -~]')" 6 \
	"  every reason in Chinese"
is "$(jq -r 'select(.publish.status == "refused") | .publish.reason' "$T/out" | grep -c 'differs\|appears\|cannot\|usable')" 0 \
	"  none in English"

# ---- item 3: the summaries for people --------------------------------------------
run go-publish --repo "$S" --dry-run --summary "$T/refuse.jsonl"
cp "$T/out" "$T/with-summary"
go-publish --repo "$S" --dry-run "$T/refuse.jsonl" >"$T/without" 2>"$T/without-err"
same_file "$T/with-summary" "$T/without" "go-publish --summary: stdout untouched"
is "$(cat "$T/without-err")" "" "  without it (stderr not a terminal), nothing on stderr"
is "$(head -1 "$T/err")" "go-publish：共 7 条，发布 1 条，未变 0 条，拒绝 6 条" "  the counts, in Chinese"
is "$(sed -n 2p "$T/err")" "go-publish：SFJ-2026-T10《二》：编号在本批次中出现两次：只发布第一条，这一条未发布" \
	"  then each refused record: id, title, reason"
is "$(wc -l <"$T/err" | tr -d ' ')" 7 "  one line per refused record"
printf '%s\n' '{"id":"SFJ-2026-T20","title":"张三的申请，电话 13812345678","office":"办公室","kind":"notice","date":"'"$d1"'","attribute":"proactive"}' \
	'{"id":"SFJ-2026-T21","title":"好",'"$R"'}' >"$T/two.jsonl"
run go-check-reason --summary "$T/two.jsonl"
is "$status" 1 "go-check-reason --summary: exit 1 as without"
is "$(cat "$T/err")" "go-check-reason：SFJ-2026-T20《张三的申请，电话 138****5678》：missing-category, pii-in-proactive
go-check-reason：共 2 条记录，其中 1 条有错误（见上，问题详情在各记录的 problems 中）" \
	"  one line per record with errors (id, masked title, codes), and the count"
go-check-reason "$T/two.jsonl" >"$T/plain" 2>"$T/plain-err"
same_file "$T/out" "$T/plain" "  stdout untouched"
is "$(cat "$T/plain-err")" "" "  nothing on stderr without --summary"
printf '%s\n' '{"id":"SFJ-2026-T30-JD","title":"无主解读","office":"政策法规科","kind":"interpretation","interprets":"SFJ-2026-T99","date":"'"$d1"'","attribute":"proactive","category":"decision"}' >"$T/orphan.jsonl"
run go-link-interp --summary --repo "$S" "$T/orphan.jsonl"
is "$(cat "$T/err")" "go-link-interp：SFJ-2026-T30-JD《无主解读》：orphan-interpretation
go-link-interp：共 1 条记录，其中 1 条有错误（见上，问题详情在各记录的 problems 中）" \
	"go-link-interp --summary: the same style"
if command -v script >/dev/null; then
	script -qec "go-check-reason $T/two.jsonl >/dev/null" /dev/null >"$T/tty" 2>&1
	like "$(cat "$T/tty")" 'go-check-reason：SFJ-2026-T20' "on a terminal, the summary without --summary"
else
	skip 1 "no script(1)"
fi

# ---- item 6: go-publish sets published on proactive records only -----------------
printf '%s\n' '{"id":"SFJ-2026-T40","title":"依申请","office":"办公室","kind":"notice","date":"'"$d1"'","attribute":"on-request","reason":"涉及第三方，依申请公开"}' |
	go-publish --repo "$S" >"$T/onreq.jsonl"
is "$(jq -r .publish.status "$T/onreq.jsonl")" published "an on-request record is published in the register"
is "$(git --git-dir="$S" show "main:docs/$p1/SFJ-2026-T40/record.json" | jq -r 'has("published")')" false \
	"  without a published date (read back with git)"
go-cat --repo "$S" SFJ-2026-T40 | go-check-reason >"$T/recheck.jsonl"
is "$(jq -c '.problems // []' "$T/recheck.jsonl")" "[]" "  so re-checking the register finds nothing (no published-on-request)"
# a future date is an error: go-publish refuses it
printf '%s\n' '{"id":"SFJ-2026-T41","title":"明天","office":"办公室","kind":"notice","date":"'"$(day 1)"'","attribute":"proactive","category":"execution"}' |
	go-publish --repo "$S" --dry-run >"$T/future.jsonl"
is "$(jq -r .publish.reason "$T/future.jsonl")" "未通过检查：future-date" "a date after today is refused (future-date)"

# ---- item 8: bash and zsh complete the remotes of the --repo store after --push ---
git init -q --bare "$T/c.git" && git --git-dir="$T/c.git" remote add mirror "$T/elsewhere.git"
out=$(cd "$T" && bash -c ". '$ROOT/completions/bash/go-publish'; COMP_WORDS=(go-publish --repo '$T/c.git' --push ''); COMP_CWORD=4; _go_publish; printf '%s\n' \"\${COMPREPLY[@]}\"")
like "$out" '^mirror' "bash: --push offers the remotes of the store --repo names"
out=$(cd "$T" && bash -c ". '$ROOT/completions/bash/go-publish'; COMP_WORDS=(go-publish --repo='$T/c.git' --push ''); COMP_CWORD=3; _go_publish; printf '%s\n' \"\${COMPREPLY[@]}\"")
like "$out" '^mirror' "  also after --repo=DIR"
if command -v zsh >/dev/null; then
	zsh -n "$ROOT/completions/zsh/_go-publish"; ok $? "zsh: the completion parses"
	# _arguments and _alternative stubbed: what --push would be offered
	out=$(zsh -c '_arguments() { :; }; _alternative() { print -l -- $remotes; }
		source "$1"; words=(go-publish --repo "$2" --push ""); CURRENT=5; _go_publish_remotes' \
		zsh "$ROOT/completions/zsh/_go-publish" "$T/c.git")
	is "$out" mirror "  --push offers the remotes of the store --repo names"
else
	skip 2 "no zsh"
fi
for t in go-check-reason go-link-interp go-publish; do
	n=$(grep -lE -- '--summary\b|-l summary' "$ROOT/completions/bash/$t" "$ROOT/completions/zsh/_$t" "$ROOT/completions/fish/$t.fish" | wc -l)
	is "$n" 3 "$t: --summary in the bash, zsh and fish completions"
done

# ---- item 8: documentation that is true ------------------------------------------
go-cat --help >"$T/cat-help"
go-publish --help >"$T/pub-help"
is "$(awk 'NR > 1 && !/^ / { print "[" $0 "]"; exit }' "$T/cat-help")" "[]" \
	"go-cat --help: usage, a blank line, then the description, as the others"
is "$(grep -c '^  -h, --help          show this help$' "$T/cat-help" "$T/pub-help" | sed 's/.*://' | sort -u)" 1 \
	"  -h, --help in the same column with the same words as go-publish's"
is "$(grep -c '^      --version       show the version$' "$T/cat-help")" 1 "  --version on its own line"
like "$(tail -2 "$T/cat-help" | head -1)" '^Exit status: ' "  the exit status last, after a blank line"
like "$(grep -o 'unsupported-version` ([^)]*)' "$ROOT/README.md")" '1\.0, 0\.97 and 0\.96 are read' "README: BagIt 1.0, 0.97 and 0.96 are read"
like "$(tr '\n' ' ' <"$ROOT/man/go-archive.1")" 'versions 1\.0, 0\.97 and 0\.96 with' "  and go-archive(1) says the same"

# ---- item 5: a policy whose only interpretation was refused says which and why ----
printf '%s\n' \
	'{"id":"SFJ-2026-T50","title":"关于某事项的实施意见","office":"政策法规科","kind":"policy","date":"'"$d1"'","attribute":"proactive","category":"decision","body":"政策"}' \
	'{"id":"SFJ-2026-T50-JD","title":"解读","office":"政策法规科","kind":"interpretation","interprets":"SFJ-2026-T50","date":"'"$d1"'","attribute":"proactive","category":"decision","body":"解读","attachments":[{"name":"x.pdf","path":"/nonexistent/x.pdf"}]}' \
	>"$T/pair.jsonl"
run go-publish --repo "$S" --dry-run "$T/pair.jsonl"
is "$(jq -r 'select(.id == "SFJ-2026-T50") | .publish.reason' "$T/out")" "未通过检查：missing-interpretation, interpretation-refused" \
	"a policy whose interpretation was refused: the reason names both codes"
like "$(jq -r 'select(.id == "SFJ-2026-T50") | .problems[] | select(.code == "interpretation-refused") | .message' "$T/out")" \
	'^本批次中的解读 SFJ-2026-T50-JD 未发布（.*x\.pdf.*），' "  and the problem says which interpretation, and why"
run go-publish --repo "$S" "$T/pair.jsonl"
is "$status $(jq -r .publish.status "$T/out" | sort -u)" "1 refused" "  publishing for real: both refused, exit 1"
is "$(git --git-dir="$S" ls-tree -r --name-only main | grep -c SFJ-2026-T50)" 0 "  and the policy is not in the register without its interpretation"

# ---- item 4: the same code has the same text in every tool ------------------------
printf '%s\n' '{"id":"SFJ-2026-T60","title":"通知","office":"办公室","kind":"notice","date":"'"$d1"'","attribute":"proactive","category":"execution","body":"身份证号码11010519491231002X"}' >"$T/pii.jsonl"
a=$(go-classify "$T/pii.jsonl" | jq -r '.problems[] | select(.code == "pii-in-proactive") | .message')
b=$(go-check-reason "$T/pii.jsonl" | jq -r '.problems[] | select(.code == "pii-in-proactive") | .message')
is "$a" "$b" "pii-in-proactive reads the same in go-classify and go-check-reason"
like "$a" '^主动公开的正文（body）中含有个人信息（居民身份证号码 1101\*+002X）' "  in Chinese, the number masked"

# ---- make demo shows the Chinese summary ---------------------------------------
mkdir "$T/demo"
ln -s "$GO_BUILD/bin" "$T/demo/bin"
GO_BUILD=$T/demo sh "$ROOT/examples/demo.sh" >"$T/demo.out" 2>&1
is "$?" 0 "examples/demo.sh runs"
like "$(cat "$T/demo.out")" 'go-publish：共 12 条，发布 [0-9]+ 条，未变 0 条，拒绝 [0-9]+ 条' "  and shows go-publish's Chinese summary"

finish
