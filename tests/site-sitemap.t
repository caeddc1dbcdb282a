#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-site's sitemaps past the limit of one file (sitemaps.org: 50,000 URLs): a
# sitemap index with one file per month, split further when a month has more,
# each valid against the sitemaps.org schemas (xmllint --schema). The limit is
# lowered for the test by an undocumented variable (GO_SITE_SITEMAP_MAX), so
# that a month of 5 documents splits as one of 120,000 would.
. "${0%/*}/lib.sh"
H=$TESTS/site
S=$T/store.git
. "$H/docs.sh"
site_docs
go-publish --init --repo "$S" --today 2026-04-10 --author 'Clerk <c@example.gov.cn>' "$T/docs.jsonl" >/dev/null 2>&1
site() { GO_SITE_SITEMAP_MAX=2 go-site --repo "$S" --base-url https://sfj.example.gov.cn/ "$@"; }

run site -o "$T/site"
is "$status" 0 "a limit of 2 URLs a file: exit 0"
W=$T/site
is "$(cd "$W/sitemaps" && ls | tr '\n' ' ')" "2026-01.xml 2026-02.xml 2026-03-2.xml 2026-03-3.xml 2026-03.xml pages.xml " \
	"March's 5 documents in 3 files (2, 2, 1), January and February one each, the static pages"
xmllint --noout --schema "$H/siteindex.xsd" "$W/sitemap.xml" >"$T/xl" 2>&1
ok $? "sitemap.xml validates against the sitemaps.org sitemapindex schema"
sed 's/^/#   /' "$T/xl" | grep -v validates
for f in "$W"/sitemaps/*.xml; do
	xmllint --noout --schema "$H/sitemap.xsd" "$f" 2>&1 | grep -v ' validates$'
done >"$T/xl"
is "$(cat "$T/xl")" "" "every sitemap file validates against the sitemaps.org urlset schema"
for f in "$W"/sitemaps/2026-*.xml; do
	xmllint --xpath 'count(//*[local-name()="url"])' "$f"; echo
done | sort -n | tail -1 >"$T/max"
is "$(cat "$T/max")" 2 "no month file holds more URLs than the limit"
is "$(xmllint --xpath '//*[local-name()="loc"]/text()' "$W/sitemap.xml" | tr '\n' ' ')" \
	"$(printf 'https://sfj.example.gov.cn/sitemaps/%s ' pages.xml 2026-01.xml 2026-02.xml 2026-03.xml 2026-03-2.xml 2026-03-3.xml)" \
	"the index lists every file once, each an absolute URL"
for f in "$W"/sitemaps/2026-*.xml; do xmllint --xpath '//*[local-name()="loc"]/text()' "$f"; echo; done |
	grep -c . >"$T/urls"
is "$(cat "$T/urls")" 7 "together the month files list the 7 public documents, each once"

# incremental: a document of March goes (withdrawn), its last part with it
jq -c 'select(.id == "P-2") | .withdrawn = {"date": "2026-04-09", "reason": "有误", "by": "办公室"}' "$T/docs.jsonl" |
	go-publish --repo "$S" --today 2026-04-10 --author 'Clerk <c@example.gov.cn>' >/dev/null 2>&1
run site -o "$T/site"
like "$(cat "$T/err")" "rendered incrementally: [0-9]+ files written, [1-9][0-9]* removed" "one document fewer: incremental, a file removed"
ok "$([ ! -e "$W/sitemaps/2026-03-3.xml" ] && [ -f "$W/sitemaps/2026-03-2.xml" ]; echo $?)" \
	"March's 4 documents in 2 files now: the third is removed"
site -o "$T/full" --full 2>/dev/null
diff -r "$W/" "$T/full/" >"$T/diff" 2>&1
ok $? "the incremental site is byte-identical to --full"
sed 's/^/#   /' "$T/diff" | head -5

# without the variable the limit is sitemaps.org's: one file a month
go-site --repo "$S" --base-url https://sfj.example.gov.cn/ -o "$T/real" --quiet
is "$(cd "$T/real/sitemaps" && ls | tr '\n' ' ')" "2026-01.xml 2026-02.xml 2026-03.xml pages.xml " \
	"the real limit (50,000): one file per month"
finish
