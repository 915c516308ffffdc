"""警情审核与视频抽查 over HTTP."""

from ninja import Router

router = Router(tags=["警情审核与视频抽查"])
