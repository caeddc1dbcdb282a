#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
#
# Why lib/pack.c deflates with libdeflate (issue 18): MB/s and output size of
# zlib (deflateReset per object, as pack.c did) against libdeflate (one shot,
# as it does now), each record of the bench corpus one object, at level 1
# (pack.c's, and git fast-import's for new files is zlib's default, level 6).
# N records: $1, default 20000.
. "${0%/*}/lib.sh"
c=$(corpus "${1:-20000}" valid)
${CC:-cc} -O2 -D_GNU_SOURCE -o "$work/pack-deflate" "$here/pack-deflate.c" \
	$(pkg-config --cflags --libs libdeflate zlib)
"$work/pack-deflate" <"$c"
