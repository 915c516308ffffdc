"""The linking proposals waiting on a case page (the case view hands over the case, already in scope)."""

from __future__ import annotations

from django import template

from lawtrail.incidents.media_selectors import pending_proposals_for

register = template.Library()


@register.simple_tag
def case_media_proposals(case) -> list:
    return list(pending_proposals_for(case=case).select_related("case", "interview", "interview__party"))
