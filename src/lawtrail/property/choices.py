from django.db import models
from django.utils.translation import gettext_lazy as _


class PropertyCategory(models.TextChoices):
    CASH = "cash", _("现金")
    DEPOSIT = "deposit", _("存款、汇款等")
    SECURITIES = "securities", _("债券、股票、基金份额等证券")
    VEHICLE = "vehicle", _("车辆")
    ELECTRONICS = "electronics", _("手机、电脑等电子设备")
    VALUABLES = "valuables", _("文物、贵金属、珠宝、字画等贵重物品")
    DOCUMENTS = "documents", _("文件、票证")
    CONTRABAND = "contraband", _("违禁品、管制器具")
    DRUGS = "drugs", _("毒品及吸毒用具")
    GAMBLING = "gambling", _("赌具、赌资")
    REAL_ESTATE = "real_estate", _("不动产")
    PERISHABLE = "perishable", _("易腐烂变质、危险物品")
    OTHER = "other", _("其他物品")


class SeizureMeasure(models.TextChoices):
    """The measure by which the item was taken (supervision/catalogue/_events.yaml, `property.seized`)."""

    SEIZE = "seize", _("扣押")
    SEAL = "seal", _("查封")
    FREEZE = "freeze", _("冻结")
    RETAIN = "retain", _("扣留")
    PRESERVE = "preserve", _("先行登记保存")


class ItemStatus(models.TextChoices):
    HELD = "held", _("办案人员持有")
    IN_CENTER = "in_center", _("已移交财物管理中心")
    NOT_HELD = "not_held", _("原地查封/冻结")
    RETURNED = "returned", _("已返还")
    CONFISCATED = "confiscated", _("已没收/收缴")
    DESTROYED = "destroyed", _("已销毁")
    DISPOSED = "disposed", _("已按无主财物处理")


FINAL_STATUSES = frozenset(
    {ItemStatus.RETURNED, ItemStatus.CONFISCATED, ItemStatus.DESTROYED, ItemStatus.DISPOSED}
)


class DestructionMethod(models.TextChoices):
    BURN = "burn", _("焚烧")
    CRUSH = "crush", _("粉碎/拆解")
    CHEMICAL = "chemical", _("化学处理")
    OTHER = "other", _("其他方式")
