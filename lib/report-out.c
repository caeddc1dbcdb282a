/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * report-out.c — go-report's documents: the scoreboard (JSON Lines, Markdown,
 * HTML with an inline SVG bar chart per measure, no JavaScript) and the annual
 * report in the statutory layout of 国办公开办函〔2021〕30号 (HTML for A4 and a
 * site's 年报 section, Markdown, JSON, CSV of every cell).
 */
#include <string.h>

#include "go.h"
#include "go-store.h"

static void html_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

/* A Markdown table cell: | and line breaks would end it. */
static void md_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|') fputs("\\|", f);
		else if (*s == '\n' || *s == '\r') fputc(' ', f);
		else fputc(*s, f);
	}
}

/* RFC 4180: quoted when it holds a comma, a quote or a line break. */
static void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* A number as the tables show it: integers bare, reals with one decimal. */
static void number(FILE *f, const json_t *v)
{
	if (json_is_integer(v))
		fprintf(f, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		fprintf(f, "%.1f", json_real_value(v));
	else
		fputs("—", f);
}

/* ---- scoreboard ----------------------------------------------------------- */

static const char *const board_measures[][2] = {
	{"documents", "登记文件数"},
	{"interpretation-rate", "政策解读同步率（%）"},
	{"late-publication", "逾期公开（第二十六条）"},
	{"placeholder-reason", "理由为占位词"},
	{"withheld-without-review", "不公开未经审查"},
	{"short-consultation", "征求意见不足 30 日"},
	{"missing-meeting-plan", "会议无公开方案"},
	{"errors", "错误"},
	{"warnings", "提示"},
};
#define NMEASURES (sizeof board_measures / sizeof *board_measures)

static const char *office_name(const json_t *o)
{
	return json_is_string(json_object_get(o, "office")) ? go_str(o, "office") : "合计";
}

static const json_t *m_of(const json_t *o, const char *key)
{
	return json_object_get(json_object_get(o, "measures"), key);
}

static const json_t *prev_of(const json_t *o, const char *key)
{
	return json_object_get(json_object_get(json_object_get(o, "previous"), "measures"), key);
}

/* "3（上期 1，+2）" */
static void with_trend(FILE *f, const json_t *o, const char *key)
{
	const json_t *v = m_of(o, key), *p = prev_of(o, key);
	number(f, v);
	fputs("（上期 ", f);
	number(f, p);
	if (json_is_number(v) && json_is_number(p)) {
		double d = json_number_value(v) - json_number_value(p);
		if (json_is_real(v) || json_is_real(p))
			fprintf(f, "，%+.1f", d);
		else
			fprintf(f, "，%+lld", (long long)d);
	}
	fputs("）", f);
}

/* One horizontal bar a row; the longest bar is the largest value. */
static void svg_chart(FILE *f, const json_t *offices, const char *key, const char *label)
{
	size_t n = json_array_size(offices), i;
	double max = 0;
	json_t *o;
	json_array_foreach(offices, i, o)
		if (json_number_value(m_of(o, key)) > max)
			max = json_number_value(m_of(o, key));
	if (strcmp(key, "interpretation-rate") == 0)
		max = 100;
	int h = 28 + 22 * (int)n;
	fprintf(f, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"%d\" "
		   "viewBox=\"0 0 640 %d\" role=\"img\" aria-label=\"", h, h);
	html_esc(f, label);
	fputs("\">\n<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">", f);
	html_esc(f, label);
	fputs("</text>\n", f);
	json_array_foreach(offices, i, o) {
		const json_t *v = m_of(o, key);
		double w = max > 0 ? 380.0 * json_number_value(v) / max : 0;
		int y = 26 + 22 * (int)i;
		fprintf(f, "<text x=\"150\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", y + 13);
		html_esc(f, office_name(o));
		fprintf(f, "</text><rect x=\"160\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>"
			   "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">",
			y, w, strcmp(go_str(o, "status") ? go_str(o, "status") : "", "不达标") == 0 ? "#b22222" : "#2f6f9f",
			165 + w, y + 13);
		number(f, v);
		fputs("</text>\n", f);
	}
	fputs("</svg>\n", f);
}

static void ids_line(FILE *f, const json_t *list, int html)
{
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		const char *id = json_is_string(v) ? json_string_value(v) : go_str(v, "id");
		if (i)
			fputs("、", f);
		if (html)
			html_esc(f, id);
		else
			md_esc(f, id);
		if (json_is_object(v) && json_object_get(v, "days"))
			fprintf(f, "（%lld 个工作日）", (long long)json_integer_value(json_object_get(v, "days")));
	}
}

/* The offices that fall short, with what each must fix and by when: one list
 * item each (Markdown, or HTML <li>). */
static void rectify_items(FILE *f, const json_t *offices, int html)
{
	void (*esc)(FILE *, const char *) = html ? html_esc : md_esc;
	size_t i, j;
	json_t *o, *r;
	int any = 0;
	json_array_foreach(offices, i, o) {
		json_array_foreach(json_object_get(o, "rectify"), j, r) {
			fputs(html ? "<li>" : "- ", f);
			esc(f, office_name(o));
			fputs("：", f);
			esc(f, go_str(r, "rule"));
			fputs("（实际 ", f);
			number(f, json_object_get(r, "value"));
			fputs("）", f);
			if (go_str(r, "fix")) {
				fputs("：", f);
				esc(f, go_str(r, "fix"));
			}
			fprintf(f, "；整改期限 %s。%s\n", go_str(r, "deadline"), html ? "</li>" : "");
			any = 1;
		}
	}
	if (!any)
		fputs(html ? "<li>无。</li>\n" : "无。\n", f);
}

/* An office's documents behind each measure, one list item a measure. */
static void office_lists(FILE *f, const json_t *o, int html)
{
	static const char *const lists[][2] = {
		{"late_publication", "逾期公开"}, {"interpretation_late", "解读未同步"},
		{"not_interpreted", "未解读"}, {"placeholder_reason", "理由为占位词"},
		{"withheld_without_review", "不公开未经审查"},
		{"short_consultation", "征求意见不足 30 日"},
		{"missing_meeting_plan", "会议无公开方案"},
	};
	for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
		const json_t *l = json_object_get(o, lists[k][0]);
		if (!json_array_size(l))
			continue;
		fprintf(f, html ? "<li>%s：" : "- %s：", lists[k][1]);
		ids_line(f, l, html);
		fputs(html ? "</li>\n" : "\n", f);
	}
}

