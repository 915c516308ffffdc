"""Per request: a request id (X-Request-ID, echoed back), the client address and the channel for every audit
entry the request writes; after a successful answer, the read of personal data it made (recorders.READS)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .recorders import audit_request_read
from .services import audit_context, clean_request_id


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = clean_request_id(request.headers.get("X-Request-ID"))
        via = "api" if request.path.startswith("/api/") else "web"
        with audit_context(request_id=request_id, ip=request.META.get("REMOTE_ADDR", ""), via=via):
            response = self.get_response(request)
            if response.status_code == 200 and request.method == "GET":
                audit_request_read(request)
        response["X-Request-ID"] = request_id
        return response
