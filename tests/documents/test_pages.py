"""The documents pages: the case page's section, a draft made, edited, previewed, issued, downloaded and
served through the forms; a locked document refuses edits; out of scope is 404."""

from __future__ import annotations

import io

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from lawtrail.documents.models import Document, Service
from lawtrail.documents.services import document_draft
from tests.documents.helpers import decided_assault


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


def test_a_decision_through_the_pages(bureau):
    """Given a decided assault case, when the officer opens the case page, starts a 行政处罚决定书, fills the
    evidence, issues it, downloads the PDF and records its service, then each step answers as expected
    and the document ends served with its number on the case page."""
    case, party = decided_assault(bureau.officer_a)
    client = login(bureau.officer_a)
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert "尚未制作法律文书" in page
    assert f"/documents/case/{case.number}/new/penalty_decision/" in page

    new = client.post(f"/documents/case/{case.number}/new/penalty_decision/", {"party": str(party.party_id)})
    assert new.status_code == 302
    document = Document.objects.get()
    detail = client.get(new["Location"]).content.decode()
    assert "违法行为人李明" in detail  # the preview
    assert "签发（编号并锁定）" in detail

    refused = client.post(f"/documents/{document.document_id}/issue/", follow=True).content.decode()
    assert "签发前请填写：证据" in refused
    fields = {**document.fields, "evidence": "李明的陈述和申辩、视频监控录像"}
    saved = client.post(f"/documents/{document.document_id}/", fields)
    assert saved.status_code == 302
    draft_pdf = client.get(f"/documents/{document.document_id}/file.pdf")
    assert "草稿" in PdfReader(io.BytesIO(draft_pdf.content)).pages[0].extract_text()

    issued = client.post(f"/documents/{document.document_id}/issue/", follow=True).content.decode()
    assert "已签发：行政处罚决定书 梧公万（西江）行罚决字〔2026〕1号" in issued
    pdf = client.get(f"/documents/{document.document_id}/file.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "梧公万（西江）行罚决字〔2026〕1号" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    docx = client.get(f"/documents/{document.document_id}/file.docx")
    assert docx.status_code == 200
    assert "attachment" in docx["Content-Disposition"]

    locked = client.post(f"/documents/{document.document_id}/", fields, follow=True).content.decode()
    assert "文书已签发，不能修改" in locked

    form = client.get(f"/documents/{document.document_id}/serve/").content.decode()
    assert "留置送达（拒收）" in form
    bad = client.post(
        f"/documents/{document.document_id}/serve/",
        {"to": "offender", "recipient": "李明", "method": "post", "occurred_at": "2026-03-06T16:10"},
    ).content.decode()
    assert "挂号信号码" in bad
    served = client.post(
        f"/documents/{document.document_id}/serve/",
        {"to": "offender", "recipient": "李明", "method": "direct", "occurred_at": "2026-03-06T16:10"},
    )
    assert served.status_code == 302
    assert Service.objects.get().method == "direct"
    case_page = client.get(f"/cases/{case.number}/").content.decode()
    assert "梧公万（西江）行罚决字〔2026〕1号" in case_page
    assert "已送达" in case_page
    listing = client.get("/documents/?status=served").content.decode()
    assert "梧公万（西江）行罚决字〔2026〕1号" in listing


def test_correction_and_receipt_buttons(bureau):
    """Given an issued decision, when 更正 and 制作送达回执 are pressed, then a correction draft citing it and
    a service-receipt draft naming its number are created."""
    case, party = decided_assault(bureau.officer_a)
    client = login(bureau.officer_a)
    client.post(f"/documents/case/{case.number}/new/penalty_decision/", {"party": str(party.party_id)})
    document = Document.objects.get()
    client.post(f"/documents/{document.document_id}/", {**document.fields, "evidence": "陈述"})
    client.post(f"/documents/{document.document_id}/issue/")
    document.refresh_from_db()
    client.post(f"/documents/{document.document_id}/correct/")
    correction = Document.objects.get(corrects=document)
    assert correction.status == "draft"
    client.post(f"/documents/{document.document_id}/receipt/")
    receipt = Document.objects.get(kind="service_receipt")
    assert receipt.fields["cites_number"] == document.number


def test_pages_out_of_scope_are_404(bureau):
    """Given a document of station A's case, then an officer of another sub-bureau gets 404 on its page,
    its file and its service form, and cannot start a document on the case; the list does not show it."""
    case, party = decided_assault(bureau.officer_a)
    login(bureau.officer_a).post(
        f"/documents/case/{case.number}/new/penalty_decision/", {"party": str(party.party_id)}
    )
    document = Document.objects.get()
    other = login(bureau.officer_b)
    for url in (
        f"/documents/{document.document_id}/",
        f"/documents/{document.document_id}/file.pdf",
        f"/documents/{document.document_id}/serve/",
        f"/documents/case/{case.number}/new/penalty_decision/",
    ):
        assert other.get(url).status_code == 404, url
    assert other.post(f"/documents/{document.document_id}/issue/").status_code == 404
    assert document.document_id not in other.get("/documents/").content.decode()
    assert login(bureau.officer_a).get("/documents/unknown-id/").status_code == 404


def test_a_kind_for_the_other_case_kind_is_404(bureau):
    """Given an administrative case, then the 拘留通知书 (criminal) page does not exist for it."""
    case, _ = decided_assault(bureau.officer_a)
    assert (
        login(bureau.officer_a).get(f"/documents/case/{case.number}/new/detention_notice/").status_code == 404
    )


def test_the_lists_do_not_query_per_document(bureau):
    """Given a case with six drafts, then the documents list and the case page's section take no more
    queries than with one (no query per row)."""
    case, party = decided_assault(bureau.officer_a)
    client = login(bureau.officer_a)
    document_draft(actor=bureau.officer_a, case=case, kind="penalty_decision", party=party)
    client.get("/documents/")  # warm the session and the scope
    counts = {}
    for n in (1, 6):
        while Document.objects.count() < n:
            document_draft(actor=bureau.officer_a, case=case, kind="summons", party=party)
        with CaptureQueriesContext(connection) as listing:
            client.get("/documents/")
        with CaptureQueriesContext(connection) as page:
            client.get(f"/cases/{case.number}/")
        counts[n] = (len(listing), len(page))
    assert counts[6] == counts[1]


def test_a_document_for_a_party_the_case_lacks_says_what_to_do(bureau):
    """Given a case without a suspect, when a 传唤证 is started, then the form says to register the party
    first and nothing is drafted."""
    from tests.factories import make_case

    case = make_case(bureau.officer_a)
    page = login(bureau.officer_a).post(f"/documents/case/{case.number}/new/summons/", {}).content.decode()
    assert "本案尚未登记违法嫌疑人、犯罪嫌疑人，不能制作传唤证" in page
    assert not Document.objects.exists()
