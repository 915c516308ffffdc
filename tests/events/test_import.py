"""`lawtrail import`: a bad file is refused at its first bad line — naming the line, the field and what is
wrong — and leaves the database exactly as it was; event ids make a second import of a file a no-op."""

from __future__ import annotations

import io
import json
import uuid
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lawtrail.cases.models import Case, Party
from lawtrail.common.idnumbers import make_id_number
from lawtrail.events.jsonl import ImportFailed, import_events
from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident

STATION = "450403510000"
CASE = f"X{STATION}202600001"
VALID_ID = make_id_number("450403", date(1990, 5, 17), 131)
BAD_CHECKSUM = VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1")


def line(
    name: str,
    subject: str,
    payload: Any,
    *,
    occurred: str = "2026-03-01T10:00:00+08:00",
    recorded: str = "2026-03-01T10:05:00+08:00",
    actor: str | None = "100001",
    event_id: str | None = None,
    drop: str | None = None,
    **extra: Any,
) -> str:
    envelope = {
        "id": event_id or str(uuid.uuid4()),
        "name": name,
        "subject": subject,
        "occurred_at": occurred,
        "recorded_at": recorded,
        "actor": actor,
        "payload": payload,
        **extra,
    }
    envelope.pop(drop or "", None)
    return json.dumps(envelope, ensure_ascii=False)


ACCEPTED = line(
    "case.accepted", CASE, {"unit": STATION, "kind": "admin", "title": "测试案件", "offence": "ps.assault"}
)
PARTY = {"party_id": "0c6f9a1e-4d0f-4a4e-9d5c-2b1e0f3a7c11", "role": "admin_suspect", "name": "王强"}


def run(*lines: str) -> ImportFailed:
    """Import the lines and return the refusal (the test fails if the import is accepted)."""
    with pytest.raises(ImportFailed) as caught:
        import_events(io.BytesIO("\n".join(lines).encode()))
    return caught.value


def counts() -> tuple[int, int, int, int]:
    return Event.objects.count(), Case.objects.count(), Party.objects.count(), Incident.objects.count()


