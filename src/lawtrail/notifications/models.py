"""通知: what an officer is told — in the app always (this row), and by e-mail or SMS when configured.

A notification is a side effect, not a fact of a case: it is not an event and is not exported. The row is
the in-app channel; `emailed_at` / `sms_sent_at` record the other channels' deliveries (by the task queue,
after the transaction that caused the notification has committed), `delivery_error` the last failure.
"""

from __future__ import annotations

from django.db import models

from .choices import Kind


class Notification(models.Model):
    recipient = models.ForeignKey(
        "org.Officer", on_delete=models.CASCADE, related_name="notifications", verbose_name="接收人"
    )
    kind = models.CharField("类型", max_length=30, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间")
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)
    sms_sent_at = models.DateTimeField("短信发送时间", null=True, blank=True)
    delivery_error = models.TextField("发送失败原因", blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        verbose_name = "通知"

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
