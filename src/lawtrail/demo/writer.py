"""The demo's one door into the records: every change is `event_record`, with the historical time.

`occurred_at` is when it happened; `recorded_at` is when it was entered — usually minutes later, sometimes
hours or days ("data is often entered late"), never before the previous entry on the same record and never
after the end of the generated period. Event ids come from a seeded RNG, so two runs with the same seed
write identical histories.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from lawtrail.events.models import Event
from lawtrail.events.services import event_record
from lawtrail.org.models import Officer

SOURCE = "demo"


class Recorder:
    def __init__(self, *, rng: random.Random, seed: int, end: datetime):
        self.rng = rng
        self.ids = random.Random(f"lawtrail-demo:{seed}:ids")
        self.end = end
        self._last: dict[str, datetime] = {}
        self.count = 0

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.ids.getrandbits(128), version=4)

    def sha256(self) -> str:
        return f"{self.ids.getrandbits(256):064x}"

    def entry_lag(self) -> timedelta:
        """How long after the fact an officer enters it."""
        r = self.rng.random()
        if r < 0.60:
            return timedelta(seconds=self.rng.randint(60, 15 * 60))
        if r < 0.85:
            return timedelta(minutes=self.rng.randint(15, 120))
        if r < 0.97:
            return timedelta(minutes=self.rng.randint(120, 24 * 60))
        return timedelta(minutes=self.rng.randint(24 * 60, 3 * 24 * 60))

    def last_recorded(self, key: str) -> datetime | None:
        return self._last.get(key)

    def record(
        self,
        name: str,
        key: str,
        payload: dict[str, Any],
        *,
        actor: Officer | None,
        at: datetime,
        recorded: datetime | None = None,
        lag: timedelta | None = None,
    ) -> Event:
        if at > self.end:
            raise ValueError(f"{name} {key} at {at} is after the end of the demo period {self.end}")
        if recorded is None:
            recorded = at + (lag if lag is not None else self.entry_lag())
        previous = self._last.get(key)
        if previous is not None and recorded < previous:
            recorded = previous
        recorded = max(at, min(recorded, self.end))
        event = event_record(
            name=name,
            subject_key=key,
            payload=payload,
            actor=actor,
            occurred_at=at,
            recorded_at=recorded,
            event_id=self.uuid(),
            source=SOURCE,
        )
        self._last[key] = recorded
        self.count += 1
        return event
