"""Measure and interview writes. Each service records one event (events/services.event_record) in one
transaction; the event type validates, applies and enforces the state machine (events.py)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from lawtrail.cases.models import Case, Party
from lawtrail.events.services import event_record
from lawtrail.org.models import Officer

from .models import Interview, Measure

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
        },
    )
    return Measure.objects.get(measure_id=measure_id)


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
