"""Incidents over the API: register, read, list with filters, the lifecycle by events, conversion."""

from __future__ import annotations

import pytest

from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident
from tests.factories import make_case

from .conftest import make_incident

WHEN = "2026-03-01T09:30:00+08:00"


def post(client, path: str, body: dict):
    return client.post(path, body, content_type="application/json")


def register(client, unit_code: str, **extra):
    return post(
        client,
        "/api/incidents",
        {
            "unit": unit_code,
            "source": "call_110",
            "place": "西江一路烧烤摊",
            "category": "dispute",
            "description": "烧烤摊有人打架，一人受伤",
            "reporter_name": "王先生",
            "reporter_phone": "13800000000",
            "occurred_at": "2026-03-01T09:00:00+08:00",
            **extra,
        },
    )


def test_registering_an_incident_numbers_it_and_records_it(bureau, api_as):
    """Given officer A, when they register a 110 call in their station, then 201 with a J-number of the
    unit and day, and `incident.received` is recorded with source `api`."""
    response = register(api_as("officer_a"), bureau.station_a.code)

    body = response.json()
    assert response.status_code == 201
    assert body["number"] == f"J{bureau.station_a.code}202603010001"
    assert (body["status"], body["source_label"], body["category_label"]) == ("received", "110报警", "纠纷")
    assert body["received_at"] == "2026-03-01T09:00:00+08:00"
    assert (body["reporter_name"], body["reporter_phone"]) == ("王先生", "13800000000")
    assert Event.objects.get(name="incident.received", subject_key=body["number"]).source == "api"


def test_an_empty_place_is_422_on_place(bureau, api_as):
    """Given a registration with an empty place, then 422 on `place` and no incident."""
    response = register(api_as("officer_a"), bureau.station_a.code, place="  ")

    assert response.status_code == 422
    assert response.json()["field"] == "place"
    assert not Incident.objects.exists()


def test_the_lifecycle_by_events_and_a_refused_step(bureau, api_as):
    """Given a registered incident, when it is dispatched then arrives, then both are 201 and the incident
    follows; when arrival is sent again, then 409 transition_not_allowed."""
    client = api_as("officer_a")
    number = register(client, bureau.station_a.code).json()["number"]
    path = f"/api/incidents/{number}/events"

    dispatched = post(
        client,
        path,
        {
            "name": "incident.dispatched",
            "payload": {"unit": bureau.station_a.code, "officers": [bureau.officer_a.badge_no]},
            "occurred_at": "2026-03-01T09:05:00+08:00",
        },
    )
    arrived = post(client, path, {"name": "incident.arrived", "occurred_at": "2026-03-01T09:15:00+08:00"})
    again = post(client, path, {"name": "incident.arrived", "occurred_at": "2026-03-01T09:16:00+08:00"})

    assert (dispatched.status_code, arrived.status_code) == (201, 201)
    assert again.status_code == 409
    assert again.json()["code"] == "transition_not_allowed"
    assert "不能登记到达现场" in again.json()["message"]
    body = client.get(f"/api/incidents/{number}").json()
    assert body["status"] == "arrived"
    assert body["dispatch_officers"] == [
        {"badge_no": bureau.officer_a.badge_no, "name": bureau.officer_a.name}
    ]
    assert body["dispatch_unit"]["code"] == bureau.station_a.code


@pytest.mark.parametrize("name", ["incident.received", "case.filed"])
def test_only_later_incident_events_can_be_appended(bureau, api_as, name):
    """Given an incident, when `incident.received` or a case event is appended to it, then 422 on `name`."""
    incident = make_incident(bureau.officer_a)

    response = post(api_as("officer_a"), f"/api/incidents/{incident.number}/events", {"name": name})

    assert response.status_code == 422
    assert response.json()["field"] == "name"


