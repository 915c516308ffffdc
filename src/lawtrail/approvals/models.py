"""审批与法制审核: the models of this app (see docs/architecture.md)."""
