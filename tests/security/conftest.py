"""Fixtures for authentication tests."""

from __future__ import annotations

import pytest

from lawtrail.org.models import Officer
from tests.factories import Bureau

from .helpers import make_administrator


@pytest.fixture
def administrator(bureau: Bureau) -> Officer:
    return make_administrator(bureau)
