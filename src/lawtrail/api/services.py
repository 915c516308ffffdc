"""API token writes. Tokens are credentials, not domain records: like login accounts they are not events
(an export must never carry them)."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from lawtrail.common import clock
from lawtrail.common.errors import ValidationFailed
from lawtrail.org.models import Officer

from .models import ApiToken

TOKEN_PREFIX = "lt_"
PREFIX_LENGTH = 12  # "lt_" + 9 random characters, shown in listings; the rest is never stored


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, officer: Officer, name: str) -> tuple[ApiToken, str]:
    """A new token for `officer`: returns the row and the token itself, which is not kept anywhere."""
    name = name.strip()
    if not name:
        raise ValidationFailed("请填写令牌名称（用途或调用方系统）", field="name")
    if not officer.is_active:
        raise ValidationFailed(f"{officer}已停用，不能创建令牌", field="officer")
    with transaction.atomic():
        while True:
            raw = TOKEN_PREFIX + secrets.token_urlsafe(32)  # 43 random characters, 256 bits
            if not ApiToken.objects.filter(prefix=raw[:PREFIX_LENGTH]).exists():
                break
        token = ApiToken.objects.create(
            officer=officer,
            name=name,
            prefix=raw[:PREFIX_LENGTH],
            token_sha256=token_digest(raw),
            created_at=clock.now(),
        )
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke a token (idempotent: a revoked token keeps its first revocation time)."""
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token
