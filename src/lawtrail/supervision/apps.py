from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "lawtrail.supervision"
    label = "supervision"
    verbose_name = "执法监督"

    def ready(self) -> None:
        from lawtrail.events.registry import on_event_applied
        from lawtrail.supervision.runtime import after_event

        on_event_applied(after_event)
