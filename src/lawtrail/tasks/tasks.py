"""The background tasks. Each calls a service (the tasks themselves decide nothing).

- `supervision_sweep`: the supervision sweep (supervision.runtime.sweep) — enqueued every
  LAWTRAIL_SWEEP_EVERY_SECONDS by the worker's scheduler (scheduler.py), or by hand; each run is a SweepRun.
- `deliver_notification`: send one notification by e-mail and SMS (notifications.services).
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

SWEEP_QUEUE = "default"


@task()
def supervision_sweep(triggered_by: str = "scheduler", unit_code: str | None = None) -> dict[str, Any]:
    """Re-evaluate every open case and incident now (warnings that fell due with time); returns the counts
    the SweepRun records, plus its id."""
    from lawtrail.supervision.runtime import sweep
    from lawtrail.supervision.services import alerts_escalate

    result = sweep(triggered_by=triggered_by, unit_code=unit_code)
    # A rectification past its deadline goes to the unit head (once per round; notifications tells them).
    escalated = alerts_escalate()
    return {"sweep_run": result.run.pk if result.run else None, **result.counts, "escalated": len(escalated)}


@task()
def deliver_notification(notification_id: int) -> dict[str, bool]:
    """Send a notification by the enabled channels (failures make the task FAILED, with the reason)."""
    from lawtrail.notifications.services import notification_deliver

    return notification_deliver(notification_id)
