"""Reads: the policy in force, the discretion check, inboxes, a case's approvals, similar decisions, the
evidence checklist. Reads that depend on who asks are scoped (out of scope is 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Min, QuerySet
from django.utils.translation import gettext_lazy as _

from lawtrail.cases.models import Case
from lawtrail.cases.selectors import cases_visible
from lawtrail.common import clock
from lawtrail.common.errors import NotFound
from lawtrail.org.models import Officer
from lawtrail.org.policies import Scope

from .choices import ACTIVE_STATUSES, DECISION_KINDS, ActKind, Circumstance, RequestStatus
from .data.evidence import EVIDENCE_GUIDES
from .models import ApprovalRequest, Benchmark, Policy, Qualification
from .policies import holds_step_role

# --- policies -------------------------------------------------------------------------------------------


def policy_current(bureau_id: int, kind: str) -> Policy | None:
    return Policy.objects.filter(bureau_id=bureau_id, act_kind=kind, is_current=True).first()


def policy_for(bureau_id: int, kind: str, *, at: datetime) -> Policy | None:
    """The policy an act of `kind` needs, if the bureau's approval of that kind had started by `at`: the
    current version (a decision kind without a policy of its own follows the penalty-decision policy)."""
    kinds = [kind] + (
        [ActKind.PENALTY_DECISION] if kind in DECISION_KINDS and kind != ActKind.PENALTY_DECISION else []
    )
    for k in kinds:
        start = Policy.objects.filter(bureau_id=bureau_id, act_kind=k).aggregate(m=Min("effective_from"))["m"]
        if start is not None:
            return policy_current(bureau_id, k) if start <= at else None
    return None


def policies_of(bureau_id: int) -> list[Policy]:
    return list(Policy.objects.filter(bureau_id=bureau_id, is_current=True).prefetch_related("steps"))


# --- discretion benchmarks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """The discretion check of a proposed penalty against the benchmarks of its offence."""

    within: bool
    proposed: str
    allowed: str
    benchmark: Benchmark | None


def penalty_text(penalty: dict[str, Any]) -> str:
    parts = []
    if penalty.get("warning"):
        parts.append("警告")
    if penalty.get("detention_days"):
        parts.append(f"拘留{penalty['detention_days']}日")
    if penalty.get("fine_yuan"):
        parts.append(f"罚款{penalty['fine_yuan']}元")
    if penalty.get("other"):
        parts.append(str(penalty["other"]))
    return "，".join(parts) or "—"


def _within(b: Benchmark, penalty: dict[str, Any]) -> bool:
    days, fine = penalty.get("detention_days") or 0, penalty.get("fine_yuan") or 0
    return b.detention_min <= days <= b.detention_max and b.fine_min <= fine <= b.fine_max


def benchmark_verdict(case: Case, penalty: dict[str, Any], circumstance: str | None = None) -> Verdict | None:
    """None when the bureau has no benchmark for the case's offence; otherwise whether the penalty is
    within the range of `circumstance` (or, not knowing it, of any circumstance)."""
    if not case.offence_id:
        return None
    rows = list(Benchmark.objects.filter(bureau_id=case.bureau_id, offence_id=case.offence_id))
    if circumstance:
        rows = [b for b in rows if b.circumstance == circumstance]
    if not rows:
        return None
    fitting = next((b for b in rows if _within(b, penalty)), None)
    allowed = "；".join(f"{b.get_circumstance_display()}：{b.range_text}" for b in rows)
    return Verdict(
        within=fitting is not None,
        proposed=penalty_text(penalty),
        allowed=allowed,
        benchmark=fitting or rows[0],
    )


def benchmarks_of(bureau_id: int) -> QuerySet[Benchmark]:
    return Benchmark.objects.filter(bureau_id=bureau_id).select_related("offence")


def similar_decisions(request: ApprovalRequest, limit: int = 10) -> list[ApprovalRequest]:
    """Granted decisions of the bureau for the same offence and circumstance (同案同罚), newest first."""
    if request.act_kind not in DECISION_KINDS or not request.case.offence_id:
        return []
    qs = (
        ApprovalRequest.objects.filter(
            bureau_id=request.bureau_id,
            act_kind__in=list(DECISION_KINDS),
            status=RequestStatus.GRANTED,
            case__offence_id=request.case.offence_id,
            circumstance=request.circumstance,
        )
        .exclude(pk=request.pk)
        .select_related("case")
        .order_by("-decided_at")
    )
    return list(qs[:limit])


# --- requests -------------------------------------------------------------------------------------------


def approvals_visible(scope: Scope) -> QuerySet[ApprovalRequest]:
    return ApprovalRequest.objects.filter(case__in=cases_visible(scope))


def approval_get(scope: Scope, request_id: str) -> ApprovalRequest:
    import uuid

    try:
        key = uuid.UUID(str(request_id))
    except ValueError:
        key = None
    request = (
        approvals_visible(scope)
        .select_related("case", "case__unit", "case__offence", "requester", "policy")
        .filter(request_id=key)
        .first()
        if key
        else None
    )
    if request is None:
        raise NotFound(f"审批{request_id}不存在或不在您的查看范围内")
    return request


def case_approvals(case: Case) -> list[ApprovalRequest]:
    """A case's approval history (the caller fetched the case through its scope), with decisions."""
    return list(
        case.approvals.select_related("requester", "policy")
        .prefetch_related("decisions__decider")
        .order_by("-requested_at", "-id")
    )


