"""法律文书 over HTTP."""

from ninja import Router

router = Router(tags=["法律文书"])
