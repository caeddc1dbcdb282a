/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/date.c: real dates, and the working-day calendar. */
#include <stdlib.h>

#include "go.h"
#include "tap.h"

static const char *nth_workday(const char *from, int n, char out[11])
{
	int day;
	if (go_parse_date(from, &day) != 0)
		return "(bad date)";
	go_format_date(go_add_workdays(day, n), out);
	return out;
}

/*
 * The old day-by-day walk (before the O(1) arithmetic), kept here as the
 * oracle: a binary search of the notices' exceptions, else Monday to Friday.
 */
extern const int go_calendar_days[];
extern const unsigned char go_calendar_off[];
extern const unsigned go_calendar_count;

static int cmp_int(const void *key, const void *elem)
{
	int a = *(const int *)key, b = *(const int *)elem;
	return (a > b) - (a < b);
}

static int old_is_workday(int day)
{
	char s[11];
	go_format_date(day, s);
	int key = atoi(s) * 10000 + atoi(s + 5) * 100 + atoi(s + 8);
	const int *hit = bsearch(&key, go_calendar_days, go_calendar_count,
				 sizeof go_calendar_days[0], cmp_int);
	if (hit)
		return !go_calendar_off[hit - go_calendar_days];
	return ((day % 7) + 7 + 3) % 7 < 5;
}

static int old_add_workdays(int day, int n)
{
	while (n > 0)
		if (old_is_workday(++day))
			n--;
	return day;
}

static int old_workdays_between(int from, int to)
{
	int n = 0;
	while (from < to)
		n += old_is_workday(++from);
	return n;
}

/* xorshift: the same pairs on every run */
static unsigned long long rnd_state = 88172645463325252ull;
static unsigned long long rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static int day_of(const char *s)
{
	int day = 0;
	go_parse_date(s, &day);
	return day;
}

static int workday(const char *s)
{
	int day;
	return go_parse_date(s, &day) == 0 ? go_is_workday(day) : -1;
}

