#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# lib/pack.c's writer thread (issue 18): objects are deflated and written beside
# the caller; a read of an object still queued is served from its queued copy.
# GO_TEST_PACK_HOLD keeps every object queued until the pack is flushed, so that
# every read of a new object (the document trees, the projection's records,
# --dry-run's whole batch) takes that path; the stores must be the same.
. "${0%/*}/lib.sh"
BENCH=$TESTS/../bench
sh "$BENCH/corpus.sh" 700 valid >"$T/c.jsonl"
head -n 500 "$T/c.jsonl" >"$T/first.jsonl"
tail -n 200 "$T/c.jsonl" >"$T/second.jsonl"
trees() { git -C "$1" rev-parse main^{tree} public^{tree} | tr '\n' ' '; }

go-publish --init --repo "$T/a.git" --today 2026-12-31 "$T/first.jsonl" >"$T/a.out" 2>"$T/a.err"
is "$?" 0 "500 records: published"
GO_TEST_PACK_HOLD=1 go-publish --init --repo "$T/h.git" --today 2026-12-31 "$T/first.jsonl" \
	>"$T/h.out" 2>"$T/h.err"
is "$?" 0 "the same, every object held in the writer's queue until the flush: exit 0"
is "$(cat "$T/h.err")" "" "  nothing on stderr"
is "$(jq -r .publish.status "$T/h.out" | sort | uniq -c | tr -s ' ')" " 500 published" \
	"  every record published"
is "$(trees "$T/h.git")" "$(trees "$T/a.git")" "  the same main and public trees"
run git -C "$T/h.git" fsck --strict
is "$status" 0 "  git fsck --strict is clean"
is "$(git -C "$T/h.git" count-objects -v | sed -n 's/^count: //p')" 0 "  no loose object: all in packs"

# a second batch into the stores: the base from the store, the new from the queue
go-publish --repo "$T/a.git" --today 2026-12-31 "$T/second.jsonl" >/dev/null 2>&1
GO_TEST_PACK_HOLD=1 go-publish --repo "$T/h.git" --today 2026-12-31 "$T/second.jsonl" \
	>"$T/h2.out" 2>"$T/h2.err"
is "$?" 0 "a second batch, held: exit 0"
is "$(trees "$T/h.git")" "$(trees "$T/a.git")" "  the same trees as without holding"

# --dry-run reads the whole batch back and keeps nothing
GO_TEST_PACK_HOLD=1 go-publish --init --repo "$T/d.git" --today 2026-12-31 --dry-run \
	"$T/first.jsonl" >"$T/d.out" 2>"$T/d.err"
is "$?" 0 "--dry-run, held: exit 0"
go-publish --init --repo "$T/d2.git" --today 2026-12-31 --dry-run "$T/first.jsonl" >"$T/d2.out" 2>&1
same_file "$T/d.out" "$T/d2.out" "  the same output as without holding"
is "$(find "$T/d.git/objects" -type f -name '*.pack' | wc -l | tr -d ' ')" 0 "  and no pack written"

# the zlib path of objects of 4 GiB or more (pieces of 100 bytes), held
head -c 200000 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 0-9 g-p | head -c 200000 >"$T/big.txt"
printf '{"id":"HOLD-1","title":"大附件","office":"o","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"result","body":"b","attachments":[{"name":"big.txt","path":"%s"}]}\n' \
	"$T/big.txt" >"$T/big.jsonl"
GO_TEST_PACK_PIECE=100 GO_TEST_PACK_HOLD=1 go-publish --init --repo "$T/p.git" --today 2026-03-02 \
	"$T/big.jsonl" >/dev/null 2>"$T/p.err"
is "$?" 0 "a 200 kB attachment in zlib pieces, held: published"
git -C "$T/p.git" show main:docs/2026/03/HOLD-1/files/big.txt >"$T/back.txt"
cmp -s "$T/back.txt" "$T/big.txt"
ok $? "  git reads it back byte for byte"
run git -C "$T/p.git" fsck --strict
is "$status" 0 "  git fsck --strict is clean"

# killed with the pack renamed but before its index: no pack is used, refs unmoved
sh "$BENCH/corpus.sh" 701 valid | tail -n 1 >"$T/one.jsonl"
GO_TEST_PUBLISH_CRASH=pack GO_TEST_PACK_HOLD=1 go-publish --repo "$T/h.git" --today 2026-12-31 \
	"$T/one.jsonl" >/dev/null 2>&1
is "$?" 137 "killed between the pack and its index (held): SIGKILL"
is "$(trees "$T/h.git")" "$(trees "$T/a.git")" "  main and public unmoved"
run git -C "$T/h.git" fsck --strict
is "$status" 0 "  git fsck --strict is clean"

# the writer's failure (here a file size limit: EFBIG) is said by the caller,
# and nothing is installed
head -c 1500000 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 0-9 g-p | head -c 2000000 >"$T/huge.txt"
printf '{"id":"BIG-1","title":"大附件","office":"o","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"result","body":"b","attachments":[{"name":"big.txt","path":"%s"}]}\n' \
	"$T/huge.txt" >"$T/huge.jsonl"
before=$(git -C "$T/h.git" rev-parse main)
ls "$T/h.git/objects/pack" >"$T/packs.before"
sh -c 'trap "" XFSZ; ulimit -f 1000; exec go-publish --repo "$1" --today 2026-12-31 "$2"' sh \
	"$T/h.git" "$T/huge.jsonl" >"$T/f.out" 2>"$T/f.err"
is "$?" 2 "the pack writer cannot write (file size limit): exit 2"
like "$(cat "$T/f.err")" "cannot write the pack: File too large" "  stderr says why"
is "$(jq -r .publish.status "$T/f.out")" failed "  the record is echoed failed"
is "$(git -C "$T/h.git" rev-parse main)" "$before" "  main unmoved"
ls "$T/h.git/objects/pack" >"$T/packs.after"
same_file "$T/packs.after" "$T/packs.before" "  no pack installed, the temporary one removed"
finish
