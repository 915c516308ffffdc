"""Tamper-evident audit: hash-chained log of changes and personal-data reads, signed checkpoints."""
