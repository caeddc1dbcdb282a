#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
#
# go-archive verify agrees with the BagIt world (issue 12): bags made in the test
# by hand and by bsdtar, their files in many (seeded) orders, each tag-file
# encoding, each bag-info.txt variant, fetch.txt, NFD names, cannot-check.
. "${0%/*}/lib.sh"
cd "$T" || exit 2

# mkbag DIR: a valid BagIt 1.0 bag with md5, sha256 and sha512 payload manifests
# and sha256, sha512 tag manifests.
mkbag() {
	rm -rf "$1" && mkdir -p "$1/data/sub" && (
		cd "$1" &&
		printf 'one\n' >data/a.txt && printf 'two\n' >"data/sub/b c.txt" &&
		printf 'three\n' >data/sub/z && : >data/empty &&
		printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' >bagit.txt &&
		printf 'Source-Organization: X\nPayload-Oxum: 14.4\n' >bag-info.txt &&
		for a in md5 sha256 sha512; do
			find data -type f | LC_ALL=C sort | while read -r f; do "${a}sum" "$f"; done >manifest-$a.txt
		done &&
		for a in sha256 sha512; do "${a}sum" bagit.txt bag-info.txt manifest-*.txt >tagmanifest-$a.txt; done
	)
}
# entries DIR: the bag's files (no folders), one a line.
entries() { (cd "$1/.." && find "${1##*/}" -type f | LC_ALL=C sort); }
# shuffled SEED: stdin lines in an order fixed by SEED.
shuffled() { awk -v s="$1" 'BEGIN { srand(s) } { print rand() "\t" $0 }' | sort -n | cut -f2-; }
# tar_in_order DIR OUT: DIR as a tar, its entries in the order of stdin.
tar_in_order() { (cd "$1/.." && bsdtar -cf "$2" -n -T -); }

mkbag bag
run go-archive verify bag-dir-never-made.tar
is "$status" 2 "no archive: exit 2"

# ---- 1. order independence ---------------------------------------------------
fails=0 tried=0 orders=
for seed in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
	entries bag | shuffled "$seed" | tar_in_order bag "$T/o.tar"
	go-archive verify o.tar >o.out 2>o.err
	s=$?
	tried=$((tried + 1))
	if [ "$s" -ne 0 ] || [ -s o.out ] || [ -s o.err ]; then
		fails=$((fails + 1)); orders="$orders $seed"
	fi
done
is "$fails" 0 "valid bag in $tried seeded orders of a tar: valid in every order (failed:$orders)"
# The same orders through a pipe (read once: every file gets every digest).
fails=0
for seed in 3 7 11 19; do
	entries bag | shuffled "$seed" | tar_in_order bag "$T/o.tar"
	go-archive verify - <o.tar >o.out 2>o.err || fails=$((fails + 1))
	[ -s o.out ] && fails=$((fails + 1))
done
is "$fails" 0 "the same from stdin: valid"
# Manifests after the payload in a zip, and bsdtar's own directory order.
entries bag | LC_ALL=C sort -r | (bsdtar --format zip -cf o.zip -n -T -)
run go-archive verify o.zip
is "$status:$(cat "$T/out")" "0:" "zip, payload before the manifests: valid"
bsdtar -cf d.tar bag
run go-archive verify d.tar
is "$status:$(cat "$T/out")" "0:" "bsdtar -cf in directory order: valid"
bsdtar -czf flat.tgz -C bag .
run go-archive verify flat.tgz
is "$status:$(cat "$T/out")" "0:" "bsdtar -C bag . (no top folder): valid"
# A damaged file is found in any order too, and named once per manifest.
printf 'ONE\n' >bag/data/a.txt
for seed in 2 5 8; do
	entries bag | shuffled "$seed" | tar_in_order bag "$T/o.tar"
	run go-archive verify o.tar
	is "$status:$(jq -r '.code + " " + .path' "$T/out" | sort | uniq -c | tr -s ' ' | tr '\n' ';')" \
		"1: 3 checksum-mismatch data/a.txt;" "order $seed: a changed file is a checksum-mismatch in each of the 3 manifests"
