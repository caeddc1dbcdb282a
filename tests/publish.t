#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-publish: what real git sees in the store it writes (SPEC §5, §6).
. "${0%/*}/lib.sh"
S=$T/store.git
G() { git -C "$S" "$@"; }
pub() { run go-publish --repo "$S" --today 2026-03-10 "$@"; }
# field N KEY: the publish object's KEY of output line N
field() { sed -n "${1}p" "$T/out" | jq -r ".publish.$2"; }

P1='{"id":"SFJ-2026-001","title":"关于开展普法宣传的通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","body":"正文一"}'
P2='{"id":"SFJ-2026-002","title":"行政許可決定","office":"行政审批科","kind":"license","date":"2026-03-03","attribute":"主動公開","category":"結果公開","body":"正文二","number":"某司发〔2026〕3号"}'
R1='{"id":"SFJ-2026-003","title":"依申请公开的报告","office":"办公室","kind":"report","date":"2026-03-04","attribute":"on-request","reason":"涉及具体申请人的办理情况","body":"申请正文"}'
W1='{"id":"SFJ-2026-004","title":"SECRET-TITLE-MARKER","office":"政治处","kind":"notice","date":"2026-03-04","attribute":"withheld","reason":"属于内部人事管理信息","basis":["ogi-16-internal"],"body":"SECRET-BODY-MARKER","attachments":[{"name":"a.txt","path":"'$T'/secret.txt"}]}'
echo SECRET-FILE-MARKER >"$T/secret.txt"

# ---- usage and refusal to write without a store or an identity -------------
run go-publish </dev/null
is "$status" 2 "no --repo and no GO_STORE: exit 2"
like "$(cat "$T/err")" 'GO_STORE' "the message names GO_STORE"
echo "$P1" >"$T/p1.jsonl"
run go-publish --repo "$S" "$T/p1.jsonl"
is "$status" 2 "a missing store without --init: exit 2"
ok "$([ ! -e "$S" ]; echo $?)" "  and nothing is created"
(unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
 run go-publish --init --repo "$S" "$T/p1.jsonl"; echo "$status" >"$T/st")
is "$(cat "$T/st")" 2 "no identity (no --author, git config or environment): exit 2"
like "$(cat "$T/err")" 'no identity' "  saying so"
is "$(git -C "$S" for-each-ref | wc -l)" 0 "  and no ref was written"
(unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL
 run go-publish --init --repo "$S" --author 'Ada Clerk <ada@bureau.example>' --dry-run "$T/p1.jsonl"
 echo "$status" >"$T/st")
is "$(cat "$T/st")" 0 "--dry-run with --author: exit 0"
is "$(field 1 status)" published "  reports the record as to be published"
is "$(field 1 commit)" null "  with no commit"
is "$(G for-each-ref | wc -l)" 0 "  and writes no ref"
is "$(G count-objects -v | awk '/^(count|in-pack):/ {n += $2} END {print n}')" 0 "  and no object"

# ---- a first batch ---------------------------------------------------------
printf '%s\n' "$P1" "$P2" "$R1" "$W1" 'not json' >"$T/b1.jsonl"
(unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL
 run go-publish --repo "$S" --today 2026-03-10 --author 'Ada Clerk <ada@bureau.example>' \
	-m 'March batch' "$T/b1.jsonl"; echo "$status" >"$T/st")
is "$(cat "$T/st")" 1 "a batch with an invalid line: exit 1"
is "$(wc -l <"$T/out")" 5 "one output line per input line"
is "$(jq -r .publish.status "$T/out" | tr '\n' ' ')" \
	"published published published published refused " "statuses"
is "$(field 5 reason)" "无效行（invalid-json），不是记录，未发布" "the invalid line is refused"
is "$(sed -n 1p "$T/out" | jq -c 'del(.publish)')" \
	"$(echo "$P1" | jq -c '. + {published: "2026-03-10"}')" \
	"the echo is the record, with published set to the day of publishing"
