"""A case with a suspect, and a measure brought to any state, for the measure tests."""

from __future__ import annotations

from lawtrail.cases.models import Case, Party
from lawtrail.cases.services import case_add_party
from lawtrail.measures.choices import MeasureStatus
from lawtrail.measures.models import Measure
from lawtrail.measures.services import measure_apply, measure_event
from lawtrail.org.models import Officer
from tests.factories import at, make_case


def case_with_suspect(officer: Officer, *, kind: str = "admin", id_number: str = "") -> tuple[Case, Party]:
    case = make_case(officer, kind=kind)
    role = "admin_suspect" if kind == "admin" else "criminal_suspect"
    case_add_party(
        case=case,
        actor=officer,
        role=role,
        name="王强",
        id_number=id_number,
        occurred_at=at("2026-03-01 10:05"),
    )
    return case, case.parties.get()


def summons(officer: Officer, case: Case, party: Party, *, kind: str = "summons") -> Measure:
    return measure_apply(
        actor=officer,
        case=case,
        party=party,
        kind=kind,
        occurred_at=at("2026-03-01 10:10"),
        approver="所长 刘洋",
    )


STEP_PAYLOADS = {
    "measure.arrived": {"place": "西江派出所"},
    "measure.extended": {"hours": 24, "basis": "情况复杂，可能适用行政拘留"},
    "measure.ended": {"reason": "released"},
}

# How to bring a new summons into each state.
PATHS = {
    MeasureStatus.APPLIED: [],
    MeasureStatus.ARRIVED: ["measure.arrived"],
    MeasureStatus.ENDED: ["measure.arrived", "measure.ended"],
}


def bring_to(officer: Officer, measure: Measure, status: str) -> Measure:
    for minute, name in enumerate(PATHS[MeasureStatus(status)], start=20):
        measure = measure_event(
            measure=measure,
            name=name,
            actor=officer,
            payload=STEP_PAYLOADS[name],
            occurred_at=at(f"2026-03-01 10:{minute}"),
        )
    assert measure.status == status
    return measure
