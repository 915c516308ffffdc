"""Incident pages: the list, registering an incident, the incident page and the actions on it.

Views parse, call a selector or a service, and render; a DomainError from a service is shown beside the
field it names and nothing is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lawtrail.cases.selectors import cases_visible
from lawtrail.common.errors import DomainError
from lawtrail.web.http import is_htmx, login_required, officer_of, or_404, scope_of, vary_on_htmx
from lawtrail.web.selectors import units_in_scope
from lawtrail.web.timeline import timeline

from .choices import Disposal, Status
from .forms import ACTIONS, Action, IncidentActionForm, IncidentFilterForm, IncidentReceiveForm
from .machine import INCIDENT_MACHINE
from .media_selectors import pending_proposals_for
from .models import Incident
from .policies import can_review
from .selectors import incident_get, incident_list

PAGE_SIZE = 50


@login_required
def incident_list_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = IncidentFilterForm(request.GET or None, units=units_in_scope(scope))
    page = Paginator(incident_list(scope, **form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "incidents/_results.html" if is_htmx(request) else "incidents/list.html"
    return vary_on_htmx(render(request, template, {"form": form, "page": page, "nav": "incidents"}))


@login_required
def incident_new_page(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    units = list(units_in_scope(scope_of(request)))
    form = IncidentReceiveForm(request.POST if request.method == "POST" else None, units=units, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            incident = form.submit()
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("警情已登记：%(number)s") % {"number": incident.number})
            return redirect("incidents:detail", number=incident.number)
    return render(request, "incidents/new.html", {"form": form, "nav": "incidents"})


@login_required
def incident_detail_page(request: HttpRequest, number: str) -> HttpResponse:
    incident = or_404(incident_get, scope_of(request), number)
    return _incident_page(request, incident)


@login_required
def incident_action_page(request: HttpRequest, number: str, slug: str) -> HttpResponse:
    action = ACTIONS.get(slug)
    if action is None:
        raise Http404(_("没有这项操作"))
    scope = scope_of(request)
    incident = or_404(incident_get, scope, number)
    actor = _actor(request)
    if action.slug == "review" and not can_review(scope):
        raise PermissionDenied(_("警情审核由值班领导或单位负责人进行。"))
    units = list(units_in_scope(scope))
    if request.method == "POST":
        form = action.make_form(request.POST, incident=incident, actor=actor, units=units)
        if form.is_valid():
            try:
                case = form.submit()
            except DomainError as error:
                form.add_domain_error(error)
            else:
                if case is not None:
                    messages.success(request, _("已受案并转为案件：%(number)s") % {"number": case.number})
                    return redirect("cases:detail", number=case.number)
                messages.success(request, _("已完成：%(action)s") % {"action": action.title})
                return redirect("incidents:detail", number=incident.number)
    else:
        form = action.make_form(incident=incident, actor=actor, units=units)
    if is_htmx(request):
        return vary_on_htmx(
            render(request, "incidents/_action_form.html", _form_context(incident, action, form))
        )
    return vary_on_htmx(_incident_page(request, incident, action=action, form=form))


def _actor(request: HttpRequest):
    actor = officer_of(request)
    if actor is None:
        raise PermissionDenied(_("您的账号未关联民警信息，不能登记警情。"))
    return actor


def _form_context(incident: Incident, action: Action, form: IncidentActionForm) -> dict:
    return {"incident": incident, "action": action, "form": form, "title": action.title}


def _available_actions(incident: Incident, scope) -> list[Action]:
    """The actions the page offers: the machine's open transitions, conversion (the service disposes the
    incident as 受案 first), the review for reviewers, and registering a recording."""
    events = {t.event for t in INCIDENT_MACHINE.available(incident.status)}
    offered = [a for a in ACTIONS.values() if a.event in events and a.slug != "convert"]
    if incident.status != Status.CONVERTED and incident.disposal in ("", Disposal.ACCEPTED_AS_CASE):
        offered.append(ACTIONS["convert"])
    if incident.reviewed_at is None and can_review(scope):
        offered.append(ACTIONS["review"])
    offered.append(ACTIONS["media"])
    return offered


def _incident_page(
    request: HttpRequest,
    incident: Incident,
    *,
    action: Action | None = None,
    form: IncidentActionForm | None = None,
) -> HttpResponse:
    scope = scope_of(request)
    context = {
        "incident": incident,
        "actions": _available_actions(incident, scope),
        "dispatch_officers": list(incident.dispatch_officers.all()),
        "media": list(incident.media.select_related("officer")),
        "proposals": list(pending_proposals_for(incident=incident).select_related("incident")),
        "cases": list(cases_visible(scope).filter(incident=incident)),
        "timeline": timeline(incident.events.order_by("occurred_at", "seq")),
        "nav": "incidents",
    }
    if action is not None and form is not None:
        context["open"] = _form_context(incident, action, form)
    return render(request, "incidents/detail.html", context)
