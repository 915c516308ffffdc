"""The event history: append-only, one transaction per event, occurred_at vs recorded_at, bad input refused."""

import pytest

from lawtrail.cases.models import Party
from lawtrail.cases.services import case_add_party, case_event
from lawtrail.common.errors import NotFound, ValidationFailed
from lawtrail.common.idnumbers import make_id_number
from lawtrail.events.models import AppendOnlyError, Event
from lawtrail.events.services import event_record
from tests.factories import at, make_case


def test_event_keeps_actor_times_and_payload(bureau):
    """Given a case, when a late entry is recorded, then the event keeps who, when it happened, when it was
    recorded, and the payload."""
    case = make_case(bureau.officer_a, when="2026-03-01 10:00")
    event = case_event(
        case=case,
        name="case.investigation_started",
        actor=bureau.officer_a,
        payload={"note": "补录"},
        occurred_at=at("2026-03-02 09:00"),
    )
    assert event.actor_name == "张伟"
    assert event.occurred_at == at("2026-03-02 09:00")
    assert event.recorded_at > event.occurred_at
    assert event.payload == {"note": "补录"}
    assert (event.unit_id, event.bureau_id) == (case.unit_id, case.bureau_id)


def test_events_cannot_be_changed_or_deleted(bureau):
    """Given a recorded event, when it is saved again, updated or deleted, then each attempt is refused."""
    event = make_case(bureau.officer_a).events.first()
    event.payload = {"title": "改过的"}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(name="case.closed")
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()


def test_future_event_is_refused(bureau):
    """Given a case, when an event is dated a day after it is recorded, then it is refused."""
    case = make_case(bureau.officer_a)
    with pytest.raises(ValidationFailed) as refused:
        event_record(
            name="case.filed",
            subject_key=case.number,
            actor=None,
            payload={},
            occurred_at=at("2026-03-05 10:00"),
            recorded_at=at("2026-03-04 10:00"),
        )
    assert refused.value.field == "occurred_at"


def test_event_before_acceptance_is_refused(bureau):
    """Given a case accepted on 1 March, when it is filed "on 28 February", then the date is refused."""
    case = make_case(bureau.officer_a, when="2026-03-01 10:00")
    with pytest.raises(ValidationFailed) as refused:
        case_event(case=case, name="case.filed", actor=bureau.officer_a, occurred_at=at("2026-02-28 10:00"))
    assert "早于受案时间" in refused.value.message


def test_unknown_field_and_unknown_event_are_refused(bureau):
    """Given a case, when a payload carries a misspelt field or the event name is unknown, then both are refused."""
    case = make_case(bureau.officer_a)
    with pytest.raises(ValidationFailed) as misspelt:
        case_event(case=case, name="case.filed", actor=None, payload={"notes": "x"})
    assert misspelt.value.field == "payload.notes"
    with pytest.raises(ValidationFailed) as unknown:
        event_record(name="case.teleported", subject_key=case.number, actor=None, payload={})
    assert unknown.value.code == "unknown_event"


def test_unknown_subject_is_not_found(bureau):
    with pytest.raises(NotFound):
        event_record(name="case.filed", subject_key="X000", actor=None, payload={})


def test_party_with_bad_checksum_writes_nothing(bureau):
    """Given a case, when a party with a wrong GB 11643 check character is added, then the field is named and
    neither a party nor an event is written."""
    case = make_case(bureau.officer_a)
    good = make_id_number("450403", at("1990-05-17 00:00").date(), 123)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    before = Event.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        case_add_party(case=case, actor=bureau.officer_a, role="admin_suspect", name="李四", id_number=bad)
    assert refused.value.field == "payload.id_number"
    assert "校验位" in refused.value.message
    assert Event.objects.count() == before
    assert not Party.objects.exists()


def test_minor_is_derived_from_id_number(bureau):
    """Given a party born 2010-06-01, when added to a case accepted in 2026, then they are recorded as a minor."""
    case = make_case(bureau.officer_a, when="2026-03-01 10:00")
    case_add_party(
        case=case,
        actor=bureau.officer_a,
        role="victim",
        name="小明",
        id_number=make_id_number("450403", at("2010-06-01 00:00").date(), 7),
        occurred_at=at("2026-03-01 11:00"),
    )
    assert Party.objects.get().is_minor is True


def test_auxiliary_officer_cannot_lead(bureau):
    """Given an auxiliary officer, when assigned as lead handler, then it is refused; as assisting it is allowed."""
    case = make_case(bureau.officer_a)
    with pytest.raises(ValidationFailed) as refused:
        case_event(
            case=case,
            name="case.handler_assigned",
            actor=bureau.officer_a,
            payload={"officer": bureau.auxiliary_a.badge_no, "role": "lead"},
        )
    assert refused.value.code == "auxiliary_lead"
    case_event(
        case=case,
        name="case.handler_assigned",
        actor=bureau.officer_a,
        payload={"officer": bureau.auxiliary_a.badge_no, "role": "assisting"},
    )
    assert case.handlers.filter(released_at__isnull=True).count() == 2


def test_new_lead_replaces_previous_lead(bureau):
    case = make_case(bureau.officer_a)
    case_event(
        case=case,
        name="case.handler_assigned",
        actor=bureau.head_sub_a,
        payload={"officer": bureau.officer_a2.badge_no, "role": "lead"},
    )
    active = case.handlers.filter(released_at__isnull=True)
    assert [(h.officer.badge_no, h.role) for h in active] == [(bureau.officer_a2.badge_no, "lead")]
