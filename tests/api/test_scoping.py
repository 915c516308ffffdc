"""The same scoping as the pages: a record outside the caller's scope answers 404, exactly like one that
does not exist; lists list only what is in scope; records are created only in units in scope.

One matrix — who sees whose records — is run against every endpoint that addresses a record.
"""

from __future__ import annotations

import pytest

from lawtrail.cases.models import Case
from lawtrail.cases.services import case_event
from lawtrail.common.idnumbers import make_id_number
from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident
from tests.factories import at

from .conftest import OWNERS

# viewer → the records (keys of OWNERS) they may see.
VISIBLE = {
    "officer_a": {"a"},
    "officer_a2": {"a2"},
    "officer_b": {"b"},
    "head_sub_a": {"a", "a2"},  # unit head of sub-bureau A: stations A and A2
    "legal_officer": {"a", "a2", "b"},  # legal officer granted on the bureau: all of it
    "leader": {"a", "a2", "b"},
    "other_bureau_officer": {"other"},  # none of this bureau
}
MATRIX = [(viewer, record, record in seen) for viewer, seen in VISIBLE.items() for record in OWNERS]
MATRIX_IDS = [f"{viewer}-sees-{record}-{'yes' if ok else 'no'}" for viewer, record, ok in MATRIX]

WHEN = "2026-03-02T10:00:00+08:00"

# Every endpoint that addresses one record: (method, path, JSON body, status when in scope).
CASE_ENDPOINTS = {
    "get-case": ("get", "/api/cases/{n}", None, 200),
    "get-timeline": ("get", "/api/cases/{n}/events", None, 200),
    "get-parties": ("get", "/api/cases/{n}/parties", None, 200),
    "append-event": (
        "post",
        "/api/cases/{n}/events",
        {"name": "case.investigation_started", "payload": {}, "occurred_at": WHEN},
        201,
    ),
    "add-party": (
        "post",
        "/api/cases/{n}/parties",
        {
            "role": "victim",
            "name": "李四",
            "id_number": make_id_number("450403", at("1990-01-01 00:00").date(), 12),
        },
        201,
    ),
}
INCIDENT_ENDPOINTS = {
    "get-incident": ("get", "/api/incidents/{n}", None, 200),
    "append-event": (
        "post",
        "/api/incidents/{n}/events",
        {"name": "incident.disposed", "payload": {"disposal": "mediated"}, "occurred_at": WHEN},
        201,
    ),
    "convert": (
        "post",
        "/api/incidents/{n}/convert",
        {"kind": "admin", "title": "转案", "occurred_at": WHEN},
        201,
    ),
}


def call(client, method: str, path: str, body: dict | None):
    if method == "get":
        return client.get(path)
    return client.post(path, body, content_type="application/json")


@pytest.mark.parametrize("endpoint", list(CASE_ENDPOINTS))
@pytest.mark.parametrize(("viewer", "record", "in_scope"), MATRIX, ids=MATRIX_IDS)
def test_case_endpoints_answer_only_in_scope(api_as, records, viewer, record, in_scope, endpoint):
    """Given a case of station X, when a viewer addresses it, then it works in scope and is 404 outside,
    with the same body as a case that does not exist."""
    method, path, body, ok = CASE_ENDPOINTS[endpoint]
    number = records.cases[record].number
    expected = (
        ok if in_scope else 404,
        None
        if in_scope
        else {"code": "not_found", "message": f"案件{number}不存在或不在您的查看范围内", "field": None},
    )

    response = call(api_as(viewer), method, path.format(n=number), body)

    assert (response.status_code, None if in_scope else response.json()) == expected


@pytest.mark.parametrize("endpoint", list(INCIDENT_ENDPOINTS))
@pytest.mark.parametrize(("viewer", "record", "in_scope"), MATRIX, ids=MATRIX_IDS)
def test_incident_endpoints_answer_only_in_scope(api_as, records, viewer, record, in_scope, endpoint):
    """Given an incident of station X, when a viewer addresses it, then it works in scope and is 404
    outside, with the same body as an incident that does not exist."""
    method, path, body, ok = INCIDENT_ENDPOINTS[endpoint]
    number = records.incidents[record].number
    expected = (
        ok if in_scope else 404,
        None
        if in_scope
        else {"code": "not_found", "message": f"警情{number}不存在或不在您的查看范围内", "field": None},
    )

    response = call(api_as(viewer), method, path.format(n=number), body)

    assert (response.status_code, None if in_scope else response.json()) == expected


