#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# Issue 11: the library never ends the process. No object of libgo.a calls
# exit, go_die or go_diex, but error.c, which defines them (the go_x*
# allocators end the process on out-of-memory, GO_BUG aborts on API misuse);
# _exit only in publish-push.c (git push), in the child between fork and exec. The exits for
# --help, --version and usage errors are cmd/cli.c's, outside the library.
. "${0%/*}/lib.sh"
lib=$GO_BUILD/libgo.a
if ! command -v nm >/dev/null 2>&1; then
	skip 3 "nm (binutils) is not installed"
	finish
fi
nm -A "$lib" >"$T/nm" 2>/dev/null
like "$(grep -c ' T go_interp_apply$' "$T/nm")" '^1$' "nm reads libgo.a"
is "$(grep -E ' U (exit|go_die|go_diex)$' "$T/nm" | grep -v ':error\.o:' | sed 's/:.*U / /')" "" \
	"no object of libgo.a but error.o calls exit, go_die or go_diex"
is "$(grep -E ' U _exit$' "$T/nm" | grep -v ':publish-push\.o:' | sed 's/:.*U / /')" "" \
	"_exit only in publish-push.o (a forked child)"
is "$(grep -E ' T (go_help|go_version|go_usage_error|go_today_arg|go_number_arg)$' "$T/nm")" "" \
	"the helpers that exit are not in the library"
finish
