"""Infrastructure models shared by the domain apps (no domain concepts here)."""

from django.db import models, transaction


class Sequence(models.Model):
    """A named counter for document-style numbers (case numbers per unit, kind and year; incident numbers).

    Allocation locks the row, so two writers never receive the same number.
    """

    key = models.CharField(max_length=120, unique=True)
    last_value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}={self.last_value}"


def sequence_next(key: str) -> int:
    """The next value of counter `key` (call inside the writer's transaction)."""
    with transaction.atomic():
        seq, _ = Sequence.objects.select_for_update().get_or_create(key=key)
        seq.last_value += 1
        seq.save(update_fields=["last_value"])
        return seq.last_value


def sequence_observe(key: str, value: int) -> None:
    """Make sure counter `key` is at least `value` (after an import brought numbers from elsewhere)."""
    with transaction.atomic():
        seq, _ = Sequence.objects.select_for_update().get_or_create(key=key)
        if seq.last_value < value:
            seq.last_value = value
            seq.save(update_fields=["last_value"])
