"""Who may see what. Default deny: an object outside the asker's scope does not exist for them (404).

- a case officer sees their own unit's records and the cases they handle;
- every other role (unit head, duty leader, legal officer, bureau leader …) sees the subtree of the unit
  the role was granted on: a unit head their unit and its sub-units, the legal brigade and bureau leaders
  (granted on the bureau) the whole bureau.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from .choices import SUBTREE_ROLES, Role
from .models import Officer, Unit


@dataclass(frozen=True)
class Scope:
    """The units an officer may see, resolved once per request."""

    officer_id: int | None
    unit_ids: frozenset[int]
    roles: frozenset[str]

    @property
    def is_empty(self) -> bool:
        return not self.unit_ids and self.officer_id is None

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def units_q(self, field: str = "unit") -> Q:
        """A filter on `<field>_id` for records owned by a unit."""
        return Q(**{f"{field}_id__in": self.unit_ids})


EMPTY_SCOPE = Scope(officer_id=None, unit_ids=frozenset(), roles=frozenset())


def scope_for(officer: Officer | None) -> Scope:
    if officer is None or not officer.is_active:
        return EMPTY_SCOPE
    unit_ids = {officer.unit_id}
    roles = {Role.CASE_OFFICER.value}
    grants = list(officer.grants.select_related("unit"))
    for grant in grants:
        roles.add(grant.role)
        if grant.role in SUBTREE_ROLES:
            unit_ids.update(
                Unit.objects.filter(path__startswith=grant.unit.path).values_list("id", flat=True)
            )
        else:
            unit_ids.add(grant.unit_id)
    return Scope(officer_id=officer.id, unit_ids=frozenset(unit_ids), roles=frozenset(roles))


def scope_for_user(user) -> Scope:
    """The scope of a Django user: that of their officer; users without an officer see nothing."""
    if user is None or not user.is_authenticated:
        return EMPTY_SCOPE
    cached = getattr(user, "_lawtrail_scope", None)
    if cached is not None:
        return cached
    officer = Officer.objects.filter(user=user).select_related("unit").first()
    scope = scope_for(officer)
    user._lawtrail_scope = scope
    return scope
