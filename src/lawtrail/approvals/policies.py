"""Who may decide a step of an approval request: an officer holding the step's role on the case's unit or
one above it (scope `case_unit`), or on the bureau itself (scope `bureau`) — never the requester (four
eyes: 审批 is a second person's check on the first)."""

from __future__ import annotations

from typing import Any

from lawtrail.org.choices import Role
from lawtrail.org.models import Officer

from .choices import StepScope


def holds_step_role(officer: Officer, step: dict[str, Any], case: Any) -> bool:
    """Whether `officer` holds the role of `step` where the step's scope requires, for `case`."""
    if not officer.is_active:
        return False
    for grant in officer.grants.all():
        if grant.role != step["role"]:
            continue
        if step["scope"] == StepScope.BUREAU:
            if grant.unit_id == case.bureau_id:
                return True
        elif case.unit.path.startswith(grant.unit.path):
            return True
    return False


def is_policy_admin(officer: Officer | None) -> bool:
    """Administrators and the legal brigade (法制部门) maintain policies, benchmarks and qualifications."""
    if officer is None or not officer.is_active:
        return False
    return officer.grants.filter(role__in=[Role.ADMINISTRATOR, Role.LEGAL_OFFICER]).exists()
