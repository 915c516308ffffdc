"""Invariants of the legal period arithmetic (supervision/periods.py) over generated starts, amounts,
pauses and extensions — beyond the worked examples of tests/supervision/test_periods.py."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from lawtrail.supervision.periods import Extension, Pause, PeriodUnit, compute_deadline
from tests.supervision.calendars import CAL_2026, CAL_2026_NO_MAKE_UP, TZ

starts = st.builds(
    lambda d, t: datetime.combine(d, t, tzinfo=TZ), st.dates(date(2026, 1, 1), date(2026, 9, 30)), st.times()
)
amounts = st.integers(min_value=1, max_value=40)
units = st.sampled_from([PeriodUnit.HOURS, PeriodUnit.DAYS, PeriodUnit.WORKING_DAYS])
calendars = st.sampled_from([CAL_2026, CAL_2026_NO_MAKE_UP])
offsets = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20))
lengths = st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(days=10))
EXAMPLES = settings(max_examples=60, deadline=None, derandomize=True)


def deadline(start, amount, unit, calendar, *, rollover=False, custody=False, pauses=(), extensions=()):
    return compute_deadline(
        start=start,
        amount=amount,
        unit=unit,
        calendar=calendar,
        holiday_rollover=rollover,
        in_custody=custody,
        pauses=pauses,
        extensions=extensions,
    )


@EXAMPLES
@given(start=starts, amount=amounts, unit=units, calendar=calendars, rollover=st.booleans())
def test_a_limit_ends_after_it_starts_and_is_explained(start, amount, unit, calendar, rollover):
    """For any start and a positive limit, the due moment is after the start, aware, and explained."""
    result = deadline(start, amount, unit, calendar, rollover=rollover)
    assert result.due > start
    assert result.due.tzinfo is not None
    assert result.explanation
    assert not any("None" in line for line in result.explanation)


@EXAMPLES
@given(start=starts, amount=amounts, unit=units, calendar=calendars, offset=offsets, length=lengths)
def test_a_pause_never_brings_the_deadline_forward(start, amount, unit, calendar, offset, length):
    """For any closed pause after the start, the deadline is never earlier than without it."""
    pause = Pause(start + offset, start + offset + length, "鉴定")
    plain = deadline(start, amount, unit, calendar).due
    assert deadline(start, amount, unit, calendar, pauses=[pause]).due >= plain


@EXAMPLES
@given(start=starts, hours=st.integers(2, 48), data=st.data())
def test_an_hour_limit_moves_by_exactly_the_paused_time(start, hours, data):
    """For an hour limit and a pause that begins and ends before the limit would run out, the deadline
    moves by exactly the pause's duration (民法典 Art. 201 ¶2: hours run continuously)."""
    limit = timedelta(hours=hours)
    begin = data.draw(st.timedeltas(min_value=timedelta(0), max_value=limit - timedelta(minutes=2)))
    length = data.draw(
        st.timedeltas(min_value=timedelta(minutes=1), max_value=limit - begin - timedelta(minutes=1))
    )
    pause = Pause(start + begin, start + begin + length, "醉酒约束")
    plain = deadline(start, hours, PeriodUnit.HOURS, CAL_2026, custody=True).due
    assert (
        deadline(start, hours, PeriodUnit.HOURS, CAL_2026, custody=True, pauses=[pause]).due == plain + length
    )


@EXAMPLES
@given(
    start=starts,
    amount=amounts,
    unit=units,
    more=st.integers(1, 30),
    calendar=calendars,
    rollover=st.booleans(),
)
def test_an_extension_never_shortens_a_limit(start, amount, unit, more, calendar, rollover):
    """For any approved extension, the deadline is never earlier than without it."""
    extension = Extension(more, unit, start + timedelta(hours=1), "经批准延长")
    plain = deadline(start, amount, unit, calendar, rollover=rollover).due
    assert deadline(start, amount, unit, calendar, rollover=rollover, extensions=[extension]).due >= plain


@EXAMPLES
@given(start=starts, amount=amounts, unit=units, calendar=calendars)
def test_pause_order_does_not_matter(start, amount, unit, calendar):
    """For two pauses given in either order (or overlapping), the deadline is the same."""
    first = Pause(start + timedelta(hours=3), start + timedelta(days=2), "鉴定")
    second = Pause(start + timedelta(days=1), start + timedelta(days=4), "听证")
    assert (
        deadline(start, amount, unit, calendar, pauses=[first, second]).due
        == deadline(start, amount, unit, calendar, pauses=[second, first]).due
    )
