from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "lawtrail.measures"
    label = "measures"
    verbose_name = "强制措施与询问讯问"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the measure and interview event types)
