"""Case-handling center writes. Each records its event (events/services.event_record) in one transaction.

The center drives the clock of the person's measure, so that the supervision rules on people held see
the stay: entering the center under a summons, compelled appearance or continued questioning that has no
arrival yet records the arrival (`measure.arrived`, 到案); leaving when released ends that measure
(`measure.ended`); handing a detained or arrested person to the detention house records `measure.jailed`.
Both events are written in the same transaction — one refused, nothing written. Rooms are the center's
events of the center unit (`unit.room_added`), so an export carries them.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db import transaction

from lawtrail.cases.models import Case, Party
from lawtrail.events.services import event_record
from lawtrail.measures.choices import ARRIVAL_KINDS, MeasureKind, MeasureStatus
from lawtrail.measures.models import Measure
from lawtrail.measures.services import measure_event
from lawtrail.org.models import Officer, Unit

from .models import Room, Stay

STAY_STEPS = ("center.checked", "center.room_assigned", "center.left", "center.handed_over")

# Measures whose end is the person's release from the center.
ENDS_WITH_RELEASE = ARRIVAL_KINDS | {MeasureKind.CRIMINAL_DETENTION}
JAILED_KINDS = frozenset({MeasureKind.CRIMINAL_DETENTION, MeasureKind.ARREST})


def stay_enter(
    *,
    actor: Officer | None,
    case: Case,
    party: Party,
    center: Unit,
    reason: str,
    measure: Measure | None = None,
    occurred_at: datetime | None = None,
    room: str = "",
    brought_by: str = "",
    note: str = "",
    source: str = "web",
) -> Stay:
    """A person of the case enters the center (`center.entered`); with a summons-like measure not yet
    arrived, its arrival is recorded at the same moment. Returns the stay."""
    stay_id = str(uuid.uuid4())
    with transaction.atomic():
        event = event_record(
            name="center.entered",
            subject_key=stay_id,
            actor=actor,
            occurred_at=occurred_at,
            source=source,
            payload={
                "case": case.number,
                "party": str(party.party_id),
                "center": center.code,
                "reason": reason,
                "measure_id": str(measure.measure_id) if measure else "",
                "room": room,
                "brought_by": brought_by,
                "note": note,
            },
        )
        if measure is not None and measure.status == MeasureStatus.APPLIED and measure.kind in ARRIVAL_KINDS:
            measure_event(
                measure=measure,
                name="measure.arrived",
                actor=actor,
                payload={"place": center.name},
                occurred_at=event.occurred_at,
                source=source,
            )
    return Stay.objects.get(stay_id=stay_id)


def stay_event(
    *,
    stay: Stay,
    name: str,
    actor: Officer | None,
    payload: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
    source: str = "web",
) -> Stay:
    """Record a step of a stay (check, room, exit, hand-over) and what it means for the person's measure."""
    if name not in STAY_STEPS:
        raise ValueError(f"not a center step: {name}")
    with transaction.atomic():
        event = event_record(
            name=name,
            subject_key=str(stay.stay_id),
            actor=actor,
            payload=payload or {},
            occurred_at=occurred_at,
            source=source,
        )
        measure = Measure.objects.filter(pk=stay.measure_id).first() if stay.measure_id else None
        if measure is not None and measure.status != MeasureStatus.ENDED:
            if (
                name == "center.left"
                and event.payload.get("reason") == "released"
                and measure.kind in ENDS_WITH_RELEASE
            ):
                measure_event(
                    measure=measure,
                    name="measure.ended",
                    actor=actor,
                    payload={"reason": "released"},
                    occurred_at=event.occurred_at,
                    source=source,
                )
            elif name == "center.handed_over" and measure.kind in JAILED_KINDS and not measure.jailed_at:
                measure_event(
                    measure=measure,
                    name="measure.jailed",
                    actor=actor,
                    payload={"note": event.payload.get("to", "")},
                    occurred_at=event.occurred_at,
                    source=source,
                )
    return Stay.objects.get(pk=stay.pk)


def room_create(*, actor: Officer | None, center: Unit, name: str, kind: str, source: str = "web") -> Room:
    """Add a room (候问室, 询问/讯问室 …) to a case-handling center (`unit.room_added`)."""
    event_record(
        name="unit.room_added",
        subject_key=center.code,
        actor=actor,
        source=source,
        payload={"name": name.strip(), "kind": kind},
    )
    return Room.objects.get(center=center, name=name.strip())
