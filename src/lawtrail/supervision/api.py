"""Supervision over HTTP: alerts, their lifecycle, and the compliance of a case."""

from ninja import Router

router = Router(tags=["监督预警"])
