"""执法办案管理中心 over HTTP: the live board, a case's stays, bring a person in, append the steps.

Thin: parse, call a selector or a service, shape the answer. The event types validate the payloads and
enforce the stay's state machine (409); the selectors scope everything like the case (404).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import AwareDatetime

from lawtrail.api.auth import request_officer, request_scope
from lawtrail.api.errors import body_fields, errors
from lawtrail.api.schemas import EventOut, event_catalogue
from lawtrail.cases.selectors import case_get
from lawtrail.common.errors import NotFound
from lawtrail.events.models import Event
from lawtrail.org.models import Unit

from . import events as _events  # noqa: F401  (the event types must be registered before StayEventIn)
from .choices import StayReason, StayStatus
from .models import Stay
from .selectors import board, case_stays, center_get, stay_get
from .services import STAY_STEPS, stay_enter, stay_event

router = Router(tags=["执法办案管理中心 center"])


class StayOut(Schema):
    stay_id: uuid.UUID
    case: str
    center: str = Field(description="办案中心单位代码")
    party: uuid.UUID
    name: str
    reason: StayReason
    status: StayStatus
    measure_id: uuid.UUID | None
    entered_at: datetime
    room: str | None
    checked_at: datetime | None
    left_at: datetime | None
    handed_over_at: datetime | None
    handed_over_to: str

    @staticmethod
    def resolve_case(obj: Stay) -> str:
        return obj.case.number

    @staticmethod
    def resolve_center(obj: Stay) -> str:
        return obj.center.code

    @staticmethod
    def resolve_party(obj: Stay) -> uuid.UUID:
        return obj.party.party_id

    @staticmethod
    def resolve_name(obj: Stay) -> str:
        return obj.party.name

    @staticmethod
    def resolve_measure_id(obj: Stay) -> uuid.UUID | None:
        return obj.measure.measure_id if obj.measure_id else None

    @staticmethod
    def resolve_room(obj: Stay) -> str | None:
        return obj.room.name if obj.room_id else None


class BoardRowOut(Schema):
    stay: StayOut
    limit_hours: int | None = Field(description="所依据措施的法定时限（小时）")
    due: datetime | None
    minutes_left: int | None = Field(description="剩余分钟（负数为已超时）")


class StayQuery(Schema):
    case: str = Field(description="案件编号")


class BoardQuery(Schema):
    center: str = Field(description="办案中心单位代码")


class EnterIn(Schema):
    case: str = Field(description="案件编号（须在您的范围内）")
    party: uuid.UUID
    center: str = Field(description="办案中心单位代码")
    reason: StayReason
    measure: uuid.UUID | None = Field(None, description="依据的措施（传唤等未到案的，同时登记到案）")
    room: str = ""
    brought_by: str = ""
    note: str = ""
    occurred_at: AwareDatetime | None = Field(None, description="进入时间，缺省为现在")


class StayEventIn(Schema):
    name: Literal[STAY_STEPS] = Field(description="事件类型")  # type: ignore[valid-type]
    payload: dict[str, Any] = Field(default_factory=dict, description="事件内容，字段由事件类型决定")
    occurred_at: AwareDatetime | None = Field(None, description="发生时间")


@router.get("/board", response={200: list[BoardRowOut], **errors(404, 422)}, summary="看板 Who is in now")
def get_board(request: HttpRequest, filters: Query[BoardQuery]):
    scope = request_scope(request)
    rows = board(scope, center_get(scope, filters.center))
    return [
        {"stay": r.stay, "limit_hours": r.limit_hours, "due": r.due, "minutes_left": r.minutes_left}
        for r in rows
    ]


@router.get(
    "/stays", response={200: list[StayOut], **errors(404, 422)}, summary="案件人员进出记录 Stays of a case"
)
def list_stays(request: HttpRequest, filters: Query[StayQuery]):
    return list(case_stays(case_get(request_scope(request), filters.case)))


@router.post("/stays", response={201: StayOut, **errors(404, 409, 422)}, summary="人员进入办案中心 Bring in")
def create_stay(request: HttpRequest, data: EnterIn):
    """Records `center.entered` (and `measure.arrived` for a summons-like measure not yet arrived)."""
    scope = request_scope(request)
    case = case_get(scope, data.case)
    party = case.parties.filter(party_id=data.party).first()
    if party is None:
        raise NotFound(f"本案没有当事人{data.party}", field="party")
    measure = case.measures.filter(measure_id=data.measure).first() if data.measure else None
    if data.measure and measure is None:
        raise NotFound(f"本案没有措施{data.measure}", field="measure")
    center = Unit.objects.filter(code=data.center).first()
    if center is None:
        raise NotFound(f"单位{data.center}不存在", field="center")
    with body_fields(measure_id="measure"):
        stay = stay_enter(
            actor=request_officer(request),
            case=case,
            party=party,
            center=center,
            reason=data.reason.value,
            measure=measure,
            occurred_at=data.occurred_at,
            room=data.room,
            brought_by=data.brought_by,
            note=data.note,
            source="api",
        )
    return Status(201, stay_get(scope, str(stay.stay_id)))


@router.get("/stays/{stay_id}", response={200: StayOut, **errors(404)}, summary="进出记录 Stay")
def get_stay(request: HttpRequest, stay_id: str):
    return stay_get(request_scope(request), stay_id)


@router.post(
    "/stays/{stay_id}/events",
    response={201: EventOut, **errors(404, 409, 422)},
    summary="登记中心事件 Append a stay event",
    description=(
        "Safety check, room, exit, hand-over to a detention house. The stay's state machine decides whether "
        "the step is allowed now (409).\n\n事件类型及其字段（*为必填）：\n\n"
        + event_catalogue(list(STAY_STEPS))
    ),
)
def append_stay_event(request: HttpRequest, stay_id: str, data: StayEventIn):
    stay = stay_get(request_scope(request), stay_id)
    stay_event(
        stay=stay,
        name=data.name,
        actor=request_officer(request),
        payload=data.payload,
        occurred_at=data.occurred_at,
        source="api",
    )
    return Status(
        201, Event.objects.filter(subject_type="center", subject_key=str(stay.stay_id)).latest("seq")
    )
