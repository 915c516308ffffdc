from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lawtrail.audit"
    label = "audit"
    verbose_name = "审计"
