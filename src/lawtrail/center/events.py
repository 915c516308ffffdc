"""Case-handling center events: a person enters, is checked, moves between rooms, leaves or is handed over
to a detention house. Every event carries `party` (the person) and, when the stay has one, `measure_id` —
so the supervision fact builder keys them to the measure whose clock they share.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from lawtrail.cases.choices import CaseStatus
from lawtrail.cases.models import Case, Party
from lawtrail.common.clock import LEGAL_TZ
from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.common.keyed import get_by_key
from lawtrail.events.registry import Context, Payload, Subject, event_type, register_subject
from lawtrail.incidents.events import officer_by_badge
from lawtrail.measures.models import Measure
from lawtrail.org.choices import UnitKind
from lawtrail.org.models import Unit

from .choices import HandoverPlace, LeftReason, RoomKind, StayReason, StayStatus
from .machine import STAY_MACHINE
from .models import Belonging, Room, RoomAssignment, Stay

register_subject(Subject("center", lambda: Stay, "stay_id", "进出中心记录"))


class RoomAdded(Payload):
    name: str = Field(min_length=1, max_length=50, description="功能室名称")
    kind: RoomKind


class StayPayload(Payload):
    party: str = Field("", description="当事人编号（不填则取记录的当事人）")
    measure_id: str = Field("", description="措施编号（不填则取记录的措施）")
    note: str = Field("", max_length=2000)


class BelongingIn(Payload):
    description: str = Field(min_length=1, max_length=200)
    quantity: str = Field("", max_length=40)


class CenterEntered(StayPayload):
    case: str = Field(description="案件编号")
    party: str = Field(min_length=1, description="当事人编号")
    center: str = Field(description="执法办案管理中心的单位代码")
    reason: StayReason
    brought_by: str = Field("", description="带入民警警号（不填为录入人）")
    room: str = Field("", max_length=50, description="进入的功能室（名称）")


class CenterChecked(StayPayload):
    checked_by: str = Field("", description="检查民警警号（不填为录入人）")
    items_found: str = Field("", max_length=2000, description="检查发现的物品（违禁品、危险品…）")
    injuries: str = Field("", max_length=2000, description="体表伤痕（无则不填）")
    health_note: str = Field("", max_length=2000, description="身体状况及本人自述")
    belongings: list[BelongingIn] = Field(
        default_factory=list, max_length=100, description="代为保管的随身物品"
    )


class CenterRoomAssigned(StayPayload):
    room: str = Field(min_length=1, max_length=50, description="功能室名称")


class CenterLeft(StayPayload):
    reason: LeftReason
    belongings_returned_to: str = Field("", max_length=200, description="随身物品领取人（不填为本人）")


class CenterHandedOver(StayPayload):
    place: HandoverPlace
    to: str = Field(min_length=1, max_length=200, description="移交的看守所/拘留所名称")


def _fill(ctx: Context, stay: Stay) -> None:
    p: StayPayload = ctx.payload
    for field, actual in (
        ("party", str(stay.party.party_id)),
        ("measure_id", str(stay.measure.measure_id) if stay.measure_id else ""),
    ):
        given = getattr(p, field)
        if given and given != actual:
            raise ValidationFailed(f"{field}与进出中心记录不符（应为{actual}）", field=f"payload.{field}")
        setattr(p, field, actual)


def _not_before(moment: datetime, earliest: datetime, what: str) -> None:
    if moment < earliest:
        text = earliest.astimezone(LEGAL_TZ).strftime("%Y-%m-%d %H:%M")
        raise ValidationFailed(f"{what}不能早于{text}，请核对时间", code="before_start", field="occurred_at")


def _step(ctx: Context) -> Stay:
    stay: Stay = ctx.subject
    STAY_MACHINE.check(ctx.name, stay.status)
    _fill(ctx, stay)
    _not_before(ctx.occurred_at, stay.entered_at, "时间")
    return stay


def _room(center_id: int, name: str) -> Room:
    room = Room.objects.filter(center_id=center_id, name=name, is_active=True).first()
    if room is None:
        raise ValidationFailed(
            f"本中心没有名为「{name}」的功能室；请先在“功能室”中添加", field="payload.room"
        )
    return room


def _assign(stay: Stay, room: Room | None, at: datetime) -> None:
    """Close the current room assignment and open the next (none when the person leaves)."""
    stay.room_assignments.filter(ended_at__isnull=True).update(ended_at=at)
    if room is not None:
        if (
            RoomAssignment.objects.filter(room=room, ended_at__isnull=True, stay__status=StayStatus.IN)
            .exclude(stay=stay)
            .exists()
            and room.kind != "waiting"
        ):
            raise TransitionNotAllowed(f"{room.name}正在使用中，请选择其他功能室", code="room_in_use")
        RoomAssignment.objects.create(stay=stay, room=room, started_at=at)
    stay.room = room


@event_type("center.entered", payload=CenterEntered, label="进入办案中心", creates=True)
def apply_entered(ctx: Context) -> Stay:
    """A person of the case is brought into the case-handling center (人员进中心) by an officer, with the
    reason — usually the measure that brought them (传唤、拘传、刑事拘留…). From here the center knows who
    is in, since when and where."""
    p: CenterEntered = ctx.payload
    try:
        stay_id = uuid.UUID(ctx.subject_key)
    except ValueError:
        raise ValidationFailed("记录编号应为UUID", field="subject") from None
    case = get_by_key(Case, "number", p.case)
    if case is None:
        raise NotFound(f"案件{p.case}不存在", field="payload.case")
    if case.status == CaseStatus.CLOSED:
        raise TransitionNotAllowed("案件已结案，不能再登记人员进入办案中心", code="case_closed")
    try:
        party = Party.objects.filter(party_id=uuid.UUID(p.party), case=case).first()
    except ValueError:
        raise ValidationFailed("当事人编号应为UUID", field="payload.party") from None
    if party is None:
        raise NotFound(f"本案没有当事人{p.party}", field="payload.party")
    center = get_by_key(Unit, "code", p.center)
    if center is None or center.kind != UnitKind.CASE_CENTER or center.bureau_id != case.bureau_id:
        raise ValidationFailed(
            f"单位{p.center}不是本局的执法办案管理中心", code="not_case_center", field="payload.center"
        )
    if Stay.objects.filter(party=party, status=StayStatus.IN).exists():
        raise TransitionNotAllowed(f"{party.name}已在办案中心，请先登记离开或移交", code="already_in")
    measure = None
    if p.measure_id:
        try:
            measure = Measure.objects.filter(measure_id=uuid.UUID(p.measure_id), party=party).first()
        except ValueError:
            raise ValidationFailed("措施编号应为UUID", field="payload.measure_id") from None
        if measure is None:
            raise NotFound(f"该当事人没有措施{p.measure_id}", field="payload.measure_id")
    brought_by = officer_by_badge(p.brought_by, "payload.brought_by") if p.brought_by else ctx.actor
    if brought_by is None:
        raise ValidationFailed("请填写带入民警警号", field="payload.brought_by")
    p.brought_by = brought_by.badge_no
    _not_before(ctx.occurred_at, case.accepted_at, "进入时间")
    stay = Stay.objects.create(
        stay_id=stay_id,
        case=case,
        bureau_id=case.bureau_id,
        unit_id=case.unit_id,
        center=center,
        party=party,
        measure=measure,
        reason=p.reason,
        brought_by=brought_by,
        entered_at=ctx.occurred_at,
        updated_at=ctx.occurred_at,
    )
    if p.room:
        _assign(stay, _room(center.id, p.room), ctx.occurred_at)
        stay.save(update_fields=["room"])
    return stay


@event_type("center.checked", payload=CenterChecked, label="人身安全检查")
def apply_checked(ctx: Context) -> Stay:
    """The safety check on entry (人身安全检查): what was found, visible injuries, the person's own account
    of their health, who checked; belongings are taken into the center's keeping."""
    stay = _step(ctx)
    p: CenterChecked = ctx.payload
    if stay.checked_at:
        raise TransitionNotAllowed("已登记安全检查", code="already_checked")
    checker = officer_by_badge(p.checked_by, "payload.checked_by") if p.checked_by else ctx.actor
    if checker is None:
        raise ValidationFailed("请填写检查民警警号", field="payload.checked_by")
    p.checked_by = checker.badge_no
    for b in p.belongings:
        Belonging.objects.create(
            stay=stay, description=b.description, quantity=b.quantity, kept_at=ctx.occurred_at
        )
    stay.checked_at, stay.checked_by = ctx.occurred_at, checker
    stay.items_found, stay.injuries, stay.health_note = p.items_found, p.injuries, p.health_note
    stay.updated_at = ctx.occurred_at
    stay.save()
    return stay


