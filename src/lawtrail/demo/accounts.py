"""Demo sign-in accounts: one per role, linked to officers the generator made, chosen deterministically.

Every choice is "the lowest badge number" among the officers that fit, so the same generated bureau always
gives the same people: `officer` is the first plain case officer of 西江派出所 (who handles the journeys'
cases), `head` that station's head, `duty` a duty leader of 万秀分局, and so on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from lawtrail.org.models import Officer
from lawtrail.org.services import account_create

from .org_builder import BUREAU_CODE, SHOWCASE_STATION

DEFAULT_PASSWORD = "Lawtrail@2026"


def demo_password() -> str:
    return os.environ.get("LAWTRAIL_DEMO_PASSWORD") or DEFAULT_PASSWORD


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str  # the role code the account demonstrates
    label: str  # what the table prints
    query: Q  # officers that fit; the lowest badge number is taken


ACCOUNTS = [
    DemoAccount(
        "officer",
        "case_officer",
        "办案民警",
        Q(unit__name=SHOWCASE_STATION, is_auxiliary=False, grants__isnull=True)
        & ~Q(qualification_level="none"),
    ),
    DemoAccount(
        "head",
        "unit_head",
        "办案部门负责人",
        Q(grants__role="unit_head", grants__unit__name=SHOWCASE_STATION),
    ),
    DemoAccount(
        "duty",
        "duty_leader",
        "值班领导",
        Q(
            grants__role="duty_leader",
            grants__unit__kind="sub_bureau",
            grants__unit__code__startswith="450403",
        ),
    ),
    DemoAccount(
        "legal",
        "legal_officer",
        "法制员（法制支队）",
        Q(grants__role="legal_officer", grants__unit__code=BUREAU_CODE, unit__kind="legal")
        & ~Q(grants__role__in=["unit_head", "publication_reviewer"]),
    ),
    DemoAccount(
        "leader", "bureau_leader", "局领导", Q(grants__role="bureau_leader", grants__unit__code=BUREAU_CODE)
    ),
    DemoAccount(
        "center",
        "case_center_staff",
        "案管中心民警",
        Q(grants__role="case_center_staff") & ~Q(grants__role="unit_head"),
    ),
    DemoAccount("reviewer", "publication_reviewer", "公开审核员", Q(grants__role="publication_reviewer")),
    DemoAccount("admin", "administrator", "系统管理员", Q(grants__role="administrator")),
]


@dataclass(frozen=True)
class AccountRow:
    username: str
    password: str  # shown only while it still signs in; otherwise a note
    name: str
    badge_no: str
    unit: str
    role: str
    created: bool


def pick(account: DemoAccount) -> Officer | None:
    return (
        Officer.objects.filter(account.query, unit__bureau__code=BUREAU_CODE, is_active=True)
        .select_related("unit")
        .order_by("badge_no")
        .distinct()
        .first()
    )


@transaction.atomic
def ensure_demo_accounts(password: str | None = None) -> list[AccountRow]:
    """Create the demo accounts that are missing; return one row per role (empty without the demo bureau)."""
    password = password or demo_password()
    users = get_user_model().objects
    rows = []
    for account in ACCOUNTS:
        officer = pick(account)
        if officer is None:
            continue
        user = users.filter(username=account.username).first()
        created = False
        if user is None and officer.user_id is None:
            user = account_create(officer=officer, username=account.username, password=password)
            created = True
        elif user is None:
            user = officer.user
        linked = Officer.objects.filter(user=user).select_related("unit").first() if user else None
        shown = linked or officer
        if linked is None:
            note = "（用户名已被其他账号占用）"
        elif created or user.check_password(password):
            note = password
        else:
            note = "（密码已修改，未重置）"
        rows.append(
            AccountRow(
                username=user.get_username() if user else account.username,
                password=note,
                name=shown.name,
                badge_no=shown.badge_no,
                unit=shown.unit.name,
                role=account.label,
                created=created,
            )
        )
    return rows
