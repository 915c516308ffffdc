"""Helpers for authentication tests: an administrator (TOTP required), codes computed from a device key,
the login form posted."""

from __future__ import annotations

from datetime import date

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lawtrail.org.models import Officer
from lawtrail.org.services import account_create, officer_create, officer_grant_role
from tests.factories import PASSWORD, Bureau


def make_administrator(bureau: Bureau) -> Officer:
    """An officer of the city bureau holding the administrator role (TOTP required), account 100090."""
    o = officer_create(
        actor=None,
        badge_no="100090",
        name="系统管理员甲",
        unit=bureau.bureau,
        is_auxiliary=False,
        qualification_level="basic",
        qualification_expires=date(2028, 12, 31),
    )
    officer_grant_role(actor=None, officer=o, role="administrator", unit=bureau.bureau)
    account_create(officer=o, username="100090", password=PASSWORD)
    return Officer.objects.get(pk=o.pk)


def totp_code(device: TOTPDevice, *, drift: int = 0) -> str:
    """The code an authenticator app shows now for this device (drift in 30-second steps)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.drift = drift
    return f"{totp.token():06d}"


def password_login(client: Client, username: str, password: str = PASSWORD, **extra):
    return client.post("/login/", {"username": username, "password": password}, **extra)
