from django.apps import AppConfig


class PropertyConfig(AppConfig):
    name = "lawtrail.property"
    label = "property"
    verbose_name = "涉案财物"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the property event types)
