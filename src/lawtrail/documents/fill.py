"""The first draft of a document's fields, filled from the case (documents.md §6 "source": CASE, PARTY,
DEC, ORG, USER). The officer edits them in the draft; what is issued is what the draft says."""

from __future__ import annotations

import re
from typing import Any

from lawtrail.cases.models import Case, Party
from lawtrail.common.clock import local, now

from .dates import date_arabic, moment_text
from .kinds import DocKind
from .numbering import settings_for

GENDER = {"male": "男", "female": "女"}
NATIONAL_LAWS = ("治安管理处罚法", "刑法", "刑事诉讼法", "行政处罚法", "枪支管理法", "道路交通安全法")
DEFAULT_BASIS = {
    "summons": {
        "admin": "《中华人民共和国治安管理处罚法》第九十六条",
        "criminal": "《中华人民共和国刑事诉讼法》第一百一十九条",
    },
    "detention_notice": {"criminal": "《中华人民共和国刑事诉讼法》第八十二条、第八十五条"},
    "seizure_decision": {"criminal": "《中华人民共和国刑事诉讼法》第一百四十一条"},
    "filing_decision": {"criminal": "《中华人民共和国刑事诉讼法》第一百一十二条"},
    "bail_decision": {"criminal": "《中华人民共和国刑事诉讼法》第六十七条"},
    "detention_warrant": {"criminal": "《中华人民共和国刑事诉讼法》第八十二条"},
    "surveillance_decision": {"criminal": "《中华人民共和国刑事诉讼法》第七十四条"},
    "no_filing_notice": {"criminal": "《中华人民共和国刑事诉讼法》第一百一十二条"},
}


def cn_integer(n: int) -> str:
    """An article number as laws write it: 43 → 四十三, 105 → 一百零五, 110 → 一百一十."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    units = [(1000, "千"), (100, "百"), (10, "十")]
    text, zero = "", False
    for size, name in units:
        q, n = divmod(n, size)
        if q:
            if zero:
                text += "零"
            text += digits[q] + name
            zero = False
        elif text:
            zero = True
    if n:
        text += ("零" if zero else "") + digits[n]
    return text


def _law(text: str) -> str:
    """《治安管理处罚法》第43条第1款 → 《中华人民共和国治安管理处罚法》第四十三条第一款."""
    for law in NATIONAL_LAWS:
        text = text.replace(f"《{law}》", f"《中华人民共和国{law}》")
    return re.sub(r"第(\d+)(条|款)", lambda m: f"第{cn_integer(int(m.group(1)))}{m.group(2)}", text)


def penalty_text(decision: dict[str, Any]) -> str:
    """对…行政拘留十日，并处罚款五百元 — from the case decision's penalty (case.decided payload)."""
    p = (decision or {}).get("penalty") or {}
    parts = []
    if p.get("warning"):
        parts.append("警告")
    if p.get("detention_days"):
        parts.append(f"行政拘留{p['detention_days']}日")
    if p.get("fine_yuan"):
        parts.append(f"罚款{p['fine_yuan']}元")
    if p.get("confiscation"):
        parts.append(f"没收{p['confiscation']}")
    if p.get("other"):
        parts.append(p["other"])
    return "，并处".join(parts)


# 刑事诉讼法 第71条第1款: what every person on bail must do (printed on the 取保候审决定书).
BAIL_OBLIGATIONS = (
    "（一）未经执行机关批准不得离开所居住的市、县；（二）住址、工作单位和联系方式发生变动的，在二十四小时以内"
    "向执行机关报告；（三）在传讯的时候及时到案；（四）不得以任何形式干扰证人作证；（五）不得毁灭、伪造证据或者串供。"
)
HEARING = (
    "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你有权要求举行听证。如要求听证，"
    "应当在被告知后五个工作日内向公安机关法制部门提出。"
)


def party_fields(party: Party | None) -> dict[str, str]:
    if party is None:
        return {}
    return {
        "party_name": party.name,
        "party_gender": GENDER.get(party.gender, ""),
        "party_birth": date_arabic(party.birth_date) if party.birth_date else "",
        "party_id": party.id_number,
        "party_address": party.address,
        "party_phone": party.phone,
    }


