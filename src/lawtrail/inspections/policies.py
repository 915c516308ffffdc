"""Who may do what here, beyond seeing it (seeing is scope: selectors.py).

The daily review is the duty leader's (or a unit head's or bureau leader's: incidents/policies.py); the
body-camera sampling and its findings are the legal brigade's (法制员, or a bureau leader).
"""

from __future__ import annotations

from lawtrail.incidents.policies import can_review
from lawtrail.org.choices import Role
from lawtrail.org.policies import Scope

SAMPLER_ROLES = (Role.LEGAL_OFFICER, Role.BUREAU_LEADER)

__all__ = ["can_review", "can_sample"]


def can_sample(scope: Scope) -> bool:
    return scope.has_role(*SAMPLER_ROLES)
