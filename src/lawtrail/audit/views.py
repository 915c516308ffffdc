"""The audit search page: who did what to which record, and who looked at a person."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lawtrail.common.errors import PermissionDenied
from lawtrail.web.http import is_htmx, login_required, officer_of, scope_of, vary_on_htmx

from .choices import AuditAction
from .forms import AuditSearchForm
from .selectors import audit_search, persons_matching
from .services import audit_record

PAGE_SIZE = 50


@login_required
def audit_search_page(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    form = AuditSearchForm(request.GET or None)
    try:
        entries = audit_search(scope, form.filters())
    except PermissionDenied as error:
        raise HttpForbidden(_("审计查询仅限法制员和系统管理员。")) from error
    filters = form.filters()
    if filters.person:  # a search for a person is itself a read of personal data
        ids, hashes = persons_matching(scope, filters.person)
        audit_record(
            action=AuditAction.READ,
            actor=officer_of(request),
            object_type="audit_search",
            object_key="",
            persons=[(i, "") for i in sorted(ids)] + [("", h) for h in sorted(hashes)],
            detail={"officer": filters.officer, "action": filters.action, "object_key": filters.object_key},
        )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "audit/_results.html" if is_htmx(request) else "audit/search.html"
    return vary_on_htmx(render(request, template, {"form": form, "page": page, "nav": "audit"}))
