"""Legal period arithmetic (期间计算): pure functions, with the calendar and the moments as arguments.

Nothing here reads the wall clock or the database: the caller passes the start, the calendar
(`supervision.calendar.load_calendar()` builds one from the seeded table) and, if it wants the deadline
as it stood at some moment, `as_of`. Every result carries, in Chinese, the steps that produced it, so a
supervisor can check a deadline by hand. The rules and their sources are those of the catalogue
(shared/law/rules.md §1); `docs/periods.md` restates them with the worked examples that are the tests.

Counting rules, in short:

* hours run from the recorded moment (民法典 Art. 201 ¶2; 刑事诉讼法 Art. 105 ¶2);
* days: the start day is not counted (刑事诉讼法 Art. 105 ¶2; 公安机关办理行政案件程序规定 Art. 35;
  民事诉讼法 Art. 85 ¶2), so day 1 is the calendar day after the start day in Asia/Shanghai, and the
  last day ends at 24:00 (民法典 Art. 203 ¶2);
* months: the corresponding day `n` months later; a start on a month's last day ends on the last day of
  the target month, and so does a start whose corresponding day does not exist (最高人民法院关于适用
  《中华人民共和国刑事诉讼法》的解释 Art. 202; 民法典 Art. 202);
* years: the corresponding day, or the month's last day when there is none (民法典 Art. 202);
* working days: only working days after the start day count (行政处罚法 Art. 85, 行政复议法 Art. 88,
  行政强制法 Art. 69 — which limits are in working days is the catalogue's business, not this module's);
* a last day that is a 节假日 moves to the first day after the holidays where the rule says so
  (`holiday_rollover`), never for a person deprived of liberty (刑事诉讼法 Art. 105 ¶4;
  公安机关办理行政案件程序规定 Art. 35);
* excluded periods (鉴定, 听证, 醉酒约束 …) stop the clock (治安管理处罚法 v2026 Art. 118 ¶2 and
  others, rules.md §1.1 item 8); extensions add to the running limit.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

# The legal time zone; the same zone as `lawtrail.common.clock.LEGAL_TZ` (kept here so that this module
# stays free of Django).
LEGAL_TZ = ZoneInfo("Asia/Shanghai")

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

# Citations used in the explanations.
CITE_START_NOT_COUNTED = "刑事诉讼法第105条第2款；公安机关办理行政案件程序规定第35条；民事诉讼法第85条第2款"
CITE_MIDNIGHT = "民法典第203条第2款"
CITE_HOURS = "民法典第201条第2款；刑事诉讼法第105条第2款"
CITE_MONTHS = "最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释第202条；民法典第202条"
CITE_YEARS = "民法典第202条"
CITE_WORKING_DAYS = "行政处罚法第85条；行政复议法第88条第2款；行政强制法第69条"
CITE_ROLLOVER = "刑事诉讼法第105条第4款；公安机关办理行政案件程序规定第35条；民事诉讼法第85条第3款"
CITE_CUSTODY = "刑事诉讼法第105条第4款；公安机关办理行政案件程序规定第35条"
CITE_PAUSE = "治安管理处罚法（2025年修订）第118条第2款；刑事诉讼法第149条；行政强制法第25条第3款"


class PeriodUnit(StrEnum):
    """The unit a legal period is counted in (刑事诉讼法 Art. 105 ¶1; 行政案件程序规定 Art. 35)."""

    HOURS = "hours"
    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"
    YEARS = "years"

    @property
    def label(self) -> str:
        """The Chinese word the explanations use for the unit."""
        return _UNIT_LABELS[self]

    def amount(self, n: int) -> str:
        """`n` of this unit in Chinese: "30日", "7个工作日", "2个月"."""
        counter = "个" if self in (PeriodUnit.WORKING_DAYS, PeriodUnit.MONTHS) else ""
        return f"{n}{counter}{self.label}"


_UNIT_LABELS = {
    PeriodUnit.HOURS: "小时",
    PeriodUnit.DAYS: "日",
    PeriodUnit.WORKING_DAYS: "工作日",
    PeriodUnit.MONTHS: "月",
    PeriodUnit.YEARS: "年",
}


class UnknownCalendarYear(Exception):
    """The calendar has no holiday schedule for `year`: working days there cannot be known.

    China's rest days and make-up working days are fixed each year by a State Council notice
    (rules.md §1.2), so a year nobody has entered is unknown — never guessed silently.
    """

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"{year}年的节假日安排尚未录入，工作日无法确定")


@dataclass(frozen=True)
class Calendar:
    """The legal calendar: which days are rest days and which weekend days are working days.

    `rest_days` are the statutory holidays and the other 放假调休 rest days of the yearly notice;
    `make_up_workdays` are its 调休上班 days (weekend days that are working days). A date is a working
    day (the catalogue's recommended predicate, rules.md §1.2) if it is a declared make-up working day,
    or a Monday to Friday outside the rest days.

    `count_make_up_saturdays` is that open question (rules.md, Open questions 4) made a setting: when
    False, make-up working days — Saturdays or Sundays — are treated as the ordinary weekend days they
    would otherwise be, both for counting working days and for the last-day rollover.

    `holiday_names` (optional) names the days of the notice ("春节"); it only makes explanations
    readable and takes no part in equality.
    """

    rest_days: frozenset[date]
    make_up_workdays: frozenset[date]
    known_years: frozenset[int]
    count_make_up_saturdays: bool = True
    holiday_names: Mapping[date, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        overlap = self.rest_days & self.make_up_workdays
        if overlap:
            raise ValueError(f"同一天不能既放假又调休上班：{', '.join(sorted(map(str, overlap)))}")

    def is_workday(self, day: date) -> bool:
        """True for a legal working day (工作日); raises UnknownCalendarYear outside `known_years`."""
        if day.year not in self.known_years:
            raise UnknownCalendarYear(day.year)
        if day in self.make_up_workdays:
            return self.count_make_up_saturdays
        return day.weekday() < 5 and day not in self.rest_days

    def is_rest_day(self, day: date) -> bool:
        """True for a 节假日 in the sense of the last-day rollover: a weekend day or a holiday (放假调休 day)
        that is not a make-up working day. Raises UnknownCalendarYear outside `known_years`.

        Whether an ordinary weekend counts as 节假日 for the rollover is open (rules.md, Open questions 4);
        the catalogue's recommended predicate says yes, and so does this method.
        """
        return not self.is_workday(day)

    def name_of(self, day: date) -> str:
        """The holiday a day belongs to in the notice ("国庆节"), or ""."""
        return self.holiday_names.get(day, "")


@dataclass(frozen=True)
class Pause:
    """An excluded period (鉴定, 听证, 醉酒约束, 拘留所请假 …): the clock stops from `start` to `end`.

    `end` None means the clock is still stopped. Sources: rules.md §1.1 item 8 (治安管理处罚法 v2026
    Art. 118 ¶2; 刑事诉讼法 Art. 149; 行政强制法 Art. 25 ¶3; 行政案件程序规定 Art. 58 ¶2).
    """

    start: datetime
    end: datetime | None
    reason: str


@dataclass(frozen=True)
class Extension:
    """An approved extension: `amount` more of `unit`, added to the running limit; approved at `at`."""

    amount: int
    unit: PeriodUnit
    at: datetime
    reason: str


@dataclass(frozen=True)
class Deadline:
    """A computed deadline and how it was computed.

    `due` is aware; "24:00 of day D" is 00:00 of D+1 in Asia/Shanghai (show it with `format_moment`).
    It is None while the clock is stopped by an open pause. `explanation` gives one Chinese step per line.
    `warnings` are things a person must see (an unknown calendar year, a late extension); `provisional`
    is True when `due` rests on a guess that a missing calendar year will correct.
    """

    due: datetime | None
    explanation: tuple[str, ...]
    warnings: tuple[str, ...]
    provisional: bool = False


# --- helpers on dates and moments -------------------------------------------------------------------


def end_of_day(day: date) -> datetime:
    """24:00 of `day` in the legal time zone, i.e. 00:00 of the next day (民法典 Art. 203 ¶2)."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=LEGAL_TZ)


def format_moment(moment: datetime) -> str:
    """A moment in Asia/Shanghai as people write it: "2026-02-04 24:00" for the end of a day,
    "2026-03-01 18:20" otherwise (seconds only when there are some)."""
    local = _local(moment, "moment")
    if local.time() == time(0):
        return f"{(local.date() - timedelta(days=1)).isoformat()} 24:00"
    if local.second or local.microsecond:
        return local.strftime("%Y-%m-%d %H:%M:%S")
    return local.strftime("%Y-%m-%d %H:%M")


def _local(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be an aware datetime, got naive {moment!r}")
    return moment.astimezone(LEGAL_TZ)


def _day(day: date) -> str:
    return f"{day.isoformat()}（{WEEKDAY_NAMES[day.weekday()]}）"


def _day_range(first: date, last: date) -> str:
    if first == last:
        return _day(first)
    return f"{_day(first)}至{_day(last)}"


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days}日"] if days else []
    if hours:
        parts.append(f"{hours}小时")
    if minutes or not parts:
        parts.append(f"{minutes}分钟")
    return "".join(parts)


def _add_months(day: date, months: int) -> tuple[date, str]:
    """The last day of a period of `months` months starting on `day`, and which case of the rule applied.

    最高法刑诉解释 Art. 202: 「自本月某日至下月同日为一个月；期限起算日为本月最后一日的，至下月最后一日为
    一个月；下月同日不存在的，自本月某日至下月最后一日为一个月」.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    target_last = monthrange(year, month)[1]
    if day.day == monthrange(day.year, day.month)[1]:
        return date(year, month, target_last), "month_end"
    if day.day > target_last:
        return date(year, month, target_last), "no_corresponding_day"
    return date(year, month, day.day), "corresponding_day"


def _add_years(day: date, years: int) -> tuple[date, str]:
    """民法典 Art. 202: the corresponding day of the year `years` later, or the month's last day (29 Feb)."""
    year = day.year + years
    target_last = monthrange(year, day.month)[1]
    if day.day > target_last:
        return date(year, day.month, target_last), "no_corresponding_day"
    return date(year, day.month, day.day), "corresponding_day"


# --- the computation ------------------------------------------------------------------------------


class _Work:
    """The state of one computation: the running end, the explanation lines, what the calendar lacked."""

    def __init__(self, calendar: Calendar):
        self.calendar = calendar
        self.lines: list[str] = []
        self.warnings: list[str] = []
        self.unknown_years: set[int] = set()
        # The running end: a last day (day-based units; due at its 24:00) or an exact moment (hours).
        self.last_day: date | None = None
        self.moment: datetime | None = None
        # The limit's own unit: pauses on a working-day limit are counted in working days.
        self.unit_is_working_days = False

    @property
    def due(self) -> datetime:
        if self.last_day is not None:
            return end_of_day(self.last_day)
        assert self.moment is not None
        return self.moment

    def reference_day(self) -> date:
        """The day a following period counts from (its first day is the day after this one)."""
        if self.last_day is not None:
            return self.last_day
        return _local(self.due, "due").date()

    def is_workday(self, day: date) -> bool:
        """The calendar's answer; for an unknown year, Mon–Fri — remembered, so the result is marked
        provisional and a warning is shown."""
        try:
            return self.calendar.is_workday(day)
        except UnknownCalendarYear as unknown:
            self.unknown_years.add(unknown.year)
            return day.weekday() < 5

    def known_rest_day(self, day: date) -> bool | None:
        """Whether `day` is a rest day, or None if its year is unknown (for remarks that need no guess)."""
        try:
            return self.calendar.is_rest_day(day)
        except UnknownCalendarYear:
            return None

    def describe_skipped(self, days: list[date]) -> str:
        """Consecutive runs of skipped days, each with what they are: "2026-10-01（周四）至…（国庆节）"."""
        runs: list[list[date]] = []
        for day in days:
            if runs and runs[-1][-1] + timedelta(days=1) == day:
                runs[-1].append(day)
            else:
                runs.append([day])
        parts = []
        for run in runs:
            kinds: list[str] = []
            for day in run:
                if day.year not in self.calendar.known_years:
                    kind = f"{day.year}年安排未录入，暂按周末"
                elif self.calendar.name_of(day) and day not in self.calendar.make_up_workdays:
                    kind = f"{self.calendar.name_of(day)}放假"
                elif day in self.calendar.make_up_workdays:
                    kind = f"{self.calendar.name_of(day)}调休上班日，按设置不计".lstrip()
                elif day.weekday() >= 5:
                    kind = "周末"
                else:
                    kind = "放假调休"
                if kind not in kinds:
                    kinds.append(kind)
            parts.append(f"{_day_range(run[0], run[-1])}（{'、'.join(kinds)}）")
        return "、".join(parts)

    def count_working_days(self, after: date, amount: int) -> tuple[date, list[date], list[date]]:
        """The `amount`-th working day after `after`; the days skipped and the make-up days counted."""
        day, counted = after, 0
        skipped: list[date] = []
        make_up: list[date] = []
        while counted < amount:
            day += timedelta(days=1)
            if self.is_workday(day):
                counted += 1
                if day.weekday() >= 5:
                    make_up.append(day)
            else:
                skipped.append(day)
        return day, skipped, make_up

    def working_day_lines(self, skipped: list[date], make_up: list[date]) -> None:
        if skipped:
            self.lines.append(f"跳过的非工作日：{self.describe_skipped(skipped)}")
        if make_up:
            names = "、".join(f"{_day(d)}{self.calendar.name_of(d)}调休上班" for d in make_up)
            self.lines.append(f"计入的调休上班日：{names}")
        excluded = [d for d in skipped if d in self.calendar.make_up_workdays]
        if excluded:
            self.lines.append(
                "调休上班的周末按本平台设置不算工作日（法律未明确，见 docs/periods.md）："
                + "、".join(_day(d) for d in excluded)
            )

    # One period (the limit itself or an extension) counted from the running end.

    def run_period(self, amount: int, unit: PeriodUnit) -> None:
        if unit is PeriodUnit.HOURS:
            start = self.due
            self.moment = start + timedelta(hours=amount)
            self.last_day = None
            self.lines.append(
                f"按小时计算：自{format_moment(start)}起连续计算{amount}小时（{CITE_HOURS}），"
                f"至{format_moment(self.moment)}"
            )
            return
        after = self.reference_day()
        self.moment = None
        if unit is PeriodUnit.DAYS:
            self.last_day = after + timedelta(days=amount)
            self.lines.append(
                f"按日计算：{_day(after)}当日不计入（{CITE_START_NOT_COUNTED}），"
                f"自{_day(after + timedelta(days=1))}起算第1日，第{amount}日为{_day(self.last_day)}"
            )
        elif unit is PeriodUnit.WORKING_DAYS:
            self.last_day, skipped, make_up = self.count_working_days(after, amount)
            self.lines.append(
                f"按工作日计算（{CITE_WORKING_DAYS}）：{_day(after)}当日不计入，"
                f"自次日起只数工作日，第{amount}个工作日为{_day(self.last_day)}"
            )
            self.working_day_lines(skipped, make_up)
        elif unit is PeriodUnit.MONTHS:
            self.last_day, case = _add_months(after, amount)
            how = {
                "corresponding_day": f"{amount}个月后的对应日为{_day(self.last_day)}",
                "month_end": f"起算日为当月最后一日，{amount}个月后至该月最后一日{_day(self.last_day)}",
                "no_corresponding_day": f"{amount}个月后的月份没有{after.day}日，以该月最后一日"
                f"{_day(self.last_day)}为期间的最后一日",
            }[case]
            self.lines.append(f"按月计算（{CITE_MONTHS}）：自{_day(after)}起，{how}")
        else:
            self.last_day, case = _add_years(after, amount)
            how = {
                "corresponding_day": f"{amount}年后的对应日为{_day(self.last_day)}",
                "no_corresponding_day": f"{amount}年后的该月没有{after.day}日，以月末{_day(self.last_day)}"
                "为期间的最后一日",
            }[case]
            self.lines.append(f"按年计算（{CITE_YEARS}）：自{_day(after)}起，{how}")


def compute_deadline(
    *,
    start: datetime,
    amount: int,
    unit: PeriodUnit,
    calendar: Calendar,
    holiday_rollover: bool,
    in_custody: bool = False,
    pauses: Sequence[Pause] = (),
    extensions: Sequence[Extension] = (),
    as_of: datetime | None = None,
) -> Deadline:
    """The deadline of a legal period of `amount` `unit`s starting at `start`, with its explanation.

    Order of the steps: the limit itself, then the extensions (in order of approval), then the pauses,
    then the last-day rollover — so the rollover looks at the final last day only.

    * **Hours** run from the exact recorded moment (民法典 Art. 201 ¶2), continuously: holidays never
      change an hour limit, because the last-day rule speaks of a last *day* (and hour limits are almost
      all on liberty: 传唤, 询问查证, 继续盘问).
    * **Days** — day 1 is the calendar day after the start day in Asia/Shanghai (刑事诉讼法 Art. 105 ¶2;
      行政案件程序规定 Art. 35); due at 24:00 of the last day (民法典 Art. 203 ¶2).
    * **Working days** — only working days after the start day count (`Calendar.is_workday`).
    * **Months / years** — see `_add_months` / `_add_years`.
    * **Rollover** — only when `holiday_rollover` and not `in_custody`: a last day that is a rest day
      (`Calendar.is_rest_day`) moves to the first following day that is not (「以节假日后的第一日为期满
      日期」, 刑事诉讼法 Art. 105 ¶4). For a person in custody or whose liberty is restricted the limit
      ends on its last day regardless (same clause; 行政案件程序规定 Art. 35), and the explanation says so.
    * **Extensions** — each adds its amount, in its own unit, counted from the running end as a new
      period (30 days + 30 days; 2 months + 1 month from the month-end rule's last day). One approved
      after the end it extends is kept, with a warning.
    * **Pauses** (excluded periods; 治安管理处罚法 v2026 Art. 118 ¶2 for 鉴定 and 听证) stop the clock.
      Overlapping pauses are merged; only the part after `start` counts; a pause that begins after the
      running end changes nothing. For an hour limit the exact paused duration is added. For day-based
      limits the pause is counted like a period itself — its first day not counted, its last day
      counted — so `end date − start date` days are added (a pause within one day adds none; a 鉴定 from
      03-05 to 03-12 adds 7 days); for a working-day limit, the working days among those days are added
      as working days. While a pause is open `due` is None ("计时暂停中").
    * **Unknown calendar years** — where a working day or a rest day is needed in a year the calendar
      does not know, only Saturdays and Sundays are taken as rest days, a warning names the year, and
      the deadline is marked provisional. A custody limit never needs the calendar, so it never warns.
    * **as_of** — the deadline as it stood at that moment: extensions approved and pauses begun after it
      are left out, and a pause that ended after it is still open.
    """
    unit = PeriodUnit(unit)
    if amount < 0:
        raise ValueError(f"amount must not be negative, got {amount}")
    local_start = _local(start, "start")
    local_as_of = _local(as_of, "as_of") if as_of is not None else None

    work = _Work(calendar)
    work.unit_is_working_days = unit is PeriodUnit.WORKING_DAYS
    work.lines.append(f"起算时间：{format_moment(local_start)}（北京时间）")
    work.lines.append(f"期限：{unit.amount(amount)}（计算单位：{unit.label}）")
    if unit is PeriodUnit.HOURS:
        work.moment = local_start
    else:
        work.last_day = local_start.date()
    work.run_period(amount, unit)
    if unit is not PeriodUnit.HOURS:
        work.lines.append(f"期间的最后一日截止到二十四时（{CITE_MIDNIGHT}）")

    _apply_extensions(work, extensions, local_as_of)
    open_pause = _apply_pauses(work, start=local_start, pauses=pauses, as_of=local_as_of)
    if open_pause is None:
        _apply_rollover(work, holiday_rollover=holiday_rollover, in_custody=in_custody)

    provisional = bool(work.unknown_years)
    for year in sorted(work.unknown_years):
        message = (
            f"{year}年的节假日安排尚未录入，工作日无法确定：暂按仅周六、周日休息计算，期满时间为临时结果；"
            f"请管理员按国务院办公厅{year}年节假日安排通知录入（lawtrail calendar add-year {year}）"
        )
        work.warnings.append(message)
        work.lines.append(f"注意：{message}")

    if open_pause is not None:
        work.lines.append("期满：计时暂停中，恢复计时后重新计算")
        return Deadline(None, tuple(work.lines), tuple(work.warnings), provisional)
    label = "期满（临时）" if provisional else "期满"
    work.lines.append(f"{label}：{format_moment(work.due)}")
    return Deadline(work.due, tuple(work.lines), tuple(work.warnings), provisional)


def _apply_extensions(work: _Work, extensions: Sequence[Extension], as_of: datetime | None) -> None:
    for extension in sorted(extensions, key=lambda e: _local(e.at, "extension.at")):
        approved = _local(extension.at, "extension.at")
        if extension.amount < 0:
            raise ValueError(f"extension amount must not be negative, got {extension.amount}")
        if as_of is not None and approved > as_of:
            work.lines.append(
                f"延长（{extension.reason}）于{format_moment(approved)}批准，晚于计算时点"
                f"{format_moment(as_of)}，未计入"
            )
            continue
        before = work.due
        if approved > before:
            warning = f"延长（{extension.reason}）于{format_moment(approved)}批准，晚于原期满{format_moment(before)}"
            work.warnings.append(warning)
        work.lines.append(
            f"延长：{format_moment(approved)}批准延长{PeriodUnit(extension.unit).amount(extension.amount)}"
            f"（{extension.reason}），自原期满{format_moment(before)}起续算"
        )
        work.run_period(extension.amount, PeriodUnit(extension.unit))
        work.lines.append(f"延长后期满：{format_moment(work.due)}")


def _merge_pauses(
    pauses: Sequence[Pause], start: datetime, as_of: datetime | None
) -> list[tuple[datetime, datetime | None, list[str]]]:
    """Pauses clipped to the period (after `start`, begun by `as_of`) and merged where they overlap."""
    clipped: list[tuple[datetime, datetime | None, str]] = []
    for pause in pauses:
        begin = _local(pause.start, "pause.start")
        end = _local(pause.end, "pause.end") if pause.end is not None else None
        if end is not None and end < begin:
            raise ValueError(f"pause ends before it starts: {pause!r}")
        if as_of is not None and begin > as_of:
            continue
        if as_of is not None and end is not None and end > as_of:
            end = None
        if end is not None and end <= start:
            continue
        clipped.append((max(begin, start), end, pause.reason))
    clipped.sort(key=lambda p: p[0])
    merged: list[tuple[datetime, datetime | None, list[str]]] = []
    for begin, end, reason in clipped:
        if merged:
            last_begin, last_end, reasons = merged[-1]
            if last_end is None or begin <= last_end:
                new_end = None if last_end is None or end is None else max(last_end, end)
                merged[-1] = (last_begin, new_end, [*reasons, reason])
                continue
        merged.append((begin, end, [reason]))
    return merged


def _apply_pauses(
    work: _Work, *, start: datetime, pauses: Sequence[Pause], as_of: datetime | None
) -> tuple[datetime, list[str]] | None:
    """Shift the running end by each pause; return the open pause (begin, reasons) if the clock is stopped."""
    merged = _merge_pauses(pauses, start, as_of)
    if merged:
        work.lines.append(f"依法不计入期限的期间（{CITE_PAUSE}）：暂停期间停止计时")
    for begin, end, reasons in merged:
        reason = "、".join(reasons)
        if begin >= work.due:
            work.lines.append(
                f"暂停（{reason}）自{format_moment(begin)}开始，晚于期满{format_moment(work.due)}，不影响期限"
            )
            continue
        if end is None:
            if work.last_day is None:
                remaining = _duration(work.due - begin)
            elif work.unit_is_working_days:
                left = [d for d in _days_after(begin.date(), work.last_day) if work.is_workday(d)]
                remaining = f"{len(left)}个工作日（暂停开始当日不计）"
            else:
                remaining = f"{(work.last_day - begin.date()).days}日（暂停开始当日不计）"
            work.lines.append(
                f"计时暂停中：自{format_moment(begin)}起暂停（{reason}），尚未恢复；暂停时剩余{remaining}"
            )
            return begin, reasons
        if work.last_day is None:
            work.moment = work.due + (end - begin)
            work.lines.append(
                f"暂停：{format_moment(begin)}至{format_moment(end)}（{reason}），共{_duration(end - begin)}，"
                f"期满顺延至{format_moment(work.moment)}"
            )
            continue
        first, last = begin.date(), end.date()
        if work.unit_is_working_days:
            paused = [d for d in _days_after(first, last) if work.is_workday(d)]
            new_last, skipped, make_up = work.count_working_days(work.last_day, len(paused))
            work.lines.append(
                f"暂停：{format_moment(begin)}至{format_moment(end)}（{reason}），期间含{len(paused)}个工作日"
                f"（暂停开始当日不计、恢复当日计入），最后一日顺延{len(paused)}个工作日至{_day(new_last)}"
            )
            work.working_day_lines(skipped, make_up)
        else:
            days = (last - first).days
            new_last = work.last_day + timedelta(days=days)
            work.lines.append(
                f"暂停：{format_moment(begin)}至{format_moment(end)}（{reason}），按日计为{days}日"
                f"（暂停开始当日不计、恢复当日计入），最后一日顺延至{_day(new_last)}"
            )
        work.last_day = new_last
    return None


def _days_after(first: date, last: date) -> list[date]:
    """The days after `first` up to and including `last`."""
    return [first + timedelta(days=n) for n in range(1, (last - first).days + 1)]


def _apply_rollover(work: _Work, *, holiday_rollover: bool, in_custody: bool) -> None:
    """The last-day rule (刑事诉讼法 Art. 105 ¶4; 行政案件程序规定 Art. 35; 民事诉讼法 Art. 85 ¶3)."""
    if work.last_day is None:
        assert work.moment is not None
        remark = ""
        if in_custody:
            rest = work.known_rest_day(_local(work.moment, "due").date())
            if rest:
                remark = f"；期满时刻所在的{_day(_local(work.moment, 'due').date())}为节假日，不顺延"
            work.lines.append(f"限制人身自由的期间，不得因节假日而延长（{CITE_CUSTODY}）{remark}")
        else:
            work.lines.append("按小时计算的期间连续计算，节假日不影响期满时刻")
        return
    last = work.last_day
    if in_custody:
        rest = work.known_rest_day(last)
        remark = f"期满日{_day(last)}为节假日{_holiday(work, last)}，但" if rest else ""
        work.lines.append(
            f"{remark}犯罪嫌疑人、被告人在押或者违法行为人被限制人身自由的期间，应当至期满之日为止，"
            f"不得因节假日而延长（{CITE_CUSTODY}）"
        )
        return
    if not holiday_rollover:
        rest = work.known_rest_day(last)
        remark = f"期满日{_day(last)}为节假日{_holiday(work, last)}，" if rest else ""
        work.lines.append(f"{remark}适用的规定没有节假日顺延，期满日不顺延")
        return
    if work.is_workday(last):
        work.lines.append(f"期满日{_day(last)}不是节假日，无需顺延（{CITE_ROLLOVER}）")
        return
    holidays = []
    day = last
    while not work.is_workday(day):
        holidays.append(day)
        day += timedelta(days=1)
    work.lines.append(
        f"期间的最后一日{_day(last)}为节假日（节假日：{work.describe_skipped(holidays)}），"
        f"以节假日后的第一日{_day(day)}为期满日期（{CITE_ROLLOVER}）"
    )
    work.last_day = day


def _holiday(work: _Work, day: date) -> str:
    name = work.calendar.name_of(day)
    return f"（{name}）" if name and day not in work.calendar.make_up_workdays else ""