@event_type("center.room_assigned", payload=CenterRoomAssigned, label="安排功能室")
def apply_room_assigned(ctx: Context) -> Stay:
    """The person moves to a room (候问室, 询问/讯问室 …): the previous assignment ends at the same moment."""
    stay = _step(ctx)
    room = _room(stay.center_id, ctx.payload.room)
    if room.pk == stay.room_id:
        raise ValidationFailed(f"已在{room.name}", field="payload.room")
    _assign(stay, room, ctx.occurred_at)
    stay.updated_at = ctx.occurred_at
    stay.save(update_fields=["room", "updated_at"])
    return stay


def _belongings_back(stay: Stay, at: datetime, to: str) -> None:
    stay.belongings.filter(returned_at__isnull=True).update(returned_at=at, returned_to=to)


@event_type("center.left", payload=CenterLeft, label="离开办案中心")
def apply_left(ctx: Context) -> Stay:
    """The person leaves the center (released after questioning, taken to hospital …); their belongings
    are returned."""
    stay = _step(ctx)
    p: CenterLeft = ctx.payload
    _assign(stay, None, ctx.occurred_at)
    _belongings_back(stay, ctx.occurred_at, p.belongings_returned_to or stay.party.name)
    stay.status, stay.left_at, stay.left_reason = StayStatus.LEFT, ctx.occurred_at, p.reason
    stay.updated_at = ctx.occurred_at
    stay.save()
    return stay


