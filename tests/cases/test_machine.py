"""The case state machines, transition by transition: every allowed one works and writes its event,
every other one is refused with a message that says why and writes nothing."""

from __future__ import annotations

import pytest

from lawtrail.cases.choices import CaseStatus
from lawtrail.cases.machine import ADMIN_MACHINE, CRIMINAL_MACHINE
from lawtrail.cases.models import Case
from lawtrail.cases.services import case_event
from lawtrail.common.errors import TransitionNotAllowed
from lawtrail.events.models import Event
from tests.factories import at, make_case

PAYLOADS = {
    "case.filed": {},
    "case.not_filed": {"reason": "没有犯罪事实"},
    "case.investigation_started": {},
    "case.rights_notified": {"note": "当场告知"},
    "case.decided": {"outcome": "penalty", "penalty": {"detention_days": 7, "fine_yuan": 500}},
    "case.terminated": {"reason": "违法事实不能成立"},
    "case.executed": {},
    "case.transferred_for_prosecution": {"procuratorate": "万秀区人民检察院"},
    "case.withdrawn": {"reason": "不应追究刑事责任"},
    "case.closed": {},
}

# How to bring a new case into each state.
PATHS = {
    "admin": {
        CaseStatus.ACCEPTED: [],
        CaseStatus.FILED: ["case.filed"],
        CaseStatus.INVESTIGATING: ["case.investigation_started"],
        CaseStatus.RIGHTS_NOTIFIED: ["case.investigation_started", "case.rights_notified"],
        CaseStatus.DECIDED: ["case.investigation_started", "case.rights_notified", "case.decided"],
        CaseStatus.TERMINATED: ["case.terminated"],
        CaseStatus.EXECUTED: [
            "case.investigation_started",
            "case.rights_notified",
            "case.decided",
            "case.executed",
        ],
        CaseStatus.CLOSED: ["case.terminated", "case.closed"],
    },
    "criminal": {
        CaseStatus.ACCEPTED: [],
        CaseStatus.FILED: ["case.filed"],
        CaseStatus.NOT_FILED: ["case.not_filed"],
        CaseStatus.INVESTIGATING: ["case.filed", "case.investigation_started"],
        CaseStatus.TRANSFERRED: [
            "case.filed",
            "case.investigation_started",
            "case.transferred_for_prosecution",
        ],
        CaseStatus.WITHDRAWN: ["case.filed", "case.withdrawn"],
        CaseStatus.CLOSED: ["case.not_filed", "case.closed"],
    },
}
MACHINES = {"admin": ADMIN_MACHINE, "criminal": CRIMINAL_MACHINE}
# Guards beyond the table: a penalty needs the prior notice of rights (行政处罚法 第44条); a penalty
# decision must be executed before the case closes.
GUARDED = {("admin", CaseStatus.INVESTIGATING, "case.decided"), ("admin", CaseStatus.DECIDED, "case.closed")}


def expected(kind: str, state: str, event: str) -> bool:
    t = MACHINES[kind].transitions.get(event)
    return t is not None and state in t.sources and (kind, state, event) not in GUARDED


CASES = [(kind, state, event) for kind, paths in PATHS.items() for state in paths for event in PAYLOADS]


def bring_to(case: Case, path: list[str], officer) -> Case:
    for i, name in enumerate(path):
        case_event(
            case=case,
            name=name,
            actor=officer,
            payload=PAYLOADS[name],
            occurred_at=at(f"2026-03-0{2 + i} 10:00"),
        )
    case.refresh_from_db()
    return case


def test_every_state_is_reachable(bureau):
    """Given each path, when walked, then the case ends in the state the path is for."""
    for kind, paths in PATHS.items():
        for state, path in paths.items():
            case = bring_to(make_case(bureau.officer_a, kind=kind), path, bureau.officer_a)
            assert case.status == state, (kind, state)
    reached = {(k, s) for k, paths in PATHS.items() for s in paths}
    assert {("admin", t.target) for t in ADMIN_MACHINE.transitions.values()} <= reached
    assert {("criminal", t.target) for t in CRIMINAL_MACHINE.transitions.values()} <= reached


@pytest.mark.parametrize(("kind", "state", "event"), [c for c in CASES if expected(*c)])
def test_allowed_transition(bureau, kind, state, event):
    """Given a case in `state`, when `event` is recorded, then the case moves to the target and the event is kept."""
    case = bring_to(make_case(bureau.officer_a, kind=kind), PATHS[kind][state], bureau.officer_a)
    before = Event.objects.count()
    recorded = case_event(
        case=case,
        name=event,
        actor=bureau.officer_a,
        payload=PAYLOADS[event],
        occurred_at=at("2026-03-20 10:00"),
    )
    case.refresh_from_db()
    assert case.status == MACHINES[kind].transitions[event].target
    assert Event.objects.count() == before + 1
    assert recorded.name == event
    assert recorded.case_id == case.id
    assert recorded.actor_id == bureau.officer_a.id


@pytest.mark.parametrize(("kind", "state", "event"), [c for c in CASES if not expected(*c)])
def test_refused_transition(bureau, kind, state, event):
    """Given a case in `state`, when a transition not allowed from it is attempted, then it is refused with a
    message naming the problem, and neither the case nor the history changes."""
    case = bring_to(make_case(bureau.officer_a, kind=kind), PATHS[kind][state], bureau.officer_a)
    before = Event.objects.count()
    with pytest.raises(TransitionNotAllowed) as refused:
        case_event(
            case=case,
            name=event,
            actor=bureau.officer_a,
            payload=PAYLOADS[event],
            occurred_at=at("2026-03-20 10:00"),
        )
    case.refresh_from_db()
    assert case.status == state
    assert Event.objects.count() == before
    assert refused.value.message
    assert refused.value.code in {"transition_not_allowed", "rights_not_notified"}


def test_refusal_message_names_state_and_allowed_states(bureau):
    """Given an accepted administrative case, when execution is recorded, then the message says the current
    state and from which states execution is possible."""
    case = make_case(bureau.officer_a)
    with pytest.raises(TransitionNotAllowed) as refused:
        case_event(case=case, name="case.executed", actor=bureau.officer_a)
    assert "「已受案」" in refused.value.message
    assert "「已决定」" in refused.value.message


def test_penalty_requires_notice_of_rights(bureau):
    """Given a case under investigation, when a penalty is decided without the notice of rights, then it is
    refused citing 行政处罚法 第44条."""
    case = bring_to(make_case(bureau.officer_a), ["case.investigation_started"], bureau.officer_a)
    with pytest.raises(TransitionNotAllowed) as refused:
        case_event(case=case, name="case.decided", actor=bureau.officer_a, payload=PAYLOADS["case.decided"])
    assert "第44条" in refused.value.message


def test_no_penalty_decision_closes_without_execution(bureau):
    """Given a case under investigation, when no penalty is decided, then it cannot be executed but can be closed."""
    case = bring_to(make_case(bureau.officer_a), ["case.investigation_started"], bureau.officer_a)
    case_event(
        case=case,
        name="case.decided",
        actor=bureau.officer_a,
        payload={"outcome": "no_penalty", "reason": "违法行为轻微并及时纠正，没有造成危害后果"},
    )
    with pytest.raises(TransitionNotAllowed):
        case_event(case=case, name="case.executed", actor=bureau.officer_a)
    case_event(case=case, name="case.closed", actor=bureau.officer_a)
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.CLOSED, "no_penalty")
    assert case.closed_at is not None
