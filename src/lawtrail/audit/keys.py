"""The checkpoint key: outside the database, from the environment (等保: 审计记录的保护).

`LAWTRAIL_AUDIT_KEY_FILE` (a path; the setting of the same name, else the environment variable) or
`LAWTRAIL_AUDIT_KEY` (the key itself). At least 32 bytes. Whoever holds it can sign checkpoints, so it
belongs to the security administrator, not to the database administrator.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from lawtrail.common.errors import ValidationFailed

MIN_KEY_BYTES = 32


def audit_key() -> bytes | None:
    path = getattr(settings, "LAWTRAIL_AUDIT_KEY_FILE", "") or os.environ.get("LAWTRAIL_AUDIT_KEY_FILE", "")
    if path:
        try:
            key = Path(path).read_bytes().strip()
        except OSError as exc:
            raise ValidationFailed(
                f"读不到审计签名密钥文件 {path}：{exc.strerror}。请检查 LAWTRAIL_AUDIT_KEY_FILE",
                code="audit_key_missing",
            ) from exc
    else:
        key = os.environ.get("LAWTRAIL_AUDIT_KEY", "").encode()
    if not key:
        return None
    if len(key) < MIN_KEY_BYTES:
        raise ValidationFailed(
            f"审计签名密钥太短（{len(key)} 字节，至少 {MIN_KEY_BYTES} 字节）。"
            "可用 `python3 -c 'import secrets; print(secrets.token_hex(32))'` 生成",
            code="audit_key_too_short",
        )
    return key


def key_id(key: bytes) -> str:
    """Which key signed (a fingerprint, not the key): lets a rotated key be told apart."""
    return hashlib.sha256(b"lawtrail-audit-key-id:" + key).hexdigest()[:16]


def sign(key: bytes, *, position: int, chain_hash: str, at: datetime) -> str:
    message = f"lawtrail-audit-checkpoint-v1\n{position}\n{chain_hash}\n{at.astimezone(UTC).isoformat()}"
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def signature_valid(key: bytes, *, position: int, chain_hash: str, at: datetime, signature: str) -> bool:
    return hmac.compare_digest(sign(key, position=position, chain_hash=chain_hash, at=at), signature)
