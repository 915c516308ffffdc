"""法律文书: documents of a case (drafted from the case, issued with a 文号 and locked), their service
records, and the per-unit settings that make up a 文号 (documents.md §3: the codes are data, not code)."""

from __future__ import annotations

from django.db import models

from .choices import CounterScope, DateStyle, DocumentStatus, ServiceMethod, ServiceTo


class NumberingSettings(models.Model):
    """How a unit's documents are headed and numbered: 梧公（西江）行罚决字〔2026〕123号.

    A unit without its own row uses its nearest ancestor's, else defaults derived from the unit tree
    (numbering.settings_for)."""

    unit = models.OneToOneField("org.Unit", on_delete=models.CASCADE, related_name="document_settings")
    organ_code = models.CharField("机关代字", max_length=20, help_text="如：梧公、穗公花")
    unit_code = models.CharField("办案单位代字", max_length=20, blank=True, help_text="括号内，如：西江、治")
    authority_name = models.CharField("文书抬头（公安机关名称）", max_length=100, blank=True)
    reconsideration_organ = models.CharField("行政复议机关", max_length=100, blank=True)
    court = models.CharField("行政诉讼管辖法院", max_length=100, blank=True)
    supervision_phone = models.CharField("监督电话", max_length=40, blank=True)
    query_channel = models.CharField("查询途径", max_length=200, blank=True)
    counter_scope = models.CharField(
        "编号范围", max_length=20, choices=CounterScope.choices, default=CounterScope.UNIT_KIND_YEAR
    )
    date_style = models.CharField(
        "落款日期样式", max_length=20, choices=DateStyle.choices, default=DateStyle.CN_NUMERAL
    )

    class Meta:
        verbose_name = "文书编号设置"

    def __str__(self) -> str:
        return f"{self.unit} {self.organ_code}"


class Document(models.Model):
    """A legal document of a case. Draft fields are edited by the officer; once issued it is read-only
    (its files are stored with their SHA-256); a correction is a new document that cites it."""

    document_id = models.CharField(max_length=36, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    bureau = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书种类", max_length=40)
    party = models.ForeignKey(
        "cases.Party", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    measure = models.ForeignKey(
        "measures.Measure", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    status = models.CharField(
        "状态", max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    fields = models.JSONField("文书内容", default=dict)
    number = models.CharField("文号", max_length=80, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    serial = models.PositiveIntegerField(null=True, blank=True)
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name="更正的文书",
    )
    drafted_at = models.DateTimeField()
    drafted_by = models.ForeignKey("org.Officer", null=True, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("签发时间", null=True, blank=True)
    issued_by = models.ForeignKey(
        "org.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pdf_path = models.CharField(max_length=200, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    docx_path = models.CharField(max_length=200, blank=True)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["drafted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="document_number_unique"
            )
        ]
        verbose_name = "法律文书"

    def __str__(self) -> str:
        return f"{self.title} {self.number}".strip()

    @property
    def spec(self):
        from .kinds import KINDS

        return KINDS[self.kind]

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def is_locked(self) -> bool:
        return self.status != DocumentStatus.DRAFT


class Service(models.Model):
    """One service of a document on one recipient (documents.md §5.3): method, time, place, recipient,
    refusal and witness, and the proof each method needs."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="services")
    to = models.CharField("受送达人身份", max_length=20, choices=ServiceTo.choices)
    method = models.CharField("送达方式", max_length=20, choices=ServiceMethod.choices)
    served_at = models.DateTimeField("送达时间")
    recorded_at = models.DateTimeField()
    recipient = models.CharField("受送达人", max_length=100)
    receiver = models.CharField("代收人", max_length=100, blank=True)
    relationship = models.CharField("代收人与受送达人关系", max_length=50, blank=True)
    place = models.CharField("送达地点", max_length=200, blank=True)
    refused = models.BooleanField("拒绝签收", default=False)
    refusal_reason = models.CharField("拒收事由", max_length=500, blank=True)
    witness = models.CharField("见证人", max_length=100, blank=True)
    recording_ref = models.CharField("录音录像编号", max_length=100, blank=True)
    postal_no = models.CharField("挂号信号码", max_length=60, blank=True)
    consent_ref = models.CharField("电子送达确认书", max_length=100, blank=True)
    server = models.ForeignKey("org.Officer", null=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        ordering = ["served_at", "id"]
        verbose_name = "送达记录"

    def __str__(self) -> str:
        return f"{self.document} → {self.recipient}"
