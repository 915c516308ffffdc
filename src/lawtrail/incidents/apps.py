from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "lawtrail.incidents"
    label = "incidents"
    verbose_name = "警情"

    def ready(self) -> None:
        from . import events, media_events  # noqa: F401  (register the incident and media event types)
