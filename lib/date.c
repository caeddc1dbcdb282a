/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* date.c — calendar dates as day numbers, and the State Council working-day calendar. */
#include <stdlib.h>
#include <string.h>

#include "go.h"

/* Built from data/holiday-cn by data/gen-calendar (see the Makefile). */
extern const int go_calendar_first, go_calendar_last;
extern const int go_calendar_days[]; /* YYYYMMDD, sorted */
extern const unsigned char go_calendar_off[];
extern const unsigned go_calendar_count;

/* Days from 1970-01-01 of a proleptic Gregorian date (civil-from-days, inverted). */
static int days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int go_parse_date(const char *s, int *day)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return -1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	*day = days_from_civil(y, m, d);
	return 0;
}

void go_format_date(int day, char out[11])
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

int go_date_year(int day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	return y;
}

static int cmp_int(const void *key, const void *elem)
{
	int a = *(const int *)key, b = *(const int *)elem;
	return (a > b) - (a < b);
}

int go_is_workday(int day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	int key = y * 10000 + m * 100 + d;
	const int *hit = bsearch(&key, go_calendar_days, go_calendar_count,
				 sizeof go_calendar_days[0], cmp_int);
	if (hit)
		return !go_calendar_off[hit - go_calendar_days];
	int weekday = ((day % 7) + 7 + 3) % 7; /* 0 = Monday; 1970-01-01 was a Thursday */
	return weekday < 5;
}

int go_add_workdays(int day, int n)
{
	while (n > 0)
		if (go_is_workday(++day))
			n--;
	return day;
}

int go_workdays_between(int from, int to)
{
	int n = 0;
	while (from < to)
		n += go_is_workday(++from);
	return n;
}

int go_calendar_first_year(void) { return go_calendar_first; }
int go_calendar_last_year(void) { return go_calendar_last; }
