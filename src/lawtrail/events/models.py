"""The event history: every change in lawtrail is an append-only event.

An event has a dotted past-tense name (`case.filed`), the subject it happened to (a unit, officer, incident
or case, by its natural key), the actor, when it happened (`occurred_at` — data is often entered late) and
when it was recorded (`recorded_at`), and a payload validated against the event type's schema
(events/registry.py). The history is the source of the case timeline, of import/export, and (later) of the
supervision engine and the audit.
"""

from __future__ import annotations

from django.db import models


class AppendOnlyError(Exception):
    pass


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("events are append-only: they cannot be updated")

    def delete(self):
        raise AppendOnlyError("events are append-only: they cannot be deleted")


class Event(models.Model):
    seq = models.BigAutoField(primary_key=True)
    event_id = models.UUIDField("事件编号", unique=True)
    name = models.CharField("事件", max_length=60, db_index=True)
    subject_type = models.CharField(max_length=20)
    subject_key = models.CharField(max_length=60)
    # The bureau is the distribution key (every case-scoped table carries it); unit is the owning unit.
    bureau = models.ForeignKey("org.Unit", null=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("org.Unit", null=True, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", null=True, on_delete=models.PROTECT, related_name="events")
    incident = models.ForeignKey(
        "incidents.Incident", null=True, on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey("org.Officer", null=True, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(max_length=80, blank=True)
    occurred_at = models.DateTimeField("发生时间")
    recorded_at = models.DateTimeField("录入时间")
    payload = models.JSONField(default=dict)
    source = models.CharField(max_length=20, default="web")

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["case", "occurred_at"], name="event_case_time"),
            models.Index(fields=["incident", "occurred_at"], name="event_incident_time"),
            models.Index(fields=["subject_type", "subject_key"], name="event_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.subject_key}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("events are append-only: they cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("events are append-only: they cannot be deleted")
