"""Dates as documents print them (documents.md §7.3): the 落款 in Chinese numerals (二〇二六年三月二十日,
zero written 〇 U+3007) or Arabic (2026年3月20日, no padding); times in the body as 2026年3月1日21时30分."""

from __future__ import annotations

from datetime import date, datetime

from lawtrail.common.clock import local

DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """1–31 as written in a date: 十, 十一, 二十, 二十一, 三十一."""
    if not 1 <= n <= 31:
        raise ValueError(f"not a day or month: {n}")
    tens, ones = divmod(n, 10)
    text = ("" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")) + (
        DIGITS[ones] if ones else ""
    )
    return text


def date_cn(day: date) -> str:
    """二〇二六年三月二十日."""
    year = "".join(DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{cn_number(day.month)}月{cn_number(day.day)}日"


def date_arabic(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def signing_date(moment: datetime, style: str) -> str:
    day = local(moment).date()
    return date_cn(day) if style == "cn_numeral" else date_arabic(day)


def moment_text(moment: datetime | None) -> str:
    """2026年3月1日21时30分 (in the legal time zone); "" for None."""
    if moment is None:
        return ""
    m = local(moment)
    return f"{m.year}年{m.month}月{m.day}日{m.hour}时{m.minute:02d}分"