def test_converting_accepts_a_case_and_links_both(bureau, api_as):
    """Given a received incident, when it is converted, then 201 with the new case (linked, lead set), and
    the incident is disposed as 受案 and converted, all recorded with source `api`."""
    incident = make_incident(bureau.officer_a)
    client = api_as("officer_a")

    response = post(
        client,
        f"/api/incidents/{incident.number}/convert",
        {
            "kind": "admin",
            "title": "烧烤摊打架案",
            "offence": "ps.assault",
            "lead": bureau.officer_a.badge_no,
            "occurred_at": WHEN,
        },
    )

    body = response.json()
    assert response.status_code == 201
    assert (body["incident"], body["summary"], body["lead"]["badge_no"]) == (
        incident.number,
        "烧烤摊有人打架，一人受伤",
        bureau.officer_a.badge_no,
    )
    detail = client.get(f"/api/incidents/{incident.number}").json()
    assert (detail["status"], detail["disposal"], detail["cases"]) == (
        "converted",
        "accepted_as_case",
        [body["number"]],
    )
    assert list(Event.objects.filter(incident=incident).values_list("name", "source")) == [
        ("incident.received", "web"),
        ("incident.disposed", "api"),
        ("incident.converted", "api"),
    ]


def test_converting_twice_is_409_and_accepts_no_second_case(bureau, api_as):
    """Given a converted incident, when it is converted again, then 409 and there is still one case."""
    incident = make_incident(bureau.officer_a)
    client = api_as("officer_a")
    post(
        client,
        f"/api/incidents/{incident.number}/convert",
        {"kind": "admin", "title": "打架案", "occurred_at": WHEN},
    )

    response = post(client, f"/api/incidents/{incident.number}/convert", {"kind": "admin", "title": "打架案"})

    assert response.status_code == 409
    assert response.json()["code"] == "transition_not_allowed"
    assert incident.cases.count() == 1


def test_linking_to_a_case_out_of_scope_is_404_on_payload_case(bureau, api_as):
    """Given a disposed incident of station A and a case of station B, when officer A appends
    `incident.converted` naming B's case, then 404 on `payload.case` (B's case does not exist for A)."""
    incident = make_incident(bureau.officer_a)
    client = api_as("officer_a")
    post(
        client,
        f"/api/incidents/{incident.number}/events",
        {"name": "incident.disposed", "payload": {"disposal": "accepted_as_case"}},
    )
    case_b = make_case(bureau.officer_b)

    response = post(
        client,
        f"/api/incidents/{incident.number}/events",
        {"name": "incident.converted", "payload": {"case": case_b.number}},
    )

    assert response.status_code == 404
    assert response.json()["field"] == "payload.case"
    incident.refresh_from_db()
    assert incident.status == "disposed"


@pytest.mark.parametrize(
    ("query", "places"),
    [
        ("", ["城东路口", "西江二路", "西江一路"]),
        ("?source=walk_in", ["西江二路"]),
        ("?category=traffic", ["城东路口"]),
        ("?status=disposed", ["西江一路"]),
        ("?received_from=2026-03-02&received_to=2026-03-02", ["西江二路"]),
        ("?q=一路", ["西江一路"]),
        ("?unreviewed=true", ["城东路口", "西江二路"]),
    ],
)
def test_incident_filters(bureau, api_as, query, places):
    """Given three incidents of sub-bureau A, when the unit head filters, then the matching ones, newest first."""
    client = api_as("head_sub_a")
    first = register(
        client, bureau.station_a.code, place="西江一路", occurred_at="2026-03-01T09:00:00+08:00"
    ).json()
    register(
        client,
        bureau.station_a.code,
        place="西江二路",
        source="walk_in",
        occurred_at="2026-03-02T09:00:00+08:00",
    )
    register(
        client,
        bureau.station_a2.code,
        place="城东路口",
        category="traffic",
        occurred_at="2026-03-03T09:00:00+08:00",
    )
    post(
        client,
        f"/api/incidents/{first['number']}/events",
        {"name": "incident.disposed", "payload": {"disposal": "mediated"}},
    )
    post(
        client,
        f"/api/incidents/{first['number']}/events",
        {"name": "incident.reviewed", "payload": {"note": "处置得当"}},
    )

    body = client.get(f"/api/incidents{query}").json()

    assert [item["place"] for item in body["items"]] == places


def test_incident_list_filters_by_unit_id(bureau, api_as):
    """Given incidents of stations A and A2, when the unit head filters by A2's id, then only A2's."""
    client = api_as("head_sub_a")
    register(client, bureau.station_a.code)
    a2 = register(client, bureau.station_a2.code).json()["number"]

    body = client.get(f"/api/incidents?unit={bureau.station_a2.id}").json()

    assert [item["number"] for item in body["items"]] == [a2]
