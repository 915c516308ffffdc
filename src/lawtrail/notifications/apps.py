from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "lawtrail.notifications"
    label = "notifications"
    verbose_name = "通知"
