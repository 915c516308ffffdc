"""The timeline of a case or an incident: every event, with its label and a one-line summary in the
reader's language. The event history is the source; nothing here is stored.

Event labels (events/*.py) and transition actions (*/machine.py) are plain Chinese strings declared by
the domain apps; they are listed here so that the English catalogue carries them too, each in its own
context: the same Chinese word is a past event in a timeline (立案 → Case filed) and an action on a
button (立案 → File). tests/web/test_i18n.py checks that the lists cover the registry and the machines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from lawtrail.approvals.choices import ActKind, StepResult
from lawtrail.cases.choices import Gender, HandlerRole, Outcome, PartyRole
from lawtrail.cases.models import Offence
from lawtrail.center.choices import HandoverPlace, LeftReason, StayReason
from lawtrail.documents.choices import ServiceMethod, ServiceTo
from lawtrail.events.models import Event
from lawtrail.events.registry import label_for
from lawtrail.incidents.choices import Category, Disposal, LinkTarget, MediaKind, Source
from lawtrail.measures.choices import (
    ChangeRequester,
    DetentionRelease,
    EndReason,
    InterviewKind,
    MeasureKind,
    NoticeMethod,
)
from lawtrail.org.choices import QualificationLevel
from lawtrail.org.models import Officer, Unit
from lawtrail.property.choices import DestructionMethod, SeizureMeasure

from .templatetags.lawtrail import mask_id

# Where an event was recorded, when not through these pages (Event.source).
SOURCE_LABELS = {
    "api": pgettext_lazy("event source", "接口"),
    "import": pgettext_lazy("event source", "导入"),
    "demo": pgettext_lazy("event source", "演示数据"),
}

# Recorded more than this long after it happened: the timeline marks the entry as late (补录).
LATE_ENTRY = timedelta(hours=1)

# label → its translation in the context "event" (a thing that happened: 立案 → Case filed)
EVENT_LABELS = {
    "单位设立": pgettext_lazy("event", "单位设立"),
    "民警登记": pgettext_lazy("event", "民警登记"),
    "执法资格变更": pgettext_lazy("event", "执法资格变更"),
    "授予角色": pgettext_lazy("event", "授予角色"),
    "接警": pgettext_lazy("event", "接警"),
    "派警": pgettext_lazy("event", "派警"),
    "到达现场": pgettext_lazy("event", "到达现场"),
    "处警结果": pgettext_lazy("event", "处警结果"),
    "转为案件": pgettext_lazy("event", "转为案件"),
    "警情审核": pgettext_lazy("event", "警情审核"),
    "抽取执法记录仪视频": pgettext_lazy("event", "抽取执法记录仪视频"),
    "视频抽查结论": pgettext_lazy("event", "视频抽查结论"),
    "关联音视频": pgettext_lazy("event", "关联音视频"),
    "受案": pgettext_lazy("event", "受案"),
    "立案": pgettext_lazy("event", "立案"),
    "不予立案": pgettext_lazy("event", "不予立案"),
    "开始调查/侦查": pgettext_lazy("event", "开始调查/侦查"),
    "告知": pgettext_lazy("event", "告知"),
    "作出决定": pgettext_lazy("event", "作出决定"),
    "终止调查": pgettext_lazy("event", "终止调查"),
    "执行": pgettext_lazy("event", "执行"),
    "移送审查起诉": pgettext_lazy("event", "移送审查起诉"),
    "撤销案件": pgettext_lazy("event", "撤销案件"),
    "结案": pgettext_lazy("event", "结案"),
    "添加当事人": pgettext_lazy("event", "添加当事人"),
    "指定办案民警": pgettext_lazy("event", "指定办案民警"),
    "调整办案民警": pgettext_lazy("event", "调整办案民警"),
    "变更案由": pgettext_lazy("event", "变更案由"),
    "采取措施": pgettext_lazy("event", "采取措施"),
    "到案": pgettext_lazy("event", "到案"),
    "延长措施期限": pgettext_lazy("event", "延长措施期限"),
    "解除措施/释放": pgettext_lazy("event", "解除措施/释放"),
    "通知家属": pgettext_lazy("event", "通知家属"),
    "无法通知家属": pgettext_lazy("event", "无法通知家属"),
    "询问/讯问": pgettext_lazy("event", "询问/讯问"),
    "送看守所羁押": pgettext_lazy("event", "送看守所羁押"),
    "提请批准逮捕": pgettext_lazy("event", "提请批准逮捕"),
    "检察院批准逮捕": pgettext_lazy("event", "检察院批准逮捕"),
    "检察院不批准逮捕": pgettext_lazy("event", "检察院不批准逮捕"),
    "执行回执送达检察院": pgettext_lazy("event", "执行回执送达检察院"),
    "要求复议（不批准逮捕）": pgettext_lazy("event", "要求复议（不批准逮捕）"),
    "报告": pgettext_lazy("event", "报告"),
    "登记音视频资料": pgettext_lazy("event", "登记音视频资料"),
    "提出关联建议": pgettext_lazy("event", "提出关联建议"),
    "确认关联": pgettext_lazy("event", "确认关联"),
    "否定关联": pgettext_lazy("event", "否定关联"),
    "申请变更强制措施": pgettext_lazy("event", "申请变更强制措施"),
    "对变更强制措施申请作出决定": pgettext_lazy("event", "对变更强制措施申请作出决定"),
    "收到检察院羁押必要性审查建议": pgettext_lazy("event", "收到检察院羁押必要性审查建议"),
    "将处理情况通知检察院": pgettext_lazy("event", "将处理情况通知检察院"),
    "查清身份": pgettext_lazy("event", "查清身份"),
    "发现另有重要罪行": pgettext_lazy("event", "发现另有重要罪行"),
    "批准重新计算羁押期限": pgettext_lazy("event", "批准重新计算羁押期限"),
    "送拘留所执行": pgettext_lazy("event", "送拘留所执行"),
    "解除拘留": pgettext_lazy("event", "解除拘留"),
    "通知被拘留人家属": pgettext_lazy("event", "通知被拘留人家属"),
    "无法通知家属（已在决定书中注明）": pgettext_lazy("event", "无法通知家属（已在决定书中注明）"),
    "申请暂缓执行行政拘留": pgettext_lazy("event", "申请暂缓执行行政拘留"),
    "对暂缓执行申请作出决定": pgettext_lazy("event", "对暂缓执行申请作出决定"),
    "设置法律文书编号": pgettext_lazy("event", "设置法律文书编号"),
    "起草法律文书": pgettext_lazy("event", "起草法律文书"),
    "修改法律文书草稿": pgettext_lazy("event", "修改法律文书草稿"),
    "制作法律文书": pgettext_lazy("event", "制作法律文书"),
    "更正法律文书": pgettext_lazy("event", "更正法律文书"),
    "送达": pgettext_lazy("event", "送达"),
    "提取/扣押涉案财物": pgettext_lazy("event", "提取/扣押涉案财物"),
    "移交涉案财物管理人员": pgettext_lazy("event", "移交涉案财物管理人员"),
    "涉案财物交接": pgettext_lazy("event", "涉案财物交接"),
    "涉案财物入库上架": pgettext_lazy("event", "涉案财物入库上架"),
    "报送涉案财物管理人员登记": pgettext_lazy("event", "报送涉案财物管理人员登记"),
    "报警务督察部门备案": pgettext_lazy("event", "报警务督察部门备案"),
    "查明与案件无关": pgettext_lazy("event", "查明与案件无关"),
    "通知原主或公告认领": pgettext_lazy("event", "通知原主或公告认领"),
    "原主认领": pgettext_lazy("event", "原主认领"),
    "续冻": pgettext_lazy("event", "续冻"),
    "解除措施并返还": pgettext_lazy("event", "解除措施并返还"),
    "没收/收缴涉案财物": pgettext_lazy("event", "没收/收缴涉案财物"),
    "销毁涉案财物": pgettext_lazy("event", "销毁涉案财物"),
    "按无主财物处理": pgettext_lazy("event", "按无主财物处理"),
    "添加涉案财物存放位置": pgettext_lazy("event", "添加涉案财物存放位置"),
    "进入办案中心": pgettext_lazy("event", "进入办案中心"),
    "人身安全检查": pgettext_lazy("event", "人身安全检查"),
    "安排功能室": pgettext_lazy("event", "安排功能室"),
    "离开办案中心": pgettext_lazy("event", "离开办案中心"),
    "移交羁押场所": pgettext_lazy("event", "移交羁押场所"),
    "添加办案中心功能室": pgettext_lazy("event", "添加办案中心功能室"),
    "提请审批": pgettext_lazy("event", "提请审批"),
    "审批意见": pgettext_lazy("event", "审批意见"),
    "审批环节开始": pgettext_lazy("event", "审批环节开始"),
    "审批通过": pgettext_lazy("event", "审批通过"),
    "审批不通过": pgettext_lazy("event", "审批不通过"),
    "补正后重新报批": pgettext_lazy("event", "补正后重新报批"),
    "审批作废": pgettext_lazy("event", "审批作废"),
    "审核/审批": pgettext_lazy("event", "审核/审批"),
    "取得执法资格": pgettext_lazy("event", "取得执法资格"),
}

# action → its translation in the context "action" (a button: 立案 → File)
TRANSITION_ACTIONS = {
    "派警": pgettext_lazy("action", "派警"),
    "登记到达现场": pgettext_lazy("action", "登记到达现场"),
    "登记处警结果": pgettext_lazy("action", "登记处警结果"),
    "转为案件": pgettext_lazy("action", "转为案件"),
    "立案": pgettext_lazy("action", "立案"),
    "不予立案": pgettext_lazy("action", "不予立案"),
    "开始调查": pgettext_lazy("action", "开始调查"),
    "开始侦查": pgettext_lazy("action", "开始侦查"),
    "告知拟处罚内容及权利": pgettext_lazy("action", "告知拟处罚内容及权利"),
    "作出处理决定": pgettext_lazy("action", "作出处理决定"),
    "终止调查": pgettext_lazy("action", "终止调查"),
    "登记执行": pgettext_lazy("action", "登记执行"),
    "侦查终结移送审查起诉": pgettext_lazy("action", "侦查终结移送审查起诉"),
    "撤销案件": pgettext_lazy("action", "撤销案件"),
    "结案": pgettext_lazy("action", "结案"),
    "作出审批意见": pgettext_lazy("action", "作出审批意见"),
    "批准": pgettext_lazy("action", "批准"),
    "不批准": pgettext_lazy("action", "不批准"),
    "补正后重新报批": pgettext_lazy("action", "补正后重新报批"),
    "作废": pgettext_lazy("action", "作废"),
    "登记安全检查": pgettext_lazy("action", "登记安全检查"),
    "安排功能室": pgettext_lazy("action", "安排功能室"),
    "登记离开": pgettext_lazy("action", "登记离开"),
    "移交羁押场所": pgettext_lazy("action", "移交羁押场所"),
    "修改": pgettext_lazy("action", "修改"),
    "签发": pgettext_lazy("action", "签发"),
    "登记送达": pgettext_lazy("action", "登记送达"),
    "更正": pgettext_lazy("action", "更正"),
    "登记到案": pgettext_lazy("action", "登记到案"),
    "延长期限": pgettext_lazy("action", "延长期限"),
    "解除措施": pgettext_lazy("action", "解除措施"),
    "解除拘留": pgettext_lazy("action", "解除拘留"),
    "申请暂缓执行": pgettext_lazy("action", "申请暂缓执行"),
    "对暂缓执行申请作出决定": pgettext_lazy("action", "对暂缓执行申请作出决定"),
    "移交财物管理中心": pgettext_lazy("action", "移交财物管理中心"),
    "交接": pgettext_lazy("action", "交接"),
    "入库上架": pgettext_lazy("action", "入库上架"),
    "报送登记": pgettext_lazy("action", "报送登记"),
    "报督察备案": pgettext_lazy("action", "报督察备案"),
    "登记查明无关": pgettext_lazy("action", "登记查明无关"),
    "通知原主认领": pgettext_lazy("action", "通知原主认领"),
    "登记原主认领": pgettext_lazy("action", "登记原主认领"),
    "续冻": pgettext_lazy("action", "续冻"),
    "返还": pgettext_lazy("action", "返还"),
    "没收/收缴": pgettext_lazy("action", "没收/收缴"),
    "销毁": pgettext_lazy("action", "销毁"),
    "按无主财物处理": pgettext_lazy("action", "按无主财物处理"),
}


def event_label(name: str) -> str:
    """The label of an event type in the active language."""
    label = label_for(name)
    return str(EVENT_LABELS.get(label, label))


def action_label(action: str) -> str:
    """A state machine's action name (立案, 派警) in the active language, as a button says it."""
    return str(TRANSITION_ACTIONS.get(action, action))


