"""Incidents (警情): reports from any source, their dispatch and disposal, and the media that record them."""

from __future__ import annotations

from django.db import models

from .choices import Category, Disposal, LinkStatus, LinkTarget, MediaKind, Source, Status


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
    """A recording or file of evidence (call recording, body camera, CCTV, photo, scanned transcript), always
    with its SHA-256 and capture time: either stored by lawtrail (`storage_name`, a key in Django's default
    storage — the filesystem, or S3-compatible storage through STORAGES) or kept elsewhere and registered
    by URI. Linked to an incident, a case and an interview once a person confirms it (智能关联 proposals)."""

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
    # The unit that holds the record (scoping before it is linked); the bureau is the distribution key.
    bureau = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    storage_name = models.CharField("存储键", max_length=300, blank=True)
    original_name = models.CharField("原文件名", max_length=255, blank=True)
    content_type = models.CharField("文件类型", max_length=100, blank=True)
    size = models.BigIntegerField("大小（字节）", null=True, blank=True)
    place = models.CharField("拍摄地点", max_length=200, blank=True)
    interview = models.ForeignKey(
        "measures.Interview", null=True, blank=True, on_delete=models.PROTECT, related_name="media"
    )

    class Meta:
        ordering = ["captured_at"]
        indexes = [models.Index(fields=["bureau", "captured_at"], name="media_bureau_time")]
        verbose_name = "音视频记录"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.uri}"

    @property
    def is_stored(self) -> bool:
        return bool(self.storage_name)


class LinkProposal(models.Model):
    """A proposed link of a media record to an incident, a case or an interview (智能关联): found by officer,
    time window and place (linking.py), shown to a person who confirms or rejects it. Each change is an
    event of the media record (media.link_proposed / media.link_confirmed / media.link_rejected)."""

    media = models.ForeignKey(MediaRecord, on_delete=models.PROTECT, related_name="proposals")
    target_type = models.CharField("关联对象", max_length=20, choices=LinkTarget.choices)
    target_key = models.CharField("对象编号", max_length=64)
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    interview = models.ForeignKey(
        "measures.Interview", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.FloatField("匹配分")
    reasons = models.JSONField("依据", default=list)
    status = models.CharField("状态", max_length=20, choices=LinkStatus.choices, default=LinkStatus.PROPOSED)
    proposed_at = models.DateTimeField("提出时间")
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        "org.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField("处理意见", max_length=500, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["media", "target_type", "target_key"], name="proposal_once")
        ]
        verbose_name = "关联建议"

    def __str__(self) -> str:
        return f"{self.media_id} → {self.target_type} {self.target_key}"
