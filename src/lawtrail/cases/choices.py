from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    ADMINISTRATIVE = "admin", _("行政案件")
    CRIMINAL = "criminal", _("刑事案件")


class CaseStatus(models.TextChoices):
    ACCEPTED = "accepted", _("已受案")
    FILED = "filed", _("已立案")
    NOT_FILED = "not_filed", _("不予立案")
    INVESTIGATING = "investigating", _("调查/侦查中")
    RIGHTS_NOTIFIED = "rights_notified", _("已告知")
    DECIDED = "decided", _("已决定")
    TERMINATED = "terminated", _("终止调查")
    EXECUTED = "executed", _("已执行")
    TRANSFERRED = "transferred", _("已移送审查起诉")
    WITHDRAWN = "withdrawn", _("已撤销")
    CLOSED = "closed", _("已结案")


class Outcome(models.TextChoices):
    PENALTY = "penalty", _("给予行政处罚")
    NO_PENALTY = "no_penalty", _("不予行政处罚")


class Procedure(models.TextChoices):
    GENERAL = "general", _("一般程序")
    SUMMARY = "summary", _("简易程序")


class PartyRole(models.TextChoices):
    ADMIN_SUSPECT = "admin_suspect", _("违法嫌疑人")
    CRIMINAL_SUSPECT = "criminal_suspect", _("犯罪嫌疑人")
    VICTIM = "victim", _("被侵害人")
    WITNESS = "witness", _("证人")
    REPORTER = "reporter", _("报案人")
    OTHER = "other", _("其他当事人")


class Gender(models.TextChoices):
    MALE = "male", _("男")
    FEMALE = "female", _("女")
    UNKNOWN = "unknown", _("未知")


class HandlerRole(models.TextChoices):
    LEAD = "lead", _("主办民警")
    ASSISTING = "assisting", _("协办民警")
