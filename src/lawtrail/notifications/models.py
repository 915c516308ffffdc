"""通知: the models of this app (see docs/architecture.md)."""
