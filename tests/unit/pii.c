/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/pii.c: resident identity numbers, mobile numbers, masking. */
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

int main(void)
{
	char m[32];
	is_str(find("身份证号11010519491231002X。", m), "1101**********002X", "an ID number with check X");
	is_str(find("11010519491231002x", m), "1101**********002x", "a lower-case x counts");
	is_str(find("110105194912310021", m), NULL, "a wrong check digit is not an ID number");
	is_str(find("110105194902300012", m), NULL, "a valid check digit but no 30 February");
	is_str(find("440304200002291236", m), "4403**********1236", "born on a leap day");
	is_str(find("1110105194912310021X", m), NULL, "inside a longer run of digits it is not");
	is_str(find("电话13812345678", m), "138****5678", "a mobile number");
	is_str(find("+8613912345678", m), "139****5678", "+86 before a mobile number");
	is_str(find("12812345678", m), NULL, "12x is no mobile prefix");
	is_str(find("2026013812345678901", m), NULL, "a mobile number inside a longer run is not one");
	is_str(find("138123456789", m), NULL, "twelve digits are not a mobile number");
	is_str(find("订单A13812345678B", m), "138****5678", "letters around it do not hide it");
	is_str(find("", m), NULL, "empty text");

	go_pii hit;
	const char *s = "x13812345678";
	ok(go_pii_find(s, strlen(s), &hit) && hit.kind == GO_PII_MOBILE && hit.off == 1 && hit.len == 11,
	   "the hit says kind, offset and length");
	ok(!go_pii_find(s, 6, &hit), "only the first n bytes are searched");
	is_str(go_pii_name(GO_PII_ID_NUMBER), "居民身份证号码", "names the kind in Chinese");
	return done();
}
