"""The sweep (`lawtrail supervise`): warnings that fall due with time, idempotence, 回头看 (as_of)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from lawtrail.cases.services import case_event
from lawtrail.supervision.models import Alert, SweepRun
from tests.factories import make_bureau, make_case

from .runtime_helpers import Clock

pytestmark = pytest.mark.django_db
FAMILY = "ps.case_time_limit"


def supervise(*args: str) -> dict:
    out = io.StringIO()
    call_command("supervise", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_sweep_opens_alerts_that_fell_due_with_time_and_a_second_run_changes_nothing(monkeypatch):
    """Given an admin case accepted 2025-03-01 and nothing since, when the sweep runs on 04-15, then an
    overdue alert is opened; when it runs again, then nothing is opened or updated and there is still one
    alert; each run is recorded."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    assert not Alert.objects.filter(subject_key=case.number, family=FAMILY).exists()

    now.set("2025-04-15 09:00")
    first = supervise()
    second = supervise()

    assert first["counts"]["opened"] >= 1
    assert first["retrospective"] is False
    assert second["counts"]["opened"] == 0
    assert second["counts"]["updated"] == 0
    assert second["counts"]["resolved"] == 0
    alert = Alert.objects.get(subject_key=case.number, family=FAMILY)
    assert alert.level == "overdue"
    assert Alert.objects.filter(subject_key=case.number).count() == first["counts"]["opened"]
    assert SweepRun.objects.count() == 2


def test_the_sweep_is_limited_to_the_unit_given(monkeypatch):
    """Given overdue cases in two sub-bureaux, when the sweep runs for sub-bureau B, then only B's case is
    alerted."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case_a = make_case(b.officer_a, when="2025-03-01 10:00")
    case_b = make_case(b.officer_b, when="2025-03-01 10:00")
    now.set("2025-04-15 09:00")

    result = supervise("--unit", b.sub_b.code)

    assert result["counts"]["cases"] == 1
    assert Alert.objects.filter(subject_key=case_b.number, family=FAMILY).exists()
    assert not Alert.objects.filter(subject_key=case_a.number, family=FAMILY).exists()


def test_as_of_a_past_moment_uses_only_what_was_recorded_by_then_and_writes_no_alerts(monkeypatch):
    """Given a case accepted 2025-03-01 whose decision was recorded on 04-20 (late), when the sweep runs
    as of 04-10 (回头看), then it reports the case overdue — the decision was not recorded yet — and writes
    no alert; as of 04-25 the same rule reports met late."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    now.set("2025-03-02 10:00")
    case_event(case=case, name="case.investigation_started", actor=b.officer_a)
    now.set("2025-04-20 10:00")
    case_event(
        case=case, name="case.decided", actor=b.officer_a, payload={"outcome": "no_penalty", "reason": "x"}
    )
    now.set("2025-05-01 10:00")
    before = set(Alert.objects.values_list("id", "state", "updated_at"))

    then = supervise("--as-of", "2025-04-10 09:00")
    later = supervise("--as-of", "2025-04-25 09:00")

    assert then["retrospective"] is True
    states = {(p["subject_key"], p["family"]): p["state"] for p in then["problems"]}
    assert states[(case.number, FAMILY)] == "overdue"
    states = {(p["subject_key"], p["family"]): p["state"] for p in later["problems"]}
    assert states[(case.number, FAMILY)] == "met_late"
    assert set(Alert.objects.values_list("id", "state", "updated_at")) == before
    assert SweepRun.objects.filter(retrospective=True).count() == 2
