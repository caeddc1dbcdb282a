#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# The store as an office runs it (issue 9, "Done when"): git http-backend
# behind lighttpd on 127.0.0.1 (a free port chosen now), serving a bare store
# made by the installed go-publish --init, whose hooks are the gate. Clerks
# clone, commit and push over HTTP, good and bad documents, two at once;
# go-publish --push publishes through it. The server is bounded and killed.
. "${0%/*}/lib.sh"
ROOT=$(cd "$TESTS/.." && pwd)
# libgit2 1.5's git_regexp_match leaks pcre2 match data (remote URL rewriting);
# not go-tools' leak: LeakSanitizer skips it (as in publish-push.t).
printf 'leak:libpcre2-8.so\n' >"$T/lsan.supp"
LSAN_OPTIONS=suppressions=$T/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
export LSAN_OPTIONS
BACKEND=$(git --exec-path)/git-http-backend
if ! command -v lighttpd >/dev/null 2>&1 && [ ! -x /usr/sbin/lighttpd ]; then
	echo "ok 1 # SKIP lighttpd is not installed (Debian package lighttpd)"
	echo "1..1"
	exit 0
fi
LIGHTTPD=$(command -v lighttpd || echo /usr/sbin/lighttpd)

# The office installs go-tools, then makes the store with go-publish --init.
P=$T/prefix
make -s -C "$ROOT" -o all install BUILD="$GO_BUILD" PREFIX="$P" >"$T/install.log" 2>&1
ok $? "make install PREFIX=..."
SRV=$T/srv
S=$SRV/store.git
GOOD='{"id":"G-1","date":"2026-03-02","attribute":"proactive","category":"result","kind":"notice","office":"办公室","title":"关于某事的通知","body":"正文"}'
printf '%s\n' "$GOOD" >"$T/in"
# the installed go-publish finds the installed hooks; the server has no PATH of ours
env PATH=/usr/bin:/bin "$P/bin/go-publish" --init --repo "$S" --today 2026-03-03 "$T/in" >"$T/out" 2>"$T/err"
is "$?" 0 "the installed go-publish --init makes the store"
is "$(git -C "$S" config core.hooksPath)" "$(cd "$P/share/go-tools/hooks" && pwd -P)" \
	"--init points core.hooksPath at the installed hooks"
git -C "$S" config http.receivepack true # pushing over HTTP without REMOTE_USER

