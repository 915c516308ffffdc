"""Notification pages: the list (mark one or all read) and the unread badge fragment for the header.

The badge (`notifications:badge`) is an htmx fragment: the header includes it with
`hx-get="{% url 'notifications:badge' %}" hx-trigger="load, every 60s"`, so the count stays fresh.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lawtrail.web.http import login_required, officer_of, or_404

from .selectors import notifications_of, unread_count
from .services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 50


@login_required
def notification_list_page(request: HttpRequest) -> HttpResponse:
    officer = officer_of(request)
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(notifications_of(officer, unread=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": unread_count(officer), "unread_only": unread_only, "nav": "notifications"},
    )


@login_required
def badge(request: HttpRequest) -> HttpResponse:
    response = render(request, "notifications/_badge.html", {"unread": unread_count(officer_of(request))})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    officer = officer_of(request)
    notification = or_404(notification_mark_read, officer=officer, notification_id=pk)
    target = request.POST.get("next", "")
    if request.POST.get("open") and notification.link:
        target = notification.link
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    officer = officer_of(request)
    if officer is not None:
        n = notifications_mark_all_read(officer=officer)
        messages.success(request, _("已将 %(n)d 条通知标为已读。") % {"n": n})
    return redirect("notifications:list")
