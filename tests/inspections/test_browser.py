"""In headless Chromium: the duty leader's day (desktop and phone), a sampling sheet and a finding, the
notifications and the task runs — screenshots in test-artifacts/ to look at."""

from __future__ import annotations

from datetime import date

import pytest

from lawtrail.inspections.services import finding_record, incident_review, sampling_draw
from lawtrail.org.policies import scope_for
from lawtrail.org.services import officer_grant_role
from lawtrail.tasks.tasks import supervision_sweep
from tests.browser.test_login_and_case import DESKTOP, PHONE, sign_in
from tests.inspections.helpers import incident, incidents

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def day(bureau):
    """Eight incidents of 1 March in station A (two without footage), two reviewed; a 50% sampling with a
    finding on its first item."""
    officer_grant_role(actor=None, officer=bureau.head_sub_a, role="duty_leader", unit=bureau.sub_a)
    items = incidents(bureau.officer_a, 6)
    items += [incident(bureau.officer_a, when="2026-03-01 19:30", footage=False, place="龙母庙广场")]
    items += [incident(bureau.officer_a, when="2026-03-01 22:15", dispatched=False, place="西江二路")]
    leader = bureau.head_sub_a
    incident_review(actor=leader, scope=scope_for(leader), incident=items[0], note="无问题")
    incident_review(
        actor=leader, scope=scope_for(leader), incident=items[1], note="处警记录未写明调解结果，已要求补充"
    )
    legal = bureau.legal_officer
    sampling = sampling_draw(
        actor=legal,
        scope=scope_for(legal),
        unit=bureau.bureau,
        period_start=date(2026, 3, 1),
        period_end=date(2026, 3, 1),
        percent=50,
    )
    first = sampling.items.order_by("position").first()
    finding_record(
        actor=legal,
        scope=scope_for(legal),
        sampling=sampling,
        incident=first.incident.number,
        result="problem",
        category="incomplete",
        description="到达现场后未立即开启执法记录仪，前2分钟无录像",
    )
    return items, sampling


def test_the_review_and_sampling_pages(live_server, chromium, bureau, day, artifacts):
    """Given a day with two of eight incidents reviewed and a sampling with a finding, when the duty leader
    and the legal officer open their pages, then they show the progress, the sheet and the finding form."""
    items, sampling = day
    base = live_server.url
    page = chromium.new_page(viewport=DESKTOP)
    sign_in(page, base, bureau.head_sub_a.badge_no)
    page.goto(f"{base}/inspections/?day=2026-03-01")
    assert "2 / 8" in page.locator(".review-progress").inner_text()
    page.screenshot(path=artifacts / "inspections-review-desktop.png", full_page=True)
    page.check(f"#pick-{items[2].number}")
    page.click("text=所选标记为“已审核，无问题”")
    assert "3 / 8" in page.locator(".review-progress").inner_text()
    page.close()

    phone = chromium.new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    sign_in(phone, base, bureau.head_sub_a.badge_no)
    phone.goto(f"{base}/inspections/?day=2026-03-01")
    phone.screenshot(path=artifacts / "inspections-review-phone.png", full_page=True)
    phone.close()

    page = chromium.new_page(viewport=DESKTOP)
    sign_in(page, base, bureau.legal_officer.badge_no)
    page.goto(f"{base}/inspections/samplings/")
    page.screenshot(path=artifacts / "inspections-samplings-desktop.png", full_page=True)
    page.goto(f"{base}/inspections/samplings/{sampling.number}/")
    assert page.locator("table.sheet tbody tr").count() == 3
    page.screenshot(path=artifacts / "inspections-sheet-desktop.png", full_page=True)
    second = sampling.items.order_by("position")[1]
    page.goto(f"{base}/inspections/samplings/{sampling.number}/items/{second.incident.number}/")
    page.check("input[value=problem]")
    page.click("button[type=submit] >> text=保存结论")
    assert "发现问题时请选择问题类别" in page.content()
    page.screenshot(path=artifacts / "inspections-finding-error-desktop.png", full_page=True)
    page.close()


@pytest.mark.urls("tests.tasks.urls")
def test_the_notifications_and_task_runs_pages(live_server, chromium, bureau, day, artifacts):
    """Given officer A told of a sampling finding, and the worker has run the scheduled sweep and a
    notification's delivery, then officer A's notification list and the legal officer's task runs page
    show them."""
    from django.core.management import call_command

    from lawtrail.notifications.services import notify

    bureau.officer_a.user.email = "zhangwei@example.org"
    bureau.officer_a.user.save(update_fields=["email"])
    notify(recipient=bureau.officer_a, kind="other", title="后台发送测试")
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    supervision_sweep.enqueue(triggered_by="手动")  # waiting: no worker runs it
    base = live_server.url
    page = chromium.new_page(viewport=DESKTOP)
    sign_in(page, base, bureau.officer_a.badge_no)
    page.goto(f"{base}/notifications/")
    assert page.locator(".notify-item").count() >= 1
    assert "视频抽查发现问题" in page.content()
    page.screenshot(path=artifacts / "notifications-desktop.png", full_page=True)
    page.goto(f"{base}/notifications/badge/")
    assert page.locator(".notify-count").inner_text() != ""
    page.close()
    page = chromium.new_page(viewport=DESKTOP)
    sign_in(page, base, bureau.legal_officer.badge_no)
    page.goto(f"{base}/tasks/")
    assert page.locator(".task-successful").count() == 2
    assert page.locator(".task-ready").count() == 1
    page.screenshot(path=artifacts / "tasks-runs-desktop.png", full_page=True)
    page.close()
