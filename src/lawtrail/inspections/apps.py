from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "lawtrail.inspections"
    label = "inspections"
    verbose_name = "警情审核与视频抽查"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers inspection.sampled and inspection.finding_recorded)
