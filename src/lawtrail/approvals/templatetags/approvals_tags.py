"""`{% case_approval_panel case as apv %}`: the approval history of a case for its page (the case was
fetched through the asker's scope by the case view)."""

from __future__ import annotations

from django import template

from lawtrail.approvals.selectors import case_approvals

register = template.Library()


@register.simple_tag
def case_approval_panel(case) -> dict:
    return {"requests": case_approvals(case)}
