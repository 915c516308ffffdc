"""Unit scoping in the pages: out of scope answers 404, exactly like a record that does not exist."""

from __future__ import annotations

import pytest

from lawtrail.events.models import Event
from tests.web.conftest import WHEN


def test_an_officer_of_station_a_gets_404_on_a_case_of_station_b(bureau, records, signed_in):
    """Given officer A and a case of station B, when A opens it, then 404 — and the page does not name it."""
    response = signed_in("officer_a").get(f"/cases/{records.case_b.number}/")

    assert response.status_code == 404
    assert records.case_b.title not in response.content.decode()


def test_an_officer_of_station_a_gets_404_on_an_incident_of_station_b(bureau, records, signed_in):
    """Given officer A and an incident of station B, when A opens it, then 404."""
    response = signed_in("officer_a").get(f"/incidents/{records.incident_b.number}/")

    assert response.status_code == 404
    assert records.incident_b.place not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/cases/{case}/actions/file/",
        "/cases/{case}/actions/add-party/",
        "/incidents/{incident}/actions/dispatch/",
        "/incidents/{incident}/actions/convert/",
    ],
)
def test_actions_on_records_out_of_scope_are_404_and_write_nothing(bureau, records, signed_in, url):
    """Given officer A, when A opens or posts an action on station B's case or incident, then 404 and no
    event is recorded."""
    client = signed_in("officer_a")
    target = url.format(case=records.case_b.number, incident=records.incident_b.number)
    before = Event.objects.count()

    assert client.get(target).status_code == 404
    assert client.post(target, {"note": "越权", "occurred_at": WHEN}).status_code == 404
    assert Event.objects.count() == before


def test_the_unit_head_of_the_sub_bureau_sees_station_a2s_case(bureau, records, signed_in):
    """Given the head of sub-bureau A, when they open station A2's case, then it is shown."""
    response = signed_in("head_sub_a").get(f"/cases/{records.case_a2.number}/")

    assert response.status_code == 200
    assert records.case_a2.title in response.content.decode()


def test_the_unit_head_does_not_see_the_other_sub_bureaus_case(bureau, records, signed_in):
    """Given the head of sub-bureau A, when they open station B's case, then 404."""
    assert signed_in("head_sub_a").get(f"/cases/{records.case_b.number}/").status_code == 404


def test_the_case_list_shows_only_the_cases_in_scope(bureau, records, signed_in):
    """Given cases in three stations, when officer A and the unit head list cases, then each sees only
    their scope."""
    officer_numbers = {c.number for c in signed_in("officer_a").get("/cases/").context["page"].object_list}
    head_numbers = {c.number for c in signed_in("head_sub_a").get("/cases/").context["page"].object_list}

    assert officer_numbers == {records.case_a.number, records.criminal_a.number}
    assert head_numbers == {records.case_a.number, records.criminal_a.number, records.case_a2.number}


def test_the_incident_list_shows_only_the_incidents_in_scope(bureau, records, signed_in):
    """Given incidents in stations A and B, when officer A lists incidents, then only A's is listed."""
    page = signed_in("officer_a").get("/incidents/").context["page"]

    assert [i.number for i in page.object_list] == [records.incident_a.number]


def test_the_unit_filter_offers_only_units_in_scope(bureau, records, signed_in):
    """Given the unit head of sub-bureau A, when the case filters are shown, then the unit picker lists the
    sub-bureau and its stations only."""
    form = signed_in("head_sub_a").get("/cases/").context["form"]

    labels = [label.strip("\u3000") for value, label in form.fields["unit"].choices if value]
    assert labels == ["万秀分局", "西江派出所", "城东派出所"]
