from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "lawtrail.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the organisation's event types)
