"""Cases (案件): administrative and criminal, their parties and handlers, and the offence catalogue."""

from __future__ import annotations

import re

from django.db import models

from .choices import CaseKind, CaseStatus, Gender, HandlerRole, Outcome, PartyRole, Procedure


class Offence(models.Model):
    """An offence (案由) with a stable code: 治安管理处罚法 violations (`ps.*`) and 刑法 charges (`cr.*`).

    `versions` holds the article and penalty text per version of the law with its effective dates
    (治安管理处罚法 2012 text until 2025-12-31, 2025 revision from 2026-01-01), seeded from
    law/offences.md by tools/build_offences.py.
    """

    code = models.CharField("代码", max_length=60, unique=True)
    name = models.CharField("案由", max_length=200)
    kind = models.CharField("案件类型", max_length=20, choices=CaseKind.choices)
    category = models.CharField("类别", max_length=40, blank=True)
    law = models.CharField("法律", max_length=40)
    versions = models.JSONField(default=list)
    mediation = models.CharField("可否调解", max_length=200, blank=True)
    fast_track = models.CharField("速裁", max_length=300, blank=True)
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = "案由"

    def __str__(self) -> str:
        return self.name

    def article_on(self, day) -> str:
        """The article in force on `day` (for display; the supervision engine owns the legal reasoning)."""
        iso = day.isoformat()
        for v in self.versions:
            if (v["effective_from"] or "0000") <= iso <= (v["effective_to"] or "9999"):
                return f"《{self.law}》{cite_article(v['article'])}"
        return ""


def cite_article(article: str) -> str:
    """An article reference as Chinese law cites it: "23 ¶1(一)" → 第23条第1款第（一）项, "133之一" → 第133条之一."""
    base, _, rest = article.partition(" ")
    item = ""
    if "(" in base:
        base, _, item = base.partition("(")
        item = f"({item}"
    number, sep, suffix = base.partition("之")
    text = f"第{number}条" + (f"之{suffix}" if sep else "")
    for part in re.findall(r"¶\d+|–|\([^)]*\)", rest + item):
        if part.startswith("¶"):
            text += f"第{part[1:]}款"
        elif part == "–":
            text += "至"
        else:
            text += f"第（{part[1:-1]}）项"
    return text


class Case(models.Model):
    number = models.CharField("案件编号", max_length=40, unique=True)
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="cases", verbose_name="办案单位"
    )
    kind = models.CharField("案件类型", max_length=20, choices=CaseKind.choices)
    title = models.CharField("案件名称", max_length=200)
    summary = models.TextField("简要案情", blank=True)
    offence = models.ForeignKey(Offence, null=True, blank=True, on_delete=models.PROTECT, verbose_name="案由")
    procedure = models.CharField("程序", max_length=20, choices=Procedure.choices, default=Procedure.GENERAL)
    status = models.CharField("状态", max_length=20, choices=CaseStatus.choices, default=CaseStatus.ACCEPTED)
    outcome = models.CharField("处理结果", max_length=20, choices=Outcome.choices, blank=True)
    decision = models.JSONField("决定内容", default=dict, blank=True)
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    query_code = models.CharField("查询码", max_length=16, blank=True)
    accepted_at = models.DateTimeField("受案时间")
    filed_at = models.DateTimeField("立案时间", null=True, blank=True)
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    closed_at = models.DateTimeField("结案时间", null=True, blank=True)
    updated_at = models.DateTimeField("最后变更", null=True, blank=True)
    year = models.PositiveSmallIntegerField()
    seq_no = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-accepted_at"]
        indexes = [
            models.Index(fields=["unit", "-accepted_at"], name="case_unit_time"),
            models.Index(fields=["bureau", "status"], name="case_bureau_status"),
            models.Index(fields=["bureau", "-accepted_at"], name="case_bureau_time"),
        ]
        verbose_name = "案件"

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED


class Party(models.Model):
    """A person in a case. ID numbers are checked against the GB 11643 checksum."""

    party_id = models.UUIDField(unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="parties")
    role = models.CharField("身份", max_length=20, choices=PartyRole.choices)
    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    phone = models.CharField("电话", max_length=30, blank=True)
    address = models.CharField("住址", max_length=200, blank=True)
    is_minor = models.BooleanField("未成年人", default=False)
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = "当事人"

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class Handler(models.Model):
    """An officer handling a case: one lead (主办) and any number of assisting officers (协办)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="handlers")
    officer = models.ForeignKey("org.Officer", on_delete=models.PROTECT, related_name="handled")
    role = models.CharField("角色", max_length=20, choices=HandlerRole.choices)
    assigned_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["role", "assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(role="lead", released_at__isnull=True),
                name="one_active_lead_per_case",
            ),
            models.UniqueConstraint(
                fields=["case", "officer"],
                condition=models.Q(released_at__isnull=True),
                name="one_active_assignment",
            ),
        ]
        indexes = [models.Index(fields=["officer", "released_at"], name="handler_officer_active")]
        verbose_name = "办案民警"

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.officer}"
