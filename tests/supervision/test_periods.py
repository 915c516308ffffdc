"""Legal period arithmetic (supervision/periods.py): every worked example of rules.md §1, the cases the
issue lists, pauses, extensions, unknown calendar years, and properties that hold for any input.

The examples are also the ones docs/periods.md shows; calendars are built by hand from the 2026 notice
(tests/supervision/calendars.py) or loaded from the seeded table."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lawtrail.common.clock import LEGAL_TZ as CLOCK_TZ
from lawtrail.supervision.calendar import load_calendar
from lawtrail.supervision.periods import (
    LEGAL_TZ,
    Calendar,
    Deadline,
    Extension,
    Pause,
    PeriodUnit,
    UnknownCalendarYear,
    compute_deadline,
    format_moment,
)
from tests.supervision.calendars import CAL_2026, CAL_2026_NO_MAKE_UP, TZ, assert_explained, at, day_end


def deadline(
    start: datetime,
    amount: int,
    unit: PeriodUnit,
    *,
    calendar: Calendar = CAL_2026,
    rollover: bool = True,
    custody: bool = False,
    **kwargs,
) -> Deadline:
    result = compute_deadline(
        start=start,
        amount=amount,
        unit=unit,
        calendar=calendar,
        holiday_rollover=rollover,
        in_custody=custody,
        **kwargs,
    )
    assert_explained(result, start=start, unit=unit)
    return result


def text(result: Deadline) -> str:
    return "\n".join(result.explanation)


# --- rules.md §1 worked examples ------------------------------------------------------------------


def test_filing_plus_30_days_ends_on_2026_02_04_at_24():
    """Given 立案 on 2026-01-05 and a 30-day limit, when computed, then day 1 is 01-06 and the limit
    ends on 2026-02-04 at 24:00 (rules.md §1.1 item 1)."""
    result = deadline(at("2026-01-05 16:40"), 30, PeriodUnit.DAYS)

    assert result.due == day_end("2026-02-04")
    assert format_moment(result.due) == "2026-02-04 24:00"
    assert "第1日" in text(result)
    assert "2026-01-06" in text(result)
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("arrest", "last_day"),
    [("2026-01-15 11:00", "2026-03-15"), ("2026-01-31 23:10", "2026-03-31")],
)
def test_arrest_plus_two_months(arrest, last_day):
    """Given an arrest on 01-15 or 01-31 and a 2-month custody limit, when computed, then it ends on the
    corresponding day (03-15) or, from a month's last day, on the last day of March (刑诉解释 Art. 202)."""
    result = deadline(at(arrest), 2, PeriodUnit.MONTHS, custody=True)

    assert result.due == day_end(last_day)
    assert "刑事诉讼法》的解释第202条" in text(result)


@pytest.mark.parametrize(
    ("hours", "due"), [(8, "2026-03-01 18:20"), (12, "2026-03-01 22:20"), (24, "2026-03-02 10:20")]
)
def test_summons_hours_run_from_the_arrival_moment(hours, due):
    """Given arrival at 2026-03-01 10:20, when an 8/12/24-hour limit is computed, then it runs from that
    exact moment (民法典 Art. 201 ¶2)."""
    result = deadline(at("2026-03-01 10:20"), hours, PeriodUnit.HOURS, custody=True)

    assert result.due == at(due)
    assert format_moment(result.due) == due


def test_seven_working_days_over_national_day_count_the_make_up_saturday():
    """Given a decision on 2026-09-30 and 7 working days, when computed with the recommended predicate,
    then 10-01…10-07 are skipped, 10-10 (调休 Saturday) counts, and the limit is 2026-10-15 24:00."""
    result = deadline(at("2026-09-30 15:00"), 7, PeriodUnit.WORKING_DAYS)

    assert result.due == day_end("2026-10-15")
    assert "2026-10-01（周四）至2026-10-07（周三）（国庆节放假）" in text(result)
    assert "计入的调休上班日：2026-10-10（周六）国庆节调休上班" in text(result)


