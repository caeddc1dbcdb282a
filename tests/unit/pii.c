/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/pii.c: personal numbers in the forms clerks type, what must
 * not fire, masking, every finding, and the masking of quoted input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"
#include "tap.h"

static const char *find(const char *s, char masked[32])
{
	go_pii hit;
	if (!go_pii_find(s, strlen(s), &hit))
		return NULL;
	go_pii_mask(s, &hit, masked);
	return masked;
}

/* Found in realistic text: the masked form expected. */
static const struct { const char *text, *masked; enum go_pii_kind kind; } positive[] = {
	{"身份证号11010519491231002X。", "1101**********002X", GO_PII_ID_NUMBER},
	{"11010519491231002x", "1101**********002x", GO_PII_ID_NUMBER},
	{"440304200002291236", "4403**********1236", GO_PII_ID_NUMBER},
	{"当事人王某（公民身份号码330102198507150018）", "3301**********0018", GO_PII_ID_NUMBER},
	{"身份证：３３０１０２１９８５０７１５００１８", "3301**********0018", GO_PII_ID_NUMBER},
	{"身份证：３３０１０２19850715００18", "3301**********0018", GO_PII_ID_NUMBER},
	{"身份证号 330102 19850715 0018", "3301**********0018", GO_PII_ID_NUMBER},
	{"身份证号330102-19850715-0018", "3301**********0018", GO_PII_ID_NUMBER},
	{"身份证号３３０１０２　１９８５０７１５　００１８", "3301**********0018", GO_PII_ID_NUMBER},
	{"身份证号 110105 19491231 002X", "1101**********002X", GO_PII_ID_NUMBER},
	{"身份证号１１０１０５１９４９１２３１００２Ｘ", "1101**********002X", GO_PII_ID_NUMBER},
	/* full-width punctuation (EF BC 8C, EF BC 9A, EF BD 9E) next to full-width digits */
	{"经核实，１３８１２３４５６７８，", "138****5678", GO_PII_MOBILE},
	{"号码：，。１１０１０５１９４９１２３１００２Ｘ～", "1101**********002X", GO_PII_ID_NUMBER},
	{"身份证330102198506060053（也合信用代码校验）", "3301**********0053", GO_PII_ID_NUMBER},
	{"320502199001011234号", "3205**********1234", GO_PII_ID_NUMBER},
	{"申请人李某，510107197811304561，住成都市", "5101**********4561", GO_PII_ID_NUMBER},
	{"老身份证330102850715001", "3301*******5001", GO_PII_ID_NUMBER},
	{"一代证 330102 850715 001", "3301*******5001", GO_PII_ID_NUMBER},
	{"ID:370202196608080817;", "3702**********0817", GO_PII_ID_NUMBER},
	{"电话13812345678", "138****5678", GO_PII_MOBILE},
	{"+8613912345678", "139****5678", GO_PII_MOBILE},
	{"联系电话：138-1234-5678", "138****5678", GO_PII_MOBILE},
	{"联系电话：138 1234 5678", "138****5678", GO_PII_MOBILE},
	{"手机 +86 138 1234 5678", "138****5678", GO_PII_MOBILE},
	{"手机+86-13812345678", "138****5678", GO_PII_MOBILE},
	{"手机0086 13812345678", "138****5678", GO_PII_MOBILE},
	{"手机008613812345678", "138****5678", GO_PII_MOBILE},
	{"手机86-13812345678", "138****5678", GO_PII_MOBILE},
	{"手机：１３８１２３４５６７８", "138****5678", GO_PII_MOBILE},
	{"手机：１３８-１２３４-５６７８", "138****5678", GO_PII_MOBILE},
	{"手机：１３８1234５６７８", "138****5678", GO_PII_MOBILE},
	{"手机：138 12345678", "138****5678", GO_PII_MOBILE},
	{"订单A13812345678B", "138****5678", GO_PII_MOBILE},
	{"请联系张老师（19987654321）", "199****4321", GO_PII_MOBILE},
	{"手机号：１５９－８８８８－６６６６", "159****6666", GO_PII_MOBILE},
	{"退款账户6222021234567890128", "6222***********0128", GO_PII_BANK_CARD},
	{"卡号 6222 0212 3456 7890 128", "6222***********0128", GO_PII_BANK_CARD},
	{"卡号5220-1123-4567-8904", "5220********8904", GO_PII_BANK_CARD},
	{"账号622848123456789012", "6228**********9012", GO_PII_BANK_CARD},
	{"卡号：５２２０１１２３４５６７８９０４", "5220********8904", GO_PII_BANK_CARD},
	{"住宅电话010-62345678", "010******78", GO_PII_LANDLINE},
	{"电话（0571）87654321", "057*******21", GO_PII_LANDLINE},
	{"电话(0571) 8765 4321", "057*******21", GO_PII_LANDLINE},
	{"家中座机 0755 23456789", "075*******89", GO_PII_LANDLINE},
	{"电话020-3456789", "020*****89", GO_PII_LANDLINE},
};

