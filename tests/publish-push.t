#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-publish --push: both branches to a bare remote; a rejected push is fetched,
# re-applied on the remote's tips and pushed again. Also: identity from git config.
. "${0%/*}/lib.sh"
R=$T/remote.git
# libgit2 1.5's git_regexp_match leaks pcre2 match data on a non-match (remote
# URL rewriting); not go-tools' leak, so LeakSanitizer is told to skip it.
printf 'leak:libpcre2-8.so\n' >"$T/lsan.supp"
LSAN_OPTIONS=suppressions=$T/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
export LSAN_OPTIONS
git init -q --bare "$R"
rec() { printf '{"id":"%s","title":"标题%s","office":"办公室","kind":"notice","date":"2026-03-02","attribute":"%s","category":"execution","reason":"依申请","body":"正文"}\n' "$1" "$1" "${2:-proactive}"; }

rec A-1 >"$T/a.jsonl"
run go-publish --init --repo "$T/one.git" --today 2026-03-10 --push "$R" "$T/a.jsonl"
is "$status" 0 "--push to a bare remote: exit 0"
is "$(git -C "$R" rev-parse main public)" "$(git -C "$T/one.git" rev-parse main public)" \
	"the remote has both branches at the local tips"

# A second publisher pushes first; the first one's push is then rejected.
git clone -q --bare "$R" "$T/two.git"
rec B-1 >"$T/b.jsonl"
run go-publish --repo "$T/two.git" --today 2026-03-10 --push "$R" "$T/b.jsonl"
is "$status" 0 "a second store pushes its batch"
{ rec A-2; rec A-3 on-request; } >"$T/a2.jsonl"
run go-publish --repo "$T/one.git" --today 2026-03-10 --push "$R" "$T/a2.jsonl"
is "$status" 0 "the first store's push, rejected at first, lands: exit 0"
like "$(cat "$T/err")" 'push to .*remote.git: .*re-applying' "  the rejection is reported on stderr"
is "$(git -C "$R" ls-tree --name-only main docs/2026/ | tr '\n' ' ')" \
	"docs/2026/A-1 docs/2026/A-2 docs/2026/A-3 docs/2026/B-1 " "the remote's main has both batches"
is "$(git -C "$R" show public:catalog/2026.jsonl | jq -r .id | tr '\n' ' ')" "A-1 A-2 B-1 " \
	"the remote's public view has both batches' proactive records"
is "$(git -C "$R" rev-parse main public)" "$(git -C "$T/one.git" rev-parse main public)" \
	"the local branches are where the remote's are"
is "$(jq -r .publish.commit "$T/out" | sort -u)" "$(git -C "$R" rev-parse main)" \
	"the echo names the commit that was pushed"
run git -C "$R" fsck --strict
is "$status" 0 "git fsck --strict is clean on the remote"

# Identity from git config when the environment has none.
git -C "$T/one.git" config user.name 'Config Clerk'
git -C "$T/one.git" config user.email 'config@bureau.example'
rec C-1 >"$T/c.jsonl"
(unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
 go-publish --repo "$T/one.git" --today 2026-03-10 "$T/c.jsonl" >/dev/null)
is "$(git -C "$T/one.git" log -1 --format='%an <%ae>|%cn <%ce>' main)" \
	'Config Clerk <config@bureau.example>|Config Clerk <config@bureau.example>' \
	"author and committer from git config"
GO_STORE=$T/one.git run go-publish --today 2026-03-10 "$T/c.jsonl"
is "$(jq -r .publish.status "$T/out")" unchanged "--repo defaults to \$GO_STORE"
finish
