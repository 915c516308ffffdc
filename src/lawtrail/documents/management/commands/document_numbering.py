"""`lawtrail document_numbering UNIT [--organ-code 梧公 --unit-code 治 …]`: show or set how a unit's legal
documents are headed and numbered (documents.md §3.4). Setting records `unit.document_numbering_set`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lawtrail.common.errors import DomainError
from lawtrail.documents.choices import CounterScope, DateStyle
from lawtrail.documents.numbering import format_number, settings_for
from lawtrail.documents.services import numbering_set
from lawtrail.org.models import Unit

TEXTS = (
    "organ_code",
    "unit_code",
    "authority_name",
    "reconsideration_organ",
    "court",
    "supervision_phone",
    "query_channel",
)


class Command(BaseCommand):
    help = "显示或设置单位的法律文书编号（文号）和抬头 (show or set a unit's document numbering)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("unit", help="单位机构代码")
        for name in TEXTS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name)
        parser.add_argument("--counter-scope", choices=CounterScope.values)
        parser.add_argument("--date-style", choices=DateStyle.values)

    def handle(self, *args, unit: str, **options) -> None:
        target = Unit.objects.filter(code=unit).first()
        if target is None:
            raise CommandError(f"机构代码{unit}对应的单位不存在")
        given = {k: options[k] for k in (*TEXTS, "counter_scope", "date_style") if options.get(k) is not None}
        if given:
            current = settings_for(target)
            values = {k: getattr(current, k) for k in (*TEXTS, "counter_scope", "date_style")}
            values.update(given)
            try:
                numbering_set(unit=target, actor=None, source="cli", **values)
            except DomainError as exc:
                raise CommandError(exc.message) from exc
        n = settings_for(target)
        for key in (*TEXTS, "counter_scope", "date_style"):
            self.stdout.write(f"{key}: {getattr(n, key)}")
        self.stdout.write(f"example: {format_number(n, '行罚决', 2026, 1)}")
