"""文号: per issuing unit, kind and year (or per unit and year when a bureau shares one counter), gap-free,
never reused, reset at the year boundary in Beijing time; the parts are per-unit data."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from lawtrail.cases.services import case_add_party
from lawtrail.documents.dates import cn_number, date_arabic, date_cn
from lawtrail.documents.models import Document, NumberingSettings
from lawtrail.documents.numbering import format_number, settings_for
from lawtrail.documents.services import document_draft, document_issue
from tests.factories import at, make_case


def _issue(officer, kind: str, when: str, *, case=None, party_role: str = "admin_suspect") -> Document:
    case = case or make_case(officer, when="2025-12-01 10:00")
    party = case.parties.filter(role=party_role).first()
    if party is None:
        case_add_party(
            case=case, actor=officer, role=party_role, name="赵六", occurred_at=at("2025-12-01 10:05")
        )
        party = case.parties.get(role=party_role)
    fields = {
        "penalty_decision": {
            "party_birth": "1990年1月1日",
            "party_gender": "男",
            "party_id": "/",
            "party_address": "梧州市",
            "facts": "殴打他人",
            "evidence": "陈述",
            "decision": "警告",
            "execution": "当场执行",
        },
        "summons": {"appear_at": "2025年12月2日9时"},
    }[kind]
    draft = document_draft(actor=officer, case=case, kind=kind, party=party, fields=fields)
    return document_issue(document=draft, actor=officer, occurred_at=at(when))


def test_numbers_count_per_unit_and_kind(bureau):
    """Given two decisions and a summons of station A and a decision of station A2, then each (unit, kind)
    has its own counter and the unit's name stands in the parentheses."""
    a1 = _issue(bureau.officer_a, "penalty_decision", "2025-12-02 10:00")
    a2 = _issue(bureau.officer_a, "penalty_decision", "2025-12-02 11:00")
    s1 = _issue(bureau.officer_a, "summons", "2025-12-02 12:00")
    b1 = _issue(bureau.officer_a2, "penalty_decision", "2025-12-02 13:00")
    assert [a1.number, a2.number] == [
        "梧公万（西江）行罚决字〔2025〕1号",
        "梧公万（西江）行罚决字〔2025〕2号",
    ]
    assert s1.number == "梧公万（西江）行传字〔2025〕1号"
    assert b1.number == "梧公万（城东）行罚决字〔2025〕1号"


def test_the_counter_restarts_with_the_year_in_beijing_time(bureau):
    """Given decisions issued at 23:30 on 31 December and at 00:10 on 1 January (Beijing time; both still
    31 December in UTC), then the second is number 1 of the new year."""
    last = _issue(bureau.officer_a, "penalty_decision", "2025-12-31 23:30")
    first = _issue(bureau.officer_a, "penalty_decision", "2026-01-01 00:10")
    assert last.number.endswith("〔2025〕1号")
    assert last.year == 2025
    assert first.number == "梧公万（西江）行罚决字〔2026〕1号"
    assert first.year == 2026


def test_unit_settings_make_the_number_and_a_shared_counter(bureau):
    """Given station A configured as 梧公（治） with one counter for all kinds, then a decision and a summons
    share the serial: 梧公（治）行罚决字〔2025〕1号, then 梧公（治）行传字〔2025〕2号."""
    NumberingSettings.objects.create(
        unit=bureau.station_a,
        organ_code="梧公",
        unit_code="治",
        counter_scope="unit_year",
        reconsideration_organ="梧州市万秀区人民政府",
    )
    d = _issue(bureau.officer_a, "penalty_decision", "2025-12-02 10:00")
    s = _issue(bureau.officer_a, "summons", "2025-12-02 11:00")
    assert (d.number, s.number) == ("梧公（治）行罚决字〔2025〕1号", "梧公（治）行传字〔2025〕2号")
    assert settings_for(bureau.station_a).reconsideration_organ == "梧州市万秀区人民政府"


def test_settings_are_inherited_from_the_nearest_ancestor(bureau):
    """Given settings on the sub-bureau only, then its stations use its 机关代字 and their own names."""
    NumberingSettings.objects.create(
        unit=bureau.sub_a, organ_code="梧万公", unit_code="万秀", court="万秀区人民法院"
    )
    numbering = settings_for(bureau.station_a2)
    assert (numbering.organ_code, numbering.unit_code, numbering.court) == (
        "梧万公",
        "城东",
        "万秀区人民法院",
    )


