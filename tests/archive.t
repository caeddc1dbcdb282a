#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-archive: BagIt bags inside tar, tar.gz, tar.zst and zip archives.
. "${0%/*}/lib.sh"
cd "$T" || exit 2
mkdir w && cd w || exit 2

# ---- records input ----------------------------------------------------------
printf 'hello attachment\n' >att.txt
printf 'withheld attachment\n' >secret.pdf
cat >in.jsonl <<'EOF2'
{"id":"SFJ-2026-00017","title":"关于开展普法宣传的通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","published":"2026-03-05","body":"正文\n","problems":[],"store":{"path":"x"}}
{"id":"000014349/2018-00222","title":"人事任免","office":"政治处","kind":"report","date":"2018-05-01","attribute":"withheld","reason":"属于内部事务","basis":["ogi-16-internal"],"body":"不公开的正文","attachments":[{"name":"secret.pdf","path":"secret.pdf"}]}
{"id":"A-1","title":"有附件","office":"办公室","kind":"notice","date":"2026-01-01","attribute":"on-request","reason":"依申请","attachments":[{"name":"说明 1.txt","path":"att.txt"}],"body":"b"}
EOF2
cat >files.want <<'EOF2'
bag/bagit.txt
bag/tagmanifest-sha256.txt
bag/bag-info.txt
bag/manifest-sha256.txt
bag/manifest-sha512.txt
bag/data/docs/2018/05/000014349~2018-00222/record.json
bag/data/docs/2026/01/A-1/body.md
bag/data/docs/2026/01/A-1/files/说明 1.txt
bag/data/docs/2026/01/A-1/record.json
bag/data/docs/2026/03/SFJ-2026-00017/body.md
bag/data/docs/2026/03/SFJ-2026-00017/record.json
EOF2
for fmt in tar tar.gz tar.zst zip; do
	run go-archive create --name bag -o "bag.$fmt" in.jsonl
	is "$status" 0 "create $fmt: exit 0"
	run go-archive create --name bag --format "$fmt" -o - in.jsonl
	cp "$T/out" "again.$fmt"
	cmp -s "bag.$fmt" "again.$fmt"; ok $? "create $fmt: two creates are byte-identical"
	rm -rf x && mkdir x
	bsdtar -xf "bag.$fmt" -C x; ok $? "bsdtar extracts $fmt"
	(cd x && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >files.got
	LC_ALL=C sort files.want >files.sorted
	same_file files.got files.sorted "$fmt: the bag's files"
	bsdtar -tf "bag.$fmt" >order.got
	same_file order.got files.want "$fmt: tag files first, then the payload in path order"
	(cd x/bag && sha256sum --quiet -c manifest-sha256.txt); ok $? "$fmt: sha256sum -c accepts manifest-sha256.txt"
	(cd x/bag && sha512sum --quiet -c manifest-sha512.txt); ok $? "$fmt: sha512sum -c accepts manifest-sha512.txt"
	(cd x/bag && sha256sum --quiet -c tagmanifest-sha256.txt); ok $? "$fmt: sha256sum -c accepts tagmanifest-sha256.txt"
	run go-archive verify "bag.$fmt"
	is "$status" 0 "verify $fmt: exit 0"
	is "$(cat "$T/out")" "" "verify $fmt: no findings"
done
# The same bytes under another time zone and locale (zip stores local time).
TZ=Asia/Shanghai LC_ALL=C go-archive create --name bag -o tz.zip in.jsonl
cmp -s bag.zip tz.zip; ok $? "zip: the same bytes in another time zone and locale"
sleep 1
go-archive create --name bag -o later.tar.gz in.jsonl
cmp -s bag.tar.gz later.tar.gz; ok $? "tar.gz: no timestamp in the gzip header"

bsdtar -xf bag.tar -C x
is "$(cat x/bag/bagit.txt)" "BagIt-Version: 1.0
Tag-File-Character-Encoding: UTF-8" "bagit.txt declares 1.0 and UTF-8"
like "$(cat x/bag/bag-info.txt)" '^Bagging-Date: 2026-03-05$' "Bagging-Date: the newest published date of the records"
like "$(grep Payload-Oxum x/bag/bag-info.txt)" '^Payload-Oxum: [0-9]+\.6$' "Payload-Oxum counts 6 payload files"
octets=$(cd x/bag/data && find . -type f -exec cat {} + | wc -c)
is "$(sed -n 's/^Payload-Oxum: \([0-9]*\)\..*/\1/p' x/bag/bag-info.txt)" "$octets" "Payload-Oxum octets"
w=x/bag/data/docs/2018/05/000014349~2018-00222
is "$(jq -c 'keys' $w/record.json)" '["attribute","basis","date","id","kind","office","reason"]' "withheld: metadata only"
is "$(ls $w)" "record.json" "withheld: no body, no attachments"
grep -rq '人事任免\|不公开的正文\|withheld attachment' x; ok $((!$?)) "withheld: title, body and attachment appear nowhere in the bag"
is "$(jq -r '.attachments[0].path' x/bag/data/docs/2026/01/A-1/record.json)" "files/说明 1.txt" "attachments point into files/"
is "$(jq -c 'has("problems") or has("store") or has("body")' x/bag/data/docs/2026/03/SFJ-2026-00017/record.json)" false "transient fields and body are not in record.json"
is "$(tail -c 2 x/bag/data/docs/2026/03/SFJ-2026-00017/record.json | od -An -c | tr -d ' ')" '}\n' "record.json ends with a newline"
bsdtar -tvf bag.tar | awk '{print $1, $2, $3, $4}' | sort -u >meta.got
is "$(cat meta.got)" "-rw-r--r-- 0 0 0" "entries: mode 0644, owner 0"

# Selection.
run go-archive create --year 2026 --attribute 主动公开 --name sel -o sel.tar in.jsonl
is "$(bsdtar -tf sel.tar | grep data/ | tr '\n' ' ')" "sel/data/docs/2026/03/SFJ-2026-00017/body.md sel/data/docs/2026/03/SFJ-2026-00017/record.json " "--year and --attribute select (synonyms too)"
run go-archive create --format rar -o x.rar in.jsonl
is "$status" 2 "unknown format: exit 2"
run go-archive create in.jsonl
is "$status" 2 "no -o: exit 2"

# Manifest paths: %, CR and LF are percent-encoded (RFC 8493 2.1.3), spaces are not.
printf '%s\n' '{"id":"P-1","title":"t","office":"o","kind":"notice","date":"2026-01-01","attribute":"proactive","category":"result","attachments":[{"name":"50% off\nx","path":"att.txt"}]}' >pct.jsonl
go-archive create --name pct -o pct.tar pct.jsonl
bsdtar -xf pct.tar -C x
like "$(cat x/pct/manifest-sha256.txt)" '  data/docs/2026/01/P-1/files/50%25 off%0Ax$' "percent-encoded manifest path"
run go-archive verify pct.tar
is "$status" 0 "verify decodes percent-encoded paths"

# ---- records ----------------------------------------------------------------
mkdir att.d
run go-archive records --files att.d bag.tar.zst
is "$status" 0 "records: exit 0"
cp "$T/out" recs.jsonl
is "$(jq -r .id recs.jsonl | tr '\n' ' ')" "000014349/2018-00222 A-1 SFJ-2026-00017 " "records: every record, in path order"
is "$(jq -r 'select(.id=="SFJ-2026-00017") | .body' recs.jsonl)" "正文" "records: body included"
is "$(jq -c 'select(.id=="A-1") | .attachments' recs.jsonl)" '[{"name":"说明 1.txt","path":"att.d/000001"}]' "records: attachments point at numbered files in --files DIR"
cmp -s att.d/000001 att.txt; ok $? "records: the attachment's bytes"
is "$(jq -c 'select(.id=="000014349/2018-00222") | [has("title"), has("body")]' recs.jsonl)" "[false,false]" "records: withheld stays metadata only"
# records | create gives the same bag again.
jq -c . recs.jsonl | go-archive create --name bag -o again.tar.zst -
cmp -s bag.tar.zst again.tar.zst; ok $? "create | records | create: the same archive"
run go-archive records bag.tar.zst
is "$status" 1 "records without --files, with attachments: exit 1"
like "$(cat "$T/err")" 'use --files DIR' "... and says so"

# ---- a store ----------------------------------------------------------------
git init -q -b main store
(
	cd store && mkdir -p docs/2026/02/SFJ-1/files docs/2025/01/W-1 &&
	printf '{\n  "attachments": [\n    {\n      "name": "附件 1.pdf",\n      "path": "files/附件 1.pdf"\n    }\n  ],\n  "attribute": "proactive",\n  "category": "result",\n  "date": "2026-02-03",\n  "id": "SFJ-1",\n  "kind": "notice",\n  "office": "办公室",\n  "title": "通知"\n}\n' >docs/2026/02/SFJ-1/record.json &&
	printf 'body\n' >docs/2026/02/SFJ-1/body.md &&
	printf 'pdf\n' >"docs/2026/02/SFJ-1/files/附件 1.pdf" &&
	printf '{"attribute":"withheld","date":"2025-01-01","id":"W-1","kind":"report","office":"o","title":"不该出现"}\n' >docs/2025/01/W-1/record.json &&
	printf 'secret\n' >docs/2025/01/W-1/body.md &&
	git add -A && GIT_COMMITTER_DATE='2026-02-04T10:00:00+08:00' git commit -qm one &&
	git config go-archive.sourceOrganization '某市司法局'
)
head=$(git -C store rev-parse HEAD)
run go-archive create --repo store --name s1 -o s1.tar.zst
is "$status" 0 "create --repo: exit 0"
sleep 1
go-archive create --repo store --name s1 -o s2.tar.zst
cmp -s s1.tar.zst s2.tar.zst; ok $? "create --repo: byte-identical twice"
bsdtar -xOf s1.tar.zst s1/bag-info.txt >info.got
like "$(cat info.got)" "External-Identifier: $head" "External-Identifier: the commit id"
like "$(cat info.got)" "Bagging-Date: 2026-02-04" "Bagging-Date: the commit's date"
like "$(cat info.got)" "Source-Organization: 某市司法局" "Source-Organization from git config"
bsdtar -xOf s1.tar.zst s1/data/docs/2026/02/SFJ-1/record.json >rec.got
cmp -s rec.got store/docs/2026/02/SFJ-1/record.json; ok $? "record.json: the blob's bytes"
is "$(bsdtar -xOf s1.tar.zst s1/data/docs/2025/01/W-1/record.json | jq -c .)" '{"attribute":"withheld","date":"2025-01-01","id":"W-1","kind":"report","office":"o"}' "withheld in the store: reduced to metadata"
is "$(bsdtar -tf s1.tar.zst | grep -c W-1)" 1 "withheld in the store: record.json only"
run go-archive verify s1.tar.zst
is "$status" 0 "verify the store's bag"
run go-archive create --repo store --source-organization 'Other Org' --rev "$head" --year 2025 -o - 
bsdtar -xOf "$T/out" bag/bag-info.txt >info.got
like "$(cat info.got)" "Source-Organization: Other Org" "--source-organization overrides git config"
is "$(bsdtar -tf "$T/out" | grep -c data/)" 1 "--year 2025 of the store"
GO_STORE=store go-archive create -o env.tar.zst --name s1
cmp -s s1.tar.zst env.tar.zst; ok $? "GO_STORE names the store"

# Round trip store -> archive -> records -> store, with go-publish.
if command -v go-publish >/dev/null 2>&1; then
	go-archive records --files rt.d bag.tar.zst | go-publish --init --repo pub1 --today 2026-03-10 >pub1.out
	is "$(jq -r .publish.status pub1.out | sort | uniq -c | tr -s " ")" " 3 published" "records | go-publish: every record published"
	go-archive create --repo pub1 --name rt -o rt1.tar
	mkdir rt2.d
	go-archive records --files rt2.d rt1.tar | go-publish --init --repo pub2 --today 2026-04-01 >/dev/null
	is "$(git -C pub2 ls-tree -r main)" "$(git -C pub1 ls-tree -r main)" "round trip store -> archive -> records -> store: the same tree"
	is "$(git -C pub2 ls-tree -r public 2>&1)" "$(git -C pub1 ls-tree -r public 2>&1)" "... and the same public branch"
else
	ok 1 "round trip: go-publish is not built"
fi

# ---- verify catches damage --------------------------------------------------
rm -rf x && mkdir x && bsdtar -xf bag.tar -C x
retar() { (cd x && bsdtar -cf ../bad.tar bag) && rm -rf x && mkdir x && bsdtar -xf bag.tar -C x; }
sed -i 's/正文/正問/' x/bag/data/docs/2026/03/SFJ-2026-00017/body.md; retar
run go-archive verify bad.tar
is "$status" 1 "changed byte: exit 1"
is "$(jq -r '[.code, .path] | join(" ")' "$T/out" | sort -u | tr '\n' ';')" "checksum-mismatch data/docs/2026/03/SFJ-2026-00017/body.md;" "changed byte: checksum-mismatch, once a finding per manifest"
is "$(jq -s length "$T/out")" 2 "changed byte: one line per manifest (sha256, sha512)"
rm x/bag/data/docs/2026/01/A-1/body.md; retar
run go-archive verify bad.tar
is "$status" 1 "missing file: exit 1"
like "$(cat "$T/out")" '"code":"missing-file"' "missing file: missing-file"
like "$(cat "$T/out")" '"code":"oxum-mismatch"' "missing file: the Oxum no longer holds"
echo extra >x/bag/data/extra.txt; retar
run go-archive verify bad.tar
like "$(cat "$T/out")" '"path":"data/extra.txt","code":"unlisted-file"' "extra file: unlisted-file"
printf '%s  data/../../etc/passwd\n' "$(sha256sum <att.txt | cut -c1-64)" >>x/bag/manifest-sha256.txt; retar
run go-archive verify bad.tar
like "$(cat "$T/out")" '"code":"manifest-unsafe-path"' "manifest line with ../: manifest-unsafe-path"
like "$(cat "$T/out")" '"code":"checksum-mismatch","severity":"error","tool":"go-archive","message":"sha256' "... and the tag manifest no longer matches"
sed -i 's/^Payload-Oxum: \([0-9]*\)\.6/Payload-Oxum: \1.7/' x/bag/bag-info.txt; retar
run go-archive verify bad.tar
is "$(jq -r .code "$T/out" | sort | tr '\n' ' ')" "checksum-mismatch oxum-mismatch " "wrong Oxum: oxum-mismatch (and the tag manifest)"
printf 'BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n' >x/bag/bagit.txt; rm x/bag/tagmanifest-sha256.txt; retar
run go-archive verify bad.tar
is "$(jq -r .code "$T/out")" "unsupported-version" "unknown BagIt version"
# records marks the record whose file fails the manifest, and says so.
sed -i 's/正文/正問/' x/bag/data/docs/2026/03/SFJ-2026-00017/body.md; retar
mkdir dmg.d
run go-archive records --files dmg.d bad.tar
is "$status" 1 "records of a damaged bag: exit 1"
is "$(jq -r 'select(.problems) | .id + " " + .problems[0].code + " " + .problems[0].severity' "$T/out")" "SFJ-2026-00017 archive-damaged error" "records: archive-damaged on the damaged record only"
is "$(jq -s length "$T/out")" 3 "records: every record is still out"
like "$(cat "$T/err")" 'body.md: sha256 为 [0-9a-f]+，清单中为 [0-9a-f]+ \(checksum-mismatch\)' "records: the finding on stderr"
run go-archive verify nonexistent.tar
is "$status" 2 "unreadable archive: exit 2"
head -c $(($(wc -c <s1.tar.zst) / 2)) s1.tar.zst >trunc.tar.zst
run go-archive verify trunc.tar.zst
is "$status" 2 "truncated archive: exit 2"

# ---- bags of version 0.97, md5 and sha1, made by hand -----------------------
mkdir -p old/data/sub && printf 'one\n' >old/data/a.txt && printf 'two\n' >"old/data/sub/b c.txt"
printf 'BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n' >old/bagit.txt
(cd old && md5sum data/a.txt "data/sub/b c.txt" >manifest-md5.txt && sha1sum data/a.txt "data/sub/b c.txt" >manifest-sha1.txt &&
 printf 'Source-Organization: X\nPayload-Oxum: 8.2\n' >bag-info.txt && md5sum bagit.txt bag-info.txt manifest-md5.txt >tagmanifest-md5.txt)
bsdtar -cf old.tar old && bsdtar -czf old-flat.tgz -C old . && bsdtar --format zip -cf old.zip old
for a in old.tar old-flat.tgz old.zip; do
	run go-archive verify "$a"
	is "$status" 0 "0.97 bag ($a, md5 and sha1 manifests after the payload): valid"
	is "$(cat "$T/out")" "" "$a: no findings"
done
printf 'one!\n' >old/data/a.txt && bsdtar -cf old.tar old
run go-archive verify old.tar
is "$(jq -r '.code + " " + .message' "$T/out" | cut -c1-22 | tr '\n' ';')" "checksum-mismatch md5 ;checksum-mismatch sha1;oxum-mismatch Payload-;" "0.97 bag, changed: md5, sha1 and Oxum findings"

# ---- hostile archives: findings, nothing followed or written ---------------
mkdir hostile && cd hostile || exit 2
mkdir -p bag/data && printf 'x\n' >bag/data/f && printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' >bag/bagit.txt
(cd bag && sha256sum data/f >manifest-sha256.txt)
ln bag/data/f bag/data/hard
ln -s /etc/passwd bag/data/link
printf '#mtree\nbag/data/dev type=char mode=0644 device=native,1,3\nbag/data/fifo type=fifo mode=0644\n' >spec.mtree
bsdtar -cf h1.tar bag/bagit.txt bag/manifest-sha256.txt bag/data/f bag/data/hard bag/data/link @spec.mtree
printf 'evil\n' >evil
bsdtar -rf h1.tar -P -s '|^evil$|/tmp/go-archive-evil|' evil
bsdtar -rf h1.tar -P -s '|^evil$|bag/../../go-archive-evil|' evil
bsdtar -rf h1.tar bag/data/f
head -c 50000000 /dev/zero >bag/data/zeros
bsdtar --format zip -cf h2.zip bag/bagit.txt bag/manifest-sha256.txt bag/data/f bag/data/zeros
rm bag/data/zeros
mkdir out.d
run go-archive verify h1.tar
is "$status" 1 "hostile tar: exit 1"
is "$(jq -r '.code + " " + .path' "$T/out" | tr '\n' ';')" \
	"hardlink data/hard;symlink data/link;special-file data/dev;special-file data/fifo;absolute-path /tmp/go-archive-evil;escaping-path bag/../../go-archive-evil;duplicate-entry data/f;" \
	"hostile tar: hard link, symlink, device, FIFO, absolute, .., duplicate are findings"
run go-archive records --files out.d h1.tar
is "$status" 1 "records of a hostile tar: exit 1"
is "$(ls -A out.d)" "" "records: nothing written into --files DIR"
test ! -e /tmp/go-archive-evil && test ! -e ../go-archive-evil && test ! -e ../../go-archive-evil; ok $? "nothing written outside"
run go-archive verify h2.zip
is "$status" 1 "zip bomb-like entry: exit 1"
like "$(cat "$T/out")" '"path":"data/zeros","code":"compression-bomb"' "zip bomb-like entry: compression-bomb"
run go-archive verify --max-entry-size 1000000 h2.zip
like "$(cat "$T/out")" '"path":"data/zeros","code":"entry-too-large"' "--max-entry-size: entry-too-large"
cd ..

# A progress line on a terminal, none otherwise.
if command -v script >/dev/null 2>&1; then
	script -qec "go-archive create --name bag -o tty.tar in.jsonl" /dev/null >tty.out 2>&1
	like "$(tr '\r' '\n' <tty.out)" 'go-archive: writing 6/6 files' "progress line on a terminal"
	go-archive create --name bag -o notty.tar in.jsonl 2>notty.err
	is "$(cat notty.err)" "" "no progress line otherwise"
	cmp -s tty.tar notty.tar; ok $? "the same archive either way"
else
	skip 3 "script(1) is not installed: no terminal to test the progress line"
fi

# ---- one layout of a document (lib/doc.c, issue 11) -------------------------------
# The same record archived from its JSON Line and published, then archived from
# the store: the same document folder, attachment named after its path when it
# has no name, record.json listing it as {name, path} alone.
mkdir -p "$T/onelayout" && cd "$T/onelayout"
printf 'PDF' >图表.pdf
printf '%s\n' "{\"id\":\"L-1\",\"title\":\"通知\",\"office\":\"办公室\",\"kind\":\"notice\",\"date\":\"2026-05-06\",\"attribute\":\"proactive\",\"category\":\"execution\",\"published\":\"2026-05-07\",\"body\":\"正文\",\"attachments\":[{\"path\":\"$T/onelayout/图表.pdf\",\"type\":\"application/pdf\"}]}" >l.jsonl
go-archive create --format tar -o from-file.tar l.jsonl 2>err1
is "$?" 0 "create FILE: a record whose attachment has a path and no name"
go-publish --init --repo s.git --today 2026-05-07 l.jsonl >/dev/null 2>err2
go-archive create --repo s.git --format tar -o from-store.tar 2>err3
mkdir a b && bsdtar -xf from-file.tar -C a && bsdtar -xf from-store.tar -C b
is "$(cd a/* && find data -type f | sort)" "$(cd b/* && find data -type f | sort)" \
	"create FILE and create --repo: the same files in data/"
same_file a/*/data/docs/2026/05/L-1/record.json b/*/data/docs/2026/05/L-1/record.json \
	"and the same record.json"
is "$(jq -c .attachments a/*/data/docs/2026/05/L-1/record.json)" '[{"name":"图表.pdf","path":"files/图表.pdf"}]' \
	"which lists the attachment by name and path alone"
printf '%s\n' '{"id":"L-2","title":"通知","office":"办公室","kind":"notice","date":"2026-05-06","attribute":"proactive","category":"execution","attachments":[{"name":"a\\b.pdf","path":"图表.pdf"}]}' >bad.jsonl
go-archive create --format tar -o bad.tar bad.jsonl 2>err4
is "$?" 1 "create FILE: an attachment name go-publish refuses (a backslash) is refused here too"
like "$(cat err4)" '没有可用的文件名' "  with go-publish's reason"
cd "$T"

# ---- usage ------------------------------------------------------------------
run go-archive --help
is "$status" 0 "--help: exit 0"
like "$(cat "$T/out")" '^usage: go-archive create' "--help on stdout"
run go-archive frobnicate
is "$status" 2 "unknown command: exit 2"
run go-archive verify
is "$status" 2 "verify without ARCHIVE: exit 2"
like "$(go-archive --version)" '^go-archive \(go-tools\) ' "--version"
finish