done
mkbag bag
# Memory stays bounded: a 60 MB payload file before its manifests.
mkdir -p big && mkbag big/bag && head -c 60000000 /dev/zero >big/bag/data/zeros &&
	(cd big/bag && for a in md5 sha256 sha512; do "${a}sum" data/zeros >>manifest-$a.txt; done &&
	 sed -i 's/^Payload-Oxum: .*/Payload-Oxum: 60000014.5/' bag-info.txt &&
	 for a in sha256 sha512; do "${a}sum" bagit.txt bag-info.txt manifest-*.txt >tagmanifest-$a.txt; done)
(cd big && { echo bag/data/zeros; find bag -type f ! -name zeros; } | bsdtar -cf ../big.tar -n -T -)
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o rss go-archive verify big.tar >big.out
	is "$?:$(cat big.out)" "0:" "60 MB file before its manifests: valid"
	ok $(($(cat rss) < 40000 ? 0 : 1)) "... in bounded memory ($(cat rss) KB peak, no payload kept)"
else
	ok 0 "# SKIP /usr/bin/time is not installed"
	ok 0 "# SKIP /usr/bin/time is not installed"
fi
rm -rf big big.tar

# ---- 2. tag-file encodings ---------------------------------------------------
# enc_bag ENC: the bag with its tag files (but bagit.txt) in ENC, manifests redone.
enc_bag() {
	mkbag e && mkdir -p e/data/ü && printf 'é\n' >"e/data/ü/café.txt" && (
		cd e &&
		printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: %s\n' "$1" >bagit.txt &&
		printf 'Source-Organization: Bürgeramt Zoë\nPayload-Oxum: 17.5\n' | iconv -t "$1" >bag-info.txt &&
		for a in md5 sha256 sha512; do
			find data -type f | LC_ALL=C sort | while read -r f; do "${a}sum" "$f"; done | iconv -t "$1" >manifest-$a.txt
		done &&
		for a in sha256 sha512; do "${a}sum" bagit.txt bag-info.txt manifest-*.txt | iconv -t "$1" >tagmanifest-$a.txt; done
	)
}
for enc in ISO-8859-1 UTF-16 UTF-16LE; do
	enc_bag "$enc"
	for seed in 4 9; do
		entries e | shuffled "$seed" | tar_in_order e "$T/e.tar"
		run go-archive verify e.tar
		is "$status:$(cat "$T/out")" "0:" "Tag-File-Character-Encoding: $enc (order $seed): valid"
	done
done
# UTF-16 with a byte-order mark is what iconv -t UTF-16 writes; the BOM is read.
enc_bag UTF-16 && head -c 2 e/manifest-md5.txt | od -An -tx1 | tr -d ' \n' >bom
like "$(cat bom)" '^(fffe|feff)$' "the UTF-16 manifests begin with a byte-order mark"
# A UTF-8 byte-order mark is tolerated in tag files, never in bagit.txt.
mkbag b && (cd b && printf '\357\273\277' | cat - manifest-md5.txt >m && mv m manifest-md5.txt &&
	for a in sha256 sha512; do "${a}sum" bagit.txt bag-info.txt manifest-*.txt >tagmanifest-$a.txt; done)
bsdtar -cf b.tar b
run go-archive verify b.tar
is "$status:$(cat "$T/out")" "0:" "UTF-8 manifest with a byte-order mark: valid"
mkbag b && (cd b && printf '\357\273\277' | cat - bagit.txt >m && mv m bagit.txt &&
	for a in sha256 sha512; do "${a}sum" bagit.txt bag-info.txt manifest-*.txt >tagmanifest-$a.txt; done)
bsdtar -cf b.tar b
run go-archive verify b.tar
is "$status:$(jq -r .code "$T/out")" "1:invalid-bagit-txt" "bagit.txt with a byte-order mark: invalid"
# Declared ISO-8859-1, manifests really UTF-16: found, not a crash.
enc_bag UTF-16 && sed -i 's/UTF-16/ISO-8859-1/' e/bagit.txt && bsdtar -cf e.tar e
run go-archive verify e.tar
is "$status" 1 "manifests not in the declared encoding: invalid"

