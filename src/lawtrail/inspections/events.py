"""Inspection events: a body-camera sampling drawn (`inspection.sampled`) and a finding recorded on one of its
items (`inspection.finding_recorded`). The subject is the sampling, by its number.

The daily review of incidents is not an event of this app: it is `incident.reviewed` (incidents/events.py).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal

from pydantic import Field, model_validator

from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.errors import NotFound, ValidationFailed
from lawtrail.events.registry import Context, Payload, Subject, event_type, register_subject
from lawtrail.incidents.events import officer_by_badge, unit_by_code
from lawtrail.incidents.models import Incident
from lawtrail.org.models import Unit

from .choices import FindingResult, ProblemCategory
from .models import SampleItem, Sampling

register_subject(Subject("inspection", lambda: Sampling, "number", "视频抽查"))


class InspectionSampled(Payload):
    unit: str = Field(description="抽查范围（单位机构代码，含下级单位）")
    period_start: date
    period_end: date
    percent: int = Field(ge=1, le=100, description="抽查比例（%）")
    seed: str = Field(min_length=1, max_length=64, description="随机种子（同一种子、同一范围抽出同样的警情）")
    population: int = Field(ge=1, description="符合条件的警情数（已派警且有执法记录仪视频）")
    incidents: list[str] = Field(min_length=1, description="抽中的警情编号，按抽取顺序")
    note: str = Field("", max_length=2000)

    @model_validator(mode="after")
    def consistent(self) -> InspectionSampled:
        if self.period_end < self.period_start:
            raise ValueError("期间的结束日期早于开始日期，请核对")
        if len(set(self.incidents)) != len(self.incidents):
            raise ValueError("抽中的警情编号有重复")
        if len(self.incidents) > self.population:
            raise ValueError("抽中的警情数多于符合条件的警情数")
        return self


class InspectionFindingRecorded(Payload):
    incident: str = Field(description="警情编号（须为本次抽查抽中的警情）")
    result: Literal["no_problem", "problem"] = Field(description="no_problem 未发现问题 | problem 发现问题")
    category: ProblemCategory | None = Field(None, description="问题类别（发现问题时必填）")
    description: str = Field("", max_length=5000, description="问题描述（发现问题时必填）")
    responsible: str = Field("", description="责任民警警号（不填则取视频的拍摄民警）")

    @model_validator(mode="after")
    def problem_described(self) -> InspectionFindingRecorded:
        if self.result == "problem":
            if self.category is None:
                raise ValueError("发现问题时请选择问题类别")
            if not self.description:
                raise ValueError("发现问题时请写明问题描述")
        elif self.category is not None:
            raise ValueError("未发现问题时不应填写问题类别")
        return self


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[first 00:00, the day after last 00:00) in the legal time zone."""
    start = datetime.combine(first, time.min, tzinfo=LEGAL_TZ)
    return start, datetime.combine(last + timedelta(days=1), time.min, tzinfo=LEGAL_TZ)


def eligible_incidents(unit: Unit, first: date, last: date):
    """The incidents a sampling draws from: received in the period by `unit` or a sub-unit, dispatched, and
    with at least one body-camera recording."""
    start, end = day_bounds(first, last)
    return (
        Incident.objects.filter(
            unit__path__startswith=unit.path,
            received_at__gte=start,
            received_at__lt=end,
            dispatched_at__isnull=False,
            media__kind="body_camera",
        )
        .distinct()
        .order_by("number")
    )


@event_type("inspection.sampled", payload=InspectionSampled, label="抽取执法记录仪视频", creates=True)
def apply_sampled(ctx: Context) -> Sampling:
    """The legal brigade draws a random sample of the period's dispatched incidents with body-camera footage."""
    p: InspectionSampled = ctx.payload
    unit = unit_by_code(p.unit, "payload.unit")
    eligible = {
        i.number: i
        for i in eligible_incidents(unit, p.period_start, p.period_end).filter(number__in=p.incidents)
    }
    for index, number in enumerate(p.incidents):
        if number not in eligible:
            raise ValidationFailed(
                f"警情{number}不在抽查范围内（须为{unit.name}及下级单位在期间内接报、已派警且有执法记录仪视频的警情）",
                field=f"payload.incidents.{index}",
            )
    sampling = Sampling.objects.create(
        number=ctx.subject_key,
        bureau_id=unit.bureau_id or unit.id,
        unit=unit,
        period_start=p.period_start,
        period_end=p.period_end,
        percent=p.percent,
        seed=p.seed,
        population=p.population,
        created_by=ctx.actor,
        created_at=ctx.occurred_at,
        note=p.note,
    )
    SampleItem.objects.bulk_create(
        SampleItem(sampling=sampling, incident=eligible[number], position=position)
        for position, number in enumerate(p.incidents, start=1)
    )
    return sampling


@event_type("inspection.finding_recorded", payload=InspectionFindingRecorded, label="视频抽查结论")
def apply_finding_recorded(ctx: Context) -> Sampling:
    """The finding on one sampled incident's footage; a problem becomes a supervision alert on the incident
    (supervision/findings.py), a later "no problem" on the same item resolves it."""
    from lawtrail.supervision.findings import finding_alert_sync

    sampling: Sampling = ctx.subject
    p: InspectionFindingRecorded = ctx.payload
    item = (
        sampling.items.select_related("incident", "incident__dispatch_unit", "incident__unit", "alert")
        .filter(incident__number=p.incident)
        .first()
    )
    if item is None:
        raise NotFound(f"警情{p.incident}不在抽查{sampling.number}的抽查单中", field="payload.incident")
    responsible = None
    if p.responsible:
        responsible = officer_by_badge(p.responsible, "payload.responsible")
        if responsible.unit.bureau_id != sampling.bureau_id:
            raise ValidationFailed("责任民警须为本局民警", field="payload.responsible")
    elif p.result == "problem":
        responsible = _camera_officer(item.incident)
    incident = item.incident
    item.result = FindingResult(p.result)
    item.category = p.category or ""
    item.description = p.description
    item.responsible = responsible
    item.responsible_unit = (
        (responsible.unit if responsible else (incident.dispatch_unit or incident.unit))
        if p.result == "problem"
        else None
    )
    item.checked_by = ctx.actor
    item.checked_at = ctx.occurred_at
    item.alert = finding_alert_sync(item, actor=ctx.actor, now=ctx.recorded_at)
    item.save()
    return sampling


def _camera_officer(incident: Incident):
    """Whoever wore the camera: the officer of the first body-camera recording, or the first dispatched."""
    media = incident.media.filter(kind="body_camera", officer__isnull=False).select_related("officer__unit")
    first = media.order_by("captured_at", "id").first()
    if first is not None:
        return first.officer
    return incident.dispatch_officers.select_related("unit").order_by("badge_no").first()