is "$(field 1 path)" docs/2026/03/SFJ-2026-001 "path"
is "$(field 1 commit)" "$(G rev-parse main)" "commit: main's new tip"
is "$(G rev-list --count main)" 1 "one commit on main"
is "$(G rev-list --count public)" 1 "one commit on public"
is "$(G log -1 --format='%an <%ae>' main)" 'Ada Clerk <ada@bureau.example>' "--author is the author"
is "$(G log -1 --format=%B main)" "March batch

SFJ-2026-001 proactive
SFJ-2026-002 proactive
SFJ-2026-003 on-request
SFJ-2026-004 withheld" "the message: -m, then each id with its attribute"
is "$(G ls-tree -r --name-only main | tr '\n' ' ')" \
	"docs/2026/03/SFJ-2026-001/body.md docs/2026/03/SFJ-2026-001/record.json docs/2026/03/SFJ-2026-002/body.md docs/2026/03/SFJ-2026-002/record.json docs/2026/03/SFJ-2026-003/body.md docs/2026/03/SFJ-2026-003/record.json docs/2026/03/SFJ-2026-004/record.json " \
	"main: every document; the withheld one has record.json only"
is "$(G ls-tree -r --name-only public | tr '\n' ' ')" \
	"catalog/2026/03.jsonl docs/2026/03/SFJ-2026-001/body.md docs/2026/03/SFJ-2026-001/record.json docs/2026/03/SFJ-2026-002/body.md docs/2026/03/SFJ-2026-002/record.json " \
	"public: proactive documents and the catalog only"
G show main:docs/2026/03/SFJ-2026-002/record.json >"$T/rj"
cat >"$T/want" <<'EOF'
{
  "attribute": "proactive",
  "category": "result",
  "date": "2026-03-03",
  "id": "SFJ-2026-002",
  "kind": "license",
  "number": "某司发〔2026〕3号",
  "office": "行政审批科",
  "published": "2026-03-10",
  "title": "行政許可決定"
}
EOF
same_file "$T/rj" "$T/want" "record.json: normalised, pretty, sorted keys, trailing newline, no body"
is "$(G show main:docs/2026/03/SFJ-2026-002/body.md)" "正文二" "body.md holds the body"
is "$(G show main:docs/2026/03/SFJ-2026-004/record.json | jq -c .)" \
	'{"attribute":"withheld","basis":["ogi-16-internal"],"date":"2026-03-04","id":"SFJ-2026-004","kind":"notice","office":"政治处","reason":"属于内部人事管理信息"}' \
	"withheld: metadata only"
is "$(year_catalog "$S" public 2026 | jq -r .id | tr '\n' ' ')" "SFJ-2026-001 SFJ-2026-002 " \
	"catalog: proactive records, sorted by id"
is "$(year_catalog "$S" public 2026 | sed -n 2p | jq -r .path)" docs/2026/03/SFJ-2026-002 \
	"catalog lines name the document folder"
G cat-file --batch-all-objects --batch >"$T/objects"
is "$(grep -c 'SECRET-[A-Z]*-MARKER' "$T/objects")" 0 \
	"no git object holds a withheld title, body or attachment"
run git -C "$S" fsck --strict
is "$status" 0 "git fsck --strict is clean"

