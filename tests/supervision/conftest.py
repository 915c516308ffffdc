import pytest

from lawtrail.supervision.calendar import calendar_cache_clear


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Each test starts and ends with an empty calendar cache (test transactions roll back)."""
    calendar_cache_clear()
    yield
    calendar_cache_clear()
