"""Script and SQL payloads typed into free-text fields are stored as text and render inert: escaped in
every page that shows them, plain JSON (not HTML) in the API, and search boxes treat SQL as text."""

from __future__ import annotations

import pytest
from django.test import Client

from lawtrail.cases.models import Case
from lawtrail.cases.services import case_accept, case_add_party
from lawtrail.incidents.services import incident_receive
from tests.api.conftest import bearer
from tests.factories import at

from .payloads import ATTRIBUTE, IMAGE, MARKUP, SCRIPT, SQL, SQL_OR, TEMPLATE


@pytest.fixture
def hostile(bureau):
    """A case, a party and an incident whose free-text fields all carry hostile strings."""
    officer = bureau.officer_a
    case = case_accept(
        actor=officer,
        unit=officer.unit,
        kind="admin",
        title=f"殴打他人案{SCRIPT}",
        summary=f"{IMAGE}{ATTRIBUTE}{TEMPLATE}",
        offence="ps.assault",
        occurred_at=at("2026-03-01 10:00"),
        lead=officer,
    )
    case_add_party(
        case=case,
        actor=officer,
        role="victim",
        name=f"王{SCRIPT}"[:50],
        address=f"{ATTRIBUTE}{SQL}",
        phone=SQL_OR[:30],
        occurred_at=at("2026-03-01 10:05"),
    )
    incident = incident_receive(
        actor=officer,
        unit=officer.unit,
        source="call_110",
        place=f"西江路{IMAGE}",
        category="dispute",
        description=f"{SCRIPT}{SQL}",
        reporter_name=f"{ATTRIBUTE}"[:50],
        reporter_phone="13800000000",
        occurred_at=at("2026-03-01 09:00"),
    )
    return case, incident


def signed_in(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


def assert_inert(html: str, where: str) -> None:
    for raw in MARKUP:
        assert raw not in html, f"{where}: {raw!r} reached the page unescaped"


def test_pages_escape_what_was_typed(bureau, hostile):
    """Given hostile text in a case, its party and an incident, when the lists, the record pages and the
    workbench are rendered, then the text appears escaped (&lt;script&gt;) and never as markup; template
    syntax is shown, not run."""
    case, incident = hostile
    client = signed_in(bureau.officer_a)
    pages = [
        "/",
        "/cases/",
        f"/cases/{case.number}/",
        "/incidents/",
        f"/incidents/{incident.number}/",
        "/supervision/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_inert(response.content.decode(), path)
    detail = client.get(f"/cases/{case.number}/").content.decode()
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in detail
    assert "{{ request.user }}" in detail  # shown as typed, not evaluated


def test_the_audit_page_escapes_what_it_shows(bureau, hostile):
    """Given reads of the hostile case, when the legal officer's audit search shows them, then inert."""
    case, _ = hostile
    signed_in(bureau.officer_a).get(f"/cases/{case.number}/")
    page = signed_in(bureau.legal_officer).get("/audit/", {"object_key": case.number}).content.decode()
    assert case.number in page
    assert_inert(page, "/audit/")


def test_the_api_returns_the_text_as_json_not_html(bureau, hostile):
    """Given the hostile case, when the API returns it, then it is JSON with the text as a string, served as
    application/json with nosniff (a browser will not run it as a page)."""
    case, _ = hostile
    response = bearer(bureau.officer_a).get(f"/api/cases/{case.number}")
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.json()["title"] == f"殴打他人案{SCRIPT}"


@pytest.mark.parametrize("payload", [SQL, SQL_OR, "%' OR 1=1 --", "\\'; SELECT 1; --"])
def test_search_boxes_treat_sql_as_text(bureau, hostile, payload):
    """Given SQL typed into the search boxes of the case and incident lists, the API and the audit search,
    then each answers normally (no error), finds nothing it should not, and the tables are intact."""
    cases = Case.objects.count()
    officer = signed_in(bureau.officer_a)
    assert officer.get("/cases/", {"q": payload}).status_code == 200
    assert officer.get("/incidents/", {"q": payload}).status_code == 200
    api = bearer(bureau.officer_a).get("/api/cases", {"q": payload})
    assert api.status_code == 200
    assert api.json()["total"] == 0
    assert signed_in(bureau.legal_officer).get("/audit/", {"person": payload}).status_code == 200
    assert Case.objects.count() == cases


def test_documents_show_hostile_text_as_text(bureau):
    """Given a decided case whose suspect's name and address carry script, when a penalty decision is drafted,
    then its preview page shows them escaped and the .docx holds them as plain text."""
    import io

    from docx import Document as Docx

    from lawtrail.cases.services import case_event
    from lawtrail.documents.models import Document

    officer = bureau.officer_a
    case = case_accept(
        actor=officer,
        unit=officer.unit,
        kind="admin",
        title="殴打他人案",
        summary=IMAGE,
        offence="ps.assault",
        occurred_at=at("2026-03-01 21:40"),
        lead=officer,
    )
    case_add_party(
        case=case,
        actor=officer,
        role="admin_suspect",
        name=SCRIPT[:50],
        gender="male",
        address=ATTRIBUTE,
        occurred_at=at("2026-03-01 22:00"),
    )
    for name, moment in (
        ("case.investigation_started", "2026-03-01 22:10"),
        ("case.rights_notified", "2026-03-06 15:00"),
    ):
        case_event(case=case, name=name, actor=officer, payload={}, occurred_at=at(moment))
    case_event(
        case=case,
        name="case.decided",
        actor=officer,
        occurred_at=at("2026-03-06 16:00"),
        payload={"outcome": "penalty", "penalty": {"fine_yuan": 200}},
    )
    party = case.parties.get()
    client = signed_in(officer)
    created = client.post(
        f"/documents/case/{case.number}/new/penalty_decision/", {"party": str(party.party_id)}
    )
    assert created.status_code == 302
    document = Document.objects.get(case=case)
    preview = client.get(f"/documents/{document.document_id}/").content.decode()
    assert_inert(preview, "document preview")
    assert "&lt;script&gt;" in preview
    docx = client.get(f"/documents/{document.document_id}/file.docx")
    text = "\n".join(p.text for p in Docx(io.BytesIO(docx.content)).paragraphs)
    assert SCRIPT[:50] in text
