"""The task queue: tasks on the immediate backend, the scheduler's ticks, the page of runs, and one task run
by the real database-backend worker (`lawtrail worker --batch`)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from lawtrail.common import clock
from lawtrail.notifications.services import notify
from lawtrail.supervision.models import SweepRun
from lawtrail.tasks.scheduler import SWEEP_PATH, tick
from lawtrail.tasks.tasks import deliver_notification, supervision_sweep

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_sweep_task_records_a_sweep_run(bureau, settings):
    """Given the immediate backend, when the sweep task runs, then it succeeds and a SweepRun records who
    triggered it and its counts."""
    settings.TASKS = IMMEDIATE
    result = supervision_sweep.enqueue(triggered_by="测试")
    assert result.status == "SUCCESSFUL"
    run = SweepRun.objects.get()
    assert run.triggered_by == "测试"
    assert result.return_value["sweep_run"] == run.pk


def test_the_scheduler_enqueues_one_sweep_per_period(db):
    """Given the database backend, when the scheduler ticks, then one sweep is enqueued; a second tick while
    it waits enqueues nothing; once it has run, a tick less than 5 minutes later enqueues nothing and one
    5 minutes later enqueues the next."""
    now = clock.now()
    first = tick(now=now)
    assert first is not None
    assert tick(now=now) is None
    DBTaskResult.objects.filter(id=first).update(status="SUCCESSFUL")
    enqueued = DBTaskResult.objects.get(id=first).enqueued_at
    assert tick(now=enqueued + timedelta(minutes=4)) is None
    assert tick(now=enqueued + timedelta(minutes=5)) is not None
    assert DBTaskResult.objects.filter(task_path=SWEEP_PATH).count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_queued_tasks_on_the_database_backend(bureau):
    """Given the database backend (the settings' default) and a notification to an officer with e-mail
    whose delivery was enqueued on commit, when `lawtrail worker --batch` runs, then the scheduled sweep
    and the delivery both ran to SUCCESSFUL, the e-mail went out and a SweepRun says "scheduler"."""
    bureau.officer_a.user.email = "zhangwei@example.org"
    bureau.officer_a.user.save(update_fields=["email"])
    notification = notify(recipient=bureau.officer_a, kind="other", title="后台发送")
    queued = DBTaskResult.objects.get(task_path=deliver_notification.module_path)
    assert queued.status == "READY"
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert set(DBTaskResult.objects.values_list("task_path", "status")) == {
        (deliver_notification.module_path, "SUCCESSFUL"),
        (SWEEP_PATH, "SUCCESSFUL"),
    }
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert [m.to for m in mail.outbox] == [["zhangwei@example.org"]]
    assert SweepRun.objects.get().triggered_by == "scheduler"


@pytest.mark.urls("tests.tasks.urls")
def test_the_runs_page_shows_states_and_is_for_supervisors(bureau, settings):
    """Given a successful sweep and a failed delivery, then the legal officer's page lists both with their
    state; a case officer is refused (403)."""
    settings.TASKS = IMMEDIATE
    supervision_sweep.enqueue(triggered_by="scheduler")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    failed = deliver_notification.enqueue(999999)
    DBTaskResult.objects.filter(id=failed.id).update(status="FAILED", exception_class_path="x.DoesNotExist")
    client = Client()
    client.force_login(bureau.legal_officer.user)
    page = client.get("/tasks/").content.decode()
    assert "执法监督巡检" in page
    assert "定时" in page
    assert "发送通知" in page
    assert "失败" in page
    assert "DoesNotExist" in page
    other = Client()
    other.force_login(bureau.officer_a.user)
    assert other.get("/tasks/").status_code == 403
