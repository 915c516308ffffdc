"""The center pages: bring a person in through the form, the board (and its htmx refresh), a stay with its
steps, the rooms page, the case page section, and 404 out of scope."""

from __future__ import annotations

from django.test import Client

from lawtrail.center.models import Stay
from lawtrail.common import clock
from tests.factories import at
from tests.measures.helpers import case_with_suspect, summons


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


def _brought_in(bureau, center, client):
    case, party = case_with_suspect(bureau.officer_a)
    measure = summons(bureau.officer_a, case, party)
    response = client.post(
        f"/center/case/{case.number}/enter/",
        {
            "center": center.unit.code,
            "party": str(party.party_id),
            "reason": "summons",
            "measure": str(measure.measure_id),
            "room": "候问室1",
            "occurred_at": "2026-03-01T10:20",
        },
    )
    return case, response


def test_bring_in_through_the_form_then_the_board_and_the_case_page_show_the_person(
    bureau, center, monkeypatch
):
    """Given a summoned suspect, when officer A brings them in through the form, then the stay page opens;
    at 17:30 the board shows them in 候问室1 with 0小时50分 left (also as an htmx fragment), and the case
    page's center section lists the stay."""
    client = login(bureau.officer_a)
    case, response = _brought_in(bureau, center, client)
    stay = Stay.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == f"/center/{stay.stay_id}/"
    monkeypatch.setattr(clock, "now", lambda: at("2026-03-01 17:30"))
    staff = login(center.staff)
    page = staff.get("/center/").content.decode()
    assert "王强" in page
    assert "候问室1" in page
    assert "0小时50分" in page
    assert 'hx-trigger="every 60s"' in page
    fragment = staff.get("/center/", HTTP_HX_REQUEST="true").content.decode()
    assert "0小时50分" in fragment
    assert "<html" not in fragment
    assert "候问室1" in client.get(f"/cases/{case.number}/").content.decode()


def test_the_steps_check_move_and_release_through_the_forms(bureau, center):
    """Given a person in the center, when the check, a room change and the exit are recorded through the
    forms, then the stay page shows the kept belongings returned and no more steps; asking for the room
    they are in is not offered."""
    client = login(bureau.officer_a)
    case, _ = _brought_in(bureau, center, client)
    stay = Stay.objects.get(case=case)
    base = f"/center/{stay.stay_id}"
    check = {"items_found": "打火机", "belongings": "手机 1部\n钱包", "occurred_at": "2026-03-01T10:25"}
    assert client.post(f"{base}/check/", check).status_code == 302
    room_form = client.get(f"{base}/room/").content.decode()
    assert "询问室2" in room_form
    assert 'value="候问室1"' not in room_form
    assert (
        client.post(f"{base}/room/", {"room": "询问室2", "occurred_at": "2026-03-01T10:40"}).status_code
        == 302
    )
    early = client.post(f"{base}/leave/", {"reason": "released", "occurred_at": "2026-03-01T09:00"})
    assert early.status_code == 200
    assert "不能早于" in early.content.decode()
    assert (
        client.post(f"{base}/leave/", {"reason": "released", "occurred_at": "2026-03-01T12:00"}).status_code
        == 302
    )
    page = client.get(f"{base}/").content.decode()
    assert "手机 1部" in page
    assert "已返还" in page
    assert "人员已离开办案中心" in page


def test_the_center_staff_add_rooms_and_others_may_not(bureau, center):
    """Given the center, when its staff add 讯问室3, then it is listed; a duplicate name is refused beside
    the field; officer A (not center staff) may look but not add (403)."""
    staff = login(center.staff)
    url = f"/center/centers/{center.unit.code}/rooms/"
    assert staff.post(url, {"name": "讯问室3", "kind": "interview"}).status_code == 302
    assert "讯问室3" in staff.get(url).content.decode()
    dup = staff.post(url, {"name": "讯问室3", "kind": "interview"})
    assert dup.status_code == 200
    assert "已存在" in dup.content.decode()
    assert login(bureau.officer_a).post(url, {"name": "x", "kind": "other"}).status_code == 403


def test_out_of_scope_pages_are_404(bureau, center):
    """Given a stay of a station A case, then officer B (another sub-bureau, whose bureau has the center)
    gets 404 for the stay and its steps and for bringing someone into the case; an unknown step is 404;
    an officer of another bureau gets 404 for the center's rooms."""
    client = login(bureau.officer_a)
    case, _ = _brought_in(bureau, center, client)
    stay = Stay.objects.get(case=case)
    other = login(bureau.officer_b)
    for url in (
        f"/center/{stay.stay_id}/",
        f"/center/{stay.stay_id}/leave/",
        f"/center/case/{case.number}/enter/",
    ):
        assert other.get(url).status_code == 404, url
    assert client.get(f"/center/{stay.stay_id}/teleport/").status_code == 404
    stranger = login(bureau.other_bureau_officer)
    assert stranger.get(f"/center/centers/{center.unit.code}/rooms/").status_code == 404


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_board_takes_a_fixed_number_of_queries(bureau, center):
    """Given one person in the center and then five, when the board is opened, then it takes the same
    number of queries (no query per person)."""
    from lawtrail.center.services import stay_enter

    client = login(center.staff)
    client.get("/center/")  # the first request of a session does more (session, last login)
    counts = []
    for i in range(5):
        case, party = case_with_suspect(bureau.officer_a)
        measure = summons(bureau.officer_a, case, party)
        stay_enter(
            actor=bureau.officer_a,
            case=case,
            party=party,
            center=center.unit,
            reason="summons",
            measure=measure,
            occurred_at=at(f"2026-03-01 10:2{i}"),
        )
        if i in (0, 4):
            counts.append(_queries(client, "/center/"))
    assert counts[0] == counts[1]
