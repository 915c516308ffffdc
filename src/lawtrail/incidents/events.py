"""Incident events: intake, dispatch, arrival, disposal, conversion, daily review and linked media."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import AwareDatetime, Field

from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.common.keyed import get_by_key
from lawtrail.common.models import sequence_observe
from lawtrail.events.registry import Context, Payload, Subject, event_type, register_subject
from lawtrail.org.models import Officer, Unit

from .choices import Category, Disposal, MediaKind, Source, Status
from .machine import INCIDENT_MACHINE
from .models import Incident, MediaRecord

register_subject(Subject("incident", lambda: Incident, "number", "警情"))


class IncidentReceived(Payload):
    unit: str = Field(description="管辖单位机构代码")
    source: Source
    place: str = Field(min_length=1, max_length=200)
    category: Category
    reporter_name: str = Field("", max_length=50)
    reporter_phone: str = Field("", max_length=30)
    description: str = Field(min_length=1, max_length=5000)


class IncidentDispatched(Payload):
    unit: str = Field(description="处警单位机构代码")
    officers: list[str] = Field(default_factory=list, description="出警民警警号")


class Note(Payload):
    note: str = Field("", max_length=2000)


class IncidentDisposed(Payload):
    disposal: Disposal
    note: str = Field("", max_length=2000)


class IncidentConverted(Payload):
    case: str = Field(description="案件编号")


class MediaLinked(Payload):
    media_id: uuid.UUID
    kind: MediaKind
    uri: str = Field(min_length=1, max_length=500)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="小写十六进制 SHA-256")
    captured_at: AwareDatetime
    duration_seconds: int | None = Field(None, ge=0)
    officer: str | None = Field(None, description="拍摄民警警号")


def unit_by_code(code: str, field: str) -> Unit:
    unit = get_by_key(Unit, "code", code)
    if unit is None:
        raise NotFound(f"单位{code}不存在", field=field)
    return unit


def officer_by_badge(badge: str, field: str) -> Officer:
    officer = get_by_key(Officer, "badge_no", badge)
    if officer is None:
        raise NotFound(f"警号{badge}对应的民警不存在", field=field)
    return officer


def incident_sequence_key(unit: Unit, day: datetime) -> str:
    return f"incident:{unit.code}:{day:%Y%m%d}"


@event_type("incident.received", payload=IncidentReceived, label="接警", creates=True)
def apply_received(ctx: Context) -> Incident:
    """A report is received (110 call, walk-in, online, or found on patrol)."""
    p: IncidentReceived = ctx.payload
    unit = unit_by_code(p.unit, "payload.unit")
    incident = Incident.objects.create(
        number=ctx.subject_key,
        bureau_id=unit.bureau_id,
        unit=unit,
        source=p.source,
        received_at=ctx.occurred_at,
        place=p.place,
        category=p.category,
        reporter_name=p.reporter_name,
        reporter_phone=p.reporter_phone,
        description=p.description,
    )
    # Numbers made elsewhere (an import) move this unit's counter past them.
    tail = ctx.subject_key[-4:]
    if ctx.subject_key.startswith(f"J{unit.code}") and tail.isdigit():
        sequence_observe(incident_sequence_key(unit, ctx.occurred_at.astimezone(LEGAL_TZ)), int(tail))
    return incident


def _check_time(incident: Incident, ctx: Context) -> None:
    if ctx.occurred_at < incident.received_at:
        raise ValidationFailed("发生时间早于接警时间，请核对时间", field="occurred_at")


@event_type("incident.dispatched", payload=IncidentDispatched, label="派警")
def apply_dispatched(ctx: Context) -> Incident:
    """Officers of a unit are sent to the scene."""
    incident: Incident = ctx.subject
    INCIDENT_MACHINE.check(ctx.name, incident.status)
    _check_time(incident, ctx)
    dispatch_unit = unit_by_code(ctx.payload.unit, "payload.unit")
    if dispatch_unit.bureau_id != incident.bureau_id:
        raise ValidationFailed("只能派本局单位处警", field="payload.unit")
    incident.dispatch_unit = dispatch_unit
    incident.dispatched_at = ctx.occurred_at
    incident.status = Status.DISPATCHED
    incident.save(update_fields=["dispatch_unit", "dispatched_at", "status"])
    officers = [officer_by_badge(b, f"payload.officers.{i}") for i, b in enumerate(ctx.payload.officers)]
    incident.dispatch_officers.set(officers)
    return incident


@event_type("incident.arrived", payload=Note, label="到达现场")
def apply_arrived(ctx: Context) -> Incident:
    """The dispatched officers arrive at the scene."""
    incident: Incident = ctx.subject
    INCIDENT_MACHINE.check(ctx.name, incident.status)
    _check_time(incident, ctx)
    incident.arrived_at = ctx.occurred_at
    incident.status = Status.ARRIVED
    incident.save(update_fields=["arrived_at", "status"])
    return incident


@event_type("incident.disposed", payload=IncidentDisposed, label="处警结果")
def apply_disposed(ctx: Context) -> Incident:
    """The disposal is recorded: accepted as a case, mediated, not a police matter, invalid or transferred."""
    incident: Incident = ctx.subject
    INCIDENT_MACHINE.check(ctx.name, incident.status)
    _check_time(incident, ctx)
    incident.disposal = ctx.payload.disposal
    incident.disposal_note = ctx.payload.note
    incident.disposed_at = ctx.occurred_at
    incident.status = Status.DISPOSED
    incident.save(update_fields=["disposal", "disposal_note", "disposed_at", "status"])
    return incident


@event_type("incident.converted", payload=IncidentConverted, label="转为案件")
def apply_converted(ctx: Context) -> Incident:
    """An incident accepted as a case is linked to the case it became."""
    from lawtrail.cases.models import Case

    incident: Incident = ctx.subject
    INCIDENT_MACHINE.check(ctx.name, incident.status)
    if incident.disposal != Disposal.ACCEPTED_AS_CASE:
        raise TransitionNotAllowed(
            f"处警结果为「{incident.get_disposal_display()}」的警情不能转为案件；只有处警结果为「受案」的警情才能转为案件",
            code="transition_not_allowed",
        )
    case = get_by_key(Case, "number", ctx.payload.case)
    if case is None:
        raise NotFound(f"案件{ctx.payload.case}不存在", field="payload.case")
    if case.incident_id not in (None, incident.id):
        raise ValidationFailed(f"案件{case.number}已关联其他警情", field="payload.case")
    case.incident = incident
    case.save(update_fields=["incident"])
    incident.status = Status.CONVERTED
    incident.save(update_fields=["status"])
    return incident


@event_type("incident.reviewed", payload=Note, label="警情审核")
def apply_reviewed(ctx: Context) -> Incident:
    """The duty leader reviews the incident (daily review of yesterday's incidents)."""
    incident: Incident = ctx.subject
    incident.reviewed_at = ctx.occurred_at
    incident.reviewed_by = ctx.actor
    incident.review_note = ctx.payload.note
    incident.save(update_fields=["reviewed_at", "reviewed_by", "review_note"])
    return incident


def media_register(
    p: MediaLinked, *, incident: Incident | None, case, registered_at: datetime
) -> MediaRecord:
    """Register a recording by URI, SHA-256 and capture time and link it (shared by incident.media_linked
    and case.media_linked). A media id already in the store (uploaded, or registered by URI) is linked
    instead — if its hash and kind are the ones given and it is not linked elsewhere."""
    existing = MediaRecord.objects.select_for_update().filter(media_id=p.media_id).first()
    if existing is not None:
        return _link_existing(existing, p, incident=incident, case=case)
    owner = incident or case
    return MediaRecord.objects.create(
        media_id=p.media_id,
        kind=p.kind,
        uri=p.uri,
        sha256=p.sha256,
        captured_at=p.captured_at,
        duration_seconds=p.duration_seconds,
        officer=officer_by_badge(p.officer, "payload.officer") if p.officer else None,
        incident=incident,
        case=case,
        unit_id=owner.unit_id if owner else None,
        bureau_id=owner.bureau_id if owner else None,
        registered_at=registered_at,
    )


def _link_existing(media: MediaRecord, p: MediaLinked, *, incident: Incident | None, case) -> MediaRecord:
    if media.sha256 != p.sha256 or media.kind != p.kind:
        raise ValidationFailed(
            f"音视频记录{p.media_id}已登记，但SHA-256或类型与登记的不符，请核对", field="payload.sha256"
        )
    for field, value in (("incident", incident), ("case", case)):
        linked = getattr(media, f"{field}_id")
        if value is not None and linked and linked != value.pk:
            raise ValidationFailed(
                f"音视频记录{p.media_id}已关联到其他{'警情' if field == 'incident' else '案件'}",
                code="linked_elsewhere",
                field="payload.media_id",
            )
    if (incident is None or media.incident_id == incident.pk) and (case is None or media.case_id == case.pk):
        raise ValidationFailed(f"音视频记录{p.media_id}已登记并关联", field="payload.media_id")
    media.incident = media.incident or incident
    media.case = media.case or case
    media.save(update_fields=["incident", "case"])
    return media


@event_type("incident.media_linked", payload=MediaLinked, label="关联音视频")
def apply_media_linked(ctx: Context) -> Incident:
    """A recording (call recording, body-camera clip, CCTV) is registered and linked to the incident."""
    incident: Incident = ctx.subject
    media_register(ctx.payload, incident=incident, case=incident.cases.first(), registered_at=ctx.recorded_at)
    return incident
