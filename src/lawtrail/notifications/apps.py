from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "lawtrail.notifications"
    label = "notifications"
    verbose_name = "通知"

    def ready(self) -> None:
        from .listeners import connect

        connect()
