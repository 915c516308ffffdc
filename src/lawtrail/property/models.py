"""涉案财物: items taken in a case, their custody chain and the property center's storage locations.

An item is a sub-record of its case (it carries the case's bureau and unit for scoping) and changes only
through its events (events.py). Its current holder is always one of: the officer who holds it (办案人员,
or an officer who borrowed it), the property center (a `Unit(kind="property_center")`, at a storage
location), the place where it was sealed or frozen (not held by the police), or — once returned, confiscated,
destroyed or disposed of — nobody. Every movement appends a `CustodyTransfer` row in the same transaction
as its event (公安机关办理行政案件程序规定 第189条: an electronic ledger with one number per item, recording
its source, custody, place and destination). The time limits (24 hours to hand over, 3 days to return
unrelated property, 6 months for a freeze …) are supervision rules (catalogue §9), not code here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _

from .choices import ItemStatus, PropertyCategory, SeizureMeasure


class StorageLocation(models.Model):
    """A place in a property center: warehouse → room → shelf → box (a tree; `path` is materialised).

    Reference data of the center (like its rooms), not a fact of a case: created by the center's staff."""

    center = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="storage_locations")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField("位置编码", max_length=40)
    name = models.CharField("名称", max_length=100)
    path = models.CharField(max_length=400, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["center", "path"]
        constraints = [models.UniqueConstraint(fields=["center", "code"], name="storage_location_code")]
        verbose_name = "存放位置"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


class PropertyItem(models.Model):
    item_id = models.UUIDField(unique=True)
    code = models.CharField("财物编号", max_length=40, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="property_items")
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    category = models.CharField("类别", max_length=20, choices=PropertyCategory.choices)
    description = models.CharField("名称及特征", max_length=500)
    quantity = models.DecimalField("数量", max_digits=14, decimal_places=3)
    unit_of_measure = models.CharField("计量单位", max_length=20)
    estimated_value = models.DecimalField(
        "估价（元）", max_digits=16, decimal_places=2, null=True, blank=True
    )
    photos = models.JSONField("照片（音视频记录编号）", default=list, blank=True)
    owner = models.ForeignKey(
        "cases.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="property_items"
    )
    owner_name = models.CharField("持有人/所有人", max_length=100, blank=True)
    measure = models.CharField("措施", max_length=20, choices=SeizureMeasure.choices)
    held_by_police = models.BooleanField("由公安机关保管", default=True)
    document_ref = models.CharField("法律文书文号", max_length=100, blank=True)
    place = models.CharField("提取/查封地点", max_length=200, blank=True)
    status = models.CharField("状态", max_length=20, choices=ItemStatus.choices)
    # The current holder (exactly one of these, or none once the item has left the police's hands).
    holder_officer = models.ForeignKey(
        "org.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    holder_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="property_held"
    )
    location = models.ForeignKey(
        StorageLocation, null=True, blank=True, on_delete=models.PROTECT, related_name="items"
    )
    seized_at = models.DateTimeField("提取时间")
    handed_over_at = models.DateTimeField("移交时间", null=True, blank=True)
    registered_at = models.DateTimeField("登记时间", null=True, blank=True)
    found_unrelated_at = models.DateTimeField("查明无关时间", null=True, blank=True)
    owner_notified_at = models.DateTimeField("通知认领时间", null=True, blank=True)
    closed_at = models.DateTimeField("处置时间", null=True, blank=True)
    disposal_to = models.CharField("去向（领取人、没收决定、销毁方式）", max_length=300, blank=True)
    approved_by = models.CharField("批准人", max_length=100, blank=True)
    updated_at = models.DateTimeField("最后变更")

    class Meta:
        ordering = ["seized_at", "id"]
        indexes = [
            models.Index(fields=["case", "seized_at"], name="property_case_time"),
            models.Index(fields=["status", "seized_at"], name="property_status_time"),
        ]
        verbose_name = "涉案财物"

    def __str__(self) -> str:
        return f"{self.code} {self.description}"

    @property
    def holder_label(self) -> str:
        """Who or what holds the item now, in words (the ledger's 保管状态 and 场所)."""
        if self.holder_officer_id:
            officer = self.holder_officer
            return f"{officer.name}（{officer.badge_no}）"
        if self.holder_unit_id:
            where = f" · {self.location.label}" if self.location_id else ""
            return f"{self.holder_unit.label}{where}"
        if self.status == ItemStatus.NOT_HELD:
            return _("原地：%(place)s") % {"place": self.place} if self.place else _("原地")
        return self.disposal_to


class CustodyTransfer(models.Model):
    """One movement of an item: from a holder to a holder, when, and who handed and who received it."""

    item = models.ForeignKey(PropertyItem, on_delete=models.PROTECT, related_name="transfers")
    event_name = models.CharField(max_length=60)
    at = models.DateTimeField("时间")
    from_label = models.CharField("交出方", max_length=200, blank=True)
    to_label = models.CharField("接收方", max_length=200)
    from_officer = models.ForeignKey(
        "org.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_officer = models.ForeignKey(
        "org.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(
        StorageLocation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "交接记录"

    def __str__(self) -> str:
        return f"{self.from_label} → {self.to_label}"

    @property
    def label(self) -> str:
        from lawtrail.events.registry import label_for

        return label_for(self.event_name)
