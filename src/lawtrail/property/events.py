"""Case property events. Names and payload fields are those the supervision catalogue's rules read
(supervision/catalogue/_events.yaml, 09_property.yaml): `property.seized` with `measure`, `held_by_police`
and `kind`; every event carries `item_id` (filled in from the subject), the key by which the fact builder
pairs a seizure with its hand-over (`correlate: subject`).

Each apply function checks the state machine (machine.py), changes the item, and appends the movement to
the custody chain (CustodyTransfer) — so the current holder is always known and every change of holder is
an event.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from lawtrail.cases.choices import CaseStatus
from lawtrail.cases.models import Case, Party
from lawtrail.common.clock import LEGAL_TZ, local
from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.common.keyed import get_by_key
from lawtrail.common.models import sequence_next, sequence_observe
from lawtrail.events.registry import Context, Payload, Subject, event_type, register_subject
from lawtrail.incidents.events import officer_by_badge
from lawtrail.org.choices import UnitKind
from lawtrail.org.models import Officer, Unit

from .choices import DestructionMethod, ItemStatus, PropertyCategory, SeizureMeasure
from .machine import PROPERTY_MACHINE
from .models import CustodyTransfer, PropertyItem, StorageLocation

register_subject(Subject("property", lambda: PropertyItem, "item_id", "涉案财物"))

# Measures that leave the property where it is (a house, an account): registered, not handed over.
NOT_HELD_MEASURES = frozenset({SeizureMeasure.SEAL, SeizureMeasure.FREEZE})


# --- payloads -------------------------------------------------------------------------------------------


class ItemPayload(Payload):
    item_id: str = Field("", description="财物编号（UUID，与事件主体相同；不填则自动填写）")
    note: str = Field("", max_length=2000, description="说明")


class PropertySeized(ItemPayload):
    case: str = Field(description="案件编号")
    measure: SeizureMeasure = Field(
        description="seize 扣押 | seal 查封 | freeze 冻结 | retain 扣留 | preserve 先行登记保存"
    )
    category: PropertyCategory
    description: str = Field(
        min_length=1, max_length=500, description="名称及特征（品牌、型号、颜色、编号…）"
    )
    quantity: Decimal = Field(gt=0, max_digits=14, decimal_places=3)
    unit_of_measure: str = Field(min_length=1, max_length=20, description="计量单位：件、台、元、克…")
    estimated_value: Decimal | None = Field(
        None, ge=0, max_digits=16, decimal_places=2, description="估价（元）"
    )
    photos: list[str] = Field(default_factory=list, max_length=50, description="照片（音视频记录编号）")
    owner: str = Field("", description="持有人/所有人（当事人编号）")
    owner_name: str = Field("", max_length=100, description="持有人/所有人姓名（非本案当事人时）")
    held_by_police: bool | None = Field(
        None, description="由公安机关保管（不填：扣押、扣留、先行登记保存为是，查封、冻结为否）"
    )
    kind: Literal["deposit", "securities"] | None = Field(
        None, description="冻结的财产种类：deposit 存款等 | securities 证券（不填则取类别）"
    )
    holder: str = Field("", description="提取后持有财物的民警警号（不填为录入人）")
    document_ref: str = Field("", max_length=100, description="扣押决定书/查封决定书等的文号")
    place: str = Field("", max_length=200, description="提取、查封地点")
    code: str = Field("", description="财物编号（自动生成）")


class PropertyHandedOver(ItemPayload):
    center: str = Field(description="涉案财物管理中心的单位代码")
    received_by: str = Field(min_length=1, description="接收的财物管理人员警号")
    location: str = Field("", description="存放位置编码（可在入库时再填）")


class PropertyTransferred(ItemPayload):
    to: str = Field(min_length=1, description="接收民警警号")
    reason: str = Field("", max_length=500, description="交接或调用的原因（讯问、鉴定、辨认…）")
    approved_by: str = Field("", max_length=100, description="批准人（从财物管理中心调出时必填）")


class PropertyStored(ItemPayload):
    location: str = Field(min_length=1, description="存放位置编码")


class PropertyRegistered(ItemPayload):
    center: str = Field(description="涉案财物管理中心的单位代码")
    received_by: str = Field(min_length=1, description="登记的财物管理人员警号")


class PropertyReturned(ItemPayload):
    recipient: str = Field(min_length=1, max_length=100, description="领取人")
    approved_by: str = Field(min_length=1, max_length=100, description="批准人（职务、姓名）")
    document_ref: str = Field("", max_length=100, description="发还清单/解除决定的文号")


class PropertyConfiscated(ItemPayload):
    approved_by: str = Field(min_length=1, max_length=100, description="批准人（职务、姓名）")
    document_ref: str = Field("", max_length=100, description="处罚决定书/收缴清单的文号")


class PropertyDestroyed(ItemPayload):
    approved_by: str = Field(min_length=1, max_length=100, description="批准人（职务、姓名）")
    method: DestructionMethod
    witnesses: str = Field(min_length=1, max_length=300, description="监销人员")


class PropertyDisposed(ItemPayload):
    approved_by: str = Field(min_length=1, max_length=100, description="批准人（职务、姓名）")
    how: str = Field(min_length=1, max_length=300, description="处理方式（上缴国库、拍卖…）")


class PropertyFreezeRenewed(ItemPayload):
    approved_by: str = Field(min_length=1, max_length=100, description="批准人")
    document_ref: str = Field("", max_length=100, description="续冻文书文号")


class PropertyOwnerNotified(ItemPayload):
    method: Literal["notice", "announcement"] = Field(description="notice 通知原主 | announcement 公告")


class StorageLocationAdded(Payload):
    code: str = Field(min_length=1, max_length=40, description="位置编码")
    name: str = Field(min_length=1, max_length=100, description="名称")
    parent: str = Field("", max_length=40, description="上级位置编码（不填为顶层：库房）")


class PropertyClaimed(ItemPayload):
    claimant: str = Field(min_length=1, max_length=100, description="认领人")


# --- helpers --------------------------------------------------------------------------------------------


def _open_case(number: str) -> Case:
    case = get_by_key(Case, "number", number)
    if case is None:
        raise NotFound(f"案件{number}不存在", field="payload.case")
    if case.status == CaseStatus.CLOSED:
        raise TransitionNotAllowed("案件已结案，不能再登记涉案财物", code="case_closed")
    return case


def _not_before(moment: datetime, earliest: datetime | None, what: str) -> None:
    if earliest and moment < earliest:
        text = earliest.astimezone(LEGAL_TZ).strftime("%Y-%m-%d %H:%M")
        raise ValidationFailed(f"{what}不能早于{text}，请核对时间", code="before_start", field="occurred_at")


def _same_bureau(officer: Officer, item_bureau_id: int, field: str) -> Officer:
    if officer.unit.bureau_id != item_bureau_id:
        raise ValidationFailed("接收人应为本局民警", field=field)
    return officer


def _center(code: str, bureau_id: int) -> Unit:
    unit = get_by_key(Unit, "code", code)
    if unit is None or unit.bureau_id != bureau_id or unit.kind != UnitKind.PROPERTY_CENTER:
        raise ValidationFailed(
            f"单位{code}不是本局的涉案财物管理中心；请选择类型为「涉案财物管理中心」的单位",
            code="not_property_center",
            field="payload.center",
        )
    return unit


def _location(center: Unit, code: str) -> StorageLocation:
    location = StorageLocation.objects.filter(center=center, code=code, is_active=True).first()
    if location is None:
        raise ValidationFailed(
            f"{center.label}没有编码为{code}的存放位置；请先在“存放位置”中添加", field="payload.location"
        )
    return location


def _officer_label(officer: Officer | None) -> str:
    return f"{officer.name}（{officer.badge_no}）" if officer else ""


def _step(ctx: Context) -> PropertyItem:
    """Check the state machine, fill in `item_id`, and return the locked item."""
    item: PropertyItem = ctx.subject
    PROPERTY_MACHINE.check(ctx.name, item.status)
    given = ctx.payload.item_id
    if given and given != ctx.subject_key:
        raise ValidationFailed(f"item_id与财物记录不符（应为{ctx.subject_key}）", field="payload.item_id")
    ctx.payload.item_id = ctx.subject_key
    _not_before(ctx.occurred_at, item.seized_at, "时间")
    return item


def _move(
    ctx: Context,
    item: PropertyItem,
    *,
    to_label: str,
    to_officer: Officer | None = None,
    to_unit: Unit | None = None,
    location: StorageLocation | None = None,
    from_officer: Officer | None = None,
    note: str = "",
) -> None:
    """Append the movement to the custody chain and make its receiver the current holder."""
    from_officer = from_officer or item.holder_officer
    CustodyTransfer.objects.create(
        item=item,
        event_name=ctx.name,
        at=ctx.occurred_at,
        from_label=item.holder_label,
        to_label=to_label,
        from_officer=from_officer,
        to_officer=to_officer,
        to_unit=to_unit,
        location=location,
        note=note or ctx.payload.note,
    )
    # The center holds what was handed to it (its custodian is named on the transfer); otherwise the officer.
    item.holder_officer = None if to_unit else to_officer
    item.holder_unit, item.location = to_unit, location


def _save(item: PropertyItem, ctx: Context, **fields) -> PropertyItem:
    for key, value in fields.items():
        setattr(item, key, value)
    item.updated_at = ctx.occurred_at
    item.save()
    return item


def _ledger_number(case: Case, moment: datetime, given: str) -> str:
    """The item's ledger number: CW + the bureau's 6-digit code + year + a 6-digit counter per bureau and
    year, allocated in the seizure's transaction (gap-free). An imported seizure keeps the number it was
    given (its format and the year checked), and the counter moves past it."""
    year = local(moment).year
    prefix = f"CW{case.bureau.code[:6] if case.bureau_id else '000000'}{year}"
    key = f"property:{case.bureau_id}:{year}"
    if not given:
        return f"{prefix}{sequence_next(key):06d}"
    tail = given.removeprefix(prefix)
    if tail == given or len(tail) != 6 or not tail.isdigit():
        raise ValidationFailed(f"财物编号应为{prefix}加6位数字（或不填，由系统生成）", field="payload.code")
    if PropertyItem.objects.filter(code=given).exists():
        raise ValidationFailed(f"财物编号{given}已被使用", code="already_exists", field="payload.code")
    sequence_observe(key, int(tail))
    return given


# --- seizure --------------------------------------------------------------------------------------------


@event_type("property.seized", payload=PropertySeized, label="提取/扣押涉案财物", creates=True)
def apply_seized(ctx: Context) -> PropertyItem:
    """An item is taken in a case — seized (扣押), retained (扣留), preserved (先行登记保存) and held by the
    officer, or sealed (查封) / frozen (冻结) where it is — with its description, quantity and value, the
    document that ordered it, and a new ledger number (第189条: 逐一编号登记). The item must then be handed
    to the property custodian within 24 hours (第190条), or, when not held by the police, registered with
    them (涉案财物管理若干规定 第12条): supervision rules."""
    p: PropertySeized = ctx.payload
    try:
        item_id = uuid.UUID(ctx.subject_key)
    except ValueError:
        raise ValidationFailed("财物编号应为UUID", field="subject") from None
    if p.item_id and p.item_id != ctx.subject_key:
        raise ValidationFailed("item_id与事件主体不符", field="payload.item_id")
    p.item_id = ctx.subject_key
    case = _open_case(p.case)
    owner = None
    if p.owner:
        try:
            owner = Party.objects.filter(party_id=uuid.UUID(p.owner), case=case).first()
        except ValueError:
            raise ValidationFailed("当事人编号应为UUID", field="payload.owner") from None
        if owner is None:
            raise NotFound(f"本案没有当事人{p.owner}", field="payload.owner")
    if p.held_by_police is None:
        p.held_by_police = p.measure not in NOT_HELD_MEASURES
    if p.measure == SeizureMeasure.FREEZE and p.held_by_police:
        raise ValidationFailed("冻结的财产不由公安机关实际保管", field="payload.held_by_police")
    if (
        p.kind is None
        and p.measure == SeizureMeasure.FREEZE
        and p.category in (PropertyCategory.DEPOSIT, PropertyCategory.SECURITIES)
    ):
        p.kind = p.category  # type: ignore[assignment]
    holder = None
    if p.held_by_police:
        holder = officer_by_badge(p.holder, "payload.holder") if p.holder else ctx.actor
        if holder is None:
            raise ValidationFailed("请填写提取后持有财物的民警警号", field="payload.holder")
        _same_bureau(holder, case.bureau_id, "payload.holder")
        p.holder = holder.badge_no
    p.code = _ledger_number(case, ctx.occurred_at, p.code)
    code = p.code
    item = PropertyItem.objects.create(
        item_id=item_id,
        code=code,
        case=case,
        bureau_id=case.bureau_id,
        unit_id=case.unit_id,
        category=p.category,
        description=p.description,
        quantity=p.quantity,
        unit_of_measure=p.unit_of_measure,
        estimated_value=p.estimated_value,
        photos=p.photos,
        owner=owner,
        owner_name=p.owner_name or (owner.name if owner else ""),
        measure=p.measure,
        held_by_police=p.held_by_police,
        document_ref=p.document_ref,
        place=p.place,
        status=ItemStatus.HELD if p.held_by_police else ItemStatus.NOT_HELD,
        holder_officer=holder,
        seized_at=ctx.occurred_at,
        updated_at=ctx.occurred_at,
    )
    CustodyTransfer.objects.create(
        item=item,
        event_name=ctx.name,
        at=ctx.occurred_at,
        from_label=item.owner_name or p.place,
        to_label=item.holder_label,
        to_officer=holder,
        note=p.note,
    )
    return item


# --- custody --------------------------------------------------------------------------------------------


@event_type("property.handed_over", payload=PropertyHandedOver, label="移交涉案财物管理人员")
def apply_handed_over(ctx: Context) -> PropertyItem:
    """The holder hands the item to the property center's custodian, who receives it (both named, the
    time recorded): 公安机关办理行政案件程序规定 第190条, within 24 hours of taking it."""
    item = _step(ctx)
    p: PropertyHandedOver = ctx.payload
    center = _center(p.center, item.bureau_id)
    custodian = officer_by_badge(p.received_by, "payload.received_by")
    if custodian.unit_id != center.id:
        raise ValidationFailed(f"接收人应为{center.label}的财物管理人员", field="payload.received_by")
    location = _location(center, p.location) if p.location else None
    _move(
        ctx,
        item,
        to_label=f"{center.label} {_officer_label(custodian)}",
        to_officer=custodian,
        to_unit=center,
        location=location,
    )
    return _save(
        item, ctx, status=ItemStatus.IN_CENTER, handed_over_at=item.handed_over_at or ctx.occurred_at
    )


@event_type("property.transferred", payload=PropertyTransferred, label="涉案财物交接")
def apply_transferred(ctx: Context) -> PropertyItem:
    """The item passes from its holder to another officer: between investigators, or taken out of the
    property center for an interview, appraisal or identification — which needs the approval of the head
    of the department (涉案财物管理若干规定 第11条; 程序规定 第190条第5款)."""
    item = _step(ctx)
    p: PropertyTransferred = ctx.payload
    to = _same_bureau(officer_by_badge(p.to, "payload.to"), item.bureau_id, "payload.to")
    if item.holder_officer_id == to.id:
        raise ValidationFailed("接收民警就是当前持有人", field="payload.to")
    if item.status == ItemStatus.IN_CENTER and not p.approved_by:
        raise ValidationFailed(
            "从涉案财物管理中心调用财物须经办案部门负责人批准；请填写批准人", field="payload.approved_by"
        )
    _move(ctx, item, to_label=_officer_label(to), to_officer=to, note=p.reason)
    return _save(item, ctx, status=ItemStatus.HELD, approved_by=p.approved_by or item.approved_by)


@event_type("property.stored", payload=PropertyStored, label="涉案财物入库上架")
def apply_stored(ctx: Context) -> PropertyItem:
    """The custodian puts the item in a storage location of the center (or moves it to another)."""
    item = _step(ctx)
    center = item.holder_unit
    location = _location(center, ctx.payload.location)
    if location.pk == item.location_id:
        raise ValidationFailed("财物已在该位置", field="payload.location")
    _move(ctx, item, to_label=f"{center.label} · {location.label}", to_unit=center, location=location)
    return _save(item, ctx)


@event_type("property.registered", payload=PropertyRegistered, label="报送涉案财物管理人员登记")
def apply_registered(ctx: Context) -> PropertyItem:
    """Property sealed or frozen where it is gets registered with the custodian — case, person, measure,
    item, quantity, state and place (涉案财物管理若干规定 第12条, within 24 hours)."""
    item = _step(ctx)
    p: PropertyRegistered = ctx.payload
    center = _center(p.center, item.bureau_id)
    custodian = officer_by_badge(p.received_by, "payload.received_by")
    if custodian.unit_id != center.id:
        raise ValidationFailed(f"登记人应为{center.label}的财物管理人员", field="payload.received_by")
    if item.registered_at:
        raise TransitionNotAllowed("该财物已报送登记", code="already_registered")
    return _save(item, ctx, registered_at=ctx.occurred_at)


def _note_only(ctx: Context, **fields) -> PropertyItem:
    item = _step(ctx)
    return _save(item, ctx, **fields)


@event_type("property.inspectorate_filed", payload=ItemPayload, label="报警务督察部门备案")
def apply_inspectorate_filed(ctx: Context) -> PropertyItem:
    """Copies of the documents go to the police inspectorate (涉案财物管理若干规定 第13条, within 24 hours
    of receiving or registering the item)."""
    return _note_only(ctx)


@event_type("property.found_unrelated", payload=ItemPayload, label="查明与案件无关")
def apply_found_unrelated(ctx: Context) -> PropertyItem:
    """The item turns out to have nothing to do with the case: it must be released and returned within 3
    days (公安机关办理刑事案件程序规定 第233条)."""
    return _note_only(ctx, found_unrelated_at=ctx.occurred_at)


@event_type("property.owner_notified", payload=PropertyOwnerNotified, label="通知原主或公告认领")
def apply_owner_notified(ctx: Context) -> PropertyItem:
    """The owner is told to collect the item, or a public notice is made; 6 months later an unclaimed
    item may be treated as ownerless (程序规定 第197条)."""
    return _note_only(ctx, owner_notified_at=ctx.occurred_at)


@event_type("property.claimed", payload=PropertyClaimed, label="原主认领")
def apply_claimed(ctx: Context) -> PropertyItem:
    """The owner comes forward for the item (its return follows)."""
    return _note_only(ctx)


@event_type("property.freeze_renewed", payload=PropertyFreezeRenewed, label="续冻")
def apply_freeze_renewed(ctx: Context) -> PropertyItem:
    """A freeze is renewed before it lapses (公安机关办理刑事案件程序规定 第243条、第244条)."""
    item = _step(ctx)
    if item.measure != SeizureMeasure.FREEZE:
        raise TransitionNotAllowed("只有冻结的财产才能续冻", code="not_frozen")
    return _save(item, ctx, approved_by=ctx.payload.approved_by)


# --- leaving the police's hands (approval required) -----------------------------------------------------


def _close(ctx: Context, status: str, to_label: str, approved_by: str) -> PropertyItem:
    item = _step(ctx)
    _move(ctx, item, to_label=to_label)
    item.holder_officer = item.holder_unit = item.location = None
    return _save(
        item, ctx, status=status, closed_at=ctx.occurred_at, disposal_to=to_label, approved_by=approved_by
    )


@event_type("property.returned", payload=PropertyReturned, label="解除措施并返还")
def apply_returned(ctx: Context) -> PropertyItem:
    """The measure is lifted and the item returned to its owner or the victim, with approval (程序规定
    第192条; 刑事程序规定 第233条、第234条)."""
    p: PropertyReturned = ctx.payload
    return _close(ctx, ItemStatus.RETURNED, f"返还 {p.recipient}", p.approved_by)


@event_type("property.confiscated", payload=PropertyConfiscated, label="没收/收缴涉案财物")
def apply_confiscated(ctx: Context) -> PropertyItem:
    """The item is confiscated or collected by decision, with approval (程序规定 第193条、第195条)."""
    p: PropertyConfiscated = ctx.payload
    label = f"没收/收缴 {p.document_ref}".strip()
    return _close(ctx, ItemStatus.CONFISCATED, label, p.approved_by)


@event_type("property.destroyed", payload=PropertyDestroyed, label="销毁涉案财物")
def apply_destroyed(ctx: Context) -> PropertyItem:
    """Contraband or hazardous items are destroyed, with approval, the method and the witnesses."""
    p: PropertyDestroyed = ctx.payload
    label = f"销毁（{DestructionMethod(p.method).label}，监销：{p.witnesses}）"
    return _close(ctx, ItemStatus.DESTROYED, label, p.approved_by)


@event_type("property.disposed", payload=PropertyDisposed, label="按无主财物处理")
def apply_disposed(ctx: Context) -> PropertyItem:
    """Unclaimed property is treated as ownerless (sold, or turned over to the treasury), with approval —
    not before 6 months after the notice (a supervision rule: prop.unclaimed_6m)."""
    p: PropertyDisposed = ctx.payload
    return _close(ctx, ItemStatus.DISPOSED, f"无主财物处理：{p.how}", p.approved_by)


# --- the property center's storage tree (an event of the center unit, so an export carries it) ----------


@event_type("unit.storage_location_added", payload=StorageLocationAdded, label="添加涉案财物存放位置")
def apply_storage_location_added(ctx: Context) -> Unit:
    """A property center adds a place to its storage tree (warehouse → room → shelf → box)."""
    center: Unit = ctx.subject
    p: StorageLocationAdded = ctx.payload
    if center.kind != UnitKind.PROPERTY_CENTER:
        raise ValidationFailed(f"{center.label}不是涉案财物管理中心", field="subject")
    parent = None
    if p.parent:
        parent = StorageLocation.objects.filter(center=center, code=p.parent).first()
        if parent is None:
            raise NotFound(f"{center.label}没有编码为{p.parent}的存放位置", field="payload.parent")
    if StorageLocation.objects.filter(center=center, code=p.code).exists():
        raise ValidationFailed(
            f"位置编码{p.code}已存在，请换一个编码", code="already_exists", field="payload.code"
        )
    StorageLocation.objects.create(
        center=center,
        parent=parent,
        code=p.code,
        name=p.name,
        path=f"{parent.path}{p.code}/" if parent else f"/{p.code}/",
        depth=parent.depth + 1 if parent else 0,
    )
    return center
