"""Template helpers for the case page's measure sections (the case view hands over the case; the
sections that arrived after it fetch their own rows here, through the measures selectors)."""

from __future__ import annotations

from django import template

from lawtrail.measures.selectors import case_detentions, detention_steps

register = template.Library()


@register.simple_tag
def detentions_of(case) -> list:
    """The case's administrative detentions, each with the steps offered now: [(detention, steps)]."""
    return [(d, detention_steps(d)) for d in case_detentions(case)]
