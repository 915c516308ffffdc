"""`lawtrail event_schema`: print the JSON Schema of the event format (committed as docs/event-format.schema.json)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from lawtrail.events.schema import schema_text


class Command(BaseCommand):
    help = "输出事件导入导出格式的 JSON Schema（draft 2020-12），由事件类型注册表生成。"

    def handle(self, *args, **options) -> None:
        self.stdout.write(schema_text(), ending="")