@dataclass
class Entry:
    event: Event
    label: str
    summary: str
    late: bool

    @property
    def source_label(self) -> str:
        """Empty for events entered in the pages; otherwise where they came from (接口, 导入 …)."""
        source = self.event.source
        return "" if source == "web" else str(SOURCE_LABELS.get(source, source))

    @property
    def occurred_at(self) -> datetime:
        return self.event.occurred_at

    @property
    def recorded_at(self) -> datetime:
        return self.event.recorded_at


def _choice(choices, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "")


# Payload fields holding a badge number, shown with the officer's name.
BADGE_FIELDS = {
    "property.seized": ("holder",),
    "property.handed_over": ("received_by",),
    "property.registered": ("received_by",),
    "property.transferred": ("to",),
    "center.entered": ("brought_by",),
    "center.checked": ("checked_by",),
    "document.served": ("server",),
}

# Events whose `reason` is a choice (a code), shown by its label instead of as free text.
REASON_CHOICES = {
    "measure.ended": EndReason,
    "detention.released": DetentionRelease,
    "center.entered": StayReason,
    "center.left": LeftReason,
}


class _Names:
    """Offence, officer and unit names for the payloads of a whole timeline, in three queries at most."""

    def __init__(self, events: list[Event]):
        offences, badges, units = set(), set(), set()
        for e in events:
            p = e.payload or {}
            if p.get("offence"):
                offences.add(p["offence"])
            if e.name in ("case.handler_assigned", "case.handler_released") and p.get("officer"):
                badges.add(p["officer"])
            for key in BADGE_FIELDS.get(e.name, ()):
                if p.get(key):
                    badges.add(p[key])
            if e.name == "incident.dispatched":
                badges.update(p.get("officers") or [])
            if e.name in ("incident.dispatched", "incident.received") and p.get("unit"):
                units.add(p["unit"])
        self.offences = (
            dict(Offence.objects.filter(code__in=offences).values_list("code", "name")) if offences else {}
        )
        self.officers = (
            dict(Officer.objects.filter(badge_no__in=badges).values_list("badge_no", "name"))
            if badges
            else {}
        )
        self.units = {}
        if units:
            self.units = {u.code: u.label for u in Unit.objects.filter(code__in=units)}

    def officer(self, badge: str) -> str:
        name = self.officers.get(badge)
        return f"{name}（{badge}）" if name else badge


