"""Small helpers for views: htmx requests and domain "not found" as an HTTP 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar
from urllib.parse import urlsplit

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from lawtrail.common.errors import NotFound
from lawtrail.org.models import Officer
from lawtrail.org.policies import Scope, scope_for_user

T = TypeVar("T")


def is_htmx(request: HttpRequest) -> bool:
    """A fragment request from htmx (a history restore asks for the whole page again)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request"])
    return response


def scope_of(request: HttpRequest) -> Scope:
    return scope_for_user(request.user)


def officer_of(request: HttpRequest) -> Officer | None:
    return getattr(request.user, "officer", None)


def or_404(getter: Callable[..., T], *args, **kwargs) -> T:
    """Call a selector; out of scope and absent are the same answer: 404."""
    try:
        return getter(*args, **kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Django's login_required, except that an htmx request (its session expired) makes the whole page go
    to the login page, instead of the login page being swapped into a fragment."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if is_htmx(request):
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
            page = (current.path + (f"?{current.query}" if current.query else "")) or request.get_full_path()
            response = HttpResponse(status=200)
            response["HX-Redirect"] = redirect_to_login(page).url
            return response
        return redirect_to_login(request.get_full_path())

    return wrapper
