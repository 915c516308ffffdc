"""Form plumbing shared by the pages: the login form, the "occurred at" field, and showing a DomainError
next to the field it names (the services speak in event-payload paths such as `payload.disposal`)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lawtrail.common.errors import DomainError

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("账号或密码不正确，请重新输入（区分大小写）。"),
        "inactive": _("该账号已停用，请联系系统管理员。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("账号")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].label = _("密码")


def local_now_minute():
    """Now in the legal time zone, to the minute: the default of every "发生时间" field."""
    return timezone.localtime().replace(second=0, microsecond=0)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_LOCAL)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def occurred_at_field(label=None) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label or _("发生时间"),
        initial=local_now_minute,
        widget=DateTimeLocalInput(),
        help_text=_("默认为当前时间；事后补录时请填写实际发生的时间。"),
    )


class DomainForm(forms.Form):
    """A form whose submission is decided by a service; the service's refusal is shown beside its field.

    `field_aliases` maps a service field path (`payload.officers`, `payload.penalty`) to a form field;
    otherwise the last path segment that names a form field is used, and anything else is shown above
    the form.
    """

    field_aliases: dict[str, str | None] = {}
    # Optional groups of fields shown in a <fieldset>: [(legend, [field names])]; the rest stay ungrouped.
    fieldsets: list[tuple[str, list[str]]] = []

    def groups(self) -> list[tuple[str | None, list]]:
        """The fields in order, consecutive members of a fieldset gathered under its legend."""
        legend_of = {name: legend for legend, names in self.fieldsets for name in names}
        out: list[tuple[str | None, list]] = []
        for name in self.fields:
            legend = legend_of.get(name)
            if out and out[-1][0] == legend:
                out[-1][1].append(self[name])
            else:
                out.append((legend, [self[name]]))
        return out

    def field_for(self, path: str | None) -> str | None:
        if not path:
            return None
        if path in self.field_aliases:
            return self.field_aliases[path]
        parts = path.split(".")
        if parts and parts[0] == "payload":
            parts = parts[1:]
        for part in reversed(parts):
            if part in self.fields:
                return part
        return None

    def add_domain_error(self, error: DomainError) -> None:
        self.add_error(self.field_for(error.field), error.message)
