"""Query shape: list and detail endpoints run a fixed number of queries, however many rows they return."""

from __future__ import annotations

from lawtrail.cases.services import case_add_party, case_event
from tests.factories import at, make_case

from .conftest import make_incident

# Auth (token, its last use), scope (grants, subtree units), rows, count, one per prefetch: 7 at most today.
MAX_QUERIES = 8
# A read of personal data (a case's details, its timeline) is also audited: a fixed 5 more (audit/services.py).
MAX_AUDITED = MAX_QUERIES + 5


def test_case_list_has_no_n_plus_1(bureau, api_as, django_assert_max_num_queries):
    """Given twelve cases of three units with handlers and incidents, when the bureau leader lists them,
    then the number of queries does not grow with the rows."""
    for i in range(12):
        officer = (bureau.officer_a, bureau.officer_a2, bureau.officer_b)[i % 3]
        case = make_case(officer, title=f"案{i}", when=f"2026-03-{i + 1:02d} 10:00")
        case_event(
            case=case,
            name="case.handler_assigned",
            actor=officer,
            payload={"officer": bureau.head_sub_a.badge_no, "role": "assisting"},
            occurred_at=at(f"2026-03-{i + 1:02d} 11:00"),
        )
    client = api_as("leader")

    with django_assert_max_num_queries(MAX_QUERIES):
        body = client.get("/api/cases?limit=200").json()

    assert body["total"] == 12
    assert all(item["lead"] is not None for item in body["items"])


def test_incident_list_has_no_n_plus_1(bureau, api_as, django_assert_max_num_queries):
    """Given twelve incidents of three units, when the bureau leader lists them, then a fixed number of
    queries."""
    for i in range(12):
        make_incident(
            (bureau.officer_a, bureau.officer_a2, bureau.officer_b)[i % 3], when=f"2026-03-{i + 1:02d} 09:00"
        )
    client = api_as("leader")

    with django_assert_max_num_queries(MAX_QUERIES):
        body = client.get("/api/incidents?limit=200").json()

    assert body["total"] == 12


def test_case_details_and_timeline_have_no_n_plus_1(bureau, api_as, django_assert_max_num_queries):
    """Given a case with six parties and six handlers' events, when its details and timeline are read,
    then each takes a fixed number of queries."""
    case = make_case(bureau.officer_a)
    for i in range(6):
        case_add_party(
            case=case,
            actor=bureau.officer_a,
            role="witness",
            name=f"证人{i}",
            occurred_at=at("2026-03-01 12:00"),
        )
    client = api_as("officer_a")

    with django_assert_max_num_queries(MAX_AUDITED):
        detail = client.get(f"/api/cases/{case.number}").json()
    with django_assert_max_num_queries(MAX_AUDITED):
        timeline = client.get(f"/api/cases/{case.number}/events").json()

    assert len(detail["parties"]) == 6
    assert len(timeline) == 8


def test_offence_list_has_a_fixed_number_of_queries(bureau, api_as, django_assert_max_num_queries):
    """Given the whole catalogue, when it is listed, then a fixed number of queries."""
    client = api_as("officer_a")

    with django_assert_max_num_queries(MAX_QUERIES):
        body = client.get("/api/offences?limit=500").json()

    assert body["total"] == len(body["items"])