# ---- 3. manifest paths -------------------------------------------------------
# man_bag 'SED': the bag with manifest-sha256.txt edited by SED (and the other
# payload manifests left out), tag manifests redone.
man_bag() {
	mkbag m && (cd m && rm manifest-md5.txt manifest-sha512.txt && sed -i "$1" manifest-sha256.txt &&
		rm tagmanifest-* && sha256sum bagit.txt bag-info.txt manifest-*.txt >tagmanifest-sha256.txt)
	bsdtar -cf m.tar m
}
man_bag 's|  data/|  ./data/|'
run go-archive verify m.tar
is "$status:$(cat "$T/out")" "0:" "manifest paths written ./data/...: valid"
man_bag 's|  data/a.txt|  data/sub/../a.txt|'
run go-archive verify m.tar
is "$status:$(cat "$T/out")" "0:" "data/sub/../a.txt resolves to data/a.txt: valid"
man_bag 's|  data/a.txt|  data/../a.txt|'
run go-archive verify m.tar
is "$status:$(jq -r .code "$T/out" | sort -u | tr '\n' ' ')" "1:manifest-unsafe-path unlisted-file " "data/../a.txt leaves data/: invalid"
man_bag 's|  data/a.txt|  data/../../a.txt|'
run go-archive verify m.tar
like "$(jq -r .message "$T/out")" "超出了 bag 的范围" "data/../../a.txt leaves the bag: invalid"
man_bag 's|  data/| *data/|'
run go-archive verify m.tar
is "$status:$(cat "$T/out")" "0:" "sha256sum -b's '*data/...' (binary mark): valid"
man_bag 's|  data/|\tdata/|'
run go-archive verify m.tar
is "$status:$(cat "$T/out")" "0:" "a tab between checksum and path: valid"

# ---- 4. bag-info.txt per version ---------------------------------------------
# info_bag VERSION TEXT: the bag with that bagit.txt version and bag-info.txt.
info_bag() {
	mkbag i && (cd i && printf 'BagIt-Version: %s\nTag-File-Character-Encoding: UTF-8\n' "$1" >bagit.txt &&
		printf '%b' "$2" >bag-info.txt &&
		for a in sha256 sha512; do "${a}sum" bagit.txt bag-info.txt manifest-*.txt >tagmanifest-$a.txt; done)
	bsdtar -cf i.tar i
}
info_bag 0.97 'Source-Organization:X\nContact-Name:\tA\nPayload-Oxum:14.4\n'
run go-archive verify i.tar
is "$status:$(cat "$T/out")" "0:" "0.97: no space or a tab after the colon: valid"
info_bag 1.0 'Source-Organization:X\nPayload-Oxum: 14.4\n'
run go-archive verify i.tar
is "$status:$(jq -r .code "$T/out")" "1:invalid-bag-info" "1.0: no space after the colon: invalid-bag-info"
info_bag 1.0 'Source-Organization: X\nExternal-Description: a long\n  description, continued\n\tand again\nPayload-Oxum: 14.4\n'
run go-archive verify i.tar
is "$status:$(cat "$T/out")" "0:" "continuation lines (space, tab): valid"
info_bag 1.0 'Contact-Name: A\nContact-Name: B\nPayload-Oxum: 14.4\n'
run go-archive verify i.tar
is "$status:$(cat "$T/out")" "0:" "a repeated label: valid"
info_bag 1.0 'Payload-Oxum: 14.4\nPayload-Oxum: 14.4\n'
run go-archive verify i.tar
is "$status:$(jq -r .code "$T/out")" "1:invalid-oxum" "a second Payload-Oxum: invalid-oxum"
info_bag 1.0 '  continued first\nPayload-Oxum: 14.4\n'
run go-archive verify i.tar
is "$status:$(jq -r .code "$T/out")" "1:invalid-bag-info" "a continuation line with nothing before it: invalid-bag-info"
info_bag 1.0 'Payload-Oxum: 14.5\n'
run go-archive verify i.tar
is "$status:$(jq -r .code "$T/out")" "1:oxum-mismatch" "a wrong Payload-Oxum: oxum-mismatch"

