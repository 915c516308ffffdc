"""The one place that reads the wall clock, so that pure code can take `now` as an argument."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

LEGAL_TZ = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """The current moment, aware (UTC)."""
    return timezone.now()


def local(moment: datetime) -> datetime:
    """A moment in the legal time zone (Asia/Shanghai), for display and for day counting."""
    if timezone.is_naive(moment):
        raise ValueError("naive datetime: lawtrail only handles aware datetimes")
    return moment.astimezone(LEGAL_TZ)
