"""Citizen ID numbers (公民身份号码) per GB 11643-1999: 17 digits + an ISO 7064 MOD 11-2 check character."""

from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_character(first17: str) -> str:
    """The check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def validate_id_number(value: str) -> str | None:
    """None if `value` is a valid 18-character ID number, otherwise a message saying what is wrong."""
    v = value.strip().upper()
    if len(v) != 18:
        return f"身份证号应为18位，现为{len(v)}位"
    if not v[:17].isdigit() or not (v[17].isdigit() or v[17] == "X"):
        return "身份证号前17位应为数字，最后一位为数字或X"
    if birth_date(v) is None:
        return "身份证号中的出生日期（第7至14位）不是有效日期"
    expected = check_character(v[:17])
    if v[17] != expected:
        return f"身份证号校验位错误（按GB 11643应为{expected}），请核对号码"
    return None


def birth_date(value: str) -> date | None:
    """The date of birth encoded in positions 7–14, or None if it is not a date."""
    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def age_on(value: str, on: date) -> int | None:
    born = birth_date(value)
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def make_id_number(region: str, born: date, serial: int) -> str:
    """Build a valid ID number (used by the demo generator and tests)."""
    first17 = f"{region}{born:%Y%m%d}{serial:03d}"
    return first17 + check_character(first17)
