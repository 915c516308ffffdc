"""The vocabularies of approvals: kinds of act, step kinds and scopes, request states, circumstances."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActKind(models.TextChoices):
    """Acts that a bureau's approval policy can cover (the policy of each is data: models.Policy)."""

    PENALTY_DECISION = "penalty_decision", _("行政处罚决定")
    ADMIN_DETENTION = "admin_detention", _("行政拘留")
    MAJOR_FINE = "major_fine", _("较大数额罚款")
    LICENCE_REVOCATION = "licence_revocation", _("吊销许可证")
    BUSINESS_SUSPENSION = "business_suspension", _("责令停产停业")
    SUMMONS = "summons", _("传唤")
    FORCED_SUMMONS = "forced_summons", _("强制传唤")
    SEIZURE = "seizure", _("扣押/查封")
    BAIL = "bail", _("取保候审")
    RSL = "rsl", _("监视居住")
    CRIMINAL_DETENTION = "criminal_detention", _("刑事拘留")
    ARREST_REQUEST = "arrest_request", _("提请批准逮捕")
    EXTENSION = "extension", _("延长期限")
    CASE_WITHDRAWAL = "case_withdrawal", _("撤销案件")
    NON_FILING = "non_filing", _("不予立案")


# Acts that are decisions of the case (case.decided): the discretion benchmarks apply to them.
DECISION_KINDS = frozenset(
    {
        ActKind.PENALTY_DECISION,
        ActKind.ADMIN_DETENTION,
        ActKind.MAJOR_FINE,
        ActKind.LICENCE_REVOCATION,
        ActKind.BUSINESS_SUSPENSION,
    }
)

# measure.applied kinds → the act an approval covers (measures.choices.MeasureKind values).
MEASURE_ACTS = {
    "summons": ActKind.SUMMONS,
    "forced_summons": ActKind.FORCED_SUMMONS,
    "seizure": ActKind.SEIZURE,
    "bail": ActKind.BAIL,
    "rsl": ActKind.RSL,
    "rsl_designated": ActKind.RSL,
    "criminal_detention": ActKind.CRIMINAL_DETENTION,
}


class StepKind(models.TextChoices):
    APPROVAL = "approval", _("审批")
    LEGAL_REVIEW = "legal_review", _("法制审核")
    COLLECTIVE = "collective", _("集体讨论")


class StepScope(models.TextChoices):
    """Where the decider's role must be granted."""

    CASE_UNIT = "case_unit", _("办案单位或其上级单位")
    BUREAU = "bureau", _("本局（局级授权）")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("审批中")
    RETURNED = "returned", _("退回补正")
    GRANTED = "granted", _("已批准")
    REFUSED = "refused", _("不批准")
    VOIDED = "voided", _("已作废")


ACTIVE_STATUSES = frozenset({RequestStatus.PENDING, RequestStatus.RETURNED})


class StepResult(models.TextChoices):
    APPROVE = "approve", _("同意")
    RETURN = "return", _("退回补正")
    REJECT = "reject", _("不同意")


class Circumstance(models.TextChoices):
    LIGHTER = "lighter", _("情节较轻")
    ORDINARY = "ordinary", _("一般")
    SERIOUS = "serious", _("情节较重")


class ExamOutcome(models.TextChoices):
    PASSED = "passed", _("通过")
    FAILED = "failed", _("未通过")
