"""An overdue case alert, made the way the supervision browser test makes one (a moved clock)."""

from __future__ import annotations

import pytest

from lawtrail.cases.services import case_add_party, case_event, offences_sync
from lawtrail.common import clock
from lawtrail.supervision.models import Alert
from tests.factories import at, make_case


def overdue_alert(bureau, monkeypatch: pytest.MonkeyPatch) -> Alert:
    """Station A's admin case accepted 2025-03-01 with a party added 2025-04-15: its 30-day limit overdue."""
    offences_sync()
    moment = [at("2025-03-01 10:05")]
    monkeypatch.setattr(clock, "now", lambda: moment[0])
    case = make_case(bureau.officer_a, title="西江一路烧烤摊殴打他人案", when="2025-03-01 10:00")
    moment[0] = at("2025-03-02 09:00")
    case_event(case=case, name="case.investigation_started", actor=bureau.officer_a)
    moment[0] = at("2025-04-15 09:00")
    case_add_party(case=case, actor=bureau.officer_a, role="admin_suspect", name="李四")
    return Alert.objects.get(family="ps.case_time_limit", subject_key=case.number)
