from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "lawtrail.cases"
    label = "cases"
    verbose_name = "案件"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the case event types)
