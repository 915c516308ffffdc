"""Media over HTTP: upload (multipart) or register by URI, list and read (scoped), the linking proposals
and their confirmation or rejection. Mounted on the incidents router under /media (`register(router)` is
called before the incident routes, so that /media is not read as an incident number)."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import AwareDatetime, Field

from lawtrail.api.auth import request_officer, request_scope
from lawtrail.api.errors import body_fields, errors
from lawtrail.api.schemas import OfficerRef
from lawtrail.common.errors import NotFound, ValidationFailed
from lawtrail.org.models import Officer
from lawtrail.web.selectors import units_in_scope

from .choices import LinkStatus, LinkTarget, MediaKind
from .media_selectors import media_get, media_list, media_proposals
from .media_services import (
    media_link_confirm,
    media_link_reject,
    media_propose_links,
    media_register_uri,
    media_upload,
)
from .models import LinkProposal, MediaRecord


class ProposalOut(Schema):
    id: int
    target_type: LinkTarget
    target: str = Field(description="警情编号、案件编号或询问/讯问编号")
    score: float
    reasons: list[str]
    status: LinkStatus
    proposed_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_target(obj: LinkProposal) -> str:
        return obj.target_key


class MediaOut(Schema):
    media_id: uuid.UUID
    kind: MediaKind
    captured_at: datetime
    sha256: str
    stored: bool = Field(description="文件保存在本系统（可下载）")
    uri: str
    content_type: str
    size: int | None
    duration_seconds: int | None
    officer: OfficerRef | None
    place: str
    incident: str | None = Field(description="关联警情编号")
    case: str | None = Field(description="关联案件编号")
    interview: uuid.UUID | None = Field(description="关联询问/讯问编号")
    proposals: list[ProposalOut]

    @staticmethod
    def resolve_stored(obj: MediaRecord) -> bool:
        return obj.is_stored

    @staticmethod
    def resolve_incident(obj: MediaRecord) -> str | None:
        return obj.incident.number if obj.incident_id else None

    @staticmethod
    def resolve_case(obj: MediaRecord) -> str | None:
        return obj.case.number if obj.case_id else None

    @staticmethod
    def resolve_interview(obj: MediaRecord) -> uuid.UUID | None:
        return obj.interview.interview_id if obj.interview_id else None

    @staticmethod
    def resolve_proposals(obj: MediaRecord) -> list[LinkProposal]:
        return list(media_proposals(obj))


class MediaMeta(Schema):
    kind: MediaKind
    captured_at: AwareDatetime = Field(description="拍摄/录制时间")
    unit: str = Field(min_length=1, description="保管单位机构代码（须在您的范围内）")
    officer: str | None = Field(None, description="拍摄民警警号")
    place: str = ""
    duration_seconds: int | None = Field(None, ge=0)


class MediaUriIn(MediaMeta):
    uri: str = Field(min_length=1, max_length=500)
    sha256: str = Field(pattern=r"^[0-9A-Fa-f]{64}$", description="64位十六进制 SHA-256")


class DecisionIn(Schema):
    note: str = Field("", max_length=500)


class MediaQuery(Schema):
    pending: bool = Field(False, description="只列出有待确认关联建议的")


def _meta(request: HttpRequest, data: MediaMeta) -> dict:
    unit = next((u for u in units_in_scope(request_scope(request)) if u.code == data.unit), None)
    if unit is None:
        raise NotFound(f"单位{data.unit}不存在或不在您的范围内", field="unit")
    officer = None
    if data.officer:
        officer = Officer.objects.filter(badge_no=data.officer).first()
        if officer is None:
            raise NotFound(f"警号{data.officer}对应的民警不存在", field="officer")
    return {
        "actor": request_officer(request),
        "kind": data.kind.value,
        "captured_at": data.captured_at,
        "unit": unit,
        "officer": officer,
        "place": data.place,
        "duration_seconds": data.duration_seconds,
        "source": "api",
    }


def _proposal(request: HttpRequest, media_id: str, proposal_id: int) -> LinkProposal:
    media = media_get(request_scope(request), media_id)
    proposal = media.proposals.filter(pk=proposal_id).select_related("media").first()
    if proposal is None:
        raise NotFound(f"没有关联建议{proposal_id}")
    return proposal


def register(router: Router) -> None:
    """Add the media endpoints to the incidents router (before its /{number} routes)."""

    @router.get(
        "/media",
        response={200: list[MediaOut], **errors(422)},
        summary="音视频资料 Media in scope (latest 200)",
    )
    def list_media(request: HttpRequest, filters: Query[MediaQuery]):
        qs = media_list(request_scope(request), pending_only=filters.pending).select_related("interview")
        return list(qs[:200])

    @router.post(
        "/media/upload",
        response={201: MediaOut, **errors(404, 422)},
        summary="上传音视频 Upload a file (multipart: file + fields)",
        description="视频、音频、图片或PDF（按文件内容识别）；上传时计算SHA-256；然后提出关联建议。",
    )
    def upload_media(request: HttpRequest, data: Form[MediaMeta], file: File[UploadedFile]):
        with body_fields():
            media = media_upload(upload=file, **_meta(request, data))
        return Status(201, media_get(request_scope(request), str(media.media_id)))

    @router.post(
        "/media", response={201: MediaOut, **errors(404, 422)}, summary="登记外部音视频 Register by URI"
    )
    def register_media(request: HttpRequest, data: MediaUriIn):
        sha = data.sha256.strip().lower()
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise ValidationFailed("SHA-256应为64位十六进制数", field="sha256")
        with body_fields():
            media = media_register_uri(uri=data.uri, sha256=sha, **_meta(request, data))
        return Status(201, media_get(request_scope(request), str(media.media_id)))

    @router.get("/media/{media_id}", response={200: MediaOut, **errors(404)}, summary="音视频详情 Media")
    def get_media(request: HttpRequest, media_id: str):
        return media_get(request_scope(request), media_id)

    @router.post(
        "/media/{media_id}/propose",
        response={200: MediaOut, **errors(404, 422)},
        summary="查找关联 Propose links again",
    )
    def propose_media(request: HttpRequest, media_id: str):
        media = media_get(request_scope(request), media_id)
        media_propose_links(media=media, actor=request_officer(request), source="api")
        return media_get(request_scope(request), media_id)

    @router.post(
        "/media/{media_id}/proposals/{proposal_id}/confirm",
        response={200: MediaOut, **errors(404, 409, 422)},
        summary="确认关联 Confirm a proposal",
    )
    def confirm_proposal(request: HttpRequest, media_id: str, proposal_id: int, data: DecisionIn):
        proposal = _proposal(request, media_id, proposal_id)
        media_link_confirm(proposal=proposal, actor=request_officer(request), note=data.note)
        return media_get(request_scope(request), media_id)

    @router.post(
        "/media/{media_id}/proposals/{proposal_id}/reject",
        response={200: MediaOut, **errors(404, 409, 422)},
        summary="否定关联 Reject a proposal",
    )
    def reject_proposal(request: HttpRequest, media_id: str, proposal_id: int, data: DecisionIn):
        proposal = _proposal(request, media_id, proposal_id)
        media_link_reject(proposal=proposal, actor=request_officer(request), note=data.note)
        return media_get(request_scope(request), media_id)
