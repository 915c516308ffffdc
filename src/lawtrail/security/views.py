"""The second factor's pages: enrol a TOTP authenticator (scan or type the secret, confirm a code), and
enter a code after the password. Decisions live in policies.py and services.py."""

from __future__ import annotations

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from lawtrail.web.http import login_required

from .forms import TokenForm
from .policies import confirmed_device
from .services import (
    second_factor_failed,
    second_factor_locked,
    totp_device_confirm,
    totp_device_pending,
    totp_verify,
)


def next_url(request: HttpRequest) -> str:
    """Where to go afterwards: the `next` parameter when it is a page of this site, else the workbench."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def qr_svg(text: str) -> SafeString:
    """The QR code as inline SVG, drawn here: nothing is fetched from another host."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # the library gives a size in millimetres; show it at a size phones scan easily
    svg = svg.replace('width="', 'data-w="', 1).replace('height="', 'data-h="', 1)
    svg = svg.replace("<svg ", '<svg width="220" height="220" role="img" aria-hidden="true" ', 1)
    return mark_safe(svg)  # generated here from our own otpauth URL


def grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("otp_token")
@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    if confirmed_device(request.user) is not None:
        return HttpResponseRedirect(next_url(request))
    if second_factor_locked(request=request):
        return signed_out_and_locked(request)
    device = totp_device_pending(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(request=request, device=device, token=form.cleaned_data["otp_token"]):
            return HttpResponseRedirect(next_url(request))
        if second_factor_failed(request=request):
            return signed_out_and_locked(request)
        form.add_error("otp_token", _("验证码不正确或已过期，请输入应用中当前显示的数字。"))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "security/otp_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": grouped(secret),
            "next": next_url(request),
        },
    )


@never_cache
@sensitive_post_parameters("otp_token")
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    device = confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return HttpResponseRedirect(next_url(request))
    if second_factor_locked(request=request):
        return signed_out_and_locked(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_verify(request=request, device=device, token=form.cleaned_data["otp_token"]):
            return HttpResponseRedirect(next_url(request))
        if second_factor_failed(request=request):
            return signed_out_and_locked(request)
        form.add_error("otp_token", _("验证码不正确或已过期，请稍候重新输入。"))
    return render(request, "security/otp_verify.html", {"form": form, "next": next_url(request)})


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out username+IP (AXES_LOCKOUT_CALLABLE): a page in Chinese, 429."""
    return render(
        request,
        "security/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )


def signed_out_and_locked(request: HttpRequest) -> HttpResponse:
    """Too many wrong codes: the password-only session ends and the lockout page is shown."""
    logout(request)
    return locked_out(request)
