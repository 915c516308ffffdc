"""Incidents for the inspection tests: received, dispatched, with or without body-camera footage."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

from lawtrail.incidents.models import Incident
from lawtrail.incidents.services import incident_event, incident_receive
from lawtrail.org.models import Officer
from tests.factories import at


def incident(
    officer: Officer,
    *,
    when: str = "2026-03-01 10:00",
    dispatched: bool = True,
    footage: bool = True,
    place: str = "西江一路12号",
) -> Incident:
    """An incident of the officer's unit received at `when`; dispatched to that officer 5 minutes later and
    recorded on their body camera, unless told otherwise."""
    received = incident_receive(
        actor=officer,
        unit=officer.unit,
        source="call_110",
        place=place,
        category="public_order",
        description="有人打架",
        occurred_at=at(when),
    )
    moment = at(when)
    if dispatched:
        incident_event(
            incident=received,
            name="incident.dispatched",
            actor=officer,
            payload={"unit": officer.unit.code, "officers": [officer.badge_no]},
            occurred_at=(moment + timedelta(minutes=5)),
        )
    if footage:
        media_id = uuid.uuid4()
        incident_event(
            incident=received,
            name="incident.media_linked",
            actor=officer,
            payload={
                "media_id": str(media_id),
                "kind": "body_camera",
                "uri": f"evidence://bodycam/{media_id}.mp4",
                "sha256": hashlib.sha256(str(media_id).encode()).hexdigest(),
                "captured_at": (moment + timedelta(minutes=10)).isoformat(),
                "officer": officer.badge_no,
            },
            occurred_at=(moment + timedelta(minutes=30)),
        )
    received.refresh_from_db()
    return received


def incidents(officer: Officer, count: int, *, day: str = "2026-03-01", **kwargs) -> list[Incident]:
    """`count` incidents received on `day`, one every 10 minutes from 08:00."""
    return [
        incident(officer, when=f"{day} {8 + i // 6:02d}:{(i % 6) * 10:02d}", **kwargs) for i in range(count)
    ]
