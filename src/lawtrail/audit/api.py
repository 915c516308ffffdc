"""审计 over HTTP."""

from ninja import Router

router = Router(tags=["审计"])
