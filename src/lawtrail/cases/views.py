"""Case pages: the list with its filters, the case page with its timeline, and the actions on a case.

Views parse the request, call a selector or a service, and render. The state machines and the services
decide what is allowed; a refusal comes back as a DomainError and is shown beside the field it names.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lawtrail.common import clock
from lawtrail.common.clock import local
from lawtrail.common.errors import DomainError
from lawtrail.measures.selectors import case_interviews, case_measures
from lawtrail.supervision.selectors import case_compliance
from lawtrail.web.http import is_htmx, login_required, officer_of, or_404, scope_of, vary_on_htmx
from lawtrail.web.selectors import case_media, units_in_scope
from lawtrail.web.timeline import action_label, timeline

from .choices import CaseStatus, HandlerRole
from .forms import ACTION_BY_EVENT, ACTIONS, CASE_DETAIL_ACTIONS, Action, CaseActionForm, CaseFilterForm
from .machine import machine_for
from .models import Case, Handler
from .selectors import case_get, case_handlers, case_list, case_timeline

PAGE_SIZE = 50


@login_required
def case_list_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = CaseFilterForm(request.GET or None, units=units_in_scope(scope))
    cases = case_list(scope, form.filters()).prefetch_related(
        Prefetch(
            "handlers",
            queryset=Handler.objects.filter(released_at__isnull=True).select_related("officer"),
            to_attr="active_handlers",
        )
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "cases/_results.html" if is_htmx(request) else "cases/list.html"
    return vary_on_htmx(render(request, template, {"form": form, "page": page, "nav": "cases"}))


@login_required
def case_detail_page(request: HttpRequest, number: str) -> HttpResponse:
    case = or_404(case_get, scope_of(request), number)
    return _case_page(request, case)


@login_required
def case_action_page(request: HttpRequest, number: str, slug: str) -> HttpResponse:
    """GET: the action's form (a fragment for htmx, else the case page with the form open).
    POST: record it through the service; on success back to the case page, else the form with the error."""
    action = ACTIONS.get(slug)
    if action is None:
        raise Http404(_("没有这项操作"))
    case = or_404(case_get, scope_of(request), number)
    actor = officer_of(request)
    if actor is None:
        raise PermissionDenied(_("您的账号未关联民警信息，不能办理案件。"))
    if request.method == "POST":
        form = action.make_form(request.POST, case=case, actor=actor)
        if form.is_valid():
            try:
                form.submit()
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("已完成：%(action)s") % {"action": _action_title(action, case)})
                return redirect("cases:detail", number=case.number)
    else:
        form = action.make_form(case=case, actor=actor)
    if is_htmx(request):
        return vary_on_htmx(render(request, "cases/_action_form.html", _form_context(case, action, form)))
    return vary_on_htmx(_case_page(request, case, action=action, form=form))


def _action_title(action: Action, case: Case) -> str:
    """The transition's name for this kind of case (开始调查 / 开始侦查), or the action's own title."""
    transition = machine_for(case.kind).transitions.get(action.event)
    return action_label(transition.action) if transition else str(action.title)


def _form_context(case: Case, action: Action, form: CaseActionForm) -> dict:
    return {"case": case, "action": action, "form": form, "title": _action_title(action, case)}


def _case_page(
    request: HttpRequest, case: Case, *, action: Action | None = None, form: CaseActionForm | None = None
) -> HttpResponse:
    transitions = [
        (ACTION_BY_EVENT[t.event], action_label(t.action))
        for t in machine_for(case.kind).available(case.status)
        if t.event in ACTION_BY_EVENT
    ]
    detail_actions = []
    if case.status != CaseStatus.CLOSED:
        detail_actions = [(ACTIONS[slug], _action_title(ACTIONS[slug], case)) for slug in CASE_DETAIL_ACTIONS]
    article = case.offence.article_on(local(case.accepted_at).date()) if case.offence else ""
    context = {
        "case": case,
        "article": article,
        "parties": list(case.parties.all()),
        "handlers": sorted(case_handlers(case), key=lambda h: h.role != HandlerRole.LEAD),
        "media": list(case_media(case)),
        "timeline": timeline(case_timeline(case)),
        "compliance": case_compliance(case, now=clock.now()),  # supervision/_compliance.html
        "measures": case_measures(case),
        "interviews": case_interviews(case),  # measures/_case_section.html
        "transitions": transitions,
        "detail_actions": detail_actions,
        "nav": "cases",
    }
    if action is not None and form is not None:
        context.update({"open": _form_context(case, action, form)})
    return render(request, "cases/detail.html", context)
