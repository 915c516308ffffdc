from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    BUREAU = "bureau", _("市（县）公安局")
    SUB_BUREAU = "sub_bureau", _("分局")
    STATION = "station", _("派出所")
    BRIGADE = "brigade", _("大队")
    SQUAD = "squad", _("中队")
    LEGAL = "legal", _("法制大队")
    CASE_CENTER = "case_center", _("执法办案管理中心")
    PROPERTY_CENTER = "property_center", _("涉案财物管理中心")
    COMMAND = "command", _("指挥中心")


class QualificationLevel(models.TextChoices):
    NONE = "none", _("无执法资格")
    BASIC = "basic", _("基本级")
    INTERMEDIATE = "intermediate", _("中级")
    ADVANCED = "advanced", _("高级")


class Role(models.TextChoices):
    CASE_OFFICER = "case_officer", _("办案民警")
    UNIT_HEAD = "unit_head", _("办案部门负责人")
    LEGAL_OFFICER = "legal_officer", _("法制员")
    DUTY_LEADER = "duty_leader", _("值班领导")
    CASE_CENTER_STAFF = "case_center_staff", _("案管中心民警")
    PUBLICATION_REVIEWER = "publication_reviewer", _("公开审核员")
    BUREAU_LEADER = "bureau_leader", _("局领导")
    ADMINISTRATOR = "administrator", _("系统管理员")
    CALL_TAKER = "call_taker", _("接警员")


# Roles whose grant makes the whole subtree of the granted unit visible. A case officer sees only the
# cases of their own unit (and those they handle); every other role sees the subtree it was granted on.
SUBTREE_ROLES = frozenset(r for r in Role if r is not Role.CASE_OFFICER)