REFUSED = [
    pytest.param([ACCEPTED, "", '{"id": "x", "name": '], 3, None, "不是有效的 JSON", id="malformed-json"),
    pytest.param([ACCEPTED, "[1, 2]"], 2, None, "JSON 对象", id="not-an-object"),
    pytest.param([ACCEPTED, line("case.archived", CASE, {})], 2, "name", "未知的事件类型：case.archived", id="unknown-event"),
    pytest.param([ACCEPTED, line("case.filed", CASE, {}, drop="subject")], 2, "subject", "缺少必填字段", id="missing-subject"),
    pytest.param([ACCEPTED, line("case.filed", CASE, {}, drop="actor")], 2, "actor", "缺少必填字段", id="missing-actor"),
    pytest.param([ACCEPTED, line("case.filed", CASE, {}, comment="补录")], 2, "comment", "不认识的字段", id="unknown-field"),
    pytest.param([ACCEPTED, '{"id": "a", "id": "b"}'], 2, "id", "字段重复", id="duplicate-key"),
    pytest.param([line("case.filed", CASE, {}, event_id="not-a-uuid")], 1, "id", "UUID", id="bad-uuid"),
    pytest.param([ACCEPTED, line("case.filed", CASE, {}, occurred="2026-03-01T10:00:00")], 2, "occurred_at", "时区", id="naive-datetime"),
    pytest.param([ACCEPTED, line("case.filed", CASE, {}, recorded="yesterday")], 2, "recorded_at", "ISO 8601", id="not-a-time"),
    pytest.param([ACCEPTED, line("case.filed", CASE, {}, recorded="2099-01-01T00:00:00+08:00")], 2, "recorded_at", "晚于当前时间", id="recorded-in-the-future"),
    pytest.param([ACCEPTED, line("case.filed", CASE, [])], 2, "payload", "JSON 对象", id="payload-not-an-object"),
    pytest.param([ACCEPTED, line("case.filed", CASE, {}, actor=7)], 2, "actor", "字符串", id="actor-not-a-string"),
    # Refused when recorded (second pass): the first line was applied and is rolled back.
    pytest.param([ACCEPTED, line("case.party_added", CASE, PARTY | {"id_number": BAD_CHECKSUM})], 2, "payload.id_number", "校验位错误", id="id-number-checksum"),
    pytest.param([ACCEPTED, line("case.party_added", CASE, PARTY | {"nickname": "强子"})], 2, "payload.nickname", "不认识的字段", id="unknown-payload-field"),
    pytest.param([ACCEPTED, line("case.executed", CASE, {})], 2, "name", "执行", id="transition-not-allowed"),
    pytest.param([ACCEPTED, line("case.closed", CASE, {})], 2, "name", "当前状态为「已受案」，不能结案", id="close-an-accepted-case"),
    pytest.param([ACCEPTED, line("case.investigation_started", CASE, {}), line("case.decided", CASE, {"outcome": "penalty", "penalty": {"fine_yuan": 0}})], 3, "payload.penalty.fine_yuan", "数值过小", id="nested-payload-field"),
    pytest.param([ACCEPTED, line("case.filed", f"X{STATION}202699999", {})], 2, "subject", "不存在", id="subject-not-created"),
    pytest.param([ACCEPTED, ACCEPTED.replace(ACCEPTED[8:44], str(uuid.uuid4()))], 2, "subject", "已存在", id="subject-created-twice"),
    pytest.param([ACCEPTED, line("case.filed", CASE, {}, actor="999999")], 2, "actor", "警号999999对应的民警不存在", id="unknown-actor"),
    pytest.param([ACCEPTED, line("case.filed", CASE, {}, occurred="2026-03-01T11:00:00+08:00", recorded="2026-03-01T10:30:00+08:00")], 2, "occurred_at", "发生时间晚于录入时间", id="occurred-after-recorded"),
    pytest.param([ACCEPTED, line("case.filed", CASE, {}, occurred="2026-02-01T10:00:00+08:00")], 2, "occurred_at", "早于受案时间", id="before-the-case-began"),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "line_no", "field", "message"), REFUSED)
def test_a_bad_line_is_named_and_nothing_is_written(bureau, lines, line_no, field, message):
    """Given a file with a bad line after good ones, when it is imported, then the refusal names the line
    (blank lines counted), the field and what is wrong, and the database is unchanged."""
    before = counts()

    refusal = run(*lines)

    assert (refusal.line, refusal.field) == (line_no, field)
    assert message in refusal.message
    assert counts() == before


def test_the_command_reports_line_field_and_message_and_says_nothing_was_written(bureau, tmp_path):
    """Given a file whose second line breaks an ID-number checksum, when `lawtrail import` runs, then it
    fails with 第2行 payload.id_number and ends by saying nothing was written."""
    path = tmp_path / "bad.jsonl"
    path.write_text(
        ACCEPTED + "\n" + line("case.party_added", CASE, PARTY | {"id_number": BAD_CHECKSUM}) + "\n"
    )
    before = counts()

    with pytest.raises(CommandError) as caught:
        call_command("import", str(path))

    message = str(caught.value)
    assert message.startswith("第2行 payload.id_number：身份证号校验位错误")
    assert message.endswith("未写入任何数据")
    assert counts() == before


def test_a_file_that_is_not_utf8_is_refused_at_its_line(bureau):
    """Given a file whose second line is not UTF-8, when it is imported, then line 2 is named."""
    with pytest.raises(ImportFailed) as caught:
        import_events(io.BytesIO(ACCEPTED.encode() + b"\n\xff\xfe\n"))
    assert (caught.value.line, caught.value.message) == (2, "不是有效的 UTF-8 文本")


def test_the_command_refuses_a_missing_file(db, tmp_path):
    """Given no such file, when `lawtrail import` runs, then it says so."""
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("import", str(tmp_path / "missing.jsonl"))


