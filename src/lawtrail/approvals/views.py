"""Approval pages: the inbox, asking for an approval from a case, deciding a step, and the administrator's
policies, discretion benchmarks and qualification register. Thin: parse, call a service or selector,
render; a DomainError is shown beside its field."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lawtrail.cases.selectors import case_get
from lawtrail.common import clock
from lawtrail.common.errors import DomainError
from lawtrail.org.models import Officer
from lawtrail.web.http import login_required, officer_of, or_404, scope_of

from .choices import ActKind, RequestStatus
from .forms import (
    REQUEST_FORMS,
    BenchmarkForm,
    DecideForm,
    ExamForm,
    PolicyForm,
    RequirementForm,
    TrainingForm,
    VoidForm,
    correction_form,
)
from .models import Policy, QualificationRequirement, TrainingSession
from .policies import holds_step_role, is_policy_admin
from .selectors import (
    approval_get,
    benchmark_verdict,
    benchmarks_of,
    content_rows,
    evidence_checklist,
    expiring_qualifications,
    inbox,
    my_requests,
    policies_of,
    qualifications_of,
    similar_decisions,
)


def _actor(request: HttpRequest) -> Officer:
    actor = officer_of(request)
    if actor is None:
        raise PermissionDenied(_("您的账号未关联民警信息，不能办理审批。"))
    return actor


def _admin(request: HttpRequest) -> Officer:
    actor = _actor(request)
    if not is_policy_admin(actor):
        raise PermissionDenied(_("只有系统管理员或法制部门可以维护审批流程、裁量基准和执法资格。"))
    return actor


def _submit(request: HttpRequest, form, done: str) -> bool:
    """Validate and submit; True when it went through (a success message is queued)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        form.submit()
    except DomainError as error:
        form.add_domain_error(error)
        return False
    messages.success(request, done)
    return True


