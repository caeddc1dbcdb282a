#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
#
# MB/s of go_hash (lib/sha.c) now against the hand-written digests it replaced
# (lib/sha.c of BENCH_BASE, default a5c43c8), both built here with the same
# compiler; then sha1sum, sha256sum, sha512sum over the same 256 MiB.
. "${0%/*}/lib.sh"
base=${BENCH_BASE:-a5c43c8}
root=$here/..
cflags="-O2 -D_GNU_SOURCE $(pkg-config --cflags jansson libgit2 libarchive)"
old=$work/digests-old
rm -rf "$old" && mkdir -p "$old/lib"
git -C "$root" show "$base:lib/sha.c" >"$old/lib/sha.c"
git -C "$root" show "$base:lib/go.h" >"$old/lib/go.h"
${CC:-cc} $cflags -I"$old/lib" -o "$old/bench" "$here/digests.c" "$old/lib/sha.c"
${CC:-cc} $cflags -I"$root/lib" -o "$work/digests-new" "$here/digests.c" "$root/lib/sha.c" \
	$(pkg-config --libs libcrypto)
"$old/bench" >"$work/digests-old.txt"
"$work/digests-new" >"$work/digests-new.txt"
head -c 268435456 /dev/zero >"$work/digests.bin"
printf '  %-8s %12s %12s %7s %12s\n' algorithm "before MB/s" "after MB/s" ratio "coreutils"
for a in md5 sha1 sha256 sha512; do
	b=$(awk -v a="$a" '$1 == a { print $2 }' "$work/digests-old.txt")
	n=$(awk -v a="$a" '$1 == a { print $2 }' "$work/digests-new.txt")
	measure "${a}sum" "${a}sum" "$work/digests.bin" >/dev/null
	c=$(awk -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? 268.435456 / s : 0) }')
	printf '  %-8s %12s %12s %6sx %12s\n' "$a" "$b" "$n" "$(ratio "$b" "$n")" "$c"
done
rm -f "$work/digests.bin"
