"""`{% case_property case as items %}`: the case page's property section fetches its own rows (the case view
is another app's; the case was already fetched through the asker's scope)."""

from __future__ import annotations

from django import template

from lawtrail.property.selectors import case_items

register = template.Library()


@register.simple_tag
def case_property(case) -> list:
    return list(case_items(case))
