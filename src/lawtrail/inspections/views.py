"""Inspection pages: the duty leader's day list (审核警情), the legal brigade's sampling sheets (视频抽查).

Views parse, call a selector or a service, and render; a DomainError is shown beside its field.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lawtrail.common import clock
from lawtrail.common.errors import DomainError
from lawtrail.incidents.selectors import incident_get, incidents_visible
from lawtrail.web.http import login_required, officer_of, or_404, scope_of
from lawtrail.web.selectors import units_in_scope

from .forms import DayFilterForm, FindingForm, ReviewForm, SamplingForm, yesterday
from .policies import can_review, can_sample
from .selectors import daily_review, sample_item_get, sampling_get, sampling_items, sampling_list
from .services import finding_record, incident_review, incidents_review_no_issue, sampling_draw

PAGE_SIZE = 100
ONE_DAY = timedelta(days=1)


def _actor(request: HttpRequest):
    actor = officer_of(request)
    if actor is None:
        raise PermissionDenied(_("您的账号未关联民警信息。"))
    return actor


def _day_url(day, unit_id: str = "") -> str:
    query = f"?day={day:%Y-%m-%d}" + (f"&unit={unit_id}" if unit_id else "")
    return reverse("inspections:review") + query


@login_required
def review_day_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = DayFilterForm(request.GET or None, units=units_in_scope(scope))
    f = form.filters()
    review = or_404(daily_review, scope, day=f["day"], unit=f["unit"])
    incidents = review.incidents.filter(reviewed_at__isnull=True) if f["unreviewed"] else review.incidents
    page = Paginator(incidents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/review_day.html",
        {
            "form": form,
            "review": review,
            "page": page,
            "can_review": can_review(scope),
            "previous_day": _day_url(review.day - ONE_DAY, request.GET.get("unit", "")),
            "next_day": _day_url(review.day + ONE_DAY, request.GET.get("unit", "")),
            "back": request.get_full_path(),
            "nav": "inspections",
        },
    )


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@login_required
def review_incident_page(request: HttpRequest, number: str) -> HttpResponse:
    scope = scope_of(request)
    incident = or_404(incident_get, scope, number)
    if not can_review(scope):
        raise PermissionDenied(_("警情审核由值班领导、单位负责人或局领导进行。"))
    back = _back(request, _day_url(clock.local(incident.received_at).date()))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incident_review(
                actor=_actor(request), scope=scope, incident=incident, note=form.cleaned_data["note"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已审核：%(number)s") % {"number": incident.number})
            return redirect(back)
    return render(
        request,
        "inspections/review_form.html",
        {"form": form, "incident": incident, "back": back, "nav": "inspections"},
    )


@login_required
@require_POST
def review_bulk(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    back = _back(request, _day_url(yesterday()))
    # "selected": the ticked rows; "page": every unreviewed row the page showed.
    field = "page_incidents" if request.POST.get("scope") == "page" else "incidents"
    numbers = request.POST.getlist(field)
    incidents = list(incidents_visible(scope).filter(number__in=numbers))
    if len(incidents) != len(set(numbers)):
        messages.error(request, _("所选警情有的不存在或不在您的查看范围内，未作标记。"))
        return redirect(back)
    try:
        marked = incidents_review_no_issue(actor=_actor(request), scope=scope, incidents=incidents)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已标记 %(n)d 起警情为“已审核，无问题”。") % {"n": marked})
    return redirect(back)


@login_required
def sampling_list_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    units = list(units_in_scope(scope))
    allowed = can_sample(scope)
    today = clock.local(clock.now()).date()
    form = None
    if allowed:
        initial = {"period_start": yesterday(), "period_end": yesterday(), "percent": 10}
        if units:
            initial["unit"] = str(units[0].id)
        form = SamplingForm(request.POST or None, units=units, initial=initial)
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                sampling = sampling_draw(
                    actor=_actor(request),
                    scope=scope,
                    unit=d["unit"],
                    period_start=d["period_start"],
                    period_end=d["period_end"],
                    percent=d["percent"],
                    seed=d["seed"],
                    note=d["note"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("已抽取：%(number)s") % {"number": sampling.number})
                return redirect("inspections:sampling", number=sampling.number)
    elif request.method == "POST":
        raise PermissionDenied(_("视频抽查由法制员或局领导进行。"))
    page = Paginator(sampling_list(scope), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/samplings.html",
        {"form": form, "page": page, "today": today, "nav": "inspections"},
    )


@login_required
def sampling_page(request: HttpRequest, number: str) -> HttpResponse:
    scope = scope_of(request)
    sampling = or_404(sampling_get, scope, number)
    items = list(sampling_items(sampling))
    checked = sum(1 for i in items if i.result != "pending")
    problems = sum(1 for i in items if i.result == "problem")
    return render(
        request,
        "inspections/sampling.html",
        {
            "sampling": sampling,
            "items": items,
            "checked": checked,
            "problems": problems,
            "can_sample": can_sample(scope),
            "nav": "inspections",
        },
    )


@login_required
def finding_page(request: HttpRequest, number: str, incident: str) -> HttpResponse:
    scope = scope_of(request)
    sampling = or_404(sampling_get, scope, number)
    item = or_404(sample_item_get, sampling, incident)
    if not can_sample(scope):
        raise PermissionDenied(_("视频抽查结论由法制员或局领导填写。"))
    initial = {
        "result": item.result if item.result != "pending" else None,
        "category": item.category,
        "description": item.description,
        "responsible": item.responsible.badge_no if item.responsible_id else "",
    }
    form = FindingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            finding_record(
                actor=_actor(request),
                scope=scope,
                sampling=sampling,
                incident=item.incident.number,
                result=d["result"],
                category=d["category"] or None,
                description=d["description"].strip(),
                responsible=d["responsible"].strip(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已记录抽查结论：%(number)s") % {"number": item.incident.number})
            return redirect("inspections:sampling", number=sampling.number)
    media = list(item.incident.media.select_related("officer").order_by("captured_at", "id"))
    return render(
        request,
        "inspections/finding_form.html",
        {"form": form, "sampling": sampling, "item": item, "media": media, "nav": "inspections"},
    )
