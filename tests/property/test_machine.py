"""The property state machine, transition by transition: from every state, every step is applied when the
table allows it and refused (nothing written) when it does not."""

from __future__ import annotations

import pytest

from lawtrail.common.errors import TransitionNotAllowed
from lawtrail.events.models import Event
from lawtrail.property.choices import ItemStatus
from lawtrail.property.machine import PROPERTY_MACHINE
from lawtrail.property.services import ITEM_STEPS, property_event
from tests.factories import make_case
from tests.property.helpers import seize_phone

APPROVED = {"approved_by": "所长 刘洋"}


def _payloads(bureau, center) -> dict[str, dict]:
    to_center = {"center": center.unit.code, "received_by": center.custodian.badge_no}
    return {
        "property.handed_over": to_center,
        "property.transferred": {"to": bureau.officer_a2.badge_no, **APPROVED},
        "property.stored": {"location": "A-01-03"},
        "property.registered": to_center,
        "property.inspectorate_filed": {},
        "property.found_unrelated": {},
        "property.owner_notified": {"method": "notice"},
        "property.claimed": {"claimant": "王强"},
        "property.freeze_renewed": APPROVED,
        "property.returned": {"recipient": "王强", **APPROVED},
        "property.confiscated": APPROVED,
        "property.destroyed": {"method": "burn", "witnesses": "陈静", **APPROVED},
        "property.disposed": {"how": "上缴国库", **APPROVED},
    }


# How to bring a new item into each state: the measure it is taken by, then the steps.
PATHS = {
    ItemStatus.HELD: ("seize", []),
    ItemStatus.IN_CENTER: ("seize", ["property.handed_over"]),
    ItemStatus.NOT_HELD: ("freeze", []),
    ItemStatus.RETURNED: ("seize", ["property.returned"]),
    ItemStatus.CONFISCATED: ("seize", ["property.confiscated"]),
    ItemStatus.DESTROYED: ("seize", ["property.destroyed"]),
    ItemStatus.DISPOSED: ("seize", ["property.disposed"]),
}


def test_every_state_has_a_path():
    """Given the machine, then the table below reaches every state and the machine knows every step the
    services offer (so the table test covers the whole machine)."""
    assert set(PATHS) == set(ItemStatus)
    assert set(PROPERTY_MACHINE.transitions) == set(ITEM_STEPS)


@pytest.mark.parametrize("status", list(ItemStatus))
def test_each_step_from_each_state(bureau, center, status):
    """Given an item in `status`, when each step is tried on a fresh such item, then the steps the table
    allows from that state are applied (one event written) and the others refused with nothing written."""
    case = make_case(bureau.officer_a)
    payloads = _payloads(bureau, center)
    measure, path = PATHS[status]
    for name in ITEM_STEPS:
        item = seize_phone(
            bureau.officer_a,
            case,
            measure=measure,
            category="deposit" if measure == "freeze" else "electronics",
        )
        for step in path:
            item = property_event(item=item, name=step, actor=bureau.officer_a, payload=payloads[step])
        assert item.status == status
        before = Event.objects.count()
        if status in PROPERTY_MACHINE.transition(name).sources:
            property_event(item=item, name=name, actor=bureau.officer_a, payload=payloads[name])
            assert Event.objects.count() == before + 1, name
        else:
            with pytest.raises(TransitionNotAllowed):
                property_event(item=item, name=name, actor=bureau.officer_a, payload=payloads[name])
            assert Event.objects.count() == before, name
