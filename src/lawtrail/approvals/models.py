"""Approvals (审批), legal review (法制审核), collective discussion (集体讨论), discretion benchmarks
(行政裁量基准) and enforcement qualification (执法资格).

Policies and benchmarks are a bureau's configuration, kept as data an administrator edits in the pages:
a policy is never changed in place — saving it writes a new version — and a request keeps a snapshot of
the steps of the version it started with (`ApprovalRequest.steps`), so changing a policy never changes a
request under way. Requests and their decisions are facts of the case and change only through their
events (events.py: approval.*, review.completed); the `Qualification` register through `officer.certified`.
"""

from __future__ import annotations

from django.db import models

from lawtrail.org.choices import QualificationLevel, Role

from .choices import ActKind, Circumstance, ExamOutcome, RequestStatus, StepKind, StepResult, StepScope


class Policy(models.Model):
    """One version of a bureau's approval chain for one kind of act (国办发〔2018〕118号: each agency sets
    its own catalogue of decisions needing review; rules.md Open questions 13)."""

    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    act_kind = models.CharField("行为种类", max_length=30, choices=ActKind.choices)
    version = models.PositiveIntegerField("版本")
    is_current = models.BooleanField("现行", default=True)
    effective_from = models.DateTimeField("生效时间")
    note = models.CharField("说明", max_length=300, blank=True)
    created_by = models.ForeignKey("org.Officer", null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["act_kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "act_kind", "version"], name="policy_version_unique"),
            models.UniqueConstraint(
                fields=["bureau", "act_kind"], condition=models.Q(is_current=True), name="one_current_policy"
            ),
        ]
        verbose_name = "审批流程"

    def __str__(self) -> str:
        return f"{self.get_act_kind_display()} v{self.version}"

    def chain(self) -> str:
        return " → ".join(s.title for s in self.steps.all())


class PolicyStep(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField("顺序")
    kind = models.CharField("环节", max_length=20, choices=StepKind.choices, default=StepKind.APPROVAL)
    title = models.CharField("名称", max_length=50)
    role = models.CharField("审批角色", max_length=30, choices=Role.choices)
    scope = models.CharField("授权范围", max_length=20, choices=StepScope.choices)
    time_limit_hours = models.PositiveIntegerField("时限（小时）")

    class Meta:
        ordering = ["policy", "order"]
        constraints = [models.UniqueConstraint(fields=["policy", "order"], name="policy_step_order")]
        verbose_name = "审批环节"

    def __str__(self) -> str:
        return self.title

    def snapshot(self) -> dict:
        return {
            "kind": self.kind,
            "title": self.title,
            "role": self.role,
            "scope": self.scope,
            "hours": self.time_limit_hours,
        }


class ApprovalRequest(models.Model):
    """A request to approve one act of a case, exactly as described in `content` (its SHA-256 is
    `content_hash`: the approval covers that content and nothing else)."""

    request_id = models.UUIDField(unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="approvals")
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    act_kind = models.CharField("行为种类", max_length=30, choices=ActKind.choices)
    act_event = models.CharField("对应事件", max_length=60)
    content = models.JSONField("报批内容")
    content_hash = models.CharField("内容摘要", max_length=64)
    summary = models.CharField("摘要", max_length=300)
    circumstance = models.CharField("情节", max_length=20, choices=Circumstance.choices, blank=True)
    deviation_reason = models.TextField("超出裁量基准的理由", blank=True)
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="requests")
    steps = models.JSONField("审批环节（报批时的流程）")
    status = models.CharField(
        "状态", max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    current_step = models.PositiveSmallIntegerField("当前环节", default=0)
    step_opened_at = models.DateTimeField("当前环节开始时间")
    requester = models.ForeignKey("org.Officer", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField("报批时间")
    decided_at = models.DateTimeField("审批完成时间", null=True, blank=True)
    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    void_reason = models.CharField("作废原因", max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "id"]
        indexes = [
            models.Index(fields=["case", "act_kind", "status"], name="approval_case_act"),
            models.Index(fields=["bureau", "status"], name="approval_bureau_status"),
        ]
        verbose_name = "审批"

    def __str__(self) -> str:
        return f"{self.get_act_kind_display()} {self.summary}"

    @property
    def step(self) -> dict | None:
        """The step waiting for a decision (None when the request is no longer pending)."""
        if self.status != RequestStatus.PENDING or self.current_step >= len(self.steps):
            return None
        return self.steps[self.current_step]

    @property
    def step_due(self):
        from datetime import timedelta

        step = self.step
        return self.step_opened_at + timedelta(hours=step["hours"]) if step else None

    @property
    def chain(self) -> str:
        return " → ".join(s["title"] for s in self.steps)


class StepDecision(models.Model):
    """A decision at one step: the opinion (法制审核意见, 审批意见), and for a collective discussion the
    participants and their opinions."""

    request = models.ForeignKey(ApprovalRequest, on_delete=models.CASCADE, related_name="decisions")
    step = models.PositiveSmallIntegerField("环节")
    step_title = models.CharField("环节名称", max_length=50)
    step_kind = models.CharField("环节类型", max_length=20, choices=StepKind.choices)
    decider = models.ForeignKey("org.Officer", on_delete=models.PROTECT, related_name="+")
    result = models.CharField("结果", max_length=20, choices=StepResult.choices)
    opinion = models.TextField("意见")
    participants = models.JSONField("参加人员", default=list, blank=True)
    opinions = models.TextField("讨论意见", blank=True)
    decided_at = models.DateTimeField("决定时间")
    late = models.BooleanField("超过环节时限", default=False)

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = "审批意见"

    def __str__(self) -> str:
        return f"{self.step_title} {self.get_result_display()}"


class Benchmark(models.Model):
    """A discretion benchmark (行政裁量基准): for one offence and circumstance, the penalty range allowed,
    with its factors and source. A bound of None means "no limit"; a maximum of 0 means "not allowed"."""

    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    offence = models.ForeignKey("cases.Offence", on_delete=models.PROTECT, related_name="+")
    circumstance = models.CharField("情节", max_length=20, choices=Circumstance.choices)
    detention_min = models.PositiveSmallIntegerField("拘留下限（日）", default=0)
    detention_max = models.PositiveSmallIntegerField("拘留上限（日）", default=0)
    fine_min = models.PositiveIntegerField("罚款下限（元）", default=0)
    fine_max = models.PositiveIntegerField("罚款上限（元）", default=0)
    factors = models.TextField("适用情形（从重、从轻因素）", blank=True)
    source = models.CharField("依据", max_length=300)
    updated_by = models.ForeignKey("org.Officer", null=True, blank=True, on_delete=models.PROTECT)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["offence__code", "circumstance"]
        constraints = [
            models.UniqueConstraint(fields=["bureau", "offence", "circumstance"], name="benchmark_unique")
        ]
        verbose_name = "裁量基准"

    def __str__(self) -> str:
        return f"{self.offence} {self.get_circumstance_display()}"

    @property
    def range_text(self) -> str:
        parts = []
        if self.detention_max:
            parts.append(f"拘留{self.detention_min}–{self.detention_max}日")
        if self.fine_max:
            parts.append(f"罚款{self.fine_min}–{self.fine_max}元")
        return "，".join(parts) or "不予拘留、罚款"


class Qualification(models.Model):
    """An enforcement qualification certificate (执法资格证书) held by an officer (行政处罚法 第42条)."""

    officer = models.ForeignKey("org.Officer", on_delete=models.PROTECT, related_name="qualifications")
    level = models.CharField("等级", max_length=20, choices=QualificationLevel.choices)
    valid_from = models.DateField("有效期自")
    valid_to = models.DateField("有效期至")
    certificate_no = models.CharField("证书编号", max_length=40)
    exam = models.ForeignKey("ExamResult", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["officer", "-valid_to"]
        verbose_name = "执法资格"

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.certificate_no}"


class TrainingSession(models.Model):
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    topic = models.CharField("主题", max_length=200)
    held_on = models.DateField("日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    attendees = models.ManyToManyField("org.Officer", related_name="trainings", verbose_name="参训人员")
    recorded_by = models.ForeignKey("org.Officer", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "id"]
        verbose_name = "执法培训"

    def __str__(self) -> str:
        return self.topic


class ExamResult(models.Model):
    """An exam for a qualification level; a pass with a certificate number feeds the register."""

    officer = models.ForeignKey("org.Officer", on_delete=models.PROTECT, related_name="exams")
    level = models.CharField("等级", max_length=20, choices=QualificationLevel.choices)
    taken_on = models.DateField("考试日期")
    score = models.PositiveSmallIntegerField("成绩")
    result = models.CharField("结果", max_length=20, choices=ExamOutcome.choices)
    recorded_by = models.ForeignKey("org.Officer", null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-taken_on", "id"]
        verbose_name = "执法资格考试"

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.score}"


class QualificationRequirement(models.Model):
    """The qualification level a lead handler needs, per case kind (a bureau's list; basic by default)."""

    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    case_kind = models.CharField("案件类型", max_length=20)
    level = models.CharField("所需等级", max_length=20, choices=QualificationLevel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bureau", "case_kind"], name="qual_req_unique")]
        verbose_name = "主办民警资格要求"

    def __str__(self) -> str:
        return f"{self.case_kind} {self.get_level_display()}"
