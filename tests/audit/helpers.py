"""Altering the audit log behind the application's back, the way an insider with database access would."""

from __future__ import annotations

from django.db import connection

from lawtrail.audit.chain import entry_hash
from lawtrail.audit.models import AuditEntry

KEY = b"k" * 48  # a test key: 48 bytes, well over the 32-byte minimum
TABLE = AuditEntry._meta.db_table


def sql(statement: str, params: list | tuple = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.replace("{table}", TABLE), params)


def row(position: int) -> dict:
    return AuditEntry.objects.filter(position=position).values().get()


def shift_positions(from_position: int, by: int) -> None:
    """Move entries at or after `from_position` by `by` places (through a far offset: positions are unique)."""
    sql("UPDATE {table} SET position = position + 1000000 WHERE position >= %s", [from_position])
    sql("UPDATE {table} SET position = position - 1000000 + %s WHERE position >= 1000000", [by])


def rewrite_chain_from(position: int) -> None:
    """Recompute every hash from `position` on and the head, as an attacker who knows the format would."""
    prev = row(position - 1)["hash"] if position > 1 else "0" * 64
    last = None
    for r in AuditEntry.objects.filter(position__gte=position).order_by("position").values():
        new = entry_hash(prev, r)
        sql("UPDATE {table} SET prev_hash = %s, hash = %s WHERE seq = %s", [prev, new, r["seq"]])
        prev, last = new, r["position"]
    sql("UPDATE audit_audithead SET hash = %s, position = %s WHERE id = 1", [prev, last])
