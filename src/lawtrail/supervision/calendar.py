"""The legal calendar from the database: loading it for the period arithmetic, adding a year, showing one.

`load_calendar()` reads the seeded table once per process (one query) and keeps the result; the cache is
cleared by `calendar_cache_clear()`, which `calendar_add_year` arranges to run when its transaction
commits, and it also expires after `CACHE_SECONDS` so that other worker processes see a new year
without a restart.

Whether the make-up working days (调休上班, usually Saturdays) count as working days is an open question
(rules.md, Open questions 4). The catalogue recommends yes; the setting
`SUPERVISION_COUNT_MAKE_UP_SATURDAYS` (default True) makes it configurable.
"""

from __future__ import annotations

import threading
import time as _time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction

from lawtrail.common import clock
from lawtrail.common.errors import ValidationFailed
from lawtrail.supervision.models import CalendarDay, CalendarYear
from lawtrail.supervision.periods import WEEKDAY_NAMES, Calendar

CACHE_SECONDS = 600

# 全国年节及纪念日放假办法 (2024 revision, in force 2025-01-01) Art. 2: days every notice must give as
# rest days, whatever the weekday — a cheap check that a file is for the year it claims.
FIXED_STATUTORY_DAYS = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (5, 2, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
)
FIXED_DAYS_IN_FORCE_FROM = 2025

_lock = threading.Lock()
_cache: dict[tuple[tuple[int, ...] | None, bool], tuple[float, Calendar]] = {}


def calendar_cache_clear() -> None:
    """Forget the loaded calendars of this process (after a year was added or changed)."""
    with _lock:
        _cache.clear()


def _count_make_up_default() -> bool:
    return bool(getattr(settings, "SUPERVISION_COUNT_MAKE_UP_SATURDAYS", True))


def load_calendar(
    years: Iterable[int] | None = None, *, count_make_up_saturdays: bool | None = None
) -> Calendar:
    """The legal calendar of the complete years in the table (or of `years` only), for `compute_deadline`.

    One query (years LEFT JOIN days); cached per process. `count_make_up_saturdays` defaults to the
    setting `SUPERVISION_COUNT_MAKE_UP_SATURDAYS` (True, the catalogue's recommendation).
    """
    wanted = tuple(sorted(set(years))) if years is not None else None
    count = _count_make_up_default() if count_make_up_saturdays is None else count_make_up_saturdays
    key = (wanted, count)
    with _lock:
        cached = _cache.get(key)
        if cached is not None and _time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
    rows = CalendarYear.objects.filter(complete=True)
    if wanted is not None:
        rows = rows.filter(year__in=wanted)
    known: set[int] = set()
    rest: set[date] = set()
    make_up: set[date] = set()
    names: dict[date, str] = {}
    for year, day, is_workday, is_rest_day, holiday in rows.order_by().values_list(
        "year", "days__date", "days__is_workday", "days__is_rest_day", "days__holiday"
    ):
        known.add(year)
        if day is None:
            continue
        if is_rest_day:
            rest.add(day)
        if is_workday:
            make_up.add(day)
        if holiday:
            names[day] = holiday
    calendar = Calendar(
        rest_days=frozenset(rest),
        make_up_workdays=frozenset(make_up),
        known_years=frozenset(known),
        count_make_up_saturdays=count,
        holiday_names=names,
    )
    with _lock:
        _cache[key] = (_time.monotonic(), calendar)
    return calendar


def calendar_add_year(
    *,
    year: int,
    rest_days: Iterable[date],
    make_up_workdays: Iterable[date],
    holidays: Mapping[date, str],
    source: str,
    actor_name: str,
) -> CalendarYear:
    """Enter a year's holiday schedule from the State Council's notice (国务院办公厅关于{year}年部分节假日
    安排的通知), for years the seeded `chinese_calendar` data does not cover (after 2026).

    `rest_days` are all the days of the 放假调休 blocks (weekend days inside a block included),
    `make_up_workdays` the 调休上班 days, `holidays` names rest or make-up days ("春节"). Refused with
    a stable error code when: the year is already entered; a date lies outside the year; a day is both a
    rest day and a make-up day; a make-up day is not a Saturday or Sunday; a named day is neither a rest
    nor a make-up day; from 2025, a day fixed by the 放假办法 Art. 2 (1-1, 5-1, 5-2, 10-1 to 10-3) is
    missing; the source or the actor is blank. The cached calendar is dropped when the transaction
    commits.
    """
    rest = frozenset(rest_days)
    make_up = frozenset(make_up_workdays)
    source, actor_name = source.strip(), actor_name.strip()
    if not source:
        raise ValidationFailed(
            "请填写来源（国务院办公厅通知的标题与文号）", code="calendar_source_required", field="source"
        )
    if not actor_name:
        raise ValidationFailed("请填写录入人", code="calendar_actor_required", field="actor_name")
    outside = sorted(d for d in rest | make_up | set(holidays) if d.year != year)
    if outside:
        raise ValidationFailed(
            f"以下日期不在{year}年：{'、'.join(d.isoformat() for d in outside)}",
            code="calendar_date_outside_year",
            field="dates",
        )
    both = sorted(rest & make_up)
    if both:
        raise ValidationFailed(
            f"同一天不能既放假又调休上班：{'、'.join(d.isoformat() for d in both)}",
            code="calendar_rest_and_make_up_overlap",
            field="make_up_workdays",
        )
    weekday_make_up = sorted(d for d in make_up if d.weekday() < 5)
    if weekday_make_up:
        raise ValidationFailed(
            "调休上班日只能是周六或周日："
            + "、".join(f"{d.isoformat()}（{WEEKDAY_NAMES[d.weekday()]}）" for d in weekday_make_up),
            code="calendar_make_up_not_weekend",
            field="make_up_workdays",
        )
    unnamed = sorted(d for d in holidays if d not in rest and d not in make_up)
    if unnamed:
        raise ValidationFailed(
            f"以下日期有节日名称，却既不是放假日也不是调休上班日：{'、'.join(d.isoformat() for d in unnamed)}",
            code="calendar_holiday_not_rest_day",
            field="holidays",
        )
    if year >= FIXED_DAYS_IN_FORCE_FROM:
        missing = [
            f"{month}月{day}日（{name}）"
            for month, day, name in FIXED_STATUTORY_DAYS
            if date(year, month, day) not in rest
        ]
        if missing:
            raise ValidationFailed(
                f"全国年节及纪念日放假办法第二条规定的假日没有列为放假日：{'、'.join(missing)}",
                code="calendar_statutory_day_missing",
                field="rest_days",
            )
    with transaction.atomic():
        if CalendarYear.objects.filter(year=year).exists():
            raise ValidationFailed(f"{year}年的节假日安排已经录入", code="calendar_year_exists", field="year")
        calendar_year = CalendarYear.objects.create(
            year=year, source=source, complete=True, added_by=actor_name, added_at=clock.now()
        )
        CalendarDay.objects.bulk_create(
            CalendarDay(
                calendar_year=calendar_year,
                date=day,
                is_workday=day in make_up,
                is_rest_day=day in rest,
                holiday=holidays.get(day, ""),
                source=source,
                added_by=actor_name,
            )
            for day in sorted(rest | make_up)
        )
        transaction.on_commit(calendar_cache_clear)
    return calendar_year


