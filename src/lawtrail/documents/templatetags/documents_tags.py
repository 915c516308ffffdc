"""The case page's documents section: `{% include "documents/_case_section.html" %}` with `case` in the
context (the case was fetched through the asker's scope by the case page)."""

from __future__ import annotations

from django import template

from ..kinds import kinds_for
from ..selectors import case_documents

register = template.Library()


@register.inclusion_tag("documents/_case_documents.html")
def case_documents_section(case) -> dict:
    return {"case": case, "documents": list(case_documents(case)), "kinds": kinds_for(case.kind)}
