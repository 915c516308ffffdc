"""Media events: a file stored or an external recording registered, and the linking proposals (智能关联)
proposed, confirmed or rejected by a person. Subject: the media record (key = media id).

Confirming a link to an incident or a case is followed, in the same transaction, by that subject's own
`incident.media_linked` / `case.media_linked` (media_services.media_link_confirm): that is the event the
recording rules read (supervision/catalogue/08_recording.yaml) and the one their timelines show.
"""

from __future__ import annotations

import re
import uuid

from pydantic import AwareDatetime, Field, model_validator

from lawtrail.common.errors import TransitionNotAllowed, ValidationFailed
from lawtrail.events.registry import Context, Payload, Subject, event_type, register_subject

from .choices import LinkStatus, LinkTarget, MediaKind
from .events import officer_by_badge, unit_by_code
from .models import LinkProposal, MediaRecord

SHA256 = re.compile(r"^[0-9a-f]{64}$")

register_subject(Subject("media", lambda: MediaRecord, "media_id", "音视频记录"))


class MediaRegistered(Payload):
    kind: MediaKind
    captured_at: AwareDatetime = Field(description="拍摄/录制时间")
    sha256: str = Field(description="小写十六进制 SHA-256")
    unit: str = Field(description="保管单位机构代码")
    uri: str = Field("", max_length=500, description="外部存储地址（登记外部音视频时）")
    storage_name: str = Field("", max_length=300, description="本系统存储键（上传文件时，由系统填写）")
    size: int | None = Field(None, ge=0)
    content_type: str = Field("", max_length=100)
    original_name: str = Field("", max_length=255)
    duration_seconds: int | None = Field(None, ge=0)
    officer: str | None = Field(None, description="拍摄民警警号")
    place: str = Field("", max_length=200, description="拍摄地点")

    @model_validator(mode="after")
    def one_location(self) -> MediaRegistered:
        if not SHA256.match(self.sha256):
            raise ValueError("SHA-256应为64位小写十六进制数，请核对校验值")
        if bool(self.uri) == bool(self.storage_name):
            raise ValueError("请上传文件或填写外部存储地址（二者选一）")
        return self


class LinkPayload(Payload):
    target_type: LinkTarget
    target: str = Field(min_length=1, max_length=64, description="警情编号、案件编号或询问/讯问编号")
    note: str = Field("", max_length=500)


class LinkProposed(LinkPayload):
    score: float = Field(ge=0, le=1)
    reasons: list[str] = Field(default_factory=list)


@event_type("media.registered", payload=MediaRegistered, label="登记音视频资料", creates=True)
def apply_media_registered(ctx: Context) -> MediaRecord:
    """A file is stored (its SHA-256 computed on upload) or an external recording registered by URI and
    hash, with its capture time, officer and place; held by a unit until it is linked."""
    p: MediaRegistered = ctx.payload
    try:
        media_id = uuid.UUID(ctx.subject_key)
    except ValueError:
        raise ValidationFailed("音视频编号应为UUID", field="subject") from None
    unit = unit_by_code(p.unit, "payload.unit")
    return MediaRecord.objects.create(
        media_id=media_id,
        kind=p.kind,
        uri=p.uri or p.storage_name,
        storage_name=p.storage_name,
        sha256=p.sha256,
        size=p.size,
        content_type=p.content_type,
        original_name=p.original_name,
        captured_at=p.captured_at,
        duration_seconds=p.duration_seconds,
        officer=officer_by_badge(p.officer, "payload.officer") if p.officer else None,
        place=p.place,
        unit=unit,
        bureau_id=unit.bureau_id,
        registered_at=ctx.recorded_at,
    )


def _proposal(media: MediaRecord, p: LinkPayload, *, for_update: bool = True) -> LinkProposal:
    qs = LinkProposal.objects.filter(media=media, target_type=p.target_type, target_key=p.target)
    proposal = (qs.select_for_update() if for_update else qs).first()
    if proposal is None:
        raise ValidationFailed(
            f"没有将该音视频关联到{LinkTarget(p.target_type).label}{p.target}的建议", field="payload.target"
        )
    if proposal.status != LinkStatus.PROPOSED:
        raise TransitionNotAllowed(
            f"该关联建议已{LinkStatus(proposal.status).label}，不能再次处理", code="proposal_decided"
        )
    return proposal


@event_type("media.link_proposed", payload=LinkProposed, label="提出关联建议")
def apply_link_proposed(ctx: Context) -> MediaRecord:
    """The linking finds a probable incident, case or interview for the media (by officer, time window and
    place); the proposal waits for a person. A target proposed once is not proposed again."""
    media: MediaRecord = ctx.subject
    p: LinkProposed = ctx.payload
    if LinkProposal.objects.filter(media=media, target_type=p.target_type, target_key=p.target).exists():
        raise ValidationFailed("已提出过该关联建议", code="already_proposed", field="payload.target")
    target = _target(p)
    LinkProposal.objects.create(
        media=media,
        target_type=p.target_type,
        target_key=p.target,
        score=p.score,
        reasons=p.reasons,
        proposed_at=ctx.occurred_at,
        **target,
    )
    return media


def _target(p: LinkPayload) -> dict:
    from lawtrail.cases.models import Case
    from lawtrail.measures.models import Interview

    from .models import Incident

    if p.target_type == LinkTarget.INCIDENT:
        found = {"incident": Incident.objects.filter(number=p.target).first()}
    elif p.target_type == LinkTarget.CASE:
        found = {"case": Case.objects.filter(number=p.target).first()}
    else:
        try:
            key = uuid.UUID(p.target)
        except ValueError:
            raise ValidationFailed("询问/讯问编号应为UUID", field="payload.target") from None
        found = {"interview": Interview.objects.filter(interview_id=key).first()}
    if next(iter(found.values())) is None:
        raise ValidationFailed(f"{LinkTarget(p.target_type).label}{p.target}不存在", field="payload.target")
    return found


@event_type("media.link_confirmed", payload=LinkPayload, label="确认关联")
def apply_link_confirmed(ctx: Context) -> MediaRecord:
    """A person confirms a proposal. An interview gets the media as its recording here; an incident or a
    case through its own media_linked event recorded with this one."""
    media: MediaRecord = ctx.subject
    proposal = _proposal(media, ctx.payload)
    if proposal.target_type == LinkTarget.INTERVIEW:
        if media.interview_id and media.interview_id != proposal.interview_id:
            raise TransitionNotAllowed("该音视频已关联到另一次询问/讯问", code="already_linked")
        media.interview_id = proposal.interview_id
        media.case_id = media.case_id or proposal.interview.case_id
        media.save(update_fields=["interview", "case"])
    proposal.status = LinkStatus.CONFIRMED
    proposal.decided_at, proposal.decided_by, proposal.note = ctx.occurred_at, ctx.actor, ctx.payload.note
    proposal.save(update_fields=["status", "decided_at", "decided_by", "note"])
    return media


@event_type("media.link_rejected", payload=LinkPayload, label="否定关联")
def apply_link_rejected(ctx: Context) -> MediaRecord:
    """A person rejects a proposal (not this incident, another officer's camera …); it is not proposed
    again."""
    media: MediaRecord = ctx.subject
    proposal = _proposal(media, ctx.payload)
    proposal.status = LinkStatus.REJECTED
    proposal.decided_at, proposal.decided_by, proposal.note = ctx.occurred_at, ctx.actor, ctx.payload.note
    proposal.save(update_fields=["status", "decided_at", "decided_by", "note"])
    return media
