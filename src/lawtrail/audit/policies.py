"""Who may search the audit log: legal officers and administrators, over the units of their grants."""

from __future__ import annotations

from lawtrail.org.choices import Role
from lawtrail.org.policies import Scope

AUDIT_ROLES = (Role.LEGAL_OFFICER.value, Role.ADMINISTRATOR.value)


def can_search_audit(scope: Scope) -> bool:
    return scope.has_role(*AUDIT_ROLES)
