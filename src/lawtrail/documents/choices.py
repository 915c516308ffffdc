from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已签发")
    SERVED = "served", _("已送达")
    CORRECTED = "corrected", _("已更正")


class ServiceMethod(models.TextChoices):
    """送达方式 (行政程序规定 第36条; 民事诉讼法 第88–95条; 刑事诉讼法 第107条)."""

    DIRECT = "direct", _("直接送达")
    LODGED = "lodged", _("留置送达")
    ENTRUSTED = "entrusted", _("委托送达")
    POST = "post", _("邮寄送达")
    PUBLIC_NOTICE = "public_notice", _("公告送达")
    ELECTRONIC = "electronic", _("电子送达")


class ServiceTo(models.TextChoices):
    """受送达人 (the names the supervision catalogue's rules match on: payload.to)."""

    OFFENDER = "offender", _("被处罚人/违法嫌疑人")
    VICTIM = "victim", _("被侵害人")
    COMPLAINANT = "complainant", _("控告人")
    REPORTER = "reporter", _("报案人")
    FAMILY = "family", _("家属")
    PARTY = "party", _("当事人")
    HOLDER = "holder", _("持有人")
    EXECUTOR = "executor", _("执行单位")
    PROCURATORATE = "procuratorate", _("人民检察院")
    AGENCY = "agency", _("移送机关")


class DateStyle(models.TextChoices):
    CN_NUMERAL = "cn_numeral", _("二〇二六年三月二十日")
    ARABIC = "arabic", _("2026年3月20日")


class CounterScope(models.TextChoices):
    """What one 文号 counter covers (documents.md §3.4: configurable; the issue's example is per kind)."""

    UNIT_KIND_YEAR = "unit_kind_year", _("按单位、文书种类、年度分别编号")
    UNIT_YEAR = "unit_year", _("按单位、年度统一编号（各类文书共用）")
