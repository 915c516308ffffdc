"""Security headers on pages and on the API docs; the production settings pass `check --deploy`."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client

from tests.factories import Bureau

pytestmark = pytest.mark.django_db

EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize(
    ("path", "signed_in"),
    [("/login/", False), ("/", True), ("/cases/", True), ("/api/docs", True), ("/api/openapi.json", True)],
)
def test_every_answer_carries_the_security_headers(bureau: Bureau, path: str, signed_in: bool):
    """Given a visitor or an officer, when a page, the API docs or the schema is fetched, then the headers."""
    client = Client()
    if signed_in:
        client.force_login(bureau.officer_a.user)

    response = client.get(path)

    assert response.status_code == 200
    assert {name: response[name] for name in EXPECTED} == EXPECTED
    assert "camera=()" in response["Permissions-Policy"]
    policy = directives(response)
    assert policy["default-src"] == "default-src 'self'"
    assert policy["script-src"] == "script-src 'self'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"


def test_no_template_has_an_inline_script(bureau: Bureau):
    """Given the pages an officer sees, then every <script> element loads a file (nothing inline runs)."""
    client = Client()
    client.force_login(bureau.officer_a.user)

    pages = [client.get(path).content.decode() for path in ["/", "/cases/", "/incidents/"]]
    pages.append(Client().get("/login/").content.decode())

    scripts = [tag for page in pages for tag in page.split("<script")[1:]]
    assert scripts
    assert all(tag.split(">")[0].strip().startswith("src=") for tag in scripts)


def test_production_settings_pass_check_deploy(tmp_path):
    """Given the production settings with a long random key, when `lawtrail check --deploy` runs, then it
    reports no issue."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},  # set by browser tests
        "DJANGO_SETTINGS_MODULE": "lawtrail.settings.production",
        "LAWTRAIL_SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "LAWTRAIL_ALLOWED_HOSTS": "lawtrail.example.gov.cn",
        "LAWTRAIL_VAR_DIR": str(tmp_path),
    }

    result = subprocess.run(
        [sys.executable, "-m", "lawtrail", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
