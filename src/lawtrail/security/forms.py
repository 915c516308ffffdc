from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """A six-digit code from the authenticator app."""

    otp_token = forms.CharField(
        label=_("动态验证码"),
        max_length=6,
        min_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("请输入 6 位数字验证码。"))],
        help_text=_("打开手机上的身份验证器应用，输入本平台当前显示的 6 位数字。"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
