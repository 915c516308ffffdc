"""Helpers for the run-time supervision tests: a movable clock and a bureau with one admin case."""

from __future__ import annotations

from datetime import datetime

import pytest

from lawtrail.common import clock
from tests.factories import at


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, start: str):
        self.moment = at(start)
        monkeypatch.setattr(clock, "now", lambda: self.moment)

    def set(self, text: str) -> datetime:
        self.moment = at(text)
        return self.moment
