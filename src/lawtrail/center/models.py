"""执法办案管理中心: the people brought into the case-handling center, their safety check, belongings,
rooms over time, and their exit or hand-over to a detention house.

A stay is a sub-record of its case (it carries the case's bureau and unit for scoping, and the center unit
it happens in) and changes only through its events (events.py). The time limits on people held — 询问查证
8/12/24 hours, 拘传 12/24, 继续盘问 24/48, to the detention house within 24 hours of 刑事拘留 — are supervision
rules on the person's measure (catalogue §3, §5, §6); the center drives that measure's arrival, release and
jailing, so the rules see the stay. Rooms are the center's reference data.
"""

from __future__ import annotations

from django.db import models

from .choices import HandoverPlace, LeftReason, RoomKind, StayReason, StayStatus


class Room(models.Model):
    center = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="center_rooms")
    name = models.CharField("名称", max_length=50)
    kind = models.CharField("类型", max_length=20, choices=RoomKind.choices)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["center", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["center", "name"], name="center_room_name")]
        verbose_name = "功能室"

    def __str__(self) -> str:
        return self.name


class Stay(models.Model):
    stay_id = models.UUIDField(unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="center_stays")
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    center = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="center_stays")
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="center_stays")
    measure = models.ForeignKey(
        "measures.Measure", null=True, blank=True, on_delete=models.PROTECT, related_name="center_stays"
    )
    reason = models.CharField("进入原因", max_length=30, choices=StayReason.choices)
    status = models.CharField("状态", max_length=20, choices=StayStatus.choices, default=StayStatus.IN)
    brought_by = models.ForeignKey("org.Officer", on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField("进入时间")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField("安全检查时间", null=True, blank=True)
    checked_by = models.ForeignKey(
        "org.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    items_found = models.TextField("检查发现的物品", blank=True)
    injuries = models.TextField("体表伤痕", blank=True)
    health_note = models.TextField("身体状况及自述", blank=True)
    left_at = models.DateTimeField("离开时间", null=True, blank=True)
    left_reason = models.CharField("离开原因", max_length=20, choices=LeftReason.choices, blank=True)
    handed_over_at = models.DateTimeField("移交时间", null=True, blank=True)
    handed_over_place = models.CharField(
        "移交场所类型", max_length=20, choices=HandoverPlace.choices, blank=True
    )
    handed_over_to = models.CharField("移交场所", max_length=200, blank=True)
    updated_at = models.DateTimeField("最后变更")

    class Meta:
        ordering = ["entered_at", "id"]
        indexes = [
            models.Index(fields=["center", "status"], name="stay_center_status"),
            models.Index(fields=["case", "entered_at"], name="stay_case_time"),
        ]
        verbose_name = "进出中心记录"

    def __str__(self) -> str:
        return f"{self.party.name} {self.entered_at:%Y-%m-%d %H:%M}"

    @property
    def exit_at(self):
        return self.left_at or self.handed_over_at


class Belonging(models.Model):
    """An item the person gave up at the check (随身物品), kept by the center until returned."""

    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="belongings")
    description = models.CharField("物品", max_length=200)
    quantity = models.CharField("数量", max_length=40, blank=True)
    kept_at = models.DateTimeField("保管时间")
    returned_at = models.DateTimeField("返还时间", null=True, blank=True)
    returned_to = models.CharField("领取人/去向", max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "随身物品"

    def __str__(self) -> str:
        return self.description


class RoomAssignment(models.Model):
    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="room_assignments")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="assignments")
    started_at = models.DateTimeField("进入时间")
    ended_at = models.DateTimeField("离开时间", null=True, blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        verbose_name = "功能室使用记录"

    def __str__(self) -> str:
        return f"{self.room} {self.started_at:%H:%M}"
