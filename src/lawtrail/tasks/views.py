"""The page of recent background-task runs (后台任务): the queue's rows with their state, and the recent
supervision sweeps. An htmx fragment refreshes the tables every 10 seconds."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lawtrail.common import clock
from lawtrail.web.http import is_htmx, login_required, scope_of, vary_on_htmx

from .scheduler import sweep_every
from .selectors import can_view_tasks, day_ago, recent_sweeps, recent_task_runs, task_status_counts


@login_required
def task_runs_page(request: HttpRequest) -> HttpResponse:
    if not can_view_tasks(scope_of(request)):
        raise PermissionDenied(_("后台任务由系统管理员、法制员或局领导查看。"))
    now = clock.now()
    context = {
        "runs": recent_task_runs(),
        "sweeps": recent_sweeps(),
        "counts": task_status_counts(day_ago(now)),
        "every_minutes": round(sweep_every().total_seconds() / 60, 1),
        "now": now,
        "nav": "tasks",
    }
    template = "tasks/_runs.html" if is_htmx(request) else "tasks/runs.html"
    return vary_on_htmx(render(request, template, context))
