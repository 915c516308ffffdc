"""The default policy set and discretion benchmarks a bureau starts from (`lawtrail approvals_seed`).

Policies: 行政案件程序规定 第170条 (every administrative case is reviewed, then approved), 第173条
(行政拘留 decided at county level or above), 治安管理处罚法 (传唤 approved by the head of the handling
department), 刑事诉讼法 / 公安刑事规定 (刑事拘留、取保候审、监视居住、提请批准逮捕 approved by the head of
the county-level bureau), 行政处罚法 第57条 ¶2 and 第58条 (collective discussion and legal review of major
decisions). The thresholds that decide what is "major" are supervision settings (rules.md Open
questions 13). Time limits per step are this bureau's working targets, not law: an administrator changes
them in the pages.

Benchmarks: the penalty tiers of 治安管理处罚法 (2025年修订, from 2026-01-01) in law/offences.md; a bureau
narrows them with its own 裁量基准 and names the document as the source.
"""

from __future__ import annotations

from lawtrail.org.choices import Role

from ..choices import ActKind, Circumstance, StepKind, StepScope


def _s(title: str, role: str, scope: str, hours: int, kind: str = StepKind.APPROVAL) -> dict:
    return {"title": title, "role": role, "scope": scope, "hours": hours, "kind": kind}


HEAD = _s("办案部门负责人审核", Role.UNIT_HEAD, StepScope.CASE_UNIT, 24)
HEAD_URGENT = _s("办案部门负责人审批", Role.UNIT_HEAD, StepScope.CASE_UNIT, 2)
LEGAL = _s("法制审核", Role.LEGAL_OFFICER, StepScope.BUREAU, 72, StepKind.LEGAL_REVIEW)
LEADER = _s("局领导审批", Role.BUREAU_LEADER, StepScope.BUREAU, 24)
COLLECTIVE = _s("局领导集体讨论", Role.BUREAU_LEADER, StepScope.BUREAU, 72, StepKind.COLLECTIVE)

DEFAULT_POLICIES: dict[str, list[dict]] = {
    ActKind.PENALTY_DECISION: [HEAD, LEGAL, LEADER],
    ActKind.ADMIN_DETENTION: [HEAD, LEGAL, LEADER],
    ActKind.MAJOR_FINE: [HEAD, LEGAL, LEADER],
    ActKind.LICENCE_REVOCATION: [HEAD, LEGAL, COLLECTIVE],
    ActKind.BUSINESS_SUSPENSION: [HEAD, LEGAL, COLLECTIVE],
    ActKind.SUMMONS: [HEAD_URGENT],
    ActKind.FORCED_SUMMONS: [HEAD_URGENT],
    ActKind.SEIZURE: [_s("办案部门负责人审批", Role.UNIT_HEAD, StepScope.CASE_UNIT, 24)],
    ActKind.BAIL: [HEAD, LEADER],
    ActKind.RSL: [HEAD, LEADER],
    ActKind.CRIMINAL_DETENTION: [
        _s("办案部门负责人审核", Role.UNIT_HEAD, StepScope.CASE_UNIT, 12),
        _s("局领导审批", Role.BUREAU_LEADER, StepScope.BUREAU, 12),
    ],
    ActKind.ARREST_REQUEST: [
        HEAD,
        _s("法制审核", Role.LEGAL_OFFICER, StepScope.BUREAU, 24, StepKind.LEGAL_REVIEW),
        LEADER,
    ],
    ActKind.EXTENSION: [HEAD, LEADER],
    ActKind.CASE_WITHDRAWAL: [HEAD, LEGAL, LEADER],
    ActKind.NON_FILING: [HEAD, LEADER],
}

LIGHT = Circumstance.LIGHTER
ORD = Circumstance.ORDINARY
SER = Circumstance.SERIOUS

# (offence, circumstance, detention min, max, fine min, max, factors, source)
DEFAULT_BENCHMARKS: list[tuple[str, str, int, int, int, int, str, str]] = [
    (
        "ps.assault",
        LIGHT,
        0,
        5,
        0,
        1000,
        "情节较轻：初犯、偶犯，伤害轻微，取得被侵害人谅解",
        "治安管理处罚法（2025年修订）第51条第1款",
    ),
    ("ps.assault", ORD, 5, 10, 500, 1000, "一般情形", "治安管理处罚法（2025年修订）第51条第1款"),
    (
        "ps.assault",
        SER,
        10,
        15,
        1000,
        2000,
        "从重：结伙殴打；殴打残疾人、孕妇、不满十四周岁的人或者七十周岁以上的人；多次殴打或者一次殴打多人",
        "治安管理处罚法（2025年修订）第51条第2款",
    ),
    (
        "ps.theft",
        ORD,
        0,
        10,
        0,
        2000,
        "一般情形：拘留五至十日或者罚款二千元以下",
        "治安管理处罚法（2025年修订）第58条",
    ),
    (
        "ps.theft",
        SER,
        10,
        15,
        0,
        3000,
        "情节较重：多次盗窃、盗窃救灾等特定款物",
        "治安管理处罚法（2025年修订）第58条",
    ),
    ("ps.gambling", ORD, 0, 5, 0, 1000, "参与赌博赌资较大", "治安管理处罚法（2025年修订）第82条"),
    (
        "ps.gambling",
        SER,
        10,
        15,
        1000,
        5000,
        "情节严重：赌资数额巨大、多次参赌、聚众赌博",
        "治安管理处罚法（2025年修订）第82条",
    ),
    (
        "ps.drug_use",
        LIGHT,
        0,
        5,
        0,
        1000,
        "情节较轻：初次吸毒、主动交代",
        "治安管理处罚法（2025年修订）第84条第1款",
    ),
    ("ps.drug_use", ORD, 10, 15, 0, 3000, "一般情形", "治安管理处罚法（2025年修订）第84条第1款"),
]
