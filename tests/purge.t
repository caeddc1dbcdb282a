#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-publish --purge (issue 19 item 4): on a store of 1000 documents over three
# years, one document's content is removed from every commit of both branches;
# after gc no object holds a byte of it, the other documents' blobs and the
# commits before it are unchanged, and purges/log.jsonl says who, when and why.
. "${0%/*}/lib.sh"
. "$TESTS/projection.sh"
S=$T/store.git
G() { git -C "$S" "$@"; }
A='王五 <wang@bureau.example>'
go-publish --init --repo "$S" </dev/null >/dev/null
# 36 monthly batches, 1000 documents; the secret comes in 2025-06, changes in 2026-02
n=0
for y in 2024 2025 2026; do
	for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
		k=28; [ "$y$m" = 202612 ] && k=20
		awk -v y=$y -v m=$m -v k=$k -v n=$n 'BEGIN { for (i = 1; i <= k; i++)
			printf "{\"id\":\"D-%04d\",\"title\":\"通知%d\",\"office\":\"办公室\",\"kind\":\"notice\",\"date\":\"%s-%s-02\",\"attribute\":\"%s\",\"category\":\"execution\",\"reason\":\"内部事务\",\"basis\":[\"ogi-16-internal\"],\"body\":\"正文 %d 号\"}\n",
				n + i, n + i, y, m, (n + i) % 5 ? "proactive" : "withheld", n + i }' >"$T/b.jsonl"
		[ "$y$m" = 202506 ] && printf '{"id":"P-SECRET","title":"人员名单","office":"办公室","kind":"notice","date":"2025-06-03","attribute":"proactive","category":"execution","body":"张三 身份证 SECRETALPHA","attachments":[{"name":"list.csv","path":"%s/list.csv"}]}\n' "$T" >>"$T/b.jsonl"
		[ "$y$m" = 202602 ] && printf '{"id":"P-SECRET","title":"人员名单","office":"办公室","kind":"notice","date":"2025-06-03","attribute":"proactive","category":"execution","body":"第二版 SECRETBETA"}\n' >>"$T/b.jsonl"
		printf 'name,id\n张三,SECRETGAMMA\n' >"$T/list.csv"
		n=$((n + k))
		go-publish --repo "$S" --author "$A" --today "$y-$m-05" "$T/b.jsonl" >/dev/null 2>&1 ||
			echo "# batch $y-$m refused something"
	done
done
is "$(go-cat --repo "$S" --no-body | wc -l | tr -d ' ')" 1001 "a store of 1000 documents and the secret, over three years"
G rev-parse main public >"$T/tips0"
G rev-list main >"$T/main0"
G ls-tree -r main docs | grep -v P-SECRET | sort >"$T/others0"
before=$(G rev-list --first-parent main | grep -c .)
G log --first-parent --format=%H main -- docs/2025/06/P-SECRET | tail -1 >"$T/first"
G rev-parse "$(cat "$T/first")^" >"$T/pre"

t0=$(date +%s.%N)
run go-publish --repo "$S" --author "$A" --today 2026-12-20 --purge P-SECRET --reason '误发公民身份号码'
echo "# purge of one document in $(G rev-list --all | grep -c .) commits: $(echo "$(date +%s.%N) - $t0" | bc) s"
is "$status" 0 "--purge P-SECRET: exit 0"
is "$(jq -r .publish.status "$T/out")" published "  one line, status published"
like "$(tr '\n' ' ' <"$T/err")" 'push --force.*reflog expire --expire=now --all.*gc --prune=now.*重新克隆' \
	"  stderr says what to do next: force-push, expire and gc, re-clone"
is "$(G rev-list --first-parent main | grep -c .)" $((before + 1)) "  one commit more on main: the audit entry"
is "$(G show main:purges/log.jsonl | jq -r '[.id, .reason, .by, .date, .old.main, .old.public] | join(" ")')" \
	"P-SECRET 误发公民身份号码 王五 2026-12-20 $(tr '\n' ' ' <"$T/tips0" | sed 's/ $//')" \
	"  purges/log.jsonl: id, reason, who, when, old tips"
is "$(G show main:purges/log.jsonl | jq -r .new.public)" "$(G rev-parse public)" "  and the new ones"
is "$(G show main:docs/2025/06/P-SECRET/record.json | jq -c '[.attribute, .purged.reason, has("attachments")]')" \
	'["withheld","误发公民身份号码",false]' "  the record is kept as withheld metadata"
