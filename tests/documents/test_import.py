"""A document's history exported and imported into an empty database: the same document, number, state and
service; the unit's counter continues after the imported number."""

from __future__ import annotations

import io

from django.core.management import call_command

from lawtrail.cases.services import offences_sync
from lawtrail.documents.models import Document, Service
from lawtrail.documents.render import read, sha256
from lawtrail.documents.services import document_draft, document_issue, document_serve
from lawtrail.events.jsonl import export_events
from tests.documents.helpers import decided_assault
from tests.factories import at


def test_export_then_import_keeps_the_number_and_the_service(bureau, tmp_path):
    """Given an issued and served decision, when the events are exported, the database emptied and the file
    imported, then the decision has the same number, state and service, its stored PDF matches its hash,
    and the next decision of the unit gets number 2."""
    case, party = decided_assault(bureau.officer_a)
    draft = document_draft(
        actor=bureau.officer_a, case=case, kind="penalty_decision", party=party, fields={"evidence": "陈述"}
    )
    issued = document_issue(document=draft, actor=bureau.officer_a, occurred_at=at("2026-03-06 16:05"))
    document_serve(
        document=issued,
        actor=bureau.officer_a,
        to="offender",
        method="direct",
        recipient="李明",
        occurred_at=at("2026-03-06 16:10"),
    )
    path = tmp_path / "events.jsonl"
    with path.open("w", encoding="utf-8") as out:
        export_events(out)

    call_command("flush", interactive=False, verbosity=0)
    offences_sync()
    assert not Document.objects.exists()
    call_command("import", str(path), stdout=io.StringIO())

    copy = Document.objects.get(document_id=issued.document_id)
    assert copy.number == "梧公万（西江）行罚决字〔2026〕1号"
    assert copy.status == "served"
    assert copy.fields == issued.fields
    assert Service.objects.get(document=copy).recipient == "李明"
    assert sha256(read(copy.pdf_path)) == copy.pdf_sha256
    again = document_draft(
        actor=copy.drafted_by,
        case=copy.case,
        kind="penalty_decision",
        party=copy.party,
        fields={"evidence": "陈述"},
    )
    assert document_issue(document=again, actor=copy.drafted_by).number.endswith("〔2026〕2号")
