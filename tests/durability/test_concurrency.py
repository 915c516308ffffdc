"""Nothing lost under concurrency: writers to the same case are serialised (SQLite: IMMEDIATE transactions
in WAL mode; PostgreSQL: the case row is locked FOR UPDATE), so no update is lost and no state machine
step is taken twice; the audit chain stays one unbroken line."""

from __future__ import annotations

THREADS = 6


def test_two_officers_filing_the_same_case_at_once_file_it_once(site):
    """Given six writers who each read the criminal case while it was "accepted", when all file it at the
    same moment, then one succeeds and five are refused by the state machine; one case.filed event."""
    result = site.worker("race-file", str(THREADS))
    assert result["outcomes"] == {"ok": 1, "transition_not_allowed": THREADS - 1}
    assert result["status"] == "filed"
    assert result["filed_events"] == 1


def test_concurrent_additions_to_one_case_are_all_kept(site):
    """Given six writers adding a party to the same case at the same moment, then all six parties and
    events exist and the audit chain verifies (its writers were serialised too)."""
    result = site.worker("race-parties", str(THREADS))
    assert result["outcomes"] == {"ok": THREADS}
    assert (result["parties"], result["events"]) == (THREADS, THREADS)
    assert result["audit_ok"] is True


def test_wal_mode_survives_concurrent_requests(site):
    """Given four API clients each reading the case and adding a party ten times at once through the whole
    request stack, then every request succeeds (no "database is locked"), every write is kept, the
    database is in WAL mode, and the audit chain verifies."""
    result = site.worker("http-load", "4", "10")
    assert result["statuses"] == {"200": 40, "201": 40}
    assert result["added"] == 40
    assert result["journal_mode"] == "wal"
    assert result["audit_ok"] is True
