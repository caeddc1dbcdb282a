/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/match.c: folding, pinyin annotations, script variants, one pass. */
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "go-classify.h"
#include "tap.h"

static char *fold(const char *s)
{
	static char buf[4][256];
	static int k;
	char *f = go_fold(s, strlen(s), NULL);
	char *out = buf[k++ % 4];
	snprintf(out, 256, "%s", f);
	free(f);
	return out;
}

/* Bit id after scanning text with a matcher holding the keywords kws[i] as id i. */
static unsigned hits_of(const char *const *kws, int variants, const char *text)
{
	go_matcher *m = go_matcher_new();
	for (unsigned i = 0; kws[i]; i++)
		go_matcher_add(m, kws[i], strlen(kws[i]), i, variants);
	go_matcher_build(m);
	unsigned char hits[4] = {0};
	go_matcher_scan(m, text, strlen(text), hits, 0);
	go_matcher_free(m);
	return (unsigned)hits[0] | (unsigned)hits[1] << 8;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	*n = fread(buf, 1, (1 << 20) - 1, f);
	buf[*n] = '\0';
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	/* Folding */
	is_str(fold("ＡＢＣ１２３"), "abc123", "full-width letters and digits fold to half-width, lower case");
	is_str(fold("Ｘ（ｙ）　Z"), "x(y) z", "full-width parentheses and the ideographic space fold");
	is_str(fold("進(jìn)一步"), "進一步", "a pinyin annotation after a Han character is skipped");
	is_str(fold("關(guān)"), "關", "an annotation at the end of the text is skipped");
	is_str(fold("執(zhí)行、服務(wù)"), "執行、服務", "tone marks of every kind are pinyin letters");
	is_str(fold("進（jìn）一步"), "進一步", "full-width parentheses around an annotation too");
	is_str(fold("綠(lǜ)色"), "綠色", "ü with a tone mark is a pinyin letter");
	is_str(fold("第(1)项"), "第(1)项", "digits in parentheses are not pinyin: kept");
	is_str(fold("附件(PDF)"), "附件(pdf)", "upper-case letters are not pinyin: kept (and folded)");
	is_str(fold("abc(de)"), "abc(de)", "an annotation needs a Han character before it");
	is_str(fold("字(zhuangzhuang)"), "字(zhuangzhuang)", "a run too long for one syllable is kept");
	is_str(fold("字(jìn"), "字(jìn", "an unclosed parenthesis is kept");
	is_str(fold("字()"), "字()", "empty parentheses are kept");
	is_str(fold("進(jìn)(jìn)步"), "進步", "two annotations in a row are both skipped");

	/* Matching */
	static const char *const simp[] = {"进一步", "机关", "执行", NULL};
	is_int(hits_of(simp, 1, "爲深入貫徹落實，進(jìn)一步深化"), 1, "simplified keyword, traditional text with an annotation inside");
	is_int(hits_of(simp, 1, "司法行政機關(guān)的公信力"), 2, "an annotation right after the keyword");
	is_int(hits_of(simp, 1, "決策、執(zhí)行、管理"), 4, "a keyword split by an annotation");
	is_int(hits_of(simp, 0, "進一步"), 0, "without variants, traditional text is not matched");
	is_int(hits_of(simp, 1, "进一步执行"), 5, "two keywords, one pass");

	static const char *const trad[] = {"幹部考察", "後勤", NULL};
	is_int(hits_of(trad, 1, "关于干部考察情况的报告"), 1, "a traditional keyword matches simplified text");
	is_int(hits_of(trad, 1, "後勤保障"), 2, "and traditional text");

	static const char *const tw[] = {"里面", NULL};
	is_int(hits_of(tw, 1, "裡面"), 1, "Taiwan variant (s2tw)");
	is_int(hits_of(tw, 1, "裏面"), 1, "Hong Kong / OpenCC standard variant (s2t, s2hk)");

	static const char *const ascii[] = {"ABC-12", "pdf", NULL};
	is_int(hits_of(ascii, 1, "编号ａｂｃ－１２号"), 1, "full-width text matches a half-width keyword");
	is_int(hits_of(ascii, 1, "附件.PDF"), 2, "ASCII matching ignores case");
	is_int(hits_of(ascii, 1, "ab c-12"), 0, "no match is no match");

	/* Aho-Corasick: overlapping keywords and failure links */
	static const char *const over[] = {"he", "she", "his", "hers", "公开", "政务公开工作", NULL};
	is_int(hits_of(over, 0, "ushers"), 1 | 2 | 8, "overlapping keywords all reported");
	is_int(hits_of(over, 0, "政务公开工"), 16, "a keyword inside a longer partial one");
	is_int(hits_of(over, 0, "政务公开工作"), 48, "and both when the long one completes");

	/* Ids are shared between keywords: one bit per condition. */
	go_matcher *m = go_matcher_new();
	is_int(go_matcher_add(m, "人事任免", strlen("人事任免"), 3, 1), 0, "add returns 0");
	is_int(go_matcher_add(m, "干部考察", strlen("干部考察"), 3, 1), 0, "two keywords, one id");
	is_int(go_matcher_add(m, "（jìn）", strlen("（jìn）"), 4, 1), 0, "a keyword that is not after a Han character is kept");
	is_int(go_matcher_add(m, "", 0, 5, 1), -1, "an empty keyword is refused");
	go_matcher_build(m);
	is_int(go_matcher_ids(m), 2, "distinct ids counted");
	unsigned char hits[1] = {0};
	is_int(go_matcher_scan(m, "幹部考察", strlen("幹部考察"), hits, 0), 1, "scan returns the ids found");
	is_int(hits[0], 8, "bit 3 set");
	is_int(go_matcher_scan(m, "(jin)", 5, hits, 1), 1, "an ASCII keyword does not match another spelling");
	is_int(go_matcher_scan(m, "x(jìn)", strlen("x(jìn)"), hits, 1), 2, "the previous count carries over");
	is_int(hits[0], 8 | 16, "bit 4 set");
	go_matcher_free(m);

	/* The seed document, in its original script with its annotations. */
	size_t n;
	char *seed = slurp(argc > 1 ? argv[1] : "data/work-plan-seed.txt", &n);
	ok(seed != NULL, "the seed document is readable");
	if (seed) {
		static const char *const kws[] = {
			"进一步深化", "执行", "回应社会关切", "司法行政机关", "政务公开工作要点",
			"责任主体", "网络", "决策依据", "不在文中的词", NULL};
		is_int(hits_of(kws, 1, seed), 0xff, "simplified keywords find the traditional, annotated seed");
		free(seed);
	}
	return done();
}
