"""`lawtrail import FILE`: record the events of a JSON Lines file — all of them or none (docs/event-format.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lawtrail.events.jsonl import ImportFailed, import_events


class Command(BaseCommand):
    help = (
        "导入 JSON Lines 事件文件（- 表示标准输入）：按事件编号去重，整个文件要么全部导入，要么什么也不写。"
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="事件文件路径，或 - 表示标准输入")

    def handle(self, *args, **options) -> None:
        try:
            if options["file"] == "-":
                stdin = options.get("stdin") or sys.stdin.buffer
                summary = import_events(stdin)
            else:
                path = Path(options["file"])
                if not path.is_file():
                    raise CommandError(f"文件不存在：{path}")
                with path.open("rb") as stream:
                    summary = import_events(stream)
        except ImportFailed as exc:
            raise CommandError(f"{exc}；未写入任何数据") from exc
        if options["verbosity"] > 0:
            self.stdout.write(str(summary))
