# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# TAP helpers for the shell tests; each test sources this file:
#   . "${0%/*}/lib.sh"
# The binaries under test are those of $GO_BUILD/bin (set by make check).
# Each assertion prints one TAP line; finish() prints the plan and the exit status.
set -u
: "${GO_BUILD:?run the tests through make check}"
TESTS=$(cd "${0%/*}" && pwd)
PATH="$GO_BUILD/bin:$PATH"
LC_ALL=C.UTF-8 TZ=UTC
GIT_AUTHOR_NAME='Test Clerk' GIT_AUTHOR_EMAIL='clerk@bureau.example'
GIT_COMMITTER_NAME='Test Clerk' GIT_COMMITTER_EMAIL='clerk@bureau.example'
GIT_CONFIG_NOSYSTEM=1 HOME=$(mktemp -d)
export PATH LC_ALL TZ GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
	GIT_COMMITTER_EMAIL GIT_CONFIG_NOSYSTEM HOME
unset GO_STORE GO_MAX_LINE
T=$(mktemp -d)
trap 'rm -rf "$T" "$HOME"' EXIT
_n=0 _failed=0

# ok STATUS NAME: passes when STATUS is 0.
ok() {
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $_n - $2"
	else echo "not ok $_n - $2"; _failed=$((_failed + 1)); fi
}
# run CMD...: run it; stdout in $T/out, stderr in $T/err, exit status in $status.
run() { "$@" >"$T/out" 2>"$T/err"; status=$?; }
# is GOT EXPECTED NAME
is() {
	if [ "$1" = "$2" ]; then ok 0 "$3"
	else ok 1 "$3"; printf '#   got:      %s\n#   expected: %s\n' "$1" "$2"; fi
}
# like GOT EXTENDED-REGEX NAME
like() {
	if printf '%s' "$1" | grep -Eq -- "$2"; then ok 0 "$3"
	else ok 1 "$3"; printf '#   got:   %s\n#   wanted: /%s/\n' "$1" "$2"; fi
}
# same_file GOT EXPECTED NAME: whole files, with a diff when they differ.
same_file() {
	if diff -u "$2" "$1" >"$T/diff" 2>&1; then ok 0 "$3"
	else ok 1 "$3"; sed 's/^/#   /' "$T/diff" | head -40; fi
}
# skip N REASON: N assertions that cannot run here, each "ok # SKIP REASON".
skip() {
	_k=0
	while [ "$_k" -lt "$1" ]; do
		_n=$((_n + 1)) _k=$((_k + 1))
		echo "ok $_n # SKIP $2"
	done
}
finish() { echo "1..$_n"; [ "$_failed" -eq 0 ]; exit $?; }
# year_catalog REPO BRANCH YYYY: the year's catalog, its months
# (catalog/<YYYY>/<MM>.jsonl, issue 18) one after the other; nothing when none.
year_catalog() {
	git -C "$1" ls-tree -r --name-only "$2" "catalog/$3/" 2>/dev/null | while read -r _f; do
		git -C "$1" show "$2:$_f"
	done
}
# doc_dirs REPO REV YYYY: the document folders of that year, one path a line
# (docs/<YYYY>/<MM>/<name>, issue 18).
doc_dirs() {
	git -C "$1" ls-tree -r -d --name-only "$2" "docs/$3/" 2>/dev/null | awk -F/ 'NF == 4'
}
