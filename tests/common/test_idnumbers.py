"""GB 11643-1999 citizen ID numbers: the ISO 7064 MOD 11-2 check character."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from lawtrail.common.idnumbers import age_on, check_character, make_id_number, validate_id_number


def test_published_example_is_valid():
    """The example number of GB 11643-1999 (11010519491231002X) validates."""
    assert check_character("11010519491231002") == "X"
    assert validate_id_number("11010519491231002X") is None
    assert validate_id_number("11010519491231002x") is None


def test_errors_say_what_is_wrong():
    assert "18位" in validate_id_number("1101051949123100")
    assert "校验位" in validate_id_number("110105194912310021")
    assert "出生日期" in validate_id_number("110105194913310021")
    assert "数字" in validate_id_number("11010519491231002Y")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 12, 31)), st.integers(0, 999))
def test_generated_numbers_validate_and_one_changed_digit_does_not(born, serial):
    number = make_id_number("450403", born, serial)
    assert validate_id_number(number) is None
    changed = number[:5] + str((int(number[5]) + 1) % 10) + number[6:]
    assert validate_id_number(changed) is not None


def test_age():
    number = make_id_number("450403", date(2008, 3, 2), 1)
    assert age_on(number, date(2026, 3, 1)) == 17
    assert age_on(number, date(2026, 3, 2)) == 18