def test_a_number_is_never_given_twice(bureau):
    """Given five decisions of one unit, then their serials are 1..5 without gap, and the database refuses
    a second document with an existing number."""
    case = make_case(bureau.officer_a, when="2025-12-01 10:00")
    serials = [
        _issue(bureau.officer_a, "penalty_decision", "2025-12-02 10:00", case=case).serial for _ in range(5)
    ]
    assert serials == list(range(1, 6))
    taken = Document.objects.exclude(number="").first()
    clone = Document.objects.get(pk=taken.pk)
    clone.pk, clone.document_id = None, "copy"
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_number_format_follows_gb9704():
    """The year in full in 〔〕, the serial without 第 and without padding, then 号."""
    from lawtrail.documents.numbering import Numbering

    n = Numbering("穗公花", "花城", "", "", "", "", "", "unit_kind_year", "cn_numeral")
    assert format_number(n, "行罚决", 2025, 317558) == "穗公花（花城）行罚决字〔2025〕317558号"
    bare = Numbering("穗公花", "", "", "", "", "", "", "unit_kind_year", "cn_numeral")
    assert format_number(bare, "行罚决", 2024, 7) == "穗公花行罚决字〔2024〕7号"


DAYS = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
    "二十三",
    "二十四",
    "二十五",
    "二十六",
    "二十七",
    "二十八",
    "二十九",
    "三十",
    "三十一",
]


def test_chinese_dates_for_every_day_and_month():
    """documents.md §7.3 item 5: the 31 days and the 12 months as the 落款 writes them, zero as 〇 (U+3007)."""
    assert [cn_number(d) for d in range(1, 32)] == DAYS
    assert [date_cn(date(2026, m, 1)) for m in range(1, 13)] == [
        f"二〇二六年{DAYS[m - 1]}月一日" for m in range(1, 13)
    ]
    assert date_cn(date(2026, 3, 20)) == "二〇二六年三月二十日"
    assert date_cn(date(2030, 10, 31)) == "二〇三〇年十月三十一日"
    assert "\u3007" in date_cn(date(2026, 1, 1))
    assert "○" not in date_cn(date(2026, 1, 1))
    assert date_arabic(date(2026, 3, 20)) == "2026年3月20日"


def test_the_arabic_date_style_is_a_unit_setting(bureau):
    """Given station A set to Arabic dates, then the decision's 落款 reads 2025年12月2日."""
    from tests.documents.helpers import pdf_text

    NumberingSettings.objects.create(unit=bureau.station_a, organ_code="梧公", date_style="arabic")
    d = _issue(bureau.officer_a, "penalty_decision", "2025-12-02 10:00")
    text = pdf_text(d)
    assert "2025年12月2日" in text
    assert "二〇二五年" not in text


def test_settings_are_set_by_an_event_and_by_the_command(bureau):
    """Given station A, when its numbering is set through the service, then a `unit.document_numbering_set`
    event of the unit is recorded and the next decision is numbered with it; the command shows the
    settings with an example number and changes one field keeping the others."""
    import io

    from django.core.management import call_command

    from lawtrail.documents.services import numbering_set
    from lawtrail.events.models import Event

    numbering_set(unit=bureau.station_a, actor=bureau.head_sub_a, organ_code="梧公", unit_code="治")
    event = Event.objects.get(name="unit.document_numbering_set")
    assert event.unit_id == bureau.station_a.id
    assert event.payload["organ_code"] == "梧公"
    assert (
        _issue(bureau.officer_a, "penalty_decision", "2025-12-02 10:00").number
        == "梧公（治）行罚决字〔2025〕1号"
    )

    out = io.StringIO()
    call_command("document_numbering", bureau.station_a.code, "--court", "梧州市万秀区人民法院", stdout=out)
    assert "example: 梧公（治）行罚决字〔2026〕1号" in out.getvalue()
    assert settings_for(bureau.station_a).court == "梧州市万秀区人民法院"
    assert Event.objects.filter(name="unit.document_numbering_set").count() == 2