@pytest.mark.parametrize("kind", ["cases", "incidents"])
def test_a_record_that_does_not_exist_has_the_same_answer(api_as, records, kind):
    """Given a number nobody has, when it is read, then the answer has the out-of-scope shape."""
    label = {"cases": "案件", "incidents": "警情"}[kind]

    response = api_as("officer_a").get(f"/api/{kind}/X0000")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": f"{label}X0000不存在或不在您的查看范围内",
        "field": None,
    }


@pytest.mark.parametrize("viewer", list(VISIBLE))
def test_case_list_lists_only_cases_in_scope(api_as, records, viewer):
    """Given one case per station, when a viewer lists cases, then exactly the cases in their scope."""
    expected = sorted(records.cases[key].number for key in VISIBLE[viewer])

    body = api_as(viewer).get("/api/cases").json()

    assert sorted(item["number"] for item in body["items"]) == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize("viewer", list(VISIBLE))
def test_incident_list_lists_only_incidents_in_scope(api_as, records, viewer):
    """Given one incident per station, when a viewer lists incidents, then exactly those in their scope."""
    expected = sorted(records.incidents[key].number for key in VISIBLE[viewer])

    body = api_as(viewer).get("/api/incidents").json()

    assert sorted(item["number"] for item in body["items"]) == expected
    assert body["total"] == len(expected)


def test_an_officer_sees_a_case_of_another_unit_they_handle(bureau, api_as, records):
    """Given officer A assigned to station B's case, when they read and list, then that case is theirs too."""
    case_b = records.cases["b"]
    case_event(
        case=case_b,
        name="case.handler_assigned",
        actor=bureau.officer_b,
        payload={"officer": bureau.officer_a.badge_no, "role": "assisting"},
        occurred_at=at("2026-03-01 11:00"),
    )
    client = api_as("officer_a")

    assert client.get(f"/api/cases/{case_b.number}").status_code == 200
    assert case_b.number in [item["number"] for item in client.get("/api/cases").json()["items"]]


@pytest.mark.parametrize(
    ("creator", "unit", "status"),
    [
        ("officer_a", "station_a", 201),
        ("officer_a", "station_a2", 404),
        ("officer_a", "station_b", 404),
        ("head_sub_a", "station_a2", 201),
        ("head_sub_a", "station_b", 404),
        ("legal_officer", "station_b", 201),
        ("other_bureau_officer", "station_a", 404),
    ],
)
@pytest.mark.parametrize("kind", ["cases", "incidents"])
def test_records_are_created_only_in_units_in_scope(bureau, api_as, creator, unit, status, kind):
    """Given a unit, when someone creates a case or incident in it, then only a unit in their scope is
    accepted; any other answers 404 on `unit` (as if it did not exist) and nothing is recorded."""
    code = getattr(bureau, unit).code
    body = {
        "cases": {"unit": code, "kind": "admin", "title": "跨单位受案", "occurred_at": WHEN},
        "incidents": {
            "unit": code,
            "source": "walk_in",
            "place": "派出所接待室",
            "category": "dispute",
            "description": "邻里纠纷",
            "occurred_at": WHEN,
        },
    }[kind]
    model = {"cases": Case, "incidents": Incident}[kind]
    events_before, records_before = Event.objects.count(), model.objects.count()

    response = api_as(creator).post(f"/api/{kind}", body, content_type="application/json")

    created = int(status == 201)
    assert response.status_code == status
    assert model.objects.count() == records_before + created
    assert Event.objects.count() >= events_before + created
    assert Event.objects.count() <= events_before + 2 * created


def test_creating_in_a_unit_out_of_scope_names_the_unit(bureau, api_as):
    """Given a unit of another station, when officer A creates a case there, then 404 on field `unit`."""
    code = bureau.station_b.code

    response = api_as("officer_a").post(
        "/api/cases", {"unit": code, "kind": "admin", "title": "跨单位受案"}, content_type="application/json"
    )

    assert response.json() == {
        "code": "not_found",
        "message": f"单位{code}不存在或不在您的范围内",
        "field": "unit",
    }
