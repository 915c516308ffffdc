"""`lawtrail api_token create|revoke|list`: the token is printed once and works; revoked, it stops."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from lawtrail.api.models import ApiToken


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_create_prints_a_working_token_once_and_revoke_stops_it(bureau):
    """Given an officer, when a token is created and later revoked, then it works until it is revoked."""
    raw, note = run("create", bureau.officer_a.badge_no, "--name", "案管系统")
    token = ApiToken.objects.get()
    client = Client(headers={"authorization": f"Bearer {raw}"})
    assert len(raw) >= 40
    assert token.token_sha256 == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix in note
    assert client.get("/api/cases").status_code == 200

    message, _ = run("revoke", token.prefix)

    assert "已吊销" in message
    assert client.get("/api/cases").status_code == 401


def test_list_shows_prefixes_not_tokens(bureau):
    """Given a token, when tokens are listed, then the prefix, officer and name appear, the token does not."""
    raw, _ = run("create", bureau.officer_a.badge_no, "--name", "案管系统")

    listing, _ = run("list")

    assert ApiToken.objects.get().prefix in listing
    assert "案管系统" in listing
    assert raw not in listing


def test_create_for_an_unknown_badge_fails(bureau):
    """Given a badge number nobody has, when a token is created for it, then the command fails."""
    with pytest.raises(CommandError, match="999999"):
        run("create", "999999", "--name", "案管系统")
