"""Helpers for the rule catalogue tests: the legal calendar as seeded, loaded once per test session."""

from __future__ import annotations

from lawtrail.supervision.periods import Calendar

_CACHE: dict[str, Calendar] = {}


def seeded_calendar(django_db_blocker) -> Calendar:
    """The calendar `load_calendar()` builds from the seeded table (2004–2026, from the State Council's
    notices) — the one the worked examples' due times were worked out against. Read once per session,
    outside the calendar module's cache (which other tests count queries on)."""
    if "seeded" not in _CACHE:
        from lawtrail.supervision.calendar import calendar_cache_clear, load_calendar

        with django_db_blocker.unblock():
            calendar_cache_clear()
            _CACHE["seeded"] = load_calendar(count_make_up_saturdays=True)
            calendar_cache_clear()
    return _CACHE["seeded"]
