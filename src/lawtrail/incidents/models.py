"""Incidents (警情): reports from any source, their dispatch and disposal, and the media that record them."""

from __future__ import annotations

from django.db import models

from .choices import Category, Disposal, MediaKind, Source, Status


class Incident(models.Model):
    number = models.CharField("警情编号", max_length=40, unique=True)
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="incidents", verbose_name="管辖单位"
    )
    source = models.CharField("来源", max_length=20, choices=Source.choices)
    received_at = models.DateTimeField("接警时间")
    place = models.CharField("地点", max_length=200)
    category = models.CharField("类别", max_length=20, choices=Category.choices)
    reporter_name = models.CharField("报警人", max_length=50, blank=True)
    reporter_phone = models.CharField("报警电话", max_length=30, blank=True)
    description = models.TextField("简要警情")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    dispatched_at = models.DateTimeField("派警时间", null=True, blank=True)
    dispatch_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="处警单位"
    )
    dispatch_officers = models.ManyToManyField("org.Officer", blank=True, related_name="dispatched_incidents")
    arrived_at = models.DateTimeField("到达时间", null=True, blank=True)
    disposal = models.CharField("处警结果", max_length=30, choices=Disposal.choices, blank=True)
    disposed_at = models.DateTimeField("处置时间", null=True, blank=True)
    disposal_note = models.TextField("处置情况", blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "org.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    review_note = models.TextField("审核意见", blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["unit", "-received_at"], name="incident_unit_time"),
            models.Index(fields=["bureau", "status"], name="incident_bureau_status"),
        ]
        verbose_name = "警情"

    def __str__(self) -> str:
        return self.number


class MediaRecord(models.Model):
    """A recording registered by URI with its SHA-256 and capture time (call recording, body camera, CCTV)."""

    media_id = models.UUIDField(unique=True)
    kind = models.CharField("类型", max_length=20, choices=MediaKind.choices)
    uri = models.CharField("地址", max_length=500)
    sha256 = models.CharField("SHA-256", max_length=64)
    captured_at = models.DateTimeField("拍摄/录制时间")
    duration_seconds = models.PositiveIntegerField("时长（秒）", null=True, blank=True)
    officer = models.ForeignKey(
        "org.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    incident = models.ForeignKey(
        Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="media"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="media"
    )
    registered_at = models.DateTimeField("登记时间")

    class Meta:
        ordering = ["captured_at"]
        verbose_name = "音视频记录"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.uri}"
