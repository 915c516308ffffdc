"""A property center with a custodian and a small storage tree, and a seized item, for the property tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lawtrail.cases.models import Case
from lawtrail.org.models import Officer, Unit
from lawtrail.org.services import account_create, officer_create, officer_grant_role, unit_create
from lawtrail.property.models import PropertyItem, StorageLocation
from lawtrail.property.services import location_create, property_seize
from tests.factories import PASSWORD, Bureau, at


@dataclass
class Center:
    unit: Unit
    custodian: Officer
    shelf: StorageLocation
    box: StorageLocation


def make_center(bureau: Bureau) -> Center:
    """梧州市公安局涉案财物管理中心 under the bureau; its custodian is granted the center staff role there."""
    unit = unit_create(
        actor=None,
        code="450400190000",
        name="梧州市公安局涉案财物管理中心",
        short_name="财物中心",
        kind="property_center",
        parent=bureau.bureau,
    )
    custodian = officer_create(
        actor=None,
        badge_no="100050",
        name="孙丽",
        unit=unit,
        is_auxiliary=False,
        qualification_level="basic",
        qualification_expires=date(2028, 12, 31),
    )
    officer_grant_role(actor=None, officer=custodian, role="case_center_staff", unit=unit)
    account_create(officer=custodian, username="100050", password=PASSWORD)
    store = location_create(actor=custodian, center=unit, code="A", name="一号库房")
    shelf = location_create(actor=custodian, center=unit, code="A-01", name="一号货架", parent=store)
    box = location_create(actor=custodian, center=unit, code="A-01-03", name="三号物证箱", parent=shelf)
    return Center(unit=unit, custodian=custodian, shelf=shelf, box=box)


def seize_phone(
    officer: Officer,
    case: Case,
    *,
    when: str = "2026-03-01 15:00",
    measure: str = "seize",
    category: str = "electronics",
    **extra,
) -> PropertyItem:
    return property_seize(
        actor=officer,
        case=case,
        measure=measure,
        category=category,
        description="黑色华为手机一部（IMEI 860000000000001）",
        quantity=1,
        unit_of_measure="部",
        estimated_value="1200.00",
        document_ref="梧公（西）扣字〔2026〕15号",
        place="西江路12号",
        occurred_at=at(when),
        **extra,
    )
