"""Penalties within the range of the offence: read the catalogue's notation (law/offences.md) and pick one.

`拘5–10日，并罚200–500元` = detention 5–10 days and a fine of 200–500 元; `拘≤5日或罚≤500元` = detention up to
5 days or a fine up to 500 元; `可并罚` = an optional fine; `警告` = a warning. The demo uses the base tier of
the version of the law in force on the day of the act (the 2012 text until 2025-12-31, the 2025 revision
from 2026-01-01).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

_RANGE = r"(?:(\d+)–(\d+)|≤(\d+))"
_DETENTION = re.compile(rf"拘{_RANGE}日")
_FINE = re.compile(rf"罚{_RANGE}元")
_PREFIXES = ("造成危害的，", "情节较重的，", "对责任人员")


@dataclass(frozen=True)
class Option:
    """One alternative of a penalty clause: detention and/or fine ranges, or a warning."""

    detention: tuple[int, int] | None = None
    fine: tuple[int, int] | None = None
    warning: bool = False
    extra_fine: tuple[int, int] | None = None  # 并罚 (mandatory) …
    extra_fine_optional: bool = False  # … or 可并罚 (optional)


def _bounds(m: re.Match[str]) -> tuple[int, int]:
    low, high, cap = m.groups()
    if cap:
        return (1, int(cap))
    return (int(low), int(high))


def parse_base(text: str) -> list[Option]:
    """The alternatives of a base-tier penalty text; [] if the text names no penalty the demo can use."""
    text = text.strip()
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if not text:
        return []
    main, _, rest = text.partition("，")
    extra: tuple[int, int] | None = None
    optional = False
    if rest:
        m = _FINE.search(rest)
        if m and "并" in rest:
            extra = _bounds(m)
            optional = "可并" in rest
    options = []
    for atom in main.split("或"):
        if atom == "警告":
            options.append(Option(warning=True))
        elif m := _DETENTION.fullmatch(atom):
            options.append(Option(detention=_bounds(m), extra_fine=extra, extra_fine_optional=optional))
        elif m := _FINE.fullmatch(atom):
            options.append(Option(fine=_bounds(m)))
        elif atom.startswith("罚违法所得"):
            options.append(Option(fine=(1000, 5000)))
    return options


def version_on(versions: list[dict[str, Any]], day: date) -> dict[str, Any] | None:
    iso = day.isoformat()
    for v in versions:
        if (v.get("effective_from") or "0000") <= iso <= (v.get("effective_to") or "9999"):
            return v
    return None


def _fine(rng: random.Random, low: int, high: int) -> int:
    """A round amount in [low, high], as decisions are written (50, 200, 500 元 …), more often low than high."""
    step = 50 if high <= 200 else 100 if high <= 5000 else 500
    candidates = [a for a in range(step, high + 1, step) if a >= low] or [high]
    weights = [len(candidates) - i + 1 for i in range(len(candidates))]
    return rng.choices(candidates, weights)[0]


def _days(rng: random.Random, low: int, high: int) -> int:
    if low == 1:  # 拘≤N日: usually 3 or 5 days
        return rng.choice([d for d in (2, 3, 3, 5, 5) if d <= high] or [high])
    return rng.randint(low, high)


def choose_penalty(rng: random.Random, versions: list[dict[str, Any]], day: date) -> dict[str, Any] | None:
    """A penalty (payload of case.decided) in the base range of the version in force on `day`."""
    version = version_on(versions, day)
    options = parse_base(version["base"]) if version else []
    if not options:
        return None
    option = rng.choice(options)
    penalty: dict[str, Any] = {}
    if option.warning:
        penalty["warning"] = True
    if option.fine:
        penalty["fine_yuan"] = _fine(rng, *option.fine)
    if option.detention:
        penalty["detention_days"] = _days(rng, *option.detention)
        if option.extra_fine and (not option.extra_fine_optional or rng.random() < 0.5):
            penalty["fine_yuan"] = _fine(rng, *option.extra_fine)
    return penalty


def describe(penalty: dict[str, Any]) -> str:
    """行政拘留七日并处罚款五百元 — in figures: 行政拘留7日并处罚款500元."""
    parts = []
    if penalty.get("warning"):
        parts.append("警告")
    if penalty.get("detention_days"):
        parts.append(f"行政拘留{penalty['detention_days']}日")
    if penalty.get("fine_yuan"):
        parts.append(("并处" if parts else "") + f"罚款{penalty['fine_yuan']}元")
    return "".join(parts)
