"""The property API: seize, append movements, custody chain, QR label, scoping (404), refusals (409/422)."""

from __future__ import annotations

from tests.api.conftest import bearer
from tests.factories import at, make_case


def _seize(client, case, **extra):
    return client.post(
        "/api/property/items",
        {
            "case": case.number,
            "measure": "seize",
            "category": "cash",
            "description": "人民币现金",
            "quantity": "3500",
            "unit_of_measure": "元",
            "occurred_at": at("2026-03-01 15:00").isoformat(),
            **extra,
        },
        content_type="application/json",
    )


def test_seize_hand_over_and_read_the_chain(bureau, center):
    """Given a case, when cash is seized and handed over over the API, then the item is held by the center,
    its chain has two movements, its label is an SVG; a second hand-over is 409."""
    case = make_case(bureau.officer_a)
    client = bearer(bureau.officer_a)
    created = _seize(client, case)
    assert created.status_code == 201, created.content
    code = created.json()["code"]
    assert (created.json()["status"], created.json()["holder_officer"]) == ("held", "100001")
    body = {
        "name": "property.handed_over",
        "payload": {"center": center.unit.code, "received_by": "100050"},
        "occurred_at": at("2026-03-02 09:00").isoformat(),
    }
    handed = client.post(f"/api/property/items/{code}/events", body, content_type="application/json")
    assert handed.status_code == 201, handed.content
    assert handed.json()["name"] == "property.handed_over"
    item = client.get(f"/api/property/items/{code}").json()
    assert (item["status"], item["holder_unit"], item["holder_officer"]) == (
        "in_center",
        center.unit.code,
        None,
    )
    chain = client.get(f"/api/property/items/{code}/transfers").json()
    assert [t["event"] for t in chain] == ["property.seized", "property.handed_over"]
    label = client.get(f"/api/property/items/{code}/label.svg")
    assert label["Content-Type"] == "image/svg+xml"
    assert label.content.startswith(b"<svg")
    again = client.post(f"/api/property/items/{code}/events", body, content_type="application/json")
    assert again.status_code == 409


def test_bad_input_names_the_field(bureau, center):
    """Given a case, when an item with a negative quantity or a return without approver is sent, then 422
    names the field."""
    case = make_case(bureau.officer_a)
    client = bearer(bureau.officer_a)
    bad = _seize(client, case, quantity="-1")
    assert bad.status_code == 422
    assert "quantity" in bad.json()["field"]
    code = _seize(client, case).json()["code"]
    refused = client.post(
        f"/api/property/items/{code}/events",
        {"name": "property.returned", "payload": {"recipient": "王强"}},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["field"] == "payload.approved_by"


def test_out_of_scope_is_404(bureau, center):
    """Given an item of a station A case, then officer B gets 404 reading it, listing the case's items and
    appending an event; seizing into the case is 404 too."""
    case = make_case(bureau.officer_a)
    code = _seize(bearer(bureau.officer_a), case).json()["code"]
    other = bearer(bureau.officer_b)
    assert other.get(f"/api/property/items/{code}").status_code == 404
    assert other.get("/api/property/items", {"case": case.number}).status_code == 404
    assert (
        other.post(
            f"/api/property/items/{code}/events",
            {"name": "property.claimed", "payload": {"claimant": "x"}},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert _seize(other, case).status_code == 404
