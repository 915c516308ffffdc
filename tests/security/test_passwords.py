"""Password policy: at least 10 characters, not common, not all digits, three character classes."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from lawtrail.common.errors import ValidationFailed
from lawtrail.org.services import account_create


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Ab1!x", "password_too_short"),
        ("abcdefghijkl", "password_too_simple"),
        ("abcdefgh12345", "password_too_simple"),
        ("12345678901", "password_entirely_numeric"),
    ],
)
def test_a_weak_password_is_refused(password, code):
    """Given a password that breaks one rule, when validated, then that rule's error is raised."""
    with pytest.raises(ValidationError) as refused:
        validate_password(password)

    assert code in [e.code for e in refused.value.error_list]


def test_the_refusal_is_in_chinese():
    """Given the default language, when a one-class password is refused, then the message is Chinese."""
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        validate_password("abcdefghijkl")

    assert "密码须至少包含小写字母、大写字母、数字、符号中的 3 类。" in refused.value.messages


@pytest.mark.parametrize("password", ["Lawtrail@2026", "test-pass-2026", "Xijiang Station 9"])
def test_a_strong_password_is_accepted(password):
    """Given the demo and test passwords, when validated, then nothing is raised."""
    assert validate_password(password) is None


@pytest.mark.django_db
def test_an_account_with_a_weak_password_is_not_created(bureau):
    """Given an officer without an account, when an account is created with a one-class password, then it
    is refused with code password_too_weak and no user exists."""
    officer = bureau.officer_a
    officer.user = None
    officer.save(update_fields=["user"])

    with pytest.raises(ValidationFailed) as refused:
        account_create(officer=officer, username="weak01", password="abcdefghijkl")

    assert refused.value.code == "password_too_weak"
    assert not get_user_model().objects.filter(username="weak01").exists()
