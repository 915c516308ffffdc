"""A `kill -9` in the middle of a large import leaves the database exactly as it was: the import is one
transaction, and SQLite's WAL discards the uncommitted frames when the next connection opens it."""

from __future__ import annotations

import signal
import sqlite3
import time


def _writer_active(db) -> bool:
    """True while another connection holds the database's write lock (the import's transaction)."""
    probe = sqlite3.connect(db, timeout=0)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        return "locked" in str(error)
    finally:
        probe.close()


def test_kill_9_during_an_import_leaves_the_database_as_it_was(site, tmp_path):
    """Given a 3,000-event import file, when the import is killed with SIGKILL while its transaction is
    writing, then the events, parties and audit entries are as before, the database passes SQLite's
    integrity check, the audit chain verifies, and a later import succeeds."""
    before = site.worker("counts")
    big = tmp_path / "big.jsonl"
    site.worker("write-import", str(big), "3000")

    process = site.popen("import", str(big))
    deadline = time.monotonic() + 120
    while not _writer_active(site.db):
        assert process.poll() is None, f"the import ended before it was killed: {process.communicate()}"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.2)
    time.sleep(1.5)  # well inside the transaction: thousands of events still to go
    assert process.poll() is None, "the import finished before it could be killed: make the file larger"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    assert site.worker("counts") == before
    check = sqlite3.connect(site.db)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    assert "审计日志完整" in site.run("audit", "verify").stdout

    small = tmp_path / "small.jsonl"
    site.worker("write-import", str(small), "3")
    site.run("import", str(small))
    assert site.worker("counts")["parties"] == before["parties"] + 3
