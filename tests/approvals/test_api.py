"""The approvals API: the same services as the pages (four eyes, the decider's role, scoping)."""

from __future__ import annotations

from tests.api.conftest import bearer
from tests.approvals.helpers import DECISION, case_for_decision, seeded


def _ask(client, case, payload=DECISION):
    return client.post(
        "/api/approvals",
        {"case": case.number, "act_event": "case.decided", "payload": payload, "circumstance": "ordinary"},
        content_type="application/json",
    )


def test_ask_list_and_decide_over_the_api(bureau):
    """Given the default policies, when the officer asks over the API, then the unit head's inbox lists it
    with its chain; the requester deciding it is 409 four_eyes; the head's approval moves it to step 2."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    officer = bearer(bureau.officer_a)
    created = _ask(officer, case)
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["act_kind"], body["status"], body["policy_version"]) == ("admin_detention", "pending", 1)
    head = bearer(bureau.head_sub_a)
    assert [r["request_id"] for r in head.get("/api/approvals").json()] == [body["request_id"]]
    url = f"/api/approvals/{body['request_id']}/decisions"
    own = officer.post(url, {"result": "approve", "opinion": "同意"}, content_type="application/json")
    assert (own.status_code, own.json()["code"]) == (409, "four_eyes")
    approved = head.post(url, {"result": "approve", "opinion": "同意"}, content_type="application/json")
    assert approved.status_code == 201, approved.content
    assert (approved.json()["current_step"], approved.json()["decisions"][0]["decider"]) == (1, "100010")
    listed = officer.get("/api/approvals", {"case": case.number}).json()
    assert [r["status"] for r in listed] == ["pending"]


def test_outside_the_benchmark_is_422_on_the_reason_and_other_units_get_404(bureau):
    """Given the benchmark, when a 15-day detention is asked without a reason, then 422 outside_benchmark on
    deviation_reason; an officer of the other sub-bureau asking on the case gets 404."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    refused = _ask(
        bearer(bureau.officer_a),
        case,
        {"outcome": "penalty", "penalty": {"detention_days": 15, "fine_yuan": 500}},
    )
    assert (refused.status_code, refused.json()["code"], refused.json()["field"]) == (
        422,
        "outside_benchmark",
        "deviation_reason",
    )
    assert _ask(bearer(bureau.officer_b), case).status_code == 404
