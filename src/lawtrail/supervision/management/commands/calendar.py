"""`lawtrail calendar show YEAR` and `lawtrail calendar add-year YEAR --file FILE.json` (docs/periods.md).

The file is JSON (no extra dependency), transcribed from the State Council's notice:

    {"year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔…〕…号）",
     "holidays": [{"name": "元旦", "rest_from": "2027-01-01", "rest_to": "2027-01-03",
                   "make_up_workdays": []}, …]}
"""

from __future__ import annotations

import getpass
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lawtrail.common.errors import ValidationFailed
from lawtrail.supervision.calendar import calendar_add_year, calendar_year_lines, calendar_year_schedule


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CommandError(f"{where}：“{value}”不是日期（格式 YYYY-MM-DD）") from None


def parse_year_file(text: str, *, year: int) -> dict[str, Any]:
    """The arguments of `calendar_add_year` from a year file (format in docs/periods.md)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(f"文件不是有效的 JSON：第{error.lineno}行第{error.colno}列：{error.msg}") from None
    if not isinstance(data, dict):
        raise CommandError("文件的最外层应当是一个对象 {…}")
    unknown = set(data) - {"year", "source", "holidays", "note"}
    if unknown:
        raise CommandError(f"未知的字段：{'、'.join(sorted(unknown))}")
    if "year" in data and data["year"] != year:
        raise CommandError(f"文件写的是{data['year']}年，命令行指定的是{year}年")
    if not isinstance(data.get("holidays"), list) or not data["holidays"]:
        raise CommandError("缺少 holidays：每个节日一项，写明 name、rest_from、rest_to、make_up_workdays")
    rest: set[date] = set()
    make_up: set[date] = set()
    names: dict[date, str] = {}
    for number, item in enumerate(data["holidays"], start=1):
        where = f"holidays 第{number}项"
        if not isinstance(item, dict):
            raise CommandError(f"{where}应当是一个对象")
        extra = set(item) - {"name", "rest_from", "rest_to", "make_up_workdays"}
        if extra:
            raise CommandError(f"{where}有未知的字段：{'、'.join(sorted(extra))}")
        name = str(item.get("name", "")).strip()
        if not name:
            raise CommandError(f"{where}缺少 name（节日名称）")
        first = _date(item.get("rest_from"), f"{where}（{name}）rest_from")
        last = _date(item.get("rest_to", item.get("rest_from")), f"{where}（{name}）rest_to")
        if last < first:
            raise CommandError(f"{where}（{name}）：rest_to 早于 rest_from")
        for n in range((last - first).days + 1):
            day = first + timedelta(days=n)
            if day in rest:
                raise CommandError(f"{where}（{name}）：{day.isoformat()} 已在其他节日的放假日中")
            rest.add(day)
            names[day] = name
        for value in item.get("make_up_workdays", []):
            day = _date(value, f"{where}（{name}）make_up_workdays")
            make_up.add(day)
            names[day] = name
    return {
        "year": year,
        "rest_days": rest,
        "make_up_workdays": make_up,
        "holidays": names,
        "source": str(data.get("source", "")),
    }


class Command(BaseCommand):
    help = "法定节假日与调休安排：show 显示某年的安排；add-year 按国务院办公厅通知录入新的一年。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="{show,add-year}")
        show = sub.add_parser("show", help="显示某年的放假调休安排")
        show.add_argument("year", type=int, metavar="YEAR")
        add = sub.add_parser("add-year", help="从 JSON 文件录入一年的安排（格式见 docs/periods.md）")
        add.add_argument("year", type=int, metavar="YEAR")
        add.add_argument("--file", required=True, metavar="FILE", help="JSON 文件，按国务院办公厅通知填写")
        add.add_argument("--actor", metavar="NAME", help="录入人姓名（默认：当前系统用户）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "show":
            self.show(options["year"])
        else:
            self.add_year(options["year"], Path(options["file"]), options.get("actor"))

    def show(self, year: int) -> None:
        schedule = calendar_year_schedule(year)
        if schedule is None:
            raise CommandError(
                f"{year}年的节假日安排尚未录入，工作日无法确定；"
                f"请按国务院办公厅通知录入：lawtrail calendar add-year {year} --file FILE.json"
            )
        for line in calendar_year_lines(schedule):
            self.stdout.write(line)

    def add_year(self, year: int, path: Path, actor: str | None) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"无法读取 {path}：{error.strerror}") from None
        arguments = parse_year_file(text, year=year)
        actor_name = actor or f"命令行（系统用户 {getpass.getuser()}）"
        try:
            calendar_add_year(**arguments, actor_name=actor_name)
        except ValidationFailed as error:
            raise CommandError(f"{error.message}（{error.code}）") from None
        self.stdout.write(f"已录入{year}年的节假日安排：")
        schedule = calendar_year_schedule(year)
        assert schedule is not None
        for line in calendar_year_lines(schedule):
            self.stdout.write(line)
