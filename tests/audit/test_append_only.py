"""No application path updates or deletes audit rows."""

from __future__ import annotations

import pytest

from lawtrail.audit.models import AuditAppendOnlyError, AuditCheckpoint, AuditEntry, AuditPerson
from lawtrail.audit.services import audit_checkpoint

from .helpers import KEY


def test_entries_cannot_be_changed_or_deleted_through_the_orm(bureau):
    """Given an audit entry, when the ORM is asked to save a change, update or delete it (one row or a
    queryset), then each is refused and the entry is unchanged."""
    entry = AuditEntry.objects.first()
    original = entry.actor_name
    entry.actor_name = "某某"
    with pytest.raises(AuditAppendOnlyError):
        entry.save()
    with pytest.raises(AuditAppendOnlyError):
        entry.delete()
    with pytest.raises(AuditAppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(actor_name="某某")
    with pytest.raises(AuditAppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).actor_name == original


def test_checkpoints_and_the_person_index_are_append_only_too(bureau):
    """Given a checkpoint, when it or the person index is updated or deleted through the ORM, then refused."""
    checkpoint = audit_checkpoint(key=KEY)
    with pytest.raises(AuditAppendOnlyError):
        AuditCheckpoint.objects.filter(pk=checkpoint.pk).update(hash="0" * 64)
    with pytest.raises(AuditAppendOnlyError):
        checkpoint.delete()
    with pytest.raises(AuditAppendOnlyError):
        AuditPerson.objects.all().delete()
