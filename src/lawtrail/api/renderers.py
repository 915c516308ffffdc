"""JSON as the API writes it: times in the legal time zone with their offset, Chinese left readable."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from lawtrail.common import clock


class LegalTimeEncoder(NinjaJSONEncoder):
    """Every aware datetime as ISO 8601 in Asia/Shanghai (`2026-03-02T10:00:00+08:00`), whatever zone it
    was stored or entered in, so that one moment always reads the same."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return clock.local(o).isoformat()
        return super().default(o)


class LawtrailJSONRenderer(JSONRenderer):
    encoder_class = LegalTimeEncoder
    json_dumps_params = {"ensure_ascii": False}
