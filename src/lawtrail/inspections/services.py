"""Inspection writes. Every change is an event (events.services.event_record): the daily review records
`incident.reviewed` on each incident through the incident services; the sampling records its own events.

Services check what the asker may do (policies.py); the caller has found the records through the scoped
selectors, so an out-of-scope record never reaches here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction

from lawtrail.common import clock
from lawtrail.common.errors import PermissionDenied, TransitionNotAllowed, ValidationFailed
from lawtrail.common.models import sequence_next
from lawtrail.events.services import event_record
from lawtrail.incidents.models import Incident
from lawtrail.incidents.services import incident_event
from lawtrail.org.models import Officer, Unit
from lawtrail.org.policies import Scope

from .events import eligible_incidents
from .models import SampleItem, Sampling
from .policies import can_review, can_sample
from .sampling import draw_sample

NO_ISSUE_NOTE = "无问题"


def _check_reviewer(scope: Scope) -> None:
    if not can_review(scope):
        raise PermissionDenied("警情审核由值班领导、单位负责人或局领导进行", code="not_reviewer")


def incident_review(
    *, actor: Officer, scope: Scope, incident: Incident, note: str, occurred_at: datetime | None = None
) -> Incident:
    """Mark one incident reviewed with the reviewer's findings (`incident.reviewed`)."""
    _check_reviewer(scope)
    note = (note or "").strip()
    if not note:
        raise ValidationFailed("请填写审核意见（没有问题可填写“无问题”）", code="note_required", field="note")
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        _not_yet_reviewed(incident)
        incident_event(
            incident=incident,
            name="incident.reviewed",
            actor=actor,
            payload={"note": note},
            occurred_at=occurred_at,
        )
    incident.refresh_from_db()
    return incident


def _not_yet_reviewed(incident: Incident) -> None:
    if incident.reviewed_at is not None:
        who = incident.reviewed_by.name if incident.reviewed_by_id else ""
        raise TransitionNotAllowed(
            f"警情{incident.number}已于{clock.local(incident.reviewed_at):%Y-%m-%d %H:%M}由{who}审核，不能重复审核",
            code="already_reviewed",
        )


def incidents_review_no_issue(
    *, actor: Officer, scope: Scope, incidents: Iterable[Incident], occurred_at: datetime | None = None
) -> int:
    """Mark every given incident not yet reviewed as "reviewed, no issue", all or nothing; already reviewed
    ones are skipped. Returns how many were marked."""
    _check_reviewer(scope)
    ids = [i.pk for i in incidents]
    if not ids:
        raise ValidationFailed("请先勾选要标记的警情", code="nothing_selected", field="incidents")
    marked = 0
    with transaction.atomic():
        for incident in Incident.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
            if incident.reviewed_at is not None:
                continue
            incident_event(
                incident=incident,
                name="incident.reviewed",
                actor=actor,
                payload={"note": NO_ISSUE_NOTE},
                occurred_at=occurred_at,
            )
            marked += 1
    return marked


def sampling_draw(
    *,
    actor: Officer,
    scope: Scope,
    unit: Unit,
    period_start: date,
    period_end: date,
    percent: int,
    seed: str = "",
    note: str = "",
    occurred_at: datetime | None = None,
) -> Sampling:
    """Draw a reproducible random sample (sampling.py) of the period's dispatched incidents with body-camera
    footage of `unit` and its sub-units (`inspection.sampled`). The seed defaults to the sampling's number."""
    if not can_sample(scope):
        raise PermissionDenied("视频抽查由法制员或局领导进行", code="not_sampler")
    if unit.id not in scope.unit_ids:
        raise ValidationFailed("抽查范围须为您有权查看的单位", code="unit_out_of_scope", field="unit")
    if period_end < period_start:
        raise ValidationFailed(
            "期间的结束日期早于开始日期，请核对", code="period_reversed", field="period_end"
        )
    if not 1 <= percent <= 100:
        raise ValidationFailed("抽查比例应在1%到100%之间", code="percent_range", field="percent")
    occurred_at = occurred_at or clock.now()
    with transaction.atomic():
        candidates = list(eligible_incidents(unit, period_start, period_end).values_list("number", flat=True))
        if not candidates:
            raise ValidationFailed(
                f"{period_start:%Y-%m-%d}至{period_end:%Y-%m-%d}，{unit.name}及下级单位没有已派警且有执法记录仪视频的"
                "警情，无法抽查；请调整期间或范围",
                code="nothing_to_sample",
                field="period_start",
            )
        day = clock.local(occurred_at)
        number = f"CC{unit.code}{day:%Y%m%d}{sequence_next(f'sampling:{unit.code}:{day:%Y%m%d}'):02d}"
        seed = (seed or "").strip() or number
        drawn = draw_sample(candidates, percent=percent, seed=seed)
        event_record(
            name="inspection.sampled",
            subject_key=number,
            actor=actor,
            occurred_at=occurred_at,
            payload={
                "unit": unit.code,
                "period_start": period_start.isoformat(),
                "period_end": period_end.isoformat(),
                "percent": percent,
                "seed": seed,
                "population": len(candidates),
                "incidents": drawn,
                "note": note,
            },
        )
        return Sampling.objects.get(number=number)


def finding_record(
    *,
    actor: Officer,
    scope: Scope,
    sampling: Sampling,
    incident: str,
    result: str,
    category: str | None = None,
    description: str = "",
    responsible: str = "",
    occurred_at: datetime | None = None,
) -> SampleItem:
    """Record the finding on one sampled incident (`inspection.finding_recorded`); a problem opens an alert."""
    if not can_sample(scope):
        raise PermissionDenied("视频抽查结论由法制员或局领导填写", code="not_sampler")
    event_record(
        name="inspection.finding_recorded",
        subject_key=sampling.number,
        actor=actor,
        occurred_at=occurred_at,
        payload={
            "incident": incident,
            "result": result,
            "category": category or None,
            "description": description,
            "responsible": responsible,
        },
    )
    return sampling.items.select_related("alert", "responsible").get(incident__number=incident)
