"""The audit search: "who looked at this person?" for legal officers and administrators, scoped."""

from __future__ import annotations

import pytest
from django.test import Client

from lawtrail.audit.models import AuditEntry
from lawtrail.cases.services import case_add_party
from tests.api.conftest import bearer
from tests.factories import at, make_case
from tests.security.helpers import make_administrator

ID_NUMBER = "450403199005010124"


def signed_in(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


@pytest.fixture
def looked_at(bureau):
    """王强 is a party of a station A case; officer_a and head_sub_a opened the case page."""
    case = make_case(bureau.officer_a)
    case_add_party(
        case=case,
        actor=bureau.officer_a,
        role="admin_suspect",
        name="王强",
        id_number=ID_NUMBER,
        occurred_at=at("2026-03-01 10:05"),
    )
    for who in (bureau.officer_a, bureau.head_sub_a):
        assert signed_in(who).get(f"/cases/{case.number}/").status_code == 200
    return case


def readers(page: str) -> list[str]:
    return [badge for badge in ("100001", "100010", "100003") if badge in page]


def test_a_legal_officer_finds_who_looked_at_a_person_by_id_number(bureau, looked_at):
    """Given two officers who opened 王强's case, when the legal officer searches his ID number for reads,
    then both readers are listed, and the search itself is recorded."""
    before = AuditEntry.objects.count()
    page = signed_in(bureau.legal_officer).get("/audit/", {"person": ID_NUMBER, "action": "read"})
    assert page.status_code == 200
    assert readers(page.content.decode()) == ["100001", "100010"]
    search = AuditEntry.objects.filter(position__gt=before, object_type="audit_search").get()
    assert search.actor_badge == "100020"


def test_the_search_by_name_finds_the_same_reads(bureau, looked_at):
    """Given the same reads, when the legal officer searches the name 王强, then the same readers."""
    page = signed_in(bureau.legal_officer).get("/audit/", {"person": "王强", "action": "read"})
    assert readers(page.content.decode()) == ["100001", "100010"]


def test_other_roles_are_refused(bureau, looked_at):
    """Given a case officer and a unit head, when they open the audit search or its API, then 403."""
    assert signed_in(bureau.officer_a).get("/audit/").status_code == 403
    assert signed_in(bureau.head_sub_a).get("/audit/").status_code == 403
    response = bearer(bureau.officer_a).get("/api/audit/entries")
    assert response.status_code == 403
    assert response.json()["code"] == "not_auditor"


def test_entries_of_another_bureau_are_not_shown(bureau, looked_at):
    """Given a case of another bureau opened by its officer, when our legal officer searches by officer,
    then nothing of the other bureau is shown."""
    other = make_case(bureau.other_bureau_officer, title="外局案件")
    assert signed_in(bureau.other_bureau_officer).get(f"/cases/{other.number}/").status_code == 200
    page = signed_in(bureau.legal_officer).get("/audit/", {"officer": "200001"}).content.decode()
    assert other.number not in page
    assert "没有符合条件的审计记录" in page


def test_the_api_search_for_an_administrator(bureau, looked_at):
    """Given an administrator, when the API is asked for reads of the case, then the two reads come back
    with their hashes, newest first."""
    admin = make_administrator(bureau)
    response = bearer(admin).get("/api/audit/entries", {"object_key": looked_at.number, "action": "read"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    assert [e["actor_badge"] for e in body["items"]] == ["100010", "100001"]
    assert all(len(e["hash"]) == 64 for e in body["items"])


def test_a_backwards_date_range_is_explained(bureau):
    """Given an end date before the start date, then the form says so in Chinese."""
    page = signed_in(bureau.legal_officer).get(
        "/audit/", {"date_from": "2026-03-02", "date_to": "2026-03-01"}
    )
    assert "结束日期早于开始日期" in page.content.decode()
