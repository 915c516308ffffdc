"""`lawtrail backup DIR`: database and stored files, with a manifest of SHA-256 hashes (audit/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lawtrail.audit.backup import backup_create
from lawtrail.audit.choices import AuditAction
from lawtrail.audit.services import audit_context, audit_record
from lawtrail.common.errors import DomainError


class Command(BaseCommand):
    help = "备份数据库与存储的文件到 DIR 下的新目录（含 SHA-256 清单 manifest.json）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "dir", metavar="DIR", help="备份存放目录（在其下新建 lawtrail-backup-<时间> 目录）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with audit_context(via="command"):
                result = backup_create(Path(options["dir"]))
                audit_record(
                    action=AuditAction.BACKUP,
                    actor=None,
                    object_type="backup",
                    object_key=result.path.name,
                    detail={
                        "files": result.files,
                        "bytes": result.bytes,
                        "manifest_sha256": result.manifest_sha256,
                    },
                )
        except (DomainError, OSError) as error:
            raise CommandError(f"备份失败：{getattr(error, 'message', error)}") from error
        self.stdout.write(
            f"已备份到 {result.path}：{result.files} 个文件，{result.bytes} 字节；清单 SHA-256 {result.manifest_sha256}"
        )
