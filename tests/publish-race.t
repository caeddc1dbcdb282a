#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-publish under concurrency and sudden death: compare-and-swap refs, atomic packs.
. "${0%/*}/lib.sh"
. "${0%/*}/projection.sh"
S=$T/store.git
G() { git -C "$S" "$@"; }
BENCH=$TESTS/../bench

# ---- four publishers started together all land ------------------------------
sh "$BENCH/corpus.sh" 800 valid >"$T/c.jsonl"
for i in 1 2 3 4; do
	sed -n "$((i * 200 - 199)),$((i * 200))p" "$T/c.jsonl" >"$T/part$i.jsonl"
done
go-publish --init --repo "$S" --today 2026-12-31 </dev/null >/dev/null
for i in 1 2 3 4; do
	go-publish --repo "$S" --today 2026-12-31 "$T/part$i.jsonl" >"$T/out$i" 2>"$T/err$i" &
done
wait
st=0
for i in 1 2 3 4; do
	[ "$(jq -r .publish.status "$T/out$i" | sort -u)" = published ] || st=1
done
ok $st "four concurrent publishers: every record of each is published"
is "$(G rev-list --count main)" 4 "main: one commit per publisher, none lost"
# public is the projection of main, not a log of batches: a publisher that finds
# the register moved on projects the newer tip, so racing batches may share one
# public commit. Each public commit names the register commit it projects
# (Projection-of), never one twice, and the newest names main's tip.
G log --format='%(trailers:key=Projection-of,valueonly)' public | sed '/^$/d' >"$T/projs"
np=$(wc -l <"$T/projs" | tr -d ' ')
[ "$np" -ge 1 ] && [ "$np" -le 4 ]; ok $? "public: one to four commits for four batches (got $np)"
is "$(sort -u "$T/projs" | wc -l | tr -d ' ')" "$np" "public: no register commit projected twice"
is "$(head -1 "$T/projs")" "$(G rev-parse main)" "public: the newest projects main's tip"
G rev-list main >"$T/mains"
is "$(grep -cvxFf "$T/mains" "$T/projs")" 0 "public: each commit projects a commit of main"
is "$(doc_dirs "$S" main 2026 | wc -l)" 800 "main holds all 800 documents"
is "$(year_catalog "$S" public 2026 | wc -l)" 720 "the catalog holds every proactive one"
is "$(G ls-tree -r --name-only public catalog/2026/ | while read -r f; do
	G show "public:$f" | jq -r .id | LC_ALL=C sort -c || echo "$f unsorted"; done)" "" \
	"  each month's sorted by id"
for i in 1 2 3 4; do
	c=$(jq -r .publish.commit "$T/out$i" | sort -u)
	is "$(doc_dirs "$S" "$c" 2026 | grep -c "$(sed -n 1p "$T/part$i.jsonl" | jq -r .id)")" 1 \
		"publisher $i: its commit holds its records"
done
run git -C "$S" fsck --strict
is "$status" 0 "git fsck --strict is clean"

# ---- killed at any moment: the old tip or the new one, fsck clean -------------
# The moments are fractions of the time a whole publish takes here.
sh "$BENCH/corpus.sh" 2800 valid | tail -n 2000 >"$T/big.jsonl"
K=$T/kill.git
go-publish --init --repo "$K" --today 2026-12-31 "$T/part1.jsonl" >/dev/null
cp -R "$K" "$T/whole.git"
start=$(date +%s%N)
go-publish --repo "$T/whole.git" --today 2026-12-31 "$T/big.jsonl" >/dev/null
took=$(( ($(date +%s%N) - start) / 1000000 ))
new_trees=$(git -C "$T/whole.git" rev-parse 'main^{tree}' 'public^{tree}' | tr '\n' ' ')
old_trees=$(git -C "$K" rev-parse 'main^{tree}' 'public^{tree}' | tr '\n' ' ')
seen=
for pct in 10 30 50 70 85 95 99; do
	ms=$((took * pct / 100))
	timeout -s KILL "$(awk -v m="$ms" 'BEGIN { printf "%.3f", m / 1000 }')" \
		go-publish --repo "$K" --today 2026-12-31 "$T/big.jsonl" >/dev/null 2>&1
	set -- $(git -C "$K" rev-parse 'main^{tree}' 'public^{tree}') $old_trees $new_trees
	what=
	for br in 1 2; do
		eval "cur=\$$br old=\$$((br + 2)) new=\$$((br + 4))"
		if [ "$cur" = "$old" ]; then what="$what old"
		elif [ "$cur" = "$new" ]; then what="$what new"
		else what="$what torn"; fi
	done
	seen="$seen$what;"
	like "$what" '^( (old|new)){2}$' "killed after ${ms} ms of ${took}: each branch at its old or new tip:$what"
	run git -C "$K" fsck --strict
	is "$status" 0 "  git fsck --strict is clean"
	case $what in *new*) break ;; esac
