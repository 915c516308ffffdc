"""Case writes. Each service records one event (events/services.event_record) in one transaction."""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction

from lawtrail.common import clock
from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.models import sequence_next
from lawtrail.events.models import Event
from lawtrail.events.services import event_record
from lawtrail.org.models import Officer, Unit

from .events import case_number, case_sequence_key
from .models import Case, Offence

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(8))


def case_accept(
    *,
    actor: Officer | None,
    unit: Unit,
    kind: str,
    title: str,
    summary: str = "",
    offence: str | None = None,
    procedure: str = "general",
    incident: str | None = None,
    occurred_at: datetime | None = None,
    lead: Officer | None = None,
    source: str = "web",
) -> Case:
    """Accept a case (受案): allocate its number, record `case.accepted`, and assign the lead handler."""
    occurred_at = occurred_at or clock.now()
    year = occurred_at.astimezone(LEGAL_TZ).year
    with transaction.atomic():
        number = case_number(unit.code, kind, year, sequence_next(case_sequence_key(unit.code, kind, year)))
        event_record(
            name="case.accepted",
            subject_key=number,
            actor=actor,
            occurred_at=occurred_at,
            source=source,
            payload={
                "unit": unit.code,
                "kind": kind,
                "title": title,
                "summary": summary,
                "offence": offence or None,
                "procedure": procedure,
                "incident": incident,
                "query_code": new_query_code(),
            },
        )
        if lead is not None:
            case_event(
                case=Case.objects.get(number=number),
                name="case.handler_assigned",
                actor=actor,
                payload={"officer": lead.badge_no, "role": "lead"},
                occurred_at=occurred_at,
                source=source,
            )
        return Case.objects.get(number=number)


def case_event(
    *,
    case: Case,
    name: str,
    actor: Officer | None,
    payload: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
    source: str = "web",
) -> Event:
    """Record a case event (a transition, a party, a handler …); the event type validates and applies it."""
    if not name.startswith("case.") or name == "case.accepted":
        raise ValueError(f"not a case event: {name}")
    return event_record(
        name=name,
        subject_key=case.number,
        actor=actor,
        payload=payload or {},
        occurred_at=occurred_at,
        source=source,
    )


def case_add_party(
    *,
    case: Case,
    actor: Officer | None,
    occurred_at: datetime | None = None,
    source: str = "web",
    **fields: Any,
) -> Event:
    payload = {"party_id": str(uuid.uuid4()), **{k: v for k, v in fields.items() if v is not None}}
    return case_event(
        case=case,
        name="case.party_added",
        actor=actor,
        payload=payload,
        occurred_at=occurred_at,
        source=source,
    )


OFFENCES_FILE = Path(__file__).parent / "data" / "offences.json"


def offences_sync(path: Path = OFFENCES_FILE) -> int:
    """Load the offence catalogue (reference data, not events: every database carries the same list)."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    fields = ("name", "kind", "category", "law", "versions", "mediation", "fast_track", "notes")
    existing = {o.code: o for o in Offence.objects.all()}
    for row in rows:
        offence = existing.get(row["code"]) or Offence(code=row["code"])
        for f in fields:
            setattr(offence, f, row[f])
        offence.is_active = True
        offence.save()
    return len(rows)
