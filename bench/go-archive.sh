#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-archive on a 20k and a 100k-document store (bench/corpus.sh, published with
# go-publish), side by side with git on the same tree:
#   1. go-archive create --repo (a BagIt bag, SHA-256 and SHA-512 manifests, as
#      tar.zst) against `git archive --format=tar main | zstd -3`;
#   2. go-archive verify of that bag (every file hashed twice, every manifest
#      checked), as payload megabytes a second.
# Peak memory target for create: under 64 MB.
. "${0%/*}/lib.sh"
sizes=${BENCH_SIZES:-20000 100000}

for n in $sizes; do
	store=$work/archive-store-$n.git
	if ! git -C "$store" rev-parse -q --verify main >/dev/null 2>&1; then
		rm -rf "$store"
		go-publish --init --repo "$store" --today 2026-12-31 -m bench \
			<"$(corpus "$n" valid)" >/dev/null
		git -C "$store" gc -q
	fi
	echo "$n documents ($(du -sh "$store" | cut -f1) store):"
	measure "go-archive create --repo (tar.zst)" \
		go-archive create --repo "$store" --name bag -o "$work/bag.tar.zst"
	ga_secs=$secs ga_cpu=$cpu ga_kb=$kb
	measure "git archive | zstd -3" \
		sh -c 'git -C "$1" archive --format=tar main | zstd -3 -q -c >"$2"' sh \
		"$store" "$work/git.tar.zst"
	echo "  go-archive / git: $(ratio "$secs" "$ga_secs")x wall, $(ratio "$cpu" "$ga_cpu")x cpu," \
		"$(ratio "$kb" "$ga_kb")x memory; sizes $(wc -c <"$work/bag.tar.zst") vs" \
		"$(wc -c <"$work/git.tar.zst") bytes"
	[ "$ga_kb" -lt 65536 ] && echo "  peak memory under 64 MB: yes" || echo "  peak memory under 64 MB: NO"
	octets=$(bsdtar -xOf "$work/bag.tar.zst" bag/bag-info.txt | sed -n 's/^Payload-Oxum: \([0-9]*\)\..*/\1/p')
	measure "go-archive verify" go-archive verify "$work/bag.tar.zst"
	echo "  verify: $(awk -v o="$octets" -v s="$secs" 'BEGIN { printf "%.1f", o / 1e6 / s }') MB/s" \
		"of payload wall, $(awk -v o="$octets" -v s="$cpu" 'BEGIN { printf "%.1f", o / 1e6 / s }') MB/s cpu"
	measure "sha256sum + sha512sum of git's tar" \
		sh -c 'zstd -dc "$1" | sha256sum && zstd -dc "$1" | sha512sum' sh "$work/git.tar.zst"
done
