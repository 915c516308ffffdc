"""Writing the audit log: append an entry under the chain-head lock, sign checkpoints, verify.

`audit_record` is called in the writer's transaction (an event and its audit entry commit together or not
at all). Writers are serialised on the single `AuditHead` row: `SELECT … FOR UPDATE` on PostgreSQL; on
SQLite every write transaction is IMMEDIATE (settings), which already holds the database's write lock.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from lawtrail.common import clock
from lawtrail.common.errors import ValidationFailed
from lawtrail.org.models import Officer

from . import keys
from .chain import CONTENT_FIELDS, GENESIS, Problem, Report, entry_hash, person_hash, walk
from .choices import AuditAction
from .models import AuditCheckpoint, AuditEntry, AuditHead, AuditPerson


@dataclass(frozen=True)
class AuditContext:
    """Where the current act comes from: set per request by the middleware, per run by commands."""

    request_id: str = ""
    ip: str = ""
    via: str = ""


_context: ContextVar[AuditContext] = ContextVar("lawtrail_audit_context", default=AuditContext())  # noqa: B039
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def clean_request_id(value: str | None) -> str:
    """A caller-supplied X-Request-ID if it is a plain token, else a fresh one (never trust free text)."""
    return value if value and _REQUEST_ID.match(value) else uuid.uuid4().hex


def current_context() -> AuditContext:
    return _context.get()


@contextmanager
def audit_context(*, request_id: str = "", ip: str = "", via: str = "") -> Iterator[AuditContext]:
    ctx = AuditContext(request_id=request_id or uuid.uuid4().hex, ip=ip, via=via)
    token = _context.set(ctx)
    try:
        yield ctx
    finally:
        _context.reset(token)


Person = tuple[str, str]  # (party_id, id_hash); either may be ""


def person_of(*, party_id: Any = None, id_number: str = "") -> Person:
    return (str(party_id) if party_id else "", person_hash(id_number))


def audit_record(
    *,
    action: str,
    actor: Officer | None,
    object_type: str = "",
    object_key: str = "",
    unit_id: int | None = None,
    persons: Iterable[Person] = (),
    detail: Mapping[str, Any] | None = None,
    username: str = "",
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry to the chain (in the caller's transaction, if any)."""
    if action not in AuditAction.values:
        raise ValidationFailed(f"未知的审计操作：{action}", code="unknown_audit_action", field="action")
    ctx = current_context()
    people = sorted({(p, h) for p, h in persons if p or h})
    # savepoint=False: inside the writer's transaction (an event) no savepoint is needed — a failure here
    # fails the whole write, as it must; on its own (a read) this is the entry's one transaction.
    with transaction.atomic(savepoint=False):
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:  # only after a flush of the table (tests); the migration creates the row
            head = AuditHead.objects.create(pk=1, position=0, hash=GENESIS)
        entry = AuditEntry(
            position=head.position + 1,
            at=at or clock.now(),
            action=action,
            actor_id=actor.pk if actor else None,
            actor_badge=actor.badge_no if actor else "",
            actor_name=actor.name if actor else "",
            username=username[:150],
            object_type=object_type[:30],
            object_key=str(object_key)[:80],
            unit_id=unit_id if unit_id is not None else (actor.unit_id if actor else None),
            persons=[list(p) for p in people],
            request_id=ctx.request_id,
            ip=ctx.ip[:45],
            via=ctx.via,
            detail=dict(detail or {}),
            prev_hash=head.hash,
        )
        entry.hash = entry_hash(head.hash, _content(entry))
        entry.save()
        if people:
            AuditPerson.objects.bulk_create(
                AuditPerson(entry=entry, party_id=uuid.UUID(p) if p else None, id_hash=h) for p, h in people
            )
        AuditHead.objects.filter(pk=1).update(position=entry.position, hash=entry.hash)
    return entry


def _content(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in CONTENT_FIELDS}


# --- checkpoints and verification ---------------------------------------------------------------------

_ROW_FIELDS = (*CONTENT_FIELDS, "seq", "prev_hash", "hash")


