"""`lawtrail restore BACKUP --yes`: check the backup against its manifest, then restore it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lawtrail.audit.backup import backup_check, backup_restore
from lawtrail.audit.choices import AuditAction
from lawtrail.audit.services import audit_context, audit_record, audit_verify
from lawtrail.common.errors import DomainError


class Command(BaseCommand):
    help = "从备份目录恢复数据库与存储的文件：先按清单核对每个文件的 SHA-256，不符则拒绝（请先停止应用服务）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", metavar="BACKUP", help="lawtrail backup 生成的备份目录")
        parser.add_argument("--yes", action="store_true", help="确认覆盖当前数据库与文件")
        parser.add_argument("--check", action="store_true", help="只核对备份，不恢复")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["backup"])
        try:
            if options["check"]:
                manifest = backup_check(path)
                self.stdout.write(f"备份完整：{len(manifest['files'])} 个文件与清单一致")
                return
            if not options["yes"]:
                raise CommandError(
                    "恢复会覆盖当前数据库与存储的文件：确认请加 --yes（可先用 --check 核对备份）"
                )
            manifest = backup_restore(path)
            report = audit_verify()
            with audit_context(via="command"):
                audit_record(
                    action=AuditAction.RESTORE,
                    actor=None,
                    object_type="backup",
                    object_key=path.name,
                    detail={"created_at": manifest["created_at"], "audit_ok": report.ok},
                )
        except DomainError as error:
            raise CommandError(f"未恢复：{error.message}") from error
        self.stdout.write(
            f"已从 {path} 恢复（备份时间 {manifest['created_at']}）；审计链校验："
            + ("完整" if report.ok else f"异常，{report.first_bad.describe()}")
        )  # type: ignore[union-attr]
