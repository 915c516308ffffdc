"""The API's one error format: {"code", "message", "field"} with the HTTP status of the error.

`code` is stable (clients match on it), `message` is for people (Chinese), `field` names the request field
at fault (`payload.id_number`, `unit`, `limit`) or is null. Domain errors keep their own status (404
not found or out of scope, 409 transition refused, 422 invalid); request validation errors are 422.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

from lawtrail.common.errors import DomainError
from lawtrail.events.services import describe_error


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


ERROR_DESCRIPTIONS = {
    401: "未认证：缺少、无效或已吊销的令牌 (unauthenticated)",
    403: "CSRF 校验失败 (session writes need the CSRF token)",
    404: "不存在或不在您的查看范围内 (not found or out of scope — indistinguishable)",
    409: "状态不允许此操作 (the state machine refuses the transition)",
    422: "请求数据无效 (invalid request data; `field` names the field)",
}


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for the error statuses an endpoint can answer (401 is always possible)."""
    return dict.fromkeys(sorted({401, *statuses}), ErrorOut)


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field}


@contextmanager
def body_fields(**renamed: str) -> Iterator[None]:
    """For endpoints whose body is the payload itself: report `payload.place` as `place`, and a payload
    field the body calls otherwise under the body's name (`body_fields(officer="lead")`)."""
    try:
        yield
    except DomainError as exc:
        if exc.field and exc.field.startswith("payload."):
            name = exc.field.removeprefix("payload.")
            exc.field = renamed.get(name, name)
        raise


def _request_field(loc: tuple[Any, ...] | list[Any]) -> str:
    """ninja's location (`body`, param name, field …) → the field as the client wrote it."""
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[2:]  # "body" and the name of the body parameter
    elif parts and parts[0] in ("query", "path", "header", "cookie", "form"):
        parts = parts[1:]
        if len(parts) > 1:
            parts = parts[1:]  # the name of a query schema parameter
    return ".".join(parts)


def _request_message(err: dict[str, Any]) -> str:
    """The Chinese message for a request error (ninja drops the rejected input, so say what is allowed)."""
    kind, ctx = err.get("type", ""), err.get("ctx", {})
    if kind in ("literal_error", "enum"):
        return f"取值无效，可选值：{ctx.get('expected', '')}"
    if kind == "greater_than_equal":
        return f"数值过小，最小为 {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"数值过大，最大为 {ctx.get('le')}"
    return describe_error({**err, "loc": ()})[1]


def install_error_handlers(api: NinjaAPI) -> None:
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, error_body(exc.code, exc.message, exc.field), status=exc.status)

    def request_invalid(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
        err = exc.errors[0]
        message = _request_message(err)
        field = _request_field(err.get("loc", ()))
        return api.create_response(
            request, error_body("validation_failed", message, field or None), status=422
        )

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(
            request,
            error_body(
                "unauthenticated",
                "未认证：请在 Authorization 请求头中提供有效的令牌（Bearer <token>），或先登录",
            ),
            status=401,
        )
        response["WWW-Authenticate"] = 'Bearer realm="lawtrail"'
        return response

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(request, error_body("http_error", str(exc)), status=exc.status_code)

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body("not_found", "不存在或不在您的查看范围内"), status=404)

    api.add_exception_handler(DomainError, domain_error)
    api.add_exception_handler(RequestValidationError, request_invalid)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
