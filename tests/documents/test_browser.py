"""In headless Chromium: a penalty decision made from the case page, issued and served through the pages,
on a desktop and a phone — screenshots in test-artifacts/ to look at."""

from __future__ import annotations

import pytest

from lawtrail.cases.services import offences_sync
from lawtrail.documents.models import Document
from tests.browser.test_login_and_case import DESKTOP, PHONE, sign_in
from tests.documents.helpers import decided_assault

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_decision_from_the_case_page(live_server, chromium, bureau, artifacts):
    """Given a decided assault case, when the officer opens 制作文书 → 行政处罚决定书, fills the evidence,
    saves, issues and records the service, then the document page shows the number, the preview and the
    service; the case page lists it."""
    offences_sync()
    case, _ = decided_assault(bureau.officer_a)
    base = live_server.url
    page = chromium.new_page(viewport=DESKTOP)
    sign_in(page, base, bureau.officer_a.badge_no)

    page.goto(f"{base}/cases/{case.number}/")
    page.locator("#documents summary").click()
    page.locator("#documents").get_by_role("link", name="行政处罚决定书", exact=True).click()
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(f"{base}/documents/*/")
    page.fill("#id_evidence", "李明的陈述和申辩、被侵害人张华的陈述、证人王五的证言、视频监控录像")
    page.fill("#id_party_record", "无")
    page.get_by_role("button", name="保存草稿").click()
    page.screenshot(path=artifacts / "documents-draft-desktop.png", full_page=True)
    page.get_by_role("button", name="签发（编号并锁定）").click()
    assert page.locator(".record-head .number").inner_text() == "梧公万（西江）行罚决字〔2026〕1号"
    page.get_by_role("link", name="登记送达").click()
    page.screenshot(path=artifacts / "documents-serve-desktop.png", full_page=True)
    page.fill("#id_place", "西江派出所")
    page.locator("form.stacked button[type=submit]").click()
    assert "已登记送达" in page.content()
    page.screenshot(path=artifacts / "documents-issued-desktop.png", full_page=True)

    page.goto(f"{base}/cases/{case.number}/")
    section = page.locator("#documents")
    assert "梧公万（西江）行罚决字〔2026〕1号" in section.inner_text()
    section.screenshot(path=artifacts / "documents-case-section.png")
    page.goto(f"{base}/documents/")
    assert "梧公万（西江）行罚决字〔2026〕1号" in page.locator("table.data").inner_text()
    page.screenshot(path=artifacts / "documents-list-desktop.png", full_page=True)

    phone = chromium.new_context(
        viewport=PHONE, locale="zh-CN", device_scale_factor=2, is_mobile=True, has_touch=True
    )
    mobile = phone.new_page()
    sign_in(mobile, base, bureau.officer_a.badge_no)
    mobile.goto(f"{base}/documents/{Document.objects.get().document_id}/")
    mobile.screenshot(path=artifacts / "documents-issued-phone.png", full_page=True)
    width = mobile.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    phone.close()
