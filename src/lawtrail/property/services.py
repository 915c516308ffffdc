"""Case property writes. Each service records one event (events/services.event_record) in one transaction;
the event type validates, applies, enforces the state machine and appends the custody chain (events.py).
Storage locations are the center's reference data (like its rooms): written here, without an event."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from lawtrail.cases.models import Case
from lawtrail.common.errors import ValidationFailed
from lawtrail.events.services import event_record
from lawtrail.org.choices import UnitKind
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
    *, center: Unit, code: str, name: str, parent: StorageLocation | None = None
) -> StorageLocation:
    """Add a storage location to a property center's tree (warehouse → room → shelf → box)."""
    code, name = code.strip(), name.strip()
    if center.kind != UnitKind.PROPERTY_CENTER:
        raise ValidationFailed(f"{center.label}不是涉案财物管理中心", field="center")
    if not code or not name:
        raise ValidationFailed("请填写位置编码和名称", field="code" if not code else "name")
    if parent is not None and parent.center_id != center.id:
        raise ValidationFailed("上级位置应属于同一财物管理中心", field="parent")
    with transaction.atomic():
        if StorageLocation.objects.filter(center=center, code=code).exists():
            raise ValidationFailed(f"位置编码{code}已存在，请换一个编码", code="already_exists", field="code")
        return StorageLocation.objects.create(
            center=center,
            parent=parent,
            code=code,
            name=name,
            path=f"{parent.path}{code}/" if parent else f"/{code}/",
            depth=parent.depth + 1 if parent else 0,
        )