def test_seven_working_days_over_national_day_without_make_up_saturdays():
    """Given the same decision, when make-up Saturdays are not counted (the open-question setting), then
    the limit is 2026-10-16 24:00 and the explanation says why."""
    result = deadline(at("2026-09-30 15:00"), 7, PeriodUnit.WORKING_DAYS, calendar=CAL_2026_NO_MAKE_UP)

    assert result.due == day_end("2026-10-16")
    assert "调休上班的周末按本平台设置不算工作日" in text(result)


def test_criminal_detention_three_days_over_spring_festival_is_not_extended():
    """Given 刑事拘留 at 2026-02-13 21:00 and 3 days to request arrest, when computed for a person in
    custody, then the limit is 2026-02-16 24:00 although 02-16 is a 春节 holiday (CPL Art. 105 ¶4)."""
    result = deadline(at("2026-02-13 21:00"), 3, PeriodUnit.DAYS, custody=True)

    assert result.due == day_end("2026-02-16")
    assert "为节假日（春节）" in text(result)
    assert "不得因节假日而延长" in text(result)


def test_same_three_days_out_of_custody_roll_over_the_spring_festival():
    """Given the same start and a rule that rolls over, when nobody is in custody, then the last day
    02-16 moves to the first day after the holidays, 02-24."""
    result = deadline(at("2026-02-13 21:00"), 3, PeriodUnit.DAYS)

    assert result.due == day_end("2026-02-24")
    assert "以节假日后的第一日2026-02-24（周二）为期满日期" in text(result)


# --- the list -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "calendar", "due"),
    [
        # 02-12 Thu, 02-13 Fri, 02-14 make-up Sat, (02-15…02-23 春节), 02-24 … 02-27: 7 working days.
        ("2026-02-11 09:00", CAL_2026, "2026-02-27"),
        # The 7th working day is the second make-up Saturday, 02-28.
        ("2026-02-12 09:00", CAL_2026, "2026-02-28"),
        # Without make-up Saturdays: 02-13, 02-24 … 02-27, 03-02, 03-03.
        ("2026-02-12 09:00", CAL_2026_NO_MAKE_UP, "2026-03-03"),
    ],
)
def test_seven_working_days_across_the_spring_festival(start, calendar, due):
    """Given a start just before the 2026 春节 block, when 7 working days are counted, then the 9 rest
    days are skipped and the make-up Saturdays count (or not, per the setting)."""
    result = deadline(at(start), 7, PeriodUnit.WORKING_DAYS, calendar=calendar)

    assert result.due == day_end(due)
    assert "至2026-02-23（周一）（" in text(result)
    assert "春节放假" in text(result)


def test_24_hour_custody_limit_across_a_holiday_is_not_extended():
    """Given questioning that starts at 2026-09-30 20:00, when its 24-hour limit is computed, then it ends
    at 2026-10-01 20:00 on the National Day holiday: hours never roll over, and never in custody."""
    result = deadline(at("2026-09-30 20:00"), 24, PeriodUnit.HOURS, custody=True)

    assert result.due == at("2026-10-01 20:00")
    assert "不得因节假日而延长" in text(result)
    assert "2026-10-01（周四）为节假日，不顺延" in text(result)


def test_hour_limit_out_of_custody_is_not_rolled_over_either():
    """Given a 24-hour limit for a rule that rolls over days, when it ends on a holiday, then it stays:
    hours are counted continuously (the last-day rule speaks of days)."""
    result = deadline(at("2026-09-30 20:00"), 24, PeriodUnit.HOURS)

    assert result.due == at("2026-10-01 20:00")
    assert "按小时计算的期间连续计算" in text(result)


