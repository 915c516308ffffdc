from django.apps import AppConfig


class CenterConfig(AppConfig):
    name = "lawtrail.center"
    label = "center"
    verbose_name = "执法办案管理中心"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the center event types)
