# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
"""links.py SITE: every internal href and src of every page of SITE resolves to a
file of SITE (a folder to its index.html). Prints each broken link as
"PAGE: URL" and exits 1 when there is one; prints the count of links checked."""
import html.parser, os, sys, urllib.parse

site = os.path.realpath(sys.argv[1])
broken, checked = [], 0

class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v is not None:
                self.urls.append(v)

for dirpath, _, files in os.walk(site):
    for name in files:
        if not name.endswith(".html"):
            continue
        page = os.path.join(dirpath, name)
        p = Links()
        with open(page, encoding="utf-8") as f:
            p.feed(f.read())
        for url in p.urls:
            u = urllib.parse.urlsplit(url)
            if u.scheme or u.netloc or url.startswith("#"):
                continue
            checked += 1
            target = os.path.normpath(os.path.join(dirpath, urllib.parse.unquote(u.path)))
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            if not target.startswith(site + os.sep) or not os.path.isfile(target):
                broken.append("%s: %s" % (os.path.relpath(page, site), url))
for b in broken:
    print(b)
print("checked %d links" % checked)
sys.exit(1 if broken else 0)