def test_thirty_days_crossing_a_month_end():
    """Given a start on 2026-07-20, when 30 days are counted, then July's 31 days are all counted and the
    limit is 2026-08-19 24:00."""
    result = deadline(at("2026-07-20 08:00"), 30, PeriodUnit.DAYS)

    assert result.due == day_end("2026-08-19")


@pytest.mark.parametrize(
    ("start", "months", "last_day", "case"),
    [
        ("2026-01-31", 1, "2026-02-28", "起算日为当月最后一日"),
        ("2026-01-31", 2, "2026-03-31", "起算日为当月最后一日"),
        ("2026-03-31", 1, "2026-04-30", "起算日为当月最后一日"),
        ("2026-05-31", 3, "2026-08-31", "起算日为当月最后一日"),
        ("2026-12-31", 2, "2027-02-28", "起算日为当月最后一日"),
        ("2026-01-30", 1, "2026-02-28", "没有30日"),
        ("2026-02-28", 1, "2026-03-31", "起算日为当月最后一日"),
        ("2026-07-30", 1, "2026-08-30", "对应日"),
    ],
)
def test_month_limits_from_the_end_of_a_month(start, months, last_day, case):
    """Given a start on the 31st (or another month-end, or a day the target month lacks), when a month
    limit is computed, then it ends on the target month's last day (刑诉解释 Art. 202; 民法典 Art. 202)."""
    result = deadline(at(f"{start} 10:00"), months, PeriodUnit.MONTHS, custody=True)

    assert result.due == day_end(last_day)
    assert case in text(result)


def test_years_end_on_the_corresponding_day_or_the_end_of_february():
    """Given a start on 2028-02-29, when one year is counted, then 2029 has no 29 February and the period
    ends on 2029-02-28 (民法典 Art. 202)."""
    result = deadline(at("2028-02-29 10:00"), 1, PeriodUnit.YEARS, custody=True)

    assert result.due == day_end("2029-02-28")
    assert "以月末" in text(result)


@pytest.mark.parametrize(("rollover", "due"), [(True, "2026-02-24"), (False, "2026-02-19")])
def test_last_day_on_a_holiday_with_and_without_rollover(rollover, due):
    """Given 30 days from 2026-01-20, whose last day 02-19 is in the 春节 block, when the rule rolls
    over, then the limit moves to 02-24; when it does not, it stays on 02-19 and says so."""
    result = deadline(at("2026-01-20 09:00"), 30, PeriodUnit.DAYS, rollover=rollover)

    assert result.due == day_end(due)
    assert "2026-02-19（周四）为节假日" in text(result)


def test_last_day_on_an_ordinary_sunday_rolls_to_monday():
    """Given 30 days from 2026-03-20 ending on Sunday 04-19, when the rule rolls over, then the limit is
    Monday 04-20 (the recommended predicate counts weekends as 节假日; Open questions 4)."""
    result = deadline(at("2026-03-20 09:00"), 30, PeriodUnit.DAYS)

    assert result.due == day_end("2026-04-20")


@pytest.mark.parametrize(("calendar", "due"), [(CAL_2026, "2026-01-04"), (CAL_2026_NO_MAKE_UP, "2026-01-05")])
def test_rollover_from_new_year_lands_on_the_make_up_sunday(calendar, due):
    """Given 12 days from 2025-12-20 ending on 元旦 2026-01-01, when rolled over, then the first day after
    the holidays is the make-up Sunday 01-04 — or Monday 01-05 when make-up days are not working days."""
    result = deadline(at("2025-12-20 09:00"), 12, PeriodUnit.DAYS, calendar=calendar)

    assert result.due == day_end(due)
    assert result.warnings == ()


@pytest.mark.django_db
def test_working_days_straddling_2026_01_01_from_the_seeded_calendar():
    """Given a decision on 2025-12-25 and the seeded 2025 and 2026 calendars, when 7 working days are
    counted, then the weekend 12-27/28 and 元旦 01-01…01-03 are skipped, the make-up Sunday 01-04 counts,
    and the limit is 2026-01-06 24:00 with no warning."""
    result = deadline(at("2025-12-25 10:00"), 7, PeriodUnit.WORKING_DAYS, calendar=load_calendar())

    assert result.due == day_end("2026-01-06")
    assert result.warnings == ()
    assert "2026-01-04（周日）元旦调休上班" in text(result)


