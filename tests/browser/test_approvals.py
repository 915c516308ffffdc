"""In headless Chromium: an administrator changes an approval policy in the pages, and the next request
follows the new chain while the request already under way keeps its own; screenshots of the approval pages
in test-artifacts/ to look at."""

from __future__ import annotations

import pytest

from lawtrail.approvals.models import ApprovalRequest
from lawtrail.cases.services import offences_sync
from tests.approvals.helpers import case_for_decision, request_decision, seeded

from .test_login_and_case import DESKTOP, PHONE, no_horizontal_overflow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OLD_CHAIN = "办案部门负责人审核 → 法制审核 → 局领导审批"
NEW_CHAIN = "所长审核 → 局长审批"


@pytest.fixture
def under_way(bureau):
    """The default policies, and a 行政拘留 decision of case 1 waiting at its first step (policy v1)."""
    offences_sync()  # the live server's transactional database was flushed: reload the reference data
    seeded(bureau)
    first = case_for_decision(bureau.officer_a)
    second = case_for_decision(bureau.officer_a)
    return first, second, request_decision(bureau, first)


def test_a_policy_changed_in_the_ui_applies_to_the_next_request_only(
    live_server, chromium, bureau, under_way, artifacts
):
    """Given a request under way with the three-step chain, when the legal officer replaces the 行政拘留 policy
    with two steps in the policy page and the officer then asks for the decision of another case in the case
    page, then the new request follows the two-step chain and the first keeps its three steps."""
    first, second, request = under_way
    base = live_server.url

    admin = chromium.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    sign_in(admin, base, bureau.legal_officer.badge_no)
    admin.goto(f"{base}/approvals/policies/")
    admin.screenshot(path=artifacts / "approvals-policies-desktop.png", full_page=True)
    admin.get_by_role("link", name="修改行政拘留审批流程").click()
    admin.fill("#id_title_0", "所长审核")
    admin.select_option("#id_role_0", "unit_head")
    admin.select_option("#id_scope_0", "case_unit")
    admin.fill("#id_hours_0", "8")
    admin.fill("#id_title_1", "局长审批")
    admin.select_option("#id_kind_1", "approval")
    admin.select_option("#id_role_1", "bureau_leader")
    admin.select_option("#id_scope_1", "bureau")
    admin.fill("#id_hours_1", "8")
    admin.fill("#id_title_2", "")
    admin.fill("#id_note", "简化行政拘留审批")
    admin.screenshot(path=artifacts / "approvals-policy-edit-desktop.png", full_page=True)
    admin.get_by_role("button", name="保存新版本").click()
    admin.wait_for_url(f"{base}/approvals/policies/")
    row = admin.locator("tr", has_text="行政拘留").first
    assert "v2" in row.inner_text()
    assert "所长审核" in row.inner_text()

    officer = chromium.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    sign_in(officer, base, bureau.officer_a.badge_no)
    officer.goto(f"{base}/cases/{second.number}/")
    officer.get_by_role("link", name="报批处理决定").click()
    officer.select_option("#id_outcome", "penalty")
    officer.fill("#id_detention_days", "7")
    officer.fill("#id_fine_yuan", "600")
    officer.select_option("#id_circumstance", "ordinary")
    officer.get_by_role("button", name="提交：报批处理决定").click()
    officer.wait_for_url(f"{base}/cases/{second.number}/")
    section = officer.locator("#approvals-title").locator("xpath=..")
    assert NEW_CHAIN in section.inner_text()
    section.scroll_into_view_if_needed()
    officer.screenshot(path=artifacts / "approvals-case-section-desktop.png", full_page=True)

    officer.goto(f"{base}/cases/{first.number}/")
    assert OLD_CHAIN in officer.locator("#approvals-title").locator("xpath=..").inner_text()
    new = ApprovalRequest.objects.get(case=second)
    assert (new.chain, new.policy.version) == (NEW_CHAIN, 2)
    request.refresh_from_db()
    assert (request.chain, request.policy.version) == (OLD_CHAIN, 1)

    head = chromium.new_context(viewport=DESKTOP, locale="zh-CN").new_page()
    sign_in(head, base, bureau.head_sub_a.badge_no)
    head.goto(f"{base}/approvals/")
    assert head.locator("table.data").get_by_text(new.summary).count() == 2
    head.screenshot(path=artifacts / "approvals-inbox-desktop.png", full_page=True)
    head.goto(f"{base}/approvals/{new.request_id}/")
    head.screenshot(path=artifacts / "approvals-detail-desktop.png", full_page=True)
    head.get_by_label("同意", exact=True).check()
    head.fill("#id_opinion", "事实清楚，证据充分，同意")
    head.get_by_role("button", name="提交意见").click()
    head.wait_for_url(f"{base}/approvals/{new.request_id}/")
    assert "局长审批" in head.locator(".apv-chain li.current").inner_text()

    phone = chromium.new_context(viewport=PHONE, locale="zh-CN").new_page()
    sign_in(phone, base, bureau.head_sub_a.badge_no)
    phone.goto(f"{base}/approvals/{request.request_id}/")
    assert no_horizontal_overflow(phone)
    phone.screenshot(path=artifacts / "approvals-detail-phone.png", full_page=True)
    admin.goto(f"{base}/approvals/benchmarks/")
    admin.screenshot(path=artifacts / "approvals-benchmarks-desktop.png", full_page=True)
    admin.goto(f"{base}/approvals/qualifications/")
    admin.screenshot(path=artifacts / "approvals-qualifications-desktop.png", full_page=True)
