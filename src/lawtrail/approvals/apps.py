from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "lawtrail.approvals"
    label = "approvals"
    verbose_name = "审批与法制审核"
