"""Measure and interview pages: the forms that record them (the list is a section of the case page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lawtrail.cases.selectors import case_get
from lawtrail.common.errors import DomainError
from lawtrail.web.http import login_required, officer_of, or_404, scope_of

from .forms import DETENTION_FORMS, STEP_FORMS, DetentionAdmitForm, InterviewForm, MeasureApplyForm
from .selectors import detention_get, measure_get


def _actor(request: HttpRequest):
    actor = officer_of(request)
    if actor is None:
        raise PermissionDenied(_("您的账号未关联民警信息，不能办理案件。"))
    return actor


def _form_page(request: HttpRequest, form, case) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            form.submit()
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已完成：%(action)s") % {"action": form.title})
            return redirect("cases:detail", number=case.number)
    return render(
        request, "measures/form.html", {"form": form, "case": case, "title": form.title, "nav": "cases"}
    )


@login_required
def measure_apply_page(request: HttpRequest, number: str) -> HttpResponse:
    case = or_404(case_get, scope_of(request), number)
    form = MeasureApplyForm(request.POST or None, case=case, actor=_actor(request))
    return _form_page(request, form, case)


@login_required
def measure_step_page(request: HttpRequest, measure_id: str, step: str) -> HttpResponse:
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        raise Http404(_("没有这项操作"))
    measure = or_404(measure_get, scope_of(request), measure_id)
    form = form_class(request.POST or None, measure=measure, actor=_actor(request))
    return _form_page(request, form, measure.case)


@login_required
def interview_record_page(request: HttpRequest, number: str) -> HttpResponse:
    case = or_404(case_get, scope_of(request), number)
    form = InterviewForm(request.POST or None, request.FILES or None, case=case, actor=_actor(request))
    return _form_page(request, form, case)


@login_required
def detention_admit_page(request: HttpRequest, number: str) -> HttpResponse:
    case = or_404(case_get, scope_of(request), number)
    form = DetentionAdmitForm(request.POST or None, case=case, actor=_actor(request))
    return _form_page(request, form, case)


@login_required
def detention_step_page(request: HttpRequest, detention_id: str, step: str) -> HttpResponse:
    form_class = DETENTION_FORMS.get(step)
    if form_class is None:
        raise Http404(_("没有这项操作"))
    detention = or_404(detention_get, scope_of(request), detention_id)
    form = form_class(request.POST or None, detention=detention, actor=_actor(request))
    return _form_page(request, form, detention.case)