@pytest.mark.django_db
def test_days_straddling_2026_01_01_from_the_seeded_calendar():
    """Given a case accepted on 2025-12-20, when 30 days are counted, then the year change is invisible:
    the limit is Monday 2026-01-19 24:00."""
    result = deadline(at("2025-12-20 10:00"), 30, PeriodUnit.DAYS, calendar=load_calendar())

    assert result.due == day_end("2026-01-19")
    assert result.warnings == ()


def test_working_days_in_a_year_the_calendar_does_not_know_are_provisional():
    """Given a calendar that knows only 2026, when 7 working days are counted from 2026-12-28, then 2027
    is not guessed silently: a warning names 2027, weekends alone are skipped, and the due is marked
    provisional (2027-01-06 24:00)."""
    result = deadline(at("2026-12-28 10:00"), 7, PeriodUnit.WORKING_DAYS)

    assert result.due == day_end("2027-01-06")
    assert result.provisional is True
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("2027年的节假日安排尚未录入，工作日无法确定")
    assert "期满（临时）：2027-01-06 24:00" in text(result)


def test_a_period_begun_in_an_unknown_year_warns_for_that_year():
    """Given a calendar that knows only 2026, when working days are counted from 2025-12-25, then the
    2025 days are a provisional guess and the warning names 2025."""
    result = deadline(at("2025-12-25 10:00"), 7, PeriodUnit.WORKING_DAYS)

    assert result.provisional is True
    assert [w[:4] for w in result.warnings] == ["2025"]


def test_rollover_check_in_an_unknown_year_warns():
    """Given a rule that rolls over and a last day 2027-01-01 in an unknown year, when computed, then the
    holiday question cannot be answered: weekends only are assumed, with a warning."""
    result = deadline(at("2026-12-20 10:00"), 12, PeriodUnit.DAYS)

    assert result.due == day_end("2027-01-01")
    assert result.provisional is True
    assert "2027年的节假日安排尚未录入" in result.warnings[0]


@pytest.mark.parametrize(("rollover", "custody"), [(False, False), (True, True)])
def test_limits_that_do_not_need_the_calendar_never_warn(rollover, custody):
    """Given a last day in unknown 2027, when the rule does not roll over or the person is in custody,
    then the calendar is not needed and there is no warning."""
    result = deadline(at("2026-12-20 10:00"), 12, PeriodUnit.DAYS, rollover=rollover, custody=custody)

    assert result.due == day_end("2027-01-01")
    assert result.warnings == ()
    assert result.provisional is False


# --- pauses ---------------------------------------------------------------------------------------


def test_hour_limit_pause_adds_the_exact_duration():
    """Given 24 hours of questioning from 2026-03-01 10:20 and a 醉酒约束 from 10:20 to 14:50, when
    computed, then the 4 h 30 min under restraint do not count (行政案件程序规定 Art. 58 ¶2)."""
    pause = Pause(at("2026-03-01 10:20"), at("2026-03-01 14:50"), "醉酒约束")
    result = deadline(at("2026-03-01 10:20"), 24, PeriodUnit.HOURS, custody=True, pauses=[pause])

    assert result.due == at("2026-03-02 14:50")
    assert "共4小时30分钟" in text(result)


