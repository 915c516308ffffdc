"""A small bureau for tests: a unit tree, officers with roles and accounts, all made through services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from lawtrail.cases.models import Case
from lawtrail.cases.services import case_accept
from lawtrail.org.models import Officer, Unit
from lawtrail.org.services import account_create, officer_create, officer_grant_role, unit_create

TZ = ZoneInfo("Asia/Shanghai")
PASSWORD = "test-pass-2026"


def at(text: str) -> datetime:
    """An aware moment in the legal time zone: at("2026-03-01 09:30")."""
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@dataclass
class Bureau:
    bureau: Unit
    legal: Unit
    sub_a: Unit
    station_a: Unit
    station_a2: Unit
    sub_b: Unit
    station_b: Unit
    officer_a: Officer  # case officer, station A (西江派出所)
    officer_a2: Officer  # case officer, station A2 (城东派出所), same sub-bureau
    officer_b: Officer  # case officer, station B (other sub-bureau)
    auxiliary_a: Officer
    head_sub_a: Officer  # unit head of sub-bureau A
    legal_officer: Officer  # legal brigade, whole bureau
    leader: Officer  # bureau leader
    other_bureau_officer: Officer


def ensure_reference_data() -> None:
    """The rows the migrations seed — the offence catalogue, the legal calendar — are emptied by any
    transactional test (live server, threads) that ran before in the same process (pytest-xdist): put them
    back."""
    from importlib import import_module

    from django.apps import apps

    from lawtrail.cases.models import Offence
    from lawtrail.cases.services import offences_sync
    from lawtrail.supervision.calendar import calendar_cache_clear
    from lawtrail.supervision.models import CalendarYear

    if not Offence.objects.exists():
        offences_sync()
    if not CalendarYear.objects.exists():
        import_module("lawtrail.supervision.migrations.0002_seed_chinese_calendar").seed(apps, None)
        calendar_cache_clear()


def make_bureau() -> Bureau:
    ensure_reference_data()
    b = unit_create(
        actor=None, code="450400000000", name="梧州市公安局", short_name="市局", kind="bureau", parent=None
    )
    legal = unit_create(
        actor=None,
        code="450400120000",
        name="梧州市公安局法制支队",
        short_name="法制支队",
        kind="legal",
        parent=b,
    )
    sub_a = unit_create(actor=None, code="450403000000", name="万秀分局", kind="sub_bureau", parent=b)
    st_a = unit_create(actor=None, code="450403510000", name="西江派出所", kind="station", parent=sub_a)
    st_a2 = unit_create(actor=None, code="450403520000", name="城东派出所", kind="station", parent=sub_a)
    sub_b = unit_create(actor=None, code="450405000000", name="长洲分局", kind="sub_bureau", parent=b)
    st_b = unit_create(actor=None, code="450405510000", name="大塘派出所", kind="station", parent=sub_b)
    other = unit_create(actor=None, code="451300000000", name="来宾市公安局", kind="bureau", parent=None)

    def officer(
        badge: str,
        name: str,
        unit: Unit,
        *,
        aux: bool = False,
        role: str | None = None,
        on: Unit | None = None,
    ):
        o = officer_create(
            actor=None,
            badge_no=badge,
            name=name,
            unit=unit,
            is_auxiliary=aux,
            qualification_level="none" if aux else "basic",
            qualification_expires=None if aux else date(2028, 12, 31),
        )
        if role:
            officer_grant_role(actor=None, officer=o, role=role, unit=on or unit)
        account_create(officer=o, username=badge, password=PASSWORD)
        return o

    return Bureau(
        bureau=b,
        legal=legal,
        sub_a=sub_a,
        station_a=st_a,
        station_a2=st_a2,
        sub_b=sub_b,
        station_b=st_b,
        officer_a=officer("100001", "张伟", st_a),
        officer_a2=officer("100002", "王芳", st_a2),
        officer_b=officer("100003", "李强", st_b),
        auxiliary_a=officer("F10001", "赵磊", st_a, aux=True),
        head_sub_a=officer("100010", "刘洋", sub_a, role="unit_head"),
        legal_officer=officer("100020", "陈静", legal, role="legal_officer", on=b),
        leader=officer("100030", "黄勇", b, role="bureau_leader"),
        other_bureau_officer=officer("200001", "周杰", other),
    )


def make_case(
    officer: Officer, *, kind: str = "admin", title: str = "测试案件", when: str = "2026-03-01 10:00"
) -> Case:
    return case_accept(
        actor=officer,
        unit=officer.unit,
        kind=kind,
        title=title,
        offence="ps.assault" if kind == "admin" else "cr.theft",
        occurred_at=at(when),
        lead=officer,
    )
