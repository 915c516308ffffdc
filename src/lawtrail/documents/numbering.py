"""Document numbers (文号): 梧公万（西江）行罚决字〔2026〕123号 (documents.md §3).

The parts are data (NumberingSettings per unit, inherited down the unit tree, with defaults derived from the
unit names); the serial comes from a gap-free counter (common.Sequence, row-locked) allocated when the
document is issued — never at drafting — and reset each year by the issue date in Beijing time. A number is
never reused: a corrected document keeps its number and the correction gets a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawtrail.common.models import sequence_next
from lawtrail.org.models import Unit

from .choices import CounterScope, DateStyle
from .models import NumberingSettings

UNIT_SUFFIXES = ("派出所", "分局", "大队", "中队", "支队", "公安局")


@dataclass(frozen=True)
class Numbering:
    organ_code: str
    unit_code: str
    authority_name: str
    reconsideration_organ: str
    court: str
    supervision_phone: str
    query_channel: str
    counter_scope: str
    date_style: str


def _ancestors(unit: Unit) -> list[Unit]:
    """The unit and its ancestors, nearest first (one query over the materialised path)."""
    codes = [c for c in unit.path.strip("/").split("/") if c]
    found = {u.code: u for u in Unit.objects.filter(code__in=codes)} if codes else {}
    chain = [found[c] for c in reversed(codes) if c in found]
    return chain or [unit]


def _strip(name: str) -> str:
    for suffix in UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def settings_for(unit: Unit) -> Numbering:
    """The numbering and heading settings that apply to documents of `unit`'s cases."""
    chain = _ancestors(unit)
    bureau = chain[-1]
    sub = next((u for u in chain if u.kind == "sub_bureau"), None)
    city = bureau.name.removesuffix("公安局")
    authority = bureau.name + (sub.name if sub and not sub.name.startswith(bureau.name) else "")
    district = _strip(sub.name) if sub else ""
    defaults = Numbering(
        organ_code=bureau.name[:1] + "公" + (district[:1] if district else ""),
        unit_code=_strip(unit.name) if unit.kind not in ("bureau", "sub_bureau") else "",
        authority_name=authority,
        reconsideration_organ=f"{city}人民政府",
        court=f"{city}{district}区人民法院" if district else f"{city}中级人民法院",
        supervision_phone="",
        query_channel="公安机关执法办案信息公开查询系统",
        counter_scope=CounterScope.UNIT_KIND_YEAR,
        date_style=DateStyle.CN_NUMERAL,
    )
    rows = {s.unit_id: s for s in NumberingSettings.objects.filter(unit__in=chain)}
    row = next((rows[u.id] for u in chain if u.id in rows), None)
    if row is None:
        return defaults
    own = row.unit_id == unit.id
    return Numbering(
        organ_code=row.organ_code or defaults.organ_code,
        unit_code=(row.unit_code if own else "") or defaults.unit_code,
        authority_name=row.authority_name or defaults.authority_name,
        reconsideration_organ=row.reconsideration_organ or defaults.reconsideration_organ,
        court=row.court or defaults.court,
        supervision_phone=row.supervision_phone,
        query_channel=row.query_channel or defaults.query_channel,
        counter_scope=row.counter_scope,
        date_style=row.date_style,
    )


def format_number(numbering: Numbering, word: str, year: int, serial: int) -> str:
    """GB/T 9704 §7.2.5: year in full in 〔〕, serial without 第 and without padding, then 号."""
    unit = f"（{numbering.unit_code}）" if numbering.unit_code else ""
    return f"{numbering.organ_code}{unit}{word}字〔{year}〕{serial}号"


def counter_key(unit: Unit, numbering: Numbering, word: str, year: int) -> str:
    if numbering.counter_scope == CounterScope.UNIT_YEAR:
        return f"document:{unit.code}:{year}"
    return f"document:{unit.code}:{word}:{year}"


def allocate(unit: Unit, word: str, year: int) -> tuple[str, int]:
    """(文号, serial) for a document of `unit` issued in `year` — call inside the issuing transaction."""
    numbering = settings_for(unit)
    serial = sequence_next(counter_key(unit, numbering, word, year))
    return format_number(numbering, word, year, serial), serial
