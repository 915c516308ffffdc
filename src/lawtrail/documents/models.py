"""法律文书: the models of this app (see docs/architecture.md)."""
