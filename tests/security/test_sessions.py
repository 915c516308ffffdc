"""Session limits: signed out after 30 minutes without a request, and 8 hours after sign-in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from lawtrail.security.middleware import LAST_ACTIVITY_KEY, LOGIN_AT_KEY
from tests.factories import Bureau

pytestmark = pytest.mark.django_db


def signed_in(bureau: Bureau) -> Client:
    client = Client()
    client.force_login(bureau.officer_a.user)
    assert client.get("/").status_code == 200  # the first request stamps the session
    return client


def shift(client: Client, key: str, by: timedelta) -> None:
    session = client.session
    session[key] -= by.total_seconds()
    session.save()


def test_a_session_idle_for_more_than_30_minutes_is_signed_out(bureau: Bureau):
    """Given a session whose last request was 31 minutes ago, when a page is opened, then the login page."""
    client = signed_in(bureau)
    shift(client, LAST_ACTIVITY_KEY, timedelta(minutes=31))

    response = client.get("/cases/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session


def test_a_session_idle_for_29_minutes_stays_signed_in(bureau: Bureau):
    """Given a session whose last request was 29 minutes ago, when a page is opened, then it is shown."""
    client = signed_in(bureau)
    shift(client, LAST_ACTIVITY_KEY, timedelta(minutes=29))

    response = client.get("/cases/")

    assert response.status_code == 200


def test_activity_does_not_extend_a_session_past_8_hours(bureau: Bureau):
    """Given a session signed in 8 h 1 min ago but active a minute ago, when a page is opened, then the
    login page."""
    client = signed_in(bureau)
    shift(client, LOGIN_AT_KEY, timedelta(hours=8, minutes=1))

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_expired_session_is_refused_by_the_api(bureau: Bureau):
    """Given an idle session, when the API is called with it, then 401."""
    client = signed_in(bureau)
    shift(client, LAST_ACTIVITY_KEY, timedelta(minutes=31))

    response = client.get("/api/cases")

    assert response.status_code == 401


def test_the_pages_own_refreshes_do_not_keep_an_idle_session_alive(bureau: Bureau):
    """Given a session idle for 29 minutes whose page refreshed its notification badge every minute since
    (background requests), when the user opens a page 2 minutes later, then the login page: only the
    user's own requests count as activity."""
    client = signed_in(bureau)
    shift(client, LAST_ACTIVITY_KEY, timedelta(minutes=29))
    background = {"HX-Request": "true", "X-Lawtrail-Background": "1"}

    assert client.get("/notifications/badge/", headers=background).status_code == 200
    shift(client, LAST_ACTIVITY_KEY, timedelta(minutes=2))
    response = client.get("/cases/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_page_the_user_opens_is_activity(bureau: Bureau):
    """Given a session idle for 29 minutes, when the user opens a page and comes back 2 minutes later,
    then still signed in (the control for the test above)."""
    client = signed_in(bureau)
    shift(client, LAST_ACTIVITY_KEY, timedelta(minutes=29))

    assert client.get("/cases/").status_code == 200
    shift(client, LAST_ACTIVITY_KEY, timedelta(minutes=2))

    assert client.get("/cases/").status_code == 200