def _penalty(penalty: dict[str, Any] | None) -> str:
    if not penalty:
        return ""
    parts = []
    if penalty.get("warning"):
        parts.append(_("警告"))
    if penalty.get("fine_yuan"):
        parts.append(_("罚款%(yuan)s元") % {"yuan": penalty["fine_yuan"]})
    if penalty.get("detention_days"):
        parts.append(_("行政拘留%(days)s日") % {"days": penalty["detention_days"]})
    if penalty.get("confiscation"):
        parts.append(_("没收：%(what)s") % {"what": penalty["confiscation"]})
    if penalty.get("other"):
        parts.append(penalty["other"])
    return _("、").join(parts)


def summarise(event: Event, names: _Names) -> str:
    """One line saying what the event recorded, in the active language."""
    p: dict[str, Any] = event.payload or {}
    name = event.name
    parts: list[str] = []
    if name == "case.accepted":
        parts.append(_("案件名称：%(title)s") % {"title": p.get("title", "")})
        if p.get("offence"):
            parts.append(_("案由：%(offence)s") % {"offence": names.offences.get(p["offence"], p["offence"])})
        if p.get("incident"):
            parts.append(_("来源警情：%(number)s") % {"number": p["incident"]})
    elif name == "case.decided":
        parts.append(_("处理结果：%(outcome)s") % {"outcome": _choice(Outcome, p.get("outcome"))})
        penalty = _penalty(p.get("penalty"))
        if penalty:
            parts.append(_("处罚：%(penalty)s") % {"penalty": penalty})
        if p.get("reason"):
            parts.append(_("理由：%(reason)s") % {"reason": p["reason"]})
    elif name == "case.transferred_for_prosecution":
        parts.append(_("受理检察院：%(name)s") % {"name": p.get("procuratorate", "")})
    elif name == "case.party_added":
        details = [_choice(Gender, p.get("gender", "unknown"))]
        if p.get("id_number"):
            details.append(_("身份证号 %(id)s") % {"id": mask_id(p["id_number"])})
        parts.append(
            _("%(role)s %(name)s（%(details)s）")
            % {
                "role": _choice(PartyRole, p.get("role")),
                "name": p.get("name", ""),
                "details": _("，").join(details),
            }
        )
    elif name == "case.handler_assigned":
        parts.append(
            _("%(role)s：%(officer)s")
            % {"role": _choice(HandlerRole, p.get("role")), "officer": names.officer(p.get("officer", ""))}
        )
    elif name == "case.handler_released":
        parts.append(_("不再办理：%(officer)s") % {"officer": names.officer(p.get("officer", ""))})
    elif name == "case.offence_changed":
        parts.append(
            _("案由：%(offence)s") % {"offence": names.offences.get(p.get("offence"), p.get("offence", ""))}
        )
    elif name in ("case.media_linked", "incident.media_linked"):
        parts.append(f"{_choice(MediaKind, p.get('kind'))} {p.get('uri', '')}")
    elif name == "incident.received":
        parts.append(
            _("来源：%(source)s；类别：%(category)s；地点：%(place)s")
            % {
                "source": _choice(Source, p.get("source")),
                "category": _choice(Category, p.get("category")),
                "place": p.get("place", ""),
            }
        )
    elif name == "incident.dispatched":
        parts.append(_("处警单位：%(unit)s") % {"unit": names.units.get(p.get("unit"), p.get("unit", ""))})
        if p.get("officers"):
            parts.append(
                _("出警民警：%(officers)s")
                % {"officers": _("、").join(names.officer(b) for b in p["officers"])}
            )
    elif name == "incident.disposed":
        parts.append(_("处警结果：%(disposal)s") % {"disposal": _choice(Disposal, p.get("disposal"))})
    elif name == "incident.converted":
        parts.append(_("案件编号：%(number)s") % {"number": p.get("case", "")})
    elif name == "incident.reviewed" and p.get("note"):
        parts.append(_("审核意见：%(note)s") % {"note": p["note"]})
        return _("；").join(parts)
    else:
        parts += _summary_of_records(name, p, names)
    if name in REASON_CHOICES and p.get("reason"):
        parts.append(_("原因：%(reason)s") % {"reason": _choice(REASON_CHOICES[name], p["reason"])})
    elif p.get("reason") and name != "case.decided":
        parts.append(_("理由：%(reason)s") % {"reason": p["reason"]})
    if p.get("note"):
        parts.append(_("备注：%(note)s") % {"note": p["note"]})
    return _("；").join(parts)