def test_day_limit_pause_adds_the_days_of_the_pause():
    """Given a 30-day 治安 limit from 2026-03-01 and a 鉴定 from 03-05 10:00 to 03-12 15:00, when
    computed, then the pause counts like a period (start day not counted, end day counted): 7 days move
    the last day from 03-31 to 04-07 (治安管理处罚法 v2026 Art. 118 ¶2)."""
    pause = Pause(at("2026-03-05 10:00"), at("2026-03-12 15:00"), "鉴定")
    result = deadline(at("2026-03-01 09:00"), 30, PeriodUnit.DAYS, pauses=[pause])

    assert result.due == day_end("2026-04-07")
    assert "按日计为7日" in text(result)
    assert "第118条第2款" in text(result)


def test_pause_within_one_day_does_not_move_a_day_limit():
    """Given a 听证 held 2026-03-10 09:00–16:00, when a 30-day limit is computed, then a pause that begins
    and ends on the same day adds no day."""
    pause = Pause(at("2026-03-10 09:00"), at("2026-03-10 16:00"), "听证")
    result = deadline(at("2026-03-01 09:00"), 30, PeriodUnit.DAYS, pauses=[pause])

    assert result.due == day_end("2026-03-31")
    assert "按日计为0日" in text(result)


def test_overlapping_pauses_are_counted_once():
    """Given a 鉴定 03-05…03-12 and a 听证 03-10…03-15, when computed, then the clock is stopped from 03-05
    to 03-15 once: 10 days."""
    pauses = [
        Pause(at("2026-03-10 09:00"), at("2026-03-15 09:00"), "听证"),
        Pause(at("2026-03-05 10:00"), at("2026-03-12 15:00"), "鉴定"),
    ]
    result = deadline(at("2026-03-01 09:00"), 30, PeriodUnit.DAYS, pauses=pauses)

    assert result.due == day_end("2026-04-10")
    assert "鉴定、听证" in text(result)


def test_pause_after_expiry_changes_nothing():
    """Given a pause that begins after the limit has already expired, when computed, then the due stays."""
    pause = Pause(at("2026-04-02 09:00"), at("2026-04-09 09:00"), "鉴定")
    result = deadline(at("2026-03-01 09:00"), 30, PeriodUnit.DAYS, pauses=[pause])

    assert result.due == day_end("2026-03-31")
    assert "不影响期限" in text(result)


def test_open_pause_stops_the_clock():
    """Given a 鉴定 begun on 2026-03-05 and not yet finished, when computed, then there is no due — the
    clock is stopped — and the explanation says how much was left."""
    pause = Pause(at("2026-03-05 10:00"), None, "鉴定")
    result = deadline(at("2026-03-01 09:00"), 30, PeriodUnit.DAYS, pauses=[pause])

    assert result.due is None
    assert "计时暂停中" in text(result)
    assert "暂停时剩余26日" in text(result)


def test_open_pause_on_a_working_day_limit_counts_what_is_left_in_working_days():
    """Given 7 working days from 2026-09-30 (→ 10-15) and a 听证 begun on 10-09, when computed, then the
    clock is stopped with 5 working days left: 10-10 (make-up Saturday), 10-12, 10-13, 10-14, 10-15."""
    pause = Pause(at("2026-10-09 10:00"), None, "听证")
    result = deadline(at("2026-09-30 15:00"), 7, PeriodUnit.WORKING_DAYS, pauses=[pause])

    assert result.due is None
    assert "暂停时剩余5个工作日" in text(result)


def test_as_of_sees_a_pause_that_ended_later_as_still_open():
    """Given a 鉴定 from 03-05 to 03-12, when the deadline is computed as of 03-08, then the pause was
    still open at that moment; as of 03-20 it is closed and counted."""
    pause = Pause(at("2026-03-05 10:00"), at("2026-03-12 15:00"), "鉴定")
    during = deadline(
        at("2026-03-01 09:00"), 30, PeriodUnit.DAYS, pauses=[pause], as_of=at("2026-03-08 00:00")
    )
    after = deadline(
        at("2026-03-01 09:00"), 30, PeriodUnit.DAYS, pauses=[pause], as_of=at("2026-03-20 00:00")
    )

    assert during.due is None
    assert after.due == day_end("2026-04-07")


