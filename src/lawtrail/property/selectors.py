"""Case property reads, scoped: an item is visible with its case, and to the staff of the property center
that holds it (out of scope is 404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet

from lawtrail.cases.models import Case
from lawtrail.cases.selectors import cases_visible
from lawtrail.common import clock
from lawtrail.common.errors import NotFound
from lawtrail.org.choices import UnitKind
from lawtrail.org.models import Unit
from lawtrail.org.policies import Scope

from .choices import ItemStatus
from .models import CustodyTransfer, PropertyItem, StorageLocation

# The hand-over (and registration) limit shown on the inventory (程序规定 第190条; 若干规定 第12条). The rule
# itself — pauses for appraisal, remote areas — is the supervision catalogue's; this is the display hint.
HANDOVER_HOURS = 24

ITEM_RELATED = ("case", "holder_officer", "holder_unit", "location", "owner")


def items_visible(scope: Scope) -> QuerySet[PropertyItem]:
    """The items of the cases in scope, those the asker's property center holds, and — for the officers of
    a property center, who keep the bureau's ledger (程序规定 第189条: 管理部门和办案部门建立电子台账) and
    chase what is not handed over — every item of that center's bureau."""
    if scope.is_empty:
        return PropertyItem.objects.none()
    ledger_bureaus = Unit.objects.filter(id__in=scope.unit_ids, kind=UnitKind.PROPERTY_CENTER).values(
        "bureau_id"
    )
    return PropertyItem.objects.filter(
        Q(case__in=cases_visible(scope))
        | Q(holder_unit_id__in=scope.unit_ids)
        | Q(bureau_id__in=ledger_bureaus)
    )


def item_get(scope: Scope, code: str) -> PropertyItem:
    item = items_visible(scope).select_related(*ITEM_RELATED).filter(code=code).first()
    if item is None:
        raise NotFound(f"涉案财物{code}不存在或不在您的查看范围内")
    return item


def item_transfers(item: PropertyItem) -> QuerySet[CustodyTransfer]:
    return item.transfers.select_related("from_officer", "to_officer", "to_unit", "location").order_by(
        "at", "id"
    )


def case_items(case: Case) -> QuerySet[PropertyItem]:
    """The items of a case (the caller has fetched the case through its scope)."""
    return case.property_items.select_related(*ITEM_RELATED).order_by("seized_at", "id")


def centers_visible(scope: Scope) -> QuerySet[Unit]:
    """The property centers the asker may see: those in their scope, or, for the case officers of a bureau,
    those of their bureau (they hand items over to them)."""
    if scope.is_empty:
        return Unit.objects.none()
    bureaus = Unit.objects.filter(id__in=scope.unit_ids).values("bureau_id")
    return Unit.objects.filter(kind=UnitKind.PROPERTY_CENTER, bureau_id__in=bureaus).order_by("code")


def center_get(scope: Scope, code: str) -> Unit:
    center = centers_visible(scope).filter(code=code).first()
    if center is None:
        raise NotFound(f"涉案财物管理中心{code}不存在或不在您的查看范围内")
    return center


def center_locations(center: Unit) -> list[StorageLocation]:
    return list(center.storage_locations.order_by("path"))


def handover_due(item: PropertyItem) -> datetime:
    return item.seized_at + timedelta(hours=HANDOVER_HOURS)


def overdue_items(scope: Scope, *, now: datetime | None = None) -> QuerySet[PropertyItem]:
    """Items an officer still holds more than 24 hours after taking them, and sealed or frozen items not
    registered within 24 hours."""
    now = now or clock.now()
    cutoff = now - timedelta(hours=HANDOVER_HOURS)
    return (
        items_visible(scope)
        .filter(
            Q(status=ItemStatus.HELD, handed_over_at__isnull=True)
            | Q(status=ItemStatus.NOT_HELD, registered_at__isnull=True),
            seized_at__lt=cutoff,
        )
        .select_related(*ITEM_RELATED)
        .order_by("seized_at", "id")
    )


@dataclass
class LocationRow:
    location: StorageLocation
    items: list[PropertyItem]


def inventory_by_location(scope: Scope, center: Unit) -> tuple[list[LocationRow], list[PropertyItem]]:
    """The center's locations in tree order with the items on each, and the items received but not yet
    put in a location."""
    items = list(
        items_visible(scope)
        .filter(holder_unit=center, status=ItemStatus.IN_CENTER)
        .select_related(*ITEM_RELATED)
        .order_by("code")
    )
    by_location: dict[int | None, list[PropertyItem]] = {}
    for item in items:
        by_location.setdefault(item.location_id, []).append(item)
    rows = [LocationRow(loc, by_location.get(loc.id, [])) for loc in center_locations(center)]
    return rows, by_location.get(None, [])


@dataclass
class CaseRow:
    case: Case
    items: list[PropertyItem]


def inventory_by_case(scope: Scope, *, open_only: bool = True) -> list[CaseRow]:
    qs = items_visible(scope).select_related(*ITEM_RELATED).order_by("case__number", "code")
    if open_only:
        qs = qs.filter(status__in=[ItemStatus.HELD, ItemStatus.IN_CENTER, ItemStatus.NOT_HELD])
    rows: dict[int, CaseRow] = {}
    for item in qs[:2000]:
        rows.setdefault(item.case_id, CaseRow(item.case, [])).items.append(item)
    return list(rows.values())
