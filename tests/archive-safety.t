#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
#
# go-archive fails closed (issue 10, section 3) and writes -o safely (issue 12).
. "${0%/*}/lib.sh"
cd "$T" || exit 2

rec() { printf '{"id":"%s","title":"标题%s","office":"o","kind":"notice","date":"2026-01-0%s","attribute":%s,"category":"result","reason":"r","basis":["ogi-16-internal"],"body":"秘密正文%s"}\n' "$1" "$1" "$2" "$3" "$1"; }

# ---- attributes: normalised as go-publish does, anything else refused ---------
{ rec A-1 1 '"proactive"'; rec A-2 2 '"不予公开。"'; rec A-3 3 '"withhold"'; rec A-4 4 null
  printf '{"id":"A-5","title":"t","office":"o","kind":"notice","date":"2026-01-05","category":"result","body":"无属性正文"}\n'
  rec A-6 6 '"不予公开"'; } >in.jsonl
run go-archive create --name b -o b.tar in.jsonl
is "$status" 1 "misspelt or absent attributes: exit 1"
is "$(grep -c 'not archived' "$T/err")" 4 "... one refusal for each of the four"
for id in A-2 A-3 A-4 A-5; do
	like "$(cat "$T/err")" "in.jsonl:[0-9]+: $id: .*attribute is not a code" "... $id is named"
done
is "$(bsdtar -tf b.tar | grep data/ | sed 's|^b/data/docs/2026/01/||' | tr '\n' ' ')" \
	"A-1/body.md A-1/record.json A-6/record.json " "only A-1 and the synonym 不予公开 (as withheld, metadata only) are archived"
bsdtar -xOf b.tar >all.txt
grep -q '秘密正文A-[2-6]' all.txt; ok $((!$?)) "no body of a refused or withheld record is in the archive"

# ---- --repo: record.json parsed, never guessed from its text ------------------
git init -q -b main store
mkdir -p store/docs/2026/01/S-1 store/docs/2026/01/S-2 store/docs/2026/01/S-3
printf '{"id":"S-1","date":"2026-01-01","kind":"notice","office":"o","title":"t1","attribute" : "withheld"}\n' >store/docs/2026/01/S-1/record.json
printf '{"id":"S-2","date":"2026-01-02","kind":"notice","office":"o","title":"t2","\\u0061ttribute":"withheld"}\n' >store/docs/2026/01/S-2/record.json
printf '{"id":"S-3","date":"2026-01-03","kind":"notice","office":"o","title":"t3","attribute":"withhold"}\n' >store/docs/2026/01/S-3/record.json
for d in S-1 S-2 S-3; do printf 'secret %s\n' "$d" >store/docs/2026/01/$d/body.md; done
git -C store add -A && git -C store commit -qm one
run go-archive create --repo store --name s -o s.tar
is "$status" 1 "--repo with an attribute that is not a code: exit 1"
like "$(cat "$T/err")" "docs/2026/01/S-3/record.json: .*attribute is not a code.*left out" "... S-3 left out and named"
is "$(bsdtar -tf s.tar | grep data/ | sed 's|^s/data/docs/2026/01/||' | tr '\n' ' ')" \
	"S-1/record.json S-2/record.json " "'\"attribute\" :' and an escaped key are read as withheld: record.json only"
bsdtar -xOf s.tar >all.txt
grep -q 'secret\|"title"' all.txt; ok $((!$?)) "... no body and no title in the archive"

# ---- records: only what is in the archive -------------------------------------
printf 'att\n' >att.txt
printf '{"id":"R-1","title":"t","office":"o","kind":"notice","date":"2026-01-01","attribute":"proactive","category":"result","attachments":[{"name":"a.txt","path":"att.txt"}]}\n' >r.jsonl
go-archive create --name r -o r.tar r.jsonl
mkdir -p x && bsdtar -xf r.tar -C x
jq -c '. + {store: {repo: "/elsewhere.git", path: "docs/2026/01/R-1"}} | .attachments[0].blob = "0123456789abcdef0123456789abcdef01234567"' \
	x/r/data/docs/2026/01/R-1/record.json >rec.json && mv rec.json x/r/data/docs/2026/01/R-1/record.json
