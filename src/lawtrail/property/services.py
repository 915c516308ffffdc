"""Case property writes. Each service records one event (events/services.event_record) in one transaction;
the event type validates, applies, enforces the state machine and appends the custody chain (events.py).
A storage location is an event of its property center (`unit.storage_location_added`), so that an export
carries what the items' movements refer to."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from lawtrail.cases.models import Case
from lawtrail.events.services import event_record
from lawtrail.org.models import Officer, Unit

from .models import PropertyItem, StorageLocation

ITEM_STEPS = (
    "property.handed_over",
    "property.transferred",
    "property.stored",
    "property.registered",
    "property.inspectorate_filed",
    "property.found_unrelated",
    "property.owner_notified",
    "property.claimed",
    "property.freeze_renewed",
    "property.returned",
    "property.confiscated",
    "property.destroyed",
    "property.disposed",
)


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def property_seize(
    *,
    actor: Officer | None,
    case: Case,
    measure: str,
    category: str,
    description: str,
    quantity: Decimal | int | str,
    unit_of_measure: str,
    occurred_at: datetime | None = None,
    source: str = "web",
    **details: Any,
) -> PropertyItem:
    """Take an item in a case (`property.seized`: seize, seal, freeze, retain, preserve); returns it with its
    new ledger number. `details`: estimated_value, photos, owner (party id), owner_name, held_by_police,
    kind, holder (badge), document_ref, place, note."""
    item_id = str(uuid.uuid4())
    payload = {
        "case": case.number,
        "measure": measure,
        "category": category,
        "description": description,
        "quantity": _plain(quantity),
        "unit_of_measure": unit_of_measure,
        **{k: _plain(v) for k, v in details.items() if v not in (None, "")},
    }
    event_record(
        name="property.seized",
        subject_key=item_id,
        actor=actor,
        occurred_at=occurred_at,
        source=source,
        payload=payload,
    )
    return PropertyItem.objects.get(item_id=item_id)


def property_event(
    *,
    item: PropertyItem,
    name: str,
    actor: Officer | None,
    payload: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
    source: str = "web",
) -> PropertyItem:
    """Record a movement or step of an item (hand-over, transfer, storage, return …) and return the item."""
    if name not in ITEM_STEPS:
        raise ValueError(f"not a property step: {name}")
    event_record(
        name=name,
        subject_key=str(item.item_id),
        actor=actor,
        payload=payload or {},
        occurred_at=occurred_at,
        source=source,
    )
    return PropertyItem.objects.get(pk=item.pk)


def location_create(
    *,
    actor: Officer | None,
    center: Unit,
    code: str,
    name: str,
    parent: StorageLocation | None = None,
    source: str = "web",
) -> StorageLocation:
    """Add a storage location to a property center's tree (`unit.storage_location_added`)."""
    event_record(
        name="unit.storage_location_added",
        subject_key=center.code,
        actor=actor,
        source=source,
        payload={"code": code.strip(), "name": name.strip(), "parent": parent.code if parent else ""},
    )
    return StorageLocation.objects.get(center=center, code=code.strip())
