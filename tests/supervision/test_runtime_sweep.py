"""The sweep (`lawtrail supervise`): warnings that fall due with time, idempotence, 回头看 (as_of)."""

from __future__ import annotations

import io
import json
import random
from datetime import timedelta

import pytest
from django.core.management import call_command

from lawtrail.cases.services import case_event
from lawtrail.supervision.models import Alert, SupervisedSubject, SweepRun
from tests.factories import TZ, make_bureau, make_case

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


def _unchanged_by_a_full_sweep() -> dict:
    """A full re-check at the same moment: it must find nothing the previous sweep left undone."""
    full = supervise("--full")
    assert full["mode"] == "full"
    return full["counts"]


def test_after_the_first_sweep_only_subjects_due_or_changed_are_loaded_and_nothing_is_missed(monkeypatch):
    """Given admin cases accepted 03-01, 03-20 and 04-10 and sweeps on 03-02 (the first: full) and 04-12,
    when the sweep runs on 04-13, then it is a `due` sweep that loads no case (nothing falls due and nothing
    was recorded since); when it runs on 04-17, then it loads only the 03-20 case, whose 30-day limit
    (the 30th day, Saturday 04-19, rolls over to Monday 04-21, 24:00) has reached its yellow warning
    (5 days before), and a full re-check at that moment opens, updates and resolves nothing."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    make_case(b.officer_a, when="2025-03-01 10:00")
    now.set("2025-03-02 09:00")
    assert supervise()["mode"] == "full"
    now.set("2025-03-20 10:05")
    second = make_case(b.officer_a, when="2025-03-20 10:00")
    now.set("2025-04-10 10:05")
    make_case(b.officer_b, when="2025-04-10 10:00")
    now.set("2025-04-12 09:00")
    assert supervise()["mode"] == "due"
    assert Alert.objects.get(subject_key=second.number, family=FAMILY).level == "blue"

    now.set("2025-04-13 09:00")
    quiet = supervise()
    now.set("2025-04-17 09:00")
    due = supervise()

    assert (quiet["mode"], quiet["counts"]["cases"]) == ("due", 0)
    assert (due["mode"], due["counts"]["cases"], due["counts"]["updated"]) == ("due", 1, 1)
    assert Alert.objects.get(subject_key=second.number, family=FAMILY).level == "yellow"
    counts = _unchanged_by_a_full_sweep()
    assert (counts["cases"], counts["opened"], counts["updated"], counts["resolved"]) == (3, 0, 0, 0)


def test_a_due_sweep_finds_cases_recorded_while_the_incremental_check_was_off(monkeypatch, settings):
    """Given a first sweep, then a case accepted on 03-01 with the incremental check turned off (as in a
    bulk import), when the sweep runs on 04-15, then the case is loaded because it changed since the last
    sweep, its overdue alert opens, and a full re-check changes nothing."""
    now = Clock(monkeypatch, "2025-02-01 09:00")
    b = make_bureau()
    supervise()
    settings.SUPERVISION_INCREMENTAL = False
    now.set("2025-03-01 10:05")
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    assert not SupervisedSubject.objects.filter(subject_type="case", subject_id=case.id).exists()
    settings.SUPERVISION_INCREMENTAL = True

    now.set("2025-04-15 09:00")
    due = supervise()

    assert due["mode"] == "due"
    assert due["counts"]["cases"] == 1
    assert Alert.objects.get(subject_key=case.number, family=FAMILY).level == "overdue"
    assert SupervisedSubject.objects.filter(subject_type="case", subject_id=case.id).exists()
    counts = _unchanged_by_a_full_sweep()
    assert (counts["opened"], counts["updated"], counts["resolved"]) == (0, 0, 0)


@pytest.mark.parametrize("seed", range(3))
def test_due_sweeps_at_random_moments_leave_nothing_for_a_full_sweep(monkeypatch, seed):
    """Given cases of both kinds accepted at random moments over two months (seeded), some decided,
    when a due sweep runs every few days (in chunks of 2), then after each a full re-check at the same
    moment opens, updates and resolves nothing: the due sweep found every change time brought."""
    rng = random.Random(seed)
    now = Clock(monkeypatch, "2025-11-01 09:00")
    b = make_bureau()
    supervise()
    cases = []
    for _ in range(6):
        now.moment += timedelta(days=rng.randint(0, 9), hours=rng.randint(0, 23))
        officer = rng.choice([b.officer_a, b.officer_b])
        kind = rng.choice(["admin", "criminal"])
        cases.append(make_case(officer, kind=kind, when=now.moment.astimezone(TZ).strftime("%Y-%m-%d %H:%M")))
        if kind == "admin" and rng.random() < 0.3:
            case_event(case=cases[-1], name="case.investigation_started", actor=officer)
    for _ in range(6):
        now.moment += timedelta(days=rng.randint(2, 12), hours=rng.randint(0, 23))
        due = supervise("--chunk", "2")
        assert due["mode"] == "due"
        counts = _unchanged_by_a_full_sweep()
        assert (counts["opened"], counts["updated"], counts["resolved"]) == (0, 0, 0), now.moment