int main(void)
{
	int day;
	char buf[11];

	is_int(go_parse_date("1970-01-01", &day), 0, "epoch parses");
	is_int(day, 0, "epoch is day 0");
	is_int(go_parse_date("2024-02-29", &day), 0, "a leap day parses");
	is_int(go_parse_date("2023-02-29", &day), -1, "a non-leap 29 February is refused");
	is_int(go_parse_date("2100-02-29", &day), -1, "2100 is not a leap year");
	is_int(go_parse_date("2000-02-29", &day), 0, "2000 is a leap year");
	is_int(go_parse_date("2026-04-31", &day), -1, "31 April is refused");
	is_int(go_parse_date("2026-4-01", &day), -1, "a one-digit month is refused");
	is_int(go_parse_date("2026-04-01T00", &day), -1, "trailing text is refused");
	is_int(go_parse_date(NULL, &day), -1, "NULL is refused");
	go_parse_date("2026-11-27", &day);
	go_format_date(day, buf);
	is_str(buf, "2026-11-27", "format inverts parse");
	is_int(go_date_year(day), 2026, "year of a day");

	/* The calendar of the State Council notices. */
	is_int(workday("2026-02-14"), 1, "Saturday 2026-02-14 is an adjusted working day");
	is_int(workday("2026-02-17"), 0, "Spring Festival 2026-02-17 (a Tuesday) is off");
	is_int(workday("2026-10-01"), 0, "National Day is off");
	is_int(workday("2026-03-02"), 1, "an ordinary Monday is worked");
	is_int(workday("2026-03-07"), 0, "an ordinary Saturday is off");
	is_int(workday("2030-01-07"), 1, "outside the data, a Monday is a working day");
	is_int(workday("2030-01-05"), 0, "outside the data, a Saturday is not");
	is_int(go_calendar_first_year(), 2007, "the data starts in 2007");
	is_int(go_calendar_last_year(), 2026, "and ends in 2026");

	/* OGI art. 26 across the Spring Festival: 20 working days after Friday 6 February. */
	is_str(nth_workday("2026-02-06", 1, buf), "2026-02-09", "counting starts on the next working day");
	is_str(nth_workday("2026-02-06", 6, buf), "2026-02-14", "the adjusted Saturday counts");
	is_str(nth_workday("2026-02-06", 20, buf), "2026-03-12", "20th working day across the festival");
	is_str(nth_workday("2026-02-06", 21, buf), "2026-03-13", "21st working day");
	is_str(nth_workday("2026-09-30", 1, buf), "2026-10-08", "National Day week is skipped (8 October 2026 is worked)");

	int a, b;
	go_parse_date("2026-02-06", &a);
	go_parse_date("2026-03-12", &b);
	is_int(go_workdays_between(a, b), 20, "working days in (from, to]");
	is_int(go_workdays_between(b, a), 0, "none when to is before from");

	/* The O(1) arithmetic agrees with the old walk: every day of 2004-2029
	 * (the table, and three years of plain weeks either side). */
	int lo = day_of("2004-01-01"), hi = day_of("2030-01-01"), bad = 0;
	for (int d = lo; d < hi; d++)
		bad += go_is_workday(d) != old_is_workday(d);
	is_int(bad, 0, "go_is_workday agrees with the walk on every day of 2004-2029");

	/* Random pairs around and across the table's edges. */
	int bad_between = 0, bad_add = 0, bad_inverse = 0;
	for (int i = 0; i < 20000; i++) {
		int from = lo + (int)(rnd() % (unsigned)(hi - lo));
		int span = (int)(rnd() % (i % 10 == 0 ? 4000u : 60u));
		int n = (int)(rnd() % 45) + 1;
		int to = from + span;
		bad_between += go_workdays_between(from, to) != old_workdays_between(from, to);
		bad_between += go_workdays_between(to, from) != 0;
		int e = go_add_workdays(from, n);
		bad_add += e != old_add_workdays(from, n);
		/* the n-th working day is one, and exactly n lie in (from, e] */
		bad_inverse += !go_is_workday(e) || go_workdays_between(from, e) != n;
	}
	is_int(bad_between, 0, "go_workdays_between agrees with the walk on 20000 random pairs");
	is_int(bad_add, 0, "go_add_workdays agrees with the walk on 20000 random pairs");
	is_int(bad_inverse, 0, "go_add_workdays and go_workdays_between invert each other");

	/* Far outside the table: whole weeks, in both directions and across it. */
	int y1 = day_of("0001-01-01"), y9 = day_of("9999-12-31");
	is_int(go_workdays_between(y1, day_of("0001-01-08")), 5, "a week in year 1 has five working days");
	is_int(go_workdays_between(day_of("2007-01-01"), day_of("2007-01-01") + 700) +
	       go_workdays_between(y1, day_of("2007-01-01")),
	       go_workdays_between(y1, day_of("2007-01-01") + 700),
	       "counts add up across the table's first edge");
	is_int(go_workdays_between(y1, y9), go_workdays_between(y1, day_of("5000-01-01")) +
	       go_workdays_between(day_of("5000-01-01"), y9), "counts add up over ten millennia");
	int big = go_workdays_between(y1, day_of("2026-02-06"));
	is_str((go_format_date(go_add_workdays(y1, big + 20), buf), buf), "2026-03-12",
	       "the 20th working day after 2026-02-06, counted from year 1");
	is_int(go_workdays_between(day_of("2026-12-25"), day_of("2027-01-08")), 10,
	       "across the table's last edge: Mon-Thu 28-31 Dec 2026, Fri 1 Jan and 4-8 Jan 2027");
	is_str(nth_workday("2026-12-31", 1, buf), "2027-01-01",
	       "outside the data, 1 January 2027 (a Friday) counts as a working day");
	is_int(go_is_workday(day_of("1969-12-29")), 1, "Monday 1969-12-29, before day 0, is worked");
	is_int(go_is_workday(day_of("1969-12-28")), 0, "Sunday 1969-12-28 is not");
	return done();
}
