"""Incident writes: each one records an event (events/services.event_record)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from lawtrail.cases.models import Case
from lawtrail.cases.services import case_accept
from lawtrail.common import clock
from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.models import sequence_next
from lawtrail.events.models import Event
from lawtrail.events.services import event_record
from lawtrail.org.models import Officer, Unit

from .events import incident_sequence_key
from .models import Incident


def incident_receive(
    *,
    actor: Officer | None,
    unit: Unit,
    source: str,
    place: str,
    category: str,
    description: str,
    reporter_name: str = "",
    reporter_phone: str = "",
    occurred_at: datetime | None = None,
    source_system: str = "web",
) -> Incident:
    """Register an incident (接警); its number is J + unit code + date + 4-digit serial."""
    occurred_at = occurred_at or clock.now()
    day = occurred_at.astimezone(LEGAL_TZ)
    with transaction.atomic():
        number = f"J{unit.code}{day:%Y%m%d}{sequence_next(incident_sequence_key(unit, day)):04d}"
        event_record(
            name="incident.received",
            subject_key=number,
            actor=actor,
            occurred_at=occurred_at,
            source=source_system,
            payload={
                "unit": unit.code,
                "source": source,
                "place": place,
                "category": category,
                "description": description,
                "reporter_name": reporter_name,
                "reporter_phone": reporter_phone,
            },
        )
        return Incident.objects.get(number=number)


def incident_event(
    *,
    incident: Incident,
    name: str,
    actor: Officer | None,
    payload: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
    source: str = "web",
) -> Event:
    if not name.startswith("incident.") or name == "incident.received":
        raise ValueError(f"not an incident event: {name}")
    return event_record(
        name=name,
        subject_key=incident.number,
        actor=actor,
        payload=payload or {},
        occurred_at=occurred_at,
        source=source,
    )


def incident_convert(
    *,
    incident: Incident,
    actor: Officer | None,
    kind: str,
    title: str,
    offence: str | None = None,
    summary: str = "",
    occurred_at: datetime | None = None,
    lead: Officer | None = None,
    source: str = "web",
) -> Case:
    """Accept an incident as a case: dispose it as 受案 (if not yet), accept the case, link the two."""
    occurred_at = occurred_at or clock.now()
    with transaction.atomic():
        incident.refresh_from_db()
        if incident.status != "disposed":
            incident_event(
                incident=incident,
                name="incident.disposed",
                actor=actor,
                payload={"disposal": "accepted_as_case"},
                occurred_at=occurred_at,
                source=source,
            )
            incident.refresh_from_db()
        case = case_accept(
            actor=actor,
            unit=incident.unit,
            kind=kind,
            title=title,
            summary=summary or incident.description,
            offence=offence,
            incident=incident.number,
            occurred_at=occurred_at,
            lead=lead,
            source=source,
        )
        incident_event(
            incident=incident,
            name="incident.converted",
            actor=actor,
            payload={"case": case.number},
            occurred_at=occurred_at,
            source=source,
        )
        return case
