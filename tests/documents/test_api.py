"""The documents API: draft, edit, issue (409 once locked), serve (422 without proof), files with their
SHA-256, and 404 out of scope."""

from __future__ import annotations

import hashlib

from tests.api.conftest import bearer
from tests.documents.helpers import decided_assault
from tests.factories import at


def test_draft_issue_serve_and_fetch_over_the_api(bureau):
    """Given a decided case, when a decision is drafted, edited, issued and served over the API, then the
    answers carry the number, the fields and the service; the PDF's bytes match the SHA-256 header."""
    case, party = decided_assault(bureau.officer_a)
    client = bearer(bureau.officer_a)
    created = client.post(
        "/api/documents",
        {
            "case": case.number,
            "kind": "penalty_decision",
            "party": str(party.party_id),
            "fields": {"party_record": "无"},
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft"
    assert body["fields"]["party_name"] == "李明"
    doc_id = body["document_id"]

    missing = client.post(f"/api/documents/{doc_id}/issue", {}, content_type="application/json")
    assert missing.status_code == 422
    assert "证据" in missing.json()["message"]
    edited = client.patch(
        f"/api/documents/{doc_id}", {"fields": {"evidence": "陈述"}}, content_type="application/json"
    )
    assert edited.status_code == 200
    issued = client.post(
        f"/api/documents/{doc_id}/issue",
        {"occurred_at": at("2026-03-06 16:05").isoformat()},
        content_type="application/json",
    )
    assert issued.status_code == 200, issued.content
    assert issued.json()["number"] == "梧公万（西江）行罚决字〔2026〕1号"
    locked = client.patch(
        f"/api/documents/{doc_id}", {"fields": {"evidence": "x"}}, content_type="application/json"
    )
    assert locked.status_code == 409

    no_proof = client.post(
        f"/api/documents/{doc_id}/services",
        {"to": "offender", "method": "electronic", "recipient": "李明"},
        content_type="application/json",
    )
    assert no_proof.status_code == 422
    assert "确认书" in no_proof.json()["message"]
    served = client.post(
        f"/api/documents/{doc_id}/services",
        {
            "to": "offender",
            "method": "direct",
            "recipient": "李明",
            "occurred_at": at("2026-03-06 16:10").isoformat(),
        },
        content_type="application/json",
    )
    assert served.status_code == 201, served.content
    assert served.json()["status"] == "served"
    assert served.json()["services"][0]["server"] == bureau.officer_a.badge_no

    pdf = client.get(f"/api/documents/{doc_id}/file.pdf")
    assert pdf.status_code == 200
    assert hashlib.sha256(pdf.content).hexdigest() == pdf["X-Content-SHA256"] == issued.json()["pdf_sha256"]
    listed = client.get(f"/api/documents?case={case.number}").json()
    assert [d["number"] for d in listed] == ["梧公万（西江）行罚决字〔2026〕1号"]


def test_api_out_of_scope_is_404(bureau):
    """Given a draft of station A's case, then an officer of another sub-bureau gets 404 everywhere."""
    case, party = decided_assault(bureau.officer_a)
    doc_id = (
        bearer(bureau.officer_a)
        .post(
            "/api/documents",
            {"case": case.number, "kind": "penalty_decision", "party": str(party.party_id)},
            content_type="application/json",
        )
        .json()["document_id"]
    )
    other = bearer(bureau.officer_b)
    assert other.get(f"/api/documents/{doc_id}").status_code == 404
    assert (
        other.post(f"/api/documents/{doc_id}/issue", {}, content_type="application/json").status_code == 404
    )
    assert other.get(f"/api/documents?case={case.number}").status_code == 404
    created = other.post(
        "/api/documents", {"case": case.number, "kind": "penalty_decision"}, content_type="application/json"
    )
    assert created.status_code == 404


def test_a_draft_has_no_file_and_an_unknown_kind_is_422(bureau):
    """Given a draft, then its stored file is 409 (not issued yet); drafting an unknown kind is 422."""
    case, party = decided_assault(bureau.officer_a)
    client = bearer(bureau.officer_a)
    doc_id = client.post(
        "/api/documents",
        {"case": case.number, "kind": "penalty_decision", "party": str(party.party_id)},
        content_type="application/json",
    ).json()["document_id"]
    assert client.get(f"/api/documents/{doc_id}/file.pdf").status_code == 409
    unknown = client.post(
        "/api/documents", {"case": case.number, "kind": "bogus"}, content_type="application/json"
    )
    assert unknown.status_code == 422
