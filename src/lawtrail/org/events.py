"""Organisation events: units, officers and role grants (carried in exports with the cases)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from lawtrail.common.errors import NotFound, ValidationFailed
from lawtrail.common.keyed import get_by_key
from lawtrail.events.registry import Context, Payload, Subject, event_type, register_subject

from .choices import QualificationLevel, Role, UnitKind
from .models import Officer, RoleGrant, Unit

register_subject(Subject("unit", lambda: Unit, "code", "单位"))
register_subject(Subject("officer", lambda: Officer, "badge_no", "民警"))


class UnitCreated(Payload):
    name: str = Field(min_length=1, max_length=100)
    short_name: str = Field("", max_length=30)
    kind: UnitKind
    parent: str | None = Field(None, description="上级单位机构代码；市局（根）为空")


class OfficerCreated(Payload):
    name: str = Field(min_length=1, max_length=50)
    unit: str = Field(description="所在单位机构代码")
    is_auxiliary: bool = False
    qualification_level: QualificationLevel = QualificationLevel.NONE
    qualification_expires: date | None = None
    phone: str = Field("", max_length=30)


class OfficerQualificationUpdated(Payload):
    qualification_level: QualificationLevel
    qualification_expires: date | None = None


class RoleGranted(Payload):
    role: Role
    unit: str = Field(description="授权范围（单位机构代码），含其下级单位")


def _unit(code: str, field: str) -> Unit:
    unit = get_by_key(Unit, "code", code)
    if unit is None:
        raise NotFound(f"单位{code}不存在", field=field)
    return unit


@event_type("unit.created", payload=UnitCreated, label="单位设立", creates=True)
def apply_unit_created(ctx: Context) -> Unit:
    """A unit is added to the tree under its parent (or as the root of a new bureau)."""
    p: UnitCreated = ctx.payload
    parent = _unit(p.parent, "payload.parent") if p.parent else None
    if parent is None and p.kind != UnitKind.BUREAU:
        raise ValidationFailed("只有市（县）公安局可以没有上级单位", field="payload.parent")
    unit = Unit(
        code=ctx.subject_key,
        name=p.name,
        short_name=p.short_name,
        kind=p.kind,
        parent=parent,
        path=(parent.path if parent else "") + ctx.subject_key + "/",
        depth=(parent.depth + 1) if parent else 0,
    )
    unit.bureau = parent.bureau if parent else None
    unit.save()
    if parent is None:
        unit.bureau = unit
        unit.save(update_fields=["bureau"])
    return unit


@event_type("officer.created", payload=OfficerCreated, label="民警登记", creates=True)
def apply_officer_created(ctx: Context) -> Officer:
    """An officer joins a unit, with their enforcement qualification."""
    p: OfficerCreated = ctx.payload
    if p.is_auxiliary and p.qualification_level != QualificationLevel.NONE:
        raise ValidationFailed("辅警不能取得执法资格等级", field="payload.qualification_level")
    return Officer.objects.create(
        badge_no=ctx.subject_key,
        name=p.name,
        unit=_unit(p.unit, "payload.unit"),
        is_auxiliary=p.is_auxiliary,
        qualification_level=p.qualification_level,
        qualification_expires=p.qualification_expires,
        phone=p.phone,
    )


@event_type("officer.qualification_updated", payload=OfficerQualificationUpdated, label="执法资格变更")
def apply_officer_qualification_updated(ctx: Context) -> Officer:
    """An officer passes (or loses) an enforcement qualification level."""
    officer: Officer = ctx.subject
    officer.qualification_level = ctx.payload.qualification_level
    officer.qualification_expires = ctx.payload.qualification_expires
    officer.save(update_fields=["qualification_level", "qualification_expires"])
    return officer


@event_type("officer.role_granted", payload=RoleGranted, label="授予角色")
def apply_role_granted(ctx: Context) -> Officer:
    """An officer receives a role over a unit and its sub-units."""
    officer: Officer = ctx.subject
    unit = _unit(ctx.payload.unit, "payload.unit")
    if officer.unit.bureau_id != unit.bureau_id:
        raise ValidationFailed("只能在本局范围内授予角色", field="payload.unit")
    RoleGrant.objects.get_or_create(officer=officer, role=ctx.payload.role, unit=unit)
    return officer