def test_working_day_pause_adds_the_working_days_it_covered():
    """Given 7 working days from Monday 2026-09-21 (→ 10-08, over 中秋 and 国庆) and a pause from 09-23 to
    09-29, when computed, then the pause covered 3 working days (09-24, 09-28, 09-29; 09-25 is 中秋) and
    3 working days are added after 10-08: 10-09, the make-up Saturday 10-10, 10-12."""
    pause = Pause(at("2026-09-23 10:00"), at("2026-09-29 10:00"), "听证")
    plain = deadline(at("2026-09-21 10:00"), 7, PeriodUnit.WORKING_DAYS)
    paused = deadline(at("2026-09-21 10:00"), 7, PeriodUnit.WORKING_DAYS, pauses=[pause])

    assert plain.due == day_end("2026-10-08")
    assert paused.due == day_end("2026-10-12")
    assert "期间含3个工作日" in text(paused)


# --- extensions -----------------------------------------------------------------------------------


def test_thirty_days_plus_thirty_days():
    """Given a 30-day limit from 2026-01-05 extended by 30 days on 02-02, when computed, then the
    extension counts from 02-04 24:00 and the limit is 2026-03-06 24:00."""
    extension = Extension(30, PeriodUnit.DAYS, at("2026-02-02 10:00"), "案情重大复杂")
    result = deadline(at("2026-01-05 16:40"), 30, PeriodUnit.DAYS, extensions=[extension])

    assert result.due == day_end("2026-03-06")
    assert "延长：2026-02-02 10:00批准延长30日（案情重大复杂）" in text(result)
    assert result.warnings == ()


def test_two_extensions_and_a_rollover_on_the_final_last_day():
    """Given 30 + 30 + 30 days from 2026-01-05 (治安 v2026 Art. 118, two extensions), when computed, then
    the final last day 04-05 is in the 清明 block and rolls to 04-07 — only the final last day rolls."""
    extensions = [
        Extension(30, PeriodUnit.DAYS, at("2026-03-01 10:00"), "第二次延长"),
        Extension(30, PeriodUnit.DAYS, at("2026-02-01 10:00"), "第一次延长"),
    ]
    result = deadline(at("2026-01-05 16:40"), 30, PeriodUnit.DAYS, extensions=extensions)

    assert result.due == day_end("2026-04-07")
    assert text(result).index("第一次延长") < text(result).index("第二次延长")


def test_month_extension_follows_the_month_end_rule():
    """Given arrest on 2026-01-31 (2 months → 03-31) and a 1-month extension, when computed, then the
    extension from the month-end 03-31 ends at the month-end 04-30."""
    extension = Extension(1, PeriodUnit.MONTHS, at("2026-03-20 10:00"), "案情复杂、期限届满不能终结")
    result = deadline(at("2026-01-31 10:00"), 2, PeriodUnit.MONTHS, custody=True, extensions=[extension])

    assert result.due == day_end("2026-04-30")


def test_detention_extension_in_custody_is_never_rolled_over():
    """Given 刑事拘留 at 2026-02-10 20:00 (3 days → 02-13) extended by 4 days, when computed in custody,
    then the limit is 02-17 24:00 in the middle of 春节, not extended."""
    extension = Extension(4, PeriodUnit.DAYS, at("2026-02-12 09:00"), "特殊情况")
    result = deadline(at("2026-02-10 20:00"), 3, PeriodUnit.DAYS, custody=True, extensions=[extension])

    assert result.due == day_end("2026-02-17")
    assert "不得因节假日而延长" in text(result)


def test_extension_approved_after_expiry_is_counted_with_a_warning():
    """Given an extension approved after the limit had expired, when computed, then it is counted and a
    warning says it came late."""
    extension = Extension(30, PeriodUnit.DAYS, at("2026-02-06 10:00"), "补批")
    result = deadline(at("2026-01-05 16:40"), 30, PeriodUnit.DAYS, extensions=[extension])

    assert result.due == day_end("2026-03-06")
    assert result.warnings == ("延长（补批）于2026-02-06 10:00批准，晚于原期满2026-02-04 24:00",)
    assert result.provisional is False