# ---- 5. fetch.txt ------------------------------------------------------------
# fetch_bag LINES [rm FILE]: the bag with fetch.txt, optionally without FILE.
fetch_bag() {
	mkbag f && (cd f && printf '%b' "$1" >fetch.txt && { [ -z "${2:-}" ] || rm "$2"; } &&
		for a in sha256 sha512; do "${a}sum" bagit.txt bag-info.txt manifest-*.txt fetch.txt >tagmanifest-$a.txt; done)
	bsdtar -cf f.tar f
}
fetch_bag 'http://127.0.0.1:9/a.txt 4 data/a.txt\n'
run go-archive verify f.tar
is "$status:$(cat "$T/out")" "0:" "fetch.txt whose file is in the archive: valid (complete)"
fetch_bag 'http://127.0.0.1:9/a.txt - data/a.txt\n' data/a.txt
run go-archive verify f.tar
is "$status:$(jq -r .code "$T/out" | sort -u | tr '\n' ' ')" "1:missing-file oxum-mismatch " "fetch.txt whose file is absent: incomplete, invalid"
like "$(jq -r 'select(.code=="missing-file") | .message' "$T/out")" "fetch.txt.*从不下载" "... and says it is not fetched"
fetch_bag 'http://127.0.0.1:9/x 4 data/../../etc/x\n'
run go-archive verify f.tar
is "$status:$(jq -r .code "$T/out")" "1:fetch-unsafe-path" "fetch.txt path escaping data/: invalid"
fetch_bag 'http://127.0.0.1:9/x\n'
run go-archive verify f.tar
is "$status:$(jq -r .code "$T/out")" "1:invalid-fetch-line" "fetch.txt line without length and path: invalid"

# ---- 6. Unicode normalisation -------------------------------------------------
nfc=$(printf 'caf\303\251.txt') nfd=$(printf 'cafe\314\201.txt')
mkbag u && printf 'x\n' >"u/data/$nfd" && (cd u &&
	for a in md5 sha256 sha512; do "${a}sum" "data/$nfd" | sed "s|$nfd|$nfc|" >>manifest-$a.txt; done &&
	sed -i 's/^Payload-Oxum: .*/Payload-Oxum: 16.5/' bag-info.txt &&
	for a in sha256 sha512; do "${a}sum" bagit.txt bag-info.txt manifest-*.txt >tagmanifest-$a.txt; done)
bsdtar -cf u.tar u
run go-archive verify u.tar
is "$status:$(cat "$T/out")" "0:" "NFD entry name, NFC manifest path: the same file, valid"
# create with an NFD attachment name gives a bag its own verify accepts.
printf 'att\n' >att.txt
printf '{"id":"N-1","title":"t","office":"o","kind":"notice","date":"2026-01-01","attribute":"proactive","category":"result","attachments":[{"name":"%s","path":"att.txt"}]}\n' "$nfd" >nfd.jsonl
run go-archive create --name nfd -o nfd.tar nfd.jsonl
is "$status" 0 "create with an NFD attachment name: exit 0"
run go-archive verify nfd.tar
is "$status:$(cat "$T/out")" "0:" "... and its own verify accepts the bag"
bsdtar -xOf nfd.tar nfd/manifest-sha256.txt | grep files/ | sed 's/^[0-9a-f]*  //' >man.path
bsdtar -tf nfd.tar | grep files/ | sed 's|^nfd/||' >entry.path
same_file man.path entry.path "create: the manifest path is in the entry name's normalisation"

# ---- 7. verdicts -------------------------------------------------------------
mkbag k && (cd k && rm manifest-* tagmanifest-* &&
	find data -type f | while read -r f; do printf '%0128x  %s\n' 0 "$f"; done >manifest-blake2b.txt)
bsdtar -cf k.tar k
run go-archive verify k.tar
is "$status" 3 "only blake2b manifests: cannot-check, exit 3"
like "$(jq -r .code "$T/out" | tr '\n' ' ')" "unsupported-algorithm.*cannot-check" "... with an unsupported-algorithm warning and a cannot-check finding"
is "$(jq -r 'select(.code=="cannot-check") | .severity' "$T/out")" "warning" "... cannot-check is not an error"
run go-archive verify k.tar bag-dir-never-made.tar
is "$status" 2 "cannot-check and an unreadable archive: exit 2"
mkbag k2 && (cd k2 && printf '%0128x  data/a.txt\n' 0 >manifest-blake2b.txt)
bsdtar -cf k2.tar k2
run go-archive verify k2.tar
is "$status:$(jq -r 'select(.severity=="error") | .code' "$T/out")" "0:" "blake2b beside sha256: checked with sha256, valid"
printf '{"id":"E-1","title":"t","office":"o","kind":"notice","date":"2025-01-01","attribute":"proactive","category":"result"}\n' >one.jsonl
run go-archive create --year 2026 --name empty -o empty.tar one.jsonl
is "$status" 1 "create --year with no document: exit 1"
like "$(cat "$T/err")" "no document" "... says there is no document"
test ! -e empty.tar; ok $? "... and writes no bag"
finish
