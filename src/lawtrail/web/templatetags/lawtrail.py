"""Template helpers for lawtrail's pages: masking, short hashes, page links that keep the filters."""

from __future__ import annotations

from django import template
from django.http import QueryDict

register = template.Library()


@register.filter
def mask_id(value: str | None) -> str:
    """A citizen ID number shown as 4504**********1234: enough to tell two people apart, not to copy."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


@register.filter
def short_hash(value: str | None, length: int = 12) -> str:
    return (value or "")[: int(length)]


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (pagination links keep the filters)."""
    request = context.get("request")
    params: QueryDict = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