static void board_md(FILE *f, const json_t *b)
{
	const json_t *offices = json_object_get(b, "offices");
	size_t i, k;
	json_t *o;
	fprintf(f, "# 政务公开工作情况通报（%s 至 %s）\n\n", go_str(b, "from"), go_str(b, "to"));
	fprintf(f, "上期：%s 至 %s。各项为本期数（上期数，增减）。\n\n",
		go_str(json_object_get(b, "previous"), "from"), go_str(json_object_get(b, "previous"), "to"));
	fputs("| 科室 | 结论", f);
	for (k = 0; k < NMEASURES; k++)
		fprintf(f, " | %s", board_measures[k][1]);
	fputs(" |\n|---|---", f);
	for (k = 0; k < NMEASURES; k++)
		fputs("|---:", f);
	fputs("|\n", f);
	for (i = 0; i <= json_array_size(offices); i++) {
		o = i < json_array_size(offices) ? json_array_get(offices, i) : json_object_get(b, "total");
		fputs("| ", f);
		md_esc(f, office_name(o));
		fprintf(f, " | %s", go_str(o, "status"));
		for (k = 0; k < NMEASURES; k++) {
			fputs(" | ", f);
			with_trend(f, o, board_measures[k][0]);
		}
		fputs(" |\n", f);
	}
	fputs("\n## 各项指标\n\n", f);
	for (k = 0; k < NMEASURES; k++)
		svg_chart(f, offices, board_measures[k][0], board_measures[k][1]);
	fputs("\n## 不达标科室及整改要求\n\n", f);
	rectify_items(f, offices, 0);
	fputs("\n## 各科室明细\n", f);
	json_array_foreach(offices, i, o) {
		fputs("\n### ", f);
		md_esc(f, office_name(o));
		fputs("\n\n", f);
		office_lists(f, o, 0);
		const char *code;
		json_t *c;
		if (json_object_size(json_object_get(o, "problems"))) {
			fputs("\n| 问题代码 | 错误 | 提示 |\n|---|---:|---:|\n", f);
			json_object_foreach(json_object_get(o, "problems"), code, c)
				fprintf(f, "| %s | %lld | %lld |\n", code,
					(long long)json_integer_value(json_object_get(c, "error")),
					(long long)json_integer_value(json_object_get(c, "warning")));
		}
	}
}

