"""Web page fixtures: a signed-in client per officer, and a case and an incident per station."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from lawtrail.cases.models import Case
from lawtrail.incidents.models import Incident
from lawtrail.incidents.services import incident_receive
from lawtrail.org.models import Officer
from tests.factories import Bureau, at, make_case

WHEN = "2026-03-05T10:30"  # a moment after the records below, entered in a form's datetime-local field


def make_incident(
    officer: Officer, *, when: str = "2026-03-01 22:14", place: str = "西江一路烧烤摊"
) -> Incident:
    return incident_receive(
        actor=officer,
        unit=officer.unit,
        source="call_110",
        place=place,
        category="dispute",
        description="烧烤摊有人打架，一人受伤",
        reporter_name="王先生",
        reporter_phone="13800000000",
        occurred_at=at(when),
    )


@pytest.fixture
def signed_in(bureau: Bureau) -> Callable[[str], Client]:
    """signed_in("officer_a") → a client with that officer's session."""

    def client(who: str) -> Client:
        c = Client()
        c.force_login(getattr(bureau, who).user)
        return c

    return client


@dataclass
class Records:
    case_a: Case  # administrative case of station A, lead officer_a
    criminal_a: Case  # criminal case of station A, lead officer_a
    case_a2: Case  # station A2 (same sub-bureau as A)
    case_b: Case  # station B (other sub-bureau)
    incident_a: Incident
    incident_b: Incident


@pytest.fixture
def records(bureau: Bureau) -> Records:
    return Records(
        case_a=make_case(bureau.officer_a, title="西江一路烧烤摊殴打他人案"),
        criminal_a=make_case(
            bureau.officer_a, kind="criminal", title="电动车被盗案", when="2026-03-01 11:00"
        ),
        case_a2=make_case(bureau.officer_a2, title="城东市场殴打他人案"),
        case_b=make_case(bureau.officer_b, title="大塘路殴打他人案"),
        incident_a=make_incident(bureau.officer_a),
        incident_b=make_incident(bureau.officer_b, place="大塘路口"),
    )
