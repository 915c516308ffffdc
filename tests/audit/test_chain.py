"""The hash chain: `lawtrail audit verify` on a log altered directly in the database, in each of the four
ways (modification, deletion, insertion, reordering), names the first bad entry and fails."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from lawtrail.audit.chain import GENESIS, entry_hash
from lawtrail.audit.models import AuditCheckpoint, AuditEntry
from lawtrail.audit.services import audit_checkpoint, audit_verify
from tests.factories import make_case

from .helpers import KEY, rewrite_chain_from, row, shift_positions, sql


@pytest.fixture
def log(bureau):
    """A bureau and two cases: a few dozen entries (units, officers, logins, case events)."""
    make_case(bureau.officer_a)
    make_case(bureau.officer_b)
    assert AuditEntry.objects.count() > 20
    return bureau


def verify_json() -> dict:
    out = StringIO()
    try:
        call_command("audit", "verify", "--json", stdout=out)
    except CommandError as error:
        return {**json.loads(out.getvalue()), "error": str(error)}
    return json.loads(out.getvalue())


def test_an_untouched_log_verifies(log):
    """Given the log as the application wrote it, when verified, then every entry chains to the one before
    and the command succeeds."""
    result = verify_json()
    assert result["ok"] is True
    assert result["checked"] == AuditEntry.objects.count()
    first = AuditEntry.objects.get(position=1)
    assert first.prev_hash == GENESIS
    assert first.hash == entry_hash(GENESIS, row(1))


def test_a_modified_entry_is_named(log):
    """Given entry 7's actor changed in the database, when verified, then entry 7 is the first bad one and
    the command exits non-zero."""
    sql("UPDATE {table} SET actor_name = %s WHERE position = 7", ["某某"])
    result = verify_json()
    assert result["ok"] is False
    assert result["first_bad"]["position"] == 7
    assert result["first_bad"]["kind"] == "modified"
    assert "第 7 条" in result["error"]


def test_a_deleted_entry_is_named(log):
    """Given entry 7 deleted, when verified, then the first bad entry is the missing 7."""
    sql("DELETE FROM audit_auditperson WHERE entry_id IN (SELECT seq FROM {table} WHERE position = 7)")
    sql("DELETE FROM {table} WHERE position = 7")
    result = verify_json()
    assert result["first_bad"]["position"] == 7
    assert result["first_bad"]["kind"] == "deleted"


def test_an_inserted_entry_is_named_even_with_a_correct_hash(log):
    """Given an entry slipped in at position 7 whose own hash was computed correctly from entry 6, when
    verified, then entry 7 is named as inserted (the next entry still points at entry 6)."""
    shift_positions(7, 1)
    forged = {**row(6), "position": 7, "actor_name": "冒名", "object_key": "伪造"}
    forged_hash = entry_hash(row(6)["hash"], forged)
    json_cast = "::jsonb" if connection.vendor == "postgresql" else ""
    sql(
        "INSERT INTO {table} (position, at, action, actor_id, actor_badge, actor_name, username, object_type, "
        "object_key, unit_id, persons, request_id, ip, via, detail, prev_hash, hash) "
        f"VALUES (7, %s, %s, %s, %s, %s, '', %s, %s, %s, %s{json_cast}, '', '', '', %s{json_cast}, %s, %s)",
        [
            forged["at"],
            forged["action"],
            forged["actor_id"],
            forged["actor_badge"],
            "冒名",
            forged["object_type"],
            "伪造",
            forged["unit_id"],
            json.dumps(forged["persons"]),
            json.dumps(forged["detail"]),
            row(6)["hash"],
            forged_hash,
        ],
    )
    result = verify_json()
    assert result["first_bad"]["position"] == 7
    assert result["first_bad"]["kind"] == "inserted"


def test_reordered_entries_are_named(log):
    """Given entries 7 and 8 swapped, when verified, then entry 7 is named as reordered."""
    sql("UPDATE {table} SET position = 1000000 WHERE position = 7")
    sql("UPDATE {table} SET position = 7 WHERE position = 8")
    sql("UPDATE {table} SET position = 8 WHERE position = 1000000")
    result = verify_json()
    assert result["first_bad"]["position"] == 7
    assert result["first_bad"]["kind"] == "reordered"


def test_the_last_entries_deleted_are_caught_by_the_head(log):
    """Given the last two entries deleted, when verified, then the head row (which counted them) names the
    first missing one."""
    last = AuditEntry.objects.order_by("-position").values_list("position", flat=True).first()
    sql(
        "DELETE FROM audit_auditperson WHERE entry_id IN (SELECT seq FROM {table} WHERE position >= %s)",
        [last - 1],
    )
    sql("DELETE FROM {table} WHERE position >= %s", [last - 1])
    report = audit_verify()
    assert report.first_bad.position == last - 1
    assert report.first_bad.kind == "deleted"


def test_a_rewritten_chain_is_caught_by_a_signed_checkpoint(log):
    """Given a signed checkpoint, and then entry 5 modified with every later hash and the head recomputed
    (an attacker who knows the format), when verified with the key, then the checkpoint no longer matches
    and the report starts after the last good checkpoint; the chain alone would have passed."""
    audit_checkpoint(key=KEY)
    sql("UPDATE {table} SET actor_name = %s WHERE position = 5", ["某某"])
    rewrite_chain_from(5)
    report = audit_verify(key=KEY)
    assert not report.ok
    assert report.first_bad.kind == "rewritten"
    assert report.first_bad.position == 1
    assert report.checkpoints_checked == 1


def test_a_forged_checkpoint_is_refused(log):
    """Given a checkpoint whose hash was edited in the database, when verified with the key, then its
    signature is reported invalid."""
    cp = audit_checkpoint(key=KEY)
    sql("UPDATE audit_auditcheckpoint SET hash = %s WHERE id = %s", ["f" * 64, cp.id])
    report = audit_verify(key=KEY)
    assert [p.kind for p in report.problems] == ["checkpoint"]


def test_checkpoint_refuses_to_sign_an_altered_log(log, monkeypatch):
    """Given entry 3 modified, when a checkpoint is asked for, then it is refused and names entry 3;
    no checkpoint is written."""
    monkeypatch.setenv("LAWTRAIL_AUDIT_KEY", KEY.decode())
    sql("UPDATE {table} SET object_key = %s WHERE position = 3", ["改过"])
    with pytest.raises(CommandError, match="第 3 条"):
        call_command("audit", "checkpoint", stdout=StringIO())
    assert AuditCheckpoint.objects.count() == 0


def test_checkpoint_command_reads_the_key_from_a_file(log, tmp_path, settings):
    """Given a key file named by LAWTRAIL_AUDIT_KEY_FILE, when `audit checkpoint` runs, then the head is
    signed with that key and verify checks the signature."""
    key_file = tmp_path / "audit.key"
    key_file.write_bytes(KEY)
    settings.LAWTRAIL_AUDIT_KEY_FILE = str(key_file)
    out = StringIO()
    call_command("audit", "checkpoint", stdout=out)
    assert "已签名检查点" in out.getvalue()
    assert verify_json()["checkpoints_checked"] == 1
    assert verify_json()["checkpoints_unsigned"] == 0


def test_a_short_key_is_refused_with_a_clear_message(log, monkeypatch, settings):
    """Given a 10-byte key, when a checkpoint is asked for, then it is refused and says how to make one."""
    settings.LAWTRAIL_AUDIT_KEY_FILE = ""
    monkeypatch.setenv("LAWTRAIL_AUDIT_KEY", "short-key!")
    with pytest.raises(CommandError, match="至少 32 字节"):
        call_command("audit", "checkpoint", stdout=StringIO())
