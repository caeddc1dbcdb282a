/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * pii.c — personal information in free text: mainland resident identity numbers
 * (GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character, with a real
 * birth date) and mainland mobile numbers (11 digits, 13x-19x). A number inside
 * a longer run of digits is neither.
 */
#include <string.h>

#include "go.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int id_number(const char *s)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * weight[i];
	char c = s[17] == 'x' ? 'X' : s[17];
	if (check[sum % 11] != c)
		return 0;
	if (s[0] < '1' || s[0] > '9')
		return 0;
	char date[11] = {s[6], s[7], s[8], s[9], '-', s[10], s[11], '-', s[12], s[13], 0};
	int day;
	int year = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	return year >= 1900 && year <= 2099 && go_parse_date(date, &day) == 0;
}

static int mobile(const char *s)
{
	return s[0] == '1' && s[1] >= '3' && s[1] <= '9';
}

int go_pii_find(const char *s, size_t n, go_pii *hit)
{
	size_t i = 0;
	while (i < n) {
		if (!is_digit(s[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && is_digit(s[i]))
			i++;
		size_t len = i - start;
		if (len == 17 && i < n && (s[i] == 'X' || s[i] == 'x') &&
		    (i + 1 == n || !is_digit(s[i + 1]))) {
			len = 18;
			i++;
		}
		if (len == 18 && id_number(s + start)) {
			*hit = (go_pii){GO_PII_ID_NUMBER, start, 18};
			return 1;
		}
		if (len == 11 && mobile(s + start)) {
			*hit = (go_pii){GO_PII_MOBILE, start, 11};
			return 1;
		}
		/* +86 13812345678 written without the space */
		if (len == 13 && s[start] == '8' && s[start + 1] == '6' && mobile(s + start + 2)) {
			*hit = (go_pii){GO_PII_MOBILE, start + 2, 11};
			return 1;
		}
	}
	return 0;
}

void go_pii_mask(const char *s, const go_pii *hit, char out[32])
{
	const char *p = s + hit->off;
	size_t keep_head = hit->kind == GO_PII_ID_NUMBER ? 4 : 3;
	size_t o = 0;
	for (size_t i = 0; i < hit->len && o < 31; i++)
		out[o++] = i < keep_head || i >= hit->len - 4 ? p[i] : '*';
	out[o] = '\0';
}

const char *go_pii_name(enum go_pii_kind kind)
{
	return kind == GO_PII_ID_NUMBER ? "居民身份证号码" : "手机号码";
}
