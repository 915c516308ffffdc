"""Media reads, scoped: a record is visible to whoever sees its holding unit, its incident or its case
(out of scope is 404). Also the facts the linking proposals are computed from (linking.py)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db.models import Count, Q, QuerySet

from lawtrail.cases.models import Handler
from lawtrail.cases.selectors import cases_visible
from lawtrail.common.errors import NotFound
from lawtrail.org.policies import Scope

from .choices import LinkStatus, LinkTarget
from .linking import SLACK, MediaFacts, TargetFacts
from .models import Incident, LinkProposal, MediaRecord
from .selectors import incidents_visible

# How far back from a recording's capture the linking looks for incidents, interviews and measures.
LOOKBACK = timedelta(hours=12)
MEASURE_LOOKBACK = timedelta(days=3)
# An incident's window when it has no disposal time yet; a measure's when it has not ended.
INCIDENT_OPEN_WINDOW = timedelta(hours=2)
MEASURE_OPEN_WINDOW = timedelta(hours=24)


def media_visible(scope: Scope) -> QuerySet[MediaRecord]:
    if scope.is_empty:
        return MediaRecord.objects.none()
    return MediaRecord.objects.filter(
        scope.units_q() | Q(incident__in=incidents_visible(scope)) | Q(case__in=cases_visible(scope))
    )


def media_get(scope: Scope, media_id: str) -> MediaRecord:
    try:
        key = uuid.UUID(str(media_id))
    except ValueError:
        key = None
    media = (
        media_visible(scope)
        .select_related("officer", "unit", "incident", "case", "interview", "interview__party")
        .filter(media_id=key)
        .first()
        if key
        else None
    )
    if media is None:
        raise NotFound(f"音视频记录{media_id}不存在或不在您的查看范围内")
    return media


def media_list(scope: Scope, *, pending_only: bool = False) -> QuerySet[MediaRecord]:
    """Media in scope, latest capture first, each with `pending` = its proposals awaiting a decision."""
    pending = Count("proposals", filter=Q(proposals__status=LinkStatus.PROPOSED))
    qs = media_visible(scope).select_related("officer", "unit", "incident", "case").annotate(pending=pending)
    if pending_only:
        qs = qs.filter(pending__gt=0)
    return qs.order_by("-captured_at", "-id")


def media_proposals(media: MediaRecord) -> QuerySet[LinkProposal]:
    return media.proposals.select_related("incident", "case", "interview", "interview__party", "decided_by")


def pending_proposals_for(*, incident: Incident | None = None, case=None) -> QuerySet[LinkProposal]:
    """Proposals waiting on an incident's or a case's page (the caller has the subject in scope)."""
    qs = LinkProposal.objects.filter(status=LinkStatus.PROPOSED).select_related("media", "media__officer")
    if incident is not None:
        return qs.filter(incident=incident)
    return qs.filter(Q(case=case) | Q(interview__case=case))


def media_facts(media: MediaRecord) -> MediaFacts:
    return MediaFacts(
        key=str(media.media_id),
        captured_at=media.captured_at,
        duration_seconds=media.duration_seconds,
        officer=media.officer.badge_no if media.officer else None,
        place=media.place,
    )


def link_targets(media: MediaRecord) -> list[TargetFacts]:
    """The incidents, interviews and cases (through their measures) of the media's bureau near its capture
    time, as linking facts; those the media is already linked to are left out. A fixed number of
    queries."""
    from lawtrail.measures.models import Interview, Measure

    t = media.captured_at
    end = t + timedelta(seconds=media.duration_seconds or 0) + SLACK
    lo = t - LOOKBACK
    bureau = media.bureau_id
    targets: list[TargetFacts] = []
    incidents = (
        Incident.objects.filter(bureau_id=bureau, received_at__gte=lo, received_at__lte=end)
        .exclude(pk=media.incident_id or 0)
        .prefetch_related("dispatch_officers", "cases")
    )
    for i in incidents:
        start = i.dispatched_at or i.received_at
        stop = i.disposed_at or (i.arrived_at or start) + INCIDENT_OPEN_WINDOW
        targets.append(
            TargetFacts(
                type=LinkTarget.INCIDENT,
                key=i.number,
                start=start,
                end=max(stop, start),
                officers=frozenset(o.badge_no for o in i.dispatch_officers.all()),
                place=i.place,
                label=f"{i.get_category_display()} · {i.place}",
                case=next((c.number for c in i.cases.all()), ""),
            )
        )
    interviews = (
        Interview.objects.filter(bureau_id=bureau, started_at__lte=end, ended_at__gte=lo)
        .exclude(pk=media.interview_id or 0)
        .select_related("party", "case")
        .prefetch_related("officers")
    )
    for iv in interviews:
        targets.append(
            TargetFacts(
                type=LinkTarget.INTERVIEW,
                key=str(iv.interview_id),
                start=iv.started_at,
                end=iv.ended_at,
                officers=frozenset(o.badge_no for o in iv.officers.all()),
                place=iv.room or iv.get_place_display(),
                label=f"{iv.get_kind_display()} {iv.party.name}",
                case=iv.case.number,
            )
        )
    measures = (
        Measure.objects.filter(bureau_id=bureau, applied_at__gte=t - MEASURE_LOOKBACK, applied_at__lte=end)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=lo))
        .exclude(case_id=media.case_id or 0)
        .select_related("case", "party")
    )
    measures = list(measures)
    handlers: dict[int, set[str]] = {}
    for case_id, badge in Handler.objects.filter(
        case_id__in={m.case_id for m in measures}, released_at__isnull=True
    ).values_list("case_id", "officer__badge_no"):
        handlers.setdefault(case_id, set()).add(badge)
    for m in measures:
        targets.append(
            TargetFacts(
                type=LinkTarget.CASE,
                key=m.case.number,
                start=m.applied_at,
                end=m.ended_at or m.applied_at + MEASURE_OPEN_WINDOW,
                officers=frozenset(handlers.get(m.case_id, ())),
                place=m.place,
                label=f"{m.case.title}（{m.get_kind_display()} {m.party.name}）",
            )
        )
    return targets
