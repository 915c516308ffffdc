"""Calendars built by hand for the period tests, transcribed from rules.md §1.2 (the 2026 notice)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from lawtrail.supervision.periods import Calendar, Deadline, PeriodUnit, format_moment

TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """An aware moment in the legal time zone: at("2026-03-01 10:20")."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def day_end(text: str) -> datetime:
    """24:00 of the day `text` ("2026-02-04"), i.e. 00:00 of the next day in Asia/Shanghai."""
    return at(text) + timedelta(days=1)


def span(first: str, last: str) -> list[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


# rules.md §1.2: holiday → (rest days, make-up working days) of the 2026 notice (国办, 2025-11-04).
NOTICE_2026: dict[str, tuple[list[date], list[date]]] = {
    "元旦": (span("2026-01-01", "2026-01-03"), [date(2026, 1, 4)]),
    "春节": (span("2026-02-15", "2026-02-23"), [date(2026, 2, 14), date(2026, 2, 28)]),
    "清明": (span("2026-04-04", "2026-04-06"), []),
    "劳动节": (span("2026-05-01", "2026-05-05"), [date(2026, 5, 9)]),
    "端午": (span("2026-06-19", "2026-06-21"), []),
    "中秋": (span("2026-09-25", "2026-09-27"), []),
    "国庆节": (span("2026-10-01", "2026-10-07"), [date(2026, 9, 20), date(2026, 10, 10)]),
}

CAL_2026 = Calendar(
    rest_days=frozenset(d for rest, _ in NOTICE_2026.values() for d in rest),
    make_up_workdays=frozenset(d for _, work in NOTICE_2026.values() for d in work),
    known_years=frozenset({2026}),
    holiday_names={d: name for name, (rest, work) in NOTICE_2026.items() for d in [*rest, *work]},
)
CAL_2026_NO_MAKE_UP = replace(CAL_2026, count_make_up_saturdays=False)


def assert_explained(deadline: Deadline, *, start: datetime, unit: PeriodUnit) -> None:
    """The explanation names the start, the unit and the due (or says the clock is stopped)."""
    text = "\n".join(deadline.explanation)
    assert f"起算时间：{format_moment(start)}" in text
    assert f"计算单位：{unit.label}" in text
    assert deadline.explanation[-1].startswith("期满")
    assert (format_moment(deadline.due) if deadline.due else "计时暂停中") in deadline.explanation[-1]
