"""Supervision pages: the inbox (监督预警), one alert with its rectification workflow."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lawtrail.common.errors import DomainError
from lawtrail.org.models import Officer
from lawtrail.web.http import login_required, officer_of, or_404, scope_of
from lawtrail.web.selectors import units_in_scope

from .forms import AlertFilterForm, AssignForm, SubmitForm, VerifyForm
from .models import AlertState
from .selectors import alert_get, alert_list
from .services import alert_assign, alert_submit, alert_verify, can_verify, current_rectification

PAGE_SIZE = 50


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = AlertFilterForm(request.GET or None, units=units_in_scope(scope))
    page = Paginator(alert_list(scope, form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "supervision/inbox.html", {"form": form, "page": page, "nav": "supervision"})


def _forms(request, alert, officer, *, assign=None, submit=None, verify=None) -> dict:
    rect = current_rectification(alert)
    verifier = can_verify(officer, alert)
    context = {"alert": alert, "rect": rect, "log": alert.log.select_related("actor"), "nav": "supervision"}
    context["rectifications"] = list(alert.rectifications.select_related("assigned_to", "verified_by"))
    if verifier and alert.state == AlertState.OPEN:
        officers = Officer.objects.filter(unit__bureau_id=alert.bureau_id, is_active=True).select_related(
            "unit"
        )
        context["assign_form"] = assign or AssignForm(
            officers=officers, initial={"officer": alert.responsible_id}
        )
    if alert.state == AlertState.ASSIGNED and rect and officer and rect.assigned_to_id == officer.id:
        context["submit_form"] = submit or SubmitForm()
    if verifier and alert.state == AlertState.RECTIFICATION_SUBMITTED:
        context["verify_form"] = verify or VerifyForm()
    return context


@login_required
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = or_404(alert_get, scope_of(request), pk)
    return render(request, "supervision/alert.html", _forms(request, alert, officer_of(request)))


@login_required
@require_POST
def alert_action(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    alert = or_404(alert_get, scope_of(request), pk)
    officer = officer_of(request)
    if officer is None:
        raise HttpForbidden(_("您的账号未关联民警信息。"))
    officers = Officer.objects.filter(unit__bureau_id=alert.bureau_id, is_active=True)
    form_class = {"assign": AssignForm, "submit": SubmitForm, "verify": VerifyForm}.get(step)
    if form_class is None:
        from django.http import Http404

        raise Http404(_("没有这项操作"))
    form = form_class(request.POST, officers=officers) if step == "assign" else form_class(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if step == "assign":
                alert_assign(
                    alert=alert, actor=officer, officer=d["officer"], deadline=d["deadline"], note=d["note"]
                )
            elif step == "submit":
                alert_submit(alert=alert, actor=officer, statement=d["statement"])
            else:
                alert_verify(alert=alert, actor=officer, accept=d["decision"] == "accept", note=d["note"])
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已保存"))
            return redirect("supervision:alert", pk=alert.pk)
    alert.refresh_from_db()
    context = _forms(request, alert, officer, **{step: form})
    return render(request, "supervision/alert.html", context, status=400)