is "$(G ls-tree --name-only main:docs/2025/06/P-SECRET)" record.json "  and alone in its folder"
G ls-tree -r main docs | grep -v P-SECRET | sort >"$T/others1"
same_file "$T/others1" "$T/others0" "  every other document's blobs unchanged"
G merge-base --is-ancestor "$(cat "$T/pre")" main
ok $? "  the commits before the secret keep their ids"
for c in $(G rev-list main public); do
	G ls-tree -r "$c" | grep -v 'P-SECRET/record.json' | grep P-SECRET
	G grep -q -e SECRET -e P-SECRET "$c" -- catalog 2>/dev/null && echo "catalog of $c"
done >"$T/left"
is "$(cat "$T/left")" "" "  no commit of either branch holds its files or its catalog line"
is "$(public_tree "$S")" "$(projection "$S")" "  public is still the projection of main"
for c in $(G rev-list public); do
	p=$(G log -1 --format=%B "$c" | sed -n 's/^Projection-of: //p')
	[ -z "$p" ] || G merge-base --is-ancestor "$p" main || echo "$c"
done >"$T/stale"
is "$(cat "$T/stale")" "" "  each public commit's Projection-of names a commit of the new main"
G fsck --strict >/dev/null 2>&1
ok $? "  git fsck --strict"
G reflog expire --expire=now --all && G gc -q --prune=now
G cat-file --batch-all-objects --batch >"$T/all"
grep -a -c -e SECRETALPHA -e SECRETBETA -e SECRETGAMMA "$T/all" >"$T/hits"
is "$(cat "$T/hits")" 0 "after gc no object of the store holds a byte of its content"
grep -a -q '正文 17 号' "$T/all"
ok $? "  while the other documents' content is there"
grep -a -c '人员名单' "$T/all" >"$T/hits"
is "$(cat "$T/hits")" 0 "  nor its title: the record kept is a withheld record's metadata and the purge mark"
go-gate --repo "$S" --tree main >"$T/out" 2>&1
is "$?" 0 "the purged store passes the server's gate (purges/log.jsonl and the purged record are allowed)"
[ -s "$T/out" ] && sed 's/^/#   /' "$T/out" | head -5

# and the store goes on
printf '{"id":"Z-1","title":"新通知","office":"办公室","kind":"notice","date":"2026-12-21","attribute":"proactive","category":"execution","body":"新"}\n' >"$T/z.jsonl"
run go-publish --repo "$S" --author "$A" --today 2026-12-21 "$T/z.jsonl"
is "$status" 0 "a publish after the purge"
is "$(public_tree "$S")" "$(projection "$S")" "  public is the projection of main"
run go-publish --repo "$S" --author "$A" --today 2026-12-21 --purge NOPE-1 --reason '误发'
is "$status" 1 "--purge of an id not on the register: exit 1"
is "$(jq -r '.problems[0].code' "$T/out")" cannot-purge "  as cannot-purge"
: >"$S/go-purge.lock"
run go-publish --repo "$S" --author "$A" --today 2026-12-21 --purge Z-1 --reason '误发'
is "$status" 1 "--purge while another holds the lock: exit 1"
like "$(cat "$T/err")" 'go-purge.lock' "  naming the lock"
G cat-file -e main:docs/2026/12/Z-1/body.md
ok $? "  and nothing purged"
G rev-parse main >"$T/m0"
run go-publish --repo "$S" --author "$A" --today 2026-12-22 "$T/z.jsonl"
is "$status" 2 "no publishing while the purge lock is held: exit 2"
like "$(cat "$T/err")" '正在清除历史.*go-purge.lock' "  saying why"
is "$(G rev-parse main)" "$(cat "$T/m0")" "  and main did not move"
rm -f "$S/go-purge.lock"
# a clerk's clone pushes through the store's own pre-receive gate after the purge
git clone -q --bare "$S" "$T/clerk.git" 2>/dev/null
printf '{"id":"Z-2","title":"清除后的通知","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","body":"正文"}\n' >"$T/z2.jsonl"
run go-publish --repo "$T/clerk.git" --author "$A" --today 2026-12-22 --push "$S" "$T/z2.jsonl"
is "$status" 0 "after the purge, a publish pushed through the store's hooks is accepted"
[ "$status" -eq 0 ] || sed 's/^/#   /' "$T/err" | head -5
is "$(jq -r '.publish.status + " " + (.publish.pushed | tostring)' "$T/out")" "published true" "  published and pushed"

finish
