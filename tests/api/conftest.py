"""API test fixtures: a bearer client per officer, and one case and one incident per station."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from lawtrail.api.services import api_token_create
from lawtrail.cases.models import Case
from lawtrail.incidents.models import Incident
from lawtrail.incidents.services import incident_receive
from lawtrail.org.models import Officer
from tests.factories import Bureau, at, make_case

# Who owns which record in the `records` fixture: one per station, plus one in another bureau.
OWNERS = {"a": "officer_a", "a2": "officer_a2", "b": "officer_b", "other": "other_bureau_officer"}


def bearer(officer: Officer, *, name: str = "测试系统") -> Client:
    _, raw = api_token_create(officer=officer, name=name)
    return Client(headers={"authorization": f"Bearer {raw}"})


@pytest.fixture
def api_as(bureau: Bureau) -> Callable[[str], Client]:
    """api_as("officer_a") → a client sending that officer's bearer token."""

    def client(who: str) -> Client:
        return bearer(getattr(bureau, who))

    return client


def make_incident(
    officer: Officer, *, when: str = "2026-03-01 09:00", place: str = "西江一路烧烤摊"
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


@dataclass
class Records:
    cases: dict[str, Case]
    incidents: dict[str, Incident]


@pytest.fixture
def records(bureau: Bureau) -> Records:
    """One admin case and one incident in each of stations A, A2, B and in the other bureau."""
    return Records(
        cases={key: make_case(getattr(bureau, who), title=f"案件{key}") for key, who in OWNERS.items()},
        incidents={key: make_incident(getattr(bureau, who)) for key, who in OWNERS.items()},
    )
