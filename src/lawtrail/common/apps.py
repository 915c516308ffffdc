from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "lawtrail.common"
    label = "common"
