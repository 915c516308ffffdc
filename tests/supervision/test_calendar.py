"""The legal calendar table (supervision/models.py, calendar.py, `lawtrail calendar`): the seeded
chinese_calendar data checked against rules.md §1.2, loading and caching, adding a year from a State
Council notice, and the management command."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lawtrail.common.errors import ValidationFailed
from lawtrail.supervision.calendar import (
    calendar_add_year,
    calendar_cache_clear,
    calendar_year_schedule,
    load_calendar,
)
from lawtrail.supervision.management.commands.calendar import parse_year_file
from lawtrail.supervision.models import CalendarDay, CalendarYear
from lawtrail.supervision.periods import PeriodUnit, compute_deadline
from tests.supervision.calendars import NOTICE_2026, assert_explained, at, day_end, span

pytestmark = pytest.mark.django_db

DOCS_EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "calendar-year.example.json"

# A HYPOTHETICAL 2027 schedule for the tests — not the real notice, which did not exist when this was
# written. It keeps the days the 放假办法 Art. 2 fixes (1-1, 5-1, 5-2, 10-1…10-3).
HYPOTHETICAL_2027 = {
    "元旦": (span("2027-01-01", "2027-01-03"), []),
    "春节": (span("2027-02-05", "2027-02-13"), [date(2027, 1, 31), date(2027, 2, 20)]),
    "清明": (span("2027-04-03", "2027-04-05"), []),
    "劳动节": (span("2027-05-01", "2027-05-05"), [date(2027, 4, 25), date(2027, 5, 8)]),
    "端午": (span("2027-06-09", "2027-06-09"), []),
    "中秋": (span("2027-09-15", "2027-09-15"), []),
    "国庆节": (span("2027-10-01", "2027-10-07"), [date(2027, 9, 26), date(2027, 10, 9)]),
}


def year_arguments(schedule=HYPOTHETICAL_2027, year=2027) -> dict:
    return {
        "year": year,
        "rest_days": {d for rest, _ in schedule.values() for d in rest},
        "make_up_workdays": {d for _, work in schedule.values() for d in work},
        "holidays": {d: name for name, (rest, work) in schedule.items() for d in [*rest, *work]},
        "source": "国务院办公厅关于2027年部分节假日安排的通知（测试用假设数据）",
        "actor_name": "法制大队 张三",
    }


def year_file(tmp_path: Path, schedule=HYPOTHETICAL_2027, year=2027) -> Path:
    data = {
        "year": year,
        "source": f"国务院办公厅关于{year}年部分节假日安排的通知（测试用假设数据）",
        "holidays": [
            {
                "name": name,
                "rest_from": rest[0].isoformat(),
                "rest_to": rest[-1].isoformat(),
                "make_up_workdays": [d.isoformat() for d in work],
            }
            for name, (rest, work) in schedule.items()
        ],
    }
    path = tmp_path / f"{year}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# --- the seeded data ------------------------------------------------------------------------------


def test_seeded_2026_matches_the_notice_in_rules_md():
    """Given the migration's chinese_calendar data, then every 2026 rest block and make-up working day of
    rules.md §1.2 is there, and nothing else."""
    schedule = calendar_year_schedule(2026)
    assert schedule is not None

    blocks = {
        b.holiday: (span(b.first.isoformat(), b.last.isoformat()), list(b.make_up_workdays))
        for b in schedule.blocks
    }
    assert blocks == NOTICE_2026
    calendar = load_calendar([2026])
    assert calendar.rest_days == {d for rest, _ in NOTICE_2026.values() for d in rest}
    assert calendar.make_up_workdays == {d for _, work in NOTICE_2026.values() for d in work}


def test_seeded_years_are_2004_to_2026_and_2027_is_unknown():
    """Given the seeded table, then 2004–2026 are known, from chinese_calendar 1.11.0, and 2027 is not."""
    calendar = load_calendar()

    assert calendar.known_years == frozenset(range(2004, 2027))
    assert set(CalendarYear.objects.values_list("source", flat=True)) == {"chinese_calendar 1.11.0"}


def test_seed_stores_only_days_that_differ_from_monday_to_friday():
    """Given the seeded table, then each row is a named rest day or a make-up weekend day, and a year has
    a few dozen rows at most."""
    rows = list(CalendarDay.objects.all())

    assert all(r.is_rest_day != r.is_workday for r in rows)
    assert all(r.holiday for r in rows)
    assert all(r.date.weekday() >= 5 for r in rows if r.is_workday)
    assert max(CalendarYear.objects.get(year=y).days.count() for y in range(2004, 2027)) <= 45


def test_docs_example_file_is_the_seeded_2026():
    """Given docs/calendar-year.example.json (the 2026 notice in the add-year format), when parsed, then
    it gives exactly the seeded 2026 days and names — so the documented format is right."""
    parsed = parse_year_file(DOCS_EXAMPLE.read_text(encoding="utf-8"), year=2026)
    rows = CalendarDay.objects.filter(date__year=2026)

    assert parsed["rest_days"] == {r.date for r in rows if r.is_rest_day}
    assert parsed["make_up_workdays"] == {r.date for r in rows if r.is_workday}
    assert parsed["holidays"] == {r.date: r.holiday for r in rows}


# --- loading ------------------------------------------------------------------------------------------


def test_load_calendar_is_one_query_then_cached(django_assert_num_queries):
    """Given an empty cache, when the calendar is loaded twice, then one query is made; after
    calendar_cache_clear the next load queries again."""
    with django_assert_num_queries(1):
        first = load_calendar()
    with django_assert_num_queries(0):
        second = load_calendar()
    calendar_cache_clear()
    with django_assert_num_queries(1):
        load_calendar()

    assert first is second
    assert first.name_of(date(2026, 2, 17)) == "春节"


def test_load_calendar_for_some_years():
    """Given years=[2025, 2026], then only those years are known."""
    calendar = load_calendar([2026, 2025])

    assert calendar.known_years == {2025, 2026}
    assert all(d.year in {2025, 2026} for d in calendar.rest_days | calendar.make_up_workdays)


@pytest.mark.parametrize("count", [True, False])
def test_make_up_saturday_setting(settings, count):
    """Given SUPERVISION_COUNT_MAKE_UP_SATURDAYS, then the loaded calendar follows it: 2026-10-10 (a
    make-up Saturday) is a working day or not."""
    settings.SUPERVISION_COUNT_MAKE_UP_SATURDAYS = count
    calendar = load_calendar()

    assert calendar.count_make_up_saturdays is count
    assert calendar.is_workday(date(2026, 10, 10)) is count


# --- adding a year ------------------------------------------------------------------------------------


def test_unknown_year_is_provisional_until_the_year_is_added(django_capture_on_commit_callbacks):
    """Given 7 working days from 2026-12-28, when 2027 is unknown, then the due (2027-01-06) is
    provisional with a warning; when an administrator adds 2027 (元旦 01-01…01-03), then the cache is
    dropped on commit and the due is exact: 2027-01-07 24:00."""
    start = at("2026-12-28 10:00")

    def compute():
        result = compute_deadline(
            start=start,
            amount=7,
            unit=PeriodUnit.WORKING_DAYS,
            calendar=load_calendar(),
            holiday_rollover=True,
        )
        assert_explained(result, start=start, unit=PeriodUnit.WORKING_DAYS)
        return result

    before = compute()
    with django_capture_on_commit_callbacks(execute=True):
        added = calendar_add_year(**year_arguments())
    after = compute()

    assert (before.due, before.provisional) == (day_end("2027-01-06"), True)
    assert before.warnings[0].startswith("2027年的节假日安排尚未录入")
    assert (after.due, after.provisional, after.warnings) == (day_end("2027-01-07"), False, ())
    assert (added.year, added.added_by, added.complete) == (2027, "法制大队 张三", True)
    assert added.days.count() == 29 + 6


def test_added_days_keep_source_and_actor():
    """Given an added year, then every day row names the notice and the person who entered it."""
    calendar_add_year(**year_arguments())
    day = CalendarDay.objects.get(date=date(2027, 2, 20))

    assert (day.is_workday, day.is_rest_day, day.holiday) == (True, False, "春节")
    assert day.source.startswith("国务院办公厅关于2027年部分节假日安排的通知")
    assert day.added_by == "法制大队 张三"


def _with(**changes):
    arguments = year_arguments()
    arguments.update(changes)
    return arguments


REFUSALS = {
    "calendar_year_exists": _with(
        year=2026, **{k: v for k, v in year_arguments(NOTICE_2026, 2026).items() if k != "year"}
    ),
    "calendar_date_outside_year": _with(rest_days=year_arguments()["rest_days"] | {date(2028, 1, 3)}),
    "calendar_rest_and_make_up_overlap": _with(make_up_workdays={date(2027, 1, 2), date(2027, 1, 31)}),
    "calendar_make_up_not_weekend": _with(make_up_workdays={date(2027, 2, 19)}),
    "calendar_holiday_not_rest_day": _with(holidays={date(2027, 3, 8): "妇女节"}),
    "calendar_statutory_day_missing": _with(
        rest_days=year_arguments()["rest_days"] - {date(2027, 5, 2)},
        holidays={d: n for d, n in year_arguments()["holidays"].items() if d != date(2027, 5, 2)},
    ),
    "calendar_source_required": _with(source="  "),
    "calendar_actor_required": _with(actor_name=""),
}


@pytest.mark.parametrize("code", sorted(REFUSALS))
def test_calendar_add_year_refusals(code):
    """Given a wrong year file (already entered, a date of another year, a day both off and on, a weekday
    make-up day, a named ordinary day, a statutory day missing, no source or actor), when added, then it
    is refused with a stable code and nothing is written."""
    years_before = CalendarYear.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        calendar_add_year(**REFUSALS[code])

    assert refused.value.code == code
    assert CalendarYear.objects.count() == years_before


# --- the command ------------------------------------------------------------------------------------


def test_command_show_prints_the_2026_schedule():
    """Given the seeded 2026, when `lawtrail calendar show 2026` runs, then each holiday is one Chinese
    line with its rest block and make-up days."""
    out = StringIO()
    call_command("calendar", "show", "2026", stdout=out)
    lines = out.getvalue().splitlines()

    assert lines[0].startswith("2026年节假日安排（来源：chinese_calendar 1.11.0")
    assert "春节：2月15日（周日）至2月23日（周一）放假，共9天；2月14日（周六）、2月28日（周六）上班" in lines
    assert (
        "国庆节：10月1日（周四）至10月7日（周三）放假，共7天；9月20日（周日）、10月10日（周六）上班" in lines
    )
    assert lines[-1] == "合计：放假33天（其中周一至周五19天），调休上班6天"


def test_command_show_unknown_year_says_so():
    """Given 2027 not entered, when shown, then the command fails with a visible message."""
    with pytest.raises(CommandError, match="2027年的节假日安排尚未录入"):
        call_command("calendar", "show", "2027", stdout=StringIO())


def test_command_add_year_from_a_file(tmp_path):
    """Given a 2027 file in the documented format, when `calendar add-year 2027 --file` runs, then the
    year is entered with the actor named and shown back."""
    out = StringIO()
    call_command(
        "calendar", "add-year", "2027", "--file", str(year_file(tmp_path)), "--actor", "李四", stdout=out
    )

    assert "已录入2027年的节假日安排" in out.getvalue()
    assert (
        "春节：2月5日（周五）至2月14日（周日）放假，共10天；1月31日（周日）、2月20日（周六）上班"
        in out.getvalue()
    )
    assert CalendarYear.objects.get(year=2027).added_by == "李四"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "不是有效的 JSON"),
        ('{"year": 2028, "holidays": []}', "文件写的是2028年"),
        ('{"holidays": []}', "缺少 holidays"),
        ('{"holidays": [{"name": "元旦", "rest_from": "2027-13-01"}]}', "不是日期"),
        ('{"holidays": [{"name": "元旦", "rest_from": "2027-01-01", "days": 3}]}', "未知的字段"),
        (
            '{"source": "x", "holidays": [{"name": "元旦", "rest_from": "2027-01-01"}]}',
            "calendar_statutory_day_missing",
        ),
    ],
)
def test_command_add_year_refuses_bad_files(tmp_path, content, message):
    """Given a malformed or invalid file, when added, then the command names the problem and writes
    nothing."""
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("calendar", "add-year", "2027", "--file", str(path), stdout=StringIO())

    assert not CalendarYear.objects.filter(year=2027).exists()


def test_schedule_blocks_include_the_weekend_they_join():
    """Given 2015, where chinese_calendar lists 端午 as 06-20 and 06-22 only, when shown, then the block is
    06-20…06-22 — the notice's «与周末连休»."""
    schedule = calendar_year_schedule(2015)
    assert schedule is not None
    dragon_boat = next(b for b in schedule.blocks if b.holiday == "端午")

    assert (dragon_boat.first, dragon_boat.last) == (date(2015, 6, 20), date(2015, 6, 22))
    assert dragon_boat.length == (dragon_boat.last - dragon_boat.first + timedelta(days=1)).days
