"""The case-handling center: entry (with the measure's arrival), the safety check and belongings, rooms over
time, exit (ending the measure) and hand-over (jailing it), the state machine, the board, and scoping."""

from __future__ import annotations

import pytest

from lawtrail.center.choices import StayStatus
from lawtrail.center.machine import STAY_MACHINE
from lawtrail.center.selectors import board, stay_get
from lawtrail.center.services import stay_enter, stay_event
from lawtrail.common.errors import NotFound, TransitionNotAllowed, ValidationFailed
from lawtrail.events.models import Event
from lawtrail.org.policies import scope_for
from tests.factories import at
from tests.measures.helpers import case_with_suspect, summons


def _enter(bureau, center, *, kind="admin", when="2026-03-01 10:20", measure_kind="summons", **extra):
    case, party = case_with_suspect(bureau.officer_a, kind=kind)
    measure = summons(bureau.officer_a, case, party, kind=measure_kind)
    stay = stay_enter(
        actor=bureau.officer_a,
        case=case,
        party=party,
        center=center.unit,
        reason=measure_kind,
        measure=measure,
        occurred_at=at(when),
        room="候问室1",
        **extra,
    )
    return stay


def test_entering_under_a_summons_records_the_arrival_and_puts_the_person_in_a_room(bureau, center):
    """Given a suspect summoned at 10:10, when brought into the center at 10:20 into 候问室1, then the stay is
    in, the summons has arrived at 10:20 (its clock runs from here), and the case history has
    center.entered and measure.arrived in the same moment."""
    stay = _enter(bureau, center)
    assert (stay.status, stay.room, stay.brought_by) == (StayStatus.IN, center.waiting, bureau.officer_a)
    stay.measure.refresh_from_db()
    assert stay.measure.arrived_at == at("2026-03-01 10:20")
    names = list(Event.objects.filter(case=stay.case).values_list("name", flat=True).order_by("seq"))
    assert names[-2:] == ["center.entered", "measure.arrived"]
    entered = Event.objects.get(name="center.entered")
    assert entered.payload["measure_id"] == str(stay.measure.measure_id)


def test_check_rooms_and_release_return_belongings_and_end_the_summons(bureau, center):
    """Given a person in the center, when checked (a lighter found, a phone and a wallet kept), moved to
    询问室2 at 10:40 and released at 14:00, then the rooms have a closed history, the belongings are back
    with the person, and the summons has ended (released) at 14:00."""
    stay = _enter(bureau, center)
    stay = stay_event(
        stay=stay,
        name="center.checked",
        actor=center.staff,
        payload={
            "items_found": "打火机一个",
            "injuries": "",
            "health_note": "自述身体健康",
            "belongings": [
                {"description": "手机", "quantity": "1部"},
                {"description": "钱包", "quantity": "1个"},
            ],
        },
        occurred_at=at("2026-03-01 10:25"),
    )
    assert (stay.checked_by, stay.items_found) == (center.staff, "打火机一个")
    with pytest.raises(TransitionNotAllowed):
        stay_event(stay=stay, name="center.checked", actor=center.staff, payload={})
    stay = stay_event(
        stay=stay,
        name="center.room_assigned",
        actor=center.staff,
        payload={"room": "询问室2"},
        occurred_at=at("2026-03-01 10:40"),
    )
    stay = stay_event(
        stay=stay,
        name="center.left",
        actor=bureau.officer_a,
        payload={"reason": "released"},
        occurred_at=at("2026-03-01 14:00"),
    )
    rooms = [(a.room.name, a.started_at, a.ended_at) for a in stay.room_assignments.all()]
    assert rooms == [
        ("候问室1", at("2026-03-01 10:20"), at("2026-03-01 10:40")),
        ("询问室2", at("2026-03-01 10:40"), at("2026-03-01 14:00")),
    ]
    assert [(b.description, b.returned_to) for b in stay.belongings.all()] == [
        ("手机", "王强"),
        ("钱包", "王强"),
    ]
    assert (stay.status, stay.room) == (StayStatus.LEFT, None)
    stay.measure.refresh_from_db()
    assert (stay.measure.status, stay.measure.ended_at) == ("ended", at("2026-03-01 14:00"))


def test_hand_over_to_the_detention_house_jails_the_detention(bureau, center):
    """Given a criminal suspect detained (刑事拘留) and brought in, when handed over to the 看守所, then the
    stay is handed over and the detention is jailed at that moment (the 24-hour rule sees it)."""
    stay = _enter(bureau, center, kind="criminal", measure_kind="criminal_detention")
    stay = stay_event(
        stay=stay,
        name="center.handed_over",
        actor=bureau.officer_a,
        payload={"place": "detention_house", "to": "梧州市看守所"},
        occurred_at=at("2026-03-01 18:00"),
    )
    assert (stay.status, stay.handed_over_to) == (StayStatus.HANDED_OVER, "梧州市看守所")
    stay.measure.refresh_from_db()
    assert stay.measure.jailed_at == at("2026-03-01 18:00")
    with pytest.raises(TransitionNotAllowed) as refused:
        stay_event(stay=stay, name="center.left", actor=bureau.officer_a, payload={"reason": "released"})
    assert "当前状态为「已移交羁押场所」" in refused.value.message


