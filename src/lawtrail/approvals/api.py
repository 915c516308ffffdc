"""审批与法制审核 over HTTP."""

from ninja import Router

router = Router(tags=["审批与法制审核"])
