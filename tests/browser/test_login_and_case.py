"""End to end in headless Chromium: a case officer signs in, sees the workbench, opens a case from the list
and its timeline, files it through the inline (htmx) form; and the pages fit a phone's width."""

from __future__ import annotations

import uuid
from datetime import date
from urllib.parse import urlparse

import pytest

from lawtrail.cases.services import case_add_party, case_event, offences_sync
from lawtrail.common.idnumbers import make_id_number
from lawtrail.incidents.services import incident_convert, incident_event
from tests.factories import PASSWORD, at, make_case
from tests.web.conftest import make_incident

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def story(bureau):
    """The barbecue-stall fight of journey 1: an incident, dispatched and arrived, converted into a case with
    a suspect and a victim; plus a few other cases so the list has rows."""
    # The live server needs a transactional database, which is flushed after each test, taking with it the
    # offence catalogue the migrations seeded; load it again (it is reference data, not events).
    offences_sync()
    a = bureau.officer_a
    incident = make_incident(a, when="2026-03-01 22:14")
    incident_event(
        incident=incident,
        name="incident.dispatched",
        actor=a,
        payload={"unit": bureau.station_a.code, "officers": ["100001", "F10001"]},
        occurred_at=at("2026-03-01 22:16"),
    )
    incident_event(incident=incident, name="incident.arrived", actor=a, occurred_at=at("2026-03-01 22:23"))
    incident_event(
        incident=incident,
        name="incident.media_linked",
        actor=a,
        payload={
            "media_id": str(uuid.uuid4()),
            "kind": "body_camera",
            "uri": "evidence://bodycam/100001/2026-03-01T22-23.mp4",
            "sha256": "3f" * 32,
            "captured_at": at("2026-03-01 22:23").isoformat(),
            "duration_seconds": 600,
            "officer": "100001",
        },
        occurred_at=at("2026-03-02 08:10"),
    )
    case = incident_convert(
        incident=incident,
        actor=a,
        kind="admin",
        title="西江一路烧烤摊殴打他人案",
        offence="ps.assault",
        occurred_at=at("2026-03-01 23:40"),
        lead=a,
    )
    case_add_party(
        case=case,
        actor=a,
        occurred_at=at("2026-03-01 23:50"),
        role="admin_suspect",
        name="黄某某",
        gender="male",
        id_number=make_id_number("450403", date(1990, 5, 6), 123),
    )
    case_add_party(
        case=case, actor=a, occurred_at=at("2026-03-01 23:55"), role="victim", name="李某", gender="male"
    )
    case_event(case=case, name="case.investigation_started", actor=a, occurred_at=at("2026-03-02 09:40"))
    for i in range(6):
        make_case(
            a, kind="criminal" if i % 2 else "admin", title=f"其他案件{i}", when=f"2026-02-{10 + i} 10:00"
        )
    return {"case": case, "incident": incident}


def sign_in(page, base: str, badge: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", badge)
    page.fill("#id_password", PASSWORD)
    page.click(".login-card button[type=submit]")
    page.wait_for_url(f"{base}/")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def only_local_requests(page, base: str) -> list[str]:
    """Record (and refuse) every request that does not go to the live server: the pages must work offline."""
    foreign: list[str] = []
    host = urlparse(base).netloc

    def route(r):
        if urlparse(r.request.url).netloc == host or r.request.url.startswith("data:"):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return foreign


def test_a_case_officer_signs_in_and_opens_a_case_and_its_timeline(live_server, chromium, story, artifacts):
    """Given officer A's account and a case, when A signs in, then the workbench shows; from the case list A
    opens the case and sees its timeline; filing it through the inline form updates the page; and nothing is
    fetched from outside the server."""
    base = live_server.url
    case = story["case"]
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    foreign = only_local_requests(page, base)

    sign_in(page, base, "100001")
    assert page.locator("h1").inner_text() == "工作台"
    assert page.get_by_role("heading", name="我的在办案件").is_visible()
    assert page.locator(".who").inner_text().startswith("张伟")
    page.screenshot(path=artifacts / "workbench-desktop.png", full_page=True)

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="案件").click()
    page.wait_for_url(f"{base}/cases/")
    assert page.locator("#case-results tbody tr").count() == 7
    page.screenshot(path=artifacts / "case-list-desktop.png", full_page=True)

    page.select_option("#id_kind", "criminal")  # htmx swaps the table and pushes the URL
    page.wait_for_url(f"{base}/cases/?**kind=criminal**")
    page.wait_for_function("document.querySelectorAll('#case-results tbody tr').length === 3")
    page.go_back()
    page.wait_for_function("document.querySelectorAll('#case-results tbody tr').length === 7")

    page.get_by_role("link", name=case.title).click()
    page.wait_for_url(f"{base}/cases/{case.number}/")
    assert page.locator("h1").inner_text() == case.title
    timeline = page.locator("ol.timeline")
    assert timeline.is_visible()
    labels = timeline.locator(".what").all_inner_texts()
    assert labels[:2] == ["受案", "指定办案民警"]
    assert "开始调查/侦查" in labels
    assert "4504**********" in page.locator("#parties-title + .table-wrap").inner_text()
    page.screenshot(path=artifacts / "case-detail-desktop.png", full_page=True)

    page.get_by_role("link", name="告知拟处罚内容及权利").click()  # htmx loads the form inline
    page.locator("#action-panel form").wait_for()
    page.fill("#action-panel #id_note", "已制作告知笔录")
    page.locator("#action-panel button[type=submit]").click()
    page.wait_for_url(f"{base}/cases/{case.number}/")
    assert page.locator(".messages").inner_text().startswith("已完成")
    assert page.locator(".record-head .badge").inner_text() == "已告知"

    page.goto(f"{base}/incidents/{story['incident'].number}/")
    assert page.get_by_role("heading", name="警情处置过程").is_visible()
    assert "evidence://bodycam/100001/2026-03-01T22-23.mp4" in page.content()
    page.screenshot(path=artifacts / "incident-detail-desktop.png", full_page=True)

    assert foreign == []
    context.close()


def test_the_pages_fit_a_phone(live_server, chromium, story, artifacts):
    """Given a phone-sized screen (390×844), when officer A opens the workbench, the case list, the case and
    the incident, then no page is wider than the screen (wide tables scroll inside their box)."""
    base = live_server.url
    context = chromium.new_context(
        viewport=PHONE, locale="zh-CN", device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    sign_in(page, base, "100001")

    pages = {
        "workbench": "/",
        "case-list": "/cases/",
        "case-detail": f"/cases/{story['case'].number}/",
        "incident-detail": f"/incidents/{story['incident'].number}/",
    }
    overflowing = []
    for name, path in pages.items():
        page.goto(base + path)
        page.screenshot(path=artifacts / f"{name}-phone.png", full_page=True)
        if not no_horizontal_overflow(page):
            overflowing.append(name)

    assert overflowing == []
    assert page.locator("ol.timeline").is_visible()
    context.close()