# --- showing a year -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestBlock:
    """Consecutive rest days of one holiday (a 放假调休 block), with the make-up days that belong to it."""

    holiday: str
    first: date
    last: date
    make_up_workdays: tuple[date, ...]

    @property
    def length(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class YearSchedule:
    year: CalendarYear
    blocks: tuple[RestBlock, ...]
    make_up_workdays: tuple[date, ...]


def calendar_year_schedule(year: int) -> YearSchedule | None:
    """The year's rest blocks and make-up days, or None if the year is not entered.

    A block is a run of consecutive days off that contains at least one rest day of the notice: ordinary
    weekend days next to or inside it belong to it («与周末连休»), as the notices count them. Holidays
    that share a block are named together ("中秋、国庆节"); make-up days go with their holiday's block.
    """
    calendar_year = CalendarYear.objects.filter(year=year).first()
    if calendar_year is None:
        return None
    days = list(calendar_year.days.order_by("date"))
    rest = {d.date: d.holiday for d in days if d.is_rest_day}
    make_up = {d.date: d.holiday for d in days if d.is_workday}

    def off(day: date) -> bool:
        return day in rest or (day.weekday() >= 5 and day not in make_up)

    blocks: list[RestBlock] = []
    attached: set[date] = set()
    day, last_of_year = date(year, 1, 1), date(year, 12, 31)
    while day <= last_of_year:
        if day not in rest:
            day += timedelta(days=1)
            continue
        first = day
        while first - timedelta(days=1) >= date(year, 1, 1) and off(first - timedelta(days=1)):
            first -= timedelta(days=1)
        last = day
        while last + timedelta(days=1) <= last_of_year and off(last + timedelta(days=1)):
            last += timedelta(days=1)
        names: list[str] = []
        for n in range((last - first).days + 1):
            name = rest.get(first + timedelta(days=n), "")
            if name and name not in names:
                names.append(name)
        own = tuple(d for d, name in make_up.items() if name in names and d not in attached)
        attached.update(own)
        blocks.append(RestBlock(holiday="、".join(names), first=first, last=last, make_up_workdays=own))
        day = last + timedelta(days=1)
    return YearSchedule(year=calendar_year, blocks=tuple(blocks), make_up_workdays=tuple(make_up))


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日（{WEEKDAY_NAMES[day.weekday()]}）"


def calendar_year_lines(schedule: YearSchedule) -> list[str]:
    """The schedule in Chinese, one holiday per line, as the notice words it."""
    year = schedule.year
    lines = [
        f"{year.year}年节假日安排（来源：{year.source}；录入：{year.added_by}，"
        f"{clock.local(year.added_at).strftime('%Y-%m-%d %H:%M')}）"
    ]
    if not year.complete:
        lines.append(f"注意：{year.year}年的安排尚未完整录入，工作日计算按未录入处理")
    for block in schedule.blocks:
        span = _md(block.first) if block.length == 1 else f"{_md(block.first)}至{_md(block.last)}"
        text = f"{block.holiday or '放假调休'}：{span}放假，共{block.length}天"
        if block.make_up_workdays:
            text += "；" + "、".join(_md(d) for d in block.make_up_workdays) + "上班"
        lines.append(text)
    attached = {d for b in schedule.blocks for d in b.make_up_workdays}
    loose = [d for d in schedule.make_up_workdays if d not in attached]
    if loose:
        lines.append("其他调休上班日：" + "、".join(_md(d) for d in loose))
    rest_total = sum(b.length for b in schedule.blocks)
    weekdays = sum(
        1 for b in schedule.blocks for n in range(b.length) if (b.first + timedelta(days=n)).weekday() < 5
    )
    lines.append(
        f"合计：放假{rest_total}天（其中周一至周五{weekdays}天），调休上班{len(schedule.make_up_workdays)}天"
    )
    return lines
