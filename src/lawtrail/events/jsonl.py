"""The JSON Lines event format: the history leaves one database and enters another (docs/event-format.md).

One event per line: {"id", "name", "subject", "occurred_at", "recorded_at", "actor", "source", "payload"}.
Export streams the history in `seq` order in chunks, so a bureau with millions of events never sits in
memory. Import goes through `event_record` like every other write — the payload schemas and the state
machines refuse the same things they refuse in the web UI — and is all-or-nothing per file: the whole file
is checked line by line first, then applied in one transaction, and the first refusal rolls everything
back and names the line, the field and what is wrong. Event ids make import idempotent: a line whose event
is already recorded is skipped when it says the same thing and refused when it does not.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import IO, Any

from django.db import IntegrityError, transaction
from pydantic import ValidationError

from lawtrail.common import clock
from lawtrail.common.errors import DomainError
from lawtrail.org.models import Officer, Unit

from .models import Event
from .registry import EVENT_TYPES
from .services import FUTURE_TOLERANCE, event_record

# The envelope, in the order every exported line writes it. `source` is the only optional field.
ENVELOPE_FIELDS = ("id", "name", "subject", "occurred_at", "recorded_at", "actor", "source", "payload")
REQUIRED_FIELDS = tuple(f for f in ENVELOPE_FIELDS if f != "source")
SUBJECT_MAX_LENGTH = Event._meta.get_field("subject_key").max_length
# What imported events are recorded with as their `source` (the file's `source` is informational).
IMPORT_SOURCE = "import"
EXPORT_CHUNK = 2000
IMPORT_CHUNK = 1000
TIME_EXAMPLE = "2026-03-01T09:30:00+08:00"


@dataclass(frozen=True)
class ImportSummary:
    read: int  # events in the file (blank lines not counted)
    applied: int  # recorded by this import
    skipped: int  # already recorded with the same content

    def __str__(self) -> str:
        return f"读取 {self.read} 条事件：导入 {self.applied} 条，跳过已存在的 {self.skipped} 条"


class ImportFailed(DomainError):
    """A line of an import file is refused; nothing from the file was written."""

    code = "import_failed"
    status = 422

    def __init__(self, message: str, *, line: int, field: str | None, code: str | None = None):
        super().__init__(message, code=code, field=field)
        self.line = line

    def __str__(self) -> str:
        where = f"第{self.line}行 {self.field}" if self.field else f"第{self.line}行"
        return f"{where}：{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return super().as_dict() | {"line": self.line}


@dataclass(frozen=True)
class Envelope:
    """One line of the file, its envelope checked; the payload is checked when the event is recorded."""

    line: int
    id: uuid.UUID
    name: str
    subject: str
    occurred_at: datetime
    recorded_at: datetime
    actor: str | None
    source: str
    payload: dict[str, Any]


# --- export ---------------------------------------------------------------------------------------------


def format_time(moment: datetime) -> str:
    """An aware moment as ISO 8601 in the legal time zone: 2026-03-01T09:30:00+08:00."""
    return clock.local(moment).isoformat()


def _sorted_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_json(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted_json(v) for v in value]
    return value


def ordered_payload(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload's keys in the order its schema declares them (nested objects sorted), whatever order the
    database keeps JSON in — so that two exports of the same history are byte for byte the same."""
    spec = EVENT_TYPES.get(name)
    declared = [k for k in (spec.payload.model_fields if spec else ()) if k in payload]
    keys = declared + sorted(k for k in payload if k not in declared)
    return {k: _sorted_json(payload[k]) for k in keys}


def format_line(
    *,
    event_id: uuid.UUID,
    name: str,
    subject: str,
    occurred_at: datetime,
    recorded_at: datetime,
    actor: str | None,
    source: str,
    payload: dict[str, Any],
) -> str:
    """One event as a line of the format (without the newline)."""
    envelope = {
        "id": str(event_id),
        "name": name,
        "subject": subject,
        "occurred_at": format_time(occurred_at),
        "recorded_at": format_time(recorded_at),
        "actor": actor,
        "source": source,
        "payload": ordered_payload(name, payload),
    }
    return json.dumps(envelope, ensure_ascii=False)


def export_lines(*, bureau: Unit | None = None, chunk_size: int = EXPORT_CHUNK) -> Iterator[str]:
    """Every event (or one bureau's) in the order it was recorded, one line each, read `chunk_size` rows
    at a time by keyset on `seq` — no long-lived cursor, constant memory."""
    events = Event.objects.order_by("seq")
    if bureau is not None:
        events = events.filter(bureau=bureau)
    columns = ("seq", "event_id", "name", "subject_key", "occurred_at", "recorded_at", "actor__badge_no")
    after = 0
    while True:
        rows = list(events.filter(seq__gt=after).values_list(*columns, "source", "payload")[:chunk_size])
        for _seq, event_id, name, subject, occurred_at, recorded_at, actor, source, payload in rows:
            yield format_line(
                event_id=event_id,
                name=name,
                subject=subject,
                occurred_at=occurred_at,
                recorded_at=recorded_at,
                actor=actor,
                source=source,
                payload=payload,
            )
        if len(rows) < chunk_size:
            return
        after = rows[-1][0]