def test_standard_input_is_read_with_a_dash(bureau):
    """Given a file on standard input, when `lawtrail import -` runs, then its events are recorded."""
    out = io.StringIO()
    call_command("import", "-", stdin=io.BytesIO(f"\n{ACCEPTED}\n\n".encode()), stdout=out)
    assert out.getvalue().strip() == "读取 1 条事件：导入 1 条，跳过已存在的 0 条"
    assert Case.objects.filter(number=CASE).exists()


def test_imported_events_keep_their_id_times_and_actor(bureau):
    """Given a line with an id, times in another offset and an actor, when it is imported, then the event
    is recorded with that id, those moments and that officer."""
    event_id = str(uuid.uuid4())
    accepted = line(
        "case.accepted",
        CASE,
        {"unit": STATION, "kind": "admin", "title": "测试案件"},
        occurred="2026-03-01T02:00:00Z",
        recorded="2026-03-01T02:03:00.250000+00:00",
        event_id=event_id,
    )

    import_events(io.BytesIO(accepted.encode()))

    event = Event.objects.get(event_id=event_id)
    assert (event.occurred_at.isoformat(), event.recorded_at.isoformat()) == (
        "2026-03-01T02:00:00+00:00",
        "2026-03-01T02:03:00.250000+00:00",
    )
    assert (event.actor, event.actor_name, event.source) == (bureau.officer_a, "张伟", "import")


# --- idempotency ----------------------------------------------------------------------------------------


def test_a_line_already_recorded_with_the_same_content_is_skipped(bureau):
    """Given an imported event, when a file repeats it — its time in another offset, its optional payload
    fields now spelt out with their defaults — then it is skipped, not recorded twice."""
    event_id = str(uuid.uuid4())
    payload = {"unit": STATION, "kind": "admin", "title": "测试案件"}
    import_events(io.BytesIO(line("case.accepted", CASE, payload, event_id=event_id).encode()))
    same = line(
        "case.accepted",
        CASE,
        payload | {"summary": "", "procedure": "general", "offence": None},
        occurred="2026-03-01T02:00:00+00:00",
        event_id=event_id,
    )
    before = counts()

    summary = import_events(io.BytesIO(same.encode()))

    assert (summary.read, summary.applied, summary.skipped) == (1, 0, 1)
    assert counts() == before


def test_an_event_repeated_within_one_file_is_recorded_once(bureau):
    """Given a file that carries the same event twice, when it is imported, then it is recorded once."""
    summary = import_events(io.BytesIO(f"{ACCEPTED}\n{ACCEPTED}\n".encode()))
    assert (summary.read, summary.applied, summary.skipped) == (2, 1, 1)
    assert Event.objects.filter(name="case.accepted").count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"payload": {"unit": STATION, "kind": "admin", "title": "改过的案件名称"}}, "payload.title", id="payload"),
        pytest.param({"occurred": "2026-03-01T09:00:00+08:00"}, "occurred_at", id="occurred_at"),
        pytest.param({"subject": f"X{STATION}202600002"}, "subject", id="subject"),
        pytest.param({"name": "case.filed", "payload": {}}, "name", id="name"),
    ],
)  # fmt: skip
def test_a_reused_event_id_with_different_content_is_refused(bureau, change, field):
    """Given an imported event, when a file reuses its id for something different, then the line is
    refused as 事件编号重复但内容不同, naming the first field that differs, and nothing is written."""
    event_id = str(uuid.uuid4())
    original = {
        "name": "case.accepted",
        "subject": CASE,
        "payload": {"unit": STATION, "kind": "admin", "title": "测试案件"},
    }
    import_events(io.BytesIO(line(**original, event_id=event_id).encode()))
    changed = line(**(original | change), event_id=event_id)
    before = counts()

    refusal = run(ACCEPTED.replace(CASE, f"X{STATION}202600003"), "", changed)

    assert (refusal.line, refusal.field) == (3, field)
    assert refusal.message.startswith("事件编号重复但内容不同")
    assert counts() == before
