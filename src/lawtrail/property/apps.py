from django.apps import AppConfig


class PropertyConfig(AppConfig):
    name = "lawtrail.property"
    label = "property"
    verbose_name = "涉案财物"
