"""The JSON Schema of the event format, generated from the event registry (`lawtrail event_schema`).

The envelope is fixed; its `oneOf` has one branch per event type — `name` fixed to the type's name and
`payload` the type's pydantic schema — so the schema can only say what `lawtrail import` accepts. The
committed copy (docs/event-format.schema.json) is compared with this output by a test.
"""

from __future__ import annotations

import enum
import json
import typing
from typing import Any

from django.utils import translation
from pydantic import BaseModel

from .jsonl import ENVELOPE_FIELDS, REQUIRED_FIELDS, SUBJECT_MAX_LENGTH
from .registry import EVENT_TYPES, SUBJECTS, EventType

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# What the `subject` of each kind of subject is. A new kind of subject falls back to its label and key field.
SUBJECT_KEYS = {
    "unit": "单位机构代码",
    "officer": "民警警号",
    "incident": "警情编号",
    "case": "案件编号",
}

ENVELOPE_PROPERTIES: dict[str, dict[str, Any]] = {
    "id": {"type": "string", "format": "uuid", "description": "事件编号（UUID）：导入时据此去重"},
    "name": {"type": "string", "description": "事件类型，如 case.filed"},
    "subject": {
        "type": "string",
        "minLength": 1,
        "maxLength": SUBJECT_MAX_LENGTH,
        "description": "事件主体的自然键：单位机构代码、民警警号、警情编号或案件编号",
    },
    "occurred_at": {
        "type": "string",
        "format": "date-time",
        "description": "发生时间：带时区的 ISO 8601，如 2026-03-01T09:30:00+08:00；不得晚于录入时间5分钟以上",
    },
    "recorded_at": {
        "type": "string",
        "format": "date-time",
        "description": "录入时间：事件写入原系统的时间，带时区的 ISO 8601",
    },
    "actor": {
        "type": ["string", "null"],
        "minLength": 1,
        "description": "行为人警号；系统或初始化数据为 null",
    },
    "source": {
        "type": "string",
        "description": "原系统记录事件的渠道（web、api、import、demo …），仅供参考；导入后记为 import",
    },
    "payload": {"type": "object", "description": "事件内容，按事件类型不同（见 oneOf）"},
}


def subject_description(spec: EventType) -> str:
    subject = SUBJECTS[spec.subject]
    return SUBJECT_KEYS.get(spec.subject) or f"{subject.label}（{subject.key_field}）"


def payload_enums(
    model: type[BaseModel], found: dict[str, type[enum.Enum]] | None = None
) -> dict[str, type[enum.Enum]]:
    """The enum (choices) classes a payload model uses, by name, nested models included."""
    found = {} if found is None else found

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            found[annotation.__name__] = annotation
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            payload_enums(annotation, found)
        for arg in typing.get_args(annotation):
            visit(arg)

    for field in model.model_fields.values():
        visit(field.annotation)
    return found


def choice_labels(choices: type[enum.Enum]) -> str:
    """'penalty 给予行政处罚；no_penalty 不予行政处罚' — the Chinese labels of a choices class."""
    with translation.override(None):
        return "；".join(f"{c.value} {getattr(c, 'label', c.name)}" for c in choices)


def _strip_property_titles(schema: Any) -> None:
    """pydantic titles properties after their names ("Fine Yuan"); they add nothing, so drop them."""
    if isinstance(schema, dict):
        for prop in schema.get("properties", {}).values():
            if isinstance(prop, dict):
                prop.pop("title", None)
        for value in schema.values():
            _strip_property_titles(value)
    elif isinstance(schema, list):
        for value in schema:
            _strip_property_titles(value)


def payload_schema(spec: EventType, defs: dict[str, Any], owners: dict[str, str]) -> dict[str, Any]:
    """The payload schema of one event type; its definitions are merged into `defs` (a name used for two
    different definitions is a mistake in the registry, and refused)."""
    schema = spec.payload.model_json_schema(ref_template="#/$defs/{model}", mode="validation")
    enums = payload_enums(spec.payload)
    for name, definition in schema.pop("$defs", {}).items():
        if name in enums and "enum" in definition:
            definition["description"] = choice_labels(enums[name])
        _strip_property_titles(definition)
        if name in defs and defs[name] != definition:
            raise RuntimeError(
                f"JSON Schema definition {name!r} differs between {owners[name]} and {spec.name}: rename one"
            )
        defs[name] = definition
        owners.setdefault(name, spec.name)
    schema.pop("title", None)
    _strip_property_titles(schema)
    return schema


def event_format_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one line of the event format."""
    defs: dict[str, Any] = {}
    owners: dict[str, str] = {}
    branches = []
    for spec in EVENT_TYPES.values():
        branches.append(
            {
                "title": f"{spec.name} {spec.label}",
                "description": spec.description,
                "properties": {
                    "name": {"const": spec.name},
                    "subject": {"description": subject_description(spec)},
                    "payload": payload_schema(spec, defs, owners),
                },
            }
        )
    return {
        "$schema": DRAFT,
        "title": "lawtrail 事件（JSON Lines 文件的一行）",
        "description": (
            "lawtrail 导入导出格式：每行一个事件。说明见 docs/event-format.md；"
            "本文件由 `lawtrail event_schema` 生成，请勿手工修改。"
        ),
        "type": "object",
        "properties": {field: ENVELOPE_PROPERTIES[field] for field in ENVELOPE_FIELDS},
        "required": list(REQUIRED_FIELDS),
        "additionalProperties": False,
        "oneOf": branches,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """The schema as committed in docs/event-format.schema.json."""
    return json.dumps(event_format_schema(), ensure_ascii=False, indent=2) + "\n"