done
echo "# states after each kill:$seen"
go-publish --repo "$K" --today 2026-12-31 "$T/big.jsonl" >"$T/out"
is "$(git -C "$K" rev-parse 'main^{tree}' 'public^{tree}' | tr '\n' ' ')" "$new_trees" \
	"a publish after the kills completes the batch"
run git -C "$K" fsck --strict
is "$status" 0 "  git fsck --strict is clean"

# ---- public is the projection of main, also when publishers race on one id -----
is "$(public_tree "$S")" "$(projection "$S")" \
	"four concurrent publishers of 800 records: public is the projection of main"
X=$T/race.git
go-publish --init --repo "$X" </dev/null >/dev/null
ok_runs=0 exits=0 withheld=0 runs=24
for i in $(seq 1 $runs); do
	printf '{"id":"R-%d","title":"PUBLIC-TITLE-%d","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution","body":"PUBLIC-BODY"}\n' "$i" "$i" >"$T/pa"
	printf '{"id":"R-%d","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"withheld","category":"execution","reason":"属于内部人事管理信息","basis":["ogi-16-internal"]}\n' "$i" >"$T/pw"
	go-publish --repo "$X" --today 2026-03-10 "$T/pa" >"$T/oa" 2>"$T/ea" & a=$!
	go-publish --repo "$X" --today 2026-03-10 "$T/pw" >/dev/null 2>"$T/ew" & w=$!
	wait $a; sa=$?; wait $w; sw=$?
	# the proactive one lands first, or is refused: once withheld, only a
	# review makes a document proactive
	if [ $sw -eq 0 ] && { [ $sa -eq 0 ] || { [ $sa -eq 1 ] &&
		[ "$(jq -r '.problems[-1].code' "$T/oa")" = missing-review ]; }; }; then
		exits=$((exits + 1))
	else echo "# run $i: exit $sa $sw"; fi
	[ "$(git -C "$X" show "main:docs/2026/03/R-$i/record.json" | jq -r .attribute)" = withheld ] &&
		withheld=$((withheld + 1))
	if [ "$(public_tree "$X")" = "$(projection "$X")" ]; then ok_runs=$((ok_runs + 1))
	else echo "# run $i: public is not the projection of main"; fi
done
is "$exits" "$runs" "two publishers racing on one id (proactive, withheld), $runs runs: the withheld one exits 0, the other 0 or 1 (missing-review)"
is "$withheld" "$runs" "  main ends withheld every time"
is "$ok_runs" "$runs" "  after every run, public is the projection of main, byte for byte"
is "$(year_catalog "$X" public 2026 2>/dev/null | jq -r .id | while read -r id; do
	[ "$(git -C "$X" show "main:docs/2026/03/$id/record.json" | jq -r .attribute)" = proactive ] || echo "$id"; done)" "" \
	"  the catalog names no document main holds as withheld"
run git -C "$X" fsck --strict
is "$status" 0 "  git fsck --strict is clean"

# ---- the case-twin check is redone on every retry --------------------------------
Y=$T/twins.git
go-publish --init --repo "$Y" </dev/null >/dev/null
one=0 runs=12
for i in $(seq 1 $runs); do
	for c in a A; do
		printf '{"id":"CT-%d-%s","title":"标题","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"proactive","category":"execution"}\n' "$i" "$c" >"$T/t$c"
	done
	go-publish --repo "$Y" --today 2026-03-10 "$T/ta" >"$T/oa" 2>/dev/null & a=$!
	go-publish --repo "$Y" --today 2026-03-10 "$T/tA" >"$T/oA" 2>/dev/null & c=$!
	wait $a; sa=$?; wait $c; sc=$?
	n=$(doc_dirs "$Y" main 2026 | grep -ic "/CT-$i-a\$")
	st=$(cat "$T/oa" "$T/oA" | jq -r .publish.status | sort | tr '\n' ' ')
	if [ "$n" = 1 ] && [ "$st" = "published refused " ] && [ "$sa$sc" = 01 -o "$sa$sc" = 10 ]; then
		one=$((one + 1))
	else echo "# run $i: $n in main, $st, exit $sa $sc"; fi
done
is "$one" "$runs" "two publishers racing with a case pair, $runs runs: exactly one lands, the other is refused (exit 1)"
is "$(cat "$T/oa" "$T/oA" | jq -r 'select(.publish.status == "refused") | .publish.reason' | grep -c '仅大小写不同\|differs only in letter case')" 1 \
	"  saying the id differs only in letter case"
run git -C "$Y" fsck --strict
is "$status" 0 "  git fsck --strict is clean"
finish
