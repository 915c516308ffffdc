"""Who may do what to an incident, beyond seeing it (seeing is scope: incidents/selectors.py)."""

from __future__ import annotations

from lawtrail.org.choices import Role
from lawtrail.org.policies import Scope

# The daily review of the incidents (值班领导审核) is a leader's act, not the case officer's.
REVIEWER_ROLES = (Role.DUTY_LEADER, Role.UNIT_HEAD, Role.BUREAU_LEADER)


def can_review(scope: Scope) -> bool:
    return scope.has_role(*REVIEWER_ROLES)
