"""`lawtrail deadline RULE_ID --start TIME [--event NAME@TIME …] [--as-of TIME] [--custody] [--json]`.

Computes one rule of the catalogue on a hand-made timeline, without reading or writing any case: the
start event of the rule at `--start`, the events given with `--event` (`NAME@TIME`, or `NAME@TIME@{json
payload}`), evaluated at `--as-of` (default: now). Events the rule requires the timeline to have (a victim,
an earlier extension) are assumed at the start, and the output says so. Prints the due time, the state and the explanation in
Chinese, or the result as JSON. The legal calendar comes from the database when it can be read; otherwise
only weekends are rest days, and the output says so.

Times are Asia/Shanghai: "2026-03-01 10:20", "2026-03-01T10:20", "2026-02-04 24:00". `RULE_ID` may be a
version (`ps.case_time_limit.v2026`) or a family (`ps.case_time_limit`); the version in force on the start
date is used, and the output says which. `--setting NAME=VALUE` (VALUE in JSON) tries an unsettled point.
"""

from __future__ import annotations

import difflib
import json
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from lawtrail.common import clock
from lawtrail.supervision.engine import evaluate
from lawtrail.supervision.facts import hand_made_timeline
from lawtrail.supervision.loader import Catalogue, default_catalogue
from lawtrail.supervision.periods import Calendar, format_moment
from lawtrail.supervision.rules import Rule, parse_local
from lawtrail.supervision.settings import SETTINGS, load_settings

WEEKENDS_ONLY = "未能读取数据库中的节假日安排，按仅周六、周日休息计算（节假日与调休未计入）"


def _moment(text: str, what: str) -> datetime:
    try:
        return parse_local(text)
    except ValueError:
        raise CommandError(f"{what}：“{text}”不是时间（格式 YYYY-MM-DD HH:MM，北京时间）") from None


def find_rule(catalogue: Catalogue, rule_id: str, start: datetime) -> tuple[Rule, str]:
    """The rule to compute, and a note when a version other than the one named applies on the start date."""
    family = catalogue.rules[rule_id].family if rule_id in catalogue.rules else rule_id
    versions = catalogue.versions(family)
    if not versions:
        close = difflib.get_close_matches(rule_id, list(catalogue.rules) + list(catalogue.families), n=3)
        hint = f"；相近的规则：{'、'.join(close)}" if close else ""
        raise CommandError(f"规则{rule_id}不存在{hint}")
    day = start.astimezone(clock.LEGAL_TZ).date()
    in_force = [v for v in versions if v.in_force_on(day)]
    named = catalogue.rules.get(rule_id)
    if named is not None and named in in_force:
        return named, ""
    if not in_force:
        return named or versions[-1], f"注意：{day.isoformat()}不在该规则任何版本的施行期间内"
    chosen = in_force[0]
    if chosen.id == rule_id:
        return chosen, ""
    return chosen, f"起算日{day.isoformat()}施行的版本为{chosen.id}（{chosen.window()}），按该版本计算"


def parse_event(text: str, catalogue: Catalogue) -> tuple[str, datetime, dict[str, Any]]:
    name, sep, rest = text.partition("@")
    if not sep or not name:
        raise CommandError(f"--event “{text}”：应为 NAME@TIME 或 NAME@TIME@{{json}}")
    if name not in catalogue.events:
        close = difflib.get_close_matches(name, list(catalogue.events), n=3)
        hint = f"；相近的事件：{'、'.join(close)}" if close else ""
        raise CommandError(f"--event：事件{name}不存在{hint}")
    when, sep, payload_text = rest.partition("@")
    payload: dict[str, Any] = {}
    if sep:
        try:
            payload = json.loads(payload_text)
        except json.JSONDecodeError as error:
            raise CommandError(f"--event {name}：payload 不是有效的 JSON（{error.msg}）") from None
        if not isinstance(payload, dict):
            raise CommandError(f"--event {name}：payload 应为 JSON 对象 {{…}}")
    return name, _moment(when, f"--event {name}"), payload


def read_calendar() -> tuple[Calendar, str | None]:
    """The seeded legal calendar, or a weekends-only calendar and the warning to show."""
    try:
        from lawtrail.supervision.calendar import load_calendar

        return load_calendar(), None
    except DatabaseError:
        return Calendar(
            rest_days=frozenset(), make_up_workdays=frozenset(), known_years=frozenset()
        ), WEEKENDS_ONLY


class Command(BaseCommand):
    help = "按规则目录计算一条期限（手工时间线，不读写案件数据）：期满时间、状态与计算过程。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "rule", metavar="RULE_ID", help="规则编号，如 ps.case_time_limit.v2026 或 ps.case_time_limit"
        )
        parser.add_argument("--start", required=True, metavar="TIME", help="起算事件的时间（北京时间）")
        parser.add_argument(
            "--event",
            action="append",
            default=[],
            metavar="NAME@TIME",
            help="其后发生的事件，可重复；NAME@TIME 或 NAME@TIME@{json}",
        )
        parser.add_argument("--as-of", metavar="TIME", help="计算时点（默认：现在）")
        parser.add_argument(
            "--custody", action="store_true", help="按限制人身自由的期间计算（不因节假日顺延）"
        )
        parser.add_argument(
            "--setting",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="临时改变一项设置（VALUE 为 JSON）",
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args: Any, **options: Any) -> None:
        catalogue = default_catalogue()
        start = _moment(options["start"], "--start")
        rule, note = find_rule(catalogue, options["rule"], start)
        settings = load_settings()
        for item in options["setting"]:
            name, sep, value = item.partition("=")
            if not sep or name not in SETTINGS:
                raise CommandError(
                    f"--setting “{item}”：应为 NAME=VALUE，NAME 为已有设置（{'、'.join(SETTINGS)}）"
                )
            try:
                settings = settings.replace(**{name: json.loads(value)})
            except (json.JSONDecodeError, ValueError) as error:
                raise CommandError(f"--setting {name}：{error}") from None
        events = [parse_event(text, catalogue) for text in options["event"]]
        facts, assumed = hand_made_timeline(rule, start, events, settings=settings)
        as_of = _moment(options["as_of"], "--as-of") if options.get("as_of") else clock.now()
        calendar, calendar_warning = read_calendar()
        result = evaluate(
            rule,
            facts,
            as_of=as_of,
            calendar=calendar,
            settings=settings,
            catalogue=catalogue,
            in_custody=True if options["custody"] else None,
        )
        notes = [n for n in (note, calendar_warning, *assumed) if n]
        if options["json"]:
            data = result.as_dict()
            data["as_of"] = as_of.isoformat()
            data["notes"] = notes
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        level = f"（{result.level.label}预警）" if result.level else ""
        lines = [
            f"规则：{result.rule_id} {catalogue.rules[result.rule_id].title}",
            f"状态：{result.state.label}{level}",
            f"期满：{format_moment(result.due) if result.due else '—'}",
            f"计算时点：{format_moment(as_of)}",
            f"依据：{result.citation}",
            *(f"注意：{n}" for n in notes),
            "计算过程：",
            *(f"  {line}" for line in result.explanation),
        ]
        for line in lines:
            self.stdout.write(line)
