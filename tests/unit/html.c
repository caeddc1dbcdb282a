/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/html.c: escaping for HTML, JSON, CSV and URLs; Markdown
 * through cmark with raw HTML shown as text and unsafe links dropped. */
#include <stdlib.h>

#include "go.h"
#include "go-site.h"
#include "tap.h"

static char *md(const char *text, int shift)
{
	go_buf b = {0};
	go_buf_markdown(&b, text, strlen(text), shift);
	return b.p ? b.p : go_xstrdup("");
}

int main(void)
{
	go_buf b = {0};
	go_buf_html(&b, "<a href=\"x\">'&'</a>\x01");
	is_str(b.p, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; ", "HTML: the five characters, a control character as a space");
	b.n = 0;
	go_buf_json(&b, "\"\\</script>\n");
	is_str(b.p, "\"\\\"\\\\\\u003c/script\\u003e\\u000a\"", "JSON: quotes, backslash, < > and controls escaped");
	b.n = 0;
	go_buf_csv(&b, "=HYPERLINK(\"x\")\nnext");
	is_str(b.p, "\"'=HYPERLINK(\"\"x\"\") next\"", "CSV: quoted, quotes doubled, a formula made text, newline as space");
	b.n = 0;
	go_buf_url(&b, "a b/附件.pdf");
	is_str(b.p, "a%20b/%E9%99%84%E4%BB%B6.pdf", "URL: percent-encoded, / kept");
	b.n = 0;
	go_buf_printf(&b, "%s-%d", "x", 42);
	go_buf_printf(&b, "%600d", 1);
	ok(b.n == 4 + 600 && strncmp(b.p, "x-42 ", 5) == 0, "printf: short and long");
	go_buf_free(&b);

	char *h = md("# 标题\n\n正文\n第二行", 1);
	is_str(h, "<h2>标题</h2>\n<p>正文<br />\n第二行</p>\n", "Markdown: heading moved down, line breaks kept");
	free(h);
	h = md("<script>alert(1)</script>\n\n行内 <b onclick=\"x()\">b</b>", 0);
	ok(!strstr(h, "<script") && !strstr(h, "<b ") && strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;") &&
	   strstr(h, "&lt;b onclick=&quot;x()&quot;&gt;"), "Markdown: raw HTML, block and inline, shown as text");
	free(h);
	h = md("[点我](javascript:alert(1)) [好](https://example.gov.cn/) [邮件](mailto:a@b) "
	       "![图](data:image/png;base64,AA) [相对](../x.html) [大写](JaVaScRiPt:x)", 0);
	ok(!strstr(h, "javascript") && !strstr(h, "JaVaScRiPt") && !strstr(h, "data:") && strstr(h, "点我") &&
	   strstr(h, "<a href=\"https://example.gov.cn/\">好</a>") && strstr(h, "<a href=\"mailto:a@b\">") &&
	   strstr(h, "<a href=\"../x.html\">相对</a>") && strstr(h, "图") && !strstr(h, "<img"),
	   "Markdown: links other than http(s), mailto, tel and relative become their text");
	free(h);
	h = md("", 0);
	is_str(h, "", "Markdown: an empty body");
	free(h);
	return done();
}
