"""Incremental supervision: after each event the subject's rules are evaluated and its alerts kept."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lawtrail.cases.models import Case
from lawtrail.cases.services import case_add_party, case_event
from lawtrail.common.errors import DomainError
from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident
from lawtrail.incidents.services import incident_convert, incident_event, incident_receive
from lawtrail.measures.services import measure_apply, measure_event
from lawtrail.supervision.models import ACTIVE_ALERT_STATES, Alert, AlertState, Obligation, SupervisedSubject
from lawtrail.supervision.runtime import (
    Engine,
    Target,
    alert_level,
    evaluate_subject,
    family_index,
    occurrence_of,
)
from lawtrail.supervision.sources import build_case_facts, build_incident_facts
from tests.factories import TZ, at, make_bureau, make_case

from .runtime_helpers import Clock

pytestmark = pytest.mark.django_db
FAMILY = "ps.case_time_limit"


def test_a_warning_opens_on_an_event_and_auto_resolves_when_the_case_is_decided(monkeypatch):
    """Given an admin 治安 case accepted 2025-03-01 (30-day limit), when a party is added on 03-29 (within
    the warning window), then a warning alert opens; when the case is decided on 03-30, then the alert is
    auto-resolved by that event, and every change is in the alert's log."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    assert not Alert.objects.filter(family=FAMILY).exists()

    now.set("2025-03-29 09:00")
    case_add_party(case=case, actor=b.officer_a, role="admin_suspect", name="李四")
    alert = Alert.objects.get(family=FAMILY, subject_key=case.number)
    assert alert.state == AlertState.OPEN
    assert alert.is_warning
    assert alert.case_id == case.id
    assert alert.unit_id == case.unit_id
    assert alert.responsible_id == b.officer_a.id
    assert alert.explanation
    assert alert.citation

    now.set("2025-03-30 09:00")
    case_event(case=case, name="case.investigation_started", actor=b.officer_a)
    decided = case_event(
        case=case,
        name="case.decided",
        actor=b.officer_a,
        payload={"outcome": "no_penalty", "reason": "情节轻微"},
    )
    alert.refresh_from_db()
    assert alert.state == AlertState.AUTO_RESOLVED
    assert alert.resolved_by_event_id == decided.seq
    assert "case.decided" in alert.resolved_how
    assert list(alert.log.values_list("action", flat=True)) == ["opened", "auto_resolved"]


