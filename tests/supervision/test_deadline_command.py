"""`lawtrail deadline`: one rule on a hand-made timeline, with the seeded calendar, in Chinese or JSON."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError


def deadline(*args: str) -> str:
    out = io.StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


def test_prints_due_state_and_explanation(db):
    """Given a 治安 case filed on 2026-01-05, when asked on 01-20, then the command prints the due time
    2026-02-04 24:00, the state and the steps, with the article cited."""
    text = deadline("ps.case_time_limit.v2026", "--start", "2026-01-05 09:00", "--as-of", "2026-01-20 09:00")
    assert "状态：计时中" in text
    assert "期满：2026-02-04 24:00" in text
    assert "《治安管理处罚法》（2025年修订，2026-01-01施行）第118条" in text
    assert "仅周六、周日" not in text  # the seeded calendar was read


def test_a_family_id_uses_the_version_in_force_on_the_start_date(db):
    """Given the family id and a start in 2025, then the v2012 version is computed, and the output says so."""
    text = deadline("ps.case_time_limit", "--start", "2025-06-02 10:00", "--as-of", "2025-06-10 10:00")
    assert "规则：ps.case_time_limit.v2012" in text
    assert "期满：2025-07-02 24:00" in text


def test_events_and_json_output(db):
    """Given the start and a satisfying event, when --json is asked, then the JSON says met with its due."""
    data = json.loads(
        deadline(
            "cr.arrest_request_3d",
            "--start",
            "2026-02-13 21:00",
            "--event",
            "measure.arrest_requested@2026-02-16 10:00",
            "--as-of",
            "2026-02-17 10:00",
            "--json",
        )
    )
    assert (data["rule_id"], data["state"], data["due_text"]) == (
        "cr.arrest_request_3d",
        "met",
        "2026-02-16 24:00",
    )


def test_custody_flag_stops_the_holiday_rollover(db):
    """Given a 3-day period from the Friday before the Spring Festival, then --custody ends it on 02-16,
    while the counting rule without it rolls over to 02-24."""
    free = deadline(
        "cal.crim_holiday_rollover_except_custody",
        "--start",
        "2026-02-13 21:00",
        "--as-of",
        "2026-02-14 10:00",
    )
    held = deadline(
        "cal.crim_holiday_rollover_except_custody",
        "--start",
        "2026-02-13 21:00",
        "--as-of",
        "2026-02-14 10:00",
        "--custody",
    )
    assert "期满：2026-02-24 24:00" in free
    assert "期满：2026-02-16 24:00" in held


def test_a_setting_can_be_tried(db):
    """Given --setting count_make_up_saturdays=false, then the 7-working-day example ends on 10-16."""
    text = deadline(
        "cal.admin_penalty_working_days",
        "--start",
        "2026-09-30 16:00",
        "--as-of",
        "2026-10-09 10:00",
        "--setting",
        "count_make_up_saturdays=false",
    )
    assert "期满：2026-10-16 24:00" in text


def test_events_the_rule_requires_are_assumed_and_said(db):
    """Given a rule that applies only after an earlier extension (the provincial custody extension), then
    the hand-made timeline assumes that extension at the start and the output says so."""
    text = deadline(
        "cr.custody_ext_2m_provincial", "--start", "2026-01-15 16:00", "--as-of", "2026-04-10 10:00"
    )
    assert '注意：假定时间线上有「measure.extended」事件（{"basis": "complex"}）' in text
    assert "期满：2026-04-15 24:00" in text


def test_without_the_calendar_table_only_weekends_rest_and_it_says_so(db, monkeypatch):
    """Given a database without the calendar, then the command still answers, counting only weekends as rest
    days, and warns."""

    def unavailable(*args, **kwargs):
        raise OperationalError("no such table: supervision_calendaryear")

    monkeypatch.setattr("lawtrail.supervision.calendar.load_calendar", unavailable)
    text = deadline("ps.case_time_limit.v2026", "--start", "2026-01-05 09:00", "--as-of", "2026-01-20 09:00")
    assert "注意：未能读取数据库中的节假日安排，按仅周六、周日休息计算" in text
    assert "期满：2026-02-04 24:00" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["ps.case_time_limt", "--start", "2026-01-05 09:00"],
            "规则ps.case_time_limt不存在；相近的规则：ps.case_time_limit",
        ),
        (["ps.case_time_limit", "--start", "yesterday"], "--start：“yesterday”不是时间"),
        (
            ["ps.case_time_limit", "--start", "2026-01-05 09:00", "--event", "case.decide@2026-01-10 10:00"],
            "事件case.decide不存在",
        ),
        (["ps.case_time_limit", "--start", "2026-01-05 09:00", "--event", "case.decided"], "应为 NAME@TIME"),
        (
            ["ps.case_time_limit", "--start", "2026-01-05 09:00", "--setting", "nothing=1"],
            "--setting “nothing=1”",
        ),
    ],
)
def test_bad_input_is_refused_with_the_reason(db, args, message):
    """Given a misspelt rule, a bad time, an unknown event, an event without a time or an unknown setting,
    then the command stops with a message that says what is wrong."""
    with pytest.raises(CommandError) as error:
        deadline(*args)
    assert message in str(error.value)
