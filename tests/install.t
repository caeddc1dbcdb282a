#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# make install: binaries, man pages, completions and hooks land where they should,
# and every tool has its man page and its completions.
. "${0%/*}/lib.sh"
top=$(cd "$TESTS/.." && pwd)
root=$T/root

# -o all: install what make check built (plain or sanitized), never rebuild it here.
make -s -C "$top" -o all install BUILD="$GO_BUILD" PREFIX=/usr DESTDIR="$root" >"$T/out" 2>"$T/err"
is "$?" 0 "make install succeeds"

for c in "$top"/cmd/go-*.c; do
	t=$(basename "$c" .c)
	[ -x "$root/usr/bin/$t" ]; ok $? "$t is installed"
	[ -f "$root/usr/share/man/man1/$t.1" ]; ok $? "$t has a man page"
	MANWIDTH=80 man -l "$root/usr/share/man/man1/$t.1" >"$T/man" 2>"$T/manerr"
	is "$(cat "$T/manerr")" "" "$t's man page renders without warnings"
	grep -q '^EXIT STATUS' "$T/man"; ok $? "$t's man page documents the exit status"
	[ -f "$root/usr/share/bash-completion/completions/$t" ]; ok $? "$t has bash completion"
	[ -f "$root/usr/share/zsh/vendor-completions/_$t" ]; ok $? "$t has zsh completion"
	[ -f "$root/usr/share/fish/vendor_completions.d/$t.fish" ]; ok $? "$t has fish completion"
	# The bash completion loads and offers --help.
	out=$(bash -c ". '$root/usr/share/bash-completion/completions/$t'
		f=\$(complete -p $t | sed 's/.*-F \([^ ]*\).*/\1/')
		COMP_WORDS=($t --he); COMP_CWORD=1; COMP_LINE='$t --he'; COMP_POINT=\${#COMP_LINE}
		\$f $t --he $t; echo \"\${COMPREPLY[*]}\"" 2>&1)
	like "$out" '--help' "$t's bash completion offers --help"
	"$root/usr/bin/$t" --help >/dev/null 2>&1; is "$?" 0 "the installed $t runs"
done
[ -x "$root/usr/share/go-tools/hooks/pre-commit" ]; ok $? "the pre-commit hook is installed"
[ -x "$root/usr/share/go-tools/hooks/pre-receive" ]; ok $? "the pre-receive hook is installed"
[ -f "$root/usr/share/go-tools/LICENSE.holiday-cn" ]; ok $? "the holiday data's licence goes with it"
# make uninstall removes exactly what make install put there: no file is left.
make -s -C "$top" -o all uninstall BUILD="$GO_BUILD" PREFIX=/usr DESTDIR="$root" >"$T/out" 2>"$T/err"
is "$?" 0 "make uninstall succeeds"
is "$(find "$root" -type f -o -type l | sed "s|^$root||" | head -5)" "" "make uninstall leaves no installed file behind"
finish
