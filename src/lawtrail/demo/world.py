"""What every part of the generator shares: the seeded RNG, the recorder, the people factory, the bureau,
the period, the offence catalogue and the list of planted defects."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from lawtrail.cases.events import case_number, case_sequence_key
from lawtrail.cases.models import Offence
from lawtrail.cases.services import QUERY_CODE_ALPHABET
from lawtrail.common.clock import LEGAL_TZ
from lawtrail.incidents.events import incident_sequence_key
from lawtrail.org.models import Unit

from .models import PlantedDefect
from .org_builder import Org
from .people import People
from .writer import Recorder


@dataclass
class World:
    seed: int
    rng: random.Random
    rec: Recorder
    people: People
    org: Org
    start: datetime
    end: datetime
    offences: dict[str, Offence]
    planted: list[PlantedDefect] = field(default_factory=list)
    stats: Counter[str] = field(default_factory=Counter)
    serials: Counter[str] = field(default_factory=Counter)

    # --- numbers -------------------------------------------------------------------------------------------

    def _next(self, key: str) -> int:
        """The next serial for a numbering key. The demo bureau is new (generate() checks), so its counters
        start at zero here; the apply functions of incident.received and case.accepted move the shared
        counters (common.Sequence) past every number they see, as they do for imported numbers, so the
        pages and the API continue the series after the demo."""
        self.serials[key] += 1
        return self.serials[key]

    def incident_number(self, unit: Unit, at: datetime) -> str:
        """J + unit code + date + 4-digit serial, as incidents.services.incident_receive numbers them."""
        day = at.astimezone(LEGAL_TZ)
        return f"J{unit.code}{day:%Y%m%d}{self._next(incident_sequence_key(unit, day)):04d}"

    def case_number(self, unit: Unit, kind: str, at: datetime) -> str:
        """X/A + unit code + year + 5-digit serial, as cases.services.case_accept numbers them."""
        year = at.astimezone(LEGAL_TZ).year
        return case_number(unit.code, kind, year, self._next(case_sequence_key(unit.code, kind, year)))

    def query_code(self) -> str:
        return "".join(self.rec.ids.choice(QUERY_CODE_ALPHABET) for _ in range(8))

    # --- time ----------------------------------------------------------------------------------------------

    def between(self, low: timedelta, high: timedelta) -> timedelta:
        return timedelta(seconds=self.rng.randint(int(low.total_seconds()), int(high.total_seconds())))

    def next_morning(self, moment: datetime, *, hour: int = 8, spread_minutes: int = 150) -> datetime:
        """A time on the morning after `moment` (the duty leader's daily review of yesterday's incidents)."""
        local = moment.astimezone(LEGAL_TZ)
        day = local.replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=1)
        return day + timedelta(minutes=self.rng.randint(0, spread_minutes), seconds=self.rng.randint(0, 59))

    # --- planted defects -----------------------------------------------------------------------------------

    def plant(self, kind: str, subject_type: str, key: str, description: str, **details: Any) -> None:
        self.planted.append(
            PlantedDefect(
                kind=kind,
                subject_type=subject_type,
                subject_key=key,
                description=description,
                details=details,
                seed=self.seed,
            )
        )


def iso(moment: datetime) -> str:
    return moment.astimezone(LEGAL_TZ).isoformat()
