"""Sign-in and the workbench. Views parse, call a selector or service, and render; nothing is decided here."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lawtrail.cases.choices import CaseStatus
from lawtrail.common import clock
from lawtrail.incidents.choices import Status as IncidentStatus
from lawtrail.security.policies import SecondFactor, second_factor_owed
from lawtrail.supervision.selectors import alert_counts

from .charts import Item, horizontal_bars, vertical_bars
from .forms import LoginForm
from .http import login_required, officer_of, scope_of
from .selectors import workbench_for


class LoginView(auth_views.LoginView):
    """Password sign-in (django-axes counts failures and locks out). A user who owes a second factor is
    sent straight on to the TOTP verify or setup page (security/policies.py)."""

    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        owed = second_factor_owed(self.request.user)
        if owed is SecondFactor.NONE:
            return url
        target = reverse("web:otp_verify" if owed is SecondFactor.VERIFY else "web:otp_setup")
        return f"{target}?{urlencode({'next': url})}"


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    wb = workbench_for(scope, now=clock.now())
    cases_url = reverse("cases:list")
    incidents_url = reverse("incidents:list")
    case_chart = horizontal_bars(
        _("各状态案件数"),
        [
            Item(
                str(label),
                wb.case_counts.get(value, 0),
                f"bar-{value}",
                f"{cases_url}?{urlencode({'status': value})}",
            )
            for value, label in CaseStatus.choices
        ],
    )
    incident_chart = vertical_bars(
        _("近14日警情数"),
        [
            # the month only where it changes, so that 14 labels fit a phone's width
            Item(f"{day.month}/{day.day}" if i == 0 or day.day == 1 else str(day.day), n, "bar-day")
            for i, (day, n) in enumerate(wb.incidents_per_day)
        ],
    )
    incident_tiles = [
        (value, label, wb.incident_counts.get(value, 0), f"{incidents_url}?{urlencode({'status': value})}")
        for value, label in IncidentStatus.choices
    ]
    return render(
        request,
        "web/workbench.html",
        {
            "wb": wb,
            "officer": officer_of(request),
            "case_chart": case_chart,
            "incident_chart": incident_chart,
            "incident_tiles": incident_tiles,
            "alerts": alert_counts(scope),
            "nav": "workbench",
        },
    )
