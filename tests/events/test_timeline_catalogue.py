"""The timeline knows every event type and every state machine's action (so the English catalogue carries
them), and says something useful for the events of every app: checked on the documented example history."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command

from lawtrail.common.machine import StateMachine
from lawtrail.events.models import Event
from lawtrail.events.registry import EVENT_TYPES
from lawtrail.web.timeline import EVENT_LABELS, TRANSITION_ACTIONS, timeline

from .test_docs import EXAMPLE


def state_machines() -> list[StateMachine]:
    """Every state machine declared in the machine.py of an installed lawtrail app."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("lawtrail."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.machine")
        except ModuleNotFoundError:
            continue
        found += [v for v in vars(module).values() if isinstance(v, StateMachine)]
    return found


def test_every_state_machine_action_is_translatable():
    """Given the state machines of all apps (cases, incidents, measures, detentions, documents, property,
    center stays, approvals …), then every action is listed for translation in the context "action"."""
    machines = state_machines()
    assert len(machines) >= 8
    actions = {t.action for m in machines for t in m.transitions.values()}
    assert actions - set(TRANSITION_ACTIONS) == set()


def test_every_event_label_is_translatable():
    """Given the registry, then every event type's label is listed for translation in the context "event"."""
    assert {spec.label for spec in EVENT_TYPES.values()} - set(EVENT_LABELS) == set()


@pytest.fixture
def summaries(db) -> dict[str, list[str]]:
    """The example history imported; the one-line summaries of its events, by event name."""
    call_command("import", str(EXAMPLE), stdout=None)
    by_name: dict[str, list[str]] = {}
    for entry in timeline(Event.objects.select_related("actor").order_by("seq")):
        by_name.setdefault(entry.event.name, []).append(entry.summary)
    return by_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("center.entered", ["传唤", "候问室1"]),
        ("center.checked", ["陈静（100060）", "手机1部"]),
        ("center.left", ["原因：释放"]),
        ("center.handed_over", ["看守所", "梧州市看守所"]),
        ("measure.ended", ["原因：释放"]),
        ("measure.applied", ["措施：传唤", "理由：口头传唤"]),
        ("measure.extended", ["延长至24小时"]),
        ("interview.held", ["询问", "询问室1"]),
        ("measure.change_requested", ["律师"]),
        ("measure.change_decided", ["不准予变更"]),
        ("detention.admitted", ["拘留5日", "梧州市拘留所"]),
        ("detention.suspension_decided", ["不准予暂缓执行"]),
        ("document.issued", ["传唤证", "行传字"]),
        ("document.served", ["传唤证", "直接送达", "王强"]),
        ("property.seized", ["扣押", "电动自行车", "1辆"]),
        ("property.handed_over", ["孙丽（100050）"]),
        ("property.stored", ["存放位置：B"]),
        ("property.returned", ["返还给：黄芳"]),
        ("property.destroyed", ["粉碎"]),
        ("media.link_confirmed", ["询问"]),
        ("officer.certified", ["高级", "GX2026-A-0137"]),
    ],
)
def test_the_timeline_says_what_each_new_event_recorded(summaries, name, expected):
    """Given the example history, when its timeline is built, then the first event of each kind is summed
    up with the labels of its choices (not their codes) and the names, places and things it recorded."""
    summary = summaries[name][0]
    for text in expected:
        assert text in summary, summary
