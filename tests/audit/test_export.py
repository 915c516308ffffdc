"""`lawtrail export` carries every person's data: each export is an audit entry."""

from __future__ import annotations

import io

from django.core.management import call_command

from lawtrail.audit.models import AuditEntry
from tests.factories import make_case


def test_an_export_to_a_file_is_audited_with_its_target_and_count(bureau, tmp_path):
    """Given a case, when the history is exported to a file, then one `export` entry names the file and
    the number of events, with the shell user."""
    make_case(bureau.officer_a)
    target = tmp_path / "history.jsonl"

    call_command("export", str(target), verbosity=0)

    entry = AuditEntry.objects.filter(action="export").get()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert entry.detail["file"] == str(target)
    assert entry.detail["events"] == len(lines) > 0
    assert entry.username


def test_an_export_of_one_bureau_to_standard_output_is_audited_with_the_bureau(bureau):
    """Given a case, when one bureau is exported to standard output, then the entry names the bureau."""
    make_case(bureau.officer_a)

    call_command("export", "--bureau", bureau.bureau.code, stdout=io.StringIO())

    entry = AuditEntry.objects.filter(action="export").get()
    assert (entry.object_type, entry.object_key, entry.detail["file"]) == ("events", bureau.bureau.code, "-")
