"""Reads for the task-runs page: the queue's recent rows and the recent sweeps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count
from django_tasks_db.models import DBTaskResult

from lawtrail.org.choices import Role
from lawtrail.org.policies import Scope
from lawtrail.supervision.models import SweepRun

# Who may see the queue: it is the whole installation's, not a unit's.
VIEWER_ROLES = (Role.ADMINISTRATOR, Role.LEGAL_OFFICER, Role.BUREAU_LEADER)

TASK_LABELS = {
    "lawtrail.tasks.tasks.supervision_sweep": "执法监督巡检",
    "lawtrail.tasks.tasks.deliver_notification": "发送通知",
}


def can_view_tasks(scope: Scope) -> bool:
    return scope.has_role(*VIEWER_ROLES)


@dataclass
class TaskRun:
    id: str
    label: str
    status: str
    enqueued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    args: str
    outcome: str  # the return value's summary, or the exception class

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return round((self.finished_at - self.started_at).total_seconds(), 2)
        return None


def _summary(row: DBTaskResult) -> str:
    if row.status == "FAILED":
        return row.exception_class_path.rsplit(".", 1)[-1]
    value = row.return_value
    if isinstance(value, dict):
        return "，".join(f"{k}={v}" for k, v in value.items() if not isinstance(v, dict | list))[:200]
    return "" if value is None else str(value)[:200]


def recent_task_runs(limit: int = 50) -> list[TaskRun]:
    rows = DBTaskResult.objects.order_by("-enqueued_at").only(
        "id",
        "task_path",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "args_kwargs",
        "return_value",
        "exception_class_path",
    )[:limit]
    return [
        TaskRun(
            id=str(r.id),
            label=TASK_LABELS.get(r.task_path, r.task_path.rsplit(".", 1)[-1]),
            status=r.status,
            enqueued_at=r.enqueued_at,
            started_at=r.started_at,
            finished_at=r.finished_at,
            args=", ".join(
                [
                    *(str(a) for a in r.args_kwargs.get("args", [])),
                    *(f"{k}={v}" for k, v in r.args_kwargs.get("kwargs", {}).items()),
                ]
            ),
            outcome=_summary(r),
        )
        for r in rows
    ]


def task_status_counts(since: datetime) -> dict[str, int]:
    return dict(
        DBTaskResult.objects.filter(enqueued_at__gte=since)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )


def recent_sweeps(limit: int = 10) -> list[SweepRun]:
    return list(SweepRun.objects.order_by("-started_at")[:limit])


def day_ago(now: datetime) -> datetime:
    return now - timedelta(days=1)
