"""`lawtrail approvals_expiry_warn [--days 60]`: notify officers whose enforcement qualification ends within
the days given (or has ended), and their unit heads — once per officer and expiry date. Run daily."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from lawtrail.approvals.services import qualification_expiry_warn
from lawtrail.common import clock
from lawtrail.org.models import Unit


class Command(BaseCommand):
    help = "执法资格到期提醒（民警本人及所在单位负责人）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=60, help="提前提醒的天数（默认60）")

    def handle(self, *args, days: int = 60, **options) -> None:
        today = clock.local(clock.now()).date()
        for bureau in Unit.objects.filter(kind="bureau", parent__isnull=True):
            written = qualification_expiry_warn(bureau=bureau, today=today, within_days=days)
            self.stdout.write(f"{bureau.code} {bureau.name}: {written} 条提醒")
