"""Coercive and investigative measures (强制措施) and interviews (询问/讯问) of a case.

Both are sub-records of a case: they carry the case's bureau (the distribution key) and unit (scoping), and
change only through their events (events.py). Their clocks and mandatory notices are supervision rules
(supervision/catalogue: 治安管理处罚法 第83条/第97条, 刑事诉讼法 第85条、第93条 …), not code here.
"""

from __future__ import annotations

from django.db import models

from .choices import (
    FAMILY_NOTICE_KINDS,
    ChangeRequester,
    DetentionRelease,
    DetentionStatus,
    EndReason,
    GuardianRole,
    InterviewKind,
    InterviewPlace,
    MeasureKind,
    MeasureStatus,
    NoticeMethod,
    NoticeTo,
)


class Measure(models.Model):
    measure_id = models.UUIDField(unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="measures")
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("措施", max_length=30, choices=MeasureKind.choices)
    party = models.ForeignKey(
        "cases.Party", on_delete=models.PROTECT, related_name="measures", verbose_name="当事人"
    )
    status = models.CharField(
        "状态", max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.APPLIED
    )
    applied_at = models.DateTimeField("采取时间")
    arrived_at = models.DateTimeField("到案时间", null=True, blank=True)
    ended_at = models.DateTimeField("解除时间", null=True, blank=True)
    end_reason = models.CharField("解除原因", max_length=20, choices=EndReason.choices, blank=True)
    approver = models.CharField("批准人", max_length=100, blank=True)
    place = models.CharField("地点", max_length=200, blank=True)
    reason = models.TextField("理由", blank=True)
    on_the_spot = models.BooleanField("当场实施", default=False)
    foreign_national = models.BooleanField("外国人", default=False)
    limit_hours = models.PositiveSmallIntegerField("时限（小时）", null=True, blank=True)
    limit_basis = models.CharField("时限依据", max_length=200, blank=True)
    family_notified_at = models.DateTimeField("通知家属时间", null=True, blank=True)
    family_notice_to = models.CharField("通知对象", max_length=20, choices=NoticeTo.choices, blank=True)
    family_notice_method = models.CharField(
        "通知方式", max_length=20, choices=NoticeMethod.choices, blank=True
    )
    family_notice_impossible = models.TextField("无法通知的原因", blank=True)
    jailed_at = models.DateTimeField("送看守所时间", null=True, blank=True)
    arrest_requested_at = models.DateTimeField("提请批准逮捕时间", null=True, blank=True)
    arrest_answer = models.CharField("检察院决定", max_length=20, blank=True)
    arrest_answered_at = models.DateTimeField("检察院决定时间", null=True, blank=True)
    receipt_sent_at = models.DateTimeField("执行回执送达时间", null=True, blank=True)
    reported_at = models.DateTimeField("报告时间", null=True, blank=True)
    changed_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changed_to",
        verbose_name="由此措施变更而来",
    )
    change_requested_at = models.DateTimeField("申请变更时间", null=True, blank=True)
    change_requested_by = models.CharField(
        "申请人", max_length=20, choices=ChangeRequester.choices, blank=True
    )
    change_granted = models.BooleanField("同意变更", null=True, blank=True)
    change_decided_at = models.DateTimeField("变更申请决定时间", null=True, blank=True)
    necessity_proposal_at = models.DateTimeField("收到羁押必要性审查建议时间", null=True, blank=True)
    necessity_replied_at = models.DateTimeField("将处理情况通知检察院时间", null=True, blank=True)
    identity_established_at = models.DateTimeField("查清身份时间", null=True, blank=True)
    new_crime_found_at = models.DateTimeField("发现另有重要罪行时间", null=True, blank=True)
    custody_recounted_at = models.DateTimeField("重新计算羁押期限时间", null=True, blank=True)
    updated_at = models.DateTimeField("最后变更")

    class Meta:
        ordering = ["applied_at", "id"]
        indexes = [models.Index(fields=["case", "applied_at"], name="measure_case_time")]
        verbose_name = "强制措施"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.party.name}"

    @property
    def started_at(self):
        """When the measure's clock starts: the arrival for a summons, otherwise the application."""
        return self.arrived_at or self.applied_at

    @property
    def needs_family_notice(self) -> bool:
        """The law requires telling the family of this measure, and neither the notice nor the reason it
        could not be given is recorded yet."""
        return (
            self.kind in FAMILY_NOTICE_KINDS
            and self.family_notified_at is None
            and not self.family_notice_impossible
        )