@login_required
def inbox_page(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    now = clock.now()
    today = clock.local(now).date()
    expiring = actor in expiring_qualifications(actor.unit.bureau_id, today=today)
    return render(
        request,
        "approvals/inbox.html",
        {
            "rows": inbox(actor, scope_of(request), now=now),
            "mine": my_requests(actor),
            "expiring": expiring,
            "officer": actor,
            "is_admin": is_policy_admin(actor),
            "nav": "approvals",
        },
    )


@login_required
def request_new_page(request: HttpRequest, number: str, act: str) -> HttpResponse:
    form_class = REQUEST_FORMS.get(act)
    if form_class is None:
        raise Http404(_("没有这项报批"))
    case = or_404(case_get, scope_of(request), number)
    form = form_class(request.POST or None, case=case, actor=_actor(request))
    if _submit(request, form, _("已提请审批")):
        return redirect("cases:detail", number=case.number)
    return render(
        request, "approvals/form.html", {"form": form, "case": case, "title": form.title, "nav": "cases"}
    )


@login_required
def request_detail_page(request: HttpRequest, request_id: str) -> HttpResponse:
    approval = or_404(approval_get, scope_of(request), request_id)
    actor = _actor(request)
    step = approval.step
    may_decide = (
        bool(step) and actor.pk != approval.requester_id and holds_step_role(actor, step, approval.case)
    )
    form = DecideForm(request.POST or None, request=approval, actor=actor) if may_decide else None
    if form is not None and _submit(request, form, _("已作出审批意见")):
        return redirect("approvals:detail", request_id=approval.request_id)
    penalty = approval.content.get("penalty")
    return render(
        request,
        "approvals/detail.html",
        {
            "approval": approval,
            "case": approval.case,
            "decisions": approval.decisions.select_related("decider"),
            "content": content_rows(approval),
            "form": form,
            "is_requester": actor.pk == approval.requester_id,
            "verdict": benchmark_verdict(approval.case, penalty, approval.circumstance or None)
            if penalty
            else None,
            "similar": similar_decisions(approval),
            "evidence": evidence_checklist(approval.case),
            "nav": "approvals",
        },
    )


@login_required
def correct_page(request: HttpRequest, request_id: str) -> HttpResponse:
    approval = or_404(approval_get, scope_of(request), request_id)
    actor = _actor(request)
    if actor.pk != approval.requester_id or approval.status not in (
        RequestStatus.RETURNED,
        RequestStatus.GRANTED,
    ):
        raise PermissionDenied(_("只有报批人可以补正被退回的报批或修改已批准的内容。"))
    edit = approval.status == RequestStatus.GRANTED
    form = correction_form(approval, request.POST or None, actor=actor, edit=edit)
    if _submit(request, form, _("原批准已作废，修改后的内容已重新报批") if edit else _("已重新报批")):
        return redirect("cases:detail", number=approval.case.number)
    return render(
        request,
        "approvals/form.html",
        {"form": form, "case": approval.case, "title": form.title, "nav": "approvals"},
    )


@login_required
def void_page(request: HttpRequest, request_id: str) -> HttpResponse:
    approval = or_404(approval_get, scope_of(request), request_id)
    actor = _actor(request)
    if actor.pk != approval.requester_id:
        raise PermissionDenied(_("只有报批人可以撤回报批。"))
    form = VoidForm(request.POST or None, request=approval, actor=actor)
    if _submit(request, form, _("已撤回报批")):
        return redirect("approvals:detail", request_id=approval.request_id)
    return render(
        request,
        "approvals/form.html",
        {"form": form, "case": approval.case, "title": _("撤回报批"), "nav": "approvals"},
    )


# --- administration -------------------------------------------------------------------------------------


@login_required
def policies_page(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    current = {p.act_kind: p for p in policies_of(actor.unit.bureau_id)}
    rows = [(kind, current.get(kind.value)) for kind in ActKind]
    return render(request, "approvals/policies.html", {"rows": rows, "nav": "approvals"})


@login_required
def policy_edit_page(request: HttpRequest, act_kind: str) -> HttpResponse:
    actor = _admin(request)
    if act_kind not in ActKind.values:
        raise Http404(_("没有这类行为"))
    bureau = actor.unit.bureau or actor.unit
    versions = list(
        Policy.objects.filter(bureau=bureau, act_kind=act_kind)
        .prefetch_related("steps")
        .select_related("created_by")
    )
    current = next((p for p in versions if p.is_current), None)
    form = PolicyForm(request.POST or None, bureau=bureau, act_kind=act_kind, actor=actor, current=current)
    if _submit(request, form, _("已保存为新版本；正在审批的事项仍按原流程办理")):
        return redirect("approvals:policies")
    return render(
        request,
        "approvals/policy_edit.html",
        {"form": form, "kind": ActKind(act_kind), "versions": versions, "nav": "approvals"},
    )


@login_required
def benchmarks_page(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    bureau = actor.unit.bureau or actor.unit
    initial = {k: request.GET[k] for k in ("offence", "circumstance") if k in request.GET}
    existing = (
        benchmarks_of(bureau.id)
        .filter(offence__code=initial.get("offence"), circumstance=initial.get("circumstance"))
        .first()
    )
    if existing:
        initial.update(
            detention_min=existing.detention_min,
            detention_max=existing.detention_max,
            fine_min=existing.fine_min,
            fine_max=existing.fine_max,
            factors=existing.factors,
            source=existing.source,
        )
    form = BenchmarkForm(request.POST or None, bureau=bureau, actor=actor, initial=initial)
    if _submit(request, form, _("裁量基准已保存")):
        return redirect("approvals:benchmarks")
    return render(
        request,
        "approvals/benchmarks.html",
        {"form": form, "benchmarks": benchmarks_of(bureau.id), "nav": "approvals"},
    )


@login_required
def qualifications_page(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    bureau = actor.unit.bureau or actor.unit
    which = request.POST.get("form") if request.method == "POST" else None
    forms = {
        "exam": ExamForm(request.POST if which == "exam" else None, bureau=bureau, actor=actor),
        "training": TrainingForm(request.POST if which == "training" else None, bureau=bureau, actor=actor),
        "requirement": RequirementForm(
            request.POST if which == "requirement" else None, bureau=bureau, actor=actor
        ),
    }
    if which in forms and _submit(request, forms[which], _("已登记")):
        return redirect("approvals:qualifications")
    today = clock.local(clock.now()).date()
    return render(
        request,
        "approvals/qualifications.html",
        {
            "forms": forms,
            "register": qualifications_of(bureau.id)[:200],
            "expiring": expiring_qualifications(bureau.id, today=today),
            "today": today,
            "trainings": TrainingSession.objects.filter(bureau=bureau).prefetch_related("attendees")[:50],
            "requirements": QualificationRequirement.objects.filter(bureau=bureau),
            "nav": "approvals",
        },
    )
