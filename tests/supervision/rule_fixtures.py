"""Helpers for the rule catalogue tests: the legal calendar the worked examples were written against."""

from __future__ import annotations

from functools import cache

from lawtrail.supervision.periods import Calendar

FIRST_YEAR, LAST_YEAR = 2004, 2026


@cache
def seeded_calendar() -> Calendar:
    """The calendar of the seeded table, built the way migration supervision.0002 seeds it: the
    `chinese_calendar` package's rest days and make-up working days for 2004–2026 (the State Council's
    notices), with their holiday names. Pure — no database — so every test module can use it in any order;
    tests/supervision/test_catalogue.py checks it is the same as what `load_calendar()` reads."""
    import chinese_calendar
    from chinese_calendar.constants import Holiday

    rest = {d for d in chinese_calendar.holidays if FIRST_YEAR <= d.year <= LAST_YEAR}
    make_up = {d for d in chinese_calendar.workdays if FIRST_YEAR <= d.year <= LAST_YEAR}
    names = {
        d: Holiday(n).chinese
        for table in (chinese_calendar.holidays, chinese_calendar.workdays)
        for d, n in table.items()
        if d in rest | make_up
    }
    return Calendar(
        rest_days=frozenset(rest),
        make_up_workdays=frozenset(make_up),
        known_years=frozenset(range(FIRST_YEAR, LAST_YEAR + 1)),
        count_make_up_saturdays=True,
        holiday_names=names,
    )
