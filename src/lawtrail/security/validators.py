"""Password policy beyond Django's validators: a mix of character classes (等保 2.0 三级, 身份鉴别:
口令应有复杂度要求). Length (≥ 10), common and all-numeric passwords are refused by Django's validators."""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (
    ("lower", str.islower),
    ("upper", str.isupper),
    ("digit", str.isdigit),
    ("symbol", lambda c: c in string.punctuation or c == " "),
)


class CharacterClassesValidator:
    """At least `min_classes` of: lower-case letters, upper-case letters, digits, symbols."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        present = {name for name, test in CLASSES for c in password if test(c)}
        if len(present) < self.min_classes:
            raise ValidationError(
                _("密码须至少包含小写字母、大写字母、数字、符号中的 %(n)d 类。") % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("至少包含小写字母、大写字母、数字、符号中的 %(n)d 类。") % {"n": self.min_classes}
