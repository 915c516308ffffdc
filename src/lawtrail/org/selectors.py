"""Organisation reads scoped to the asker: units and officers for forms, filters and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from lawtrail.common.errors import NotFound

from .models import Officer, Unit
from .policies import Scope


def units_in_scope(scope: Scope) -> QuerySet[Unit]:
    """The units an officer may see records of, in tree order (for unit pickers and filters)."""
    return Unit.objects.filter(id__in=scope.unit_ids).order_by("path")


def unit_get(scope: Scope, code: str, *, field: str = "unit") -> Unit:
    """A unit in the asker's scope, by code (to create a record in it). Out of scope is 404, like a unit
    that does not exist."""
    unit = units_in_scope(scope).filter(code=code).first()
    if unit is None:
        raise NotFound(f"单位{code}不存在或不在您的范围内", field=field)
    return unit


def officer_get_in_bureau(bureau_id: int, badge_no: str, *, field: str = "officer") -> Officer:
    """An active officer of the bureau, by badge number (to name a handler); anyone else is 404."""
    officer = (
        Officer.objects.filter(badge_no=badge_no, unit__bureau_id=bureau_id, is_active=True)
        .select_related("unit")
        .first()
    )
    if officer is None:
        raise NotFound(f"本局没有警号为{badge_no}的在职民警", field=field)
    return officer
