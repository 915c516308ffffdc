"""Who must present a second factor, and what a signed-in session still owes before it may use the system.

TOTP is required for the roles in LAWTRAIL_SECOND_FACTOR_REQUIRED_ROLES (the administrator: 等保 2.0 三级
asks for two or more authentication techniques for privileged users) and optional for everyone else; once
an officer has enrolled a device, every sign-in of theirs must present a code.
"""

from __future__ import annotations

import enum

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from lawtrail.org.models import RoleGrant


class SecondFactor(enum.StrEnum):
    NONE = "none"  # nothing owed: no device and not required, or already verified in this session
    VERIFY = "verify"  # an enrolled device: a code must be entered
    ENROL = "enrol"  # required but not enrolled yet: the setup page, then the session counts as verified


def second_factor_required(user) -> bool:
    """A role that requires TOTP, held anywhere."""
    return RoleGrant.objects.filter(
        officer__user=user, role__in=settings.LAWTRAIL_SECOND_FACTOR_REQUIRED_ROLES
    ).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def second_factor_owed(user) -> SecondFactor:
    """What a signed-in (password-authenticated) user still owes; see SecondFactorMiddleware."""
    if not user.is_authenticated:
        return SecondFactor.NONE
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's middleware, not by login()
    if is_verified is not None and is_verified():
        return SecondFactor.NONE
    if confirmed_device(user) is not None:
        return SecondFactor.VERIFY
    if second_factor_required(user):
        return SecondFactor.ENROL
    return SecondFactor.NONE


SESSION_CLEARED_KEY = "lawtrail.second_factor_clear"  # user pk whose session was found to owe nothing


def session_second_factor(request) -> SecondFactor:
    """What this request's session still owes, worked out once per session while it owes nothing (so that
    ordinary pages pay no query for it) and once per request otherwise."""
    cached = getattr(request, "_lawtrail_second_factor", None)
    if cached is not None:
        return cached
    user = request.user
    if not user.is_authenticated or request.session.get(SESSION_CLEARED_KEY) == user.pk:
        owed = SecondFactor.NONE
    else:
        owed = second_factor_owed(user)
        if owed is SecondFactor.NONE:
            request.session[SESSION_CLEARED_KEY] = user.pk
    request._lawtrail_second_factor = owed
    return owed
