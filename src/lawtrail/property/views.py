"""Case property pages: the property center's inventory, an item with its custody chain, its printable QR
label, the forms that record its movements, and the center's storage locations."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lawtrail.cases.selectors import case_get
from lawtrail.common import clock
from lawtrail.common.errors import DomainError
from lawtrail.web.http import login_required, officer_of, or_404, scope_of

from .choices import FINAL_STATUSES, ItemStatus
from .forms import STEP_FORMS, LocationForm, SeizeForm
from .machine import PROPERTY_MACHINE
from .selectors import (
    center_get,
    centers_visible,
    handover_due,
    inventory_by_case,
    inventory_by_location,
    item_get,
    item_transfers,
    overdue_items,
)

VIEWS = ("overdue", "location", "case")


def _actor(request: HttpRequest):
    actor = officer_of(request)
    if actor is None:
        raise PermissionDenied(_("您的账号未关联民警信息，不能登记涉案财物。"))
    return actor


def qr_svg(text: str, size: int = 132) -> SafeString:
    """The item's code as an inline SVG QR code, drawn here (nothing fetched from another host)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=1)
    svg = image.to_string(encoding="unicode")
    svg = svg.replace('width="', 'data-w="', 1).replace('height="', 'data-h="', 1)
    svg = svg.replace("<svg ", f'<svg width="{size}" height="{size}" role="img" aria-hidden="true" ', 1)
    return mark_safe(svg)  # generated here from our own item code


@login_required
def inventory_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    view = request.GET.get("view", "overdue")
    if view not in VIEWS:
        view = "overdue"
    centers = list(centers_visible(scope))
    center = None
    if centers:
        wanted = request.GET.get("center") or centers[0].code
        center = next((c for c in centers if c.code == wanted), centers[0])
    context = {"nav": "property", "view": view, "centers": centers, "center": center}
    now = clock.now()
    if view == "overdue":
        context["items"] = [(item, handover_due(item)) for item in overdue_items(scope, now=now)]
    elif view == "location":
        rows, unplaced = inventory_by_location(scope, center) if center else ([], [])
        context.update(rows=rows, unplaced=unplaced)
    else:
        context["cases"] = inventory_by_case(scope)
    return render(request, "property/inventory.html", context)


@login_required
def item_page(request: HttpRequest, code: str) -> HttpResponse:
    item = or_404(item_get, scope_of(request), code)
    open_steps = [] if item.status in FINAL_STATUSES else _steps_for(item)
    return render(
        request,
        "property/item.html",
        {
            "nav": "property",
            "item": item,
            "transfers": item_transfers(item),
            "steps": open_steps,
            "qr": qr_svg(item.code, 120),
            "due": handover_due(item) if item.status == ItemStatus.HELD and not item.handed_over_at else None,
        },
    )


def _steps_for(item) -> list[tuple[str, str]]:
    allowed = {t.event for t in PROPERTY_MACHINE.available(item.status)}
    out = []
    for slug, form in STEP_FORMS.items():
        if form.event not in allowed:
            continue
        if form.event == "property.registered" and item.registered_at:
            continue
        out.append((slug, str(form.title)))
    return out


@login_required
def label_page(request: HttpRequest, code: str) -> HttpResponse:
    item = or_404(item_get, scope_of(request), code)
    return render(request, "property/label.html", {"item": item, "qr": qr_svg(item.code, 150)})


def _form_page(request: HttpRequest, form, *, back: str, title: str, context: dict) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            item = form.submit()
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已完成：%(action)s") % {"action": title})
            return redirect("property:item", code=item.code)
    return render(
        request,
        "property/form.html",
        {"form": form, "title": title, "back": back, "nav": "property", **context},
    )


@login_required
def seize_page(request: HttpRequest, number: str) -> HttpResponse:
    case = or_404(case_get, scope_of(request), number)
    form = SeizeForm(request.POST or None, case=case, actor=_actor(request))
    back = reverse("cases:detail", args=[case.number])
    return _form_page(request, form, back=back, title=str(form.title), context={"case": case})


@login_required
def step_page(request: HttpRequest, code: str, step: str) -> HttpResponse:
    form_class = STEP_FORMS.get(step)
    if form_class is None:
        raise Http404(_("没有这项操作"))
    scope = scope_of(request)
    item = or_404(item_get, scope, code)
    form = form_class(request.POST or None, item=item, actor=_actor(request), centers=centers_visible(scope))
    back = reverse("property:item", args=[item.code])
    return _form_page(request, form, back=back, title=str(form.title), context={"item": item})


@login_required
def locations_page(request: HttpRequest, center: str) -> HttpResponse:
    unit = or_404(center_get, scope_of(request), center)
    form = LocationForm(request.POST or None, center=unit, actor=officer_of(request))
    if request.method == "POST":
        if not scope_of(request).unit_ids & {unit.id}:
            raise PermissionDenied(_("只有财物管理中心的民警可以维护存放位置。"))
        if form.is_valid():
            try:
                location = form.submit()
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("已添加存放位置：%(label)s") % {"label": location.label})
                return redirect("property:locations", center=unit.code)
    rows, unplaced = inventory_by_location(scope_of(request), unit)
    return render(
        request,
        "property/locations.html",
        {"nav": "property", "center": unit, "rows": rows, "form": form, "unplaced": unplaced},
    )
