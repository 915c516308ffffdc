from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "lawtrail.documents"
    label = "documents"
    verbose_name = "法律文书"

    def ready(self) -> None:
        from . import events  # noqa: F401  (registers the document event types)
