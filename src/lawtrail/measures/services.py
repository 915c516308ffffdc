"""Measure and interview writes. Each service records one event (events/services.event_record) in one
transaction; the event type validates, applies and enforces the state machine (events.py)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db import transaction

from lawtrail.cases.models import Case, Party
from lawtrail.events.services import event_record
from lawtrail.org.models import Officer

from .models import Detention, Interview, Measure

MEASURE_STEPS = (
    "measure.arrived",
    "measure.extended",
    "measure.ended",
    "measure.family_notified",
    "measure.family_notice_impossible",
    "measure.jailed",
    "measure.arrest_requested",
    "measure.arrest_approved",
    "measure.arrest_refused",
    "measure.receipt_sent",
    "measure.reconsideration_requested",
    "measure.reported",
    "measure.change_requested",
    "measure.change_decided",
    "measure.necessity_proposal_received",
    "measure.necessity_reply_sent",
    "measure.identity_established",
    "measure.new_crime_found",
    "measure.custody_recounted",
)

DETENTION_STEPS = (
    "detention.released",
    "detention.family_notified",
    "detention.family_notice_impossible",
    "detention.suspension_requested",
    "detention.suspension_decided",
)


def measure_apply(
    *,
    actor: Officer | None,
    case: Case,
    party: Party,
    kind: str,
    occurred_at: datetime | None = None,
    approver: str = "",
    place: str = "",
    reason: str = "",
    on_the_spot: bool = False,
    foreign_national: bool = False,
    note: str = "",
    changed_from: Measure | None = None,
    source: str = "web",
) -> Measure:
    """Take a measure against a person of the case (`measure.applied`); returns the new measure."""
    measure_id = str(uuid.uuid4())
    event_record(
        name="measure.applied",
        subject_key=measure_id,
        actor=actor,
        occurred_at=occurred_at,
        source=source,
        payload={
            "case": case.number,
            "kind": kind,
            "party": str(party.party_id),
            "approver": approver,
            "place": place,
            "reason": reason,
            "on_the_spot": on_the_spot,
            "foreign_national": foreign_national,
            "note": note,
            "changed_from": str(changed_from.measure_id) if changed_from else "",
        },
    )
    return Measure.objects.get(measure_id=measure_id)


def measure_change(
    *,
    measure: Measure,
    actor: Officer | None,
    kind: str,
    approver: str,
    reason: str,
    occurred_at: datetime | None = None,
    place: str = "",
    source: str = "web",
) -> Measure:
    """Change a measure into another (变更强制措施: 拘留 → 取保候审, 监视居住 → 取保候审 …): in one transaction
    the old measure ends as `changed` (what the rules' clocks read: measure.ended) and the new one is applied
    with `changed_from` naming the old. Returns the new measure; nothing is written if either is refused."""
    with transaction.atomic():
        measure_event(
            measure=measure,
            name="measure.ended",
            actor=actor,
            payload={"reason": "changed", "note": reason},
            occurred_at=occurred_at,
            source=source,
        )
        return measure_apply(
            actor=actor,
            case=measure.case,
            party=measure.party,
            kind=kind,
            occurred_at=occurred_at,
            approver=approver,
            place=place,
            reason=reason,
            changed_from=measure,
            source=source,
        )


def measure_event(
    *,
    measure: Measure,
    name: str,
    actor: Officer | None,
    payload: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
    source: str = "web",
) -> Measure:
    """Record a step of a measure (arrival, extension, end, family notice) and return the measure."""
    if name not in MEASURE_STEPS:
        raise ValueError(f"not a measure step: {name}")
    event_record(
        name=name,
        subject_key=str(measure.measure_id),
        actor=actor,
        payload=payload or {},
        occurred_at=occurred_at,
        source=source,
    )
    return Measure.objects.get(pk=measure.pk)


def interview_record(
    *,
    actor: Officer | None,
    case: Case,
    party: Party,
    kind: str,
    started_at: datetime,
    ended_at: datetime,
    officers: list[Officer],
    place: str,
    source: str = "web",
    **details: Any,
) -> Interview:
    """Record an interview held (`interview.held`) from `started_at` to `ended_at`; returns it."""
    interview_id = str(uuid.uuid4())
    payload = {
        "case": case.number,
        "kind": kind,
        "party": str(party.party_id),
        "ended_at": ended_at.isoformat(),
        "officers": [o.badge_no for o in officers],
        "place": place,
        **{k: v for k, v in details.items() if v not in (None, "")},
    }
    event_record(
        name="interview.held",
        subject_key=interview_id,
        actor=actor,
        occurred_at=started_at,
        source=source,
        payload=payload,
    )
    return Interview.objects.get(interview_id=interview_id)


def detention_admit(
    *,
    actor: Officer | None,
    case: Case,
    party: Party,
    days: int,
    detention_house: str,
    occurred_at: datetime | None = None,
    offset_days: int = 0,
    combined: bool = False,
    decision_number: str = "",
    approver: str = "",
    note: str = "",
    source: str = "web",
) -> Detention:
    """Deliver the person to the detention house to serve an administrative detention (`detention.admitted`)."""
    detention_id = str(uuid.uuid4())
    event_record(
        name="detention.admitted",
        subject_key=detention_id,
        actor=actor,
        occurred_at=occurred_at,
        source=source,
        payload={
            "case": case.number,
            "party": str(party.party_id),
            "days": days,
            "offset_days": offset_days,
            "combined": combined,
            "detention_house": detention_house,
            "decision_number": decision_number,
            "approver": approver,
            "note": note,
        },
    )
    return Detention.objects.get(detention_id=detention_id)


def detention_event(
    *,
    detention: Detention,
    name: str,
    actor: Officer | None,
    payload: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
    source: str = "web",
) -> Detention:
    """Record a step of a detention's execution. A granted suspension (暂缓执行) releases the person at once:
    `detention.released` (reason `suspended`) is recorded with it, in the same transaction."""
    if name not in DETENTION_STEPS:
        raise ValueError(f"not a detention step: {name}")
    with transaction.atomic():
        event = event_record(
            name=name,
            subject_key=str(detention.detention_id),
            actor=actor,
            payload=payload or {},
            occurred_at=occurred_at,
            source=source,
        )
        if name == "detention.suspension_decided" and event.payload["granted"]:
            event_record(
                name="detention.released",
                subject_key=str(detention.detention_id),
                actor=actor,
                payload={"reason": "suspended"},
                occurred_at=event.occurred_at,
                source=source,
            )
    return Detention.objects.get(pk=detention.pk)
