"""通知 over HTTP."""

from ninja import Router

router = Router(tags=["通知"])
