from django.db import models
from django.utils.translation import gettext_lazy as _


class StayReason(models.TextChoices):
    """Why the person is in the center: usually the measure that brought them (measures.MeasureKind)."""

    SUMMONS = "summons", _("传唤")
    FORCED_SUMMONS = "forced_summons", _("强制传唤")
    COMPELLED_APPEARANCE = "compelled_appearance", _("拘传")
    CONTINUED_QUESTIONING = "continued_questioning", _("继续盘问")
    CRIMINAL_DETENTION = "criminal_detention", _("刑事拘留")
    ARREST = "arrest", _("逮捕")
    ADMIN_DETENTION = "admin_detention", _("行政拘留（待送拘留所）")
    VOLUNTARY = "voluntary", _("主动投案/配合调查")
    OTHER = "other", _("其他")


class StayStatus(models.TextChoices):
    IN = "in", _("在中心")
    LEFT = "left", _("已离开")
    HANDED_OVER = "handed_over", _("已移交羁押场所")


class RoomKind(models.TextChoices):
    INTERVIEW = "interview", _("询问/讯问室")
    WAITING = "waiting", _("候问室")
    CHECK = "check", _("人身安全检查室")
    OTHER = "other", _("其他功能室")


class LeftReason(models.TextChoices):
    RELEASED = "released", _("释放/询问完毕离开")
    HOSPITAL = "hospital", _("送医")
    OTHER = "other", _("其他")


class HandoverPlace(models.TextChoices):
    DETENTION_HOUSE = "detention_house", _("看守所")
    DETENTION_CENTER = "detention_center", _("拘留所")
    OTHER = "other", _("其他羁押场所")
