"""Export, then import into an empty database: the property items with their custody chains and storage
tree, and the center's rooms and stays, come back as they were (they are all events)."""

from __future__ import annotations

from lawtrail.center.models import Belonging, Room, RoomAssignment, Stay
from lawtrail.center.services import room_create, stay_enter, stay_event
from lawtrail.events.models import Event
from lawtrail.property.models import CustodyTransfer, PropertyItem, StorageLocation
from lawtrail.property.services import property_event
from tests.center.helpers import make_center as make_case_center
from tests.events.test_roundtrip import empty_database, export_to, import_from
from tests.factories import at, make_case
from tests.measures.helpers import case_with_suspect, summons
from tests.property.helpers import seize_phone


def _snapshot() -> dict:
    return {
        "locations": sorted(StorageLocation.objects.values_list("center__code", "path", "name", "depth")),
        "items": sorted(
            (i.code, i.status, str(i.quantity), i.holder_label, i.approved_by, i.seized_at, i.handed_over_at)
            for i in PropertyItem.objects.select_related("holder_officer", "holder_unit", "location")
        ),
        "transfers": sorted(
            CustodyTransfer.objects.values_list("item__code", "event_name", "at", "from_label", "to_label")
        ),
        "rooms": sorted(Room.objects.values_list("center__code", "name", "kind")),
        "stays": sorted(
            Stay.objects.values_list(
                "stay_id", "status", "room__name", "checked_by__badge_no", "left_at", "handed_over_to"
            )
        ),
        "belongings": sorted(Belonging.objects.values_list("stay__stay_id", "description", "returned_to")),
        "room_assignments": sorted(
            RoomAssignment.objects.values_list("stay__stay_id", "room__name", "started_at", "ended_at")
        ),
    }


def test_property_and_center_records_survive_export_and_import(bureau, center, tmp_path):
    """Given items seized, handed over, stored, borrowed and returned, and people brought into a center,
    checked, moved and released, when the history is exported, the database emptied and the file imported,
    then every item, custody movement, storage place, room, stay, belonging and room assignment is back."""
    case = make_case(bureau.officer_a)
    kept = seize_phone(bureau.officer_a, case)
    returned = seize_phone(bureau.officer_a, case, when="2026-03-01 15:05")
    for item in (kept, returned):
        property_event(
            item=item,
            name="property.handed_over",
            actor=bureau.officer_a,
            payload={"center": center.unit.code, "received_by": center.custodian.badge_no},
            occurred_at=at("2026-03-02 09:00"),
        )
    property_event(
        item=kept,
        name="property.stored",
        actor=center.custodian,
        payload={"location": "A-01-03"},
        occurred_at=at("2026-03-02 09:10"),
    )
    property_event(
        item=returned,
        name="property.returned",
        actor=center.custodian,
        payload={"recipient": "王强", "approved_by": "所长 刘洋"},
        occurred_at=at("2026-03-03 10:00"),
    )
    case_center = make_case_center(bureau)
    room_create(actor=case_center.staff, center=case_center.unit, name="讯问室3", kind="interview")
    suspect_case, party = case_with_suspect(bureau.officer_a)
    stay = stay_enter(
        actor=bureau.officer_a,
        case=suspect_case,
        party=party,
        center=case_center.unit,
        reason="summons",
        measure=summons(bureau.officer_a, suspect_case, party),
        occurred_at=at("2026-03-01 10:20"),
        room="候问室1",
    )
    stay_event(
        stay=stay,
        name="center.checked",
        actor=case_center.staff,
        payload={"belongings": [{"description": "手机", "quantity": "1部"}]},
        occurred_at=at("2026-03-01 10:25"),
    )
    stay_event(
        stay=stay,
        name="center.room_assigned",
        actor=case_center.staff,
        payload={"room": "讯问室3"},
        occurred_at=at("2026-03-01 10:40"),
    )
    stay_event(
        stay=stay,
        name="center.left",
        actor=bureau.officer_a,
        payload={"reason": "released"},
        occurred_at=at("2026-03-01 14:00"),
    )
    before = _snapshot()
    path = export_to(tmp_path / "events.jsonl")
    n = Event.objects.count()

    empty_database()
    assert not PropertyItem.objects.exists()
    assert not Stay.objects.exists()
    summary = import_from(path)

    assert summary == f"读取 {n} 条事件：导入 {n} 条，跳过已存在的 0 条"
    assert _snapshot() == before
