"""Service (送达): one record per recipient with the proof its method needs, the `document.served` payload
the supervision rules match on, and the rule on serving a 治安 decision within 2 days."""

from __future__ import annotations

import pytest
from django.db.models import Q

from lawtrail.common import clock
from lawtrail.common.errors import TransitionNotAllowed, ValidationFailed
from lawtrail.documents.choices import DocumentStatus
from lawtrail.documents.models import Service
from lawtrail.documents.services import document_draft, document_issue, document_serve
from lawtrail.events.models import Event
from lawtrail.supervision.engine import evaluate
from lawtrail.supervision.facts import Fact
from lawtrail.supervision.loader import default_catalogue
from lawtrail.supervision.sources import case_subject
from lawtrail.supervision.timeline import State
from tests.documents.helpers import decided_assault
from tests.factories import at
from tests.supervision.calendars import CAL_2026

FIELDS = {"evidence": "李明的陈述", "party_record": "无"}


def _issued(bureau):
    case, party = decided_assault(bureau.officer_a)
    draft = document_draft(
        actor=bureau.officer_a, case=case, kind="penalty_decision", party=party, fields=FIELDS
    )
    return (
        case,
        party,
        document_issue(document=draft, actor=bureau.officer_a, occurred_at=at("2026-03-06 16:05")),
    )


def test_direct_service_is_recorded_with_the_payload_the_rules_read(bureau):
    """Given an issued penalty decision, when it is handed to 李明, then a service record is kept, the
    document is served, and `document.served` says type penalty_decision, to offender, the party, the
    number, and that the document states the remedies."""
    case, party, doc = _issued(bureau)
    served = document_serve(
        document=doc,
        actor=bureau.officer_a,
        to="offender",
        method="direct",
        recipient="李明",
        place="西江派出所",
        occurred_at=at("2026-03-06 16:10"),
    )
    assert served.status == DocumentStatus.SERVED
    service = Service.objects.get(document=doc)
    assert (service.recipient, service.method, service.server) == ("李明", "direct", bureau.officer_a)
    event = Event.objects.get(subject_key=doc.document_id, name="document.served")
    p = event.payload
    assert (p["type"], p["to"], p["method"], p["case"]) == (
        "penalty_decision",
        "offender",
        "direct",
        case.number,
    )
    assert p["party"] == str(party.party_id)
    assert p["number"] == doc.number
    assert p["rights_stated"] is True


def test_a_second_recipient_is_a_second_record(bureau):
    """Given a decision served on the offender, when a copy is posted to the victim, then both records
    exist (the victim's copy is its own service, 行政程序规定 第172条第3款)."""
    _, _, doc = _issued(bureau)
    document_serve(
        document=doc,
        actor=bureau.officer_a,
        to="offender",
        method="direct",
        recipient="李明",
        occurred_at=at("2026-03-06 16:10"),
    )
    document_serve(
        document=doc,
        actor=bureau.officer_a,
        to="victim",
        method="post",
        recipient="张华",
        postal_no="XA123456789CN",
        occurred_at=at("2026-03-07 09:00"),
    )
    assert list(doc.services.values_list("to", flat=True)) == ["offender", "victim"]


@pytest.mark.parametrize(
    ("details", "message"),
    [
        ({"method": "lodged"}, "拒绝签收"),
        ({"method": "lodged", "refused": True, "refusal_reason": "拒绝签字"}, "见证人"),
        ({"method": "direct", "refused": True, "refusal_reason": "拒绝签字"}, "留置送达"),
        ({"method": "post"}, "挂号信号码"),
        ({"method": "electronic"}, "确认书"),
        ({"method": "public_notice"}, "公告的载体"),
        ({"method": "direct", "receiver": "李父"}, "关系"),
    ],
)
def test_each_method_needs_its_proof(bureau, details, message):
    """Given an issued decision, when a service lacks the proof its method needs, then it is refused with a
    message saying what to add, and nothing is written."""
    _, _, doc = _issued(bureau)
    with pytest.raises(ValidationFailed, match=message):
        document_serve(document=doc, actor=bureau.officer_a, to="offender", recipient="李明", **details)
    assert not Service.objects.exists()
    assert not Event.objects.filter(name="document.served").exists()


