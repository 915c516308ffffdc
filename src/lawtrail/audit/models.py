"""The tamper-evident audit log (等保 2.0 三级: 安全审计; CJIS 5.4 auditing and accountability).

Every change (each event of the history), every read of personal data and every sign-in appends an
`AuditEntry`. Entries form a hash chain: an entry's `hash` is SHA-256 over its canonical content and the
previous entry's hash (chain.py), and `position` counts 1, 2, 3… without gaps, assigned under a lock on the
single `AuditHead` row. Because anyone with write access to the database could recompute an unkeyed chain,
`AuditCheckpoint`s sign (position, hash) with a key kept outside the database (keys.py); `lawtrail audit
verify` recomputes the chain and checks it against the signed checkpoints.

No application path updates or deletes these rows: the querysets and `save`/`delete` refuse.
"""

from __future__ import annotations

from django.db import models

from .choices import OBJECT_LABELS, AuditAction


class AuditAppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditAppendOnlyError("审计记录只能追加，不能修改")

    def delete(self):
        raise AuditAppendOnlyError("审计记录只能追加，不能删除")

    def bulk_update(self, *args, **kwargs):
        raise AuditAppendOnlyError("审计记录只能追加，不能修改")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditAppendOnlyError("审计记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditAppendOnlyError("审计记录只能追加，不能删除")


class AuditEntry(AppendOnly):
    """One audited act. The actor is copied (id, badge, name), not linked: the log outlives accounts."""

    seq = models.BigAutoField(primary_key=True)
    position = models.PositiveBigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间", db_index=True)
    action = models.CharField("操作", max_length=20, choices=AuditAction.choices)
    actor_id = models.BigIntegerField("民警ID", null=True, db_index=True)
    actor_badge = models.CharField("警号", max_length=20, blank=True, db_index=True)
    actor_name = models.CharField("姓名", max_length=80, blank=True)
    username = models.CharField("账号", max_length=150, blank=True)
    object_type = models.CharField("对象类型", max_length=30, blank=True)
    object_key = models.CharField("对象", max_length=80, blank=True, db_index=True)
    # The unit that owns the object (or the actor's unit for sign-ins): the audit search is scoped by it.
    unit_id = models.BigIntegerField(null=True, db_index=True)
    # [[party_id, id_hash], …] of the people whose personal data the act touched (chain.person_hash).
    persons = models.JSONField("涉及人员", default=list)
    request_id = models.CharField("请求编号", max_length=64, blank=True)
    ip = models.CharField("IP 地址", max_length=45, blank=True)
    via = models.CharField("途径", max_length=20, blank=True)  # web, api, command, import
    detail = models.JSONField("详情", default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["position"]
        verbose_name = "审计记录"

    def __str__(self) -> str:
        return f"#{self.position} {self.action} {self.object_type}:{self.object_key}"

    @property
    def event_label(self) -> str:
        """The Chinese name of the event a `change` entry records (立案), or ""."""
        from lawtrail.events.registry import label_for

        name = (self.detail or {}).get("event", "")
        return str(label_for(name)) if name else ""

    @property
    def object_label(self) -> str:
        return str(OBJECT_LABELS.get(self.object_type, self.object_type))


class AuditPerson(AppendOnly):
    """Index of `AuditEntry.persons` for "who looked at this person?" (derived; verify checks it agrees)."""

    entry = models.ForeignKey(AuditEntry, on_delete=models.PROTECT, related_name="person_rows")
    party_id = models.UUIDField(null=True, db_index=True)
    id_hash = models.CharField(max_length=64, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.party_id or self.id_hash[:12]} @ #{self.entry_id}"


class AuditHead(models.Model):
    """The single row writers lock to append (SELECT … FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE
    transaction already serialises writers). Holds the last position and hash."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    position = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head #{self.position}"


class AuditCheckpoint(AppendOnly):
    """A signed statement "the chain had this hash at this position" (HMAC-SHA256, key outside the DB)."""

    position = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64)
    at = models.DateTimeField()
    key_id = models.CharField(max_length=16)
    signature = models.CharField(max_length=64)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "审计检查点"

    def __str__(self) -> str:
        return f"checkpoint #{self.position} {self.hash[:12]}"