def test_extension_after_as_of_is_left_out():
    """Given an extension approved on 02-02, when the deadline is computed as of 02-01, then it is not
    counted yet."""
    extension = Extension(30, PeriodUnit.DAYS, at("2026-02-02 10:00"), "案情重大复杂")
    result = deadline(
        at("2026-01-05 16:40"), 30, PeriodUnit.DAYS, extensions=[extension], as_of=at("2026-02-01 00:00")
    )

    assert result.due == day_end("2026-02-04")
    assert "未计入" in text(result)


# --- the calendar object, formatting, purity -----------------------------------------------------


def test_calendar_predicates():
    """Given the 2026 calendar, then a holiday weekday is a rest day, a make-up Saturday a working day
    (or not, per the setting), an ordinary Saturday a rest day, and 2027 raises UnknownCalendarYear."""
    assert CAL_2026.is_rest_day(date(2026, 10, 5))
    assert CAL_2026.is_workday(date(2026, 10, 10))
    assert CAL_2026_NO_MAKE_UP.is_rest_day(date(2026, 10, 10))
    assert CAL_2026.is_rest_day(date(2026, 10, 17))
    assert CAL_2026.is_workday(date(2026, 10, 16))
    with pytest.raises(UnknownCalendarYear) as raised:
        CAL_2026.is_workday(date(2027, 1, 4))
    assert raised.value.year == 2027
    with pytest.raises(UnknownCalendarYear):
        CAL_2026.is_rest_day(date(2025, 12, 31))


def test_calendar_refuses_a_day_that_is_both_rest_and_make_up():
    """Given a day listed as both a rest day and a make-up day, then the calendar cannot be built."""
    with pytest.raises(ValueError, match="既放假又调休上班"):
        Calendar(frozenset({date(2026, 1, 4)}), frozenset({date(2026, 1, 4)}), frozenset({2026}))


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(2026, 2, 5, 0, 0, tzinfo=TZ), "2026-02-04 24:00"),
        (datetime(2026, 3, 1, 18, 20, tzinfo=TZ), "2026-03-01 18:20"),
        (datetime(2026, 3, 1, 10, 20, tzinfo=LEGAL_TZ).astimezone(CLOCK_TZ), "2026-03-01 10:20"),
        (datetime.fromisoformat("2026-03-01T02:20:00+00:00"), "2026-03-01 10:20"),
        (datetime.fromisoformat("2026-02-04T16:00:00+00:00"), "2026-02-04 24:00"),
        (datetime(2026, 3, 1, 18, 20, 5, tzinfo=TZ), "2026-03-01 18:20:05"),
    ],
)
def test_format_moment(moment, shown):
    """Given a moment in any zone, then it is shown in Asia/Shanghai, midnight as 24:00 of the day before."""
    assert format_moment(moment) == shown


def test_naive_datetimes_are_refused():
    """Given a naive start, then the computation refuses it (the legal zone must be explicit)."""
    with pytest.raises(ValueError, match="aware"):
        compute_deadline(
            start=datetime(2026, 3, 1, 10, 20),
            amount=8,
            unit=PeriodUnit.HOURS,
            calendar=CAL_2026,
            holiday_rollover=False,
        )


def test_start_in_utc_counts_days_in_shanghai():
    """Given a start at 2026-01-04 17:00 UTC (01-05 01:00 in Beijing), when 30 days are counted, then the
    start day is 01-05, the Asia/Shanghai date."""
    result = deadline(datetime.fromisoformat("2026-01-04T17:00:00+00:00"), 30, PeriodUnit.DAYS)

    assert result.due == day_end("2026-02-04")


