"""Event types: name → payload schema (pydantic) → how it changes the records (the projection).

Every domain app declares its event types in its own `events.py` with `@event_type(...)`. The same
declaration serves the services (web and API writes), `lawtrail import`, the JSON Schema of the event
format (`lawtrail event_schema`) and the timeline labels — one definition, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from lawtrail.common.keyed import get_by_key

if TYPE_CHECKING:
    from django.db.models import Model

    from lawtrail.org.models import Officer


class Payload(BaseModel):
    """Base of every payload: unknown fields are errors (a typo must not be silently dropped)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


@dataclass
class Context:
    """What an event's apply function gets: the validated payload, the subject (None if created), who, when."""

    name: str
    subject_key: str
    subject: Any
    payload: Any
    actor: Officer | None
    occurred_at: datetime
    recorded_at: datetime


@dataclass(frozen=True)
class Subject:
    """A kind of thing events happen to, found by its natural key."""

    type: str
    model: Callable[[], type[Model]]
    key_field: str
    label: str

    def lookup(self, key: str, *, for_update: bool = False) -> Any:
        """The subject with natural key `key`, or None; `for_update` locks its row. One query, compiled
        once (common/keyed.py): this runs for every event."""
        return get_by_key(self.model(), self.key_field, key, for_update=for_update)

    def exists(self, key: str) -> bool:
        return get_by_key(self.model(), self.key_field, key) is not None


@dataclass(frozen=True)
class EventType:
    name: str
    subject: str
    payload: type[Payload]
    apply: Callable[[Context], Any]
    label: str
    description: str
    creates: bool = False
    examples: list[dict[str, Any]] = field(default_factory=list)


SUBJECTS: dict[str, Subject] = {}
EVENT_TYPES: dict[str, EventType] = {}


def register_subject(subject: Subject) -> None:
    SUBJECTS[subject.type] = subject


def event_type(
    name: str, *, payload: type[Payload], label: str, creates: bool = False
) -> Callable[[Callable[[Context], Any]], Callable[[Context], Any]]:
    """Declare an event type; the decorated function applies it to the records and returns the subject."""

    subject = name.split(".", 1)[0]

    def decorator(apply: Callable[[Context], Any]) -> Callable[[Context], Any]:
        if name in EVENT_TYPES:
            raise RuntimeError(f"event type {name} declared twice")
        EVENT_TYPES[name] = EventType(
            name=name,
            subject=subject,
            payload=payload,
            apply=apply,
            label=label,
            description=(apply.__doc__ or "").strip(),
            creates=creates,
        )
        return apply

    return decorator


def label_for(name: str) -> str:
    spec = EVENT_TYPES.get(name)
    return spec.label if spec else name


# Post-apply listeners: called by `event_record` after an event has been applied and appended, inside the
# same transaction, with the event and the subject it was applied to. A listener that raises makes the
# whole event fail (nothing is written). An explicit list rather than Django signals, so that what runs on
# every write is visible here: supervision's incremental check (supervision.runtime.after_event,
# registered in SupervisionConfig.ready). Keep listeners cheap: they run on every event.
POST_APPLY: list[Callable[[Any, Any], None]] = []


def on_event_applied(listener: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """Register `listener(event, subject)` to run after every applied event (once per listener)."""
    if listener not in POST_APPLY:
        POST_APPLY.append(listener)
    return listener


# Pre-apply guards: called by `event_record` inside the transaction, after the subject is locked and
# before the event's apply function, with the event's Context. A guard refuses the event by raising a
# DomainError (nothing is written); it must not write. An explicit list, like POST_APPLY: approvals'
# guards (approvals.guards: a decision needs its approval, a lead handler their qualification — registered
# in ApprovalsConfig.ready), so that pages, the API and imports are refused alike.
PRE_APPLY: list[Callable[[Context], None]] = []


def before_event_applied(guard: Callable[[Context], None]) -> Callable[[Context], None]:
    """Register `guard(ctx)` to run before every event is applied (once per guard)."""
    if guard not in PRE_APPLY:
        PRE_APPLY.append(guard)
    return guard
