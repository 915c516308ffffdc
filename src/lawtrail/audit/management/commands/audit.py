"""`lawtrail audit verify` and `lawtrail audit checkpoint` (run the latter from a timer, e.g. hourly)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lawtrail.audit import keys
from lawtrail.audit.services import audit_checkpoint, audit_verify
from lawtrail.common.errors import DomainError


class Command(BaseCommand):
    help = (
        "审计日志：verify 校验哈希链与签名检查点；checkpoint 对链头签名（密钥取自 LAWTRAIL_AUDIT_KEY_FILE）"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="重算整条哈希链，核对链头与每个签名检查点；有问题时退出码为 1")
        verify.add_argument("--json", action="store_true", help="以 JSON 输出结果")
        sub.add_parser("checkpoint", help="校验自上一个检查点以来的记录后，对链头签名")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            key = keys.audit_key()
            if options["action"] == "checkpoint":
                cp = audit_checkpoint(key=key)
                self.stdout.write(f"已签名检查点：第 {cp.position} 条，哈希 {cp.hash}，密钥 {cp.key_id}")
                return
            report = audit_verify(key=key)
        except DomainError as error:
            raise CommandError(error.message) from error
        if options.get("json"):
            bad = report.first_bad
            self.stdout.write(
                json.dumps(
                    {
                        "ok": report.ok,
                        "checked": report.checked,
                        "last_position": report.last_position,
                        "checkpoints_checked": report.checkpoints_checked,
                        "checkpoints_unsigned": report.checkpoints_unsigned,
                        "first_bad": None
                        if bad is None
                        else {
                            "position": bad.position,
                            "seq": bad.seq,
                            "kind": bad.kind,
                            "message": bad.message,
                        },
                        "problems": [p.describe() for p in report.problems],
                    },
                    ensure_ascii=False,
                )
            )
        else:
            self.stdout.write(
                f"已校验 {report.checked} 条审计记录（至第 {report.last_position} 条），"
                f"检查点 {report.checkpoints_checked} 个"
                + (
                    f"（其中 {report.checkpoints_unsigned} 个未验签：未配置密钥）"
                    if report.checkpoints_unsigned
                    else ""
                )
            )
        if not report.ok:
            bad = report.first_bad
            assert bad is not None
            raise CommandError(
                f"审计日志已被改动。第一个异常：{bad.describe()}"
                + "".join(f"\n  另见 {p.describe()}" for p in report.problems if p is not bad)
            )
        if not options.get("json"):
            self.stdout.write("审计日志完整：哈希链连续，与签名检查点一致。")