def export_events(out: IO[str], *, bureau: Unit | None = None) -> int:
    """Write the export to a text stream; returns the number of events written."""
    count = 0
    for line in export_lines(bureau=bureau):
        out.write(line + "\n")
        count += 1
    return count


# --- reading and checking lines -------------------------------------------------------------------------


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKey(key)
        data[key] = value
    return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def _parse_time(value: Any, *, line: int, field: str) -> datetime:
    if not isinstance(value, str):
        raise ImportFailed(f"应为带时区的 ISO 8601 时间字符串，如 {TIME_EXAMPLE}", line=line, field=field)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ImportFailed(
            f"不是有效的 ISO 8601 时间：{value!r}，应如 {TIME_EXAMPLE}", line=line, field=field
        ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ImportFailed(
            f"时间必须带时区（如 +08:00）：{value!r}", line=line, field=field, code="naive_datetime"
        )
    return moment


def _nonempty_string(data: dict[str, Any], field: str, line: int) -> str:
    value = data[field]
    if not isinstance(value, str) or not value.strip():
        raise ImportFailed("应为非空字符串", line=line, field=field)
    return value.strip()


def parse_line(text: str, *, line: int, now: datetime) -> Envelope:
    """Check one line's envelope: valid JSON, an object, no unknown or missing fields, the right types."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_refuse_constant)
    except _DuplicateKey as exc:
        raise ImportFailed("字段重复出现", line=line, field=exc.key) from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"不是有效的 JSON：{exc.msg}（第{exc.colno}列）", line=line, field=None) from None
    except ValueError as exc:
        raise ImportFailed(f"不是有效的 JSON：不允许 {exc}", line=line, field=None) from None
    if not isinstance(data, dict):
        raise ImportFailed("每行应为一个 JSON 对象（一个事件）", line=line, field=None)
    unknown = sorted(set(data) - set(ENVELOPE_FIELDS))
    if unknown:
        raise ImportFailed(
            f"不认识的字段；允许的字段为 {', '.join(ENVELOPE_FIELDS)}",
            line=line,
            field=unknown[0],
            code="unknown_field",
        )
    for field in REQUIRED_FIELDS:
        if field not in data:
            raise ImportFailed("缺少必填字段", line=line, field=field, code="missing_field")

    raw_id = data["id"]
    try:
        event_id = uuid.UUID(raw_id) if isinstance(raw_id, str) else None
    except ValueError:
        event_id = None
    if event_id is None:
        raise ImportFailed(f"应为 UUID 字符串，如 {uuid.UUID(int=0)}", line=line, field="id")
    name = _nonempty_string(data, "name", line)
    if name not in EVENT_TYPES:
        raise ImportFailed(f"未知的事件类型：{name}", line=line, field="name", code="unknown_event")
    subject = _nonempty_string(data, "subject", line)
    if len(subject) > SUBJECT_MAX_LENGTH:
        raise ImportFailed(f"长度不能超过{SUBJECT_MAX_LENGTH}个字符", line=line, field="subject")
    occurred_at = _parse_time(data["occurred_at"], line=line, field="occurred_at")
    recorded_at = _parse_time(data["recorded_at"], line=line, field="recorded_at")
    if recorded_at > now + FUTURE_TOLERANCE:
        raise ImportFailed("录入时间晚于当前时间，请核对", line=line, field="recorded_at")
    actor = data["actor"]
    if actor is not None:
        actor = _nonempty_string(data, "actor", line)
    source = data.get("source", "")
    if not isinstance(source, str):
        raise ImportFailed("应为字符串", line=line, field="source")
    if not isinstance(data["payload"], dict):
        raise ImportFailed("应为 JSON 对象", line=line, field="payload")
    return Envelope(
        line=line,
        id=event_id,
        name=name,
        subject=subject,
        occurred_at=occurred_at,
        recorded_at=recorded_at,
        actor=actor,
        source=source,
        payload=data["payload"],
    )


def read_envelopes(stream: IO[bytes], *, now: datetime) -> Iterator[Envelope]:
    """The events of a file, line by line (blank lines skipped, numbered as a text editor numbers them)."""
    for number, raw in enumerate(stream, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ImportFailed("不是有效的 UTF-8 文本", line=number, field=None) from None
        if number == 1:
            text = text.removeprefix("\ufeff")
        if text.strip():
            yield parse_line(text, line=number, now=now)


# --- import ---------------------------------------------------------------------------------------------


@contextmanager
def _rereadable(stream: IO[bytes]) -> Iterator[IO[bytes]]:
    """The stream itself if it can be read twice, else a spooled copy (standard input)."""
    if stream.seekable():
        yield stream
        return
    with tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024, mode="w+b") as spool:
        shutil.copyfileobj(stream, spool)
        spool.seek(0)
        yield spool


def _chunks(items: Iterable[Envelope], size: int) -> Iterator[list[Envelope]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _normalised_payload(name: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """The payload as it would be stored (defaults filled in), or None if it is not valid."""
    try:
        return EVENT_TYPES[name].payload.model_validate(payload).model_dump(mode="json")
    except ValidationError:
        return None


def _differing_field(envelope: Envelope, recorded: Event) -> str | None:
    """The first field where a line disagrees with the event already recorded under its id, or None."""
    if recorded.name != envelope.name:
        return "name"
    if recorded.subject_key != envelope.subject:
        return "subject"
    if recorded.occurred_at != envelope.occurred_at:
        return "occurred_at"
    mine = _normalised_payload(envelope.name, envelope.payload)
    if mine is None:
        return "payload"
    theirs = _normalised_payload(recorded.name, recorded.payload)
    if theirs is None:  # recorded under an older schema that no longer validates: compare as stored
        theirs = recorded.payload
    for key in [*theirs, *(k for k in mine if k not in theirs)]:
        if mine.get(key) != theirs.get(key):
            return f"payload.{key}"
    return None


class _Importer:
    def __init__(self) -> None:
        self.officers: dict[str, Officer] = {}
        self.applied = 0
        self.skipped = 0
        self.case_ids: set[int] = set()  # the subjects the applied events touched (checked once at the end)
        self.incident_ids: set[int] = set()

    def actor(self, envelope: Envelope) -> Officer | None:
        if envelope.actor is None:
            return None
        officer = self.officers.get(envelope.actor)
        if officer is None:
            officer = Officer.objects.filter(badge_no=envelope.actor).first()
            if officer is None:
                raise ImportFailed(
                    f"警号{envelope.actor}对应的民警不存在；行为人须已登记，或在本文件前面以 officer.created 登记",
                    line=envelope.line,
                    field="actor",
                    code="not_found",
                )
            self.officers[envelope.actor] = officer
        return officer

    def chunk(self, envelopes: list[Envelope]) -> None:
        recorded = {e.event_id: e for e in Event.objects.filter(event_id__in=[env.id for env in envelopes])}
        for envelope in envelopes:
            previous = recorded.get(envelope.id)
            if previous is None:
                event = recorded[envelope.id] = self.apply(envelope)
                self.applied += 1
                if event.case_id:
                    self.case_ids.add(event.case_id)
                elif event.incident_id:
                    self.incident_ids.add(event.incident_id)
                continue
            field = _differing_field(envelope, previous)
            if field is not None:
                raise ImportFailed(
                    f"事件编号重复但内容不同：编号{envelope.id}已用于事件 {previous.name} {previous.subject_key}"
                    f"（发生于{format_time(previous.occurred_at)}），与本行不一致",
                    line=envelope.line,
                    field=field,
                    code="event_id_reused",
                )
            self.skipped += 1

    def apply(self, envelope: Envelope) -> Event:
        actor = self.actor(envelope)
        try:
            return event_record(
                name=envelope.name,
                subject_key=envelope.subject,
                payload=envelope.payload,
                actor=actor,
                occurred_at=envelope.occurred_at,
                recorded_at=envelope.recorded_at,
                event_id=envelope.id,
                source=IMPORT_SOURCE,
            )
        except DomainError as exc:
            # A refusal without a field is the event itself being refused (a transition not allowed).
            raise ImportFailed(
                exc.message, line=envelope.line, field=exc.field or "name", code=exc.code
            ) from exc
        except IntegrityError as exc:
            raise ImportFailed(
                f"与数据库中已有的数据冲突：{exc}", line=envelope.line, field="name", code="conflict"
            ) from exc


def import_events(stream: IO[bytes], *, now: datetime | None = None) -> ImportSummary:
    """Import a file of events: all of it, or (raising ImportFailed) none of it.

    First every line's envelope is checked without touching the database; then the events are recorded
    in file order in one transaction. `now` bounds `recorded_at` (nothing can have been recorded later).
    """
    # Supervision reads the event history, so the history's module imports it only here (no cycle).
    from lawtrail.supervision.runtime import incremental_suspended, supervise_subjects

    now = now or clock.now()
    with _rereadable(stream) as source:
        start = source.tell()
        read = sum(1 for _ in read_envelopes(source, now=now))
        source.seek(start)
        importer = _Importer()
        with transaction.atomic():
            # The supervision check runs once per touched case and incident at the end, not after every
            # event: the same alerts, at a fraction of the cost (docs/performance.md, import).
            with incremental_suspended():
                for chunk in _chunks(read_envelopes(source, now=now), IMPORT_CHUNK):
                    importer.chunk(chunk)
            supervise_subjects(case_ids=importer.case_ids, incident_ids=importer.incident_ids, as_of=now)
    return ImportSummary(read=read, applied=importer.applied, skipped=importer.skipped)
