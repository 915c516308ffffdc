"""Forms of the supervision pages: the inbox filters and the rectification steps."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lawtrail.org.models import Officer
from lawtrail.supervision.models import AlertLevel, AlertState
from lawtrail.supervision.selectors import AlertFilters
from lawtrail.web.forms import DateInput, DomainForm


class AlertFilterForm(forms.Form):
    level = forms.ChoiceField(label=_("级别"), required=False)
    state = forms.ChoiceField(label=_("状态"), required=False)
    unit = forms.TypedChoiceField(label=_("单位"), required=False, coerce=int, empty_value=None)
    rule = forms.CharField(label=_("规则"), required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [("", _("全部")), *list(AlertLevel.choices)]
        self.fields["state"].choices = [
            ("active", _("未办结")),
            ("all", _("全部")),
            *list(AlertState.choices),
        ]
        self.fields["unit"].choices = [("", _("全部"))] + [(u.id, u.label) for u in units]

    def filters(self) -> AlertFilters:
        if not self.is_valid():
            return AlertFilters()
        d = self.cleaned_data
        return AlertFilters(
            level=d["level"] or None, state=d["state"] or None, unit=d["unit"], rule=d["rule"] or None
        )


class AssignForm(DomainForm):
    officer = forms.ModelChoiceField(label=_("整改责任人"), queryset=Officer.objects.none())
    deadline = forms.DateField(label=_("整改期限"), widget=DateInput())
    note = forms.CharField(label=_("整改要求"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if officers is not None:
            self.fields["officer"].queryset = officers


class SubmitForm(DomainForm):
    statement = forms.CharField(label=_("整改说明"), widget=forms.Textarea(attrs={"rows": 4}))


class VerifyForm(DomainForm):
    decision = forms.ChoiceField(
        label=_("核查结果"), choices=[("accept", _("通过，核销预警")), ("return", _("退回重新整改"))]
    )
    note = forms.CharField(label=_("核查意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
