"""An import checks each touched case and incident once at the end, instead of after every event: the alerts
are the same as when the history was recorded event by event and then swept at the same moment."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from lawtrail.cases.services import case_event, offences_sync
from lawtrail.events.jsonl import import_events
from lawtrail.supervision.models import Alert
from tests.factories import make_bureau, make_case

from .runtime_helpers import Clock

pytestmark = pytest.mark.django_db


def alerts() -> set[tuple[str, str, str, str]]:
    return set(Alert.objects.values_list("subject_key", "family", "level", "state"))


def test_an_imported_history_has_the_alerts_it_had_when_recorded_live(monkeypatch):
    """Given two admin cases past their 30 days — one touched on the last day, one not — recorded event by
    event and swept, when the history is exported, the database emptied and the file imported at the same
    moment, then the same alerts exist (the import's one check sees what the sweep saw)."""
    now = Clock(monkeypatch, "2026-03-01 10:05")
    b = make_bureau()
    late = make_case(b.officer_a, when="2026-03-01 10:00")
    other = make_case(b.officer_b, title="大塘路殴打他人案", when="2026-03-01 10:00")
    now.set("2026-03-02 09:00")
    case_event(case=late, name="case.filed", actor=b.officer_a)
    case_event(case=other, name="case.filed", actor=b.officer_b)
    now.set("2026-04-20 09:00")
    case_event(case=late, name="case.investigation_started", actor=b.officer_a)
    call_command("supervise", stdout=io.StringIO())
    live = alerts()
    out = io.StringIO()
    call_command("export", stdout=out)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    offences_sync()

    summary = import_events(io.BytesIO(out.getvalue().encode()), now=now.moment)

    assert summary.applied > 0
    assert {(key, family) for key, family, _, _ in live} >= {
        (late.number, "ps.case_time_limit"),
        (other.number, "ps.case_time_limit"),
    }
    assert alerts() == live
