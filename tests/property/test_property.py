"""Case property: seizure, the custody chain and its current holder, storage, the ends that need approval,
the state machine step by step, the payloads the supervision rules read, and scoping."""

from __future__ import annotations

import pytest

from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.events.models import Event
from lawtrail.org.policies import scope_for
from lawtrail.property.choices import ItemStatus
from lawtrail.property.machine import PROPERTY_MACHINE
from lawtrail.property.models import PropertyItem
from lawtrail.property.selectors import case_items, item_get, item_transfers, overdue_items
from lawtrail.property.services import property_event, property_seize
from tests.factories import at, make_case
from tests.property.helpers import seize_phone


def _hand_over(bureau, center, item, when="2026-03-02 09:00", **extra):
    return property_event(
        item=item,
        name="property.handed_over",
        actor=bureau.officer_a,
        payload={"center": center.unit.code, "received_by": center.custodian.badge_no, **extra},
        occurred_at=at(when),
    )


def test_a_seized_item_gets_a_ledger_number_and_its_taker_holds_it(bureau, center):
    """Given an admin case, when officer A seizes a phone, then the item has a ledger number, is held by
    officer A, the custody chain starts with the seizure, and the case history has property.seized with
    the fields the supervision rules read (item_id, measure, held_by_police)."""
    case = make_case(bureau.officer_a)
    item = seize_phone(bureau.officer_a, case)
    assert item.code == "CW4504002026000001"
    assert (item.status, item.holder_officer, item.holder_label) == (
        ItemStatus.HELD,
        bureau.officer_a,
        "张伟（100001）",
    )
    event = Event.objects.get(name="property.seized")
    assert event.case_id == case.id
    assert event.unit_id == case.unit_id
    assert event.payload["item_id"] == str(item.item_id)
    assert (event.payload["measure"], event.payload["held_by_police"]) == ("seize", True)
    assert [t.to_label for t in item_transfers(item)] == ["张伟（100001）"]
    second = seize_phone(bureau.officer_a, case, when="2026-03-01 15:05")
    assert second.code == "CW4504002026000002"


def test_sealed_and_frozen_property_stays_where_it_is(bureau, center):
    """Given a criminal case, when a bank deposit is frozen, then it is not held by the police, its holder is
    the place, and the payload says held_by_police false and kind deposit (the freeze-period rule)."""
    case = make_case(bureau.officer_a, kind="criminal")
    item = property_seize(
        actor=bureau.officer_a,
        case=case,
        measure="freeze",
        category="deposit",
        description="工商银行账户 6222 0000 0000 0001 存款",
        quantity="35000",
        unit_of_measure="元",
        place="工商银行梧州分行",
        occurred_at=at("2026-03-01 15:00"),
    )
    assert (item.status, item.held_by_police, item.holder_label) == (
        ItemStatus.NOT_HELD,
        False,
        "原地：工商银行梧州分行",
    )
    payload = Event.objects.get(name="property.seized").payload
    assert (payload["held_by_police"], payload["kind"]) == (False, "deposit")
    item = property_event(
        item=item,
        name="property.registered",
        actor=bureau.officer_a,
        payload={"center": center.unit.code, "received_by": center.custodian.badge_no},
        occurred_at=at("2026-03-02 09:00"),
    )
    assert item.registered_at == at("2026-03-02 09:00")
    with pytest.raises(TransitionNotAllowed):
        _hand_over(bureau, center, item)


