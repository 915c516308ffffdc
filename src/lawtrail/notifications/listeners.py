"""Who is told what when supervision's alerts change — Django post_save receivers on supervision's
AlertEvent (every change of an alert is one) and Rectification rows, connected in NotificationsConfig.ready.

Signals, not edits to supervision: the alert log is written by the runtime (runtime.py), the findings
(findings.py) and the rectification workflow (services.py); one receiver sees them all. They run inside the
writer's transaction and only write Notification rows; e-mail and SMS go out after commit (services.notify).

- an alert opened or reopened → its responsible officer (a sampling finding: "视频抽查发现问题");
- an alert that becomes overdue (opened overdue, its level changed to overdue, or an `escalated` entry) →
  the unit head nearest above the alert's unit (escalation, issue 3 item 5);
- a rectification assigned (or returned for another round) → the officer who must rectify.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.urls import reverse

from lawtrail.org.choices import Role
from lawtrail.org.models import Officer, RoleGrant
from lawtrail.supervision.findings import FAMILY as FINDING_FAMILY
from lawtrail.supervision.models import Alert, AlertEvent, AlertLevel, Rectification

from .choices import Kind
from .services import notify


def _link(alert: Alert) -> str:
    return reverse("supervision:alert", args=[alert.pk])


def _body(alert: Alert) -> str:
    lines = [f"对象：{alert.subject_key}", f"单位：{alert.unit.name}"]
    if alert.due:
        from lawtrail.common.clock import local

        lines.append(f"期限：{local(alert.due):%Y-%m-%d %H:%M}")
    lines.extend(str(line) for line in (alert.explanation or [])[:4])
    return "\n".join(lines)


def unit_heads(alert: Alert) -> list[Officer]:
    """The active unit heads whose grant is on the alert's unit or the nearest unit above it that has one."""
    path = alert.unit.path
    grants = [
        g
        for g in RoleGrant.objects.filter(
            role=Role.UNIT_HEAD, unit__bureau_id=alert.bureau_id, officer__is_active=True
        )
        .select_related("unit", "officer", "officer__user")
        .order_by("officer__badge_no")
        if path == g.unit.path or path.startswith(g.unit.path.rstrip("/") + "/")
    ]
    if not grants:
        return []
    nearest = max(len(g.unit.path) for g in grants)
    return [g.officer for g in grants if len(g.unit.path) == nearest]


def _escalates(entry: AlertEvent, alert: Alert) -> bool:
    if entry.action == "escalated":
        return True
    return alert.level == AlertLevel.OVERDUE and entry.action in ("opened", "reopened", "level_changed")


def alert_event_saved(sender, instance: AlertEvent, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw:
        return
    alert = instance.alert
    now = instance.at
    if instance.action in ("opened", "reopened") and alert.responsible_id:
        finding = alert.family == FINDING_FAMILY
        notify(
            recipient=Officer.objects.select_related("user").get(pk=alert.responsible_id),
            kind=Kind.FINDING if finding else Kind.ALERT_OPENED,
            title=alert.title if finding else f"{alert.get_level_display()}：{alert.title}",
            body=_body(alert),
            link=_link(alert),
            now=now,
        )
    if _escalates(instance, alert):
        for head in unit_heads(alert):
            notify(
                recipient=head,
                kind=Kind.ALERT_ESCALATED,
                title=f"预警升级（{alert.get_level_display()}）：{alert.title}",
                body=_body(alert),
                link=_link(alert),
                now=now,
            )


def rectification_saved(sender, instance: Rectification, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw:
        return
    alert = instance.alert
    again = alert.rectifications.exclude(pk=instance.pk).exists()
    notify(
        recipient=Officer.objects.select_related("user").get(pk=instance.assigned_to_id),
        kind=Kind.ALERT_ASSIGNED,
        title=("整改被退回，请重新提交：" if again else "请整改：") + alert.title,
        body=_body(alert) + f"\n整改期限：{instance.deadline:%Y-%m-%d}",
        link=_link(alert),
        now=instance.assigned_at,
    )


def connect() -> None:
    post_save.connect(alert_event_saved, sender=AlertEvent, dispatch_uid="notifications.alert_event")
    post_save.connect(rectification_saved, sender=Rectification, dispatch_uid="notifications.rectification")
