/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 go-tools developers */
/* Unit tests of lib/date.c: real dates, and the working-day calendar. */
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
	return done();
}
