from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lawtrail.web"
    label = "web"