@pytest.mark.parametrize("event", sorted(STAY_MACHINE.transitions))
@pytest.mark.parametrize("status", [StayStatus.LEFT, StayStatus.HANDED_OVER])
def test_nothing_happens_to_a_stay_that_has_ended(bureau, center, event, status):
    """Given the stay machine, then every step is allowed only while the person is in."""
    assert STAY_MACHINE.transition(event).sources == {StayStatus.IN}
    with pytest.raises(TransitionNotAllowed):
        STAY_MACHINE.check(event, status)


def test_wrong_center_room_and_a_second_entry_are_refused(bureau, center):
    """Given a person in the center, when the same person is brought in again, or a room that does not
    exist is asked for, or another unit is named as the center, then each is refused naming what is wrong
    and nothing is written."""
    stay = _enter(bureau, center)
    before = Event.objects.count()
    with pytest.raises(TransitionNotAllowed) as refused:
        stay_enter(
            actor=bureau.officer_a, case=stay.case, party=stay.party, center=center.unit, reason="other"
        )
    assert "已在办案中心" in refused.value.message
    with pytest.raises(ValidationFailed) as refused:
        stay_event(
            stay=stay, name="center.room_assigned", actor=center.staff, payload={"room": "不存在的房间"}
        )
    assert refused.value.field == "payload.room"
    with pytest.raises(ValidationFailed) as refused:
        stay_enter(
            actor=bureau.officer_a, case=stay.case, party=stay.party, center=bureau.station_a, reason="other"
        )
    assert refused.value.field == "payload.center"
    assert Event.objects.count() == before


def test_the_board_shows_who_is_in_with_the_time_left(bureau, center):
    """Given a summoned person in since 10:20 (8 hours: 18:20), when the board is read at 17:30, then they
    are on it in 候问室1 with 0:50 left (red); after release they are gone."""
    stay = _enter(bureau, center)
    rows = board(scope_for(center.staff), center.unit, now=at("2026-03-01 17:30"))
    assert [(r.stay, r.stay.room.name, r.due, r.left_text, r.urgency) for r in rows] == [
        (stay, "候问室1", at("2026-03-01 18:20"), "0小时50分", "red")
    ]
    late = board(scope_for(center.staff), center.unit, now=at("2026-03-01 18:50"))
    assert (late[0].left_text, late[0].urgency) == ("超时 0小时30分", "over")
    stay_event(
        stay=stay,
        name="center.left",
        actor=bureau.officer_a,
        payload={"reason": "released"},
        occurred_at=at("2026-03-01 18:00"),
    )
    assert board(scope_for(center.staff), center.unit, now=at("2026-03-01 18:30")) == []


def test_a_criminal_summons_has_12_hours_and_extensions_count(bureau, center):
    """Given a criminal suspect summoned and brought in at 10:20, then the board's limit is 12 hours
    (刑事诉讼法 第119条)."""
    _enter(bureau, center, kind="criminal")
    (row,) = board(scope_for(center.staff), center.unit, now=at("2026-03-01 11:00"))
    assert (row.limit_hours, row.due) == (12, at("2026-03-01 22:20"))


def test_stays_are_scoped_like_their_case_and_visible_to_the_center(bureau, center):
    """Given a stay of a station A case, then officer A and the center's staff see it; officer B (another
    sub-bureau) gets NotFound, as does a malformed id."""
    stay = _enter(bureau, center)
    assert stay_get(scope_for(bureau.officer_a), str(stay.stay_id)) == stay
    assert stay_get(scope_for(center.staff), str(stay.stay_id)) == stay
    with pytest.raises(NotFound):
        stay_get(scope_for(bureau.officer_b), str(stay.stay_id))
    with pytest.raises(NotFound):
        stay_get(scope_for(bureau.officer_a), "not-a-uuid")


def test_a_person_without_a_measure_has_no_clock(bureau, center):
    """Given a witness who came voluntarily (no measure), then the board shows no limit for them."""
    case, party = case_with_suspect(bureau.officer_a)
    stay_enter(
        actor=bureau.officer_a,
        case=case,
        party=party,
        center=center.unit,
        reason="voluntary",
        occurred_at=at("2026-03-01 10:30"),
    )
    (row,) = board(scope_for(center.staff), center.unit, now=at("2026-03-01 11:00"))
    assert (row.due, row.urgency, row.left_text) == (None, "none", "")


def test_an_interview_room_in_use_is_refused_a_waiting_room_is_shared(bureau, center):
    """Given one person in 询问室2, when a second is sent to 询问室2, then it is refused (room in use); both
    may share 候问室1."""
    first = _enter(bureau, center)
    first = stay_event(
        stay=first,
        name="center.room_assigned",
        actor=center.staff,
        payload={"room": "询问室2"},
        occurred_at=at("2026-03-01 10:30"),
    )
    case, party = case_with_suspect(bureau.officer_a)
    second = stay_enter(
        actor=bureau.officer_a,
        case=case,
        party=party,
        center=center.unit,
        reason="voluntary",
        occurred_at=at("2026-03-01 10:35"),
        room="候问室1",
    )
    with pytest.raises(TransitionNotAllowed) as refused:
        stay_event(stay=second, name="center.room_assigned", actor=center.staff, payload={"room": "询问室2"})
    assert "正在使用中" in refused.value.message
    assert second.room == center.waiting
