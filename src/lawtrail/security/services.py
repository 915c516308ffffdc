"""Enrolling and checking the TOTP second factor. Codes are checked by django-otp (RFC 6238, 30 s steps,
one step of drift either way, each code usable once, a doubling wait after each wrong code)."""

from __future__ import annotations

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "totp"


@transaction.atomic
def totp_device_pending(*, user) -> TOTPDevice:
    """The user's device being enrolled (unconfirmed), created on first call so that reloading the setup
    page shows the same secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Confirm an enrolment with a code from the authenticator app; the session then counts as verified."""
    if device.confirmed or device.user_id != request.user.pk or not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    django_otp.login(request, device)
    return True


def totp_verify(*, request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Check a sign-in code; on success the session counts as verified (django-otp's session key)."""
    verified = django_otp.verify_token(request.user, device.persistent_id, token)
    if verified is None:
        return False
    django_otp.login(request, verified)
    return True


@transaction.atomic
def totp_devices_reset(*, user) -> int:
    """Remove every device of a user (a lost phone): the next sign-in enrols again. Returns how many."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def second_factor_failed(*, request: HttpRequest) -> bool:
    """A wrong code counts as a failed login for django-axes (recorded in AccessFailureLog, and toward the
    username+IP lockout). Returns whether that pair is now locked out."""
    credentials = {"username": request.user.get_username()}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return AxesProxyHandler.is_locked(request, credentials)


def second_factor_locked(*, request: HttpRequest) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": request.user.get_username()})
