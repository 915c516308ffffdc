"""审计: the models of this app (see docs/architecture.md)."""
