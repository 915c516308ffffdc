"""What gets audited, and how each act is described: events (changes), personal-data reads, sign-ins.

- Changes: `audit_event` is a post-apply listener of `events.services.event_record` (registered in
  AuditConfig.ready), so every event — web, API, import, demo — appends its entry in the event's own
  transaction.
- Reads: `READS` maps a URL name and method to a function describing what was read; the middleware
  (middleware.py) calls it after a successful (200) answer. A page or API operation that shows personal data
  gets one line here (and a test in tests/audit/test_reads.py).
- Sign-ins: Django's auth signals and django-axes' lockout signal (the only signals: axes and Django's login
  emit nothing else).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from lawtrail.org.models import Officer

from .choices import AuditAction
from .services import Person, audit_record, person_of


@dataclass(frozen=True)
class Read:
    object_type: str
    object_key: str
    unit_id: int | None
    persons: list[Person] = field(default_factory=list)
    action: str = AuditAction.READ


def _uuid(value: Any) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return ""


def persons_in_payload(payload: dict[str, Any]) -> list[Person]:
    """The people an event's payload names: a party (party_id / party) and an ID number."""
    party = _uuid(payload.get("party_id") or payload.get("party") or "")
    id_number = str(payload.get("id_number") or "")
    return [person_of(party_id=party, id_number=id_number)] if party or id_number else []


def audit_event(event: Any, subject: Any) -> None:
    """Post-apply listener: one `change` entry per event, in the event's transaction."""
    audit_record(
        action=AuditAction.CHANGE,
        actor=event.actor,
        object_type=event.subject_type,
        object_key=event.subject_key,
        unit_id=event.unit_id,
        persons=persons_in_payload(event.payload or {}),
        detail={"event": event.name, "event_id": str(event.event_id), "source": event.source},
    )


# --- reads of personal data ---------------------------------------------------------------------------


def _case_read(kwargs: dict[str, Any]) -> Read | None:
    from lawtrail.cases.models import Case, Party

    number = kwargs.get("number")
    rows = list(
        Party.objects.filter(case__number=number).values_list("case__unit_id", "party_id", "id_number")
    )
    if rows:  # one query for the case's unit and its people
        return Read("case", number, rows[0][0], [person_of(party_id=p, id_number=n) for _, p, n in rows])
    case = Case.objects.filter(number=number).only("id", "number", "unit_id").first()
    return Read("case", case.number, case.unit_id) if case else None


def _incident_read(kwargs: dict[str, Any]) -> Read | None:
    from lawtrail.incidents.models import Incident

    incident = Incident.objects.filter(number=kwargs.get("number")).only("id", "number", "unit_id").first()
    return Read("incident", incident.number, incident.unit_id) if incident else None


def _measure_read(kwargs: dict[str, Any]) -> Read | None:
    from lawtrail.measures.models import Measure

    measure_id = _uuid(kwargs.get("measure_id"))
    measure = (
        Measure.objects.select_related("party").filter(measure_id=measure_id).first() if measure_id else None
    )
    if measure is None:
        return None
    party = measure.party
    return Read(
        "measure",
        measure_id,
        measure.unit_id,
        [person_of(party_id=party.party_id, id_number=party.id_number)],
    )


def _interview_read(kwargs: dict[str, Any]) -> Read | None:
    from lawtrail.measures.models import Interview

    interview_id = _uuid(kwargs.get("interview_id"))
    interview = (
        Interview.objects.select_related("party").filter(interview_id=interview_id).first()
        if interview_id
        else None
    )
    if interview is None:
        return None
    party = interview.party
    return Read(
        "interview",
        interview_id,
        interview.unit_id,
        [person_of(party_id=party.party_id, id_number=party.id_number)],
    )


def _document_read(kwargs: dict[str, Any]) -> Read | None:
    from lawtrail.documents.models import Document

    document = (
        Document.objects.select_related("party")
        .filter(document_id=str(kwargs.get("document_id", "")))
        .first()
    )
    if document is None:
        return None
    party = document.party
    persons = [person_of(party_id=party.party_id, id_number=party.id_number)] if party else []
    action = AuditAction.DOWNLOAD if "fmt" in kwargs else AuditAction.READ
    return Read("document", document.document_id, document.unit_id, persons, action)


def _media_read(kwargs: dict[str, Any]) -> Read | None:
    from lawtrail.incidents.models import MediaRecord

    media_id = _uuid(kwargs.get("media_id"))
    media = MediaRecord.objects.filter(media_id=media_id).first() if media_id else None
    if media is None:
        return None
    return Read("media", media_id, media.unit_id, [], AuditAction.DOWNLOAD)


# (URL name, method) → what was read. The URL name of an API operation is ninja's (the first operation
# declared on that path), so the method tells GET from POST.
READS: dict[tuple[str, str], Callable[[dict[str, Any]], Read | None]] = {
    ("cases:detail", "GET"): _case_read,
    ("incidents:detail", "GET"): _incident_read,
    ("api:get_case", "GET"): _case_read,
    ("api:list_case_events", "GET"): _case_read,
    ("api:list_parties", "GET"): _case_read,
    ("api:get_incident", "GET"): _incident_read,
    ("api:get_measure", "GET"): _measure_read,
    ("api:get_interview", "GET"): _interview_read,
    ("documents:detail", "GET"): _document_read,
    ("documents:file", "GET"): _document_read,
    ("api:get_document", "GET"): _document_read,
    ("api:document_file", "GET"): _document_read,
    ("incidents:media_download", "GET"): _media_read,
}


def request_actor(request: HttpRequest) -> Officer | None:
    auth = getattr(request, "auth", None)
    if isinstance(auth, Officer):
        return auth
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return getattr(user, "officer", None)
    return None


def audit_request_read(request: HttpRequest) -> None:
    """Record the read this request made, if its URL is one of READS (called for 200 answers)."""
    match = request.resolver_match
    if match is None:
        return
    describe = READS.get((match.view_name, request.method or ""))
    if describe is None:
        return
    read = describe(match.kwargs)
    if read is None:
        return
    audit_record(
        action=read.action,
        actor=request_actor(request),
        object_type=read.object_type,
        object_key=read.object_key,
        unit_id=read.unit_id,
        persons=read.persons,
        detail={"path": request.path[:200]},
    )


# --- sign-ins -----------------------------------------------------------------------------------------


def _officer_of(user: Any) -> Officer | None:
    if user is None or not getattr(user, "pk", None):
        return None
    return Officer.objects.filter(user_id=user.pk).first()


def on_logged_in(sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any) -> None:
    audit_record(
        action=AuditAction.LOGIN, actor=_officer_of(user), username=user.get_username() if user else ""
    )


def on_logged_out(sender: Any, request: HttpRequest | None = None, user: Any = None, **kwargs: Any) -> None:
    audit_record(
        action=AuditAction.LOGOUT, actor=_officer_of(user), username=user.get_username() if user else ""
    )


def on_login_failed(sender: Any, credentials: dict[str, Any] | None = None, **kwargs: Any) -> None:
    username = str((credentials or {}).get("username", ""))
    audit_record(action=AuditAction.LOGIN_FAILED, actor=None, username=username)


def on_locked_out(sender: Any, request: HttpRequest | None = None, username: str = "", **kwargs: Any) -> None:
    audit_record(action=AuditAction.LOCKED_OUT, actor=None, username=str(username or ""))
