import pytest

from lawtrail.supervision.calendar import calendar_cache_clear


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Tasks run at once (django-tasks' immediate backend) and the calendar cache starts empty."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.LAWTRAIL_NOTIFY_CHANNELS = ["email", "sms"]
    settings.LAWTRAIL_SMS_GATEWAY = "lawtrail.notifications.channels.LoggingSmsGateway"
    calendar_cache_clear()
    yield
    calendar_cache_clear()
