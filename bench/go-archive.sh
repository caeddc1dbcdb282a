#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
#
# go-archive on a 20k and a 100k-document store (bench/corpus.sh, published with
# go-publish), side by side with git on the same tree:
#   1. go-archive create --repo (a BagIt bag, SHA-256 and SHA-512 manifests, as
#      tar.zst) against `git archive --format=tar main | zstd -3`;
#   2. go-archive verify of that bag (every file hashed twice, every manifest
#      checked) against `sha256sum` + `sha512sum` over the same payload.
# Targets: create >= 1.0x git's pipeline (wall) under 64 MB peak; verify >= 1.0x.
# Both wall and CPU time are given: git's pipeline is two processes, go-archive
# create two threads (GO_ARCHIVE_THREADS=1, measured too, makes it one).
# BENCH_BEFORE=DIR (a build of an earlier commit: DIR/bin/go-archive) adds its
# create and verify, for before/after figures.
. "${0%/*}/lib.sh"
sizes=${BENCH_SIZES:-20000 100000}
before=${BENCH_BEFORE:-}
BENCH_RUNS=${BENCH_RUNS:-3} # measure_best (lib.sh): the best of three runs

for n in $sizes; do
	store=$work/archive-store-$n.git
	if ! git -C "$store" rev-parse -q --verify main >/dev/null 2>&1; then
		rm -rf "$store"
		go-publish --init --repo "$store" --today 2026-12-31 -m bench \
			<"$(corpus "$n" valid)" >/dev/null
		git -C "$store" gc -q
	fi
	echo "$n documents ($(du -sh "$store" | cut -f1) store):"
	measure_best "git archive | zstd -3" \
		sh -c 'git -C "$1" archive --format=tar main | zstd -3 -q -c >"$2"' sh \
		"$store" "$work/git.tar.zst"
	git_secs=$secs git_cpu=$cpu
	if [ -n "$before" ]; then
		measure_best "before: go-archive create" \
			"$before/bin/go-archive" create --repo "$store" --name bag -o "$work/bag-before.tar.zst"
		echo "  before / git: $(ratio "$secs" "$git_secs")x wall, $(ratio "$cpu" "$git_cpu")x cpu"
	fi
	measure_best "go-archive create --repo (tar.zst)" \
		go-archive create --repo "$store" --name bag -o "$work/bag.tar.zst"
	ga_secs=$secs ga_kb=$kb ga_cpu=$cpu
	measure_best "the same, GO_ARCHIVE_THREADS=1" \
		env GO_ARCHIVE_THREADS=1 go-archive create --repo "$store" --name bag -o "$work/bag1.tar.zst"
	echo "  one thread / git: $(ratio "$secs" "$git_secs")x wall, $(ratio "$cpu" "$git_cpu")x cpu;" \
		"the same bytes as two: $(cmp -s "$work/bag.tar.zst" "$work/bag1.tar.zst" && echo yes || echo NO)"
	echo "  go-archive / git: $(ratio "$ga_secs" "$git_secs")x git's speed (wall), $(ratio "$ga_cpu" "$git_cpu")x (cpu);" \
		"sizes $(wc -c <"$work/bag.tar.zst") vs $(wc -c <"$work/git.tar.zst") bytes"
	[ "$ga_kb" -lt 65536 ] && echo "  peak memory under 64 MB: yes" || echo "  peak memory under 64 MB: NO"
	octets=$(bsdtar -xOf "$work/bag.tar.zst" bag/bag-info.txt | sed -n 's/^Payload-Oxum: \([0-9]*\)\..*/\1/p')
	bsdtar -xOf "$work/bag.tar.zst" 'bag/data/*' >"$work/payload"
	measure_best "sha256sum + sha512sum (payload)" sh -c 'sha256sum "$1" && sha512sum "$1"' sh "$work/payload"
	sum_secs=$secs sum_cpu=$cpu
	rm -f "$work/payload"
	if [ -n "$before" ]; then
		measure_best "before: go-archive verify" "$before/bin/go-archive" verify "$work/bag.tar.zst"
		echo "  before: $(ratio "$secs" "$sum_secs")x the speed of sha256sum + sha512sum (wall)"
	fi
	measure_best "go-archive verify" go-archive verify "$work/bag.tar.zst"
	echo "  verify: $(awk -v o="$octets" -v s="$secs" 'BEGIN { printf "%.1f", o / 1e6 / s }') MB/s" \
		"of payload; $(ratio "$secs" "$sum_secs")x the speed of sha256sum + sha512sum (wall)," \
		"$(ratio "$cpu" "$sum_cpu")x (cpu)"
done
