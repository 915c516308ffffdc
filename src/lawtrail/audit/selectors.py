"""Audit search ("who looked at this person?"), scoped: legal officers and administrators see the entries
about objects of the units their roles cover; an administrator also sees the sign-in entries that belong
to no unit (failed logins for unknown usernames)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet

from lawtrail.cases.models import Party
from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.errors import PermissionDenied
from lawtrail.common.idnumbers import validate_id_number
from lawtrail.org.choices import Role
from lawtrail.org.policies import Scope

from .chain import person_hash
from .models import AuditEntry, AuditPerson
from .policies import can_search_audit


@dataclass(frozen=True)
class AuditFilters:
    person: str = ""  # an ID number, or a party's name
    officer: str = ""  # a badge number or an officer's name
    action: str = ""
    object_key: str = ""
    date_from: date | None = None
    date_to: date | None = None


def require_audit_role(scope: Scope) -> None:
    if not can_search_audit(scope):
        raise PermissionDenied("审计查询仅限法制员和系统管理员", code="not_auditor")


def looks_like_id_number(text: str) -> bool:
    return len(text) == 18 and not validate_id_number(text.upper())


def persons_matching(scope: Scope, text: str) -> tuple[set[str], set[str]]:
    """(party ids, ID-number hashes) of the person searched for: by ID number directly, by name through the
    parties of the cases in scope (and, through their ID numbers, the same person in other cases)."""
    text = text.strip()
    if looks_like_id_number(text):
        return set(), {person_hash(text)}
    parties = Party.objects.filter(name=text, case__unit_id__in=scope.unit_ids).values_list(
        "party_id", "id_number"
    )
    ids, hashes = set(), set()
    for party_id, id_number in parties:
        ids.add(str(party_id))
        if id_number:
            hashes.add(person_hash(id_number))
    return ids, hashes


def audit_search(scope: Scope, filters: AuditFilters) -> QuerySet[AuditEntry]:
    require_audit_role(scope)
    in_scope = Q(unit_id__in=scope.unit_ids)
    if scope.has_role(Role.ADMINISTRATOR.value):
        in_scope |= Q(unit_id__isnull=True)
    entries = AuditEntry.objects.filter(in_scope)
    if filters.person:
        ids, hashes = persons_matching(scope, filters.person)
        rows = AuditPerson.objects.filter(Q(party_id__in=ids) | Q(id_hash__in=hashes))
        entries = entries.filter(seq__in=rows.values("entry_id"))
    if filters.officer:
        text = filters.officer.strip()
        entries = entries.filter(Q(actor_badge=text) | Q(actor_name=text) | Q(username=text))
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.object_key:
        entries = entries.filter(object_key=filters.object_key.strip())
    if filters.date_from:
        entries = entries.filter(at__gte=datetime.combine(filters.date_from, time.min, tzinfo=LEGAL_TZ))
    if filters.date_to:
        end = datetime.combine(filters.date_to + timedelta(days=1), time.min, tzinfo=LEGAL_TZ)
        entries = entries.filter(at__lt=end)
    return entries.order_by("-position")
