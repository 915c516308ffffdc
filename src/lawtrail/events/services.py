"""Writing events: the one path by which anything in lawtrail changes.

`event_record` validates the payload against the event type's schema, locks and loads the subject,
applies the event to the records (which enforces the state machines), appends the event and runs the
post-apply listeners (registry.POST_APPLY: supervision's incremental check) — all in one transaction, so
a refused event leaves nothing behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from pydantic import ValidationError

from lawtrail.common import clock
from lawtrail.common.errors import DomainError, NotFound, ValidationFailed
from lawtrail.org.models import Officer

from .models import Event
from .registry import EVENT_TYPES, POST_APPLY, PRE_APPLY, SUBJECTS, Context

# Clocks differ between systems: an event may be dated this far after it was recorded before we refuse it.
FUTURE_TOLERANCE = timedelta(minutes=5)

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不认识的字段（请检查拼写，或参阅 docs/event-format.md）",
    "string_too_short": "不能为空",
    "string_type": "应为字符串",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "datetime_type": "应为带时区的 ISO 8601 时间，如 2026-03-01T09:30:00+08:00",
    "datetime_parsing": "应为带时区的 ISO 8601 时间，如 2026-03-01T09:30:00+08:00",
    "date_parsing": "应为 ISO 8601 日期，如 2026-03-01",
    "date_from_datetime_parsing": "应为 ISO 8601 日期，如 2026-03-01",
    "timezone_aware": "时间必须带时区，如 +08:00",
    "uuid_parsing": "应为 UUID",
    "list_type": "应为数组",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
}


def describe_validation_error(exc: ValidationError) -> tuple[str, str]:
    """(field path, message in Chinese) for the first error pydantic found."""
    return describe_error(exc.errors()[0])


def describe_error(err: Mapping[str, Any]) -> tuple[str, str]:
    """(field path, message in Chinese) for one pydantic error (also used for the API's request errors)."""
    path = ".".join(str(p) for p in err.get("loc", ()))
    kind = err.get("type", "")
    if kind == "value_error":
        message = str(err.get("ctx", {}).get("error", err.get("msg", "")))
    elif kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        message = f"取值无效：{err.get('input')!r}，可选值：{expected}"
    else:
        message = _PYDANTIC_MESSAGES.get(kind, err.get("msg", kind))
    return path, message


def event_record(
    *,
    name: str,
    subject_key: str,
    payload: dict[str, Any],
    actor: Officer | None,
    occurred_at: datetime | None = None,
    recorded_at: datetime | None = None,
    event_id: uuid.UUID | None = None,
    source: str = "web",
) -> Event:
    """Record one event: validate, apply to the records, append. Raises DomainError and writes nothing."""
    spec = EVENT_TYPES.get(name)
    if spec is None:
        raise ValidationFailed(f"未知的事件类型：{name}", code="unknown_event", field="name")
    recorded_at = recorded_at or clock.now()
    occurred_at = occurred_at or recorded_at
    for label, moment in (("occurred_at", occurred_at), ("recorded_at", recorded_at)):
        if timezone.is_naive(moment):
            raise ValidationFailed("时间必须带时区，如 +08:00", code="naive_datetime", field=label)
    if occurred_at > recorded_at + FUTURE_TOLERANCE:
        raise ValidationFailed(
            "发生时间晚于录入时间：事件不能发生在将来，请核对发生时间",
            code="occurred_in_future",
            field="occurred_at",
        )
    try:
        data = spec.payload.model_validate(payload)
    except ValidationError as exc:
        path, message = describe_validation_error(exc)
        raise ValidationFailed(
            message, code="invalid_payload", field=f"payload.{path}" if path else "payload"
        ) from exc

    subject_def = SUBJECTS[spec.subject]
    with transaction.atomic():
        if spec.creates:
            if subject_def.exists(subject_key):
                raise ValidationFailed(
                    f"{subject_def.label}{subject_key}已存在，不能重复创建",
                    code="already_exists",
                    field="subject",
                )
            subject = None
        else:
            subject = subject_def.lookup(subject_key, for_update=True)
            if subject is None:
                raise NotFound(f"{subject_def.label}{subject_key}不存在", field="subject")
        ctx = Context(
            name=name,
            subject_key=subject_key,
            subject=subject,
            payload=data,
            actor=actor,
            occurred_at=occurred_at,
            recorded_at=recorded_at,
        )
        for guard in PRE_APPLY:  # registry.py: e.g. approvals' "no decision without its approval"
            guard(ctx)
        try:
            subject = spec.apply(ctx)
        except DomainError:
            raise
        event = Event(
            event_id=event_id or uuid.uuid4(),
            name=name,
            subject_type=spec.subject,
            subject_key=subject_key,
            actor=actor,
            actor_name=actor.name if actor else "",
            occurred_at=occurred_at,
            recorded_at=recorded_at,
            payload=data.model_dump(mode="json", exclude_defaults=False),
            source=source,
        )
        _attach(event, spec.subject, subject)
        event.save()
        for listener in POST_APPLY:  # registry.py: e.g. supervision's incremental check
            listener(event, subject)
        return event


def _attach(event: Event, subject_type: str, subject: Any) -> None:
    """Link the event to its subject and to the unit and bureau that own it (scoping, partitioning)."""
    if subject_type == "case":
        event.case = subject
        event.unit_id, event.bureau_id = subject.unit_id, subject.bureau_id
        event.incident_id = None
    elif subject_type == "incident":
        event.incident = subject
        event.unit_id, event.bureau_id = subject.unit_id, subject.bureau_id
    elif subject_type == "unit":
        event.unit = subject
        event.bureau_id = subject.bureau_id
    elif subject_type == "officer":
        event.unit_id = subject.unit_id
        event.bureau_id = subject.unit.bureau_id
    else:
        # Sub-records of a case (措施, 询问, 拘留执行, 文书, 涉案财物, 办案中心, 审批) are in the case's history;
        # media in its case's or incident's; records of a unit alone (视频抽查) in the unit's. Every
        # subject names its unit and bureau (scoping, partitioning).
        event.case_id = getattr(subject, "case_id", None)
        if event.case_id is None:
            event.incident_id = getattr(subject, "incident_id", None)
        event.unit_id, event.bureau_id = subject.unit_id, subject.bureau_id
