from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lawtrail.audit"
    label = "audit"
    verbose_name = "审计"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from lawtrail.events.registry import on_event_applied

        from . import recorders

        on_event_applied(recorders.audit_event)  # every event appends its audit entry (same transaction)
        user_logged_in.connect(recorders.on_logged_in, dispatch_uid="lawtrail.audit.login")
        user_logged_out.connect(recorders.on_logged_out, dispatch_uid="lawtrail.audit.logout")
        user_login_failed.connect(recorders.on_login_failed, dispatch_uid="lawtrail.audit.login_failed")
        user_locked_out.connect(recorders.on_locked_out, dispatch_uid="lawtrail.audit.locked_out")