@event_type("center.handed_over", payload=CenterHandedOver, label="移交羁押场所")
def apply_handed_over(ctx: Context) -> Stay:
    """The person is handed over to a detention house (看守所, after 刑事拘留 or 逮捕: within 24 hours,
    刑事诉讼法 第85条) or a detention center (拘留所, for administrative detention); their belongings go
    with them."""
    stay = _step(ctx)
    p: CenterHandedOver = ctx.payload
    _assign(stay, None, ctx.occurred_at)
    _belongings_back(stay, ctx.occurred_at, f"随人移交{p.to}")
    stay.status, stay.handed_over_at = StayStatus.HANDED_OVER, ctx.occurred_at
    stay.handed_over_place, stay.handed_over_to = p.place, p.to
    stay.updated_at = ctx.occurred_at
    stay.save()
    return stay


# --- the center's rooms (an event of the center unit, so an export carries them) -------------------------


@event_type("unit.room_added", payload=RoomAdded, label="添加办案中心功能室")
def apply_room_added(ctx: Context) -> Unit:
    """A case-handling center adds a room (候问室, 询问/讯问室, 人身安全检查室 …)."""
    center: Unit = ctx.subject
    p: RoomAdded = ctx.payload
    if center.kind != UnitKind.CASE_CENTER:
        raise ValidationFailed(f"{center.label}不是执法办案管理中心", field="subject")
    if Room.objects.filter(center=center, name=p.name).exists():
        raise ValidationFailed(
            f"功能室「{p.name}」已存在，请换一个名称", code="already_exists", field="payload.name"
        )
    Room.objects.create(center=center, name=p.name, kind=p.kind)
    return center
