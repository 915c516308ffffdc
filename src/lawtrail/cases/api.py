"""Cases over HTTP: list and read (scoped), accept, append events, parties; the offence catalogue.

Thin: parse, call a selector or a service, shape the answer. The event types validate and enforce the
state machines; the selectors decide what exists for the caller (out of scope is 404).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import AwareDatetime

from lawtrail.api.auth import request_officer, request_scope
from lawtrail.api.errors import body_fields, errors
from lawtrail.api.schemas import EventOut, OfficerRef, Page, PageQuery, UnitRef, event_catalogue, paginate
from lawtrail.common import clock
from lawtrail.events.registry import EVENT_TYPES
from lawtrail.org.policies import Scope
from lawtrail.org.selectors import officer_get_in_bureau, unit_get

from . import events as _events  # noqa: F401  (the case event types must be registered before CaseEventIn)
from .choices import CaseKind, CaseStatus, Gender, HandlerRole, Outcome, PartyRole, Procedure
from .models import Case, Handler, Party
from .selectors import CaseFilters, case_get, case_list, case_timeline, offence_list
from .services import case_accept, case_add_party, case_event

router = Router(tags=["案件 cases"])
offences_router = Router(tags=["案由 offences"])

ACTIVE_HANDLERS = Prefetch(
    "handlers",
    queryset=Handler.objects.filter(released_at__isnull=True).select_related("officer"),
    to_attr="active_handlers",
)

# --- schemas --------------------------------------------------------------------------------------------


class OffenceRef(Schema):
    code: str = Field(description="案由代码，如 ps.assault")
    name: str


class HandlerOut(Schema):
    officer: OfficerRef
    role: HandlerRole
    role_label: str
    assigned_at: datetime

    @staticmethod
    def resolve_role_label(obj: Handler) -> str:
        return str(obj.get_role_display())


class PartyOut(Schema):
    party_id: uuid.UUID
    role: PartyRole
    role_label: str
    name: str
    gender: Gender
    id_number: str = Field(description="公民身份号码（GB 11643）")
    birth_date: date | None
    phone: str
    address: str
    is_minor: bool
    added_at: datetime

    @staticmethod
    def resolve_role_label(obj: Party) -> str:
        return str(obj.get_role_display())


class CaseOut(Schema):
    number: str = Field(description="案件编号")
    kind: CaseKind
    kind_label: str
    status: CaseStatus
    status_label: str
    title: str
    unit: UnitRef = Field(description="办案单位")
    offence: OffenceRef | None = Field(description="案由")
    procedure: Procedure
    incident: str | None = Field(description="来源警情编号")
    lead: OfficerRef | None = Field(description="主办民警")
    accepted_at: datetime = Field(description="受案时间")
    updated_at: datetime | None = Field(description="最后变更")

    @staticmethod
    def resolve_kind_label(obj: Case) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: Case) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_incident(obj: Case) -> str | None:
        return obj.incident.number if obj.incident_id else None

    @staticmethod
    def resolve_lead(obj: Case) -> Any:
        return next((h.officer for h in obj.active_handlers if h.role == HandlerRole.LEAD), None)


class CaseDetail(CaseOut):
    summary: str
    outcome: Outcome | None = Field(description="处理结果（行政案件作出决定后）")
    decision: dict[str, Any] = Field(description="决定内容")
    filed_at: datetime | None
    decided_at: datetime | None
    closed_at: datetime | None
    handlers: list[HandlerOut] = Field(description="在办的办案民警")
    parties: list[PartyOut]

    @staticmethod
    def resolve_outcome(obj: Case) -> str | None:
        return obj.outcome or None

    @staticmethod
    def resolve_handlers(obj: Case) -> list[Handler]:
        return obj.active_handlers


class CaseQuery(PageQuery):
    unit: int | None = Field(None, description="办案单位 id")
    kind: CaseKind | None = None
    status: CaseStatus | None = None
    offence: str | None = Field(None, description="案由代码")
    handler: str | None = Field(None, description="在办民警警号")
    mine: bool = Field(False, description="只列我在办的案件")
    accepted_from: date | None = Field(None, description="受案日期起（含）")
    accepted_to: date | None = Field(None, description="受案日期止（含）")
    q: str | None = Field(None, description="案件编号或名称包含的文字")


class CaseCreate(Schema):
    unit: str = Field(description="办案单位机构代码（须在您的范围内）")
    kind: CaseKind
    title: str
    summary: str = ""
    offence: str | None = Field(None, description="案由代码，见 GET /api/offences")
    procedure: Procedure = Procedure.GENERAL
    lead: str | None = Field(None, description="主办民警警号（本局在职民警，不能是辅警）")
    occurred_at: AwareDatetime | None = Field(None, description="受案时间，缺省为现在")


CASE_EVENT_NAMES = sorted(n for n, t in EVENT_TYPES.items() if t.subject == "case" and not t.creates)


class CaseEventIn(Schema):
    name: Literal[tuple(CASE_EVENT_NAMES)] = Field(description="事件类型")  # type: ignore[valid-type]
    payload: dict[str, Any] = Field(default_factory=dict, description="事件内容，字段由事件类型决定")
    occurred_at: AwareDatetime | None = Field(None, description="发生时间，缺省为现在；须带时区")


class PartyIn(Schema):
    role: PartyRole
    name: str
    gender: Gender = Gender.UNKNOWN
    id_number: str = Field("", description="公民身份号码，按 GB 11643 校验")
    phone: str = ""
    address: str = ""
    is_minor: bool | None = Field(None, description="未成年人；不填则按身份证号计算")
    occurred_at: AwareDatetime | None = Field(None, description="登记时间，缺省为现在")


class OffenceOut(Schema):
    code: str
    name: str
    kind: CaseKind
    category: str
    law: str
    article: str = Field(description="现行条款")
    mediation: str = Field(description="可否调解")
    fast_track: str = Field(description="可否速裁")

    @staticmethod
    def resolve_article(obj) -> str:
        return obj.article_on(clock.local(clock.now()).date())


class OffenceQuery(PageQuery):
    limit: int = Field(100, ge=1, le=500, description="每页条数 (page size, 1–500)")
    kind: CaseKind | None = None
    q: str | None = Field(None, description="代码或名称包含的文字")


# --- helpers --------------------------------------------------------------------------------------------


def case_detail(scope: Scope, number: str) -> Case:
    """The case with its parties and active handlers (three queries, whatever their number)."""
    case = case_get(scope, number)
    prefetch_related_objects([case], "parties", ACTIVE_HANDLERS)
    return case


# --- endpoints ------------------------------------------------------------------------------------------


@router.get("", response={200: Page[CaseOut], **errors(422)}, summary="案件列表 List cases in scope")
def list_cases(request: HttpRequest, filters: Query[CaseQuery]):
    f = CaseFilters(**filters.model_dump(exclude={"limit", "offset"}))
    qs = case_list(request_scope(request), f).select_related("incident").prefetch_related(ACTIVE_HANDLERS)
    return paginate(qs, filters)


@router.post("", response={201: CaseDetail, **errors(404, 422)}, summary="受案 Accept a case")
def create_case(request: HttpRequest, data: CaseCreate):
    """Accept a case in a unit of your scope; a unit outside it answers 404 (field `unit`), like one that
    does not exist. To accept a case from an incident use `POST /api/incidents/{number}/convert`."""
    scope = request_scope(request)
    unit = unit_get(scope, data.unit)
    lead = officer_get_in_bureau(unit.bureau_id, data.lead, field="lead") if data.lead else None
    with body_fields(officer="lead"):  # the lead is assigned by case.handler_assigned
        case = case_accept(
            actor=request_officer(request),
            unit=unit,
            kind=data.kind.value,
            title=data.title,
            summary=data.summary,
            offence=data.offence,
            procedure=data.procedure.value,
            occurred_at=data.occurred_at,
            lead=lead,
            source="api",
        )
    return Status(201, case_detail(scope, case.number))


@router.get("/{number}", response={200: CaseDetail, **errors(404)}, summary="案件详情 Case details")
def get_case(request: HttpRequest, number: str):
    return case_detail(request_scope(request), number)


@router.get("/{number}/events", response={200: list[EventOut], **errors(404)}, summary="时间线 Case timeline")
def list_case_events(request: HttpRequest, number: str):
    """Every event of the case in the order things happened (then the order they were recorded)."""
    return list(case_timeline(case_get(request_scope(request), number)))


@router.post(
    "/{number}/events",
    response={201: EventOut, **errors(404, 409, 422)},
    summary="登记案件事件 Append a case event",
    description=(
        "Append any case event except `case.accepted` (use `POST /api/cases`). The event type validates "
        "the payload (422, `field` = `payload.<name>`) and the case's state machine decides whether the "
        "step is allowed now (409 `transition_not_allowed`).\n\n事件类型及其字段（*为必填）：\n\n"
        + event_catalogue(CASE_EVENT_NAMES)
    ),
)
def append_case_event(request: HttpRequest, number: str, data: CaseEventIn):
    case = case_get(request_scope(request), number)
    event = case_event(
        case=case,
        name=data.name,
        actor=request_officer(request),
        payload=data.payload,
        occurred_at=data.occurred_at,
        source="api",
    )
    return Status(201, event)


@router.get("/{number}/parties", response={200: list[PartyOut], **errors(404)}, summary="当事人 Parties")
def list_parties(request: HttpRequest, number: str):
    return list(case_get(request_scope(request), number).parties.all())


@router.post(
    "/{number}/parties",
    response={201: PartyOut, **errors(404, 409, 422)},
    summary="添加当事人 Add a party",
    description="Records `case.party_added`. An invalid ID number is 422 with `field` = `id_number`.",
)
def add_party(request: HttpRequest, number: str, data: PartyIn):
    case = case_get(request_scope(request), number)
    fields = data.model_dump(mode="json", exclude={"occurred_at"})
    with body_fields():
        event = case_add_party(
            case=case, actor=request_officer(request), occurred_at=data.occurred_at, source="api", **fields
        )
    return Status(201, Party.objects.get(party_id=event.payload["party_id"]))


@offences_router.get(
    "", response={200: Page[OffenceOut], **errors(422)}, summary="案由目录 Offence catalogue"
)
def list_offences(request: HttpRequest, filters: Query[OffenceQuery]):
    return paginate(offence_list(kind=filters.kind, q=filters.q), filters)