def _document_title(p: dict[str, Any]) -> str:
    from lawtrail.documents.kinds import KINDS

    kind = KINDS.get(p.get("type", ""))
    title = str(kind.title) if kind else p.get("type", "")
    return f"{title} {p.get('number') or ''}".strip()


def _summary_of_records(name: str, p: dict[str, Any], names: _Names) -> list[str]:
    """The summary of the events of the apps that keep their own records (measures, detentions, documents,
    property, center stays, media, approvals): what was done, to what, by whom."""
    parts: list[str] = []
    if name == "measure.applied":
        parts.append(_("措施：%(kind)s") % {"kind": _choice(MeasureKind, p.get("kind"))})
        if p.get("place"):
            parts.append(_("地点：%(place)s") % {"place": p["place"]})
    elif name == "measure.arrived" and p.get("place"):
        parts.append(_("到案地点：%(place)s") % {"place": p["place"]})
    elif name == "measure.extended" and p.get("hours"):
        parts.append(_("延长至%(hours)s小时") % {"hours": p["hours"]})
    elif name == "interview.held":
        parts.append(_choice(InterviewKind, p.get("kind")))
        if p.get("room"):
            parts.append(_("地点：%(place)s") % {"place": p["room"]})
    elif name == "measure.change_requested":
        parts.append(_("申请人：%(by)s") % {"by": _choice(ChangeRequester, p.get("by"))})
    elif name == "measure.change_decided":
        parts.append(_("准予变更") if p.get("granted") else _("不准予变更"))
    elif name == "detention.admitted":
        parts.append(
            _("拘留%(days)s日；执行场所：%(place)s")
            % {"days": p.get("days", ""), "place": p.get("detention_house", "")}
        )
    elif name in ("detention.family_notified", "measure.family_notified"):
        parts.append(
            _("通知方式：%(method)s；被通知人：%(who)s")
            % {"method": _choice(NoticeMethod, p.get("method")), "who": p.get("recipient") or "—"}
        )
    elif name == "detention.suspension_decided":
        parts.append(_("准予暂缓执行") if p.get("granted") else _("不准予暂缓执行"))
        if p.get("guarantee"):
            parts.append(_("担保：%(guarantee)s") % {"guarantee": p["guarantee"]})
    elif name in ("document.drafted", "document.edited", "document.issued", "document.corrected"):
        parts.append(_document_title(p))
    elif name == "document.served":
        parts.append(
            _("%(document)s：%(method)s给%(to)s %(recipient)s")
            % {
                "document": _document_title(p),
                "method": _choice(ServiceMethod, p.get("method")),
                "to": _choice(ServiceTo, p.get("to")),
                "recipient": p.get("recipient", ""),
            }
        )
    elif name == "property.seized":
        parts.append(
            _("%(measure)s：%(what)s %(quantity)s%(unit)s")
            % {
                "measure": _choice(SeizureMeasure, p.get("measure")),
                "what": p.get("description", ""),
                "quantity": p.get("quantity", ""),
                "unit": p.get("unit_of_measure", ""),
            }
        )
    elif name in ("property.handed_over", "property.registered"):
        parts.append(_("接收人：%(officer)s") % {"officer": names.officer(p.get("received_by", ""))})
    elif name == "property.transferred":
        parts.append(_("交给：%(officer)s") % {"officer": names.officer(p.get("to", ""))})
    elif name == "property.stored":
        parts.append(_("存放位置：%(location)s") % {"location": p.get("location", "")})
    elif name == "property.claimed":
        parts.append(_("认领人：%(who)s") % {"who": p.get("claimant", "")})
    elif name == "property.returned":
        parts.append(_("返还给：%(who)s") % {"who": p.get("recipient", "")})
    elif name == "property.destroyed":
        parts.append(_("销毁方式：%(method)s") % {"method": _choice(DestructionMethod, p.get("method"))})
    elif name == "property.disposed":
        parts.append(_("处理方式：%(how)s") % {"how": p.get("how", "")})
    elif name == "center.entered":
        parts.append(_("功能室：%(room)s") % {"room": p.get("room") or "—"})
    elif name == "center.room_assigned":
        parts.append(_("功能室：%(room)s") % {"room": p.get("room", "")})
    elif name == "center.checked":
        parts.append(_("检查民警：%(officer)s") % {"officer": names.officer(p.get("checked_by", ""))})
        if p.get("belongings"):
            items = _("、").join(
                f"{b.get('description', '')}{b.get('quantity', '')}" for b in p["belongings"]
            )
            parts.append(_("代为保管：%(items)s") % {"items": items})
    elif name == "center.handed_over":
        parts.append(
            _("移交%(place)s：%(to)s")
            % {"place": _choice(HandoverPlace, p.get("place")), "to": p.get("to", "")}
        )
    elif name == "media.registered":
        parts.append(
            f"{_choice(MediaKind, p.get('kind'))} {p.get('uri') or p.get('original_name', '')}".strip()
        )
    elif name in ("media.link_proposed", "media.link_confirmed", "media.link_rejected"):
        parts.append(f"{_choice(LinkTarget, p.get('target_type'))} {p.get('target', '')}")
    elif name in ("approval.requested", "approval.resubmitted"):
        if p.get("act_kind"):
            parts.append(_choice(ActKind, p["act_kind"]))
        parts.append(p.get("summary", ""))
    elif name == "approval.step_decided":
        parts.append(
            _("%(result)s：%(opinion)s")
            % {"result": _choice(StepResult, p.get("result")), "opinion": p.get("opinion", "")}
        )
    elif name in ("approval.granted", "approval.refused") and p.get("act_kind"):
        parts.append(_choice(ActKind, p["act_kind"]))
    elif name == "officer.certified":
        parts.append(
            _("%(level)s，证书编号 %(number)s，有效期至 %(until)s")
            % {
                "level": _choice(QualificationLevel, p.get("level")),
                "number": p.get("certificate_no", ""),
                "until": p.get("valid_to", ""),
            }
        )
    return [part for part in parts if part]


def timeline(events: Iterable[Event]) -> list[Entry]:
    events = list(events)
    names = _Names(events)
    return [
        Entry(
            event=e,
            label=event_label(e.name),
            summary=summarise(e, names),
            late=(e.recorded_at - e.occurred_at) > LATE_ENTRY,
        )
        for e in events
    ]
