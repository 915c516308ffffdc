"""`lawtrail export`: one event per line in recording order, times in +08:00, keys in a fixed order,
Chinese as written, read from the database a chunk at a time; `--bureau` keeps one bureau's events."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lawtrail.events.jsonl import ENVELOPE_FIELDS, export_lines
from lawtrail.events.models import Event


def exported(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("export", *args, stdout=out)
    return out.getvalue().splitlines()


def test_each_line_is_one_event_in_recording_order(history):
    """Given a history, when it is exported, then there is one line per event, in `seq` order, with the
    event's id."""
    lines = exported()
    ids = [json.loads(text)["id"] for text in lines]
    assert ids == [str(i) for i in Event.objects.order_by("seq").values_list("event_id", flat=True)]


def test_lines_have_a_fixed_key_order_shanghai_times_and_readable_chinese(history):
    """Given a history, when it is exported, then every line has the envelope keys in the documented order,
    both times with +08:00, and Chinese text as is (not \\u escapes)."""
    lines = exported()
    envelopes = [json.loads(text) for text in lines]
    assert {tuple(e) for e in envelopes} == {ENVELOPE_FIELDS}
    assert all(e["occurred_at"].endswith("+08:00") and e["recorded_at"].endswith("+08:00") for e in envelopes)
    assert '"name": "梧州市公安局"' in lines[0]
    assert "\\u" not in "".join(lines)


def test_payload_keys_follow_the_schema_order(history):
    """Given a case decided with a penalty, when it is exported, then its payload keys follow the payload
    schema and the nested penalty's keys are sorted — the same bytes whatever order the database keeps."""
    decided = next(json.loads(t) for t in exported() if '"name": "case.decided"' in t and 'penalty": {' in t)
    assert list(decided["payload"]) == ["outcome", "penalty", "reason"]
    assert list(decided["payload"]["penalty"]) == sorted(decided["payload"]["penalty"])


def test_actor_is_the_badge_number_or_null(history, bureau):
    """Given events done by officers and by the system, when exported, then `actor` is a badge or null."""
    actors = {json.loads(t)["actor"] for t in exported()}
    assert None in actors
    assert bureau.officer_a.badge_no in actors


def test_a_file_holds_the_same_lines_as_standard_output(history, tmp_path):
    """Given a history, when it is exported to a file and to standard output, then the two are the same."""
    path = tmp_path / "out.jsonl"
    out = io.StringIO()
    call_command("export", str(path), stdout=out)
    assert path.read_text(encoding="utf-8").splitlines() == exported()
    assert out.getvalue().strip() == f"已导出 {Event.objects.count()} 条事件到 {path}"


def test_bureau_keeps_only_that_bureaus_events(history, bureau):
    """Given events in two bureaus, when one bureau is exported, then only its events are written."""
    lines = exported("--bureau", bureau.bureau.code)
    subjects = {json.loads(t)["subject"] for t in lines}
    assert len(lines) == Event.objects.filter(bureau=bureau.bureau).count()
    assert len(lines) < Event.objects.count()
    assert history["assault"].number in subjects
    assert subjects.isdisjoint(
        {history["elsewhere"].number, bureau.other_bureau_officer.badge_no, "451300000000"}
    )


@pytest.mark.parametrize(
    ("code", "message"),
    [("999999999999", "单位999999999999不存在"), ("450403510000", "不是市（县）公安局")],
)
def test_bureau_must_be_a_bureau(bureau, code, message):
    """Given a code that is no unit, or a unit that is no bureau, when exporting with --bureau, then refused."""
    with pytest.raises(CommandError, match=message):
        call_command("export", "--bureau", code)


def test_export_reads_the_history_a_chunk_at_a_time(history, django_assert_num_queries):
    """Given N events, when they are exported 10 at a time, then the first line costs one query and the
    whole export one query per chunk — the history is never loaded at once."""
    total = Event.objects.count()
    lines = export_lines(chunk_size=10)
    with django_assert_num_queries(1):
        next(lines)
    with django_assert_num_queries(total // 10):
        rest = list(lines)
    assert len(rest) == total - 1
