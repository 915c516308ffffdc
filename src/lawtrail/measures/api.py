"""Measures and interviews over HTTP: list a case's, take a measure, append its steps, record interviews.

Thin: parse, call a selector or a service, shape the answer. The event types validate the payloads and
enforce the measure's state machine (409); the selectors scope everything like the case (404).
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
from lawtrail.api.schemas import EventOut, OfficerRef, event_catalogue
from lawtrail.cases.selectors import case_get
from lawtrail.common.errors import NotFound
from lawtrail.events.models import Event
from lawtrail.org.models import Officer

from . import events as _events  # noqa: F401  (the event types must be registered before MeasureEventIn)
from .choices import (
    DetentionStatus,
    EndReason,
    GuardianRole,
    InterviewKind,
    InterviewPlace,
    MeasureKind,
    MeasureStatus,
)
from .models import Detention, Interview, Measure
from .selectors import case_detentions, case_interviews, detention_get, interview_get, measure_get
from .services import (
    DETENTION_STEPS,
    MEASURE_STEPS,
    detention_admit,
    detention_event,
    interview_record,
    measure_apply,
    measure_change,
    measure_event,
)

router = Router(tags=["强制措施 measures"])
interviews_router = Router(tags=["询问/讯问 interviews"])


class PartyRef(Schema):
    party_id: uuid.UUID
    name: str


class MeasureOut(Schema):
    measure_id: uuid.UUID
    case: str = Field(description="案件编号")
    kind: MeasureKind
    kind_label: str
    status: MeasureStatus
    party: PartyRef
    applied_at: datetime
    arrived_at: datetime | None = Field(description="到案时间")
    ended_at: datetime | None
    end_reason: EndReason | None
    approver: str
    place: str
    limit_hours: int | None = Field(description="询问查证等的时限（小时），延长后")
    family_notified_at: datetime | None
    family_notice_method: str
    family_notice_impossible: str = Field(description="无法通知家属的原因")
    changed_from: uuid.UUID | None = Field(None, description="由此措施变更而来")

    @staticmethod
    def resolve_changed_from(obj: Measure) -> uuid.UUID | None:
        return obj.changed_from.measure_id if obj.changed_from_id else None

    @staticmethod
    def resolve_case(obj: Measure) -> str:
        return obj.case.number

    @staticmethod
    def resolve_kind_label(obj: Measure) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_end_reason(obj: Measure) -> str | None:
        return obj.end_reason or None


class MeasureQuery(Schema):
    case: str = Field(description="案件编号")


class MeasureIn(Schema):
    case: str = Field(description="案件编号（须在您的范围内）")
    kind: MeasureKind
    party: uuid.UUID = Field(description="当事人编号")
    approver: str = ""
    place: str = ""
    reason: str = ""
    on_the_spot: bool = False
    foreign_national: bool = False
    note: str = ""
    occurred_at: AwareDatetime | None = Field(None, description="采取时间，缺省为现在")


class MeasureEventIn(Schema):
    name: Literal[MEASURE_STEPS] = Field(description="事件类型")  # type: ignore[valid-type]
    payload: dict[str, Any] = Field(default_factory=dict, description="事件内容，字段由事件类型决定")
    occurred_at: AwareDatetime | None = Field(None, description="发生时间（到案时间为传唤证上填写的时间）")


class InterviewOut(Schema):
    interview_id: uuid.UUID
    case: str
    kind: InterviewKind
    party: PartyRef
    started_at: datetime
    ended_at: datetime
    officers: list[OfficerRef]
    place: InterviewPlace
    room: str
    guardian_name: str
    guardian_role: str
    interpreter: str
    recording_media_id: str
    recording_sha256: str
    recording_complete: bool
    transcript: str
    transcript_media_id: str

    @staticmethod
    def resolve_case(obj: Interview) -> str:
        return obj.case.number

    @staticmethod
    def resolve_officers(obj: Interview) -> list[Officer]:
        return list(obj.officers.all())


class InterviewIn(Schema):
    case: str = Field(description="案件编号（须在您的范围内）")
    kind: InterviewKind
    party: uuid.UUID
    started_at: AwareDatetime
    ended_at: AwareDatetime
    officers: list[str] = Field(description="在场民警警号（少于两名人民警察会被记录并由监督规则提示）")
    place: InterviewPlace
    room: str = ""
    measure: uuid.UUID | None = Field(None, description="到案所依据的措施编号")
    guardian_name: str = ""
    guardian_role: GuardianRole | None = None
    absence_noted: bool = False
    interpreter: str = ""
    recording_media_id: str = ""
    recording_sha256: str = ""
    recording_complete: bool = False
    transcript: str = ""
    transcript_media_id: str = Field(
        "", description="笔录文件（音视频资料编号，先上传到 /api/incidents/media/upload）"
    )


@router.get(
    "", response={200: list[MeasureOut], **errors(404, 422)}, summary="案件的强制措施 Measures of a case"
)
def list_measures(request: HttpRequest, filters: Query[MeasureQuery]):
    case = case_get(request_scope(request), filters.case)
    return list(case.measures.select_related("case", "party").order_by("applied_at", "id"))


@router.post("", response={201: MeasureOut, **errors(404, 409, 422)}, summary="采取措施 Take a measure")
def create_measure(request: HttpRequest, data: MeasureIn):
    """Records `measure.applied` against a party of the case."""
    case = case_get(request_scope(request), data.case)
    party = case.parties.filter(party_id=data.party).first()
    if party is None:
        raise NotFound(f"本案没有当事人{data.party}", field="party")
    with body_fields():
        measure = measure_apply(
            actor=request_officer(request),
            case=case,
            party=party,
            kind=data.kind.value,
            occurred_at=data.occurred_at,
            approver=data.approver,
            place=data.place,
            reason=data.reason,
            on_the_spot=data.on_the_spot,
            foreign_national=data.foreign_national,
            note=data.note,
            source="api",
        )
    return Status(201, measure)


class DetentionOut(Schema):
    detention_id: uuid.UUID
    case: str
    party: PartyRef
    status: DetentionStatus
    days: int
    offset_days: int
    combined: bool
    detention_house: str
    decision_number: str
    approver: str
    admitted_at: datetime
    released_at: datetime | None
    release_reason: str
    family_notified_at: datetime | None
    family_notice_method: str
    family_notice_impossible: str
    suspension_requested_at: datetime | None
    suspension_granted: bool | None
    suspension_decided_at: datetime | None

    @staticmethod
    def resolve_case(obj: Detention) -> str:
        return obj.case.number


class DetentionIn(Schema):
    case: str = Field(description="案件编号（行政案件，须在您的范围内）")
    party: uuid.UUID = Field(description="被拘留人（当事人编号）")
    days: int = Field(description="决定的拘留日数")
    offset_days: int = 0
    combined: bool = False
    detention_house: str
    decision_number: str = ""
    approver: str = ""
    occurred_at: AwareDatetime | None = Field(None, description="送拘留所时间，缺省为现在")


class DetentionEventIn(Schema):
    name: Literal[DETENTION_STEPS] = Field(description="事件类型")  # type: ignore[valid-type]
    payload: dict[str, Any] = Field(default_factory=dict)
    occurred_at: AwareDatetime | None = None


class ChangeIn(Schema):
    kind: MeasureKind = Field(description="变更为")
    approver: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    place: str = ""
    occurred_at: AwareDatetime | None = None


@router.get(
    "/detentions",
    response={200: list[DetentionOut], **errors(404, 422)},
    summary="行政拘留执行 Detentions of a case",
)
def list_detentions(request: HttpRequest, filters: Query[MeasureQuery]):
    return list(case_detentions(case_get(request_scope(request), filters.case)).select_related("case"))


@router.post(
    "/detentions",
    response={201: DetentionOut, **errors(404, 409, 422)},
    summary="送拘留所执行 Deliver to the detention house",
)
def create_detention(request: HttpRequest, data: DetentionIn):
    """Records `detention.admitted` (行政拘留执行) for a party of an administrative case."""
    case = case_get(request_scope(request), data.case)
    party = case.parties.filter(party_id=data.party).first()
    if party is None:
        raise NotFound(f"本案没有当事人{data.party}", field="party")
    with body_fields():
        detention = detention_admit(
            actor=request_officer(request),
            case=case,
            party=party,
            days=data.days,
            offset_days=data.offset_days,
            combined=data.combined,
            detention_house=data.detention_house,
            decision_number=data.decision_number,
            approver=data.approver,
            occurred_at=data.occurred_at,
            source="api",
        )
    return Status(201, detention)


@router.get(
    "/detentions/{detention_id}", response={200: DetentionOut, **errors(404)}, summary="行政拘留执行详情"
)
def get_detention(request: HttpRequest, detention_id: str):
    return detention_get(request_scope(request), detention_id)


@router.post(
    "/detentions/{detention_id}/events",
    response={201: EventOut, **errors(404, 409, 422)},
    summary="登记行政拘留执行事件 Append a detention event",
    description="解除拘留、通知家属、暂缓执行申请及决定（准予暂缓执行的，同时记录解除拘留）。\n\n"
    + event_catalogue(list(DETENTION_STEPS)),
)
def append_detention_event(request: HttpRequest, detention_id: str, data: DetentionEventIn):
    detention = detention_get(request_scope(request), detention_id)
    detention_event(
        detention=detention,
        name=data.name,
        actor=request_officer(request),
        payload=data.payload,
        occurred_at=data.occurred_at,
        source="api",
    )
    return Status(201, Event.objects.filter(subject_type="detention", subject_key=detention_id).latest("seq"))


@router.post(
    "/{measure_id}/change",
    response={201: MeasureOut, **errors(404, 409, 422)},
    summary="变更强制措施 Change a measure into another",
)
def change_measure(request: HttpRequest, measure_id: str, data: ChangeIn):
    """Ends the measure as `changed` and applies the new one (`changed_from`), in one transaction."""
    measure = measure_get(request_scope(request), measure_id)
    with body_fields():
        new = measure_change(
            measure=measure,
            actor=request_officer(request),
            kind=data.kind.value,
            approver=data.approver,
            reason=data.reason,
            place=data.place,
            occurred_at=data.occurred_at,
            source="api",
        )
    return Status(201, new)


@router.get("/{measure_id}", response={200: MeasureOut, **errors(404)}, summary="措施详情 Measure")
def get_measure(request: HttpRequest, measure_id: str):
    return measure_get(request_scope(request), measure_id)


@router.post(
    "/{measure_id}/events",
    response={201: EventOut, **errors(404, 409, 422)},
    summary="登记措施事件 Append a measure event",
    description=(
        "Arrival (到案), extension (the 询问查证 tier), end, family notice. The measure's state machine "
        "decides whether the step is allowed now (409).\n\n事件类型及其字段（*为必填）：\n\n"
        + event_catalogue(list(MEASURE_STEPS))
    ),
)
def append_measure_event(request: HttpRequest, measure_id: str, data: MeasureEventIn):
    measure = measure_get(request_scope(request), measure_id)
    measure_event(
        measure=measure,
        name=data.name,
        actor=request_officer(request),
        payload=data.payload,
        occurred_at=data.occurred_at,
        source="api",
    )
    return Status(201, Event.objects.filter(subject_type="measure", subject_key=measure_id).latest("seq"))


@interviews_router.get(
    "", response={200: list[InterviewOut], **errors(404, 422)}, summary="案件的询问/讯问 Interviews of a case"
)
def list_interviews(request: HttpRequest, filters: Query[MeasureQuery]):
    return list(case_interviews(case_get(request_scope(request), filters.case)).select_related("case"))


@interviews_router.post(
    "", response={201: InterviewOut, **errors(404, 409, 422)}, summary="登记询问/讯问 Record an interview"
)
def create_interview(request: HttpRequest, data: InterviewIn):
    """Records `interview.held`. A minor without a guardian or appropriate adult is 422."""
    scope = request_scope(request)
    case = case_get(scope, data.case)
    party = case.parties.filter(party_id=data.party).first()
    if party is None:
        raise NotFound(f"本案没有当事人{data.party}", field="party")
    officers = [o for b in data.officers for o in Officer.objects.filter(badge_no=b)]
    if len(officers) != len(set(data.officers)):
        raise NotFound("在场民警警号不存在", field="officers")
    details = data.model_dump(
        mode="json", exclude={"case", "kind", "party", "started_at", "ended_at", "officers", "place"}
    )
    with body_fields():
        interview = interview_record(
            actor=request_officer(request),
            case=case,
            party=party,
            kind=data.kind.value,
            started_at=data.started_at,
            ended_at=data.ended_at,
            officers=officers,
            place=data.place.value,
            source="api",
            **details,
        )
    return Status(201, interview_get(scope, str(interview.interview_id)))


@interviews_router.get(
    "/{interview_id}", response={200: InterviewOut, **errors(404)}, summary="询问/讯问详情 Interview"
)
def get_interview(request: HttpRequest, interview_id: str):
    return interview_get(request_scope(request), interview_id)
