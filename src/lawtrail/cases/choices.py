from django.db import models


class CaseKind(models.TextChoices):
    ADMINISTRATIVE = "admin", "行政案件"
    CRIMINAL = "criminal", "刑事案件"


class CaseStatus(models.TextChoices):
    ACCEPTED = "accepted", "已受案"
    FILED = "filed", "已立案"
    NOT_FILED = "not_filed", "不予立案"
    INVESTIGATING = "investigating", "调查/侦查中"
    RIGHTS_NOTIFIED = "rights_notified", "已告知"
    DECIDED = "decided", "已决定"
    TERMINATED = "terminated", "终止调查"
    EXECUTED = "executed", "已执行"
    TRANSFERRED = "transferred", "已移送审查起诉"
    WITHDRAWN = "withdrawn", "已撤销"
    CLOSED = "closed", "已结案"


class Outcome(models.TextChoices):
    PENALTY = "penalty", "给予行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"


class Procedure(models.TextChoices):
    GENERAL = "general", "一般程序"
    SUMMARY = "summary", "简易程序"


class PartyRole(models.TextChoices):
    ADMIN_SUSPECT = "admin_suspect", "违法嫌疑人"
    CRIMINAL_SUSPECT = "criminal_suspect", "犯罪嫌疑人"
    VICTIM = "victim", "被侵害人"
    WITNESS = "witness", "证人"
    REPORTER = "reporter", "报案人"
    OTHER = "other", "其他当事人"


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"
    UNKNOWN = "unknown", "未知"


class HandlerRole(models.TextChoices):
    LEAD = "lead", "主办民警"
    ASSISTING = "assisting", "协办民警"
