"""警情审核与视频抽查 (the duty leader's daily review, the legal brigade's body-camera sampling).

The daily review needs no table of its own: it is the `incident.reviewed` event of each incident
(incidents/events.py), whose fields live on the incident. The body-camera sampling is two tables written
only by this app's events (events.py): a `Sampling` (one run: period, unit, percentage, seed, the sample
drawn — `inspection.sampled`) and its `SampleItem`s with the finding recorded on each
(`inspection.finding_recorded`). A finding with a problem is a supervision alert (supervision/findings.py).
"""

from __future__ import annotations

from django.db import models

from .choices import FindingResult, ProblemCategory


class Sampling(models.Model):
    """One run of 执法记录仪视频抽查: a reproducible random sample of the period's dispatched incidents that
    have body-camera footage, drawn from the incidents of `unit` and its sub-units."""

    number = models.CharField("抽查编号", max_length=40, unique=True)
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="抽查范围")
    period_start = models.DateField("期间自")
    period_end = models.DateField("期间至")
    percent = models.PositiveSmallIntegerField("抽查比例（%）")
    seed = models.CharField("随机种子", max_length=64)
    population = models.PositiveIntegerField("符合条件的警情数")
    created_by = models.ForeignKey(
        "org.Officer", null=True, on_delete=models.PROTECT, related_name="+", verbose_name="抽查人"
    )
    created_at = models.DateTimeField("抽取时间")
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["bureau", "-created_at"], name="sampling_bureau_time")]
        verbose_name = "执法记录仪视频抽查"

    def __str__(self) -> str:
        return self.number


class SampleItem(models.Model):
    """One incident of a sample and the finding on its footage (the latest recorded; each recording is an
    `inspection.finding_recorded` event, so corrections keep their history)."""

    sampling = models.ForeignKey(Sampling, on_delete=models.CASCADE, related_name="items")
    incident = models.ForeignKey("incidents.Incident", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField("序号")
    result = models.CharField(
        "检查结论", max_length=20, choices=FindingResult.choices, default=FindingResult.PENDING
    )
    category = models.CharField("问题类别", max_length=20, choices=ProblemCategory.choices, blank=True)
    description = models.TextField("问题描述", blank=True)
    responsible = models.ForeignKey(
        "org.Officer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="责任民警",
    )
    responsible_unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="责任单位"
    )
    checked_by = models.ForeignKey(
        "org.Officer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="检查人",
    )
    checked_at = models.DateTimeField("检查时间", null=True, blank=True)
    alert = models.ForeignKey(
        "supervision.Alert", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sampling", "position"]
        constraints = [
            models.UniqueConstraint(fields=["sampling", "incident"], name="sample_item_unique_incident"),
        ]
        verbose_name = "抽查项"

    def __str__(self) -> str:
        return f"{self.sampling_id}#{self.position}"
