"""`lawtrail approvals_seed --bureau CODE [--effective-from ISO]`: the default approval policies and
discretion benchmarks for a bureau (data/defaults.py). Idempotent: what the bureau has stays."""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from lawtrail.approvals.services import approvals_seed
from lawtrail.org.models import Unit


class Command(BaseCommand):
    help = "为公安局设置默认审批流程和裁量基准（已有的不变）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bureau", help="公安局机构代码（不填则为所有公安局）")
        parser.add_argument("--effective-from", help="流程生效时间（ISO 8601，带时区；默认现在）")

    def handle(self, *args, bureau: str | None = None, effective_from: str | None = None, **options) -> None:
        bureaus = Unit.objects.filter(kind="bureau", parent__isnull=True)
        if bureau:
            bureaus = bureaus.filter(code=bureau)
            if not bureaus.exists():
                raise CommandError(f"没有机构代码为{bureau}的公安局")
        start = None
        if effective_from:
            start = datetime.fromisoformat(effective_from)
            if start.tzinfo is None:
                raise CommandError("--effective-from 须带时区，如 2026-03-01T00:00:00+08:00")
        for unit in bureaus:
            created = approvals_seed(bureau=unit, effective_from=start)
            self.stdout.write(
                f"{unit.code} {unit.name}: 审批流程 {created['policies']} 个，裁量基准 {created['benchmarks']} 条"
            )
