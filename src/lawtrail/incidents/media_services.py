"""Media writes: store an upload or register an external recording, propose links (智能关联), confirm or
reject them. Every change is an event (media_events.py) recorded through events.services.event_record."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction

from lawtrail.common.errors import DomainError
from lawtrail.events.services import event_record
from lawtrail.org.models import Officer, Unit

from .choices import LinkStatus, LinkTarget
from .linking import DEFAULT_THRESHOLD, propose
from .media_selectors import link_targets, media_facts
from .media_store import store
from .models import LinkProposal, MediaRecord


def media_upload(
    *,
    actor: Officer | None,
    upload: File,
    kind: str,
    captured_at: datetime,
    unit: Unit,
    officer: Officer | None = None,
    place: str = "",
    duration_seconds: int | None = None,
    propose_links: bool = True,
    source: str = "web",
) -> MediaRecord:
    """Store a file (type checked from its content, SHA-256 computed while reading it) and register it
    (`media.registered`); then propose its links. A refused registration removes the stored file."""
    stored = store(upload, captured_at=captured_at)
    try:
        media = _register(
            actor=actor,
            source=source,
            payload={
                "kind": kind,
                "captured_at": captured_at.isoformat(),
                "sha256": stored.sha256,
                "unit": unit.code,
                "storage_name": stored.storage_name,
                "size": stored.size,
                "content_type": stored.content_type,
                "original_name": (getattr(upload, "name", "") or "")[:255],
                "duration_seconds": duration_seconds,
                "officer": officer.badge_no if officer else None,
                "place": place,
            },
        )
    except DomainError:
        default_storage.delete(stored.storage_name)
        raise
    if propose_links:
        media_propose_links(media=media, actor=None, source=source)
    return media


def media_register_uri(
    *,
    actor: Officer | None,
    uri: str,
    sha256: str,
    kind: str,
    captured_at: datetime,
    unit: Unit,
    officer: Officer | None = None,
    place: str = "",
    duration_seconds: int | None = None,
    propose_links: bool = True,
    source: str = "web",
) -> MediaRecord:
    """Register a recording kept in another system by its URI and SHA-256 (`media.registered`)."""
    media = _register(
        actor=actor,
        source=source,
        payload={
            "kind": kind,
            "captured_at": captured_at.isoformat(),
            "sha256": sha256.strip().lower(),
            "unit": unit.code,
            "uri": uri,
            "duration_seconds": duration_seconds,
            "officer": officer.badge_no if officer else None,
            "place": place,
        },
    )
    if propose_links:
        media_propose_links(media=media, actor=None, source=source)
    return media


def _register(*, actor: Officer | None, source: str, payload: dict) -> MediaRecord:
    media_id = str(uuid.uuid4())
    event_record(name="media.registered", subject_key=media_id, actor=actor, payload=payload, source=source)
    return MediaRecord.objects.get(media_id=media_id)


def media_propose_links(
    *,
    media: MediaRecord,
    actor: Officer | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    source: str = "web",
) -> list[LinkProposal]:
    """Find the probable incidents, interviews and cases of `media` and record a proposal for each one not
    proposed before (`media.link_proposed`, by the system when `actor` is None). Returns the new ones."""
    known = set(media.proposals.values_list("target_type", "target_key"))
    new = [
        c
        for c in propose(media_facts(media), link_targets(media), threshold=threshold)
        if (c.target.type, c.target.key) not in known
    ]
    with transaction.atomic():
        for c in new:
            event_record(
                name="media.link_proposed",
                subject_key=str(media.media_id),
                actor=actor,
                source=source,
                payload={
                    "target_type": c.target.type,
                    "target": c.target.key,
                    "score": c.score,
                    "reasons": list(c.reasons),
                },
            )
    keys = {(c.target.type, c.target.key) for c in new}
    return [p for p in media.proposals.all() if (p.target_type, p.target_key) in keys]


def media_link_confirm(*, proposal: LinkProposal, actor: Officer | None, note: str = "") -> MediaRecord:
    """Confirm a proposal: `media.link_confirmed`, and for an incident or a case its own `media_linked`
    event (what the recording rules and the timelines read) — one transaction."""
    media = proposal.media
    payload = {"target_type": proposal.target_type, "target": proposal.target_key, "note": note}
    with transaction.atomic():
        event_record(
            name="media.link_confirmed", subject_key=str(media.media_id), actor=actor, payload=payload
        )
        if proposal.target_type in (LinkTarget.INCIDENT, LinkTarget.CASE):
            media.refresh_from_db()
            event_record(
                name=f"{proposal.target_type}.media_linked",
                subject_key=proposal.target_key,
                actor=actor,
                payload={
                    "media_id": str(media.media_id),
                    "kind": media.kind,
                    "uri": media.uri,
                    "sha256": media.sha256,
                    "captured_at": media.captured_at.isoformat(),
                    "duration_seconds": media.duration_seconds,
                    "officer": media.officer.badge_no if media.officer else None,
                },
            )
    return MediaRecord.objects.get(pk=media.pk)


def media_link_reject(*, proposal: LinkProposal, actor: Officer | None, note: str = "") -> LinkProposal:
    """Reject a proposal (`media.link_rejected`); it is not proposed again."""
    event_record(
        name="media.link_rejected",
        subject_key=str(proposal.media.media_id),
        actor=actor,
        payload={"target_type": proposal.target_type, "target": proposal.target_key, "note": note},
    )
    proposal.refresh_from_db()
    assert proposal.status == LinkStatus.REJECTED
    return proposal
