"""The inspection pages: the day list with progress and bulk "no issue", one review, the sampling pages."""

from __future__ import annotations

import pytest
from django.test import Client

from lawtrail.events.models import Event
from lawtrail.inspections.models import SampleItem, Sampling
from lawtrail.org.services import officer_grant_role
from lawtrail.supervision.models import Alert
from tests.inspections.helpers import incident, incidents


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


@pytest.fixture
def duty_leader(bureau):
    officer_grant_role(actor=None, officer=bureau.head_sub_a, role="duty_leader", unit=bureau.sub_a)
    return bureau.head_sub_a


def test_the_day_page_shows_progress_and_bulk_marks_no_issue(
    bureau, duty_leader, django_assert_max_num_queries
):
    """Given three incidents of 1 March, when the duty leader opens the day and marks two "no issue", then
    the page said 0 / 3 and now says 2 / 3, with two incident.reviewed events; the page takes a fixed
    number of queries (17 with the session, the scope and the menu; measured the same with 6 rows)."""
    items = incidents(bureau.officer_a, 3)
    client = login(duty_leader)
    with django_assert_max_num_queries(17):
        page = client.get("/inspections/", {"day": "2026-03-01"}).content.decode()
    assert "0 / 3" in page
    assert items[0].number in page
    response = client.post(
        "/inspections/review/no-issue/",
        {
            "scope": "selected",
            "incidents": [items[0].number, items[1].number],
            "next": "/inspections/?day=2026-03-01",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/inspections/?day=2026-03-01"
    page = client.get("/inspections/", {"day": "2026-03-01"}).content.decode()
    assert "2 / 3" in page
    assert Event.objects.filter(name="incident.reviewed").count() == 2


def test_one_review_with_findings_and_its_error(bureau, duty_leader):
    """Given an incident, when reviewed with an empty note, then the form says what to write; with a note,
    the incident is reviewed and the day list shows the note."""
    item = incident(bureau.officer_a)
    client = login(duty_leader)
    empty = client.post(f"/inspections/review/{item.number}/", {"note": ""})
    assert empty.status_code == 200
    assert "这个字段是必填项" in empty.content.decode() or "请填写" in empty.content.decode()
    done = client.post(f"/inspections/review/{item.number}/", {"note": "出警超时5分钟，已提醒"})
    assert done.status_code == 302
    assert "出警超时5分钟，已提醒" in client.get("/inspections/?day=2026-03-01").content.decode()


def test_a_case_officer_sees_the_list_but_cannot_review_and_other_units_are_404(bureau, duty_leader):
    """Given incidents of station A and B, then station A's officer sees the day without review buttons
    and is refused the review form (403); sub-bureau A's duty leader gets 404 for station B's incident."""
    mine = incident(bureau.officer_a)
    other = incident(bureau.officer_b)
    officer = login(bureau.officer_a)
    page = officer.get("/inspections/?day=2026-03-01").content.decode()
    assert mine.number in page
    assert "review/no-issue" in page  # the form exists …
    assert 'name="incidents"' not in page  # … but no row can be ticked
    assert officer.get(f"/inspections/review/{mine.number}/").status_code == 403
    assert login(duty_leader).get(f"/inspections/review/{other.number}/").status_code == 404


def test_the_legal_officer_draws_a_sample_and_records_a_finding(bureau):
    """Given four eligible incidents, when the legal officer draws 50% on the page and records a problem on
    the first item, then the sheet lists two items and the first links its alert."""
    incidents(bureau.officer_a, 4)
    client = login(bureau.legal_officer)
    created = client.post(
        "/inspections/samplings/",
        {
            "unit": str(bureau.bureau.id),
            "period_start": "2026-03-01",
            "period_end": "2026-03-01",
            "percent": "50",
            "seed": "",
            "note": "",
        },
    )
    assert created.status_code == 302, created.content.decode()
    sampling = Sampling.objects.get()
    assert sampling.seed == sampling.number
    first = SampleItem.objects.filter(sampling=sampling).order_by("position").first()
    missing = client.post(
        f"/inspections/samplings/{sampling.number}/items/{first.incident.number}/",
        {"result": "problem", "category": "", "description": ""},
    )
    assert "发现问题时请选择问题类别" in missing.content.decode()
    saved = client.post(
        f"/inspections/samplings/{sampling.number}/items/{first.incident.number}/",
        {"result": "problem", "category": "late_upload", "description": "次日18时才上传"},
    )
    assert saved.status_code == 302
    sheet = client.get(f"/inspections/samplings/{sampling.number}/").content.decode()
    alert = Alert.objects.get(family="inspection.finding")
    assert f"/supervision/alerts/{alert.pk}/" in sheet
    assert sheet.count("/items/") == 2


def test_an_empty_period_says_what_to_do_and_other_units_cannot_see_the_sheet(bureau):
    """Given no incidents, when a sample is drawn, then the form says there is nothing to sample; a sheet
    of sub-bureau A is 404 for station B's officer."""
    client = login(bureau.legal_officer)
    body = {
        "unit": str(bureau.sub_a.id),
        "period_start": "2026-03-01",
        "period_end": "2026-03-01",
        "percent": "10",
    }
    empty = client.post("/inspections/samplings/", body)
    assert "没有已派警且有执法记录仪视频的警情" in empty.content.decode()
    incident(bureau.officer_a)
    client.post("/inspections/samplings/", body)
    number = Sampling.objects.get().number
    assert login(bureau.officer_b).get(f"/inspections/samplings/{number}/").status_code == 404
    assert login(bureau.officer_b).post("/inspections/samplings/", body).status_code == 403
