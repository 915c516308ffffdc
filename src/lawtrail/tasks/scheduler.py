"""The periodic supervision sweep: a simple scheduler inside `lawtrail worker`.

Every LAWTRAIL_SWEEP_EVERY_SECONDS (default 300: 5 minutes) the worker enqueues `supervision_sweep` on the
task queue, unless one is already waiting or running, or the last one was enqueued less than that long
ago — so several workers, or a restarted one, do not pile sweeps up. The queue's rows (django_tasks_db)
record every run with its state; the sweep itself records a SweepRun (triggered_by="scheduler") with its
counts. On SQLite a tick is one IMMEDIATE transaction, so two workers' ticks cannot both enqueue.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lawtrail.common import clock

from .tasks import supervision_sweep

logger = logging.getLogger("lawtrail.tasks")

SWEEP_PATH = supervision_sweep.module_path


def sweep_every() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "LAWTRAIL_SWEEP_EVERY_SECONDS", 300)))


def sweep_due(now: datetime, every: timedelta | None = None) -> bool:
    every = every or sweep_every()
    sweeps = DBTaskResult.objects.filter(task_path=SWEEP_PATH)
    if sweeps.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists():
        return False
    last = sweeps.order_by("-enqueued_at").values_list("enqueued_at", flat=True).first()
    return last is None or now - last >= every


def tick(now: datetime | None = None, every: timedelta | None = None) -> str | None:
    """Enqueue the sweep if it is due; returns the new task's id (None when not due)."""
    now = now or clock.now()
    with transaction.atomic():
        if not sweep_due(now, every):
            return None
        result = supervision_sweep.enqueue(triggered_by="scheduler")
    logger.info("scheduled sweep enqueued: %s", result.id)
    return str(result.id)


class SchedulerThread(threading.Thread):
    """Ticks at start and then every `check_seconds` until stopped (a daemon: it ends with the worker)."""

    def __init__(self, *, every: timedelta, check_seconds: float = 15.0):
        super().__init__(name="lawtrail-scheduler", daemon=True)
        self.every = every
        self.check_seconds = min(check_seconds, every.total_seconds())
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            try:
                tick(every=self.every)
            except Exception:
                logger.exception("scheduler tick failed")
            finally:
                close_old_connections()
            if self.stopped.wait(self.check_seconds):
                return

    def stop(self) -> None:
        self.stopped.set()
