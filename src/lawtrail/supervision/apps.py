from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "lawtrail.supervision"
    label = "supervision"
    verbose_name = "执法监督"
