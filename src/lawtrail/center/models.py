"""执法办案管理中心: the models of this app (see docs/architecture.md)."""
