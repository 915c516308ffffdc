"""In headless Chromium: the legal officer's supervision inbox, an alert with its rectification form, and the
compliance panel of a case — screenshots in test-artifacts/ to look at."""

from __future__ import annotations

import pytest

from lawtrail.cases.services import case_add_party, case_event, offences_sync
from lawtrail.common import clock
from lawtrail.supervision.calendar import calendar_cache_clear
from lawtrail.supervision.models import Alert
from tests.factories import at, make_case

from .test_login_and_case import DESKTOP, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def alerted(bureau, monkeypatch):
    """An admin case of station A accepted 2025-03-01, with a party added on 04-15: overdue."""
    offences_sync()
    calendar_cache_clear()
    moment = [at("2025-03-01 10:05")]
    monkeypatch.setattr(clock, "now", lambda: moment[0])
    case = make_case(bureau.officer_a, title="西江一路烧烤摊殴打他人案", when="2025-03-01 10:00")
    moment[0] = at("2025-03-02 09:00")
    case_event(case=case, name="case.investigation_started", actor=bureau.officer_a)
    moment[0] = at("2025-04-15 09:00")
    case_add_party(case=case, actor=bureau.officer_a, role="admin_suspect", name="李四")
    return case, Alert.objects.get(family="ps.case_time_limit", subject_key=case.number)


def test_the_legal_officer_sees_the_inbox_an_alert_and_the_compliance_panel(
    live_server, chromium, bureau, alerted, artifacts
):
    """Given an overdue case, when the legal officer opens the inbox, the alert and the case, then each page
    shows it (screenshots for review)."""
    case, alert = alerted
    base = live_server.url
    page = chromium.new_page(viewport=DESKTOP)
    sign_in(page, base, bureau.legal_officer.badge_no)

    page.goto(f"{base}/supervision/")
    assert page.locator("table.data").get_by_text(alert.title).count() == 1
    page.screenshot(path=artifacts / "supervision-inbox-desktop.png", full_page=True)

    page.goto(f"{base}/supervision/alerts/{alert.pk}/")
    assert page.locator("h1").inner_text() == alert.title
    assert page.locator("#id_officer").count() == 1
    page.screenshot(path=artifacts / "supervision-alert-desktop.png", full_page=True)

    page.goto(f"{base}/cases/{case.number}/")
    page.locator("#compliance-title").scroll_into_view_if_needed()
    assert page.locator("#compliance-title").count() == 1
    page.locator("details.rule").first.click()
    page.screenshot(path=artifacts / "case-compliance-desktop.png", full_page=True)
    page.close()
