"""涉案财物 over HTTP."""

from ninja import Router

router = Router(tags=["涉案财物"])