def test_an_overdue_alert_opens_and_a_late_decision_keeps_it_on_record(monkeypatch):
    """Given an admin case accepted 2025-03-01, when an event is recorded on 04-15, then an overdue alert
    opens; when the case is decided late, then the alert stays active (met late: a breach on record)."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    now.set("2025-04-15 09:00")
    case_event(case=case, name="case.investigation_started", actor=b.officer_a)
    alert = Alert.objects.get(family=FAMILY, subject_key=case.number)
    assert alert.level == "overdue"
    assert alert.rule_state == "overdue"

    case_event(
        case=case, name="case.decided", actor=b.officer_a, payload={"outcome": "no_penalty", "reason": "x"}
    )
    alert.refresh_from_db()
    assert alert.state == AlertState.OPEN
    assert alert.rule_state == "met_late"
    assert Alert.objects.filter(family=FAMILY, subject_key=case.number).count() == 1


# --- the incremental check evaluates only what an event can change: same alerts as a full evaluation -----

# The next step of a case along its lifecycle (kind, status) → (event, payload), as bench/incremental.py.
NEXT = {
    ("admin", "accepted"): ("case.investigation_started", {"note": ""}),
    ("admin", "investigating"): ("case.rights_notified", {"note": "已告知"}),
    ("admin", "rights_notified"): ("case.decided", {"outcome": "penalty", "penalty": {"fine_yuan": 200}}),
    ("admin", "decided"): ("case.executed", {"note": "罚款已缴纳"}),
    ("admin", "executed"): ("case.closed", {"note": ""}),
    ("criminal", "accepted"): ("case.filed", {"note": ""}),
    ("criminal", "filed"): ("case.investigation_started", {"note": ""}),
    ("criminal", "investigating"): (
        "case.transferred_for_prosecution",
        {"procuratorate": "梧州市万秀区人民检察院", "note": ""},
    ),
}
GAPS = [timedelta(minutes=7), timedelta(hours=3), timedelta(hours=20), timedelta(days=4), timedelta(days=13)]
STARTS = ["2025-11-25 09:00", "2025-12-20 15:00", "2026-02-05 10:00"]


def _active(subject_type: str, key: str) -> set[tuple]:
    return set(
        Alert.objects.filter(
            subject_type=subject_type, subject_key=key, state__in=ACTIVE_ALERT_STATES
        ).values_list("family", "occurrence", "rule_id", "level", "rule_state", "due")
    )


def _full(target: Target, as_of) -> set[tuple]:
    """What a full evaluation of every applicable rule finds now: the alerts the subject must have."""
    record = target.record
    if target.subject_type == "case":
        record = Case.objects.select_related("offence", "incident").get(pk=record.pk)
        subject, facts = build_case_facts(record)
    else:
        record = Incident.objects.get(pk=record.pk)
        subject, facts = build_incident_facts(record)
    evaluation = evaluate_subject(facts, subject, as_of=as_of, engine=Engine.load())
    found = set()
    for rule, results in evaluation.rules:
        for result in results:
            level = alert_level(result)
            if level:
                found.add(
                    (
                        rule.family,
                        occurrence_of(rule, result),
                        result.rule_id,
                        level,
                        str(result.state),
                        result.due,
                    )
                )
    return found


class Story:
    """A random history of one incident turned case, one case accepted directly and their measures."""

    def __init__(self, rng: random.Random, b, now: Clock):
        self.rng, self.b, self.now = rng, b, now
        self.incident = incident_receive(
            actor=b.officer_a,
            unit=b.station_a,
            source="call_110",
            place="西江路1号",
            category=rng.choice(["public_order", "criminal", "dispute"]),
            description="有人打架",
        )
        self.cases: list[Case] = []
        self.measures: list = []

    def step(self) -> bool:
        """One random event at the clock's moment; False if the event was refused."""
        rng, b = self.rng, self.b
        actions = ["party", "case", "step", "step", "step", "measure", "measure_step", "incident", "offence"]
        action = rng.choice(actions)
        try:
            if action == "case" or not self.cases:
                if self.incident.status != "disposed" and rng.random() < 0.6:
                    kind = "admin" if self.incident.category != "criminal" else "criminal"
                    case = incident_convert(
                        incident=self.incident,
                        actor=b.officer_a,
                        kind=kind,
                        title="打架",
                        offence="ps.assault" if kind == "admin" else "cr.theft",
                        lead=b.officer_a,
                    )
                else:
                    case = make_case(
                        b.officer_a, kind=rng.choice(["admin", "criminal"]), when=_local(self.now.moment)
                    )
                self.cases.append(case)
            elif action == "party":
                case = rng.choice(self.cases)
                role = rng.choice(
                    ["admin_suspect" if case.kind == "admin" else "criminal_suspect", "witness", "victim"]
                )
                case_add_party(
                    case=case, actor=b.officer_a, role=role, name=rng.choice(["王强", "李四", "赵六"])
                )
            elif action == "step":
                case = rng.choice(self.cases)
                case.refresh_from_db()
                step = NEXT.get((case.kind, case.status))
                if step is None:
                    return False
                case_event(case=case, name=step[0], actor=b.officer_a, payload=step[1])
            elif action == "measure":
                case = rng.choice(self.cases)
                parties = list(case.parties.filter(role__in=["admin_suspect", "criminal_suspect"]))
                if not parties:
                    return False
                kind = "summons" if case.kind == "admin" else rng.choice(["summons", "criminal_detention"])
                self.measures.append(
                    measure_apply(
                        actor=b.officer_a,
                        case=case,
                        party=rng.choice(parties),
                        kind=kind,
                        approver="所长 刘洋",
                    )
                )
            elif action == "measure_step":
                if not self.measures:
                    return False
                measure = rng.choice(self.measures)
                name = rng.choice(["measure.arrived", "measure.ended"])
                payload = {"place": "西江派出所"} if name == "measure.arrived" else {"reason": "released"}
                measure_event(measure=measure, name=name, actor=b.officer_a, payload=payload)
            elif action == "incident":
                self.incident.refresh_from_db()
                if self.incident.status == "received":
                    incident_event(
                        incident=self.incident,
                        name="incident.dispatched",
                        actor=b.officer_a,
                        payload={"unit": b.station_a.code, "officers": [b.officer_a.badge_no]},
                    )
                elif self.incident.status == "dispatched":
                    incident_event(incident=self.incident, name="incident.arrived", actor=b.officer_a)
                else:
                    return False
            elif action == "offence":
                case = rng.choice(self.cases)
                offence = rng.choice(
                    ["ps.assault", "ps.theft"] if case.kind == "admin" else ["cr.theft", "cr.fraud"]
                )
                case_event(
                    case=case, name="case.offence_changed", actor=b.officer_a, payload={"offence": offence}
                )
        except DomainError:
            return False
        return True