class Interview(models.Model):
    interview_id = models.UUIDField(unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="interviews")
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=20, choices=InterviewKind.choices)
    party = models.ForeignKey(
        "cases.Party", on_delete=models.PROTECT, related_name="interviews", verbose_name="被询问/讯问人"
    )
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="interviews"
    )
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间")
    officers = models.ManyToManyField("org.Officer", related_name="interviews", verbose_name="在场民警")
    place = models.CharField("地点", max_length=20, choices=InterviewPlace.choices)
    room = models.CharField("房间/具体地点", max_length=200, blank=True)
    guardian_name = models.CharField("法定代理人/合适成年人", max_length=50, blank=True)
    guardian_role = models.CharField("到场身份", max_length=20, choices=GuardianRole.choices, blank=True)
    absence_noted = models.BooleanField("监护人未到场已在笔录中注明", default=False)
    interpreter = models.CharField("翻译人员", max_length=50, blank=True)
    recording_media_id = models.CharField("录音录像编号", max_length=100, blank=True)
    recording_sha256 = models.CharField("录音录像SHA-256", max_length=64, blank=True)
    recording_complete = models.BooleanField("全程同步录音录像", default=False)
    transcript = models.TextField("笔录", blank=True)
    transcript_media_id = models.CharField("笔录文件编号", max_length=100, blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["started_at", "id"]
        indexes = [models.Index(fields=["case", "started_at"], name="interview_case_time")]
        verbose_name = "询问/讯问"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.party.name}"


class Detention(models.Model):
    """The execution of an administrative detention (行政拘留) decided in the case: the delivery to the
    detention house (拘留所) and the release, the days decided and those offset by earlier restraint
    (治安管理处罚法 第110条、第126条), the family notice (公安机关办理行政案件程序规定 第176条、拘留所条例 第10条)
    and the suspension pending reconsideration or suit (暂缓执行, 程序规定 第222–223条)."""

    detention_id = models.UUIDField(unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="detentions")
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey(
        "cases.Party", on_delete=models.PROTECT, related_name="detentions", verbose_name="被拘留人"
    )
    status = models.CharField(
        "状态", max_length=20, choices=DetentionStatus.choices, default=DetentionStatus.IN_CUSTODY
    )
    days = models.PositiveSmallIntegerField("决定的拘留日数")
    offset_days = models.PositiveSmallIntegerField("折抵日数", default=0)
    combined = models.BooleanField("合并执行", default=False)
    detention_house = models.CharField("拘留所", max_length=200)
    decision_number = models.CharField("处罚决定书文号", max_length=100, blank=True)
    approver = models.CharField("批准人", max_length=100, blank=True)
    admitted_at = models.DateTimeField("送拘留所时间")
    released_at = models.DateTimeField("解除拘留时间", null=True, blank=True)
    release_reason = models.CharField("解除原因", max_length=20, choices=DetentionRelease.choices, blank=True)
    family_notified_at = models.DateTimeField("通知家属时间", null=True, blank=True)
    family_notice_method = models.CharField(
        "通知方式", max_length=20, choices=NoticeMethod.choices, blank=True
    )
    family_notice_impossible = models.TextField("无法通知的原因", blank=True)
    suspension_requested_at = models.DateTimeField("申请暂缓执行时间", null=True, blank=True)
    suspension_granted = models.BooleanField("准予暂缓执行", null=True, blank=True)
    suspension_decided_at = models.DateTimeField("暂缓执行决定时间", null=True, blank=True)
    updated_at = models.DateTimeField("最后变更")

    class Meta:
        ordering = ["admitted_at", "id"]
        indexes = [models.Index(fields=["case", "admitted_at"], name="detention_case_time")]
        verbose_name = "行政拘留执行"

    def __str__(self) -> str:
        return f"行政拘留{self.days}日 {self.party.name}"

    @property
    def days_to_serve(self) -> int:
        return max(self.days - self.offset_days, 0)

    @property
    def needs_family_notice(self) -> bool:
        return self.family_notified_at is None and not self.family_notice_impossible
