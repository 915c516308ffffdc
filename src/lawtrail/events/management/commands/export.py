"""`lawtrail export [FILE] [--bureau CODE]`: write the event history as JSON Lines (docs/event-format.md)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lawtrail.audit.services import audit_record
from lawtrail.events.jsonl import export_events
from lawtrail.org.choices import UnitKind
from lawtrail.org.models import Unit


class Command(BaseCommand):
    help = "导出事件历史（JSON Lines，每行一个事件，按录入顺序）；不指定 FILE 时写到标准输出。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", nargs="?", help="输出文件；不指定或 - 表示标准输出")
        parser.add_argument("--bureau", metavar="CODE", help="只导出这个市（县）公安局的事件（机构代码）")

    def handle(self, *args, **options) -> None:
        bureau = None
        if options["bureau"]:
            bureau = Unit.objects.filter(code=options["bureau"]).first()
            if bureau is None:
                raise CommandError(f"单位{options['bureau']}不存在")
            if bureau.kind != UnitKind.BUREAU:
                raise CommandError(
                    f"{bureau.name}（{bureau.code}）不是市（县）公安局；--bureau 只接受公安局的机构代码"
                )
        if options["file"] in (None, "-"):
            count = None
            try:
                count = export_events(self.stdout, bureau=bureau)
            except BrokenPipeError:
                # The reader stopped early (`lawtrail export | head`): not an error, and nothing more to say.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            _audit(bureau, "-", count)
            return
        path = Path(options["file"])
        # Write beside the target and rename, so a failed export never leaves half a file under its name.
        partial = path.with_name(f".{path.name}.partial")
        try:
            with partial.open("w", encoding="utf-8", newline="\n") as out:
                count = export_events(out, bureau=bureau)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        _audit(bureau, str(path), count)
        if options["verbosity"] > 0:
            self.stdout.write(f"已导出 {count} 条事件到 {path}")


def _audit(bureau: Unit | None, target: str, count: int | None) -> None:
    """An export carries everyone's personal data: it goes into the audit log, with the shell user."""
    audit_record(
        action="export",
        actor=None,
        object_type="events",
        object_key=bureau.code if bureau else "",
        unit_id=bureau.pk if bureau else None,
        detail={"file": target, "events": count, "command": "lawtrail export"},
        username=getpass.getuser(),
    )