def test_periods_module_imports_no_django():
    """Given a fresh interpreter, when periods.py is imported, then Django is not loaded (pure code)."""
    code = "import sys, lawtrail.supervision.periods; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_legal_zone_is_the_clock_zone():
    """The period module's legal zone is the one common.clock uses."""
    assert LEGAL_TZ == CLOCK_TZ


# --- properties -----------------------------------------------------------------------------------

starts = st.builds(
    lambda d, t: datetime.combine(d, t, tzinfo=TZ),
    st.dates(date(2026, 1, 1), date(2026, 10, 31)),
    st.times(),
)
amounts = st.integers(min_value=0, max_value=40)
calendars = st.sampled_from([CAL_2026, CAL_2026_NO_MAKE_UP])


def due(start: datetime, amount: int, unit: PeriodUnit, calendar: Calendar, *, rollover: bool, custody=False):
    return compute_deadline(
        start=start,
        amount=amount,
        unit=unit,
        calendar=calendar,
        holiday_rollover=rollover,
        in_custody=custody,
    ).due


@given(
    start=starts,
    amount=amounts,
    unit=st.sampled_from(list(PeriodUnit)),
    calendar=calendars,
    rollover=st.booleans(),
)
def test_due_is_monotone_in_amount(start, amount, unit, calendar, rollover):
    """For any start, unit and calendar, a longer limit never ends earlier."""
    assert due(start, amount, unit, calendar, rollover=rollover) <= due(
        start, amount + 1, unit, calendar, rollover=rollover
    )


@given(start=starts, amount=amounts, calendar=calendars, rollover=st.booleans())
def test_working_days_never_end_before_calendar_days(start, amount, calendar, rollover):
    """For any start, n working days never end before n calendar days (rolled over or not)."""
    assert due(start, amount, PeriodUnit.WORKING_DAYS, calendar, rollover=rollover) >= due(
        start, amount, PeriodUnit.DAYS, calendar, rollover=rollover
    )


@given(start=starts, amount=amounts, calendar=calendars)
def test_rollover_changes_nothing_when_the_last_day_is_a_working_day(start, amount, calendar):
    """For any start whose last day is not a holiday or weekend, rolling over changes nothing."""
    assume(calendar.is_workday(start.date() + timedelta(days=amount)))
    assert due(start, amount, PeriodUnit.DAYS, calendar, rollover=True) == due(
        start, amount, PeriodUnit.DAYS, calendar, rollover=False
    )


@given(start=starts, amount=amounts, calendar=calendars)
def test_rollover_lands_on_the_first_working_day_after_the_last_day(start, amount, calendar):
    """For any start, the rolled-over last day is a working day and every day skipped to reach it is not."""
    last_day = start.date() + timedelta(days=amount)
    rolled = (due(start, amount, PeriodUnit.DAYS, calendar, rollover=True) - timedelta(days=1)).date()
    skipped = [last_day + timedelta(days=n) for n in range((rolled - last_day).days)]

    assert calendar.is_workday(rolled)
    assert not any(calendar.is_workday(d) for d in skipped)


@given(start=starts, amount=amounts, unit=st.sampled_from(list(PeriodUnit)), calendar=calendars)
def test_custody_is_never_rolled_over(start, amount, unit, calendar):
    """For any limit, in custody the due is the one without rollover."""
    assert due(start, amount, unit, calendar, rollover=True, custody=True) == due(
        start, amount, unit, calendar, rollover=False
    )


@given(start=starts, amount=amounts, unit=st.sampled_from([PeriodUnit.DAYS, PeriodUnit.WORKING_DAYS]))
def test_day_limits_end_at_midnight_in_shanghai(start, amount, unit):
    """For any day-based limit, the due is 24:00 of a day in Asia/Shanghai."""
    result = due(start, amount, unit, CAL_2026, rollover=True)
    assert result.astimezone(TZ).time() == time(0)
