"""警情审核与视频抽查 over HTTP: the day's review list and progress, reviewing (one or in bulk), the
body-camera samplings with their sheets, and findings.

Thin: parse, call a selector or a service, shape the answer. Out of scope is 404; a role that may not
review or sample is 403; a second review is 409; a bad body is 422.
"""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from lawtrail.api.auth import request_officer, request_scope
from lawtrail.api.errors import body_fields, errors
from lawtrail.api.schemas import OfficerRef, UnitRef
from lawtrail.common.errors import NotFound
from lawtrail.incidents.models import Incident
from lawtrail.incidents.selectors import incident_get, incidents_visible
from lawtrail.org.models import Unit

from .choices import FindingResult, ProblemCategory
from .forms import yesterday
from .models import SampleItem, Sampling
from .selectors import daily_review, sample_item_get, sampling_get, sampling_items, sampling_list
from .services import finding_record, incident_review, incidents_review_no_issue, sampling_draw

router = Router(tags=["警情审核与视频抽查 inspections"])


class ReviewItemOut(Schema):
    number: str = Field(description="警情编号")
    received_at: datetime
    category: str
    place: str
    status: str
    unit: UnitRef
    reviewed_at: datetime | None
    reviewed_by: OfficerRef | None
    review_note: str


class DailyReviewOut(Schema):
    day: date
    total: int
    reviewed: int
    remaining: int
    incidents: list[ReviewItemOut]


class DayQuery(Schema):
    day: date | None = Field(None, description="接警日期（默认昨天，北京时间）")
    unit: str | None = Field(None, description="单位机构代码（含下级单位）")


class ReviewIn(Schema):
    note: str = Field(description="审核意见；没有问题填写“无问题”")


class BulkReviewIn(Schema):
    incidents: list[str] = Field(
        min_length=1, description="警情编号，均标记为“已审核，无问题”（已审核的跳过）"
    )


class BulkReviewOut(Schema):
    marked: int = Field(description="本次标记的警情数")


def _unit_in_scope(request: HttpRequest, code: str | None) -> Unit | None:
    if not code:
        return None
    unit = Unit.objects.filter(code=code, id__in=request_scope(request).unit_ids).first()
    if unit is None:
        raise NotFound(f"单位{code}不存在或不在您的查看范围内", field="unit")
    return unit


@router.get("/review", response={200: DailyReviewOut, **errors(404)}, summary="当日警情审核 Daily review")
def get_daily_review(request: HttpRequest, filters: Query[DayQuery]):
    review = daily_review(
        request_scope(request), day=filters.day or yesterday(), unit=_unit_in_scope(request, filters.unit)
    )
    return {
        "day": review.day,
        "total": review.total,
        "reviewed": review.reviewed,
        "remaining": review.remaining,
        "incidents": list(review.incidents),
    }


@router.post(
    "/review/{number}",
    response={200: ReviewItemOut, **errors(403, 404, 409, 422)},
    summary="审核一起警情 Review an incident",
)
def review_incident(request: HttpRequest, number: str, data: ReviewIn):
    """Records `incident.reviewed` with the note (the reviewer's findings)."""
    scope = request_scope(request)
    incident = incident_get(scope, number)
    return incident_review(actor=request_officer(request), scope=scope, incident=incident, note=data.note)


@router.post(
    "/review",
    response={200: BulkReviewOut, **errors(403, 404, 422)},
    summary="批量标记“已审核，无问题” Bulk review",
)
def review_bulk(request: HttpRequest, data: BulkReviewIn):
    scope = request_scope(request)
    found: list[Incident] = list(incidents_visible(scope).filter(number__in=data.incidents))
    missing = sorted(set(data.incidents) - {i.number for i in found})
    if missing:
        raise NotFound(f"警情{missing[0]}不存在或不在您的查看范围内", field="incidents")
    return {"marked": incidents_review_no_issue(actor=request_officer(request), scope=scope, incidents=found)}


class SamplingIn(Schema):
    unit: str = Field(description="抽查范围：单位机构代码（含下级单位）")
    period_start: date
    period_end: date
    percent: int = Field(ge=1, le=100, description="抽查比例（%）")
    seed: str = Field("", max_length=64, description="随机种子（默认为抽查编号）")
    note: str = ""


class SamplingOut(Schema):
    number: str
    unit: UnitRef
    period_start: date
    period_end: date
    percent: int
    seed: str
    population: int = Field(description="符合条件的警情数")
    created_by: OfficerRef | None
    created_at: datetime


class ItemOut(Schema):
    position: int
    incident: str
    result: FindingResult
    category: ProblemCategory | None
    description: str
    responsible: OfficerRef | None
    alert: int | None = Field(description="监督预警编号")
    checked_at: datetime | None

    @staticmethod
    def resolve_incident(obj: SampleItem) -> str:
        return obj.incident.number

    @staticmethod
    def resolve_category(obj: SampleItem) -> str | None:
        return obj.category or None

    @staticmethod
    def resolve_alert(obj: SampleItem) -> int | None:
        return obj.alert_id


class SheetOut(SamplingOut):
    items: list[ItemOut]

    @staticmethod
    def resolve_items(obj: Sampling) -> list[SampleItem]:
        return list(sampling_items(obj))


class FindingIn(Schema):
    incident: str = Field(description="警情编号（须在抽查单中）")
    result: FindingResult = Field(description="no_problem 未发现问题 | problem 发现问题")
    category: ProblemCategory | None = None
    description: str = ""
    responsible: str = Field("", description="责任民警警号（默认为执法记录仪的拍摄民警）")


@router.get("/samplings", response={200: list[SamplingOut], **errors()}, summary="视频抽查记录 Samplings")
def list_samplings(request: HttpRequest):
    return list(sampling_list(request_scope(request))[:200])


@router.post(
    "/samplings", response={201: SheetOut, **errors(403, 404, 422)}, summary="抽取视频 Draw a sampling"
)
def create_sampling(request: HttpRequest, data: SamplingIn):
    """Records `inspection.sampled`: a reproducible random sample of the period's dispatched incidents
    with body-camera footage."""
    scope = request_scope(request)
    with body_fields():
        sampling = sampling_draw(
            actor=request_officer(request),
            scope=scope,
            unit=_unit_in_scope(request, data.unit),
            period_start=data.period_start,
            period_end=data.period_end,
            percent=data.percent,
            seed=data.seed,
            note=data.note,
        )
    return Status(201, sampling_get(scope, sampling.number))


@router.get("/samplings/{number}", response={200: SheetOut, **errors(404)}, summary="抽查单 Sampling sheet")
def get_sampling(request: HttpRequest, number: str):
    return sampling_get(request_scope(request), number)


@router.post(
    "/samplings/{number}/findings",
    response={200: ItemOut, **errors(403, 404, 422)},
    summary="记录抽查结论 Record a finding",
)
def record_finding(request: HttpRequest, number: str, data: FindingIn):
    """Records `inspection.finding_recorded`; a problem opens a violation alert (family inspection.finding)."""
    scope = request_scope(request)
    sampling = sampling_get(scope, number)
    with body_fields():
        finding_record(
            actor=request_officer(request),
            scope=scope,
            sampling=sampling,
            incident=data.incident,
            result=data.result.value,
            category=data.category.value if data.category else None,
            description=data.description,
            responsible=data.responsible,
        )
    return sample_item_get(sampling, data.incident)
