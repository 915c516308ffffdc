from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "lawtrail.approvals"
    label = "approvals"
    verbose_name = "审批与法制审核"

    def ready(self) -> None:
        from lawtrail.events.registry import before_event_applied

        from . import events  # noqa: F401  (registers the approval event types)
        from .guards import GUARDS

        for guard in GUARDS:
            before_event_applied(guard)
