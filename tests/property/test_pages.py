"""The property pages: the case section, seizing through the form, the item page with its custody chain
and steps, the printable label, the inventory views, storage locations, and 404 out of scope."""

from __future__ import annotations

from django.test import Client

from lawtrail.property.models import PropertyItem
from lawtrail.property.services import property_event
from tests.factories import at, make_case
from tests.property.helpers import seize_phone


def login(officer) -> Client:
    client = Client()
    client.force_login(officer.user)
    return client


def test_seize_through_the_form_and_see_it_on_the_case_page(bureau, center):
    """Given a case, when officer A registers a phone through the form, then the case page's property
    section lists it with its ledger number and holder; a quantity of 0 is shown beside the field."""
    case = make_case(bureau.officer_a)
    client = login(bureau.officer_a)
    body = {
        "measure": "seize",
        "category": "electronics",
        "description": "黑色华为手机一部",
        "quantity": "1",
        "unit_of_measure": "部",
        "estimated_value": "1200",
        "occurred_at": "2026-03-01T15:00",
        "photos": "IMG-0001\nIMG-0002",
    }
    response = client.post(f"/property/case/{case.number}/new/", body)
    item = PropertyItem.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == f"/property/{item.code}/"
    assert item.photos == ["IMG-0001", "IMG-0002"]
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert item.code in page
    assert "张伟（100001）" in page
    zero = client.post(f"/property/case/{case.number}/new/", {**body, "quantity": "0"})
    assert zero.status_code == 200
    assert PropertyItem.objects.filter(case=case).count() == 1


def test_the_item_page_offers_the_steps_of_its_state_and_the_hand_over_form_records_it(bureau, center):
    """Given a held phone, when its page is opened, then it offers hand-over and transfer but not storage;
    when the hand-over form is submitted, then the item is in the center and its chain shows both parties;
    a wrong receiver is shown beside its field."""
    item = seize_phone(bureau.officer_a, make_case(bureau.officer_a))
    client = login(bureau.officer_a)
    page = client.get(f"/property/{item.code}/").content.decode()
    assert f"/property/{item.code}/hand-over/" in page
    assert f"/property/{item.code}/store/" not in page
    assert "<svg" in page
    wrong = client.post(
        f"/property/{item.code}/hand-over/",
        {"center": center.unit.code, "received_by": "100002", "occurred_at": "2026-03-02T09:00"},
    )
    assert wrong.status_code == 200
    assert "财物管理人员" in wrong.content.decode()
    done = client.post(
        f"/property/{item.code}/hand-over/",
        {"center": center.unit.code, "received_by": "100050", "occurred_at": "2026-03-02T09:00"},
    )
    assert done.status_code == 302
    page = client.get(f"/property/{item.code}/").content.decode()
    assert "财物中心 孙丽（100050）" in page
    assert "已移交财物管理中心" in page


def test_the_label_page_prints_the_code_as_a_qr_code(bureau, center):
    """Given an item, when its label page is opened, then it has the ledger number, the case number and an
    inline SVG QR code (nothing fetched from elsewhere)."""
    case = make_case(bureau.officer_a)
    item = seize_phone(bureau.officer_a, case)
    page = login(bureau.officer_a).get(f"/property/{item.code}/label/").content.decode()
    assert item.code in page
    assert case.number in page
    assert "<svg" in page
    assert 'src="http' not in page
    assert 'href="http' not in page


def test_the_inventory_shows_overdue_items_by_location_and_by_case(bureau, center, monkeypatch):
    """Given one phone held 2 days and one stored on box A-01-03, when the custodian and officer A open the
    inventory, then officer A's overdue view lists the held phone, and the center's location view lists
    the stored one under its box."""
    from lawtrail.common import clock

    case = make_case(bureau.officer_a)
    held = seize_phone(bureau.officer_a, case)
    stored = seize_phone(bureau.officer_a, case, when="2026-03-01 15:10")
    property_event(
        item=stored,
        name="property.handed_over",
        actor=bureau.officer_a,
        payload={"center": center.unit.code, "received_by": "100050", "location": "A-01-03"},
        occurred_at=at("2026-03-01 18:00"),
    )
    monkeypatch.setattr(clock, "now", lambda: at("2026-03-03 09:00"))
    officer = login(bureau.officer_a)
    overdue = officer.get("/property/").content.decode()
    assert held.code in overdue
    assert stored.code not in overdue
    by_location = login(center.custodian).get("/property/?view=location").content.decode()
    assert "A-01-03" in by_location
    assert stored.code in by_location
    assert held.code not in by_location
    by_case = officer.get("/property/?view=case").content.decode()
    assert case.number in by_case
    assert held.code in by_case
    assert stored.code in by_case


def test_center_staff_add_storage_locations(bureau, center):
    """Given the property center, when its custodian adds a shelf under the store, then it is in the tree;
    a duplicate code is refused beside the code field; officer A (not center staff) may not add one."""
    client = login(center.custodian)
    url = f"/property/centers/{center.unit.code}/locations/"
    assert (
        client.post(url, {"code": "A-02", "name": "二号货架", "parent": center.shelf.parent_id}).status_code
        == 302
    )
    page = client.get(url).content.decode()
    assert "二号货架" in page
    dup = client.post(url, {"code": "A-02", "name": "重复"})
    assert dup.status_code == 200
    assert "已存在" in dup.content.decode()
    assert login(bureau.officer_a).post(url, {"code": "A-03", "name": "x"}).status_code == 403


def test_out_of_scope_pages_are_404(bureau, center):
    """Given an item of a station A case, then officer B gets 404 for its page, label, steps and for
    seizing into the case; an unknown step is 404."""
    case = make_case(bureau.officer_a)
    item = seize_phone(bureau.officer_a, case)
    other = login(bureau.officer_b)
    for url in (
        f"/property/{item.code}/",
        f"/property/{item.code}/label/",
        f"/property/{item.code}/hand-over/",
        f"/property/case/{case.number}/new/",
    ):
        assert other.get(url).status_code == 404, url
    assert login(bureau.officer_a).get(f"/property/{item.code}/fly-away/").status_code == 404


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_inventory_views_take_a_fixed_number_of_queries(bureau, center):
    """Given two items and then eight, of two cases, half stored, when each inventory view is opened, then
    it takes the same number of queries both times (no query per row)."""
    cases = [make_case(bureau.officer_a, title=f"案件{i}") for i in range(2)]
    client = login(center.custodian)
    client.get("/property/")  # the first request of a session does more (session, last login)
    views = ("overdue", "location", "case")
    counts = []
    for i in range(8):
        item = seize_phone(bureau.officer_a, cases[i % 2], when=f"2026-03-01 15:0{i}")
        if i % 2:
            property_event(
                item=item,
                name="property.handed_over",
                actor=bureau.officer_a,
                payload={"center": center.unit.code, "received_by": "100050", "location": "A-01-03"},
                occurred_at=at("2026-03-01 18:00"),
            )
        if i in (1, 7):
            counts.append([_queries(client, f"/property/?view={v}") for v in views])
    assert counts[0] == counts[1]
