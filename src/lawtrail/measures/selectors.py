"""Measure and interview reads, scoped like the case they belong to (out of scope is 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lawtrail.cases.models import Case
from lawtrail.cases.selectors import cases_visible
from lawtrail.common.clock import local
from lawtrail.common.errors import NotFound
from lawtrail.org.policies import Scope

from .choices import ARRIVAL_KINDS, MeasureKind, MeasureStatus
from .models import Detention, Interview, Measure

# The default clock of a measure shown on the case page (hours from arrival/application). The legal
# reasoning — tiers, extensions, law versions — is the supervision catalogue's; this is the display hint.
DEFAULT_HOURS = {
    MeasureKind.SUMMONS: 8,
    MeasureKind.FORCED_SUMMONS: 8,
    MeasureKind.COMPELLED_APPEARANCE: 12,
    MeasureKind.CONTINUED_QUESTIONING: 24,
}


def measures_visible(scope: Scope) -> QuerySet[Measure]:
    return Measure.objects.filter(case__in=cases_visible(scope))


def interviews_visible(scope: Scope) -> QuerySet[Interview]:
    return Interview.objects.filter(case__in=cases_visible(scope))


def measure_get(scope: Scope, measure_id: str) -> Measure:
    measure = (
        measures_visible(scope).select_related("case", "party").filter(measure_id=measure_id).first()
        if _is_uuid(measure_id)
        else None
    )
    if measure is None:
        raise NotFound(f"措施{measure_id}不存在或不在您的查看范围内")
    return measure


def interview_get(scope: Scope, interview_id: str) -> Interview:
    interview = (
        interviews_visible(scope)
        .select_related("case", "party")
        .prefetch_related("officers")
        .filter(interview_id=interview_id)
        .first()
        if _is_uuid(interview_id)
        else None
    )
    if interview is None:
        raise NotFound(f"询问/讯问{interview_id}不存在或不在您的查看范围内")
    return interview


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


CUSTODY = frozenset({MeasureKind.CRIMINAL_DETENTION, MeasureKind.ARREST})
# Criminal coercive measures whose change the person or their lawyer may apply for (刑事诉讼法 第97条).
CHANGEABLE = frozenset(
    {
        *CUSTODY,
        MeasureKind.BAIL,
        MeasureKind.RSL,
        MeasureKind.RSL_DESIGNATED,
        MeasureKind.COMPELLED_APPEARANCE,
    }
)


def measure_steps(m: Measure) -> list[tuple[str, str]]:
    """The steps the case page offers for a measure now: (form slug, label). The events still decide; this
    only leaves out what cannot apply (an arrival for a detention, an arrest answer with no request …)."""
    kind, running = MeasureKind(m.kind), m.status != MeasureStatus.ENDED
    pending_arrest = bool(m.arrest_requested_at and not m.arrest_answer)
    offers = [
        ("arrived", _("到案"), running and m.status == MeasureStatus.APPLIED and kind in ARRIVAL_KINDS),
        ("extended", _("询问查证时限/延长"), running and kind in ARRIVAL_KINDS),
        ("extended-days", _("延长期限"), running and kind in CUSTODY),
        ("jailed", _("送看守所"), running and kind in CUSTODY and not m.jailed_at),
        (
            "arrest-requested",
            _("提请批准逮捕"),
            running and kind == MeasureKind.CRIMINAL_DETENTION and not pending_arrest,
        ),
        ("arrest-approved", _("批准逮捕"), pending_arrest),
        ("arrest-refused", _("不批准逮捕"), pending_arrest),
        (
            "receipt-sent",
            _("送达执行回执"),
            not m.receipt_sent_at and (bool(m.arrest_answer) or kind == MeasureKind.ARREST),
        ),
        ("reconsideration", _("要求复议"), m.arrest_answer == "refused"),
        ("reported", _("报告"), (m.on_the_spot or m.foreign_national) and not m.reported_at),
        (
            "change-requested",
            _("申请变更"),
            running and kind in CHANGEABLE and not (m.change_requested_at and m.change_granted is None),
        ),
        ("change-decided", _("变更申请决定"), bool(m.change_requested_at) and m.change_granted is None),
        (
            "necessity-proposal",
            _("收到羁押必要性审查建议"),
            running and kind in CUSTODY and not (m.necessity_proposal_at and not m.necessity_replied_at),
        ),
        ("necessity-reply", _("答复检察院"), bool(m.necessity_proposal_at) and not m.necessity_replied_at),
        ("identity-established", _("查清身份"), running and not m.identity_established_at),
        ("new-crime-found", _("发现另有重要罪行"), running and kind in CUSTODY),
        (
            "custody-recounted",
            _("重新计算羁押期限"),
            running and kind in CUSTODY and bool(m.new_crime_found_at) and not m.custody_recounted_at,
        ),
        ("change", _("变更措施"), running),
        ("family-notified", _("通知家属"), not m.family_notified_at),
        (
            "family-notice-impossible",
            _("无法通知"),
            not m.family_notified_at and not m.family_notice_impossible,
        ),
        ("ended", _("解除/释放"), running),
    ]
    return [(slug, label) for slug, label, offered in offers if offered]


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    hours: int | None
    due: datetime | None

    @property
    def steps(self) -> list[tuple[str, str]]:
        return measure_steps(self.measure)

    @property
    def clock(self) -> str:
        """ "询问查证 8小时，至 18:20" — the clock as the case page shows it ("" when there is none)."""
        if self.hours is None or self.due is None:
            return ""
        return f"{self.hours}小时，至 {local(self.due):%m-%d %H:%M}"


def case_measures(case: Case) -> list[MeasureRow]:
    """The measures of a case (the caller has already fetched the case through its scope), with clocks."""
    rows = []
    for m in case.measures.select_related("party").order_by("applied_at", "id"):
        hours = m.limit_hours or DEFAULT_HOURS.get(MeasureKind(m.kind))
        due = None
        if hours and m.status != MeasureStatus.ENDED and m.kind in DEFAULT_HOURS and m.arrived_at:
            due = m.arrived_at + timedelta(hours=hours)
        rows.append(MeasureRow(measure=m, hours=hours if due else None, due=due))
    return rows


def case_detentions(case: Case) -> QuerySet[Detention]:
    """The administrative detentions executed in a case (the caller has fetched the case in scope)."""
    return case.detentions.select_related("party").order_by("admitted_at", "id")


def detention_get(scope: Scope, detention_id: str) -> Detention:
    detention = (
        Detention.objects.filter(case__in=cases_visible(scope), detention_id=detention_id)
        .select_related("case", "party")
        .first()
        if _is_uuid(detention_id)
        else None
    )
    if detention is None:
        raise NotFound(f"行政拘留执行记录{detention_id}不存在或不在您的查看范围内")
    return detention


def detention_steps(d: Detention) -> list[tuple[str, str]]:
    in_custody = d.status == "in_custody"
    pending = bool(d.suspension_requested_at) and d.suspension_granted is None
    offers = [
        ("family-notified", _("通知家属"), not d.family_notified_at),
        ("family-notice-impossible", _("无法通知"), d.needs_family_notice),
        ("suspension-requested", _("申请暂缓执行"), in_custody and not pending),
        ("suspension-decided", _("暂缓执行决定"), in_custody and pending),
        ("released", _("解除拘留"), in_custody),
    ]
    return [(slug, label) for slug, label, offered in offers if offered]


def case_interviews(case: Case) -> QuerySet[Interview]:
    return (
        case.interviews.select_related("party")
        .prefetch_related("officers", "media")
        .order_by("started_at", "id")
    )
