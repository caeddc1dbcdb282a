/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/*
 * pii.c — personal information in free text, in the forms clerks type:
 *
 *   resident identity numbers: GB 11643, 17 digits and an ISO 7064 MOD 11-2
 *     check character, with a real birth date; or the 15-digit first
 *     generation (6 + YYMMDD of 19YY + 3), with a real birth date;
 *   mainland mobile numbers: 11 digits, 13x-19x, maybe after +86, 0086, 86-;
 *   bank card numbers: 16-19 digits starting 3-6, with a valid Luhn digit;
 *   fixed-line numbers with an area code (010-12345678, (0571)8765 4321): a
 *     warning, for an office's own number is often meant to be public.
 *
 * Digits may be full-width (３３０１…), also mixed with half-width ones, and
 * groups may be separated by one space or hyphen (half or full width) in the
 * usual places: 6-8-4 or 6-6-3 for identity numbers, 3-4-4 or 3-8 for mobiles,
 * fours for bank cards. A number inside a longer run of digits is none of
 * these, nor is one whose groups are split otherwise (dates 2026-03-05, 文号
 * 〔2026〕3号, amounts 1 380 000, hotlines 12348). An 18-character unified social
 * credit code (GB 32100, its own check character) is not personal: most hold
 * letters; one of digits only that also passes as an identity number counts as
 * a credit code when labelled so (信用代码 just before it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "go.h"

/* The digit at s[i] (ASCII or full-width): its value, and *w its bytes; else -1. */
static int digit_at(const char *s, size_t n, size_t i, size_t *w)
{
	unsigned char c = (unsigned char)s[i];
	if (c >= '0' && c <= '9') {
		*w = 1;
		return c - '0';
	}
	if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBC &&
	    (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
		*w = 3;
		return (unsigned char)s[i + 2] - 0x90;
	}
	return -1;
}

/* X or x, half or full width, at s[i]: its bytes, else 0. */
static size_t x_at(const char *s, size_t n, size_t i)
{
	if (s[i] == 'X' || s[i] == 'x')
		return 1;
	if (i + 2 < n && (unsigned char)s[i] == 0xEF &&
	    (((unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] == 0xB8) ||
	     ((unsigned char)s[i + 1] == 0xBD && (unsigned char)s[i + 2] == 0x98)))
		return 3;
	return 0;
}

/* Does str (UTF-8) start at s[i]? */
static size_t lit_at(const char *s, size_t n, size_t i, const char *str)
{
	size_t k = strlen(str);
	return i + k <= n && memcmp(s + i, str, k) == 0 ? k : 0;
}

/* One separator between groups at s[i]: its bytes, else 0. */
static size_t sep_at(const char *s, size_t n, size_t i)
{
	if (s[i] == ' ' || s[i] == '-')
		return 1;
	size_t k;
	if ((k = lit_at(s, n, i, "\u3000")) || (k = lit_at(s, n, i, "\uFF0D")) ||
	    (k = lit_at(s, n, i, "\u2010")) || (k = lit_at(s, n, i, "\u2011")))
		return k;
	return 0;
}

static size_t close_paren_at(const char *s, size_t n, size_t i)
{
	return s[i] == ')' ? 1 : lit_at(s, n, i, "\uFF09");
}

static int open_paren_before(const char *s, size_t i)
{
	return (i >= 1 && s[i - 1] == '(') ||
	       (i >= 3 && memcmp(s + i - 3, "\uFF08", 3) == 0);
}

#define MAX_GROUPS 6
#define MAX_DIGITS 24

/* A run of digit groups as found in the text. */
struct run {
	size_t ng;
	struct group {
		size_t off, end;    /* bytes of the text */
		size_t d0, nd;      /* its digits in run.digits */
		int paren_after;    /* a ')' (not a space or hyphen) follows it */
	} g[MAX_GROUPS];
	char digits[MAX_DIGITS * MAX_GROUPS + 2];
	size_t nd;
	int x;                  /* the last group ends in X */
};

/* Read the groups from s[i], a digit not after a digit. Returns the end of the
 * run (past its last group). */
