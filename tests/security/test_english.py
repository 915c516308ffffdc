"""The authentication pages in English, for an officer who chose it."""

import pytest
from django.conf import settings
from django.test import Client

from lawtrail.org.models import Officer
from tests.factories import Bureau

from .helpers import password_login

pytestmark = pytest.mark.django_db


def english_client() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_setup_page_in_english(administrator: Officer):
    """Given English chosen, when an administrator reaches the setup page, then it is in English."""
    client = english_client()
    password_login(client, "100090")

    text = client.get("/account/two-factor/setup/").content.decode()

    assert "Set up two-step verification" in text
    assert "One-time code" in text


def test_the_lockout_page_in_english(bureau: Bureau):
    """Given English chosen, when the account is locked, then the lockout page is in English."""
    client = english_client()
    for _ in range(5):
        password_login(client, "100001", "wrong-password")

    text = password_login(client, "100001").content.decode()

    assert "Account temporarily locked" in text
    assert "it is locked for 30 minutes" in text