# lighttpd with git http-backend as CGI under /git/, on a free port.
free_port() {
	perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1:0")->sockport'
}
start() {
	PORT=$(free_port)
	cat >"$T/lighttpd.conf" <<EOF
server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
server.document-root = "$T"
server.bind = "127.0.0.1"
server.port = $PORT
server.errorlog = "$T/lighttpd.log"
alias.url = ("/git" => "$BACKEND")
\$HTTP["url"] =~ "^/git" {
	cgi.assign = ("" => "")
	setenv.add-environment = (
		"GIT_PROJECT_ROOT" => "$SRV",
		"GIT_HTTP_EXPORT_ALL" => "1",
		"PATH" => "/usr/bin:/bin",
		"HOME" => "$T"
	)
}
EOF
	timeout 300 "$LIGHTTPD" -D -f "$T/lighttpd.conf" >>"$T/lighttpd.log" 2>&1 &
	LPID=$!
	URL=http://127.0.0.1:$PORT/git/store.git
	for _i in $(seq 50); do
		git ls-remote "$URL" >/dev/null 2>&1 && return 0
		kill -0 "$LPID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
LPID=
trap '[ -n "$LPID" ] && kill "$LPID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T" "$HOME"' EXIT
up=1
for _try in 1 2 3 4 5; do
	start && { up=0; break; }
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null
	wait "$LPID" 2>/dev/null
	LPID=
done
ok $up "lighttpd serves git http-backend on 127.0.0.1 (a port chosen at run time)"
[ $up -eq 0 ] || { sed 's/^/# /' "$T/lighttpd.log"; finish; }

# Two clerks clone over HTTP.
git clone -q "$URL" "$T/a" 2>"$T/err"
ok $? "clerk A clones over HTTP"
git clone -q "$URL" "$T/b" 2>"$T/err"
ok $? "clerk B clones over HTTP"
doc() { # CLONE ID [JQ-FILTER]
	mkdir -p "$1/docs/2026/03/$2"
	printf '%s' "$GOOD" | jq -S --arg id "$2" "del(.body) | .id = \$id | .published = \"2026-03-03\" | ${3:-.}" \
		>"$1/docs/2026/03/$2/record.json"
	git -C "$1" add -A && git -C "$1" commit -qm "$2"
}

# go-publish --push from an office machine publishes through the server.
L=$T/office.git
git clone -q --bare "$URL" "$L" 2>"$T/err"
ok $? "an office machine mirrors the store over HTTP"
printf '%s' "$GOOD" | jq -c '.id = "P-1"' >"$T/in"
"$P/bin/go-publish" --repo "$L" --today 2026-03-03 --push "$URL" "$T/in" >"$T/out" 2>"$T/err"
is "$?.$(jq -r .publish.status "$T/out")" "0.published" "go-publish --push publishes through the server (HTTP)"
is "$(git -C "$S" rev-parse main public)" "$(git -C "$L" rev-parse main public)" "the server's main and public are the published ones"
"$P/bin/go-gate" --repo "$S" --public --tree public >"$T/out" 2>&1
is "$?" 0 "the server's public passes the gate"
git -C "$T/a" pull -q origin main 2>/dev/null
git -C "$T/b" pull -q origin main 2>/dev/null

# A good document, then bad ones, each refused with its message.
doc "$T/a" A-1
git -C "$T/a" push -q origin main >"$T/out" 2>"$T/err"
is "$?" 0 "clerk A pushes a good document over HTTP"
is "$(git -C "$S" rev-parse main)" "$(git -C "$T/a" rev-parse main)" "the server's main moved"
doc "$T/a" A-2 '.attribute = "withheld" | .reason = "属于内部人事管理信息" | .basis = ["ogi-16-internal"]'
git -C "$T/a" push origin main >"$T/out" 2>"$T/err"
is "$?" 1 "a withheld record with its title is refused over HTTP"
like "$(cat "$T/err")" "remote: refs/heads/main: docs/2026/03/A-2/record.json: withheld-extra-field: " \
	"the clerk sees the gate's message (remote:)"
like "$(cat "$T/err")" "pre-receive hook declined" "git reports the refusal"
git -C "$T/a" reset -q --hard HEAD~1
git -C "$T/a" rm -rq docs/2026/03/G-1 && git -C "$T/a" commit -qm "rm G-1"
git -C "$T/a" push origin main >"$T/out" 2>"$T/err"
is "$?" 1 "deleting a published document is refused over HTTP"
like "$(cat "$T/err")" "remote: refs/heads/main: docs/2026/03/G-1: document-deleted: " "document-deleted named"
git -C "$T/a" reset -q --hard HEAD~1
git -C "$T/a" push -f origin HEAD~1:main >"$T/out" 2>"$T/err"
is "$?" 1 "a forced rewind of main is refused over HTTP"
doc "$T/a" A-3 'del(.attribute)'
git -C "$T/a" push origin main >"$T/out" 2>"$T/err"
is "$?" 1 "a record without an attribute is refused (SPEC §4, go-check-reason)"
like "$(cat "$T/err")" "remote: refs/heads/main: docs/2026/03/A-3/record.json: missing-attribute: " "missing-attribute named"
git -C "$T/a" reset -q --hard HEAD~1
git -C "$S" fsck --strict >/dev/null 2>&1
ok $? "the server's store: git fsck --strict is clean after the refusals"

# Two clerks at once: one wins the race, the other is told to fetch first,
# rebases, pushes again; both documents land, nothing is lost.
git -C "$T/b" pull -q --rebase origin main 2>/dev/null
doc "$T/a" A-4
doc "$T/b" B-1
git -C "$T/a" push -q origin main >"$T/outa" 2>"$T/erra" &
pa=$!
git -C "$T/b" push -q origin main >"$T/outb" 2>"$T/errb" &
pb=$!
wait $pa; sa=$?
wait $pb; sb=$?
for c in a b; do
	if [ "$c" = a ]; then s=$sa; else s=$sb; fi
	[ "$s" -eq 0 ] && continue
	git -C "$T/$c" pull -q --rebase origin main 2>/dev/null
	git -C "$T/$c" push -q origin main >"$T/out$c" 2>"$T/err$c"
	s=$?
	if [ "$c" = a ]; then sa=$s; else sb=$s; fi
done
is "$sa.$sb" "0.0" "two clerks pushing at once: both pushes land (the later one after a rebase)"
doc_dirs "$S" main 2026 >"$T/got"
printf 'docs/2026/03/%s\n' A-1 A-4 B-1 G-1 P-1 >"$T/want"
same_file "$T/got" "$T/want" "the server's main holds every document (git ls-tree)"

# go-publish --push from an office machine publishes through the server, now
# that clerks have pushed to main: public is derived from the main that lands
# (issue 9 item 1), so the server's gate accepts it as the projection of main.
L=$T/office2.git
git clone -q --bare "$URL" "$L" 2>"$T/err"
printf '%s' "$GOOD" | jq -c '.id = "P-2"' >"$T/in"
"$P/bin/go-publish" --repo "$L" --today 2026-03-03 --push "$URL" "$T/in" >"$T/out" 2>"$T/err"
is "$?" 0 "go-publish --push after clerks' pushes to main: exit 0"
[ "$?" -eq 0 ] || sed 's/^/# /' "$T/err"
is "$(jq -r '.publish.status + " " + (.publish.pushed | tostring)' "$T/out")" "published true" \
	"the record is published and pushed"
is "$(git -C "$S" rev-parse main public)" "$(git -C "$L" rev-parse main public)" \
	"go-publish --push after clerks' pushes to main: the server has both branches"
doc_dirs "$S" public 2026 >"$T/got"
doc_dirs "$S" main 2026 >"$T/want"
same_file "$T/got" "$T/want" "the server's public view holds every proactive document of main"
git -C "$S" fsck --strict >/dev/null 2>&1
ok $? "git fsck --strict is clean at the end"
"$P/bin/go-gate" --repo "$S" --tree main >"$T/out" 2>&1
is "$?" 0 "the server's main passes the gate"
finish
