/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* date.c — calendar dates as day numbers, and the State Council working-day calendar. */
#include <stdlib.h>
#include <string.h>

#include "go.h"

/* Built from data/holiday-cn by data/gen-calendar (see the Makefile). */
extern const int go_calendar_first, go_calendar_last;
extern const int go_calendar_day0;         /* day of 1 January of the first year */
extern const unsigned go_calendar_ndays;   /* days of the years covered */
extern const unsigned short go_calendar_cum[]; /* ndays + 1 running counts */
extern const unsigned short go_calendar_nth[]; /* index of each working day */

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

/*
 * Working days in constant time. B(d) counts the Mondays to Fridays in
 * [origin, d), the origin a Monday (day -3, 1969-12-29); inside the calendar's
 * years the generated go_calendar_cum counts the real working days instead.
 * K(d), the working days before d, is B outside the table and the table's count
 * inside it, joined so that it never jumps; every question is a difference of
 * two K, and the n-th working day is K inverted: whole weeks outside the table,
 * go_calendar_nth inside it.
 */
static long long floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static long long weekdays_before(long long d)
{
	long long x = d + 3, w = floor_div(x, 7), r = x - 7 * w;
	return 5 * w + (r < 5 ? r : 5);
}

/* The weekday d (of any sign) with weekdays_before(d) == k. */
static long long nth_weekday(long long k)
{
	long long w = floor_div(k, 5);
	return 7 * w + (k - 5 * w) - 3;
}

static long long workdays_before(long long d)
{
	long long t0 = go_calendar_day0, t1 = t0 + go_calendar_ndays;
	if (d <= t0)
		return weekdays_before(d);
	if (d <= t1)
		return weekdays_before(t0) + go_calendar_cum[d - t0];
	return weekdays_before(t0) + go_calendar_cum[go_calendar_ndays] +
	       weekdays_before(d) - weekdays_before(t1);
}

/* The working day with k working days before it. */
static long long nth_workday(long long k)
{
	long long t0 = go_calendar_day0, t1 = t0 + go_calendar_ndays;
	long long in = weekdays_before(t0), total = go_calendar_cum[go_calendar_ndays];
	if (k < in)
		return nth_weekday(k);
	if (k < in + total)
		return t0 + go_calendar_nth[k - in];
	return nth_weekday(k - in - total + weekdays_before(t1));
}

int go_is_workday(int day)
{
	return workdays_before((long long)day + 1) > workdays_before(day);
}

int go_add_workdays(int day, int n)
{
	if (n <= 0)
		return day;
	return (int)nth_workday(workdays_before((long long)day + 1) + n - 1);
}

int go_workdays_between(int from, int to)
{
	if (to <= from)
		return 0;
	return (int)(workdays_before((long long)to + 1) - workdays_before((long long)from + 1));
}

int go_calendar_first_year(void) { return go_calendar_first; }
int go_calendar_last_year(void) { return go_calendar_last; }
