"""A case-handling center with rooms and a staff officer, and a suspect summoned into it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lawtrail.center.models import Room
from lawtrail.center.services import room_create
from lawtrail.org.models import Officer, Unit
from lawtrail.org.services import account_create, officer_create, officer_grant_role, unit_create
from tests.factories import PASSWORD, Bureau


@dataclass
class Center:
    unit: Unit
    staff: Officer
    waiting: Room
    interview: Room


def make_center(bureau: Bureau) -> Center:
    """万秀分局执法办案管理中心 under sub-bureau A; its staff officer is granted case_center_staff there."""
    unit = unit_create(
        actor=None,
        code="450403180000",
        name="万秀分局执法办案管理中心",
        short_name="万秀办案中心",
        kind="case_center",
        parent=bureau.sub_a,
    )
    staff = officer_create(
        actor=None,
        badge_no="100060",
        name="吴敏",
        unit=unit,
        is_auxiliary=False,
        qualification_level="basic",
        qualification_expires=date(2028, 12, 31),
    )
    officer_grant_role(actor=None, officer=staff, role="case_center_staff", unit=unit)
    account_create(officer=staff, username="100060", password=PASSWORD)
    waiting = room_create(actor=staff, center=unit, name="候问室1", kind="waiting")
    interview = room_create(actor=staff, center=unit, name="询问室2", kind="interview")
    return Center(unit=unit, staff=staff, waiting=waiting, interview=interview)
