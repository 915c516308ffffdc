"""涉案财物: the models of this app (see docs/architecture.md)."""
