"""One generated `tiny` bureau shared by the demo tests (generating it takes a few seconds).

The module fixture generates the bureau twice from the same seed and anchor: the first time directly
(rolled back after taking a snapshot), the second time through the `lawtrail demo` command (kept for the
other tests, rolled back when the package's tests are done). The determinism test compares the two snapshots.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from lawtrail.cases.models import Case, Party
from lawtrail.demo.generator import generate
from lawtrail.demo.models import PlantedDefect
from lawtrail.events.models import Event
from lawtrail.incidents.models import Incident, MediaRecord

SEED = 7
ANCHOR = date(2026, 11, 22)


def snapshot() -> dict[str, list]:
    """Everything a run produced, by natural keys (no database ids)."""
    return {
        "events": [
            (str(e.event_id), e.name, e.subject_key, e.occurred_at, e.recorded_at, e.payload, e.actor_name)
            for e in Event.objects.order_by("seq")
        ],
        "cases": list(
            Case.objects.order_by("number").values_list("number", "kind", "status", "title", "query_code")
        ),
        "parties": list(
            Party.objects.order_by("party_id").values_list(
                "party_id", "case__number", "role", "name", "id_number"
            )
        ),
        "incidents": list(
            Incident.objects.order_by("number").values_list("number", "status", "disposal", "place")
        ),
        "media": list(
            MediaRecord.objects.order_by("media_id").values_list("media_id", "kind", "sha256", "uri")
        ),
        "planted": list(
            PlantedDefect.objects.values_list("kind", "subject_type", "subject_key", "description", "details")
        ),
    }


@dataclass
class Generated:
    first: dict[str, list]
    second: dict[str, list]
    output: str


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with transaction.atomic():
            generate(scale="tiny", seed=SEED, anchor=ANCHOR)
            first = snapshot()
            transaction.set_rollback(True)
        out = io.StringIO()
        call_command(
            "demo",
            "--scale",
            "tiny",
            "--seed",
            str(SEED),
            "--anchor",
            ANCHOR.isoformat(),
            stdout=out,
            stderr=io.StringIO(),
        )
        yield Generated(first, snapshot(), out.getvalue())
        transaction.set_rollback(True)
