"""`lawtrail demo --scale small|city`: load the synthetic bureau (see lawtrail/demo/generator.py)."""

from __future__ import annotations

import time
from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from lawtrail.demo.generator import DemoError, database_has_cases, default_anchor, generate
from lawtrail.demo.models import DefectKind
from lawtrail.demo.scales import SCALES

COUNT_LABELS = {
    "units": "单位",
    "officers": "民警（含辅警）",
    "auxiliaries": "其中辅警",
    "role_grants": "角色授权",
    "incidents": "警情",
    "incidents_converted": "其中已转案件",
    "media": "音视频记录",
    "cases": "案件",
    "cases_admin": "其中行政案件",
    "cases_criminal": "其中刑事案件",
    "parties": "当事人",
    "minors": "其中未成年人",
    "events": "事件",
}


class Command(BaseCommand):
    help = "生成演示数据：一个虚构的市公安局一年的警情、案件及其完整事件记录（同一种子和锚定日期结果相同）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            default="small",
            help="规模：small（约150名民警、600起警情，make run 使用）；city（约2800名民警、3万起警情、1.5万起案件）；tiny（测试用）",
        )
        parser.add_argument("--seed", type=int, default=2026, help="随机种子（默认 2026）")
        parser.add_argument(
            "--anchor",
            type=date.fromisoformat,
            default=None,
            help="锚定日期 YYYY-MM-DD：数据截止到该日零时（默认今天，Asia/Shanghai）",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="数据库中已有案件（或演示单位）时不做任何事"
        )

    def handle(self, *args, scale: str, seed: int, anchor: date | None, if_empty: bool, **options) -> None:
        if if_empty and database_has_cases():
            self.stdout.write("数据库中已有数据，跳过演示数据生成（--if-empty）。")
            return
        anchor = anchor or default_anchor()
        self.stdout.write(f"生成演示数据：规模 {scale}，种子 {seed}，截止 {anchor.isoformat()} 零时 …")
        began = time.monotonic()
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if stage == "org":
                self.stderr.write(f"  单位与民警：{done} 人（{now - began:.0f} 秒）")
            elif now - last[0] >= 5 or done == total:
                last[0] = now
                what = "已结案件监督检查" if stage == "closed" else "警情与案件"
                self.stderr.write(
                    f"  {what}：{done}/{total}（{done * 100 // max(total, 1)}%，{now - began:.0f} 秒）"
                )

        # A year of history is written event by event; checking each case after every one of its events
        # (the incremental supervision hook) would re-judge the same case hundreds of times. The demo is
        # written with the hook off and checked once at the end: generate() checks the closed cases (which the
        # sweep does not take), then the sweep checks the open cases and the incidents.
        try:
            with override_settings(SUPERVISION_INCREMENTAL=False):
                result = generate(scale=scale, seed=seed, anchor=anchor, progress=progress)
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"数据期间：{result.start:%Y-%m-%d} 至 {result.end:%Y-%m-%d %H:%M}（Asia/Shanghai）"
        )
        for key, label in COUNT_LABELS.items():
            self.stdout.write(f"  {label}：{result.counts[key]:,}")
        self.stdout.write("案件状态：")
        for key, n in result.case_states.items():
            self.stdout.write(f"  {key}: {n:,}")
        self.stdout.write("预置问题（供执法监督发现）：")
        for kind in DefectKind:
            self.stdout.write(f"  {kind.value}（{kind.label}）：{result.planted.get(kind.value, 0)}")
        self.stdout.write("执法监督巡检（lawtrail supervise）：")
        call_command("supervise", stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(self.style.SUCCESS(f"完成，用时 {time.monotonic() - began:.1f} 秒。"))
