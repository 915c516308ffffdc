"""审计 over HTTP: the audit search for legal officers and administrators (403 for other roles)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from lawtrail.api.auth import request_officer, request_scope
from lawtrail.api.errors import errors
from lawtrail.api.schemas import Page, PageQuery, paginate

from .choices import AuditAction
from .selectors import AuditFilters, audit_search, persons_matching
from .services import audit_record

router = Router(tags=["审计 audit"])


class AuditEntryOut(Schema):
    position: int = Field(description="链上序号")
    at: datetime
    action: AuditAction
    actor_badge: str = Field(description="操作人警号")
    actor_name: str
    username: str = Field(description="登录账号（登录类记录）")
    object_type: str = Field(description="对象类型：case、incident、party …")
    object_key: str = Field(description="对象编号")
    persons: int = Field(description="涉及人员数")
    request_id: str
    ip: str
    via: str = Field(description="途径：web、api、command")
    detail: dict
    hash: str = Field(description="本条哈希（SHA-256，含前一条的哈希）")

    @staticmethod
    def resolve_persons(obj) -> int:
        return len(obj.persons or [])


class AuditQuery(PageQuery):
    person: str = Field("", max_length=50, description="身份证号或当事人姓名（谁看过这个人）")
    officer: str = Field("", max_length=80, description="操作人警号、姓名或账号")
    action: AuditAction | None = None
    object_key: str = Field("", max_length=80, description="案件或警情编号")
    date_from: date | None = None
    date_to: date | None = None


@router.get(
    "/entries",
    response={200: Page[AuditEntryOut], **errors(403, 422)},
    summary="审计查询 Search the audit log",
)
def list_entries(request: HttpRequest, filters: Query[AuditQuery]):
    scope = request_scope(request)
    wanted = AuditFilters(
        person=filters.person,
        officer=filters.officer,
        action=filters.action or "",
        object_key=filters.object_key,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    entries = audit_search(scope, wanted)  # 403 for roles other than legal officer / administrator
    if wanted.person:
        ids, hashes = persons_matching(scope, wanted.person)
        audit_record(
            action=AuditAction.READ,
            actor=request_officer(request),
            object_type="audit_search",
            persons=[(i, "") for i in sorted(ids)] + [("", h) for h in sorted(hashes)],
        )
    return paginate(entries, filters)
