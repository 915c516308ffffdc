"""The case page's measures and interviews section, and the forms that record them."""

from __future__ import annotations

from django.test import Client

from lawtrail.measures.models import Interview, Measure
from tests.measures.helpers import case_with_suspect, summons


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


def test_the_case_page_lists_measures_with_their_clock(bureau):
    """Given a summons whose person arrived at 10:20, when the case page is opened, then the measures
    section shows it with the questioning clock to 18:20."""
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    client = login(bureau.officer_a)
    response = client.post(
        f"/measures/{measure.measure_id}/arrived/", {"occurred_at": "2026-03-01T10:20", "place": "西江派出所"}
    )
    assert response.status_code == 302
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert "8小时，至 03-01 18:20" in page
    assert "尚未登记询问/讯问" in page


def test_the_forms_record_a_measure_and_an_interview(bureau):
    """Given a suspect, when a measure and an interview are recorded through the forms, then both exist;
    an interview that ends before it starts shows the error beside the end time."""
    case, party = case_with_suspect(bureau.officer_a)
    client = login(bureau.officer_a)
    created = client.post(
        f"/measures/case/{case.number}/new/",
        {"kind": "summons", "party": str(party.party_id), "occurred_at": "2026-03-01T10:10"},
    )
    assert created.status_code == 302
    assert Measure.objects.filter(case=case, kind="summons").count() == 1
    body = {
        "kind": "questioning",
        "party": str(party.party_id),
        "started_at": "2026-03-01T11:00",
        "ended_at": "2026-03-01T12:00",
        "officers": "100001，100010",
        "place": "case_area",
    }
    assert client.post(f"/measures/case/{case.number}/interview/", body).status_code == 302
    assert Interview.objects.get(case=case).officers.count() == 2
    backwards = client.post(
        f"/measures/case/{case.number}/interview/", {**body, "ended_at": "2026-03-01T10:00"}
    )
    assert backwards.status_code == 200
    assert "结束时间应晚于开始时间" in backwards.content.decode()


def test_out_of_scope_forms_are_404(bureau):
    """Given station A's case and measure, then station B's officer gets 404 from their forms."""
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    client = login(bureau.officer_b)
    assert client.get(f"/measures/case/{case.number}/new/").status_code == 404
    assert client.get(f"/measures/{measure.measure_id}/ended/").status_code == 404