(cd x/r && sed -i /^Payload-Oxum/d bag-info.txt && find data -type f | sort | while read -r f; do sha256sum "$f"; done >manifest-sha256.txt &&
 find data -type f | sort | while read -r f; do sha512sum "$f"; done >manifest-sha512.txt && rm tagmanifest-sha256.txt)
(cd x && bsdtar -cf ../r2.tar r)
mkdir f.d
run go-archive records --files f.d r2.tar
is "$status" 0 "records of a bag whose record.json names a store and a blob: exit 0"
is "$(jq -c '[has("store"), (.attachments[0] | has("blob")), .attachments[0].path]' "$T/out")" \
	'[false,false,"f.d/000001"]' "records: no store, no blob; the attachment is the archive's file"

# ---- --name refused when verify would not read the bag ------------------------
for n in 'a\b' 'C:x' 'data' '..' "$(printf 'a\nb')"; do
	run go-archive create --name "$n" -o n.tar r.jsonl
	is "$status:$(test -e n.tar && echo written)" "2:" "--name '$n': refused, exit 2, nothing written"
done
like "$(cat "$T/err")" "control character" "... with the reason"
run go-archive create --name 'ok name 档案' -o n.tar r.jsonl
run go-archive verify n.tar
is "$status:$(cat "$T/out")" "0:" "a name with spaces and Chinese: created and valid"

# ---- -o: FIFO, device, /dev/stdout written through; symlinks kept -------------
mkfifo fifo
(timeout 20 cat fifo >from-fifo.tar) & reader=$!
run go-archive create --name r -o fifo r.jsonl
wait $reader
is "$status:$(test -p fifo && echo fifo)" "0:fifo" "-o FIFO: written through, still a FIFO"
cmp -s from-fifo.tar r.tar; ok $? "... the same bytes as to a file"
# Never the system's own nodes: a build that replaced them would break the
# machine. A link like /dev/stdout, and a copy of /dev/null.
ln -s /proc/self/fd/1 stdout
go-archive create --name r -o stdout r.jsonl | cat >from-stdout.tar
is "$(test -L stdout && echo link)" "link" "-o a link to /proc/self/fd/1 (as /dev/stdout) on a pipe: still a link"
cmp -s from-stdout.tar r.tar; ok $? "... written through"
if mknod null c 1 3 2>/dev/null; then
	run go-archive create --name r -o null r.jsonl
	is "$status:$(test -c null && echo dev)" "0:dev" "-o a character device (null): written through, still a device"
else
	ok 0 "# SKIP mknod is not permitted here"
fi
: >target.tar && ln -s target.tar link.tar
run go-archive create --name r -o link.tar r.jsonl
is "$status:$(test -L link.tar && echo link)" "0:link" "-o symlink: the link is not replaced"
cmp -s target.tar r.tar; ok $? "... its target holds the archive"
ln -s nowhere/x dangling.tar
run go-archive create --name r -o dangling.tar r.jsonl
is "$status:$(test -L dangling.tar && echo link)" "2:link" "-o dangling symlink: refused, left alone"
printf 'old\n' >reg.tar && chmod 600 reg.tar
run go-archive create --name r -o reg.tar r.jsonl
cmp -s reg.tar r.tar; ok $? "-o regular file: replaced (temp file and rename)"
if [ -w /dev/full ] && [ -c /dev/full ]; then
	cp -a /dev/full full 2>/dev/null || mknod full c 1 7
	run go-archive create --name r -o full r.jsonl
	is "$status:$(test -c full && echo dev)" "2:dev" "-o a full device (as $(id -un)): exit 2, the device node stays"
	like "$(cat "$T/err")" "full: .*(Write error|No space)" "... and says why"
else
	ok 0 "# SKIP /dev/full is not writable here"
	ok 0 "# SKIP /dev/full is not writable here"
fi
ls | grep -q '\.XXXXXX\|\.tar\.[A-Za-z0-9]\{6\}$'; ok $((!$?)) "no temporary file left behind"
# ---- no temporary files: the tool says so and stops; the library never exits --
rec T-1 1 '"proactive"' >tmp.jsonl
TMPDIR=$T/no-such-dir go-archive create --name t -o t.tar tmp.jsonl >"$T/out" 2>"$T/err"
is "$?" 2 "no temporary file can be made: exit 2"
like "$(cat "$T/err")" '^go-archive: temporary file: No such file or directory' "... go-archive says why"
ok "$([ ! -e t.tar ]; echo $?)" "... and writes no archive"

finish
