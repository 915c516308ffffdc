"""Case-handling center pages: the live board, a stay with its check, belongings and rooms, the forms that
record entry and each step, and the center's rooms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lawtrail.cases.selectors import case_get
from lawtrail.common import clock
from lawtrail.common.errors import DomainError
from lawtrail.web.http import is_htmx, login_required, officer_of, or_404, scope_of, vary_on_htmx

from .choices import StayStatus
from .forms import STEP_FORMS, EnterForm, RoomCreateForm
from .selectors import board, center_get, center_rooms, centers_visible, limit_of, stay_get


def _actor(request: HttpRequest):
    actor = officer_of(request)
    if actor is None:
        raise PermissionDenied(_("您的账号未关联民警信息，不能登记。"))
    return actor


@login_required
def board_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    centers = list(centers_visible(scope))
    center = None
    if centers:
        wanted = request.GET.get("center") or next(
            (c.code for c in centers if c.id in scope.unit_ids), centers[0].code
        )
        center = next((c for c in centers if c.code == wanted), centers[0])
    now = clock.now()
    context = {
        "nav": "center",
        "centers": centers,
        "center": center,
        "rows": board(scope, center, now=now) if center else [],
        "now": now,
    }
    template = "center/_board.html" if is_htmx(request) else "center/board.html"
    return vary_on_htmx(render(request, template, context))


@login_required
def stay_page(request: HttpRequest, stay_id: str) -> HttpResponse:
    stay = or_404(stay_get, scope_of(request), stay_id)
    hours, due = limit_of(stay) if stay.status == StayStatus.IN else (None, None)
    steps = []
    if stay.status == StayStatus.IN:
        steps = [
            (slug, str(form.title))
            for slug, form in STEP_FORMS.items()
            if not (slug == "check" and stay.checked_at)
        ]
    return render(
        request,
        "center/stay.html",
        {
            "nav": "center",
            "stay": stay,
            "steps": steps,
            "due": due,
            "limit_hours": hours,
            "belongings": stay.belongings.all(),
            "rooms": stay.room_assignments.select_related("room"),
        },
    )


def _form_page(request: HttpRequest, form, *, back: str, title: str, context: dict) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            stay = form.submit()
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已完成：%(action)s") % {"action": title})
            return redirect("center:stay", stay_id=stay.stay_id)
    return render(
        request, "center/form.html", {"form": form, "title": title, "back": back, "nav": "center", **context}
    )


@login_required
def enter_page(request: HttpRequest, number: str) -> HttpResponse:
    scope = scope_of(request)
    case = or_404(case_get, scope, number)
    form = EnterForm(
        request.POST or None, case=case, actor=_actor(request), centers=list(centers_visible(scope))
    )
    back = reverse("cases:detail", args=[case.number])
    return _form_page(request, form, back=back, title=str(form.title), context={"case": case})


@login_required
def step_page(request: HttpRequest, stay_id: str, step: str) -> HttpResponse:
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        raise Http404(_("没有这项操作"))
    stay = or_404(stay_get, scope_of(request), stay_id)
    form = form_class(request.POST or None, stay=stay, actor=_actor(request))
    back = reverse("center:stay", args=[stay.stay_id])
    return _form_page(request, form, back=back, title=str(form.title), context={"stay": stay})


@login_required
def rooms_page(request: HttpRequest, center: str) -> HttpResponse:
    scope = scope_of(request)
    unit = or_404(center_get, scope, center)
    form = RoomCreateForm(request.POST or None, center=unit, actor=officer_of(request))
    if request.method == "POST":
        if unit.id not in scope.unit_ids:
            raise PermissionDenied(_("只有办案中心的民警可以维护功能室。"))
        if form.is_valid():
            try:
                room = form.submit()
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("已添加功能室：%(name)s") % {"name": room.name})
                return redirect("center:rooms", center=unit.code)
    return render(
        request,
        "center/rooms.html",
        {"nav": "center", "center": unit, "rooms": center_rooms(unit), "form": form},
    )
