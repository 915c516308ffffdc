"""执法办案管理中心 over HTTP."""

from ninja import Router

router = Router(tags=["执法办案管理中心"])
