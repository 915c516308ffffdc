"""The fact builder: a case's or an incident's stored events as the engine's `Fact`s (facts.py contract).

A case's timeline is its own events and those of its incident; an incident's, its own events and those of
the cases it became. Each fact carries the subject's attributes (`subject`), the key of the event's own
sub-subject (`key`) and what was looked up for it (`context`: for `case.handler_assigned` whether the
officer is auxiliary and whether their 执法资格 was valid on the day of the assignment).

The subject attributes are those of the record now (case kind, offence code/law/category, procedure, the
incident's category; an incident's category and source): the records do not keep their own history, so a
回头看 (`as_of` in the past) judges past events with today's offence. `case.offence_changed` is rare and
its events are in the timeline.

Queries: `build_case_facts(case)` / `build_incident_facts(incident)` — two or three queries per subject
(the subject with its offence/incident, its events, the officers named by handler assignments).
`build_many(cases=…, incidents=…)` builds a whole chunk with a fixed number of queries (no N+1).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import Any

from django.db.models import Q

from lawtrail.cases.models import Case
from lawtrail.common.clock import local
from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident
from lawtrail.org.models import Officer
from lawtrail.supervision.facts import Fact

# Payload fields that name the event's own sub-subject (a party, a media record, a measure, an item, a
# detention, an approval step).
KEY_FIELDS = ("measure_id", "item_id", "party_id", "media_id", "document_id", "detention_id", "step_key")
EVENT_FIELDS = ("seq", "name", "case_id", "incident_id", "occurred_at", "recorded_at", "payload")


def case_subject(case: Case) -> dict[str, Any]:
    offence = case.offence
    return {
        "type": "case",
        "kind": case.kind,
        "offence": offence.code if offence else None,
        "offence_law": offence.law if offence else None,
        "offence_category": offence.category if offence else None,
        "procedure": case.procedure,
        "incident_category": case.incident.category if case.incident_id and case.incident else None,
        "major_crime": None,
    }


def incident_subject(incident: Incident) -> dict[str, Any]:
    return {"type": "incident", "category": incident.category, "source": incident.source}


def _qualified(officer: Officer, day: date) -> bool:
    if officer.qualification_level in ("", "none"):
        return False
    return officer.qualification_expires is None or officer.qualification_expires >= day


def _officers(events: Iterable[Event]) -> dict[str, Officer]:
    badges = {
        str(e.payload.get("officer"))
        for e in events
        if e.name == "case.handler_assigned" and e.payload.get("officer")
    }
    if not badges:
        return {}
    return {o.badge_no: o for o in Officer.objects.filter(badge_no__in=badges).order_by()}


def _fact(event: Event, subject: dict[str, Any], officers: dict[str, Officer]) -> Fact:
    payload = event.payload or {}
    context: dict[str, Any] = {}
    if event.name == "case.handler_assigned":
        officer = officers.get(str(payload.get("officer")))
        if officer is not None:
            context = {
                "officer_is_auxiliary": officer.is_auxiliary,
                "officer_qualified": _qualified(officer, local(event.occurred_at).date()),
            }
    key = next((str(payload[f]) for f in KEY_FIELDS if payload.get(f)), "")
    return Fact(
        name=event.name,
        occurred_at=event.occurred_at,
        recorded_at=event.recorded_at,
        payload=payload,
        subject=subject,
        key=key,
        context=context,
    )


def _facts(events: Sequence[Event], subject: dict[str, Any], officers: dict[str, Officer]) -> list[Fact]:
    ordered = sorted(events, key=lambda e: (e.occurred_at, e.recorded_at, e.seq))
    return [_fact(e, subject, officers) for e in ordered]


def facts_of(events: Sequence[Event], subject: dict[str, Any]) -> list[Fact]:
    """The facts of a subject's events loaded elsewhere (the runtime's hot path reads them in plain SQL)."""
    return _facts(events, subject, _officers(events))


def build_case_facts(case: Case, names: Collection[str] | None = None) -> tuple[dict[str, Any], list[Fact]]:
    """(subject attributes, facts) of one case; `case` should come with offence and incident selected.
    `names`: only the events of these names (the runtime's incremental check loads only what the rules it
    re-evaluates read, `Rule.events_used()`)."""
    q = Q(case_id=case.id)
    if case.incident_id:
        q |= Q(incident_id=case.incident_id, case_id__isnull=True)
    qs = Event.objects.filter(q)
    if names is not None:
        qs = qs.filter(name__in=sorted(names))
    events = list(qs.only(*EVENT_FIELDS).order_by())
    subject = case_subject(case)
    return subject, _facts(events, subject, _officers(events))


def build_incident_facts(
    incident: Incident, names: Collection[str] | None = None
) -> tuple[dict[str, Any], list[Fact]]:
    """(subject attributes, facts) of one incident: its events and those of the cases it became (only
    those named in `names`, if given)."""
    qs = Event.objects.filter(Q(incident_id=incident.id) | Q(case__incident_id=incident.id))
    if names is not None:
        qs = qs.filter(name__in=sorted(names))
    events = list(qs.only(*EVENT_FIELDS).order_by())
    subject = incident_subject(incident)
    return subject, _facts(events, subject, {})


def build_many(
    *, cases: Sequence[Case] = (), incidents: Sequence[Incident] = (), names: Collection[str] | None = None
) -> tuple[dict[int, tuple[dict, list[Fact]]], dict[int, tuple[dict, list[Fact]]]]:
    """Facts for a chunk of cases and incidents at once: two event queries, one officer query, one query for
    the incidents' cases — whatever the chunk's size. Returns ({case id: …}, {incident id: …}). `names`:
    only the events of these names."""
    name_q = Q(name__in=sorted(names)) if names is not None else Q()
    case_ids = [c.id for c in cases]
    incident_ids = [i.id for i in incidents]
    case_incident = {c.id: c.incident_id for c in cases if c.incident_id}
    incident_cases: dict[int, list[int]] = defaultdict(list)
    if incident_ids:
        for case_id, incident_id in Case.objects.filter(incident_id__in=incident_ids).values_list(
            "id", "incident_id"
        ):
            incident_cases[incident_id].append(case_id)
    want_cases = set(case_ids) | {cid for ids in incident_cases.values() for cid in ids}
    want_incidents = set(incident_ids) | set(case_incident.values())
    by_case: dict[int, list[Event]] = defaultdict(list)
    by_incident: dict[int, list[Event]] = defaultdict(list)
    if want_cases:
        for e in Event.objects.filter(name_q, case_id__in=want_cases).only(*EVENT_FIELDS).order_by():
            by_case[e.case_id].append(e)
    if want_incidents:
        for e in (
            Event.objects.filter(name_q, incident_id__in=want_incidents, case_id__isnull=True)
            .only(*EVENT_FIELDS)
            .order_by()
        ):
            by_incident[e.incident_id].append(e)
    officers = _officers(e for events in by_case.values() for e in events)
    case_result = {}
    for case in cases:
        events = by_case[case.id] + (by_incident[case.incident_id] if case.incident_id else [])
        subject = case_subject(case)
        case_result[case.id] = (subject, _facts(events, subject, officers))
    incident_result = {}
    for incident in incidents:
        events = list(by_incident[incident.id])
        for cid in incident_cases.get(incident.id, []):
            events.extend(by_case[cid])
        subject = incident_subject(incident)
        incident_result[incident.id] = (subject, _facts(events, subject, officers))
    return case_result, incident_result
