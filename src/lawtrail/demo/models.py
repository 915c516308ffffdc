"""What the demo generator planted on purpose, so that the supervision engine can be checked against it.

The generator makes a clean bureau and then, in a known share of records, leaves out a step or lets a limit
pass: admin cases still under investigation long after the 30-day limit (压案不查), criminal incidents never
converted (有案不立), dispatches without body-camera video, single-handler cases, incidents the duty leader
never reviewed, decisions entered weeks late. Each one is a row here. This is demo metadata, not an event:
it is not exported and it is not part of any case history.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DefectKind(models.TextChoices):
    CASE_OVERDUE = "case_overdue", _("行政案件超期未结（压案不查）")
    INCIDENT_NOT_CONVERTED = "incident_not_converted", _("刑事警情未受案（有案不立）")
    INCIDENT_NO_BODY_CAMERA = "incident_no_body_camera", _("出警无执法记录仪视频")
    CASE_SINGLE_HANDLER = "case_single_handler", _("案件仅一名办案民警")
    INCIDENT_NOT_REVIEWED = "incident_not_reviewed", _("警情未经值班领导审核")
    DECISION_LATE_ENTRY = "decision_late_entry", _("处理决定延迟录入")


class PlantedDefect(models.Model):
    kind = models.CharField("类型", max_length=40, choices=DefectKind.choices, db_index=True)
    subject_type = models.CharField("对象类型", max_length=20)  # "case" or "incident", as in events
    subject_key = models.CharField("对象编号", max_length=60)  # the case or incident number
    description = models.TextField("说明")
    details = models.JSONField("详情", default=dict)
    seed = models.BigIntegerField("随机种子")

    class Meta:
        ordering = ["kind", "subject_key"]
        indexes = [models.Index(fields=["subject_type", "subject_key"], name="planted_defect_subject")]
        verbose_name = "演示数据预置问题"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject_key}"
