"""Who is calling the API: an officer, by bearer token (other systems) or by login session (/api/docs).

A session counts only once its second factor, if owed, is verified (security/policies.py); the password
itself was checked by the login page, where django-axes locks out repeated failures.

Both resolve to an `Officer` in `request.auth`; the officer's scope (org/policies.py) then decides what
exists for the request. A session request that writes must carry the CSRF token (the docs page sends it);
a bearer-token request needs none, since a browser never adds the Authorization header on its own.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from lawtrail.common import clock
from lawtrail.common.errors import PermissionDenied
from lawtrail.org.models import Officer
from lawtrail.org.policies import Scope, scope_for
from lawtrail.security.policies import SecondFactor, session_second_factor

from .models import ApiToken
from .services import token_digest

# `last_used_at` is for spotting unused tokens, not an access log: refresh it at most this often.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; a missing, unknown or revoked token, or an inactive officer, is 401."""

    def authenticate(self, request: HttpRequest, token: str) -> Officer | None:
        if not token:
            return None
        api_token = (
            ApiToken.objects.select_related("officer", "officer__unit")
            .filter(token_sha256=token_digest(token), revoked_at__isnull=True, officer__is_active=True)
            .first()
        )
        if api_token is None:
            return None
        now = clock.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        return api_token.officer


class OfficerSession(APIKeyCookie):
    """The Django login session of an officer. Writes must pass Django's CSRF check.

    Unlike ninja's SessionAuth the CSRF check comes after the session is found, so that a request with
    no credentials at all is answered 401 (not 403).
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Officer | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if session_second_factor(request) is not SecondFactor.NONE:
            return None  # signed in with the password only: the TOTP step is still owed
        officer = Officer.objects.filter(user=user, is_active=True).select_related("unit").first()
        if officer is None:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise PermissionDenied(
                "CSRF 校验失败：使用登录会话调用写接口时须携带 X-CSRFToken 请求头（/api/docs 页面会自动携带）",
                code="csrf_failed",
            )
        return officer

    def authenticate(self, request: HttpRequest, key: str | None) -> Officer | None:  # pragma: no cover
        raise NotImplementedError  # __call__ does the work


def request_scope(request: HttpRequest) -> Scope:
    """The scope of the authenticated officer, resolved once per request."""
    scope = getattr(request, "_lawtrail_scope", None)
    if scope is None:
        scope = scope_for(request.auth)  # type: ignore[attr-defined]
        request._lawtrail_scope = scope  # type: ignore[attr-defined]
    return scope


def request_officer(request: HttpRequest) -> Officer:
    return request.auth  # type: ignore[attr-defined,return-value]
