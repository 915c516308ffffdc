from django.db import models


class UnitKind(models.TextChoices):
    BUREAU = "bureau", "市（县）公安局"
    SUB_BUREAU = "sub_bureau", "分局"
    STATION = "station", "派出所"
    BRIGADE = "brigade", "大队"
    SQUAD = "squad", "中队"
    LEGAL = "legal", "法制大队"
    CASE_CENTER = "case_center", "执法办案管理中心"
    PROPERTY_CENTER = "property_center", "涉案财物管理中心"
    COMMAND = "command", "指挥中心"


class QualificationLevel(models.TextChoices):
    NONE = "none", "无执法资格"
    BASIC = "basic", "基本级"
    INTERMEDIATE = "intermediate", "中级"
    ADVANCED = "advanced", "高级"


class Role(models.TextChoices):
    CASE_OFFICER = "case_officer", "办案民警"
    UNIT_HEAD = "unit_head", "办案部门负责人"
    LEGAL_OFFICER = "legal_officer", "法制员"
    DUTY_LEADER = "duty_leader", "值班领导"
    CASE_CENTER_STAFF = "case_center_staff", "案管中心民警"
    PUBLICATION_REVIEWER = "publication_reviewer", "公开审核员"
    BUREAU_LEADER = "bureau_leader", "局领导"
    ADMINISTRATOR = "administrator", "系统管理员"
    CALL_TAKER = "call_taker", "接警员"


# Roles whose grant makes the whole subtree of the granted unit visible. A case officer sees only the
# cases of their own unit (and those they handle); every other role sees the subtree it was granted on.
SUBTREE_ROLES = frozenset(r for r in Role if r is not Role.CASE_OFFICER)
