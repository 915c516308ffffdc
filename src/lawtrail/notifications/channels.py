"""Delivery channels besides the in-app list: e-mail (Django's mail) and SMS (a gateway behind a protocol).

The in-app channel is the Notification row itself, always written. `deliver` sends a notification by each
channel named in settings.LAWTRAIL_NOTIFY_CHANNELS that can reach the recipient: e-mail to the address of
the officer's account (EMAIL_* settings), SMS to the officer's phone through the class named by
settings.LAWTRAIL_SMS_GATEWAY. The default gateway only logs: a bureau plugs in its SMS platform by writing a
class with `send(phone, text)` and naming it in the setting.
"""

from __future__ import annotations

import logging
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from .models import Notification

logger = logging.getLogger("lawtrail.notifications")

SMS_MAX_CHARS = 140


@runtime_checkable
class SmsGateway(Protocol):
    """An SMS platform. `send` raises on failure (the delivery records the error and may be retried)."""

    def send(self, phone: str, text: str) -> None: ...


class LoggingSmsGateway:
    """The default: writes the message to the log instead of sending it (no SMS platform configured)."""

    sent: list[tuple[str, str]] = []  # the last messages, for tests and the console

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)
        LoggingSmsGateway.sent.append((phone, text))
        del LoggingSmsGateway.sent[:-100]


def sms_gateway() -> SmsGateway:
    gateway = import_string(settings.LAWTRAIL_SMS_GATEWAY)()
    if not isinstance(gateway, SmsGateway):
        raise TypeError(f"{settings.LAWTRAIL_SMS_GATEWAY} has no send(phone, text) method")
    return gateway


def enabled_channels() -> list[str]:
    return list(getattr(settings, "LAWTRAIL_NOTIFY_CHANNELS", []))


def absolute_link(link: str) -> str:
    base = getattr(settings, "LAWTRAIL_BASE_URL", "").rstrip("/")
    return f"{base}{link}" if link else ""


def email_address(notification: Notification) -> str:
    user = notification.recipient.user
    return (user.email or "").strip() if user is not None else ""


def can_reach(notification: Notification) -> bool:
    """Whether any enabled channel besides the app can reach the recipient (else no delivery task)."""
    channels = enabled_channels()
    return ("email" in channels and bool(email_address(notification))) or (
        "sms" in channels and bool(notification.recipient.phone.strip())
    )


def send_email(notification: Notification) -> bool:
    address = email_address(notification)
    if not address:
        return False
    link = absolute_link(notification.link)
    body = notification.body + (f"\n\n{link}" if link else "")
    send_mail(f"【执法监督】{notification.title}", body, None, [address], fail_silently=False)
    return True


def send_sms(notification: Notification) -> bool:
    phone = notification.recipient.phone.strip()
    if not phone:
        return False
    text = f"【执法监督】{notification.title}"
    sms_gateway().send(phone, text[:SMS_MAX_CHARS])
    return True
