"""The supervision catalogue with its §9 property rules live, for the tests that show them at work.

The shipped catalogue marks them `status: waiting` (for issue 4's events) until the catalogue's owner
switches them on (docs/property.md lists the change). Switching them on here is exactly that change, made
in memory: once the catalogue has it, this is a no-op and the tests run against the shipped rules.
"""

from __future__ import annotations

import dataclasses

from lawtrail.supervision.loader import Catalogue
from lawtrail.supervision.rules import Status, SubjectType


def property_rules_live(catalogue: Catalogue) -> Catalogue:
    rules = {
        rule_id: (
            rule.model_copy(update={"status": Status.LIVE, "waiting": None})
            if rule.applies_to.subject is SubjectType.PROPERTY and rule.status is Status.WAITING
            else rule
        )
        for rule_id, rule in catalogue.rules.items()
    }
    return dataclasses.replace(catalogue, rules=rules)
