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

from lawtrail.cases.choices import Gender, HandlerRole, Outcome, PartyRole
from lawtrail.cases.models import Offence
from lawtrail.events.models import Event
from lawtrail.events.registry import label_for
from lawtrail.incidents.choices import Category, Disposal, MediaKind, Source
from lawtrail.org.models import Officer, Unit

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
    if p.get("reason") and name != "case.decided":
        parts.append(_("理由：%(reason)s") % {"reason": p["reason"]})
    if p.get("note"):
        parts.append(_("备注：%(note)s") % {"note": p["note"]})
    return _("；").join(parts)


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
