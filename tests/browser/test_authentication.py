"""In headless Chromium, under the Content-Security-Policy: the administrator's first sign-in enrols TOTP,
the lockout page, and Swagger UI at /api/docs — with no CSP violation reported by the browser."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from lawtrail.org.models import Officer
from tests.factories import PASSWORD, Bureau
from tests.security.helpers import make_administrator, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 900}


def open_page(chromium):
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return page, violations


def password_step(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click(".login-card button[type=submit]")


@pytest.fixture
def administrator(bureau: Bureau) -> Officer:
    return make_administrator(bureau)


def test_an_administrator_enrols_totp_on_first_sign_in(live_server, chromium, administrator, artifacts):
    """Given an administrator without a device, when they sign in, then the setup page shows a QR code;
    entering the current code opens the workbench."""
    base = live_server.url
    page, violations = open_page(chromium)

    password_step(page, base, "100090")
    page.wait_for_url(f"{base}/account/two-factor/setup/**")
    assert page.locator(".qr svg").is_visible()
    page.screenshot(path=artifacts / "totp-setup-desktop.png", full_page=True)
    device = TOTPDevice.objects.get(user=administrator.user)
    page.fill("#id_otp_token", totp_code(device))
    page.click(".login-card button[type=submit]")
    page.wait_for_url(f"{base}/")

    assert page.locator("h1").inner_text() == "工作台"
    assert violations == []


def test_the_lockout_page(live_server, chromium, bureau, artifacts):
    """Given five wrong passwords, when the sixth attempt is made, then the Chinese lockout page shows."""
    base = live_server.url
    page, violations = open_page(chromium)

    for _ in range(6):
        password_step(page, base, "100001", "wrong-password")

    assert page.locator("h1").inner_text() == "账号已暂时锁定"
    page.screenshot(path=artifacts / "lockout-desktop.png", full_page=True)
    assert violations == []


def test_swagger_ui_works_under_the_policy(live_server, chromium, bureau, artifacts):
    """Given a signed-in officer, when /api/docs opens, then Swagger UI renders the operations and the
    browser reports no CSP violation."""
    base = live_server.url
    page, violations = open_page(chromium)
    password_step(page, base, "100001")
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)

    assert page.locator(".swagger-ui .info .title").inner_text().startswith("lawtrail API")
    page.screenshot(path=artifacts / "api-docs-desktop.png")
    assert violations == []