/* Realistic strings that hold no personal number. */
static const char *const negative[] = {
	"110105194912310021",                 /* wrong check digit */
	"110105194902300012",                 /* no 30 February */
	"1110105194912310021X",               /* inside a longer run */
	"12812345678",                        /* 12x is no mobile prefix */
	"2026013812345678901",                /* a mobile inside a longer run */
	"138123456789",                       /* twelve digits */
	"",
	"某司发〔2026〕3号",
	"京政办发〔2026〕12号",
	"司法局函〔2025〕108号",
	"2026年3月5日",
	"2026-03-05",
	"2026-03-05 14:30",
	"２０２６年３月５日",
	"金额1,380,000元",
	"金额 1 380 000 元",
	"合计13800000元",
	"预算 12345678.90 万元",
	"法律援助热线12348",
	"政务服务热线12345",
	"报警110，火警119，急救120",
	"客服95588",
	"服务热线400-810-8888",
	"统一社会信用代码91330106MA2H123456",
	"统一社会信用代码：11330000002482028A",
	"统一社会信用代码123300004700012347",
	"统一社会信用代码 91110108551385082Q",
	"统一社会信用代码：440304200002291236", /* digits only, both checks pass */
	"邮政编码310012",
	"第138号",
	"索引号SFJ-2026-00012",
	"ISBN 978-7-5118-1234-5",
	"卡号6222021234567890129",            /* Luhn fails */
	"编号 1234 5678 9012 3456",           /* Luhn fails */
	"流水号 9876543210123456",            /* starts with 9 */
	"138 1234 56789",                     /* groups split otherwise */
	"1381 234 5678",
	"330102 1985 0715 0018",              /* ID groups split otherwise */
	"身份证号码33010219850715",           /* too short */
	"01012345678",                        /* a fixed line needs its separator */
	"010-1234567",                        /* local number starts 2-9 */
	"电话 0571-876543",                    /* six digits are no local number */
	"案号（2026）浙0102行初138号",
	"第1、2、3项",
	"GB/T 7714-2015",
	"2026年第13期 第8版",
};

int main(void)
{
	char m[32];
	size_t np = sizeof positive / sizeof *positive, nn = sizeof negative / sizeof *negative;
	char name[512];
	ok(np >= 40, "at least 40 positive strings");
	ok(nn >= 40, "at least 40 negative strings");
	for (size_t i = 0; i < np; i++) {
		go_pii hit;
		const char *s = positive[i].text;
		int found = go_pii_find(s, strlen(s), &hit);
		if (found)
			go_pii_mask(s, &hit, m);
		snprintf(name, sizeof name, "found: %s", s);
		is_str(found ? m : NULL, positive[i].masked, name);
		snprintf(name, sizeof name, "the right kind: %s", s);
		ok(found && hit.kind == positive[i].kind, name);
	}
	for (size_t i = 0; i < nn; i++) {
		snprintf(name, sizeof name, "not personal: %s", negative[i]);
		is_str(find(negative[i], m), NULL, name);
	}

	go_pii hit;
	const char *s = "x13812345678";
	ok(go_pii_find(s, strlen(s), &hit) && hit.kind == GO_PII_MOBILE && hit.off == 1 && hit.len == 11,
	   "the hit says kind, offset and length");
	ok(!go_pii_find(s, 6, &hit), "only the first n bytes are searched");
	s = "手机 +86 138 1234 5678。";
	ok(go_pii_find(s, strlen(s), &hit) && hit.off == strlen("手机 +86 ") &&
	   hit.len == strlen("138 1234 5678"), "the hit spans the groups, not the prefix");
	is_str(go_pii_name(GO_PII_ID_NUMBER), "居民身份证号码", "names the kind in Chinese");
	ok(go_pii_is_warning(GO_PII_LANDLINE) && !go_pii_is_warning(GO_PII_MOBILE),
	   "a fixed line is a warning, a mobile an error");

	/* long runs and many groups: nothing read past the end */
	char longrun[1200];
	memset(longrun, '1', 1000);
	strcpy(longrun + 1000, " 13812345678 ");
	is_str(find(longrun, m), "138****5678", "a mobile after a run of 1000 digits and a space");
	memset(longrun, '1', 1000);
	strcpy(longrun + 1000, "X 1");
	is_str(find(longrun, m), NULL, "a run of 1000 digits and X is nothing");
	is_str(find("1 2 3 4 5 6 7 8 138 1234 5678", m), "138****5678", "a mobile after many one-digit groups");
	is_str(find("12345678901234567890123 1234 138 1234 5678", m), "138****5678", "a mobile after long groups");

	/* every finding, in order */
	s = "甲13812345678，乙139-1234-5678，丙330102198507150018。";
	size_t count;
	char *t = go_pii_masked(s, strlen(s), 0, &count);
	is_str(t, "甲138****5678，乙139****5678，丙3301**********0018。", "every finding masked in place");
	ok(count == 3, "three findings counted");
	free(t);
	t = go_pii_masked("no digits", 9, 0, &count);
	is_str(t, "no digits", "text without findings comes back as it is");
	ok(count == 0, "none counted");
	free(t);
	/* a quoted fragment: a cut-off number is not shown whole either */
	t = go_pii_masked("{\"tel\":1381234567", 17, 1, NULL);
	is_str(t, "{\"tel\":138*****67", "quoted input: any run of 7+ digits is masked");
	free(t);
	t = go_pii_masked("12348 and 2026", 14, 1, NULL);
	is_str(t, "12348 and 2026", "quoted input: short numbers stay");
	free(t);
	return done();
}
