"""Export, then import into an empty database: the same records and the same timelines, event for event."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from lawtrail.cases.choices import CaseStatus
from lawtrail.cases.models import Case
from lawtrail.cases.services import offences_sync
from lawtrail.events.jsonl import IMPORT_SOURCE
from lawtrail.events.models import Event
from lawtrail.events.registry import EVENT_TYPES
from lawtrail.org.models import Officer

from .history import snapshot


def export_to(path: Path) -> Path:
    call_command("export", str(path), verbosity=0)
    return path


def empty_database() -> None:
    if connection.vendor == "postgresql":
        # Inside the test's transaction, deferred foreign-key checks are still pending and PostgreSQL refuses
        # to TRUNCATE such tables: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    offences_sync()  # reference data, not events


def import_from(path: Path) -> str:
    out = io.StringIO()
    call_command("import", str(path), stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def exported(history, tmp_path) -> tuple[Path, dict]:
    """The history exported to a file, and the snapshot of the records it came from."""
    return export_to(tmp_path / "events.jsonl"), snapshot()


def test_the_history_covers_every_way_a_case_ends(history):
    """Given the test history, then it holds cases in every end state and one still open (the round trip
    below is only as strong as the history it carries)."""
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == {CaseStatus.CLOSED, CaseStatus.TERMINATED, CaseStatus.NOT_FILED, CaseStatus.WITHDRAWN,
                        CaseStatus.INVESTIGATING, CaseStatus.ACCEPTED}  # fmt: skip
    assert set(Event.objects.values_list("name", flat=True)) == set(EVENT_TYPES)


@pytest.mark.parametrize(
    "part",
    [
        "units",
        "officers",
        "incidents",
        "cases",
        "parties",
        "handlers",
        "media",
        "measures",
        "interviews",
        "sequences",
        "timelines",
    ],
)
def test_export_then_import_into_an_empty_database_reproduces_the_records(exported, part):
    """Given a history exported to a file,
    when the database is emptied and the file imported,
    then units, officers with their roles, incidents, cases, parties, handlers, media records, number
    counters and timelines (event ids, names, payloads, times, actors) are what they were."""
    path, before = exported
    empty_database()
    assert Event.objects.count() == 0

    summary = import_from(path)

    after = snapshot()
    assert after[part] == before[part]
    assert (
        summary
        == f"读取 {len(before['timelines'])} 条事件：导入 {len(before['timelines'])} 条，跳过已存在的 0 条"
    )


def test_imported_events_are_marked_as_imported(exported):
    """Given an exported history imported into an empty database, then every event says it came by import."""
    path, _ = exported
    empty_database()
    import_from(path)
    assert set(Event.objects.values_list("source", flat=True)) == {IMPORT_SOURCE}


def test_importing_the_same_file_again_changes_nothing(exported):
    """Given a file already imported, when it is imported again, then every event is skipped and the
    records are unchanged."""
    path, before = exported
    empty_database()
    import_from(path)
    first = snapshot()

    summary = import_from(path)

    n = len(before["timelines"])
    assert summary == f"读取 {n} 条事件：导入 0 条，跳过已存在的 {n} 条"
    assert snapshot() == first


def test_importing_an_export_into_the_database_it_came_from_is_a_no_op(exported):
    """Given the database a file was exported from, when the file is imported into it, then all is skipped."""
    path, before = exported
    summary = import_from(path)
    assert summary.endswith(f"导入 0 条，跳过已存在的 {len(before['timelines'])} 条")
    assert snapshot() == before


def test_a_second_export_after_the_round_trip_is_the_same_but_for_the_source(exported, tmp_path):
    """Given an export imported into an empty database, when that database is exported, then the two files
    differ only in `source` (the copy records that its events came by import)."""
    path, _ = exported
    empty_database()
    import_from(path)

    again = export_to(tmp_path / "again.jsonl").read_text(encoding="utf-8")

    original = path.read_text(encoding="utf-8")
    assert again == original.replace('"source": "web"', '"source": "import"')


def test_officers_come_back_without_login_accounts(exported):
    """Given officers with accounts, when their export is imported into an empty database, then the officers
    exist without accounts (accounts carry secrets and are not events)."""
    path, _ = exported
    officers = Officer.objects.count()
    assert Officer.objects.filter(user__isnull=False).count() == officers
    empty_database()
    import_from(path)
    assert Officer.objects.count() == officers
    assert Officer.objects.filter(user__isnull=False).count() == 0