# ---- idempotence -----------------------------------------------------------
printf '%s\n' "$P1" "$P2" "$R1" "$W1" >"$T/b2.jsonl"
before=$(G rev-parse main public)
packs=$(ls "$S"/objects/pack/*.pack | wc -l)
pub "$T/b2.jsonl"
is "$status" 0 "re-publishing the same records: exit 0"
is "$(jq -r .publish.status "$T/out" | sort -u)" unchanged "  every record is unchanged"
is "$(G rev-parse main public)" "$before" "  and no commit is made"
is "$(ls "$S"/objects/pack/*.pack | wc -l)" "$packs" "  nor any pack"
is "$(ls "$S"/objects/pack | grep -c tmp_)" 0 "  nor a temporary file"
is "$(field 1 commit)" "$(G rev-parse main)" "  commit names the tip that holds it"
cp "$T/out" "$T/echo.jsonl"
pub "$T/echo.jsonl"
is "$(jq -r .publish.status "$T/out" | sort -u)" unchanged "go-publish's own output re-publishes as unchanged"

# ---- refusals --------------------------------------------------------------
printf '%s\n' \
	'{"id":"sfj-2026-001","title":"大小写","office":"办公室","kind":"notice","date":"2026-03-05","attribute":"proactive","category":"execution"}' \
	'{"id":"SFJ-2026-010","title":"无类别","office":"办公室","kind":"notice","date":"2026-03-05","attribute":"proactive"}' \
	'{"id":"SFJ-2026-011","title":"已有错误","office":"办公室","kind":"notice","date":"2026-03-05","attribute":"proactive","category":"execution","problems":[{"code":"x","severity":"error","tool":"go-classify"}]}' \
	'{"id":"SFJ-2026-012","title":"缺附件","office":"办公室","kind":"notice","date":"2026-03-05","attribute":"proactive","category":"execution","attachments":[{"name":"x.pdf","path":"/nonexistent/x.pdf"}]}' \
	'{"id":"SFJ-2026-013","title":"含身份证 11010519491231002X","office":"办公室","kind":"notice","date":"2026-03-05","attribute":"proactive","category":"execution","body":"PII-MARKER"}' \
	>"$T/bad.jsonl"
before=$(G rev-parse main public)
pub "$T/bad.jsonl"
is "$status" 1 "refused records: exit 1"
is "$(jq -r .publish.status "$T/out" | sort -u)" refused "  every one is refused"
like "$(field 1 reason)" 'SFJ-2026-001 仅大小写不同' "an id differing only in case from a stored one"
like "$(field 2 reason)" 'missing-category' "a record failing a check of SPEC §4"
like "$(sed -n 2p "$T/out" | jq -r '.problems[0].tool')" go-publish "  with the problem go-publish found"
like "$(field 3 reason)" '其他工具报告的错误（x' "a record already carrying an error"
like "$(field 4 reason)" 'x.pdf.*/nonexistent/x.pdf' "a missing attachment"
like "$(field 5 reason)" 'pii-in-proactive' "personal information in a proactive record"
is "$(G rev-parse main public)" "$before" "  nothing is committed"
G cat-file --batch-all-objects --batch >"$T/objects"
is "$(grep -c 'PII-MARKER' "$T/objects")" 0 "  and nothing of a refused record becomes an object"

# ---- attachments, and a record moved to another year -----------------------
printf 'PDF-BYTES\n' >"$T/plan.pdf"
(cd "$T" && printf '%s\n' '{"id":"SFJ-2026-020","title":"附件","office":"办公室","kind":"notice","date":"2026-03-05","attribute":"proactive","category":"execution","attachments":[{"name":"计划.pdf","path":"plan.pdf"}]}' |
	go-publish --repo "$S" --today 2026-03-10 >"$T/out")
is "$(G show 'main:docs/2026/03/SFJ-2026-020/files/计划.pdf')" PDF-BYTES "an attachment (relative path) is copied in"
is "$(G show main:docs/2026/03/SFJ-2026-020/record.json | jq -c .attachments)" \
	'[{"name":"计划.pdf","path":"files/计划.pdf"}]' "  and listed with its path in the folder"
echo "$P1" | jq -c '.date = "2025-12-30"' | go-publish --repo "$S" --today 2026-03-10 >"$T/out"
is "$(field 1 status)" published "a record whose date moves it to another year"
is "$(G ls-tree -r --name-only main docs | grep -c SFJ-2026-001/record.json)" 1 "  is in one folder only"
is "$(G ls-tree -r --name-only public catalog/ | tr '\n' ' ')" "catalog/2025/12.jsonl catalog/2026/03.jsonl " \
	"  and in its new year's catalog"
is "$(year_catalog "$S" public 2026 | grep -c SFJ-2026-001)" 0 "  and no longer in the old one"

# ---- proactive -> withheld ---------------------------------------------------
echo "$P2" | jq -c '.attribute = "withheld" | .reason = "涉及第三方商业秘密" | .basis = ["ogi-15-third-party"]' \
	>"$T/w.jsonl"
pub "$T/w.jsonl"
is "$(field 1 status)" published "proactive -> withheld is published"
is "$(G ls-tree -r --name-only main docs/2026/03/SFJ-2026-002)" docs/2026/03/SFJ-2026-002/record.json \
	"  main keeps metadata only"
is "$(G ls-tree -r --name-only public | grep -c SFJ-2026-002)" 0 "  public no longer has it"
is "$(year_catalog "$S" public 2026 | grep -c SFJ-2026-002)" 0 "  nor its catalog line"
is "$(G log -1 --format=%B public | grep -c -x 'SFJ-2026-002 withheld (removed)')" 1 \
	"  the public commit says it was removed"
is "$(G log -1 --format='%(trailers:key=Projection-of,valueonly)' public | sed '/^$/d')" \
	"$(G rev-parse main)" "  and names the register commit it projects (a git trailer)"
is "$(G show main~1:docs/2026/03/SFJ-2026-002/body.md)" 正文二 "  history keeps the old content"

# ---- attachments from a store's blobs: go-cat | go-publish copies a store --------
blob=$(G rev-parse 'main:docs/2026/03/SFJ-2026-020/files/计划.pdf')
printf '{"id":"SFJ-2026-050","title":"转存","office":"办公室","kind":"notice","date":"2026-03-05","attribute":"proactive","category":"execution","attachments":[{"name":"plan.pdf","path":"files/计划.pdf","blob":"%s"}],"store":{"path":"docs/2026/03/SFJ-2026-020","repo":"%s"}}\n' \
	"$blob" "$S" >"$T/blob.jsonl"
run go-publish --init --repo "$T/other.git" --today 2026-03-10 "$T/blob.jsonl"
is "$(git -C "$T/other.git" show main:docs/2026/03/SFJ-2026-050/files/plan.pdf)" PDF-BYTES \
	"an attachment is read from blob in store.repo"
is "$(git -C "$T/other.git" show main:docs/2026/03/SFJ-2026-050/record.json | jq -c '[.store, .attachments]')" \
	'[null,[{"name":"plan.pdf","path":"files/plan.pdf"}]]' "  store and blob are not written into record.json"
sed 's/"blob":"[0-9a-f]*"/"blob":"0000000000000000000000000000000000000001"/' "$T/blob.jsonl" >"$T/noblob.jsonl"
run go-publish --repo "$T/other.git" --today 2026-03-10 "$T/noblob.jsonl"
like "$(field 1 reason)" 'plan.pdf：无法读取库' "a missing blob refuses the record"
go-cat --repo "$S" | go-publish --init --repo "$T/copy.git" >"$T/out"
is "$(jq -r .publish.status "$T/out" | sort -u)" published "go-cat | go-publish into a new store publishes every record"
is "$(git -C "$T/copy.git" rev-parse 'main^{tree}' 'public^{tree}')" "$(G rev-parse 'main^{tree}' 'public^{tree}')" \
	"  and the copy has the very same trees on main and public"

# ---- a policy and its interpretation land together ---------------------------
printf '%s\n' \
	'{"id":"SFJ-2026-030","title":"实施办法","office":"政策法规科","kind":"normative","date":"2026-03-06","attribute":"proactive","category":"decision","body":"办法"}' \
	'{"id":"SFJ-2026-030-JD","title":"实施办法解读","office":"政策法规科","kind":"interpretation","interprets":"SFJ-2026-030","form":"article","date":"2026-03-06","attribute":"proactive","category":"decision","body":"解读"}' \
	'{"id":"SFJ-2026-031","title":"无解读的政策","office":"政策法规科","kind":"policy","date":"2026-03-06","attribute":"proactive","category":"decision"}' \
	'{"id":"SFJ-2026-032-JD","title":"孤儿解读","office":"政策法规科","kind":"interpretation","interprets":"SFJ-2026-999","form":"article","date":"2026-03-06","attribute":"proactive","category":"decision"}' \
	>"$T/pol.jsonl"
pub "$T/pol.jsonl"
is "$status" 1 "rule 7 refusals: exit 1"
is "$(jq -r .publish.status "$T/out" | tr '\n' ' ')" "published published refused refused " \
	"policy and interpretation published; the lone policy and the orphan refused"
like "$(field 3 reason)" missing-interpretation "  a policy without interpretation"
like "$(field 4 reason)" orphan-interpretation "  an interpretation of no policy"
is "$(field 1 commit)" "$(field 2 commit)" "the policy and its interpretation are in the same commit"
is "$(sed -n 1p "$T/out" | jq -c .interpretations)" '["SFJ-2026-030-JD"]' "the policy lists its interpretation"
is "$(G show main:docs/2026/03/SFJ-2026-030/record.json | jq -c .interpretations)" '["SFJ-2026-030-JD"]' \
	"  in the store too"
printf '%s\n' '{"id":"SFJ-2026-033-JD","title":"后补解读","office":"政策法规科","kind":"interpretation","interprets":"SFJ-2026-030","form":"qa","date":"2026-03-06","attribute":"proactive","category":"decision"}' |
	go-publish --repo "$S" --today 2026-03-10 >"$T/out"
is "$(field 1 status)" published "an interpretation of a stored policy, within the grace days"

# ---- --branch ------------------------------------------------------------------
echo "$P1" | jq -c '.id = "SFJ-2026-040"' | go-publish --repo "$S" --today 2026-03-10 --branch draft >"$T/out"
is "$(G for-each-ref --format='%(refname:short)' | tr '\n' ' ')" "draft draft-public main public " \
	"--branch NAME writes NAME and NAME-public"
is "$(G ls-tree -r --name-only main | grep -c SFJ-2026-040)" 0 "  and leaves main alone"

run git -C "$S" fsck --strict
is "$status" 0 "git fsck --strict is clean at the end"
is "$(G log --format=%s main | wc -l)" "$(G rev-list --count main)" "git log reads every commit"
# ---- zlib's 32-bit counts: large objects go through deflate and inflate in pieces
# (GO_TEST_PACK_PIECE makes the pieces 100 bytes, so the path that objects of
# 4 GiB or more take is run on 300 kB); git reads every byte back.
head -c 300000 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 0-9 g-p | head -c 300000 >"$T/big.txt"
printf '{"id":"PIECE-1","title":"大附件","office":"o","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"result","body":"%s","attachments":[{"name":"big.txt","path":"%s"}]}\n' \
	"$(head -c 5000 "$T/big.txt")" "$T/big.txt" >"$T/piece.jsonl"
GO_TEST_PACK_PIECE=100 go-publish --init --repo "$T/piece.git" --today 2026-03-02 --dry-run "$T/piece.jsonl" >"$T/out" 2>"$T/err"
is "$?" 0 "pieces of 100 bytes, --dry-run (read back from the pack being written): exit 0"
GO_TEST_PACK_PIECE=100 go-publish --init --repo "$T/piece.git" --today 2026-03-02 "$T/piece.jsonl" >"$T/out" 2>"$T/err"
is "$?" 0 "pieces of 100 bytes: published"
git -C "$T/piece.git" show main:docs/2026/03/PIECE-1/files/big.txt >"$T/back.txt"
same_file "$T/back.txt" "$T/big.txt" "git reads the 300 kB attachment back byte for byte"
git -C "$T/piece.git" fsck --strict >/dev/null 2>&1
ok $? "git fsck --strict is clean"

finish