def test_hand_over_store_and_borrow_keep_the_holder_known(bureau, center):
    """Given a seized phone, when it is handed to the property center, put on a box, and taken out for an
    interview with the approval of the unit head, then after each step its holder is the center (at the
    box) or the borrowing officer, and the custody chain names both parties of every movement."""
    case = make_case(bureau.officer_a)
    item = seize_phone(bureau.officer_a, case)
    item = _hand_over(bureau, center, item)
    assert (item.status, item.holder_unit, item.holder_officer) == (ItemStatus.IN_CENTER, center.unit, None)
    item = property_event(
        item=item,
        name="property.stored",
        actor=center.custodian,
        payload={"location": "A-01-03"},
        occurred_at=at("2026-03-02 09:10"),
    )
    assert item.holder_label == "财物中心 · A-01-03 三号物证箱"
    with pytest.raises(ValidationFailed) as refused:
        property_event(
            item=item,
            name="property.transferred",
            actor=center.custodian,
            payload={"to": bureau.officer_a2.badge_no, "reason": "辨认"},
        )
    assert refused.value.field == "payload.approved_by"
    item = property_event(
        item=item,
        name="property.transferred",
        actor=center.custodian,
        payload={"to": bureau.officer_a2.badge_no, "reason": "辨认", "approved_by": "所长 刘洋"},
        occurred_at=at("2026-03-03 10:00"),
    )
    assert (item.status, item.holder_officer, item.location) == (ItemStatus.HELD, bureau.officer_a2, None)
    chain = [(t.event_name, t.from_label, t.to_label, t.to_officer_id) for t in item_transfers(item)]
    assert chain == [
        ("property.seized", "西江路12号", "张伟（100001）", bureau.officer_a.id),
        ("property.handed_over", "张伟（100001）", "财物中心 孙丽（100050）", center.custodian.id),
        ("property.stored", "财物中心", "财物中心 · A-01-03 三号物证箱", None),
        ("property.transferred", "财物中心 · A-01-03 三号物证箱", "王芳（100002）", bureau.officer_a2.id),
    ]


def test_a_hand_over_to_a_unit_that_is_not_a_property_center_is_refused(bureau, center):
    """Given a seized phone, when it is 'handed over' to a police station or to an officer outside the
    center, then it is refused with the field named and nothing is written."""
    item = seize_phone(bureau.officer_a, make_case(bureau.officer_a))
    before = Event.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        property_event(
            item=item,
            name="property.handed_over",
            actor=bureau.officer_a,
            payload={"center": bureau.station_a.code, "received_by": center.custodian.badge_no},
        )
    assert refused.value.field == "payload.center"
    assert "涉案财物管理中心" in refused.value.message
    with pytest.raises(ValidationFailed) as refused:
        property_event(
            item=item,
            name="property.handed_over",
            actor=bureau.officer_a,
            payload={"center": center.unit.code, "received_by": bureau.officer_a2.badge_no},
        )
    assert refused.value.field == "payload.received_by"
    assert Event.objects.count() == before
    assert PropertyItem.objects.get(pk=item.pk).status == ItemStatus.HELD


@pytest.mark.parametrize(
    ("name", "payload", "status", "to"),
    [
        ("property.returned", {"recipient": "王强", "approved_by": "所长 刘洋"}, "returned", "返还 王强"),
        (
            "property.confiscated",
            {"approved_by": "局长 黄勇", "document_ref": "梧公（西）行罚决字〔2026〕3号"},
            "confiscated",
            "没收/收缴 梧公（西）行罚决字〔2026〕3号",
        ),
        (
            "property.destroyed",
            {"approved_by": "局长 黄勇", "method": "crush", "witnesses": "陈静、孙丽"},
            "destroyed",
            "销毁（粉碎/拆解，监销：陈静、孙丽）",
        ),
    ],
)
def test_the_ends_record_their_approver_and_leave_no_holder(bureau, center, name, payload, status, to):
    """Given an item in the center, when it is returned, confiscated or destroyed with an approver, then it
    has that status, no holder, the approver and its destination recorded; a second end is refused."""
    item = _hand_over(bureau, center, seize_phone(bureau.officer_a, make_case(bureau.officer_a)))
    item = property_event(item=item, name=name, actor=center.custodian, payload=payload)
    assert (item.status, item.holder_officer, item.holder_unit) == (status, None, None)
    assert (item.approved_by, item.holder_label) == (payload["approved_by"], to)
    with pytest.raises(TransitionNotAllowed) as refused:
        property_event(item=item, name=name, actor=center.custodian, payload=payload)
    assert "当前状态为" in refused.value.message


