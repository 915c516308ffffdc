"""TOTP second factor: required for administrators (enrol on first sign-in), asked of anyone enrolled."""

from __future__ import annotations

import io

import pytest
from axes.models import AccessFailureLog
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lawtrail.org.models import Officer
from tests.factories import Bureau

from .helpers import password_login, totp_code

pytestmark = pytest.mark.django_db

SETUP = "/account/two-factor/setup/"
VERIFY = "/account/two-factor/verify/"


def test_an_administrator_without_totp_is_sent_to_setup_after_the_password(administrator: Officer):
    """Given an administrator with no device, when the password is accepted, then the setup page is next."""
    client = Client()

    response = password_login(client, "100090")

    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2F"


def test_an_administrator_cannot_reach_the_workbench_or_the_api_until_enrolled(administrator: Officer):
    """Given an administrator signed in with the password only, when they open pages or the API, then they
    are sent to setup (pages) or refused (API)."""
    client = Client()
    password_login(client, "100090")

    workbench = client.get("/")
    cases = client.get("/cases/")
    htmx = client.get("/cases/", headers={"HX-Request": "true"})
    api = client.get("/api/cases")

    assert workbench.status_code == 302
    assert workbench["Location"] == f"{SETUP}?next=%2F"
    assert cases["Location"] == f"{SETUP}?next=%2Fcases%2F"
    assert htmx["HX-Redirect"] == f"{SETUP}?next=%2Fcases%2F"
    assert api.status_code == 401


def test_the_setup_page_shows_a_qr_code_and_the_secret(administrator: Officer):
    """Given the setup page, then it draws the QR code inline and shows the secret to type in."""
    client = Client()
    password_login(client, "100090")

    response = client.get(SETUP)

    text = response.content.decode()
    device = TOTPDevice.objects.get(user=administrator.user, confirmed=False)
    assert response.status_code == 200
    assert "<svg" in text
    assert "<img" not in text
    assert device.key  # the pending device holds the secret shown
    assert "设置两步验证" in text


def test_enrolment_with_a_wrong_code_is_refused(administrator: Officer):
    """Given the setup page, when a wrong code is entered, then the device stays unconfirmed."""
    client = Client()
    password_login(client, "100090")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=administrator.user)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"otp_token": wrong, "next": "/"})

    assert response.status_code == 200
    assert "验证码不正确或已过期" in response.content.decode()
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is False
    assert client.get("/").status_code == 302


def test_enrolment_with_the_right_code_opens_the_workbench(administrator: Officer):
    """Given the setup page, when the code computed from the device key is entered, then the device is
    confirmed and the session reaches the workbench and the API."""
    client = Client()
    password_login(client, "100090")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=administrator.user)

    response = client.post(SETUP, {"otp_token": totp_code(device), "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed is True
    assert client.get("/").status_code == 200
    assert client.get("/api/cases").status_code == 200


@pytest.fixture
def enrolled(bureau: Bureau) -> TOTPDevice:
    """officer_a chose to enrol a device (optional for a case officer)."""
    return TOTPDevice.objects.create(user=bureau.officer_a.user, name="totp", confirmed=True)


def test_an_officer_without_a_device_signs_in_with_the_password_alone(bureau: Bureau):
    """Given a case officer with no device, when the password is accepted, then the workbench opens."""
    client = Client()

    response = password_login(client, "100001")

    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_an_enrolled_officer_is_asked_for_a_code(enrolled: TOTPDevice):
    """Given an enrolled officer, when the password is accepted, then the verify page is next."""
    client = Client()

    response = password_login(client, "100001")

    assert response["Location"] == f"{VERIFY}?next=%2F"
    assert client.get("/")["Location"] == f"{VERIFY}?next=%2F"


def test_the_right_code_completes_the_sign_in(enrolled: TOTPDevice):
    """Given an enrolled officer after the password, when the current code is entered, then the workbench."""
    client = Client()
    password_login(client, "100001")

    response = client.post(VERIFY, {"otp_token": totp_code(enrolled), "next": "/"})

    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_code_is_refused_and_the_workbench_stays_closed(enrolled: TOTPDevice):
    """Given an enrolled officer after the password, when a code from 10 minutes ago is entered, then it
    is refused and the workbench still redirects to the verify page."""
    client = Client()
    password_login(client, "100001")

    response = client.post(VERIFY, {"otp_token": totp_code(enrolled, drift=-20), "next": "/"})

    assert response.status_code == 200
    assert "验证码不正确或已过期" in response.content.decode()
    assert client.get("/")["Location"] == f"{VERIFY}?next=%2F"


def test_the_next_parameter_cannot_leave_the_site(enrolled: TOTPDevice):
    """Given a verify form whose `next` names another host, when the code is right, then the workbench."""
    client = Client()
    password_login(client, "100001")

    response = client.post(VERIFY, {"otp_token": totp_code(enrolled), "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_totp_reset_makes_the_officer_enrol_again(administrator: Officer):
    """Given an administrator with a confirmed device, when `lawtrail totp_reset` runs, then their next
    sign-in goes to the setup page."""
    TOTPDevice.objects.create(user=administrator.user, name="totp", confirmed=True)

    call_command("totp_reset", "100090", stdout=io.StringIO())

    assert not TOTPDevice.objects.filter(user=administrator.user).exists()
    assert password_login(Client(), "100090")["Location"] == f"{SETUP}?next=%2F"


def test_five_wrong_codes_sign_out_and_lock_the_account(enrolled: TOTPDevice):
    """Given an enrolled officer after the password, when 5 wrong codes are entered, then the session is
    signed out, the lockout page shows, and the right password is refused for the lockout period."""
    client = Client()
    password_login(client, "100001")
    wrong = f"{(int(totp_code(enrolled)) + 1) % 1_000_000:06d}"

    answers = [client.post(VERIFY, {"otp_token": wrong, "next": "/"}) for _ in range(5)]

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert "账号已暂时锁定" in answers[-1].content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessFailureLog.objects.filter(username="100001").count() == 5
    assert password_login(Client(), "100001").status_code == 429