def _rows(after_position: int = 0) -> Iterator[dict[str, Any]]:
    return (
        AuditEntry.objects.filter(position__gt=after_position)
        .order_by("position")
        .values(*_ROW_FIELDS)
        .iterator(chunk_size=2000)
    )


def audit_checkpoint(*, key: bytes | None = None, now: datetime | None = None) -> AuditCheckpoint:
    """Sign the chain head. Refuses if the entries since the last checkpoint do not verify: a checkpoint
    must never bless a log that was already altered."""
    key = key or keys.audit_key()
    if key is None:
        raise ValidationFailed(
            "未配置审计签名密钥：请设置 LAWTRAIL_AUDIT_KEY_FILE（密钥文件路径）或 LAWTRAIL_AUDIT_KEY",
            code="audit_key_missing",
        )
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1, defaults={"hash": GENESIS})
        last = AuditCheckpoint.objects.order_by("-position", "-id").first()
        start_position, start_hash = (last.position, last.hash) if last else (0, GENESIS)
        if last and not keys.signature_valid(
            key, position=last.position, chain_hash=last.hash, at=last.at, signature=last.signature
        ):
            raise ValidationFailed(
                f"上一个检查点（第 {last.position} 条）的签名无效：请先运行 `lawtrail audit verify` 查明原因",
                code="audit_checkpoint_invalid",
            )
        report = walk(_rows(start_position), start_position=start_position, start_hash=start_hash)
        _check_head(report, head)
        if not report.ok:
            raise ValidationFailed(
                f"审计链自上一个检查点以来已被改动，不能签名。{report.first_bad.describe()}",  # type: ignore[union-attr]
                code="audit_chain_broken",
            )
        at = now or clock.now()
        return AuditCheckpoint.objects.create(
            position=head.position,
            hash=head.hash,
            at=at,
            key_id=keys.key_id(key),
            signature=keys.sign(key, position=head.position, chain_hash=head.hash, at=at),
        )


def _check_head(report: Report, head: AuditHead | None) -> None:
    if head is None or head.position <= report.last_position:
        return
    report.problems.append(
        Problem(
            report.last_position + 1,
            None,
            "deleted",
            f"被删除：链头记录共有 {head.position} 条，现在只到第 {report.last_position} 条",
        )
    )


def audit_verify(*, key: bytes | None = None) -> Report:
    """Recompute the whole chain and check it against the head row and every signed checkpoint."""
    checkpoints = list(AuditCheckpoint.objects.order_by("position", "id"))
    wanted = {cp.position for cp in checkpoints}
    seen: dict[int, str] = {}

    def rows() -> Iterator[dict[str, Any]]:
        for row in _rows():
            if row["position"] in wanted:
                seen[row["position"]] = row["hash"]
            yield row

    report = walk(rows())
    _check_head(report, AuditHead.objects.filter(pk=1).first())
    good_before = 0
    for cp in checkpoints:
        if key is None:
            report.checkpoints_unsigned += 1
        elif cp.key_id != keys.key_id(key) or not keys.signature_valid(
            key, position=cp.position, chain_hash=cp.hash, at=cp.at, signature=cp.signature
        ):
            report.problems.append(
                Problem(
                    cp.position,
                    None,
                    "checkpoint",
                    "检查点签名无效：检查点本身被伪造或改动（或用了另一把密钥）",
                )
            )
            continue
        report.checkpoints_checked += 1
        actual = seen.get(cp.position)
        if actual is None:
            report.problems.append(
                Problem(cp.position, None, "deleted", f"被删除：{_when(cp)}签名的检查点记有此条，现已不存在")
            )
        elif actual != cp.hash:
            report.problems.append(
                Problem(
                    good_before + 1,
                    None,
                    "rewritten",
                    f"起至第 {cp.position} 条之间有记录被改写并重算了哈希：第 {cp.position} 条的哈希与"
                    f"{_when(cp)}签名的检查点不符",
                )
            )
        else:
            good_before = cp.position
    return report


def _when(cp: AuditCheckpoint) -> str:
    return f"{clock.local(cp.at):%Y-%m-%d %H:%M} "
