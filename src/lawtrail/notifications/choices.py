from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ALERT_OPENED = "alert_opened", _("新预警")
    ALERT_ESCALATED = "alert_escalated", _("预警升级")
    ALERT_ASSIGNED = "alert_assigned", _("下发整改")
    FINDING = "finding", _("视频抽查发现问题")
    OTHER = "other", _("其他")


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")