def _local(moment) -> str:
    return moment.astimezone(TZ).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("seed", range(8))
def test_after_every_event_the_alerts_are_those_of_a_full_evaluation(monkeypatch, seed):
    """Given a random history (seeded) of an incident, the cases it became or that were accepted directly,
    their parties, lifecycle steps, measures and offence changes, with gaps from minutes to two weeks (so
    warnings and limits fall due between events, and some histories straddle 2026-01-01), when each event
    is recorded (the incremental check evaluates only the families the event can change and those due),
    then after every event the active alerts of its case and incident are exactly those a full evaluation
    of every rule finds at that moment."""
    rng = random.Random(seed)
    now = Clock(monkeypatch, rng.choice(STARTS))
    b = make_bureau()
    story = Story(rng, b, now)
    checked = 0
    for _ in range(40):
        now.moment += rng.choice(GAPS)
        if not story.step():
            continue
        event = Event.objects.order_by("-seq").first()
        targets = []
        if event.case_id:
            case = Case.objects.select_related("incident").get(pk=event.case_id)
            targets.append(Target("case", case))
            if case.incident_id:
                targets.append(Target("incident", case.incident))
        elif event.incident_id:
            incident = Incident.objects.get(pk=event.incident_id)
            targets.append(Target("incident", incident))
            targets.extend(Target("case", c) for c in incident.cases.all())
        for target in targets:
            assert _active(target.subject_type, target.record.number) == _full(target, event.recorded_at), (
                f"{event.name} at {event.recorded_at}: {target.subject_type} {target.record.number}"
            )
            checked += 1
    assert checked >= 10


def test_an_event_no_rule_reads_evaluates_nothing_and_a_due_family_is_evaluated_on_the_next_event(
    monkeypatch,
):
    """Given an admin case accepted 2025-03-01 (30 days, due 03-31 24:00), when an event no rule reads
    (a witness added, or a body-camera video linked) is recorded before the earliest next check of its
    rules, then the supervision check reads its stored state and neither loads facts nor writes; when a
    witness is added on
    03-29 (the warning levels of the 30-day limit have come), then the limit's family — due, though the
    event does not concern it — is evaluated and a warning opens."""
    now = Clock(monkeypatch, "2025-03-01 10:05")
    b = make_bureau()
    case = make_case(b.officer_a, when="2025-03-01 10:00")
    subject = SupervisedSubject.objects.get(subject_type="case", subject_id=case.id)
    obligation = Obligation.objects.get(subject=subject, family=FAMILY)
    assert obligation.due == at("2025-04-01 00:00")
    assert obligation.next_check_at == at("2025-03-22 00:00")  # the first warning: 10 days before
    assert subject.next_check_at == min(subject.obligations.values_list("next_check_at", flat=True))

    # An event of the case that no rule of the catalogue reads (the catalogue grows: look it up).
    readers = family_index(Engine.load().catalogue).by_event
    media = {
        "media_id": "2b7c1d3e-0f4a-4e5b-9c6d-7e8f9a0b1c2d",
        "kind": "body_camera",
        "uri": "nas://cam/2025/03/01/a.mp4",
        "sha256": "a" * 64,
        "captured_at": "2025-03-01T10:00:00+08:00",
    }
    candidates = {
        "case.party_added": lambda: case_add_party(case=case, actor=b.officer_a, role="witness", name="李四"),
        "case.media_linked": lambda: case_event(
            case=case, name="case.media_linked", actor=b.officer_a, payload=media
        ),
    }
    unread = [record for name, record in candidates.items() if not readers.get(("case", name))]
    if not unread:
        pytest.skip("every candidate event is read by some rule of the catalogue")
    record = unread[0]
    now.moment = subject.next_check_at - timedelta(minutes=1)
    with CaptureQueriesContext(connection) as queries:
        record()
    sql = [q["sql"] for q in queries.captured_queries]
    assert any("supervision_supervisedsubject" in q for q in sql)  # the hook ran and read its state
    assert not [q for q in sql if q.startswith(("INSERT", "UPDATE", "DELETE")) and "supervision_" in q]
    assert not [q for q in sql if q.startswith("SELECT") and 'FROM "events_event"' in q]
    assert not Alert.objects.filter(subject_key=case.number, family=FAMILY).exists()

    now.set("2025-03-29 09:00")
    case_add_party(case=case, actor=b.officer_a, role="witness", name="王五")  # read by FAMILY or not: due
    alert = Alert.objects.get(subject_key=case.number, family=FAMILY)
    assert alert.is_warning
    subject.refresh_from_db()
    assert subject.next_check_at > now.moment
