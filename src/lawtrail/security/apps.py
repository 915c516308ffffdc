from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "lawtrail.security"
    verbose_name = "账号安全"
