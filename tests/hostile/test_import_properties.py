"""The JSON Lines import under generated input: any bytes are either read or refused with an ImportFailed
naming the line (never another exception); formatting then parsing gives back the same event whatever
text it carries; and a file with one bad line anywhere writes nothing."""

from __future__ import annotations

import io
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawtrail.cases.models import Party
from lawtrail.common import clock
from lawtrail.events.jsonl import ImportFailed, format_line, import_events, parse_line, read_envelopes
from lawtrail.events.models import Event
from tests.factories import make_case

from .payloads import HOSTILE

NOW = datetime(2026, 11, 1, tzinfo=UTC)
text = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=40))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def refusal(read) -> ImportFailed | None:
    """None if `read()` accepted the input, the ImportFailed if it refused it (anything else propagates)."""
    try:
        read()
    except ImportFailed as error:
        return error
    return None


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=300))
def test_any_bytes_are_read_or_refused_by_line(raw):
    """For any bytes, reading the file yields envelopes or raises ImportFailed with a line number ≥ 1."""
    error = refusal(lambda: list(read_envelopes(io.BytesIO(raw), now=NOW)))
    if error is not None:
        assert error.line >= 1
        assert error.message


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    st.dictionaries(
        st.sampled_from(
            ["id", "name", "subject", "occurred_at", "recorded_at", "actor", "source", "payload", "extra"]
        ),
        json_values,
    )
)
def test_any_json_object_is_accepted_or_refused_with_a_field(data):
    """For any JSON object built from the envelope's fields (with values of any type), the line is either
    an envelope or refused with ImportFailed naming a field or the line."""
    error = refusal(lambda: parse_line(json.dumps(data), line=3, now=NOW))
    assert error is None or error.line == 3


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    subject=text.filter(lambda s: s.strip() == s and s and len(s) <= 60),  # subjects are trimmed on import
    source=text,
    name=st.text(min_size=1, max_size=20),
    seconds=st.integers(0, 10**8),
)
def test_format_then_parse_gives_back_the_event(subject, source, name, seconds):
    """For any subject, source and payload text (hostile strings included), a formatted line parses back to
    the same envelope."""
    moment = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    event_id = uuid.uuid4()
    line = format_line(
        event_id=event_id,
        name="case.party_added",
        subject=subject,
        occurred_at=moment,
        recorded_at=moment,
        actor="100001",
        source=source,
        payload={"name": name, "role": "witness"},
    )
    envelope = parse_line(line, line=1, now=NOW)
    assert (envelope.id, envelope.subject, envelope.source) == (event_id, subject, source)
    assert envelope.occurred_at == moment
    assert envelope.payload == {"name": name, "role": "witness"}


BAD_LINES = {
    "not json": lambda good: good[:-3],
    "unknown field": lambda good: json.dumps({**json.loads(good), "colour": "red"}),
    "bad time": lambda good: json.dumps({**json.loads(good), "occurred_at": "2026-13-01T00:00:00+08:00"}),
    "bad id number": lambda good: json.dumps(
        {**json.loads(good), "payload": {**json.loads(good)["payload"], "id_number": "450403199005010125"}}
    ),
    "refused step": lambda good: json.dumps({**json.loads(good), "name": "case.closed", "payload": {}}),
    "duplicate id, other content": lambda good: good.replace("证人", "被害人"),
}


@pytest.fixture
def case(bureau):
    return make_case(bureau.officer_a)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(size=st.integers(2, 12), where=st.data(), bad=st.sampled_from(sorted(BAD_LINES)))
def test_one_bad_line_anywhere_writes_nothing(case, size, where, bad):
    """For a file of valid events with one bad line at any position, the import is refused naming that line
    and no event, party or audit entry is written."""
    from lawtrail.audit.models import AuditEntry

    start = clock.now() - timedelta(days=1)
    lines = []
    for i in range(size):
        moment = (start + timedelta(seconds=i)).isoformat()
        lines.append(
            json.dumps(
                {
                    "id": str(uuid.uuid4()),
                    "name": "case.party_added",
                    "subject": case.number,
                    "occurred_at": moment,
                    "recorded_at": moment,
                    "actor": "100001",
                    "source": "test",
                    "payload": {"party_id": str(uuid.uuid4()), "role": "witness", "name": f"证人{i}"},
                },
                ensure_ascii=False,
            )
        )
    position = where.draw(st.integers(0, size - 1))
    if bad == "duplicate id, other content":
        lines.append(BAD_LINES[bad](lines[position]))  # the same event id again, saying something else
        position = size
    else:
        lines[position] = BAD_LINES[bad](lines[position])
    before = (Event.objects.count(), Party.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ImportFailed) as refused:
        import_events(io.BytesIO("\n".join(lines).encode()))
    assert refused.value.line == position + 1
    assert (Event.objects.count(), Party.objects.count(), AuditEntry.objects.count()) == before
