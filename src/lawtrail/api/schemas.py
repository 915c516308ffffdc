"""Schemas shared by the apps' endpoints: references to units and officers, events, pagination."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema

from lawtrail.events.registry import EVENT_TYPES, label_for

T = TypeVar("T")


class UnitRef(Schema):
    id: int
    code: str = Field(description="机构代码")
    name: str


class OfficerRef(Schema):
    badge_no: str = Field(description="警号")
    name: str


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=200, description="每页条数 (page size, 1–200)")
    offset: int = Field(0, ge=0, description="跳过的条数 (items to skip)")


class Page(Schema, Generic[T]):
    items: list[T]
    total: int = Field(description="符合条件的总条数 (total matching, ignoring limit/offset)")
    limit: int
    offset: int


def paginate(qs: QuerySet, page: PageQuery) -> dict[str, Any]:
    """One COUNT and one page of rows (the queryset names its select_related/prefetch_related)."""
    return {
        "items": list(qs[page.offset : page.offset + page.limit]),
        "total": qs.count(),
        "limit": page.limit,
        "offset": page.offset,
    }


class EventOut(Schema):
    seq: int = Field(description="录入顺序号")
    event_id: uuid.UUID
    name: str = Field(description="事件类型，如 case.filed")
    label: str = Field(description="事件名称（中文）")
    subject_type: str
    subject_key: str = Field(description="案件或警情编号")
    occurred_at: datetime = Field(description="发生时间")
    recorded_at: datetime = Field(description="录入时间")
    actor: OfficerRef | None = None
    actor_name: str
    payload: dict[str, Any]
    source: str = Field(description="录入渠道：web、api、import …")

    @staticmethod
    def resolve_label(obj) -> str:
        return label_for(obj.name)

    @staticmethod
    def resolve_actor(obj) -> Any:
        return obj.actor if obj.actor_id else None


def event_catalogue(names: list[str]) -> str:
    """A Markdown list of event types and their payload fields, for an endpoint's description."""
    lines = []
    for name in names:
        spec = EVENT_TYPES[name]
        schema = spec.payload.model_json_schema()
        required = set(schema.get("required", []))
        fields = (
            ", ".join(f"`{f}`{'*' if f in required else ''}" for f in schema.get("properties", {})) or "—"
        )
        lines.append(f"- `{name}` {spec.label}: {fields}")
    return "\n".join(lines)
