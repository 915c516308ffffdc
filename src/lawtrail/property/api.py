"""涉案财物 over HTTP: list items (a case's, the overdue ones), seize one, append its movements, read its
custody chain and its QR label.

Thin: parse, call a selector or a service, shape the answer. The event types validate the payloads and
enforce the item's state machine (409); the selectors scope everything like the case (404).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from pydantic import AwareDatetime, WithJsonSchema

from lawtrail.api.auth import request_officer, request_scope
from lawtrail.api.errors import body_fields, errors
from lawtrail.api.schemas import EventOut, event_catalogue
from lawtrail.cases.selectors import case_get
from lawtrail.events.models import Event

from . import events as _events  # noqa: F401  (the event types must be registered before ItemEventIn)
from .choices import ItemStatus, PropertyCategory, SeizureMeasure
from .models import CustodyTransfer, PropertyItem
from .selectors import case_items, item_get, item_transfers, items_visible, overdue_items
from .services import ITEM_STEPS, property_event, property_seize

# Amounts are decimals (no binary rounding of yuan); the schema says "a number ≥ 0", which is what is accepted.
Amount = Annotated[Decimal, Field(ge=0), WithJsonSchema({"type": "number", "minimum": 0})]

router = Router(tags=["涉案财物 property"])


class ItemOut(Schema):
    item_id: uuid.UUID
    code: str = Field(description="财物编号（标签上的二维码内容）")
    case: str = Field(description="案件编号")
    category: PropertyCategory
    description: str
    quantity: Decimal
    unit_of_measure: str
    estimated_value: Decimal | None
    photos: list[str]
    owner_name: str
    measure: SeizureMeasure
    held_by_police: bool
    document_ref: str
    status: ItemStatus
    holder: str = Field(description="当前持有（民警、财物管理中心及存放位置、原地或去向）")
    holder_officer: str | None = Field(description="持有民警警号")
    holder_unit: str | None = Field(description="持有单位代码（财物管理中心）")
    location: str | None = Field(description="存放位置编码")
    seized_at: datetime
    handed_over_at: datetime | None
    registered_at: datetime | None
    closed_at: datetime | None
    approved_by: str

    @staticmethod
    def resolve_case(obj: PropertyItem) -> str:
        return obj.case.number

    @staticmethod
    def resolve_holder(obj: PropertyItem) -> str:
        return obj.holder_label

    @staticmethod
    def resolve_holder_officer(obj: PropertyItem) -> str | None:
        return obj.holder_officer.badge_no if obj.holder_officer_id else None

    @staticmethod
    def resolve_holder_unit(obj: PropertyItem) -> str | None:
        return obj.holder_unit.code if obj.holder_unit_id else None

    @staticmethod
    def resolve_location(obj: PropertyItem) -> str | None:
        return obj.location.code if obj.location_id else None


class TransferOut(Schema):
    event: str = Field(description="事件类型")
    at: datetime
    from_label: str = Field(description="交出方")
    to_label: str = Field(description="接收方")
    note: str

    @staticmethod
    def resolve_event(obj: CustodyTransfer) -> str:
        return obj.event_name


class ItemQuery(Schema):
    case: str | None = Field(None, description="案件编号")
    overdue: bool = Field(False, description="只列超过24小时未移交/未登记的财物")


class SeizeIn(Schema):
    case: str = Field(description="案件编号（须在您的范围内）")
    measure: SeizureMeasure
    category: PropertyCategory
    description: str
    quantity: Amount
    unit_of_measure: str
    estimated_value: Amount | None = None
    photos: list[str] = Field(default_factory=list)
    owner: uuid.UUID | None = Field(None, description="持有人/所有人（当事人编号）")
    owner_name: str = ""
    held_by_police: bool | None = None
    kind: Literal["deposit", "securities"] | None = None
    holder: str = Field("", description="持有民警警号（不填为调用者）")
    document_ref: str = ""
    place: str = ""
    note: str = ""
    occurred_at: AwareDatetime | None = Field(None, description="提取时间，缺省为现在")


class ItemEventIn(Schema):
    name: Literal[ITEM_STEPS] = Field(description="事件类型")  # type: ignore[valid-type]
    payload: dict[str, Any] = Field(default_factory=dict, description="事件内容，字段由事件类型决定")
    occurred_at: AwareDatetime | None = Field(None, description="发生时间")


@router.get("/items", response={200: list[ItemOut], **errors(404, 422)}, summary="涉案财物 Items")
def list_items(request: HttpRequest, filters: Query[ItemQuery]):
    """A case's items (`case`), or the items overdue for hand-over in the caller's scope (`overdue`)."""
    scope = request_scope(request)
    if filters.case:
        return list(case_items(case_get(scope, filters.case)))
    if filters.overdue:
        return list(overdue_items(scope))
    return list(
        items_visible(scope)
        .select_related("case", "holder_officer", "holder_unit", "location")
        .exclude(status__in=["returned", "confiscated", "destroyed", "disposed"])
        .order_by("seized_at", "id")[:500]
    )


@router.post("/items", response={201: ItemOut, **errors(404, 409, 422)}, summary="登记涉案财物 Seize an item")
def create_item(request: HttpRequest, data: SeizeIn):
    """Records `property.seized`; the item gets its ledger number (`code`)."""
    case = case_get(request_scope(request), data.case)
    details = data.model_dump(
        mode="json",
        exclude={"case", "measure", "category", "description", "quantity", "unit_of_measure", "occurred_at"},
    )
    with body_fields():
        item = property_seize(
            actor=request_officer(request),
            case=case,
            measure=data.measure.value,
            category=data.category.value,
            description=data.description,
            quantity=data.quantity,
            unit_of_measure=data.unit_of_measure,
            occurred_at=data.occurred_at,
            source="api",
            **details,
        )
    return Status(201, item_get(request_scope(request), item.code))


@router.get("/items/{code}", response={200: ItemOut, **errors(404)}, summary="财物详情 Item")
def get_item(request: HttpRequest, code: str):
    return item_get(request_scope(request), code)


@router.get(
    "/items/{code}/transfers",
    response={200: list[TransferOut], **errors(404)},
    summary="交接记录 Custody chain",
)
def get_transfers(request: HttpRequest, code: str):
    return list(item_transfers(item_get(request_scope(request), code)))


@router.get("/items/{code}/label.svg", response={200: None, **errors(404)}, summary="二维码 QR code (SVG)")
def get_label(request: HttpRequest, code: str):
    from .views import qr_svg

    item = item_get(request_scope(request), code)
    return HttpResponse(str(qr_svg(item.code, 240)), content_type="image/svg+xml")


@router.post(
    "/items/{code}/events",
    response={201: EventOut, **errors(404, 409, 422)},
    summary="登记财物事件 Append an item event",
    description=(
        "Hand-over to the property center, transfer, storage, registration, return, confiscation, "
        "destruction … The item's state machine decides whether the step is allowed now (409).\n\n"
        "事件类型及其字段（*为必填）：\n\n" + event_catalogue(list(ITEM_STEPS))
    ),
)
def append_item_event(request: HttpRequest, code: str, data: ItemEventIn):
    item = item_get(request_scope(request), code)
    property_event(
        item=item,
        name=data.name,
        actor=request_officer(request),
        payload=data.payload,
        occurred_at=data.occurred_at,
        source="api",
    )
    return Status(
        201, Event.objects.filter(subject_type="property", subject_key=str(item.item_id)).latest("seq")
    )
