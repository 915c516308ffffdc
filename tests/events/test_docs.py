"""The format's documentation cannot drift from the code: the committed JSON Schema, the example file and
the per-event section of docs/event-format.md are regenerated and compared, and the example imports."""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from lawtrail.events.jsonl import import_events
from lawtrail.events.models import Event
from lawtrail.events.registry import EVENT_TYPES
from lawtrail.events.schema import schema_text

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "event-format.schema.json"
EXAMPLE = ROOT / "docs" / "event-format.example.jsonl"


def build_tool():
    spec = importlib.util.spec_from_file_location(
        "build_event_format_doc", ROOT / "tools" / "build_event_format_doc.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_schema_is_what_the_command_prints():
    """Given the event registry, when `lawtrail event_schema` runs, then it prints the committed schema."""
    out = io.StringIO()
    call_command("event_schema", stdout=out)
    assert out.getvalue() == schema_text()
    assert SCHEMA.read_text(encoding="utf-8") == out.getvalue()


def test_schema_has_one_branch_per_event_type():
    """Given the schema, then its oneOf has one branch per registered event type, fixing the name, and every
    payload (like the envelope) refuses unknown fields."""
    schema = json.loads(schema_text())
    branches = schema["oneOf"]
    assert [b["properties"]["name"]["const"] for b in branches] == list(EVENT_TYPES)
    assert {b["properties"]["payload"]["additionalProperties"] for b in branches} == {False}
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize(
    "name", ["event-format.schema.json", "event-format.example.jsonl", "event-format.md"]
)
def test_generated_documentation_is_up_to_date(name):
    """Given the event registry, when the documentation is regenerated, then the committed file is the same
    (run `.venv/bin/python tools/build_event_format_doc.py` after changing an event type)."""
    outputs = {path.name: text for path, text in build_tool().outputs().items()}
    assert (ROOT / "docs" / name).read_text(encoding="utf-8") == outputs[name]


def test_the_example_file_imports_into_an_empty_database_and_uses_every_event_type(db):
    """Given an empty database, when the documented example file is imported, then every line is recorded
    and every event type appears — but those the tool names as not importable yet (NO_EXAMPLE)."""
    with EXAMPLE.open("rb") as stream:
        summary = import_events(stream)
    assert summary.applied == summary.read == len(EXAMPLE.read_text(encoding="utf-8").splitlines())
    missing = set(build_tool().NO_EXAMPLE)
    assert set(Event.objects.values_list("name", flat=True)) == set(EVENT_TYPES) - missing


def test_event_types_without_an_example_are_registered_and_explained():
    """Given the tool's list of event types the example cannot show, then each is a registered type, has a
    reason, and its section in docs/event-format.md says why instead of showing an example."""
    tool = build_tool()
    doc = (ROOT / "docs" / "event-format.md").read_text(encoding="utf-8")
    for name, reason in tool.NO_EXAMPLE.items():
        assert name in EVENT_TYPES
        assert len(reason) > 40
        section = doc.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
        assert "No example in the example history" in section
        assert "```json" not in section
