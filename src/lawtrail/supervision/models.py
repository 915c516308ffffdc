"""Supervision tables. For now: the legal calendar (法定节假日与调休安排) that working-day periods need.

China's rest days and make-up working days are not computable: the State Council's General Office fixes
them each year in a notice (国务院办公厅关于××年部分节假日安排的通知; rules.md §1.2), under the
全国年节及纪念日放假办法 Arts. 2 and 6. So the calendar is data: 2004–2026 seeded from the
`chinese_calendar` package (migration 0002), later years entered by an administrator from the notice
(`supervision.calendar.calendar_add_year`, `lawtrail calendar add-year`).

Only the days that differ from the Monday–Friday rule are stored — rest days of the notice (with their
holiday's name, weekend days of a holiday block included) and make-up working days — so a year is about
forty rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """A year whose holiday schedule is known. A date in a year without a complete row is unknown: the
    period arithmetic warns and marks its result provisional instead of guessing."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField(
        "来源", max_length=300, help_text="chinese_calendar 1.11.0，或国务院办公厅通知的标题与文号"
    )
    complete = models.BooleanField("已完整录入", default=True)
    added_by = models.CharField("录入人", max_length=100)
    added_at = models.DateTimeField("录入时间")

    class Meta:
        ordering = ["year"]
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"

    def __str__(self) -> str:
        return f"{self.year}年（{self.source}）"


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday rule: a rest day of the notice, or a 调休上班 day."""

    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("调休上班")
    is_rest_day = models.BooleanField("放假")
    holiday = models.CharField("节日", max_length=100, blank=True, help_text="所属节日，如“春节”")
    source = models.CharField("来源", max_length=300)
    added_by = models.CharField("录入人", max_length=100)

    class Meta:
        ordering = ["date"]
        verbose_name = "节假日安排日"
        verbose_name_plural = "节假日安排日"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_workday=True, is_rest_day=False)
                | models.Q(is_workday=False, is_rest_day=True),
                name="calendar_day_rest_xor_workday",
                violation_error_message="一天要么放假，要么调休上班",
            ),
        ]

    def __str__(self) -> str:
        kind = "调休上班" if self.is_workday else "放假"
        return f"{self.date.isoformat()} {self.holiday}{kind}"


# --- Alerts (issue 3): what the engine found on a case or an incident, and the work it caused. ----------
#
# An alert is opened by the incremental check after an event (supervision.runtime, hooked into
# events.services.event_record) or by the sweep (`lawtrail supervise`). It is unique per
# (rule family, subject, occurrence key): evaluating again updates the same row. Every change of an
# alert's state is a row of AlertEvent (the alert's own log: alerts are supervision's records, not
# facts of the case, so they do not enter the case's event history or its export).


class AlertLevel(models.TextChoices):
    BLUE = "blue", _("蓝色预警")
    YELLOW = "yellow", _("黄色预警")
    ORANGE = "orange", _("橙色预警")
    RED = "red", _("红色预警")
    OVERDUE = "overdue", _("超期")
    VIOLATION = "violation", _("违规")
    MANUAL_REVIEW = "manual_review", _("需人工审查")


class AlertState(models.TextChoices):
    OPEN = "open", _("待处理")
    ASSIGNED = "assigned", _("整改中")
    RECTIFICATION_SUBMITTED = "rectification_submitted", _("整改已提交")
    VERIFIED_CLOSED = "verified_closed", _("已核销")
    AUTO_RESOLVED = "auto_resolved", _("自动解除")


ACTIVE_ALERT_STATES = (AlertState.OPEN, AlertState.ASSIGNED, AlertState.RECTIFICATION_SUBMITTED)


class Alert(models.Model):
    rule_id = models.CharField("规则", max_length=80)
    family = models.CharField("规则族", max_length=80, db_index=True)
    title = models.CharField("规则名称", max_length=200)
    subject_type = models.CharField("对象类型", max_length=20)
    subject_key = models.CharField("对象编号", max_length=60)
    occurrence = models.CharField("发生键", max_length=120, blank=True, default="")
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="alerts"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    level = models.CharField("级别", max_length=20, choices=AlertLevel.choices)
    state = models.CharField("状态", max_length=30, choices=AlertState.choices, default=AlertState.OPEN)
    rule_state = models.CharField("规则状态", max_length=20)
    due = models.DateTimeField("期限", null=True, blank=True)
    explanation = models.JSONField("说明", default=list)
    citation = models.TextField("依据", blank=True)
    severity = models.CharField("严重程度", max_length=20, blank=True)
    responsible = models.ForeignKey(
        "org.Officer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="责任民警",
    )
    resolved_how = models.TextField("解除原因", blank=True)
    resolved_by_event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("发现时间")
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "subject_type", "subject_key", "occurrence"], name="alert_unique_occurrence"
            ),
        ]
        indexes = [
            models.Index(fields=["bureau", "state"], name="alert_bureau_state"),
            models.Index(fields=["unit", "state"], name="alert_unit_state"),
            models.Index(fields=["subject_type", "subject_key"], name="alert_subject"),
        ]
        verbose_name = "监督预警"
        verbose_name_plural = "监督预警"

    def __str__(self) -> str:
        return f"{self.rule_id} {self.subject_key}"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_ALERT_STATES

    @property
    def is_warning(self) -> bool:
        return self.level in (AlertLevel.BLUE, AlertLevel.YELLOW, AlertLevel.ORANGE, AlertLevel.RED)


ALERT_ACTION_LABELS = {
    "opened": _("发现"),
    "reopened": _("再次发现"),
    "level_changed": _("级别变化"),
    "auto_resolved": _("自动解除"),
    "assigned": _("下发整改"),
    "submitted": _("提交整改说明"),
    "returned": _("退回整改"),
    "verified": _("核查通过，核销"),
    "escalated": _("整改逾期，提请督办"),
}


class AlertEvent(models.Model):
    """The log of an alert: opened, level changed, assigned, submitted, verified, returned, auto-resolved."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="log")
    action = models.CharField("动作", max_length=30)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    actor = models.ForeignKey(
        "org.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "预警记录"

    def __str__(self) -> str:
        return f"{self.alert_id} {self.action}"

    @property
    def label(self) -> str:
        return str(ALERT_ACTION_LABELS.get(self.action, self.action))


class RectificationOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("通过")
    RETURNED = "returned", _("退回")


class Rectification(models.Model):
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="rectifications")
    assigned_to = models.ForeignKey("org.Officer", on_delete=models.PROTECT, related_name="rectifications")
    assigned_by = models.ForeignKey("org.Officer", on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField()
    deadline = models.DateField("整改期限")
    statement = models.TextField("整改说明", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        "org.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=RectificationOutcome.choices, blank=True)
    note = models.TextField("核查意见", blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = "整改"

    def __str__(self) -> str:
        return f"{self.alert_id} → {self.assigned_to_id}"


class SweepRun(models.Model):
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    as_of = models.DateTimeField()
    retrospective = models.BooleanField(default=False)
    scope = models.CharField(max_length=60, blank=True)
    counts = models.JSONField(default=dict)
    triggered_by = models.CharField(max_length=80, blank=True)
    # full: every open case and incident; due: those with something due or changed since the last sweep
    mode = models.CharField(max_length=10, blank=True, default="full")
    # The last event (seq) the sweep saw: the next sweep re-checks the subjects of later events.
    event_seq = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "监督巡检"

    def __str__(self) -> str:
        return f"{self.as_of:%Y-%m-%d %H:%M} {self.scope}"


# --- What the engine has to look at again, and when (issue 3, the incremental check; issue 6, the sweep) ---
#
# After a subject (a case or an incident) is evaluated, the runtime records for each rule family whose
# result can still change with the mere passing of time — a warning level or the limit not yet reached, a
# change of law not yet in force — the next moment it can change (`Obligation.next_check_at`), and on the
# subject the earliest of them (`SupervisedSubject.next_check_at`, indexed). So the incremental check after
# an event re-evaluates only the families the event can affect plus those already due, and a sweep at T
# loads only the subjects with something due by T or changed since the last sweep (supervision.runtime).


class SupervisedSubject(models.Model):
    """A case or an incident the runtime has evaluated: when, on which attributes, and when next."""

    subject_type = models.CharField("对象类型", max_length=20)
    subject_id = models.BigIntegerField("对象")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    # A digest of the subject's attributes (kind, offence, procedure, category …) when last evaluated: a
    # change (e.g. 案由变更) can change which rules apply, so the next check evaluates every family.
    fingerprint = models.CharField("属性摘要", max_length=32)
    checked_at = models.DateTimeField("评估时间")
    next_check_at = models.DateTimeField("下次到期", null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subject_type", "subject_id"], name="supervised_subject_unique"),
        ]
        verbose_name = "监督对象"

    def __str__(self) -> str:
        return f"{self.subject_type} {self.subject_id}"


class Obligation(models.Model):
    """A rule family still running on a subject: its state, its due time and when it can next change."""

    subject = models.ForeignKey(SupervisedSubject, on_delete=models.CASCADE, related_name="obligations")
    family = models.CharField("规则族", max_length=80)
    rule_id = models.CharField("规则", max_length=80)
    state = models.CharField("规则状态", max_length=20)
    due = models.DateTimeField("期限", null=True, blank=True)
    next_check_at = models.DateTimeField("下次到期", db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subject", "family"], name="obligation_unique_family"),
        ]
        verbose_name = "在途义务"

    def __str__(self) -> str:
        return f"{self.family} → {self.next_check_at:%Y-%m-%d %H:%M}"