@dataclass(frozen=True)
class InboxRow:
    request: ApprovalRequest
    due: datetime
    overdue: bool


def inbox(officer: Officer, scope: Scope, *, now: datetime | None = None) -> list[InboxRow]:
    """The requests waiting for `officer`'s decision (their current step's role and scope are the
    officer's, and they did not ask for it), soonest due first."""
    now = now or clock.now()
    officer = Officer.objects.prefetch_related("grants__unit").get(pk=officer.pk)
    pending = (
        approvals_visible(scope)
        .filter(status=RequestStatus.PENDING)
        .exclude(requester=officer)
        .select_related("case", "case__unit", "requester")
    )
    rows = []
    for request in pending:
        step = request.step
        if step and holds_step_role(officer, step, request.case):
            due = request.step_opened_at + timedelta(hours=step["hours"])
            rows.append(InboxRow(request=request, due=due, overdue=due < now))
    return sorted(rows, key=lambda r: r.due)


def my_requests(officer: Officer) -> QuerySet[ApprovalRequest]:
    return (
        ApprovalRequest.objects.filter(requester=officer, status__in=list(ACTIVE_STATUSES))
        .select_related("case")
        .order_by("-requested_at")
    )


# --- evidence checklist ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceRow:
    element: str
    item: str
    state: str  # "have" | "missing" | "check" (not recorded in lawtrail: the reviewer checks the file)
    found: str


def evidence_checklist(case: Case) -> list[EvidenceRow] | None:
    """The evidence guide (证据指引) of the case's offence against what the case file holds."""
    guide = EVIDENCE_GUIDES.get(case.offence.code if case.offence_id else "")
    if guide is None:
        return None
    parties = list(case.parties.all())
    interviews = list(case.interviews.select_related("party"))
    media = case.media.count()
    rows = []
    for element, items in guide["elements"]:
        for label, check in items:
            found, state = _check(check, parties, interviews, media)
            rows.append(EvidenceRow(element=element, item=label, state=state, found=found))
    return rows


def _check(check: str, parties, interviews, media: int) -> tuple[str, str]:
    suspects = [p for p in parties if p.role in ("admin_suspect", "criminal_suspect")]
    by_role = {
        "suspect_statement": ("admin_suspect", "criminal_suspect"),
        "victim_statement": ("victim",),
        "witness_statement": ("witness",),
    }
    if check == "suspect_identity":
        have = [p.name for p in suspects if p.id_number]
        return ("、".join(have), "have") if have else ("", "missing")
    if check in by_role:
        have = [i.party.name for i in interviews if i.party.role in by_role[check]]
        return ("、".join(sorted(set(have))) + f"（{len(have)}份笔录）", "have") if have else ("", "missing")
    if check == "media":
        return (f"{media}个音视频", "have") if media else ("", "missing")
    return ("", "check")


# --- qualification --------------------------------------------------------------------------------------


def expiring_qualifications(bureau_id: int, *, today: date, within_days: int = 60) -> QuerySet[Officer]:
    """Officers of the bureau whose qualification ends within `within_days` (or has ended): the expiry
    warnings for the officer and their unit."""
    return (
        Officer.objects.filter(unit__bureau_id=bureau_id, is_active=True, is_auxiliary=False)
        .exclude(qualification_level="none")
        .filter(qualification_expires__lte=today + timedelta(days=within_days))
        .select_related("unit")
        .order_by("qualification_expires")
    )


def qualifications_of(bureau_id: int) -> QuerySet[Qualification]:
    return Qualification.objects.filter(officer__unit__bureau_id=bureau_id).select_related(
        "officer", "officer__unit"
    )


CIRCUMSTANCES = Circumstance


CONTENT_LABELS = {
    "outcome": _("处理结果"),
    "penalty": _("处罚"),
    "reason": _("理由"),
    "kind": _("措施"),
    "party": _("当事人"),
    "measure_id": _("措施编号"),
    "hours": _("时限（小时）"),
    "days": _("延长日数"),
    "months": _("延长月数"),
    "basis": _("依据"),
}


def content_rows(request: ApprovalRequest) -> list[tuple[str, str]]:
    """The reviewed content as (label, value) lines for people (the hash covers the raw content)."""
    from lawtrail.cases.choices import Outcome
    from lawtrail.measures.choices import MeasureKind

    rows = []
    for key, value in request.content.items():
        if value in (None, "", {}):
            continue
        if key == "outcome":
            text = str(Outcome(value).label)
        elif key == "penalty":
            text = penalty_text(value)
        elif key == "kind":
            text = str(MeasureKind(value).label)
        elif key == "party":
            party = request.case.parties.filter(party_id=value).first()
            text = f"{party.get_role_display()} {party.name}" if party else str(value)
        else:
            text = str(value)
        rows.append((CONTENT_LABELS.get(key, key), text))
    return rows
