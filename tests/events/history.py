"""A realistic history for the import/export tests, made through the services, and a snapshot of what it
left in the records — compared field by field (natural keys for relations) before and after a round trip."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from typing import Any

from django.db.models import Model

from lawtrail.approvals.models import ApprovalRequest, Policy, Qualification, StepDecision
from lawtrail.cases.models import Case, Handler, Offence, Party
from lawtrail.cases.services import case_add_party, case_event
from lawtrail.center.models import Belonging, Room, RoomAssignment, Stay
from lawtrail.common.idnumbers import make_id_number
from lawtrail.common.models import Sequence
from lawtrail.documents.models import Document, NumberingSettings, Service
from lawtrail.events.models import Event
from lawtrail.events.services import event_record
from lawtrail.incidents.models import Incident, LinkProposal, MediaRecord
from lawtrail.incidents.services import incident_convert, incident_event, incident_receive
from lawtrail.inspections.models import SampleItem, Sampling
from lawtrail.measures.models import Detention, Interview, Measure
from lawtrail.measures.services import interview_record, measure_apply, measure_event
from lawtrail.org.models import Officer, Unit
from lawtrail.property.models import CustodyTransfer, PropertyItem, StorageLocation
from lawtrail.supervision.models import Alert
from tests.factories import Bureau, at, make_case

NATURAL_KEYS: dict[type[Model], str | tuple[str, ...]] = {
    Unit: "code",
    Officer: "badge_no",
    Incident: "number",
    Case: "number",
    Offence: "code",
    Party: "party_id",
    Measure: "measure_id",
    Interview: "interview_id",
    MediaRecord: "media_id",
    Detention: "detention_id",
    Document: "document_id",
    PropertyItem: "item_id",
    StorageLocation: ("center.code", "code"),
    Room: ("center.code", "name"),
    Stay: "stay_id",
    Sampling: "number",
    ApprovalRequest: "request_id",
    Policy: ("bureau.code", "act_kind", "version"),
    Alert: ("family", "subject_type", "subject_key", "occurrence"),  # an inspection finding's alert
}


def media(name: str, *, kind: str, captured: str, officer: Officer | None) -> dict[str, Any]:
    return {
        "media_id": str(uuid.uuid4()),
        "kind": kind,
        "uri": f"evidence://wuzhou/{name}.mp4",
        "sha256": hashlib.sha256(name.encode()).hexdigest(),
        "captured_at": captured,
        "duration_seconds": 600,
        "officer": officer.badge_no if officer else None,
    }


def build_history(b: Bureau) -> dict[str, Case]:
    """An incident converted into an administrative case that runs to a penalty, executed and closed; and
    cases ending in every other way (no penalty, terminated, transferred, not filed, withdrawn), one still
    open, and one in the other bureau."""
    event_record(
        name="officer.qualification_updated",
        subject_key=b.officer_a.badge_no,
        actor=b.leader,
        payload={"qualification_level": "intermediate", "qualification_expires": "2030-12-31"},
        occurred_at=at("2026-02-01 10:00"),
    )

    incident = incident_receive(
        actor=b.officer_a,
        unit=b.station_a,
        source="call_110",
        place="西江一路88号夜宵店门前",
        category="public_order",
        description="报警人称在夜宵店门前被一男子殴打。",
        reporter_name="李明",
        reporter_phone="13907740001",
        occurred_at=at("2026-03-01 21:00"),
    )
    officers = [b.officer_a.badge_no, b.auxiliary_a.badge_no]
    incident_event(
        incident=incident,
        name="incident.dispatched",
        actor=b.officer_a,
        payload={"unit": b.station_a.code, "officers": officers},
        occurred_at=at("2026-03-01 21:02"),
    )
    incident_event(
        incident=incident, name="incident.arrived", actor=b.officer_a, occurred_at=at("2026-03-01 21:10")
    )
    assault = incident_convert(
        incident=incident,
        actor=b.officer_a,
        kind="admin",
        title="王某殴打他人案",
        offence="ps.assault",
        occurred_at=at("2026-03-01 22:00"),
        lead=b.officer_a,
    )
    incident_event(
        incident=incident,
        name="incident.media_linked",
        actor=b.officer_a,
        payload=media(
            "bodycam-1", kind="body_camera", captured="2026-03-01T21:10:00+08:00", officer=b.officer_a
        ),
        occurred_at=at("2026-03-01 21:10"),
    )
    incident_event(
        incident=incident,
        name="incident.reviewed",
        actor=b.head_sub_a,
        payload={"note": "处警及时"},
        occurred_at=at("2026-03-02 08:30"),
    )

    def step(case: Case, name: str, when: str, actor: Officer, **payload: Any) -> None:
        case_event(case=case, name=name, actor=actor, payload=payload, occurred_at=at(when))

    case_add_party(
        case=assault,
        actor=b.officer_a,
        occurred_at=at("2026-03-01 22:10"),
        role="admin_suspect",
        name="王强",
        gender="male",
        id_number=make_id_number("450403", date(1990, 5, 17), 131),
        phone="13907740002",
        address="梧州市万秀区西江二路12号",
    )
    case_add_party(
        case=assault, actor=b.officer_a, occurred_at=at("2026-03-01 22:11"), role="victim", name="李明"
    )
    case_add_party(
        case=assault,
        actor=b.officer_a,
        occurred_at=at("2026-03-01 22:12"),
        role="witness",
        name="陈小燕",
        gender="female",
        id_number=make_id_number("450403", date(2012, 8, 1), 282),
    )
    step(
        assault,
        "case.handler_assigned",
        "2026-03-01 22:15",
        b.officer_a,
        officer=b.auxiliary_a.badge_no,
        role="assisting",
    )
    step(assault, "case.investigation_started", "2026-03-01 22:20", b.officer_a)
    case_event(
        case=assault,
        name="case.media_linked",
        actor=b.officer_a,
        payload=media("cctv-1", kind="cctv", captured="2026-03-01T20:55:00+08:00", officer=None),
        occurred_at=at("2026-03-01 22:30"),
    )
    step(assault, "case.handler_released", "2026-03-02 09:00", b.head_sub_a, officer=b.auxiliary_a.badge_no)
    step(assault, "case.rights_notified", "2026-03-02 15:00", b.officer_a, note="当场告知，未提出申辩")
    step(
        assault,
        "case.decided",
        "2026-03-02 16:30",
        b.head_sub_a,
        outcome="penalty",
        penalty={"fine_yuan": 500, "detention_days": 5},
    )
    step(assault, "case.executed", "2026-03-08 17:00", b.officer_a, note="罚款已缴纳，拘留已执行")
    step(assault, "case.closed", "2026-03-09 09:00", b.head_sub_a)

    no_penalty = make_case(b.officer_a2, title="邻里纠纷殴打案", when="2026-03-03 10:00")
    step(no_penalty, "case.investigation_started", "2026-03-03 10:30", b.officer_a2)
    step(
        no_penalty,
        "case.decided",
        "2026-03-05 10:00",
        b.head_sub_a,
        outcome="no_penalty",
        reason="情节特别轻微",
    )
    step(no_penalty, "case.closed", "2026-03-05 11:00", b.head_sub_a)

    terminated = make_case(b.officer_a, title="损毁财物案", when="2026-03-04 09:00")
    step(terminated, "case.terminated", "2026-03-06 09:00", b.head_sub_a, reason="违法事实不能成立")

    theft = make_case(b.officer_b, kind="criminal", title="电动车被盗案", when="2026-03-03 14:00")
    step(theft, "case.filed", "2026-03-04 09:00", b.legal_officer, note="数额较大")
    step(theft, "case.investigation_started", "2026-03-04 09:10", b.officer_b)
    case_add_party(
        case=theft,
        actor=b.officer_b,
        role="criminal_suspect",
        name="阿七",
        occurred_at=at("2026-03-04 10:00"),
    )
    thief = theft.parties.get(name="阿七")
    detention = measure_apply(
        actor=b.officer_b,
        case=theft,
        party=thief,
        kind="criminal_detention",
        occurred_at=at("2026-03-04 10:30"),
    )
    for name, when, payload in [
        ("measure.reported", "2026-03-04 11:00", {"to": "duty_head"}),
        ("measure.jailed", "2026-03-04 18:00", {}),
        ("measure.arrest_requested", "2026-03-06 10:00", {"detained": True}),
        ("measure.arrest_refused", "2026-03-08 09:00", {}),
        ("measure.ended", "2026-03-08 10:00", {"reason": "changed"}),
        ("measure.receipt_sent", "2026-03-08 11:00", {}),
        ("measure.reconsideration_requested", "2026-03-09 09:00", {}),
    ]:
        measure_event(measure=detention, name=name, actor=b.officer_b, payload=payload, occurred_at=at(when))
    bail = measure_apply(
        actor=b.officer_b, case=theft, party=thief, kind="bail", occurred_at=at("2026-03-08 10:00")
    )
    measure_event(
        measure=bail,
        name="measure.arrest_requested",
        actor=b.officer_b,
        payload={"detained": False},
        occurred_at=at("2026-03-20 09:00"),
    )
    measure_event(
        measure=bail, name="measure.arrest_approved", actor=b.officer_b, occurred_at=at("2026-03-25 09:00")
    )
    step(theft, "case.offence_changed", "2026-03-10 09:00", b.officer_b, offence="cr.fraud")
    step(theft, "case.offence_changed", "2026-03-10 09:05", b.legal_officer, offence="cr.theft")
    step(
        theft,
        "case.transferred_for_prosecution",
        "2026-04-20 10:00",
        b.legal_officer,
        procuratorate="长洲区人民检察院",
    )
    step(theft, "case.closed", "2026-04-20 10:30", b.legal_officer)

    not_filed = make_case(b.officer_b, kind="criminal", title="周某被诈骗案", when="2026-03-05 09:00")
    step(not_filed, "case.not_filed", "2026-03-06 16:00", b.legal_officer, reason="属民间借贷纠纷")

    withdrawn = make_case(b.officer_b, kind="criminal", title="超市被盗案", when="2026-03-06 10:00")
    step(withdrawn, "case.filed", "2026-03-06 15:00", b.legal_officer)
    step(withdrawn, "case.withdrawn", "2026-03-20 10:00", b.legal_officer, reason="不存在犯罪事实")

    open_case = make_case(b.officer_a, title="尚在调查的案件", when="2026-03-07 10:00")
    step(open_case, "case.investigation_started", "2026-03-07 11:00", b.officer_a)
    case_add_party(
        case=open_case,
        actor=b.officer_a,
        role="admin_suspect",
        name="何勇",
        occurred_at=at("2026-03-07 11:05"),
    )
    suspect = open_case.parties.get(name="何勇")
    summons = measure_apply(
        actor=b.officer_a,
        case=open_case,
        party=suspect,
        kind="summons",
        occurred_at=at("2026-03-07 11:10"),
        approver="所长",
    )
    for name, when, payload in [
        ("measure.arrived", "2026-03-07 11:40", {"place": "西江派出所"}),
        ("measure.family_notified", "2026-03-07 12:00", {"method": "phone", "recipient": "其父"}),
        ("measure.extended", "2026-03-07 15:00", {"hours": 24, "basis": "可能适用行政拘留"}),
        ("measure.ended", "2026-03-07 20:00", {"reason": "released"}),
    ]:
        measure_event(measure=summons, name=name, actor=b.officer_a, payload=payload, occurred_at=at(when))
    restraint = measure_apply(
        actor=b.officer_a,
        case=open_case,
        party=suspect,
        kind="sobering_restraint",
        occurred_at=at("2026-03-07 11:20"),
    )
    measure_event(
        measure=restraint,
        name="measure.family_notice_impossible",
        actor=b.officer_a,
        payload={"reason": "醉酒，无法提供家属联系方式"},
        occurred_at=at("2026-03-07 11:30"),
    )
    interview_record(
        actor=b.officer_a,
        case=open_case,
        party=suspect,
        kind="questioning",
        started_at=at("2026-03-07 12:10"),
        ended_at=at("2026-03-07 13:00"),
        officers=[b.officer_a, b.auxiliary_a],
        place="case_area",
        room="询问室2",
        measure=str(summons.measure_id),
        recording_media_id="WZ-OPEN-1",
        recording_sha256=hashlib.sha256(b"open-1").hexdigest(),
        transcript="问：……答：……",
    )

    elsewhere = make_case(b.other_bureau_officer, title="来宾市的案件", when="2026-03-08 10:00")

    return {
        "assault": assault,
        "no_penalty": no_penalty,
        "terminated": terminated,
        "theft": theft,
        "not_filed": not_filed,
        "withdrawn": withdrawn,
        "open": open_case,
        "elsewhere": elsewhere,
    }


def _attr(obj: Any, path: str) -> Any:
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def _key(obj: Model | None) -> Any:
    if obj is None:
        return None
    key = NATURAL_KEYS[type(obj)]
    return _attr(obj, key) if isinstance(key, str) else tuple(_attr(obj, k) for k in key)


def rows(model: type[Model], *order: str, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [row(obj, exclude=exclude) for obj in model.objects.order_by(*order)]


def row(obj: Model, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every stored field of `obj` but its surrogate key; relations by their natural keys."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in exclude:
            continue
        values[field.name] = (
            _key(getattr(obj, field.name)) if field.is_relation else getattr(obj, field.attname)
        )
    return values


def snapshot() -> dict[str, Any]:
    """What the records say, independent of surrogate keys and of how the events got here."""
    officers = Officer.objects.select_related("unit").prefetch_related("grants__unit").order_by("badge_no")
    incidents = Incident.objects.prefetch_related("dispatch_officers").order_by("number")
    events = Event.objects.select_related("actor", "bureau", "unit", "case", "incident").order_by("seq")
    return {
        "units": [row(u) for u in Unit.objects.order_by("code")],
        "officers": [
            row(o, exclude=("user",)) | {"grants": sorted((g.role, g.unit.code) for g in o.grants.all())}
            for o in officers
        ],
        "incidents": [
            row(i) | {"dispatch_officers": sorted(o.badge_no for o in i.dispatch_officers.all())}
            for i in incidents
        ],
        "cases": [row(c) for c in Case.objects.order_by("number")],
        "parties": [row(p) for p in Party.objects.order_by("party_id")],
        "handlers": [
            row(h) for h in Handler.objects.order_by("case__number", "assigned_at", "officer__badge_no")
        ],
        "media": [row(m) for m in MediaRecord.objects.order_by("media_id")],
        "measures": [row(m) for m in Measure.objects.order_by("measure_id")],
        "interviews": [
            row(i) | {"officers": sorted(o.badge_no for o in i.officers.all())}
            for i in Interview.objects.prefetch_related("officers").order_by("interview_id")
        ],
        "sequences": dict(Sequence.objects.values_list("key", "last_value")),
        "timelines": [row(e, exclude=("source",)) for e in events],
        # the apps of issues 3–7
        "media_links": rows(LinkProposal, "media__media_id", "target_type", "target_key"),
        "detentions": rows(Detention, "detention_id"),
        "numbering": rows(NumberingSettings, "unit__code"),
        "documents": rows(Document, "document_id"),
        "services": rows(Service, "document__document_id", "served_at", "recipient"),
        "storage": rows(StorageLocation, "center__code", "path"),
        "property": rows(PropertyItem, "item_id"),
        "custody": rows(CustodyTransfer, "item__item_id", "at", "event_name"),
        "rooms": rows(Room, "center__code", "name"),
        "stays": rows(Stay, "stay_id"),
        "belongings": rows(Belonging, "stay__stay_id", "description"),
        "room_assignments": rows(RoomAssignment, "stay__stay_id", "started_at"),
        "samplings": rows(Sampling, "number"),
        "sample_items": rows(SampleItem, "sampling__number", "position"),
        "approvals": rows(ApprovalRequest, "request_id"),
        "approval_steps": rows(StepDecision, "request__request_id", "step", "decided_at"),
        "qualifications": rows(Qualification, "officer__badge_no", "certificate_no"),
    }
