"""`{% case_center_stays case as stays %}`: the case page's center section fetches its own rows (the case
view is another app's; the case was already fetched through the asker's scope)."""

from __future__ import annotations

from django import template

from lawtrail.center.selectors import case_stays

register = template.Library()


@register.simple_tag
def case_center_stays(case) -> list:
    return list(case_stays(case))
