"""`lawtrail media verify`: re-hash every file stored by lawtrail and compare with the SHA-256 recorded on
upload. Prints each missing or altered file; exits with status 1 if there is any, 0 otherwise."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lawtrail.incidents.media_store import verify
from lawtrail.incidents.models import MediaRecord


class Command(BaseCommand):
    help = "音视频资料：verify 重新计算本系统存储的每个文件的SHA-256并与登记值比对（有缺失或不符时退出码为1）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--json", action="store_true", help="以JSON输出结果")

    def handle(self, *args, **options) -> None:
        records = MediaRecord.objects.exclude(storage_name="").only("media_id", "storage_name", "sha256")
        checked = 0
        findings = []
        for finding in verify(records.iterator(chunk_size=500)):
            findings.append(finding)
        checked = records.count()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"checked": checked, "problems": [f.__dict__ for f in findings]},
                    ensure_ascii=False,
                    indent=1,
                )
            )
        else:
            for f in findings:
                what = "文件缺失" if f.problem == "missing" else f"SHA-256不符（现为{f.actual}）"
                self.stdout.write(f"{f.media_id} {f.storage_name}: {what}，登记值 {f.expected}")
            self.stdout.write(f"已核验 {checked} 个文件，发现问题 {len(findings)} 个")
        if findings:
            raise CommandError(f"{len(findings)} 个文件缺失或被改动", returncode=1)
