"""Document writes. Each records events through events/services.event_record (one transaction); the event
types validate, apply, number, render and enforce the document's state machine (events.py)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db import transaction

from lawtrail.cases.models import Case, Party
from lawtrail.events.services import event_record
from lawtrail.org.models import Officer, Unit

from .models import Document


def document_draft(
    *,
    actor: Officer | None,
    case: Case,
    kind: str,
    party: Party | None = None,
    measure: Any = None,
    fields: dict[str, str] | None = None,
    corrects: Document | None = None,
    occurred_at: datetime | None = None,
    source: str = "web",
) -> Document:
    """Draft a document of `kind` for `case`, filled from the case (`document.drafted`)."""
    document_id = str(uuid.uuid4())
    event_record(
        name="document.drafted",
        subject_key=document_id,
        actor=actor,
        occurred_at=occurred_at,
        source=source,
        payload={
            "case": case.number,
            "type": kind,
            "party": str(party.party_id) if party else "",
            "measure": str(measure.measure_id) if measure else "",
            "corrects": corrects.document_id if corrects else "",
            "fields": fields or {},
        },
    )
    return Document.objects.get(document_id=document_id)


def document_edit(
    *, document: Document, actor: Officer | None, fields: dict[str, str], source: str = "web"
) -> Document:
    """Change fields of a draft (`document.edited`); refused once issued."""
    changed = {k: v for k, v in fields.items() if document.fields.get(k) != v}
    event_record(
        name="document.edited",
        subject_key=document.document_id,
        actor=actor,
        source=source,
        payload={"fields": changed},
    )
    return Document.objects.get(pk=document.pk)


def document_issue(
    *, document: Document, actor: Officer | None, occurred_at: datetime | None = None, source: str = "web"
) -> Document:
    """Issue a draft (`document.issued`): number, render, store, lock. A correction's issue also marks the
    document it corrects (`document.corrected`), in the same transaction."""
    with transaction.atomic():
        event_record(
            name="document.issued",
            subject_key=document.document_id,
            actor=actor,
            occurred_at=occurred_at,
            source=source,
            payload={},
        )
        issued = Document.objects.select_related("corrects").get(pk=document.pk)
        if issued.corrects_id:
            event_record(
                name="document.corrected",
                subject_key=issued.corrects.document_id,
                actor=actor,
                occurred_at=occurred_at,
                source=source,
                payload={"by": issued.document_id, "by_number": issued.number},
            )
    return issued


def document_serve(
    *,
    document: Document,
    actor: Officer | None,
    to: str,
    method: str,
    recipient: str,
    occurred_at: datetime | None = None,
    source: str = "web",
    **details: Any,
) -> Document:
    """Record the service of an issued document on one recipient (`document.served`)."""
    payload = {"to": to, "method": method, "recipient": recipient}
    payload.update({k: v for k, v in details.items() if v not in (None, "")})
    event_record(
        name="document.served",
        subject_key=document.document_id,
        actor=actor,
        occurred_at=occurred_at,
        source=source,
        payload=payload,
    )
    return Document.objects.get(pk=document.pk)


def numbering_set(*, unit: Unit, actor: Officer | None, source: str = "web", **settings: str) -> None:
    """Set a unit's 文号 parts and headings (`unit.document_numbering_set`)."""
    event_record(
        name="unit.document_numbering_set",
        subject_key=unit.code,
        actor=actor,
        payload=settings,
        source=source,
    )
