"""Incidents over HTTP: list and read (scoped), register, append events, accept as a case.

Thin: parse, call a selector or a service, shape the answer. The event types validate and enforce the
incident state machine; the selectors decide what exists for the caller (out of scope is 404).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import AwareDatetime

from lawtrail.api.auth import request_officer, request_scope
from lawtrail.api.errors import body_fields, errors
from lawtrail.api.schemas import EventOut, OfficerRef, Page, PageQuery, UnitRef, event_catalogue, paginate
from lawtrail.cases.api import CaseDetail, case_detail
from lawtrail.cases.choices import CaseKind
from lawtrail.cases.selectors import case_get
from lawtrail.common.errors import NotFound
from lawtrail.events.registry import EVENT_TYPES
from lawtrail.org.selectors import officer_get_in_bureau, unit_get

from . import events as _events  # noqa: F401  (the incident event types must be registered first)
from . import media_api
from .choices import Category, Disposal, Source
from .choices import Status as IncidentStatus
from .models import Incident
from .selectors import incident_get, incident_list
from .services import incident_convert, incident_event, incident_receive

router = Router(tags=["警情 incidents"])
media_api.register(router)  # /media/… first: it must not be read as an incident number


# --- schemas --------------------------------------------------------------------------------------------


class IncidentOut(Schema):
    number: str = Field(description="警情编号")
    unit: UnitRef = Field(description="管辖单位")
    source: Source
    source_label: str
    category: Category
    category_label: str
    status: IncidentStatus
    status_label: str
    received_at: datetime = Field(description="接警时间")
    place: str
    description: str = Field(description="简要警情")
    disposal: Disposal | None = Field(description="处警结果")
    reviewed_at: datetime | None = Field(description="审核时间")

    @staticmethod
    def resolve_source_label(obj: Incident) -> str:
        return str(obj.get_source_display())

    @staticmethod
    def resolve_category_label(obj: Incident) -> str:
        return str(obj.get_category_display())

    @staticmethod
    def resolve_status_label(obj: Incident) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_disposal(obj: Incident) -> str | None:
        return obj.disposal or None


class IncidentDetail(IncidentOut):
    reporter_name: str
    reporter_phone: str
    dispatched_at: datetime | None
    dispatch_unit: UnitRef | None = Field(description="处警单位")
    dispatch_officers: list[OfficerRef] = Field(description="出警民警")
    arrived_at: datetime | None
    disposed_at: datetime | None
    disposal_note: str
    review_note: str
    cases: list[str] = Field(description="由此警情受理的案件编号")

    @staticmethod
    def resolve_dispatch_officers(obj: Incident) -> list[Any]:
        return list(obj.dispatch_officers.all())

    @staticmethod
    def resolve_cases(obj: Incident) -> list[str]:
        return [c.number for c in obj.cases.all()]


class IncidentQuery(PageQuery):
    status: IncidentStatus | None = None
    source: Source | None = None
    category: Category | None = None
    unit: int | None = Field(None, description="管辖单位 id")
    received_from: date | None = Field(None, description="接警日期起（含）")
    received_to: date | None = Field(None, description="接警日期止（含）")
    unreviewed: bool = Field(False, description="只列未审核的警情")
    q: str | None = Field(None, description="警情编号、地点或简要警情包含的文字")


class IncidentCreate(Schema):
    unit: str = Field(description="管辖单位机构代码（须在您的范围内）")
    source: Source
    place: str
    category: Category
    description: str = Field(description="简要警情")
    reporter_name: str = ""
    reporter_phone: str = ""
    occurred_at: AwareDatetime | None = Field(None, description="接警时间，缺省为现在；须带时区")


INCIDENT_EVENT_NAMES = sorted(n for n, t in EVENT_TYPES.items() if t.subject == "incident" and not t.creates)


class IncidentEventIn(Schema):
    name: Literal[tuple(INCIDENT_EVENT_NAMES)] = Field(description="事件类型")  # type: ignore[valid-type]
    payload: dict[str, Any] = Field(default_factory=dict, description="事件内容，字段由事件类型决定")
    occurred_at: AwareDatetime | None = Field(None, description="发生时间，缺省为现在；须带时区")


class ConvertIn(Schema):
    kind: CaseKind
    title: str = Field(description="案件名称")
    offence: str | None = Field(None, description="案由代码，见 GET /api/offences")
    summary: str = Field("", description="简要案情，缺省为简要警情")
    lead: str | None = Field(None, description="主办民警警号")
    occurred_at: AwareDatetime | None = Field(None, description="受案时间，缺省为现在")


# --- endpoints ------------------------------------------------------------------------------------------


def _detail(incident: Incident) -> Incident:
    prefetch_related_objects([incident], "dispatch_officers", "cases")
    return incident


@router.get("", response={200: Page[IncidentOut], **errors(422)}, summary="警情列表 List incidents in scope")
def list_incidents(request: HttpRequest, filters: Query[IncidentQuery]):
    qs = incident_list(request_scope(request), **filters.model_dump(exclude={"limit", "offset"}))
    return paginate(qs, filters)


@router.post("", response={201: IncidentDetail, **errors(404, 422)}, summary="接警 Register an incident")
def create_incident(request: HttpRequest, data: IncidentCreate):
    """Register an incident in a unit of your scope; a unit outside it answers 404 (field `unit`)."""
    scope = request_scope(request)
    unit = unit_get(scope, data.unit)
    with body_fields():
        incident = incident_receive(
            actor=request_officer(request),
            unit=unit,
            source=data.source.value,
            place=data.place,
            category=data.category.value,
            description=data.description,
            reporter_name=data.reporter_name,
            reporter_phone=data.reporter_phone,
            occurred_at=data.occurred_at,
            source_system="api",
        )
    return Status(201, _detail(incident_get(scope, incident.number)))


@router.get("/{number}", response={200: IncidentDetail, **errors(404)}, summary="警情详情 Incident details")
def get_incident(request: HttpRequest, number: str):
    return _detail(incident_get(request_scope(request), number))


@router.post(
    "/{number}/events",
    response={201: EventOut, **errors(404, 409, 422)},
    summary="登记警情事件 Append an incident event",
    description=(
        "Append an incident event. The event type validates the payload (422, `field` = `payload.<name>`) "
        "and the incident's state machine decides whether the step is allowed now (409 "
        "`transition_not_allowed`). For `incident.converted` the case must be in your scope.\n\n"
        "事件类型及其字段（*为必填）：\n\n" + event_catalogue(INCIDENT_EVENT_NAMES)
    ),
)
def append_incident_event(request: HttpRequest, number: str, data: IncidentEventIn):
    scope = request_scope(request)
    incident = incident_get(scope, number)
    if data.name == "incident.converted":
        try:
            case_get(scope, str(data.payload.get("case", "")))
        except NotFound as exc:
            exc.field = "payload.case"
            raise
    event = incident_event(
        incident=incident,
        name=data.name,
        actor=request_officer(request),
        payload=data.payload,
        occurred_at=data.occurred_at,
        source="api",
    )
    return Status(201, event)


@router.post(
    "/{number}/convert",
    response={201: CaseDetail, **errors(404, 409, 422)},
    summary="转为案件 Accept the incident as a case",
    description=(
        "Records the disposal 受案 (if the incident is not disposed yet), accepts a case in the incident's "
        "unit and links the two (`incident.disposed`, `case.accepted`, `incident.converted`), in one "
        "transaction. An incident disposed otherwise, or already converted, is 409."
    ),
)
def convert_incident(request: HttpRequest, number: str, data: ConvertIn):
    scope = request_scope(request)
    incident = incident_get(scope, number)
    lead = officer_get_in_bureau(incident.bureau_id, data.lead, field="lead") if data.lead else None
    with body_fields(officer="lead"):  # the lead is assigned by case.handler_assigned
        case = incident_convert(
            incident=incident,
            actor=request_officer(request),
            kind=data.kind.value,
            title=data.title,
            offence=data.offence,
            summary=data.summary,
            occurred_at=data.occurred_at,
            lead=lead,
            source="api",
        )
    return Status(201, case_detail(scope, case.number))
