#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-site on a store of N documents (bench/corpus.sh N, published with go-publish;
# BENCH_DOCS, default 100000), side by side with go-cat --public of the same store:
#   1. a full render (every page, attachment, feed, sitemap, catalogue and search
#      shard) against go-cat --public reading every public document;
#   2. an incremental render after a 10-document publish (in place: it costs
#      what the change touches, not the size of the site).
. "${0%/*}/lib.sh"
n=${BENCH_DOCS:-100000}
store=$work/site-store-$n.git
site=$work/site-$n

if ! git -C "$store" rev-parse -q --verify public >/dev/null 2>&1; then
	rm -rf "$store"
	go-publish --init --repo "$store" --today 2026-12-31 --author 'Bench <bench@example>' \
		"$(corpus "$n" valid)" >/dev/null
	git -C "$store" gc -q
fi
pub=$(git -C "$store" ls-tree -r --name-only public docs | grep -c '/record.json$')
echo "go-site: a store of $n documents ($pub public), $(du -sk "$store" | cut -f1) KB packed"

rm -rf "$site" "$site.d"
measure "go-cat --public" go-cat --repo "$store" --public; cat_s=$secs; cat_cpu=$cpu
measure "go-site --full" go-site --repo "$store" -o "$site" --base-url https://bench.example/ --full --quiet
full_s=$secs full_cpu=$cpu
files=$(find "$site/" -type f | wc -l)
echo "  go-site: $files files, $(du -sk "$site/" | cut -f1) KB"
echo "  go-site --full takes $(ratio "$cat_s" "$full_s")x go-cat --public's time ($(ratio "$cat_cpu" "$full_cpu")x its cpu; target <= 3x)"

# 10 new documents published today (after every other), then the incremental render.
i=0
tag=$(date +%s)
while [ $i -lt 10 ]; do
	i=$((i + 1))
	printf '{"id":"SITE-%s-%d","title":"第%d号通知","office":"办公室","kind":"notice","date":"2026-12-30","attribute":"proactive","category":"result","body":"正文 %d"}\n' "$tag" $i $i $i
done | go-publish --repo "$store" --today 2026-12-31 --author 'Bench <bench@example>' >/dev/null
measure "go-site (10 new documents)" go-site --repo "$store" -o "$site" --base-url https://bench.example/
sed 's/^/  /' "$work/stderr"
echo "  incremental render of 10 documents: $secs s wall, $cpu s cpu (target <= 0.5 s)"
