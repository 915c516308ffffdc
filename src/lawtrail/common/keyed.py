"""Fetching one row by a unique text key — the lookup every event makes — without recompiling the SQL.

Django compiles a queryset to SQL on every call, which for a wide model costs several times more than
running the query on SQLite. `event_record` and the apply functions look rows up by natural key (unit code,
badge number, case or incident number) for every event, so in bulk writes (`lawtrail demo`, imports) that
compilation was the largest single cost. Here the statement is compiled once per model, field and lock mode
with a placeholder value and then run through `raw()`, which applies the same field converters as a
queryset (aware datetimes, JSON). Only for keys whose value reaches the database unchanged (CharField);
anything else falls back to the ordinary queryset.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import CharField, Model

M = TypeVar("M", bound=Model)
_PLACEHOLDER = "\x00lawtrail-key\x00"
_SQL: dict[tuple[type[Model], str, bool, str], str | None] = {}


def get_by_key(model: type[M], field: str, value: str, *, for_update: bool = False) -> M | None:
    """The row of `model` whose unique `field` equals `value`, or None; `for_update` locks it."""
    manager = model._default_manager
    db = manager.db
    cache_key = (model, field, for_update, db)
    if cache_key not in _SQL:
        _SQL[cache_key] = _compile(model, field, for_update, db)
    sql = _SQL[cache_key]
    if sql is None:
        return _queryset(model, field, value, for_update, db).first()
    return next(iter(manager.using(db).raw(sql, [value])), None)


def _queryset(model: type[M], field: str, value: Any, for_update: bool, db: str):
    qs = model._default_manager.using(db).filter(**{field: value}).order_by()
    return qs.select_for_update() if for_update else qs


def _compile(model: type[Model], field: str, for_update: bool, db: str) -> str | None:
    if not isinstance(model._meta.get_field(field), CharField):
        return None
    qs = _queryset(model, field, _PLACEHOLDER, for_update, db)[:1]
    sql, params = qs.query.sql_with_params()
    return sql if tuple(params) == (_PLACEHOLDER,) else None
