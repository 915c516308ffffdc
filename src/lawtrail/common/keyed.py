"""Fetching one row by a unique text key — the lookup every event makes — without recompiling the SQL.

Django compiles a queryset to SQL on every call, which for a wide model costs several times more than
running the query on SQLite. `event_record` and the apply functions look rows up by natural key (unit code,
badge number, case or incident number) for every event, so in bulk writes (`lawtrail demo`, imports) that
compilation was the largest single cost. Here the query is compiled once per model, field, lock mode and
database, with a placeholder value; each call runs the SQL, applies the field converters the compiler
chose (aware datetimes, JSON …) and builds the instance with `Model.from_db`, as Django's own model
iterator does. Only for keys whose value reaches the database unchanged (CharField); anything else falls
back to the ordinary queryset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connections
from django.db.models import CharField, Model

M = TypeVar("M", bound=Model)
_PLACEHOLDER = "\x00lawtrail-key\x00"


@dataclass(frozen=True)
class _Plan:
    sql: str
    attnames: list[str]
    converters: list[tuple[int, list[Any], Any]]  # (column index, converter functions, expression)


_PLANS: dict[tuple[type[Model], str, bool, str, str], _Plan | None] = {}


def get_by_key(model: type[M], field: str, value: str, *, for_update: bool = False) -> M | None:
    """The row of `model` whose unique `field` equals `value`, or None; `for_update` locks it."""
    db = model._default_manager.db
    connection = connections[db]
    cache_key = (model, field, for_update, db, connection.vendor)
    if cache_key not in _PLANS:
        _PLANS[cache_key] = _plan(model, field, for_update, db)
    plan = _PLANS[cache_key]
    if plan is None:
        return _queryset(model, field, value, for_update, db).first()
    with connection.cursor() as cursor:
        cursor.execute(plan.sql, [value])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for index, functions, expression in plan.converters:
        for function in functions:
            values[index] = function(values[index], expression, connection)
    return model.from_db(db, plan.attnames, values)


def _queryset(model: type[M], field: str, value: Any, for_update: bool, db: str):
    qs = model._default_manager.using(db).filter(**{field: value}).order_by()
    return qs.select_for_update() if for_update else qs


def _plan(model: type[Model], field: str, for_update: bool, db: str) -> _Plan | None:
    if not isinstance(model._meta.get_field(field), CharField):
        return None
    compiler = _queryset(model, field, _PLACEHOLDER, for_update, db)[:1].query.get_compiler(db)
    sql, params = compiler.as_sql()
    if tuple(params) != (_PLACEHOLDER,) or compiler.klass_info is None:
        return None
    columns = [column for column, _, _ in compiler.select]
    attnames = [column.target.attname for column in columns]
    if attnames != [f.attname for f in model._meta.concrete_fields]:
        return None
    converters = [
        (i, functions, expression) for i, (functions, expression) in compiler.get_converters(columns).items()
    ]
    return _Plan(sql, attnames, converters)
