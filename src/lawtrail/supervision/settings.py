"""The points the legal rule catalogue leaves unsettled or provincial, as settings.

Each setting's default is the catalogue's recommendation (shared/law/rules.md, "Open questions", or the
row it concerns); a bureau changes a value after confirming the point with its provincial 公安厅 or the
legal affairs brigade. The rules refer to settings by name (`{setting: NAME}` in a condition, a limit's
`amount_setting` / `unit_setting`, a rule's `gate` or `advisory_setting`), and the catalogue refuses a
name that is not declared here.

Values come from the defaults, then the Django setting `SUPERVISION_RULES` (a dict of name → value), then
the arguments of `SupervisionSettings.replace()` (examples and tests). `count_make_up_saturdays` also
honours `SUPERVISION_COUNT_MAKE_UP_SATURDAYS`, which the calendar already reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

SettingKind = Literal["bool", "int", "choice", "codes"]


@dataclass(frozen=True)
class SettingSpec:
    name: str
    kind: SettingKind
    default: Any
    title: str  # Chinese, as an administrator sees it
    source: str  # where the catalogue raises the point
    why: str  # the default and why it is the catalogue's recommendation
    choices: tuple[str, ...] = ()

    def check(self, value: Any) -> Any:
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ValueError(f"setting {self.name}: yes/no expected, got {value!r}")
        elif self.kind == "int":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"setting {self.name}: a whole number ≥ 0 expected, got {value!r}")
        elif self.kind == "choice":
            if value not in self.choices:
                raise ValueError(
                    f"setting {self.name}: one of {', '.join(self.choices)} expected, got {value!r}"
                )
        else:
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"setting {self.name}: a list of codes expected, got {value!r}")
            value = tuple(sorted(set(value)))
        return value


# Crimes of 刑法 Chapter 3 (破坏社会主义市场经济秩序罪) in lawtrail's offence catalogue, and 职务侵占
# (Art. 271), which the 经侦 departments handle: what "经济犯罪" means for intake.econ_crime_* (an
# interpretation: the 若干规定's own scope article was not read).
ECONOMIC_CRIMES = (
    "cr.contract_fraud",
    "cr.counterfeit_drugs",
    "cr.credit_card_fraud",
    "cr.credit_card_obstruction",
    "cr.employee_embezzlement",
    "cr.fundraising_fraud",
    "cr.illegal_business",
    "cr.illegal_deposit_taking",
    "cr.pyramid_scheme",
)

SETTINGS: dict[str, SettingSpec] = {
    spec.name: spec
    for spec in (
        SettingSpec(
            "law_transition_policy",
            "choice",
            "manual_review",
            "治安管理处罚法新旧版本交替时跨越2026-01-01的期间如何处理",
            "rules.md Open questions 1",
            "The statute does not say how procedural limits apply to cases pending on 2026-01-01. The catalogue "
            "recommends keying each check on the date of the procedural act and routing straddling cases to "
            "manual review (manual_review). act_date applies the version in force on the date of the act that "
            "started the period, throughout.",
            ("manual_review", "act_date"),
        ),
        SettingSpec(
            "count_make_up_saturdays",
            "bool",
            True,
            "调休上班的周末是否算工作日",
            "rules.md §1.2 and Open questions 4",
            "The recommended working-day predicate counts declared 调休上班 days as working days; no statutory "
            "text settles it.",
        ),
        SettingSpec(
            "ps_short_period_unit",
            "choice",
            "days",
            "治安管理处罚法中“二日”期间（送达决定书、上交罚款、送达被侵害人）的计算单位",
            "rules.md Open questions 3",
            "The 治安管理处罚法 has no working-day clause, so the catalogue counts its 二日 in calendar days (with "
            "the last-day rollover); whether 行政处罚法 Art. 85 reaches them through v2026 Art. 4 is unresolved.",
            ("days", "working_days"),
        ),
        SettingSpec(
            "police_seven_day_delivery_unit",
            "choice",
            "working_days",
            "非治安行政处罚决定书“七日内”送达的计算单位",
            "rules.md Open questions 3",
            "The catalogue treats the 行政案件程序规定 Art. 36 七日 for non-治安 decisions as 7 working days under "
            "行政处罚法 Arts. 61 and 85.",
            ("working_days", "days"),
        ),
        SettingSpec(
            "publish_ps_decisions",
            "bool",
            False,
            "2026-01-01起是否公开治安管理处罚决定",
            "rules.md Open questions 8; ps.record_sealing.v2026",
            "v2026 Art. 136 seals 治安 records; the catalogue recommends disabling publication of 治安 decisions "
            "from 2026-01-01 by default, pending confirmation.",
        ),
        SettingSpec(
            "legal_review_detention",
            "bool",
            True,
            "行政拘留决定是否一律需要法制审核",
            "rv.police_major_penalty_thresholds (UNVERIFIED); Open questions 13",
            "No national police list of major decisions was found; in practice 行政拘留 is within the review "
            "scope. Confirm against the provincial list.",
        ),
        SettingSpec(
            "legal_review_fine_yuan",
            "int",
            2000,
            "罚款达到多少元需要法制审核（个人；非治安，及2026年前的治安案件）",
            "rv.police_major_penalty_thresholds (UNVERIFIED); Open questions 13",
            "The catalogue's belief: the hearing threshold for individuals (行政案件程序规定 Art. 123: 2000 元) "
            "often defines the review scope.",
        ),
        SettingSpec(
            "legal_review_fine_yuan_ps_v2026",
            "int",
            4000,
            "治安案件（2026-01-01起）罚款达到多少元需要法制审核",
            "rv.police_major_penalty_thresholds (UNVERIFIED); Open questions 13",
            "The catalogue's belief: the v2026 hearing threshold (Art. 117: 4000 元) defines the review scope.",
        ),
        SettingSpec(
            "hearing_ten_day_advisory",
            "bool",
            True,
            "“收到听证申请后十日内举行听证”只作预警、不记为超期",
            "rules.md Open questions 5",
            "行政案件程序规定 Art. 137 (10 days) and 行政处罚法 Art. 64 (7 working days' notice) cannot always "
            "both be met; the catalogue suggests the notice as a hard rule and the 10-day target as a warning.",
        ),
        SettingSpec(
            "mediation_restarts_v2026_clock",
            "bool",
            False,
            "2026-01-01起调解不成的治安案件是否自调解不成之日重新计算办案期限",
            "rules.md Open questions 6; pa.mediation_clock",
            "v2026 Art. 118 counts from 立案; the older 行政案件程序规定 Art. 185 restarts the clock when "
            "mediation fails. The law prevails (立法法 Art. 99), so by default it does not restart.",
        ),
        SettingSpec(
            "immediate_limit_hours",
            "int",
            24,
            "“立即”“及时”“当场”类要求按多少小时检查",
            "rules rows whose unit is immediate (立即 / 及时 / 当场)",
            "The law gives no number for 立即 or 及时; lawtrail checks such steps after this many hours and says "
            "so in the explanation. 24 h matches the shortest explicit limits around them (24 h for 拘留通知).",
        ),
        SettingSpec(
            "body_camera_link_hours",
            "int",
            48,
            "出警后多少小时内应关联执法记录仪视频",
            "rec.field_av_upload (UNVERIFIED); Open questions 10",
            "The catalogue believes recordings are copied by the end of the duty day, or within 24 h after "
            "return; a 24-hour duty day plus 24 h gives 48 h.",
        ),
        SettingSpec(
            "duty_review_days",
            "int",
            1,
            "值班领导审核警情的期限（自接警之日起若干日，首日不计，至末日24时）",
            "巴中市公安局巴州区分局2023年度法治政府建设情况的报告（shared/seeds/004）：「由每日值班领导负责，对当天"
            "辖区内发生的警情进行全量全程跟踪监督，对检查发现的问题及时进行整改，做到日清日结」",
            "A bureau rule, not a law: each day's incidents are reviewed by that day's duty leader (日清日结). A "
            "duty day runs into the next morning, when the leader hands over, so by default an incident is due "
            "for review by 24:00 of the day after it was received (1 day, the first day not counted).",
        ),
        SettingSpec(
            "decision_entry_working_days",
            "int",
            1,
            "行政案件处理决定作出后录入执法办案信息系统的期限（工作日）",
            "梧州市公安局2021年度法治政府建设情况的报告（shared/seeds/000）：行政处罚决定「在一个工作日内……完成公示」、"
            "「执法行为过程信息全程记载」；公安机关办理行政案件程序规定第263条第2款「录入执法办案信息系统，并进行网上"
            "审核审批」",
            "No national text gives a number: the 程序规定 requires decisions to be entered in the case system, "
            "and the bureau of the source report publishes every penalty decision within one working day, which "
            "it cannot do before the decision is entered. So by default a decision entered more than one working "
            "day after it was made is a late entry (补录超期).",
        ),
        SettingSpec(
            "unverified_rules_enabled",
            "codes",
            (),
            "已核实、启用的“未经核实”规则",
            "rules.md, How to read this catalogue: UNVERIFIED",
            "UNVERIFIED rows must not be hard-coded: they run only once a bureau has confirmed them and listed "
            "their ids here. Empty by default.",
        ),
        SettingSpec(
            "economic_crime_offences",
            "codes",
            ECONOMIC_CRIMES,
            "适用经济犯罪立案审查期限（7日/30日/再30日）的案由",
            "rules.md Open questions 16; intake.econ_crime_filing_review",
            "The 经济犯罪 若干规定 prevails over the general 3/7/30-day filing review for 经济犯罪 leads; which "
            "charges are 经济犯罪 is lawtrail's reading (刑法 Chapter 3 and 职务侵占).",
        ),
        SettingSpec(
            "mandatory_recording_offences",
            "codes",
            ("cr.homicide",),
            "讯问一律同步录音录像的案由（其他案件依案件“重大犯罪”标记）",
            "rules.md Open questions 12; rec.interrogation_av_mandatory_cpl",
            "CPL Art. 123 turns on the likely sentence, which depends on the facts; only charges whose lowest "
            "bracket already includes life imprisonment or death are mandatory by charge. Other cases are "
            "flagged by the case attribute major_crime.",
        ),
    )
}


@dataclass(frozen=True)
class SupervisionSettings:
    """The values in effect; read them as attributes (`settings.immediate_limit_hours`) or by name."""

    values: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def defaults(cls) -> SupervisionSettings:
        return cls(MappingProxyType({name: spec.check(spec.default) for name, spec in SETTINGS.items()}))

    def replace(self, **changes: Any) -> SupervisionSettings:
        values = dict(self.values) if self.values else dict(SupervisionSettings.defaults().values)
        for name, value in changes.items():
            if name not in SETTINGS:
                raise KeyError(f"no supervision setting named {name}")
            values[name] = SETTINGS[name].check(value)
        return SupervisionSettings(MappingProxyType(values))

    def get(self, name: str) -> Any:
        if name not in SETTINGS:
            raise KeyError(f"no supervision setting named {name}")
        if name in self.values:
            return self.values[name]
        return SETTINGS[name].check(SETTINGS[name].default)

    def __getattr__(self, name: str) -> Any:
        if name in SETTINGS:
            return self.get(name)
        raise AttributeError(name)

    def changed(self) -> dict[str, Any]:
        """The values that differ from the defaults (for explanations and the command's output)."""
        return {n: v for n, v in self.values.items() if v != SETTINGS[n].check(SETTINGS[n].default)}


def load_settings() -> SupervisionSettings:
    """The settings of this installation: defaults, then the Django settings `SUPERVISION_RULES` and
    `SUPERVISION_COUNT_MAKE_UP_SATURDAYS`."""
    from django.conf import settings as django_settings

    overrides = dict(getattr(django_settings, "SUPERVISION_RULES", {}) or {})
    count = getattr(django_settings, "SUPERVISION_COUNT_MAKE_UP_SATURDAYS", None)
    if count is not None:
        overrides.setdefault("count_make_up_saturdays", count)
    return SupervisionSettings.defaults().replace(**overrides)
