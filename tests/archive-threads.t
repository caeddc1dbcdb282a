#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-archive create in two threads (issue 12's speed): the bytes are the same
# as in one (GO_ARCHIVE_THREADS=1), run after run; the tag files and the
# payload, written apart, are one archive to every reader.
. "${0%/*}/lib.sh"
cd "$T" || exit 2

# 300 documents, and attachments of 0 bytes, of a few KB and of 3 MB (more than
# the worker's queue holds at once), from records and from a store.
head -c 3000000 /dev/urandom >big.bin
: >empty.txt
i=0
while [ "$i" -lt 300 ]; do
	i=$((i + 1))
	att=
	case $i in
	7) att=',"attachments":[{"name":"大文件.bin","path":"big.bin"},{"name":"empty.txt","path":"empty.txt"}]' ;;
	*0) att=',"attachments":[{"name":"a.txt","path":"a.txt"}]' ;;
	esac
	printf '{"id":"D-%d","title":"文件 %d","office":"办公室","kind":"notice","date":"2026-01-%02d","attribute":"proactive","category":"execution","body":"正文 %d\\n"%s}\n' \
		"$i" "$i" $((i % 28 + 1)) "$i" "$att"
done >in.jsonl
seq 1 2000 >a.txt

for fmt in tar tar.gz tar.zst zip; do
	GO_ARCHIVE_THREADS=1 go-archive create --name bag -o "one.$fmt" in.jsonl
	is "$?" 0 "$fmt: create in one thread"
	same=0 k=0
	while [ "$k" -lt 8 ]; do
		k=$((k + 1))
		go-archive create --name bag -o "two.$fmt" in.jsonl 2>err || same=1
		cmp -s "one.$fmt" "two.$fmt" || same=1
	done
	is "$same" 0 "$fmt: 8 creates in two threads, each byte-identical to one thread's"
	run go-archive verify "two.$fmt"
	is "$status:$(cat "$T/out")" "0:" "$fmt: the bag verifies, no findings"
done

# One tar, however many compressed frames: every reader sees the tar of --format tar.
zstd -dc two.tar.zst | cmp -s - two.tar; ok $? "zstd -dc of the tar.zst is the tar"
gzip -dc two.tar.gz | cmp -s - two.tar; ok $? "gzip -dc of the tar.gz is the tar"
zstd -tq two.tar.zst; ok $? "zstd -t accepts the tar.zst"
gzip -t two.tar.gz; ok $? "gzip -t accepts the tar.gz"
if tar --version 2>/dev/null | grep -q GNU && command -v zstd >/dev/null; then
	is "$(tar --zstd -tf two.tar.zst | wc -l)" "$(bsdtar -tf two.tar | wc -l)" "GNU tar lists every entry of the tar.zst"
else
	skip 1 "GNU tar is not installed"
fi
is "$(tail -c 1024 two.tar | tr -d '\0' | wc -c)" 0 "the tar ends with its end-of-archive marker"
is "$(bsdtar -tf two.tar | head -5 | tr '\n' ' ')" \
	"bag/bagit.txt bag/tagmanifest-sha256.txt bag/bag-info.txt bag/manifest-sha256.txt bag/manifest-sha512.txt " \
	"the tag files first, manifest-sha512.txt (written in the second thread) last of them"
rm -rf x && mkdir x && bsdtar -xf two.tar.zst -C x
cmp -s x/bag/data/docs/2026/01/D-7/files/大文件.bin big.bin; ok $? "the 3 MB attachment, whole"
(cd x/bag && sha512sum --quiet -c manifest-sha512.txt && sha256sum --quiet -c tagmanifest-sha256.txt)
ok $? "sha512sum -c and sha256sum -c accept the manifests"

