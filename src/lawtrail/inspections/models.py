"""警情审核与视频抽查: the models of this app (see docs/architecture.md)."""
