"""Findings of the legal brigade's body-camera sampling as supervision alerts.

A sampled incident whose footage shows a problem (inspection.finding_recorded with result "problem") is an
alert of level "violation", family `inspection.finding`, on the incident: the finding's category and text
are its explanation, the officer who wore the camera (or the one named) and their unit are responsible.
It is then rectified like any alert (supervision/services.py: assign → submit → verify).

These alerts are not the rule engine's: their `subject_type` is "inspection" (subject_key the incident's
number, `incident` set), so the engine's evaluation of the incident (runtime.sync_alerts, which auto-resolves
the active alerts of `subject_type="incident"` it no longer produces) leaves them alone. One alert per
(sampling, incident): `occurrence` is the sampling's number. A later finding on the same item updates it;
a correction to "no problem" resolves it, with the reason.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from lawtrail.common.clock import local
from lawtrail.org.models import Officer
from lawtrail.supervision.models import (
    ACTIVE_ALERT_STATES,
    ALERT_ACTION_LABELS,
    Alert,
    AlertEvent,
    AlertLevel,
    AlertState,
)

if TYPE_CHECKING:
    from lawtrail.inspections.models import SampleItem

FAMILY = "inspection.finding"
SUBJECT_TYPE = "inspection"
# The alert log's label for a finding recorded again on the same item (the other actions are the engine's).
ALERT_ACTION_LABELS.setdefault("finding_updated", _("抽查结论更新"))


def _explanation(item: SampleItem) -> list[str]:
    sampling = item.sampling
    lines = [
        f"问题类别：{item.get_category_display()}",
        f"问题描述：{item.description}",
        f"来源：执法记录仪视频抽查 {sampling.number}（{sampling.period_start:%Y-%m-%d}至"
        f"{sampling.period_end:%Y-%m-%d}，抽查比例{sampling.percent}%，第{item.position}项）",
    ]
    if item.checked_by_id and item.checked_at:
        lines.append(f"检查人：{item.checked_by.name}，{local(item.checked_at):%Y-%m-%d %H:%M}")
    return lines


def _fields(item: SampleItem) -> dict:
    from lawtrail.inspections.choices import CATEGORY_CITATION, ProblemCategory

    category = ProblemCategory(item.category)
    return {
        "rule_id": f"{FAMILY}.{category.value}",
        "title": f"执法记录仪视频抽查发现问题：{category.label}",
        "level": AlertLevel.VIOLATION,
        "rule_state": "violated",
        "explanation": _explanation(item),
        "citation": CATEGORY_CITATION[category],
        "severity": "violation",
        "responsible_id": item.responsible_id,
        "unit_id": item.responsible_unit_id or item.incident.unit_id,
    }


def finding_alert_sync(item: SampleItem, *, actor: Officer | None, now: datetime) -> Alert | None:
    """Open, update or resolve the alert of one sampled item to match its finding; returns the alert (None
    when there is none). Called inside the event's transaction (inspections/events.py)."""
    existing = Alert.objects.filter(
        family=FAMILY,
        subject_type=SUBJECT_TYPE,
        subject_key=item.incident.number,
        occurrence=item.sampling.number,
    ).first()
    if item.result != "problem":
        if existing is not None and existing.state in ACTIVE_ALERT_STATES:
            old = existing.state
            existing.state = AlertState.AUTO_RESOLVED
            existing.resolved_how = "抽查结论更正为未发现问题"
            existing.updated_at = now
            existing.save(update_fields=["state", "resolved_how", "updated_at"])
            AlertEvent.objects.create(
                alert=existing,
                action="auto_resolved",
                from_state=old,
                to_state=existing.state,
                actor=actor,
                note=existing.resolved_how,
                at=now,
            )
        return existing
    fields = _fields(item)
    if existing is None:
        alert = Alert.objects.create(
            family=FAMILY,
            subject_type=SUBJECT_TYPE,
            subject_key=item.incident.number,
            occurrence=item.sampling.number,
            incident=item.incident,
            bureau_id=item.sampling.bureau_id,
            state=AlertState.OPEN,
            due=None,
            opened_at=now,
            updated_at=now,
            **fields,
        )
        AlertEvent.objects.create(
            alert=alert, action="opened", to_state=alert.state, actor=actor, note=item.description, at=now
        )
        return alert
    old = existing.state
    for name, value in fields.items():
        setattr(existing, name, value)
    reopened = old not in ACTIVE_ALERT_STATES
    if reopened:
        existing.state = AlertState.OPEN
        existing.resolved_how = ""
    existing.updated_at = now
    existing.save()
    AlertEvent.objects.create(
        alert=existing,
        action="reopened" if reopened else "finding_updated",
        from_state=old,
        to_state=existing.state,
        actor=actor,
        note=f"抽查结论更新：{item.description}",
        at=now,
    )
    return existing
