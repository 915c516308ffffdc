"""API tokens: how another system (a case-handling client, a records system) acts as an officer.

A token is shown once, when it is created; lawtrail keeps only its SHA-256 (a database leak does not leak
working tokens) and a short prefix to tell tokens apart in listings. A token acts with exactly the scope
of its officer (org/policies.py), and stops working when revoked or when the officer is deactivated.
"""

from __future__ import annotations

from django.db import models


class ApiToken(models.Model):
    officer = models.ForeignKey(
        "org.Officer", on_delete=models.PROTECT, related_name="api_tokens", verbose_name="民警"
    )
    name = models.CharField("名称", max_length=100, help_text="用途，如调用方系统的名称")
    prefix = models.CharField("前缀", max_length=16, unique=True)
    token_sha256 = models.CharField("令牌 SHA-256", max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间")
    last_used_at = models.DateTimeField("最后使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API 令牌"

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
