"""Export, then import into an empty database: the same records and the same timelines, event for event."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from lawtrail.cases.choices import CaseStatus
from lawtrail.cases.models import Case
from lawtrail.cases.services import case_event, offences_sync
from lawtrail.events.jsonl import IMPORT_SOURCE
from lawtrail.events.models import Event
from lawtrail.events.registry import EVENT_TYPES
from lawtrail.org.models import Officer
from tests.approvals.helpers import DECISION, approve_all, case_for_decision, request_decision, seeded
from tests.factories import at

from .history import snapshot
from .test_docs import EXAMPLE, build_tool

# The parts of the snapshot kept by the apps of issues 3–7, which the example history fills.
RECORD_PARTS = [
    "units", "officers", "cases", "parties", "media", "media_links", "measures", "interviews", "detentions",
    "numbering", "documents", "services", "storage", "property", "custody", "rooms", "stays", "belongings",
    "room_assignments", "samplings", "sample_items", "qualifications", "sequences", "timelines",
]  # fmt: skip


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
    """Given the test history, then it holds cases in every end state and one still open, and together with
    the documented example history (round-tripped below) it uses every event type an empty database can
    accept (the round trips are only as strong as the histories they carry)."""
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == {CaseStatus.CLOSED, CaseStatus.TERMINATED, CaseStatus.NOT_FILED, CaseStatus.WITHDRAWN,
                        CaseStatus.INVESTIGATING, CaseStatus.ACCEPTED}  # fmt: skip
    made_here = set(Event.objects.values_list("name", flat=True))
    in_example = {json.loads(line)["name"] for line in EXAMPLE.read_text(encoding="utf-8").splitlines()}
    assert made_here | in_example == set(EVENT_TYPES) - set(build_tool().NO_EXAMPLE)


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


@pytest.fixture
def example_exported(db, tmp_path) -> tuple[Path, dict]:
    """The documented example history imported into an empty database, exported again, and the snapshot."""
    with EXAMPLE.open("rb") as stream:
        call_command("import", stream.name, stdout=io.StringIO())
    return export_to(tmp_path / "example.jsonl"), snapshot()


def test_the_example_history_fills_every_record_part(example_exported):
    """Given the example history imported, then every part of the snapshot has records (a part left empty
    would make its round trip below prove nothing)."""
    _, before = example_exported
    assert [part for part in RECORD_PARTS if not before[part]] == []


def test_the_records_of_every_app_come_back_from_their_events(example_exported):
    """Given the example history (center stays, property with its custody chain, documents issued, served
    and corrected, detentions, media links, custody steps, an inspection, certificates) in the database,
    when it is exported, the database emptied and the file imported,
    then the records of every app are what they were (one round trip, every part compared: it is slow)."""
    path, before = example_exported
    empty_database()
    assert Event.objects.count() == 0

    import_from(path)

    after = snapshot()
    differing = [part for part in RECORD_PARTS if _without_docx(after[part]) != _without_docx(before[part])]
    assert differing == []


def _without_docx(rows):
    """The rows with the .docx of issued documents left out: an imported document is rendered again and its
    .docx differs (test_an_imported_document_keeps_the_docx_it_was_issued_with, a known bug)."""
    if not isinstance(rows, list):
        return rows
    out = []
    for r in rows:
        r = {k: v for k, v in r.items() if k not in ("docx_path", "docx_sha256")}
        if isinstance(r.get("payload"), dict):
            r["payload"] = {k: v for k, v in r["payload"].items() if k != "docx_sha256"}
        out.append(r)
    return out


@pytest.mark.xfail(
    strict=True,
    reason="documents: render_docx stamps the .docx's zip entries with the time of rendering, so the copy made "
    "on import has another SHA-256 than the document issued (Document.docx_sha256, docx_path and the "
    "document.issued payload change)",
)
def test_an_imported_document_keeps_the_docx_it_was_issued_with(example_exported):
    """Given issued documents exported, when they are imported into an empty database two seconds later
    (the resolution of a zip file's times), then each has the .docx it was issued with, and the imported
    document.issued events say so."""
    path, before = example_exported
    time.sleep(2.1)
    empty_database()
    import_from(path)
    after = snapshot()
    assert [d["docx_sha256"] for d in after["documents"]] == [d["docx_sha256"] for d in before["documents"]]
    assert after["timelines"] == before["timelines"]


@pytest.mark.xfail(
    strict=True,
    raises=CommandError,
    reason="approvals: approval.requested needs the bureau's approval Policy of the version it names, and "
    "policies (Policy, PolicyStep) are not events, so an export does not carry them",
)
def test_approval_requests_come_back_from_their_events(bureau, tmp_path):
    """Given a decision asked for, approved step by step and then made, when the history is exported, the
    database emptied and the file imported, then the approval request and its step decisions are back."""
    seeded(bureau)
    case = case_for_decision(bureau.officer_a)
    approve_all(bureau, request_decision(bureau, case))
    case_event(case=case, name="case.decided", actor=bureau.officer_a, payload=DECISION,
               occurred_at=at("2026-03-03 09:00"))  # fmt: skip
    before = snapshot()
    assert before["approvals"]
    assert before["approval_steps"]
    path = export_to(tmp_path / "events.jsonl")
    empty_database()

    import_from(path)

    after = snapshot()
    assert (after["approvals"], after["approval_steps"]) == (before["approvals"], before["approval_steps"])
