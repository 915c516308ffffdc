"""bench/generate.py writes a consistent, reproducible dataset straight into lawtrail's tables."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from django.db import connection

from lawtrail.cases.machine import machine_for
from lawtrail.cases.models import Case, Handler, Party
from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident

_PATH = Path(__file__).resolve().parents[2] / "bench" / "generate.py"
_spec = importlib.util.spec_from_file_location("bench_generate", _PATH)
generate_module = importlib.util.module_from_spec(_spec)
sys.modules["bench_generate"] = generate_module  # dataclasses look their module up there
_spec.loader.exec_module(generate_module)


@pytest.fixture
def generated(db):
    return generate_module.generate(connection=connection, cases=200, seed=7, check=200)


def test_sampled_cases_replay_through_the_state_machines(generated):
    """Given 200 generated cases, when every one is replayed, then no check fails."""
    assert generated["checked"] == 200
    assert generated["failures"] == []


def test_written_status_is_the_state_machine_replay_of_the_written_events(generated):
    """Given the rows written, when each case's stored events are replayed, then they give its status."""
    cases = {c.id: c for c in Case.objects.all()}
    assert len(cases) == 200
    status = dict.fromkeys(cases, "accepted")
    names = set(generate_module.TARGET)
    for event in Event.objects.filter(case__isnull=False).order_by("case_id", "occurred_at", "seq"):
        if event.name in names:
            case = cases[event.case_id]
            status[case.id] = machine_for(case.kind).check(event.name, status[case.id]).target
    assert status == {cid: c.status for cid, c in cases.items()}
    accepted = Event.objects.filter(name="case.accepted").values_list("case_id", flat=True)
    assert sorted(accepted) == sorted(cases)


def test_rows_beside_the_cases_are_in_proportion(generated):
    """Given 200 cases, then about 10 case events each, two handlers each, parties and incidents exist."""
    case_events = Event.objects.filter(case__isnull=False).count()
    assert 1600 <= case_events <= 2400
    assert Handler.objects.count() == 400
    assert Party.objects.count() >= 200
    assert 150 <= Incident.objects.count() <= 300
    assert (
        Incident.objects.filter(status="converted").count()
        == Case.objects.filter(incident__isnull=False).count()
    )


def test_same_seed_same_rows():
    """Given one seed, when the generator runs twice (in memory), then the rows are identical."""
    offences = [
        generate_module.Offence(1, "ps.assault", "殴打他人", "admin", "治安管理处罚法"),
        generate_module.Offence(2, "cr.theft", "盗窃", "criminal", "刑法"),
    ]

    def rows():
        gen = generate_module.Generator(
            cases=50, seed=3, as_of=generate_module.DEFAULT_AS_OF, offences=offences, sample=0
        )
        org = gen.organisation()
        return org.tables, next(gen.chunks()).tables

    assert rows() == rows()