def initial_fields(kind: DocKind, case: Case, party: Party | None, measure=None) -> dict[str, Any]:
    """Every field of `kind`, filled where the case knows the answer, else ""."""
    numbering = settings_for(case.unit)
    handlers = list(case.handlers.filter(released_at__isnull=True).select_related("officer"))
    lead = next((h.officer for h in handlers if h.role == "lead"), None)
    day = local(case.decided_at or case.accepted_at or now()).date()
    basis = _law(case.offence.article_on(day)) if case.offence else ""
    penalty = penalty_text(case.decision)
    fine = ((case.decision or {}).get("penalty") or {}).get("fine_yuan")
    detention = ((case.decision or {}).get("penalty") or {}).get("detention_days")
    execution = []
    if detention:
        execution.append("送____拘留所执行。")
    if fine:
        execution.append(
            "被处罚人应自收到本决定书之日起十五日内到指定的银行缴纳罚款，或者通过电子支付系统缴纳。"
        )
    values: dict[str, Any] = {
        "case_title": case.title,
        "case_number": case.number,
        "case_desc": case.offence.name if case.offence else case.title,
        "query_code": case.query_code,
        "query_channel": numbering.query_channel,
        "supervision_phone": numbering.supervision_phone,
        "reconsideration_organ": numbering.reconsideration_organ,
        "court": numbering.court,
        "review_organ": numbering.authority_name,
        "reported_at": moment_text(case.accepted_at),
        "complained_at": date_arabic(local(case.accepted_at).date()),
        "facts": case.summary,
        "legal_basis": DEFAULT_BASIS.get(kind.code, {}).get(case.kind, basis),
        "decision": (f"对{party.name}" if party and penalty else "") + penalty,
        "execution": "".join(execution),
        "late_clause": (
            "逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款本数。"
            if fine
            else ""
        ),
        "reason": (case.decision or {}).get("reason", ""),
        "suspected": case.offence.name if case.offence else "",
        "crime": (case.offence.name + "罪") if case.offence and not case.offence.name.endswith("罪") else "",
        "purpose": "接受询问" if case.kind == "admin" else "接受讯问",
        "appear_place": case.unit.name,
        "officers": "、".join(h.officer.name for h in handlers),
        "contact": lead.name if lead else "",
        "contact_phone": (lead.phone if lead else "") or "",
        "unit_name": case.unit.name,
        "source": "报案",
        "received_by": lead.name if lead else "",
        "received_at": moment_text(case.accepted_at),
        "received_place": case.unit.name,
        "summary": case.summary,
        "opinion": (
            "属本单位管辖的行政案件，建议及时调查处理。"
            if case.kind == "admin"
            else "属本单位管辖的刑事案件，建议及时立案侦查。"
        ),
        "notice_place": case.unit.name,
        "recorder": lead.name if lead else "",
        "hearing": HEARING if (fine and fine >= 4000) else "",
        "decided_on": date_arabic(local(case.decided_at).date()) if case.decided_at else "",
        "cites_number": _cited_number(case, CITES.get(kind.code, "")),
        "obligations": BAIL_OBLIGATIONS,
        **party_fields(party),
    }
    if kind.code == "prior_notice" and penalty:
        values["decision"] = penalty
    if measure is not None:
        values["detained_at"] = moment_text(measure.applied_at)
        values["approver"] = measure.approver
        values["appear_at"] = moment_text(measure.applied_at)
        values["start"] = date_arabic(local(measure.applied_at).date())
        if measure.reason:
            values["reason"] = measure.reason
        if measure.place:
            values["appear_place"] = measure.place
    if kind.code in ("detention_notice", "detention_warrant") and case.offence:
        values["crime"] = case.offence.name if case.offence.name.endswith("罪") else case.offence.name + "罪"
    return {key: str(values.get(key, "") or "") for key in kind.field_keys}


# A document that carries another's number: which kind it cites.
CITES = {"detention_family_notice": "penalty_decision", "seizure_list": "seizure_decision"}


def _cited_number(case: Case, kind: str) -> str:
    """The number of the case's latest issued document of `kind` (the one this document cites), or ""."""
    if not kind:
        return ""
    latest = (
        case.documents.filter(kind=kind, status__in=("issued", "served"))
        .order_by("-issued_at")
        .values_list("number", flat=True)
        .first()
    )
    return latest or ""
