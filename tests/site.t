#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
# go-site: a store published with go-publish, rendered; the files checked with
# xmllint, a link checker and grep; the pages loaded from a local server into
# Debian's chromium (DOM, search, hostile content, screenshots, axe-core);
# incremental runs compared with --full, byte for byte, and their rewrites counted.
. "${0%/*}/lib.sh"
H=$TESTS/site
TODAY=2026-04-10
S=$T/store.git
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$T" "$HOME"' EXIT

. "$H/docs.sh"
site_docs '%PDF-1.4 a small attachment'
go-publish --init --repo "$S" --today "$TODAY" --author 'Clerk <c@example.gov.cn>' \
	"$T/docs.jsonl" >"$T/pub.jsonl" 2>"$T/pub.err"
is "$(jq -r '.publish.status' "$T/pub.jsonl" | sort | uniq -c | awk '{printf "%s%s ", $1, $2}')" \
	"10published " "the fixture store: go-publish accepts all ten documents"

site() { go-site --repo "$S" --base-url https://sfj.example.gov.cn/ --config "$H/config.json" "$@"; }

# -- usage ----------------------------------------------------------------
run go-site --repo "$S" -o "$T/x" --rev main
is "$status" 2 "--rev main: exit 2 (the register is never rendered)"
like "$(cat "$T/err")" "never rendered" "--rev main: says why"
is "$(cat "$T/out")" "" "--rev main: nothing on stdout"
ok "$([ ! -e "$T/x" ]; echo $?)" "--rev main: no site"
run go-site --repo "$S"
is "$status" 2 "no -o: exit 2"
mkdir -p "$T/notsite" && : >"$T/notsite/keep"
run go-site --repo "$S" -o "$T/notsite"
is "$status" 2 "-o naming a folder go-site did not make: exit 2"
ok "$([ -f "$T/notsite/keep" ]; echo $?)" "... and the folder is left alone"
printf '{"site_name": 3}' >"$T/bad.json"
run go-site --repo "$S" -o "$T/x" --config "$T/bad.json"
is "$status" 2 "a config field that is not a string: exit 2"
run go-site --version
like "$(cat "$T/out")" "^go-site \(go-tools\) " "--version"

# -- the first render ---------------------------------------------------------
run site -o "$T/site"
is "$status" 0 "first run: exit 0"
like "$(cat "$T/err")" "rendered in full: [0-9]+ files written, 0 removed" "first run: renders in full, says so on stderr"
is "$(cat "$T/out")" "" "first run: nothing on stdout"
ok "$([ -L "$T/site" ] && [ -f "$T/site/index.html" ]; echo $?)" "the site is a symbolic link to the release"
W=$T/site
p=$W/docs/2026/P-1.html
for f in index.html gk/index.html docs/2026/P-1.html docs/2026/000014349~2026-00001.html \
	gk/category/decision/index.html gk/interp/index.html catalogue/index.html search/index.html \
	sitemap.xml robots.txt feeds/all.atom feeds/policies.atom feeds/decision.atom style.css; do
	[ -f "$W/$f" ] || echo "missing $f"
done >"$T/missing"
is "$(cat "$T/missing")" "" "home, column, document pages (id / as ~), lists, catalogue, search, sitemap, feeds, robots, CSS"
ok "$(cmp -s "$W/docs/2026/P-1/实施办法（全文）.pdf" "$T/att/办法 全文.pdf"; echo $?)" \
	"the attachment is there, byte for byte"
like "$(tr -d '\n' <"$p")" '<a href="P-1/%E5%AE%9E%E6%96%BD%E5%8A%9E%E6%B3%95%EF%BC%88%E5%85%A8%E6%96%87%EF%BC%89.pdf">实施办法（全文）.pdf</a> <span class="info">（PDF，28 字节）</span>' \
	"the document page links the attachment with name, type and size"
is "$(find "$W/" -name '*.css' | wc -l)" 1 "one CSS file"

# -- never a withheld, on-request or withdrawn document --------------------------
for s in SECRET-W-1 WXYZ REQ-ONLY-1 QRST WD-GONE-1 MNOP; do
	grep -rl -- "$s" "$W/" "$T/site.d/" 2>/dev/null
done >"$T/leaks"
is "$(cat "$T/leaks")" "" "withheld, on-request and withdrawn ids and titles are in no file (site and state)"
ok "$(find "$T/site.d" -name '*WD-GONE*' -o -name '*SECRET*' -o -name '*REQ-ONLY*' | grep -q .; [ $? -ne 0 ]; echo $?)" \
	"... nor in any file name"

# -- well-formed ------------------------------------------------------------------
# libxml2's HTML parser predates HTML5's sectioning elements: those, and only
# those, it may call unknown. The pages are also well-formed XML (polyglot).
find "$W/" -name '*.html' -exec xmllint --html --noout {} + 2>&1 |
	grep -vE 'Tag (header|nav|main|footer|section|article|aside) invalid' | grep -vE '^ *<|^ *\^' >"$T/xl"
is "$(cat "$T/xl")" "" "xmllint --html: every page parses without another error or warning"
find "$W/" -name '*.html' -exec xmllint --noout {} + >"$T/xl" 2>&1
is "$(head -5 "$T/xl")" "" "xmllint: every page is well-formed XML too"
find "$W/" \( -name '*.atom' -o -name '*.xml' \) -exec xmllint --noout {} + >"$T/xl" 2>&1
is "$(cat "$T/xl")" "" "xmllint: every feed and sitemap is well-formed XML"
is "$(xmllint --xpath 'count(//*[local-name()="sitemap"])' "$W/sitemap.xml")" 4 \
	"sitemap.xml: an index of the static pages and one file per month (January to March)"
is "$(xmllint --xpath 'count(//*[local-name()="url"])' "$W/sitemaps/2026-03.xml")" 5 \
	"sitemaps/2026-03.xml: the five public documents dated in March"
is "$(xmllint --xpath 'string(//*[local-name()="entry"][1]/*[local-name()="link"]/@href)' "$W/feeds/all.atom")" \
	"https://sfj.example.gov.cn/docs/2026/000014349~2026-00001.html" "Atom: the newest entry first, absolute link"
is "$(xmllint --xpath 'string(//*[local-name()="entry"][*[local-name()="title"]="市司法局关于规范行政执法公示工作的实施办法"]/*[local-name()="link"][@rel="related"]/@title)' "$W/feeds/policies.atom")" \
	"《实施办法》政策解读" "Atom policies feed: the policy's entry links its interpretation"
is "$(grep -c '' "$W/robots.txt")" 3 "robots.txt: allow all, and the sitemap"
python3 "$H/links.py" "$W" >"$T/links" 2>&1
ok $? "every internal link resolves ($(tail -1 "$T/links"))"
grep -v '^checked' "$T/links" | sed 's/^/#   /' | head -5

# -- catalogue --------------------------------------------------------------------
is "$(jq -sr 'map(.["索引号"]) | sort | join(" ")' "$W/catalogue/2026-03.jsonl")" \
	"000014349/2026-00001 EVIL-1 P-1 P-1-JD P-2" "catalogue JSONL: the month's public documents"
is "$(jq -r 'select(.["索引号"] == "P-1") | [.["名称"], .["生成日期"], (.["内容概述"] | startswith("总则 第一条"))] | @tsv' "$W/catalogue/2026-03.jsonl")" \
	"$(printf '市司法局关于规范行政执法公示工作的实施办法\t2026-03-02\ttrue')" "catalogue: 名称, 生成日期, 内容概述 from the body"
is "$(head -1 "$W/catalogue/2026-03.csv" | tr -d '\r')" "$(printf '\357\273\277"索引号","名称","内容概述","生成日期","发布机构","发布日期","链接"')" \
	"catalogue CSV: a BOM and the header"
is "$(python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], encoding="utf-8-sig"))); print(len(r), len(set(map(len, r))))' "$W/catalogue/2026-03.csv")" \
	"6 1" "catalogue CSV: parses, a header and five rows of equal width"

# -- hostile content, in the files -------------------------------------------------
e=$W/docs/2026/EVIL-1.html
is "$(grep -c '<script' "$e")" 0 "hostile page: no script element at all"
is "$(grep -ciE '<(img|iframe|svg|b) ' "$e")" 0 "hostile page: no img, iframe, svg or b element from content"
is "$(grep -ci 'href="javascript' "$e")" 0 "hostile page: no javascript: link"
like "$(cat "$e")" '&lt;script&gt;document.body.setAttribute' "hostile page: the raw HTML of the body is shown as text"
is "$(grep -rl --include='*.html' '<script' "$W/" | sed "s|$W/||")" "search/index.html" "the only page with a script is the search page"

# -- determinism ---------------------------------------------------------------------
site -o "$T/again" --full 2>/dev/null
diff -r "$W/" "$T/again/" >"$T/diff" 2>&1
ok $? "two renders of the same commit and config are byte-identical"

# -- in chromium, from a local server -----------------------------------------------
CHROME=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROME" ]; then
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13; do echo "ok $((_n + i)) # SKIP chromium not installed"; done
	_n=$((_n + 13))
else
	shots=$GO_BUILD/site-screens
	mkdir -p "$shots"
	# The server gets a folder of its own: the site plus, for axe, copies of
	# three pages with axe-core injected.
	srv=$T/srv
	cp -RL "$W" "$srv"
	python3 "$H/serve.py" "$srv" "$T/port" 120 &
	pids="$pids $!"
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	U=http://127.0.0.1:$(cat "$T/port")
	chrome() {
		timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run \
			--user-data-dir="$T/chrome" --virtual-time-budget=8000 "$@" 2>/dev/null
	}
	chrome --dump-dom "$U/docs/2026/P-1.html" >"$T/dom-p"
	is "$(grep -o '<td data-field="[a-z]*">[^<]*</td>' "$T/dom-p" | sed 's/<td data-field="\([a-z]*\)">\(.*\)<\/td>/\1=\2/' | tr '\n' ' ')" \
		"id=P-1 office=政策法规科 date=2026-03-02 published=2026-03-05 number=某司规〔2026〕1号 topic=司法行政 category=决策公开 attribute=主动公开 " \
		"chromium, policy page: the metadata table (索引号 发布机构 成文日期 发布日期 文号 主题分类 公开属性)"
	like "$(tr -d '\n' <"$T/dom-p")" '<ul class="interp-links"><li><a href="../../docs/2026/P-1-JD.html">《实施办法》政策解读</a>' \
		"chromium, policy page: links its interpretation"
	chrome --dump-dom "$U/docs/2026/P-1-JD.html" >"$T/dom-jd"
	like "$(tr -d '\n' <"$T/dom-jd")" '<ul class="policy-link"><li><a href="../../docs/2026/P-1.html">市司法局关于规范行政执法公示工作的实施办法</a>' \
		"chromium, interpretation page: links back to its policy"
	chrome --dump-dom "$U/docs/2026/OLD-1.html" >"$T/dom-old"
	like "$(tr -d '\n' <"$T/dom-old")" '<td data-field="validity"><span class="validity validity-amended">已修改</span>（2026-03-10）<br>修改文件：<a href="../../docs/2026/P-2.html">' \
		"chromium: an amended document shows 已修改, its date and the amending document"
	# (the same from the files, without a browser: a page is its DOM here)
	like "$(tr -d '\n' <"$W/docs/2026/P-2.html")" '本文件修改了：<a href="../../docs/2026/OLD-1.html">' \
		"the amending document links what it amends"
	like "$(cat "$W/docs/2026/ABOL-1.html")" 'validity-abolished">已废止</span>（2026-04-01）' "an abolished document shows 已废止 and the date"
	chrome --dump-dom "$U/index.html" >"$T/dom-home"
	like "$(tr -d '\n' <"$T/dom-home")" '<footer class="foot"><ul><li>某市司法局</li><li>网站标识码：1234000001</li><li>京ICP备00000000号</li><li>京公网安备 11000002000001号</li><li>联系我们：' \
		"chromium, home: the footer fields of the config"
	chrome --dump-dom "$U/gk/category/decision/index.html" >"$T/dom-list"
	is "$(grep -o 'href="../../../docs/2026/[^"]*"' "$T/dom-list" | tr '\n' ' ')" \
		'href="../../../docs/2026/P-1-JD.html" href="../../../docs/2026/P-1.html" ' "chromium, index page: the category's documents"
	chrome --dump-dom "$U/search/index.html?q=%E8%A1%8C%E6%94%BF%E6%89%A7%E6%B3%95%E5%85%AC%E7%A4%BA" >"$T/dom-search"
	like "$(tr -d '\n' <"$T/dom-search")" '找到 2 条结果.*<a href="../docs/2026/P-1.html">市司法局关于规范' \
		"chromium, search 行政执法公示 (Chinese, title and body): the policy and nothing withheld"
	chrome --dump-dom "$U/docs/2026/EVIL-1.html" >"$T/dom-evil"
	is "$(grep -c '<body[^>]*data-pwned' "$T/dom-evil"):$(grep -c '<title>PWNED' "$T/dom-evil"):$(grep -c 'href="javascript' "$T/dom-evil")" "0:0:0" \
		"chromium, hostile page: nothing ran (no attribute set on body, title untouched, no javascript: link)"
	is "$(grep -o '<script[^>]*>' "$T/dom-evil" | wc -l):$(grep -ciE '<(img|iframe|svg)' "$T/dom-evil")" "0:0" \
		"chromium, hostile page: no script, img, iframe or svg element in the DOM"
	for pg in index docs/2026/P-1 gk/category/decision/index; do
		chrome --screenshot="$shots/$(echo "$pg" | tr / -).png" --window-size=1100,1400 "$U/$pg.html" >/dev/null
	done
	chrome --screenshot="$shots/phone-doc.png" --window-size=390,1200 "$U/docs/2026/P-1.html" >/dev/null
	ok "$([ -s "$shots/docs-2026-P-1.png" ] && [ -s "$shots/phone-doc.png" ]; echo $?)" \
		"screenshots of home, a document, an index and a phone-sized document under build/site-screens/"

	# axe-core from npm: installed once into $GO_BUILD/site-npm
	npmdir=$GO_BUILD/site-npm
	if [ ! -f "$npmdir/node_modules/axe-core/axe.min.js" ] && command -v npm >/dev/null; then
		mkdir -p "$npmdir" && cp "$H/package.json" "$H/package-lock.json" "$npmdir/" &&
			(cd "$npmdir" && timeout 120 npm ci --no-audit --no-fund --ignore-scripts >/dev/null 2>&1)
	fi
	if [ ! -f "$npmdir/node_modules/axe-core/axe.min.js" ]; then
		echo "ok $((_n + 1)) # SKIP axe-core not installed (npm missing or offline)"
		_n=$((_n + 1))
	else
		cp "$npmdir/node_modules/axe-core/axe.min.js" "$H/axe-run.js" "$srv/"
		: >"$T/axe"
		for pg in index.html docs/2026/P-1.html gk/category/decision/index.html docs/2026/EVIL-1.html; do
			a=$(dirname "$pg")/axe-$(basename "$pg")
			r=$(echo "$pg" | sed 's|[^/]*/|../|g; s|[^/]*$||')
			sed "s|</body>|<script src=\"${r}axe.min.js\"></script><script src=\"${r}axe-run.js\"></script></body>|" \
				"$srv/$pg" >"$srv/$a"
			chrome --virtual-time-budget=30000 --dump-dom "$U/$a" |
				sed -n 's|.*<pre id="axe-result">\(.*\)</pre>.*|\1|p' | sed 's/&quot;/"/g' >"$T/axe-one"
			printf '%s %s\n' "$pg" "$(jq -c '[.[] | select(.impact == "serious" or .impact == "critical")]' "$T/axe-one" 2>&1 || echo 'no result')" >>"$T/axe"
		done
		is "$(awk '$2 != "[]"' "$T/axe")" "" "axe-core in chromium: no serious or critical violation on home, a document, an index, the hostile page"
		awk '$2 != "[]"' "$T/axe" | sed 's/^/#   /'
	fi
fi

# -- the office's own pages, from --pages DIR (never on the public branch, which
#    holds the projection of main and nothing else: the server's gate refuses more)
mkdir -p "$T/office/reports"
printf '# 指南\n\n申请方式：<script>x()</script>书面申请。\n' >"$T/office/guide.md"
printf '<!DOCTYPE html>\n<html lang="zh-CN"><head><title>2025年报</title></head><body><h1>2025年报</h1></body></html>\n' \
	>"$T/office/reports/2025.html"
run site -o "$T/site" --pages "$T/office"
is "$status" 0 "--pages: exit 0"
like "$(tr -d '\n' <"$T/site/gk/guide.html")" '<h1>政府信息公开指南</h1><h2>指南</h2><p>申请方式：&lt;script&gt;x\(\)&lt;/script&gt;书面申请。</p>' \
	"信息公开指南 from --pages DIR/guide.md, as Markdown, raw HTML shown as text"
like "$(cat "$T/site/gk/reports/index.html")" '<a href="2025.html">2025.html</a>' "政府信息公开年报: DIR/reports/*.html listed"
ok "$(cmp -s "$T/site/gk/reports/2025.html" "$T/office/reports/2025.html"; echo $?)" "... and copied as they are"
like "$(cat "$T/site/gk/rules.html")" '暂未发布' "信息公开制度 without DIR/rules.md: not published yet"
site -o "$T/full0" --full --pages "$T/office" 2>/dev/null
diff -r "$T/site/" "$T/full0/" >"$T/diff" 2>&1
ok $? "--pages: incremental equals --full"

# -- incremental: a changed policy title reaches its interpretation's page ---------------
rel1=$(readlink "$T/site")
jq -c 'select(.id == "P-1") | .title = "市司法局关于规范行政执法公示工作的实施办法（修订）"' "$T/docs.jsonl" |
	go-publish --repo "$S" --today "$TODAY" --author 'Clerk <c@example.gov.cn>' >/dev/null 2>&1
run site -o "$T/site"
is "$status" 0 "incremental after a title change: exit 0"
like "$(cat "$T/err")" "rendered incrementally: [0-9]+ files written, [0-9]+ removed" "incremental: says so"
like "$(cat "$T/site/docs/2026/P-1-JD.html")" "实施办法（修订）</a>" "incremental: the interpretation's page shows the policy's new title"
site -o "$T/full1" --full 2>/dev/null
diff -r "$T/site/" "$T/full1/" >"$T/diff" 2>&1
ok $? "incremental after a title change: byte-identical to --full"
sed 's/^/#   /' "$T/diff" | head -5
is "$(ls -d "$T/site.d"/[0-9]* | wc -l).$(readlink "$T/site")" "1.$rel1" \
	"an incremental run changes the release in place (no new release, no switch)"
is "$(find "$T/site.d" -name '*.tmp-*' | wc -l)" 0 "... and leaves no temporary file"

# -- incremental: a document withdrawn -------------------------------------------------
printf '{"site_name":"某市司法局","withdrawn_notice":true}' >"$T/notice.json"
go-site --repo "$S" -o "$T/notice" --config "$T/notice.json" --quiet
jq -c 'select(.id == "P-2") | .withdrawn = {"date": "2026-04-09", "reason": "有误", "by": "办公室"}' "$T/docs.jsonl" |
	go-publish --repo "$S" --today "$TODAY" --author 'Clerk <c@example.gov.cn>' >/dev/null 2>&1
run site -o "$T/site"
is "$status" 0 "incremental after a withdrawal: exit 0"
is "$(grep -rl 'P-2' "$T/site/" | sed "s|$T/||")" "" "the withdrawn document is gone from every file of the site (and the amended one no longer links it)"
site -o "$T/full2" --full 2>/dev/null
diff -r "$T/site/" "$T/full2/" >"$T/diff" 2>&1
ok $? "incremental after a withdrawal: byte-identical to --full"
sed 's/^/#   /' "$T/diff" | head -5
# withdrawn_notice: public holds no trace of a withdrawal (issue 19), so the
# notice's date is the day of the public commit that removed the document
run go-site --repo "$S" -o "$T/notice" --config "$T/notice.json"
is "$status" 0 "withdrawn_notice, incremental after the withdrawal: exit 0"
n=$T/notice/docs/2026/P-2.html
wd=$(git -C "$S" log -1 --diff-filter=D --date=format:%Y-%m-%d --format=%cd public -- '*P-2/record.json')
like "$(tr -d '\n' <"$n")" "<h1>已撤回</h1><p class=\"withdrawn\">该信息已于 $wd 撤回。</p>" \
	"withdrawn_notice: the withdrawn document's address answers 已撤回 and the day public's commit removed it ($wd)"
go-site --repo "$S" -o "$T/noticefull" --config "$T/notice.json" --full 2>/dev/null
diff -r "$T/notice/" "$T/noticefull/" >"$T/diff" 2>&1
ok $? "withdrawn_notice: incremental equals --full (which reads the withdrawal from public's history)"
sed 's/^/#   /' "$T/diff" | head -5
is "$(cat "$n" 2>/dev/null | grep -c '修改行政执法')" 0 "withdrawn_notice: the notice shows no title"
is "$(grep -rl 'P-2' "$T/notice/" | grep -v '/docs/2026/P-2.html$' | sed "s|$T/||")" "" "withdrawn_notice: no other file names it"

# -- a purge rewrites public's history: the purged document leaves no notice, anywhere ----------
go-publish --repo "$S" --author 'Clerk <c@example.gov.cn>' --today "$TODAY" --purge ABOL-1 --reason '误发' >/dev/null 2>&1
is "$(git -C "$S" log --format=%H public -- '*ABOL-1/record.json' | wc -l)" 0 "the purge leaves ABOL-1 in no public commit"
run go-site --repo "$S" -o "$T/notice" --config "$T/notice.json"
is "$status" 0 "withdrawn_notice after a purge: exit 0"
like "$(cat "$T/err")" "rendered in full" "... public's history is rewritten: rendered in full from it"
is "$(grep -rl 'ABOL-1' "$T/notice/" "$T/notice.d/" | sed "s|$T/||")" "" \
	"the purged document: no notice, no page, in no file of the site, its state or an older release"
ok "$([ -f "$T/notice/docs/2026/P-2.html" ]; echo $?)" "the withdrawn one keeps its notice"
is "$(ls -d "$T/notice.d"/[0-9]* | wc -l)" 1 "after a purge no older release is kept"

# -- the post-receive hook: a push of public renders the server's site -----------------------
git clone -q --bare "$S" "$T/server.git"
git -C "$T/server.git" config core.hooksPath "$TESTS/../share/hooks"
git -C "$T/server.git" config gosite.output "$T/hooked"
git -C "$T/server.git" config gosite.baseurl https://sfj.example.gov.cn/
printf '%s\n' '{"id":"HOOK-1","title":"推送后发布的通知","office":"办公室","kind":"notice","date":"2026-04-08","attribute":"proactive","category":"result","body":"正文"}' |
	go-publish --repo "$S" --today "$TODAY" --author 'Clerk <c@example.gov.cn>' >/dev/null 2>&1
git -C "$S" push -q "$T/server.git" main public >"$T/out" 2>"$T/err"
is "$?" 0 "post-receive: the push succeeds"
like "$(cat "$T/err")" "remote: go-site: .*rendered in full" "post-receive: go-site renders the pushed public branch (its line reaches the pusher)"
ok "$([ -f "$T/hooked/docs/2026/HOOK-1.html" ]; echo $?)" "post-receive: the new document's page is on the server's site"
git -C "$T/server.git" config --unset gosite.output
printf '%s\n' '{"id":"HOOK-2","title":"第二次推送","office":"办公室","kind":"notice","date":"2026-04-08","attribute":"proactive","category":"result","body":"正文"}' |
	go-publish --repo "$S" --today "$TODAY" --author 'Clerk <c@example.gov.cn>' >/dev/null 2>&1
git -C "$S" push -q "$T/server.git" main public >"$T/out" 2>"$T/err"
is "$?.$(grep -c go-site "$T/err")" "0.0" "post-receive: without gosite.output, nothing is rendered"

# -- incremental: 10 documents published into a store of 1000 -----------------------------
B=$T/big.git
sh "$TESTS/../bench/corpus.sh" 1000 valid >"$T/big.jsonl"
go-publish --init --repo "$B" --today 2026-12-31 --author 'Clerk <c@example.gov.cn>' "$T/big.jsonl" >/dev/null 2>&1
go-site --repo "$B" -o "$T/big" --base-url https://x.example/ --quiet
rel0=$(readlink "$T/big")
(cd "$T/big/" && find . -type f -printf '%i %p\n') | sort -k2 >"$T/inodes0"
i=0
while [ $i -lt 10 ]; do
	i=$((i + 1))
	printf '{"id":"TEN-%d","title":"新发布的第%d号通知","office":"办公室","kind":"notice","date":"2026-12-0%d","published":"2026-12-10","attribute":"proactive","category":"result","body":"正文 %d"}\n' $i $i $((i % 9 + 1)) $i
done | go-publish --repo "$B" --today 2026-12-31 --author 'Clerk <c@example.gov.cn>' >/dev/null 2>&1
run go-site --repo "$B" -o "$T/big" --base-url https://x.example/
is "$status" 0 "10 into 1000: exit 0"
# a file is rewritten when it is another inode than before (a new file renamed over it)
(cd "$T/big/" && find . -type f -printf '%i %p\n') | sort -k2 >"$T/inodes1"
join -1 2 -2 2 -a 2 "$T/inodes0" "$T/inodes1" | awk 'NF == 2 || $2 != $3 { print $1 }' | sort >"$T/rewritten"
said=$(sed -n 's/.*incrementally: \([0-9]*\) files written.*/\1/p' "$T/err")
is "$(wc -l <"$T/rewritten" | tr -d ' ')" "$said" "10 into 1000: go-site's count of written files is the count of new inodes ($said)"
is "$(grep -c '^./docs/' "$T/rewritten")" 10 "10 into 1000: exactly the 10 new document pages are rendered"
ok "$([ "$said" -le 40 ]; echo $?)" "10 into 1000: only the touched pages ($said: lists' last pages, home, feeds, month files)"
go-site --repo "$B" -o "$T/bigfull" --base-url https://x.example/ --full --quiet
diff -r "$T/big/" "$T/bigfull/" >"$T/diff" 2>&1
ok $? "10 into 1000: the incremental site is byte-identical to --full"
sed 's/^/#   /' "$T/diff" | head -5
run go-site --repo "$B" -o "$T/big" --base-url https://x.example/
like "$(cat "$T/err")" "rendered already" "nothing new: go-site says the commit is rendered already"
is "$(readlink "$T/big")" "$rel0" "nothing new: the site is not switched"

finish
