"""Authentication: bearer tokens for other systems, the login session (with CSRF) for /api/docs."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from lawtrail.api.models import ApiToken
from lawtrail.api.services import api_token_create, api_token_revoke
from lawtrail.events.models import Event
from tests.factories import PASSWORD

UNAUTHENTICATED = {
    "code": "unauthenticated",
    "message": "未认证：请在 Authorization 请求头中提供有效的令牌（Bearer <token>），或先登录",
    "field": None,
}


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(None, id="missing"),
        pytest.param("Bearer ", id="empty"),
        pytest.param("Bearer lt_not-a-token-0000000000000000000000000000000", id="unknown"),
        pytest.param("Token lt_wrong-scheme", id="other-scheme"),
    ],
)
@pytest.mark.parametrize("path", ["/api/cases", "/api/incidents", "/api/offences"])
def test_requests_without_a_valid_token_are_401(bureau, header, path):
    """Given no or an unknown token, when the API is called, then 401 in the error format with a challenge."""
    client = Client(headers={"authorization": header}) if header else Client()

    response = client.get(path)

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED
    assert response["WWW-Authenticate"] == 'Bearer realm="lawtrail"'


def test_a_write_without_credentials_is_401_not_a_csrf_error(bureau):
    """Given no credentials at all, when a write is attempted, then 401 (the CSRF check is for sessions)."""
    response = Client(enforce_csrf_checks=True).post("/api/cases", {}, content_type="application/json")

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_a_valid_token_acts_as_its_officer_and_records_its_use(bureau):
    """Given a token of officer A, when it is used, then the request succeeds and last_used_at is set."""
    token, raw = api_token_create(officer=bureau.officer_a, name="案管系统")

    response = Client(headers={"authorization": f"Bearer {raw}"}).get("/api/cases")

    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_is_401(bureau):
    """Given a token that has been revoked, when it is used, then 401."""
    token, raw = api_token_create(officer=bureau.officer_a, name="案管系统")
    api_token_revoke(token=token)

    response = Client(headers={"authorization": f"Bearer {raw}"}).get("/api/cases")

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_the_token_of_a_deactivated_officer_is_401(bureau):
    """Given a token whose officer has left (is_active false), when it is used, then 401."""
    _, raw = api_token_create(officer=bureau.officer_a, name="案管系统")
    bureau.officer_a.is_active = False
    bureau.officer_a.save(update_fields=["is_active"])

    response = Client(headers={"authorization": f"Bearer {raw}"}).get("/api/cases")

    assert response.status_code == 401


def test_only_the_sha256_of_a_token_is_stored(bureau):
    """Given a new token, then it is long and random, and the database holds its hash and prefix only."""
    token, raw = api_token_create(officer=bureau.officer_a, name="案管系统")
    _, other_raw = api_token_create(officer=bureau.officer_a, name="另一个系统")

    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert len(raw) >= 40
    assert raw != other_raw
    assert row["token_sha256"] == hashlib.sha256(raw.encode()).hexdigest()
    assert raw.startswith(row["prefix"])
    assert raw not in [str(v) for v in row.values()]


def test_a_logged_in_officer_can_read_with_the_session(bureau):
    """Given an officer logged in to the pages, when they call the API (as /api/docs does), then 200."""
    client = Client()
    client.force_login(bureau.officer_a.user)

    response = client.get("/api/cases")

    assert response.status_code == 200


def test_a_session_write_without_the_csrf_token_is_refused(bureau):
    """Given a session, when a write is sent without the CSRF token, then 403 csrf_failed and nothing changes."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(bureau.officer_a.user)
    before = Event.objects.count()

    response = client.post(
        "/api/cases",
        {"unit": bureau.station_a.code, "kind": "admin", "title": "会话受案"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert Event.objects.count() == before


def test_a_session_write_with_the_csrf_token_from_the_docs_page_succeeds(bureau):
    """Given a session and the CSRF token the docs page hands out, when a write is sent with it, then 201."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(bureau.officer_a.user)
    client.get("/api/docs")
    csrf = client.cookies["csrftoken"].value

    response = client.post(
        "/api/cases",
        {"unit": bureau.station_a.code, "kind": "admin", "title": "会话受案"},
        content_type="application/json",
        headers={"x-csrftoken": csrf},
    )

    assert response.status_code == 201
    assert Event.objects.get(name="case.accepted", subject_key=response.json()["number"]).source == "api"


def test_a_bearer_write_needs_no_csrf_token(bureau):
    """Given a bearer token, when a write is sent by a client that enforces CSRF, then it is not asked for."""
    _, raw = api_token_create(officer=bureau.officer_a, name="案管系统")
    client = Client(enforce_csrf_checks=True, headers={"authorization": f"Bearer {raw}"})

    response = client.post(
        "/api/cases",
        {"unit": bureau.station_a.code, "kind": "admin", "title": "系统受案"},
        content_type="application/json",
    )

    assert response.status_code == 201


def test_a_login_without_an_officer_is_401(bureau, django_user_model):
    """Given a Django user that is not linked to an officer, when they call the API, then 401."""
    ops = django_user_model.objects.create_user(username="ops", password=PASSWORD)
    client = Client()
    client.force_login(ops)

    response = client.get("/api/cases")

    assert response.status_code == 401
