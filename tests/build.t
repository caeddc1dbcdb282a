#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# The build as a packager meets it: plain make installs nothing, the user's flags
# do not break it, one version everywhere, a reproducible release tarball that
# builds on its own, make deps that asks apt only for what is missing, and a
# licence for every file (reuse lint).
. "${0%/*}/lib.sh"
top=$(cd "$TESTS/.." && pwd)
version=$(cat "$top/VERSION")

# 1. Plain make: no package installer in what it would run, even in a new build folder.
make -s -C "$top" -n all BUILD="$T/fresh" >"$T/plan" 2>"$T/err"
is "$?" 0 "make -n all plans a build"
grep -q -e apt-get -e deps.sh "$T/plan"; is "$?" 1 "plain make runs neither apt-get nor deps.sh"

# 2. The user's CPPFLAGS, CFLAGS and AR do not replace the project's own flags.
make -s -C "$top" BUILD="$T/user" CPPFLAGS=-DGO_USER_FLAG CFLAGS=-O0 AR=ar \
	"$T/user/bin/go-check-reason" >"$T/out" 2>"$T/err"
is "$?" 0 "make CPPFLAGS=… CFLAGS=-O0 builds"
is "$("$T/user/bin/go-check-reason" --version)" "go-check-reason (go-tools) $version" \
	"--version says the version of the file VERSION"

# 3. Every tool and man page says that one version.
for c in "$top"/cmd/go-*.c; do
	t=$(basename "$c" .c)
	is "$("$GO_BUILD/bin/$t" --version)" "$t (go-tools) $version" "$t --version"
done
grep -L "\"go-tools $version\"" "$GO_BUILD"/man/* >"$T/stale"
is "$(cat "$T/stale")" "" "every built man page carries go-tools $version"
grep -rn '[0-9]\.[0-9]\.[0-9]' "$top"/man/* | grep -v '@VERSION@' | grep 'go-tools [0-9]' >"$T/hard"
is "$(cat "$T/hard")" "" "no man page source hard-codes a version"

# 4. make dist: the same bytes twice, named after the version, complete enough to build.
if git -C "$top" rev-parse HEAD >/dev/null 2>&1; then
	make -s -C "$top" dist BUILD="$T/d1" >/dev/null 2>"$T/err"; is "$?" 0 "make dist"
	sleep 1
	make -s -C "$top" dist BUILD="$T/d2" >/dev/null 2>&1
	tgz=go-tools-$version.tar.gz
	is "$(cd "$T/d1" && sha256sum "$tgz" | cut -d' ' -f1)" \
		"$(cd "$T/d2" && sha256sum "$tgz" | cut -d' ' -f1)" "make dist is reproducible"
	tar -xzf "$T/d1/$tgz" -C "$T"
	[ -f "$T/go-tools-$version/VERSION" ] && [ -f "$T/go-tools-$version/LICENSE" ]
	ok $? "the tarball unpacks into go-tools-$version/ with VERSION and LICENSE"
	make -s -C "$T/go-tools-$version" -j2 BUILD="$T/tb" "$T/tb/bin/go-cat" >"$T/out" 2>"$T/err"
	is "$?" 0 "the unpacked tarball builds a tool"
else
	ok 0 "# SKIP make dist: not a git checkout"
fi

# 5. make deps: what the probes find is not asked of apt or dpkg at all.
mkdir "$T/path"
for c in sh pkg-config; do ln -s "$(command -v $c)" "$T/path/$c"; done
PATH=$T/path sh "$top/tests/deps.sh" cmd:sh=dash pc:jansson=libjansson-dev >"$T/out" 2>"$T/err"
is "$?" 0 "deps.sh with everything present needs no dpkg-query nor apt-get"
PATH=$T/path sh "$top/tests/deps.sh" cmd:go-tools-no-such-command=some-package >"$T/out" 2>"$T/err"
is "$?" 1 "a missing package without apt-get fails"
like "$(cat "$T/err")" 'missing: some-package' "and names the Debian package"

# 7. One header per external library (lib/go.h the jansson core, go-store.h,
# go-archive.h, go-classify.h, go-site.h): a change to one recompiles only the
# files that include it. make -W pretends the header changed.
make -s -C "$top" -n -W lib/go-site.h BUILD="$T/user" "$T/user/libgo.a" \
	"$T/user/bin/go-check-reason" >"$T/plan" 2>"$T/err"
is "$(grep -o -- '-c -o [^ ]*' "$T/plan" | sed "s|-c -o $T/user/||" | sort | tr '\n' ' ')" \
	"lib/html.o lib/site.o " "a change to go-site.h recompiles html.c and site.c alone"
make -s -C "$top" -n -W lib/go-store.h BUILD="$T/user" "$T/user/bin/go-check-reason" >"$T/plan" 2>"$T/err"
grep -o -- '-c -o [^ ]*' "$T/plan" | grep -e 'go-check-reason\.o' -e 'lib/check\.o' -e 'lib/pii\.o'
is "$?" 1 "a change to go-store.h recompiles none of go-check-reason's own files"
grep -E -n '#include <(git2|archive|opencc|cmark)|struct git_|go_store\b|go_archive_|go_matcher' "$top/lib/go.h" >"$T/core"
is "$(cat "$T/core")" "" "lib/go.h names no type of libgit2, libarchive, OpenCC or cmark"

# 6. Every file has a licence and a copyright (REUSE).
if command -v reuse >/dev/null 2>&1 && git -C "$top" rev-parse HEAD >/dev/null 2>&1; then
	(cd "$top" && reuse lint) >"$T/out" 2>&1
	is "$?" 0 "reuse lint passes"
	[ "$?" -eq 0 ] || sed 's/^/# /' "$T/out" | head -40
else
	ok 0 "# SKIP reuse lint: reuse is not installed or this is not a git checkout"
fi
finish
