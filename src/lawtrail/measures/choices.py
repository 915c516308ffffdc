from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureKind(models.TextChoices):
    """The measures of the supervision catalogue (_events.yaml, `measure.applied.kind`): names are stable."""

    SUMMONS = "summons", _("传唤")
    FORCED_SUMMONS = "forced_summons", _("强制传唤")
    CONTINUED_QUESTIONING = "continued_questioning", _("继续盘问")
    COMPELLED_APPEARANCE = "compelled_appearance", _("拘传")
    SOBERING_RESTRAINT = "sobering_restraint", _("醉酒约束")
    COERCIVE = "coercive", _("其他行政强制措施")
    CRIMINAL_DETENTION = "criminal_detention", _("刑事拘留")
    ARREST = "arrest", _("逮捕")
    BAIL = "bail", _("取保候审")
    RSL = "rsl", _("监视居住")
    RSL_DESIGNATED = "rsl_designated", _("指定居所监视居住")
    DETENTION_REVIEW = "detention_review", _("拘留审查")
    SEIZURE = "seizure", _("扣押/扣留/查封")
    FREEZE_TERROR = "freeze_terror", _("冻结涉恐资金")
    EVIDENCE_PRESERVATION = "evidence_preservation", _("先行登记保存")


# Measures that bring a person in: their clock (询问查证, 盘问, 拘传) runs from the arrival (到案).
ARRIVAL_KINDS = frozenset(
    {
        MeasureKind.SUMMONS,
        MeasureKind.FORCED_SUMMONS,
        MeasureKind.CONTINUED_QUESTIONING,
        MeasureKind.COMPELLED_APPEARANCE,
    }
)


class MeasureStatus(models.TextChoices):
    APPLIED = "applied", _("已采取")
    ARRIVED = "arrived", _("已到案")
    ENDED = "ended", _("已解除")


class EndReason(models.TextChoices):
    RELEASED = "released", _("释放")
    CHANGED = "changed", _("变更措施")
    LIFTED = "lifted", _("解除")
    DECIDED = "decided", _("作出处理决定")


class NoticeTo(models.TextChoices):
    FAMILY = "family", _("家属")
    EMPLOYER = "employer", _("所在单位")


class NoticeMethod(models.TextChoices):
    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")
    IN_PERSON = "in_person", _("当面")
    POST = "post", _("邮寄")
    OTHER = "other", _("其他")


class InterviewKind(models.TextChoices):
    QUESTIONING = "questioning", _("询问")
    INTERROGATION = "interrogation", _("讯问")


class InterviewPlace(models.TextChoices):
    CASE_AREA = "case_area", _("执法办案场所")
    DETENTION_HOUSE = "detention_house", _("看守所")
    SCENE = "scene", _("现场")
    DESIGNATED = "designated", _("指定地点")
    REMOTE = "remote", _("远程视频")
    OTHER = "other", _("其他地点")


class GuardianRole(models.TextChoices):
    GUARDIAN = "guardian", _("法定代理人/监护人")
    APPROPRIATE_ADULT = "appropriate_adult", _("合适成年人")


class ChangeRequester(models.TextChoices):
    """Who applies for a change of a criminal coercive measure (刑事诉讼法 第97条)."""

    SUSPECT = "suspect", _("犯罪嫌疑人")
    RELATIVE = "relative", _("近亲属")
    REPRESENTATIVE = "representative", _("法定代理人")
    LAWYER = "lawyer", _("辩护人")


# Measures after which the family must be told (when, how — or why not): 治安管理处罚法 第83条 (传唤的原因
# 和处所), 刑事诉讼法 第85条、第93条 (拘留、逮捕 24小时内), 第75条 (指定居所监视居住 24小时内), 人民警察法
# 第9条 (继续盘问).
FAMILY_NOTICE_KINDS = frozenset(
    {
        MeasureKind.SUMMONS,
        MeasureKind.FORCED_SUMMONS,
        MeasureKind.CONTINUED_QUESTIONING,
        MeasureKind.CRIMINAL_DETENTION,
        MeasureKind.ARREST,
        MeasureKind.RSL_DESIGNATED,
    }
)


class DetentionStatus(models.TextChoices):
    IN_CUSTODY = "in_custody", _("执行中")
    RELEASED = "released", _("已解除")


class DetentionRelease(models.TextChoices):
    EXPIRED = "expired", _("期满解除")
    SUSPENDED = "suspended", _("暂缓执行，释放")
    REVOKED = "revoked", _("决定被撤销或变更")
    OTHER = "other", _("其他")
