"""法律文书 over HTTP: list a case's documents, draft, edit, issue, correct, serve, and fetch the files.

Thin: parse, call a selector or a service, shape the answer. The event types validate and enforce the
document's state machine (409: an issued document is locked); the selectors scope like the case (404).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from pydantic import AwareDatetime

from lawtrail.api.auth import request_officer, request_scope
from lawtrail.api.errors import body_fields, errors
from lawtrail.cases.selectors import case_get
from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed

from . import events as _events  # noqa: F401  (the event types must be registered)
from .choices import DocumentStatus, ServiceMethod, ServiceTo
from .kinds import KINDS
from .models import Document, Service
from .render import read, sha256
from .selectors import case_documents, document_get
from .services import document_draft, document_edit, document_issue, document_serve

router = Router(tags=["法律文书 documents"])

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class ServiceOut(Schema):
    to: ServiceTo
    method: ServiceMethod
    served_at: datetime
    recipient: str
    receiver: str
    relationship: str
    place: str
    refused: bool
    refusal_reason: str
    witness: str
    recording_ref: str
    postal_no: str
    consent_ref: str
    server: str | None = Field(description="送达人警号")

    @staticmethod
    def resolve_server(obj: Service) -> str | None:
        return obj.server.badge_no if obj.server_id else None


class DocumentOut(Schema):
    document_id: str
    case: str = Field(description="案件编号")
    kind: str
    title: str
    status: DocumentStatus
    number: str = Field(description="文号（签发后）")
    party: uuid.UUID | None
    fields: dict[str, str]
    corrects: str | None = Field(description="被更正的文书编号")
    issued_at: datetime | None
    pdf_sha256: str
    docx_sha256: str
    services: list[ServiceOut]

    @staticmethod
    def resolve_case(obj: Document) -> str:
        return obj.case.number

    @staticmethod
    def resolve_party(obj: Document) -> uuid.UUID | None:
        return obj.party.party_id if obj.party_id else None

    @staticmethod
    def resolve_corrects(obj: Document) -> str | None:
        return obj.corrects.document_id if obj.corrects_id else None

    @staticmethod
    def resolve_services(obj: Document) -> list[Service]:
        return list(obj.services.all())


class CaseQuery(Schema):
    case: str = Field(description="案件编号")


class DraftIn(Schema):
    case: str = Field(description="案件编号（须在您的范围内）")
    kind: str = Field(description="文书种类：" + "、".join(f"{k} {v.title}" for k, v in KINDS.items()))
    party: uuid.UUID | None = Field(None, description="当事人编号")
    measure: uuid.UUID | None = Field(None, description="依据的措施编号")
    fields: dict[str, str] = Field(default_factory=dict, description="覆盖由案件自动填写的栏目")
    occurred_at: AwareDatetime | None = None


class EditIn(Schema):
    fields: dict[str, str]


class IssueIn(Schema):
    occurred_at: AwareDatetime | None = Field(None, description="签发时间，缺省为现在（决定文号年度）")


class ServeIn(Schema):
    to: ServiceTo
    method: ServiceMethod
    recipient: str
    occurred_at: AwareDatetime | None = Field(None, description="送达时间（签收时间）")
    party: uuid.UUID | None = None
    receiver: str = ""
    relationship: str = ""
    place: str = ""
    refused: bool = False
    refusal_reason: str = ""
    witness: str = ""
    recording_ref: str = ""
    postal_no: str = ""
    consent_ref: str = ""
    server: str = Field("", description="送达人警号（缺省为登记人）")
    note: str = ""


def _out(request: HttpRequest, document: Document) -> Document:
    return document_get(request_scope(request), document.document_id)


@router.get(
    "", response={200: list[DocumentOut], **errors(404, 422)}, summary="案件的法律文书 Documents of a case"
)
def list_documents(request: HttpRequest, filters: Query[CaseQuery]):
    case = case_get(request_scope(request), filters.case)
    return list(case_documents(case).select_related("case"))


@router.post("", response={201: DocumentOut, **errors(404, 409, 422)}, summary="起草文书 Draft a document")
def create_document(request: HttpRequest, data: DraftIn):
    """Records `document.drafted`: the fields are filled from the case, then overridden by `fields`."""
    case = case_get(request_scope(request), data.case)
    if data.kind not in KINDS:
        raise ValidationFailed(f"没有这种文书：{data.kind}", field="kind")
    party = case.parties.filter(party_id=data.party).first() if data.party else None
    if data.party and party is None:
        raise NotFound(f"本案没有当事人{data.party}", field="party")
    measure = case.measures.filter(measure_id=data.measure).first() if data.measure else None
    if data.measure and measure is None:
        raise NotFound(f"本案没有措施{data.measure}", field="measure")
    with body_fields(type="kind"):
        document = document_draft(
            actor=request_officer(request),
            case=case,
            kind=data.kind,
            party=party,
            measure=measure,
            fields=data.fields,
            occurred_at=data.occurred_at,
            source="api",
        )
    return Status(201, _out(request, document))


@router.get("/{document_id}", response={200: DocumentOut, **errors(404)}, summary="文书详情 Document")
def get_document(request: HttpRequest, document_id: str):
    return document_get(request_scope(request), document_id)


@router.patch(
    "/{document_id}", response={200: DocumentOut, **errors(404, 409, 422)}, summary="修改草稿 Edit a draft"
)
def edit_document(request: HttpRequest, document_id: str, data: EditIn):
    """Records `document.edited`; an issued document is locked (409)."""
    document = document_get(request_scope(request), document_id)
    with body_fields():
        document_edit(document=document, actor=request_officer(request), fields=data.fields, source="api")
    return _out(request, document)


@router.post(
    "/{document_id}/issue", response={200: DocumentOut, **errors(404, 409, 422)}, summary="签发 Issue"
)
def issue_document(request: HttpRequest, document_id: str, data: IssueIn):
    """Records `document.issued`: numbers (文号), renders PDF and .docx, stores them with their SHA-256, locks."""
    document = document_get(request_scope(request), document_id)
    document_issue(
        document=document, actor=request_officer(request), occurred_at=data.occurred_at, source="api"
    )
    return _out(request, document)


@router.post(
    "/{document_id}/correct", response={201: DocumentOut, **errors(404, 409, 422)}, summary="更正 Correct"
)
def correct_document(request: HttpRequest, document_id: str):
    """Drafts a correction citing the document; issuing it marks this one corrected (`document.corrected`)."""
    document = document_get(request_scope(request), document_id)
    draft = document_draft(
        actor=request_officer(request),
        case=document.case,
        kind=document.kind,
        party=document.party,
        measure=document.measure,
        corrects=document,
        source="api",
    )
    return Status(201, _out(request, draft))


@router.post(
    "/{document_id}/services", response={201: DocumentOut, **errors(404, 409, 422)}, summary="送达 Serve"
)
def serve_document(request: HttpRequest, document_id: str, data: ServeIn):
    """Records `document.served` on one recipient, with the proof its method needs (422 without it)."""
    document = document_get(request_scope(request), document_id)
    details = data.model_dump(mode="json", exclude={"to", "method", "recipient", "occurred_at"})
    with body_fields():
        document_serve(
            document=document,
            actor=request_officer(request),
            to=data.to.value,
            method=data.method.value,
            recipient=data.recipient,
            occurred_at=data.occurred_at,
            source="api",
            **{k: v for k, v in details.items() if v not in ("", None, False)},
        )
    return Status(201, _out(request, document))


@router.get("/{document_id}/file.{fmt}", response={200: None, **errors(404, 409)}, summary="文件 PDF/.docx")
def document_file(request: HttpRequest, document_id: str, fmt: str):
    """The stored file of an issued document, checked against its SHA-256 (header X-Content-SHA256)."""
    document = document_get(request_scope(request), document_id)
    if fmt not in CONTENT_TYPES:
        raise NotFound(f"没有这种格式：{fmt}（可选 pdf、docx）")
    if document.status == DocumentStatus.DRAFT:
        raise TransitionNotAllowed("文书尚未签发，没有存档文件；请先签发（草稿可在页面上预览）")
    path, digest = (
        (document.pdf_path, document.pdf_sha256)
        if fmt == "pdf"
        else (document.docx_path, document.docx_sha256)
    )
    data = read(path)
    if sha256(data) != digest:
        raise ValidationFailed("文件校验失败：存储的文件与签发时的SHA-256不一致", code="checksum_mismatch")
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(document.title + document.number)}.{fmt}"
    )
    response["X-Content-SHA256"] = digest
    return response
