"""Session limits, the second-factor gate, and the Permissions-Policy header.

Middleware rather than a decorator on each view, so that a new page cannot forget them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lawtrail.common import clock

from .policies import SecondFactor, session_second_factor

LOGIN_AT_KEY = "lawtrail.login_at"  # epoch seconds of the sign-in
LAST_ACTIVITY_KEY = "lawtrail.last_activity"  # epoch seconds of the last request, to the minute
ACTIVITY_RESOLUTION = timedelta(minutes=1)  # write the session at most this often for activity alone
BACKGROUND_HEADER = "X-Lawtrail-Background"  # sent by automatic refreshes: not activity


class SessionExpiryMiddleware:
    """Sign out a session idle for LAWTRAIL_SESSION_IDLE_TIMEOUT or older than LAWTRAIL_SESSION_MAX_AGE.

    The request then goes on anonymous: pages send it to the login page, the API answers 401.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request: HttpRequest) -> None:
        session = request.session
        now = clock.now().timestamp()
        login_at = session.get(LOGIN_AT_KEY)
        last = session.get(LAST_ACTIVITY_KEY)
        if login_at is None or last is None:
            session[LOGIN_AT_KEY] = session[LAST_ACTIVITY_KEY] = now
            return
        idle = now - last > settings.LAWTRAIL_SESSION_IDLE_TIMEOUT.total_seconds()
        too_old = now - login_at > settings.LAWTRAIL_SESSION_MAX_AGE.total_seconds()
        if idle or too_old:
            logout(request)
            messages.info(
                request,
                _("长时间未操作，已自动退出，请重新登录。")
                if idle
                else _("登录已超过最长时限，请重新登录。"),
            )
            return
        # A page's own refresh (the notification badge) is not the user doing something: it must not keep
        # an unattended session alive past its idle limit.
        background = request.headers.get(BACKGROUND_HEADER) == "1"
        if not background and now - last >= ACTIVITY_RESOLUTION.total_seconds():
            session[LAST_ACTIVITY_KEY] = now


class SecondFactorMiddleware:
    """A password-authenticated session that owes a TOTP code (or an enrolment) reaches nothing but the
    verify/setup pages, sign-out, language switching and static files. The API refuses such a session
    in its own authentication (api/auth.py), so it is not redirected here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        owed = session_second_factor(request)
        # The pages leave out what would call back while a factor is owed (the notification badge).
        request.lawtrail_owes_second_factor = owed is not SecondFactor.NONE
        if owed is SecondFactor.NONE or self.exempt(request.path_info):
            return self.get_response(request)
        target = reverse("web:otp_verify" if owed is SecondFactor.VERIFY else "web:otp_setup")
        url = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(status=200)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)

    @staticmethod
    def exempt(path: str) -> bool:
        allowed = [
            reverse("web:otp_verify"),
            reverse("web:otp_setup"),
            reverse("web:logout"),
            reverse("web:login"),
            reverse("set_language"),
            settings.STATIC_URL,
            "/api/",
        ]
        return any(path.startswith(prefix) for prefix in allowed)


class PermissionsPolicyMiddleware:
    """Permissions-Policy (Django has no setting for it): the pages use no camera, location, etc."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.LAWTRAIL_PERMISSIONS_POLICY)
        return response
