"""The timeline of a case or an incident: every event, with its label and a one-line summary in the
reader's language. The event history is the source; nothing here is stored.

Event labels (events/*.py) and transition actions (*/machine.py) are plain Chinese strings declared by
the domain apps; they are listed here with gettext_noop so that the English catalogue carries them too
(tests/web check that the lists cover the registry and the machines).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lawtrail.cases.choices import Gender, HandlerRole, Outcome, PartyRole
from lawtrail.cases.models import Offence
from lawtrail.events.models import Event
from lawtrail.events.registry import label_for
from lawtrail.incidents.choices import Category, Disposal, MediaKind, Source
from lawtrail.org.models import Officer, Unit

from .templatetags.lawtrail import mask_id

# Recorded more than this long after it happened: the timeline marks the entry as late (补录).
LATE_ENTRY = timedelta(hours=1)

EVENT_LABELS = [
    gettext_noop("单位设立"),
    gettext_noop("民警登记"),
    gettext_noop("执法资格变更"),
    gettext_noop("授予角色"),
    gettext_noop("接警"),
    gettext_noop("派警"),
    gettext_noop("到达现场"),
    gettext_noop("处警结果"),
    gettext_noop("转为案件"),
    gettext_noop("警情审核"),
    gettext_noop("关联音视频"),
    gettext_noop("受案"),
    gettext_noop("立案"),
    gettext_noop("不予立案"),
    gettext_noop("开始调查/侦查"),
    gettext_noop("告知"),
    gettext_noop("作出决定"),
    gettext_noop("终止调查"),
    gettext_noop("执行"),
    gettext_noop("移送审查起诉"),
    gettext_noop("撤销案件"),
    gettext_noop("结案"),
    gettext_noop("添加当事人"),
    gettext_noop("指定办案民警"),
    gettext_noop("调整办案民警"),
    gettext_noop("变更案由"),
]

TRANSITION_ACTIONS = [
    gettext_noop("派警"),
    gettext_noop("登记到达现场"),
    gettext_noop("登记处警结果"),
    gettext_noop("转为案件"),
    gettext_noop("立案"),
    gettext_noop("不予立案"),
    gettext_noop("开始调查"),
    gettext_noop("开始侦查"),
    gettext_noop("告知拟处罚内容及权利"),
    gettext_noop("作出处理决定"),
    gettext_noop("终止调查"),
    gettext_noop("登记执行"),
    gettext_noop("侦查终结移送审查起诉"),
    gettext_noop("撤销案件"),
    gettext_noop("结案"),
]


def event_label(name: str) -> str:
    return _(label_for(name))


@dataclass
class Entry:
    event: Event
    label: str
    summary: str
    late: bool

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