@pytest.mark.parametrize("name", ["property.returned", "property.confiscated", "property.destroyed"])
def test_an_end_without_approval_is_refused(bureau, center, name):
    """Given a held item, when it is returned, confiscated or destroyed without an approver, then the event
    is refused naming payload.approved_by."""
    item = seize_phone(bureau.officer_a, make_case(bureau.officer_a))
    with pytest.raises(ValidationFailed) as refused:
        property_event(
            item=item,
            name=name,
            actor=bureau.officer_a,
            payload={"recipient": "王强", "method": "burn", "witnesses": "陈静"},
        )
    assert refused.value.field == "payload.approved_by"


STATES = list(ItemStatus.values)


@pytest.mark.parametrize("event", sorted(PROPERTY_MACHINE.transitions))
def test_the_transition_table_names_real_states(event):
    """Given the property machine, then every transition leaves from and (where it moves) goes to a state
    of ItemStatus, and no transition leaves from a final state."""
    t = PROPERTY_MACHINE.transition(event)
    assert t.sources <= set(STATES)
    assert t.target in STATES
    assert not t.sources & {"returned", "confiscated", "destroyed", "disposed"}


def test_a_seizure_before_the_case_is_closed_only(bureau):
    """Given a case with no such number, when an item is seized for it through the event path, then it is
    refused as not found (the item must belong to a case)."""
    from lawtrail.events.services import event_record

    with pytest.raises(NotFound):
        event_record(
            name="property.seized",
            subject_key="7d3a3f7e-4a1c-4d33-9a40-1c3b3b7c0001",
            actor=bureau.officer_a,
            payload={
                "case": "NO-SUCH-CASE",
                "measure": "seize",
                "category": "cash",
                "description": "现金",
                "quantity": "100",
                "unit_of_measure": "元",
            },
        )


def test_overdue_lists_items_held_past_24_hours_until_handed_over(bureau, center):
    """Given a phone seized at 15:00, when asked at 14:00 next day it is not overdue, at 15:30 it is; once
    handed over it is not."""
    item = seize_phone(bureau.officer_a, make_case(bureau.officer_a))
    scope = scope_for(bureau.officer_a)
    assert list(overdue_items(scope, now=at("2026-03-02 14:00"))) == []
    assert list(overdue_items(scope, now=at("2026-03-02 15:30"))) == [item]
    _hand_over(bureau, center, item, when="2026-03-02 16:00")
    assert list(overdue_items(scope, now=at("2026-03-02 16:30"))) == []


def test_items_are_scoped_like_their_case_and_the_property_center_keeps_the_bureau_ledger(bureau, center):
    """Given an item of a station A case, then officer A, the unit head and the property center's custodian
    (who keeps the bureau's ledger) see it; officer B (another sub-bureau) and an officer of another bureau
    get NotFound."""
    case = make_case(bureau.officer_a)
    item = seize_phone(bureau.officer_a, case)
    for officer in (bureau.officer_a, bureau.head_sub_a, center.custodian):
        assert item_get(scope_for(officer), item.code) == item
    for officer in (bureau.officer_b, bureau.other_bureau_officer):
        with pytest.raises(NotFound):
            item_get(scope_for(officer), item.code)
    assert list(case_items(case)) == [item]
    assert list(overdue_items(scope_for(center.custodian), now=at("2026-03-03 09:00"))) == [item]


def test_an_imported_seizure_keeps_its_ledger_number_and_the_counter_moves_past_it(bureau, center):
    """Given a seizure imported with ledger number …000041, then the item keeps it and the next seizure
    gets …000042; a malformed or already used number is refused naming payload.code."""
    case = make_case(bureau.officer_a)
    imported = seize_phone(bureau.officer_a, case, code="CW4504002026000041")
    assert imported.code == "CW4504002026000041"
    assert seize_phone(bureau.officer_a, case).code == "CW4504002026000042"
    for bad in ("CW4504002026000041", "CW450400202641", "XX4504002026000050"):
        with pytest.raises(ValidationFailed) as refused:
            seize_phone(bureau.officer_a, case, code=bad)
        assert refused.value.field == "payload.code"
