#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# One language per run (issue 17 item 4): Chinese by default, English with
# LANG=en* (LC_ALL, then LC_MESSAGES, then LANG); one table of texts
# (lib/messages.c), so the same code reads the same in every tool that emits it.
. "${0%/*}/lib.sh"
# in LANGUAGE... : run CMD with only these locale variables set
zh() { env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 "$@"; }
en() { env -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 "$@"; }
# any CJK ideograph (grep -P: a range of code points)
cjk='[\x{4e00}-\x{9fff}]'

S=$T/store.git
go-publish --init --repo "$S" </dev/null >/dev/null
printf '%s\n' '{"id":"P-1","title":"办法","office":"法规科","kind":"normative","date":"2026-03-02","attribute":"proactive","category":"decision","no_interpretation_reason":"内容简单","body":"条文"}' |
	go-publish --repo "$S" --today 2026-03-03 >/dev/null 2>&1
# records that draw problems from the filters and go-publish: personal numbers,
# reasons, basis, dates, a later interpretation, an orphan one
cat >"$T/in.jsonl" <<'J'
{"id":"A-1","title":"通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","body":"身份证号码11010519491231002X，电话13812345678"}
{"id":"A-2","title":"不公开","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"withheld","reason":"无","basis":["ogi-99"]}
{"id":"A-3","title":"迟到","office":"办公室","kind":"notice","date":"2026-01-05","published":"2026-01-02","attribute":"proactive"}
{"id":"A-4","title":"解读","office":"法规科","kind":"interpretation","interprets":"P-9","date":"2026-03-02","attribute":"proactive","category":"decision","body":"解读"}
{"id":"A-5","title":"依申请","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"on-request","reason":"","published":"2026-03-03"}
{"id":"a b","office":"办公室","kind":"nokind","date":"2026-13-01"}
J
# msgs TOOL-ARGS...: "id code field<TAB>message" of every problem of the run
msgs() {
	"$@" "$T/in.jsonl" 2>/dev/null |
		jq -r '.id as $i | .problems[]? | "\($i) \(.code) \(.field)\t\(.message)"' | sort
}
for L in zh en; do
	msgs $L go-classify >"$T/$L.classify"
	msgs $L go-check-reason --today 2026-03-20 >"$T/$L.check"
	msgs $L go-link-interp --repo "$S" --today 2026-03-20 >"$T/$L.interp"
	msgs $L go-publish --repo "$S" --dry-run --today 2026-03-20 >"$T/$L.publish"
	# for each id, code and field: each message of the tool that has fewest is
	# one of every other tool's (go-classify names the first personal number only)
	awk -F '\t' '{ n[FILENAME, $1]++; has[FILENAME, $1, $2] = 1; keys[$1] = 1; files[FILENAME] = 1;
			msg[FILENAME, $1, n[FILENAME, $1]] = $2 }
		END {
			for (key in keys) for (a in files) for (b in files) {
				if (a == b || !n[a, key] || !n[b, key] || n[a, key] > n[b, key]) continue
				for (i = 1; i <= n[a, key]; i++)
					if (!has[b, key, msg[a, key, i]])
						print key ": " a ": " msg[a, key, i]
			}
		}' "$T/$L.classify" "$T/$L.check" "$T/$L.interp" "$T/$L.publish" >"$T/$L.differ"
	is "$(cat "$T/$L.differ")" "" "$L: a code has the same text in every tool that emits it (go-classify, go-check-reason, go-link-interp, go-publish)"
	cut -f1 "$T/$L.classify" "$T/$L.check" "$T/$L.interp" "$T/$L.publish" | cut -d' ' -f2 | sort -u | tr '\n' ' ' >"$T/$L.codes"
done
like "$(cat "$T/zh.codes")" 'pii-in-proactive .*' "the codes compared include pii-in-proactive"
is "$(grep -c . "$T/zh.check")" "$(grep -c . "$T/en.check")" "the same problems in both languages"
is "$(cut -f2 "$T/zh.check" | grep -vcP "$cjk")" 0 "zh (LANG=zh_CN.UTF-8): every problem message of go-check-reason is Chinese"
is "$(cut -f2 "$T/en.check" | sed 's/such as 无 or 略/such as …/' | grep -cP "$cjk")" 0 "en (LANG=en_US.UTF-8): every problem message of go-check-reason is English"
is "$(cut -f2 "$T/en.interp" "$T/en.classify" | grep -cP "$cjk")" 0 "en: and so are go-link-interp's and go-classify's"
like "$(grep 'A-1 pii-in-proactive body' "$T/en.check" | grep 'resident ID' | cut -f2)" '^The proactive body holds personal information \(resident ID number 1101\*+002X\)' \
	"en: pii-in-proactive, the kind of number named in English, the number masked"
# unset: Chinese; LC_ALL wins over LANG, LC_MESSAGES over LANG
a=$(env -u LC_ALL -u LC_MESSAGES -u LANG go-check-reason --today 2026-03-20 "$T/in.jsonl" | jq -r 'select(.id == "A-3") | .problems[0].message')
is "$(printf '%s' "$a" | grep -cP "$cjk")" 1 "no locale variable: Chinese"
a=$(env -u LC_MESSAGES LC_ALL=zh_CN.UTF-8 LANG=en_US.UTF-8 go-check-reason --today 2026-03-20 "$T/in.jsonl" | jq -r 'select(.id == "A-3") | .problems[0].message')
is "$(printf '%s' "$a" | grep -cP "$cjk")" 1 "LC_ALL=zh_CN.UTF-8 LANG=en_US.UTF-8: Chinese (LC_ALL first)"
a=$(env -u LC_ALL LC_MESSAGES=en_GB.UTF-8 LANG=zh_CN.UTF-8 go-check-reason --today 2026-03-20 "$T/in.jsonl" | jq -r 'select(.id == "A-3") | .problems[0].message')
is "$(printf '%s' "$a" | grep -cP "$cjk")" 0 "LC_MESSAGES=en_GB.UTF-8 LANG=zh_CN.UTF-8: English (LC_MESSAGES before LANG)"

# ---- the summaries ---------------------------------------------------------------
zh go-check-reason --summary --today 2026-03-20 "$T/in.jsonl" >/dev/null 2>"$T/err"
like "$(tail -1 "$T/err")" '^go-check-reason：共 6 条记录，其中 [0-9]+ 条有错误' "zh: go-check-reason's summary"
en go-check-reason --summary --today 2026-03-20 "$T/in.jsonl" >/dev/null 2>"$T/err"
like "$(tail -1 "$T/err")" '^go-check-reason: 6 records, [0-9]+ with errors \(see above' "en: go-check-reason's summary in English"
like "$(head -1 "$T/err")" '^go-check-reason: A-1 "通知": ' "en: a record's line: id, \"title\", codes"
en go-publish --repo "$S" --dry-run --summary --today 2026-03-20 "$T/in.jsonl" >/dev/null 2>"$T/err"
like "$(cat "$T/err")" 'go-publish: 6 records, 0 published, 0 unchanged, 6 refused' "en: go-publish's summary in English"
zh go-publish --repo "$S" --dry-run --summary --today 2026-03-20 "$T/in.jsonl" >/dev/null 2>"$T/err"
like "$(cat "$T/err")" 'go-publish：共 6 条，发布 0 条，未变 0 条，拒绝 6 条' "zh: go-publish's summary in Chinese"

# ---- go-cat's problems -------------------------------------------------------------
git clone -q "$S" "$T/w" 2>/dev/null
mkdir -p "$T/w/docs/2025/03" && git -C "$T/w" mv docs/2026/03/P-1 docs/2025/03/P-1 &&
	git -C "$T/w" commit -qm moved --no-verify
zh go-cat --repo "$T/w/.git" --rev HEAD P-1 >"$T/cat" 2>/dev/null
like "$(jq -r '.problems[0].message' "$T/cat")" '^索引号 P-1、成文日期 2026-03-02 的记录应在 docs/2026/03/P-1/ 中' "zh: go-cat's misplaced-record"
en go-cat --repo "$T/w/.git" --rev HEAD P-1 >"$T/cat" 2>/dev/null
like "$(jq -r '.problems[0].message' "$T/cat")" '^a record with id P-1 and date 2026-03-02 belongs in docs/2026/03/P-1/' "en: go-cat's misplaced-record in English"

# ---- go-archive's findings -----------------------------------------------------------
go-archive create --repo "$S" --format tar -o "$T/a.tar" >/dev/null 2>&1
mkdir "$T/x" && (cd "$T/x" && bsdtar -xf "$T/a.tar")
f=$(cd "$T/x" && find . -name body.md | head -1)
printf 'changed\n' >>"$T/x/$f"
(cd "$T/x" && bsdtar -cf "$T/b.tar" .)
zh go-archive verify "$T/b.tar" >"$T/v" 2>/dev/null
like "$(jq -r 'select(.code == "checksum-mismatch") | .message' "$T/v" | head -1)" '^sha256 为 [0-9a-f]+，清单中为 [0-9a-f]+$' "zh: go-archive verify's finding"
en go-archive verify "$T/b.tar" >"$T/v" 2>/dev/null
like "$(jq -r 'select(.code == "checksum-mismatch") | .message' "$T/v" | head -1)" '^sha256 is [0-9a-f]+, the manifest says [0-9a-f]+$' "en: go-archive verify's finding in English"
is "$(jq -r .message "$T/v" | grep -cP "$cjk")" 0 "en: every finding in English"

# ---- the hooks' summary lines -----------------------------------------------------------
W=$T/hw
git init -q -b main "$W"
git -C "$W" config core.hooksPath "$GO_BUILD/share/go-tools/hooks"
mkdir -p "$W/docs/2026/03/BAD-1"
printf '%s\n' '{"id":"BAD-1","date":"2026-03-02","kind":"notice","office":"办公室","title":"没有公开属性","published":"2026-03-03"}' | jq -S . >"$W/docs/2026/03/BAD-1/record.json"
git -C "$W" add docs
(cd "$W" && zh git commit -qm bad) >/dev/null 2>"$T/err"
like "$(tail -1 "$T/err")" '^pre-commit：拒绝：1 份文件不符合规则（1 个错误）$' "zh: the hook's summary line"
(cd "$W" && en git commit -qm bad) >/dev/null 2>"$T/err"
like "$(tail -1 "$T/err")" '^pre-commit: refused: 1 document\(s\) break the rules \(1 error\(s\)\)$' "en: the hook's summary line in English"
like "$(head -1 "$T/err")" '^docs/2026/03/BAD-1/record.json: missing-attribute: No attribute' "en: and the problem it names"
# go-gate's findings, through the hook: git rm of a registered document
jq '.attribute = "proactive" | .category = "execution"' "$W/docs/2026/03/BAD-1/record.json" >"$T/fixed" &&
	cp "$T/fixed" "$W/docs/2026/03/BAD-1/record.json" && git -C "$W" add docs
(cd "$W" && zh git commit -qm good) >/dev/null 2>&1
git -C "$W" rm -rq docs/2026/03/BAD-1
(cd "$W" && zh git commit -qm rm) >/dev/null 2>"$T/err"
like "$(cat "$T/err")" '^docs/2026/03/BAD-1: document-deleted: docs/2026/03/BAD-1 被删除了' "zh: go-gate's finding in the hook"
(cd "$W" && en git commit -qm rm) >/dev/null 2>"$T/err"
like "$(cat "$T/err")" '^docs/2026/03/BAD-1: document-deleted: docs/2026/03/BAD-1 is deleted: a registered document is never deleted' "en: go-gate's finding in English"

# ---- make demo: the Chinese summary, also on a machine whose LANG is English -------
mkdir "$T/demo" && ln -s "$GO_BUILD/bin" "$T/demo/bin"
env -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 GO_BUILD="$T/demo" sh "$TESTS/../examples/demo.sh" >"$T/demo.out" 2>&1
is "$?" 0 "examples/demo.sh runs with LANG=en_US.UTF-8"
like "$(cat "$T/demo.out")" 'go-publish：共 12 条，发布 [0-9]+ 条' "  and shows go-publish's summary in Chinese, the office's language"
finish
