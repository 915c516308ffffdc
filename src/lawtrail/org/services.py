"""Organisation writes: each one is an event (see events.py), so that exports carry the organisation."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError

from lawtrail.common.errors import ValidationFailed
from lawtrail.events.services import event_record

from .models import Officer, Unit


def unit_create(
    *, actor: Officer | None, code: str, name: str, kind: str, parent: Unit | None, short_name: str = ""
) -> Unit:
    event_record(
        name="unit.created",
        subject_key=code,
        actor=actor,
        payload={
            "name": name,
            "short_name": short_name,
            "kind": kind,
            "parent": parent.code if parent else None,
        },
    )
    return Unit.objects.get(code=code)


def officer_create(
    *,
    actor: Officer | None,
    badge_no: str,
    name: str,
    unit: Unit,
    is_auxiliary: bool = False,
    qualification_level: str = "none",
    qualification_expires: date | None = None,
) -> Officer:
    event_record(
        name="officer.created",
        subject_key=badge_no,
        actor=actor,
        payload={
            "name": name,
            "unit": unit.code,
            "is_auxiliary": is_auxiliary,
            "qualification_level": qualification_level,
            "qualification_expires": qualification_expires.isoformat() if qualification_expires else None,
        },
    )
    return Officer.objects.get(badge_no=badge_no)


def officer_grant_role(*, actor: Officer | None, officer: Officer, role: str, unit: Unit) -> None:
    event_record(
        name="officer.role_granted",
        subject_key=officer.badge_no,
        actor=actor,
        payload={"role": role, "unit": unit.code},
    )


def account_create(*, officer: Officer, username: str, password: str):
    """A login account for an officer (accounts are not events: they carry secrets and are not exported).

    The password must pass AUTH_PASSWORD_VALIDATORS (等保 2.0: 口令复杂度, docs/security.md); a weak one is
    refused with the validators' (Chinese) messages.
    """
    user = get_user_model()(username=username)
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationFailed(" ".join(exc.messages), code="password_too_weak", field="password") from exc
    user.set_password(password)
    user.save()
    officer.user = user
    officer.save(update_fields=["user"])
    return user