static size_t read_run(const char *s, size_t n, size_t i, struct run *r)
{
	memset(r, 0, sizeof *r);
	for (;;) {
		struct group *g = &r->g[r->ng++];
		g->off = i;
		g->d0 = r->nd;
		size_t w;
		int d;
		while (i < n && (d = digit_at(s, n, i, &w)) >= 0) {
			if (r->nd < sizeof r->digits - 2)
				r->digits[r->nd++] = (char)('0' + d);
			g->nd++;
			i += w;
		}
		size_t xw = i < n ? x_at(s, n, i) : 0;
		if (xw) {
			size_t w2;
			/* an X only ends an identity number: not before a digit or letter */
			size_t after = i + xw;
			int more = after < n && (digit_at(s, n, after, &w2) >= 0 ||
						 (s[after] >= 'A' && s[after] <= 'Z') ||
						 (s[after] >= 'a' && s[after] <= 'z'));
			if (!more) {
				if (r->nd < sizeof r->digits - 2)
					r->digits[r->nd++] = xw == 1 ? s[i] : 'X';
				g->nd++;
				i = after;
				r->x = 1;
			}
		}
		g->end = i;
		/* no number we look for has a group of 20 digits: such a group
		 * ends the run (or, first, is a run of its own) */
		if (g->nd > 19) {
			if (r->ng > 1) {
				r->nd = g->d0;
				r->ng--;
				r->x = 0;
			}
			break;
		}
		if (r->x || r->ng == MAX_GROUPS || i >= n)
			break;
		/* one separator, then a digit: the run goes on */
		size_t k = sep_at(s, n, i);
		int paren = 0;
		if (!k && (k = close_paren_at(s, n, i))) {
			paren = 1;
			if (i + k < n && s[i + k] == ' ')
				k++;
		}
		size_t w2;
		if (!k || i + k >= n || digit_at(s, n, i + k, &w2) < 0)
			break;
		g->paren_after = paren;
		i += k;
	}
	r->digits[r->nd] = '\0';
	return r->g[r->ng - 1].end;
}

static int real_date(int year, const char *mmdd)
{
	char date[11];
	snprintf(date, sizeof date, "%04d-%.2s-%.2s", year, mmdd, mmdd + 2);
	int day;
	return go_parse_date(date, &day) == 0;
}

static int id18(const char *s)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (s[i] - '0') * weight[i];
	}
	if (check[sum % 11] != (s[17] == 'x' ? 'X' : s[17]) || s[0] < '1' || s[0] > '9')
		return 0;
	int year = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
	return year >= 1900 && year <= 2099 && real_date(year, s + 10);
}

/* GB 32100: the unified social credit code's check character. */
static int credit_code(const char *s)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int weight[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		const char *p = strchr(alphabet, s[i]);
		if (!p || !s[i])
			return 0;
		sum += (int)(p - alphabet) * weight[i];
	}
	return s[17] == alphabet[(31 - sum % 31) % 31];
}

/* An all-digit credit code can pass for an identity number too (1 in 31):
 * then its label decides, 信用代码 in the 48 bytes before it. */
static int credit_label_before(const char *s, size_t off)
{
	size_t from = off > 48 ? off - 48 : 0;
	static const char label[] = "信用代码";
	for (size_t i = from; i + sizeof label - 1 <= off; i++)
		if (memcmp(s + i, label, sizeof label - 1) == 0)
			return 1;
	return 0;
}

