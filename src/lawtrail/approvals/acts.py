"""Which act an event is, and what exactly an approval of it covers.

The same function describes the act when an approval is requested (services.approval_request) and when
the act itself is recorded (guards.approval_guard): both pass the act's payload through the act event's
own pydantic model and keep the same fields, so the SHA-256 of the content is equal exactly when the act
is the one that was reviewed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from lawtrail.common.clock import local

from .choices import MEASURE_ACTS, ActKind

# The act events an approval can cover, and the payload fields that are "the content" of each.
CONTENT_FIELDS: dict[str, tuple[str, ...]] = {
    "case.decided": ("outcome", "penalty", "reason"),
    "case.withdrawn": ("reason",),
    "case.not_filed": ("reason",),
    "measure.applied": ("kind", "party"),
    "measure.extended": ("measure_id", "hours", "days", "months", "basis"),
    "measure.arrest_requested": ("measure_id",),
}
MEASURE_STEP_ACTS = {
    "measure.extended": ActKind.EXTENSION,
    "measure.arrest_requested": ActKind.ARREST_REQUEST,
}
PS_V2026 = date(2026, 1, 1)


def content_hash(content: dict[str, Any]) -> str:
    """SHA-256 of the content as canonical JSON (sorted keys, no spaces): the fingerprint of what was
    reviewed."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_of(act_event: str, payload: dict[str, Any], *, measure_id: str = "") -> dict[str, Any]:
    """The reviewed content of an act: its payload normalised by the event's own model, the fields that
    matter. `measure_id`: the measure an extension or arrest request concerns (the event's subject)."""
    from lawtrail.events.registry import EVENT_TYPES

    data = EVENT_TYPES[act_event].payload.model_validate(payload).model_dump(mode="json")
    if measure_id:
        data["measure_id"] = measure_id
    return {k: data.get(k) for k in CONTENT_FIELDS[act_event]}


def decision_kind(penalty: dict[str, Any] | None, *, offence_law: str | None, day: date) -> ActKind:
    """The kind of a case decision for the approval policy: 行政拘留, 吊销许可证, 责令停产停业, a fine at or
    above the bureau's threshold (supervision settings legal_review_fine_yuan[_ps_v2026], the catalogue's
    recommendation by default), else an ordinary penalty decision."""
    from lawtrail.supervision.settings import load_settings

    if not penalty:
        return ActKind.PENALTY_DECISION
    settings = load_settings()
    if penalty.get("detention_days") and settings.legal_review_detention:
        return ActKind.ADMIN_DETENTION
    other = penalty.get("other") or ""
    if "吊销" in other:
        return ActKind.LICENCE_REVOCATION
    if "停产停业" in other or "停业整顿" in other:
        return ActKind.BUSINESS_SUSPENSION
    ps_2026 = offence_law in ("治安管理处罚法", None) and day >= PS_V2026
    threshold = settings.legal_review_fine_yuan_ps_v2026 if ps_2026 else settings.legal_review_fine_yuan
    if (penalty.get("fine_yuan") or 0) >= threshold:
        return ActKind.MAJOR_FINE
    return ActKind.PENALTY_DECISION


@dataclass(frozen=True)
class Act:
    """An act that may need approval: its kind, the case, the act event and the reviewed content."""

    kind: ActKind
    case: Any
    event: str
    content: dict[str, Any]

    @property
    def hash(self) -> str:
        return content_hash(self.content)


def act_kind_for(act_event: str, content: dict[str, Any], *, case: Any, when: datetime) -> ActKind | None:
    if act_event == "case.decided":
        offence_law = case.offence.law if case.offence_id else None
        return decision_kind(content.get("penalty"), offence_law=offence_law, day=local(when).date())
    if act_event == "case.withdrawn":
        return ActKind.CASE_WITHDRAWAL
    if act_event == "case.not_filed":
        return ActKind.NON_FILING
    if act_event == "measure.applied":
        return MEASURE_ACTS.get(str(content.get("kind")))
    return MEASURE_STEP_ACTS.get(act_event)