# verify hashes the payload in a second thread: the same findings, in the same
# order, and the same exit status as in one, whatever the order of the files.
rm -rf d && mkdir d && bsdtar -xf two.tar -C d
printf 'changed' >d/bag/data/docs/2026/01/D-10/files/a.txt
printf 'x' >>d/bag/data/docs/2026/01/D-7/files/大文件.bin
rm d/bag/data/docs/2026/01/D-20/body.md
printf 'extra\n' >d/bag/data/unlisted.txt
(cd d && find bag -type f | LC_ALL=C sort) >d.list
LC_ALL=C sort -r d.list >d.rev
awk 'BEGIN { srand(12) } { print rand() "\t" $0 }' d.list | sort | cut -f2 >d.shuf
for order in list rev shuf; do
	(cd d && bsdtar -cf "../d-$order.tar" -T "../d.$order")
	GO_ARCHIVE_THREADS=1 go-archive verify "d-$order.tar" >"one-$order.out"; one=$?
	same=0 k=0
	while [ "$k" -lt 4 ]; do
		k=$((k + 1))
		go-archive verify "d-$order.tar" >"two-$order.out"; two=$?
		[ "$one" = "$two" ] && cmp -s "one-$order.out" "two-$order.out" || same=1
	done
	is "$one:$same" "1:0" "verify, $order order: in two threads, 4 times the findings and exit status of one"
done
is "$(jq -r '.code + " " + .path' one-shuf.out | LC_ALL=C sort | uniq -c | awk '{ print $1, $2, $3 }' | tr '\n' ';')" \
	"2 checksum-mismatch data/docs/2026/01/D-10/files/a.txt;2 checksum-mismatch data/docs/2026/01/D-7/files/大文件.bin;1 missing-file data/docs/2026/01/D-20/body.md;1 oxum-mismatch bag-info.txt;1 unlisted-file data/unlisted.txt;" \
	"verify, shuffled: each damage found (a changed file in both manifests)"
GO_ARCHIVE_THREADS=1 go-archive verify - <d-shuf.tar >one-pipe.out; one=$?
go-archive verify - <d-shuf.tar >two-pipe.out; two=$?
cmp -s one-pipe.out two-pipe.out; is "$one:$two:$?" "1:1:0" "verify of a pipe: the same in two threads as in one"

# A store: the same, through go-archive's walk of git's objects.
go-publish --init --repo store --today 2026-12-31 -m t <in.jsonl >/dev/null 2>err
is "$?" 0 "a store of the 300 documents"
GO_ARCHIVE_THREADS=1 go-archive create --repo store --name s -o s1.tar.zst
same=0 k=0
while [ "$k" -lt 5 ]; do
	k=$((k + 1))
	go-archive create --repo store --name s -o s2.tar.zst || same=1
	cmp -s s1.tar.zst s2.tar.zst || same=1
done
is "$same" 0 "--repo: 5 creates in two threads, each byte-identical to one thread's"
run go-archive verify s2.tar.zst
is "$status:$(cat "$T/out")" "0:" "--repo: the bag verifies"

# The worker's errors end the run as the reader's do: no temporary file, no OUT.
for th in 1 2; do
	run env GO_ARCHIVE_THREADS=$th TMPDIR=/nonexistent go-archive create --name bag -o t.tar.zst in.jsonl
	is "$status" 2 "GO_ARCHIVE_THREADS=$th, no temporary file to be had: exit 2"
	like "$(cat "$T/err")" '^go-archive: temporary file' "GO_ARCHIVE_THREADS=$th: says so"
	test ! -e t.tar.zst; ok $? "GO_ARCHIVE_THREADS=$th: no OUT"
	if [ -w /dev/full ]; then
		run env GO_ARCHIVE_THREADS=$th go-archive create --name bag -o /dev/full in.jsonl
		is "$status" 2 "GO_ARCHIVE_THREADS=$th, -o /dev/full: exit 2"
		like "$(cat "$T/err")" '/dev/full: .*(Write error|No space)' "GO_ARCHIVE_THREADS=$th, -o /dev/full: says why"
	else
		skip 2 "no writable /dev/full"
	fi
done
finish