static int id15(const char *s)
{
	for (int i = 0; i < 15; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[0] >= '1' && s[0] <= '9' && real_date(1900 + (s[6] - '0') * 10 + (s[7] - '0'), s + 8);
}

static int mobile(const char *s)
{
	return s[0] == '1' && s[1] >= '3' && s[1] <= '9';
}

static int luhn(const char *s, size_t n)
{
	int sum = 0;
	for (size_t i = 0; i < n; i++) {
		int d = s[n - 1 - i] - '0';
		if (i % 2 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return sum % 10 == 0;
}

/* Area codes: 010, 02X, 0[3-9]XX. */
static int area_code(const char *s, size_t n)
{
	if (s[0] != '0')
		return 0;
	if (n == 3)
		return s[1] == '1' ? s[2] == '0' : s[1] == '2';
	return n == 4 && s[1] >= '3' && s[1] <= '9';
}

/* Group lengths of r from group j on, m groups, equal to want[]? */
static int shape(const struct run *r, size_t j, const size_t *want, size_t m)
{
	if (j + m > r->ng)
		return 0;
	for (size_t k = 0; k < m; k++)
		if (r->g[j + k].nd != want[k] || (k + 1 < m && r->g[j + k].paren_after))
			return 0;
	return 1;
}

static void set_hit(go_pii *hit, enum go_pii_kind kind, const struct run *r, size_t j, size_t m)
{
	hit->kind = kind;
	hit->off = r->g[j].off;
	hit->len = r->g[j + m - 1].end - r->g[j].off;
	size_t d0 = r->g[j].d0, nd = r->g[j + m - 1].d0 + r->g[j + m - 1].nd - d0;
	if (nd >= sizeof hit->digits)
		nd = sizeof hit->digits - 1;
	memcpy(hit->digits, r->digits + d0, nd);
	hit->digits[nd] = '\0';
}

/* The digits of groups j..j+m-1 of r (not NUL-terminated), *len of them. */
static const char *digits_of(const struct run *r, size_t j, size_t m, size_t *len)
{
	*len = r->g[j + m - 1].d0 + r->g[j + m - 1].nd - r->g[j].d0;
	return r->digits + r->g[j].d0;
}

/* A finding of m groups from group j of r (longest first), else 0. */
static size_t match_at(const char *s, const struct run *r, size_t j, go_pii *hit)
{
	static const size_t id_a[] = {6, 8, 4}, id_b[] = {6, 6, 3}, mob_a[] = {3, 4, 4},
			    mob_b[] = {3, 8};
	size_t len;
	const char *d;
	int last_x = r->x; /* only the last group of a run may end in X */
	for (size_t m = r->ng - j; m >= 1; m--) {
		/* a run too long to keep whole holds nothing we look for there */
		if (r->g[j + m - 1].d0 + r->g[j + m - 1].nd > r->nd)
			continue;
		d = digits_of(r, j, m, &len);
		int has_x = last_x && j + m == r->ng;
		for (size_t k = 0; k + 1 < m; k++)
			if (r->g[j + k].paren_after)
				goto landline;
		if (len == 18 && (m == 1 || shape(r, j, id_a, 3)) && id18(d) &&
		    !(credit_code(d) && credit_label_before(s, r->g[j].off))) {
			set_hit(hit, GO_PII_ID_NUMBER, r, j, m);
			return m;
		}
		if (has_x)
			continue;
		if (len == 15 && (m == 1 || shape(r, j, id_b, 3)) && id15(d)) {
			set_hit(hit, GO_PII_ID_NUMBER, r, j, m);
			return m;
		}
		if (len == 11 && (m == 1 || shape(r, j, mob_a, 3) || shape(r, j, mob_b, 2)) &&
		    mobile(d)) {
			set_hit(hit, GO_PII_MOBILE, r, j, m);
			return m;
		}
		/* 8613812345678 and 008613812345678 written as one run */
		if (m == 1 && (len == 13 || len == 15) &&
		    memcmp(d, len == 13 ? "86" : "0086", len - 11) == 0 && mobile(d + len - 11)) {
			const struct group *g = &r->g[j];
			/* the prefix digits are one byte or three each */
			size_t w = (g->end - g->off) / len;
			if (w * len == g->end - g->off) {
				hit->kind = GO_PII_MOBILE;
				hit->off = g->off + w * (len - 11);
				hit->len = w * 11;
				memcpy(hit->digits, d + len - 11, 11);
				hit->digits[11] = '\0';
				return m;
			}
		}
		if (len >= 16 && len <= 19 && d[0] >= '3' && d[0] <= '6' && luhn(d, len)) {
			int fours = 1;
			for (size_t k = 0; k + 1 < m; k++)
				fours &= r->g[j + k].nd == 4;
			if (m == 1 || (fours && r->g[j + m - 1].nd <= 4)) {
				set_hit(hit, GO_PII_BANK_CARD, r, j, m);
				return m;
			}
		}
landline:
		if (m == 2 && (r->g[j + 1].nd == 7 || r->g[j + 1].nd == 8) &&
		    area_code(d, r->g[j].nd) && r->digits[r->g[j + 1].d0] >= '2' &&
		    (!r->g[j].paren_after || open_paren_before(s, r->g[j].off))) {
			set_hit(hit, GO_PII_LANDLINE, r, j, m);
			return m;
		}
		/* (0571) 8765 4321: a local number in two groups of four */
		if (m == 3 && r->g[j].paren_after && r->g[j + 1].nd == 4 && r->g[j + 2].nd == 4 &&
		    !r->g[j + 1].paren_after && area_code(d, r->g[j].nd) &&
		    open_paren_before(s, r->g[j].off)) {
			set_hit(hit, GO_PII_LANDLINE, r, j, m);
			return m;
		}
	}
	return 0;
}

/* The hot loop: the first byte from i on that is an ASCII digit or may begin
 * a full-width digit (0xEF, the lead byte of a full-width form), eight bytes at a time (bit tricks of
 * "Bit Twiddling Hacks": hasbetween, haszero). */
static size_t skip_plain(const unsigned char *u, size_t i, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u, low = 0x7F7F7F7F7F7F7F7Fu;
	for (;;) {
		while (i + 8 <= n) {
			uint64_t x, e;
			memcpy(&x, u + i, 8);
			e = x ^ (ones * 0xEF);
			uint64_t digit = ((ones * (127 + '9' + 1) - (x & low)) & ~x &
					  ((x & low) + ones * (127 - ('0' - 1)))) & high;
			uint64_t ef = (e - ones) & ~e & high;
			if (digit | ef)
				break;
			i += 8;
		}
		while (i < n && (unsigned)(u[i] - '0') > 9 && u[i] != 0xEF)
			i++;
		/* EF leads every full-width form, the comma (EF BC 8C) of CJK text
		 * among them: only EF BC 90..99 is a digit (U+FF10..19) */
		if (i + 2 < n && u[i] == 0xEF && !(u[i + 1] == 0xBC && u[i + 2] >= 0x90 && u[i + 2] <= 0x99)) {
			i++;
			continue;
		}
		return i;
	}
}

int go_pii_find_from(const char *s, size_t n, size_t from, go_pii *hit)
{
	size_t i = from, w;
	const unsigned char *u = (const unsigned char *)s;
	while (i < n) {
		i = skip_plain(u, i, n);
		if (i >= n)
			break;
		if (digit_at(s, n, i, &w) < 0) {
			i++;
			continue;
		}
		/* a run starts after a non-digit */
		size_t pw;
		if ((i >= 1 && digit_at(s, n, i - 1, &pw) >= 0) ||
		    (i >= 3 && digit_at(s, n, i - 3, &pw) >= 0 && pw == 3)) {
			i += w;
			continue;
		}
		struct run r;
		size_t end = read_run(s, n, i, &r);
		for (size_t j = 0; j < r.ng; j++) {
			if (match_at(s, &r, j, hit))
				return 1;
		}
		i = end;
	}
	return 0;
}

int go_pii_find(const char *s, size_t n, go_pii *hit)
{
	return go_pii_find_from(s, n, 0, hit);
}

void go_pii_mask(const char *s, const go_pii *hit, char out[32])
{
	(void)s;
	const char *d = hit->digits;
	size_t n = strlen(d);
	size_t head = hit->kind == GO_PII_ID_NUMBER ? 4 : hit->kind == GO_PII_BANK_CARD ? 4 :
		      hit->kind == GO_PII_LANDLINE ? 3 : 3;
	size_t tail = hit->kind == GO_PII_LANDLINE ? 2 : 4;
	size_t o = 0;
	for (size_t i = 0; i < n && o < 31; i++)
		out[o++] = i < head || i >= n - tail ? d[i] : '*';
	out[o] = '\0';
}

const char *go_pii_name(enum go_pii_kind kind)
{
	switch (kind) {
	case GO_PII_ID_NUMBER: return go_word("居民身份证号码");
	case GO_PII_MOBILE: return go_word("手机号码");
	case GO_PII_BANK_CARD: return go_word("银行卡号");
	case GO_PII_LANDLINE: return go_word("固定电话号码");
	}
	return go_word("个人信息");
}

int go_pii_is_warning(enum go_pii_kind kind)
{
	return kind == GO_PII_LANDLINE;
}

/* Append n bytes to a growing string. */
static void put(char **o, size_t *len, size_t *cap, const char *p, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*o = go_xrealloc(*o, *cap);
	}
	memcpy(*o + *len, p, n);
	*len += n;
	(*o)[*len] = '\0';
}

char *go_pii_masked(const char *s, size_t n, int quote, size_t *count)
{
	char *o = NULL;
	size_t len = 0, cap = 0, at = 0, found = 0;
	go_pii hit;
	put(&o, &len, &cap, "", 0);
	while (at < n && go_pii_find_from(s, n, at, &hit)) {
		char m[32];
		go_pii_mask(s, &hit, m);
		put(&o, &len, &cap, s + at, hit.off - at);
		put(&o, &len, &cap, m, strlen(m));
		at = hit.off + hit.len;
		found++;
	}
	put(&o, &len, &cap, s + at, n - at);
	if (quote) {
		/* a quoted fragment may hold a cut-off number: no run of 7 or more
		 * digits is shown whole */
		size_t run = 0;
		for (size_t i = 0; i <= len; i++) {
			if (i < len && o[i] >= '0' && o[i] <= '9') {
				run++;
				continue;
			}
			if (run >= 7)
				for (size_t k = i - run + 3; k < i - 2; k++)
					o[k] = '*';
			run = 0;
		}
	}
	if (count)
		*count = found;
	return o;
}
