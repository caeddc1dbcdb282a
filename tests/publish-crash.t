#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-publish killed at each step of a commit (GO_TEST_PUBLISH_CRASH): the store
# stays git fsck --strict clean, each branch is at its old or its new tip, and
# the next publish brings a public view left behind main up to it.
. "${0%/*}/lib.sh"
. "${0%/*}/projection.sh"
rec() { printf '{"id":"%s","title":"标题%s","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"%s","category":"execution","reason":"依申请","body":"正文%s"}\n' "$1" "$1" "${2:-proactive}" "$1"; }
{ rec A-1; rec A-2 on-request; } >"$T/a.jsonl"
{ rec B-1; rec B-2 withheld; rec A-1 withheld; } >"$T/b.jsonl"
go-publish --init --repo "$T/base.git" --today 2026-03-10 "$T/a.jsonl" >/dev/null
cp -R "$T/base.git" "$T/whole.git"
go-publish --repo "$T/whole.git" --today 2026-03-10 "$T/b.jsonl" >/dev/null
tips() { git -C "$1" rev-parse 'main^{tree}' 'public^{tree}' | tr '\n' ' '; }
old=$(tips "$T/base.git") new=$(tips "$T/whole.git")
# after the kill: main, public at (o)ld or (n)ew
for point in pack:oo index:oo main:no public:nn; do
	p=${point%:*} want=${point#*:}
	K=$T/$p.git
	cp -R "$T/base.git" "$K"
	GO_TEST_PUBLISH_CRASH=$p go-publish --repo "$K" --today 2026-03-10 "$T/b.jsonl" \
		>"$T/out" 2>"$T/err"
	is "$?" 137 "GO_TEST_PUBLISH_CRASH=$p: killed there (SIGKILL)"
	set -- $(tips "$K") $old $new
	got=
	[ "$1" = "$3" ] && got=o; [ "$1" = "$5" ] && got=n
	[ "$2" = "$4" ] && got=${got}o; [ "$2" = "$6" ] && got=${got}n
	is "$got" "$want" "  main and public each at the old or the new tip ($want)"
	run git -C "$K" fsck --strict
	is "$status" 0 "  git fsck --strict is clean"
	case $want in
	no) ok "$([ "$(public_tree "$K")" != "$(projection "$K")" ]; echo $?)" \
		"  public is left behind: not the projection of main" ;;
	esac
	run go-publish --repo "$K" --today 2026-03-10 </dev/null
	is "$status" 0 "  the next publish (an empty batch) exits 0"
	[ "$status" = 0 ] || sed 's/^/# /' "$T/err"
	is "$(public_tree "$K")" "$(projection "$K")" "  and leaves public the projection of main"
	run go-publish --repo "$K" --today 2026-03-10 "$T/b.jsonl"
	is "$(tips "$K")" "$new" "  publishing the batch again completes it"
	run git -C "$K" fsck --strict
	is "$status" 0 "  git fsck --strict is clean"
done
finish
