"""The rectification workflow (整改) of an alert: assign → submit → verify (accept or return), and the
escalation of a rectification not submitted by its deadline.

The legal officer (法制员, or a bureau leader) assigns an alert to an officer with a deadline; the officer
submits a 整改说明; the legal officer verifies it: accepted → the alert is closed (verified_closed),
returned → back to the officer (assigned), with the note. Each step is a Rectification field and an
AlertEvent row. The caller has already found the alert through `alert_get` (scoped).

Escalation (`alerts_escalate`): a rectification whose deadline has passed without a statement is escalated
once per round — an AlertEvent `escalated` — which the notifications app turns into a message to the unit
head above the alert's unit (notifications.listeners). The scheduler runs it with each sweep.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Exists, OuterRef

from lawtrail.common import clock
from lawtrail.common.errors import PermissionDenied, TransitionNotAllowed, ValidationFailed
from lawtrail.org.choices import Role
from lawtrail.org.models import Officer
from lawtrail.org.policies import scope_for
from lawtrail.supervision.models import Alert, AlertEvent, AlertState, Rectification, RectificationOutcome

VERIFIERS = (Role.LEGAL_OFFICER, Role.BUREAU_LEADER)


def can_verify(officer: Officer | None, alert: Alert) -> bool:
    if officer is None:
        return False
    scope = scope_for(officer)
    return scope.has_role(*VERIFIERS) and alert.unit_id in scope.unit_ids


def current_rectification(alert: Alert) -> Rectification | None:
    return alert.rectifications.order_by("-assigned_at", "-id").first()


def _log(alert: Alert, action: str, old: str, actor: Officer, note: str = "") -> None:
    AlertEvent.objects.create(
        alert=alert,
        action=action,
        from_state=old,
        to_state=alert.state,
        actor=actor,
        note=note,
        at=clock.now(),
    )


def _lock(alert: Alert) -> Alert:
    return Alert.objects.select_for_update().get(pk=alert.pk)


def alert_assign(
    *, alert: Alert, actor: Officer, officer: Officer, deadline: date, note: str = ""
) -> Rectification:
    if not can_verify(actor, alert):
        raise PermissionDenied("只有法制员或局领导可以下发整改", code="not_legal_officer")
    if officer.unit.bureau_id != alert.bureau_id:
        raise ValidationFailed("整改责任人须为本局民警", code="other_bureau", field="officer")
    if deadline < clock.local(clock.now()).date():
        raise ValidationFailed("整改期限不能早于今天", code="deadline_past", field="deadline")
    with transaction.atomic():
        alert = _lock(alert)
        if alert.state != AlertState.OPEN:
            raise TransitionNotAllowed(
                f"预警当前状态为「{alert.get_state_display()}」，不能下发整改", code="not_open"
            )
        old = alert.state
        now = clock.now()
        rect = Rectification.objects.create(
            alert=alert, assigned_to=officer, assigned_by=actor, assigned_at=now, deadline=deadline, note=note
        )
        alert.state = AlertState.ASSIGNED
        alert.updated_at = now
        alert.save(update_fields=["state", "updated_at"])
        _log(
            alert,
            "assigned",
            old,
            actor,
            f"{officer.name}，期限{deadline.isoformat()}" + (f"：{note}" if note else ""),
        )
        return rect


def alert_submit(*, alert: Alert, actor: Officer, statement: str) -> Rectification:
    statement = (statement or "").strip()
    if not statement:
        raise ValidationFailed("请填写整改说明", code="statement_required", field="statement")
    with transaction.atomic():
        alert = _lock(alert)
        rect = current_rectification(alert)
        if alert.state != AlertState.ASSIGNED or rect is None:
            raise TransitionNotAllowed("该预警没有待提交的整改", code="not_assigned")
        if rect.assigned_to_id != actor.id:
            raise PermissionDenied("只有整改责任人可以提交整改说明", code="not_assignee")
        old = alert.state
        now = clock.now()
        rect.statement = statement
        rect.submitted_at = now
        rect.save(update_fields=["statement", "submitted_at"])
        alert.state = AlertState.RECTIFICATION_SUBMITTED
        alert.updated_at = now
        alert.save(update_fields=["state", "updated_at"])
        _log(alert, "submitted", old, actor, statement)
        return rect


def alert_verify(*, alert: Alert, actor: Officer, accept: bool, note: str = "") -> Rectification:
    """Accept (the alert is closed) or return (a new round for the same officer, same deadline)."""
    if not can_verify(actor, alert):
        raise PermissionDenied("只有法制员或局领导可以核查整改", code="not_legal_officer")
    note = (note or "").strip()
    if not accept and not note:
        raise ValidationFailed("退回整改时请写明意见", code="note_required", field="note")
    with transaction.atomic():
        alert = _lock(alert)
        rect = current_rectification(alert)
        if alert.state != AlertState.RECTIFICATION_SUBMITTED or rect is None:
            raise TransitionNotAllowed("该预警没有待核查的整改", code="not_submitted")
        old = alert.state
        now = clock.now()
        rect.verified_by = actor
        rect.verified_at = now
        rect.outcome = RectificationOutcome.ACCEPTED if accept else RectificationOutcome.RETURNED
        rect.note = note
        rect.save(update_fields=["verified_by", "verified_at", "outcome", "note"])
        if accept:
            alert.state = AlertState.VERIFIED_CLOSED
        else:
            alert.state = AlertState.ASSIGNED
            Rectification.objects.create(
                alert=alert,
                assigned_to=rect.assigned_to,
                assigned_by=actor,
                assigned_at=now,
                deadline=rect.deadline,
            )
        alert.updated_at = now
        alert.save(update_fields=["state", "updated_at"])
        _log(alert, "verified" if accept else "returned", old, actor, note)
        return rect


def alerts_escalate(*, now: datetime | None = None) -> list[Alert]:
    """Escalate every alert whose current rectification round is past its deadline (the whole day of the
    deadline is allowed) and not submitted, unless that round was escalated already. Idempotent; returns
    the alerts escalated now."""
    now = now or clock.now()
    today = clock.local(now).date()
    escalated_since_assigned = AlertEvent.objects.filter(
        alert_id=OuterRef("alert_id"), action="escalated", at__gte=OuterRef("assigned_at")
    )
    late = (
        Rectification.objects.filter(
            alert__state=AlertState.ASSIGNED, submitted_at__isnull=True, outcome="", deadline__lt=today
        )
        .annotate(done=Exists(escalated_since_assigned))
        .filter(done=False)
        .select_related("alert", "assigned_to")
        .order_by("deadline", "id")
    )
    out = []
    for rect in late:
        with transaction.atomic():
            alert = _lock(rect.alert)
            if current_rectification(alert) != rect or alert.state != AlertState.ASSIGNED:
                continue
            AlertEvent.objects.create(
                alert=alert,
                action="escalated",
                from_state=alert.state,
                to_state=alert.state,
                actor=None,
                note=f"整改期限{rect.deadline.isoformat()}已过，{rect.assigned_to.name}尚未提交整改说明，提请单位负责人督办",
                at=now,
            )
            out.append(alert)
    return out
