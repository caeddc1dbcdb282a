# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-hooks.sh — what the pre-commit and pre-receive hooks of go-tools share.
# Sourced, never run: git runs only the files named after hooks.
#
# The go-tools programs installed beside the hooks (PREFIX/bin for
# PREFIX/share/go-tools/hooks) come first: a server's PATH may not have them.
if [ -x "$here/../../../bin/go-gate" ]; then
	PATH=$(cd "$here/../../../bin" && pwd):$PATH
fi

# go_hooks_say ZH EN: one line on stderr in the run's language, as the tools
#   choose it (lib/messages.c): English when the first set of LC_ALL,
#   LC_MESSAGES, LANG begins with "en", else Chinese.
go_hooks_say() {
	case ${LC_ALL:-${LC_MESSAGES:-${LANG:-}}} in
	en*) printf '%s\n' "$2" >&2 ;;
	*) printf '%s\n' "$1" >&2 ;;
	esac
}

# go_hooks_gate LABEL GO-GATE-ARGS...
#   go-gate GO-GATE-ARGS: the store's layout and promises (SPEC §6), each
#   finding on stderr; returns 1 when there is one or go-gate failed.
go_hooks_gate() {
	_label=$1
	shift
	go-gate "$@" >&2
	case $? in
	0) return 0 ;;
	1) return 1 ;;
	*) go_hooks_say "$_label：无法检查库的布局（go-gate），拒绝" \
		"$_label: the store's layout could not be checked (go-gate); refusing"
	   return 1 ;;
	esac
}

# go_hooks_check LABEL GITDIR PREFIX GO-CAT-ARGS...
#   go-cat GO-CAT-ARGS | go-check-reason | go-link-interp --repo GITDIR
#   (by id: go-link-interp reads only the stored documents the change names,
#   so a hook costs what the change costs; never --all, the whole-store audit)
#   prints each problem on stderr as "PREFIX<folder>/record.json: CODE: message"
#   and returns 1 when a document breaks a rule or a tool failed, else 0.
go_hooks_check() {
	_label=$1 _gitdir=$2 _prefix=$3
	shift 3
	if ! command -v jq >/dev/null 2>&1; then
		go_hooks_say "$_label：报告问题需要 jq，拒绝" "$_label: jq is needed to report problems; refusing"
		return 1
	fi
	_tmp=$(mktemp -d) || return 1
	# Files between the steps: each tool's exit status counts (sh has no pipefail).
	go-cat "$@" >"$_tmp/cat"
	_cat=$?
	# A document the change removes comes as its last record marked
	# "store": {..., "deleted": true} (go-cat, issue 18): not checked again as
	# a new one, but go-link-interp sees it (a removed interpretation).
	grep -v ',"deleted":true}}$' "$_tmp/cat" | go-check-reason >"$_tmp/checked"
	_check=$?
	grep ',"deleted":true}}$' "$_tmp/cat" >>"$_tmp/checked"
	go-link-interp --repo "$_gitdir" <"$_tmp/checked" >"$_tmp/out"
	_interp=$?
	jq -r --arg p "$_prefix" '
		(if .store.path then .store.path + "/record.json" else .at end) as $f
		| .problems[]? | objects
		| "\($p)\($f): \(.code)\(if .severity == "error" then "" else " (\(.severity))" end): \(.message)"
	' "$_tmp/out" >&2
	_errors=$(jq -r '.problems[]? | objects | select(.severity == "error") | .code' "$_tmp/out" | wc -l)
	_docs=$(jq -r 'select(any(.problems[]?; objects | .severity == "error")) | 1' "$_tmp/out" | wc -l)
	rm -rf "$_tmp"
	if [ "$_cat" -ge 2 ] || [ "$_check" -ge 2 ] || [ "$_interp" -ge 2 ]; then
		go_hooks_say "$_label：无法检查这些文件（go-cat $_cat，go-check-reason $_check，go-link-interp $_interp），拒绝" \
			"$_label: the documents could not be checked (go-cat $_cat, go-check-reason $_check, go-link-interp $_interp); refusing"
		return 1
	fi
	if [ "$_errors" -gt 0 ] || [ "$_cat" -ne 0 ] || [ "$_check" -ne 0 ] || [ "$_interp" -ne 0 ]; then
		go_hooks_say "$_label：拒绝：$_docs 份文件不符合规则（$_errors 个错误）" \
			"$_label: refused: $_docs document(s) break the rules ($_errors error(s))"
		return 1
	fi
	return 0
}
