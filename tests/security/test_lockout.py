"""Lockout (django-axes): 5 failures for one username from one address lock that pair for 30 minutes."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.test import Client

from tests.factories import Bureau

from .helpers import password_login

pytestmark = pytest.mark.django_db


def fail(client: Client, username: str, times: int, ip: str = "10.0.0.7") -> None:
    for _ in range(times):
        password_login(client, username, "wrong-password", REMOTE_ADDR=ip)


def test_five_failures_lock_the_account_with_a_chinese_page(bureau: Bureau):
    """Given 5 wrong passwords, when the right one is entered, then 429 and the Chinese lockout page."""
    client = Client()
    fail(client, "100001", 5)

    response = password_login(client, "100001", REMOTE_ADDR="10.0.0.7")

    assert response.status_code == 429
    text = response.content.decode()
    assert "账号已暂时锁定" in text
    assert "连续 5 次登录失败，已锁定 30 分钟" in text
    assert "_auth_user_id" not in client.session


def test_four_failures_still_let_the_right_password_in(bureau: Bureau):
    """Given 4 wrong passwords, when the right one is entered, then the officer is signed in."""
    client = Client()
    fail(client, "100001", 4)

    response = password_login(client, "100001", REMOTE_ADDR="10.0.0.7")

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_lock_is_per_username_and_address(bureau: Bureau):
    """Given 100001 locked from one address, then another officer there and 100001 elsewhere still sign in."""
    fail(Client(), "100001", 5)

    other_user = password_login(Client(), "100002", REMOTE_ADDR="10.0.0.7")
    other_address = password_login(Client(), "100001", REMOTE_ADDR="10.0.0.8")

    assert other_user.status_code == 302
    assert other_address.status_code == 302


def test_a_success_resets_only_its_own_count_and_keeps_the_records(bureau: Bureau):
    """Given 4 failures each for two officers, when one signs in, then only their count is cleared; the other
    is locked by one more failure, and every failure and the login stay recorded."""
    fail(Client(), "100001", 4)
    fail(Client(), "100002", 4)

    password_login(Client(), "100001", REMOTE_ADDR="10.0.0.7")
    fail(Client(), "100002", 1)

    assert not AccessAttempt.objects.filter(username="100001").exists()
    assert AccessAttempt.objects.get(username="100002").failures_since_start == 5
    assert password_login(Client(), "100002", REMOTE_ADDR="10.0.0.7").status_code == 429
    assert AccessLog.objects.filter(username="100001").count() == 1
    assert AccessFailureLog.objects.filter(username="100001").count() == 4


def test_an_administrator_unlocks_with_axes_reset(bureau: Bureau):
    """Given a locked account, when `lawtrail axes_reset_username` runs, then the right password works."""
    fail(Client(), "100001", 5)

    call_command("axes_reset_username", "100001")

    assert password_login(Client(), "100001", REMOTE_ADDR="10.0.0.7").status_code == 302


def test_the_api_session_needs_a_login_that_passed_the_lockout(bureau: Bureau):
    """Given a locked account, when the API is called with the cookie-less client, then 401: the API has no
    password path of its own and a refused login makes no session."""
    client = Client()
    fail(client, "100001", 5)
    password_login(client, "100001", REMOTE_ADDR="10.0.0.7")

    response = client.get("/api/cases")

    assert response.status_code == 401
