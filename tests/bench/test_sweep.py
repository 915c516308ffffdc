"""bench/sweep.py: the hand-written SQL, the engine and the runtime's due-time sweep agree on generated data."""

from __future__ import annotations

import importlib.util
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection

from lawtrail.supervision.calendar import load_calendar
from lawtrail.supervision.loader import default_catalogue
from lawtrail.supervision.models import Obligation, SupervisedSubject
from tests.factories import ensure_reference_data


def _load(name: str):
    path = Path(__file__).resolve().parents[2] / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"bench_{name}"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


generate_module = _load("generate")
sweep_module = _load("sweep")


@pytest.fixture
def generated(db):
    ensure_reference_data()
    return generate_module.generate(connection=connection, cases=400, seed=5, check=0)


def test_sql_engine_and_due_time_sweep_find_the_same_overdue_cases(generated):
    """Given 400 generated cases (about 220 administrative), when the overdue 治安 cases at the data's end
    are found by the hand-written SQL, by the engine on every administrative case, and by the runtime's
    periodic sweep (a previous sweep a day earlier storing next-check times, then only the cases due or
    changed since re-evaluated), then the three sets are the same and not empty, and the periodic sweep
    evaluated fewer cases than the full engine pass."""
    catalogue = default_catalogue()
    rule = catalogue.get(sweep_module.RULE_ID)
    calendar = load_calendar()
    as_of = datetime.fromisoformat(sweep_module.DEFAULT_AS_OF)

    sql = sweep_module.sql_baseline(connection, rule, calendar, as_of, repeat=1)
    engine = sweep_module.engine_sweep(connection, rule, catalogue, calendar, as_of, 100, "rule")
    due = sweep_module.due_index_sweep(connection, rule, catalogue, calendar, as_of, 100, timedelta(days=1))

    assert sql["ids"]
    assert engine["ids"] == sql["ids"]
    assert due["ids"] == sql["ids"]
    assert due["result"]["evaluated"] < engine["result"]["cases"]
    assert SupervisedSubject.objects.count() == engine["result"]["cases"]
    assert Obligation.objects.filter(family=rule.family).exists()
