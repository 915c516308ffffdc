"""`lawtrail supervise [--as-of TIME] [--unit CODE] [--json]`: the supervision sweep (supervision/runtime.py).

Re-evaluates the open cases and the incidents in scope and opens, updates or auto-resolves alerts;
running it twice changes nothing the second time. After the first sweep only the subjects with something
due by then (a warning level, a limit, a change of law: `Obligation.next_check_at`) or with events
recorded since the previous sweep are loaded; `--full` re-checks every open case and every incident
(after a change of rules, calendar or settings). With `--as-of` a past moment (回头看) it writes no
alerts: it reports what the engine finds with the events recorded by then. Either way it records a
SweepRun.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lawtrail.org.models import Unit
from lawtrail.supervision.rules import parse_local
from lawtrail.supervision.runtime import sweep


class Command(BaseCommand):
    help = "执法监督巡检：重新评估在办案件和警情，生成、更新或自动解除预警（--as-of 过去的时间只出报告，不写预警）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", help="评估时间（北京时间，如 2026-03-01 09:00）；默认现在")
        parser.add_argument("--unit", help="只巡检该单位及其下级单位（机构代码）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
        parser.add_argument("--chunk", type=int, default=500, help="每批评估的案件或警情数")
        parser.add_argument(
            "--full",
            action="store_true",
            help="全量复查：重新评估全部在办案件和警情（规则、节假日安排或设置变更后使用）；默认只评估到期或有新事件的对象",
        )

    def handle(self, *args, **options) -> None:
        as_of = None
        if options["as_of"]:
            try:
                as_of = parse_local(options["as_of"])
            except ValueError as exc:
                raise CommandError(f"--as-of 无法识别：{options['as_of']}") from exc
        if options["unit"] and not Unit.objects.filter(code=options["unit"]).exists():
            raise CommandError(f"单位 {options['unit']} 不存在")
        if options["chunk"] < 1:
            raise CommandError("--chunk 必须是正整数")
        result = sweep(
            as_of=as_of,
            unit_code=options["unit"],
            triggered_by="command",
            chunk=options["chunk"],
            full=options["full"],
        )
        run = result.run
        if options["json"]:
            out = {
                "as_of": run.as_of.isoformat(),
                "retrospective": run.retrospective,
                "unit": run.scope or None,
                "mode": run.mode,
                "counts": result.counts,
            }
            if run.retrospective:
                out["problems"] = result.problems
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        c = result.counts
        kind = (
            "回头看（只出报告，不写预警）"
            if run.retrospective
            else ("全量巡检" if run.mode == "full" else "巡检（到期与变更）")
        )
        self.stdout.write(
            f"{kind}：评估时间 {run.as_of.isoformat()}，案件 {c['cases']} 件，警情 {c['incidents']} 起，"
            f"用时 {c['seconds']} 秒"
        )
        if not run.retrospective:
            self.stdout.write(
                f"新增预警 {c['opened']} 条，更新 {c['updated']} 条，自动解除 {c['resolved']} 条"
            )
        for level, n in c["problems"].items():
            self.stdout.write(f"  {level}: {n}")
        for p in result.problems:
            self.stdout.write(f"  {p['subject_key']} {p['rule_id']} {p['level']}（{p['state']}）")
