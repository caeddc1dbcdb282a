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
like "$(cat "$T/err")" '推送到 .*remote.git：远端已有新的提交，取回后合并' "  the rejection is reported on stderr"
is "$(doc_dirs "$R" main 2026 | tr '\n' ' ')" \
	"docs/2026/03/A-1 docs/2026/03/A-2 docs/2026/03/A-3 docs/2026/03/B-1 " "the remote's main has both batches"
is "$(year_catalog "$R" public 2026 | jq -r .id | tr '\n' ' ')" "A-1 A-2 B-1 " \
	"the remote's public view has both batches' proactive records"
is "$(git -C "$R" rev-parse main public)" "$(git -C "$T/one.git" rev-parse main public)" \
	"the local branches are where the remote's are"
is "$(jq -r .publish.commit "$T/out" | sort -u)" "$(git -C "$R" rev-parse main)" \
	"the echo names the commit that was pushed"
is "$(jq -r .publish.pushed "$T/out" | sort -u)" true "  and says each record was pushed"
run git -C "$R" fsck --strict
is "$status" 0 "git fsck --strict is clean on the remote"

is "$(git -C "$T/one.git" rev-list --count --merges main)" 1 "  the remote's work was merged in"

# ---- a hook refusal stops at once; nothing unpushed is ever dropped ----------
# A local path runs the remote's hooks, as git push does.
cat >"$R/hooks/pre-receive" <<EOF
#!/bin/sh
echo run >>"$T/hook.log"
echo "钩子拒绝：测试用的拒绝" >&2
exit 1
EOF
chmod +x "$R/hooks/pre-receive"
old_remote=$(git -C "$R" rev-parse main public)
rec D-1 >"$T/d.jsonl"
run go-publish --repo "$T/one.git" --today 2026-03-10 --push "$R" "$T/d.jsonl"
is "$status" 1 "a push the remote's pre-receive hook refuses: exit 1"
is "$(wc -l <"$T/hook.log")" 1 "  the hook of the local path ran, once: no retry"
like "$(cat "$T/err")" 'remote: 钩子拒绝：测试用的拒绝' "  the remote's message is relayed on stderr"
like "$(cat "$T/err")" '被远端拒绝.*pre-receive hook declined' "  with what was refused"
is "$(jq -r '[.publish.status, .publish.pushed] | join(" ")' "$T/out")" "published false" \
	"  the record: published in the local store, pushed false"
is "$(git -C "$R" rev-parse main public)" "$old_remote" "  the remote did not move"
d1=$(git -C "$T/one.git" rev-parse main)
is "$(doc_dirs "$T/one.git" main 2026 | grep -c D-1)" 1 \
	"  the local main keeps the batch"
rm "$R/hooks/pre-receive"
# meanwhile a second store moves the remote
rec B-2 >"$T/b2.jsonl"
run go-publish --repo "$T/two.git" --today 2026-03-10 --push "$R" "$T/b2.jsonl"
is "$status" 0 "another store pushes in the meantime"
rec E-1 >"$T/e.jsonl"
run go-publish --repo "$T/one.git" --today 2026-03-10 --push "$R" "$T/e.jsonl"
is "$status" 0 "the next --push of the first store: exit 0"
is "$(doc_dirs "$R" main 2026 | grep -c -E '/(D-1|E-1|B-2)$')" 3 \
	"  the remote has the earlier unpushed batch, this one and the other store's"
is "$(year_catalog "$R" public 2026 | jq -r .id | grep -c -E '^(D-1|E-1|B-2)$')" 3 \
	"  and so has its public view"
git -C "$T/one.git" merge-base --is-ancestor "$d1" main
ok $? "  the local commit that was not pushed is still on main, not rewritten"
is "$(jq -r .publish.pushed "$T/out")" true "  pushed true"
run git -C "$R" fsck --strict
is "$status" 0 "  git fsck --strict is clean on the remote"

# A batch whose push failed (the remote was away) is carried by the next --push,
# also when the remote moved meanwhile.
mv "$R" "$T/away.git"
rec F-1 >"$T/f.jsonl"
run go-publish --repo "$T/one.git" --today 2026-03-10 --push "$R" "$T/f.jsonl"
is "$status" 2 "--push to a remote that is not there: exit 2"
is "$(jq -r '[.publish.status, .publish.pushed] | join(" ")' "$T/out")" "published false" \
	"  published in the local store, pushed false"
mv "$T/away.git" "$R"
rec B-3 >"$T/b3.jsonl"
go-publish --repo "$T/two.git" --today 2026-03-10 --push "$R" "$T/b3.jsonl" >/dev/null 2>&1
rec G-1 >"$T/g.jsonl"
run go-publish --repo "$T/one.git" --today 2026-03-10 --push "$R" "$T/g.jsonl"
is "$status" 0 "the next --push, onto a moved remote: exit 0"
is "$(doc_dirs "$R" main 2026 | grep -c -E '/(F-1|G-1|B-3)$')" 3 \
	"  the remote has the batch that was never pushed, this one and the other store's"

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