static const char css_common[] =
	"@page { size: A4; margin: 18mm 15mm; }\n"
	"body { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", SimSun, \"WenQuanYi Micro Hei\", serif; font-size: 11pt; color: #000; }\n"
	"table { border-collapse: collapse; margin: 0.5em 0 1.5em; page-break-inside: auto; }\n"
	"th, td { border: 1px solid #000; padding: 3px 6px; vertical-align: middle; }\n"
	"td.n { text-align: right; }\n"
	"tr { page-break-inside: avoid; }\n"
	"caption { font-weight: bold; margin-bottom: 0.3em; }\n";

static void board_html(FILE *f, const json_t *b)
{
	const json_t *offices = json_object_get(b, "offices");
	size_t i, k;
	json_t *o;
	fprintf(f, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\" xml:lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		   "<title>政务公开工作情况通报（%s 至 %s）</title>\n<style>\n%s"
		   ".fail { color: #b22222; font-weight: bold; }\nsvg.chart { display: block; margin: 0.5em 0; }\n"
		   "</style>\n</head>\n<body>\n<div class=\"go-scoreboard\">\n",
		go_str(b, "from"), go_str(b, "to"), css_common);
	fprintf(f, "<h1>政务公开工作情况通报（%s 至 %s）</h1>\n", go_str(b, "from"), go_str(b, "to"));
	fprintf(f, "<p>上期：%s 至 %s。各项为本期数（上期数，增减）。</p>\n",
		go_str(json_object_get(b, "previous"), "from"), go_str(json_object_get(b, "previous"), "to"));
	fputs("<table id=\"summary\">\n<thead><tr><th scope=\"col\">科室</th><th scope=\"col\">结论</th>", f);
	for (k = 0; k < NMEASURES; k++)
		fprintf(f, "<th scope=\"col\">%s</th>", board_measures[k][1]);
	fputs("</tr></thead>\n<tbody>\n", f);
	for (i = 0; i <= json_array_size(offices); i++) {
		o = i < json_array_size(offices) ? json_array_get(offices, i) : json_object_get(b, "total");
		fputs("<tr><th scope=\"row\">", f);
		html_esc(f, office_name(o));
		fprintf(f, "</th><td%s>%s</td>", strcmp(go_str(o, "status"), "不达标") == 0 ? " class=\"fail\"" : "",
			go_str(o, "status"));
		for (k = 0; k < NMEASURES; k++) {
			fputs("<td class=\"n\">", f);
			with_trend(f, o, board_measures[k][0]);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<h2>各项指标</h2>\n", f);
	for (k = 0; k < NMEASURES; k++)
		svg_chart(f, offices, board_measures[k][0], board_measures[k][1]);
	fputs("<h2>不达标科室及整改要求</h2>\n<ul id=\"rectify\">\n", f);
	rectify_items(f, offices, 1);
	fputs("</ul>\n<h2>各科室明细</h2>\n", f);
	json_array_foreach(offices, i, o) {
		fputs("<div class=\"section\">\n<h3>", f);
		html_esc(f, office_name(o));
		fputs("</h3>\n<ul>\n", f);
		office_lists(f, o, 1);
		fputs("</ul>\n", f);
		const char *code;
		json_t *c;
		if (json_object_size(json_object_get(o, "problems"))) {
			fputs("<table>\n<thead><tr><th scope=\"col\">问题代码</th><th scope=\"col\">错误</th><th scope=\"col\">提示</th></tr></thead>\n<tbody>\n", f);
			json_object_foreach(json_object_get(o, "problems"), code, c)
				fprintf(f, "<tr><th scope=\"row\">%s</th><td class=\"n\">%lld</td><td class=\"n\">%lld</td></tr>\n",
					code, (long long)json_integer_value(json_object_get(c, "error")),
					(long long)json_integer_value(json_object_get(c, "warning")));
			fputs("</tbody>\n</table>\n", f);
		}
		fputs("</div>\n", f);
	}
	fputs("</div>\n</body>\n</html>\n", f);
}

int go_scoreboard_write(FILE *f, const json_t *b, const char *format)
{
	if (strcmp(format, "jsonl") == 0) {
		size_t i;
		json_t *o;
		json_array_foreach(json_object_get(b, "offices"), i, o)
			if (go_write(f, NULL, o) != 0)
				return -1;
		if (go_write(f, NULL, json_object_get(b, "total")) != 0)
			return -1;
	} else if (strcmp(format, "md") == 0) {
		board_md(f, b);
	} else {
		board_html(f, b);
	}
	return ferror(f) ? -1 : 0;
}

/* ---- annual report ---------------------------------------------------------- */

static const char *const headings[] = {
	"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
};
static const char check_note[] = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/* Table 二's rows: block, label, key in report.c's table2, columns. */
static const struct {
	const char *block, *label, *key;
} t2rows[] = {
	{"第二十条第（一）项", "规章", "rule"},
	{"第二十条第（一）项", "行政规范性文件", "normative"},
	{"第二十条第（五）项", "行政许可", "license"},
	{"第二十条第（六）项", "行政处罚", "penalty"},
	{"第二十条第（六）项", "行政强制", "enforcement"},
	{"第二十条第（八）项", "行政事业性收费", "fees"},
};
static const char *const t2cols1[] = {"本年制发件数", "本年废止件数", "现行有效件数"};
static const char *const t2keys1[] = {"issued", "abolished", "in_force"};

static const json_t *t2cell(const json_t *r, const char *key, const char *col)
{
	const json_t *t2 = json_object_get(r, "table2");
	return strcmp(key, "fees") == 0 ? json_object_get(t2, "fees")
					: json_object_get(json_object_get(t2, key), col);
}

static const json_t *t3cell(const json_t *r, int row, int col)
{
	return json_array_get(json_object_get(json_object_get(json_object_get(r, "table3"), "rows"),
					      go_table3_rows[row].key), (size_t)col);
}

static const json_t *t4cell(const json_t *r, int g, int c)
{
	return json_object_get(json_object_get(json_object_get(r, "table4"), go_table4_groups[g]),
			       go_table4_columns[c]);
}

/* Section 一's first paragraph: the counts the store knows. */
static char *overview_text(const json_t *r)
{
	const json_t *o = json_object_get(r, "overview"), *c = json_object_get(o, "by_category");
#define N(obj, k) ((long long)json_integer_value(json_object_get(obj, k)))
	return go_xasprintf("本年度主动公开政府信息 %lld 条，其中决策公开 %lld 条、执行公开 %lld 条、"
			    "管理公开 %lld 条、服务公开 %lld 条、结果公开 %lld 条；公开政策性文件 %lld 件，"
			    "发布政策解读 %lld 篇；公开征求意见 %lld 次。",
			    N(o, "published"), N(c, "decision"), N(c, "execution"), N(c, "management"),
			    N(c, "service"), N(c, "result"), N(o, "policies"), N(o, "interpretations"),
			    N(o, "consultations"));
#undef N
}

static void paragraphs_html(FILE *f, const char *text)
{
	const char *p = text;
	while (p && *p) {
		p += strspn(p, "\r\n");
		if (!*p)
			break;
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *para = go_xasprintf("%.*s", (int)n, p);
		fputs("<p>", f);
		html_esc(f, para);
		fputs("</p>\n", f);
		free(para);
		p += n;
	}
}

static void section_text(FILE *f, const json_t *r, int i, int html)
{
	static const char *const keys[] = {"一", NULL, NULL, NULL, "五", "六"};
	const char *text = go_str(json_object_get(r, "sections"), keys[i]);
	if (html)
		paragraphs_html(f, text);
	else if (text && *text)
		fprintf(f, "%s\n\n", text);
}

static void annual_html(FILE *f, const json_t *r)
{
	long long year = (long long)json_integer_value(json_object_get(r, "year"));
	fprintf(f, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\" xml:lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n"
		   "<title>%lld年政府信息公开工作年度报告</title>\n<style>\n%s"
		   "div.go-annual-report { max-width: 180mm; margin: 0 auto; }\n"
		   "div.go-annual-report table { width: 100%%; font-size: 10pt; }\n"
		   "div.go-annual-report th { font-weight: normal; text-align: center; }\n"
		   "div.go-annual-report th.row { text-align: left; }\n"
		   "div.go-annual-report th[scope=\"rowgroup\"] { white-space: nowrap; }\n"
		   "div.go-annual-report td { text-align: center; }\n"
		   "</style>\n</head>\n<body>\n<div class=\"go-annual-report\">\n"
		   "<h1>%lld年政府信息公开工作年度报告</h1>\n", year, css_common, year);
	char *ov = overview_text(r);
	fprintf(f, "<div class=\"section\" id=\"s1\">\n<h2>%s</h2>\n<p>", headings[0]);
	html_esc(f, ov);
	fputs("</p>\n", f);
	free(ov);
	section_text(f, r, 0, 1);

	/* Table 二: each block a header row, then its rows. */
	fprintf(f, "</div>\n<div class=\"section\" id=\"s2\">\n<h2>%s</h2>\n<table id=\"table2\">\n", headings[1]);
	for (size_t i = 0; i < sizeof t2rows / sizeof *t2rows; i++) {
		int first = i == 0 || strcmp(t2rows[i].block, t2rows[i - 1].block) != 0;
		int wide = strcmp(t2rows[i].key, "rule") == 0 || strcmp(t2rows[i].key, "normative") == 0;
		if (first) {
			fprintf(f, "<tr><th colspan=\"4\">%s</th></tr>\n<tr><th>信息内容</th>", t2rows[i].block);
			if (wide)
				fprintf(f, "<th>%s</th><th>%s</th><th>%s</th></tr>\n", t2cols1[0], t2cols1[1], t2cols1[2]);
			else
				fprintf(f, "<th colspan=\"3\">%s</th></tr>\n",
					strcmp(t2rows[i].key, "fees") == 0 ? "本年收费金额（单位：万元）" : "本年处理决定数量");
		}
		fprintf(f, "<tr><th class=\"row\" scope=\"row\">%s</th>", t2rows[i].label);
		if (wide) {
			for (int c = 0; c < 3; c++) {
				fputs("<td>", f);
				number(f, t2cell(r, t2rows[i].key, t2keys1[c]));
				fputs("</td>", f);
			}
		} else {
			fputs("<td colspan=\"3\">", f);
			number(f, t2cell(r, t2rows[i].key, "decisions"));
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n</div>\n", f);

	/* Table 三: the statutory layout, group cells spanning their rows. */
	fprintf(f, "<div class=\"section\" id=\"s3\">\n<h2>%s</h2>\n<table id=\"table3\">\n<thead>\n", headings[2]);
	fprintf(f, "<tr><th colspan=\"3\" rowspan=\"3\">%s</th><th colspan=\"7\">申请人情况</th></tr>\n", check_note);
	fputs("<tr><th rowspan=\"2\">自然人</th><th colspan=\"5\">法人或其他组织</th><th rowspan=\"2\">总计</th></tr>\n<tr>", f);
	for (int c = 1; c < 6; c++)
		fprintf(f, "<th>%s</th>", go_table3_column_labels[c]);
	fputs("</tr>\n</thead>\n<tbody>\n", f);
	int nres = 0;
	for (int i = 2; go_table3_rows[i].key && strcmp(go_table3_rows[i].key, "carried-out") != 0; i++)
		nres++;
	for (int i = 0; go_table3_rows[i].key; i++) {
		const go_annual_row *row = &go_table3_rows[i];
		fputs("<tr>", f);
		if (i == 2)
			fprintf(f, "<th class=\"row\" rowspan=\"%d\" scope=\"rowgroup\">三、本年度办理结果</th>", nres);
		if (!row->group) {
			int top = i < 2 || strcmp(row->key, "carried-out") == 0;
			fprintf(f, "<th class=\"row\" colspan=\"%d\" scope=\"row\">%s</th>", top ? 3 : 2, row->label);
		} else {
			if (i == 0 || !go_table3_rows[i - 1].group || strcmp(go_table3_rows[i - 1].group, row->group) != 0) {
				int span = 0;
				for (int j = i; go_table3_rows[j].key && go_table3_rows[j].group &&
						strcmp(go_table3_rows[j].group, row->group) == 0; j++)
					span++;
				fprintf(f, "<th class=\"row\" rowspan=\"%d\" scope=\"rowgroup\">%s</th>", span, row->group);
			}
			fprintf(f, "<th class=\"row\" scope=\"row\">%s</th>", row->label);
		}
		for (int c = 0; c < 7; c++) {
			fputs("<td>", f);
			number(f, t3cell(r, i, c));
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</div>\n", f);

	/* Table 四. */
	fprintf(f, "<div class=\"section\" id=\"s4\">\n<h2>%s</h2>\n<table id=\"table4\">\n<thead>\n"
		   "<tr><th colspan=\"5\">行政复议</th><th colspan=\"10\">行政诉讼</th></tr>\n<tr>", headings[3]);
	for (int c = 0; c < 5; c++)
		fprintf(f, "<th rowspan=\"2\">%s</th>", go_table4_column_labels[c]);
	fputs("<th colspan=\"5\">未经复议直接起诉</th><th colspan=\"5\">复议后起诉</th></tr>\n<tr>", f);
	for (int g = 1; g < 3; g++)
		for (int c = 0; c < 5; c++)
			fprintf(f, "<th>%s</th>", go_table4_column_labels[c]);
	fputs("</tr>\n</thead>\n<tbody>\n<tr>", f);
	for (int g = 0; g < 3; g++)
		for (int c = 0; c < 5; c++) {
			fputs("<td>", f);
			number(f, t4cell(r, g, c));
			fputs("</td>", f);
		}
	fputs("</tr>\n</tbody>\n</table>\n</div>\n", f);
	for (int i = 4; i < 6; i++) {
		fprintf(f, "<div class=\"section\" id=\"s%d\">\n<h2>%s</h2>\n", i + 1, headings[i]);
		section_text(f, r, i, 1);
		fputs("</div>\n", f);
	}
	fputs("</div>\n</body>\n</html>\n", f);
}

/* Table 三's full row label, for Markdown and CSV, which cannot span. */
static char *t3label(int i)
{
	const go_annual_row *row = &go_table3_rows[i];
	int result = i >= 2 && strcmp(row->key, "carried-out") != 0;
	return go_xasprintf("%s%s%s", result ? "三、本年度办理结果 " : "",
			    row->group ? row->group : "", row->group ? " " : "");
}

static void annual_md(FILE *f, const json_t *r)
{
	long long year = (long long)json_integer_value(json_object_get(r, "year"));
	fprintf(f, "# %lld年政府信息公开工作年度报告\n\n## %s\n\n", year, headings[0]);
	char *ov = overview_text(r);
	fprintf(f, "%s\n\n", ov);
	free(ov);
	section_text(f, r, 0, 0);
	fprintf(f, "## %s\n\n", headings[1]);
	for (size_t i = 0; i < sizeof t2rows / sizeof *t2rows; i++) {
		int first = i == 0 || strcmp(t2rows[i].block, t2rows[i - 1].block) != 0;
		int wide = strcmp(t2rows[i].key, "rule") == 0 || strcmp(t2rows[i].key, "normative") == 0;
		if (first) {
			fprintf(f, "%s**%s**\n\n", i ? "\n" : "", t2rows[i].block);
			if (wide)
				fprintf(f, "| 信息内容 | %s | %s | %s |\n|---|---:|---:|---:|\n", t2cols1[0], t2cols1[1], t2cols1[2]);
			else
				fprintf(f, "| 信息内容 | %s |\n|---|---:|\n",
					strcmp(t2rows[i].key, "fees") == 0 ? "本年收费金额（单位：万元）" : "本年处理决定数量");
		}
		fprintf(f, "| %s |", t2rows[i].label);
		for (int c = 0; c < (wide ? 3 : 1); c++) {
			fputs(" ", f);
			number(f, t2cell(r, t2rows[i].key, wide ? t2keys1[c] : "decisions"));
			fputs(" |", f);
		}
		fputs("\n", f);
	}
	fprintf(f, "\n## %s\n\n%s\n\n| 申请人情况 |", headings[2], check_note);
	for (int c = 0; c < 7; c++)
		fprintf(f, " %s%s |", c >= 1 && c <= 5 ? "法人或其他组织：" : "", go_table3_column_labels[c]);
	fputs("\n|---|", f);
	for (int c = 0; c < 7; c++)
		fputs("---:|", f);
	fputs("\n", f);
	for (int i = 0; go_table3_rows[i].key; i++) {
		char *pre = t3label(i);
		fprintf(f, "| %s%s |", pre, go_table3_rows[i].label);
		free(pre);
		for (int c = 0; c < 7; c++) {
			fputs(" ", f);
			number(f, t3cell(r, i, c));
			fputs(" |", f);
		}
		fputs("\n", f);
	}
	fprintf(f, "\n## %s\n\n|", headings[3]);
	static const char *const groups[] = {"行政复议", "行政诉讼：未经复议直接起诉", "行政诉讼：复议后起诉"};
	for (int g = 0; g < 3; g++)
		for (int c = 0; c < 5; c++)
			fprintf(f, " %s %s |", groups[g], go_table4_column_labels[c]);
	fputs("\n|", f);
	for (int k = 0; k < 15; k++)
		fputs("---:|", f);
	fputs("\n|", f);
	for (int g = 0; g < 3; g++)
		for (int c = 0; c < 5; c++) {
			fputs(" ", f);
			number(f, t4cell(r, g, c));
			fputs(" |", f);
		}
	fputs("\n", f);
	for (int i = 4; i < 6; i++) {
		fprintf(f, "\n## %s\n\n", headings[i]);
		section_text(f, r, i, 0);
	}
}

static void csv_row(FILE *f, const char *table, const char *row, const char *col, const json_t *v)
{
	csv_field(f, table);
	fputc(',', f);
	csv_field(f, row);
	fputc(',', f);
	csv_field(f, col);
	fputc(',', f);
	if (json_is_number(v))
		number(f, v);
	fputs("\r\n", f);
}

/* Every cell of every table, one a line: table,row,column,value (RFC 4180). */
static void annual_csv(FILE *f, const json_t *r)
{
	fputs("table,row,column,value\r\n", f);
	for (size_t i = 0; i < sizeof t2rows / sizeof *t2rows; i++) {
		int wide = strcmp(t2rows[i].key, "rule") == 0 || strcmp(t2rows[i].key, "normative") == 0;
		char *row = go_xasprintf("%s %s", t2rows[i].block, t2rows[i].label);
		for (int c = 0; c < (wide ? 3 : 1); c++)
			csv_row(f, "二", row, wide ? t2cols1[c]
					     : strcmp(t2rows[i].key, "fees") == 0 ? "本年收费金额（单位：万元）" : "本年处理决定数量",
				t2cell(r, t2rows[i].key, wide ? t2keys1[c] : "decisions"));
		free(row);
	}
	for (int i = 0; go_table3_rows[i].key; i++) {
		char *pre = t3label(i);
		char *row = go_xasprintf("%s%s", pre, go_table3_rows[i].label);
		for (int c = 0; c < 7; c++)
			csv_row(f, "三", row, go_table3_column_labels[c], t3cell(r, i, c));
		free(row);
		free(pre);
	}
	static const char *const groups[] = {"行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉"};
	for (int g = 0; g < 3; g++)
		for (int c = 0; c < 5; c++)
			csv_row(f, "四", groups[g], go_table4_column_labels[c], t4cell(r, g, c));
}

int go_annual_write(FILE *f, const json_t *r, const char *format)
{
	if (strcmp(format, "json") == 0) {
		char *s = json_dumps(r, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (!s)
			return -1;
		fprintf(f, "%s\n", s);
		free(s);
	} else if (strcmp(format, "md") == 0) {
		annual_md(f, r);
	} else if (strcmp(format, "csv") == 0) {
		annual_csv(f, r);
	} else {
		annual_html(f, r);
	}
	return ferror(f) ? -1 : 0;
}