def test_lodged_service_with_a_witness_is_accepted(bureau):
    """Given a refusal witnessed by a neighbour, when it is recorded as 留置送达, then it counts as served."""
    _, _, doc = _issued(bureau)
    doc = document_serve(
        document=doc,
        actor=bureau.officer_a,
        to="offender",
        method="lodged",
        recipient="李明",
        refused=True,
        refusal_reason="拒绝签字",
        witness="邻居 陈某",
        occurred_at=at("2026-03-07 10:00"),
    )
    assert doc.status == DocumentStatus.SERVED
    assert Service.objects.get().witness == "邻居 陈某"


def test_a_draft_cannot_be_served(bureau):
    """Given a draft, when its service is recorded, then it is refused: only issued documents are served."""
    case, party = decided_assault(bureau.officer_a)
    draft = document_draft(
        actor=bureau.officer_a, case=case, kind="penalty_decision", party=party, fields=FIELDS
    )
    with pytest.raises(TransitionNotAllowed, match="草稿"):
        document_serve(
            document=draft, actor=bureau.officer_a, to="offender", method="direct", recipient="李明"
        )


def _facts(case):
    """The case's events and its documents' events as supervision facts (the fact builder's shape)."""
    documents = [d.document_id for d in case.documents.all()]
    events = Event.objects.filter(Q(case_id=case.id) | Q(subject_type="document", subject_key__in=documents))
    subject = case_subject(case)
    return [
        Fact(
            name=e.name,
            occurred_at=e.occurred_at,
            recorded_at=e.recorded_at,
            payload=e.payload,
            subject=subject,
        )
        for e in events.order_by("occurred_at", "seq")
    ]


def test_the_decision_delivery_rule_is_satisfied_by_the_service(bureau):
    """Given a 治安 decision made on Friday 2026-03-06 16:00 (rule ps.decision_delivery: serve within 2 days),
    then without service it is overdue (facts as recorded, evaluated now); once the recorded `document.served` to the offender is
    among the facts, the rule is met — the event name and payload fields are the ones the rule waits for."""
    rule = default_catalogue().rules["ps.decision_delivery"]
    case, _, doc = _issued(bureau)
    before = evaluate(rule, _facts(case), as_of=clock.now(), calendar=CAL_2026)
    assert before.state == State.OVERDUE, before.explanation
    document_serve(
        document=doc,
        actor=bureau.officer_a,
        to="offender",
        method="direct",
        recipient="李明",
        occurred_at=at("2026-03-06 16:10"),
    )
    after = evaluate(rule, _facts(case), as_of=clock.now(), calendar=CAL_2026)
    assert after.state == State.MET


def test_serving_the_victim_does_not_satisfy_the_offender_rule(bureau):
    """Given the decision posted only to the victim, then ps.decision_delivery (to the offender) stays open."""
    rule = default_catalogue().rules["ps.decision_delivery"]
    case, _, doc = _issued(bureau)
    document_serve(
        document=doc,
        actor=bureau.officer_a,
        to="victim",
        method="post",
        recipient="张华",
        postal_no="XA1",
        occurred_at=at("2026-03-06 17:00"),
    )
    assert evaluate(rule, _facts(case), as_of=clock.now(), calendar=CAL_2026).state == State.OVERDUE


def test_an_unserved_decision_raises_an_alert_resolved_by_the_service(bureau, monkeypatch):
    """Given a decision on Friday 16:00, when the case is touched on Monday 10:00, then the incremental check
    opens a ps.decision_delivery warning; when the decision is served at 11:00, the alert is auto-resolved."""
    from lawtrail.cases.services import case_add_party
    from lawtrail.supervision.models import Alert, AlertState
    from tests.supervision.runtime_helpers import Clock

    now = Clock(monkeypatch, "2026-03-06 16:30")
    case, _, doc = _issued(bureau)
    now.set("2026-03-09 10:00")
    case_add_party(case=case, actor=bureau.officer_a, role="victim", name="张华")
    alert = Alert.objects.get(family="ps.decision_delivery", subject_key=case.number)
    assert alert.state == AlertState.OPEN
    now.set("2026-03-09 11:00")
    document_serve(document=doc, actor=bureau.officer_a, to="offender", method="direct", recipient="李明")
    assert Event.objects.filter(case=case, name="document.served").exists()
    alert.refresh_from_db()
    assert alert.state == AlertState.AUTO_RESOLVED
